package dev.roster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a config repo of {@code n} objects that validates clean: per unit of ten objects one
 * KubeOpenCode AgentTemplate, two Agents using it and a context ConfigMap, three Tasks, one
 * KomputerAgent with a KomputerSkill and one claude-teams AgentTeam. One object per file, 100
 * files per directory, one namespace per 1,000 objects.
 */
public final class RepoGenerator {
  private RepoGenerator() {}

  /** Writes the repo under {@code root}; returns the number of objects written. */
  public static int write(Path root, int n) throws IOException {
    int written = 0;
    for (int u = 0; written < n; u++) {
      String ns = "team-" + (u * 10 / 1000);
      if (u * 10 % 1000 == 0) {
        written += put(root, written, namespace(ns));
      }
      String[] docs = unit(ns, u);
      for (int i = 0; i < docs.length && written < n; i++) {
        written += put(root, written, docs[i]);
      }
    }
    return written;
  }

  private static int put(Path root, int index, String doc) throws IOException {
    Path dir = root.resolve(String.format("d%03d", index / 100));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(String.format("o%05d.yaml", index)), doc,
        StandardCharsets.UTF_8);
    return 1;
  }

  private static String namespace(String ns) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n";
  }

  private static String[] unit(String ns, int u) {
    String meta = "metadata:\n  namespace: " + ns + "\n  name: ";
    String tmpl = "tmpl-" + u;
    String cm = "prompt-" + u;
    String agent = "apiVersion: kubeopencode.io/v1alpha1\nkind: Agent\n" + meta + "%s\n"
        + "  annotations:\n    roster.dev/external-refs: ServiceAccount/*\n"
        + "spec:\n  templateRef:\n    name: " + tmpl + "\n  port: 4096\n"
        + "  maxConcurrentTasks: 3\n  contexts:\n    - name: guide\n      type: ConfigMap\n"
        + "      configMap:\n        name: " + cm + "\n";
    String task = "apiVersion: kubeopencode.io/v1alpha1\nkind: Task\n" + meta + "%s\n"
        + "spec:\n  description: |\n    Triage the open issues labelled bug and propose fixes.\n"
        + "  agentRef:\n    name: %s\n  timeout: 30m\n";
    return new String[] {
      "apiVersion: kubeopencode.io/v1alpha1\nkind: AgentTemplate\n" + meta + tmpl + "\n"
          + "  annotations:\n    roster.dev/external-refs: ServiceAccount/*\n"
          + "spec:\n  workspaceDir: /workspace\n  serviceAccountName: agents\n"
          + "  executorImage: ghcr.io/kubeopencode/kubeopencode-agent-devbox:latest\n",
      "apiVersion: v1\nkind: ConfigMap\n" + meta + cm + "\n"
          + "data:\n  guide.md: |\n    Follow the contribution guide. Keep changes small.\n",
      String.format(agent, "coder-" + u),
      String.format(agent, "reviewer-" + u),
      String.format(task, "task-" + u + "-a", "coder-" + u),
      String.format(task, "task-" + u + "-b", "coder-" + u),
      String.format(task, "task-" + u + "-c", "reviewer-" + u),
      "apiVersion: komputer.komputer.ai/v1alpha1\nkind: KomputerSkill\n" + meta + "skill-" + u
          + "\nspec:\n  description: Reviews pull requests\n  content: |\n    Review for"
          + " correctness first, style second.\n",
      "apiVersion: komputer.komputer.ai/v1alpha1\nkind: KomputerAgent\n" + meta + "kagent-" + u
          + "\n  annotations:\n    roster.dev/external-refs: KomputerAgentTemplate/default\n"
          + "spec:\n  instructions: Keep the changelog current.\n  model: claude-sonnet-4-6\n"
          + "  role: worker\n  lifecycle: Sleep\n  skills:\n    - skill-" + u + "\n",
      "apiVersion: claude.amcheste.io/v1alpha1\nkind: AgentTeam\n" + meta + "team-" + u + "\n"
          + "spec:\n  repository:\n    url: https://example.com/acme/notes.git\n"
          + "  auth:\n    apiKeySecret: anthropic\n  lead:\n    model: opus\n"
          + "    prompt: Plan the release.\n  teammates:\n    - name: writer\n"
          + "      prompt: Draft notes.\n    - name: checker\n      prompt: Check notes.\n"
          + "      dependsOn: [writer]\n",
    };
  }
}
