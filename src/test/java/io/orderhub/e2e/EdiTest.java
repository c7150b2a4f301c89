package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.edi.EdiInterchange;
import io.orderhub.edi.EdiReader;
import io.orderhub.edi.EdiSegment;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * EDI over real SFTP: the test uploads files as the demo partner would, to the embedded Apache MINA SSHD server,
 * and reads what the hub wrote back from the partner's outbound folder.
 */
class EdiTest extends HubTestSupport {

    private static final AtomicInteger NEXT = new AtomicInteger(700);
    private PartnerSftp sftp;

    @BeforeEach
    void connect() throws IOException {
        sftp = new PartnerSftp(SFTP_PORT);
    }

    @AfterEach
    void disconnect() throws IOException {
        sftp.close();
    }

    @Test
    void aCleanPurchaseOrderBecomesAnOrderAndIsAcknowledged() throws IOException {
        int n = NEXT.incrementAndGet();
        String po = "PO-E2E-" + n;
        String file = purchaseOrder("x12-850-basic.edi", n, po);
        upload("po-" + n + ".x12", file);
        String orderId = OrderIds.orderId("edi", "demo-partner", po);

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + orderId).getStatusCode().value() == 200);
        JsonNode order = order(orderId);
        assertThat(order.path("channel").asText()).isEqualTo("edi");
        assertThat(order.path("account").asText()).isEqualTo("demo-partner");
        assertThat(order.path("shipTo").path("city").asText()).isEqualTo("COLUMBUS");
        assertThat(order.path("history").get(0).path("source").asText()).isEqualTo("edi/sftp");

        EdiInterchange ack = await().atMost(Duration.ofSeconds(10)).until(() -> acknowledgementOf(isa13(n)), a -> a != null);
        assertThat(ack.accepted()).isTrue();
        assertThat(segments(ack)).contains("AK1*PO*" + n, "AK2*850*0001", "AK5*A", "AK9*A*1*1*1");
        await().atMost(Duration.ofSeconds(10)).until(() -> names("inbound/processed").stream().anyMatch(f -> f.endsWith("po-" + n + ".x12")));
        assertThat(names("inbound")).doesNotContain("po-" + n + ".x12");

        // the 850 is kept with its control numbers, linked to the order, and found by its interchange number
        JsonNode received = document(orderId, "850");
        assertThat(received.path("direction").asText()).isEqualTo("IN");
        assertThat(received.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(received.path("interchangeNo").asText()).isEqualTo(isa13(n));
        JsonNode found = get("/api/edi/documents?controlNumber=" + n).getBody();
        assertThat(found.findValuesAsText("type")).contains("850");
        assertThat(found.findValuesAsText("direction")).contains("IN");

        // CONFIRMED on receipt: an 855; the (simulated) warehouse ships it: an 856 and an 810
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + orderId + "/documents").getBody()
                .findValuesAsText("type").containsAll(List.of("855", "856", "810")));
        String tracking = order(orderId).path("fulfillment").path("trackingNumbers").get(0).asText();

        EdiInterchange poAck = sent(orderId, "855");
        assertThat(poAck.accepted()).isTrue();
        assertThat(segments(poAck)).contains("BAK*00*AC*" + po + "*20250415", "PO1*1*24*EA*12.5**VP*MUG-CER-12-BLU",
                "CTT*1").anyMatch(s -> s.startsWith("ACK*IA*24*EA*068*"));
        assertThat(poAck.groups().get(0).functionalId()).isEqualTo("PR");

        EdiInterchange notice = sent(orderId, "856");
        assertThat(notice.accepted()).isTrue();
        assertThat(segments(notice)).contains("HL*1**S", "REF*CN*" + tracking, "N1*ST*ACME RETAIL DC 07",
                "N4*COLUMBUS*OH*43219*US", "HL*2*1*O", "PRF*" + po, "HL*3*2*I", "LIN**VP*MUG-CER-12-BLU", "SN1**24*EA**24*EA", "CTT*3");

        EdiInterchange invoice = sent(orderId, "810");
        assertThat(invoice.accepted()).isTrue();
        assertThat(segments(invoice)).contains("BIG*" + segments(invoice).get(1).split("\\*")[1] + "*INV-" + po + "*20250415*" + po,
                "IT1*1*24*EA*12.5**VP*MUG-CER-12-BLU", "TDS*30000", "CTT*1");

        // the hub's control numbers: each document its own, never one twice
        List<String> interchanges = List.of(poAck.controlNumber(), notice.controlNumber(), invoice.controlNumber());
        assertThat(interchanges).doesNotHaveDuplicates().allMatch(c -> c.matches("\\d{9}"));
        assertThat(get("/api/edi/documents?controlNumber=" + notice.controlNumber()).getBody().findValuesAsText("type"))
                .containsExactly("856");
    }

    @Test
    void thePartnersNinetySevensSettleWhatTheHubSentAndGetNoNinetySevenBack() throws IOException {
        int n = NEXT.incrementAndGet();
        String po = "PO-E2E-" + n;
        upload("po-" + n + ".x12", purchaseOrder("x12-850-basic.edi", n, po));
        String orderId = OrderIds.orderId("edi", "demo-partner", po);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/orders/" + orderId + "/documents").getBody()
                .findValuesAsText("type").containsAll(List.of("855", "856", "810")));
        assertThat(document(orderId, "855").path("status").asText()).isEqualTo("SENT");
        assertThat(prometheus()).contains("hub_edi_unacknowledged_documents{partner=\"demo-partner\"}");

        // the partner takes the 855 and refuses the 856, each in a 997 of its own
        EdiInterchange poAck = sent(orderId, "855");
        EdiInterchange notice = sent(orderId, "856");
        int accepted = NEXT.incrementAndGet();
        int refused = NEXT.incrementAndGet();
        upload("997-" + accepted + ".x12", ninetySeven(accepted, "PR", poAck, "AK5*A~AK9*A*1*1*1~"));
        upload("997-" + refused + ".x12", ninetySeven(refused, "SH", notice, "AK3*TD1*6**8~AK5*R*5~AK9*R*1*1*0~"));

        await().atMost(Duration.ofSeconds(20)).until(() -> document(orderId, "856").path("status").asText()
                .equals("REJECTED"));
        assertThat(document(orderId, "856").path("detail").asText())
                .isEqualTo("rejected by the partner's 997 " + isa13(refused) + ": AK5*R*5 (AK3*TD1*6**8)");
        await().atMost(Duration.ofSeconds(20)).until(() -> document(orderId, "855").path("status").asText()
                .equals("ACKNOWLEDGED"));
        assertThat(document(orderId, "855").path("detail").asText()).contains("997 " + isa13(accepted) + ": AK5*A");
        assertThat(document(orderId, "810").path("status").asText()).as("not acknowledged yet").isEqualTo("SENT");
        // the 997s received are linked to the order; X12 never acknowledges an acknowledgement
        assertThat(get("/api/orders/" + orderId + "/documents").getBody()).filteredOn(d ->
                d.path("type").asText().equals("997") && d.path("direction").asText().equals("IN")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> names("inbound/processed").stream()
                .anyMatch(f -> f.endsWith("997-" + refused + ".x12")));
        assertThat(names("outbound")).noneMatch(f -> f.startsWith("997-" + isa13(accepted) + "-")
                || f.startsWith("997-" + isa13(refused) + "-"));
    }

    /** A partner's 997 for the hub's interchange {@code sent}: AK1 its group, AK2 its one set, then {@code status}. */
    private static String ninetySeven(int n, String functionalId, EdiInterchange sent, String status) {
        EdiInterchange.Group group = sent.groups().get(0);
        EdiInterchange.Transaction set = group.transactions().get(0);
        String body = "AK1*" + functionalId + "*" + group.controlNumber() + "~AK2*" + set.type() + "*"
                + set.controlNumber() + "~" + status;
        long segments = body.chars().filter(c -> c == '~').count() + 2;
        return "ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*ORDERHUB       *250415*0930*U*00401*"
                + isa13(n) + "*0*P*>~GS*FA*ACMERETAIL*ORDERHUB*20250415*0930*" + n + "*X*004010~ST*997*0001~"
                + body + "SE*" + segments + "*0001~GE*1*" + n + "~IEA*1*" + isa13(n) + "~";
    }

    private String prometheus() {
        return as("prometheus:prometheus-sandbox").getForObject("/actuator/prometheus", String.class);
    }

    @Test
    void anEdifactOrdersMessageBecomesAnOrderAndGetsAContrl() throws IOException {
        int n = NEXT.incrementAndGet();
        String reference = "ORD-E2E-" + n;
        String number = "45000" + n;
        String message;
        try (InputStream in = EdiTest.class.getResourceAsStream("/samples/edi/edifact-orders-basic.edi")) {
            message = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .replace("ORD250415001", reference).replace("4500012345", number);
        }
        upload("edifact-in", "orders-" + n + ".edi", message);
        String orderId = OrderIds.orderId("edi", "demo-edifact", number);

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + orderId).getStatusCode().value() == 200);
        assertThat(order(orderId).path("shipTo").path("countryCode").asText()).isEqualTo("DE");
        String contrl = await().atMost(Duration.ofSeconds(10)).until(() -> names("edifact-out").stream()
                .filter(f -> f.startsWith("CONTRL-" + reference)).findFirst().orElse(null), f -> f != null);
        EdiInterchange report = new EdiReader().read(sftp.read("edifact-out/" + contrl));
        assertThat(report.accepted()).isTrue();
        assertThat(report.standard()).isEqualTo("EDIFACT");
        assertThat(segments(report)).contains("UCI*" + reference + "*4006381000016:14*8690000000002:14*7",
                "UCM*1*ORDERS:D:96A:UN*7");
        assertThat(document(orderId, "ORDERS").path("status").asText()).isEqualTo("ACCEPTED");

        // the EDIFACT partner's answers: ORDRSP on CONFIRMED, DESADV and INVOIC once the warehouse shipped it
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + orderId + "/documents").getBody()
                .findValuesAsText("type").containsAll(List.of("ORDRSP", "DESADV", "INVOIC")));
        String tracking = order(orderId).path("fulfillment").path("trackingNumbers").get(0).asText();
        EdiInterchange response = sent("edifact-out", orderId, "ORDRSP");
        assertThat(response.accepted()).isTrue();
        assertThat(response.groups().get(0).transactions().get(0).type()).isEqualTo("ORDRSP");
        assertThat(segments(response)).contains("BGM*231*" + number + "-RSP*29", "RFF*ON:" + number,
                "LIN*1*5*4006381333931:EN", "PIA*1*MUG-CER-12-BLU:SA", "QTY*21:24", "CNT*2:1");
        EdiInterchange despatch = sent("edifact-out", orderId, "DESADV");
        assertThat(despatch.accepted()).isTrue();
        assertThat(segments(despatch)).contains("NAD*DP***ACME Lager Koeln*Industriestrasse 12*Koeln**50829*DE",
                "RFF*CN:" + tracking, "QTY*12:24");
        EdiInterchange invoice = sent("edifact-out", orderId, "INVOIC");
        assertThat(invoice.accepted()).isTrue();
        assertThat(segments(invoice)).contains("BGM*380*INV-" + number + "*9", "CUX*2:EUR:4", "QTY*47:24",
                "MOA*203:285.60", "PRI*AAA:11.90", "MOA*86:285.60");
        assertThat(names("edifact-out")).noneMatch(f -> f.endsWith(".x12"));
    }

    @Test
    void theServersHostKeyIsCheckedAgainstTheKnownHostsFile() throws IOException {
        // demo-strict knows the server's real key: its files are processed
        int n = NEXT.incrementAndGet();
        upload("strict-in", "po-" + n + ".x12", purchaseOrder("x12-850-basic.edi", n, "PO-STRICT-" + n));
        String checked = OrderIds.orderId("edi", "demo-strict", "PO-STRICT-" + n);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + checked).getStatusCode().value() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> names("strict-out").stream().anyMatch(f -> f.startsWith("997-" + isa13(n))));

        // demo-wrongkey's known_hosts holds another key for this host: the hub never logs in, the file stays
        int m = NEXT.incrementAndGet();
        sftp.mkdir("wrongkey-in"); // the hub never got in to make it
        upload("wrongkey-in", "po-" + m + ".x12", purchaseOrder("x12-850-basic.edi", m, "PO-WRONGKEY-" + m));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                names("wrongkey-in").contains("po-" + m + ".x12"));
        assertThat(get("/api/orders/" + OrderIds.orderId("edi", "demo-wrongkey", "PO-WRONGKEY-" + m))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(names("wrongkey-out")).isEmpty();
    }

    /** The order's document of this type, as the API lists it. */
    private JsonNode document(String orderId, String type) {
        for (JsonNode document : get("/api/orders/" + orderId + "/documents").getBody()) {
            if (document.path("type").asText().equals(type)) {
                return document;
            }
        }
        throw new AssertionError("order " + orderId + " has no " + type);
    }

    /** A document the hub sent for the order, read back from the partner's outbound folder with StAEDI. */
    private EdiInterchange sent(String orderId, String type) throws IOException {
        return sent("outbound", orderId, type);
    }

    private EdiInterchange sent(String folder, String orderId, String type) throws IOException {
        String file = document(orderId, type).path("fileName").asText();
        assertThat(names(folder)).contains(file);
        return new EdiReader().read(sftp.read(folder + "/" + file));
    }

    @Test
    void backorderedAndRejectedOrdersAreAcknowledgedAsSuch() throws IOException {
        wms.setAvailable(false); // the warehouse does not move this one on
        try {
            int n = NEXT.incrementAndGet();
            String po = "PO-E2E-" + n;
            upload("po-" + n + ".x12", purchaseOrder("x12-850-basic.edi", n, po));
            String orderId = OrderIds.orderId("edi", "demo-partner", po);
            await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + orderId + "/documents").getBody()
                    .findValuesAsText("type").contains("855"));

            post("/api/orders/" + orderId + "/status", "{\"status\":\"BACKORDERED\",\"detail\":\"no stock\"}");
            post("/api/orders/" + orderId + "/status", "{\"status\":\"CANCELED\",\"detail\":\"not coming back\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/" + orderId + "/documents").getBody()
                    .findValuesAsText("type").stream().filter("855"::equals).count() == 3);

            List<List<String>> acks = new ArrayList<>();
            for (JsonNode document : get("/api/orders/" + orderId + "/documents").getBody()) {
                if (document.path("type").asText().equals("855")) {
                    acks.add(segments(new EdiReader().read(sftp.read("outbound/" + document.path("fileName").asText()))));
                }
            }
            assertThat(acks.get(0)).contains("BAK*00*AC*" + po + "*20250415").anyMatch(s -> s.startsWith("ACK*IA*24*"));
            assertThat(acks.get(1)).contains("BAK*00*AC*" + po + "*20250415").anyMatch(s -> s.startsWith("ACK*IB*24*"));
            assertThat(acks.get(2)).contains("BAK*00*RJ*" + po + "*20250415").anyMatch(s -> s.startsWith("ACK*IR*0*"));
        } finally {
            wms.setAvailable(true);
        }
    }

    @Test
    void aResentFileChangesNothing() throws IOException {
        int n = NEXT.incrementAndGet();
        String po = "PO-E2E-" + n;
        String file = purchaseOrder("x12-850-basic.edi", n, po);
        upload("resent-" + n + ".x12", file);
        String orderId = OrderIds.orderId("edi", "demo-partner", po);
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledgementOf(isa13(n)) != null);
        long acks = names("outbound").stream().filter(f -> f.startsWith("997-" + isa13(n))).count();

        upload("resent-" + n + "-again.x12", file);
        await().atMost(Duration.ofSeconds(20)).until(() -> names("inbound/processed").stream()
                .anyMatch(f -> f.endsWith("resent-" + n + "-again.x12")));

        // one intake from the file (the warehouse simulator moves the order on meanwhile), one 997, one document
        assertThat(order(orderId).path("history").findValuesAsText("source")).containsOnlyOnce("edi/sftp");
        assertThat(names("outbound").stream().filter(f -> f.startsWith("997-" + isa13(n))).toList())
                .as(names("outbound").toString()).hasSize((int) acks);
        assertThat(get("/api/orders/" + orderId + "/documents").getBody().findValuesAsText("direction"))
                .containsOnlyOnce("IN");
    }

    @Test
    void aBrokenFileIsRejectedWithAPrecise997AndKeptInTheErrorStore() throws IOException {
        int n = NEXT.incrementAndGet();
        String po = "PO-E2E-" + n;
        String broken = purchaseOrder("x12-850-basic.edi", n, po).replace("SE*20*0001", "SE*19*0001");
        upload("broken-" + n + ".x12", broken);

        EdiInterchange ack = await().atMost(Duration.ofSeconds(20)).until(() -> acknowledgementOf(isa13(n)), a -> a != null);
        assertThat(segments(ack)).contains("AK2*850*0001", "AK5*R*4", "AK9*R*1*1*0");
        await().atMost(Duration.ofSeconds(10)).until(() -> names("inbound/error").stream().anyMatch(f -> f.endsWith("broken-" + n + ".x12")));
        assertThat(get("/api/orders/" + OrderIds.orderId("edi", "demo-partner", po)).getStatusCode().value()).isEqualTo(404);

        JsonNode errors = get("/api/errors?channel=edi&state=OPEN&size=200").getBody();
        List<String> reasons = new ArrayList<>(StreamSupport.stream(errors.path("items").spliterator(), false)
                .map(e -> e.path("reason").asText()).toList());
        assertThat(reasons).anyMatch(r -> r.startsWith("broken-" + n + ".x12") && r.contains("control count does not match actual count"));
        JsonNode found = get("/api/edi/documents?controlNumber=" + isa13(n)).getBody();
        assertThat(found.findValuesAsText("status")).containsOnly("REJECTED");
    }

    @Test
    void aReusedControlNumberWithNewContentIsRejectedNeverSwallowedAndOneOnAnotherDayIsANewInterchange() throws IOException {
        int n = NEXT.incrementAndGet();
        String first = purchaseOrder("x12-850-basic.edi", n, "PO-E2E-" + n);
        upload("first-" + n + ".x12", first);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/"
                + OrderIds.orderId("edi", "demo-partner", "PO-E2E-" + n)).getStatusCode().value() == 200);

        // the same ISA13 and date and time, other content: a duplicate control number, rejected and kept
        String reused = purchaseOrder("x12-850-basic.edi", n, "PO-E2E-" + n + "-B");
        upload("reused-" + n + ".x12", reused);
        await().atMost(Duration.ofSeconds(20)).until(() -> names("inbound/error").stream()
                .anyMatch(f -> f.endsWith("reused-" + n + ".x12")));
        assertThat(get("/api/orders/" + OrderIds.orderId("edi", "demo-partner", "PO-E2E-" + n + "-B"))
                .getStatusCode().value()).isEqualTo(404);
        JsonNode errors = get("/api/errors?channel=edi&state=OPEN&size=200").getBody();
        assertThat(errors.path("items").findValuesAsText("reason")).anyMatch(r -> r.startsWith("reused-" + n + ".x12")
                && r.contains("interchange control number " + isa13(n)) && r.contains("received before with other content"));
        // the rejection's 997 is written a moment after the file is moved to error/
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(names("outbound").stream()
                .filter(f -> f.startsWith("997-" + isa13(n) + "-")).toList()).hasSize(2));

        // the partner's counter was reset: the same ISA13 on another day is a new interchange, and its order is taken
        String nextDay = purchaseOrder("x12-850-basic.edi", n, "PO-E2E-" + n + "-C").replace("*250415*0930*", "*250416*0815*");
        upload("next-day-" + n + ".x12", nextDay);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/"
                + OrderIds.orderId("edi", "demo-partner", "PO-E2E-" + n + "-C")).getStatusCode().value() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> names("inbound/processed").stream()
                .anyMatch(f -> f.endsWith("next-day-" + n + ".x12")));
    }

    @Test
    void aFileLargerThanTheLimitIsNotReadAndTheNextFileIs() throws IOException {
        int n = NEXT.incrementAndGet();
        String huge = purchaseOrder("x12-850-basic.edi", n, "PO-E2E-" + n) + "X".repeat(MAX_EDI_FILE + 10);
        upload("huge-" + n + ".x12", huge);
        int m = NEXT.incrementAndGet();
        upload("after-huge-" + m + ".x12", purchaseOrder("x12-850-basic.edi", m, "PO-E2E-" + m));

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/orders/"
                + OrderIds.orderId("edi", "demo-partner", "PO-E2E-" + m)).getStatusCode().value() == 200);
        await().atMost(Duration.ofSeconds(20)).until(() -> names("inbound/error").stream()
                .anyMatch(f -> f.endsWith("huge-" + n + ".x12")));
        assertThat(get("/api/orders/" + OrderIds.orderId("edi", "demo-partner", "PO-E2E-" + n)).getStatusCode().value())
                .isEqualTo(404);
        JsonNode errors = get("/api/errors?channel=edi&state=OPEN&size=200").getBody();
        assertThat(errors.path("items").findValuesAsText("reason")).anyMatch(r -> r.startsWith("huge-" + n + ".x12")
                && r.contains("larger than hub.edi.max-file-bytes=" + MAX_EDI_FILE));
    }

    @Test
    void aShipNoticeWrittenAgainByARetryKeepsItsControlNumberAndFile() throws Exception {
        AtomicBoolean failInvoice = new AtomicBoolean();
        AdviceWith.adviceWith(camel, "edi-outbound-demo-partner", route -> route.weaveAddFirst().process(exchange -> {
            String file = exchange.getProperty("hubEdiFile", String.class);
            if (file != null && file.startsWith("810-") && failInvoice.compareAndSet(true, false)) {
                throw new IOException("the SFTP server dropped the connection during the 810");
            }
        }));
        int n = NEXT.incrementAndGet();
        String po = "PO-E2E-" + n;
        failInvoice.set(true);
        upload("retry-" + n + ".x12", purchaseOrder("x12-850-basic.edi", n, po));
        String orderId = OrderIds.orderId("edi", "demo-partner", po);

        // the warehouse ships it: the 856 is uploaded, the 810 fails once, the delivery is retried
        await().atMost(Duration.ofSeconds(30)).until(() -> !failInvoice.get() && get("/api/orders/" + orderId
                + "/documents").getBody().findValuesAsText("type").containsAll(List.of("856", "810")));
        List<String> notices = new ArrayList<>();
        for (String name : names("outbound")) {
            if (name.startsWith("856-") && new String(sftp.read("outbound/" + name), StandardCharsets.ISO_8859_1)
                    .contains("PRF*" + po + "~")) {
                notices.add(name);
            }
        }
        // one ship notice, under one control number: the retry wrote the same file again, not a second ASN
        assertThat(notices).hasSize(1);
        assertThat(get("/api/orders/" + orderId + "/documents").getBody().findValuesAsText("type"))
                .containsOnlyOnce("856").containsOnlyOnce("810");
        assertThat(notices.get(0)).isEqualTo(document(orderId, "856").path("fileName").asText());
    }

    /** A shared sample with its own interchange, group and PO numbers. */
    private static String purchaseOrder(String sample, int n, String po) throws IOException {
        try (InputStream in = EdiTest.class.getResourceAsStream("/samples/edi/" + sample)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return text.replace("000000101", isa13(n)).replace("GS*PO*ACMERETAIL*ORDERHUB*20250415*0930*101",
                            "GS*PO*ACMERETAIL*ORDERHUB*20250415*0930*" + n)
                    .replace("GE*1*101", "GE*1*" + n).replace("PO-778812", po);
        }
    }

    private static String isa13(int n) {
        return String.format("%09d", n);
    }

    private void upload(String name, String content) throws IOException {
        upload("inbound", name, content);
    }

    private void upload(String folder, String name, String content) throws IOException {
        sftp.upload(folder, name, content);
    }

    private List<String> names(String folder) {
        return sftp.names(folder);
    }

    /** The 997 in the outbound folder that acknowledges interchange {@code isa13}, read with StAEDI; null if none yet. */
    private EdiInterchange acknowledgementOf(String isa13) throws IOException {
        for (String name : names("outbound")) {
            if (name.startsWith("997-" + isa13 + "-")) {
                return new EdiReader().read(sftp.read("outbound/" + name));
            }
        }
        return null;
    }

    private static List<String> segments(EdiInterchange interchange) {
        List<String> out = new ArrayList<>();
        for (EdiSegment s : interchange.groups().get(0).transactions().get(0).segments()) {
            out.add(s.tag() + (s.e().isEmpty() ? "" : "*" + String.join("*", s.e())));
        }
        return out;
    }
}
