package io.orderhub.api;

import org.apache.camel.CamelContext;
import org.apache.camel.component.ResourceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.Map;

/**
 * The mappings (mappings/<system>/*.jsonata) are read once and cached by the routes' JSONata endpoints; after a
 * team mends one on disk this makes every route read its file again, so the refused input can be replayed.
 */
@RestController
public class MappingsController {

    private static final Logger LOG = LoggerFactory.getLogger(MappingsController.class);

    private final CamelContext camel;

    public MappingsController(CamelContext camel) {
        this.camel = camel;
    }

    @PostMapping("/api/mappings/reload")
    public Map<String, Integer> reload(Principal admin) {
        int cleared = 0;
        for (var endpoint : camel.getEndpoints()) {
            if (endpoint instanceof ResourceEndpoint resource) {
                resource.clearContentCache();
                cleared++;
            }
        }
        LOG.info("Mappings read again by {} endpoints, at the request of {}", cleared, admin.getName());
        return Map.of("mappings", cleared);
    }
}
