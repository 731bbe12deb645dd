package dev.roster.engine;

import dev.roster.load.ParseCache;
import dev.roster.plan.PlanMemo;
import dev.roster.validate.ValidationCache;

/**
 * What one engine remembers from pass to pass, as one value: each stage's own cache, and the
 * desired state of the last tree. {@link #none()} remembers nothing (the CLI, one pass); {@link
 * #fresh()} starts empty and fills as passes run (serve, one per source). Why reuse is correct is
 * the identity chain in the package contract. Not shared between engines.
 */
public final class PassCaches {
  private final ParseCache parses;
  private final ValidationCache validations;
  private final DesiredMemo desired;
  private final PlanMemo plans;

  private PassCaches(ParseCache parses, ValidationCache validations, DesiredMemo desired,
      PlanMemo plans) {
    this.parses = parses;
    this.validations = validations;
    this.desired = desired;
    this.plans = plans;
  }

  /** Remembers nothing: every pass loads, validates and plans everything. */
  public static PassCaches none() {
    return new PassCaches(ParseCache.none(), ValidationCache.none(), DesiredMemo.none(),
        PlanMemo.none());
  }

  /** Empty caches for many passes of one source. */
  public static PassCaches fresh() {
    return new PassCaches(new ParseCache(), new ValidationCache(), DesiredMemo.fresh(),
        new PlanMemo());
  }

  /** Parsed files by path and content id (load). */
  public ParseCache parses() {
    return parses;
  }

  /** Per-manifest checks by manifest instance (validate). */
  public ValidationCache validations() {
    return validations;
  }

  /** Unchanged verdicts by desired object instance and live resourceVersion (plan). */
  public PlanMemo plans() {
    return plans;
  }

  DesiredMemo desired() {
    return desired;
  }
}
