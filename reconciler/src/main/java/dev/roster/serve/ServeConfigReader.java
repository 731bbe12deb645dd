package dev.roster.serve;

import dev.roster.load.Durations;
import dev.roster.load.LoadOptions;
import dev.roster.plan.RolloutPolicy;
import dev.roster.load.Manifest;
import dev.roster.load.ManifestLoader;
import dev.roster.load.Problem;
import dev.roster.load.YamlParser;
import dev.roster.source.GitCredentials;
import dev.roster.source.SourceSpec;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.SchemaValidator;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code roster serve --config FILE}: parsed like any config-repo file, validated against
 * {@code schema/serve/config.json}, secrets read from files or Secrets (never from the file).
 */
public final class ServeConfigReader {
  static final String SCHEMA = SchemaCatalog.BASE + "serve/config.json";

  private ServeConfigReader() {}

  public static List<SourceConfig> read(Path file, SchemaCatalog catalog, KubernetesClient client,
      String systemNamespace, Path cacheDir) {
    return read(file, catalog, client, systemNamespace, cacheDir, w -> { });
  }

  /**
   * As {@link #read(Path, SchemaCatalog, KubernetesClient, String, Path)}, telling {@code warn}
   * what a valid file says that misleads: a source whose {@code rolloutPolicy} is the old word
   * {@code HotReload} (read as Immediate).
   */
  public static List<SourceConfig> read(Path file, SchemaCatalog catalog, KubernetesClient client,
      String systemNamespace, Path cacheDir, java.util.function.Consumer<String> warn) {
    String rel = file.getFileName().toString();
    List<SourceConfig> out = new ArrayList<>();
    for (Object o : (List<?>) checked(file, catalog).object().get("sources")) {
      Map<?, ?> s = (Map<?, ?>) o;
      if (s.get("rolloutPolicy") != null
          && RolloutPolicy.isHotReload(String.valueOf(s.get("rolloutPolicy")))) {
        warn.accept(rel + ": source '" + s.get("name") + "': rolloutPolicy "
            + RolloutPolicy.HOT_RELOAD_WARNING);
      }
      out.add(source(s, client, systemNamespace, cacheDir));
    }
    return out;
  }

  /**
   * The {@code notify:} targets of {@code file}, checked as {@link #read} checks it; secrets and
   * URL files read now.
   */
  public static dev.roster.serve.notify.NotifySettings notify(Path file, SchemaCatalog catalog) {
    return NotifyConfig.of(checked(file, catalog).object());
  }

  /** The config's one document, parsed and checked; invalid: {@link ServeConfigException}. */
  private static Manifest checked(Path file, SchemaCatalog catalog) {
    String rel = file.getFileName().toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ServeConfigException(ServeConfigReason.CONFIG_UNREADABLE,
          "failed to read '" + file + "': " + e.getMessage(),
          List.of(Problem.fileError(rel, 0, 0, "unreadable: " + e.getMessage())));
    }
    YamlParser.Parsed parsed = new ManifestLoader(LoadOptions.defaults()).parseBytes(rel, bytes);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    if (problems.isEmpty() && parsed.manifests().size() != 1) {
      problems.add(Problem.fileError(rel, 1, 1, "expected exactly one document"));
    }
    if (problems.isEmpty()) {
      Manifest m = parsed.manifests().get(0);
      problems.addAll(new SchemaValidator(catalog).validate(m,
          catalog.schemaById(SCHEMA).orElseThrow()));
    }
    if (problems.stream().noneMatch(p -> p.severity() == dev.roster.load.Severity.ERROR)) {
      problems.addAll(beyondSchema(parsed.manifests().get(0)));
    }
    if (problems.stream().anyMatch(p -> p.severity() == dev.roster.load.Severity.ERROR)) {
      throw new ServeConfigException(ServeConfigReason.CONFIG_INVALID,
          "invalid serve config '" + file + "'", problems);
    }
    return parsed.manifests().get(0);
  }

  /** What the schema cannot say: names are unique, intervals parse and are positive. */
  private static List<Problem> beyondSchema(Manifest m) {
    List<Problem> out = new ArrayList<>(NotifyConfig.check(m));
    Set<String> names = new HashSet<>();
    List<?> sources = (List<?>) m.object().get("sources");
    for (int i = 0; i < sources.size(); i++) {
      Map<?, ?> s = (Map<?, ?>) sources.get(i);
      if (!names.add(String.valueOf(s.get("name")))) {
        out.add(m.error("/sources/" + i + "/name", "source name '" + s.get("name")
            + "' is used by an earlier source"));
      }
      for (String key : List.of("interval", "resyncInterval")) {
        if (s.get(key) == null) {
          continue;
        }
        try {
          if (Durations.parse(String.valueOf(s.get(key))).isZero()) {
            out.add(m.error("/sources/" + i + "/" + key, key + " must be more than 0"));
          }
        } catch (IllegalArgumentException e) {
          out.add(m.error("/sources/" + i + "/" + key, e.getMessage()));
        }
      }
    }
    return out;
  }

  private static SourceConfig source(Map<?, ?> s, KubernetesClient client, String systemNs,
      Path cacheDir) {
    String name = (String) s.get("name");
    GitCredentials creds = GitCredentials.none();
    if (s.get("credentials") instanceof Map<?, ?> c) {
      String user = str(c, "usernameFile") == null ? null : file(str(c, "usernameFile"));
      if (str(c, "tokenFile") != null) {
        creds = creds.withToken(user, file(str(c, "tokenFile")));
      }
      if (str(c, "sshKeyFile") != null) {
        creds = creds.withSsh(Path.of(str(c, "sshKeyFile")),
            str(c, "knownHostsFile") == null ? null : Path.of(str(c, "knownHostsFile")));
      }
      if (c.get("secretRef") instanceof Map<?, ?> ref) {
        Map<String, String> data = secret(client, ref, systemNs);
        if (data.containsKey("token")) {
          creds = creds.withToken(data.get("username"), data.get("token"));
        }
      }
    }
    byte[] webhookSecret = null;
    if (s.get("webhook") instanceof Map<?, ?> w) {
      String value = str(w, "secretFile") != null ? file(str(w, "secretFile"))
          : secret(client, (Map<?, ?>) w.get("secretRef"), systemNs)
              .get(w.get("secretRef") instanceof Map<?, ?> r && r.get("key") != null
                  ? String.valueOf(r.get("key")) : "secret");
      webhookSecret = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
    String drift = s.get("drift") == null ? "revert" : String.valueOf(s.get("drift"));
    Duration interval = Durations.parse(s.get("interval") == null ? "1m"
        : String.valueOf(s.get("interval")));
    return SourceConfig.builder(name,
            new SourceSpec((String) s.get("repo"), str(s, "ref"), str(s, "path"), cacheDir))
        .credentials(creds)
        .interval(interval)
        .namespace(s.get("namespace") == null ? "default" : String.valueOf(s.get("namespace")))
        .prune(!Boolean.FALSE.equals(s.get("prune")))
        .suspend(Boolean.TRUE.equals(s.get("suspend")))
        .driftReportOnly("report".equals(drift))
        .webhookSecret(webhookSecret)
        .rolloutPolicy(s.get("rolloutPolicy") == null ? null
            : RolloutPolicy.Mode.parse(String.valueOf(s.get("rolloutPolicy"))))
        .resyncInterval(s.get("resyncInterval") == null ? null
            : Durations.parse(String.valueOf(s.get("resyncInterval"))))
        .ignoreFields(ignoreFields(s.get("ignoreFields")))
        .build();
  }

  /** {@code ignoreFields:} of a source: kind to pointers, as the schema checked it. */
  private static Map<String, List<String>> ignoreFields(Object o) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((kind, pointers) -> out.put(String.valueOf(kind), pointers instanceof List<?> l
          ? l.stream().map(String::valueOf).toList() : List.of()));
    }
    return out;
  }

  private static String str(Map<?, ?> m, String key) {
    return m.get(key) == null ? null : String.valueOf(m.get(key));
  }

  private static String file(String path) {
    return NotifyConfig.file(path);
  }

  private static Map<String, String> secret(KubernetesClient client, Map<?, ?> ref,
      String systemNs) {
    String ns = ref.get("namespace") == null ? systemNs : String.valueOf(ref.get("namespace"));
    Secret secret = client.secrets().inNamespace(ns).withName(String.valueOf(ref.get("name")))
        .get();
    if (secret == null) {
      throw new ServeConfigException(ServeConfigReason.SECRET_NOT_FOUND,
          "Secret '" + ns + "/" + ref.get("name") + "' not found",
          List.of());
    }
    Map<String, String> out = new java.util.HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> out.put(k,
          new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8).strip()));
    }
    if (secret.getStringData() != null) {
      out.putAll(secret.getStringData());
    }
    return out;
  }
}
