package dev.roster.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigLookupTest {
  private static KubeconfigLookup lookup(Map<String, String> env, Map<String, String> props,
      Path home) {
    return new KubeconfigLookup(env::get, props::get, home);
  }

  @Test
  void nothingAnywhereNamesEveryPlaceLooked(@TempDir Path home) {
    String why = lookup(Map.of(), Map.of(), home).missing().orElseThrow();
    assertEquals("no kubeconfig: --kubeconfig not given, $KUBECONFIG is not set and "
        + home.resolve(".kube/config") + " does not exist, and not inside a cluster"
        + " ($KUBERNETES_SERVICE_HOST not set); pass --kubeconfig FILE, or --embedded-cluster to"
        + " try Roster on an in-process API server", why);
  }

  @Test
  void kubeconfigVariableNamingNoFileIsMissing(@TempDir Path home) {
    String why = lookup(Map.of("KUBECONFIG", "/nope/a" + File.pathSeparator + "/nope/b"), Map.of(),
        home).missing().orElseThrow();
    assertTrue(why.contains("$KUBECONFIG names no existing file ('/nope/a"), why);
  }

  @Test
  void anyExistingFileOrInClusterOrMasterIsEnough(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve(".kube"));
    Path file = Files.writeString(home.resolve(".kube/config"), "");
    assertEquals(Optional.empty(), lookup(Map.of(), Map.of(), home).missing());
    assertEquals(Optional.empty(), lookup(Map.of("KUBECONFIG", "/nope" + File.pathSeparator
        + file), Map.of(), home.resolve("elsewhere")).missing());
    assertEquals(Optional.empty(), lookup(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"),
        Map.of(), home.resolve("elsewhere")).missing());
    assertEquals(Optional.empty(), lookup(Map.of(), Map.of("kubernetes.master",
        "https://k:6443"), home.resolve("elsewhere")).missing());
    assertTrue(lookup(Map.of("KUBECONFIG", file.toString()), Map.of("kubeconfig", "/nope"),
        home).missing().orElseThrow().contains("-Dkubeconfig names no existing file"));
  }
}
