package io.orderhub.edi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.canonical.CanonicalOrder;
import io.orderhub.canonical.MappingTestSupport;
import io.orderhub.canonical.OrderIds;
import io.orderhub.canonical.OrderLine;
import io.orderhub.lifecycle.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Purchase orders in, X12 850 and EDIFACT ORDERS: the reader's envelope and content checks, the 997 or CONTRL it
 * gives (parsed back with StAEDI), and mappings/edi/to-canonical.jsonata on the shared samples, field by field.
 */
class PurchaseOrderInTest extends MappingTestSupport {

    private static final String PARTNER = "acme";
    private final EdiReader reader = new EdiReader();
    private final ObjectMapper json = new ObjectMapper();
    private final EdiPartner acme = new EdiPartner(true, "localhost", 22, "acme", "", "", "", "inbound", "outbound",
            "X12", "ZZ", "ACMERETAIL", "ZZ", "ORDERHUB", "P", "997", List.of("855", "856", "810"),
            Duration.ofSeconds(10), Duration.ofSeconds(5));

    @Test
    void aCleanPurchaseOrderIsReadAndMappedFieldByField() {
        EdiInterchange interchange = read(sample("edi", "x12-850-basic.edi"));
        assertThat(interchange.accepted()).isTrue();
        assertThat(interchange.senderId()).isEqualTo("ACMERETAIL");
        assertThat(interchange.controlNumber()).isEqualTo("000000101");

        CanonicalOrder order = map(interchange);
        assertThat(order.orderId()).isEqualTo(OrderIds.orderId("edi", PARTNER, "PO-778812"));
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-04-15T00:00:00Z"));
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.customer().name()).isEqualTo("ACME RETAIL INC");
        assertThat(order.customer().phone()).isEqualTo("5135550100");
        // ship-to is the N1*ST loop, not the first N1 (bill-to)
        assertThat(order.shipTo().name()).isEqualTo("ACME RETAIL DC 07");
        assertThat(order.shipTo().line1()).isEqualTo("4500 INDUSTRIAL PKWY");
        assertThat(order.shipTo().city()).isEqualTo("COLUMBUS");
        assertThat(order.shipTo().region()).isEqualTo("OH");
        assertThat(order.shipTo().postalCode()).isEqualTo("43219");
        assertThat(order.shipTo().countryCode()).isEqualTo("US");
        assertThat(order.billTo().line1()).isEqualTo("100 MAIN ST");
        assertThat(order.billTo().line2()).isEqualTo("SUITE 800");
        assertThat(order.lines()).extracting(OrderLine::lineId, OrderLine::sku, OrderLine::channelSku, OrderLine::title,
                        OrderLine::quantity)
                .containsExactly(tuple("1", "MUG-CER-12-BLU", "012345678905", "CERAMIC MUG 12OZ BLUE", 24));
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("12.50"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("300.00"));
        assertThat(order.shippingMethod()).isEqualTo("UPS GROUND");
        assertThat(order.requestedDeliveryAt()).isEqualTo(Instant.parse("2025-04-22T00:00:00Z")); // DTM*002
    }

    @Test
    void anOrderAllowanceComesOffTheTotal() {
        CanonicalOrder order = map(read(sample("edi", "x12-850-multiline-discount.edi")));

        assertThat(order.channelOrderId()).isEqualTo("PO-778813");
        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                .containsExactly(tuple("MUG-CER-12-BLU", 24), tuple("TEA-SENCHA-100", 48), tuple("KET-GLS-1L", 6));
        assertThat(order.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("6.20"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("771.60"));
        assertThat(order.totals().discount()).isEqualTo(new BigDecimal("30.00")); // SAC*A*C310***3000: 2 implied decimals
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("741.60"));
    }

    @Test
    void aCleanInterchangeGetsAnAcceptingAcknowledgement() {
        String ack = ack(read(sample("edi", "x12-850-basic.edi")));

        EdiInterchange parsed = read(ack);
        assertThat(parsed.accepted()).as("the 997 itself passes the envelope check").isTrue();
        assertThat(parsed.senderId()).isEqualTo("ORDERHUB");
        assertThat(parsed.receiverId()).isEqualTo("ACMERETAIL");
        assertThat(segments(parsed)).containsExactly("ST*997*0001", "AK1*PO*101", "AK2*850*0001", "AK5*A",
                "AK9*A*1*1*1", "SE*6*0001");
    }

    @Test
    void aPartnerThatWantsA999GetsTheImplementationAcknowledgement() {
        EdiPartner wants999 = new EdiPartner(true, "localhost", 22, "acme", "", "", "", "inbound", "outbound",
                "X12", "ZZ", "ACMERETAIL", "ZZ", "ORDERHUB", "P", "999", List.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
        String broken = sample("edi", "x12-850-basic.edi").replace("PO1*1*24*EA", "PO1*1*2X4*EA");
        String ack = new X12Acknowledgements().write(read(broken), wants999, PARTNER, counter(),
                Instant.parse("2025-04-15T09:31:00Z")).text();

        EdiInterchange parsed = read(ack);
        assertThat(parsed.accepted()).isTrue();
        assertThat(parsed.version()).isEqualTo("00501");
        assertThat(parsed.groups().get(0).version()).isEqualTo("005010X231A1");
        assertThat(segments(parsed)).contains("ST*999*0001*005010X231A1", "AK1*PO*101", "AK2*850*0001", "IK3*PO1*16**8",
                "IK4*2**6", "IK5*R*5", "AK9*R*1*1*0");
    }

    @Test
    void aWrongSegmentCountRejectsTheSetWithCode4() {
        String broken = sample("edi", "x12-850-basic.edi").replace("SE*20*0001", "SE*19*0001");
        EdiInterchange interchange = read(broken);

        assertThat(interchange.accepted()).isFalse();
        assertThat(segments(read(ack(interchange)))).contains("AK2*850*0001", "AK5*R*4", "AK9*R*1*1*0");
    }

    @Test
    void aBadQuantityIsRejectedNamingTheSegmentAndElement() {
        String broken = sample("edi", "x12-850-basic.edi").replace("PO1*1*24*EA", "PO1*1*2X4*EA");
        EdiInterchange interchange = read(broken);

        // PO1 is the 16th segment from ST; element 2 has an invalid character
        assertThat(segments(read(ack(interchange)))).contains("AK3*PO1*16**8", "AK4*2**6", "AK5*R*5", "AK9*R*1*1*0");
    }

    @Test
    void mismatchedControlNumbersAreEnvelopeErrors() {
        EdiInterchange group = read(sample("edi", "x12-850-basic.edi").replace("GE*1*101", "GE*1*102"));
        assertThat(segments(read(ack(group)))).contains("AK9*R*1*1*0*4");

        EdiInterchange interchange = read(sample("edi", "x12-850-basic.edi").replace("IEA*1*000000101", "IEA*1*000000102"));
        assertThat(interchange.accepted()).isFalse();
        assertThat(interchange.envelopeErrors()).extracting(EdiError::segmentTag).containsExactly("IEA");
    }

    @Test
    void aFileThatIsNotX12IsRefusedWithoutAnAcknowledgement() {
        EdiInterchange interchange = read("this is not EDI at all");
        assertThat(interchange.accepted()).isFalse();
        assertThat(interchange.groups()).isEmpty();
        assertThat(interchange.envelopeErrors().get(0).description()).startsWith("the file cannot be read as X12 or EDIFACT");
    }

    @Test
    void anEdifactOrdersMessageIsReadAndMappedFieldByField() {
        EdiInterchange interchange = read(sample("edi", "edifact-orders-basic.edi"));
        assertThat(interchange.accepted()).isTrue();
        assertThat(interchange.standard()).isEqualTo("EDIFACT");
        assertThat(interchange.senderId()).isEqualTo("4006381000016");
        assertThat(interchange.controlNumber()).isEqualTo("ORD250415001");
        assertThat(interchange.groups().get(0).transactions().get(0).type()).isEqualTo("ORDERS");

        CanonicalOrder order = map(interchange);
        assertThat(order.channelOrderId()).isEqualTo("4500012345");
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-04-15T00:00:00Z"));
        assertThat(order.requestedDeliveryAt()).isEqualTo(Instant.parse("2025-04-22T00:00:00Z")); // DTM+2
        assertThat(order.currency()).isEqualTo("EUR");
        // the delivery party (NAD+DP) is the ship-to
        assertThat(order.shipTo().name()).isEqualTo("ACME Lager Koeln");
        assertThat(order.shipTo().line1()).isEqualTo("Industriestrasse 12");
        assertThat(order.shipTo().city()).isEqualTo("Koeln");
        assertThat(order.shipTo().postalCode()).isEqualTo("50829");
        assertThat(order.shipTo().countryCode()).isEqualTo("DE");
        assertThat(order.customer().name()).isEqualTo("4006381000016"); // the buyer's GLN: NAD+BY has no name
        assertThat(order.lines()).extracting(OrderLine::lineId, OrderLine::sku, OrderLine::channelSku, OrderLine::title,
                        OrderLine::quantity)
                .containsExactly(tuple("1", "MUG-CER-12-BLU", "4006381333931", "Keramikbecher 350 ml blau", 24));
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("11.90"));
        assertThat(order.lines().get(0).total()).isEqualTo(new BigDecimal("285.60"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("285.60"));
    }

    @Test
    void aMultilineOrdersMessageKeepsEveryLine() {
        CanonicalOrder order = map(read(sample("edi", "edifact-orders-multiline.edi")));

        assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                .containsExactly(tuple("MUG-CER-12-BLU", 24), tuple("TEA-SENCHA-100", 60), tuple("KET-GLS-1L", 6));
        assertThat(order.lines().get(2).unitPrice()).isEqualTo(new BigDecimal("27.50"));
        assertThat(order.totals().subtotal()).isEqualTo(new BigDecimal("774.60"));
        assertThat(order.totals().grandTotal()).isEqualTo(new BigDecimal("774.60"));
    }

    @Test
    void anEdifactInterchangeGetsAContrlReportAcceptingOrRejectingEachMessage() {
        EdiInterchange accepted = read(contrl(read(sample("edi", "edifact-orders-basic.edi"))));
        assertThat(accepted.accepted()).as("the CONTRL itself passes the envelope check").isTrue();
        assertThat(accepted.groups().get(0).transactions().get(0).type()).isEqualTo("CONTRL");
        assertThat(segments(accepted)).contains("UCI*ORD250415001*4006381000016:14*8690000000002:14*7",
                "UCM*1*ORDERS:D:96A:UN*7");

        // a wrong segment count in UNT, and a quantity without a number
        String broken = sample("edi", "edifact-orders-basic.edi").replace("UNT+17+1", "UNT+16+1");
        assertThat(segments(read(contrl(read(broken))))).contains("UCI*ORD250415001*4006381000016:14*8690000000002:14*4",
                "UCM*1*ORDERS:D:96A:UN*4", "UCS*17", "UCD*29*1");
        String badQuantity = sample("edi", "edifact-orders-basic.edi").replace("QTY+21:24", "QTY+21:2X");
        assertThat(segments(read(contrl(read(badQuantity))))).contains("UCM*1*ORDERS:D:96A:UN*4", "UCS*11", "UCD*37*1");
    }

    private String contrl(EdiInterchange interchange) {
        EdiPartner partner = new EdiPartner(true, "localhost", 22, "acme", "", "", "", "inbound", "outbound",
                "EDIFACT", "14", "4006381000016", "14", "8690000000002", "P", "CONTRL", List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
        return new EdifactAcknowledgements().write(interchange, partner, PARTNER, counter(),
                Instant.parse("2025-04-15T09:31:00Z")).text();
    }

    private EdiInterchange read(String text) {
        return reader.read(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private CanonicalOrder map(EdiInterchange interchange) {
        EdiInterchange.Group group = interchange.groups().get(0);
        return map("edi", PARTNER, EdiInbound.asJson(json, PARTNER, interchange, group, group.transactions().get(0)).toString());
    }

    /** A 997 with control numbers from a counter. */
    private String ack(EdiInterchange interchange) {
        return new X12Acknowledgements().write(interchange, acme, PARTNER, counter(),
                Instant.parse("2025-04-15T09:31:00Z")).text();
    }

    /** Control numbers from a counter, as ControlNumbers issues them. */
    private static ControlNumbers counter() {
        AtomicLong counter = new AtomicLong();
        return new ControlNumbers(null, null) {
            @Override
            public long next(String partner, Kind kind) {
                return counter.incrementAndGet();
            }
        };
    }

    private static List<String> segments(EdiInterchange interchange) {
        return interchange.groups().get(0).transactions().get(0).segments().stream()
                .map(s -> String.join("*", Stream.concat(Stream.of(s.tag()), s.e().stream()).toList()))
                .toList();
    }
}
