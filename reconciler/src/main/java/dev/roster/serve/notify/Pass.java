package dev.roster.serve.notify;

import dev.roster.plan.Plan;
import java.time.Instant;

/**
 * A finished pass as notifications see it (serve adapts its report into this).
 *
 * @param source the source name
 * @param revision the revision attempted ({@code <ref>@sha1:<hex>} for Git), or empty
 * @param result how it ended
 * @param reason PascalCase status reason
 * @param message detail
 * @param plan the plan, or null when planning did not happen
 * @param at when it ended
 */
public record Pass(String source, String revision, Result result, String reason, String message,
    Plan plan, Instant at) {
  /** How a pass ended, for notifications. */
  public enum Result {
    /** Applied, or live already matched. */
    SUCCEEDED,
    /** Failed (any stage). */
    FAILED,
    /** Neither: suspended, drift only reported. */
    OTHER
  }
}
