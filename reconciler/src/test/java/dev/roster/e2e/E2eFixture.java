package dev.roster.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.roster.cli.Main;
import dev.roster.devcluster.EmbeddedCluster;
import dev.roster.devcluster.ServerRequests;
import dev.roster.source.TestRepos;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * One end-to-end setup: a real Git repository (branch {@code main}) in a temporary directory, the
 * embedded API server with a kubeconfig for it, and {@code roster} run through {@link Main#run}.
 * Every command gets {@code --kubeconfig}, {@code --cache-dir} (never the user's cache) and {@code
 * --source-name demo} unless the test passes its own. State is read back with a fabric8 client
 * of the embedded cluster; what the server received is in {@link #requests()}.
 */
final class E2eFixture implements AutoCloseable {
  static final String SOURCE = "demo";
  static final String INVENTORY = "roster-inventory-" + SOURCE;
  /** The status ConfigMap apply records, as serve does. */
  static final String STATUS = "roster-status-" + SOURCE;

  /** Exit code and output of one {@code roster} run. */
  record Run(int exit, String out, String err) {
    /** For assertion messages. */
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    List<String> outLines() {
      return out.lines().toList();
    }
  }

  final Path root;
  final EmbeddedCluster cluster;
  final KubernetesClient client;
  final Path kubeconfig;
  final Path cache;
  final Git git;

  private E2eFixture(Path root) throws IOException, GitAPIException {
    this.root = root;
    this.cache = root.resolve("cache");
    this.git = TestRepos.init(root.resolve("config-repo"), "main");
    this.cluster = EmbeddedCluster.start();
    this.client = cluster.client();
    this.kubeconfig = cluster.writeKubeconfig(root.resolve("kube/config"));
  }

  /** Starts a cluster and an empty repository under {@code root}. */
  static E2eFixture start(Path root) {
    try {
      return new E2eFixture(root);
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The repository's {@code file://} URL. */
  String url() {
    return TestRepos.fileUrl(TestRepos.workTree(git));
  }

  Path workTree() {
    return TestRepos.workTree(git);
  }

  /** Writes {@code rel} in the working tree (not committed). */
  E2eFixture write(String rel, String content) {
    try {
      TestRepos.write(git, rel, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Deletes {@code rel} from the working tree (not committed). */
  E2eFixture delete(String rel) {
    try {
      Files.delete(workTree().resolve(rel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Commits everything in the working tree; returns the commit's full hash. */
  String commit(String message) {
    try {
      return TestRepos.commit(git, message).getName();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The full hash of HEAD. */
  String head() {
    try {
      return git.getRepository().resolve("HEAD").getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tags HEAD (lightweight). */
  void tag(String name) {
    try {
      git.tag().setName(name).setAnnotated(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The revision roster stamps for commit {@code sha} on {@code ref}. */
  static String revision(String ref, String sha) {
    return ref + "@sha1:" + sha;
  }

  /** {@code roster args} exactly as given. */
  static Run roster(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** {@code roster apply} of this repo with the fixture's cluster, cache and source name. */
  Run apply(String... extra) {
    return roster(withDefaults("apply", extra));
  }

  /** {@code roster plan} of this repo with the fixture's cluster, cache and source name. */
  Run plan(String... extra) {
    return roster(withDefaults("plan", extra));
  }

  /** Applies and asserts exit 0. */
  Run applyOk(String... extra) {
    Run r = apply(extra);
    assertEquals(0, r.exit(), r::toString);
    return r;
  }

  private String[] withDefaults(String command, String... extra) {
    List<String> args = new ArrayList<>(List.of(command));
    List<String> given = Arrays.asList(extra);
    if (!given.contains("--repo")) {
      args.addAll(List.of("--repo", url()));
    }
    if (!given.contains("--kubeconfig")) {
      args.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    }
    if (!given.contains("--cache-dir")) {
      args.addAll(List.of("--cache-dir", cache.toString()));
    }
    if (!given.contains("--source-name")) {
      args.addAll(List.of("--source-name", SOURCE));
    }
    args.addAll(given);
    return args.toArray(String[]::new);
  }

  /** The live object, or null. */
  GenericKubernetesResource get(String apiVersion, String kind, String namespace, String name) {
    var op = client.genericKubernetesResources(apiVersion, kind);
    return namespace == null ? op.withName(name).get()
        : op.inNamespace(namespace).withName(name).get();
  }

  /** The live object, asserting it exists. */
  GenericKubernetesResource live(String apiVersion, String kind, String namespace, String name) {
    GenericKubernetesResource r = get(apiVersion, kind, namespace, name);
    assertNotNull(r, () -> kind + " " + namespace + "/" + name + " is not live");
    return r;
  }

  /** {@code spec} (or {@code data}) of a live object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> field(GenericKubernetesResource r, String top) {
    return (Map<String, Object>) r.getAdditionalProperties().get(top);
  }

  /** Patches a live object as another actor would (JSON Patch, Roster not involved). */
  void patchLive(String apiVersion, String kind, String namespace, String name, String jsonPatch) {
    var op = client.genericKubernetesResources(apiVersion, kind);
    (namespace == null ? op.withName(name) : op.inNamespace(namespace).withName(name))
        .patch(PatchContext.of(PatchType.JSON), jsonPatch);
  }

  ServerRequests requests() {
    return cluster.requests();
  }

  /** A port on 127.0.0.1 that nothing listens on (bound, then released). */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      git.close();
    } finally {
      cluster.close();
    }
  }
}
