package io.orderhub.api;

import io.orderhub.enrich.Allocator;
import io.orderhub.enrich.Catalog;
import io.orderhub.enrich.StockFeed;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The enrichment data a team maintains: the master catalog and the SKU cross reference ({@code /api/catalog}),
 * and the stock the warehouses report ({@code /api/stock}).
 */
@RestController
public class EnrichmentController {

    private final Catalog catalog;
    private final Allocator allocator;
    private final ProducerTemplate producer;

    public EnrichmentController(Catalog catalog, Allocator allocator, ProducerTemplate producer) {
        this.catalog = catalog;
        this.allocator = allocator;
        this.producer = producer;
    }

    @GetMapping("/api/catalog/products")
    public List<Catalog.Product> products() {
        return catalog.products();
    }

    @PutMapping("/api/catalog/products/{sku}")
    public Catalog.Product putProduct(@PathVariable String sku, @RequestBody ProductRequest request) {
        Catalog.Product product = new Catalog.Product(sku, request.title(),
                request.weightGrams() == null ? 0 : request.weightGrams());
        return ApiException.unprocessableIfInvalid(() -> {
            catalog.putProduct(product);
            return product;
        });
    }

    @GetMapping("/api/catalog/sku-xref")
    public List<Catalog.Xref> xrefs(@RequestParam(required = false) String channel) {
        return catalog.xrefs(channel);
    }

    /** Maps a channel's SKU to a master SKU; account "*" for every account of the channel. */
    @PutMapping("/api/catalog/sku-xref/{channel}/{account}/{channelSku}")
    public Catalog.Xref putXref(@PathVariable String channel, @PathVariable String account,
                                @PathVariable String channelSku, @RequestBody XrefRequest request) {
        if (request.masterSku() == null || request.masterSku().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "masterSku is required");
        }
        Catalog.Xref xref = new Catalog.Xref(channel, account, channelSku, request.masterSku());
        return ApiException.unprocessableIfInvalid(() -> {
            catalog.putXref(xref);
            return xref;
        });
    }

    /** Loads mappings/catalog/products.csv and sku-xref.csv again. */
    @PostMapping("/api/catalog/reload")
    public Catalog.LoadResult reload() {
        return ApiException.unprocessableIfInvalid(catalog::reload);
    }

    @GetMapping("/api/stock")
    public List<Allocator.StockLevel> stock(@RequestParam(required = false) String warehouse,
                                            @RequestParam(required = false) String sku) {
        return allocator.levels(warehouse, sku);
    }

    /**
     * A warehouse's stock snapshot {"warehouse", "complete": true|false, "items": [{"sku", "onHand"}]}; orders
     * backordered for want of stock are tried again.
     */
    @PostMapping(value = "/api/stock", consumes = MediaType.APPLICATION_JSON_VALUE)
    public StockFeed.Applied snapshot(@RequestBody String snapshot) {
        Exchange result = producer.request("direct:stock-snapshot", e -> e.getMessage().setBody(snapshot));
        if (result.getException() instanceof IllegalArgumentException invalid) {
            throw new ApiException(HttpStatus.BAD_REQUEST, invalid.getMessage());
        }
        if (result.getException() != null) {
            throw new IllegalStateException("stock snapshot failed", result.getException());
        }
        return result.getMessage().getBody(StockFeed.Applied.class);
    }

    /** Data the catalog refuses (an unknown master SKU, a malformed CSV line) is the caller's to fix: 422. */
    public record ProductRequest(String title, Integer weightGrams) {
    }

    public record XrefRequest(String masterSku) {
    }
}
