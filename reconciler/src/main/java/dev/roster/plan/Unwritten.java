package dev.roster.plan;

import java.util.Locale;

/**
 * A field where Git and live differ and Roster will not write Git's value now. Every renderer of
 * a plan shows each one per object with its pointer and reason ("never silent").
 *
 * @param pointer JSON pointer of the field ({@code ""}: the whole object, for a held prune)
 * @param reason why it is not written
 * @param detail one line for people (e.g. what writing it does on the platform); may be empty
 */
public record Unwritten(String pointer, Reason reason, String detail) {

  public Unwritten {
    detail = detail == null ? "" : detail;
  }

  /** Why a difference is not written. Renderers show {@link #word()}. */
  public enum Reason {
    /** A runtime-owned field the platform wrote since Roster last applied Git's value. */
    PLATFORM_WRITTEN,
    /** Listed in {@code roster.dev/ignore-fields} or a source's {@code ignoreFields}. */
    IGNORED,
    /** Read by the platform only at creation ({@code rollout.immutable}): not written in place. */
    IMMUTABLE,
    /** Held by the rollout gate (a restart-class change while work is in flight). */
    HELD,
    /** A prune held while the object has work in flight. */
    HELD_PRUNE;

    /** Lower-case words with dashes, e.g. {@code platform-written}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** {@code /spec/x (platform-written: detail)}; pointer {@code ""} is "the whole object". */
  public String describe() {
    return (pointer.isEmpty() ? "the whole object" : pointer) + " (" + reason.word() + (detail.isEmpty() ? "" : ": " + detail) + ")";
  }
}
