package io.orderhub.edi;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Makes the routes of every trading partner in {@code hub.edi.partners} from the edi-inbound and edi-outbound
 * templates (routes/edi-inbound.yaml, which hold the SFTP endpoints), once the route files are loaded: onboarding a
 * partner is configuration. Here is only what depends on the partner: how it logs in (password or key), whether its
 * host key is checked (always, against the known-hosts file, outside the sandbox), and its timings.
 */
public class EdiPartnerRoutes implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EdiPartnerRoutes.class);

    private final Map<String, EdiPartner> partners;

    public EdiPartnerRoutes(Map<String, EdiPartner> partners) {
        this.partners = partners;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // the template comes from routes/, which is loaded after this runs
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        partners.forEach((id, partner) -> {
            if (!partner.enabled()) {
                return;
            }
            login(TemplatedRouteBuilder.builder(camel, "edi-outbound"), id, partner)
                    .routeId("edi-outbound-" + id)
                    .parameter("folder", partner.outboundDir())
                    .add();
            long minAge = partner.readLockMinAge().toMillis();
            login(TemplatedRouteBuilder.builder(camel, "edi-inbound"), id, partner)
                    .routeId("edi-inbound-" + id)
                    .parameter("folder", partner.inboundDir())
                    .parameter("delay", partner.pollDelay().toMillis())
                    .parameter("readLockMinAge", minAge)
                    .parameter("readLockCheckInterval", Math.max(200, minAge / 2))
                    .parameter("readLockTimeout", Math.max(20_000, minAge * 4))
                    .add();
            LOG.info("EDI partner {}: polling sftp://{}@{}:{}/{} ({}, host key {})", id, partner.user(), partner.host(),
                    partner.port(), partner.inboundDir(), partner.standard(),
                    partner.knownHostsFile().isBlank() ? "NOT checked (sandbox)" : "checked against " + partner.knownHostsFile());
        });
    }

    /** How the partner logs in; a password or key left empty is not passed, so the endpoint has no such option. */
    private static TemplatedRouteBuilder login(TemplatedRouteBuilder route, String id, EdiPartner partner) {
        route.parameter("partner", id).parameter("host", partner.host()).parameter("port", partner.port())
                .parameter("user", partner.user())
                .parameter("strictHostKeyChecking", partner.knownHostsFile().isBlank() ? "no" : "yes");
        optional(route, "password", partner.password());
        optional(route, "privateKeyFile", partner.privateKeyFile());
        optional(route, "knownHostsFile", partner.knownHostsFile());
        return route;
    }

    private static void optional(TemplatedRouteBuilder route, String name, String value) {
        if (!value.isBlank()) {
            route.parameter(name, value);
        }
    }
}
