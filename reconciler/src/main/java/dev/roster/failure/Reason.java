package dev.roster.failure;

import java.util.Locale;

/**
 * Why a stage failed: implemented by one enum per stage. A constant's {@link #text()} is its name
 * in PascalCase ({@code ROOT_NOT_FOUND} is {@code RootNotFound}); that text is what users see, in
 * CLI errors and in status, so renaming a constant is a visible change.
 */
public interface Reason {
  /** The enum constant's name, e.g. {@code ROOT_NOT_FOUND}. */
  String name();

  /**
   * Whether a later attempt, with the same inputs and no new commit, can succeed (network, server
   * errors, conflicts). False when only a change by a person can help (bad URL, unknown ref,
   * denied access, invalid repo).
   */
  boolean retryable();

  /** What the failure means to whoever started Roster; the CLI's exit code follows from it. */
  FailureKind kind();

  /** The stage or part that failed, as a lower-case noun for messages, e.g. {@code source}. */
  String stage();

  /** The reason as users see it, e.g. {@code RootNotFound}. */
  default String text() {
    StringBuilder b = new StringBuilder();
    for (String word : name().split("_")) {
      if (!word.isEmpty()) {
        b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return b.toString();
  }
}
