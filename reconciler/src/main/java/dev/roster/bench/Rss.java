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

  /**
   * The memory cgroup's limit and the most it has used so far, in bytes (cgroup v1 {@code
   * memory.limit_in_bytes} and {@code memory.max_usage_in_bytes}, or v2 {@code memory.max} and
   * {@code memory.peak}); -1 each when unknown or unlimited. In a container, the container's.
   */
  static long[] cgroupLimitAndPeak() {
    Path v1 = Path.of("/sys/fs/cgroup/memory");
    if (Files.isDirectory(v1)) {
      return new long[] {number(v1.resolve("memory.limit_in_bytes")),
          number(v1.resolve("memory.max_usage_in_bytes"))};
    }
    Path v2 = Path.of("/sys/fs/cgroup");
    return new long[] {number(v2.resolve("memory.max")), number(v2.resolve("memory.peak"))};
  }

  private static long number(Path file) {
    try {
      long n = Long.parseLong(Files.readString(file).strip());
      return n <= 0 || n >= Long.MAX_VALUE / 2 ? -1 : n; // v1's "unlimited" is near 2^63
    } catch (IOException | NumberFormatException e) {
      return -1; // absent, or v2's "max"
    }
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
