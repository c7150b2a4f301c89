package io.orderhub.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's demo trading partner: now and then it puts a purchase order (an 850 made from the shared samples,
 * with its own interchange, group and PO numbers) into its inbound folder on the embedded SFTP server, the way a
 * careful partner uploads: a hidden temporary name, then a rename. The hub's 997s and documents appear in its
 * outbound folder.
 */
public class SandboxEdiPartner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxEdiPartner.class);

    private final Path inbound;
    private final List<String> samples;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    // seeded from the clock, so a restart does not send an interchange number the hub has seen
    private final AtomicLong sequence;

    public SandboxEdiPartner(Path partnerHome, Duration interval, Clock clock) {
        this.inbound = partnerHome.resolve("inbound");
        this.samples = List.of(load("sandbox/edi/x12-850-basic.edi"), load("sandbox/edi/x12-850-multiline-discount.edi"));
        this.sequence = new AtomicLong(clock.millis() / 1000 % 100_000_000L * 10);
        schedule.scheduleAtFixedRate(this::send, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Puts the next purchase order into the inbound folder; returns its file name. */
    public String send() {
        long n = sequence.incrementAndGet();
        String sample = samples.get((int) (n % samples.size()));
        String isa13 = String.format("%09d", n);
        String text = sample.replaceAll("\\*\\d{9}\\*0\\*P\\*", "*" + isa13 + "*0*P*")
                .replaceAll("IEA\\*1\\*\\d{9}", "IEA*1*" + isa13)
                .replaceAll("(GS\\*PO\\*ACMERETAIL\\*ORDERHUB\\*\\d{8}\\*\\d{4})\\*\\d+", "$1*" + n)
                .replaceAll("GE\\*1\\*\\d+", "GE*1*" + n)
                .replaceAll("PO-\\d+", "PO-SBX-" + n);
        String name = "po-" + n + ".x12";
        try {
            Files.createDirectories(inbound);
            Path partial = inbound.resolve("." + name);
            Files.writeString(partial, text, StandardCharsets.ISO_8859_1);
            Files.move(partial, inbound.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Sandbox EDI partner sent {} (interchange {}, PO-SBX-{})", name, isa13, n);
        } catch (IOException e) {
            LOG.warn("Sandbox EDI partner could not send {}: {}", name, e.getMessage());
        }
        return name;
    }

    private static String load(String resource) {
        try (InputStream in = SandboxEdiPartner.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
