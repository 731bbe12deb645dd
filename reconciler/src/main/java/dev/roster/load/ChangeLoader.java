package dev.roster.load;

import dev.roster.source.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the trees of one repo one after another and tells what changed since the last load: a
 * directory whose content id (and the ignore files above it) is unchanged is not listed, and a
 * file whose content id is unchanged is not read. The files it reports, together with those it
 * reported before and did not report gone since, are exactly what {@link ManifestLoader#load}
 * reads from the tree, parsed the same way (read-only, as with a {@link ParseCache}); a file that
 * could not be read is read again at the next load. A load that throws changes nothing. Not
 * thread-safe: one load at a time.
 */
public final class ChangeLoader {
  /**
   * One file whose contents changed (or that appeared, or went).
   *
   * @param path relative to the root
   * @param parsed what it holds now; null when it is gone
   */
  public record Change(String path, YamlParser.Parsed parsed) {}

  /**
   * What changed since the last load.
   *
   * @param changes changed files, sorted by path (the first load: every file)
   * @param listing the problems of the walk now (refused and special entries), in walk order
   * @param files manifest files in the tree now
   */
  public record Delta(List<Change> changes, List<Problem> listing, int files) {}

  private final ManifestLoader loader;
  // by path what it parsed to: the Manifest alone when that is all (most files), else the Parsed
  private final Map<String, Object> parsed = new HashMap<>();
  private final Set<String> unreadable = new HashSet<>();
  private RepoWalker.Node last;

  public ChangeLoader(LoadOptions options) {
    this.loader = new ManifestLoader(options);
  }

  /** Loads {@code tree}; throws {@link LoadException} if it cannot be read. */
  public Delta load(SourceTree tree) {
    RepoWalker.Node now = RepoWalker.walk(tree, last);
    Map<String, YamlParser.Parsed> changed = new HashMap<>();
    Set<String> failed = new HashSet<>();
    diff("", last, now, tree, changed, failed);
    for (String path : unreadable) {
      if (!changed.containsKey(path)) { // still there: diff reports files gone
        changed.put(path, parse(tree, path, failed));
      }
    }
    last = now;
    unreadable.clear();
    unreadable.addAll(failed);
    List<Change> changes = new ArrayList<>(changed.size());
    changed.forEach((path, p) -> {
      changes.add(new Change(path, p));
      if (p == null) {
        parsed.remove(path);
      } else {
        parsed.put(path, p.problems().isEmpty() && p.manifests().size() == 1
            ? p.manifests().get(0) : p);
      }
    });
    changes.sort(Comparator.comparing(Change::path));
    return new Delta(List.copyOf(changes), problems(now), now.count());
  }

  /** Every file of the last load as a change, as if it were the first (none before any load). */
  public Delta all() {
    List<Change> changes = new ArrayList<>(parsed.size());
    parsed.forEach((path, p) -> changes.add(new Change(path, p instanceof Manifest m
        ? new YamlParser.Parsed(List.of(m), List.of()) : (YamlParser.Parsed) p)));
    changes.sort(Comparator.comparing(Change::path));
    return last == null ? new Delta(List.of(), List.of(), 0)
        : new Delta(List.copyOf(changes), problems(last), last.count());
  }

  private static List<Problem> problems(RepoWalker.Node root) {
    List<Problem> out = new ArrayList<>(root.troubles());
    RepoWalker.flatten("", root, null, out);
    return List.copyOf(out);
  }

  /** Adds to {@code out} the files that differ between the two walks (null: none). */
  private void diff(String dir, RepoWalker.Node before, RepoWalker.Node after, SourceTree tree,
      Map<String, YamlParser.Parsed> out, Set<String> failed) {
    if (before == after) {
      return;
    }
    if (after != null) {
      after.files().forEach((name, id) -> {
        String old = before == null ? null : before.files().get(name);
        if (id == null || !id.equals(old)) {
          String path = RepoWalker.join(dir, name);
          out.put(path, parse(tree, path, failed));
        }
      });
      after.dirs().forEach((name, sub) -> diff(RepoWalker.join(dir, name),
          before == null ? null : before.dirs().get(name), sub, tree, out, failed));
    }
    if (before != null) {
      before.files().names().forEach(name -> {
        if (after == null || !after.files().contains(name)) {
          out.put(RepoWalker.join(dir, name), null);
        }
      });
      before.dirs().forEach((name, sub) -> {
        if (after == null || !after.dirs().containsKey(name)) {
          diff(RepoWalker.join(dir, name), sub, null, tree, out, failed);
        }
      });
    }
  }

  /** The file parsed and read-only, as it is kept; unreadable ones are noted in {@code failed}. */
  private YamlParser.Parsed parse(SourceTree tree, String path, Set<String> failed) {
    try {
      return loader.file(path, tree, true);
    } catch (IOException e) {
      failed.add(path);
      return ManifestLoader.unreadable(path, e);
    }
  }
}
