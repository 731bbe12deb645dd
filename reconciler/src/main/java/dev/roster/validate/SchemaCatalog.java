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

  /**
   * The bundled schemas' list, one path under {@code schema/} a line: written by the build
   * (reconciler/pom.xml) next to them, read by {@link #load}.
   */
  static final String INDEX = "schema/index.txt";

  private final Map<KindId, String> schemaIds;
  /** Profiles by group, then kind: looked up without building a key. */
  private final Map<String, Map<String, LazyProfile>> byGroup = new HashMap<>();
  /** Every schema's text by {@code $id}: what the registry compiles from. */
  private final Map<String, String> texts;
  /** Schema documents parsed so far by {@code $id} (see {@link #rawSchema}). */
  private final Map<String, JsonNode> raw;
  private final SchemaRegistry registry;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private SchemaCatalog(Parts parts) {
    this.schemaIds = Map.copyOf(parts.ids);
    parts.profiles.forEach((gk, p) -> byGroup.computeIfAbsent(gk.substring(0, gk.indexOf('/')),
        g -> new HashMap<>()).put(gk.substring(gk.indexOf('/') + 1), p));
    this.texts = Map.copyOf(parts.texts);
    this.raw = new ConcurrentHashMap<>(parts.raw);
    this.registry = registry(texts);
  }

  /** The registry that compiles {@code texts} (schema text by {@code $id}). */
  static SchemaRegistry registry(Map<String, String> texts) {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
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
    CatalogWarmup.await();
    Parts parts = new Parts();
    if (!indexed || !scanIndexed(parts)) {
      withBundledRoot(root -> scan(root, parts, true));
    }
    for (Path dir : extraDirs) {
      if (!Files.isDirectory(dir)) {
        throw new ValidationException(ValidateReason.SCHEMA_DIR_NOT_FOUND,
            "schema directory '" + dir + "' does not exist", null);
      }
      try {
        scan(dir, parts, false);
      } catch (IOException e) {
        throw new ValidationException(ValidateReason.SCHEMA_DIR_UNREADABLE,
            "failed to read schema directory '" + dir + "': " + e.getMessage(), e);
      }
    }
    return new SchemaCatalog(parts);
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
    if (!texts.containsKey(id)) {
      return Optional.empty();
    }
    return Optional.of(compiled.computeIfAbsent(id,
        s -> registry.getSchema(SchemaLocation.of(s))));
  }

  /** The profile of a kind in a group (any version); defaults when it has none. */
  public Profile profile(String group, String kind) {
    Map<String, LazyProfile> kinds = byGroup.get(group);
    LazyProfile p = kinds == null ? null : kinds.get(kind);
    return p != null ? p.get() : Profile.defaults();
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
   * unknown. Callers must not modify it. Bundled documents are parsed on first use here (a
   * validate run that finds no unknown field never needs them; the registry parses what it
   * compiles itself); those of {@code --schema-dir}s were parsed, and so checked, by {@link
   * #load}.
   */
  public JsonNode rawSchema(String id) {
    String text = texts.get(id);
    return text == null ? null : raw.computeIfAbsent(id, i -> Json.MAPPER.readTree(text));
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

  private static void scan(Path root, Parts parts, boolean bundled) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String rel = root.relativize(f).toString().replace('\\', '/');
      parts.add(rel, Files.readString(f, StandardCharsets.UTF_8), bundled);
    }
  }

  /**
   * Reads the bundled schemas through {@link #INDEX}, their list written at build time, when the
   * class path has it; false when it has not. The same files in the same order as walking the
   * bundled directory ({@code SchemaIndexTest} pins it), without mounting the jar as a file
   * system: that reads the central directory of the whole shaded jar, most of a short
   * command's time spent here.
   */
  private static boolean scanIndexed(Parts parts) {
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
              parts.add(rel, new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
            }
          }
        }
      } else if ("file".equals(index.getProtocol())) {
        Path root = Path.of(index.toURI()).getParent();
        for (String rel : files) {
          parts.add(rel, Files.readString(root.resolve(rel), StandardCharsets.UTF_8), true);
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

  /** What {@link #load} has read so far. */
  private static final class Parts {
    final Map<KindId, String> ids = new HashMap<>();
    final Map<String, LazyProfile> profiles = new HashMap<>(); // "group/Kind"
    final Map<String, JsonNode> raw = new HashMap<>();
    final Map<String, String> texts = new HashMap<>();

    /**
     * One schema or profile file, at {@code rel} (slash-separated) under its root. A bundled file
     * is only kept here, to be parsed when it is first needed: its {@code $id} is {@link #BASE}
     * plus {@code rel}, and it parses (the build's tests read every bundled file the way {@link
     * #load} reads a {@code --schema-dir}'s and compare). A {@code --schema-dir}'s file is parsed
     * now, so that a malformed one fails the load.
     */
    void add(String rel, String text, boolean bundled) {
      String[] parts = rel.split("/");
      boolean kindFile = parts.length == 3 && !"common".equals(parts[0]);
      String group = "core".equals(parts[0]) ? "" : parts[0];
      if (rel.endsWith(".profile.yaml") && kindFile) {
        String kind = parts[2].substring(0, parts[2].length() - ".profile.yaml".length());
        LazyProfile p = new LazyProfile(rel, text, bundled);
        if (!bundled) {
          p.get();
        }
        profiles.put(group + "/" + kind, p);
      } else if (rel.endsWith(".json")) {
        String id = BASE + rel;
        if (!bundled) {
          JsonNode node = parse(rel, text);
          id = node.path("$id").isString() ? node.get("$id").stringValue() : id;
          raw.put(id, node);
        }
        texts.put(id, text);
        if (kindFile) {
          String kind = parts[2].substring(0, parts[2].length() - ".json".length());
          ids.put(new KindId(group, parts[1], kind), id);
        }
      }
    }
  }

  /** A schema file's JSON document; not JSON is {@link ValidateReason#INVALID_SCHEMA}. */
  static JsonNode parse(String rel, String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (RuntimeException e) {
      throw new ValidationException(ValidateReason.INVALID_SCHEMA,
          "schema '" + rel + "' is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The mapper schema documents are read with, made on first use. */
  private static final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
  }

  /** A profile read on first use, once; a {@code --schema-dir}'s is read by {@link #load}. */
  private static final class LazyProfile {
    private final String rel;
    private final boolean bundled;
    private String text;
    private Profile profile;

    LazyProfile(String rel, String text, boolean bundled) {
      this.rel = rel;
      this.text = text;
      this.bundled = bundled;
    }

    synchronized Profile get() {
      if (profile == null) {
        profile = ProfileReader.read(rel, text, bundled);
        text = null;
      }
      return profile;
    }
  }
}
