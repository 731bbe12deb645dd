package dev.roster.source;

import static dev.roster.source.TestRepos.commit;
import static dev.roster.source.TestRepos.write;
import static dev.roster.source.TestRepos.yaml;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitSource over SSH (MINA sshd + JGit UploadPack) with strict known_hosts checking. */
class GitSourceSshTest {
  @TempDir Path tmp;
  Git git;
  RevCommit head;
  KeyPair clientKey;
  Path keyFile;
  GitSshServer server;

  @BeforeEach
  void setUp() throws Exception {
    git = TestRepos.init(tmp.resolve("repos/config"), "main");
    write(git, "apps/a.yaml", yaml("ConfigMap", "a"));
    head = commit(git, "one");
    clientKey = GitSshServer.newKeyPair();
    keyFile = GitSshServer.writePrivateKey(clientKey, tmp.resolve("id_test"));
    server = GitSshServer.start(tmp.resolve("repos"), clientKey.getPublic());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    git.close();
  }

  SourceSpec spec() {
    return new SourceSpec(server.url("config"), null, null, tmp.resolve("cache"));
  }

  Snapshot snapshot(Path key, Path knownHosts) {
    try (GitSource source = new GitSource(GitCredentials.none().withSsh(key, knownHosts))) {
      return source.snapshot(spec());
    }
  }

  @Test
  void knownHostIsAccepted() throws Exception {
    Path hosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
    assertEquals("main@sha1:" + head.name(), snapshot(keyFile, hosts).revision());
  }

  @Test
  void keyAndKnownHostsFromEnvironment() throws Exception {
    Path hosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
    GitCredentials creds = GitCredentials.fromEnvironment(java.util.Map.of(
        "ROSTER_SSH_KEY_FILE", keyFile.toString(),
        "ROSTER_SSH_KNOWN_HOSTS", hosts.toString())::get);
    try (GitSource source = new GitSource(creds)) {
      assertEquals(head.name(), source.mirror().lsRemote(spec()));
    }
  }

  @Test
  void unknownHostIsRefused() throws Exception {
    Path empty = Files.writeString(tmp.resolve("known_hosts"), "");
    for (Path hosts : new Path[] {empty, tmp.resolve("missing_known_hosts")}) {
      SourceException e = assertThrows(SourceException.class, () -> snapshot(keyFile, hosts));
      assertEquals("HostKeyUnknown", e.reason().text(), e.getMessage());
      assertTrue(e.retryable(), "mends with no new commit: serve retries it");
    }
  }

  @Test
  void changedHostKeyIsRefused() throws Exception {
    try (GitSshServer other = GitSshServer.start(tmp.resolve("repos"), clientKey.getPublic())) {
      String wrong = other.knownHostsLine().replace(":" + other.port() + " ",
          ":" + server.port() + " ");
      Path hosts = Files.writeString(tmp.resolve("known_hosts"), wrong + "\n");
      SourceException e = assertThrows(SourceException.class, () -> snapshot(keyFile, hosts));
      assertEquals("HostKeyUnknown", e.reason().text(), e.getMessage());
    }
  }

  @Test
  void wrongClientKeyFailsAuthentication() throws Exception {
    Path hosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
    Path otherKey = GitSshServer.writePrivateKey(GitSshServer.newKeyPair(), tmp.resolve("id_x"));
    SourceException e = assertThrows(SourceException.class, () -> snapshot(otherKey, hosts));
    assertEquals("AuthenticationFailed", e.reason().text(), e.getMessage());
    assertTrue(e.retryable(), "mends with no new commit (a key rotated back): serve retries it");
  }
}
