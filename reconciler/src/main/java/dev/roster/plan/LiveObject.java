package dev.roster.plan;

import dev.roster.load.Metadata;
import dev.roster.load.ResourceKey;
import java.util.Map;

/** An object as the cluster has it, as a plain tree (maps, lists, scalars). */
public record LiveObject(ResourceKey key, Map<String, Object> object) {

  @SuppressWarnings("unchecked")
  public Map<String, Object> metadata() {
    return object.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public String label(String key) {
    return Metadata.label(object, key);
  }

  public String annotation(String key) {
    return Metadata.annotation(object, key);
  }

  public String resourceVersion() {
    return metadata().get("resourceVersion") instanceof String s ? s : null;
  }
}
