package dev.roster.plan;

import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import java.util.Map;
import java.util.Objects;

/**
 * Objects a previous plan found unchanged, with everything that verdict rested on: the desired
 * tree (the same instance, which the engine's identity chain hands out while its file is
 * unchanged), where Git defines it, the source, and the live object's resourceVersion. While all
 * of these are the same, planning the object again must find it unchanged again, so {@link
 * Planner} skips its field set and diff. Each plan keeps only the verdicts it reached. {@link #none()} keeps nothing: every
 * object is planned in full. Not thread-safe: one plan at a time.
 */
public final class PlanMemo {
  /** What an UNCHANGED verdict rested on, and the applied-fields annotation it computed. */
  record Verdict(Map<String, Object> desired, Origin origin, String source,
      String resourceVersion, String fields) {

    boolean holds(DesiredObject d, LiveObject l, Planner.Options o) {
      return desired == d.object() && Objects.equals(origin, d.origin())
          && source.equals(o.source()) && resourceVersion != null
          && resourceVersion.equals(l.resourceVersion());
    }
  }

  private final boolean keeps;
  private Map<ResourceKey, Verdict> verdicts = Map.of();
  private long hits;
  private long misses;

  /** An empty memo that keeps the verdicts it is given. */
  public PlanMemo() {
    this(true);
  }

  private PlanMemo(boolean keeps) {
    this.keeps = keeps;
  }

  /** A memo that keeps nothing (one-shot plans). */
  public static PlanMemo none() {
    return new PlanMemo(false);
  }

  /** Whether this memo keeps verdicts (and so whether they are worth collecting). */
  boolean keeps() {
    return keeps;
  }

  /** The verdict for {@code d} if it still holds against {@code l}, else null. */
  Verdict get(DesiredObject d, LiveObject l, Planner.Options o) {
    if (!keeps) {
      return null;
    }
    Verdict v = l == null ? null : verdicts.get(d.key());
    if (v != null && v.holds(d, l, o)) {
      hits++;
      return v;
    }
    misses++;
    return null;
  }

  void replace(Map<ResourceKey, Verdict> next) {
    if (keeps) {
      verdicts = next;
    }
  }

  /** Forgets the verdict of {@code k} (planned again, and not found unchanged). */
  void drop(ResourceKey k) {
    if (keeps && verdicts.containsKey(k)) {
      mutable().remove(k);
    }
  }

  /** Keeps {@code more} verdicts beside those kept. */
  void add(Map<ResourceKey, Verdict> more) {
    if (keeps && !more.isEmpty()) {
      mutable().putAll(more);
    }
  }

  private Map<ResourceKey, Verdict> mutable() {
    if (!(verdicts instanceof java.util.HashMap)) {
      verdicts = new java.util.HashMap<>(verdicts);
    }
    return verdicts;
  }

  /** Objects whose verdict is kept. */
  public int size() {
    return verdicts.size();
  }

  /** Objects planned from a kept verdict so far. */
  public long hits() {
    return hits;
  }

  /** Objects planned in full so far. */
  public long misses() {
    return misses;
  }
}
