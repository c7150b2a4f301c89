package io.orderhub.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.pipeline.CompiledJsonata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSONata rule file from mappings/ that Java evaluates inside a store transaction (allocation, carrier choice),
 * where a route step cannot run. Read and compiled once at start, like every mapping, and evaluated from any
 * thread ({@link CompiledJsonata}).
 */
public class RuleFile {

    private final Path file;
    private final CompiledJsonata expression;
    private final ObjectMapper json;

    public RuleFile(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        try {
            this.expression = CompiledJsonata.compile(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file, e);
        }
    }

    public JsonNode evaluate(Object input) {
        Object plain = json.convertValue(input, Object.class);
        Object result = expression.evaluate(plain);
        return result == null ? json.nullNode() : json.valueToTree(result);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
