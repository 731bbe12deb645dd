package dev.roster.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Random edits of a config repo's working tree, as people make them: objects added, edited,
 * deleted, renamed, copied (duplicates), broken YAML, references to names that come and go,
 * a repo config and ignore files switched on and off, symlinks, whole directories moved. Anchor
 * objects most references name stay (only their values change), so many trees are valid.
 */
final class RepoEdits {
  private static final List<String> DIRS = List.of("a", "a/sub", "b", "c", "c/deep/er");
  private final Path root;
  private final Random random;
  private int counter;

  RepoEdits(Path root, long seed) {
    this.root = root;
    this.random = new Random(seed);
  }

  /** The first tree: anchors and a few dozen objects. */
  void seed() throws IOException {
    write("base/anchors.yaml", anchors(0));
    for (int i = 0; i < 40; i++) {
      write(newPath(), object());
    }
  }

  /** One to three random edits; returns what they were, for messages. */
  String edit(Set<String> broken) throws IOException {
    StringBuilder what = new StringBuilder();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      what.append(one(broken)).append("; ");
    }
    return what.toString();
  }

  private String one(Set<String> broken) throws IOException {
    List<String> files = files();
    String some = files.isEmpty() ? newPath() : files.get(random.nextInt(files.size()));
    int op = random.nextInt(112);
    if (op < 15) {
      String p = newPath();
      write(p, random.nextInt(4) == 0 ? object() + "---\n" + object() : object());
      return "add " + p;
    } else if (op < 35) {
      write(some, some.startsWith("base/") ? anchors(random.nextInt(1000)) : object());
      return "edit " + some;
    } else if (op < 45 && !some.startsWith("base/")) {
      Files.deleteIfExists(root.resolve(some));
      return "delete " + some;
    } else if (op < 52 && !some.startsWith("base/")) {
      String to = newPath();
      move(some, to);
      return "rename " + some + " -> " + to;
    } else if (op < 57 && !some.startsWith("base/")) {
      String to = newPath();
      write(to, Files.readString(root.resolve(some)));
      return "copy " + some + " -> " + to;
    } else if (op < 62 && !some.startsWith("base/")) {
      write(some, random.nextBoolean() ? "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n"
          : "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
      return "break " + some;
    } else if (op < 68) {
      return toggle("roster.yaml", "apiVersion: roster.dev/v1alpha1\nkind: RepoConfig\n"
          + "externalRefs:\n  - AgentTemplate/tmpl-ext\n  - t1/ConfigMap/cm-ext\n");
    } else if (op < 73) {
      String dir = random.nextBoolean() ? "" : "a/";
      return toggle(dir + ".rosterignore", random.nextBoolean() ? "sub/\n" : "f1*.yaml\n");
    } else if (op < 76) {
      Path link = root.resolve("b/link.yaml");
      Files.createDirectories(link.getParent());
      if (Files.deleteIfExists(link)) {
        return "unlink b/link.yaml";
      }
      Files.createSymbolicLink(link, Path.of("../base/anchors.yaml"));
      return "link b/link.yaml";
    } else if (op < 79) {
      String from = DIRS.get(random.nextInt(DIRS.size()));
      String to = "moved" + counter++;
      if (Files.isDirectory(root.resolve(from))) {
        move(from, to);
      }
      return "move dir " + from + " -> " + to;
    } else if (op < 100) {
      write("base/anchors.yaml", anchors(random.nextInt(1000)));
      return "edit anchors";
    } else if (op < 112) {
      for (String b : broken) {
        if (!b.startsWith("base/")) {
          Files.deleteIfExists(root.resolve(b));
        }
      }
      return "repair " + broken;
    }
    return "nothing";
  }

  private String toggle(String rel, String text) throws IOException {
    if (Files.deleteIfExists(root.resolve(rel))) {
      return "remove " + rel;
    }
    write(rel, text);
    return "write " + rel;
  }

  private String newPath() {
    List<String> dirs = new ArrayList<>(DIRS);
    dirs.add("");
    String dir = dirs.get(random.nextInt(dirs.size()));
    String ext = random.nextInt(10) == 0 ? ".yml" : ".yaml";
    return (dir.isEmpty() ? "" : dir + "/") + "f" + counter++ + ext;
  }

  /** A random object: most references name anchors, some name what may not exist. */
  private String object() {
    int kind = random.nextInt(5);
    String ns = kind == 0 && random.nextInt(3) == 0 ? null : "t1"; // a ConfigMap may name none
    String name = random.nextInt(15) == 0 ? "x" + random.nextInt(3) : "o" + counter++;
    String tmpl = random.nextInt(10) == 0 ? "tmpl-ext" : "tmpl-" + random.nextInt(4);
    String cm = random.nextInt(10) == 0 ? "cm-ext" : "cm-" + random.nextInt(4);
    String meta = "metadata:\n  name: " + name + "\n" + (ns == null ? "" : "  namespace: t1\n");
    return switch (kind) {
      case 0 -> "apiVersion: v1\nkind: ConfigMap\n" + meta + "data:\n  k: \"" + counter + "\"\n";
      case 1 -> "apiVersion: kubeopencode.io/v1alpha1\nkind: Agent\n" + meta
          + "  annotations:\n    roster.dev/external-refs: ServiceAccount/*\n"
          + "spec:\n  templateRef:\n    name: " + tmpl + "\n  contexts:\n    - name: guide\n"
          + "      type: ConfigMap\n      configMap:\n        name: " + cm + "\n";
      case 2 -> "apiVersion: kubeopencode.io/v1alpha1\nkind: Task\n" + meta
          + "spec:\n  description: triage\n  agentRef:\n    name: "
          + (random.nextInt(6) > 0 ? "agent-" + random.nextInt(2) : "o" + random.nextInt(counter))
          + "\n";
      case 3 -> "apiVersion: claude.amcheste.io/v1alpha1\nkind: AgentTeam\n" + meta
          + "spec:\n  repository:\n    url: https://example.com/a.git\n  auth:\n"
          + "    apiKeySecret: anthropic\n  lead:\n    model: opus\n    prompt: Plan.\n"
          + "  teammates:\n    - name: w\n      prompt: Draft.\n"
          + (random.nextInt(4) == 0 ? "      dependsOn: [c]\n" : "")
          + "    - name: c\n      prompt: Check.\n      dependsOn: [w]\n";
      default -> "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns" + counter++ + "\n";
    };
  }

  /**
   * Four templates, four ConfigMaps and two Agents that most objects name; from version 1 on,
   * one version in three leaves one of them out (and later versions bring it back).
   */
  private static String anchors(int v) {
    int gone = v % 3 == 0 && v > 0 ? v % 10 : -1;
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: t1\n");
    for (int i = 0; i < 4; i++) {
      if (gone != i) {
        sb.append("---\napiVersion: kubeopencode.io/v1alpha1\nkind: AgentTemplate\nmetadata:\n")
            .append("  name: tmpl-").append(i).append("\n  namespace: t1\n  annotations:\n")
            .append("    roster.dev/external-refs: ServiceAccount/*\nspec:\n")
            .append("  workspaceDir: /workspace\n  serviceAccountName: agents\n")
            .append("  executorImage: ghcr.io/x/y:").append(v).append("\n");
      }
      if (gone == i + 4) {
        continue;
      }
      sb.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").append(i)
          .append("\n  namespace: t1\ndata:\n  v: \"").append(v).append("\"\n");
    }
    for (int i = 0; i < 2; i++) {
      if (gone == i + 8) {
        continue;
      }
      sb.append("---\napiVersion: kubeopencode.io/v1alpha1\nkind: Agent\nmetadata:\n")
          .append("  name: agent-").append(i).append("\n  namespace: t1\n  annotations:\n")
          .append("    roster.dev/external-refs: ServiceAccount/*\nspec:\n  templateRef:\n")
          .append("    name: tmpl-0\n");
    }
    return sb.toString();
  }

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private void move(String from, String to) throws IOException {
    Path target = root.resolve(to);
    Files.createDirectories(target.getParent());
    Files.move(root.resolve(from), target);
  }

  /** Regular files of the working tree, outside .git, by relative path. */
  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(".git/") && !p.endsWith(".rosterignore")
              && !p.equals("roster.yaml"))
          .sorted(Comparator.naturalOrder()).toList();
    }
  }
}
