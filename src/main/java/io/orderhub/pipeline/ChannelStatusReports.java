package io.orderhub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.lifecycle.OrderStatus;
import io.orderhub.lifecycle.StatusUpdate;
import io.orderhub.store.ErrorStore;
import io.orderhub.store.OrderStore;
import io.orderhub.store.TransitionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a channel reports of its orders outside its order list (a marketplace's return claim), once its mapping
 * (mappings/<channel>/claim-to-status.jsonata) said so: {@code {"orderNumber", "lineIds", "status", "detail"}}, or
 * {@code {"skip": why}}. The status moves every package of that order number holding one of the lines, as the
 * channel's own word; a report for an order the hub does not have is kept in the error store.
 */
public class ChannelStatusReports {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelStatusReports.class);

    private final OrderStore orders;
    private final ErrorStore errors;
    private final ObjectMapper json;

    public ChannelStatusReports(OrderStore orders, ErrorStore errors, ObjectMapper json) {
        this.orders = orders;
        this.errors = errors;
        this.json = json;
    }

    public List<TransitionResult> apply(String channel, String account, String mapped, String raw)
            throws JsonProcessingException {
        JsonNode report = json.readTree(mapped);
        if (report.hasNonNull("skip")) {
            return List.of();
        }
        String orderNumber = report.path("orderNumber").asText("");
        Set<String> lines = new HashSet<>();
        report.path("lineIds").forEach(id -> lines.add(id.asText()));
        List<CanonicalOrder> packages = orders.byOrderNumber(channel, account, orderNumber).stream()
                .filter(o -> lines.isEmpty() || o.lines().stream().anyMatch(l -> lines.contains(l.lineId())))
                .toList();
        if (packages.isEmpty()) {
            String errorId = errors.record(channel, account, "poll", "status",
                    "a report for order " + orderNumber + " that the hub does not have", raw);
            LOG.debug("{} report for unknown order {} kept [errorId={}]", channel, orderNumber, errorId);
            return List.of();
        }
        StatusUpdate update = new StatusUpdate(OrderStatus.valueOf(report.path("status").asText()), channel,
                report.path("detail").asText(null), null, null);
        return packages.stream().map(o -> orders.applyChannelStatus(o.orderId(), update)).toList();
    }
}
