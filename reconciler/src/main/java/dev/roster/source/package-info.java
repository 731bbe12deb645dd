/**
 * Source stage: where desired state comes from. A local directory is read as it is on disk; a Git
 * URL is kept as a bare mirror (no working tree) and read straight from the object store.
 *
 * <p>Contract: a source yields a {@link dev.roster.source.Snapshot} — an immutable tree of files
 * plus the revision it was read at. Failures raise {@link dev.roster.source.SourceException}, whose
 * messages never contain credentials.
 */
package dev.roster.source;
