package io.orderhub.privacy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.orderhub.canonical.Address;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.Customer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What people and logs see of a customer, and what is left once the data is erased. */
class PersonalDataTest {

    private static final Address HOME = new Address("Dana Whitfield", null, "418 Alder Street", "Apt 3",
            "Portland", "OR", "97205", "US", "+1 503-555-0142");

    private static CanonicalOrder order() {
        return new CanonicalOrder("o-1", "shopify", "acct", "1", "#1", null, null, "USD", null,
                new Customer("Dana Whitfield", "dana.whitfield@example.com", "+15035550142"), HOME, HOME, null, null,
                null, null, null, null, null);
    }

    @Test
    void maskedKeepsTheShapeAndTheNamesAndHidesContactAndStreet() {
        CanonicalOrder masked = PersonalData.masked(order());

        assertThat(masked.customer()).isEqualTo(new Customer("Dana Whitfield", "d***@example.com", "***42"));
        assertThat(masked.shipTo()).isEqualTo(new Address("Dana Whitfield", null, "4***", "A***", "Portland", "OR",
                "97205", "US", "***42"));
        assertThat(masked.orderId()).isEqualTo("o-1");
    }

    @Test
    void anonymisedKeepsWhereItWentAndNothingThatNamesTheCustomer() {
        CanonicalOrder erased = PersonalData.anonymised(order());

        assertThat(erased.customer()).isEqualTo(new Customer(PersonalData.ERASED, null, null));
        assertThat(erased.billTo()).isEqualTo(new Address(PersonalData.ERASED, null, null, null, "Portland", "OR",
                "97205", "US", null));
    }

    @Test
    void freeTextLosesEmailsPhonesAndContactFieldsButKeepsIdsAndDates() {
        String text = "order 5820114403001 of 2026-12-02T10:15:00Z (02.12.2026) refused: interchange control "
                + "number 000000123 and group 0001 reused (sftp://partner@10.0.0.1); customer kim.ode@example.com, "
                + "call +90 532 123 45 67 or 0532 123 45 67; payload {\"address1\": \"Bagdat Cd. 12\", "
                + "\"phone\":\"5035550142\", \"total\": \"23.95\"}";

        String masked = PersonalData.text(text);

        assertThat(masked).contains("order 5820114403001 of 2026-12-02T10:15:00Z (02.12.2026) refused",
                "number 000000123 and group 0001 reused (sftp://partner@10.0.0.1)", "k***@example.com",
                "call ***67 or ***67", "\"address1\": \"***\"", "\"phone\":\"***\"", "\"total\": \"23.95\"")
                .doesNotContain("kim.ode", "532 123", "Bagdat", "5035550142");
    }

    @Test
    void logLinesAndStackTracesAreMasked() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("test");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                "Refused {} for {}", new IllegalArgumentException("bad \"email\": \"kim.ode@example.com\""),
                new Object[] {"order 7", "kim.ode@example.com"});
        MaskedMessageConverter message = new MaskedMessageConverter();
        MaskedThrowableConverter trace = new MaskedThrowableConverter();
        trace.setContext(context);
        trace.start();

        assertThat(message.convert(event)).isEqualTo("Refused order 7 for k***@example.com");
        assertThat(trace.convert(event)).contains("IllegalArgumentException: bad \"email\": \"***\"")
                .doesNotContain("kim.ode");
    }
}
