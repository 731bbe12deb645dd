package dev.roster.validate;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind Roster knows: its JSON Schema and its profile. Built from the schemas packaged in
 * the jar, then from each {@code --schema-dir}, later directories overriding earlier ones. Layout:
 * {@code <group>/<version>/<Kind>.json} and {@code <Kind>.profile.yaml}, group {@code core} for the
 * core API; other JSON files (such as {@code common/}) are shared definitions.
 */
public final class SchemaCatalog {
  /** Base IRI of the bundled schemas' {@code $id}s. */
  public static final String BASE = "https://roster.dev/schema/";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The bundled schemas' list, one path under {@code schema/} a line: written by the build
   * (reconciler/pom.xml) next to them, read by {@link #load}.
   */
  static final String INDEX = "schema/index.txt";

  private final Map<KindId, String> schemaIds;
  private final Map<String, Profile> profiles; // "group/Kind"
  /** The same profiles by group, then kind: looked up without building a key. */
  private final Map<String, Map<String, Profile>> byGroup = new HashMap<>();
  private final Map<String, JsonNode> raw;
  private final SchemaRegistry registry;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private SchemaCatalog(Map<KindId, String> ids, Map<String, Profile> profiles,
      Map<String, JsonNode> raw, Map<String, String> texts) {
    this.schemaIds = ids;
    this.profiles = profiles;
    profiles.forEach((gk, p) -> byGroup.computeIfAbsent(gk.substring(0, gk.indexOf('/')),
        g -> new HashMap<>()).put(gk.substring(gk.indexOf('/') + 1), p));
    this.raw = raw;
    this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(texts).schemaRegistryConfig(SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .errorMessageKeyword("errorMessage")
            .build()));
  }

  /** The bundled kinds only. */
  public static SchemaCatalog bundled() {
    return load(List.of());
  }

  /** The bundled kinds plus those under each directory, in order. */
  public static SchemaCatalog load(List<Path> extraDirs) {
    return load(extraDirs, true);
  }

  /** As {@link #load(List)}; {@code indexed} false walks the bundled schemas even with an index. */
  static SchemaCatalog load(List<Path> extraDirs, boolean indexed) {
    Map<KindId, String> ids = new HashMap<>();
    Map<String, Profile> profiles = new HashMap<>();
    Map<String, JsonNode> raw = new HashMap<>();
    Map<String, String> texts = new HashMap<>();
    if (!indexed || !scanIndexed(ids, profiles, raw, texts)) {
      withBundledRoot(root -> scan(root, ids, profiles, raw, texts));
    }
    for (Path dir : extraDirs) {
      if (!Files.isDirectory(dir)) {
        throw new ValidationException(ValidateReason.SCHEMA_DIR_NOT_FOUND,
            "schema directory '" + dir + "' does not exist", null);
      }
      try {
        scan(dir, ids, profiles, raw, texts);
      } catch (IOException e) {
        throw new ValidationException(ValidateReason.SCHEMA_DIR_UNREADABLE,
            "failed to read schema directory '" + dir + "': " + e.getMessage(), e);
      }
    }
    return new SchemaCatalog(Map.copyOf(ids), Map.copyOf(profiles), raw, texts);
  }

  /** The compiled schema of a kind, if Roster knows it. */
  public Optional<Schema> schema(KindId id) {
    String sid = schemaIds.get(id);
    if (sid == null) {
      return Optional.empty();
    }
    return Optional.of(compiled.computeIfAbsent(sid,
        s -> registry.getSchema(SchemaLocation.of(s))));
  }

  /** A compiled schema by its {@code $id} (e.g. a non-kind schema such as serve's config). */
  public Optional<Schema> schemaById(String id) {
    if (!raw.containsKey(id)) {
      return Optional.empty();
    }
    return Optional.of(compiled.computeIfAbsent(id,
        s -> registry.getSchema(SchemaLocation.of(s))));
  }

  /** The profile of a kind in a group (any version); defaults when it has none. */
  public Profile profile(String group, String kind) {
    Map<String, Profile> kinds = byGroup.get(group);
    Profile p = kinds == null ? null : kinds.get(kind);
    return p != null ? p : Profile.defaults();
  }

  /** Versions known for a group and kind, sorted; empty if the kind is unknown. */
  public List<String> versions(String group, String kind) {
    TreeSet<String> out = new TreeSet<>();
    schemaIds.keySet().stream()
        .filter(k -> k.group().equals(group) && k.kind().equals(kind))
        .forEach(k -> out.add(k.version()));
    return List.copyOf(out);
  }

  /** Every known kind, sorted by group, version and kind. */
  public List<KindId> kinds() {
    List<KindId> out = new ArrayList<>(schemaIds.keySet());
    out.sort((a, b) -> a.apiVersionKind().compareTo(b.apiVersionKind()));
    return out;
  }

  /** The {@code $id} of a kind's schema, if Roster knows the kind. */
  public Optional<String> schemaId(KindId id) {
    return Optional.ofNullable(schemaIds.get(id));
  }

  /**
   * The raw schema document with this {@code $id} (a kind's or a shared one), as read; null if
   * unknown. Callers must not modify it.
   */
  public JsonNode rawSchema(String id) {
    return raw.get(id);
  }

  private interface RootAction {
    void accept(Path root) throws IOException;
  }

  /**
   * Runs {@code action} on the bundled schema root; a jar's file system opened for it is closed
   * afterwards (it holds a copy of the jar's whole index, megabytes, for as long as it is open).
   */
  private static synchronized void withBundledRoot(RootAction action) {
    URL url = SchemaCatalog.class.getResource("/schema/common/types.json");
    if (url == null) {
      throw new ValidationException(ValidateReason.SCHEMAS_MISSING,
          "bundled schemas not found", null);
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem opened = null;
        FileSystem fs;
        try {
          fs = opened = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri); // someone else's: left open
        }
        try {
          action.accept(fs.getPath("/schema"));
        } finally {
          if (opened != null) {
            opened.close();
          }
        }
      } else {
        action.accept(Path.of(uri).getParent().getParent());
      }
    } catch (IOException | URISyntaxException e) {
      throw new ValidationException(ValidateReason.SCHEMAS_UNREADABLE,
          "failed to read bundled schemas: " + e, e);
    }
  }

  private static void scan(Path root, Map<KindId, String> ids, Map<String, Profile> profiles,
      Map<String, JsonNode> raw, Map<String, String> texts) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String rel = root.relativize(f).toString().replace('\\', '/');
      add(rel, Files.readString(f, StandardCharsets.UTF_8), ids, profiles, raw, texts);
    }
  }

  /**
   * Reads the bundled schemas through {@link #INDEX}, their list written at build time, when the
   * class path has it; false when it has not. The same files in the same order as walking the
   * bundled directory ({@code SchemaIndexTest} pins it), without mounting the jar as a file
   * system: that reads the central directory of the whole shaded jar, most of a short
   * command's time spent here.
   */
  private static boolean scanIndexed(Map<KindId, String> ids, Map<String, Profile> profiles,
      Map<String, JsonNode> raw, Map<String, String> texts) {
    URL index = SchemaCatalog.class.getResource("/" + INDEX);
    if (index == null) {
      return false;
    }
    try {
      List<String> files;
      try (InputStream in = index.openStream()) {
        files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .filter(l -> !l.isBlank()).sorted().toList();
      }
      if (index.openConnection() instanceof JarURLConnection jar) {
        // one JarFile for all: the class loader's lookups build a URL and a connection per file
        try (JarFile file = new JarFile(Path.of(jar.getJarFileURL().toURI()).toFile())) {
          for (String rel : files) {
            ZipEntry entry = file.getEntry("schema/" + rel);
            if (entry == null) {
              throw new IOException("schema/" + rel + " is listed in " + INDEX + " but missing");
            }
            try (InputStream in = file.getInputStream(entry)) {
              add(rel, new String(in.readAllBytes(), StandardCharsets.UTF_8), ids, profiles, raw,
                  texts);
            }
          }
        }
      } else if ("file".equals(index.getProtocol())) {
        Path root = Path.of(index.toURI()).getParent();
        for (String rel : files) {
          add(rel, Files.readString(root.resolve(rel), StandardCharsets.UTF_8), ids, profiles,
              raw, texts);
        }
      } else {
        return false;
      }
    } catch (IOException | URISyntaxException e) {
      throw new ValidationException(ValidateReason.SCHEMAS_UNREADABLE,
          "failed to read bundled schemas: " + e, e);
    }
    return true;
  }

  /** One schema or profile file, at {@code rel} (slash-separated) under its root. */
  private static void add(String rel, String text, Map<KindId, String> ids,
      Map<String, Profile> profiles, Map<String, JsonNode> raw, Map<String, String> texts) {
    String[] parts = rel.split("/");
    boolean kindFile = parts.length == 3 && !"common".equals(parts[0]);
    String group = "core".equals(parts[0]) ? "" : parts[0];
    if (rel.endsWith(".profile.yaml") && kindFile) {
      String kind = parts[2].substring(0, parts[2].length() - ".profile.yaml".length());
      profiles.put(group + "/" + kind, ProfileReader.read(rel, text));
    } else if (rel.endsWith(".json")) {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (RuntimeException e) {
        throw new ValidationException(ValidateReason.INVALID_SCHEMA,
            "schema '" + rel + "' is not valid JSON: " + e.getMessage(), e);
      }
      String id = node.path("$id").isString() ? node.get("$id").stringValue() : BASE + rel;
      texts.put(id, text);
      raw.put(id, node);
      if (kindFile) {
        String kind = parts[2].substring(0, parts[2].length() - ".json".length());
        ids.put(new KindId(group, parts[1], kind), id);
      }
    }
  }
}
