package dev.roster.engine;

import dev.roster.apply.ApplyException;
import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyReason;
import dev.roster.apply.ApplyResult;
import dev.roster.apply.Applier;
import dev.roster.apply.KeyMemo;
import dev.roster.kube.ApplyLock;
import dev.roster.kube.ClusterException;
import dev.roster.kube.ClusterReason;
import dev.roster.kube.InventoryStore;
import dev.roster.kube.LiveReader;
import dev.roster.kube.ResourceResolver;
import dev.roster.load.ResourceKey;
import dev.roster.plan.Change;
import dev.roster.plan.DesiredObject;
import dev.roster.plan.Inventory;
import dev.roster.plan.KindOrder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Engine's apply job: a plan applied under the source's apply lock, with the intent stored
 * before the first object write and the exact set after (see {@link Engine#apply(Engine.PlanRun,
 * ApplyOptions, BooleanSupplier)} and the package contract).
 */
final class PassApplier {
  private final KubernetesClient client;
  private final String source;
  private final ResourceResolver resolver;
  private final KindOrder order;
  private final ApplyLock locks;
  private final InventoryStore inventories;
  private final Rollouts rollouts;
  private final PassPlanner plans;
  /** What the apply remembers of the last plan's keys (see its contract). */
  private final KeyMemo keys = KeyMemo.remembering();

  PassApplier(KubernetesClient client, String source, ResourceResolver resolver, KindOrder order,
      ApplyLock locks, InventoryStore inventories, Rollouts rollouts, PassPlanner plans) {
    this.client = client;
    this.source = source;
    this.resolver = resolver;
    this.order = order;
    this.locks = locks;
    this.inventories = inventories;
    this.rollouts = rollouts;
    this.plans = plans;
  }

  /** See {@link Engine#apply(Engine.PlanRun, ApplyOptions, BooleanSupplier)}. */
  ApplyResult apply(Engine.PlanRun run, ApplyOptions options, BooleanSupplier stop) {
    // refusals come before any write, the intent's too
    Applier.refuseEarly(run.plan(), options, keys);
    if (!run.relists() && run.plan().changes().stream().noneMatch(Change::writes)) {
      Applied quiet = execute(run, options, stop); // writes no object
      if (!run.previous().differs(quiet.next())) {
        return quiet.result();
      }
    }
    // One apply per source at a time, CLI and serve alike.
    try (ApplyLock.Held lock = locks.acquire(source, ApplyLock.newHolder(),
        options.lockTimeout())) {
      Inventory now = plans.readInventory();
      if (!plans.rebuilding() && (!now.keys().equals(run.previous().keys())
          || !now.revision().equals(run.previous().revision()))) {
        if (options.exact()) { // a saved plan is applied as made, or not at all
          throw new ApplyException(ApplyReason.PLAN_MOVED, "the inventory of source '"
              + source + "' moved since the plan (another apply, revision "
              + now.revision() + "); nothing written: plan again");
        }
        // Applied by another process since this plan: plan again against what it left.
        run = plans.plan(run.desired(), run.options(), new LiveReader(client, resolver));
        Applier.refuseEarly(run.plan(), options, keys);
      }
      // Record the intent before the first write, so a kill never leaves objects unlisted.
      Inventory intent = Intent.of(run.plan(), run.previous(),
          keys.listed(run.plan(), run.previous().keys()));
      if (now.differs(intent)) {
        inventories.write(intent);
      }
      Applied done = execute(run, options, () -> stop.getAsBoolean() || lock.lost());
      if (lock.lost()) { // another apply took over: its inventory is newer than ours
        throw new ClusterException(ClusterReason.APPLY_LOCKED, "lost the lock of source '"
            + source + "' to " + lock.takenBy() + " during the apply (no renewal"
            + " for " + ApplyLock.DURATION.toSeconds() + "s); writes not started were skipped,"
            + " the inventory keeps this apply's intent");
      }
      // Store what this source manages now: the exact set.
      if (intent.differs(done.next())) {
        inventories.write(done.next());
      }
      return done.result();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApplyException(ApplyReason.INTERRUPTED, "interrupted while waiting for the"
          + " apply lock of source '" + source + "'; nothing written");
    }
  }

  /** What an apply did, and the inventory to store after it. */
  private record Applied(ApplyResult result, Inventory next) {}

  private Applied execute(Engine.PlanRun run, ApplyOptions options, BooleanSupplier stop) {
    Map<ResourceKey, DesiredObject> byKey = new HashMap<>(); // filled at the first conflict
    Applier applier = new Applier(client, resolver, order, (c, fresh) -> rollouts.redecide(
        run.plan(), plans.replan(byDesiredKey(run, byKey), c, fresh, run.options())),
        keys);
    // Apply in waves, then prune; the previous key set is kept when the keys stay the same.
    ApplyResult result = applier.apply(run.plan(), options, stop, run.previous().keys());
    Inventory next = rollouts.record(run.plan(), result, run.previous(), result.inventory())
        .withUnlisted(run.previous().unlisted());
    return new Applied(new ApplyResult(result.outcomes(), next), next);
  }

  /** {@code byKey}, filled with {@code run}'s desired objects if empty (conflicts only). */
  private static synchronized Map<ResourceKey, DesiredObject> byDesiredKey(Engine.PlanRun run,
      Map<ResourceKey, DesiredObject> byKey) {
    if (byKey.isEmpty()) {
      run.desired().objects().forEach(d -> byKey.put(d.key(), d));
    }
    return byKey;
  }
}
