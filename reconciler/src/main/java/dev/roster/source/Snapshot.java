package dev.roster.source;

/**
 * Desired state as of one revision.
 *
 * @param tree the files
 * @param revision {@code <ref>@sha1:<hash>} for Git, {@code dir:<path>@sha256:<12-hex>} for a local
 *     directory (a digest of its files)
 * @param repo the repo as the user named it (URL without credentials, or directory)
 */
public record Snapshot(SourceTree tree, String revision, String repo) {}
