package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SOAP call of the Turkish carriers against a real HTTP server: what goes on the wire (the envelope, the
 * SOAPAction, fields in or out of the target namespace, the login filled into the fields left null), how the answer
 * comes back as JSON, and which failures are refusals.
 */
class SoapCallsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicReference<String> action = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String answer = "";
    private HttpServer server;
    private SoapCalls soap;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ws", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            action.set(exchange.getRequestHeaders().getFirst("SOAPAction"));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        soap = new SoapCalls(json, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anUnqualifiedOperationGoesOutWithTheLoginAndItsAnswerComesBackAsJson() throws Exception {
        answer = envelope("<ns2:createShipmentResponse xmlns:ns2=\"urn:yurtici\"><ShippingOrderResultVO>"
                + "<outFlag>0</outFlag><shippingOrderDetailVO><cargoKey>HUB1</cargoKey></shippingOrderDetailVO>"
                + "<shippingOrderDetailVO><cargoKey>HUB2</cargoKey></shippingOrderDetailVO>"
                + "</ShippingOrderResultVO></ns2:createShipmentResponse>");
        Message message = message("{\"createShipment\": {\"wsUserName\": null, \"wsPassword\": null,"
                + " \"ShippingOrderVO\": [{\"cargoKey\": \"HUB1\"}, {\"cargoKey\": \"HUB2\"}], \"note\": null}}",
                "urn:yurtici", false, "", "outFlag");

        JsonNode result = json.readTree(soap.call(message));

        assertThat(received.get()).contains("<ns:createShipment xmlns:ns=\"urn:yurtici\">")
                .contains("<wsUserName>sandbox-user</wsUserName>", "<wsPassword>s3cret</wsPassword>")
                .contains("<ShippingOrderVO><cargoKey>HUB1</cargoKey></ShippingOrderVO>"
                        + "<ShippingOrderVO><cargoKey>HUB2</cargoKey></ShippingOrderVO>")
                .doesNotContain("note");
        assertThat(action.get()).isEqualTo("\"\"");
        assertThat(result.at("/createShipmentResponse/ShippingOrderResultVO/shippingOrderDetailVO/1/cargoKey")
                .asText()).isEqualTo("HUB2");
        assertThat(message.getHeaders()).doesNotContainKeys(SoapCalls.PASSWORD, SoapCalls.USER, SoapCalls.URL);
    }

    @Test
    void aQualifiedOperationNamesItselfInTheSoapAction() throws Exception {
        answer = envelope("<CancelDispatchResponse xmlns=\"http://tempuri.org/\"><CancelDispatchResult>"
                + "<ResultCode>0</ResultCode></CancelDispatchResult></CancelDispatchResponse>");
        soap.call(message("{\"CancelDispatch\": {\"userName\": null, \"password\": null, \"integrationCode\": \"HUB9\"}}",
                "http://tempuri.org/", true, "http://tempuri.org/", "ResultCode"));

        assertThat(received.get()).contains("<ns:integrationCode>HUB9</ns:integrationCode>",
                "<ns:userName>sandbox-user</ns:userName>");
        assertThat(action.get()).isEqualTo("\"http://tempuri.org/CancelDispatch\"");
    }

    @Test
    void aFieldWrittenAsADocumentGoesAsTheTextOfThatXmlWithTheLoginAndAccountInside() throws Exception {
        answer = envelope("<GetQueryJSONResponse xmlns=\"http://tempuri.org/\"><GetQueryJSONResult>"
                + "{\"QueryResult\":{\"Cargo\":[]}}</GetQueryJSONResult></GetQueryJSONResponse>");
        Message message = message("{\"GetQueryJSON\": {"
                + "\"loginInfo\": {\"$document\": {\"LoginInfo\": {\"UserName\": null, \"Password\": null,"
                + " \"CustomerCode\": null}}},"
                + "\"queryInfo\": {\"$document\": {\"QueryInfo\": {\"QueryType\": 1, \"IntegrationCode\": \"HUB<&>\"}}}}}",
                "http://tempuri.org/", true, "http://tempuri.org/IArasCargoIntegrationService/", "");
        message.setHeader(SoapCalls.USER_FIELD, "UserName");
        message.setHeader(SoapCalls.PASSWORD_FIELD, "Password");
        message.setHeader(SoapCalls.ACCOUNT_FIELD, "CustomerCode");
        message.setHeader(SoapCalls.ACCOUNT, "1234567890123");

        JsonNode result = json.readTree(soap.call(message));

        // the document is the element's text: escaped on the wire, without a namespace or an XML declaration
        assertThat(received.get()).contains("<ns:loginInfo>&lt;LoginInfo&gt;&lt;UserName&gt;sandbox-user&lt;/UserName&gt;"
                        + "&lt;Password&gt;s3cret&lt;/Password&gt;&lt;CustomerCode&gt;1234567890123&lt;/CustomerCode&gt;"
                        + "&lt;/LoginInfo&gt;</ns:loginInfo>")
                .contains("<ns:queryInfo>&lt;QueryInfo&gt;&lt;QueryType&gt;1&lt;/QueryType&gt;&lt;IntegrationCode&gt;"
                        + "HUB&amp;lt;&amp;amp;&amp;gt;&lt;/IntegrationCode&gt;&lt;/QueryInfo&gt;</ns:queryInfo>")
                .doesNotContain("&lt;?xml");
        assertThat(action.get()).isEqualTo("\"http://tempuri.org/IArasCargoIntegrationService/GetQueryJSON\"");
        assertThat(result.at("/GetQueryJSONResponse/GetQueryJSONResult").asText()).isEqualTo("{\"QueryResult\":{\"Cargo\":[]}}");
        assertThat(message.getHeaders()).doesNotContainKeys(SoapCalls.ACCOUNT, SoapCalls.ACCOUNT_FIELD);
    }

    @Test
    void aRefusedResultCodeAndAClientFaultAreRefusalsAServerFaultIsNot() throws Exception {
        answer = envelope("<SetOrderResponse xmlns=\"http://tempuri.org/\"><SetOrderResult><OrderResultInfo>"
                + "<ResultCode>70</ResultCode><ResultMessage>IntegrationCode daha önce kullanılmış</ResultMessage>"
                + "</OrderResultInfo></SetOrderResult></SetOrderResponse>");
        assertThatThrownBy(() -> soap.call(message("{\"SetOrder\": {}}", "http://tempuri.org/", true,
                "http://tempuri.org/", "ResultCode")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("ResultCode 70, IntegrationCode daha önce kullanılmış");

        status = 500;
        answer = envelope("<soap:Fault><faultcode>soap:Client</faultcode><faultstring>bad login</faultstring>"
                + "</soap:Fault>");
        assertThatThrownBy(() -> soap.call(message("{\"SetOrder\": {}}", "http://tempuri.org/", true, "", "")))
                .isInstanceOf(DestinationRefusedException.class).hasMessageContaining("bad login");

        answer = envelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>busy</faultstring></soap:Fault>");
        assertThatThrownBy(() -> soap.call(message("{\"SetOrder\": {}}", "http://tempuri.org/", true, "", "")))
                .isNotInstanceOf(DestinationRefusedException.class).hasMessageContaining("busy");
    }

    @Test
    void anAnswerWithADoctypeIsNotParsed() {
        answer = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + envelope("<r xmlns=\"urn:x\"><v>&e;</v></r>");
        assertThatThrownBy(() -> soap.call(message("{\"op\": {}}", "urn:x", false, "", "")))
                .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("root:"));
    }

    private Message message(String body, String namespace, boolean qualified, String actionPrefix, String resultField) {
        Message message = new DefaultExchange(new DefaultCamelContext()).getMessage();
        message.setBody(body);
        message.setHeader(SoapCalls.URL, "http://127.0.0.1:" + server.getAddress().getPort() + "/ws");
        message.setHeader(SoapCalls.NAMESPACE, namespace);
        message.setHeader(SoapCalls.QUALIFIED, String.valueOf(qualified));
        message.setHeader(SoapCalls.ACTION_PREFIX, actionPrefix);
        message.setHeader(SoapCalls.USER_FIELD, qualified ? "userName" : "wsUserName");
        message.setHeader(SoapCalls.USER, "sandbox-user");
        message.setHeader(SoapCalls.PASSWORD_FIELD, qualified ? "password" : "wsPassword");
        message.setHeader(SoapCalls.PASSWORD, "s3cret");
        message.setHeader(SoapCalls.RESULT_FIELD, resultField);
        message.setHeader(SoapCalls.OK_RESULTS, "0");
        message.setHeader(SoapCalls.MESSAGE_FIELD, "ResultMessage");
        return message;
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }
}
