package dev.roster.source;

import static dev.roster.source.TestRepos.commit;
import static dev.roster.source.TestRepos.write;
import static dev.roster.source.TestRepos.yaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local directories (plain and Git working copies) and concurrent use of one mirror. */
class GitSourceLocalTest {
  @TempDir Path tmp;

  @Test
  void plainDirectoryIsReadFromDisk() throws Exception {
    Path dir = tmp.resolve("conf");
    Files.createDirectories(dir.resolve("apps"));
    Files.writeString(dir.resolve("apps/a.yaml"), yaml("ConfigMap", "a"));
    try (GitSource source = new GitSource(GitCredentials.none())) {
      Snapshot s = source.snapshot(SourceSpec.of(dir.toString()));
      assertTrue(s.revision().matches("dir:" + java.util.regex.Pattern.quote(dir.toString())
          + "@sha256:[0-9a-f]{12}"), s.revision());
      assertEquals(dir.toString(), s.repo());
      assertInstanceOf(DirectoryTree.class, s.tree());
      Snapshot sub = source.snapshot(new SourceSpec(dir.toString(), null, "apps", null));
      assertTrue(sub.revision().startsWith("dir:" + dir + "@sha256:"), sub.revision());
      assertNotEquals(s.revision(), sub.revision(), "the digest covers what is read: apps/ only");
      assertEquals(List.of("a.yaml"), sub.tree().list("").stream().map(e -> e.name()).toList());
      assertEquals("PathNotFound", assertThrows(SourceException.class,
          () -> source.snapshot(new SourceSpec(dir.toString(), null, "nope", null))).reason().text());
      assertEquals("RefNotFound", assertThrows(SourceException.class,
          () -> source.snapshot(new SourceSpec(dir.toString(), "main", null, null))).reason().text());
    }
  }

  @Test
  void workingCopyWithRefIsReadFromItsObjectStore() throws Exception {
    Path dir = tmp.resolve("wc");
    try (Git git = TestRepos.init(dir, "main");
        GitSource source = new GitSource(GitCredentials.none())) {
      write(git, "apps/a.yaml", yaml("ConfigMap", "committed"));
      RevCommit c = commit(git, "one");
      git.tag().setName("v1").call();
      write(git, "apps/a.yaml", yaml("ConfigMap", "edited"));

      Snapshot onDisk = source.snapshot(SourceSpec.of(dir.toString()));
      assertTrue(onDisk.revision().startsWith("dir:" + dir + "@sha256:"), onDisk.revision());
      assertArrayEquals(bytes(yaml("ConfigMap", "edited")), onDisk.tree().read("apps/a.yaml"));

      Snapshot atMain = source.snapshot(new SourceSpec(dir.toString(), "main", "apps", null));
      assertEquals("main@sha1:" + c.name(), atMain.revision());
      assertEquals(dir.toString(), atMain.repo());
      assertArrayEquals(bytes(yaml("ConfigMap", "committed")), atMain.tree().read("a.yaml"));
      assertEquals("v1@sha1:" + c.name(),
          source.at(SourceSpec.of(dir.toString()), "v1").revision());
      assertEquals("RefNotFound", assertThrows(SourceException.class,
          () -> source.at(SourceSpec.of(dir.toString()), "nope")).reason().text());
    }
  }

  @Test
  void concurrentSyncsOfOneMirrorFetchOnce() throws Exception {
    Path origin = tmp.resolve("origin");
    RevCommit c;
    try (Git git = TestRepos.init(origin, "main")) {
      write(git, "a.yaml", yaml("ConfigMap", "a"));
      c = commit(git, "one");
    }
    SourceSpec spec = new SourceSpec(TestRepos.fileUrl(origin), null, null, tmp.resolve("cache"));
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (GitSource source = new GitSource(GitCredentials.none())) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<SyncResult>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<SyncResult> task = () -> {
          go.await();
          return source.mirror().sync(spec);
        };
        results.add(pool.submit(task));
      }
      go.countDown();
      int fetched = 0;
      for (Future<SyncResult> f : results) {
        SyncResult r = f.get();
        assertEquals(c.name(), r.commit());
        fetched += r.fetched() ? 1 : 0;
      }
      assertEquals(1, fetched);
      assertTrue(Files.isDirectory(source.mirror().directory(spec)));
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
