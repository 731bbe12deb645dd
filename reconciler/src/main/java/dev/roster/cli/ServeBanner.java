package dev.roster.cli;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.serve.SourceConfig;
import dev.roster.serve.Supervisor;
import dev.roster.source.Urls;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What serve prints once it listens: the ready line, how to look, how to trigger, and where
 * notifications go.
 */
final class ServeBanner {
  private ServeBanner() {}

  /**
   * How to run Roster from any directory: {@code java -jar <absolute path of the jar>} when
   * {@code location} (where this class was loaded from) is a jar, else {@code roster}.
   */
  static String command(java.net.URL location) {
    try {
      java.nio.file.Path p = java.nio.file.Path.of(location.toURI());
      return p.toString().endsWith(".jar") ? "java -jar " + p.toAbsolutePath() : "roster";
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return "roster";
    }
  }

  static void print(PrintWriter out, Supervisor s, List<SourceConfig> sources,
      EmbeddedCluster embedded, ServeOptions serve, ClusterOptions cluster,
      List<dev.roster.serve.notify.NotifyTarget> notify) {
    String base = base(s.address());
    String admin = base(s.metricsAddress());
    out.printf("roster serve ready: %d source(s); webhooks on %s, metrics and probes on %s%s%n",
        sources.size(), base, admin,
        embedded != null ? " (embedded cluster " + embedded.url() + ")" : "");
    out.println("Look:");
    if (embedded != null && serve.writeKubeconfig != null) {
      out.printf("  export KUBECONFIG=%s; kubectl get agents.kubeopencode.io,configmaps -A%n",
          serve.writeKubeconfig.toAbsolutePath());
      out.printf("  %s status --kubeconfig %s%n", command(ServeBanner.class
          .getProtectionDomain().getCodeSource().getLocation()),
          serve.writeKubeconfig.toAbsolutePath());
    } else if (embedded == null) {
      out.printf("  roster status --inventory-namespace %s%n", cluster.inventoryNamespace);
    }
    out.printf("  curl -s %s/metrics | grep ^roster_%n", admin);
    out.println("Change something:");
    for (SourceConfig c : sources) {
      if (c.spec().isRemote()) {
        out.printf("  git push to %s — polled every %ds; or point a webhook at %s/hooks/%s%n",
            Urls.redact(c.spec().repo()), c.interval().toSeconds(), base, c.name());
      } else {
        out.printf("  edit a file under %s — applied within %ds%n", Urls.redact(c.spec().repo()),
            c.interval().toSeconds());
      }
    }
    if (!notify.isEmpty()) { // each as type and host: a URL's path may be a secret
      out.println("Notify: " + String.join(", ", notify.stream().map(Object::toString).toList()));
    }
    out.flush();
  }

  private static String base(InetSocketAddress a) {
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
    return "http://" + host + ":" + a.getPort();
  }
}
