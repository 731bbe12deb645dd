package dev.roster.cli;

/** Exit codes shared by every command; listed in {@code --help} and README. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int INVALID = 3;
  public static final int CHANGES = 4;
  public static final int APPLY_FAILED = 5;
  public static final int UNREACHABLE = 6;

  private ExitCode() {}
}
