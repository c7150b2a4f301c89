package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HepsiburadaPackagesTest {

    private static final String REQUEST = """
            {"action": "ship", "orderNumber": "4100000001",
             "package": {"lineItemRequests": [{"id": "a", "quantity": 1}, {"id": "b", "quantity": 2}]}}""";

    private final HepsiburadaPackages packages = new HepsiburadaPackages(new ObjectMapper());

    @Test
    void linesInNoPackageArePackedAndPutInTransit() throws Exception {
        String detail = detail("{\"id\": \"a\", \"status\": \"Open\"}", "{\"id\": \"b\", \"status\": \"Open\"}");

        assertThat(packages.packageOf(detail, REQUEST)).isEmpty();
        assertThat(packages.pastPackaged(detail, REQUEST)).isFalse();
    }

    @Test
    void linesPackedByALostAttemptUseThatPackageAndGoInTransitOnlyOnce() throws Exception {
        String packed = detail("{\"id\": \"a\", \"status\": \"Packaged\", \"packageNumber\": \"7000000001\"}",
                "{\"id\": \"b\", \"status\": \"Packaged\", \"packageNumber\": \"7000000001\"}",
                "{\"id\": \"other\", \"status\": \"Open\"}");
        String inTransit = packed.replace("Packaged", "InTransit");

        assertThat(packages.packageOf(packed, REQUEST)).isEqualTo("7000000001");
        assertThat(packages.pastPackaged(packed, REQUEST)).isFalse();
        assertThat(packages.packageOf(inTransit, REQUEST)).isEqualTo("7000000001");
        assertThat(packages.pastPackaged(inTransit, REQUEST)).isTrue();
    }

    @Test
    void linesPackedInPartElsewhereFailTheDeliveryWithAReason() {
        String detail = detail("{\"id\": \"a\", \"status\": \"Packaged\", \"packageNumber\": \"7000000009\"}",
                "{\"id\": \"b\", \"status\": \"Open\"}");

        assertThatThrownBy(() -> packages.packageOf(detail, REQUEST))
                .hasMessageContaining("order 4100000001").hasMessageContaining("7000000009");
    }

    private static String detail(String... rows) {
        return "{\"orderNumber\": \"4100000001\", \"items\": [" + String.join(", ", rows) + "]}";
    }
}
