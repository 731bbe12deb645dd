package dev.roster.validate;

import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks names that refer to each other inside one object (teammates' dependsOn, pipeline
 * stages): every edge names an existing node, no node names itself, and there is no cycle.
 */
final class GraphChecker {
  private GraphChecker() {}

  private record Edge(String target, String pointer) {}

  static List<Problem> check(Manifest m, Profile profile) {
    List<Problem> out = new ArrayList<>();
    for (Profile.Graph g : profile.graphs()) {
      Map<String, List<Edge>> edges = new LinkedHashMap<>();
      Map<String, String> nodePointer = new HashMap<>();
      for (PointerPaths.Match node : PointerPaths.find(m.object(), g.nodes(), "")) {
        List<PointerPaths.Match> ids = PointerPaths.find(node.value(), g.id(), node.pointer());
        if (ids.isEmpty() || !(ids.get(0).value() instanceof String id)) {
          continue;
        }
        nodePointer.put(id, node.pointer());
        List<Edge> list = edges.computeIfAbsent(id, k -> new ArrayList<>());
        for (String pattern : g.edges()) {
          for (PointerPaths.Match e : PointerPaths.find(node.value(), pattern, node.pointer())) {
            if (e.value() instanceof String target) {
              list.add(new Edge(target, e.pointer()));
            }
          }
        }
      }
      String singular = g.name().endsWith("s") ? g.name().substring(0, g.name().length() - 1)
          : g.name();
      for (Map.Entry<String, List<Edge>> n : edges.entrySet()) {
        for (Edge e : n.getValue()) {
          if (e.target().equals(n.getKey())) {
            out.add(m.error(e.pointer(), singular + " \"" + n.getKey() + "\" depends on itself"));
          } else if (!edges.containsKey(e.target())) {
            out.add(m.error(e.pointer(), "\"" + e.target() + "\" names no " + singular
                + " (known: " + String.join(", ", edges.keySet()) + ")"));
          }
        }
      }
      if (g.acyclic()) {
        // every cycle that shares no node with one already reported
        Map<String, List<Edge>> rest = new LinkedHashMap<>(edges);
        for (List<String> cycle = findCycle(rest); !cycle.isEmpty(); cycle = findCycle(rest)) {
          out.add(m.error(nodePointer.get(cycle.get(0)),
              "dependency cycle among " + g.name() + ": " + String.join(" -> ", cycle)));
          cycle.forEach(rest::remove);
        }
      }
    }
    return out;
  }

  /** One cycle as a path that ends where it starts, or empty. Self-edges are reported apart. */
  private static List<String> findCycle(Map<String, List<Edge>> edges) {
    Set<String> done = new HashSet<>();
    for (String start : edges.keySet()) {
      List<String> path = new ArrayList<>();
      if (dfs(start, edges, done, path, new HashSet<>())) {
        return path;
      }
    }
    return List.of();
  }

  private static boolean dfs(String n, Map<String, List<Edge>> edges, Set<String> done,
      List<String> path, Set<String> onPath) {
    if (onPath.contains(n)) {
      path.subList(0, path.indexOf(n)).clear();
      path.add(n);
      return true;
    }
    if (!done.add(n)) {
      return false;
    }
    onPath.add(n);
    path.add(n);
    for (Edge e : edges.getOrDefault(n, List.of())) {
      if (!e.target().equals(n) && edges.containsKey(e.target())
          && dfs(e.target(), edges, done, path, onPath)) {
        return true;
      }
    }
    onPath.remove(n);
    path.remove(path.size() - 1);
    return false;
  }
}
