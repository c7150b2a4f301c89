package io.orderhub.e2e;

import io.orderhub.canonical.OrderIds;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ERP delivery marks DELIVERED only for a sale the ERP queue holds: a failure after the ledger update (as if
 * the hub died before the delivery consumer's commit) rolls the consumer back, yet the ERP has the sale, once.
 */
class ErpDeliveryTest extends HubTestSupport {

    private static final AtomicBoolean FAIL_AFTER_LEDGER = new AtomicBoolean();

    @Test
    void aFailureAfterTheLedgerUpdateDoesNotLoseTheSale() throws Exception {
        AdviceWith.adviceWith(camel, "deliver-erp", route -> route.weaveAddLast().process(exchange -> {
            if (FAIL_AFTER_LEDGER.compareAndSet(true, false)) {
                throw new IllegalStateException("the hub died after the ledger update, before the consumer's commit");
            }
        }));
        long id = 7_600_000_001L;
        FAIL_AFTER_LEDGER.set(true);
        post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id));
        String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(erp.messagesFor(orderId)).extracting(m -> m.path("event").asText()).contains("created"));
        assertThat(FAIL_AFTER_LEDGER.get()).as("the failure happened").isFalse();
        // the redelivered consumer message found the delivery done and sent nothing more
        Thread.sleep(1000);
        assertThat(erp.messagesFor(orderId)).extracting(m -> m.path("event").asText()).containsOnlyOnce("created");
    }
}
