package dev.roster.plan;

import dev.roster.load.CompactTrees;
import dev.roster.load.PointerIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds Roster's ownership labels and provenance annotations to a desired object. */
final class Stamper {
  private Stamper() {}

  /** A copy of {@code d}'s object with ownership labels and provenance annotations. */
  static Map<String, Object> stamp(DesiredObject d, Planner.Options o) {
    Map<String, Object> copy = new LinkedHashMap<>(d.object());
    copy.remove("status");
    Map<String, Object> meta = new LinkedHashMap<>(map(copy.get("metadata")));
    copy.put("metadata", meta);
    Map<String, Object> labels = new LinkedHashMap<>(map(meta.get("labels")));
    labels.put(Ownership.MANAGED_BY, Ownership.MANAGER);
    labels.put(Ownership.SOURCE, o.source());
    meta.put("labels", labels);
    Map<String, Object> annotations = new LinkedHashMap<>(map(meta.get("annotations")));
    annotations.put(Ownership.REVISION, o.revision());
    annotations.put(Ownership.REPO, o.repo());
    if (d.origin() != null) {
      annotations.put(Ownership.FILE, d.origin().file());
    }
    meta.put("annotations", annotations);
    return copy;
  }

  /**
   * What {@link #stamp} and then setting the applied-fields annotation to {@code fields} make of
   * {@code d}, equal and in the same order, as read-only compact maps sharing {@code d}'s values:
   * for the many unchanged objects of a plan, which nothing writes to.
   */
  static Map<String, Object> stampCompact(DesiredObject d, Planner.Options o, String fields) {
    Map<String, Object> meta = map(d.object().get("metadata"));
    Map<String, Object> labels = CompactTrees.with(map(meta.get("labels")),
        Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.SOURCE, o.source());
    Map<String, Object> annotations = d.origin() != null
        ? CompactTrees.with(map(meta.get("annotations")), Ownership.REVISION, o.revision(),
            Ownership.REPO, o.repo(), Ownership.FILE, d.origin().file(),
            Ownership.APPLIED_FIELDS, fields)
        : CompactTrees.with(map(meta.get("annotations")), Ownership.REVISION, o.revision(),
            Ownership.REPO, o.repo(), Ownership.APPLIED_FIELDS, fields);
    Map<String, Object> top = new LinkedHashMap<>(d.object());
    top.remove("status");
    top.put("metadata", CompactTrees.with(meta, "labels", labels, "annotations", annotations));
    return CompactTrees.flat(top);
  }

  /**
   * {@code stamped} (what {@link #stamp} or {@link #stampCompact} made, with or without more
   * annotations) stamped with {@code revision} instead, equal to stamping its object again with
   * it, and in the same order; read-only, sharing the rest.
   */
  static Map<String, Object> restamp(Map<String, Object> stamped, String revision) {
    Map<String, Object> meta = map(stamped.get("metadata"));
    Map<String, Object> annotations = CompactTrees.with(map(meta.get("annotations")),
        Ownership.REVISION, revision);
    return CompactTrees.with(stamped, "metadata",
        CompactTrees.with(meta, "annotations", annotations));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> annotations(Map<String, Object> stamped) {
    return (Map<String, Object>) map(stamped.get("metadata")).get("annotations");
  }

  /** Ops that write the provenance annotations onto live, after the diff's own ops. */
  static List<Map<String, Object>> provenancePatch(Map<String, Object> stamped, LiveObject l) {
    List<Map<String, Object>> ops = new ArrayList<>();
    Map<String, Object> want = annotations(stamped);
    if (!(l.metadata().get("annotations") instanceof Map<?, ?>)) {
      return ops; // the diff adds the whole annotations map, provenance included
    }
    for (Map.Entry<String, Object> e : want.entrySet()) {
      if (Ownership.isProvenance(e.getKey()) && !e.getValue().equals(l.annotation(e.getKey()))) {
        ops.add(Differ.op("add", "/metadata/annotations/" + PointerIndex.escape(e.getKey()),
            e.getValue()));
      }
    }
    return ops;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }
}
