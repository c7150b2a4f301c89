package io.orderhub.api;

import io.orderhub.inventory.Inventory;
import io.orderhub.inventory.StockPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Available-to-promise: what each channel listing of a master SKU is to be told, and why (README, "Inventory"). */
@RestController
public class InventoryController {

    private final Inventory inventory;
    private final StockPublisher publisher;

    public InventoryController(Inventory inventory, StockPublisher publisher) {
        this.inventory = inventory;
        this.publisher = publisher;
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

    /** Loads mappings/inventory/listings.csv and policies.csv again. */
    @PostMapping("/api/inventory/reload")
    public Inventory.LoadResult reload() {
        return inventory.reload();
    }
}
