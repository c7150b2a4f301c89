package io.orderhub.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon's stock for many SKUs at once (routes/publish-stock-amazon.yaml): a JSON_LISTINGS_FEED, which Amazon
 * recommends over single patches for large counts (a full resync, a first round). The feed document is uploaded to
 * the pre-signed URL Amazon answers (only to hosts of hub.channels.amazon.document-hosts), the feed is created
 * under its feedId, and the result poll reads its processing status and, once DONE, the processing report, whose
 * issues name the refused messages. Messages are numbered by listing id, so the report is matched to the pushes
 * also after a restart.
 */
public class AmazonFeeds extends ChannelStockCalls {

    static final String CONTENT_TYPE = "application/json; charset=UTF-8";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String sellerId;
    private final List<String> marketplaceIds;
    private final List<String> documentHosts;
    private final int feedFrom;

    public AmazonFeeds(ObjectMapper json, StockPublisher publisher, String sellerId, List<String> marketplaceIds,
                       List<String> documentHosts, int feedFrom) {
        super(json, publisher, "amazon");
        this.feedFrom = feedFrom;
        this.sellerId = sellerId;
        this.marketplaceIds = List.copyOf(marketplaceIds);
        this.documentHosts = List.copyOf(documentHosts);
    }

    /** Whether the batch goes as a feed: as many SKUs as hub.inventory.amazon-feed-from or more. */
    public boolean large(StockPublisher.Batch batch) {
        return batch.pushes().size() >= feedFrom;
    }

    /** createFeedDocument. */
    public String documentRequest() {
        ObjectNode call = json.createObjectNode().put("path", "/documents");
        call.putObject("body").put("contentType", CONTENT_TYPE);
        return call.toString();
    }

    /** Uploads the batch's feed to the document Amazon answered; answers the createFeed call. */
    public String upload(StockPublisher.Batch batch, String answer) throws IOException, InterruptedException {
        JsonNode document = parse(answer);
        String documentId = document.path("feedDocumentId").asText("");
        if (!documentId.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalStateException("amazon answered no feedDocumentId: " + answer);
        }
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(documentUri(document.path("url").asText()))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(feed(batch), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            throw new IllegalStateException("amazon's feed document took no upload: " + put.statusCode());
        }
        ObjectNode call = json.createObjectNode().put("path", "/feeds");
        ObjectNode body = call.putObject("body").put("feedType", "JSON_LISTINGS_FEED");
        marketplaceIds.forEach(body.putArray("marketplaceIds")::add);
        body.put("inputFeedDocumentId", documentId);
        return call.toString();
    }

    /** Amazon created the feed: its result is read by the result poll. */
    public void accepted(StockPublisher.Batch batch, String answer) {
        sent(batch, parse(answer).path("feedId"), answer);
    }

    /** getFeed, for the result poll. */
    public String feedRequest(String feedId) {
        return json.createObjectNode().put("path", "/feeds/" + feedId).toString();
    }

    /**
     * The feed's processing status: its report's getFeedDocument call once DONE; null while Amazon processes it.
     * A feed Amazon CANCELLED or found FATAL told nothing: its listings are told again.
     */
    public String status(String feedId, String answer) {
        JsonNode feed = parse(answer);
        String status = feed.path("processingStatus").asText();
        if ("DONE".equals(status)) {
            String report = feed.path("resultFeedDocumentId").asText("");
            if (!report.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new IllegalStateException("amazon's feed " + feedId + " is DONE without a report: " + answer);
            }
            return json.createObjectNode().put("path", "/documents/" + report).toString();
        }
        if ("CANCELLED".equals(status) || "FATAL".equals(status)) {
            publisher.resultsLost(feedId, "amazon's feed " + feedId + " ended " + status);
        }
        return null;
    }

    /** Reads the processing report the document names: each message with an ERROR issue was refused. */
    public void report(String feedId, String answer) throws IOException, InterruptedException {
        HttpResponse<String> report = http.send(HttpRequest.newBuilder(documentUri(parse(answer).path("url")
                .asText())).timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (report.statusCode() / 100 != 2) {
            throw new IllegalStateException("amazon's feed report could not be read: " + report.statusCode());
        }
        List<String> listings = new ArrayList<>(publisher.listingsOf(feedId));
        listings.sort(Comparator.naturalOrder());
        Map<String, String> refused = new HashMap<>();
        for (JsonNode issue : parse(report.body()).path("issues")) {
            int message = issue.path("messageId").asInt();
            if ("ERROR".equals(issue.path("severity").asText()) && message >= 1 && message <= listings.size()) {
                refused.merge(listings.get(message - 1), "amazon refused: " + issue.path("code").asText() + " "
                        + issue.path("message").asText(), (a, b) -> a + "; " + b);
            }
        }
        publisher.resultsComplete(feedId, refused);
    }

    /** The feed: one PATCH message per listing, numbered in the order of the listing ids. */
    String feed(StockPublisher.Batch batch) {
        ObjectNode feed = json.createObjectNode();
        feed.putObject("header").put("sellerId", sellerId).put("version", "2.0").put("issueLocale", "en_US");
        ArrayNode messages = feed.putArray("messages");
        List<StockPublisher.Push> pushes = new ArrayList<>(batch.pushes());
        pushes.sort(Comparator.comparing(push -> push.listing().listingId()));
        for (int i = 0; i < pushes.size(); i++) {
            ObjectNode message = messages.addObject().put("messageId", i + 1)
                    .put("sku", pushes.get(i).listing().listingId()).put("operationType", "PATCH")
                    .put("productType", "PRODUCT");
            ObjectNode patch = message.putArray("patches").addObject().put("op", "merge")
                    .put("path", "/attributes/fulfillment_availability");
            patch.putArray("value").addObject().put("fulfillment_channel_code", "DEFAULT")
                    .put("quantity", pushes.get(i).quantity());
        }
        return feed.toString();
    }

    /** A document URL Amazon answered, only on a host the hub is configured to trust (S3, or the sandbox). */
    private URI documentUri(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        boolean trusted = documentHosts.stream().anyMatch(allowed -> allowed.startsWith(".")
                ? "https".equals(uri.getScheme()) && host.endsWith(allowed) : host.equals(allowed));
        if (!trusted) {
            throw new IllegalStateException("amazon's feed document is on " + host
                    + ", not a host of hub.channels.amazon.document-hosts");
        }
        return uri;
    }
}
