package dev.roster.cli;

import dev.roster.load.Metadata;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.Ownership;
import dev.roster.plan.Plan;
import dev.roster.plan.RolloutState;
import java.util.List;
import java.util.Locale;

/**
 * The words shared by the plan renderers: action verbs and signs, object names, file locations
 * and the summary line.
 */
final class PlanFormat {
  /** Actions in summary order. */
  static final List<Action> SUMMARY_ORDER = List.of(Action.CREATE, Action.UPDATE, Action.PRUNE,
      Action.UNCHANGED, Action.REFUSED, Action.ORPHANED);

  private PlanFormat() {}

  /** {@code create}, {@code update}, {@code prune}, {@code unchanged}, {@code refused}, … */
  static String verb(Action a) {
    return a.name().toLowerCase(Locale.ROOT);
  }

  /** The sign before a header: {@code + ~ - ! =}, and a space for unchanged. */
  static char sign(Action a) {
    return switch (a) {
      case CREATE -> '+';
      case UPDATE -> '~';
      case PRUNE -> '-';
      case REFUSED -> '!';
      case ORPHANED -> '=';
      case UNCHANGED -> ' ';
    };
  }

  /** {@code namespace/name}, or {@code name} for a cluster-scoped object. */
  static String name(ResourceKey k) {
    return k.namespace().isEmpty() ? k.name() : k.namespace() + "/" + k.name();
  }

  /**
   * The file that defines the object: its origin, or for a prune or orphan (gone from Git) the
   * file recorded on the live object at its last apply; null when unknown.
   */
  static String file(Change c) {
    if (c.origin() != null) {
      return c.origin().file();
    }
    return c.live() == null ? null : Metadata.annotation(c.live(), Ownership.FILE);
  }

  /**
   * One line per object, e.g. {@code + create kubeopencode.io/v1alpha1 Agent ns/name (file)};
   * refused and orphaned objects end with {@code : reason}; a change held, awaiting approval or
   * forced by its rollout policy ends with e.g. {@code [restart, held: WaitingForTasks (2 tasks)
   * since … until …]}; a re-create always ends with {@code [recreate…]} (other markers are shown
   * by the body's {@link #impact} line).
   *
   * @param withApiVersion whether to name the API version, or only the kind
   */
  static String header(Change c, boolean withApiVersion) {
    String head = sign(c.action()) + " " + verb(c.action()) + " " + subject(c, withApiVersion);
    String rollout = c.rollout().describe();
    boolean recreate = c.rollout().marker() == RolloutState.Marker.RECREATE;
    if ((c.rollout().hold() != RolloutState.Hold.NONE || recreate)
        && c.action() != Action.UNCHANGED) {
      head += " [" + rollout + "]"; // e.g. [restart, held: WaitingForTasks (2 tasks) since …]
    }
    return c.reason() == null || c.reason().isEmpty() ? head : head + ": " + c.reason();
  }

  /** How many objects an impact line names before {@code and N more}. */
  static final int REACHED_LISTED = 10;

  /**
   * How the change reaches running agents, e.g. {@code restart, reaches Agent/ns/a, Agent/ns/b},
   * {@code in-place}, {@code new-run}, {@code recreate}, or for a prune {@code reaches Agent/ns/a}
   * (at most {@value #REACHED_LISTED} named, then {@code and N more}); null for unchanged objects
   * and kinds without a rollout profile. The same with or without a cluster ({@code --base}).
   */
  static String impact(Change c) {
    RolloutState r = c.rollout();
    if (c.action() == Action.UNCHANGED || c.action() == Action.REFUSED
        || c.action() == Action.ORPHANED
        || (r.marker() == RolloutState.Marker.NONE && r.reached().isEmpty())) {
      return null;
    }
    String marker = r.markerText();
    if (r.reached().isEmpty()) {
      return marker;
    }
    return (marker.isEmpty() ? "" : marker + ", ") + "reaches " + listed(r.reached());
  }

  /** {@code a, b, c} with at most {@value #REACHED_LISTED} named, then {@code and N more}. */
  static String listed(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(REACHED_LISTED, names.size())));
    return names.size() > REACHED_LISTED
        ? shown + " and " + (names.size() - REACHED_LISTED) + " more" : shown;
  }

  /** {@code [apiVersion ]Kind namespace/name[ (file)]}. */
  static String subject(Change c, boolean withApiVersion) {
    StringBuilder b = new StringBuilder();
    if (withApiVersion && c.apiVersion() != null) {
      b.append(c.apiVersion()).append(' ');
    }
    b.append(c.key().kind()).append(' ').append(name(c.key()));
    String file = file(c);
    if (file != null && !file.isEmpty()) {
      b.append(" (").append(file).append(')');
    }
    return b.toString();
  }

  /**
   * Whether every object is unchanged and Git and live agree on every field Git sets (no writes,
   * nothing refused or orphaned, no field left unwritten), with no warning.
   */
  static boolean idle(Plan p) {
    return p.changes().stream().allMatch(c -> c.action() == Action.UNCHANGED)
        && p.unwrittenCount() == 0 && p.warnings().isEmpty();
  }

  /** One {@code warning: …} line per warning of {@code p}, each with its counts. */
  static List<String> warnings(Plan p) {
    return p.warnings().stream().map(w -> "warning: " + w).toList();
  }

  /** How many fields the in-sync summary names. */
  static final int LISTED = 3;

  /**
   * Whether every object is unchanged (nothing to write, nothing held, refused or orphaned) but
   * some fields differ and are left alone: not "No changes".
   */
  static boolean inSyncExceptUnwritten(Plan p) {
    return p.changes().stream().allMatch(c -> c.action() == Action.UNCHANGED)
        && p.unwrittenCount() > 0;
  }

  private static String inSyncExcept(Plan p) {
    return "In sync with revision " + p.revision() + " except " + p.notWrittenNamed(LISTED) + ".";
  }

  /** {@code not written: /spec/x (platform-written: detail)}, one line per field left alone. */
  static List<String> notWritten(Change c) {
    return c.notWritten().stream().map(u -> "not written: " + u.describe()).toList();
  }

  /**
   * {@code Plan: 2 to create, 1 to update, 1 to prune, 30 unchanged}, then {@code , N refused}
   * and {@code , N orphaned}, {@code , N held} (rollouts waiting), {@code , N fields not written}
   * (Git and live differ, left alone: see {@link #notWritten}) when not zero; {@code No changes.
   * Live matches revision R.} when
   * {@link #idle}; and when apply has nothing to write but fields differ ({@link
   * #inSyncExceptUnwritten}), {@code In sync with revision R except N fields not written: Kind
   * ns/name /spec/x (reason), …} (at most {@value #LISTED} named, then {@code and N more}).
   */
  static String summary(Plan p) {
    return summary(p, null);
  }

  /**
   * As {@link #summary(Plan)}; with {@code base} (a plan of one revision against another, no
   * cluster involved) an idle plan reads {@code No changes between B and R.}, and one with only
   * fields not written {@code Nothing to write between B and R except N fields not written: …}
   */
  static String summary(Plan p, String base) {
    if (idle(p) && base != null) {
      return "No changes between " + base + " and " + p.revision() + ".";
    }
    if (idle(p)) {
      return "No changes. Live matches revision " + p.revision() + ".";
    }
    if (inSyncExceptUnwritten(p) && base != null) { // no cluster was asked: never "in sync"
      return "Nothing to write between " + base + " and " + p.revision() + " except "
          + p.notWrittenNamed(LISTED) + ".";
    }
    if (inSyncExceptUnwritten(p)) {
      return inSyncExcept(p);
    }
    StringBuilder b = new StringBuilder("Plan: ")
        .append(p.count(Action.CREATE)).append(" to create, ")
        .append(p.count(Action.UPDATE)).append(" to update, ")
        .append(p.count(Action.PRUNE)).append(" to prune, ")
        .append(p.count(Action.UNCHANGED)).append(" unchanged");
    for (Action a : List.of(Action.REFUSED, Action.ORPHANED)) {
      if (p.count(a) > 0) {
        b.append(", ").append(p.count(a)).append(' ').append(verb(a));
      }
    }
    if (!p.held().isEmpty()) {
      b.append(", ").append(p.held().size()).append(" held");
    }
    long unwritten = p.unwrittenCount();
    if (unwritten > 0) {
      b.append(", ").append(unwritten).append(unwritten == 1 ? " field" : " fields")
          .append(" not written");
    }
    return b.toString();
  }
}
