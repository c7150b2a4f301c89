package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(String name, String email, String phone) {
}
