package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.edi.EdiDocuments;
import io.orderhub.privacy.CustomerData;
import io.orderhub.privacy.PersonalData;
import io.orderhub.sandbox.SandboxLogins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data is kept only as long as hub.retention allows, and a customer's is erased on request; what happened
 * to the order (its lifecycle, its deliveries, its documents' control numbers) stays. Time passes here by moving
 * the rows' timestamps back, as if the hub had kept them that long.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivacyTest extends HubTestSupport {

    @Autowired
    CustomerData customers;

    @Autowired
    EdiDocuments documents;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pastItsRetentionAFinalOrderLosesItsCustomerDataAndKeepsItsHistory() {
        String old = canceledOrder(7_820_000_001L, "old.customer@example.com");
        String recent = canceledOrder(7_820_000_002L, "recent.customer@example.com");
        jdbc.update("UPDATE orders SET updated_at = ? WHERE order_id = ?", daysAgo(100), old);
        String rawHash = jdbc.queryForObject("SELECT raw_hash FROM orders WHERE order_id = ?", String.class, old);
        int deliveries = ops().getForObject("/api/orders/" + old + "/deliveries", JsonNode.class).size();
        String broken = "{\"id\": 7820000003, \"email\": \"old.customer@example.com\", \"name\": }";
        String errorId = post("/api/channels/shopify/orders", broken).getBody().path("errorId").asText();
        jdbc.update("UPDATE error_store SET received_at = ? WHERE error_id = ?", daysAgo(40), errorId);
        String documentId = document(old, 400);

        CustomerData.Run run = customers.retain();

        assertThat(run.orders()).isGreaterThanOrEqualTo(1);
        JsonNode erased = ops().getForObject("/api/orders/" + old, JsonNode.class);
        assertThat(erased.path("customer").path("name").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(erased.path("customer").has("email")).isFalse();
        assertThat(erased.path("shipTo").has("line1")).isFalse();
        assertThat(erased.path("shipTo").path("city").asText()).isEqualTo("Portland");
        assertThat(erased.path("status").asText()).isEqualTo("CANCELED");
        assertThat(erased.path("history").findValuesAsText("status")).contains("CANCELED");
        assertThat(ops().getForObject("/api/orders/" + old + "/deliveries", JsonNode.class)).hasSize(deliveries);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM raw_payloads WHERE hash = ?", Integer.class, rawHash))
                .as("the payload it came in").isZero();
        assertThat(jdbc.queryForList("SELECT canonical_json FROM order_revisions WHERE order_id = ?", String.class, old))
                .isNotEmpty().noneMatch(json -> json.contains("old.customer"));
        assertThat(ops().getForObject("/api/orders/" + recent, JsonNode.class).path("customer").path("email").asText())
                .as("an order within its period keeps its data").isEqualTo("recent.customer@example.com");

        JsonNode entry = ops().getForObject("/api/errors/" + errorId, JsonNode.class);
        assertThat(entry.path("replayState").asText()).isEqualTo("EXPIRED");
        assertThat(entry.path("rawPayload").asText()).isEmpty();
        assertThat(post("/api/errors/" + errorId + "/replay", "").getStatusCode().value()).isEqualTo(410);
        ResponseEntity<String> body = as(SandboxLogins.OPERATOR).getForEntity("/api/edi/documents/" + documentId
                + "/body", String.class);
        assertThat(body.getStatusCode().value()).isEqualTo(410);
        assertThat(ops().getForObject("/api/orders/" + old + "/documents", JsonNode.class).findValuesAsText(
                "transactionNo")).as("the control numbers stay").contains("7820");
    }

    @Test
    void anErasureAnonymisesTheCustomersFinalOrdersNowAndTheOpenOnesOnceTheyAreFinal(CapturedOutput log) {
        String email = "erase.me@example.com";
        String done = canceledOrder(7_820_000_011L, email);
        String open = heldOrder(7_820_000_012L, email);
        String broken = "{\"id\": 7820000013, \"email\": \"" + email + "\", \"name\": }";
        String errorId = post("/api/channels/shopify/orders", broken).getBody().path("errorId").asText();

        ResponseEntity<JsonNode> erasure = as(SandboxLogins.ADMIN).postForEntity("/api/privacy/erasure",
                java.util.Map.of("email", "Erase.Me@Example.com"), JsonNode.class);

        assertThat(erasure.getStatusCode().value()).isEqualTo(200);
        assertThat(erasure.getBody().path("erased").toString()).contains(done).doesNotContain(open);
        assertThat(erasure.getBody().path("pending").toString()).contains(open);
        assertThat(erasure.getBody().path("errorPayloads").asInt()).isEqualTo(1);
        assertThat(ops().getForObject("/api/orders/" + done, JsonNode.class).path("customer").has("email")).isFalse();
        assertThat(ops().getForObject("/api/orders/" + open, JsonNode.class).path("customer").path("email").asText())
                .as("an open order keeps what its fulfilment needs").isEqualTo(email);
        assertThat(ops().getForObject("/api/errors/" + errorId, JsonNode.class).path("replayState").asText())
                .isEqualTo("EXPIRED");
        assertThat(log.getOut()).contains("Erasure of E***@Example.com asked for by admin").doesNotContain(
                "Erase.Me@Example.com");

        cancel(open);
        customers.retain();

        assertThat(ops().getForObject("/api/orders/" + open, JsonNode.class).path("customer").path("name").asText())
                .as("anonymised as soon as it is final").isEqualTo(PersonalData.ERASED);
    }

    /** An open order that stays open: held for a SKU the catalog does not know, so no warehouse moves it on. */
    private String heldOrder(long id, String email) {
        return order(id, email, "\"MUG-CER-12-BLU\"", "\"PRIVACY-UNKNOWN-1\"", "ON_HOLD");
    }

    /** An order first seen canceled: final at once, whatever the warehouse simulator is doing. */
    private String canceledOrder(long id, String email) {
        return order(id, email, "\"cancelled_at\": null", "\"cancelled_at\": \"2026-11-30T10:00:00Z\"", "CANCELED");
    }

    private String order(long id, String email, String field, String value, String status) {
        ResponseEntity<JsonNode> accepted = post("/api/channels/shopify/orders?account=" + ACCOUNT,
                shopifyOrder("order-basic.json", id).replace("dana.whitfield@example.com", email).replace(field, value));
        assertThat(accepted.getBody().path("results").get(0).path("status").asText()).isEqualTo(status);
        return OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
    }

    private void cancel(String orderId) {
        assertThat(post("/api/orders/" + orderId + "/status", "{\"status\": \"CANCELED\", \"source\": \"test\"}")
                .getStatusCode().value()).isEqualTo(200);
    }

    private String document(String orderId, int daysOld) {
        documents.record(new EdiDocuments.Entry("demo-partner", "OUT", "X12", "855", "7820", "7820", "7820", orderId,
                "855-7200.edi", "hash-7200", "SENT", null, "ISA*00*...*N1*ST*Dana Whitfield~N3*418 Alder Street~"));
        String documentId = jdbc.queryForObject("SELECT document_id FROM edi_documents WHERE content_hash = ?",
                String.class, "hash-7200");
        jdbc.update("UPDATE edi_documents SET created_at = ? WHERE document_id = ?", daysAgo(daysOld), documentId);
        return documentId;
    }

    private static OffsetDateTime daysAgo(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
    }
}
