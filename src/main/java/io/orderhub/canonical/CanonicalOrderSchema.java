package io.orderhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Validates a canonical order against {@code schema/canonical-order.schema.json}, naming each failing field. */
public class CanonicalOrderSchema {

    public static final String LOCATION = "schema/canonical-order.schema.json";

    private final JsonSchema schema;

    public CanonicalOrderSchema() {
        try (InputStream in = CanonicalOrderSchema.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException("canonical order schema not on the classpath: " + LOCATION);
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws InvalidOrderException of kind SCHEMA listing every violation as "$.path: problem" */
    public void validate(JsonNode order) {
        Set<ValidationMessage> messages = schema.validate(order);
        if (messages.isEmpty()) {
            return;
        }
        List<String> problems = messages.stream()
                .sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
                .map(ValidationMessage::getMessage)
                .toList();
        throw new InvalidOrderException(InvalidOrderException.Kind.SCHEMA,
                "canonical order is invalid: " + String.join("; ", problems), problems, null);
    }
}
