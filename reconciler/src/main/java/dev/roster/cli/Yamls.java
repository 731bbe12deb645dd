package dev.roster.cli;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code -o yaml}: the same document as {@code -o json}, written as block YAML, so both forms
 * always carry the same fields. Key order is kept; a string YAML would read as another type
 * ({@code "true"}, {@code "1.10"}, {@code "0777"}) is quoted.
 */
final class Yamls {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Yamls() {}

  /** The YAML of a JSON document (an object or an array). */
  static String fromJson(String json) {
    Object tree = JSON.readValue(json, Object.class);
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndicatorIndent(0);
    o.setWidth(100);
    o.setSplitLines(false);
    return new Yaml(o).dump(tree instanceof Map || tree instanceof List ? tree : List.of(tree));
  }
}
