package io.orderhub.api;

import io.orderhub.canonical.InvalidOrderException;
import io.orderhub.pipeline.IngestOutcome;
import io.orderhub.store.ErrorStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Hands a channel's native payload to that channel's ingest route ({@code direct:ingest-<channel>}). */
@Component
public class ChannelIngest {

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final Environment environment;
    private final ErrorStore errors;

    public ChannelIngest(CamelContext camel, ProducerTemplate producer, Environment environment, ErrorStore errors) {
        this.camel = camel;
        this.producer = producer;
        this.environment = environment;
        this.errors = errors;
    }

    /** The configured account of a channel, used when a request does not name one. */
    public String defaultAccount(String channel) {
        return environment.getProperty("hub.channels." + channel + ".account", "default");
    }

    public void requireChannel(String channel) {
        // Only a channel with its own ingest route can be named: request data never picks another endpoint.
        if (channel == null || !CHANNEL.matcher(channel).matches() || camel.getRoute("ingest-" + channel) == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "unknown channel '" + channel + "'");
        }
    }

    public IngestOutcome ingest(String channel, String account, String source, String payload, String replayOf) {
        requireChannel(channel);
        Exchange result = producer.request("direct:ingest-" + channel, exchange -> {
            exchange.getMessage().setBody(payload);
            exchange.getMessage().setHeader("hubAccount", account);
            exchange.getMessage().setHeader("hubSource", source);
            if (replayOf != null) {
                exchange.getMessage().setHeader("hubReplayOf", replayOf);
            }
        });
        if (result.getException() != null) {
            throw new IllegalStateException("ingest of a " + channel + " payload failed", result.getException());
        }
        return result.getMessage().getBody(IngestOutcome.class);
    }

    /**
     * A request body as text: bytes that are not UTF-8 (JSON must be) are refused as malformed and kept, decoded
     * with replacement characters, in the error store; nothing is silently replaced.
     */
    public IngestOutcome ingest(String channel, String account, String source, byte[] body) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            return ingest(channel, account, source, strict.decode(bytes).toString(), null);
        } catch (CharacterCodingException e) {
            String reason = "payload is not valid UTF-8 (at byte " + bytes.position() + ")";
            String errorId = errors.record(channel, account, source, "parse", reason,
                    new String(body, StandardCharsets.UTF_8));
            return IngestOutcome.failed(new IngestOutcome.Failure(reason, errorId, InvalidOrderException.Kind.MALFORMED,
                    null));
        }
    }

    /** An oversize payload is refused before it is read into the pipeline, and recorded (its start only). */
    public ApiException oversize(String channel, String account, String source, long length, String start, int max) {
        String reason = "payload of " + length + " bytes is larger than hub.ingest.max-payload-bytes=" + max;
        String errorId = errors.record(channel, account, source, "parse", reason + " (first 64 KiB kept)", start);
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, reason, errorId);
    }

    static HttpStatus statusOf(InvalidOrderException.Kind kind) {
        return switch (kind) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case OVERSIZE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case MAPPING, SCHEMA, REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }
}
