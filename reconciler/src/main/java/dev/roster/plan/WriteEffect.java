package dev.roster.plan;

/**
 * What writing one field of an update does on the platform, from the kind's profile ({@code
 * rollout.effects}); renderers show it beside the change, so a reviewer knows when a written
 * value takes effect (e.g. komputer's {@code instructions}: at the agent's next pod start).
 *
 * @param pointer the written field
 * @param says one line for people
 */
public record WriteEffect(String pointer, String says) {

  /** {@code /spec/x: says}. */
  public String describe() {
    return pointer + ": " + says;
  }
}
