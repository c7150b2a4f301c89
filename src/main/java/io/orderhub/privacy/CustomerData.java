package io.orderhub.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps customers' personal data no longer than hub.retention allows, and erases one customer's on request (the
 * GDPR's right to erasure). Erasing an order anonymises its canonical order and every revision of it, drops the
 * raw payload it came in once no other order needs that payload, and empties the text of its EDI documents; its
 * lifecycle history, its deliveries and the documents' control numbers stay, so what happened stays known.
 */
public class CustomerData {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerData.class);
    private static final String FINAL = "('DELIVERED', 'CANCELED', 'RETURN_COMPLETED')";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final HubProperties.Retention retention;
    private final Clock clock;

    public CustomerData(JdbcTemplate jdbc, ObjectMapper json, TransactionTemplate transactions,
                        HubProperties.Retention retention, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.retention = retention;
        this.clock = clock;
    }

    /** What one run erased (routes/retention.yaml). */
    public record Run(int orders, int rawPayloads, int errorPayloads, int documentBodies) {
    }

    /** Erases what is past its retention, and the final orders whose erasure was asked for while they were open. */
    public Run retain() {
        OffsetDateTime now = now();
        int orders = anonymise("erase_requested_at IS NOT NULL", List.of());
        List<Object> others = new ArrayList<>();
        for (Map.Entry<String, java.time.Duration> own : retention.channels().entrySet()) {
            orders += anonymise("channel = ? AND updated_at < ?", List.of(own.getKey(), now.minus(own.getValue())));
            others.add(own.getKey());
        }
        String notOwn = others.isEmpty() ? "" : " AND channel NOT IN (" + "?, ".repeat(others.size() - 1) + "?)";
        List<Object> args = new ArrayList<>(List.of(now.minus(retention.afterFinal())));
        args.addAll(others);
        orders += anonymise("updated_at < ?" + notOwn, args);
        int raw = 0;
        for (String channel : jdbc.queryForList("SELECT DISTINCT channel FROM raw_payloads", String.class)) {
            raw += jdbc.update("""
                    DELETE FROM raw_payloads WHERE channel = ? AND received_at < ?
                    AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.raw_hash = raw_payloads.hash)""",
                    channel, now.minus(retention.forChannel(channel)));
        }
        int errors = expireErrors("received_at < ?", now.minus(retention.errorPayloads()),
                "payload kept no longer (hub.retention.error-payloads)");
        OffsetDateTime documents = now.minus(retention.documentBodies());
        int bodies = jdbc.update("UPDATE edi_documents SET body = '' WHERE created_at < ? AND body <> ''", documents)
                + jdbc.update("""
                        UPDATE edi_outbound SET body = '' WHERE created_at < ? AND body <> ''
                        AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.idempotency_key = edi_outbound.delivery_key
                            AND d.status <> 'DELIVERED')""", documents);
        Run run = new Run(orders, raw, errors, bodies);
        if (orders + raw + errors + bodies > 0) {
            LOG.info("Retention: customer data of {} orders erased, {} raw payloads, {} error payloads and {} EDI "
                    + "document texts deleted", orders, raw, errors, bodies);
        }
        return run;
    }

    /** What an erasure did: the orders anonymised now, and the open ones that will be once they are final. */
    public record Erasure(List<String> erased, List<String> pending, int errorPayloads, int documentBodies) {
    }

    /** Erases the personal data of the customer with this e-mail address, wherever the hub holds it. */
    public Erasure erase(String email) {
        String key = email.strip().toLowerCase(Locale.ROOT);
        List<String> pending = jdbc.queryForList("SELECT order_id FROM orders WHERE customer_email = ? AND status NOT IN "
                + FINAL, String.class, key);
        jdbc.update("UPDATE orders SET erase_requested_at = ? WHERE customer_email = ? AND status NOT IN " + FINAL,
                now(), key);
        List<String> erased = new ArrayList<>();
        for (Stored order : jdbc.query("SELECT order_id, canonical_json, updated_at, raw_hash FROM orders "
                + "WHERE customer_email = ? AND status IN " + FINAL, Stored.MAPPER, key)) {
            if (anonymise(order)) {
                erased.add(order.orderId());
            }
        }
        String like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        int errors = expireErrors("LOWER(raw_payload) LIKE ? ESCAPE '\\'", like, "payload erased at the customer's request");
        int bodies = 0;
        for (String orderId : erased) {
            bodies += jdbc.update("UPDATE edi_documents SET body = '' WHERE order_id = ? AND body <> ''", orderId);
        }
        return new Erasure(erased, pending, errors, bodies);
    }

    private int anonymise(String condition, List<Object> args) {
        int done = 0;
        List<Stored> batch;
        int inBatch;
        do {
            List<Object> all = new ArrayList<>(args);
            all.add(retention.batchSize());
            batch = jdbc.query("SELECT order_id, canonical_json, updated_at, raw_hash FROM orders WHERE anonymised_at "
                    + "IS NULL AND status IN " + FINAL + " AND " + condition + " ORDER BY updated_at LIMIT ?",
                    Stored.MAPPER, all.toArray());
            inBatch = 0;
            for (Stored order : batch) {
                inBatch += anonymise(order) ? 1 : 0;
            }
            done += inBatch;
        } while (batch.size() == retention.batchSize() && inBatch > 0);
        return done;
    }

    /**
     * One order and its revisions, in one transaction; false when the order changed since it was read (it is
     * looked at again on the next run).
     */
    private boolean anonymise(Stored order) {
        Boolean done = transactions.execute(tx -> {
            int updated = jdbc.update("""
                    UPDATE orders SET canonical_json = ?, customer_email = NULL, raw_hash = NULL, anonymised_at = ?,
                        erase_requested_at = NULL WHERE order_id = ? AND updated_at = ?""",
                    anonymised(order.canonicalJson()), now(), order.orderId(), order.updatedAt());
            if (updated == 0) {
                return false;
            }
            List<Map.Entry<Integer, String>> revisions = jdbc.query(
                    "SELECT revision, canonical_json FROM order_revisions WHERE order_id = ?",
                    (rs, i) -> Map.entry(rs.getInt(1), rs.getString(2)), order.orderId());
            for (Map.Entry<Integer, String> revision : revisions) {
                jdbc.update("UPDATE order_revisions SET canonical_json = ? WHERE order_id = ? AND revision = ?",
                        anonymised(revision.getValue()), order.orderId(), revision.getKey());
            }
            if (order.rawHash() != null) {
                jdbc.update("DELETE FROM raw_payloads WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM orders o "
                        + "WHERE o.raw_hash = raw_payloads.hash)", order.rawHash());
            }
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    private int expireErrors(String condition, Object arg, String why) {
        return jdbc.update("UPDATE error_store SET raw_payload = '', replay_result = CASE WHEN replay_state = 'OPEN' "
                + "THEN ? ELSE replay_result END, replay_state = CASE WHEN replay_state = 'OPEN' THEN 'EXPIRED' "
                + "ELSE replay_state END WHERE raw_payload <> '' AND " + condition, why, arg);
    }

    private String anonymised(String canonicalJson) {
        try {
            return json.writeValueAsString(PersonalData.anonymised(json.readValue(canonicalJson, CanonicalOrder.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical order cannot be read", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private record Stored(String orderId, String canonicalJson, OffsetDateTime updatedAt, String rawHash) {
        static final org.springframework.jdbc.core.RowMapper<Stored> MAPPER = (rs, i) -> new Stored(rs.getString(1),
                rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4));
    }
}
