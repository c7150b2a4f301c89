package io.orderhub.api;

import io.orderhub.inventory.Inventory;
import io.orderhub.inventory.Listing;
import io.orderhub.inventory.StockChecks;
import io.orderhub.inventory.StockPolicy;
import io.orderhub.inventory.StockPublisher;
import io.orderhub.store.Oversells;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Available-to-promise: what each channel listing of a master SKU is to be told, and why (README, "Inventory"). */
@RestController
public class InventoryController {

    private final Inventory inventory;
    private final StockPublisher publisher;
    private final StockChecks checks;

    public InventoryController(Inventory inventory, StockPublisher publisher, StockChecks checks) {
        this.inventory = inventory;
        this.publisher = publisher;
        this.checks = checks;
    }

    /** The listings whose quantity at the channel differs from what the hub told it, or drifted in the last day. */
    @GetMapping("/api/inventory/reports/drift")
    public List<StockChecks.Drift> drift(@RequestParam(required = false) String channel) {
        return checks.drifting(channel);
    }

    /** The order lines the stock pool could not reserve, latest first, with what their channel had been told. */
    @GetMapping("/api/inventory/reports/oversells")
    public List<Oversells.Oversell> oversells(@RequestParam(required = false) String channel,
                                              @RequestParam(defaultValue = "200") int size) {
        if (size < 1 || size > 1000) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "size must be between 1 and 1000");
        }
        return checks.oversells(channel, size);
    }

    @GetMapping("/api/inventory/{masterSku}")
    public Inventory.SkuView view(@PathVariable String masterSku) {
        return inventory.view(masterSku);
    }

    /**
     * A full push to one channel ({@code ?channel=}) or all: every listing is told its quantity again on the next
     * round, compared from what the hub reads back where the channel compares (Shopify).
     */
    @PostMapping("/api/inventory/resync")
    public ResponseEntity<Map<String, Object>> resync(@RequestParam(required = false) String channel) {
        return ResponseEntity.accepted().body(Map.of("listings", publisher.resync(channel)));
    }

    @GetMapping("/api/inventory/listings")
    public List<Listing> listings(@RequestParam(required = false) String channel,
                                  @RequestParam(required = false) String account) {
        return inventory.listings(channel, account);
    }

    /**
     * Adds or replaces a channel's listing of a master SKU, as a row of mappings/inventory/listings.csv would (a
     * listing id with a slash goes through the file). Its SKU is told again.
     */
    @PutMapping("/api/inventory/listings/{channel}/{account}/{listingId}")
    public Listing putListing(@PathVariable String channel, @PathVariable String account,
                              @PathVariable String listingId, @RequestBody ListingRequest request) {
        if (request.masterSku() == null || request.masterSku().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "masterSku is required");
        }
        return ApiException.unprocessableIfInvalid(() -> inventory.putListing(new Listing(channel, account, listingId,
                request.masterSku(), request.inventoryItemId(), request.locationId(),
                Inventory.fulfilledBy(request.fulfilledBy() == null ? "merchant" : request.fulfilledBy()))));
    }

    @GetMapping("/api/inventory/policies")
    public List<StockPolicy> policies() {
        return inventory.policyRows();
    }

    /**
     * Adds or replaces a stock policy, as a row of mappings/inventory/policies.csv would: channel or {@code *},
     * SKU, pattern ({@code TR-*}) or {@code *}. The channel's SKUs are told again.
     */
    @PutMapping("/api/inventory/policies/{channel}/{skuPattern}")
    public StockPolicy putPolicy(@PathVariable String channel, @PathVariable String skuPattern,
                                 @RequestBody PolicyRequest request) {
        return ApiException.unprocessableIfInvalid(() -> inventory.putPolicy(new StockPolicy(channel, skuPattern,
                request.warehouses() == null || request.warehouses().isEmpty() ? List.of(StockPolicy.ANY)
                        : request.warehouses(), orZero(request.safetyStock()), orZero(request.endWhen()),
                request.percent() == null ? 100 : request.percent(), request.cap(), request.allocation())));
    }

    public record ListingRequest(String masterSku, String inventoryItemId, String locationId, String fulfilledBy) {
    }

    public record PolicyRequest(List<String> warehouses, Integer safetyStock, Integer endWhen, Integer percent,
                                Integer cap, Integer allocation) {
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Loads mappings/inventory/listings.csv and policies.csv again. */
    @PostMapping("/api/inventory/reload")
    public Inventory.LoadResult reload() {
        return ApiException.unprocessableIfInvalid(inventory::reload);
    }
}
