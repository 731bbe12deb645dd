package dev.roster.validate;

/** An API group (empty for core), version and kind. */
public record KindId(String group, String version, String kind) {
  /** {@code group/version/Kind}, or {@code version/Kind} for the core group. */
  public String apiVersionKind() {
    return (group.isEmpty() ? "" : group + "/") + version + "/" + kind;
  }
}
