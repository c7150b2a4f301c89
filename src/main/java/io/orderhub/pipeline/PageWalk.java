package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.store.ChannelCursors;
import org.apache.camel.Exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * Walks a list API sorted by last-modified ascending and paged by number or offset (WooCommerce, eBay, Trendyol,
 * Hepsiburada, n11). Page numbers over a set that changes while it is read skip rows: an order modified meanwhile
 * moves to the end and the rest shift up a place. So after every full page the walk starts again at the first
 * page from the newest "last modified" it has seen, and goes to the next page only when a whole page shares one
 * timestamp. A short page ends the walk. Orders seen twice are absorbed by dedupe.
 * <p>
 * State lives in exchange properties: {@value #FROM} (the lower bound in the channel's format), {@value #UNTIL}
 * (the upper bound, now, for APIs that need one), {@value #INDEX} (page number or offset) and {@value #MORE}.
 */
public class PageWalk {

    public static final String FROM = "hubPageFrom";
    public static final String UNTIL = "hubPageUntil";
    public static final String INDEX = "hubPageIndex";
    public static final String MORE = "hubPageMore";
    private static final String START = "hubPageStart";
    private static final String STEP = "hubPageStep";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starts a walk at the cursor's start (an ISO instant, from ChannelCursors.startFor). */
    public void begin(Exchange exchange, String start, int firstIndex, String format, String zone) {
        exchange.setProperty(UNTIL, format(Instant.now(), format, zone));
        restart(exchange, Instant.parse(start), firstIndex, format, zone);
    }

    /**
     * After a page was stored: decides what to ask for next.
     *
     * @param modified the page's "last modified" values, one per order
     * @param step     1 for page numbers, the page size for offsets
     */
    public void next(Exchange exchange, Collection<?> modified, int pageSize, int firstIndex, int step,
                     String format, String zone) {
        next(exchange, modified == null ? 0 : modified.size(), modified, pageSize, firstIndex, step, format, zone);
    }

    /**
     * As {@link #next(Exchange, Collection, int, int, int, String, String)} for a page of line rows (Hepsiburada):
     * {@code rows} on the page decide whether it was full; the walk restarts from the newest of the rows it kept
     * ({@code keptModified}) and otherwise moves on by the kept rows ({@value #STEP}, set by
     * {@link #wholeOrdersOnly}), so the rows left out come first on the next page.
     */
    public void nextRows(Exchange exchange, int rows, Collection<?> keptModified, int pageSize, int firstIndex,
                         String format, String zone) {
        next(exchange, rows, keptModified, pageSize, firstIndex, exchange.getProperty(STEP, pageSize, Integer.class),
                format, zone);
    }

    private void next(Exchange exchange, int count, Collection<?> modified, int pageSize, int firstIndex, int step,
                      String format, String zone) {
        if (count < pageSize) {
            exchange.setProperty(MORE, false);
            return;
        }
        // compared at the precision the channel filters by: a restart Hepsiburada would read as the same minute
        // is no restart, and would ask for the same first page forever
        Instant start = exchange.getProperty(START, Instant.class);
        Instant newest = ChannelCursors.newest(modified, ZoneId.of(zone));
        if (newest != null && truncate(newest, format).isAfter(start)) {
            restart(exchange, newest, firstIndex, format, zone);
        } else {
            exchange.setProperty(INDEX, exchange.getProperty(INDEX, Integer.class) + step);
        }
    }

    /**
     * For lists with one row per order line (Hepsiburada): on a full page the last order's rows may go on over the
     * next page, so they are left out here and come first on the next one ({@link #nextRows}); an order alone on a
     * full page (larger than a page) is kept. Returns the page with only the rows of whole orders and sets
     * {@value #STEP} to how many rows it kept.
     */
    public String wholeOrdersOnly(Exchange exchange, String page, String itemsField, String orderField, int pageSize)
            throws JsonProcessingException {
        JsonNode root = JSON.readTree(page);
        JsonNode rows = root.path(itemsField);
        if (!rows.isArray() || rows.size() < pageSize) {
            exchange.setProperty(STEP, rows.size());
            return page;
        }
        String last = rows.get(rows.size() - 1).path(orderField).asText();
        ArrayNode kept = JSON.createArrayNode();
        rows.forEach(row -> {
            if (!last.equals(row.path(orderField).asText())) {
                kept.add(row);
            }
        });
        if (kept.isEmpty()) {
            exchange.setProperty(STEP, rows.size());
            return page;
        }
        exchange.setProperty(STEP, kept.size());
        ((ObjectNode) root).set(itemsField, kept);
        return root.toString();
    }

    private static void restart(Exchange exchange, Instant start, int firstIndex, String format, String zone) {
        exchange.setProperty(START, truncate(start, format));
        exchange.setProperty(FROM, format(start, format, zone));
        exchange.setProperty(INDEX, firstIndex);
        exchange.setProperty(MORE, true);
    }

    /**
     * The channels' date formats: iso (2025-03-05T21:44:59Z), iso-millis (eBay, milliseconds required), epoch-millis
     * (Trendyol, n11), local (no offset, in {@code zone}: WooCommerce GMT fields), local-minutes (Hepsiburada's
     * "yyyy-MM-dd HH:mm", Turkey time).
     */
    static String format(Instant instant, String format, String zone) {
        ZoneId at = ZoneId.of(zone);
        return switch (format) {
            case "iso" -> instant.toString();
            case "iso-millis" -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneId.of("UTC")).format(instant);
            case "epoch-millis" -> String.valueOf(instant.toEpochMilli());
            case "local" -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(at).format(instant);
            case "local-minutes" -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(at).format(instant);
            default -> throw new IllegalArgumentException("unknown date format " + format);
        };
    }

    /** An instant at the precision of the channel's date format: what its filter actually compares. */
    static Instant truncate(Instant instant, String format) {
        return switch (format) {
            case "local-minutes" -> instant.truncatedTo(ChronoUnit.MINUTES);
            case "iso", "local" -> instant.truncatedTo(ChronoUnit.SECONDS);
            default -> instant.truncatedTo(ChronoUnit.MILLIS);
        };
    }

    /** For APIs paged by an opaque token (Amazon's NextToken): the token URL-encoded for the query, or null at the end. */
    public String pageToken(String token) {
        return token == null || token.isBlank() ? null : URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
