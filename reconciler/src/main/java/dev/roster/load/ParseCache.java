package dev.roster.load;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link ManifestLoader} parsed from each file, by path and content id, so a later load of a
 * tree re-parses only files whose contents changed. A hit returns the very same {@link Manifest}
 * instances, which later stages may use as cache keys in turn. Entries of files gone from the
 * tree are dropped at the end of each load. One cache belongs to one loader (one set of {@link
 * LoadOptions}). {@link #none()} keeps nothing: every file is parsed, and nothing is made
 * read-only. Thread-safe.
 */
public final class ParseCache {
  private record Entry(String contentId, YamlParser.Parsed parsed) {}

  private final boolean keeps;
  private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** An empty cache that keeps what it is given. */
  public ParseCache() {
    this(true);
  }

  private ParseCache(boolean keeps) {
    this.keeps = keeps;
  }

  /** A cache that keeps nothing (one-shot loads). */
  public static ParseCache none() {
    return new ParseCache(false);
  }

  /** Whether this cache keeps anything (and so whether content ids are worth reading). */
  boolean keeps() {
    return keeps;
  }

  /** What was parsed from {@code path} with contents {@code contentId}, or null. */
  YamlParser.Parsed get(String path, String contentId) {
    if (!keeps) {
      return null;
    }
    Entry e = byPath.get(path);
    if (e != null && e.contentId().equals(contentId)) {
      hits.incrementAndGet();
      return e.parsed();
    }
    misses.incrementAndGet();
    return null;
  }

  void put(String path, String contentId, YamlParser.Parsed parsed) {
    if (!keeps) {
      return;
    }
    byPath.put(path, new Entry(contentId, parsed));
  }

  /** Drops every file not in {@code paths}. */
  void retain(Collection<String> paths) {
    Set<String> keep = paths instanceof Set<String> s ? s : new HashSet<>(paths);
    byPath.keySet().removeIf(p -> !keep.contains(p));
  }

  /** Files cached. */
  public int size() {
    return byPath.size();
  }

  /** Lookups answered from the cache so far. */
  public long hits() {
    return hits.get();
  }

  /** Lookups that had to parse so far. */
  public long misses() {
    return misses.get();
  }
}
