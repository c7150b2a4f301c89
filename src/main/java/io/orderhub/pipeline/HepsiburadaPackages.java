package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What Hepsiburada's order detail says about a ship write-back's lines before it is made
 * (connectors/hepsiburada-fulfillment-sink.kamelet.yaml): packing a line twice and putting a package in transit
 * twice are refused by Hepsiburada, so an attempt after one whose answer was lost must use the package the lines are
 * in already, and must not put it in transit again.
 */
public class HepsiburadaPackages {

    private final ObjectMapper json;

    public HepsiburadaPackages(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The package the write-back's lines are in already, or "" when none is; lines split over packages, or packed
     * only in part, are not this hub's doing and fail the delivery with a reason an operator can act on.
     */
    public String packageOf(String detail, String request) throws JsonProcessingException {
        List<JsonNode> rows = rowsOf(detail, request);
        TreeSet<String> packages = new TreeSet<>();
        rows.forEach(r -> packages.add(r.path("packageNumber").asText("")));
        if (packages.size() > 1) {
            throw new IllegalStateException("the lines of order " + json.readTree(detail).path("orderNumber").asText()
                    + " are packed in part or in several packages (" + packages
                    + ") at Hepsiburada; pack them there and mark the delivery delivered, or unpack them and retry");
        }
        return packages.isEmpty() ? "" : packages.first();
    }

    /** Whether the package holding the write-back's lines has left the Packaged status (in transit or later). */
    public boolean pastPackaged(String detail, String request) throws JsonProcessingException {
        return rowsOf(detail, request).stream().anyMatch(r -> r.hasNonNull("packageNumber")
                && !"Packaged".equals(r.path("status").asText()));
    }

    private List<JsonNode> rowsOf(String detail, String request) throws JsonProcessingException {
        List<String> ids = json.readTree(request).path("package").path("lineItemRequests").findValuesAsText("id");
        List<JsonNode> rows = new ArrayList<>();
        json.readTree(detail).path("items").forEach(row -> {
            if (ids.contains(row.path("id").asText())) {
                rows.add(row);
            }
        });
        return rows;
    }
}
