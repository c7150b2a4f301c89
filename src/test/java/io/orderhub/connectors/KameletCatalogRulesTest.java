package io.orderhub.connectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structural rules the Apache Camel Kamelet catalog holds its Kamelets to (its README and
 * script/validator/validator.go), applied to every file in connectors/: the name is the file's and ends in its type,
 * every property is titled (Title Case) and described, secrets are marked as credentials, the template uses exactly
 * the properties it declares, a bean call declares camel:bean, and nothing nests deeper than the catalog's deepest
 * Kamelet (32 spaces).
 */
class KameletCatalogRulesTest {

    private static final Path CONNECTORS = Path.of("connectors");
    private static final int CATALOG_DEEPEST_INDENT = 32;
    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "at", "by", "for", "in", "of", "on", "or",
            "per", "the", "to", "with");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z][A-Za-z0-9]*)(?::[^}]*)?}}");

    static Stream<Path> kamelets() throws IOException {
        List<Path> files = Files.list(CONNECTORS).filter(p -> p.toString().endsWith(".kamelet.yaml")).sorted().toList();
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    @SuppressWarnings("unchecked")
    void followsTheCatalogsRules(Path file) throws IOException {
        String text = Files.readString(file);
        Map<String, Object> kamelet = new Yaml().load(text);
        Map<String, Object> metadata = (Map<String, Object>) kamelet.get("metadata");
        Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
        Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
        Map<String, Map<String, Object>> properties =
                (Map<String, Map<String, Object>>) definition.getOrDefault("properties", Map.of());
        String name = (String) metadata.get("name");

        assertThat(file.getFileName().toString()).isEqualTo(name + ".kamelet.yaml");
        String type = name.substring(name.lastIndexOf('-') + 1);
        assertThat(type).as("name suffix").isIn("source", "sink", "action");
        assertThat(((Map<String, Object>) metadata.get("labels")).get("camel.apache.org/kamelet.type")).isEqualTo(type);
        assertThat((String) definition.get("title")).endsWith(Character.toUpperCase(type.charAt(0)) + type.substring(1));
        assertThat(properties.keySet()).as("required properties are declared")
                .containsAll((List<String>) definition.getOrDefault("required", List.of()));

        properties.forEach((property, schema) -> {
            String title = (String) schema.get("title");
            assertThat(title).as(property + " title").isNotBlank().doesNotStartWith("The ");
            for (String word : title.split(" ")) {
                assertThat(Character.isLowerCase(word.charAt(0)) && !SMALL_WORDS.contains(word))
                        .as(property + " title in Title Case: " + title).isFalse();
            }
            assertThat((String) schema.get("description")).as(property + " description").isNotBlank();
            if ("password".equals(schema.get("format"))) {
                assertThat((List<String>) schema.get("x-descriptors")).as(property + " is a credential")
                        .contains("urn:camel:group:credentials");
            }
        });

        String template = text.substring(text.indexOf("\n  template:"));
        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).as("properties the template uses").isEqualTo(new TreeSet<>(properties.keySet()));

        if (template.contains("ref: ") || template.contains("bean:")) {
            assertThat((List<String>) spec.get("dependencies")).as("a bean call").contains("camel:bean");
        }
        int deepest = template.lines().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).max().orElse(0);
        assertThat(deepest).as("deepest indentation").isLessThanOrEqualTo(CATALOG_DEEPEST_INDENT);
    }
}
