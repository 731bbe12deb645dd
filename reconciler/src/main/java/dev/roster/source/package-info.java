/**
 * Source stage: where desired state comes from. A local directory is read as it is on disk; a Git
 * URL is kept as a bare mirror (no working tree) and read straight from the object store.
 *
 * <p>Contract: a source yields a {@link dev.roster.source.Snapshot} — an immutable tree of files
 * plus the revision it was read at. Failures raise {@link dev.roster.source.SourceException}, whose
 * messages never contain credentials.
 *
 * <p>Entry point: {@link dev.roster.source.GitSource#snapshot} for a {@link
 * dev.roster.source.SourceSpec} (repo, ref, path, cache directory), and {@link
 * dev.roster.source.GitSource#at} for a second revision of the same repo. Underneath, {@link
 * dev.roster.source.GitMirror} keeps the mirrors (ls-remote to detect change, fetch only when refs
 * moved), {@link dev.roster.source.GitTree} reads one commit, and {@link
 * dev.roster.source.GitCredentials} supplies HTTPS tokens and SSH keys (known_hosts always checked).
 * A Git tree gives each file and directory a content id (its object id), so later stages can tell
 * unchanged files without reading them.
 *
 * <p>Failure reasons are the constants of {@link dev.roster.source.SourceReason}, each stating
 * whether a retry can help.
 */
package dev.roster.source;
