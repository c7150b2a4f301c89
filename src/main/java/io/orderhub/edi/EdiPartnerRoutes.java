package io.orderhub.edi;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Makes the routes of every trading partner in {@code hub.edi.partners} from the edi-inbound and edi-outbound
 * templates, once the
 * route files are loaded: onboarding a partner is configuration. The SFTP endpoints are built here because their
 * options depend on how the partner logs in (password or key) and on whether its host key is checked (always,
 * against the known-hosts file, outside the sandbox).
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
            TemplatedRouteBuilder.builder(camel, "edi-outbound")
                    .routeId("edi-outbound-" + id)
                    .parameter("partner", id)
                    .parameter("outboundUri", outboundUri(partner))
                    .add();
            TemplatedRouteBuilder.builder(camel, "edi-inbound")
                    .routeId("edi-inbound-" + id)
                    .parameter("partner", id)
                    .parameter("inboundUri", inboundUri(partner))
                    .add();
            LOG.info("EDI partner {}: polling sftp://{}@{}:{}/{} ({}, host key {})", id, partner.user(), partner.host(),
                    partner.port(), partner.inboundDir(), partner.standard(),
                    partner.knownHostsFile().isBlank() ? "NOT checked (sandbox)" : "checked against " + partner.knownHostsFile());
        });
    }

    /** Polls the inbound folder; a file is read only after it has stopped changing for readLockMinAge. */
    static String inboundUri(EdiPartner partner) {
        return base(partner, partner.inboundDir())
                + "&delay=" + partner.pollDelay().toMillis()
                + "&readLock=changed&readLockCheckInterval=" + Math.max(200, partner.readLockMinAge().toMillis() / 2)
                + "&readLockMinAge=" + partner.readLockMinAge().toMillis()
                // an empty file is read (and refused) too, not left in the folder for ever
                + "&readLockMinLength=0"
                + "&readLockTimeout=" + Math.max(20_000, partner.readLockMinAge().toMillis() * 4)
                // the time in front keeps a re-sent file from colliding with the first one
                + "&move=" + encode("${exchangeProperty.hubEdiFolder}/${date:now:yyyyMMdd-HHmmss-SSS}-${file:name}")
                + "&exclude=" + encode("^\\..*") // hidden files: a partner's upload still in progress
                // streamed: the route reads at most hub.edi.max-file-bytes of a file (EdiInbound.readBounded)
                + "&streamDownload=true"
                + "&maxMessagesPerPoll=50";
    }

    /**
     * Writes under a hidden temporary name and renames, so the partner never picks up half a file. A file of the
     * same name is the same document written again by a retry (its bytes are fixed, EdiOutbound.write), so it is
     * overwritten rather than failing the retry for ever.
     */
    static String outboundUri(EdiPartner partner) {
        return base(partner, partner.outboundDir())
                + "&fileName=" + encode("${exchangeProperty.hubEdiFile}")
                + "&tempPrefix=.&fileExist=Override";
    }

    private static String base(EdiPartner partner, String folder) {
        StringBuilder uri = new StringBuilder("sftp://").append(partner.user()).append('@').append(partner.host())
                .append(':').append(partner.port()).append('/').append(folder)
                .append("?binary=true&autoCreate=true&useUserKnownHostsFile=false&disconnect=false&throwExceptionOnConnectFailed=false");
        if (!partner.password().isBlank()) {
            uri.append("&password=RAW(").append(partner.password()).append(')');
        }
        if (!partner.privateKeyFile().isBlank()) {
            uri.append("&privateKeyFile=").append(encode(partner.privateKeyFile()));
        }
        if (partner.knownHostsFile().isBlank()) {
            uri.append("&strictHostKeyChecking=no");
        } else {
            uri.append("&strictHostKeyChecking=yes&knownHostsFile=").append(encode(partner.knownHostsFile()));
        }
        return uri.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
