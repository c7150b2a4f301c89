package io.orderhub.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.IntSupplier;

/** The hub's REST API as the sandbox's warehouse and carriers call it back: JSON POSTs with the API login. */
public class HubClient {

    private final IntSupplier hubPort;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HubClient(IntSupplier hubPort, String apiUser, String apiPassword) {
        this.hubPort = hubPort;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((apiUser + ":" + apiPassword).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * POSTs the body to the path; whether the hub took it or answered for good. A 4xx (409: the lifecycle refused,
     * say the order was canceled meanwhile) is an answer too: the caller stops. Unreachable or 5xx: try again.
     */
    public boolean post(String path, String body) {
        return post(path, body, "Authorization", authorization);
    }

    /** As {@link #post(String, String)}, authenticated by one header of the caller's own (a carrier's signature). */
    public boolean post(String path, String body, String header, String value) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort.getAsInt() + path))
                    .header("Content-Type", "application/json")
                    .header(header, value)
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
