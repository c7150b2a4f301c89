package io.orderhub.sandbox;

import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox's SFTP server (Apache MINA SSHD) with one demo trading partner, whose home holds the inbound and
 * outbound folders EDI partners use. The host key is generated once and kept under the data directory, so the
 * known-hosts entry stays valid across restarts.
 */
public class SandboxSftpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSftpServer.class);

    public static final String DEMO_PARTNER = "demo-partner";

    private final SshServer server;
    private final Path root;

    public SandboxSftpServer(int port, Path dataDir, String partnerPassword) throws IOException {
        // MINA's virtual file system needs an absolute home: with a relative one (the default ./data) every login
        // fails with "Cannot get current directory"
        root = dataDir.toAbsolutePath().normalize().resolve("sftp");
        Path home = root.resolve(DEMO_PARTNER);
        for (String folder : List.of("inbound", "outbound")) {
            Files.createDirectories(home.resolve(folder));
        }
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(root.resolve("hostkey.ser")));
        server.setPasswordAuthenticator((user, password, session) ->
                DEMO_PARTNER.equals(user) && partnerPassword.equals(password));
        VirtualFileSystemFactory fileSystem = new VirtualFileSystemFactory();
        fileSystem.setUserHomeDir(DEMO_PARTNER, home);
        server.setFileSystemFactory(fileSystem);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    }

    public SandboxSftpServer start() throws IOException {
        server.start();
        LOG.info("Sandbox SFTP server on sftp://{}@127.0.0.1:{} (home {})", DEMO_PARTNER, server.getPort(),
                root.resolve(DEMO_PARTNER).toAbsolutePath());
        return this;
    }

    /** A partner's home folder, as the partner sees it over SFTP. */
    public Path home(String partner) {
        return root.resolve(partner);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
