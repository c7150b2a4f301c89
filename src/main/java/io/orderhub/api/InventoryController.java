package io.orderhub.api;

import io.orderhub.inventory.Inventory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Available-to-promise: what each channel listing of a master SKU is to be told, and why (README, "Inventory"). */
@RestController
public class InventoryController {

    private final Inventory inventory;

    public InventoryController(Inventory inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/api/inventory/{masterSku}")
    public Inventory.SkuView view(@PathVariable String masterSku) {
        return inventory.view(masterSku);
    }

    /** Loads mappings/inventory/listings.csv and policies.csv again. */
    @PostMapping("/api/inventory/reload")
    public Inventory.LoadResult reload() {
        return inventory.reload();
    }
}
