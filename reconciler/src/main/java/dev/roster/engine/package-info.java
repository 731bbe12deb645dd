/**
 * Engine: one reconcile pass as glue over the stages — load and validate a snapshot, build the
 * desired objects, read inventory and live state, plan, apply, store the inventory.
 *
 * <p>Contract: nothing is applied, and nothing is pruned, unless the whole snapshot loaded and
 * validated without error ({@link dev.roster.engine.InvalidDesiredStateException}). Whatever an
 * apply writes, objects or the inventory, it writes holding the source's apply lock (a Lease),
 * and before its first object write the inventory lists every object Git defines (the intent),
 * so a process killed at any point leaves nothing of its source unlisted. Objects labelled for
 * the source that no inventory lists are never pruned on a guess: each plan says so (a warning
 * with the counts) until {@link dev.roster.engine.Engine#rebuildInventory} takes them back.
 *
 * <p>An engine is built one of two ways. {@link dev.roster.engine.Engine#oneShot} (the CLI) lists
 * live state and remembers nothing ({@link dev.roster.engine.PassCaches#none()}). {@link
 * dev.roster.engine.Engine#cached} (serve, one engine per source) reads live state from informers
 * ({@link dev.roster.kube.LiveCache}), remembers work between passes ({@link
 * dev.roster.engine.PassCaches#fresh()}), and reports live changes that depart from the last plan
 * (hand edits, deletions, never Roster's own writes) to a callback so drift is noticed without
 * polling. Both make the same plans.
 *
 * <p>{@link dev.roster.engine.Engine} is the public face and holds what a pass shares (resolver,
 * inventory store, live state, the verification switch); its jobs sit in package-private
 * collaborators: {@code PassPlanner} plans (inventory read, strays, live read, planner, rollout
 * holds; it owns the plan memo and the rebuild switch and writes nothing), {@code PassApplier}
 * applies under the apply lock (intent, waves and prune, the exact set stored after), and {@code
 * DriftWatch} turns a cached engine's informer news into drift and reset callbacks.
 *
 * <p><b>The identity chain.</b> Each stage's cache keys on the very instances the stage before
 * handed out, so "same instance" means "same input" all the way down, and nothing is compared by
 * value:
 * <ol>
 *   <li>load ({@link dev.roster.load.ChangeLoader}): a directory whose Git tree id (and the
 *       ignore files above it) is unchanged is not listed again, and a file whose blob id is
 *       unchanged is not read: only the files that changed are reported, as new read-only
 *       {@link dev.roster.load.Manifest} instances; the others keep theirs;
 *   <li>validate ({@link dev.roster.validate.ChangeValidator}): a changed manifest is checked on
 *       its own; the repo-wide rules are kept as indexes (identities, who refers to which, twins,
 *       the repo config) and checked again only for the objects a change reaches;
 *   <li>engine ({@code DesiredMemo}, {@code DesiredObjects}): the same root tree id gives the
 *       same desired state instance, and an unchanged file keeps its
 *       {@link dev.roster.plan.DesiredObject} instances;
 *   <li>plan ({@link dev.roster.plan.PlanMemo}): a desired object instance found unchanged
 *       against a live resourceVersion that has not moved (same origin and source) is unchanged
 *       again, without a diff.
 * </ol>
 * The first three give exactly what loading and validating the whole tree gives, proven commit
 * by commit against it ({@code DesiredChangesTest}); a pass that fails part-way (the cluster
 * unreachable while references are looked up) makes the next one start from every file.
 *
 * <p>Between the chain and the shortcut below, a cached engine plans again only what moved ({@code
 * PlanReuse}): the last plan's change of an object is kept, stamped with the new revision, while
 * its desired object is the same instance, the live cache names no event or outside read of its
 * key since the last plan's read ({@link dev.roster.kube.LiveCache#changedSince}), the stored
 * inventory has the same keys and runs, and its decision rests on nothing but itself (UNCHANGED,
 * live, not held); every other change (creates, updates, holds, prunes, refusals, objects read
 * with a GET) is made again each pass and weighed by the rollout gate against the whole plan.
 * Any doubt (a watch error, relist or informer start, a verification, a rebuild, strays, duplicate
 * keys) plans in full; the plans are equal ({@code PlanReuseTest} checks it step by step).
 *
 * <p>Above the chain, a cached engine skips planning altogether ({@code NoopShortcut}) when the
 * last plan changed nothing and none of its inputs moved: the same desired state instance, equal
 * planner options, an equal inventory as read from the cluster this pass, and the same {@link
 * dev.roster.kube.LiveCache#version} (which every watch event, reset, informer start and read
 * outside the informers' stores moves). A verification pass never takes it.
 *
 * <p>The apply side keeps the chain going: an apply that leaves the key set as it was stores the
 * previous inventory's very key set ({@link dev.roster.apply.KeyMemo}), which the inventory store
 * reads back from its cache and encodes from its last encoding, so a one-file change costs the
 * apply no work per managed object beyond a walk over the plan.
 *
 * <p>Any link that makes a new instance (a changed file, a new setting, a new engine) breaks the
 * chain below it and the work is done again; that is why a cache never outlives its engine and
 * one {@link dev.roster.engine.PassCaches} value is never shared. Trees without content ids
 * (directories on disk) are always loaded in full.
 */
package dev.roster.engine;
