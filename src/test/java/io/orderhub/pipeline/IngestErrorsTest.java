package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.InvalidOrderException;
import io.orderhub.store.ErrorStore;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are an order's own (kept, the source goes on) and which the hub's (the source delivers again). */
class IngestErrorsTest {

    private final List<String[]> kept = new ArrayList<>();
    private final ErrorStore store = new ErrorStore(null, Clock.systemUTC()) {
        @Override
        public Kept keep(String channel, String account, String source, String stage, String reason, String raw) {
            kept.add(new String[]{channel, stage, reason, raw});
            return new Kept("err-" + kept.size(), 1);
        }
    };
    private final IngestErrors errors = new IngestErrors(store, new ObjectMapper(), 3);
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void anOrderThatKeepsFailingTransientlyIsParkedAfterTheLimitAndNotBefore() {
        assertThat(errors.isBadInput(failing("{\"id\":1}", new CannotGetJdbcConnectionException("db down")))).isFalse();
        Exchange second = failing("{\"id\":1}", new CannotGetJdbcConnectionException("db down"));
        assertThat(errors.isBadInput(second)).isFalse();
        // the same failure seen by a second route on its way out is not a second attempt
        assertThat(errors.isBadInput(second)).isFalse();
        // another order's failures count for that order only
        assertThat(errors.isBadInput(failing("{\"id\":2}", new CannotGetJdbcConnectionException("db down")))).isFalse();

        Exchange third = failing("{\"id\":1}", new CannotGetJdbcConnectionException("db down"));
        assertThat(errors.isBadInput(third)).isTrue();
        IngestOutcome outcome = errors.record(third);

        assertThat(outcome.failures().get(0).error()).startsWith("parked after 3 failed attempts: ");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0)[1]).isEqualTo("store");
        assertThat(kept.get(0)[3]).isEqualTo("{\"id\":1}");
    }

    @Test
    void aValueTheStoreRefusesIsBadInputAtOnce() {
        Exchange exchange = failing("{\"id\":3}", new DataIntegrityViolationException("value too long for column"));

        assertThat(errors.isBadInput(exchange)).isTrue();
        IngestOutcome.Failure failure = errors.record(exchange).failures().get(0);

        assertThat(failure.kind()).isEqualTo(InvalidOrderException.Kind.REJECTED);
        assertThat(failure.error()).startsWith("the store refused the order: ");
        assertThat(kept.get(0)[1]).isEqualTo("store");
    }

    @Test
    void aSchemaRefusalWrappedByABeanCallKeepsItsKindAndNamesTheOrder() {
        Exchange exchange = failing("{\"id\":4}", new RuntimeException("bean call failed",
                new InvalidOrderException(InvalidOrderException.Kind.SCHEMA, "canonical order is invalid: $.currency")));
        exchange.setProperty("hubMapped", "{\"channelOrderId\": \"4\"}");

        IngestOutcome.Failure failure = errors.record(exchange).failures().get(0);

        assertThat(failure.kind()).isEqualTo(InvalidOrderException.Kind.SCHEMA);
        assertThat(failure.error()).isEqualTo("canonical order is invalid: $.currency");
        assertThat(failure.channelOrderId()).isEqualTo("4");
        assertThat(kept.get(0)[1]).isEqualTo("validate");
    }

    private Exchange failing(String raw, Exception failure) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("hubChannel", "shopify");
        exchange.setProperty("hubRaw", raw);
        // as a doCatch asks: the failure is still the exchange's exception
        exchange.setException(failure);
        return exchange;
    }
}
