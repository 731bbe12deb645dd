package dev.roster.load;

import dev.roster.source.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files in memory with content ids, as a Git tree has them: the id of a file is a hash of its
 * bytes, the id of the root a hash of every path and id. Edit it between loads.
 */
final class MemoryTree implements SourceTree {
  private final Map<String, String> files = new TreeMap<>();
  int reads;

  MemoryTree put(String path, String text) {
    files.put(path, text);
    return this;
  }

  MemoryTree remove(String path) {
    files.remove(path);
    return this;
  }

  @Override
  public List<Entry> list(String dir) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    Map<String, Type> out = new TreeMap<>();
    for (String p : files.keySet()) {
      if (p.startsWith(prefix)) {
        String rest = p.substring(prefix.length());
        int slash = rest.indexOf('/');
        out.put(slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? Type.FILE
            : Type.DIRECTORY);
      }
    }
    List<Entry> entries = new ArrayList<>();
    out.forEach((name, type) -> entries.add(new Entry(name, type, null)));
    return entries;
  }

  @Override
  public long size(String path) throws IOException {
    return read(path).length;
  }

  @Override
  public byte[] read(String path) throws IOException {
    String text = files.get(path);
    if (text == null) {
      throw new NoSuchFileException(path);
    }
    reads++;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String contentId(String path) {
    if (path.isEmpty()) {
      return Integer.toHexString(files.hashCode());
    }
    String text = files.get(path);
    return text == null ? null : Integer.toHexString(text.hashCode());
  }
}
