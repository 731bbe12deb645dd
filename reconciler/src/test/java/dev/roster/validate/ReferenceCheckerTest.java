package dev.roster.validate;

import static dev.roster.validate.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** References declared in profiles, resolved against the rest of the repo. */
class ReferenceCheckerTest {
  @TempDir Path dir;
  @TempDir Path schemas;
  TestRepo repo;
  SchemaCatalog catalog;

  @BeforeEach
  void setUp() {
    repo = new TestRepo(dir);
    catalog = TestRepo.exampleCatalog(schemas);
  }

  private List<String> validate() {
    return lines(repo.validate(catalog, false));
  }

  private static String missing(String kinds, String name, String ns, String first) {
    return kinds + " \"" + name + "\" is not defined in the repo"
        + (ns.isEmpty() ? "" : " in namespace \"" + ns + "\"") + ": add it, or, if it exists"
        + " outside Git, list \"" + first + "/" + name + "\" under externalRefs in roster.yaml"
        + " (or in this object's roster.dev/external-refs annotation)";
  }

  /** An Agent in namespace team whose spec is the given lines (indented by two). */
  private TestRepo agent(String file, String name, String... spec) {
    String[] head = {"apiVersion: example.dev/v1", "kind: Agent", "metadata:", "  name: " + name,
        "  namespace: team", "spec:"};
    String[] all = new String[head.length + spec.length];
    System.arraycopy(head, 0, all, 0, head.length);
    for (int i = 0; i < spec.length; i++) {
      all[head.length + i] = "  " + spec[i];
    }
    return repo.file(file, all);
  }

  private TestRepo object(String file, String kind, String name, String namespace) {
    String api = kind.equals("ConfigMap") ? "v1" : "example.dev/v1";
    return namespace == null
        ? repo.file(file, "apiVersion: " + api, "kind: " + kind, "metadata:", "  name: " + name)
        : repo.file(file, "apiVersion: " + api, "kind: " + kind, "metadata:", "  name: " + name,
            "  namespace: " + namespace);
  }

  @Test
  void reportsAnUnresolvedReferenceWithPointerAndLocation() {
    agent("agents/bot.yaml", "bot", "templateRef:", "  name: base");
    assertEquals(List.of("agents/bot.yaml:8:5: Agent/bot: /spec/templateRef/name: "
        + missing("AgentTemplate", "base", "team", "AgentTemplate")), validate());
  }

  @Test
  void resolvesAReferenceInTheSameNamespaceOnly() {
    agent("bot.yaml", "bot", "templateRef:", "  name: base");
    object("t.yaml", "AgentTemplate", "base", "team");
    assertEquals(List.of(), validate());

    object("t.yaml", "AgentTemplate", "base", "other");
    assertEquals(List.of("bot.yaml:8:5: Agent/bot: /spec/templateRef/name: "
        + missing("AgentTemplate", "base", "team", "AgentTemplate")), validate());
  }

  @Test
  void resolvesBetweenObjectsThatLeaveTheNamespaceOut() {
    repo.file("bot.yaml", "apiVersion: example.dev/v1", "kind: Agent", "metadata:",
        "  name: bot", "spec:", "  templateRef: {name: base}", "  configs: [gone]");
    object("t.yaml", "AgentTemplate", "base", null);
    assertEquals(List.of("bot.yaml:7:13: Agent/bot: /spec/configs/0: "
        + missing("ConfigMap", "gone", "", "ConfigMap")), validate());
  }

  @Test
  void resolvesANamespacePrefixWhereTheProfileAllowsIt() {
    agent("bot.yaml", "bot", "configs:", "  - shared/prompts", "  - local", "  - shared/nope",
        "templateRef:", "  name: shared/base");
    object("cm1.yaml", "ConfigMap", "prompts", "shared");
    object("cm2.yaml", "ConfigMap", "local", "team");
    object("t.yaml", "AgentTemplate", "base", "shared");
    assertEquals(List.of(
        "bot.yaml:10:7: Agent/bot: /spec/configs/2: "
            + missing("ConfigMap", "nope", "shared", "ConfigMap"),
        "bot.yaml:12:5: Agent/bot: /spec/templateRef/name: "
            + missing("AgentTemplate", "shared/base", "team", "AgentTemplate")), validate());
  }

  @Test
  void takesTheNamespaceFromTheSiblingField() {
    agent("bot.yaml", "bot", "members:", "  - name: peer", "    namespace: other",
        "  - name: peer", "  - name: peer", "    namespace: \"\"");
    agent("peer.yaml", "peer", "model: gpt");
    repo.file("peer.yaml", "apiVersion: example.dev/v1", "kind: Agent", "metadata:",
        "  name: peer", "  namespace: other");
    assertEquals(List.of(
        "bot.yaml:10:7: Agent/bot: /spec/members/1/name: "
            + missing("Agent", "peer", "team", "Agent"),
        "bot.yaml:11:7: Agent/bot: /spec/members/2/name: "
            + missing("Agent", "peer", "team", "Agent")), validate());
  }

  @Test
  void resolvesClusterScopedTargetsFromAnyNamespace() {
    agent("bot.yaml", "bot", "model: large");
    object("m.yaml", "Model", "large", null);
    assertEquals(List.of(), validate());
  }

  @Test
  void triesEachKindInOrder() {
    agent("bot.yaml", "bot", "tools: [search, browse, fly]");
    object("t1.yaml", "Tool", "search", "team");
    object("t2.yaml", "ClusterTool", "browse", null);
    assertEquals(List.of("bot.yaml:7:27: Agent/bot: /spec/tools/2: "
        + missing("Tool or ClusterTool", "fly", "team", "Tool")), validate());
  }

  @Test
  void acceptsTargetsListedAsExternal() {
    repo.file("bot.yaml", "apiVersion: example.dev/v1", "kind: Agent", "metadata:",
        "  name: bot", "  namespace: team", "  annotations:",
        "    roster.dev/external-refs: \"AgentTemplate/base,ConfigMap/*  ClusterTool/fly\"",
        "spec:", "  templateRef: {name: base}", "  configs: [a, other/b]",
        "  tools: [fly, walk]", "  model: small");
    assertEquals(List.of(
        "bot.yaml:11:16: Agent/bot: /spec/tools/1: "
            + missing("Tool or ClusterTool", "walk", "team", "Tool"),
        "bot.yaml:12:3: Agent/bot: /spec/model: " + missing("Model", "small", "team", "Model")),
        validate());
  }

  @Test
  void matchesExternalEntriesByKindAndNameExactly() {
    repo.file("bot.yaml", "apiVersion: example.dev/v1", "kind: Agent", "metadata:",
        "  name: bot", "  namespace: team", "  annotations:",
        "    roster.dev/external-refs: \"Tool/base, AgentTemplate/bas\"",
        "spec:", "  templateRef: {name: base}");
    assertEquals(List.of("bot.yaml:9:17: Agent/bot: /spec/templateRef/name: "
        + missing("AgentTemplate", "base", "team", "AgentTemplate")), validate());
  }

  @Test
  void ignoresEmptyAndNonStringValues() {
    agent("bot.yaml", "bot", "templateRef: {name: \"\"}", "configs: [1, null, {a: b}]",
        "model: ~");
    assertEquals(List.of(), validate());
  }

  @Test
  void resolvesReferencesOfABundledPlatformKind() {
    repo.file("agent.yaml", "apiVersion: kubeopencode.io/v1alpha1", "kind: Agent", "metadata:",
        "  name: coder", "  namespace: team", "spec:", "  workspaceDir: /workspace",
        "  serviceAccountName: coder-sa", "  caBundle:", "    secretRef:", "      name: ca");
    assertEquals(List.of("agent.yaml:8:3: Agent/coder: /spec/serviceAccountName: "
        + missing("ServiceAccount", "coder-sa", "team", "ServiceAccount")),
        lines(repo.validate()));
    repo.file("sa.yaml", "apiVersion: v1", "kind: ServiceAccount", "metadata:",
        "  name: coder-sa", "  namespace: team");
    assertEquals(List.of(), lines(repo.validate()));
  }
}
