package dev.roster.validate;

import static dev.roster.validate.TestRepo.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.load.LoadOptions;
import dev.roster.load.ManifestLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * roster.yaml's externalRefs, objects profiles say the platform provides, and references looked
 * up in the cluster.
 */
class RepoConfigTest {
  @TempDir Path dir;
  @TempDir Path schemas;
  TestRepo repo;
  SchemaCatalog catalog;

  @BeforeEach
  void setUp() {
    repo = new TestRepo(dir);
    catalog = TestRepo.exampleCatalog(schemas);
    repo.file("bot.yaml", "apiVersion: example.dev/v1", "kind: Agent", "metadata:",
        "  name: bot", "  namespace: team", "spec:", "  templateRef: {name: base}",
        "  configs: [prompts, other/shared]", "  model: small");
  }

  private List<String> validate() {
    return lines(repo.validate(catalog, false));
  }

  private static String missing(String kind, String name, String ns, String pointerLine) {
    return pointerLine + kind + " \"" + name + "\" is not defined in the repo"
        + (ns.isEmpty() ? "" : " in namespace \"" + ns + "\"") + ": add it, or, if it exists"
        + " outside Git, list \"" + kind + "/" + name + "\" under externalRefs in roster.yaml"
        + " (or in this object's roster.dev/external-refs annotation)";
  }

  @Test
  void externalRefsCoverKindAndNameInAnyOrOneNamespace() {
    repo.file("roster.yaml", "apiVersion: roster.dev/v1alpha1", "kind: RepoConfig",
        "externalRefs:", "  - AgentTemplate/base", "  - team/ConfigMap/prompts",
        "  - team/ConfigMap/shared", "  - Model/*");
    assertEquals(List.of(missing("ConfigMap", "shared", "other",
        "bot.yaml:8:22: Agent/bot: /spec/configs/1: ")), validate());
  }

  @Test
  void theRepoConfigIsNoObject() {
    repo.file("roster.yaml", "apiVersion: roster.dev/v1alpha1", "kind: RepoConfig",
        "externalRefs: [AgentTemplate/base, ConfigMap/*, Model/small]");
    ValidationReport r = repo.validate(catalog, false);
    assertEquals(List.of(), lines(r));
    assertEquals(1, r.objects());
  }

  @Test
  void aMalformedRepoConfigIsALocatedError() {
    repo.file("roster.yaml", "apiVersion: roster.dev/v1alpha1", "kind: RepoConfig",
        "externalRefs:", "  - AgentTemplate/base", "  - configmap/prompts",
        "externalRef: [Model/small]");
    List<String> out = validate().stream().filter(l -> l.startsWith("roster.yaml")).toList();
    assertEquals("roster.yaml:5:5: RepoConfig/<no name>: /externalRefs/1: must be Kind/name or"
        + " namespace/Kind/name (name may be *), e.g. ServiceAccount/kubeopencode-agent or"
        + " team/ConfigMap/prompts", out.get(0));
    assertEquals("roster.yaml:6:1: RepoConfig/<no name>: unknown field \"externalRef\", did you"
        + " mean \"externalRefs\"?", out.get(1));
    assertEquals(2, out.size(), String.join("\n", out));
  }

  @Test
  void unparsableRepoConfigIsALocatedLoadError() {
    repo.file("roster.yaml", "apiVersion: roster.dev/v1alpha1", "kind: RepoConfig",
        "externalRefs: [AgentTemplate/base", "  oops: : :");
    List<String> out = validate().stream().filter(l -> l.startsWith("roster.yaml")).toList();
    assertEquals(List.of("roster.yaml:4:7: invalid YAML: expected ',' or ']', but got :"), out);
  }

  @Test
  void onlyTheRootFileIsRead() {
    repo.file("sub/roster.yaml", "apiVersion: roster.dev/v1alpha1", "kind: RepoConfig",
        "externalRefs: [AgentTemplate/base, ConfigMap/*, Model/small]");
    repo.file("roster.yaml", "apiVersion: v1", "kind: ConfigMap", "metadata:",
        "  name: prompts", "  namespace: team");
    List<String> out = validate().stream().filter(l -> !l.startsWith("bot.yaml")).toList();
    assertEquals(2, out.size(), String.join("\n", out));
    assertEquals("roster.yaml:2:1: ConfigMap/prompts: /kind: roster.yaml at the root of the source"
        + " path is Roster's repo config and is never applied: its one document is apiVersion"
        + " roster.dev/v1alpha1, kind RepoConfig; move this object to another file", out.get(0));
    assertEquals("sub/roster.yaml:2:1: RepoConfig/<no name>: /kind: a RepoConfig is read only"
        + " from roster.yaml at the root of the source path, so this one has no effect: move it"
        + " there", out.get(out.size() - 1));
  }

  @Test
  void theClusterResolvesWhatGitDoesNot() {
    List<String> asked = new ArrayList<>();
    ClusterLookup cluster = (g, k, ns, n) -> {
      asked.add(g + "/" + k + " " + ns + "/" + n);
      return !n.equals("small");
    };
    var loaded = new ManifestLoader(LoadOptions.defaults()).load(dir);
    List<String> out = lines(new Validator(catalog, false).validate(loaded, "default", cluster));
    assertEquals(List.of("bot.yaml:9:3: Agent/bot: /spec/model: Model \"small\" is defined"
        + " neither in the repo nor in the cluster in namespace \"team\": add it to the repo,"
        + " create it in the cluster, or, if something else creates it later, list"
        + " \"Model/small\" under externalRefs in roster.yaml"), out);
    // cluster-scoped Model asked without a namespace; each object asked once
    assertEquals(List.of("example.dev/AgentTemplate team/base", "/ConfigMap team/prompts",
        "/ConfigMap other/shared", "example.dev/Model /small"), asked);
  }

  @Test
  void providedObjectsResolveNamedOrOmitted() {
    TestRepo bundled = new TestRepo(dir.resolve("k"));
    bundled.file("agents.yaml", "apiVersion: komputer.komputer.ai/v1alpha1",
        "kind: KomputerAgent", "metadata:", "  name: named", "  namespace: team", "spec:",
        "  instructions: go", "  templateRef: default", "---",
        "apiVersion: komputer.komputer.ai/v1alpha1", "kind: KomputerAgent", "metadata:",
        "  name: omitted", "  namespace: team", "spec:", "  instructions: go", "---",
        "apiVersion: komputer.komputer.ai/v1alpha1", "kind: KomputerAgent", "metadata:",
        "  name: other", "  namespace: team", "spec:", "  instructions: go",
        "  templateRef: gpu");
    assertEquals(List.of("agents.yaml:25:3: KomputerAgent/other: /spec/templateRef:"
        + " KomputerAgentTemplate or KomputerAgentClusterTemplate \"gpu\" is not defined in the"
        + " repo in namespace \"team\": add it, or, if it exists outside Git, list"
        + " \"KomputerAgentTemplate/gpu\" under externalRefs in roster.yaml (or in this object's"
        + " roster.dev/external-refs annotation)"), lines(bundled.validate()));
  }

  @Test
  void anOmittedNameThatResolvesNowhereSaysThePlatformDefault() throws Exception {
    TestRepo.kind(schemas, "example.dev", "v1", "Runner", """
        references:
          - path: /spec/templateRef
            kinds: [AgentTemplate]
            omitted: standard
        """);
    SchemaCatalog withRunner = SchemaCatalog.load(List.of(schemas));
    repo.file("bot.yaml", "apiVersion: example.dev/v1", "kind: Runner", "metadata:",
        "  name: r", "  namespace: team", "spec:", "  image: x");
    assertEquals(List.of("bot.yaml:6:1: Runner/r: /spec: templateRef is not set, so the platform"
        + " uses \"standard\": AgentTemplate \"standard\" is not defined in the repo in namespace"
        + " \"team\": add it, or, if it exists outside Git, list \"AgentTemplate/standard\" under"
        + " externalRefs in roster.yaml (or in this object's roster.dev/external-refs"
        + " annotation)"), lines(repo.validate(withRunner, false)));
  }
}
