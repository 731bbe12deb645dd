package dev.roster.validate;

import dev.roster.load.LoadOptions;
import dev.roster.load.ManifestLoader;
import dev.roster.load.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A config repo written into a temporary directory, and example kinds for --schema-dir. */
final class TestRepo {
  static final SchemaCatalog BUNDLED = SchemaCatalog.bundled();

  private final Path root;

  TestRepo(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Writes {@code rel} with the given lines, each ended by a newline. */
  TestRepo file(String rel, String... lines) {
    return write(root, rel, String.join("\n", lines) + "\n");
  }

  ValidationReport validate() {
    return validate(BUNDLED, false);
  }

  ValidationReport validate(SchemaCatalog catalog, boolean allowUnknownKinds) {
    return new Validator(catalog, allowUnknownKinds)
        .validate(new ManifestLoader(LoadOptions.defaults()).load(root));
  }

  static List<String> lines(ValidationReport r) {
    return r.problems().stream().map(Problem::format).toList();
  }

  private TestRepo write(Path base, String rel, String text) {
    writeFile(base, rel, text);
    return this;
  }

  static void writeFile(Path base, String rel, String text) {
    try {
      Path p = base.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kind whose schema only fixes apiVersion, kind and metadata; spec is any object. */
  static void kind(Path dir, String group, String version, String kind, String profile) {
    String json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://roster.dev/schema/%1$s/%2$s/%3$s.json",
          "type": "object",
          "required": ["apiVersion", "kind", "metadata"],
          "properties": {
            "apiVersion": {"const": "%1$s/%2$s"},
            "kind": {"const": "%3$s"},
            "metadata": {"$ref": "../../common/objectmeta.json"},
            "spec": {"type": "object"},
            "status": {}
          },
          "additionalProperties": false
        }
        """.formatted(group, version, kind);
    writeFile(dir, group + "/" + version + "/" + kind + ".json", json);
    writeFile(dir, group + "/" + version + "/" + kind + ".profile.yaml", profile);
  }

  /**
   * Kinds of group {@code example.dev/v1}: Agent (references of every flavour, two graphs),
   * AgentTemplate, Tool, the cluster-scoped ClusterTool and Model.
   */
  static SchemaCatalog exampleCatalog(Path dir) {
    kind(dir, "example.dev", "v1", "Agent", """
        scope: Namespaced
        nameFormat: label
        references:
          - path: /spec/templateRef/name
            kinds: [AgentTemplate]
          - path: /spec/configs/*
            kinds: [ConfigMap]
            group: ""
            allowNamespacePrefix: true
          - path: /spec/members/*/name
            kinds: [Agent]
            namespaceSibling: namespace
          - path: /spec/model
            kinds: [Model]
          - path: /spec/tools/*
            kinds: [Tool, ClusterTool]
        graphs:
          - name: teammates
            nodes: /spec/teammates/*
            id: /name
            edges: [/dependsOn/*, /inputs/*/from]
          - name: steps
            nodes: /spec/steps/*
            id: /name
            edges: [/next]
            acyclic: false
        """);
    kind(dir, "example.dev", "v1", "AgentTemplate", "scope: Namespaced\n");
    kind(dir, "example.dev", "v1", "Tool", "scope: Namespaced\n");
    kind(dir, "example.dev", "v1", "ClusterTool", "scope: Cluster\n");
    kind(dir, "example.dev", "v1", "Model", "scope: Cluster\nnameFormat: subdomain\n");
    return SchemaCatalog.load(List.of(dir));
  }
}
