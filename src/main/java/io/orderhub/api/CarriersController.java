package io.orderhub.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.config.HubProperties;
import io.orderhub.pipeline.CarrierShipments;
import io.orderhub.store.TransitionResult;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Carriers push tracking, each in its own format (mappings/carriers/<carrier>/tracking.jsonata): to
 * {@code /api/carriers/{carrier}/tracking} with a hub login (scope carrier:<carrier>), or to
 * {@code /webhooks/carriers/{carrier}} authenticated the way the carrier authenticates its pushes (UPS Track
 * Alert's subscription credential, FedEx's signature over the body; WebhookSignatures), checked on the raw bytes
 * before anything is parsed.
 */
@RestController
public class CarriersController {

    private static final Logger LOG = LoggerFactory.getLogger(CarriersController.class);

    private final ProducerTemplate producer;
    private final CarrierShipments carriers;
    private final WebhookSignatures signatures;
    private final MeterRegistry meters;
    private final int maxPayloadBytes;

    public CarriersController(ProducerTemplate producer, CarrierShipments carriers, WebhookSignatures signatures,
                              MeterRegistry meters, HubProperties hub) {
        this.producer = producer;
        this.carriers = carriers;
        this.signatures = signatures;
        this.meters = meters;
        this.maxPayloadBytes = hub.ingest().maxPayloadBytes();
    }

    @PostMapping(value = "/api/carriers/{carrier}/tracking", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TransitionResult tracking(@PathVariable String carrier, @RequestBody String report) {
        return report(known(carrier), report);
    }

    @PostMapping(value = "/webhooks/carriers/{carrier}")
    public TransitionResult webhook(@PathVariable String carrier, HttpServletRequest request) throws IOException {
        String key = known(carrier);
        if (!signatures.carrierConfigured(key)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no tracking webhook is configured for carrier '" + key + "'");
        }
        byte[] body = request.getInputStream().readNBytes(maxPayloadBytes + 1);
        if (body.length > maxPayloadBytes) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "a tracking push is at most " + maxPayloadBytes
                    + " bytes");
        }
        String problem = signatures.carrierProblem(key, request::getHeader, body);
        if (problem != null) {
            meters.counter("hub.webhooks.rejected", "channel", "carrier:" + key).increment();
            LOG.warn("Refused a {} tracking push from {}: {}", key, request.getRemoteAddr(), problem);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "tracking push credential or signature missing or invalid");
        }
        return report(key, new String(body, StandardCharsets.UTF_8));
    }

    private String known(String carrier) {
        try {
            return carriers.known(carrier);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    private TransitionResult report(String key, String report) {
        return OrdersController.transition(producer.request("direct:carrier-tracking", exchange -> {
            exchange.getMessage().setHeader("hubCarrier", key);
            exchange.getMessage().setBody(report);
        }));
    }
}
