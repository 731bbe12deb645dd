package dev.roster.load;

/** How bad a {@link Problem} is: errors fail the run (exit 3), warnings are only reported. */
public enum Severity {
  ERROR,
  WARNING
}
