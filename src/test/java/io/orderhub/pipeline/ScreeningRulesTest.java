package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.canonical.CanonicalJson;
import io.orderhub.enrich.RuleFile;
import io.orderhub.lifecycle.Hold;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of mappings/holds/screen.jsonata, one at a time, on a mapped order and the facts the hub adds. */
class ScreeningRulesTest {

    private final ObjectMapper json = CanonicalJson.newMapper();
    private final RuleFile screen = new RuleFile(Path.of("mappings", "holds", "screen.jsonata"), json);
    private final HoldRules holds = new HoldRules(json, null, java.time.Duration.ZERO, java.time.Clock.systemUTC());

    @Test
    void anOrdinaryOrderPasses() throws Exception {
        assertThat(fired(order(0))).isEmpty();
    }

    @Test
    void theSixthOrderOfOneCustomerWithinTheWindowIsHeld() throws Exception {
        assertThat(fired(order(4))).isEmpty();
        assertThat(fired(order(5))).singleElement().satisfies(hold -> {
            assertThat(hold.rule()).isEqualTo("velocity");
            assertThat(hold.reason()).isEqualTo("customer dana@example.com placed 6 orders within 10 minutes (limit 5)");
        });
    }

    @Test
    void aMissingPostalCodeAndAForeignBillingAddressFireTogether() throws Exception {
        ObjectNode order = order(0);
        order.with("shipTo").remove("postalCode");
        order.with("billTo").put("countryCode", "CA");
        assertThat(fired(order)).extracting(Hold::rule).containsExactly("address-incomplete", "countries-differ");
    }

    @Test
    void theHubsOwnFindingsComeFirst() throws Exception {
        List<Hold> found = List.of(new Hold("sku-unknown", "no master SKU for X"));
        assertThat(holds.fired(json.writeValueAsString(screen.evaluate(order(5))), found))
                .extracting(Hold::rule).containsExactly("sku-unknown", "velocity");
    }

    private List<Hold> fired(ObjectNode order) throws Exception {
        return holds.fired(json.writeValueAsString(screen.evaluate(order)), List.of());
    }

    private ObjectNode order(int customerOrders) {
        ObjectNode order = json.createObjectNode().put("channel", "shopify").put("currency", "USD");
        order.putObject("customer").put("email", "dana@example.com");
        order.putObject("shipTo").put("countryCode", "US").put("postalCode", "97201");
        order.putObject("billTo").put("countryCode", "US");
        order.putObject("totals").put("grandTotal", "23.95");
        order.putObject("screening").put("customerOrders", customerOrders).put("windowMinutes", 10);
        return order;
    }
}
