package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.InvalidOrderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeOrdersTest {

    private final NativeOrders orders = new NativeOrders(new ObjectMapper(), 1000, 16, 200);

    @Test
    void aWebhookBodyIsOneOrderAndAPageIsMany() {
        assertThat(orders.split("{\"id\":1}", "orders")).containsExactly("{\"id\":1}");
        assertThat(orders.split("{\"orders\":[{\"id\":1},{\"id\":2}]}", "orders")).containsExactly("{\"id\":1}", "{\"id\":2}");
        assertThat(orders.split("[{\"id\":1}]", "orders")).containsExactly("{\"id\":1}");
        assertThat(orders.split("{\"orders\":[]}", "orders")).isEmpty();
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> orders.split("{\"id\": 1,\n \"name\": }", "orders"))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageStartingWith("malformed JSON at line 2, column")
                .extracting(e -> ((InvalidOrderException) e).kind()).isEqualTo(InvalidOrderException.Kind.MALFORMED);
    }

    @Test
    void refusesEmptyAndOversizeAndNonObjects() {
        assertThatThrownBy(() -> orders.split(" ", "orders")).hasMessageContaining("empty payload");
        assertThatThrownBy(() -> orders.split("{\"x\":\"" + "a".repeat(1000) + "\"}", "orders"))
                .hasMessageContaining("larger than hub.ingest.max-payload-bytes=1000");
        assertThatThrownBy(() -> orders.split("42", "orders")).hasMessageContaining("expected a JSON object or array");
        assertThatThrownBy(() -> orders.split("{\"orders\":{}}", "orders")).hasMessageContaining("is not an array");
    }
}
