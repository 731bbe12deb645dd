package dev.roster.devcluster;

import static dev.roster.devcluster.EmbeddedClusterTest.AGENT_API;
import static dev.roster.devcluster.EmbeddedClusterTest.agent;
import static dev.roster.devcluster.EmbeddedClusterTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server-side-apply stand-in and the merge-patch fix. */
class PatchShimsTest {
  static EmbeddedCluster cluster;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    cluster = EmbeddedCluster.start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void serverSideApplyReplacesTheWholeObjectAndKeepsStatus() {
    var agents = client.genericKubernetesResources(AGENT_API, "KomputerAgent").inNamespace("ssa");
    GenericKubernetesResource first = agent("gamma", "red", "first");
    spec(first).put("extra", "to be removed");
    GenericKubernetesResource created = agents.resource(first).fieldManager("roster")
        .forceConflicts().serverSideApply();
    assertEquals("to be removed", spec(created).get("extra"));

    agents.withName("gamma").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"status\":{\"phase\":\"Running\"}}");

    GenericKubernetesResource second = agent("gamma", "red", "second");
    second.getMetadata().setLabels(Map.of());
    GenericKubernetesResource applied = agents.resource(second).fieldManager("roster")
        .forceConflicts().serverSideApply();
    assertFalse(spec(applied).containsKey("extra"), applied::toString);
    assertEquals("second", spec(applied).get("instructions"));
    assertTrue(applied.getMetadata().getLabels() == null
        || applied.getMetadata().getLabels().isEmpty());
    assertEquals(created.getMetadata().getUid(), applied.getMetadata().getUid());
    assertEquals(2L, applied.getMetadata().getGeneration());
    assertEquals(Map.of("phase", "Running"), applied.getAdditionalProperties().get("status"));
  }

  @Test
  void serverSideApplyOfABuiltInKind() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("applied")
        .withNamespace("ssa").endMetadata().addToData("a", "1").addToData("b", "2").build();
    client.resource(cm).fieldManager("roster").forceConflicts().serverSideApply();
    cm.getData().remove("b");
    ConfigMap applied = client.resource(cm).fieldManager("roster").forceConflicts()
        .serverSideApply();
    assertEquals(Map.of("a", "1"), applied.getData());
  }

  @Test
  void mergePatchNullDeletesTheKey() {
    var agents = client.genericKubernetesResources(AGENT_API, "KomputerAgent").inNamespace("mp");
    GenericKubernetesResource a = agent("delta", "red", "x");
    spec(a).put("extra", "gone soon");
    agents.resource(a).create();
    GenericKubernetesResource patched = agents.withName("delta").patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"tier\":null}},\"spec\":{\"extra\":null,\"model\":\"m2\"}}");
    assertFalse(spec(patched).containsKey("extra"), patched::toString);
    assertEquals("m2", spec(patched).get("model"));
    assertTrue(patched.getMetadata().getLabels() == null
        || !patched.getMetadata().getLabels().containsKey("tier"));
  }

  @Test
  void mergePatchWithAStaleResourceVersionConflicts() {
    ConfigMap cm = client.configMaps().inNamespace("mp").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("pinned").endMetadata().addToData("a", "1").build()).create();
    client.configMaps().inNamespace("mp").withName("pinned").edit(c -> {
      c.getData().put("a", "2");
      return c;
    });
    String stale = "{\"metadata\":{\"resourceVersion\":\"" + cm.getMetadata().getResourceVersion()
        + "\"},\"data\":{\"a\":\"3\"}}";
    var e = assertThrows(KubernetesClientException.class, () -> client.configMaps()
        .inNamespace("mp").withName("pinned").patch(PatchContext.of(PatchType.JSON_MERGE), stale));
    assertEquals(409, e.getCode());
  }

  @Test
  void strategicMergePatchIsApproximatedByMergePatch() {
    client.configMaps().inNamespace("mp").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("smp").endMetadata().addToData("a", "1").addToData("b", "2").build()).create();
    ConfigMap patched = client.configMaps().inNamespace("mp").withName("smp").patch(
        PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"data\":{\"b\":null,\"c\":\"3\"},\"$setElementOrder/x\":[]}");
    assertEquals(Map.of("a", "1", "c", "3"), patched.getData());
  }

  @Test
  void mergeFollowsRfc7386() {
    JsonNode target = Serialization.unmarshal("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}",
        JsonNode.class);
    JsonNode patch = Serialization.unmarshal("{\"a\":\"z\",\"c\":{\"f\":null}}", JsonNode.class);
    assertEquals(Serialization.unmarshal("{\"a\":\"z\",\"c\":{\"d\":\"e\"}}", JsonNode.class),
        MergePatchShim.merge(target, patch));
  }
}
