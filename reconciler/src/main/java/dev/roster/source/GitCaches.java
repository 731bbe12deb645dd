package dev.roster.source;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * JGit's process-wide caches of pack data, sized for what Roster reads: config repos of small
 * text files, whose packs are a few MiB even at 30,000 objects, read whole once and then a few
 * blobs per change. JGit's defaults (10 MiB of pack windows, held softly, and up to 10 MiB of
 * delta bases per reader) would let a long-running serve keep up to 20 MiB of heap for a cache
 * that saves it little; these limits hold serve's heap down and only make a very large pack
 * re-read more. Installed once per JVM, before the first repository is opened.
 */
final class GitCaches {
  /** Pack windows kept at most, in bytes. */
  static final long PACK_LIMIT = 4L * WindowCacheConfig.MB;
  /** Delta bases one reader keeps at most, in bytes. */
  static final int DELTA_BASE_LIMIT = 2 * WindowCacheConfig.MB;

  private static boolean installed;

  private GitCaches() {}

  /** Installs the limits; later calls do nothing. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    WindowCacheConfig c = new WindowCacheConfig();
    c.setPackedGitLimit(PACK_LIMIT);
    c.setDeltaBaseCacheLimit(DELTA_BASE_LIMIT);
    c.setExposeStatsViaJmx(false);
    c.install();
    installed = true;
  }
}
