package dev.roster.engine;

import dev.roster.load.ChangeLoader;
import dev.roster.load.LoadOptions;
import dev.roster.load.LoadResult;
import dev.roster.load.ManifestLoader;
import dev.roster.source.Snapshot;
import dev.roster.validate.ChangeValidator;
import dev.roster.validate.ClusterLookup;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.ValidationReport;
import dev.roster.validate.Validator;

/**
 * {@link DesiredState#of} for one source across passes. With {@link PassCaches#none()} it loads
 * and validates the whole tree every pass. With {@link PassCaches#fresh()} and trees that have
 * content ids it works from what changed since the last tree ({@link ChangeLoader}, {@link
 * ChangeValidator}, {@link DesiredObjects}): same results either way, errors included ({@code
 * DesiredChangesTest} compares them commit by commit). Not thread-safe: one pass at a time.
 */
final class DesiredLoader {
  private final SchemaCatalog catalog;
  private final String defaultNamespace;
  private final ManifestLoader loader;
  private final Validator validator;
  private final DesiredMemo memo;
  private final ChangeLoader changes;
  private final ChangeValidator checks;
  private final DesiredObjects objects;
  /** Whether {@link #checks} and {@link #objects} hold the tree {@link #changes} last loaded. */
  private boolean synced;

  DesiredLoader(SchemaCatalog catalog, LoadOptions load, boolean allowUnknownKinds,
      String defaultNamespace, PassCaches caches) {
    this.catalog = catalog;
    this.defaultNamespace = defaultNamespace;
    this.loader = new ManifestLoader(load, caches.parses());
    this.validator = new Validator(catalog, allowUnknownKinds, caches.validations());
    this.memo = caches.desired();
    this.changes = new ChangeLoader(load);
    this.checks = new ChangeValidator(validator, defaultNamespace);
    this.objects = new DesiredObjects(catalog, defaultNamespace);
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
    if (id == null) { // nothing kept, or a tree without content ids: all of it
      LoadResult loaded = loader.load(snapshot.tree());
      ValidationReport report = validator.validate(loaded, defaultNamespace, cluster);
      return DesiredState.from(loaded, report, catalog, defaultNamespace);
    }
    ValidationReport report;
    try {
      ChangeLoader.Delta delta = changes.load(snapshot.tree());
      if (!synced) {
        checks.reset();
        objects.reset();
        delta = changes.all();
      }
      report = checks.update(delta, cluster);
      objects.update(delta);
      synced = true;
    } catch (RuntimeException e) { // e.g. the cluster unreachable mid-way: start again next pass
      synced = false;
      throw e;
    }
    DesiredState desired = objects.state(report);
    memo.remember(id, desired);
    return desired;
  }
}
