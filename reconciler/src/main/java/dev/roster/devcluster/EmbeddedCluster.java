package dev.roster.devcluster;

import dev.roster.kube.KubeClients;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-memory Kubernetes API server for development and tests: fabric8's {@code
 * KubernetesMockServer} in CRUD mode on {@code 127.0.0.1}, plain HTTP, no authentication, with a
 * permissive CRD for every non-core kind of the catalog and the usual four namespaces. {@link
 * EmbeddedDispatcher} adds discovery and OpenAPI (so kubectl works, its validation included), a
 * server-side-apply stand-in that is NOT
 * real SSA ({@link ApplyShim}: create, or replace the whole object), a correct merge patch,
 * set-based selectors for lists, and refusals where the mock would silently misbehave (dryRun).
 *
 * <p>Still missing: validation, defaulting, admission, RBAC, controllers, garbage collection,
 * managedFields; watches only over WebSocket (fabric8), not kubectl's HTTP streaming ({@code get
 * -w}); no tables (kubectl shows NAME, AGE).
 *
 * <p>Restartable, to stand for an API server that goes away and comes back empty: {@link #stop()}
 * closes the listener and every open connection (watches included) and drops all objects; {@link
 * #restart()} then listens again on the same port with a fresh store, seeded as at {@link
 * #start(int, SchemaCatalog)}. Clients built for {@link #url()} before a restart reach the new
 * server; {@link #client()} and {@link #requests()} stay the same objects throughout.
 */
public final class EmbeddedCluster implements AutoCloseable {
  /** Name of the cluster, user and context in written kubeconfigs. */
  public static final String NAME = "roster-dev";
  /** Namespaces every embedded cluster starts with. */
  public static final List<String> NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  // A strong reference: JUL keeps loggers weakly, and the level must stick.
  private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());

  private final SchemaCatalog catalog;
  private final int port;
  private final String url;
  private final ServerRequests requests;
  private final Denials denials;
  private final KubernetesClient client;
  private KubernetesMockServer server; // null while stopped; guarded by this

  private EmbeddedCluster(int port, ServerRequests requests, Denials denials,
      SchemaCatalog catalog) {
    this.requests = requests;
    this.denials = denials;
    this.catalog = catalog;
    this.port = port;
    this.url = "http://127.0.0.1:" + port;
    this.client = KubeClients.forUrl(url, "default");
  }

  /** Starts on an ephemeral port with CRDs for the bundled catalog. */
  public static EmbeddedCluster start() {
    return start(0, SchemaCatalog.bundled());
  }

  /**
   * Starts on {@code port} (0: ephemeral) with a CRD for every non-core kind in {@code catalog}.
   *
   * @throws UncheckedIOException wrapping a {@link BindException} if the port is taken
   */
  public static EmbeddedCluster start(int port, SchemaCatalog catalog) {
    MOCK_LOG.setLevel(Level.WARNING); // else one INFO line per request on stderr
    ServerRequests requests = new ServerRequests();
    Denials denials = new Denials();
    KubernetesMockServer server = listen(port, requests, denials, catalog);
    EmbeddedCluster cluster = new EmbeddedCluster(server.getPort(), requests, denials, catalog);
    try {
      cluster.serve(server);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * Stops the server, as a killed API server: the port refuses connections, open connections
   * (watches included) are closed, and every object is lost. Clients stay open. Idempotent.
   */
  public synchronized void stop() {
    if (server != null) {
      KubernetesMockServer s = server;
      server = null;
      s.destroy();
    }
  }

  /**
   * Stops the server if it runs, then starts an empty one on the same port, seeded as a new
   * cluster (the catalog's CRDs and {@link #NAMESPACES}, nothing else).
   *
   * @throws UncheckedIOException wrapping a {@link BindException} if the port was taken meanwhile
   */
  public synchronized void restart() {
    stop();
    serve(listen(port, requests, denials, catalog));
  }

  /** Whether the server is listening (false after {@link #stop()} until {@link #restart()}). */
  public synchronized boolean running() {
    return server != null;
  }

  private static KubernetesMockServer listen(int port, ServerRequests requests,
      Denials denials, SchemaCatalog catalog) {
    EmbeddedDispatcher dispatcher = new EmbeddedDispatcher(requests, denials, catalog);
    KubernetesMockServer server = new KubernetesMockServer(
        new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), dispatcher,
        false);
    // The mock keeps every request in a queue for takeRequest(); drain it so memory stays flat.
    dispatcher.beforeEach(() -> drain(server));
    try {
      server.init(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    } catch (RuntimeException | IOException e) {
      server.destroy();
      BindException bind = new BindException("cannot listen on 127.0.0.1:" + port + ": " + e);
      bind.initCause(e);
      throw new UncheckedIOException(bind);
    }
    dispatcher.serverAddress("127.0.0.1:" + server.getPort());
    return server;
  }

  /** Makes {@code started} this cluster's server and seeds it; stops it if seeding fails. */
  private void serve(KubernetesMockServer started) {
    server = started;
    try {
      seed();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private void seed() {
    for (CustomResourceDefinition crd : CatalogCrds.of(catalog)) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
    for (String ns : NAMESPACES) {
      client.namespaces().resource(
          new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
  }

  /** A client of this cluster (namespace {@code default}); closed by {@link #close}. */
  public KubernetesClient client() {
    return client;
  }

  /**
   * The requests this server has received from any client, seeding (and re-seeding on {@link
   * #restart()}) included; call {@link ServerRequests#reset()} before the part under test.
   */
  public ServerRequests requests() {
    return requests;
  }

  /**
   * Refuses {@code verb} on {@code resource} of {@code group} ("" for core) in {@code namespace}
   * from now on, with the 403 a real API server's RBAC answers ({@code *}: everywhere; {@code ""}:
   * requests that name no namespace, i.e. all-namespace lists and watches and cluster-scoped
   * kinds, as an install with Roles only sees it). There is no RBAC otherwise.
   */
  public void deny(String verb, String group, String resource, String namespace) {
    denials.add(new Denials.Rule(verb, group, resource, namespace));
  }

  /** Drops every {@link #deny} refusal. */
  public void allowAll() {
    denials.clear();
  }

  /** The server URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return url;
  }

  /** The port it listens on, the same across {@link #restart()}s. */
  public int port() {
    return port;
  }

  /**
   * Writes a kubeconfig for this cluster (cluster, user and context all named {@value #NAME},
   * namespace {@code default}, no credentials) to {@code file}, creating parent directories.
   *
   * @return {@code file}
   */
  public Path writeKubeconfig(Path file) throws IOException {
    String yaml = DevKubeconfig.text(NAME, url, "default");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.writeString(file, yaml, StandardCharsets.UTF_8);
  }

  /** Stops the server and closes the client; objects are lost. Idempotent. */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      stop();
    }
  }

  private static void drain(KubernetesMockServer server) {
    try {
      while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
