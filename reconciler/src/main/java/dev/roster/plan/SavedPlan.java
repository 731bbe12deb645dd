package dev.roster.plan;

import dev.roster.load.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code roster plan --out} binds an apply to (Terraform's saved plan): the source, the
 * cluster, the revision, and per planned object its live resourceVersion (null: absent live),
 * the planned operation and a digest of what would be written.
 *
 * <p>Contract: {@link #of} is a pure function of a plan, and two plans made from the same
 * revision against the same live state (same resourceVersions, same inventory) with the same
 * settings give equal saved plans. {@link #moves} names every difference, so an apply bound to a
 * saved plan can refuse one whose world moved and say what moved.
 *
 * @param source the source name
 * @param repo the repo as the user named it
 * @param cluster the API server planned against
 * @param revision the planned revision
 * @param objects every planned object, in plan order
 */
public record SavedPlan(String source, String repo, String cluster, String revision,
    List<Entry> objects) {
  public SavedPlan {
    objects = List.copyOf(objects);
  }

  /**
   * One planned object.
   *
   * @param key identity
   * @param operation the planned action, lower case ({@code create}, {@code update}, ...)
   * @param resourceVersion the live resourceVersion planned against; null when absent live
   * @param digest sha256 of what would be written (action, apiVersion, desired tree, rollout
   *     marker and hold), hex
   */
  public record Entry(ResourceKey key, String operation, String resourceVersion, String digest) {}

  /** The saved plan of {@code plan}, made from {@code repo} against {@code cluster}. */
  public static SavedPlan of(Plan plan, String repo, String cluster) {
    List<Entry> entries = new ArrayList<>();
    for (Change c : plan.changes()) {
      String rv = c.live() == null ? null : new LiveObject(c.key(), c.live()).resourceVersion();
      entries.add(new Entry(c.key(), c.action().name().toLowerCase(java.util.Locale.ROOT), rv,
          digest(c)));
    }
    return new SavedPlan(plan.source(), repo, cluster, plan.revision(), entries);
  }

  /**
   * What moved from this saved plan to {@code now} (the same plan made again), one sentence each:
   * the source, repo, cluster or revision; objects that appeared or disappeared live, whose live
   * resourceVersion changed, whose operation or written content changed, or that one plan has and
   * the other not. Empty when {@code now} is this plan.
   */
  public List<String> moves(SavedPlan now) {
    List<String> moved = new ArrayList<>();
    same(moved, "source", source, now.source);
    same(moved, "repo", repo, now.repo);
    same(moved, "cluster", cluster, now.cluster);
    if (!Objects.equals(revision, now.revision)) {
      moved.add("revision: planned " + revision + ", now " + now.revision
          + " (the repo has a new commit or the ref moved)");
    }
    Map<ResourceKey, Entry> later = new LinkedHashMap<>();
    now.objects.forEach(e -> later.put(e.key(), e));
    for (Entry was : objects) {
      Entry is = later.remove(was.key());
      String name = name(was.key());
      if (is == null) {
        moved.add(name + ": planned " + was.operation() + ", no longer in the plan");
      } else if (was.resourceVersion() == null && is.resourceVersion() != null) {
        moved.add(name + ": appeared live since the plan (resourceVersion "
            + is.resourceVersion() + ")");
      } else if (was.resourceVersion() != null && is.resourceVersion() == null) {
        moved.add(name + ": gone live since the plan (was resourceVersion "
            + was.resourceVersion() + ")");
      } else if (!Objects.equals(was.resourceVersion(), is.resourceVersion())) {
        moved.add(name + ": changed live since the plan (resourceVersion "
            + was.resourceVersion() + ", now " + is.resourceVersion() + ")");
      } else if (!was.operation().equals(is.operation())) {
        moved.add(name + ": planned " + was.operation() + ", now " + is.operation());
      } else if (!Objects.equals(was.digest(), is.digest())) {
        moved.add(name + ": what " + was.operation() + " would write changed since the plan");
      }
    }
    later.values().forEach(e -> moved.add(name(e.key()) + ": now planned " + e.operation()
        + ", not in the saved plan"));
    return List.copyOf(moved);
  }

  private static void same(List<String> moved, String what, String was, String is) {
    if (!Objects.equals(was, is)) {
      moved.add(what + ": planned for " + was + ", now " + is);
    }
  }

  /** {@code Kind namespace/name}, or {@code Kind name} when cluster-scoped. */
  private static String name(ResourceKey k) {
    return k.kind() + " " + (k.namespace().isEmpty() ? "" : k.namespace() + "/") + k.name();
  }

  private static String digest(Change c) {
    Map<String, Object> what = new TreeMap<>();
    what.put("action", c.action().name());
    what.put("apiVersion", c.apiVersion());
    what.put("desired", c.desired());
    what.put("marker", c.rollout().marker().name());
    what.put("hold", c.rollout().hold().name());
    StringBuilder canonical = new StringBuilder();
    canonical(what, canonical);
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sum);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A form of {@code v} that is equal for equal trees: map keys sorted, types tagged. */
  private static void canonical(Object v, StringBuilder out) {
    if (v instanceof Map<?, ?> m) {
      out.append('{');
      Map<String, Object> sorted = new TreeMap<>(); // null values kept (a prune's desired)
      m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      sorted.forEach((k, x) -> {
        out.append(quoted(k)).append(':');
        canonical(x, out);
        out.append(',');
      });
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      l.forEach(x -> {
        canonical(x, out);
        out.append(',');
      });
      out.append(']');
    } else if (v instanceof String s) {
      out.append(quoted(s));
    } else {
      out.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
    }
  }

  private static String quoted(String s) {
    return s.length() + "\"" + s; // length-prefixed: no escaping needed, no ambiguity
  }
}
