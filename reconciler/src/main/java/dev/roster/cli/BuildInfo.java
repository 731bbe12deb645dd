package dev.roster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * What this build of Roster is: its version, the Git commit it was built from ({@code -dirty}
 * when tracked files differed from it; {@code unknown} outside a Git checkout), and when it was
 * built (UTC). Filled in by Maven's resource filtering; a value the build did not fill in (classes
 * run without the Maven build) reads as {@code unknown}.
 */
record BuildInfo(String version, String commit, String built) {
  static final String UNKNOWN = "unknown";

  /** The build info bundled with these classes. */
  static BuildInfo current() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return from(p);
  }

  /** The build info in {@code p} (keys version, commit, built). */
  static BuildInfo from(Properties p) {
    return new BuildInfo(value(p, "version"), value(p, "commit"), value(p, "built"));
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").strip();
    return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
  }

  /** The lines {@code roster version} and {@code roster --version} print. */
  List<String> lines() {
    return List.of("roster " + version,
        "commit: " + commit,
        "built: " + built,
        "java: " + System.getProperty("java.vendor") + " " + Runtime.version());
  }
}
