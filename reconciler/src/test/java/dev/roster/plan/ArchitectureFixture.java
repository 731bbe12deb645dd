package dev.roster.plan;

import dev.roster.apply.ApplyOptions;
import dev.roster.devcluster.EmbeddedCluster;

/**
 * A known violation for {@code dev.roster.ArchitectureTest}: a plan-stage class that reaches the
 * apply stage and the embedded API server. Never used outside that test (tests are exempt from
 * the rules; the test imports this class on purpose to prove the rules can fail).
 */
public final class ArchitectureFixture {
  private ArchitectureFixture() {}

  static Object reachesLater() {
    return ApplyOptions.defaults();
  }

  static AutoCloseable reachesDevcluster() {
    return EmbeddedCluster.start();
  }
}
