package dev.roster.devcluster;

/** The kubeconfig text {@code roster dev-cluster} writes: one name for all three, no credentials. */
final class DevKubeconfig {
  private DevKubeconfig() {}

  /** A kubeconfig whose cluster, user and context are all {@code name}, with no credentials. */
  static String text(String name, String server, String namespace) {
    return String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: " + name,
        "  cluster:",
        "    server: " + server,
        "contexts:",
        "- name: " + name,
        "  context:",
        "    cluster: " + name,
        "    user: " + name,
        "    namespace: " + namespace,
        "current-context: " + name,
        "users:",
        "- name: " + name,
        "  user: {}",
        "");
  }
}
