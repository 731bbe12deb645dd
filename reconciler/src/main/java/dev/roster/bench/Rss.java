package dev.roster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size, and its peak, from {@code /proc/<pid>/status} (Linux only). */
final class Rss {
  private Rss() {}

  /** VmRSS of this process in bytes, or -1 when unknown. */
  static long self() {
    return read(Path.of("/proc/self/status"), "VmRSS:");
  }

  /** VmHWM of this process in bytes: the highest RSS it has had so far; -1 when unknown. */
  static long peakSelf() {
    return read(Path.of("/proc/self/status"), "VmHWM:");
  }

  /** VmRSS of process {@code pid} in bytes, or -1 when unknown. */
  static long of(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  private static long read(Path status, String field) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
