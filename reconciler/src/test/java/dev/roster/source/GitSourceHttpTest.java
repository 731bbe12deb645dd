package dev.roster.source;

import static dev.roster.source.TestRepos.commit;
import static dev.roster.source.TestRepos.write;
import static dev.roster.source.TestRepos.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.LoadOptions;
import dev.roster.load.ManifestLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitSource over smart HTTP (JGit's GitServlet on Jetty), anonymous and with basic auth. */
class GitSourceHttpTest {
  static final String TOKEN = "s3cr3t-t0ken-value";

  @TempDir Path tmp;
  Git git;
  RevCommit head;

  @BeforeEach
  void setUp() throws Exception {
    git = TestRepos.init(tmp.resolve("repos/config"), "main");
    write(git, "apps/a.yaml", yaml("ConfigMap", "a"));
    write(git, "apps/b.yaml", yaml("ConfigMap", "b"));
    head = commit(git, "one");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  SourceSpec spec(String url) {
    return new SourceSpec(url, null, null, tmp.resolve("cache"));
  }

  @Test
  void anonymousCloneAndNoOpSync() throws Exception {
    try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"));
        GitSource source = new GitSource(GitCredentials.none())) {
      Snapshot s = source.snapshot(spec(server.url("config")));
      assertEquals("main@sha1:" + head.name(), s.revision());
      assertEquals(server.url("config"), s.repo());
      assertEquals(2, new ManifestLoader(LoadOptions.defaults()).load(s.tree()).manifests().size());
      assertFalse(source.mirror().sync(spec(server.url("config"))).fetched());
      write(git, "apps/c.yaml", yaml("ConfigMap", "c"));
      RevCommit next = commit(git, "two");
      SyncResult r = source.mirror().sync(spec(server.url("config")));
      assertTrue(r.fetched());
      assertEquals(next.name(), r.commit());
    }
  }

  @Test
  void tokenAuthSucceeds() throws Exception {
    try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), "bot", TOKEN);
        GitSource source = new GitSource(GitCredentials.none().withToken("bot", TOKEN))) {
      assertEquals("main@sha1:" + head.name(),
          source.snapshot(spec(server.url("config"))).revision());
    }
  }

  @Test
  void tokenFromEnvironmentFiles() throws Exception {
    Path user = Files.writeString(tmp.resolve("user"), "bot\n");
    Path token = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
    GitCredentials creds = GitCredentials.fromEnvironment(Map.of(
        "ROSTER_GIT_USERNAME_FILE", user.toString(),
        "ROSTER_GIT_TOKEN_FILE", token.toString())::get);
    assertFalse(creds.toString().contains(TOKEN));
    try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), "bot", TOKEN);
        GitSource source = new GitSource(creds)) {
      assertEquals(head.name(), source.mirror().lsRemote(spec(server.url("config"))));
    }
  }

  @Test
  void wrongTokenFailsWithoutShowingIt() throws Exception {
    try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), "bot", "right-one");
        GitSource source = new GitSource(GitCredentials.none().withToken("bot", TOKEN))) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.snapshot(spec(server.url("config"))));
      assertEquals("AuthenticationFailed", e.reason().text(), e.getMessage());
      assertTrue(e.retryable(), "mends with no new commit: serve retries it");
      assertSecretAbsent(e, TOKEN);
    }
  }

  @Test
  void noCredentialsFailsAuthentication() throws Exception {
    try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), "bot", TOKEN);
        GitSource source = new GitSource(GitCredentials.none())) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.snapshot(spec(server.url("config"))));
      assertEquals("AuthenticationFailed", e.reason().text(), e.getMessage());
    }
  }

  @Test
  void credentialsInTheUrlNeverShow() throws Exception {
    try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), "bot", TOKEN);
        GitSource source = new GitSource(GitCredentials.none())) {
      String clean = server.url("config");
      String withCreds = clean.replace("http://", "http://bot:" + TOKEN + "@");
      Snapshot s = source.snapshot(spec(withCreds));
      assertEquals(clean, s.repo());
      assertEquals("main@sha1:" + head.name(), s.revision());
      Path mirror = source.mirror().directory(spec(withCreds));
      String config = Files.readString(mirror.resolve("config"));
      assertFalse(config.contains(TOKEN), config);
      String wrong = clean.replace("http://", "http://bot:" + TOKEN + "x@");
      SourceException e = assertThrows(SourceException.class,
          () -> source.snapshot(spec(wrong)));
      assertEquals("AuthenticationFailed", e.reason().text(), e.getMessage());
      assertSecretAbsent(e, TOKEN);
    }
  }

  @Test
  void unknownRepositoryIsNotFound() throws Exception {
    try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"));
        GitSource source = new GitSource(GitCredentials.none())) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.snapshot(spec(server.url("nope"))));
      assertEquals("RepoNotFound", e.reason().text(), e.getMessage());
      assertTrue(e.retryable(), "mends with no new commit: serve retries it");
    }
  }

  @Test
  void closedPortIsUnreachableAndRetryable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (GitSource source = new GitSource(GitCredentials.none().withToken("u", TOKEN))) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.snapshot(spec("http://u:" + TOKEN + "@127.0.0.1:" + port + "/x.git")));
      assertEquals("SourceUnreachable", e.reason().text(), e.getMessage());
      assertTrue(e.retryable());
      assertTrue(e.getMessage().contains("http://127.0.0.1:" + port + "/x.git"), e.getMessage());
      assertSecretAbsent(e, TOKEN);
    }
  }

  static void assertSecretAbsent(Throwable e, String secret) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(secret), trace.toString());
  }
}
