package io.orderhub.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Yurtiçi Kargo (ShippingOrderDispatcherServices: createShipment, queryShipment, cancelShipment) and Aras Kargo (its
 * order service: SetOrder, GetOrderWithIntegrationCode, CancelDispatch; its integration service: GetQueryJSON, with
 * the login and query as XML strings and the answer as JSON in a string) over SOAP, as the hub sees them. The order
 * service answers an order as it was given; only the integration service says where the parcel is. Like the real
 * services they refuse a wrong login and a shipment key used before (so a repeated create shows as a refusal, never
 * as a second parcel), and they never push: a parcel the warehouse handed over ({@link #pickedUp}) is, to whoever asks,
 * on its way (with the carrier's tracking number) the first time, not delivered (nobody at the address) the second
 * and delivered from the third. A parcel already taken in cannot be canceled.
 */
final class TurkishCarrierSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(TurkishCarrierSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SoapCarrierProtocol YURTICI = new SoapCarrierProtocol(
            "http://yurticikargo.com.tr/ShippingOrderDispatcherServices", false, "");
    private static final SoapCarrierProtocol ARAS = new SoapCarrierProtocol("http://tempuri.org/", true,
            "http://tempuri.org/");
    private static final SoapCarrierProtocol ARAS_INTEGRATION = new SoapCarrierProtocol("http://tempuri.org/", true,
            "http://tempuri.org/IArasCargoIntegrationService/");
    /** The integration service's login and the customer's code, as application-sandbox.yaml configures them. */
    private static final Map<String, String> ARAS_QUERY_LOGIN = Map.of("UserName", "sandbox-query",
            "Password", "sandbox-query-password", "CustomerCode", "1234567890123");

    private final String user;
    private final String password;
    private final Duration stepDelay;
    private final Consumer<CarrierSimulator.Shipment> created;
    private final Consumer<String> canceled;
    private final Map<String, Parcel> parcels = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(300_000_000L);

    TurkishCarrierSimulator(String user, String password, Duration stepDelay, Consumer<CarrierSimulator.Shipment> created,
                            Consumer<String> canceled) {
        this.user = user;
        this.password = password;
        this.stepDelay = stepDelay;
        this.created = created;
        this.canceled = canceled;
    }

    /** The key the hub gives an order's shipment at these carriers (cargoKey, IntegrationCode). */
    static String key(String orderId) {
        return "HUB" + orderId.substring(orderId.indexOf('-') + 1).toUpperCase();
    }

    boolean serves(String carrier) {
        return "yurtici".equals(carrier) || "aras".equals(carrier);
    }

    /** The warehouse handed the parcel over: the carrier has it from now on. */
    boolean pickedUp(String orderId) {
        Parcel parcel = parcels.get(key(orderId));
        if (parcel == null || parcel.canceled) {
            return false;
        }
        if (parcel.pickedUpAt == null) {
            parcel.pickedUpAt = Instant.now();
        }
        return true;
    }

    void handle(HttpExchange exchange, String carrier, Duration answerDelay) throws IOException {
        boolean integration = exchange.getRequestURI().getPath().endsWith("/ArasCargoIntegrationService.svc");
        SoapCarrierProtocol soap = "yurtici".equals(carrier) ? YURTICI : integration ? ARAS_INTEGRATION : ARAS;
        Element operation = soap.read(exchange);
        if (operation == null) {
            return;
        }
        String name = operation.getLocalName();
        if ("yurtici".equals(carrier)) {
            yurtici(exchange, soap, operation, name, answerDelay);
        } else if (integration) {
            arasQuery(exchange, soap, operation, name);
        } else {
            aras(exchange, soap, operation, name, answerDelay);
        }
    }

    private void yurtici(HttpExchange exchange, SoapCarrierProtocol soap, Element op, String name, Duration delay)
            throws IOException {
        if (!user.equals(soap.text(op, "wsUserName")) || !password.equals(soap.text(op, "wsPassword"))) {
            soap.answer(exchange, name, Map.of(name.equals("queryShipment") ? "ShippingDeliveryVO" : "ShippingOrderResultVO",
                    Map.of("outFlag", "1", "outResult", "Kullanıcı adı veya şifre hatalı", "errCode", "936")));
            return;
        }
        switch (name) {
            case "createShipment" -> {
                Element vo = soap.child(op, "ShippingOrderVO");
                String key = soap.text(vo, "cargoKey");
                String missing = firstMissing(soap, vo, "cargoKey", "invoiceKey", "receiverCustName", "receiverAddress",
                        "cityName", "townName");
                String phone = soap.text(vo, "receiverPhone1");
                String error = missing != null ? missing + " alanı zorunludur"
                        : !phone.isEmpty() && !phone.matches("\\d{10,11}") ? "receiverPhone1 10 veya 11 haneli olmalıdır"
                        : parcels.containsKey(key) ? "cargoKey " + key + " daha önce kullanılmış" : null;
                if (error != null) {
                    soap.answer(exchange, name, Map.of("ShippingOrderResultVO", Map.of("outFlag", "1", "outResult", error,
                            "count", "1", "shippingOrderDetailVO", Map.of("cargoKey", key, "errCode",
                                    missing != null ? "60001" : "60020", "errMessage", error))));
                    return;
                }
                create("yurtici", key);
                pause(delay);
                soap.answer(exchange, name, Map.of("ShippingOrderResultVO", Map.of("outFlag", "0", "outResult",
                        "Başarılı", "count", "1", "jobId", String.valueOf(sequence.incrementAndGet()),
                        "shippingOrderDetailVO", Map.of("cargoKey", key, "invoiceKey", soap.text(vo, "invoiceKey"),
                                "errCode", "0", "errMessage", ""))));
            }
            case "queryShipment" -> {
                if (!"0".equals(soap.text(op, "keyType"))) {
                    soap.answer(exchange, name, Map.of("ShippingDeliveryVO", Map.of("outFlag", "1",
                            "outResult", "keyType 0 (cargoKey) veya 1 (invoiceKey) olmalıdır")));
                    return;
                }
                List<Map<String, Object>> details = new ArrayList<>();
                for (Element keyElement : soap.children(op, "keys")) {
                    details.add(yurticiDetail(keyElement.getTextContent().strip()));
                }
                soap.answer(exchange, name, Map.of("ShippingDeliveryVO", Map.of("outFlag", "0", "outResult", "Başarılı",
                        "count", String.valueOf(details.size()), "shippingDeliveryDetailVO", details)));
            }
            case "cancelShipment" -> {
                String key = soap.text(op, "cargoKeys");
                String error = cancel(key);
                soap.answer(exchange, name, Map.of("ShippingOrderResultVO", Map.of("outFlag", error == null ? "0" : "1",
                        "outResult", error == null ? "Başarılı" : error, "count", "1",
                        "shippingCancelDetailVO", Map.of("cargoKey", key, "errCode", error == null ? "0" : "82500",
                                "operationStatus", error == null ? "CNL" : "", "errMessage", error == null ? "" : error))));
            }
            default -> soap.fault(exchange, "Client", "no operation " + name);
        }
    }

    private Map<String, Object> yurticiDetail(String key) {
        Parcel parcel = parcels.get(key);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("cargoKey", key);
        if (parcel == null) {
            detail.put("errCode", "60017");
            detail.put("errMessage", "Kayıt bulunamadı");
            return detail;
        }
        Stage stage = parcel.stage();
        detail.put("invoiceKey", key);
        detail.put("errCode", "0");
        detail.put("operationStatus", switch (stage) {
            case CANCELED -> "CNL";
            case WAITING -> "NOP";
            case ON_THE_WAY, NOT_DELIVERED -> "IND";
            case DELIVERED -> "DLV";
        });
        detail.put("operationMessage", switch (stage) {
            case CANCELED -> "Kargo iptal edilmiştir";
            case WAITING -> "Kargo işlem görmemiş";
            case ON_THE_WAY -> "Kargo teslimatta";
            case NOT_DELIVERED -> "Kargo teslim edilemedi";
            case DELIVERED -> "Kargo teslim edilmiştir";
        });
        if (stage != Stage.WAITING && stage != Stage.CANCELED) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("docId", parcel.trackingNumber);
            item.put("trackingUrl", "https://selfservis.yurticikargo.com/reports/SSWDocumentDetail.aspx?DocId="
                    + parcel.trackingNumber);
            if (stage == Stage.NOT_DELIVERED) {
                item.put("reasonDesc", "Alıcı adreste bulunamadı");
            }
            detail.put("shippingDeliveryItemDetailVO", item);
        }
        return detail;
    }

    private void aras(HttpExchange exchange, SoapCarrierProtocol soap, Element op, String name, Duration delay)
            throws IOException {
        if (!user.equals(soap.text(op, "userName")) || !password.equals(soap.text(op, "password"))) {
            soap.fault(exchange, "Client", "Kullanıcı adı veya şifre hatalı");
            return;
        }
        switch (name) {
            case "SetOrder" -> {
                List<Map<String, Object>> results = new ArrayList<>();
                boolean made = false;
                for (Element order : soap.children(soap.child(op, "orderInfo"), "Order")) {
                    String key = soap.text(order, "IntegrationCode");
                    String missing = firstMissing(soap, order, "IntegrationCode", "ReceiverName", "ReceiverAddress",
                            "ReceiverCityName", "ReceiverTownName", "PieceCount");
                    List<Element> pieces = soap.children(soap.child(order, "PieceDetails"), "PieceDetail");
                    String error = missing != null ? missing + " boş olamaz"
                            : !soap.text(order, "PieceCount").equals(String.valueOf(pieces.size()))
                            ? "PieceCount ile PieceDetails sayısı uyuşmuyor"
                            : parcels.containsKey(key) ? "IntegrationCode " + key + " daha önce kullanılmış" : null;
                    if (error == null) {
                        create("aras", key);
                        made = true;
                    }
                    results.add(Map.of("ResultCode", error == null ? "0" : missing != null ? "1" : "70",
                            "ResultMessage", error == null ? "Başarılı" : error, "InvoiceKey", key));
                }
                if (made) {
                    pause(delay);
                }
                soap.answer(exchange, name, Map.of("SetOrderResult", Map.of("OrderResultInfo", results)));
            }
            case "GetOrderWithIntegrationCode" -> {
                Parcel parcel = parcels.get(soap.text(op, "integrationCode"));
                soap.answer(exchange, name, Map.of("GetOrderWithIntegrationCodeResult", parcel == null || parcel.canceled
                        ? Map.of() : Map.of("Order", Map.of("IntegrationCode", parcel.key))));
            }
            case "CancelDispatch" -> {
                String error = cancel(soap.text(op, "integrationCode"));
                soap.answer(exchange, name, Map.of("CancelDispatchResult", Map.of("ResultCode", error == null ? "0" : "936",
                        "ResultMessage", error == null ? "İptal edildi" : error)));
            }
            default -> soap.fault(exchange, "Client", "Server did not recognize the operation " + name);
        }
    }

    /** GetQueryJSON, QueryType 1: the shipment of an integration code, once a branch has taken it in. */
    private void arasQuery(HttpExchange exchange, SoapCarrierProtocol soap, Element op, String name) throws IOException {
        if (!"GetQueryJSON".equals(name)) {
            soap.fault(exchange, "Client", "The message with Action '" + name + "' cannot be processed at the receiver");
            return;
        }
        Element login = xmlString(soap.text(op, "loginInfo"));
        Element query = xmlString(soap.text(op, "queryInfo"));
        if (login == null || query == null || !"LoginInfo".equals(login.getTagName())
                || !"QueryInfo".equals(query.getTagName())) {
            soap.fault(exchange, "Client", "loginInfo and queryInfo are LoginInfo and QueryInfo XML documents");
            return;
        }
        for (Map.Entry<String, String> field : ARAS_QUERY_LOGIN.entrySet()) {
            if (!field.getValue().equals(fieldText(login, field.getKey()))) {
                soap.fault(exchange, "Client", "Kullanıcı adı, şifre veya müşteri kodu hatalı");
                return;
            }
        }
        if (!"1".equals(fieldText(query, "QueryType"))) {
            soap.fault(exchange, "Client", "QueryType " + fieldText(query, "QueryType") + " bu servis için tanımlı değil");
            return;
        }
        Parcel parcel = parcels.get(fieldText(query, "IntegrationCode"));
        Stage stage = parcel == null ? Stage.WAITING : parcel.stage();
        List<Map<String, Object>> cargo = new ArrayList<>();
        if (stage != Stage.WAITING && stage != Stage.CANCELED) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("MUSTERI_OZEL_KODU", parcel.key);
            record.put("KARGO_TAKIP_NO", parcel.trackingNumber);
            record.put("DURUM_KODU", switch (stage) {
                case DELIVERED -> "6";
                case NOT_DELIVERED -> "5";
                default -> "2";
            });
            record.put("DURUMU", switch (stage) {
                case DELIVERED -> "TESLİM EDİLDİ";
                case NOT_DELIVERED -> "TESLİM EDİLEMEDİ: alıcı adreste bulunamadı";
                default -> "YOLDA";
            });
            cargo.add(record);
        }
        soap.answer(exchange, name, Map.of("GetQueryJSONResult",
                JSON.writeValueAsString(Map.of("QueryResult", Map.of("Cargo", cargo)))));
    }

    /** An XML document sent as a string, parsed as the service would, refusing a DOCTYPE; null when not XML. */
    private static Element xmlString(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (Exception e) {
            return null;
        }
    }

    private static String fieldText(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    private void create(String carrier, String key) {
        String number = String.valueOf(sequence.incrementAndGet());
        parcels.put(key, new Parcel(carrier, key, carrier.equals("aras") ? "1" + number : "40" + number));
        created.accept(new CarrierSimulator.Shipment(carrier, key, key, List.of(key), key));
        LOG.info("Carrier simulator: {} shipment {}", carrier, key);
    }

    /** Null when canceled; why not otherwise. */
    private String cancel(String key) {
        Parcel parcel = parcels.get(key);
        if (parcel == null) {
            return "Kayıt bulunamadı: " + key;
        }
        if (parcel.pickedUpAt != null) {
            return "Kargo şubeye teslim edilmiş, iptal edilemez";
        }
        parcel.canceled = true;
        canceled.accept(key);
        LOG.info("Carrier simulator: {} shipment {} canceled", parcel.carrier, key);
        return null;
    }

    private static String firstMissing(SoapCarrierProtocol soap, Element parent, String... fields) {
        for (String field : fields) {
            if (soap.text(parent, field).isEmpty()) {
                return field;
            }
        }
        return null;
    }

    private static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis()); // the shipment exists; the caller has given up waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private enum Stage { WAITING, ON_THE_WAY, NOT_DELIVERED, DELIVERED, CANCELED }

    private static final class Parcel {
        final String carrier;
        final String key;
        final String trackingNumber;
        final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        volatile Instant pickedUpAt;
        volatile boolean canceled;

        Parcel(String carrier, String key, String trackingNumber) {
            this.carrier = carrier;
            this.key = key;
            this.trackingNumber = trackingNumber;
        }

        /** Where the parcel is, as one more question about it finds it. */
        Stage stage() {
            if (canceled) {
                return Stage.CANCELED;
            }
            if (pickedUpAt == null) {
                return Stage.WAITING;
            }
            int asked = this.asked.incrementAndGet();
            return asked == 1 ? Stage.ON_THE_WAY : asked == 2 ? Stage.NOT_DELIVERED : Stage.DELIVERED;
        }
    }
}
