package dev.roster.cli;

import dev.roster.plan.RolloutPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What a source leaves to the platform, for plan, apply and serve: the default rollout policy
 * and the fields whose live-only changes are left alone.
 */
final class RolloutOptions {
  @Option(names = "--rollout-policy", paramLabel = "POLICY", defaultValue = "Rollout",
      converter = ModeConverter.class,
      description = "Rollout policy of objects without a roster.dev/rollout annotation: Rollout,"
          + " Immediate or Manual (HotReload is still read, as Immediate, with a warning)."
          + " Default: ${DEFAULT-VALUE}.")
  String policyText = "Rollout";

  @Option(names = "--ignore-fields", paramLabel = "KIND=POINTER[,POINTER…]",
      converter = IgnoreConverter.class,
      description = "Leave live-only changes of these fields alone for KIND (or group/KIND);"
          + " a change in Git is still applied, and every plan lists what differs. Repeatable;"
          + " with serve --config, added to every source's ignoreFields.")
  List<Map.Entry<String, List<String>>> ignoreFields = new ArrayList<>();

  /** The {@code --rollout-policy} mode. */
  RolloutPolicy.Mode mode() {
    return RolloutPolicy.Mode.parse(policyText);
  }

  /** Says on {@code err} what {@code --rollout-policy HotReload} does, if it was given. */
  void warn(java.io.PrintWriter err) {
    if (RolloutPolicy.isHotReload(policyText)) {
      err.println("roster: warning: --rollout-policy " + RolloutPolicy.HOT_RELOAD_WARNING);
    }
  }

  /** The {@code --ignore-fields} entries by kind, pointers in the order given. */
  Map<String, List<String>> ignored() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    ignoreFields.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
        .addAll(e.getValue()));
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  /** Accepts Rollout, Immediate, Manual (HotReload read as Immediate) case-insensitively. */
  static final class ModeConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        RolloutPolicy.Mode.parse(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Parses {@code KomputerAgent=/spec/model,/spec/lifecycle}: a kind and JSON pointers. */
  static final class IgnoreConverter implements ITypeConverter<Map.Entry<String, List<String>>> {
    @Override
    public Map.Entry<String, List<String>> convert(String value) {
      int eq = value.indexOf('=');
      String kind = eq < 0 ? "" : value.substring(0, eq).trim();
      List<String> pointers = new ArrayList<>();
      if (eq >= 0) {
        for (String p : value.substring(eq + 1).split(",")) {
          if (!p.isBlank()) {
            pointers.add(p.trim());
          }
        }
      }
      if (kind.isEmpty() || pointers.isEmpty()
          || pointers.stream().anyMatch(p -> !p.startsWith("/"))) {
        throw new TypeConversionException("'" + value + "': expected KIND=POINTER[,POINTER…],"
            + " e.g. KomputerAgent=/spec/model,/spec/lifecycle (pointers start with /)");
      }
      return Map.entry(kind, List.copyOf(pointers));
    }
  }
}
