package dev.roster.validate;

import dev.roster.load.ChangeLoader;
import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Validates the trees of one repo one after another from what changed ({@link
 * ChangeLoader.Delta}), checking again only what a change can reach: the changed manifests on
 * their own, and of the repo-wide rules only the objects whose references name an identity that
 * appeared or went, the objects sharing an identity with a changed one (duplicates), and, when
 * the repo config changed or a cluster is asked, the objects with a reference Git does not
 * resolve. Its report is the one {@link Validator#validate} gives for the whole tree, problem
 * for problem and in the same order ({@code engine.DesiredChangesTest} compares them commit by
 * commit). After a call that throws, {@link #reset} before the next. Not thread-safe.
 */
public final class ChangeValidator {
  private final Validator validator;
  private final String defaultNamespace;
  // values of byFile, referrers and twins: one Rec, or several in an array (see Recs)
  private final Map<String, Object> byFile = new HashMap<>();
  private final Map<ResourceKey, Integer> present = new HashMap<>();
  private final Map<ResourceKey, Object> referrers = new HashMap<>();
  private final Map<ResourceKey, Object> twins = new HashMap<>();
  private final Set<Rec> outside = new HashSet<>();
  private final TreeSet<Rec> configDocs = new TreeSet<>(Rec.ORDER);
  private final TreeMap<Unit, List<Problem>> units = new TreeMap<>();
  private RepoConfig config = RepoConfig.NONE;
  private int manifests;

  /**
   * Validates as {@code validator} does for {@code defaultNamespace} (see {@link
   * Validator#validate(dev.roster.load.LoadResult, String, ClusterLookup)}).
   */
  public ChangeValidator(Validator validator, String defaultNamespace) {
    this.validator = validator;
    this.defaultNamespace = defaultNamespace;
  }

  /** Forgets every tree: the next delta must hold every file (a first load). */
  public void reset() {
    byFile.clear();
    present.clear();
    referrers.clear();
    twins.clear();
    outside.clear();
    configDocs.clear();
    units.clear();
    config = RepoConfig.NONE;
    manifests = 0;
  }

  /**
   * The report of the tree {@code delta} leads to from the last one; references nothing in Git
   * resolves are looked up in {@code cluster} (null: none).
   */
  public ValidationReport update(ChangeLoader.Delta delta, ClusterLookup cluster) {
    Set<Rec> dirty = new HashSet<>();
    boolean configChanged = false;
    for (ChangeLoader.Change c : delta.changes()) {
      units.remove(new Unit(Unit.PARSE, c.path(), 0));
      for (Rec r : Recs.<Rec>of(byFile.get(c.path()))) {
        configChanged |= remove(r, dirty);
      }
      byFile.remove(c.path());
      if (c.parsed() == null) {
        continue;
      }
      put(new Unit(Unit.PARSE, c.path(), 0), c.parsed().problems());
      Object recs = null;
      List<Manifest> ms = c.parsed().manifests();
      for (int i = 0; i < ms.size(); i++) {
        Rec r = new Rec(c.path(), i, ms.get(i));
        recs = Recs.with(recs, r, i);
        configChanged |= add(r, dirty);
      }
      if (recs != null) {
        byFile.put(c.path(), recs);
      }
    }
    if (configChanged) {
      List<Problem> problems = new ArrayList<>();
      List<Manifest> docs = configDocs.stream().map(Rec::manifest).toList();
      RepoConfig now = RepoConfig.read(docs, validator.catalog, validator.schemas, problems);
      put(new Unit(Unit.CONFIG, "", 0), problems);
      if (!now.equals(config)) {
        dirty.addAll(outside);
      }
      config = now;
    }
    if (cluster != null) {
      dirty.addAll(outside); // the cluster may have changed: ask again, as a full validation does
    }
    ReferenceChecker refs = ReferenceChecker.over(validator.catalog, present.keySet(), config,
        cluster);
    for (Rec r : dirty) {
      if (!r.gone) {
        check(r, refs);
      }
    }
    List<Problem> out = new ArrayList<>(delta.listing());
    units.values().forEach(out::addAll);
    out.sort(Validator.ORDER);
    return new ValidationReport(List.copyOf(out), delta.files(), manifests - configDocs.size());
  }

  /** Adds {@code r} to the indexes; true if it belongs to the repo config. */
  private boolean add(Rec r, Set<Rec> dirty) {
    manifests++;
    if (RepoConfig.concerns(r.manifest)) {
      configDocs.add(r);
      return true;
    }
    r.local = validator.local(r.manifest);
    if (!r.local.identity().isEmpty()) {
      put(new Unit(Unit.IDENTITY, r.file, r.ordinal), r.local.identity());
      return false;
    }
    ResourceKey key = r.local.key();
    if (present.merge(key, 1, Integer::sum) == 1) {
      dirty.addAll(Recs.of(referrers.get(key)));
    }
    List<ResourceKey> targets = new ArrayList<>();
    for (ReferenceChecker.Target t : r.local.targets()) {
      for (ResourceKey k : ReferenceChecker.keys(validator.catalog, t)) {
        targets.add(k);
        referrers.compute(k, (x, v) -> Recs.with(v, r, Recs.of(v).size()));
      }
    }
    r.targets = List.copyOf(targets);
    r.applied = validator.applied(key, defaultNamespace);
    List<Rec> same = Recs.of(twins.get(r.applied));
    int at = 0;
    while (at < same.size() && Rec.ORDER.compare(same.get(at), r) < 0) {
      at++;
    }
    Object now = Recs.with(twins.get(r.applied), r, at);
    twins.put(r.applied, now);
    dirty.addAll(Recs.of(now));
    return false;
  }

  /** Takes {@code r} out of the indexes; true if it belonged to the repo config. */
  private boolean remove(Rec r, Set<Rec> dirty) {
    manifests--;
    r.gone = true;
    if (configDocs.remove(r)) {
      return true;
    }
    units.remove(new Unit(Unit.IDENTITY, r.file, r.ordinal));
    units.remove(new Unit(Unit.OBJECT, r.file, r.ordinal));
    if (r.applied == null) {
      return false;
    }
    ResourceKey key = r.local.key();
    if (present.merge(key, -1, Integer::sum) == 0) {
      present.remove(key);
      dirty.addAll(Recs.of(referrers.get(key)));
    }
    for (ResourceKey k : r.targets) {
      referrers.computeIfPresent(k, (x, v) -> Recs.without(v, r));
    }
    Object same = twins.computeIfPresent(r.applied, (x, v) -> Recs.without(v, r));
    dirty.addAll(Recs.of(same));
    outside.remove(r);
    return false;
  }

  /** Checks again the repo-wide rules of {@code r}, an identified object. */
  private void check(Rec r, ReferenceChecker refs) {
    List<Problem> problems = new ArrayList<>(r.local.object());
    problems.addAll(refs.check(r.manifest, r.local.targets()));
    if (refs.inRepo(r.local.targets())) {
      outside.remove(r);
    } else {
      outside.add(r);
    }
    problems.addAll(r.local.graph());
    Rec first = Recs.<Rec>of(twins.get(r.applied)).get(0);
    if (first != r) {
      problems.add(Validator.duplicate(r.manifest, r.local.key(), first.manifest,
          first.local.key(), defaultNamespace));
    }
    put(new Unit(Unit.OBJECT, r.file, r.ordinal), problems);
  }

  private void put(Unit unit, List<Problem> problems) {
    if (problems.isEmpty()) {
      units.remove(unit);
    } else {
      units.put(unit, List.copyOf(problems));
    }
  }

  /**
   * Where a group of problems stands before the report is sorted, as a full validation finds
   * them: parse problems by file, identity problems by manifest, the repo config's, then each
   * object's own and repo-wide problems by manifest.
   */
  private record Unit(int phase, String file, int ordinal) implements Comparable<Unit> {
    static final int PARSE = 0;
    static final int IDENTITY = 1;
    static final int CONFIG = 2;
    static final int OBJECT = 3;
    private static final Comparator<Unit> ORDER = Comparator.comparingInt(Unit::phase)
        .thenComparing(Unit::file).thenComparingInt(Unit::ordinal);

    @Override
    public int compareTo(Unit o) {
      return ORDER.compare(this, o);
    }
  }

  /** One manifest and what the repo-wide rules keep of it; compared by instance. */
  private static final class Rec {
    static final Comparator<Rec> ORDER = Comparator.comparing((Rec r) -> r.file)
        .thenComparingInt(r -> r.ordinal);
    final String file;
    final int ordinal;
    final Manifest manifest;
    List<ResourceKey> targets = List.of(); // the keys under which referrers holds it
    ValidationCache.Local local;
    ResourceKey applied; // null unless identified
    boolean gone;

    Rec(String file, int ordinal, Manifest manifest) {
      this.file = file;
      this.ordinal = ordinal;
      this.manifest = manifest;
    }

    Manifest manifest() {
      return manifest;
    }
  }
}
