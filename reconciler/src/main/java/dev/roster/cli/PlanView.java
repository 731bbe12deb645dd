package dev.roster.cli;

import dev.roster.plan.RolloutPolicy;

/**
 * How a plan is shown beyond the plan itself.
 *
 * @param base the revision the plan compares against with no cluster ({@code plan --base}), or
 *     null when it was planned against live
 * @param maxBytes the most UTF-8 bytes a Markdown comment may take ({@code --max-bytes})
 * @param fullPlan where the full plan is, named when a comment is cut to fit (e.g. a CI run URL);
 *     null for the command that prints it
 * @param defaultMode the rollout policy of objects without a {@code roster.dev/rollout}
 *     annotation, to say what a restart would wait for when no cluster was asked
 */
record PlanView(String base, long maxBytes, String fullPlan, RolloutPolicy.Mode defaultMode) {
  /** GitHub refuses comment bodies over 65,536 characters; this leaves room for a wrapper. */
  static final long DEFAULT_MAX_BYTES = 60_000;

  PlanView {
    defaultMode = defaultMode == null ? RolloutPolicy.Mode.ROLLOUT : defaultMode;
  }

  /** A plan against live, default budget. */
  static PlanView live() {
    return new PlanView(null, DEFAULT_MAX_BYTES, null, RolloutPolicy.Mode.ROLLOUT);
  }

  /** Whether no cluster was involved. */
  boolean offline() {
    return base != null;
  }
}
