package dev.roster.plan;

import dev.roster.load.Metadata;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Three-way for the fields Roster leaves to the platform: runtime-owned fields of a profile and
 * fields users ignore ({@code roster.dev/ignore-fields} in Git, a source's {@code ignoreFields}).
 *
 * <p>Contract: Roster records, in the live annotation {@code roster.dev/applied-digests}, a short
 * digest of the Git value it last wrote at each such pointer ({@code {"/spec/x": "1a2b3c4d"}};
 * a pointer Git does not set has no entry). Comparing Git's digest with the recorded one tells who
 * changed a field: when they differ, Git changed it, and the difference is written like any other
 * (through the rollout gate); when they are equal, only live changed, and the difference is left
 * alone and reported as {@link Unwritten}. A live object without the annotation (Git set none of
 * these fields when it was last applied, or it was made before this record existed, or adopted):
 * a field Git sets now and did not set then ({@code roster.dev/applied-fields}) is Git's change
 * and written; any other difference is taken as platform-written: live is kept, Git's digest
 * recorded.
 * A create writes Git's value. A held field keeps its recorded digest until it is written.
 */
public final class ThreeWay {
  /** Live: digests of the Git values last written at runtime-owned and ignored pointers. */
  public static final String DIGESTS = Ownership.APPLIED_DIGESTS;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DIGESTS_PATH = "/metadata/annotations/roster.dev~1applied-digests";

  private ThreeWay() {}

  /** A pointer prefix Roster leaves to the platform or the user unless Git changes it. */
  public record Rule(String pointer, Unwritten.Reason reason, String detail) {}

  /** {@code c} with live-only differences under {@code rules} moved to {@link Change#unwritten}. */
  public static Change split(Change c, List<Rule> rules) {
    if (c.action() != Action.UPDATE || rules.isEmpty()) {
      return c;
    }
    Map<String, String> recorded = recorded(c.live());
    Object setBefore = recorded == null ? appliedFields(c.live()) : null;
    List<FieldChange> fields = new ArrayList<>();
    List<Unwritten> unwritten = new ArrayList<>(c.unwritten());
    List<String> dropped = new ArrayList<>();
    for (FieldChange f : c.fields()) {
      Rule r = rule(f.pointer(), rules);
      String mine = r == null ? null : digest(c.desired(), r.pointer());
      boolean gitChanged = r == null || (recorded != null
          ? !Objects.equals(mine, recorded.get(r.pointer()))
          : mine != null && setBefore != null && Pointers.values(setBefore, r.pointer()).isEmpty());
      if (gitChanged) {
        fields.add(f);
        continue;
      }
      dropped.add(f.pointer());
      String why = recorded == null
          ? "no record of Git's last value here; live kept as written by the platform"
          : r.detail();
      unwritten.add(new Unwritten(f.pointer(), r.reason(), why));
    }
    if (dropped.isEmpty()) {
      return c;
    }
    return narrow(c, fields, without(c.patch(), dropped), unwritten);
  }

  /** {@code patch} without the ops under {@code dropped} pointers (its test op kept). */
  static List<Map<String, Object>> without(List<Map<String, Object>> patch,
      List<String> dropped) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> op : patch) {
      String path = String.valueOf(op.get("path"));
      if ("test".equals(op.get("op")) || dropped.stream().noneMatch(d -> Pointers.covers(d, path))) {
        out.add(op);
      }
    }
    return out;
  }

  /**
   * {@code c} with only {@code fields} and {@code patch} left and {@code unwritten} reported: when
   * no field is left and only provenance would be written, UNCHANGED; when only Roster's record
   * of the fields it sets differs, an update of that record alone.
   */
  static Change narrow(Change c, List<FieldChange> fields, List<Map<String, Object>> patch,
      List<Unwritten> unwritten) {
    Change.Builder b = c.toBuilder().fields(List.copyOf(fields)).patch(List.copyOf(patch))
        .unwritten(unwritten);
    boolean onlyProvenance = patch.stream().allMatch(op -> "test".equals(op.get("op"))
        || String.valueOf(op.get("path")).startsWith("/metadata/annotations/roster.dev~1"));
    if (fields.isEmpty()) {
      String want = Metadata.annotation(c.desired(), Ownership.APPLIED_FIELDS);
      String have = Metadata.annotation(c.live(), Ownership.APPLIED_FIELDS);
      if (Objects.equals(want, have) && onlyProvenance) {
        return b.action(Action.UNCHANGED).fields(List.of()).patch(List.of()).build();
      }
      if (!Objects.equals(want, have)) {
        b.fields(List.of(new FieldChange("/metadata/annotations/roster.dev~1applied-fields",
            FieldChange.Type.CHANGED, have, want)));
      }
    }
    return b.build();
  }

  /**
   * {@code c} recording the digests of Git's values under {@code rules}: on a create in the
   * object, on an update (or an unchanged object whose record is out of date, which becomes a
   * record-only update) as one patch op. Held fields keep their recorded digest.
   */
  public static Change record(Change c, List<Rule> rules) {
    return record(c, rules, Map.of());
  }

  /**
   * As {@link #record(Change, List)}, recording also {@code extra} digests as they are (those
   * of {@link NormalForms#digests}).
   */
  public static Change record(Change c, List<Rule> rules, Map<String, String> extra) {
    if (rules.isEmpty() && extra.isEmpty() || c.desired() == null || (c.action() != Action.CREATE
        && c.action() != Action.UPDATE && c.action() != Action.UNCHANGED)) {
      return c;
    }
    Map<String, String> recorded = c.live() == null ? null : recorded(c.live());
    Map<String, String> digests = new TreeMap<>();
    for (Rule r : rules) {
      String d = digest(c.desired(), r.pointer());
      boolean held = c.rollout().waiting() && c.rollout().heldPointers().stream()
          .anyMatch(p -> Pointers.covers(r.pointer(), p) || Pointers.covers(p, r.pointer()));
      if (held && recorded != null) {
        d = recorded.get(r.pointer());
      }
      if (d != null) {
        digests.put(r.pointer(), d);
      }
    }
    digests.putAll(extra);
    String have = c.live() == null ? null : Metadata.annotation(c.live(), DIGESTS);
    if (digests.isEmpty() && have == null) {
      return c; // Git sets none of these fields and nothing was recorded: nothing to remember
    }
    String value = JSON.writeValueAsString(digests);
    Map<String, Object> desired = withAnnotation(c.desired(), value);
    if (c.action() == Action.CREATE || value.equals(have) || !hasAnnotations(c.live())) {
      return c.toBuilder().desired(desired).build();
    }
    List<Map<String, Object>> patch = new ArrayList<>(c.patch());
    List<FieldChange> fields = new ArrayList<>(c.fields());
    if (patch.isEmpty()) {
      patch.add(Differ.op("test", "/metadata/resourceVersion", resourceVersion(c.live())));
    }
    patch.add(Differ.op("add", DIGESTS_PATH, value));
    if (c.action() == Action.UNCHANGED) {
      fields.add(new FieldChange(DIGESTS_PATH, FieldChange.Type.CHANGED, have, value));
    }
    return c.toBuilder().action(Action.UPDATE).desired(desired).fields(List.copyOf(fields))
        .patch(List.copyOf(patch)).build();
  }

  /**
   * The rules of {@code c}: the profile's runtime-owned pointers, then the pointers of its Git
   * annotation {@code roster.dev/ignore-fields} and {@code sourceIgnores} (a source's {@code
   * ignoreFields} for its kind).
   */
  public static List<Rule> rules(Change c, List<String> runtimeOwned, List<String> sourceIgnores) {
    List<Rule> out = new ArrayList<>();
    runtimeOwned.forEach(p -> out.add(new Rule(p, Unwritten.Reason.PLATFORM_WRITTEN,
        "written by the platform since Roster applied Git's value; left until Git changes it")));
    Map<String, Object> object = c.desired() != null ? c.desired() : c.live();
    String own = Metadata.annotation(object, Ownership.IGNORE_FIELDS);
    if (own != null) {
      for (String p : own.split(",")) {
        if (!p.isBlank()) {
          out.add(new Rule(p.trim(), Unwritten.Reason.IGNORED, Ownership.IGNORE_FIELDS
              + " in Git; live changes left until Git changes it"));
        }
      }
    }
    sourceIgnores.forEach(p -> out.add(new Rule(p, Unwritten.Reason.IGNORED,
        "ignoreFields of the source; live changes left until Git changes it")));
    return out;
  }

  /** The rule covering {@code pointer}, the most specific first; null when none. */
  private static Rule rule(String pointer, List<Rule> rules) {
    Rule best = null;
    for (Rule r : rules) {
      if (Pointers.covers(r.pointer(), pointer)
          && (best == null || Pointers.depth(r.pointer()) > Pointers.depth(best.pointer()))) {
        best = r;
      }
    }
    return best;
  }

  /** The recorded digests, or null when live has no record (legacy or adopted). */
  static Map<String, String> recorded(Map<String, Object> live) {
    String s = Metadata.annotation(live, DIGESTS);
    if (s == null) {
      return null;
    }
    try {
      Map<String, String> out = new LinkedHashMap<>();
      JSON.readValue(s, LinkedHashMap.class).forEach((k, v) -> out.put(String.valueOf(k),
          String.valueOf(v)));
      return out;
    } catch (RuntimeException e) {
      return null; // unreadable: as if never recorded, so live is kept
    }
  }

  /** The fields Git set at the last apply ({@code roster.dev/applied-fields}), or null. */
  private static Object appliedFields(Map<String, Object> live) {
    String s = Metadata.annotation(live, Ownership.APPLIED_FIELDS);
    try {
      return s == null ? null : JSON.readValue(s, LinkedHashMap.class);
    } catch (RuntimeException e) {
      return null; // unreadable: as if unknown, so live is kept
    }
  }

  /** First 8 hex digits of SHA-256 of Git's value at {@code pointer} as JSON; null when unset. */
  static String digest(Map<String, Object> desired, String pointer) {
    List<Object> values = Pointers.values(desired, pointer);
    if (values.isEmpty()) {
      return null;
    }
    try {
      byte[] json = JSON.writeValueAsString(values.size() == 1 ? values.get(0) : values)
          .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json))
          .substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withAnnotation(Map<String, Object> object, String value) {
    Map<String, Object> top = new LinkedHashMap<>(object);
    Map<String, Object> meta = new LinkedHashMap<>(top.get("metadata") instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of());
    Map<String, Object> ann = new LinkedHashMap<>(meta.get("annotations") instanceof Map<?, ?> a
        ? (Map<String, Object>) a : Map.of());
    ann.put(DIGESTS, value);
    meta.put("annotations", ann);
    top.put("metadata", meta);
    return top;
  }

  private static boolean hasAnnotations(Map<String, Object> live) {
    return live != null && live.get("metadata") instanceof Map<?, ?> m
        && m.get("annotations") instanceof Map<?, ?>;
  }

  private static String resourceVersion(Map<String, Object> live) {
    return live.get("metadata") instanceof Map<?, ?> m && m.get("resourceVersion") != null
        ? String.valueOf(m.get("resourceVersion")) : "";
  }
}
