package dev.roster.engine;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.Manifest;
import dev.roster.load.ManifestLoader;
import dev.roster.load.ParseCache;
import dev.roster.plan.DesiredObject;
import dev.roster.source.Snapshot;
import dev.roster.validate.ClusterLookup;
import dev.roster.validate.RepoConfig;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.ValidationCache;
import dev.roster.validate.ValidationReport;
import dev.roster.validate.Validator;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@link DesiredState#of} for one source across passes, doing only the work a change needs: the
 * same tree (by {@link dev.roster.source.SourceTree#contentId} of its root) gives the same desired
 * state at once; otherwise only files whose content id changed are parsed again, and only their
 * manifests checked again on their own; repo-wide rules run every time. Trees without content ids
 * (directories on disk) are loaded in full. Objects made from unchanged manifests are the same
 * instances as before, so later stages can key caches on them. Same results as {@link
 * DesiredState#of}, errors included. Not thread-safe: one pass at a time, as serve's worker runs
 * them.
 */
final class DesiredCache {
  private final SchemaCatalog catalog;
  private final String defaultNamespace;
  private final ParseCache parses = new ParseCache();
  private final ValidationCache validations = new ValidationCache();
  private final ManifestLoader loader;
  private final Validator validator;
  /** The object made from each manifest, so unchanged files keep their objects' identity. */
  private Map<Manifest, DesiredObject> objects = new IdentityHashMap<>();
  private String treeId;
  private DesiredState last;

  DesiredCache(SchemaCatalog catalog, LoadOptions load, boolean allowUnknownKinds,
      String defaultNamespace) {
    this.catalog = catalog;
    this.defaultNamespace = defaultNamespace;
    this.loader = new ManifestLoader(load, parses);
    this.validator = new Validator(catalog, allowUnknownKinds, validations);
  }

  /** The desired state of {@code snapshot}, references Git does not resolve looked up live. */
  DesiredState of(Snapshot snapshot, ClusterLookup cluster) {
    String id = rootId(snapshot);
    if (id != null && id.equals(treeId)) {
      return last;
    }
    LoadResult loaded = loader.load(snapshot.tree());
    ValidationReport report = validator.validate(loaded, cluster);
    Map<Manifest, DesiredObject> earlier = objects;
    DesiredState desired = DesiredState.from(loaded, report, catalog, defaultNamespace,
        earlier::get);
    Map<Manifest, DesiredObject> made = new IdentityHashMap<>();
    int i = 0;
    for (Manifest m : loaded.manifests()) {
      if (!RepoConfig.is(m)) {
        made.put(m, desired.objects().get(i++));
      }
    }
    objects = made;
    treeId = id;
    last = desired;
    return desired;
  }

  ParseCache parses() {
    return parses;
  }

  ValidationCache validations() {
    return validations;
  }

  private static String rootId(Snapshot snapshot) {
    try {
      return snapshot.tree().contentId("");
    } catch (IOException e) {
      return null;
    }
  }
}
