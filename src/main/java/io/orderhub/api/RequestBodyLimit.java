package io.orderhub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Caps every request body at {@code hub.http.max-body-bytes} before anything reads it: a declared length over the
 * cap is refused at once with 413, and a body without one (chunked) is cut off when it passes the cap. Channel
 * payloads (the ingest API and webhooks) have their own cap, {@code hub.ingest.max-payload-bytes}, which also
 * keeps what was refused in the error store.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private static final Pattern OWN_CAP = Pattern.compile("^/(api/channels/[^/]+/orders|webhooks/[^/]+)$");

    private final long maxBytes;

    public RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return OWN_CAP.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, request.getContentLengthLong());
            return;
        }
        try {
            chain.doFilter(new Bounded(request, maxBytes), response);
        } catch (TooLarge | ServletException e) {
            if (!(e instanceof TooLarge) && !(e.getCause() instanceof TooLarge)) {
                throw e;
            }
            if (!response.isCommitted()) {
                response.reset();
                refuse(response, -1);
            }
        }
    }

    private void refuse(HttpServletResponse response, long length) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType("application/json");
        String size = length > 0 ? "of " + length + " bytes " : "";
        response.getOutputStream().write(("{\"error\":\"request body " + size + "is larger than hub.http.max-body-bytes="
                + maxBytes + "\",\"errorId\":\"req-" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Thrown by the wrapped stream once more than the cap was read. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body is larger than hub.http.max-body-bytes");
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        count(Math.max(n, 0));
                        return n;
                    }

                    private void count(int n) throws TooLarge {
                        read += n;
                        if (read > max) {
                            throw new TooLarge();
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
