package io.orderhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of channels that use the OAuth 2 refresh-token grant: eBay (client credentials in HTTP Basic)
 * and Amazon's Login with Amazon (client credentials in the form); Amazon's Restricted Data Tokens; and the
 * client-credentials tokens of the carriers (UPS, FedEx, USPS). A token
 * is kept until five minutes before it expires and then refreshed before the next call, so a poll never starts
 * with a token that dies halfway.
 */
public class AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    private static final Duration MARGIN = Duration.ofMinutes(5);
    private static final String RESTRICTED_ORDERS = """
            {"restrictedResources":[
              {"method":"GET","path":"/orders/v0/orders","dataElements":["buyerInfo","shippingAddress"]},
              {"method":"GET","path":"/orders/v0/orders/{orderId}/orderItems","dataElements":["buyerInfo"]}]}""";

    /** The exchange properties {@link #authorization} reads and leaves. */
    public static final String CLIENT_SECRET = "oauthClientSecret";
    public static final String AUTHORIZATION = "carrierAuthorization";
    public static final String PAYMENT_ROLES = "carrierPaymentRoles";
    private static final String TOKEN_USED = "hubAccessToken";
    private static final String PAYMENT_USED = "hubPaymentToken";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public AccessTokens(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param clientAuth "basic" to send the client id and secret as HTTP Basic (eBay), "form" to send them in the
     *                   form body (Login with Amazon)
     * @param scope      the scope to ask for, or empty
     */
    public String token(String tokenUrl, String clientId, String clientSecret, String refreshToken, String scope,
                        String clientAuth) throws IOException, InterruptedException {
        String grant = "grant_type=refresh_token&refresh_token=" + encode(refreshToken)
                + (scope == null || scope.isBlank() ? "" : "&scope=" + encode(scope));
        return cached(key(tokenUrl, clientId, refreshToken), tokenUrl, clientId, clientSecret, grant, clientAuth);
    }

    /**
     * A token of the client-credentials grant (UPS: the client in HTTP Basic; FedEx and USPS: in the form), kept
     * like every other until five minutes before it expires.
     */
    public String clientCredentials(String tokenUrl, String clientId, String clientSecret, String clientAuth)
            throws IOException, InterruptedException {
        return cached(key(tokenUrl, clientId, ""), tokenUrl, clientId, clientSecret, "grant_type=client_credentials",
                clientAuth);
    }

    /**
     * The Authorization value of a carrier call (connectors/carrier-shipment-sink.kamelet.yaml): the configured one,
     * or with a token URL a bearer token of the client-credentials grant. The client secret and the configured
     * value come in the exchange properties {@link #CLIENT_SECRET} and {@link #AUTHORIZATION}, set by constants, and
     * are removed; which token was used stays on the exchange, so a 401 answer drops it ({@link #forgetRefused}).
     */
    public String authorization(Exchange exchange, String tokenUrl, String clientId, String clientAuth)
            throws IOException, InterruptedException {
        String secret = exchange.getProperty(CLIENT_SECRET, "", String.class);
        String configured = exchange.getProperty(AUTHORIZATION, "", String.class);
        exchange.removeProperty(CLIENT_SECRET);
        exchange.removeProperty(AUTHORIZATION);
        if (tokenUrl == null || tokenUrl.isBlank()) {
            return configured;
        }
        exchange.setProperty(TOKEN_USED, key(tokenUrl, clientId, ""));
        return "Bearer " + clientCredentials(tokenUrl, clientId, secret, clientAuth);
    }

    /**
     * USPS's Payment Authorization Token, which a label call carries in {@code X-Payment-Authorization-Token}
     * beside the access token ({@code POST /payments/v3/payment-authorization} with the roles of the payer and the
     * label owner: their CRID, MID, manifest MID and EPS account). The roles come as JSON in the exchange property
     * {@link #PAYMENT_ROLES}, set by a constant, and are removed; the token is kept for its eight hours less the
     * margin. Null when no payment URL is configured (other carriers).
     */
    public String paymentAuthorization(Exchange exchange, String paymentUrl) throws IOException, InterruptedException {
        String roles = exchange.getProperty(PAYMENT_ROLES, "", String.class);
        exchange.removeProperty(PAYMENT_ROLES);
        if (paymentUrl == null || paymentUrl.isBlank()) {
            return null;
        }
        String bearer = exchange.getMessage().getHeader("Authorization", "", String.class);
        String key = paymentUrl + "|" + roles.hashCode();
        exchange.setProperty(PAYMENT_USED, key);
        Token current = tokens.get(key);
        if (current != null && Instant.now(clock).isBefore(current.expiresAt().minus(MARGIN))) {
            return current.value();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(paymentUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString("{\"roles\":" + (roles.isBlank() ? "[]" : roles) + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ChannelThrottle.ChannelRequestException("payment authorization at " + paymentUrl + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        Token fresh = new Token(json.readTree(response.body()).path("paymentAuthorizationToken").asText(),
                Instant.now(clock).plus(Duration.ofHours(8)));
        tokens.put(key, fresh);
        LOG.info("New payment authorization token at {}; valid until {}", paymentUrl, fresh.expiresAt());
        return fresh.value();
    }

    /**
     * A call answered 401 with tokens from here: they were revoked or rotated before their time, so they are dropped
     * and the retry fetches new ones (routes/error-handlers.yaml, delivery-errors).
     */
    public void forgetRefused(Exchange exchange) {
        String key = exchange.getProperty(TOKEN_USED, String.class);
        String payment = exchange.getProperty(PAYMENT_USED, String.class);
        if ((key != null || payment != null) && Failures.any(Failures.of(exchange),
                t -> t instanceof HttpOperationFailedException http && http.getStatusCode() == 401)) {
            if (key != null) {
                tokens.remove(key);
            }
            if (payment != null) {
                tokens.remove(payment);
            }
            LOG.warn("A carrier refused its access token (401); a new one is fetched for the retry");
        }
    }

    private String cached(String key, String tokenUrl, String clientId, String clientSecret, String grant,
                          String clientAuth) throws IOException, InterruptedException {
        Token current = tokens.get(key);
        if (current != null && Instant.now(clock).isBefore(current.expiresAt().minus(MARGIN))) {
            return current.value();
        }
        synchronized (this) {
            current = tokens.get(key);
            if (current != null && Instant.now(clock).isBefore(current.expiresAt().minus(MARGIN))) {
                return current.value();
            }
            Token fresh = fetch(tokenUrl, clientId, clientSecret, grant, "basic".equals(clientAuth));
            tokens.put(key, fresh);
            return fresh.value();
        }
    }

    /** An HTTP Basic Authorization value: how an OAuth client authenticates at its token endpoint. */
    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What Amazon's calls carry in {@code x-amz-access-token}: the LWA access token, or a Restricted Data Token
     * made from it at the regional endpoint {@code baseUrl}.
     */
    public String amazon(String tokenUrl, String clientId, String clientSecret, String refreshToken, String baseUrl,
                         boolean restrictedData) throws IOException, InterruptedException {
        String access = token(tokenUrl, clientId, clientSecret, refreshToken, "", "form");
        return restrictedData ? restricted(baseUrl + "/tokens/2021-03-01/restrictedDataToken", access) : access;
    }

    /**
     * A Restricted Data Token for Amazon's getOrders and getOrderItems with the buyer's name, address and phone
     * ({@code POST /tokens/2021-03-01/restrictedDataToken}, generic paths so one token serves every order). It is
     * sent in place of the access token; without it Amazon leaves out everything personal and no order can be
     * shipped. Kept, like access tokens, until five minutes before it expires.
     */
    public String restricted(String tokensUrl, String accessToken) throws IOException, InterruptedException {
        String key = tokensUrl + "|" + accessToken.hashCode();
        Token current = tokens.get(key);
        if (current != null && Instant.now(clock).isBefore(current.expiresAt().minus(MARGIN))) {
            return current.value();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokensUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("x-amz-access-token", accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(RESTRICTED_ORDERS)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ChannelThrottle.ChannelRequestException("restricted data token at " + tokensUrl + " answered "
                    + response.statusCode() + " (the application needs the Direct-to-Consumer Delivery role): "
                    + response.body());
        }
        JsonNode body = json.readTree(response.body());
        Token fresh = new Token(body.path("restrictedDataToken").asText(),
                Instant.now(clock).plusSeconds(body.path("expiresIn").asLong(3600)));
        // a new access token makes the old one's restricted token useless: keep one per URL
        tokens.keySet().removeIf(k -> k.startsWith(tokensUrl + "|"));
        tokens.put(key, fresh);
        return fresh.value();
    }

    /** Drops a token the channel refused (revoked before its time), so the next call gets a fresh one. */
    public void forget(String tokenUrl, String clientId, String refreshToken) {
        tokens.remove(key(tokenUrl, clientId, refreshToken));
    }

    private static String key(String tokenUrl, String clientId, String refreshToken) {
        return tokenUrl + "|" + clientId + "|" + refreshToken.hashCode();
    }

    private Token fetch(String tokenUrl, String clientId, String clientSecret, String grant, boolean basic)
            throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder(grant);
        if (!basic) {
            form.append("&client_id=").append(encode(clientId)).append("&client_secret=").append(encode(clientSecret));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (basic) {
            request.header("Authorization", basic(clientId, clientSecret));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ChannelThrottle.ChannelRequestException("token request at " + tokenUrl + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        // UPS writes expires_in as a string ("14399"); asLong reads both
        Instant expiresAt = Instant.now(clock).plusSeconds(body.path("expires_in").asLong(3600));
        LOG.info("New access token of client {} at {}; valid until {}", clientId, tokenUrl, expiresAt);
        return new Token(body.path("access_token").asText(), expiresAt);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Token(String value, Instant expiresAt) {
    }
}
