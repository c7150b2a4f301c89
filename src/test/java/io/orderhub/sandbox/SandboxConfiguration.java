package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.config.HubProperties;
import io.orderhub.enrich.Allocator;
import io.orderhub.enrich.Catalog;
import io.orderhub.enrich.StockSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox run ({@code mvn spring-boot:test-run}, and the tests): a single-node Kafka, an SFTP server with a demo
 * partner, and the channel, warehouse, carrier and ERP simulators on one local HTTP server. It is test code, so
 * the production jar cannot start it; {@code hub.sandbox.enabled} (true in application-sandbox.yaml) switches it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.sandbox.enabled", havingValue = "true")
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    private final SandboxProperties sandbox;

    SandboxConfiguration(SandboxProperties sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * The broker takes a free port; its address becomes {@code hub.kafka.bootstrap-servers} before any route
     * starts, so the events sink (and any test) finds it.
     */
    @Bean(destroyMethod = "destroy")
    EmbeddedKafkaKraftBroker sandboxKafka(ConfigurableEnvironment environment,
                                          @Value("${hub.destinations.events.topic}") String eventsTopic,
                                          @Value("${hub.channels.pos.topic}") String posTopic) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, eventsTopic, posTopic);
        broker.afterPropertiesSet();
        environment.getPropertySources().addFirst(new MapPropertySource("sandbox-kafka",
                Map.of("hub.kafka.bootstrap-servers", broker.getBrokersAsString())));
        LOG.info("Sandbox Kafka broker at {}", broker.getBrokersAsString());
        return broker;
    }

    @Bean(destroyMethod = "close")
    SandboxSftpServer sandboxSftp(HubProperties hub,
                                  @Value("${hub.edi.partners.demo-partner.password}") String password) throws IOException {
        return new SandboxSftpServer(sandbox.sftpPort(), Path.of(hub.dataDir()), password).start();
    }

    @Bean
    ShopifySimulator shopifySimulator(ObjectMapper json, Clock clock, HubProperties hub,
                                      @Value("${hub.channels.shopify.access-token}") String token) {
        return new ShopifySimulator(json, "/shopify", token, clock, faults());
    }

    @Bean
    WooCommerceSimulator wooCommerceSimulator(ObjectMapper json, Clock clock, HubProperties hub,
                                              @Value("${hub.channels.woocommerce.consumer-key}") String key,
                                              @Value("${hub.channels.woocommerce.consumer-secret}") String secret) {
        return new WooCommerceSimulator(json, clock, faults(), key, secret);
    }

    @Bean
    TrendyolSimulator trendyolSimulator(ObjectMapper json, Clock clock, HubProperties hub,
                                        @Value("${hub.channels.trendyol.account}") String sellerId,
                                        @Value("${hub.channels.trendyol.api-key}") String key,
                                        @Value("${hub.channels.trendyol.api-secret}") String secret) {
        return new TrendyolSimulator(json, clock, faults(), sellerId, key, secret);
    }

    @Bean
    HepsiburadaSimulator hepsiburadaSimulator(ObjectMapper json, Clock clock, HubProperties hub,
                                              @Value("${hub.channels.hepsiburada.account}") String merchantId,
                                              @Value("${hub.channels.hepsiburada.username}") String user,
                                              @Value("${hub.channels.hepsiburada.password}") String password) {
        return new HepsiburadaSimulator(json, clock, faults(), merchantId,
                user, password);
    }

    @Bean
    N11Simulator n11Simulator(ObjectMapper json, Clock clock, HubProperties hub,
                              @Value("${hub.channels.n11.app-key}") String key,
                              @Value("${hub.channels.n11.app-secret}") String secret) {
        return new N11Simulator(json, clock, faults(), key, secret);
    }

    @Bean
    EbaySimulator ebaySimulator(ObjectMapper json, Clock clock, HubProperties hub,
                                @Value("${hub.channels.ebay.account}") String seller,
                                @Value("${hub.channels.ebay.client-id}") String clientId,
                                @Value("${hub.channels.ebay.client-secret}") String clientSecret,
                                @Value("${hub.channels.ebay.refresh-token}") String refreshToken) {
        return new EbaySimulator(json, clock, faults(), seller, clientId,
                clientSecret, refreshToken);
    }

    /**
     * Amazon holds back the last two minutes of changes and rates getOrders at one call a minute; the sandbox
     * shortens both (10 s, 5 calls a second) so the default run shows Amazon orders soon.
     */
    @Bean
    AmazonSimulator amazonSimulator(ObjectMapper json, Clock clock, HubProperties hub,
                                    @Value("${hub.channels.amazon.client-id}") String clientId,
                                    @Value("${hub.channels.amazon.client-secret}") String clientSecret,
                                    @Value("${hub.channels.amazon.refresh-token}") String refreshToken) {
        return new AmazonSimulator(json, clock, faults(), clientId, clientSecret, refreshToken)
                .settle(Duration.ofSeconds(10))
                .rateLimit("5.0");
    }

    @Bean(destroyMethod = "close")
    PosSimulator posSimulator(ObjectMapper json, Clock clock, EmbeddedKafkaKraftBroker kafka,
                              @Value("${hub.channels.pos.topic}") String topic) {
        return new PosSimulator(json, clock, kafka.getBrokersAsString(), topic);
    }

    @Bean(destroyMethod = "close")
    ErpSimulator erpSimulator(jakarta.jms.ConnectionFactory connections, HubProperties hub, ObjectMapper json) {
        return new ErpSimulator(connections, hub.destinations().erp().queue(), json);
    }

    /** The hub's own API, as the warehouse and carrier simulators call it back. */
    @Bean
    HubClient hubClient(HubProperties hub, Environment environment) {
        return new HubClient(() -> environment.getProperty("local.server.port", Integer.class, 8080),
                hub.security().apiUser(), hub.security().apiPassword());
    }

    @Bean(destroyMethod = "close")
    CarrierSimulator carrierSimulator(ObjectMapper json, HubProperties hub, HubClient hubClient) {
        return new CarrierSimulator(json, hubClient, sandbox.wmsStepDelay());
    }

    @Bean(destroyMethod = "close")
    WmsSimulator wmsSimulator(ObjectMapper json, HubProperties hub, HubClient hubClient, CarrierSimulator carriers) {
        return new WmsSimulator(json, hubClient, sandbox.wmsStepDelay(), carriers::pickedUp);
    }

    /**
     * The sandbox's warehouses (ist, ams, nj; see mappings/allocation/warehouses.jsonata) start with every catalog
     * SKU in stock, before any route takes an order: plenty, but only a few of hub.sandbox.scarce-sku, which runs
     * out within minutes, so the channels that list it are told 0. A real WMS reports its stock through POST /api/stock or files.
     */
    @Bean
    SandboxStock sandboxStock(Allocator allocator, Catalog catalog) {
        for (String warehouse : List.of("ist", "ams", "nj")) {
            allocator.applySnapshot(new StockSnapshot(warehouse, true, catalog.products().stream()
                    .map(p -> new StockSnapshot.Item(p.sku(), p.sku().equals(sandbox.scarceSku())
                            ? sandbox.scarceUnits() : SandboxStock.UNITS)).toList()));
        }
        return new SandboxStock();
    }

    /** Marks the sandbox stock as loaded; routes that take orders start after it. */
    public static final class SandboxStock {
        static final int UNITS = 100_000;
    }

    @Bean(destroyMethod = "close")
    SimulatorServer simulatorServer(HubProperties hub, ShopifySimulator shopify, WooCommerceSimulator woo,
                                    TrendyolSimulator trendyol, HepsiburadaSimulator hepsiburada, N11Simulator n11,
                                    EbaySimulator ebay, AmazonSimulator amazon, WmsSimulator wms,
                                    CarrierSimulator carriers) throws IOException {
        return new SimulatorServer(sandbox.port())
                .route("/shopify", shopify::handle)
                .route("/woocommerce", woo::handle)
                .route("/trendyol", trendyol::handle)
                .route("/hepsiburada", hepsiburada::handle)
                .route("/n11", n11::handle)
                .route("/ebay", ebay::handle)
                .route("/amazon", amazon::handle)
                .route("/wms", wms::handle)
                .route("/carriers", carriers::handle)
                .start();
    }

    /** Each channel simulator gets its own faults: an occasional 429, and what a test asks for. */
    private ChannelFaults faults() {
        return new ChannelFaults(sandbox.throttleEvery());
    }

    /**
     * A steady stream of new orders, one channel after the other, and the unpaid Shopify ones paid a little later.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.sandbox.generate-orders", havingValue = "true", matchIfMissing = true)
    OrderStream sandboxOrderStream(HubProperties hub, List<ChannelSimulator> channels, ShopifySimulator shopify) {
        return new OrderStream(channels, shopify, sandbox.orderInterval());
    }

    /** The demo trading partner's purchase orders, every hub.sandbox.edi-interval. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "hub.sandbox.generate-orders", havingValue = "true", matchIfMissing = true)
    SandboxEdiPartner sandboxEdiPartner(HubProperties hub, SandboxSftpServer sftp, Clock clock) {
        return new SandboxEdiPartner(sftp.home(SandboxSftpServer.DEMO_PARTNER), sandbox.ediInterval(), clock);
    }

    /** Not an Executor bean on purpose: one would make Spring Boot drop its own task executor. */
    static final class OrderStream implements AutoCloseable {
        private final ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong tick = new AtomicLong();

        OrderStream(List<ChannelSimulator> channels, ShopifySimulator shopify, java.time.Duration interval) {
            long every = interval.toMillis();
            stream.scheduleAtFixedRate(() -> channels.get((int) (tick.getAndIncrement() % channels.size())).placeSandboxOrder(),
                    0, every, TimeUnit.MILLISECONDS);
            stream.scheduleAtFixedRate(shopify::payPending, every * 5, every * 5, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            stream.shutdownNow();
        }
    }
}
