package dev.roster.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roster.plan.RolloutPolicy;
import dev.roster.validate.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigRolloutPolicyTest {
  @TempDir Path dir;

  List<SourceConfig> read(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("serve.yaml"), yaml);
    return ServeConfigReader.read(file, SchemaCatalog.bundled(), null, "roster-system",
        dir.resolve("cache"));
  }

  @Test
  void perSourcePolicyOrServeDefault() throws Exception {
    List<SourceConfig> s = read("""
        apiVersion: roster.dev/v1alpha1
        kind: ServeConfig
        sources:
          - {name: agents, repo: /srv/agents, rolloutPolicy: HotReload}
          - {name: infra, repo: /srv/infra}
        """);
    assertEquals(RolloutPolicy.Mode.IMMEDIATE, s.get(0).rolloutPolicy());
    assertNull(s.get(1).rolloutPolicy());
    assertEquals(RolloutPolicy.Mode.IMMEDIATE,
        s.get(0).withDefaultRolloutPolicy(RolloutPolicy.Mode.MANUAL).rolloutPolicy());
    assertEquals(RolloutPolicy.Mode.MANUAL,
        s.get(1).withDefaultRolloutPolicy(RolloutPolicy.Mode.MANUAL).rolloutPolicy());
  }

  @Test
  void hotReloadIsReadWithAWarningThatSaysWhatItDoes() throws Exception {
    Path file = Files.writeString(dir.resolve("serve.yaml"), """
        apiVersion: roster.dev/v1alpha1
        kind: ServeConfig
        sources:
          - {name: agents, repo: /srv/agents, rolloutPolicy: HotReload}
          - {name: infra, repo: /srv/infra, rolloutPolicy: Immediate}
        """);
    List<String> warnings = new java.util.ArrayList<>();
    ServeConfigReader.read(file, SchemaCatalog.bundled(), null, "roster-system",
        dir.resolve("cache"), warnings::add);
    assertEquals(List.of("serve.yaml: source 'agents': rolloutPolicy HotReload is read as"
        + " Immediate: restart-class changes are applied at once, restarting the agent even"
        + " while it works; KubeOpenCode's HotReload means the opposite (files updated, no"
        + " restart)"), warnings);
  }

  @Test
  void unknownPolicyIsAConfigError() {
    assertThrows(ServeConfigException.class, () -> read("""
        apiVersion: roster.dev/v1alpha1
        kind: ServeConfig
        sources:
          - {name: agents, repo: /srv/agents, rolloutPolicy: Sometimes}
        """));
  }
}
