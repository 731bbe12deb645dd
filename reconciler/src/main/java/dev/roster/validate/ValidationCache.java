package dev.roster.validate;

import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.load.ResourceKey;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What depends on each manifest alone (its problems of identity, JSON Schema, names, scope,
 * committed status and secrets, graphs inside the object; the names it refers to), keyed by the
 * manifest instance. With a {@link dev.roster.load.ParseCache} an unchanged file yields the same
 * instances, so only changed files are checked again; repo-wide rules (references, duplicates)
 * always run.
 * Each validation keeps only the manifests it saw. One cache belongs to one {@link Validator}
 * configuration. {@link #none()} keeps nothing: every manifest is checked. Thread-safe.
 */
public final class ValidationCache {
  /**
   * What one manifest alone decides: its own problems, in the order the validator reports them,
   * and what the repo-wide rules need from it.
   *
   * @param identity missing apiVersion, kind or name; when not empty the rest is empty or null
   * @param object schema, unknown kind and per-object rules
   * @param graph graph rules
   * @param targets the names it refers to, to resolve against the repo
   * @param key its identity as duplicates and references see it
   */
  record Local(List<Problem> identity, List<Problem> object, List<Problem> graph,
      List<ReferenceChecker.Target> targets, ResourceKey key) {}

  private final boolean keeps;
  private Map<Manifest, Local> entries = new IdentityHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** An empty cache that keeps what it is given. */
  public ValidationCache() {
    this(true);
  }

  private ValidationCache(boolean keeps) {
    this.keeps = keeps;
  }

  /** A cache that keeps nothing (one-shot validations). */
  public static ValidationCache none() {
    return new ValidationCache(false);
  }

  /** Whether {@code m} is kept (without counting a hit or a miss). */
  synchronized boolean knows(Manifest m) {
    return keeps && entries.containsKey(m);
  }

  /** What {@code m} alone decided, or null. */
  synchronized Local get(Manifest m) {
    if (!keeps) {
      return null;
    }
    Local l = entries.get(m);
    (l == null ? misses : hits).incrementAndGet();
    return l;
  }

  /** Replaces the entries with those of one validation. */
  synchronized void replace(Map<Manifest, Local> current) {
    if (keeps) {
      entries = current;
    }
  }

  /** Manifests cached. */
  public synchronized int size() {
    return entries.size();
  }

  /** Manifests whose own checks were skipped so far. */
  public long hits() {
    return hits.get();
  }

  /** Manifests checked so far. */
  public long misses() {
    return misses.get();
  }
}
