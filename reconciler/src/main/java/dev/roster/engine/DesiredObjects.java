package dev.roster.engine;

import dev.roster.load.ChangeLoader;
import dev.roster.load.Manifest;
import dev.roster.plan.DesiredObject;
import dev.roster.validate.RepoConfig;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.ValidationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The desired objects of one repo's trees, kept by file from one delta ({@link
 * ChangeLoader.Delta}) to the next: a file that did not change keeps its object instances, and
 * objects are made only for the files that changed since the last valid tree. Gives what {@link
 * DesiredState#from} gives for the whole tree. After a call that throws (other than for an
 * invalid tree), {@link #reset} before the next. Not thread-safe.
 */
final class DesiredObjects {
  private final SchemaCatalog catalog;
  private final String defaultNamespace;
  private final TreeMap<String, List<Manifest>> manifests = new TreeMap<>();
  /** {@code group/Kind} → file → the apiVersion of the file's last manifest of that kind. */
  private final Map<String, TreeMap<String, String>> versions = new HashMap<>();
  /** Files changed since the last state made, and whether any came, went or changed count. */
  private final Set<String> touched = new HashSet<>();
  private boolean moved = true;
  /**
   * The objects of the last state made; the files in order, and where each one's start. A file
   * not touched since keeps its objects from here (no map by file: it would cost an entry each).
   */
  private DesiredObject[] flat;
  private String[] order;
  private int[] start;

  DesiredObjects(SchemaCatalog catalog, String defaultNamespace) {
    this.catalog = catalog;
    this.defaultNamespace = defaultNamespace;
  }

  /** Forgets every tree: the next delta must hold every file. */
  void reset() {
    manifests.clear();
    flat = null;
    order = null;
    start = null;
    versions.clear();
    touched.clear();
    moved = true;
  }

  /** Takes the changes of {@code delta}. */
  void update(ChangeLoader.Delta delta) {
    for (ChangeLoader.Change c : delta.changes()) {
      List<Manifest> before = c.parsed() == null ? manifests.remove(c.path())
          : manifests.put(c.path(), applied(c.parsed().manifests()));
      List<Manifest> after = manifests.get(c.path());
      moved |= before == null || after == null || before.size() != after.size();
      touched.add(c.path());
      if (before != null) {
        for (Manifest m : before) {
          TreeMap<String, String> byFile = versions.get(kind(m));
          if (byFile != null && byFile.remove(c.path()) != null && byFile.isEmpty()) {
            versions.remove(kind(m));
          }
        }
      }
      for (Manifest m : manifests.getOrDefault(c.path(), List.of())) {
        versions.computeIfAbsent(kind(m), k -> new TreeMap<>()).put(c.path(), m.apiVersion());
      }
    }
  }

  /**
   * The desired state of the tree the deltas led to, validated as {@code report} says; throws
   * {@link InvalidDesiredStateException} if it has errors.
   */
  DesiredState state(ValidationReport report) {
    if (!report.valid()) {
      throw new InvalidDesiredStateException(report);
    }
    if (moved) {
      DesiredObject[] was = flat;
      String[] wasOrder = order;
      int[] wasStart = start;
      flat = new DesiredObject[manifests.values().stream().mapToInt(List::size).sum()];
      order = new String[manifests.size()];
      start = new int[manifests.size()];
      int file = 0;
      int at = 0;
      for (String path : manifests.keySet()) {
        order[file] = path;
        start[file++] = at;
        int before = wasOrder == null || touched.contains(path) ? -1
            : Arrays.binarySearch(wasOrder, path);
        if (before >= 0) { // untouched: the same manifests, so the same objects
          int from = wasStart[before];
          int to = before + 1 < wasStart.length ? wasStart[before + 1] : was.length;
          System.arraycopy(was, from, flat, at, to - from);
          at += to - from;
        } else {
          for (DesiredObject d : objects(path)) {
            flat[at++] = d;
          }
        }
      }
    } else { // the same files with as many objects each: only the changed ones' differ
      flat = flat.clone();
      for (String path : touched) {
        int at = start[Arrays.binarySearch(order, path)];
        for (DesiredObject d : objects(path)) {
          flat[at++] = d;
        }
      }
    }
    touched.clear();
    moved = false;
    List<DesiredObject> out = Collections.unmodifiableList(Arrays.asList(flat));
    Map<String, String> apiVersions = new HashMap<>();
    versions.forEach((kind, byFile) -> apiVersions.put(kind, byFile.lastEntry().getValue()));
    return new DesiredState(out, report, Map.copyOf(apiVersions));
  }

  /** New objects of the file at {@code path}. */
  private DesiredObject[] objects(String path) {
    List<Manifest> ms = manifests.get(path);
    DesiredObject[] made = new DesiredObject[ms.size()];
    for (int i = 0; i < made.length; i++) {
      made[i] = DesiredState.object(ms.get(i), catalog, defaultNamespace);
    }
    return made;
  }

  /** The manifests that make objects: all but the repo config ({@code all} itself if none is). */
  private static List<Manifest> applied(List<Manifest> all) {
    if (all.stream().noneMatch(RepoConfig::is)) {
      return all;
    }
    List<Manifest> out = new ArrayList<>(all.size());
    for (Manifest m : all) {
      if (!RepoConfig.is(m)) {
        out.add(m);
      }
    }
    return out;
  }

  private static String kind(Manifest m) {
    return m.group() + "/" + m.kind();
  }
}
