package io.orderhub.canonical;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings of the canonical model, in one place: money never passes through double (decimals read as
 * BigDecimal, written without exponent), instants as ISO-8601 text, unknown fields ignored.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        // Only the modules the model needs: registering every module on the classpath would bring Kafka's Scala
        // module into the shared mapper, and camel-jsonpath would then read JSON objects as Scala maps.
        return mapper.registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }
}
