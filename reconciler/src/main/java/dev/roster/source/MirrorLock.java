package dev.roster.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises work on one mirror directory: a lock per directory shared by every thread of this
 * process, then an exclusive lock on the file {@code <dir>.lock} against other processes. Not
 * reentrant across the file lock: a body must not take the same mirror's lock again.
 */
final class MirrorLock {
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  /** Work done while holding the lock. */
  interface Body<T> {
    T run() throws IOException;
  }

  private MirrorLock() {}

  /** Runs {@code body} holding the lock of {@code dir} (absolute, normalised). */
  static <T> T with(Path dir, Body<T> body) throws IOException {
    ReentrantLock lock = LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    lock.lock();
    try {
      Files.createDirectories(dir.getParent());
      Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock held = ch.lock()) {
        return body.run();
      }
    } finally {
      lock.unlock();
    }
  }
}
