package io.orderhub.benchmark;

import io.orderhub.FreePorts;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;

/** The sandbox a benchmark runs on: its own data folder and free ports, no generated orders, quiet simulators. */
final class BenchmarkSandbox {

    private BenchmarkSandbox() {
    }

    static void register(DynamicPropertyRegistry registry, String name) throws IOException {
        String data = Files.createTempDirectory(name).toString();
        int sim = FreePorts.next();
        int sftp = FreePorts.next();
        registry.add("hub.data-dir", () -> data);
        registry.add("hub.sandbox.port", () -> sim);
        registry.add("hub.sandbox.sftp-port", () -> sftp);
        registry.add("hub.sandbox.generate-orders", () -> "false");
        registry.add("logging.level.io.orderhub.sandbox", () -> "WARN");
    }
}
