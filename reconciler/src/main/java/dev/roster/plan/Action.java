package dev.roster.plan;

/** What apply will do with one object. */
public enum Action {
  /** Absent live: create it. */
  CREATE,
  /** Present live and different: patch it. */
  UPDATE,
  /** In the previous inventory, gone from Git, still ours: delete it. */
  PRUNE,
  /** Present live and equal. */
  UNCHANGED,
  /** Present live but not ours (and not marked for adoption): left alone, reported. */
  REFUSED,
  /** Gone from Git but kept live (prune disabled, or no longer labelled for this source). */
  ORPHANED
}
