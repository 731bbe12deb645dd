package dev.roster.source;

/**
 * The outcome of bringing a mirror up to date for one ref.
 *
 * @param ref the ref as shown to users: the branch HEAD names when none was asked for, else the
 *     ref as given
 * @param commit the commit, 40 lowercase hex digits
 * @param fetched whether a fetch ran (the first one, or because refs moved); false when
 *     ls-remote showed the mirror already had every advertised head and tag
 */
public record SyncResult(String ref, String commit, boolean fetched) {

  /** {@code <ref>@sha1:<commit>}, the form of {@link Snapshot#revision()}. */
  public String revision() {
    return ref + "@sha1:" + commit;
  }
}
