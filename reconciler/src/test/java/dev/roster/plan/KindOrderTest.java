package dev.roster.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.load.ResourceKey;
import dev.roster.validate.Profile;
import dev.roster.validate.SchemaCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Apply order from the kinds' profiles: waves, then group, kind, namespace and name. */
class KindOrderTest {
  private static final KindOrder ORDER = new KindOrder(SchemaCatalog.bundled());

  static final String KOC = "kubeopencode.io";
  static final String KOMP = "komputer.komputer.ai";
  static final String KAG = "kagents.dev";
  static final String CLAUDE = "claude.amcheste.io";

  static ResourceKey key(String group, String kind, String ns, String name) {
    return new ResourceKey(group, kind, ns, name);
  }

  private static int wave(String group, String kind) {
    return ORDER.wave(key(group, kind, "ns", "n"));
  }

  @Test
  void wavesFromProfiles() {
    assertEquals(0, wave("", "Namespace"));
    assertEquals(0, wave("apiextensions.k8s.io", "CustomResourceDefinition"));
    assertEquals(10, wave("", "ConfigMap"));
    assertEquals(10, wave("", "Secret"));
    assertEquals(10, wave("", "ServiceAccount"));
    assertEquals(10, wave(KOC, "KubeOpenCodeConfig"));
    assertEquals(10, wave(KOMP, "KomputerConfig"));
    assertEquals(20, wave(KOC, "AgentTemplate"));
    assertEquals(20, wave(KOMP, "KomputerAgentTemplate"));
    assertEquals(20, wave(KOMP, "KomputerSkill"));
    assertEquals(20, wave(KOMP, "KomputerMemory"));
    assertEquals(20, wave(KAG, "AgentTeamTemplate"));
    assertEquals(30, wave(KOC, "Agent"));
    assertEquals(30, wave(KOMP, "KomputerAgent"));
    assertEquals(40, wave(KAG, "AgentTeam"));
    assertEquals(40, wave(CLAUDE, "AgentTeam"));
    assertEquals(40, wave(KOMP, "KomputerSquad"));
    assertEquals(40, wave(KOMP, "KomputerOffice"));
    assertEquals(50, wave(KOC, "Task"));
    assertEquals(50, wave(KOC, "CronTask"));
    assertEquals(50, wave(KAG, "AgentTeamRun"));
    assertEquals(50, wave(KOMP, "KomputerSchedule"));
  }

  @Test
  void kindsWithoutProfileSitBetweenAgentsAndTeams() {
    assertEquals(Profile.DEFAULT_WAVE, wave("example.com", "Widget"));
    assertEquals(35, wave("example.com", "Widget"));
    assertEquals(35, wave("", "Pod"));
    // CRD wave is keyed on the group too
    assertEquals(35, wave("example.com", "CustomResourceDefinition"));
  }

  @Test
  void sortsByWaveThenGroupKindNamespaceName() {
    List<ResourceKey> expected = List.of(
        key("", "Namespace", "", "agents"),
        key("", "Namespace", "", "tasks"),
        key("apiextensions.k8s.io", "CustomResourceDefinition", "", "agents.kubeopencode.io"),
        key("", "ConfigMap", "agents", "prompts"),
        key("", "ConfigMap", "tasks", "a"),
        key("", "Secret", "agents", "token"),
        key("", "ServiceAccount", "agents", "runner"),
        key(KOC, "KubeOpenCodeConfig", "", "cluster"),
        key(KAG, "AgentTeamTemplate", "agents", "base"),
        key(KOMP, "KomputerSkill", "agents", "git"),
        key(KOC, "AgentTemplate", "agents", "base"),
        key(KOMP, "KomputerAgent", "agents", "a"),
        key(KOC, "Agent", "agents", "coder"),
        key(KOC, "Agent", "agents", "reviewer"),
        key("example.com", "Widget", "agents", "w"),
        key(CLAUDE, "AgentTeam", "agents", "team"),
        key(KAG, "AgentTeam", "agents", "team"),
        key(KOC, "CronTask", "tasks", "nightly"),
        key(KOC, "Task", "tasks", "a"),
        key(KOC, "Task", "tasks", "b"));
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      List<ResourceKey> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, random);
      shuffled.sort(ORDER);
      assertEquals(expected, shuffled);
    }
  }

  @Test
  void briefOrderNamespaceConfigMapTemplateAgentTeamTask() {
    List<ResourceKey> keys = new ArrayList<>(List.of(
        key(KOC, "Task", "a", "t"),
        key(KAG, "AgentTeam", "a", "t"),
        key(KOC, "Agent", "a", "t"),
        key(KOC, "AgentTemplate", "a", "t"),
        key("", "ConfigMap", "a", "t"),
        key("", "Namespace", "", "a")));
    keys.sort(ORDER);
    assertEquals(List.of("Namespace", "ConfigMap", "AgentTemplate", "Agent", "AgentTeam", "Task"),
        keys.stream().map(ResourceKey::kind).toList());
  }

  @Test
  void comparatorContract() {
    ResourceKey a = key(KOC, "Agent", "agents", "coder");
    ResourceKey same = key(KOC, "Agent", "agents", "coder");
    ResourceKey b = key(KOC, "Agent", "agents", "reviewer");
    ResourceKey c = key(KOC, "Task", "agents", "a");
    assertEquals(0, ORDER.compare(a, same));
    assertTrue(ORDER.compare(a, b) < 0);
    assertTrue(ORDER.compare(b, a) > 0);
    assertTrue(ORDER.compare(b, c) < 0);
    assertTrue(ORDER.compare(a, c) < 0);
    // namespace breaks ties before name
    assertTrue(ORDER.compare(key(KOC, "Agent", "a", "z"), key(KOC, "Agent", "b", "a")) < 0);
    // wave beats group and name
    assertTrue(ORDER.compare(key("zzz.io", "Widget", "a", "a"),
        key(KAG, "AgentTeam", "a", "a")) < 0);
  }
}
