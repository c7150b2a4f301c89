package io.orderhub.benchmark;

import io.orderhub.crash.CrashableHub;
import io.orderhub.sandbox.SandboxLogins;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a user runs it, in its own JVM: the real application on the embedded default (H2 on disk with
 * WRITE_DELAY=0, embedded Artemis with its journal synced, durable deliveries), its simulators off, every channel
 * poller off but the POS topic and the EDI partner's SFTP inbox. Start-up is timed to the first healthy answer;
 * CPU time and peak RSS are read from /proc (Linux), so they are the hub's alone.
 */
final class HubProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> jvm;
    private final List<String> arguments;
    private final Path log;
    private final int port;
    private Process process;
    private double startupSeconds;

    HubProcess(int port, List<String> jvm, List<String> arguments, Path log) {
        this.port = port;
        this.jvm = jvm;
        this.arguments = arguments;
        this.log = log;
    }

    HubProcess start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseG1GC", "-XX:ActiveProcessorCount=2"));
        command.addAll(jvm);
        String extra = System.getProperty("bench.hub-jvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashableHub.class.getName(),
                "--server.port=" + port));
        command.addAll(arguments);
        long started = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = started + TimeUnit.MINUTES.toNanos(3);
        while (!healthy()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub did not become healthy; see " + log);
            }
            Thread.sleep(100);
        }
        startupSeconds = (System.nanoTime() - started) / 1e9;
        return this;
    }

    private boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    double startupSeconds() {
        return startupSeconds;
    }

    /** User plus system CPU of the hub's process so far, in milliseconds. */
    long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime 14 and stime 15 (proc(5))
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** The process's peak resident set (VmHWM), in MiB. */
    long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** A GET on the hub's API as the operator; the answer's body. */
    String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", SandboxLogins.basic(SandboxLogins.forCall("GET", path)))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A POST on the hub's API as its integration login; the status. */
    int post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", SandboxLogins.basic(SandboxLogins.forCall("POST", path)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Stops the hub as an operator does (SIGTERM, graceful), so its database is closed cleanly. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
