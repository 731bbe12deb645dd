package dev.roster.source;

import java.io.IOException;
import java.util.List;

/**
 * A read-only tree of files: a directory on disk or a Git tree. Paths are relative to the tree's
 * root, use forward slashes, and the root itself is {@code ""}.
 */
public interface SourceTree {

  /** What an entry is. */
  enum Type {
    FILE,
    DIRECTORY,
    /** Present but not readable by policy (e.g. a symlink leaving the root); see the reason. */
    REFUSED,
    /**
     * Present but neither a regular file nor a directory (a FIFO, socket or device): never
     * opened, since reading one may block for ever; see the reason.
     */
    SPECIAL
  }

  /**
   * One entry of a directory.
   *
   * @param name file name, no slashes
   * @param type file, directory, refused or special
   * @param reason why a refused or special entry is not read; null otherwise
   */
  record Entry(String name, Type type, String reason) {}

  /** Entries of the directory at {@code dir}, sorted by name. */
  List<Entry> list(String dir) throws IOException;

  /** Size in bytes of the file at {@code path}, known without reading it. */
  long size(String path) throws IOException;

  /** Contents of the file at {@code path}. */
  byte[] read(String path) throws IOException;

  /**
   * An id of the contents at {@code path} ({@code ""} is the root) that changes whenever they do,
   * such as a Git object id; null when the tree cannot tell without reading (a directory on disk).
   * Equal ids mean equal contents, so callers may reuse what they derived from them.
   */
  default String contentId(String path) throws IOException {
    return null;
  }
}
