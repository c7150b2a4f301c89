package io.orderhub.crash;

import io.orderhub.OrderHubApplication;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.NamedRoute;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The hub as {@link CrashHarnessTest} runs it in its own JVM: the real application, plus a TCP acceptor on the
 * embedded broker (so the test can read the ERP queue, as an ERP would) and, when {@code crash.point} is set, a
 * kill point: the n-th time ({@code crash.after}) an exchange passes the named step, the hub writes
 * {@code crash.marker} and stops that thread, and the test kills the process with SIGKILL at that moment.
 */
public final class CrashableHub {

    /** The named kill points: the step after which the hub is killed. */
    static final Map<String, Step> POINTS = Map.of(
            "after-intake-commit", new Step("accept-order", label -> label.contains("accept("), false),
            "between-fanout-sends", new Step("fanout", label -> label.contains("jms:queue"), true),
            "after-wms-2xx", new Step("send-wms", label -> label.contains("wms-http-sink"), false),
            "after-carrier-2xx", new Step("create-label", label -> label.contains("direct:ship-"), false),
            "after-write-back-2xx", new Step("send-channel", label -> label.contains("direct:write-back-"), false),
            "after-ledger-update", new Step("deliver-", label -> label.contains("succeeded("), false),
            "between-edi-documents", new Step("send-edi", label -> label.contains("sent("), true),
            "mid-pos-batch", new Step("poll-pos", label -> label.contains("direct:ingest-pos"), false),
            "after-stock-push-2xx", new Step("stock-to-shopify", label -> label.contains("direct:shopify-graphql"),
                    false));

    private CrashableHub() {
    }

    public static void main(String[] args) {
        SpringApplication.run(new Class<?>[]{OrderHubApplication.class, Hooks.class}, args);
    }

    /** A step by its route (id prefix) and label; {@code firstOfSeveral}: only the first part of a split of 2+. */
    record Step(String routePrefix, Predicate<String> label, boolean firstOfSeveral) {
    }

    /**
     * Named in {@link #main} only. Not a {@code @Configuration}: the application's component scan covers this
     * package, and every other test's context would get the acceptor and the kill point too.
     */
    static class Hooks {

        @Bean
        ArtemisConfigurationCustomizer tcpAcceptor() {
            String port = System.getProperty("crash.artemis-port");
            return configuration -> {
                try {
                    configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        @Bean
        InterceptStrategy killPoint() {
            String name = System.getProperty("crash.point", "");
            Step step = POINTS.get(name);
            int after = Integer.getInteger("crash.after", 1);
            Path marker = Path.of(System.getProperty("crash.marker", "crash-point-reached"));
            AtomicInteger passes = new AtomicInteger();
            return new InterceptStrategy() {
                @Override
                public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                             Processor nextTarget) {
                    if (step == null || !matches(step, definition)) {
                        return target;
                    }
                    return new DelegateAsyncProcessor(target) {
                        @Override
                        public boolean process(Exchange exchange, AsyncCallback callback) {
                            return processor.process(exchange, doneSync -> {
                                if (exchange.getException() == null && counts(step, exchange)
                                        && passes.incrementAndGet() == after) {
                                    halt(name, marker);
                                }
                                callback.done(doneSync);
                            });
                        }
                    };
                }
            };
        }

        private static boolean matches(Step step, NamedNode definition) {
            NamedNode node = definition;
            while (node != null && !(node instanceof NamedRoute)) {
                node = node.getParent();
            }
            String routeId = node == null ? "" : ((NamedRoute) node).getRouteId();
            return routeId != null && routeId.startsWith(step.routePrefix()) && step.label().test(definition.getLabel());
        }

        private static boolean counts(Step step, Exchange exchange) {
            if (!step.firstOfSeveral()) {
                return true;
            }
            Integer index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
            Integer size = exchange.getProperty(Exchange.SPLIT_SIZE, Integer.class);
            return index != null && index == 0 && size != null && size > 1;
        }

        /** Tells the test where the hub stands and parks the thread: the test's SIGKILL ends the process here. */
        private static void halt(String name, Path marker) {
            try {
                Files.writeString(marker, name, StandardCharsets.UTF_8);
                Thread.sleep(Long.MAX_VALUE);
            } catch (IOException e) {
                Runtime.getRuntime().halt(137);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
