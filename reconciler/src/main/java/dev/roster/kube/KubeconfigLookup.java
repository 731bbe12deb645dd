package dev.roster.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a client without {@code --kubeconfig} finds its cluster, checked before fabric8 would fall
 * back to {@code https://kubernetes.default.svc} and fail seconds later with an unknown host:
 * {@code -Dkubeconfig} or {@code $KUBECONFIG} (files separated by the path separator, as kubectl
 * reads them), else {@code ~/.kube/config}; an in-cluster service ({@code
 * $KUBERNETES_SERVICE_HOST}) or an explicit master ({@code -Dkubernetes.master}, {@code
 * $KUBERNETES_MASTER}) also counts. Pure: the environment, system properties and home come in.
 */
record KubeconfigLookup(UnaryOperator<String> env, UnaryOperator<String> properties, Path home) {

  /** The lookup of this process. */
  static KubeconfigLookup current() {
    String home = System.getenv("HOME");
    return new KubeconfigLookup(System::getenv, System::getProperty,
        Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home")));
  }

  /** Why no cluster is configured, naming every place looked at; empty if one is. */
  Optional<String> missing() {
    if (set(properties.apply("kubernetes.master")) || set(env.apply("KUBERNETES_MASTER"))
        || set(env.apply("KUBERNETES_SERVICE_HOST"))) {
      return Optional.empty();
    }
    String property = properties.apply("kubeconfig");
    String variable = env.apply("KUBECONFIG");
    String named = set(property) ? property : set(variable) ? variable : null;
    String[] files = named != null ? named.split(File.pathSeparator)
        : new String[] {home.resolve(".kube").resolve("config").toString()};
    if (Arrays.stream(files).filter(f -> !f.isEmpty()).anyMatch(f -> Files.isRegularFile(
        Path.of(f)))) {
      return Optional.empty();
    }
    String where = set(property) ? "-Dkubeconfig names no existing file ('" + property + "')"
        : set(variable) ? "$KUBECONFIG names no existing file ('" + variable + "')"
        : "$KUBECONFIG is not set and " + files[0] + " does not exist";
    return Optional.of("no kubeconfig: --kubeconfig not given, " + where
        + ", and not inside a cluster ($KUBERNETES_SERVICE_HOST not set); pass --kubeconfig FILE,"
        + " or --embedded-cluster to try Roster on an in-process API server");
  }

  private static boolean set(String s) {
    return s != null && !s.isBlank();
  }
}
