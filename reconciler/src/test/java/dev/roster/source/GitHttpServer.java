package dev.roster.source;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

/**
 * A smart-HTTP Git server for tests: JGit's {@link GitServlet} on Jetty, bound to 127.0.0.1 on
 * an ephemeral port, serving (fetch only) every repository under a root directory as {@code
 * http://127.0.0.1:<port>/git/<name>}. Optionally demands HTTP basic auth with one user name and
 * password. Counts the requests it serves.
 */
public final class GitHttpServer implements AutoCloseable {
  private final Server server;
  private final int port;
  private final AtomicInteger requests = new AtomicInteger();

  private GitHttpServer(Path root, String user, String password) throws Exception {
    GitServlet git = new GitServlet();
    Path base = root.toAbsolutePath().normalize();
    git.setRepositoryResolver((HttpServletRequest req, String name) -> open(base, name));
    ServletContextHandler ctx = new ServletContextHandler();
    ctx.setContextPath("/");
    ctx.addServlet(new ServletHolder(git), "/git/*");
    String expected = user == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Filter filter = (req, res, chain) -> {
      requests.incrementAndGet();
      String auth = ((HttpServletRequest) req).getHeader("Authorization");
      if (expected != null && !expected.equals(auth)) {
        HttpServletResponse r = (HttpServletResponse) res;
        r.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        r.sendError(401);
        return;
      }
      chain.doFilter(req, res);
    };
    ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(ctx);
    server.start();
    port = connector.getLocalPort();
  }

  /** Serves the repositories under {@code root} to anyone. */
  public static GitHttpServer start(Path root) throws Exception {
    return new GitHttpServer(root, null, null);
  }

  /** Serves the repositories under {@code root} to clients sending this user and password. */
  public static GitHttpServer start(Path root, String user, String password) throws Exception {
    return new GitHttpServer(root, user, password);
  }

  /** URL of the repository in directory {@code name} under the root. */
  public String url(String name) {
    return "http://127.0.0.1:" + port + "/git/" + name;
  }

  public int port() {
    return port;
  }

  /** Requests served so far (including refused ones). */
  public int requestCount() {
    return requests.get();
  }

  private static Repository open(Path base, String name) throws RepositoryNotFoundException {
    Path dir = base.resolve(name).normalize();
    if (!dir.startsWith(base)) {
      throw new RepositoryNotFoundException(name);
    }
    try {
      RepositoryCache.FileKey key = RepositoryCache.FileKey.lenient(dir.toFile(), FS.DETECTED);
      if (!RepositoryCache.FileKey.isGitRepository(key.getFile(), FS.DETECTED)) {
        throw new RepositoryNotFoundException(name);
      }
      return key.open(true);
    } catch (java.io.IOException e) {
      throw new RepositoryNotFoundException(name, e);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
