package dev.roster.source;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How to authenticate to Git servers. HTTPS: a user name and token (sent only over HTTP(S)
 * transports). SSH: a private key, and a known_hosts file that is always checked strictly: an
 * unknown or changed host key fails with HostKeyUnknown. {@code ~/.ssh/config} is not read.
 * Immutable apart from the lazily built SSH session factory; {@link #toString()} shows no secret.
 */
public final class GitCredentials {
  public static final String USERNAME = "ROSTER_GIT_USERNAME";
  public static final String TOKEN = "ROSTER_GIT_TOKEN";
  public static final String SSH_KEY_FILE = "ROSTER_SSH_KEY_FILE";
  public static final String SSH_KNOWN_HOSTS = "ROSTER_SSH_KNOWN_HOSTS";
  /** User name sent with a token when none is given (GitHub's convention; others accept any). */
  public static final String DEFAULT_USERNAME = "x-access-token";

  private final String username;
  private final String token;
  private final Path sshKey;
  private final Path knownHosts;
  private volatile SshdSessionFactory ssh;

  private GitCredentials(String username, String token, Path sshKey, Path knownHosts) {
    this.username = username;
    this.token = token;
    this.sshKey = sshKey;
    this.knownHosts = knownHosts;
  }

  /** Anonymous HTTPS; SSH with the default keys in {@code ~/.ssh} and its known_hosts. */
  public static GitCredentials none() {
    return new GitCredentials(null, null, null, null);
  }

  /** Reads the {@code ROSTER_GIT_*} and {@code ROSTER_SSH_*} variables of this process. */
  public static GitCredentials fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * Reads {@value #USERNAME} and {@value #TOKEN}, or the files named by {@code <same>_FILE}
   * (trailing newline dropped), plus {@value #SSH_KEY_FILE} and {@value #SSH_KNOWN_HOSTS}, from
   * {@code env}. An unreadable file fails with CredentialsUnreadable.
   */
  public static GitCredentials fromEnvironment(Function<String, String> env) {
    String user = value(env, USERNAME);
    String tok = value(env, TOKEN);
    String key = env.apply(SSH_KEY_FILE);
    String hosts = env.apply(SSH_KNOWN_HOSTS);
    GitCredentials c = none().withToken(user, tok);
    return new GitCredentials(c.username, c.token, blank(key) ? null : Path.of(key),
        blank(hosts) ? null : Path.of(hosts));
  }

  /** These credentials with an HTTPS token; a null user name means {@value #DEFAULT_USERNAME}. */
  public GitCredentials withToken(String user, String tok) {
    if (blank(tok)) {
      return new GitCredentials(blank(user) ? null : user, null, sshKey, knownHosts);
    }
    return new GitCredentials(blank(user) ? DEFAULT_USERNAME : user, tok, sshKey, knownHosts);
  }

  /** These credentials with an SSH key; a null known_hosts means {@code ~/.ssh/known_hosts}. */
  public GitCredentials withSsh(Path privateKey, Path knownHostsFile) {
    return new GitCredentials(username, token, privateKey, knownHostsFile);
  }

  /** The known_hosts file checked for SSH. */
  public Path knownHostsFile() {
    return knownHosts != null ? knownHosts : sshDir().toPath().resolve("known_hosts");
  }

  /** Applies these credentials to a JGit command (ls-remote, fetch). */
  void configure(TransportCommand<?, ?> cmd) {
    CredentialsProvider cp =
        token == null ? null : new UsernamePasswordCredentialsProvider(username, token);
    cmd.setTransportConfigCallback(t -> {
      if (t instanceof HttpTransport && cp != null) {
        t.setCredentialsProvider(cp);
      }
      if (t instanceof SshTransport st) {
        st.setSshSessionFactory(sshFactory());
      }
    });
  }

  /** {@code text} redacted ({@link Urls#redact}) and with the token replaced by {@code ***}. */
  String scrub(String text) {
    String s = Urls.redact(text);
    return s == null || token == null || token.length() < 4 ? s : s.replace(token, "***");
  }

  private SshdSessionFactory sshFactory() {
    SshdSessionFactory f = ssh;
    if (f == null) {
      synchronized (this) {
        if (ssh == null) {
          File home = new File(System.getProperty("user.home"));
          SshdSessionFactoryBuilder b = new SshdSessionFactoryBuilder()
              .setHomeDirectory(home)
              .setSshDirectory(sshDir())
              .setConfigFile(dir -> null)
              .setPreferredAuthentications("publickey")
              .setServerKeyDatabase((h, d) -> new KnownHosts(knownHostsFile()));
          if (sshKey != null) {
            b.setDefaultIdentities(dir -> List.of(sshKey));
          }
          ssh = b.build(null);
        }
        f = ssh;
      }
    }
    return f;
  }

  private static File sshDir() {
    return new File(System.getProperty("user.home"), ".ssh");
  }

  private static String value(Function<String, String> env, String name) {
    String v = env.apply(name);
    if (!blank(v)) {
      return v;
    }
    String file = env.apply(name + "_FILE");
    if (blank(file)) {
      return null;
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new SourceException(SourceReason.CREDENTIALS_UNREADABLE,
          "failed to read " + name + "_FILE '" + file + "': " + e.getClass().getSimpleName());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "GitCredentials[token=" + (token != null ? "set" : "none") + ", sshKey=" + sshKey
        + ", knownHosts=" + knownHostsFile() + "]";
  }
}
