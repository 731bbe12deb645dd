package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.validate.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ignoreFields:} of a serve source: read per kind, checked, merged with the flag's. */
class ServeConfigIgnoreFieldsTest {
  @TempDir Path dir;

  List<SourceConfig> read(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("serve.yaml"), yaml);
    return ServeConfigReader.read(file, SchemaCatalog.bundled(), null, "roster-system",
        dir.resolve("cache"));
  }

  @Test
  void perKindPointersAreReadAndMergedWithTheFlag() throws Exception {
    List<SourceConfig> s = read("""
        apiVersion: roster.dev/v1alpha1
        kind: ServeConfig
        sources:
          - name: agents
            repo: /srv/agents
            ignoreFields:
              KomputerAgent: [/spec/model, /spec/lifecycle]
              kubeopencode.io/Agent: [/spec/suspend]
          - {name: infra, repo: /srv/infra}
        """);
    assertEquals(Map.of("KomputerAgent", List.of("/spec/model", "/spec/lifecycle"),
        "kubeopencode.io/Agent", List.of("/spec/suspend")), s.get(0).ignoreFields());
    assertEquals(Map.of(), s.get(1).ignoreFields());
    SourceConfig merged = s.get(0).withMoreIgnoreFields(Map.of("KomputerAgent",
        List.of("/spec/model", "/spec/priority"), "CronTask", List.of("/spec/suspend")));
    assertEquals(List.of("/spec/model", "/spec/lifecycle", "/spec/priority"),
        merged.ignoreFields().get("KomputerAgent"));
    assertEquals(List.of("/spec/suspend"), merged.ignoreFields().get("CronTask"));
  }

  @Test
  void aPointerWithoutSlashIsALocatedConfigError() {
    ServeConfigException e = assertThrows(ServeConfigException.class, () -> read("""
        apiVersion: roster.dev/v1alpha1
        kind: ServeConfig
        sources:
          - name: agents
            repo: /srv/agents
            ignoreFields: {KomputerAgent: [spec.model]}
        """));
    assertTrue(e.problems().stream().anyMatch(p -> p.format().contains(
        "/sources/0/ignoreFields/KomputerAgent/0")), e.problems().toString());
  }
}
