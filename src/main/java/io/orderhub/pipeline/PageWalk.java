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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
        int count = modified == null ? 0 : modified.size();
        if (count < pageSize) {
            exchange.setProperty(MORE, false);
            return;
        }
        Instant start = exchange.getProperty(START, Instant.class);
        Instant newest = ChannelCursors.newest(modified, ZoneId.of(zone));
        if (newest != null && newest.isAfter(start)) {
            restart(exchange, newest, firstIndex, format, zone);
        } else {
            exchange.setProperty(INDEX, exchange.getProperty(INDEX, Integer.class) + step);
        }
    }

    /**
     * For lists with one row per order line (Hepsiburada): on a full page the rows of the newest timestamp may go
     * on over the next page, so they are left out here; the walk restarts at that timestamp and fetches them whole.
     * Returns the page with only the rows of whole orders.
     */
    public String wholeOrdersOnly(String page, String itemsField, String modifiedField, int pageSize, String zone)
            throws JsonProcessingException {
        JsonNode root = JSON.readTree(page);
        JsonNode rows = root.path(itemsField);
        if (!rows.isArray() || rows.size() < pageSize) {
            return page;
        }
        List<String> modified = new ArrayList<>();
        rows.forEach(r -> modified.add(r.path(modifiedField).asText()));
        Instant newest = ChannelCursors.newest(modified, ZoneId.of(zone));
        ArrayNode kept = JSON.createArrayNode();
        for (int i = 0; i < rows.size(); i++) {
            if (!newest.equals(ChannelCursors.newest(List.of(modified.get(i)), ZoneId.of(zone)))) {
                kept.add(rows.get(i));
            }
        }
        if (kept.isEmpty()) {
            return page; // one timestamp across the whole page: the walk pages on instead of restarting
        }
        ((ObjectNode) root).set(itemsField, kept);
        return root.toString();
    }

    private static void restart(Exchange exchange, Instant start, int firstIndex, String format, String zone) {
        exchange.setProperty(START, start);
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

    /** For APIs paged by an opaque token (Amazon's NextToken): the token URL-encoded for the query, or null at the end. */
    public String pageToken(String token) {
        return token == null || token.isBlank() ? null : URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
