package dev.roster.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.util.FS;

/**
 * An SSH Git server for tests: Apache MINA sshd on 127.0.0.1 (ephemeral port) running JGit's
 * {@link UploadPack} for {@code git-upload-pack '<name>'}, serving the repositories under a root
 * as {@code ssh://git@127.0.0.1:<port>/<name>}. Accepts one client key; has a fresh host key.
 */
public final class GitSshServer implements AutoCloseable {
  private final SshServer sshd;
  private final KeyPair hostKey;

  private GitSshServer(Path root, PublicKey clientKey) throws IOException,
      GeneralSecurityException {
    hostKey = newKeyPair();
    Path base = root.toAbsolutePath().normalize();
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey));
    sshd.setCommandFactory((CommandFactory) (channel, command) -> new UploadPackCommand(base,
        command));
    sshd.start();
  }

  /** Serves the repositories under {@code root} to the holder of {@code clientKey}. */
  public static GitSshServer start(Path root, PublicKey clientKey) throws Exception {
    return new GitSshServer(root, clientKey);
  }

  /** A new EC (nistp256) key pair. */
  public static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** Writes {@code key}'s private half to {@code file} in OpenSSH format, unencrypted. */
  public static Path writePrivateKey(KeyPair key, Path file) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
    }
    return file;
  }

  /** A known_hosts line for this server ({@code [127.0.0.1]:<port> <type> <base64>}). */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  public int port() {
    return sshd.getPort();
  }

  /** URL of the repository in directory {@code name} under the root. */
  public String url(String name) {
    return "ssh://git@127.0.0.1:" + port() + "/" + name;
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  /** Runs JGit's UploadPack on the channel's streams in its own thread. */
  private static final class UploadPackCommand implements Command {
    private final Path base;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadPackCommand(Path base, String command) {
      this.base = base;
      this.command = command;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread t = new Thread(() -> run(env), "test-upload-pack");
      t.setDaemon(true);
      t.start();
    }

    private void run(Environment env) {
      List<String> args = CommandFactory.split(command);
      if (args.size() != 2 || !args.get(0).equals("git-upload-pack")) {
        exit.onExit(127, "unsupported command: " + command);
        return;
      }
      Path dir = base.resolve(args.get(1).replaceFirst("^/+", "")).normalize();
      RepositoryCache.FileKey key = RepositoryCache.FileKey.lenient(dir.toFile(), FS.DETECTED);
      if (!dir.startsWith(base) || !RepositoryCache.FileKey.isGitRepository(key.getFile(),
          FS.DETECTED)) {
        exit.onExit(128, "repository not found");
        return;
      }
      try (Repository repo = key.open(true)) {
        UploadPack up = new UploadPack(repo);
        String protocol = env.getEnv().get("GIT_PROTOCOL");
        if (protocol != null) {
          up.setExtraParameters(List.of(protocol.split(":")));
        }
        up.upload(in, out, err);
        out.flush();
        exit.onExit(0);
      } catch (IOException | RuntimeException e) {
        exit.onExit(1, String.valueOf(e.getMessage()));
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }
  }
}
