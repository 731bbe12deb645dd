package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.roster.source.GitTree;
import dev.roster.source.SourceTree;
import dev.roster.source.TestRepos;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a load after a one-file commit reads: the path to the file, and the file. */
class ChangeLoaderTest {
  @TempDir Path dir;

  /** A Git tree that notes which directories are listed and which files read. */
  private record Counting(SourceTree tree, List<String> listed, List<String> read)
      implements SourceTree {
    @Override
    public List<Entry> list(String d) throws IOException {
      listed.add(d);
      return tree.list(d);
    }

    @Override
    public long size(String path) throws IOException {
      return tree.size(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
      read.add(path);
      return tree.read(path);
    }

    @Override
    public String contentId(String path) throws IOException {
      return tree.contentId(path);
    }
  }

  private static Counting tree(Git git, String message) throws Exception {
    return new Counting(new GitTree(git.getRepository(), TestRepos.commit(git, message), null),
        new ArrayList<>(), new ArrayList<>());
  }

  private static String cm(String name, String v) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  v: " + v
        + "\n";
  }

  @Test
  void listsOnlyDirectoriesOnTheWayToAChangedFileAndReadsOnlyIt() throws Exception {
    try (Git git = TestRepos.init(dir.resolve("repo"), "main")) {
      for (String d : List.of("a", "b", "b/deep", "c")) {
        for (int i = 0; i < 3; i++) {
          TestRepos.write(git, d + "/f" + i + ".yaml", cm(d.replace('/', '-') + i, "x"));
        }
      }
      ChangeLoader loader = new ChangeLoader(LoadOptions.defaults());
      Counting first = tree(git, "first");
      ChangeLoader.Delta all = loader.load(first);
      assertEquals(12, all.changes().size());
      assertEquals(12, all.files());
      assertEquals(List.of("", "a", "b", "b/deep", "c"), first.listed());

      TestRepos.write(git, "b/deep/f1.yaml", cm("b-deep1", "y"));
      Counting second = tree(git, "one file");
      ChangeLoader.Delta one = loader.load(second);
      assertEquals(List.of("b/deep/f1.yaml"),
          one.changes().stream().map(ChangeLoader.Change::path).toList());
      assertEquals(List.of("", "b", "b/deep"), second.listed());
      assertEquals(List.of("b/deep/f1.yaml"), second.read());
      assertEquals(12, one.files());

      ChangeLoader.Delta none = loader.load(tree(git, "nothing"));
      assertEquals(List.of(), none.changes());
      assertEquals(12, loader.all().changes().size());
    }
  }

  /** What all() gives again is what the loads gave: the same manifests, problems and files. */
  @Test
  void allGivesAgainWhatWasLoaded() throws Exception {
    try (Git git = TestRepos.init(dir.resolve("repo"), "main")) {
      TestRepos.write(git, "one.yaml", cm("one", "x"));
      TestRepos.write(git, "two.yaml", cm("two", "x") + "---\n" + cm("three", "y"));
      TestRepos.write(git, "bad.yaml", "kind: [\n");
      TestRepos.write(git, "empty.yaml", "");
      ChangeLoader loader = new ChangeLoader(LoadOptions.defaults());
      ChangeLoader.Delta first = loader.load(tree(git, "first"));
      assertEquals(4, first.changes().size());
      assertEquals(first, loader.all());
      ChangeLoader.Change one = first.changes().stream()
          .filter(c -> c.path().equals("one.yaml")).findFirst().orElseThrow();
      assertSame(one.parsed().manifests().get(0), loader.all().changes().stream()
          .filter(c -> c.path().equals("one.yaml")).findFirst().orElseThrow()
          .parsed().manifests().get(0));
    }
  }
}
