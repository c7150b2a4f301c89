package io.orderhub.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jsonata.JsonataEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub's jsonata component: one compile per mapping, the same answer on every message, a reload honoured. */
class CompiledJsonataComponentTest {

    // a block, a lambda and a path over the input: what the hub's mappings are made of (mappings/wms/)
    private static final String MAPPING = """
            ( $order := $; $line := function($l) { {"sku": $l.sku, "of": $order.orderId} }; [lines.$line($)] )""";
    private static final String ORDER = """
            {"orderId": "shopify-1", "lines": [{"sku": "A"}, {"sku": "B"}]}""";

    @TempDir
    Path mappings;
    private CamelContext camel;
    private ProducerTemplate producer;
    private String uri;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(mappings.resolve("map.jsonata"), MAPPING);
        uri = "jsonata:file:" + mappings.resolve("map.jsonata") + "?inputType=JsonString&outputType=JsonString";
        camel = new DefaultCamelContext();
        camel.addComponent("jsonata", new CompiledJsonataComponent());
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void everyMessageGetsTheAnswerOfAFreshCompile() {
        String expected = "[{\"sku\":\"A\",\"of\":\"shopify-1\"},{\"sku\":\"B\",\"of\":\"shopify-1\"}]";
        // evaluated on the compiled expression itself, the library's environment grows two frames a message and
        // overflows the stack within a few thousand
        for (int i = 0; i < 10_000; i++) {
            assertThat(producer.requestBody(uri, ORDER, String.class)).as("message %d", i).isEqualTo(expected);
        }
    }

    @Test
    void oneCompiledExpressionServesManyThreadsAtOnce() throws Exception {
        CompiledJsonata expression = CompiledJsonata.compile(MAPPING);
        Map<String, Object> order = Map.of("orderId", "pos-7", "lines", List.of(Map.of("sku", "C")));
        Object expected = List.of(Map.of("sku", "C", "of", "pos-7"));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> last = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                last.add(threads.submit(() -> {
                    Object result = null;
                    for (int i = 0; i < 2_000; i++) {
                        result = expression.evaluate(order);
                        assertThat(result).isEqualTo(expected);
                    }
                    return result;
                }));
            }
            for (Future<Object> result : last) {
                assertThat(result.get(1, TimeUnit.MINUTES)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClearedCacheCompilesTheMendedFile() throws Exception {
        assertThat(producer.requestBody(uri, ORDER, String.class)).contains("\"of\":\"shopify-1\"");
        Files.writeString(mappings.resolve("map.jsonata"), "{\"order\": orderId}");
        assertThat(producer.requestBody(uri, ORDER, String.class)).as("cached until cleared").contains("\"of\"");

        Endpoint endpoint = camel.getEndpoint(uri);
        ((JsonataEndpoint) endpoint).clearContentCache();

        assertThat(producer.requestBody(uri, ORDER, String.class)).isEqualTo("{\"order\":\"shopify-1\"}");
    }
}
