/**
 * Load stage: turns a directory tree of YAML (and JSON, read as YAML) files into {@link
 * dev.roster.load.Manifest} values; a {@code v1 List} yields one manifest per item.
 *
 * <p>Contract: loading never throws for bad content. Every unreadable, oversized, unsafe or
 * malformed file becomes a located {@link dev.roster.load.Problem} (a FIFO, socket or device: a
 * warning, never opened), and the rest of the tree is still loaded, so one run reports every
 * problem. Only a tree that cannot be read fails, with {@link dev.roster.load.LoadException}
 * ({@link dev.roster.load.LoadReason}); a missing local root is the source's failure. Scalars are
 * typed as kubectl types them (YAML 1.1 rules of go-yaml v2, see {@link
 * dev.roster.load.ScalarTyper}); the tree built here is the one that later stages validate and
 * apply, read-only and compact ({@link dev.roster.load.CompactTrees}) as parsed, since validate
 * holds every document of a repo at once.
 *
 * <p>Serve mode loads the same repo again and again: with a {@link dev.roster.load.ParseCache} a
 * file whose content id is unchanged is not read or parsed again, and the manifests it yields are
 * the very same instances as before, kept as read-only {@link dev.roster.load.CompactTrees}.
 * {@link dev.roster.load.ChangeLoader} goes further: it reports only the files that changed
 * since the last tree, listing no directory whose content id is unchanged.
 */
package dev.roster.load;
