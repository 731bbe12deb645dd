package dev.roster.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import dev.roster.source.DirectoryTree;
import dev.roster.source.SourceException;
import dev.roster.source.SourceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Reads every YAML file under a root into manifests; see the package contract. */
public final class ManifestLoader {
  private final LoadOptions options;
  private final YamlParser parser;
  private final ParseCache cache;

  /** Files to parse before a directory load spreads them over the cores. */
  static final int PARALLEL_FROM = 256;

  /** {@link #PARALLEL_FROM}; tests set it to compare the one-core and the many-core path. */
  int parallelFrom = PARALLEL_FROM;

  /** A loader that parses every file ({@link ParseCache#none()}). */
  public ManifestLoader(LoadOptions options) {
    this(options, ParseCache.none());
  }

  /**
   * A loader that reuses what {@code cache} holds for files whose {@link SourceTree#contentId}
   * is unchanged (trees without content ids are always parsed). What it keeps in the cache, and
   * returns, is read-only ({@link CompactTrees}).
   */
  public ManifestLoader(LoadOptions options, ParseCache cache) {
    this.options = options;
    this.parser = new YamlParser(options);
    this.cache = java.util.Objects.requireNonNull(cache, "cache (ParseCache.none() for none)");
  }

  /**
   * Loads the directory at {@code root}. Throws the source's {@link SourceException} ({@code
   * RootNotFound}, {@code RootUnreadable}) if root is unusable.
   */
  public LoadResult load(Path root) {
    return load(new DirectoryTree(root));
  }

  /** Loads any tree (a directory, or a Git tree at some revision). */
  public LoadResult load(SourceTree tree) {
    RepoWalker.Listing listing = RepoWalker.list(tree);
    List<Manifest> manifests = new ArrayList<>();
    List<Problem> problems = new ArrayList<>(listing.problems());
    for (YamlParser.Parsed parsed : parseAll(listing.files(), tree)) {
      manifests.addAll(parsed.manifests());
      problems.addAll(parsed.problems());
    }
    cache.retain(listing.files());
    return new LoadResult(List.copyOf(manifests), List.copyOf(problems), listing.files().size());
  }

  /**
   * Each of {@code files} parsed, in their order. A directory read without a cache, with enough
   * files to pay ({@link #PARALLEL_FROM}), is parsed on every core: reading a file and parsing
   * its text touch nothing shared, so the result is the one-core result. Git trees (one object
   * reader) and cached loads stay on the calling thread.
   */
  private YamlParser.Parsed[] parseAll(List<String> files, SourceTree tree) {
    YamlParser.Parsed[] out = new YamlParser.Parsed[files.size()];
    boolean spread = tree instanceof DirectoryTree && !cache.keeps()
        && files.size() >= parallelFrom && Runtime.getRuntime().availableProcessors() > 1;
    IntStream range = IntStream.range(0, out.length);
    (spread ? range.parallel() : range).forEach(i -> out[i] = cachedFile(files.get(i), tree));
    return out;
  }

  /** Parses one file given as bytes (used for files read from Git objects as well as disk). */
  public YamlParser.Parsed parseBytes(String rel, byte[] bytes) {
    Text t = text(rel, bytes);
    return t.failed() != null ? t.failed() : parser.parse(rel, t.text());
  }

  /** A file's text, or why it has none ({@code failed}). */
  private record Text(String text, YamlParser.Parsed failed) {}

  private Text text(String rel, byte[] bytes) {
    if (bytes.length > options.maxFileBytes()) {
      return new Text(null, tooLarge(rel, bytes.length));
    }
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    if (ascii(bytes, start)) { // most manifests: the bytes are the chars
      return new Text(new String(bytes, start, bytes.length - start,
          StandardCharsets.ISO_8859_1), null);
    }
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      return new Text(null, invalidUtf8(rel, bytes, start, in.position()));
    }
    dec.flush(out);
    return new Text(out.flip().toString(), null);
  }

  private static boolean ascii(byte[] bytes, int start) {
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The file parsed, or taken from the cache; unreadable files are never cached. */
  private YamlParser.Parsed cachedFile(String rel, SourceTree tree) {
    try {
      String id = cache.keeps() ? tree.contentId(rel) : null;
      YamlParser.Parsed parsed = id == null ? null : cache.get(rel, id);
      if (parsed != null) {
        return parsed;
      }
      parsed = file(rel, tree, id != null);
      if (id != null) {
        cache.put(rel.intern(), id, parsed); // the path also names the file live: one instance
      }
      return parsed;
    } catch (IOException e) {
      return unreadable(rel, e);
    }
  }

  /**
   * The file at {@code rel} parsed; when the result is kept across loads ({@code keep}) it is
   * made read-only ({@link #compact}).
   */
  YamlParser.Parsed file(String rel, SourceTree tree, boolean keep) throws IOException {
    Text t = readFile(rel, tree);
    if (t.failed() != null) {
      return t.failed();
    }
    YamlParser.Parsed parsed = parser.parse(rel, t.text());
    return keep ? compact(rel.intern(), t.text(), parsed) : parsed; // one path instance
  }

  /** What a file that could not be read yields: one error, no manifests. */
  static YamlParser.Parsed unreadable(String rel, IOException e) {
    return new YamlParser.Parsed(
        List.of(), List.of(Problem.fileError(rel, 0, 0, "unreadable: " + e.getMessage())));
  }

  /**
   * What the cache keeps: the same manifests as read-only {@link CompactTrees}, whose pointer
   * indexes are made again from the file's text (kept deflated) only if a problem has to be
   * located.
   */
  private YamlParser.Parsed compact(String rel, String text, YamlParser.Parsed parsed) {
    List<Manifest> manifests = new ArrayList<>(parsed.manifests().size());
    PackedText packed = parsed.manifests().isEmpty() ? null : PackedText.of(text);
    for (int i = 0; i < parsed.manifests().size(); i++) {
      Manifest m = parsed.manifests().get(i);
      int doc = i;
      PointerIndex index = PointerIndex.lazy(
          () -> parser.parse(rel, packed.text()).manifests().get(doc).index());
      Origin o = m.origin();
      manifests.add(new Manifest(new Origin(rel, o.document(), o.line(), o.column()),
          CompactTrees.copyMap(m.object()), index));
    }
    return new YamlParser.Parsed(List.copyOf(manifests), List.copyOf(parsed.problems()));
  }

  private Text readFile(String rel, SourceTree tree) throws IOException {
    long size = tree.size(rel);
    if (size > options.maxFileBytes()) {
      return new Text(null, tooLarge(rel, size));
    }
    return text(rel, tree.read(rel));
  }

  private YamlParser.Parsed tooLarge(String rel, long size) {
    return new YamlParser.Parsed(List.of(), List.of(Problem.fileError(rel, 0, 0,
        "file is " + size + " bytes, over the limit of " + options.maxFileBytes()
            + " (--max-file-size); not parsed")));
  }

  /** {@code start} skips a byte order mark, which is no column of the first line. */
  private static YamlParser.Parsed invalidUtf8(String rel, byte[] bytes, int start, int offset) {
    int line = 1;
    int lineStart = start;
    for (int i = start; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8)
        .length() + 1;
    return new YamlParser.Parsed(List.of(), List.of(Problem.fileError(rel, line, column,
        String.format("invalid UTF-8 (byte 0x%02X at offset %d)", bytes[offset] & 0xff, offset))));
  }
}
