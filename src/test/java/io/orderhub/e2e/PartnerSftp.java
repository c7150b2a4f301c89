package io.orderhub.e2e;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The demo trading partner's SFTP login on the sandbox server, as a partner uses it. */
final class PartnerSftp implements AutoCloseable {

    private final SshClient client = SshClient.setUpDefaultClient();
    private final ClientSession session;
    private final SftpClient sftp;

    PartnerSftp(int port) throws IOException {
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        session = client.connect("demo-partner", "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
        session.addPasswordIdentity(HubTestSupport.SFTP_PASSWORD);
        session.auth().verify(Duration.ofSeconds(10));
        sftp = SftpClientFactory.instance().createSftpClient(session);
    }

    /** Uploads as a careful partner does: a hidden temporary name, then a rename. */
    void upload(String folder, String name, String content) throws IOException {
        try (OutputStream out = sftp.write(folder + "/." + name)) {
            out.write(content.getBytes(StandardCharsets.ISO_8859_1));
        }
        sftp.rename(folder + "/." + name, folder + "/" + name);
    }

    /** The file names in a folder; none when it does not exist (yet). */
    List<String> names(String folder) {
        List<String> names = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(folder)) {
                names.add(entry.getFilename());
            }
        } catch (IOException | UncheckedIOException missing) {
            return names;
        }
        return names;
    }

    byte[] read(String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    void mkdir(String folder) throws IOException {
        sftp.mkdir(folder);
    }

    @Override
    public void close() throws IOException {
        sftp.close();
        session.close();
        client.stop();
    }
}
