package io.orderhub.api;

import io.orderhub.pipeline.CarrierShipments;
import io.orderhub.store.TransitionResult;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Carriers push tracking here, each in its own format (mappings/carriers/<carrier>/tracking.jsonata). */
@RestController
public class CarriersController {

    private final ProducerTemplate producer;
    private final CarrierShipments carriers;

    public CarriersController(ProducerTemplate producer, CarrierShipments carriers) {
        this.producer = producer;
        this.carriers = carriers;
    }

    @PostMapping(value = "/api/carriers/{carrier}/tracking", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TransitionResult tracking(@PathVariable String carrier, @RequestBody String report) {
        String key;
        try {
            key = carriers.known(carrier);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        return OrdersController.transition(producer.request("direct:carrier-tracking", exchange -> {
            exchange.getMessage().setHeader("hubCarrier", key);
            exchange.getMessage().setBody(report);
        }));
    }
}
