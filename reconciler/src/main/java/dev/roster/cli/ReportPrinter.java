package dev.roster.cli;

import dev.roster.load.Problem;
import dev.roster.validate.ValidationReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Renders a {@link ValidationReport} as text lines or as one JSON document. */
final class ReportPrinter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ReportPrinter() {}

  static void text(ValidationReport r, PrintWriter out) {
    for (Problem p : r.problems()) {
      out.println(p.format());
    }
    out.println(summary(r));
  }

  static String summary(ValidationReport r) {
    String counts = plural(r.objects(), "object") + " in " + plural(r.files(), "file");
    if (r.problems().isEmpty()) {
      return "ok: " + counts + " valid";
    }
    return (r.valid() ? "ok: " : "invalid: ") + plural(r.errors(), "error") + ", "
        + plural(r.warnings(), "warning") + " (" + counts + ")";
  }

  static String json(ValidationReport r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("valid", r.valid());
    doc.put("files", r.files());
    doc.put("objects", r.objects());
    doc.put("errors", r.errors());
    doc.put("warnings", r.warnings());
    doc.put("problems", r.problems().stream().map(ReportPrinter::problem).toList());
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }

  private static Map<String, Object> problem(Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", p.file());
    m.put("line", p.line());
    m.put("column", p.column());
    m.put("severity", p.severity().name().toLowerCase());
    m.put("object", p.subject());
    m.put("pointer", p.pointer());
    m.put("message", p.message());
    return m;
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static List<String> lines(ValidationReport r) {
    return r.problems().stream().map(Problem::format).toList();
  }
}
