package dev.roster.kube;

import dev.roster.load.ResourceKey;
import dev.roster.plan.LiveObject;
import java.util.Map;
import java.util.Set;

/**
 * Where a pass reads live state from: {@link LiveReader} lists the cluster every time (the CLI);
 * {@link LiveCache} answers from informers (serve mode). Both return the same objects for the same
 * cluster, however they are labelled.
 */
public interface LiveState {

  /**
   * Live objects among {@code keys}; an object absent live is absent from the map.
   *
   * @param apiVersions apiVersion to read each group and kind with ({@code group/Kind} →
   *     apiVersion)
   */
  Map<ResourceKey, LiveObject> read(Set<ResourceKey> keys, Map<String, String> apiVersions);
}
