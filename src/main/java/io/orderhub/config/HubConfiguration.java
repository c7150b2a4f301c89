package io.orderhub.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.api.RequestBodyLimit;
import io.orderhub.api.WebhookRateLimit;
import io.orderhub.canonical.CanonicalJson;
import io.orderhub.canonical.CanonicalOrderSchema;
import io.orderhub.canonical.CanonicalOrders;
import io.orderhub.enrich.Allocator;
import io.orderhub.enrich.CarrierRules;
import io.orderhub.enrich.Catalog;
import io.orderhub.enrich.FulfillmentPlanner;
import io.orderhub.enrich.RuleFile;
import io.orderhub.enrich.StockFeed;
import io.orderhub.inventory.AmazonFeeds;
import io.orderhub.inventory.AmazonStock;
import io.orderhub.inventory.EbayStock;
import io.orderhub.inventory.HepsiburadaStock;
import io.orderhub.inventory.Inventory;
import io.orderhub.inventory.N11Stock;
import io.orderhub.inventory.ShopifyStock;
import io.orderhub.inventory.StockChecks;
import io.orderhub.inventory.StockPublisher;
import io.orderhub.inventory.TrendyolStock;
import io.orderhub.inventory.WooCommerceStock;
import io.orderhub.kpi.ChannelSync;
import io.orderhub.kpi.KpiHistory;
import io.orderhub.kpi.OrderKpis;
import io.orderhub.kpi.PollWatch;
import io.orderhub.lifecycle.DeliveryPlan;
import io.orderhub.lifecycle.Destination;
import io.orderhub.operations.BulkJobs;
import io.orderhub.pipeline.AccessTokens;
import io.orderhub.pipeline.CarrierShipments;
import io.orderhub.pipeline.ChannelStatusReports;
import io.orderhub.pipeline.ChannelThrottle;
import io.orderhub.pipeline.CompiledJsonataComponent;
import io.orderhub.pipeline.DeliveryChanges;
import io.orderhub.pipeline.DeliveryMetrics;
import io.orderhub.pipeline.DeliveryRefusals;
import io.orderhub.pipeline.HepsiburadaPackages;
import io.orderhub.pipeline.HoldRules;
import io.orderhub.pipeline.IngestErrors;
import io.orderhub.pipeline.IngestResults;
import io.orderhub.pipeline.JsonBodies;
import io.orderhub.pipeline.KameletRoutesFollowTheirRoute;
import io.orderhub.pipeline.LifecycleEvents;
import io.orderhub.pipeline.LinkHeaderPaging;
import io.orderhub.pipeline.NativeOrders;
import io.orderhub.pipeline.PageWalk;
import io.orderhub.pipeline.SoapCalls;
import io.orderhub.pipeline.StaticMembers;
import io.orderhub.pipeline.StatusLists;
import io.orderhub.pipeline.WriteBacks;
import io.orderhub.privacy.CustomerData;
import io.orderhub.store.ChannelCursors;
import io.orderhub.store.DeliveryLedger;
import io.orderhub.store.ErrorStore;
import io.orderhub.store.FulfillmentPlanning;
import io.orderhub.store.OrderStore;
import io.orderhub.store.WebhookDeliveries;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.DelegatingConnectionFactory;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The beans the routes call by name ({@code bean: orderStore}); one small class per concern. */
@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    /** The routes' {@code jsonata:} endpoints, each mapping file compiled once, not per message. */
    @Bean("jsonata")
    CompiledJsonataComponent jsonata() {
        return new CompiledJsonataComponent();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer exactMoneyJson() {
        return builder -> builder.postConfigurer(CanonicalJson::configure);
    }

    /** Every JSON body the hub reads (status, tracking, stock) is bounded in depth, like channel payloads. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer boundedJson(HubProperties hub) {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(hub.ingest().maxJsonDepth()).build()));
    }

    /** Every request body is capped before it is read (channel payloads have their own cap). */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(HubProperties hub) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(hub.http().maxBodyBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebhookRateLimit> webhookRateLimit(HubProperties hub, Clock clock, MeterRegistry meters) {
        FilterRegistrationBean<WebhookRateLimit> registration = new FilterRegistrationBean<>(
                new WebhookRateLimit(hub.webhooks().perClientPerMinute(), clock, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CanonicalOrderSchema canonicalOrderSchema() {
        return new CanonicalOrderSchema();
    }

    @Bean
    CanonicalOrders canonicalOrders(ObjectMapper json, CanonicalOrderSchema schema) {
        return new CanonicalOrders(json, schema);
    }

    @Bean
    NativeOrders nativeOrders(ObjectMapper json, HubProperties hub) {
        return new NativeOrders(json, hub.ingest().maxPayloadBytes(), hub.ingest().maxJsonDepth(),
                hub.ingest().maxStringLength());
    }

    @Bean
    HoldRules holdRules(ObjectMapper json, OrderStore orders, HubProperties hub, Clock clock) {
        return new HoldRules(json, orders, hub.enrich().velocityWindow(), clock);
    }

    /** The catalog files are loaded as the hub starts, before any route takes an order. */
    @Bean(initMethod = "reload")
    Catalog catalog(JdbcTemplate jdbc, HubProperties hub, Clock clock) {
        return new Catalog(jdbc, Path.of(hub.mappingsDir(), "catalog"), clock);
    }

    @Bean
    Allocator allocator(JdbcTemplate jdbc, HubProperties hub, ObjectMapper json, Clock clock) {
        return new Allocator(jdbc, new RuleFile(Path.of(hub.mappingsDir(), "allocation", "warehouses.jsonata"), json),
                clock);
    }

    @Bean(initMethod = "reload")
    Inventory inventory(JdbcTemplate jdbc, ObjectMapper json, HubProperties hub, Clock clock) {
        return new Inventory(jdbc, json, Path.of(hub.mappingsDir(), "inventory"), clock);
    }

    @Bean
    StockPublisher stockPublisher(JdbcTemplate jdbc, Inventory inventory, ErrorStore errors, Clock clock,
                                  MeterRegistry meters) {
        return new StockPublisher(jdbc, inventory, errors, clock, meters);
    }

    @Bean
    StockChecks stockChecks(JdbcTemplate jdbc, Clock clock, MeterRegistry meters, HubProperties hub,
                            @Value("${hub.inventory.check-hot-ms}") long hotMs,
                            @Value("${hub.inventory.check-all-ms}") long allMs,
                            @Value("${hub.inventory.low-stock}") int lowStock,
                            @Value("${hub.inventory.drift-grace-ms}") long graceMs) {
        StockChecks checks = new StockChecks(jdbc, clock, meters, new StockChecks.Settings(Duration.ofMillis(hotMs),
                Duration.ofMillis(allMs), lowStock, Duration.ofMillis(graceMs)));
        checks.meterOversells(hub.channels().keySet());
        return checks;
    }

    @Bean
    AmazonStock amazonStock(ObjectMapper json, StockPublisher publisher) {
        return new AmazonStock(json, publisher);
    }

    @Bean
    AmazonFeeds amazonFeeds(ObjectMapper json, StockPublisher publisher,
                            @Value("${hub.channels.amazon.account}") String sellerId,
                            @Value("${hub.channels.amazon.marketplace-ids}") List<String> marketplaceIds,
                            @Value("${hub.channels.amazon.document-hosts}") List<String> documentHosts,
                            @Value("${hub.inventory.amazon-feed-from}") int feedFrom) {
        return new AmazonFeeds(json, publisher, sellerId, marketplaceIds, documentHosts, feedFrom);
    }

    @Bean
    EbayStock ebayStock(ObjectMapper json, StockPublisher publisher) {
        return new EbayStock(json, publisher);
    }

    @Bean
    HepsiburadaStock hepsiburadaStock(ObjectMapper json, StockPublisher publisher) {
        return new HepsiburadaStock(json, publisher);
    }

    @Bean
    N11Stock n11Stock(ObjectMapper json, StockPublisher publisher,
                      @Value("${hub.channels.n11.integrator}") String integrator) {
        return new N11Stock(json, publisher, integrator);
    }

    @Bean
    ShopifyStock shopifyStock(ObjectMapper json, StockPublisher publisher) {
        return new ShopifyStock(json, publisher);
    }

    @Bean
    WooCommerceStock wooCommerceStock(ObjectMapper json, StockPublisher publisher) {
        return new WooCommerceStock(json, publisher);
    }

    @Bean
    TrendyolStock trendyolStock(ObjectMapper json, StockPublisher publisher, Clock clock) {
        return new TrendyolStock(json, publisher, clock);
    }

    @Bean
    CarrierShipments carrierShipments(OrderStore orders, CarrierRules rules, ObjectMapper json, HubProperties hub) {
        return new CarrierShipments(orders, rules, json, hub.carriers(), hub.mappingsDir());
    }

    /** SOAP carriers wait for an answer as long as every HTTP destination (camel.component.http.response-timeout). */
    @Bean
    SoapCalls soapCalls(ObjectMapper json,
                        @Value("${camel.component.http.response-timeout:30000}") long timeoutMs) throws Exception {
        return new SoapCalls(json, Duration.ofMillis(timeoutMs));
    }

    @Bean
    StockFeed stockFeed(Allocator allocator, ObjectMapper json) {
        return new StockFeed(allocator, json);
    }

    @Bean
    CarrierRules carrierRules(HubProperties hub, ObjectMapper json, Catalog catalog) {
        return new CarrierRules(new RuleFile(Path.of(hub.mappingsDir(), "carriers", "select.jsonata"), json), catalog);
    }

    @Bean
    DeliveryRefusals deliveryRefusals() {
        return new DeliveryRefusals();
    }

    @Bean
    JsonBodies jsonBodies(ObjectMapper json) {
        return new JsonBodies(json);
    }

    @Bean
    KameletRoutesFollowTheirRoute kameletRoutesFollowTheirRoute() {
        return new KameletRoutesFollowTheirRoute();
    }

    @Bean
    HepsiburadaPackages hepsiburadaPackages(ObjectMapper json) {
        return new HepsiburadaPackages(json);
    }

    @Bean
    DeliveryChanges deliveryChanges(OrderStore orders, ObjectMapper json) {
        return new DeliveryChanges(orders, json);
    }

    @Bean
    WriteBacks writeBacks(DeliveryChanges changes, OrderStore orders, ObjectMapper json) {
        return new WriteBacks(changes, orders, json);
    }

    @Bean
    DeliveryPlan deliveryPlan(HubProperties hub) {
        Set<Destination> enabled = EnumSet.noneOf(Destination.class);
        if (hub.destinations().wms().enabled()) {
            enabled.add(Destination.WMS);
        }
        if (hub.destinations().carrier().enabled()) {
            enabled.add(Destination.CARRIER);
        }
        if (hub.destinations().events().enabled()) {
            enabled.add(Destination.EVENTS);
        }
        if (hub.destinations().channel().enabled()) {
            enabled.add(Destination.CHANNEL);
        }
        enabled.add(Destination.EDI); // only EDI orders go there, and only to partners that expect the document
        if (hub.destinations().erp().enabled()) {
            enabled.add(Destination.ERP);
        }
        return new DeliveryPlan(enabled, Set.copyOf(hub.destinations().channel().channels()));
    }

    @Bean
    OrderStore orderStore(JdbcTemplate jdbc, ObjectMapper json, DeliveryPlan plan, Clock clock, HubProperties hub,
                          Allocator allocator, CarrierRules carriers, OrderKpis kpis) {
        return new OrderStore(jdbc, json, plan, clock, hub.enrich().allocation()
                ? new FulfillmentPlanner(allocator, carriers) : FulfillmentPlanning.NONE, kpis);
    }

    @Bean
    ChannelSync channelSync(MeterRegistry meters, ChannelCursors cursors, Clock clock) {
        return new ChannelSync(meters, cursors, clock);
    }

    @Bean
    PollWatch pollWatch(ChannelSync sync) {
        return new PollWatch(sync);
    }

    @Bean
    OrderKpis orderKpis(MeterRegistry meters, JdbcTemplate jdbc, ObjectMapper json, Clock clock, HubProperties hub,
                        ChannelSync sync) {
        return new OrderKpis(meters, jdbc, json, clock, hub.kpi().shipWithin(), sync);
    }

    @Bean(initMethod = "start")
    KpiHistory kpiHistory(MeterRegistry meters, Clock clock, HubProperties hub) {
        return new KpiHistory(meters, clock, hub.kpi().sampleInterval(), hub.kpi().history());
    }

    @Bean
    BulkJobs bulkJobs(Clock clock) {
        return new BulkJobs(clock);
    }

    @Bean
    DeliveryLedger deliveryLedger(JdbcTemplate jdbc, Clock clock, HubProperties hub) {
        java.time.Duration longest = hub.delivery().maxDelay();
        for (String destination : hub.delivery().destinations().keySet()) {
            java.time.Duration own = hub.delivery().forDestination(destination).maxDelay();
            longest = own.compareTo(longest) > 0 ? own : longest;
        }
        return new DeliveryLedger(jdbc, clock, longest);
    }

    /**
     * The JMS component the ERP delivery sends with. Its connection factory is a distinct object, so Spring does not
     * join the send to the delivery consumer's JMS transaction: the sales order is committed to the ERP queue when
     * it is sent, before the ledger says DELIVERED (joined, a crash between the ledger commit and the consumer's
     * commit lost the sale while the ledger said it was delivered). A send repeated after a crash carries the same
     * Artemis duplicate id, which the broker drops.
     */
    @Bean("erpjms")
    JmsComponent erpJms(ConnectionFactory connectionFactory) {
        DelegatingConnectionFactory own = new DelegatingConnectionFactory();
        own.setTargetConnectionFactory(connectionFactory);
        own.afterPropertiesSet();
        return JmsComponent.jmsComponent(own);
    }

    /**
     * The broker transaction routes/fanout.yaml publishes an order's deliveries in: one commit, so one journal sync,
     * for all of them instead of one blocking durable send each. Inside a delivery consumer (a carrier's label
     * scheduling the next deliveries) it joins the consumer's own transaction, as the sends did before. The manager
     * is not a bean, so the database keeps Spring Boot's transaction manager.
     */
    @Bean
    SpringTransactionPolicy publishTogether(ConnectionFactory connectionFactory) {
        return new SpringTransactionPolicy(new TransactionTemplate(new JmsTransactionManager(connectionFactory)));
    }

    @Bean
    DeliveryMetrics deliveryMetrics(DeliveryLedger ledger, MeterRegistry meters, Clock clock, HubProperties hub) {
        return new DeliveryMetrics(ledger, meters, clock, hub.delivery().noSuccessWarning());
    }

    @Bean
    WebhookDeliveries webhookDeliveries(JdbcTemplate jdbc, Clock clock, HubProperties hub) {
        return new WebhookDeliveries(jdbc, clock, hub.webhooks().replayWindow());
    }

    @Bean
    CustomerData customerData(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions,
                              HubProperties hub, Clock clock) {
        return new CustomerData(jdbc, json, new TransactionTemplate(transactions), hub.retention(), clock);
    }

    @Bean
    ChannelCursors channelCursors(JdbcTemplate jdbc, Clock clock) {
        return new ChannelCursors(jdbc, clock);
    }

    @Bean
    ErrorStore errorStore(JdbcTemplate jdbc, Clock clock, OrderKpis kpis) {
        return new ErrorStore(jdbc, clock, kpis);
    }

    @Bean
    IngestErrors ingestErrors(ErrorStore errors, ObjectMapper json, HubProperties hub) {
        return new IngestErrors(errors, json, hub.ingest().maxTransientAttempts());
    }

    @Bean
    StatusLists statusLists(Clock clock) {
        return new StatusLists(clock);
    }

    @Bean
    ChannelStatusReports channelStatusReports(OrderStore orders, ErrorStore errors, ObjectMapper json) {
        return new ChannelStatusReports(orders, errors, json);
    }

    @Bean
    IngestResults ingestResults() {
        return new IngestResults();
    }

    @Bean
    LifecycleEvents lifecycleEvents(OrderStore orders, ObjectMapper json) {
        return new LifecycleEvents(orders, json);
    }

    /** The POS consumers' Kafka clients (routes/ingest-pos.yaml): one static member id each. */
    @Bean
    StaticMembers posKafkaClients(@Value("${hub.channels.pos.consumers}") int consumers) {
        return new StaticMembers(consumers);
    }

    @Bean
    ChannelThrottle channelThrottle() {
        return new ChannelThrottle();
    }

    @Bean
    LinkHeaderPaging linkHeaderPaging() {
        return new LinkHeaderPaging();
    }

    @Bean
    PageWalk pageWalk() {
        return new PageWalk();
    }

    @Bean
    AccessTokens accessTokens(ObjectMapper json, Clock clock) {
        return new AccessTokens(json, clock);
    }
}
