package io.orderhub.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A channel's share of the pool: safety stock, end-when, percent, cap, fixed allocation, and which row applies. */
class StockPolicyTest {

    private static StockPolicy policy(int safety, int endWhen, int percent, Integer cap, Integer allocation) {
        return new StockPolicy("ebay", "*", List.of("nj"), safety, endWhen, percent, cap, allocation);
    }

    @Test
    void theRestAfterTheSafetyStockIsPublishedInPartAndCapped() {
        assertThat(policy(0, 0, 100, null, null).publish(12)).isEqualTo(12);
        assertThat(policy(2, 0, 100, null, null).publish(12)).isEqualTo(10);
        assertThat(policy(2, 0, 80, null, null).publish(12)).as("80% of 10, rounded down").isEqualTo(8);
        assertThat(policy(0, 0, 75, null, null).publish(3)).as("75% of 3 is 2.25").isEqualTo(2);
        assertThat(policy(0, 0, 100, 5, null).publish(12)).isEqualTo(5);
    }

    @Test
    void atOrBelowTheEndWhenLevelZeroIsPublishedAndNeverLessThanZero() {
        StockPolicy endAtTwo = policy(1, 2, 100, null, null);

        assertThat(endAtTwo.publish(3)).as("3 - 1 safety = 2, the end-when level").isZero();
        assertThat(endAtTwo.publish(4)).isEqualTo(3);
        assertThat(policy(0, 0, 100, null, null).publish(-4)).as("demand over the pool").isZero();
    }

    @Test
    void aFixedAllocationReplacesThePercentAndTheCapWhileThePoolHasIt() {
        StockPolicy five = policy(0, 0, 10, 1, 5);

        assertThat(five.publish(40)).isEqualTo(5);
        assertThat(five.publish(3)).isEqualTo(3);
    }

    @Test
    void theRowThatFitsBestWins() {
        StockPolicy anyChannel = new StockPolicy("*", "*", List.of("*"), 0, 0, 100, null, null);
        StockPolicy ebay = new StockPolicy("ebay", "*", List.of("nj"), 1, 0, 100, null, null);
        StockPolicy ebayTurkish = new StockPolicy("ebay", "TR-*", List.of("ist"), 1, 0, 100, null, null);
        StockPolicy ebayMug = new StockPolicy("ebay", "MUG-CER-12-BLU", List.of("nj"), 3, 0, 100, null, null);
        List<StockPolicy> rows = List.of(anyChannel, ebay, ebayTurkish, ebayMug);

        assertThat(Inventory.policy(rows, "ebay", "MUG-CER-12-BLU")).isEqualTo(ebayMug);
        assertThat(Inventory.policy(rows, "ebay", "TR-CAY-SET6")).isEqualTo(ebayTurkish);
        assertThat(Inventory.policy(rows, "ebay", "KET-GLS-1L")).isEqualTo(ebay);
        assertThat(Inventory.policy(rows, "n11", "KET-GLS-1L")).isEqualTo(anyChannel);
        assertThat(Inventory.policy(List.of(), "n11", "KET-GLS-1L")).isEqualTo(StockPolicy.none("n11"));
        assertThat(ebayTurkish.servedBy("ist")).isTrue();
        assertThat(ebayTurkish.servedBy("nj")).isFalse();
        assertThat(ebayTurkish.appliesTo("ebay", "TR.CAY")).as("a pattern's dot is a dot").isFalse();
    }

    @Test
    void aPolicyThatCannotBeMeantIsRefused() {
        assertThatThrownBy(() -> policy(0, 0, 120, null, null)).hasMessageContaining("percent 0 to 100");
        assertThatThrownBy(() -> policy(-1, 0, 100, null, null)).hasMessageContaining("must not be negative");
    }
}
