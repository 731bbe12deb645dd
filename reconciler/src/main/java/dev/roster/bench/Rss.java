package dev.roster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size from {@code /proc/<pid>/status} (Linux only). */
final class Rss {
  private Rss() {}

  /** VmRSS of this process in bytes, or -1 when unknown. */
  static long self() {
    return read(Path.of("/proc/self/status"));
  }

  /** VmRSS of process {@code pid} in bytes, or -1 when unknown. */
  static long of(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "status"));
  }

  private static long read(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
