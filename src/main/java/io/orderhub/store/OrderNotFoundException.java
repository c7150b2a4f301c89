package io.orderhub.store;

public class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(String what) {
        super("no order " + what);
    }
}
