package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.AGENT_KEY;
import static dev.roster.plan.PlanFixtures.CM_KEY;
import static dev.roster.plan.PlanFixtures.NS_KEY;
import static dev.roster.plan.PlanFixtures.PLANNER;
import static dev.roster.plan.PlanFixtures.REV1;
import static dev.roster.plan.PlanFixtures.SOURCE;
import static dev.roster.plan.PlanFixtures.TASK_KEY;
import static dev.roster.plan.PlanFixtures.TEAM_KEY;
import static dev.roster.plan.PlanFixtures.TEMPLATE_KEY;
import static dev.roster.plan.PlanFixtures.keys;
import static dev.roster.plan.PlanFixtures.ownedConfigMap;
import static dev.roster.plan.PlanFixtures.rev1;
import static dev.roster.plan.Trees.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roster.load.ResourceKey;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner's order: applies in kind order, then prunes in reverse, whatever Git's order.
 */
class PlannerOrderTest {

  // ------------------------------------------------------------------ order

  @Test
  void applyOrderThenPrunesInReverse() {
    FakeCluster cluster = new FakeCluster();
    // objects Git no longer defines, of several kinds, all ours
    ResourceKey oldNs = cluster.create(json(
        "{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'old','labels':"
            + "{'roster.dev/source':'prod'}}}"));
    ResourceKey oldCm = cluster.create(ownedConfigMap("old", "prod", "{}"));
    ResourceKey oldTemplate = cluster.create(json(
        "{'apiVersion':'kubeopencode.io/v1alpha1','kind':'AgentTemplate','metadata':{'name':"
            + "'old','namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    ResourceKey oldAgent = cluster.create(json(
        "{'apiVersion':'kubeopencode.io/v1alpha1','kind':'Agent','metadata':{'name':'old',"
            + "'namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    ResourceKey oldTeam = cluster.create(json(
        "{'apiVersion':'kagents.dev/v1alpha1','kind':'AgentTeam','metadata':{'name':'old',"
            + "'namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    ResourceKey oldTask = cluster.create(json(
        "{'apiVersion':'kubeopencode.io/v1alpha1','kind':'Task','metadata':{'name':'old',"
            + "'namespace':'agents','labels':{'roster.dev/source':'prod'}},'spec':{}}"));
    Inventory previous = new Inventory(SOURCE, "rev0",
        Set.of(oldNs, oldCm, oldTemplate, oldAgent, oldTeam, oldTask));

    List<DesiredObject> desired = rev1();
    Random random = new Random(7);
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(desired, random);
      Plan p = PLANNER.plan(desired, cluster.live(), previous, REV1);
      assertEquals(List.of(NS_KEY, CM_KEY, TEMPLATE_KEY, AGENT_KEY, TEAM_KEY, TASK_KEY,
          oldTask, oldTeam, oldAgent, oldTemplate, oldCm, oldNs), keys(p));
      assertEquals(List.of("Namespace", "ConfigMap", "AgentTemplate", "Agent", "AgentTeam",
          "Task", "Task", "AgentTeam", "Agent", "AgentTemplate", "ConfigMap", "Namespace"),
          keys(p).stream().map(ResourceKey::kind).toList());
      assertEquals(6, p.count(Action.CREATE));
      assertEquals(6, p.count(Action.PRUNE));
    }
  }
}
