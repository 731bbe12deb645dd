package dev.roster.chart;

import static dev.roster.chart.Charts.all;
import static dev.roster.chart.Charts.at;
import static dev.roster.chart.Charts.container;
import static dev.roster.chart.Charts.list;
import static dev.roster.chart.Charts.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every optional feature of the chart, rendered on and off. */
class ChartOptionsTest {
  /** Every optional feature on. */
  static final String[] ALL_ON = {
      "replicas: 3",
      "imagePullSecrets: [{name: regcred}]",
      "podAnnotations: {prometheus.io/scrape: 'false'}",
      "podLabels: {team: platform}",
      "priorityClassName: system-cluster-critical",
      "nodeSelector: {kubernetes.io/os: linux}",
      "tolerations: [{key: dedicated, operator: Equal, value: gitops, effect: NoSchedule}]",
      "affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1,"
          + " podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector:"
          + " {matchLabels: {app.kubernetes.io/name: roster}}}}]}}",
      "topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone,"
          + " whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels:"
          + " {app.kubernetes.io/name: roster}}}]",
      "extraEnv: [{name: ROSTER_SSH_KNOWN_HOSTS, value: /etc/roster-ssh/known_hosts}]",
      "extraVolumes: [{name: ssh, secret: {secretName: git-ssh}}]",
      "extraVolumeMounts: [{name: ssh, mountPath: /etc/roster-ssh, readOnly: true}]",
      "extraArgs: [--concurrency=4]",
      "serviceAccount: {annotations: {iam.gke.io/gcp-service-account: roster@p.iam.gserviceaccount.com}}",
      "metrics: {serviceMonitor: {enabled: true, labels: {release: prometheus}}}",
      "ingress: {enabled: true, className: nginx, tls: [{secretName: roster-tls,"
          + " hosts: [roster.example.com]}]}",
      "networkPolicy: {enabled: true, metricsFrom: [{namespaceSelector: {matchLabels:"
          + " {kubernetes.io/metadata.name: monitoring}}}]}",
  };

  /** Every optional feature off. */
  static final String[] ALL_OFF = {
      "replicas: 1",
      "serviceAccount: {create: false, name: existing-sa}",
      "rbac: {create: false}",
  };

  @TempDir Path dir;

  @Test
  void withEverythingOffOnlyTheCoreIsRendered() {
    List<Map<String, Object>> objects = Charts.render(dir, ALL_OFF);
    assertEquals(List.of("ConfigMap", "Deployment", "Service"), Charts.kinds(objects));
    Map<String, Object> pod = Charts.map(one(objects, "Deployment"), "spec", "template", "spec");
    assertEquals("existing-sa", pod.get("serviceAccountName"));
    for (String absent : List.of("imagePullSecrets", "nodeSelector", "tolerations", "affinity",
        "topologySpreadConstraints", "priorityClassName")) {
      assertEquals(null, pod.get(absent), absent);
    }
    assertEquals(List.of("config", "cache", "tmp"), list(pod, "volumes").stream()
        .map(v -> ((Map<?, ?>) v).get("name")).toList());
  }

  @Test
  void withEverythingOnEachFeatureIsRendered() {
    List<Map<String, Object>> objects = Charts.render(dir, ALL_ON);
    Map<String, Object> deployment = one(objects, "Deployment");
    Map<String, Object> pod = Charts.map(deployment, "spec", "template", "spec");
    assertEquals(3, at(deployment, "spec", "replicas"));
    assertEquals("[{name=regcred}]", String.valueOf(pod.get("imagePullSecrets")));
    assertEquals("system-cluster-critical", pod.get("priorityClassName"));
    assertEquals("{kubernetes.io/os=linux}", String.valueOf(pod.get("nodeSelector")));
    assertEquals("dedicated", at(pod, "tolerations", 0, "key"));
    assertEquals("kubernetes.io/hostname", at(pod, "affinity", "podAntiAffinity",
        "preferredDuringSchedulingIgnoredDuringExecution", 0, "podAffinityTerm", "topologyKey"));
    assertEquals("topology.kubernetes.io/zone",
        at(pod, "topologySpreadConstraints", 0, "topologyKey"));
    Map<String, Object> template = Charts.map(deployment, "spec", "template", "metadata");
    assertEquals("false", at(template, "annotations", "prometheus.io/scrape"));
    assertTrue(at(template, "annotations", "checksum/config") != null);
    assertEquals("platform", at(template, "labels", "team"));

    Map<String, Object> c = container(objects);
    assertTrue(list(c, "env").contains(Map.of("name", "ROSTER_SSH_KNOWN_HOSTS",
        "value", "/etc/roster-ssh/known_hosts")), String.valueOf(c.get("env")));
    assertTrue(list(c, "volumeMounts").contains(Map.of("name", "ssh",
        "mountPath", "/etc/roster-ssh", "readOnly", true)), String.valueOf(c.get("volumeMounts")));
    assertTrue(list(pod, "volumes").contains(Map.of("name", "ssh",
        "secret", Map.of("secretName", "git-ssh"))), String.valueOf(pod.get("volumes")));
    assertTrue(list(c, "args").contains("--concurrency=4"), String.valueOf(c.get("args")));

    assertEquals("roster@p.iam.gserviceaccount.com", at(one(objects, "ServiceAccount"),
        "metadata", "annotations", "iam.gke.io/gcp-service-account"));

    Map<String, Object> pdb = one(objects, "PodDisruptionBudget");
    assertEquals(1, at(pdb, "spec", "minAvailable"));
    assertEquals("r1", at(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/instance"));

    Map<String, Object> sm = one(objects, "ServiceMonitor");
    assertEquals("prometheus", at(sm, "metadata", "labels", "release"));
    assertEquals("metrics", at(sm, "spec", "endpoints", 0, "port"));
    assertEquals("/metrics", at(sm, "spec", "endpoints", 0, "path"));

    Map<String, Object> ingress = one(objects, "Ingress");
    assertEquals("nginx", at(ingress, "spec", "ingressClassName"));
    assertEquals("roster-tls", at(ingress, "spec", "tls", 0, "secretName"));
    Map<String, Object> path = Charts.map(ingress, "spec", "rules", 0, "http", "paths", 0);
    assertEquals("/hooks", path.get("path"));
    assertEquals("Prefix", path.get("pathType"));
    assertEquals(Map.of("name", "r1-roster", "port", Map.of("name", "http")),
        at(path, "backend", "service"), "webhooks only: never the metrics port");

    Map<String, Object> np = one(objects, "NetworkPolicy");
    assertEquals("http", at(np, "spec", "ingress", 0, "ports", 0, "port"));
    assertEquals(null, at(np, "spec", "ingress", 0, "from"), "webhooks from anywhere");
    assertEquals("metrics", at(np, "spec", "ingress", 1, "ports", 0, "port"));
    assertEquals("monitoring", at(np, "spec", "ingress", 1, "from", 0, "namespaceSelector",
        "matchLabels", "kubernetes.io/metadata.name"));
  }

  @Test
  void thePodDisruptionBudgetIsOnByDefaultWithMoreThanOneReplica() {
    assertEquals(1, all(Charts.render(dir, "{}"), "PodDisruptionBudget").size(),
        "2 replicas by default");
    assertEquals(0, all(Charts.render(dir, "replicas: 1"), "PodDisruptionBudget").size());
    assertEquals(0, all(Charts.render(dir, "podDisruptionBudget: {enabled: false}"),
        "PodDisruptionBudget").size());
  }

  @Test
  void nameOverridesNameEveryObject() {
    List<Map<String, Object>> full = Charts.render(dir, "fullnameOverride: gitops");
    assertEquals("gitops", at(one(full, "Deployment"), "metadata", "name"));
    assertEquals("gitops", at(one(full, "Service"), "metadata", "name"));
    assertEquals("gitops", at(one(full, "ServiceAccount"), "metadata", "name"));
    assertEquals("gitops-roster-system", at(one(full, "ClusterRole"), "metadata", "name"));
    List<Map<String, Object>> name = Charts.render(dir, "nameOverride: agents-sync");
    assertEquals("r1-agents-sync", at(one(name, "Deployment"), "metadata", "name"));
    assertEquals("agents-sync", at(one(name, "Deployment"), "spec", "selector", "matchLabels",
        "app.kubernetes.io/name"));
  }
}
