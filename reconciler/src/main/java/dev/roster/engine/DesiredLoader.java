package dev.roster.engine;

import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.source.Snapshot;
import dev.roster.validate.ClusterLookup;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.ValidationReport;
import dev.roster.validate.Validator;

/**
 * {@link DesiredState#of} for one source across passes, doing only the work a change needs with
 * {@link PassCaches#fresh()}, and all of it with {@link PassCaches#none()}: same results either
 * way, errors included. Not thread-safe: one pass at a time.
 */
final class DesiredLoader {
  private final SchemaCatalog catalog;
  private final String defaultNamespace;
  private final ManifestLoader loader;
  private final Validator validator;
  private final DesiredMemo memo;

  DesiredLoader(SchemaCatalog catalog, LoadOptions load, boolean allowUnknownKinds,
      String defaultNamespace, PassCaches caches) {
    this.catalog = catalog;
    this.defaultNamespace = defaultNamespace;
    this.loader = new ManifestLoader(load, caches.parses());
    this.validator = new Validator(catalog, allowUnknownKinds, caches.validations());
    this.memo = caches.desired();
  }

  /**
   * The desired state of {@code snapshot}; references Git does not resolve are looked up in
   * {@code cluster} (null: none).
   */
  DesiredState of(Snapshot snapshot, ClusterLookup cluster) {
    String id = memo.idOf(snapshot);
    DesiredState same = memo.same(id);
    if (same != null) {
      return same;
    }
    LoadResult loaded = loader.load(snapshot.tree());
    ValidationReport report = validator.validate(loaded, defaultNamespace, cluster);
    DesiredState desired = DesiredState.from(loaded, report, catalog, defaultNamespace,
        memo::earlier);
    memo.remember(id, loaded, desired);
    return desired;
  }
}
