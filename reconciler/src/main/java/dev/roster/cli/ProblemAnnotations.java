package dev.roster.cli;

import dev.roster.load.Problem;
import dev.roster.load.Severity;
import dev.roster.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code roster validate} problems where a code review shows them: GitHub Actions workflow
 * commands and SARIF 2.1.0.
 *
 * <p>Contract: file paths are made relative to the Git work tree that holds the validated
 * directory (its nearest ancestor with {@code .git}), as CI checks out the whole repository;
 * outside a Git work tree they stay relative to the directory. The message of each problem is
 * {@code Kind/name: /pointer: message} (empty parts left out), as in the text output.
 *
 * <ul>
 *   <li>GitHub: one {@code ::error file=F,line=L,col=C,title=roster validate::message} (or {@code
 *       ::warning}) per problem — {@code line}/{@code col} left out for a problem about a whole
 *       file — with GitHub's escapes ({@code %25 %0D %0A}, and {@code %3A %2C} in properties),
 *       then the text summary line.
 *   <li>SARIF: one run of tool {@code roster} with rule {@code roster-validate}, one result per
 *       problem (level {@code error} or {@code warning}, the file as {@code artifactLocation.uri}
 *       under {@code %SRCROOT%}, {@code region} with {@code startLine} and {@code startColumn}
 *       when the line is known).
 * </ul>
 */
final class ProblemAnnotations {
  static final String RULE = "roster-validate";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemAnnotations() {}

  /** Workflow commands, then the summary line. */
  static void github(ValidationReport r, Path dir, PrintWriter out) {
    String prefix = prefix(dir);
    for (Problem p : r.problems()) {
      StringBuilder b = new StringBuilder("::")
          .append(p.severity() == Severity.WARNING ? "warning" : "error")
          .append(" file=").append(property(prefix + p.file()));
      if (p.line() > 0) {
        b.append(",line=").append(p.line()).append(",col=").append(Math.max(1, p.column()));
      }
      b.append(",title=").append(property("roster validate")).append("::")
          .append(data(message(p)));
      out.println(b);
    }
    out.println(ReportPrinter.summary(r));
  }

  /** A SARIF 2.1.0 log, pretty-printed. */
  static String sarif(ValidationReport r, Path dir) {
    String prefix = prefix(dir);
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", RULE);
    rule.put("name", "RosterValidate");
    rule.put("shortDescription", Map.of("text", "Config repo problem found by roster validate"));
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "roster");
    driver.put("version", BuildInfo.current().version());
    driver.put("informationUri", "https://github.com/roster-dev/roster");
    driver.put("rules", List.of(rule));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", r.problems().stream().map(p -> result(p, prefix)).toList());
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    log.put("version", "2.1.0");
    log.put("runs", List.of(run));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(log);
  }

  private static Map<String, Object> result(Problem p, String prefix) {
    Map<String, Object> physical = new LinkedHashMap<>();
    physical.put("artifactLocation", Map.of("uri", prefix + p.file(), "uriBaseId", "%SRCROOT%"));
    if (p.line() > 0) {
      physical.put("region", Map.of("startLine", p.line(), "startColumn",
          Math.max(1, p.column())));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", RULE);
    m.put("level", p.severity() == Severity.WARNING ? "warning" : "error");
    m.put("message", Map.of("text", message(p)));
    m.put("locations", List.of(Map.of("physicalLocation", physical)));
    return m;
  }

  /** {@code Kind/name: /pointer: message}, empty parts left out. */
  static String message(Problem p) {
    StringBuilder b = new StringBuilder();
    if (!p.subject().isEmpty()) {
      b.append(p.subject()).append(": ");
    }
    if (!p.pointer().isEmpty()) {
      b.append(p.pointer()).append(": ");
    }
    return b.append(p.message()).toString();
  }

  /**
   * {@code dir} relative to the Git work tree holding it, with a trailing slash ({@code
   * example-repo/}); empty at the work tree's root or outside one.
   */
  static String prefix(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    for (Path at = abs; at != null; at = at.getParent()) {
      if (Files.exists(at.resolve(".git"))) {
        String rel = at.relativize(abs).toString().replace('\\', '/');
        return rel.isEmpty() ? "" : rel + "/";
      }
    }
    return "";
  }

  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
