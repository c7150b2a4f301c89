package io.orderhub.sandbox;

import com.sun.net.httpserver.HttpExchange;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SOAP side of the Turkish carrier simulators, on SAAJ as a JAX-WS or .asmx service is: a request is parsed as a
 * SOAP 1.1 envelope (anything else is a client fault), the operation must be in the service's namespace and, where
 * the service routes by it, named by the SOAPAction; its fields are read in the namespace the service's schema puts
 * them in (none for Yurtiçi's JAX-WS service, the target namespace for Aras's .asmx), so a field sent in the wrong
 * one is missing, as at the real service.
 */
final class SoapCarrierProtocol {

    private final String namespace;
    private final boolean qualified;
    private final String soapActionPrefix;

    SoapCarrierProtocol(String namespace, boolean qualified, String soapActionPrefix) {
        this.namespace = namespace;
        this.qualified = qualified;
        this.soapActionPrefix = soapActionPrefix;
    }

    /** The operation element of the request, or null when a fault has been answered. */
    Element read(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            fault(exchange, "Client", "a SOAP request is a POST");
            return null;
        }
        String contentType = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "");
        if (!contentType.startsWith("text/xml")) {
            fault(exchange, "Client", "SOAP 1.1 wants Content-Type text/xml, not '" + contentType + "'");
            return null;
        }
        SOAPBody body;
        try {
            MimeHeaders headers = new MimeHeaders();
            headers.addHeader("Content-Type", contentType);
            SOAPMessage request = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL)
                    .createMessage(headers, exchange.getRequestBody());
            body = request.getSOAPBody();
        } catch (SOAPException | RuntimeException e) {
            fault(exchange, "Client", "not a SOAP 1.1 envelope: " + e.getMessage());
            return null;
        }
        Element operation = firstElement(body);
        if (operation == null || !namespace.equals(operation.getNamespaceURI())) {
            fault(exchange, "Client", "no operation of " + namespace + " in the body");
            return null;
        }
        if (!soapActionPrefix.isEmpty()) {
            String action = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("SOAPAction"), "")
                    .replace("\"", "");
            if (!action.equals(soapActionPrefix + operation.getLocalName())) {
                fault(exchange, "Client", "Server did not recognize the value of HTTP Header SOAPAction: " + action);
                return null;
            }
        }
        return operation;
    }

    /** The field's element among the direct children, in the namespace the schema puts fields in. */
    Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && name.equals(e.getLocalName())
                    && Objects.equals(e.getNamespaceURI(), qualified ? namespace : null)) {
                return e;
            }
        }
        return null;
    }

    List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent == null ? null : parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && name.equals(e.getLocalName())
                    && Objects.equals(e.getNamespaceURI(), qualified ? namespace : null)) {
                found.add(e);
            }
        }
        return found;
    }

    String text(Element parent, String name) {
        Element field = child(parent, name);
        return field == null ? "" : field.getTextContent().strip();
    }

    /** Answers {@code <operation>Response} holding the fields, nested as the maps and lists nest. */
    void answer(HttpExchange exchange, String operation, Map<String, ?> fields) throws IOException {
        try {
            SOAPMessage message = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createMessage();
            SOAPElement response = message.getSOAPBody().addChildElement(operation + "Response", "ns", namespace);
            add(response, fields);
            write(exchange, 200, message);
        } catch (SOAPException e) {
            throw new IOException(e);
        }
    }

    void fault(HttpExchange exchange, String code, String reason) throws IOException {
        try {
            SOAPMessage message = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createMessage();
            message.getSOAPBody().addFault(new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, code), reason);
            write(exchange, 500, message);
        } catch (SOAPException e) {
            throw new IOException(e);
        }
    }

    private void add(SOAPElement parent, Map<String, ?> fields) throws SOAPException {
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            List<?> values = field.getValue() instanceof List<?> list ? list : List.of(field.getValue());
            for (Object value : values) {
                SOAPElement child = qualified ? parent.addChildElement(field.getKey(), "ns", namespace)
                        : parent.addChildElement(new QName(field.getKey()));
                if (value instanceof Map<?, ?> nested) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> map = (Map<String, ?>) nested;
                    add(child, map);
                } else if (value != null) {
                    child.addTextNode(value.toString());
                }
            }
        }
    }

    private static void write(HttpExchange exchange, int status, SOAPMessage message) throws IOException, SOAPException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        byte[] bytes = out.toByteArray();
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=" + StandardCharsets.UTF_8.name());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Element firstElement(Node parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
