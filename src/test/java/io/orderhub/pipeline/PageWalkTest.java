package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hepsiburada walk over a list of line rows filtered by the minute, run against an in-memory list served as
 * Hepsiburada serves it (begindate "yyyy-MM-dd HH:mm" Turkey time, offset, limit, sorted by last update).
 */
class PageWalkTest {

    private static final ZoneId TURKEY = ZoneId.of("Europe/Istanbul");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int PAGE = 3;
    private final ObjectMapper json = new ObjectMapper();
    private final PageWalk walk = new PageWalk();

    @Test
    void manyRowsInOneSecondAndANewOrderLaterInTheSameMinuteAllArriveWhole() throws Exception {
        List<ObjectNode> rows = new ArrayList<>();
        // seven orders of one or two lines, all updated in the same second, as a burst stamps them
        for (int order = 1; order <= 7; order++) {
            for (int line = 1; line <= (order % 2 == 0 ? 2 : 1); line++) {
                rows.add(row("O" + order, "2025-03-06T14:10:02"));
            }
        }
        rows.add(row("NEW", "2025-03-06T14:10:23")); // a later order in the same minute
        rows.add(row("NEW", "2025-03-06T14:10:23"));

        Map<String, Integer> emitted = walkOnce(rows, Instant.parse("2025-03-06T11:08:00Z"));

        Map<String, Integer> expected = new LinkedHashMap<>();
        rows.forEach(r -> expected.merge(r.get("orderNumber").asText(), 1, Integer::sum));
        assertThat(emitted).isEqualTo(expected); // every order once, with all its lines
    }

    /** A page holding one order only cannot be cut at an order boundary: the walk keeps it and moves on. */
    @Test
    void aFullPageOfOneOrderDoesNotStopTheWalk() throws Exception {
        List<ObjectNode> rows = new ArrayList<>();
        for (int line = 1; line <= 5; line++) {
            rows.add(row("BIG", "2025-03-06T14:10:02"));
        }
        rows.add(row("AFTER", "2025-03-06T14:11:40"));

        Map<String, Integer> emitted = walkOnce(rows, Instant.parse("2025-03-06T11:08:00Z"));

        assertThat(emitted).containsKey("BIG").containsEntry("AFTER", 1);
    }

    @Test
    void aRestartAtTheMinuteAlreadyAskedForIsNoRestart() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        walk.begin(exchange, "2025-03-06T11:10:00Z", 0, "local-minutes", "Europe/Istanbul");
        walk.next(exchange, List.of("2025-03-06 14:10:02", "2025-03-06 14:10:02", "2025-03-06 14:10:59"), PAGE, 0,
                PAGE, "local-minutes", "Europe/Istanbul");

        assertThat(exchange.getProperty(PageWalk.FROM)).isEqualTo("2025-03-06 14:10");
        assertThat(exchange.getProperty(PageWalk.INDEX)).isEqualTo(PAGE); // the next page, not the same one again
    }

    /** Runs one poll's walk as the Hepsiburada Kamelet does; returns how many rows of each order came out. */
    private Map<String, Integer> walkOnce(List<ObjectNode> rows, Instant cursor) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        walk.begin(exchange, cursor.toString(), 0, "local-minutes", "Europe/Istanbul");
        Map<String, Integer> emitted = new LinkedHashMap<>();
        for (int requests = 0; exchange.getProperty(PageWalk.MORE, Boolean.class); requests++) {
            assertThat(requests).as("the walk ends").isLessThan(50);
            String page = serve(rows, (String) exchange.getProperty(PageWalk.FROM), exchange.getProperty(PageWalk.INDEX, Integer.class));
            int count = json.readTree(page).path("items").size();
            JsonNode kept = json.readTree(walk.wholeOrdersOnly(exchange, page, "items", "orderNumber", PAGE)).path("items");
            Map<String, Integer> thisPage = new LinkedHashMap<>();
            List<String> modified = new ArrayList<>();
            kept.forEach(r -> {
                thisPage.merge(r.get("orderNumber").asText(), 1, Integer::sum);
                modified.add(r.get("lastStatusUpdateDate").asText());
            });
            // the ingest groups a page's rows by order: an order seen again is a repeat, never a part
            thisPage.forEach((order, lines) -> emitted.merge(order, lines, Math::max));
            walk.nextRows(exchange, count, modified, PAGE, 0, "local-minutes", "Europe/Istanbul");
        }
        return emitted;
    }

    private String serve(List<ObjectNode> rows, String begin, int offset) {
        LocalDateTime from = LocalDateTime.parse(begin, MINUTE);
        List<ObjectNode> matching = rows.stream()
                .filter(r -> !LocalDateTime.parse(r.get("lastStatusUpdateDate").asText()).isBefore(from)).toList();
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("items");
        matching.subList(Math.min(offset, matching.size()), Math.min(offset + PAGE, matching.size())).forEach(items::add);
        return body.toString();
    }

    private ObjectNode row(String order, String updated) {
        return json.createObjectNode().put("orderNumber", order).put("lastStatusUpdateDate", updated);
    }
}
