package io.orderhub.canonical;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs a channel's mappings/&lt;channel&gt;/to-canonical.jsonata with the hub's jsonata component and binds the result exactly as
 * the ingest route does (schema check included), so a test sees what the pipeline would store.
 */
public abstract class MappingTestSupport {

    private static CamelContext camel;
    private static ProducerTemplate producer;
    private final CanonicalOrders canonical = new CanonicalOrders(CanonicalJson.newMapper(), new CanonicalOrderSchema());

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        // the hub's jsonata component (HubConfiguration), which compiles each mapping once
        camel.addComponent("jsonata", new io.orderhub.pipeline.CompiledJsonataComponent());
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    protected CanonicalOrder map(String channel, String account, String nativeOrder) {
        String mapped = producer.requestBody("jsonata:file:mappings/" + channel
                + "/to-canonical.jsonata?inputType=JsonString&outputType=JsonString", nativeOrder, String.class);
        return canonical.fromMapping(mapped, channel, account);
    }

    /** The single native orders of a list page, split as the ingest route splits them. */
    static java.util.List<String> orders(String page, String pageField, String groupBy) {
        return new io.orderhub.pipeline.NativeOrders(CanonicalJson.newMapper(), Integer.MAX_VALUE, 64, 65536)
                .split(page, pageField, groupBy);
    }

    protected static String sample(String channel, String name) {
        try (InputStream in = MappingTestSupport.class.getResourceAsStream("/samples/" + channel + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + channel + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
