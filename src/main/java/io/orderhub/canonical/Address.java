package io.orderhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A postal address; {@code countryCode} is ISO 3166-1 alpha-2. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String name, String company, String line1, String line2, String city, String region,
                      String postalCode, String countryCode, String phone) {
}
