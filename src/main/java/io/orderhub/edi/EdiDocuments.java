package io.orderhub.edi;

import io.orderhub.store.Where;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every EDI document received or sent, with its control numbers, its status and the order it belongs to: the audit
 * trail partners and operators search by control number, and what tells a re-sent interchange from a new one.
 */
public class EdiDocuments {

    private static final String COLUMNS = """
            document_id, partner, direction, standard, document_type, interchange_no, group_no, transaction_no,
            order_id, file_name, status, detail, created_at""";
    private static final RowMapper<Document> DOCUMENT = (rs, i) -> new Document(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
            rs.getObject(13, OffsetDateTime.class).toInstant());

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public EdiDocuments(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A document to keep; empty group or transaction numbers for one that has none (a broken envelope). */
    public record Entry(String partner, String direction, String standard, String type, String interchangeNo,
                        String groupNo, String transactionNo, String orderId, String fileName, String contentHash,
                        String status, String detail, String body) {
    }

    /** What the API shows. */
    public record Document(String documentId, String partner, String direction, String standard, String type,
                           String interchangeNo, String groupNo, String transactionNo, String orderId,
                           String fileName, String status, String detail, Instant at) {
    }

    public void record(Entry entry) {
        jdbc.update("""
                INSERT INTO edi_documents (document_id, partner, direction, standard, document_type, interchange_no,
                    group_no, transaction_no, order_id, file_name, content_hash, status, detail, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                "edi-" + UUID.randomUUID(), entry.partner(), entry.direction(), entry.standard(), entry.type(),
                nonNull(entry.interchangeNo()), nonNull(entry.groupNo()), nonNull(entry.transactionNo()),
                entry.orderId(), entry.fileName(), entry.contentHash(), entry.status(), truncate(entry.detail()),
                entry.body(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * A partner's 997 or 999 settles what the hub sent it: the SENT outbound set of this type and control number in
     * that functional group becomes ACKNOWLEDGED, or REJECTED when the partner refused it (transactionNo null: every
     * set of the group, from AK9 alone). Answers the orders the settled documents belong to.
     */
    public List<String> acknowledged(String partner, String groupNo, String type, String transactionNo,
                                     boolean accepted, String detail) {
        String stripped = groupNo.replaceFirst("^0+(?=.)", "");
        Where where = new Where().eq("partner", partner).eq("direction", "OUT").eq("status", "SENT")
                .anyEq(List.of("group_no"), List.of(groupNo, stripped)).eq("document_type", type)
                .eq("transaction_no", transactionNo);
        List<String> orders = jdbc.queryForList("SELECT DISTINCT order_id FROM edi_documents" + where.sql()
                + " AND order_id IS NOT NULL", String.class, where.args());
        List<Object> args = new ArrayList<>(List.of(accepted ? "ACKNOWLEDGED" : "REJECTED", truncate(detail)));
        args.addAll(List.of(where.args()));
        jdbc.update("UPDATE edi_documents SET status = ?, detail = ?" + where.sql(), args.toArray());
        return orders;
    }

    /** What a partner has not acknowledged yet: how many of the hub's X12 855, 856 and 810 and since when. */
    public record Unacknowledged(String partner, long documents, Instant oldest) {
    }

    public List<Unacknowledged> unacknowledged() {
        return jdbc.query("""
                SELECT partner, COUNT(*), MIN(created_at) FROM edi_documents
                WHERE direction = 'OUT' AND status = 'SENT' AND standard = 'X12' AND document_type IN ('855', '856', '810')
                GROUP BY partner""", (rs, i) -> new Unacknowledged(rs.getString(1), rs.getLong(2),
                rs.getObject(3, OffsetDateTime.class).toInstant()));
    }

    /** The document of this type made for a delivery, if one was made: what a retry of the delivery sends again. */
    public java.util.Optional<EdiOutbound.Outbound> outbound(String deliveryKey, String type) {
        return jdbc.query("""
                SELECT partner, document_type, order_id, file_name, interchange_no, group_no, transaction_no, body
                FROM edi_outbound WHERE delivery_key = ? AND document_type = ?""",
                (rs, i) -> new EdiOutbound.Outbound(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), deliveryKey, type)
                .stream().findFirst();
    }

    /**
     * Keeps a document made for a delivery (committed before it is uploaded); when a concurrent attempt kept one
     * first, that one is returned, so both send the same.
     */
    public EdiOutbound.Outbound keepOutbound(String deliveryKey, EdiOutbound.Outbound document) {
        jdbc.update("""
                INSERT INTO edi_outbound (delivery_key, document_type, partner, order_id, file_name, interchange_no,
                    group_no, transaction_no, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", deliveryKey, document.type(), document.partner(), document.orderId(),
                document.fileName(), nonNull(document.interchangeNo()), nonNull(document.groupNo()),
                nonNull(document.transactionNo()), document.text(),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return outbound(deliveryKey, document.type()).orElse(document);
    }

    /** The same file (the same bytes) was received from this partner before. */
    public boolean receivedFile(String partner, String contentHash) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM edi_documents WHERE partner = ? AND direction = 'IN' AND content_hash = ?",
                Integer.class, partner, contentHash);
        return count != null && count > 0;
    }

    /** The text of interchanges with this control number received from this partner since then (newest first). */
    public List<String> receivedInterchanges(String partner, String interchangeNo, Instant since) {
        return jdbc.queryForList("""
                SELECT DISTINCT body, created_at FROM edi_documents WHERE partner = ? AND direction = 'IN'
                AND interchange_no = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 5""", partner, interchangeNo,
                since.atOffset(ZoneOffset.UTC)).stream().map(row -> (String) row.get("body")).toList();
    }

    public List<Document> forOrder(String orderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM edi_documents WHERE order_id = ? ORDER BY created_at, document_type",
                DOCUMENT, orderId);
    }

    /** Documents whose interchange, group or transaction set control number is {@code controlNumber}. */
    public List<Document> byControlNumber(String controlNumber) {
        String padded = controlNumber.matches("\\d+") ? String.format("%09d", Long.parseLong(controlNumber)) : controlNumber;
        return jdbc.query("SELECT " + COLUMNS + """
                 FROM edi_documents WHERE interchange_no IN (?, ?) OR group_no = ? OR transaction_no = ?
                ORDER BY created_at""", DOCUMENT, controlNumber, padded, controlNumber, controlNumber);
    }

    /** The document's text, as received or sent. */
    public String body(String documentId) {
        return jdbc.queryForObject("SELECT body FROM edi_documents WHERE document_id = ?", String.class, documentId);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }
}
