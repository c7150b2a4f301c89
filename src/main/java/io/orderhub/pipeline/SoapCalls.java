package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Message;
import org.springframework.ws.client.core.WebServiceTemplate;
import org.springframework.ws.soap.client.SoapFaultClientException;
import org.springframework.ws.soap.client.core.SoapActionCallback;
import org.springframework.ws.soap.saaj.SaajSoapMessageFactory;
import org.springframework.ws.transport.http.HttpUrlConnectionMessageSender;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SOAP 1.1 call through Spring Web Services (SAAJ envelopes, SOAPAction, faults), for carriers whose API is SOAP
 * (connectors/carrier-soap-sink.kamelet.yaml). The body is the operation as JSON, {"<operation>": {fields}}, as a
 * mapping under mappings/carriers/ writes it: an object is an element, an array repeats its element, and a field
 * the mapping leaves null for the user, the password or the customer's account is filled from the Kamelet's
 * credentials (so a secret is never in a mapping or an expression). A field written {"$document": {"<root>": {...}}}
 * is sent as that XML document's text, as services that take a login or a query as an XML string want (Aras's
 * GetQueryJSON). The answer's payload comes back as JSON the same way. A fault the carrier calls
 * the client's, or a result code (where the answer has one) outside the accepted ones, is a refusal: the same request cannot succeed later.
 */
public class SoapCalls {

    /** The headers the Kamelet sets by constant; removed before anything else reads the message. */
    public static final String URL = "CarrierSoapUrl";
    public static final String NAMESPACE = "CarrierSoapNamespace";
    public static final String QUALIFIED = "CarrierSoapQualified";
    public static final String ACTION_PREFIX = "CarrierSoapActionPrefix";
    public static final String USER_FIELD = "CarrierSoapUserField";
    public static final String USER = "CarrierSoapUser";
    public static final String PASSWORD_FIELD = "CarrierSoapPasswordField";
    public static final String PASSWORD = "CarrierSoapPassword";
    public static final String RESULT_FIELD = "CarrierSoapResultField";
    public static final String OK_RESULTS = "CarrierSoapOkResults";
    public static final String MESSAGE_FIELD = "CarrierSoapMessageField";
    public static final String ACCOUNT_FIELD = "CarrierSoapAccountField";
    public static final String ACCOUNT = "CarrierSoapAccount";
    private static final List<String> HEADERS = List.of(URL, NAMESPACE, QUALIFIED, ACTION_PREFIX, USER_FIELD, USER,
            PASSWORD_FIELD, PASSWORD, RESULT_FIELD, OK_RESULTS, MESSAGE_FIELD, ACCOUNT_FIELD, ACCOUNT);
    private static final String DOCUMENT = "$document";

    private final ObjectMapper json;
    private final WebServiceTemplate template;
    private final DocumentBuilderFactory documents = DocumentBuilderFactory.newInstance();

    /** @param timeout how long a call may take to connect and to answer, as every HTTP carrier call */
    public SoapCalls(ObjectMapper json, Duration timeout) throws Exception {
        this.json = json;
        SaajSoapMessageFactory messages = new SaajSoapMessageFactory();
        messages.afterPropertiesSet();
        HttpUrlConnectionMessageSender sender = new HttpUrlConnectionMessageSender();
        sender.setConnectionTimeout(timeout);
        sender.setReadTimeout(timeout);
        this.template = new WebServiceTemplate(messages);
        template.setMessageSender(sender);
        documents.setNamespaceAware(true);
    }

    public String call(Message message) throws IOException, ParserConfigurationException {
        Map<String, Object> headers = message.getHeaders();
        Call call = new Call(text(headers, URL), text(headers, NAMESPACE), Boolean.parseBoolean(text(headers, QUALIFIED)),
                text(headers, ACTION_PREFIX), text(headers, USER_FIELD), text(headers, USER),
                text(headers, PASSWORD_FIELD), text(headers, PASSWORD), text(headers, RESULT_FIELD),
                Set.of(text(headers, OK_RESULTS).split(",")), text(headers, MESSAGE_FIELD),
                text(headers, ACCOUNT_FIELD), text(headers, ACCOUNT));
        HEADERS.forEach(headers::remove);
        JsonNode operation = json.readTree(message.getBody(String.class));
        if (!operation.isObject() || operation.size() != 1) {
            throw new IllegalArgumentException("a SOAP call's body names one operation: {\"<operation>\": {...}}");
        }
        String name = operation.fieldNames().next();
        Document document = newDocument();
        Element request = document.createElementNS(call.namespace(), "ns:" + name);
        fill(document, request, operation.get(name), call);
        DOMResult result = new DOMResult();
        try {
            template.sendSourceAndReceiveToResult(call.url(), new DOMSource(request),
                    new SoapActionCallback(call.actionPrefix().isEmpty() ? "" : call.actionPrefix() + name), result);
        } catch (SoapFaultClientException fault) {
            String code = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
            if (code.endsWith("Client") || code.endsWith("Sender")) {
                throw new DestinationRefusedException("refused by " + call.url() + " (" + name + "): "
                        + fault.getFaultStringOrReason());
            }
            throw fault;
        }
        ObjectNode answer = json.createObjectNode();
        Node payload = result.getNode() instanceof Document d ? d.getDocumentElement() : result.getNode();
        if (payload != null) {
            answer.set(payload.getLocalName(), read(payload));
        }
        check(answer, call, name);
        return json.writeValueAsString(answer);
    }

    private Document newDocument() throws ParserConfigurationException {
        // the factory is shared by the delivery consumers and the tracking poll; a builder is made under its lock
        synchronized (documents) {
            return documents.newDocumentBuilder().newDocument();
        }
    }

    private void fill(Document document, Element parent, JsonNode fields, Call call) throws ParserConfigurationException {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                String secret = field.getKey().equals(call.userField()) ? call.user()
                        : field.getKey().equals(call.passwordField()) ? call.password()
                        : field.getKey().equals(call.accountField()) ? call.account() : null;
                if (secret != null) {
                    parent.appendChild(element(document, field.getKey(), call)).setTextContent(secret);
                }
                continue;
            }
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                Element child = element(document, field.getKey(), call);
                parent.appendChild(child);
                if (item.isObject() && item.size() == 1 && item.has(DOCUMENT)) {
                    child.setTextContent(documentText(item.get(DOCUMENT), call));
                } else if (item.isObject()) {
                    fill(document, child, item, call);
                } else if (!item.isNull()) {
                    child.setTextContent(item.asText());
                }
            }
        }
    }

    /** {"<root>": {fields}} as the text of an XML document without a namespace or declaration. */
    private String documentText(JsonNode root, Call call) throws ParserConfigurationException {
        if (!root.isObject() || root.size() != 1) {
            throw new IllegalArgumentException("a $document names one root element: {\"$document\": {\"<root>\": {...}}}");
        }
        Document document = newDocument();
        String name = root.fieldNames().next();
        Element element = document.createElementNS(null, name);
        document.appendChild(element);
        fill(document, element, root.get(name), call.unqualified());
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter text = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(text));
            return text.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write " + name + " as XML", e);
        }
    }

    private static Element element(Document document, String name, Call call) {
        return call.qualified() ? document.createElementNS(call.namespace(), "ns:" + name)
                : document.createElementNS(null, name);
    }

    /** An element with element children is an object (a repeated child an array), any other its text. */
    private JsonNode read(Node node) {
        ObjectNode object = null;
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            object = object == null ? json.createObjectNode() : object;
            String name = child.getLocalName();
            JsonNode value = read(child);
            JsonNode present = object.get(name);
            if (present == null) {
                object.set(name, value);
            } else if (present instanceof ArrayNode array) {
                array.add(value);
            } else {
                object.set(name, json.createArrayNode().add(present).add(value));
            }
        }
        return object != null ? object : json.getNodeFactory().textNode(node.getTextContent());
    }

    private static void check(ObjectNode answer, Call call, String operation) {
        if (call.resultField().isEmpty()) {
            return;
        }
        // an answer that is data (a query's) carries no result code
        JsonNode result = answer.findValue(call.resultField());
        if (result != null && !call.okResults().contains(result.asText())) {
            JsonNode why = answer.findValue(call.messageField());
            throw new DestinationRefusedException("refused by " + call.url() + " (" + operation + "): "
                    + call.resultField() + " " + result.asText()
                    + (why == null ? "" : ", " + why.asText()));
        }
    }

    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? "" : value.toString();
    }

    private record Call(String url, String namespace, boolean qualified, String actionPrefix, String userField,
                        String user, String passwordField, String password, String resultField, Set<String> okResults,
                        String messageField, String accountField, String account) {

        Call unqualified() {
            return new Call(url, namespace, false, actionPrefix, userField, user, passwordField, password, resultField,
                    okResults, messageField, accountField, account);
        }
    }
}
