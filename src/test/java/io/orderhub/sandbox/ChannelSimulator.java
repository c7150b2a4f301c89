package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every channel simulator shares: orders made from the channel's shared samples (a new id, buyer and
 * timestamps each time), kept in memory and served by the channel's own list endpoint; the faults it injects;
 * and the write-back calls it received, so tests and operators can see what the hub sent back.
 */
public abstract class ChannelSimulator {

    static final String[][] BUYERS = {
            {"Dana", "Whitfield"}, {"Marcus", "Okafor"}, {"Zeynep", "Çelik"}, {"Åsa", "Lindqvist"}, {"José", "Núñez"},
            {"Ayşe", "Yıldırım"}, {"Oğuz", "Güneş"}};

    protected final ObjectMapper json;
    protected final Clock clock;
    private final ChannelFaults faults;
    private final List<ObjectNode> templates = new ArrayList<>();
    private final List<ObjectNode> orders = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final List<WriteBack> writeBacks = new CopyOnWriteArrayList<>();

    protected ChannelSimulator(ObjectMapper json, Clock clock, ChannelFaults faults, String... templateResources) {
        this.json = json;
        this.clock = clock;
        this.faults = faults;
        for (String resource : templateResources) {
            templates.add(load(resource));
        }
    }

    /** A new order now, made from the next sample. */
    public ObjectNode placeOrder() {
        return placeOrder(order -> { });
    }

    /** A new order now, changed by {@code adjust} before any poll can see it. */
    public synchronized ObjectNode placeOrder(java.util.function.Consumer<ObjectNode> adjust) {
        long n = sequence.incrementAndGet();
        ObjectNode order = templates.get((int) (n % templates.size())).deepCopy();
        stamp(order, n, now(), BUYERS[(int) (n % BUYERS.length)]);
        adjust.accept(order);
        orders.add(order);
        return order;
    }

    /**
     * A new order of the sandbox's own stream (SandboxConfiguration), which a channel may vary beyond its samples so
     * the default run shows more of what the hub does; tests place theirs with {@link #placeOrder()}.
     */
    public ObjectNode placeSandboxOrder() {
        return placeOrder(this::vary);
    }

    /** How the channel varies an order of the sandbox's stream; nothing by default. */
    protected void vary(ObjectNode order) {
    }

    /** Gives a copy of a sample its own identity: ids, order number, buyer, created and modified times. */
    protected abstract void stamp(ObjectNode order, long n, Instant now, String[] buyer);

    /**
     * Gives the lines of a stamped order their own ids: {@code base + 1}, {@code base + 2}, ... in {@code field} of
     * each element of {@code array}, as a number or, for channels whose ids are strings, as text.
     */
    protected static void numberLines(ObjectNode order, String array, String field, long base, boolean asText) {
        int line = 0;
        for (JsonNode item : order.withArray(array)) {
            long id = base + (++line);
            if (asText) {
                ((ObjectNode) item).put(field, String.valueOf(id));
            } else {
                ((ObjectNode) item).put(field, id);
            }
        }
    }

    public synchronized void add(ObjectNode order) {
        orders.add(order);
    }

    /** Changes a stored order as the channel would (a status change, a payment) and returns it. */
    public synchronized ObjectNode update(Predicate<ObjectNode> which, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode order = orders.stream().filter(which).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such order in the simulator"));
        change.accept(order);
        return order;
    }

    /** Changes every stored order that matches, as the channel would; returns how many changed. */
    public synchronized int updateAll(Predicate<ObjectNode> which, java.util.function.Consumer<ObjectNode> change) {
        List<ObjectNode> matching = orders.stream().filter(which).toList();
        matching.forEach(change);
        return matching.size();
    }

    public synchronized int size() {
        return orders.size();
    }

    public ChannelFaults faults() {
        return faults;
    }

    /** The write-back calls received (method, path, body), oldest first. */
    public List<WriteBack> writeBacks() {
        return List.copyOf(writeBacks);
    }

    /** The orders the list endpoint would show, sorted by the given key, as copies. */
    protected synchronized <T extends Comparable<T>> List<ObjectNode> select(Predicate<ObjectNode> filter,
                                                                           Function<ObjectNode, T> sortKey) {
        return orders.stream().filter(filter)
                .sorted(Comparator.comparing(sortKey).thenComparing(o -> o.toString()))
                .map(ObjectNode::deepCopy)
                .toList();
    }

    protected synchronized ObjectNode find(Predicate<ObjectNode> which) {
        return orders.stream().filter(which).findFirst().orElse(null);
    }

    /** Entry point: injected faults first, then the channel's own handling. */
    public void handle(HttpExchange exchange) throws IOException {
        if (faults.intercept(exchange)) {
            return;
        }
        serve(exchange);
    }

    protected abstract void serve(HttpExchange exchange) throws IOException;

    /** Records a write-back call and its body. */
    protected JsonNode recordWriteBack(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode parsed = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        writeBacks.add(new WriteBack(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), parsed));
        return parsed;
    }

    protected Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    protected static boolean basicAuth(HttpExchange exchange, String user, String password) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    protected ObjectNode load(String resource) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing simulator resource " + resource);
            }
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    /** One write-back call as the channel received it. */
    public record WriteBack(String method, String path, JsonNode body) {
    }
}
