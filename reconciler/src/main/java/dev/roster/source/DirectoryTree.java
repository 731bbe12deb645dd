package dev.roster.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory on disk. Symlinks are followed only while their target stays inside the root; one
 * that leaves it, or is broken, is listed as {@link Type#REFUSED}. FIFOs, sockets and devices
 * (or symlinks to them) are listed as {@link Type#SPECIAL} without being opened.
 */
public final class DirectoryTree implements SourceTree {
  private final Path root;
  private final Path realRoot;

  /** Throws {@link SourceException} (RootNotFound) unless {@code root} is a directory. */
  public DirectoryTree(Path root) {
    if (!Files.isDirectory(root)) {
      throw new SourceException("RootNotFound", "'" + root + "' is not a directory", false, null);
    }
    this.root = root;
    try {
      this.realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new SourceException("RootUnreadable", "failed to read '" + root + "': " + e, true, e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public List<Entry> list(String dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(resolve(dir))) {
      for (Path p : ds) {
        out.add(entry(p));
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  private Entry entry(Path p) {
    String name = p.getFileName().toString();
    if (Files.isSymbolicLink(p)) {
      try {
        Path target = p.toRealPath();
        if (!target.startsWith(realRoot)) {
          return new Entry(name, Type.REFUSED, "symlink points outside the repo root; not read");
        }
        if (Files.isDirectory(target) && p.getParent().toRealPath().startsWith(target)) {
          return new Entry(name, Type.REFUSED, "symlink loops back to a parent directory");
        }
      } catch (IOException e) {
        return new Entry(name, Type.REFUSED, "broken symlink; not read");
      }
    }
    if (Files.isDirectory(p)) {
      return new Entry(name, Type.DIRECTORY, null);
    }
    if (Files.isRegularFile(p)) {
      return new Entry(name, Type.FILE, null);
    }
    return new Entry(name, Type.SPECIAL, "not a regular file (a FIFO, socket or device); skipped,"
        + " never opened");
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(resolve(path));
  }

  @Override
  public byte[] read(String path) throws IOException {
    return Files.readAllBytes(resolve(path));
  }

  private Path resolve(String rel) {
    return rel.isEmpty() ? root : root.resolve(rel);
  }
}
