package dev.roster.validate;

import java.util.List;
import java.util.Map;

/**
 * How Roster treats one kind, read from {@code <Kind>.profile.yaml} next to its schema.
 *
 * @param scope whether objects live in a namespace
 * @param nameFormat which Kubernetes name rule metadata.name follows
 * @param references names in the object that must resolve to another object in the repo
 * @param graphs names inside the object that refer to each other
 * @param wave apply order: lower waves are applied first and pruned last
 * @param rollout how changes reach a running agent, or null when the kind has no agent semantics
 * @param provided objects of this kind the platform installs itself: {@code name} (any namespace)
 *     or {@code namespace/name}; a reference to one resolves without the object being in Git
 * @param localRefs names in the object that must name another part of the same object
 * @param health how to read an object's state from its live status, first match wins (empty:
 *     Roster reports no state for the kind)
 */
public record Profile(
    Scope scope,
    NameFormat nameFormat,
    List<Reference> references,
    List<Graph> graphs,
    int wave,
    Rollout rollout,
    List<String> provided,
    List<LocalRef> localRefs,
    List<Health> health) {
  /** Wave of kinds whose profile names none: after templates, before squads and teams. */
  public static final int DEFAULT_WAVE = 35;

  public Profile {
    health = health == null ? List.of() : List.copyOf(health);
  }

  /** A profile that reads no state. */
  public Profile(Scope scope, NameFormat nameFormat, List<Reference> references,
      List<Graph> graphs, int wave, Rollout rollout, List<String> provided,
      List<LocalRef> localRefs) {
    this(scope, nameFormat, references, graphs, wave, rollout, provided, localRefs, List.of());
  }

  /** A profile without a rollout section. */
  public Profile(Scope scope, NameFormat nameFormat, List<Reference> references,
      List<Graph> graphs, int wave) {
    this(scope, nameFormat, references, graphs, wave, null);
  }

  /** A profile that provides no objects and has no local references. */
  public Profile(Scope scope, NameFormat nameFormat, List<Reference> references,
      List<Graph> graphs, int wave, Rollout rollout) {
    this(scope, nameFormat, references, graphs, wave, rollout, List.of(), List.of());
  }


  /** Namespaced or cluster-scoped. */
  public enum Scope {
    NAMESPACED,
    CLUSTER
  }

  /** DNS-1123 subdomain (most kinds) or label (Namespace and a few others). */
  public enum NameFormat {
    SUBDOMAIN,
    LABEL
  }

  /**
   * A name that must resolve.
   *
   * @param path JSON pointer to the name; {@code *} matches any array index or map key
   * @param group API group of the targets; null means the referencing object's group
   * @param kinds target kinds, tried in order
   * @param namespaceSibling sibling field of the name that overrides the namespace, or null
   * @param allowNamespacePrefix whether the value may be written {@code namespace/name}
   * @param omitted the name the platform uses when the field is absent (its parent present), or
   *     null when an absent field names nothing
   */
  public record Reference(
      String path,
      String group,
      List<String> kinds,
      String namespaceSibling,
      boolean allowNamespacePrefix,
      String omitted) {
    /** A reference that names nothing when absent. */
    public Reference(String path, String group, List<String> kinds, String namespaceSibling,
        boolean allowNamespacePrefix) {
      this(path, group, kinds, namespaceSibling, allowNamespacePrefix, null);
    }
  }

  /**
   * A name inside an object that must be one of the names found elsewhere in it (an approval
   * gate's {@code spawn-<teammate>} event, an approval annotation).
   *
   * @param path pointer pattern of the values; with {@code keys}, of the map entries whose keys
   *     are the values
   * @param keys whether the map keys, not the values, are checked
   * @param prefix only values starting with it are checked, the name being what follows it
   * @param names pointer pattern of the names the value may take
   * @param message what the platform does with such a name; {@code {name}} and {@code {known}}
   *     are replaced by the name and the names present
   */
  public record LocalRef(String path, boolean keys, String prefix, String names,
      String message) {}

  /**
   * Named nodes inside one object and the edges between them.
   *
   * @param name what the nodes are called in messages, e.g. {@code teammates}
   * @param nodes pointer pattern selecting each node
   * @param id pointer, relative to a node, of its name
   * @param edges pointer patterns, relative to a node, of the names it depends on
   * @param acyclic whether a cycle is an error
   */
  public record Graph(String name, String nodes, String id, List<String> edges, boolean acyclic) {}

  /**
   * The {@code rollout:} section: which changes restart the agent, how to see that it has work in
   * flight, which fields the platform writes at run time, and which objects a change reaches.
   *
   * @param restart pointer prefixes whose change restarts the agent (or needs a new run)
   * @param inPlace pointer prefixes that take effect without a restart
   * @param defaultInPlace whether a field under neither list is in place (else restart)
   * @param activeWork how to count the work in flight, or null when the kind has none
   * @param runtimeOwned pointer prefixes the platform writes: set on create, never a difference
   * @param oneShot whether the object is a run: created once per spec, never re-created after
   *     the platform cleans it up
   * @param reaches objects that reference this one and restart when it changes
   * @param waitsFor named objects (e.g. squad members) whose work in flight also holds a change
   * @param platformDeletes when the platform deletes an object of this kind on purpose (an
   *     AutoDelete agent, a dissolved squad, a finished team); a run ({@code oneShot}) always is
   * @param immutable fields the platform reads only when it creates the object: a change is not
   *     written in place, only by a re-create that Git asks for ({@code roster.dev/recreate})
   * @param normalForms how a controller rewrites a field Git sets into an equivalent form
   * @param joins objects a change adds by name that must be in a given state first (an agent
   *     joining a squad must be asleep)
   * @param effects what writing a field does on the platform, said in the plan beside an update
   *     that writes it (e.g. komputer's {@code instructions}: at the agent's next pod start)
   */
  public record Rollout(
      List<String> restart,
      List<String> inPlace,
      boolean defaultInPlace,
      ActiveWork activeWork,
      List<String> runtimeOwned,
      boolean oneShot,
      List<Reach> reaches,
      List<Reach> waitsFor,
      List<Deletion> platformDeletes,
      List<Immutable> immutable,
      List<NormalForm> normalForms,
      List<Join> joins,
      List<Effect> effects) {

    public Rollout {
      platformDeletes = platformDeletes == null ? List.of() : List.copyOf(platformDeletes);
      immutable = immutable == null ? List.of() : List.copyOf(immutable);
      normalForms = normalForms == null ? List.of() : List.copyOf(normalForms);
      joins = joins == null ? List.of() : List.copyOf(joins);
      effects = effects == null ? List.of() : List.copyOf(effects);
    }

    /** A rollout section without lifecycle data. */
    public Rollout(List<String> restart, List<String> inPlace, boolean defaultInPlace,
        ActiveWork activeWork, List<String> runtimeOwned, boolean oneShot, List<Reach> reaches,
        List<Reach> waitsFor) {
      this(restart, inPlace, defaultInPlace, activeWork, runtimeOwned, oneShot, reaches,
          waitsFor, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Why the platform deletes an object on purpose, or null when it does not: the first {@link
     * Deletion} whose rule {@code matches}, else for a run a generic reason.
     */
    public String deletedBecause(java.util.function.Predicate<Deletion> matches) {
      String why = platformDeletes.stream().filter(matches).map(Deletion::why).findFirst()
          .orElse(null);
      return why == null && oneShot ? "a run, deleted by the platform once finished" : why;
    }
  }

  /**
   * What writing the field at {@code path} (a pointer prefix) does on the platform.
   *
   * @param says one line for people, e.g. {@code takes effect at the agent's next pod start}
   */
  public record Effect(String path, String says) {}

  /**
   * The platform deletes an object on purpose when the desired value at {@code path} is one of
   * {@code values} ({@code path} null: always).
   *
   * @param why what the platform does, for plan output (e.g. {@code lifecycle AutoDelete:
   *     komputer deletes the agent when its task completes})
   */
  public record Deletion(String path, List<String> values, String why) {}

  /**
   * How to count an object's work in flight: either related objects labelled with its name
   * ({@code kind} set) or values in its own status ({@code kind} null).
   *
   * @param group group of the related kind ("" core)
   * @param kind related kind, or null for the object's own status
   * @param label label on a related object whose value is the object's name
   * @param path pointer (with {@code *}) of the phase in a related object, or of the status value
   * @param values phases or status values that mean work in flight ("" matches absent)
   */
  public record ActiveWork(
      String group, String kind, String label, String path, List<String> values) {}

  /**
   * Objects of {@code group}/{@code kind} whose field at {@code path} (with {@code *}) names this
   * object (for {@code waitsFor}: objects this one names there).
   *
   * @param namespaceSibling sibling field of the name that holds the namespace (e.g. a squad
   *     member's {@code ref.namespace}), or null: the namespace of the naming object
   * @param omitted the name the platform uses when the field is absent and its parent present
   *     (komputer's {@code default} template for an agent without {@code templateRef}), or null
   */
  public record Reach(String group, String kind, String path, String namespaceSibling,
      String omitted) {
    /** A reach by name in the naming object's namespace, naming nothing when absent. */
    public Reach(String group, String kind, String path) {
      this(group, kind, path, null, null);
    }
  }

  /**
   * A field the platform reads only when it creates the object (a PVC size): changing it later
   * never takes effect.
   *
   * @param path pointer prefix (with {@code *})
   * @param why what the platform does with it, for plan output
   */
  public record Immutable(String path, String why) {}

  /**
   * How a controller rewrites list items Git sets into another, equivalent form. A Git item that
   * sets {@code when} is, once the controller has seen it, live as {@code becomes}: Git and live
   * are compared in that form, and Roster never writes the item back.
   *
   * @param path the list's items ({@code /spec/members/*}; only the last segment is a wildcard)
   * @param when pointer, relative to an item, whose presence marks the Git form
   * @param becomes the live form: a tree whose string leaves are templates, alternatives
   *     separated by {@code |} (the first whose placeholders all have a value wins), placeholders
   *     {@code {name}} and {@code {namespace}} (the object's), {@code {index}} (the item's) and
   *     {@code {item:/pointer}} (a value in the Git item)
   * @param why what the controller does, for plan output
   */
  public record NormalForm(String path, String when, Map<String, Object> becomes, String why) {}

  /**
   * Objects a change adds by name ({@code reach.path} of desired, absent live) must be in a given
   * state before the change goes out.
   *
   * @param reach which objects, by name
   * @param path pointer (with {@code *}) of the state in the named object's live form
   * @param values states that let it join; an object absent live joins at once
   * @param reason the hold's reason while one is not (e.g. {@code WaitingForSleep})
   * @param why what the platform requires, for plan output
   */
  public record Join(Reach reach, String path, List<String> values, String reason, String why) {}

  /**
   * One state of an object, read from its live status (kstatus-like, as data): a status field
   * ({@code path}) or a condition ({@code condition}, its {@code status}) whose value is one of
   * {@code values}.
   *
   * @param state the state as status shows it ({@code Failed}, {@code Queued}, {@code Sleeping},
   *     {@code NotReady}, {@code BudgetExceeded}, …)
   * @param path JSON pointer to a status field (no {@code *}), or null for a condition rule
   * @param condition the type of a condition in {@code /status/conditions}, or null
   * @param values the values (a condition's status) that mean this state
   * @param unhealthy whether the state is a problem: serve records a Warning Event when an object
   *     enters it; false for states an agent is in normally (sleeping, queued)
   * @param message JSON pointer to a status field that says more, or null
   */
  public record Health(String state, String path, String condition, List<String> values,
      boolean unhealthy, String message) {
    public Health {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  private static final Profile DEFAULTS =
      new Profile(Scope.NAMESPACED, NameFormat.SUBDOMAIN, List.of(), List.of(), DEFAULT_WAVE);

  /** Namespaced, subdomain names, no references: what an unprofiled kind gets. */
  public static Profile defaults() {
    return DEFAULTS;
  }
}
