package dev.roster.source;

import static dev.roster.source.TestRepos.commit;
import static dev.roster.source.TestRepos.fileUrl;
import static dev.roster.source.TestRepos.write;
import static dev.roster.source.TestRepos.yaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.load.RepoWalker;
import dev.roster.source.SourceTree.Entry;
import dev.roster.source.SourceTree.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitSource and GitTree against a real repository served over {@code file://}. */
class GitSourceFileTest {
  @TempDir Path tmp;
  Git git;
  RevCommit first;
  Path cache;
  GitSource source;

  @BeforeEach
  void setUp() throws Exception {
    git = TestRepos.init(tmp.resolve("origin"), "main");
    write(git, "apps/web/deploy.yaml", yaml("ConfigMap", "web"));
    write(git, "apps/db.yml", yaml("ConfigMap", "db") + "---\n" + yaml("Secret", "db"));
    write(git, "base/ns.yaml", yaml("ConfigMap", "ns"));
    write(git, "README.md", "hello\n");
    write(git, "run.sh", "#!/bin/sh\n");
    TestRepos.workTree(git).resolve("run.sh").toFile().setExecutable(true);
    Files.createSymbolicLink(TestRepos.workTree(git).resolve("link.yaml"),
        Path.of("base/ns.yaml"));
    first = commit(git, "first");
    TestRepos.addGitlink(git, "vendor/lib", first.getId());
    first = commit(git, "add submodule");
    cache = tmp.resolve("cache");
    source = new GitSource(GitCredentials.none());
  }

  @AfterEach
  void tearDown() {
    source.close();
    git.close();
  }

  SourceSpec spec(String ref, String path) {
    return new SourceSpec(fileUrl(TestRepos.workTree(git)), ref, path, cache);
  }

  @Test
  void snapshotOfDefaultBranch() throws Exception {
    Snapshot s = source.snapshot(spec(null, null));
    assertEquals("main@sha1:" + first.name(), s.revision());
    assertEquals(fileUrl(TestRepos.workTree(git)), s.repo());
    SourceTree t = s.tree();
    assertEquals(List.of(
            new Entry("README.md", Type.FILE, null),
            new Entry("apps", Type.DIRECTORY, null),
            new Entry("base", Type.DIRECTORY, null),
            new Entry("link.yaml", Type.REFUSED, "symlink in Git tree; not read"),
            new Entry("run.sh", Type.FILE, null),
            new Entry("vendor", Type.DIRECTORY, null)),
        t.list(""));
    assertEquals(List.of(new Entry("db.yml", Type.FILE, null),
        new Entry("web", Type.DIRECTORY, null)), t.list("apps"));
    assertEquals(List.of(new Entry("lib", Type.REFUSED, "submodule; not read")),
        t.list("vendor"));
    byte[] web = yaml("ConfigMap", "web").getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(web, t.read("apps/web/deploy.yaml"));
    assertEquals(web.length, t.size("apps/web/deploy.yaml"));
    assertThrows(NoSuchFileException.class, () -> t.read("nope.yaml"));
    assertThrows(java.io.IOException.class, () -> t.read("link.yaml"));
    assertThrows(java.io.IOException.class, () -> t.list("README.md"));
  }

  @Test
  void loaderReadsTheGitTree() {
    Snapshot s = source.snapshot(spec(null, null));
    RepoWalker.Listing listing = RepoWalker.list(s.tree());
    assertEquals(List.of("apps/db.yml", "apps/web/deploy.yaml", "base/ns.yaml"), listing.files());
    LoadResult r = new ManifestLoader(LoadOptions.defaults()).load(s.tree());
    assertEquals(4, r.manifests().size());
    assertEquals(3, r.files());
    assertEquals(2, r.problems().size(), r.problems().toString());
    assertTrue(r.problems().toString().contains("symlink in Git tree; not read"));
    assertTrue(r.problems().toString().contains("submodule; not read"));
  }

  @Test
  void pathSelectsASubdirectory() throws Exception {
    Snapshot s = source.snapshot(spec(null, "/apps/"));
    assertEquals(List.of(new Entry("db.yml", Type.FILE, null),
        new Entry("web", Type.DIRECTORY, null)), s.tree().list(""));
    assertEquals(3, new ManifestLoader(LoadOptions.defaults()).load(s.tree()).manifests().size());
    SourceException e = assertThrows(SourceException.class,
        () -> source.snapshot(spec(null, "missing")));
    assertEquals("PathNotFound", e.reason().text());
    assertFalse(e.retryable());
    assertEquals("PathNotFound",
        assertThrows(SourceException.class, () -> source.snapshot(spec(null, "README.md")))
            .reason().text());
  }

  @Test
  void tagsAndCommitHashes() throws Exception {
    git.tag().setName("v1").setAnnotated(false).call();
    git.tag().setName("v1-annotated").setAnnotated(true).setMessage("release").setSigned(false)
        .setTagger(new org.eclipse.jgit.lib.PersonIdent("T", "t@example.com")).call();
    write(git, "base/ns.yaml", yaml("ConfigMap", "ns2"));
    RevCommit second = commit(git, "second");

    assertEquals("v1@sha1:" + first.name(), source.snapshot(spec("v1", null)).revision());
    assertEquals("v1-annotated@sha1:" + first.name(),
        source.snapshot(spec("v1-annotated", null)).revision());
    assertEquals("main@sha1:" + second.name(), source.snapshot(spec("main", null)).revision());
    assertEquals(first.name() + "@sha1:" + first.name(),
        source.snapshot(spec(first.name(), null)).revision());
    String abbrev = first.name().substring(0, 8);
    Snapshot old = source.snapshot(spec(abbrev, null));
    assertEquals(abbrev + "@sha1:" + first.name(), old.revision());
    assertArrayEquals(yaml("ConfigMap", "ns").getBytes(StandardCharsets.UTF_8),
        old.tree().read("base/ns.yaml"));
    assertEquals("refs/tags/v1@sha1:" + first.name(),
        source.snapshot(spec("refs/tags/v1", null)).revision());
  }

  @Test
  void refsOutsideHeadsAndTags() throws Exception {
    write(git, "base/pr.yaml", yaml("ConfigMap", "pr"));
    RevCommit pr = commit(git, "pull request");
    org.eclipse.jgit.lib.RefUpdate u = git.getRepository().updateRef("refs/pull/1/head");
    u.setNewObjectId(pr);
    u.forceUpdate();
    git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(first.name())
        .call();
    assertEquals("main@sha1:" + first.name(), source.snapshot(spec(null, null)).revision());
    // Not under refs/heads or refs/tags, so not in the mirror yet: fetched by id.
    Snapshot byId = source.snapshot(spec(pr.name(), null));
    assertEquals(pr.name() + "@sha1:" + pr.name(), byId.revision());
    assertEquals(List.of("apps/db.yml", "apps/web/deploy.yaml", "base/ns.yaml", "base/pr.yaml"),
        RepoWalker.list(byId.tree()).files());
    assertEquals("refs/pull/1/head@sha1:" + pr.name(),
        source.snapshot(spec("refs/pull/1/head", null)).revision());
  }

  @Test
  void unknownRefIsNotFound() {
    for (String ref : List.of("nope", "deadbeef", "0123456789012345678901234567890123456789")) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.snapshot(spec(ref, null)), ref);
      assertEquals("RefNotFound", e.reason().text(), e.getMessage());
      assertTrue(e.retryable(), "mends with no new commit: serve retries it");
    }
  }

  @Test
  void secondSyncWithoutChangeDoesNotFetch() throws Exception {
    GitMirror mirror = source.mirror();
    SyncResult a = mirror.sync(spec(null, null));
    assertTrue(a.fetched());
    SyncResult b = mirror.sync(spec(null, null));
    assertFalse(b.fetched());
    assertEquals(a.commit(), b.commit());
    assertEquals(first.name(), mirror.lsRemote(spec(null, null)));

    write(git, "base/extra.yaml", yaml("ConfigMap", "extra"));
    RevCommit second = commit(git, "second");
    assertEquals(second.name(), mirror.lsRemote(spec(null, null)));
    SyncResult c = mirror.sync(spec(null, null));
    assertTrue(c.fetched());
    assertEquals(second.name(), c.commit());
    assertFalse(mirror.sync(spec(null, null)).fetched());
  }

  @Test
  void mirrorIsBareAndNamedByUrlHash() throws Exception {
    source.snapshot(spec(null, null));
    Path dir = source.mirror().directory(spec(null, null));
    assertEquals(cache.toAbsolutePath(), dir.getParent());
    assertTrue(dir.getFileName().toString().matches("[0-9a-f]{64}-origin"), dir.toString());
    assertTrue(Files.isRegularFile(dir.resolve("HEAD")));
    assertFalse(Files.exists(dir.resolve("apps")));
    assertFalse(Files.exists(dir.resolve(".git")));
    Repository repo = source.mirror().repository(spec(null, null));
    assertTrue(repo.isBare());
    assertEquals("refs/heads/main", repo.exactRef("HEAD").getTarget().getName());
  }

  @Test
  void deletedBranch() throws Exception {
    git.branchCreate().setName("feature").call();
    assertEquals("feature@sha1:" + first.name(),
        source.snapshot(spec("feature", null)).revision());
    git.branchDelete().setBranchNames("feature").setForce(true).call();
    SourceException e = assertThrows(SourceException.class,
        () -> source.snapshot(spec("feature", null)));
    assertEquals("RefNotFound", e.reason().text());
    Repository mirror = source.mirror().repository(spec(null, null));
    assertNull(mirror.exactRef("refs/heads/feature"));
    assertEquals("main@sha1:" + first.name(), source.snapshot(spec(null, null)).revision());
  }

  @Test
  void atReadsAnotherRevisionFromTheMirror() throws Exception {
    git.tag().setName("base").call();
    write(git, "base/ns.yaml", yaml("ConfigMap", "changed"));
    RevCommit second = commit(git, "second");
    Snapshot now = source.snapshot(spec(null, null));
    assertEquals("main@sha1:" + second.name(), now.revision());
    // The origin goes away: the base must come from the mirror alone.
    Repos.deleteRecursively(tmp.resolve("origin"));
    Snapshot base = source.at(spec(null, null), "base");
    assertEquals("base@sha1:" + first.name(), base.revision());
    assertArrayEquals(yaml("ConfigMap", "ns").getBytes(StandardCharsets.UTF_8),
        base.tree().read("base/ns.yaml"));
    assertEquals("main@sha1:" + second.name(), source.at(spec("base", null), null).revision());
    SourceException e = assertThrows(SourceException.class,
        () -> source.at(spec(null, null), "nope"));
    assertEquals("RepoNotFound", e.reason().text(), e.getMessage());
  }

  @Test
  void defaultBranchIsWhatHeadNames() throws Exception {
    try (Git other = TestRepos.init(tmp.resolve("trunky"), "trunk")) {
      write(other, "a.yaml", yaml("ConfigMap", "a"));
      RevCommit c = commit(other, "one");
      SourceSpec s = new SourceSpec(fileUrl(tmp.resolve("trunky")), null, null, cache);
      assertEquals("trunk@sha1:" + c.name(), source.snapshot(s).revision());
    }
  }

  @Test
  void emptyRepositoryHasNoHead() throws Exception {
    try (Git empty = TestRepos.init(tmp.resolve("empty"), "main")) {
      SourceSpec s = new SourceSpec(fileUrl(tmp.resolve("empty")), null, null, cache);
      assertEquals("RefNotFound",
          assertThrows(SourceException.class, () -> source.snapshot(s)).reason().text());
    }
  }

  @Test
  void missingRepositoryIsNotFound() {
    SourceSpec s = new SourceSpec(fileUrl(tmp.resolve("nowhere")), null, null, cache);
    SourceException e = assertThrows(SourceException.class, () -> source.snapshot(s));
    assertEquals("RepoNotFound", e.reason().text(), e.getMessage());
    assertTrue(e.retryable(), "mends with no new commit: serve retries it");
  }
}
