package dev.roster.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.LoadOptions;
import dev.roster.load.Problem;
import dev.roster.load.Severity;
import dev.roster.source.GitTree;
import dev.roster.source.Snapshot;
import dev.roster.source.TestRepos;
import dev.roster.validate.ClusterLookup;
import dev.roster.validate.SchemaCatalog;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential: serve's desired state, worked out from what changed since the last commit,
 * equals the one-shot path's (everything loaded and validated, nothing kept) after every commit
 * of a random history on a real Git repository: the same objects in the same order, the same
 * kinds' apiVersions, the same problems in the same order, or the same invalid report.
 */
class DesiredChangesTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.bundled();
  private static final int COMMITS = 50;

  @TempDir Path dir;

  private static DesiredLoader loader(PassCaches caches) {
    return new DesiredLoader(CATALOG, LoadOptions.defaults(), false, "default", caches);
  }

  /** The desired state, or the report that made it invalid. */
  private static Object outcome(DesiredLoader loader, Snapshot s, ClusterLookup cluster) {
    try {
      return loader.of(s, cluster);
    } catch (InvalidDesiredStateException e) {
      return e.report();
    }
  }

  /** Seeds 1 and 2 ask no cluster; 3 and 4 a cluster whose objects come and go. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void everyCommitAsTheFullPathSeesIt(long seed) throws Exception {
    Path work = dir.resolve("repo");
    Random clusterDice = new Random(seed * 31);
    Set<String> live = new HashSet<>();
    ClusterLookup cluster = seed <= 2 ? null : (g, k, ns, name) -> live.contains(name);
    try (Git git = TestRepos.init(work, "main")) {
      RepoEdits edits = new RepoEdits(work, seed);
      edits.seed();
      DesiredLoader changes = loader(PassCaches.fresh());
      Set<String> broken = new TreeSet<>();
      int valid = 0;
      int invalid = 0;
      String what = "seed";
      Object tree = null;
      for (int i = 0; i < COMMITS; i++) {
        RevCommit c = TestRepos.commit(git, what);
        Snapshot s = new Snapshot(new GitTree(git.getRepository(), c, null), "main@" + c.name(),
            work.toString());
        // the same tree gives the same state at once (DesiredMemo), whatever the cluster holds
        for (String name : c.getTree().equals(tree) ? List.<String>of()
            : List.of("tmpl-ext", "cm-ext", "o3", "o7")) {
          if (clusterDice.nextInt(3) == 0 && !live.remove(name)) {
            live.add(name);
          }
        }
        tree = c.getTree();
        Object full = outcome(loader(PassCaches.none()), s, cluster);
        Object kept = outcome(changes, s, cluster);
        assertEquals(full, kept, "commit " + i + " after: " + what);
        broken.clear();
        if (full instanceof DesiredState) {
          valid++;
        } else {
          invalid++;
          for (Problem p : ((dev.roster.validate.ValidationReport) full).problems()) {
            if (p.severity() == Severity.ERROR) {
              broken.add(p.file());
            }
          }
        }
        what = edits.edit(broken);
      }
      assertTrue(valid >= COMMITS / 8 && invalid >= COMMITS / 8,
          "the history exercises both: " + valid + " valid, " + invalid + " invalid");
    }
  }
}
