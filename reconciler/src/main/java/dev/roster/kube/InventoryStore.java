package dev.roster.kube;

import dev.roster.load.ResourceKey;
import dev.roster.plan.Inventory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps each source's inventory in a ConfigMap {@code roster-inventory-<source>}: one line per
 * object ({@code group|Kind|namespace|name}), gzip-compressed in {@code binaryData}, so 10,000
 * objects take about 60 KiB, far below the 1 MiB object limit. Survives restarts of Roster.
 */
public final class InventoryStore {
  static final String KEY = "inventory.gz";
  /** Data key of {@link Inventory#unlisted}, present only when not zero. */
  static final String UNLISTED = "unlisted";
  private final KubernetesClient client;
  private final String namespace;
  /** The last inventory read or written per source, with its ConfigMap's resourceVersion. */
  private final Map<String, Stored> last = new ConcurrentHashMap<>();

  /**
   * What this store wrote last per source: the key set (by identity, so checking costs nothing)
   * with its {@code binaryData}, the runs with their {@code data} text, and the maps as sent at
   * the resourceVersion they got. Encoding is a pure function of the value, so a one-file change
   * that keeps the key set (only the revision moves) writes without sorting and compressing
   * every key again, and sends only the revision.
   */
  private final Map<String, Encoded> encoded = new ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicLong encodings =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong patchesRefused =
      new java.util.concurrent.atomic.AtomicLong();

  private record Stored(String resourceVersion, Inventory inventory) {}

  private record Encoded(Set<ResourceKey> keys, String keysGz, Map<ResourceKey, String> runs,
      String runsText, String resourceVersion, Map<String, String> data,
      Map<String, String> binaryData) {}

  public InventoryStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The ConfigMap name for a source. */
  public static String name(String source) {
    String n = ("roster-inventory-" + source).toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    return n.length() > 253 ? n.substring(0, 253) : n;
  }

  /**
   * The stored inventory, or an empty one when the source never applied. Throws {@link
   * ClusterException} ({@link ClusterReason#INVENTORY_CORRUPT}) naming the ConfigMap when it
   * cannot be decoded: a guess could prune the wrong objects or keep the wrong ones forever.
   */
  public Inventory read(String source) {
    ConfigMap cm;
    try {
      cm = client.configMaps().inNamespace(namespace).withName(name(source)).get();
    } catch (KubernetesClientException e) {
      throw ClusterException.from(e);
    }
    if (cm == null || cm.getBinaryData() == null || !cm.getBinaryData().containsKey(KEY)) {
      return Inventory.empty(source);
    }
    String rv = cm.getMetadata().getResourceVersion();
    Stored known = last.get(source);
    if (known != null && rv != null && rv.equals(known.resourceVersion())) {
      return known.inventory(); // unchanged since read or written: skip decoding it again
    }
    Inventory inv;
    try {
      inv = decode(source, cm);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ClusterException(ClusterReason.INVENTORY_CORRUPT, "inventory ConfigMap "
          + namespace + "/" + name(source) + " cannot be decoded (binaryData." + KEY + ": "
          + e.getMessage() + "):"
          + " nothing planned, nothing pruned; rebuild it from Git and the objects labelled "
          + "roster.dev/source=" + source + " with 'roster apply --rebuild-inventory'", e);
    }
    if (rv != null) {
      last.put(source, new Stored(rv, inv));
    }
    return inv;
  }

  private static Inventory decode(String source, ConfigMap cm) {
    String revision = cm.getData() == null ? "" : cm.getData().getOrDefault("revision", "");
    Set<ResourceKey> keys = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    String[] lines = gunzip(Base64.getDecoder().decode(cm.getBinaryData().get(KEY))).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] p = lines[i].split("\\|", -1);
      if (p.length != 4 || p[1].isEmpty() || p[3].isEmpty()) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not group|Kind|namespace|name");
      }
      keys.add(new ResourceKey(p[0], p[1], p[2], p[3]));
    }
    return new Inventory(source, revision, Set.copyOf(keys),
        RunLedger.parse(cm.getData() == null ? null : cm.getData().get(RunLedger.KEY)),
        unlisted(cm));
  }

  /** {@code data.unlisted}; anything but a count reads as 1, so plans keep looking. */
  private static int unlisted(ConfigMap cm) {
    String n = cm.getData() == null ? null : cm.getData().get(UNLISTED);
    if (n == null || n.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(n.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * Drops what was remembered, so the next read decodes what is stored: a resourceVersion is
   * unique only within one API server's history, and a server that came back empty reuses them.
   * What it wrote is forgotten too, so no patch is made against maps it sent to that history.
   */
  public void forget() {
    last.clear();
    encoded.clear();
  }

  /**
   * Replaces the stored inventory. When the ConfigMap is as this store wrote it last (its
   * resourceVersion unmoved), only what differs is sent: a JSON Patch testing that
   * resourceVersion (a one-file change moves the revision, not the keys); else, or when the
   * patch is refused, the whole ConfigMap. Either way it then holds the same bytes.
   */
  public void write(Inventory inv) {
    Encoded before = encoded.get(inv.source());
    String keysGz;
    if (before != null && before.keys() == inv.keys()) {
      keysGz = before.keysGz();
    } else {
      keysGz = encode(inv.keys());
      encodings.incrementAndGet();
    }
    String runsText = before != null && before.runs().equals(inv.runs()) ? before.runsText()
        : RunLedger.text(inv.runs());
    Map<String, String> data = RunLedger.withRuns(data(inv), runsText);
    Map<String, String> binaryData = Map.of(KEY, keysGz);
    Stored known = last.get(inv.source());
    try {
      ConfigMap stored = known != null && before != null
          && known.resourceVersion().equals(before.resourceVersion())
          ? patch(inv.source(), before, data, binaryData) : null;
      if (stored == null) {
        stored = store(new ConfigMapBuilder()
            .withNewMetadata().withName(name(inv.source())).withNamespace(namespace)
            .addToLabels("app.kubernetes.io/managed-by", "roster")
            .addToLabels("roster.dev/inventory", "true")
            .endMetadata()
            .withData(data).withBinaryData(binaryData).build(), known);
      }
      String rv = stored == null || stored.getMetadata() == null ? null
          : stored.getMetadata().getResourceVersion();
      if (rv != null) {
        last.put(inv.source(), new Stored(rv, inv));
      } else {
        last.remove(inv.source());
      }
      encoded.put(inv.source(), new Encoded(inv.keys(), keysGz, inv.runs(), runsText,
          rv == null ? "" : rv, data, binaryData));
    } catch (KubernetesClientException e) {
      last.remove(inv.source());
      throw ClusterException.from(e);
    }
  }

  /** The ConfigMap after a patch from {@code before}; null when refused or not expressible. */
  private ConfigMap patch(String source, Encoded before, Map<String, String> data,
      Map<String, String> binaryData) {
    String json = DataPatch.of(before.resourceVersion(), before.data(), before.binaryData(),
        data, binaryData);
    if (json == null) {
      return null;
    }
    try {
      ConfigMap stub = new ConfigMapBuilder().withNewMetadata().withName(name(source))
          .withNamespace(namespace).endMetadata().build(); // by name, the client reads first
      return client.configMaps().inNamespace(namespace).resource(stub)
          .patch(PatchContext.of(PatchType.JSON), json);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409 || e.getCode() == 422) {
        patchesRefused.incrementAndGet();
        return null; // moved since written: replaced whole, as without a patch
      }
      throw e;
    }
  }

  /** How many patches the API server refused (the ConfigMap had moved), for tests. */
  long patchesRefused() {
    return patchesRefused.get();
  }

  /** How many key sets {@link #write} encoded (the others reused the last encoding), for tests. */
  long encodings() {
    return encodings.get();
  }

  /** {@code binaryData.inventory.gz} for {@code keys}: sorted lines, gzip, base64. */
  static String encode(Set<ResourceKey> keys) {
    String lines = keys.stream()
        .map(k -> k.group() + "|" + k.kind() + "|" + k.namespace() + "|" + k.name())
        .sorted().collect(Collectors.joining("\n"));
    return Base64.getEncoder().encodeToString(gzip(lines));
  }

  private static Map<String, String> data(Inventory inv) {
    Map<String, String> data = new java.util.HashMap<>(Map.of("source", inv.source(),
        "revision", inv.revision(), "count", String.valueOf(inv.keys().size())));
    if (inv.unlisted() > 0) {
      data.put(UNLISTED, String.valueOf(inv.unlisted()));
    }
    return data;
  }

  /**
   * Writes {@code cm}: a replace at the resourceVersion last seen when there is one (one request),
   * else create-or-replace; a replace that finds the ConfigMap changed or gone falls back too.
   */
  private ConfigMap store(ConfigMap cm, Stored known) {
    var configMaps = client.configMaps().inNamespace(namespace);
    if (known != null) {
      cm.getMetadata().setResourceVersion(known.resourceVersion());
      try {
        return configMaps.resource(cm).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 409) {
          throw e;
        }
        cm.getMetadata().setResourceVersion(null);
      }
    }
    return configMaps.resource(cm).createOr(c -> c.update());
  }

  private static byte[] gzip(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
      z.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String gunzip(byte[] b) {
    try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(b))) {
      return new String(z.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
