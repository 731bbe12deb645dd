package dev.roster.plan;

import dev.roster.load.Origin;
import dev.roster.load.ResourceKey;
import java.util.Map;

/**
 * An object as Git wants it, namespace already defaulted, without status.
 *
 * @param key identity; namespace empty only for cluster-scoped kinds
 * @param apiVersion e.g. {@code kubeopencode.io/v1alpha1}
 * @param object the tree to apply
 * @param origin where it was defined
 */
public record DesiredObject(
    ResourceKey key, String apiVersion, Map<String, Object> object, Origin origin) {}
