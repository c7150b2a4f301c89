package io.orderhub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.edi.EdiDocuments;
import io.orderhub.enrich.Catalog;
import io.orderhub.lifecycle.Hold;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.lifecycle.StatusUpdate;
import io.orderhub.privacy.PersonalData;
import io.orderhub.security.Role;
import io.orderhub.store.DeliveryLedger;
import io.orderhub.store.OrderNotFoundException;
import io.orderhub.store.OrderStore;
import io.orderhub.store.TransitionResult;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.ObjectHelper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** Orders: read them, their deliveries, and move them through the lifecycle. */
@RestController
@RequestMapping("/api/orders")
public class OrdersController {

    private static final int MAX_PAGE_SIZE = 200;

    private final OrderStore orders;
    private final DeliveryLedger deliveries;
    private final ProducerTemplate producer;
    private final EdiDocuments documents;
    private final Catalog catalog;

    public OrdersController(OrderStore orders, DeliveryLedger deliveries, ProducerTemplate producer,
                            EdiDocuments documents, Catalog catalog) {
        this.orders = orders;
        this.deliveries = deliveries;
        this.producer = producer;
        this.documents = documents;
        this.catalog = catalog;
    }

    /** The order; its customer's contact and street only to an operator (PersonalData). */
    @GetMapping("/{orderId}")
    public CanonicalOrder get(@PathVariable String orderId, HttpServletRequest request) {
        CanonicalOrder order = get(orderId);
        return request.isUserInRole(Role.OPERATOR.name()) ? order : PersonalData.masked(order);
    }

    private CanonicalOrder get(String orderId) {
        return orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    @GetMapping("/lookup")
    public CanonicalOrder lookup(@RequestParam String channel, @RequestParam String channelOrderId,
                                 @RequestParam(required = false) String account, HttpServletRequest request) {
        List<String> ids = orders.lookup(channel, account, channelOrderId);
        if (ids.isEmpty()) {
            throw new OrderNotFoundException("for channel " + channel + " and channelOrderId " + channelOrderId);
        }
        if (ids.size() > 1) {
            throw new ApiException(HttpStatus.CONFLICT, "channelOrderId " + channelOrderId + " exists in "
                    + ids.size() + " accounts of " + channel + "; name the account");
        }
        return get(ids.get(0), request);
    }

    /**
     * A page of orders, their customers' contact and street masked (PersonalData). {@code q}: the hub's order id,
     * the channel's id or the order number; {@code since}/{@code until}: when the hub received them.
     */
    @GetMapping
    public OrderStore.OrderPage list(@RequestParam(required = false) String status,
                                     @RequestParam(required = false) String channel,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String email,
                                     @RequestParam(required = false) String since,
                                     @RequestParam(required = false) String until,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "20") int size) {
        QueryParams.page(page, size, MAX_PAGE_SIZE);
        OrderStore.OrderSearch search = new OrderStore.OrderSearch(status == null || status.isBlank() ? null
                : parseStatus(status), channel == null || channel.isBlank() ? null : channel, q, email,
                QueryParams.instant("since", since), QueryParams.instant("until", until));
        OrderStore.OrderPage found = orders.list(search, page, size);
        return new OrderStore.OrderPage(found.items().stream().map(PersonalData::masked).toList(), found.total());
    }

    /** The channel's payload the order's latest revision came from, as it came (operator); 404 once deleted. */
    @GetMapping(value = "/{orderId}/raw", produces = MediaType.TEXT_PLAIN_VALUE)
    public String raw(@PathVariable String orderId) {
        get(orderId);
        return orders.nativePayload(orderId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "order " + orderId + " has no raw payload (kept no longer, or it came without one)"));
    }

    @GetMapping("/{orderId}/deliveries")
    public List<DeliveryLedger.DeliveryRow> deliveries(@PathVariable String orderId) {
        get(orderId);
        return deliveries.forOrder(orderId);
    }

    /** The EDI documents of the order, received and sent, with their control numbers. */
    @GetMapping("/{orderId}/documents")
    public List<EdiDocuments.Document> documents(@PathVariable String orderId) {
        get(orderId);
        return documents.forOrder(orderId);
    }

    /**
     * Releases an order a screening rule put ON_HOLD: it goes on as CONFIRMED (or {"status": "NEW"} for an order
     * still to be paid), is allocated, and is sent where a confirmed order goes. Its SKUs are looked up again first,
     * so an order held for an unknown SKU goes on once the catalog or the cross reference has it, and stays held
     * (409) while it does not.
     */
    @PostMapping("/{orderId}/release")
    public TransitionResult release(@PathVariable String orderId, @RequestBody(required = false) StatusRequest request) {
        CanonicalOrder order = get(orderId);
        if (order.status() != OrderStatus.ON_HOLD) {
            throw new ApiException(HttpStatus.CONFLICT, "order " + orderId + " is " + order.status() + ", not ON_HOLD");
        }
        CanonicalOrder resolved = catalog.resolve(order);
        List<Hold> unknown = catalog.unknownSkus(resolved);
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "order " + orderId + " stays ON_HOLD: " + unknown.get(0).reason());
        }
        orders.replaceLines(orderId, resolved.lines());
        String target = request == null || request.status() == null ? "CONFIRMED" : request.status();
        String detail = request == null || request.detail() == null ? "released" : "released: " + request.detail();
        return status(orderId, new StatusRequest(target, request == null || request.source() == null ? "release"
                : request.source(), detail, null, null, null, null));
    }

    @PostMapping("/{orderId}/status")
    public TransitionResult status(@PathVariable String orderId, @RequestBody StatusRequest request) {
        if (request.status() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "status is required");
        }
        StatusUpdate update = new StatusUpdate(parseStatus(request.status()), request.source(), request.detail(),
                request.trackingNumber(), request.carrier(), request.warehouse(), request.lines());
        return transition(producer.request("direct:status-update", exchange -> {
            exchange.getMessage().setHeader("hubOrderId", orderId);
            exchange.getMessage().setBody(update);
        }));
    }

    /**
     * The answer of a status route: the transition, 400 for a report that is not JSON or not valid, 404 for an
     * unknown order, 409 when the lifecycle refused.
     */
    static TransitionResult transition(Exchange result) {
        OrderNotFoundException notFound = ObjectHelper.getException(OrderNotFoundException.class, result.getException());
        if (notFound != null) {
            throw notFound;
        }
        JsonProcessingException malformed = ObjectHelper.getException(JsonProcessingException.class,
                result.getException());
        if (malformed != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed JSON: " + malformed.getOriginalMessage());
        }
        IllegalArgumentException invalid = ObjectHelper.getException(IllegalArgumentException.class,
                result.getException());
        if (invalid != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, invalid.getMessage());
        }
        if (result.getException() != null) {
            throw new IllegalStateException("status update failed", result.getException());
        }
        TransitionResult transition = result.getMessage().getBody(TransitionResult.class);
        if (transition.outcome() == TransitionResult.Outcome.REFUSED) {
            throw new ApiException(HttpStatus.CONFLICT, transition.reason());
        }
        return transition;
    }

    static OrderStatus parseStatus(String status) {
        try {
            return OrderStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "unknown status '" + status + "'; one of "
                    + List.of(OrderStatus.values()));
        }
    }

    /**
     * A status report. {@code warehouse}: the warehouse that shipped, for a split order; {@code lines}: what it
     * shipped of each line ({"lineId", "quantity"}) when it shipped less than ordered.
     */
    public record StatusRequest(String status, String source, String detail, String trackingNumber, String carrier,
                                String warehouse, List<StatusUpdate.ShippedLine> lines) {
    }
}
