package dev.roster.engine;

import dev.roster.source.DirectoryTree;
import dev.roster.source.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A flat directory on disk with content ids, as a Git tree has: a file's id is the hash of its
 * bytes, the root's the hash of every file's name and bytes (other paths: none). For tests of
 * what serve reuses while a tree's id is unchanged.
 */
final class IdTree implements SourceTree {
  private final Path dir;
  private final DirectoryTree files;

  IdTree(Path dir) {
    this.dir = dir;
    this.files = new DirectoryTree(dir);
  }

  @Override
  public List<Entry> list(String path) throws IOException {
    return files.list(path);
  }

  @Override
  public long size(String path) throws IOException {
    return files.size(path);
  }

  @Override
  public byte[] read(String path) throws IOException {
    return files.read(path);
  }

  @Override
  public String contentId(String path) throws IOException {
    MessageDigest md = sha256();
    if (!path.isEmpty()) {
      return Files.isRegularFile(dir.resolve(path))
          ? HexFormat.of().formatHex(md.digest(read(path))) : null;
    }
    try (Stream<Path> all = Files.list(dir)) {
      for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
        md.update(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(p));
        md.update((byte) 0);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
