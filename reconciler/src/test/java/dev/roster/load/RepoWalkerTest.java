package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.source.SourceException;
import dev.roster.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a repo tree yields, in which order, and what the walk reports. */
class RepoWalkerTest {
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void dirs() throws IOException {
    root = Files.createDirectories(tmp.resolve("repo"));
    outside = Files.createDirectories(tmp.resolve("outside"));
  }

  private Path write(Path base, String rel, String text) throws IOException {
    Path p = base.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private Path write(String rel) throws IOException {
    return write(root, rel, "kind: A\n");
  }

  private static List<String> files(RepoWalker.Listing l, Path root) {
    return l.files();
  }

  private static List<String> problems(RepoWalker.Listing l) {
    return l.problems().stream().map(Problem::format).toList();
  }

  @Test
  void listsYamlFilesSortedByRelativePathAcrossNestedDirs() throws IOException {
    for (String f : List.of("b.yaml", "a/z.yml", "a/b/c.yaml", "a.yaml", "aa/x.yaml", "B.yaml")) {
      write(f);
    }
    RepoWalker.Listing l = RepoWalker.list(root);
    assertEquals(List.of("B.yaml", "a.yaml", "a/b/c.yaml", "a/z.yml", "aa/x.yaml", "b.yaml"),
        files(l, root));
    assertEquals(List.of(), problems(l));
  }

  @Test
  void readsOnlyYamlYmlAndJsonFilesAsKubectlDoes() throws IOException {
    for (String f : List.of("a.yaml", "b.yml", "c.json", "d.yaml.bak", "e.txt", "f.YAML", "yaml")) {
      write(f);
    }
    Files.createDirectories(root.resolve("dir.yaml"));
    write("dir.yaml/inner.yml");
    assertEquals(List.of("a.yaml", "b.yml", "c.json", "dir.yaml/inner.yml"),
        files(RepoWalker.list(root), root));
  }

  @Test
  void skipsHiddenFilesAndDirectories() throws IOException {
    for (String f : List.of(".git/config.yaml", ".hidden.yaml", "team/.draft.yaml",
        "team/.cache/x.yaml", "team/agent.yaml")) {
      write(f);
    }
    assertEquals(List.of("team/agent.yaml"), files(RepoWalker.list(root), root));
  }

  @Test
  void honoursRosterignoreWithNegation() throws IOException {
    write(root, ".rosterignore", "# comment\ndrafts/\n*.tmp.yaml\nexamples/*.yaml\n"
        + "!examples/keep.yaml\n");
    for (String f : List.of("a.yaml", "a.tmp.yaml", "drafts/x.yaml", "team/drafts/y.yaml",
        "team/b.tmp.yaml", "examples/drop.yaml", "examples/keep.yaml", "examples/sub/deep.yaml")) {
      write(f);
    }
    assertEquals(List.of("a.yaml", "examples/keep.yaml", "examples/sub/deep.yaml"),
        files(RepoWalker.list(root), root));
  }

  @Test
  void appliesNestedRosterignoreRelativeToItsDirectory() throws IOException {
    write(root, ".rosterignore", "*.gen.yaml\n");
    write(root, "team/.rosterignore", "local.yaml\n!keep.gen.yaml\n/only-here.yaml\n");
    for (String f : List.of("local.yaml", "only-here.yaml", "x.gen.yaml", "team/local.yaml",
        "team/sub/local.yaml", "team/only-here.yaml", "team/sub/only-here.yaml",
        "team/keep.gen.yaml", "team/drop.gen.yaml", "other/keep.gen.yaml")) {
      write(f);
    }
    assertEquals(List.of("local.yaml", "only-here.yaml", "team/keep.gen.yaml",
        "team/sub/only-here.yaml"), files(RepoWalker.list(root), root));
  }

  @Test
  void readsASymlinkToAFileInsideTheRoot() throws IOException {
    write(root, ".shared/cm.yaml", "kind: ConfigMap\n");
    Files.createSymbolicLink(root.resolve("linked.yaml"), Path.of(".shared/cm.yaml"));
    RepoWalker.Listing l = RepoWalker.list(root);
    assertEquals(List.of("linked.yaml"), files(l, root));
    assertEquals(List.of(), problems(l));
    LoadResult r = new ManifestLoader(LoadOptions.defaults()).load(root);
    assertEquals("ConfigMap", r.manifests().get(0).kind());
    assertEquals("linked.yaml", r.manifests().get(0).origin().file());
  }

  @Test
  void followsADirectorySymlinkInsideTheRoot() throws IOException {
    write("shared/a.yaml");
    Files.createSymbolicLink(root.resolve("team"), Path.of("shared"));
    RepoWalker.Listing l = RepoWalker.list(root);
    assertEquals(List.of("shared/a.yaml", "team/a.yaml"), files(l, root));
    assertEquals(List.of(), problems(l));
  }

  @Test
  void refusesASymlinkLoopingBackToAParent() throws IOException {
    write("team/a.yaml");
    Files.createSymbolicLink(root.resolve("team/loop"), Path.of(".."));
    RepoWalker.Listing l = RepoWalker.list(root);
    assertEquals(List.of("team/a.yaml"), files(l, root));
    assertEquals(List.of("team/loop: symlink loops back to a parent directory"), problems(l));
  }

  @Test
  void reportsASymlinkLeavingTheRootAndDoesNotReadIt() throws IOException {
    write(outside, "secret.yaml", "kind: Secret\n");
    write(outside, "more/x.yaml", "kind: A\n");
    write("a.yaml");
    Files.createSymbolicLink(root.resolve("escape.yaml"), outside.resolve("secret.yaml"));
    Files.createSymbolicLink(root.resolve("ext"), Path.of("../outside/more"));
    RepoWalker.Listing l = RepoWalker.list(root);
    assertEquals(List.of("a.yaml"), files(l, root));
    assertEquals(List.of("escape.yaml: symlink points outside the repo root; not read",
        "ext: symlink points outside the repo root; not read"), problems(l));
    LoadResult r = new ManifestLoader(LoadOptions.defaults()).load(root);
    assertEquals(1, r.manifests().size());
    assertFalse(r.complete());
  }

  @Test
  void reportsABrokenYamlSymlink() throws IOException {
    Files.createSymbolicLink(root.resolve("gone.yaml"), Path.of("nowhere.yaml"));
    assertEquals(List.of("gone.yaml: broken symlink; not read"), problems(RepoWalker.list(root)));
  }

  @Test
  void saysNothingAboutIgnoredOrHiddenSymlinks() throws IOException {
    write(outside, "x.yaml", "kind: A\n");
    write(root, ".rosterignore", "vendored.yaml\nvendor\n");
    Files.createSymbolicLink(root.resolve("vendored.yaml"), outside.resolve("x.yaml"));
    Files.createSymbolicLink(root.resolve("vendor"), outside);
    Files.createSymbolicLink(root.resolve(".hidden.yaml"), outside.resolve("x.yaml"));
    RepoWalker.Listing l = RepoWalker.list(root);
    assertEquals(List.of(), files(l, root));
    assertEquals(List.of(), problems(l));
  }

  @Test
  void failsForAMissingRoot() {
    SourceException e = assertThrows(SourceException.class,
        () -> RepoWalker.list(root.resolve("missing")));
    assertEquals("RootNotFound", e.reason().text());
    assertTrue(e.retryable(), "mends with no new commit: serve retries it");
  }

  @Test
  void aTreeThatCannotBeListedFailsTheLoadAndMayBeRetried() {
    SourceTree broken = new SourceTree() {
      @Override
      public List<Entry> list(String dir) throws IOException {
        throw new IOException("disk gone");
      }

      @Override
      public long size(String path) {
        return 0;
      }

      @Override
      public byte[] read(String path) {
        return new byte[0];
      }
    };
    LoadException e = assertThrows(LoadException.class, () -> RepoWalker.list(broken));
    assertEquals(LoadReason.TREE_UNREADABLE, e.reason());
    assertEquals("TreeUnreadable", e.reason().text());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
  }
}
