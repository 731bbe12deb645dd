package dev.roster.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of what a directory source holds, so that its revision changes with its content:
 * {@code dir:<path>@sha256:<first 12 hex digits>}. It covers every regular file and symbolic link
 * under the root except in hidden directories and hidden files ({@code .git}, editor state) other
 * than {@code .rosterignore}: each file's path relative to the root, then its bytes (a link: its
 * target). The same files with the same bytes give the same digest wherever the directory is;
 * FIFOs, sockets and devices are never opened.
 */
public final class DirectoryDigest {
  /** Hex digits of the digest kept in the revision. */
  static final int LENGTH = 12;

  private DirectoryDigest() {}

  /** The revision of a directory source: {@code dir:<label>@sha256:<digest>}, or without a digest
   * when the root is not a readable directory (loading then reports why). */
  public static String revision(String label, Path root) {
    try {
      return "dir:" + label + "@sha256:" + of(root);
    } catch (IOException | UncheckedIOException e) {
      return "dir:" + label;
    }
  }

  /** The first {@value #LENGTH} hex digits of the SHA-256 over the files under {@code root}. */
  static String of(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("not a directory: " + root);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> !p.equals(root) && visible(root.relativize(p)))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
              || Files.isSymbolicLink(p))
          .sorted().toList();
    }
    MessageDigest sha = sha256();
    for (Path f : files) {
      sha.update(root.relativize(f).toString().replace('\\', '/')
          .getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Files.isSymbolicLink(f)
          ? ("-> " + Files.readSymbolicLink(f)).getBytes(StandardCharsets.UTF_8)
          : Files.readAllBytes(f));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, LENGTH);
  }

  private static boolean visible(Path relative) {
    for (int i = 0; i < relative.getNameCount(); i++) {
      String name = relative.getName(i).toString();
      boolean last = i == relative.getNameCount() - 1;
      if (name.startsWith(".") && !(last && ".rosterignore".equals(name))) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
