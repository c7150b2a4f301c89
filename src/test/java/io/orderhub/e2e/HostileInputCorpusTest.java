package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.ErrorStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More than 200 hostile inputs across every channel's push API, the signed webhooks and EDI over SFTP, each
 * followed by a valid order: no answer is a 5xx, every refused input is in the error store with its reason, every
 * valid order sent in between is stored, and the pollers and the EDI route still take orders afterwards.
 */
class HostileInputCorpusTest extends HubTestSupport {

    private static final AtomicLong NEXT = new AtomicLong(7_420_000_000L);
    private static final Pattern QUANTITY = Pattern.compile("(?i)quantity|qty|QuantityOrdered");
    private static final Pattern CURRENCY = Pattern.compile("(?i)currency|currencyCode|CurrencyCode");

    @Autowired
    ErrorStore errors;

    /** The channel's id field, to make an order over-long, missing or of the wrong type. */
    private static final Map<String, String> ID_FIELD = Map.of("shopify", "id", "woocommerce", "id",
            "amazon", "AmazonOrderId", "ebay", "orderId", "trendyol", "shipmentPackageId", "hepsiburada", "orderNumber",
            "n11", "id", "pos", "posOrderId", "b2b", "channelOrderId");

    @Test
    void noHostileInputGetsA5xxOrStallsASourceAndEveryOneIsKeptWithItsReason() throws Exception {
        int hostile = 0;
        List<String> goodIds = new ArrayList<>();
        for (String channel : ID_FIELD.keySet().stream().sorted().toList()) {
            ObjectNode base = base(channel);
            assertThat(post("/api/channels/" + channel + "/orders", base.toString()).getStatusCode().value())
                    .as(channel + " base order").isEqualTo(202);
            for (Map.Entry<String, byte[]> input : mutations(channel, base).entrySet()) {
                ResponseEntity<JsonNode> answer = postBytes("/api/channels/" + channel + "/orders", input.getValue());
                assertRefusedAndKept(channel + " " + input.getKey(), answer);
                hostile++;
                goodIds.add(postGood());
            }
        }
        for (Map.Entry<String, byte[]> input : webhookMutations().entrySet()) {
            ResponseEntity<JsonNode> answer = webhook("shopify", "X-Shopify-Hmac-Sha256", input.getValue(),
                    shopifySignature(input.getValue()));
            assertRefusedAndKept("webhook " + input.getKey(), answer);
            hostile++;
            goodIds.add(postGood());
        }
        hostile += ediCorpus(goodIds);

        org.slf4j.LoggerFactory.getLogger(HostileInputCorpusTest.class).info(
                "Hostile corpus: {} inputs refused and kept, {} valid orders between them stored", hostile, goodIds.size());
        assertThat(hostile).isGreaterThanOrEqualTo(200);
        for (String id : goodIds) {
            assertThat(get("/api/orders/" + id).getStatusCode().value()).as(id).isEqualTo(200);
        }
        // the pollers were never held up: a new order on a polled channel still arrives
        ObjectNode polled = shopify.placeOrder();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/orders/"
                + OrderIds.orderId("shopify", ACCOUNT, polled.path("id").asText())).getStatusCode().value()).isEqualTo(200));
    }

    /**
     * Refused and kept: a 4xx with the error-store entry that keeps it, or (a page, a webhook) 202 with every
     * result REFUSED and kept; never a 5xx, and nothing stored.
     */
    private void assertRefusedAndKept(String what, ResponseEntity<JsonNode> answer) {
        int status = answer.getStatusCode().value();
        JsonNode body = answer.getBody();
        List<String> ids = new ArrayList<>();
        if (status == 202) {
            assertThat(body.path("results")).as(what + ": " + body).isNotEmpty();
            for (JsonNode result : body.path("results")) {
                assertThat(result.path("outcome").asText()).as(what + ": " + body).isEqualTo("REFUSED");
                ids.add(result.path("errorId").asText());
            }
        } else {
            assertThat(status).as(what + ": " + body).isBetween(400, 499).isNotIn(401, 403, 404);
            ids.add(body.path("errorId").asText());
        }
        for (String id : ids) {
            ErrorStore.ErrorEntry kept = errors.find(id).orElse(null);
            assertThat(kept).as(what + ": entry " + id).isNotNull();
            assertThat(kept.reason()).as(what).isNotBlank();
        }
    }

    private ResponseEntity<JsonNode> postBytes(String path, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return api().exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private String postGood() {
        long id = NEXT.incrementAndGet();
        ResponseEntity<JsonNode> answer = post("/api/channels/shopify/orders", shopifyOrder("order-basic.json", id));
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        return OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
    }

    /** A valid order of the channel, as its push API takes it. */
    private ObjectNode base(String channel) throws IOException {
        return switch (channel) {
            case "b2b" -> (ObjectNode) json.readTree("""
                    {"channelOrderId": "B2B-HOSTILE-1", "orderNumber": "PO-1", "placedAt": "2026-11-20T09:00:00Z",
                     "currency": "EUR", "customer": {"name": "Müller Küchen GmbH", "email": "einkauf@example.de"},
                     "shipTo": {"name": "Müller Küchen GmbH", "line1": "Industriestraße 4", "city": "Köln",
                                "postalCode": "50667", "countryCode": "DE"},
                     "lines": [{"lineId": "1", "sku": "MUG-CER-12-BLU", "quantity": 4, "unitPrice": "9.50"}],
                     "totals": {"grandTotal": "38.00"}}""");
            case "shopify" -> (ObjectNode) json.readTree(shopifyOrder("order-basic.json", NEXT.incrementAndGet()));
            case "pos" -> pos.placeOrder();
            case "hepsiburada" -> {
                ObjectNode order = hepsiburada.placeOrder();
                ObjectNode page = json.createObjectNode();
                page.set("items", order.path("rows").deepCopy());
                yield page;
            }
            case "amazon" -> amazonWithItems();
            default -> channel(channel).simulator().placeOrder();
        };
    }

    private ObjectNode amazonWithItems() throws IOException {
        ObjectNode order = (ObjectNode) json.readTree(resource("/samples/amazon/getOrders-page1.json"))
                .path("payload").path("Orders").get(0).deepCopy();
        JsonNode items = json.readTree(resource("/samples/amazon/getOrderItems-" + order.path("AmazonOrderId").asText()
                + ".json")).path("payload").path("OrderItems");
        order.set("OrderItems", items);
        return order;
    }

    /** Up to twenty-three ways to break one channel's order, each as the bytes a caller would send. */
    private Map<String, byte[]> mutations(String channel, ObjectNode base) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String text = base.toString();
        String idField = ID_FIELD.get(channel);
        out.put("truncated at 10%", utf8(text.substring(0, text.length() / 10)));
        out.put("truncated at 50%", utf8(text.substring(0, text.length() / 2)));
        out.put("truncated at 90%", utf8(text.substring(0, text.length() * 9 / 10)));
        out.put("nested 200 deep", utf8("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}"));
        out.put("a number", utf8("42"));
        out.put("a string", utf8("\"an order\""));
        out.put("an array of numbers", utf8("[1, 2, 3]"));
        out.put("true", utf8("true"));
        out.put("null", utf8("null"));
        out.put("empty", new byte[0]);
        out.put("id missing", utf8(edit(base, o -> removeField(o, idField)).toString()));
        out.put("id over-long", utf8(edit(base, o -> setField(o, idField, new TextNode("9".repeat(300)))).toString()));
        out.put("id an object", utf8(edit(base, o -> setField(o, idField, json.createObjectNode().put("x", 1))).toString()));
        out.put("an empty object", utf8("{}"));
        out.put("a list of one empty object", utf8("[{}]"));
        // only where the channel's payload has the field (n11 sends no currency: it is always TRY)
        ObjectNode negative = edit(base, o -> setMatching(o, QUANTITY, json.getNodeFactory().numberNode(-5), false));
        if (!negative.equals(base)) {
            out.put("negative quantities", utf8(negative.toString()));
        }
        ObjectNode currency = edit(base, o -> setMatching(o, CURRENCY, new TextNode("XQZ"), true));
        if (!currency.equals(base)) {
            out.put("unknown currency", utf8(currency.toString()));
        }
        // Hepsiburada's page rows are the order's lines: an order without lines is one row that is no line
        out.put("lines empty", utf8(channel.equals("hepsiburada") ? "{\"items\": [{\"orderNumber\": \"4199\"}]}"
                : edit(base, HostileInputCorpusTest::emptyArrays).toString()));
        out.put("arrays as strings", utf8(edit(base, HostileInputCorpusTest::arraysAsStrings).toString()));
        byte[] invalid = utf8(text);
        byte[] broken = new byte[invalid.length + 2];
        System.arraycopy(invalid, 0, broken, 0, invalid.length / 2);
        broken[invalid.length / 2] = (byte) 0xC3;
        broken[invalid.length / 2 + 1] = (byte) 0x28;
        System.arraycopy(invalid, invalid.length / 2, broken, invalid.length / 2 + 2, invalid.length - invalid.length / 2);
        out.put("invalid UTF-8", broken);
        out.put("oversize", utf8("{\"pad\":\"" + "x".repeat(MAX_PAYLOAD) + "\"}"));
        out.put("XML with an external entity", utf8("<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><order>&x;</order>"));
        out.put("a string of 70000", utf8(edit(base, o -> o.put("hostileNote", "n".repeat(70_000))).toString()));
        return out;
    }

    private Map<String, byte[]> webhookMutations() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String good = shopifyOrder("order-basic.json", NEXT.incrementAndGet());
        out.put("truncated", utf8(good.substring(0, good.length() / 3)));
        out.put("nested", utf8("[".repeat(300) + "]".repeat(300)));
        out.put("a number", utf8("7"));
        out.put("negative quantity", utf8(good.replace("\"quantity\": 1", "\"quantity\": -1")));
        out.put("unknown currency", utf8(good.replace("\"currency\": \"USD\"", "\"currency\": \"QQQ\"")));
        out.put("over-long name", utf8(good.replace("\"name\": \"#1041\"", "\"name\": \"#" + "1".repeat(200) + "\"")));
        out.put("over-long email", utf8(good.replace("dana.whitfield@example.com", "d".repeat(400) + "@example.com")));
        out.put("XML", utf8("<order><id>1</id></order>"));
        return out;
    }

    /** EDI over SFTP: broken interchanges go to error/ and the error store, the good ones between become orders. */
    private int ediCorpus(List<String> goodIds) throws Exception {
        String sample = new String(resource("/samples/edi/x12-850-basic.edi"), StandardCharsets.ISO_8859_1);
        Map<String, Function<Integer, String>> broken = new LinkedHashMap<>();
        broken.put("wrong segment count", n -> edi(sample, n).replace("SE*20*0001", "SE*7*0001"));
        broken.put("wrong group count", n -> edi(sample, n).replace("GE*1*" + n, "GE*3*" + n));
        broken.put("IEA control number differs", n -> edi(sample, n).replace("IEA*1*" + isa13(n), "IEA*1*000000001"));
        broken.put("SE control number differs", n -> edi(sample, n).replace("SE*20*0001", "SE*20*0009"));
        broken.put("element too long", n -> edi(sample, n).replace("BEG*00*SA*PO-H" + n, "BEG*00*SA*" + "P".repeat(40)));
        broken.put("no BEG", n -> edi(sample, n).replaceAll("BEG\\*[^~]*~\\s*", "").replace("SE*20*", "SE*19*"));
        broken.put("quantity not numeric", n -> edi(sample, n).replaceFirst("PO1\\*1\\*24\\*", "PO1*1*XX*"));
        broken.put("truncated", n -> edi(sample, n).substring(0, 200));
        broken.put("empty", n -> "");
        broken.put("binary", n -> "\u0000\u0001\u0002garbage\u00ff\u00fe");
        broken.put("another sender", n -> edi(sample, n).replace("ACMERETAIL     ", "SOMEONEELSE    "));
        broken.put("not EDI at all", n -> "{\"this\": \"is json\"}");
        int count = 0;
        try (PartnerSftp sftp = new PartnerSftp(SFTP_PORT)) {
            for (Map.Entry<String, Function<Integer, String>> input : broken.entrySet()) {
                int n = (int) (NEXT.incrementAndGet() % 900_000_000);
                String name = "hostile-" + n + ".x12";
                sftp.upload("inbound", name, input.getValue().apply(n));
                int m = (int) (NEXT.incrementAndGet() % 900_000_000);
                sftp.upload("inbound", "good-" + m + ".x12", edi(sample, m));
                goodIds.add(OrderIds.orderId("edi", "demo-partner", "PO-H" + m));
                await(input.getKey()).atMost(Duration.ofSeconds(30)).until(() -> sftp.names("inbound/error")
                        .stream().anyMatch(f -> f.endsWith(name)));
                assertThat(errors.list(ErrorStore.ReplayState.OPEN, "edi", 0, 500))
                        .as(input.getKey()).anyMatch(e -> e.reason().startsWith(name));
                count++;
            }
            String last = goodIds.get(goodIds.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/orders/" + last).getStatusCode().value() == 200);
        }
        return count;
    }

    private static String edi(String sample, int n) {
        return sample.replace("000000101", isa13(n)).replace("GS*PO*ACMERETAIL*ORDERHUB*20250415*0930*101",
                        "GS*PO*ACMERETAIL*ORDERHUB*20250415*0930*" + n)
                .replace("GE*1*101", "GE*1*" + n).replace("PO-778812", "PO-H" + n);
    }

    private static String isa13(int n) {
        return String.format("%09d", n);
    }

    private ObjectNode edit(ObjectNode base, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        return copy;
    }

    /** Removes the field wherever it stands (the POS id is nested in its event). */
    private static void removeField(JsonNode node, String field) {
        if (node instanceof ObjectNode object) {
            object.remove(field);
        }
        node.forEach(child -> removeField(child, field));
    }

    private static void setField(JsonNode node, String field, JsonNode value) {
        if (node instanceof ObjectNode object && object.has(field)) {
            object.set(field, value);
        }
        node.forEach(child -> setField(child, field, value));
    }

    /** Sets every value field whose name matches, wherever it stands; {@code textOnly}: only text fields. */
    private static void setMatching(JsonNode node, Pattern names, JsonNode value, boolean textOnly) {
        if (node instanceof ObjectNode object) {
            List<String> matching = new ArrayList<>();
            object.fields().forEachRemaining(e -> {
                if (names.matcher(e.getKey()).matches() && (textOnly ? e.getValue().isTextual() : e.getValue().isValueNode())) {
                    matching.add(e.getKey());
                }
            });
            matching.forEach(name -> object.set(name, value));
        }
        node.forEach(child -> setMatching(child, names, value, textOnly));
    }

    private static void emptyArrays(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.removeAll();
        }
        node.forEach(HostileInputCorpusTest::emptyArrays);
    }

    private static void arraysAsStrings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> arrays = new ArrayList<>();
            object.fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    arrays.add(e.getKey());
                }
            });
            arrays.forEach(name -> object.put(name, "not a list"));
        }
        node.forEach(HostileInputCorpusTest::arraysAsStrings);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
