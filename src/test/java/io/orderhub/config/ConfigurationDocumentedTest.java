package io.orderhub.config;

import io.orderhub.edi.EdiPartner;
import io.orderhub.sandbox.SandboxProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table cannot drift from the configuration: every {@code hub.*} property that
 * application.yaml or application-sandbox.yaml sets, or that a {@code @ConfigurationProperties} record binds
 * ({@link HubProperties}, {@link EdiPartner}, {@link SandboxProperties}), or that a route or Kamelet reads as a
 * placeholder, has a row, and every row names a property
 * one of them knows. {@code <channel>}, {@code <id>}, {@code <carrier>} and {@code <destination>} in a row stand for
 * any one name.
 */
class ConfigurationDocumentedTest {

    private static final Pattern NAME = Pattern.compile("`([a-z0-9.<>-]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??(hub\\.[a-z0-9.-]+)}}");

    @Test
    void everyPropertyHasARowAndEveryRowAProperty() throws IOException {
        Set<String> known = new TreeSet<>();
        known.addAll(yamlKeys(Path.of("src/main/resources/application.yaml")));
        known.addAll(yamlKeys(Path.of("src/test/resources/application-sandbox.yaml")));
        Set<String> bound = new TreeSet<>();
        bind("hub", HubProperties.class, bound);
        bind("hub.edi.partners.<id>", EdiPartner.class, bound);
        bind("hub.sandbox", SandboxProperties.class, bound);
        known.addAll(bound);
        known.addAll(placeholders(Path.of("routes")));
        known.addAll(placeholders(Path.of("connectors")));
        List<String> documented = documented(Files.readString(Path.of("README.md")));

        assertThat(known.stream().filter(k -> documented.stream().noneMatch(d -> matches(d, k))))
                .as("hub.* properties without a row in the README's configuration table").isEmpty();
        assertThat(documented.stream().filter(d -> known.stream().noneMatch(k -> matches(d, k))))
                .as("rows of the README's configuration table that name no property").isEmpty();
    }

    /**
     * A default lives in one place: a record's {@code @DefaultValue} is for a property application.yaml does not set
     * (where both set one, they drifted apart before: five did).
     */
    @Test
    void aDefaultLivesInOnePlace() throws IOException {
        Set<String> inYaml = yamlKeys(Path.of("src/main/resources/application.yaml"));
        Set<String> defaulted = new TreeSet<>();
        defaults("hub", HubProperties.class, defaulted);
        defaults("hub.sandbox", SandboxProperties.class, defaulted);
        assertThat(defaulted).isNotEmpty();
        assertThat(defaulted).as("properties with a default both in a record and in application.yaml")
                .doesNotContainAnyElementsOf(inYaml);
    }

    private static void defaults(String prefix, Class<?> record, Set<String> names) {
        RecordComponent[] components = record.getRecordComponents();
        java.lang.reflect.Parameter[] parameters;
        try {
            parameters = record.getDeclaredConstructor(java.util.Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = prefix + "." + kebab(component.getName());
            DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
            if (component.getType().isRecord()) {
                defaults(name, component.getType(), names);
            } else if (value != null) {
                names.add(name);
            }
        }
    }

    /** The hub.* properties route and Kamelet files read as placeholders, {@code {{hub.x}}} or {@code {{?hub.x}}}. */
    private static Set<String> placeholders(Path folder) throws IOException {
        Set<String> names = new TreeSet<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The hub.* names of the table's first column; "`a.b.c` / `d`" and "`.d`" name a sibling of a.b.c. */
    private static List<String> documented(String readme) {
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Production"));
        List<String> names = new ArrayList<>();
        for (String row : table.lines().filter(l -> l.startsWith("| `")).toList()) {
            String first = row.split("\\|")[1];
            Matcher m = NAME.matcher(first);
            String parent = null;
            while (m.find()) {
                String name = m.group(1);
                if (parent == null) {
                    parent = name.substring(0, name.lastIndexOf('.') + 1);
                } else {
                    name = parent + (name.startsWith(".") ? name.substring(1) : name);
                }
                if (name.startsWith("hub.")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Whether the documented name (with {@code <...>} wildcards) is this property, or the map it is in. */
    private static boolean matches(String documented, String property) {
        String regex = Pattern.quote(documented).replaceAll("<[a-z]+>", "\\\\E[a-z0-9-]+\\\\Q");
        return property.matches(regex) || property.matches(regex.replace("\\E[a-z0-9-]+\\Q", "\\E<[a-z]+>\\Q"));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> yamlKeys(Path file) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            Map<String, Object> root = (Map<String, Object>) document;
            if (root.get("hub") instanceof Map<?, ?> hub) {
                flatten("hub", (Map<String, Object>) hub, keys);
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Set<String> keys) {
        map.forEach((key, value) -> {
            String name = prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(name, (Map<String, Object>) child, keys);
            } else {
                keys.add(name);
            }
        });
    }

    /** The property names a record binds, nested records and maps (of records: {@code <name>}) included. */
    private static void bind(String prefix, Class<?> record, Set<String> names) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> type = component.getType();
            if (type.isRecord()) {
                bind(name, type, names);
            } else if (Map.class.isAssignableFrom(type)) {
                Type value = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[1];
                if (value instanceof Class<?> valueClass && valueClass.isRecord() && valueClass != EdiPartner.class) {
                    bind(name + ".<name>", valueClass, names);
                }
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
