package dev.roster.cli;

import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.serve.SourceConfig;
import dev.roster.serve.Supervisor;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;

/** What serve prints once it listens: the ready line, then how to look and how to trigger. */
final class ServeBanner {
  private ServeBanner() {}

  static void print(PrintWriter out, Supervisor s, List<SourceConfig> sources,
      EmbeddedCluster embedded, ServeCommand.ServeOptions serve, ClusterOptions cluster) {
    InetSocketAddress a = s.address();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
    String base = "http://" + host + ":" + a.getPort();
    out.printf("roster serve ready: %d source(s) on %s%s%n", sources.size(), base,
        embedded != null ? " (embedded cluster " + embedded.url() + ")" : "");
    out.println("Look:");
    if (embedded != null && serve.writeKubeconfig != null) {
      out.printf("  export KUBECONFIG=%s; kubectl get agents.kubeopencode.io,configmaps -A%n",
          serve.writeKubeconfig.toAbsolutePath());
      out.printf("  java -jar reconciler/target/roster.jar status --kubeconfig %s%n",
          serve.writeKubeconfig.toAbsolutePath());
    } else if (embedded == null) {
      out.printf("  roster status --inventory-namespace %s%n", cluster.inventoryNamespace);
    }
    out.printf("  curl -s %s/metrics | grep ^roster_%n", base);
    out.println("Change something:");
    for (SourceConfig c : sources) {
      if (c.spec().isRemote()) {
        out.printf("  git push to %s — polled every %ds; or point a webhook at %s/hooks/%s%n",
            c.spec().repo(), c.interval().toSeconds(), base, c.name());
      } else {
        out.printf("  edit a file under %s — applied within %ds%n", c.spec().repo(),
            c.interval().toSeconds());
      }
    }
    out.flush();
  }
}
