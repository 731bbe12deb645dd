package dev.roster.plan;

import dev.roster.load.ResourceKey;
import dev.roster.validate.SchemaCatalog;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one order objects are applied in; prune uses its reverse.
 *
 * <ol>
 *   <li>by wave, from the kind's profile: Namespaces (0), then ConfigMaps, ServiceAccounts and
 *       platform configuration (10), templates, skills and memories (20), agents (30), kinds
 *       without a profile (35), squads, teams and offices (40), tasks, runs and schedules (50);
 *   <li>then by group and kind, namespace, and name.
 * </ol>
 */
public final class KindOrder implements Comparator<ResourceKey> {
  private final SchemaCatalog catalog;
  /** Waves by group and kind, looked up without building a key (sorting asks very often). */
  private final Map<String, Map<String, Integer>> waves = new ConcurrentHashMap<>();

  public KindOrder(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  public int wave(ResourceKey k) {
    Map<String, Integer> byKind = waves.get(k.group());
    Integer w = byKind == null ? null : byKind.get(k.kind());
    if (w == null) {
      w = "apiextensions.k8s.io".equals(k.group()) && "CustomResourceDefinition".equals(k.kind())
          ? 0 : catalog.profile(k.group(), k.kind()).wave();
      waves.computeIfAbsent(k.group(), g -> new ConcurrentHashMap<>()).put(k.kind(), w);
    }
    return w;
  }

  @Override
  public int compare(ResourceKey a, ResourceKey b) {
    int c = Integer.compare(wave(a), wave(b));
    return c != 0 ? c : withinWave(a, b);
  }

  /** The order of two keys of the same wave. */
  static int withinWave(ResourceKey a, ResourceKey b) {
    int c = a.group().compareTo(b.group());
    if (c == 0) {
      c = a.kind().compareTo(b.kind());
    }
    if (c == 0) {
      c = a.namespace().compareTo(b.namespace());
    }
    return c != 0 ? c : a.name().compareTo(b.name());
  }
}
