package io.orderhub.store;

import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.lifecycle.OrderStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the stores tell of a change once it is committed, so what is counted (the KPIs of io.orderhub.kpi) is what
 * is durably stored, never a change a rollback took back.
 */
public interface StoreEvents {

    StoreEvents NONE = new StoreEvents() {
    };

    /** The order as stored now, moved from {@code before} (null: it is new); also a change within one status. */
    default void orderChanged(CanonicalOrder order, OrderStatus before) {
    }

    /** A new error-store entry (not a repeat of an open one). */
    default void errorKept(String channel, String stage) {
    }

    /** Runs {@code told} after the current transaction commits, or now when there is none. */
    static void afterCommit(Runnable told) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            told.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                told.run();
            }
        });
    }
}
