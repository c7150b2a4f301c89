package io.orderhub.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.KameletEndpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kamelet source's own route starts only with the route that consumes it. Camel starts a source's route (its
 * poll timer) even when the consuming route has {@code autoStartup: false}, so a channel switched off
 * ({@code hub.channels.<channel>.enabled=false}, as every channel is in production until configured) still polled
 * its API, with empty credentials, every interval. Either route may be created first.
 */
public class KameletRoutesFollowTheirRoute implements RoutePolicyFactory {

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode node) {
        return new RoutePolicySupport() {
            @Override
            public void onInit(Route route) {
                if (route.getEndpoint() instanceof KameletEndpoint kamelet && Boolean.FALSE.equals(route.isAutoStartup())
                        && kamelet.getRouteId() != null) {
                    held.add(kamelet.getRouteId());
                    Route source = camel.getRoute(kamelet.getRouteId());
                    if (source != null) {
                        source.setAutoStartup(false);
                    }
                }
                if (held.contains(route.getRouteId())) {
                    route.setAutoStartup(false);
                }
            }
        };
    }
}
