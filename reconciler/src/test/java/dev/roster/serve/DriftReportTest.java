package dev.roster.serve;

import static dev.roster.serve.ServeRig.APPS;
import static dev.roster.serve.ServeRig.NEVER;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.serve.metrics.Metrics;
import dev.roster.status.Conditions;
import dev.roster.status.SourceStatus;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** drift=report leaves a hand edit live, and status names the object, not only that it did. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DriftReportTest {
  @TempDir Path tmp;
  private ServeRig rig;

  @BeforeEach
  void setUp() throws Exception {
    rig = new ServeRig(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  @Test
  void statusNamesTheDriftedObject() throws Exception {
    String c1 = rig.seed("a", "b");
    rig.serve(ServeRig.settings(rig.source(NEVER).toBuilder().driftReportOnly(true).build()),
        new Metrics());
    rig.awaitApplied(c1);
    rig.cluster.client().configMaps().inNamespace(APPS).withName("b")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("value", "by hand").build());
    SourceStatus s = rig.awaitStatus("drift reported", st -> st.condition(Conditions.READY)
        .filter(c -> Conditions.DRIFT_DETECTED.equals(c.reason())).isPresent());
    String message = s.condition(Conditions.READY).orElseThrow().message();
    assertTrue(message.endsWith("(drift=report): update ConfigMap apps/b"), message);
    assertTrue("by hand".equals(rig.live().get("b")), rig.live().toString());
  }
}
