package dev.roster.e2e;

/**
 * The config repo the end-to-end tests start from: a Namespace, a ConfigMap, a KubeOpenCode
 * AgentTemplate, Agent and Task, a KomputerAgent and a cluster-scoped KomputerConfig — seven
 * objects in six files — plus builders for variations.
 */
final class Manifests {
  static final String KOC = "kubeopencode.io/v1alpha1";
  static final String KOMPUTER = "komputer.komputer.ai/v1alpha1";
  static final String NS = "agents";

  static final String NAMESPACE_FILE = "namespaces/agents.yaml";
  static final String CONFIGMAP_FILE = "agents/configmap.yaml";
  static final String TEMPLATE_FILE = "kubeopencode/template.yaml";
  static final String AGENT_FILE = "kubeopencode/agent.yaml";
  static final String TASK_FILE = "kubeopencode/task.yaml";
  static final String KOMPUTER_FILE = "komputer/agents.yaml";
  static final String KOMPUTER_CONFIG_FILE = "komputer/config.yaml";

  private Manifests() {}

  /** Writes the seven standard objects (not committed). */
  static void writeStandard(E2eFixture f) {
    f.write(NAMESPACE_FILE, namespace(NS));
    f.write(CONFIGMAP_FILE, configMap("agent-config", "Be brief."));
    f.write(TEMPLATE_FILE, template());
    f.write(AGENT_FILE, agent("team-agent", 3));
    f.write(TASK_FILE, task("fix-tests", "Fix the failing tests."));
    f.write(KOMPUTER_FILE, komputerAgent("triage-bot", "Triage new tickets every morning."));
    f.write(KOMPUTER_CONFIG_FILE, komputerConfig());
  }

  static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }

  static String configMap(String name, String prompt) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + NS
        + "\ndata:\n  prompt: " + prompt + "\n  mode: review\n";
  }

  static String template() {
    return """
        apiVersion: kubeopencode.io/v1alpha1
        kind: AgentTemplate
        metadata:
          name: team-config
          namespace: agents
          annotations:
            roster.dev/external-refs: "ServiceAccount/kubeopencode-agent"
        spec:
          workspaceDir: /workspace
          serviceAccountName: kubeopencode-agent
          maxConcurrentTasks: 5
        """;
  }

  /** An Agent; {@code maxConcurrentTasks} &lt; 0 leaves that field out. */
  static String agent(String name, int maxConcurrentTasks) {
    return """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Agent
        metadata:
          name: %s
          namespace: agents
          annotations:
            roster.dev/external-refs: "ServiceAccount/kubeopencode-agent"
        spec:
          templateRef:
            name: team-config
          profile: Team development agent
          workspaceDir: /workspace
          serviceAccountName: kubeopencode-agent
        """.formatted(name)
        + (maxConcurrentTasks < 0 ? "" : "  maxConcurrentTasks: " + maxConcurrentTasks + "\n");
  }

  static String task(String name, String description) {
    return """
        apiVersion: kubeopencode.io/v1alpha1
        kind: Task
        metadata:
          name: %s
          namespace: agents
        spec:
          agentRef:
            name: team-agent
          description: %s
        """.formatted(name, description);
  }

  /**
   * A Task with a timeout: the one Task field KubeOpenCode reads after start (the rest is
   * immutable in its profile), so the field tests edit to see an update written.
   */
  static String task(String name, String description, String timeout) {
    return task(name, description) + "  timeout: " + timeout + "\n";
  }

  static String komputerAgent(String name, String instructions) {
    return """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerAgent
        metadata:
          name: %s
          namespace: agents
        spec:
          instructions: %s
          model: claude-sonnet-4-6
        """.formatted(name, instructions);
  }

  static String komputerConfig() {
    return """
        apiVersion: komputer.komputer.ai/v1alpha1
        kind: KomputerConfig
        metadata:
          name: komputer-config
        spec:
          redis:
            address: redis:6379
        """;
  }

  /** A ConfigMap in {@code agents} with one key. */
  static String plainConfigMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + NS
        + "\ndata:\n  value: \"" + value + "\"\n";
  }
}
