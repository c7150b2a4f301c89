package io.orderhub.api;

import io.orderhub.privacy.CustomerData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * A customer's right to erasure: {@code POST /api/privacy/erasure {"email": ...}} (admin). Final orders are
 * anonymised at once; open ones keep what their fulfilment needs and are anonymised as soon as they are final.
 */
@RestController
public class PrivacyController {

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyController.class);

    private final CustomerData customers;

    public PrivacyController(CustomerData customers) {
        this.customers = customers;
    }

    @PostMapping("/api/privacy/erasure")
    public CustomerData.Erasure erase(@RequestBody ErasureRequest request, Principal admin) {
        if (request == null || request.email() == null || !request.email().contains("@")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "email is required: the customer's e-mail address");
        }
        CustomerData.Erasure erasure = customers.erase(request.email());
        LOG.info("Erasure of {} asked for by {}: {} orders anonymised, {} open ones once final, {} error payloads and "
                + "{} EDI texts deleted", request.email(), admin.getName(), erasure.erased().size(),
                erasure.pending().size(), erasure.errorPayloads(), erasure.documentBodies());
        return erasure;
    }

    public record ErasureRequest(String email) {
    }
}
