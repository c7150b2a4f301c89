package io.orderhub.kpi;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.KameletEndpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells {@link ChannelSync} of every poll of a channel: a route {@code poll-<channel>} that consumes a Kamelet source
 * (routes/ingest-shopify.yaml) is polled by that Kamelet's timer, and each exchange of the Kamelet's route is one
 * poll, ended well or failed. Either route may be created first.
 */
public class PollWatch implements RoutePolicyFactory {

    private static final String POLL = "poll-";

    private final ChannelSync sync;
    private final Map<String, String> channelBySourceRoute = new ConcurrentHashMap<>();

    public PollWatch(ChannelSync sync) {
        this.sync = sync;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode node) {
        return new RoutePolicySupport() {
            @Override
            public void onInit(Route route) {
                if (route.getRouteId().startsWith(POLL) && route.getEndpoint() instanceof KameletEndpoint kamelet
                        && kamelet.getRouteId() != null) {
                    channelBySourceRoute.put(kamelet.getRouteId(), route.getRouteId().substring(POLL.length()));
                }
            }

            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                String channel = channelBySourceRoute.get(route.getRouteId());
                // bad input caught on the way (kept in the error store) does not make the poll fail; what the
                // source was not acknowledged for does
                if (channel != null) {
                    sync.polled(channel, exchange.getException());
                }
            }
        };
    }
}
