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
 * LoadOptions}). Thread-safe.
 */
public final class ParseCache {
  private record Entry(String contentId, YamlParser.Parsed parsed) {}

  private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** What was parsed from {@code path} with contents {@code contentId}, or null. */
  YamlParser.Parsed get(String path, String contentId) {
    Entry e = byPath.get(path);
    if (e != null && e.contentId().equals(contentId)) {
      hits.incrementAndGet();
      return e.parsed();
    }
    misses.incrementAndGet();
    return null;
  }

  void put(String path, String contentId, YamlParser.Parsed parsed) {
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
