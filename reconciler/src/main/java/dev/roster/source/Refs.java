package dev.roster.source;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Ref resolution, in this order: null or {@code HEAD} → HEAD (labelled with the branch it
 * names); a full {@code refs/...} name; a branch; a tag; a remote-tracking branch (local repos);
 * a commit hash of 4 to 40 hex digits; in a local repository, any revision expression Git reads
 * ({@code HEAD~2}, {@code origin/main^}).
 */
final class Refs {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");

  /**
   * A resolved ref.
   *
   * @param label how to show it
   * @param id the object it names (maybe an annotated tag)
   * @param peeled the commit behind an annotated tag, when known without the objects; else null
   */
  record Target(String label, ObjectId id, ObjectId peeled) {}

  private Refs() {}

  static boolean isHash(String ref) {
    return ref != null && HEX.matcher(ref).matches();
  }

  /** Resolves {@code ref} by name among advertised refs; null if not there (or a hash). */
  static Target advertised(Map<String, Ref> refs, String ref) {
    if (ref == null || ref.equals(Constants.HEAD)) {
      Ref head = refs.get(Constants.HEAD);
      if (head == null || head.getObjectId() == null) {
        return null;
      }
      return new Target(headLabel(head, refs), head.getObjectId(), head.getPeeledObjectId());
    }
    for (String name : candidates(ref)) {
      Ref r = refs.get(name);
      if (r != null && r.getObjectId() != null) {
        return new Target(ref, r.getObjectId(), r.getPeeledObjectId());
      }
    }
    return null;
  }

  /**
   * A hash among advertised refs: a full one as is (the objects may still be missing), an
   * abbreviated one if it prefixes exactly one advertised commit; else null.
   */
  static Target advertisedHash(Map<String, Ref> refs, String hash) {
    String h = hash.toLowerCase(java.util.Locale.ROOT);
    if (h.length() == Constants.OBJECT_ID_STRING_LENGTH) {
      return new Target(hash, ObjectId.fromString(h), null);
    }
    List<ObjectId> hits = refs.values().stream()
        .map(r -> r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId())
        .filter(id -> id != null && id.name().startsWith(h)).distinct().toList();
    return hits.size() == 1 ? new Target(hash, hits.get(0), null) : null;
  }

  /** Resolves {@code ref} in a local repository (mirror or working copy); null if unknown. */
  static Target local(Repository repo, String ref) throws IOException {
    if (ref == null || ref.equals(Constants.HEAD)) {
      Ref head = repo.exactRef(Constants.HEAD);
      if (head == null || head.getObjectId() == null) {
        return null;
      }
      String label = head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName())
          : Constants.HEAD;
      return new Target(label, head.getObjectId(), null);
    }
    for (String name : candidates(ref)) {
      Ref r = repo.exactRef(name);
      if (r != null && r.getObjectId() != null) {
        return new Target(ref, r.getObjectId(), null);
      }
    }
    if (!isHash(ref)) {
      return expression(repo, ref);
    }
    try (ObjectReader reader = repo.newObjectReader()) {
      Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(ref));
      if (ids.size() > 1) {
        throw new SourceException(SourceReason.REF_NOT_FOUND,
            "commit hash '" + ref + "' is ambiguous");
      }
      return ids.isEmpty() ? null : new Target(ref, ids.iterator().next(), null);
    }
  }

  /**
   * A revision expression Git understands ({@code HEAD~2}, {@code main^}, {@code v1^{commit}});
   * null when it names nothing here, or an ancestor whose objects are missing (a shallow clone).
   */
  private static Target expression(Repository repo, String ref) throws IOException {
    try {
      ObjectId id = repo.resolve(ref);
      return id == null ? null : new Target(ref, id, null);
    } catch (RevisionSyntaxException | MissingObjectException e) {
      return null;
    } catch (AmbiguousObjectException e) {
      throw new SourceException(SourceReason.REF_NOT_FOUND, "revision '" + ref + "' is ambiguous");
    }
  }

  /** The commit {@code id} names (peeling annotated tags); null if the object is missing. */
  static ObjectId commit(Repository repo, Target t) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(t.id()).getId();
    } catch (MissingObjectException e) {
      return null;
    } catch (IncorrectObjectTypeException e) {
      throw new SourceException(SourceReason.REF_NOT_FOUND,
          "ref '" + t.label() + "' does not name a commit");
    }
  }

  private static List<String> candidates(String ref) {
    if (ref.startsWith(Constants.R_REFS)) {
      return List.of(ref);
    }
    return List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref, Constants.R_REMOTES + ref);
  }

  /** HEAD's branch; for a server that does not say, a branch at HEAD's commit (main first). */
  private static String headLabel(Ref head, Map<String, Ref> refs) {
    if (head.isSymbolic()) {
      return Repository.shortenRefName(head.getTarget().getName());
    }
    for (String b : List.of("main", "master")) {
      Ref r = refs.get(Constants.R_HEADS + b);
      if (r != null && head.getObjectId().equals(r.getObjectId())) {
        return b;
      }
    }
    return refs.values().stream()
        .filter(r -> r.getName().startsWith(Constants.R_HEADS))
        .filter(r -> head.getObjectId().equals(r.getObjectId()))
        .map(r -> Repository.shortenRefName(r.getName()))
        .sorted()
        .findFirst()
        .orElse(Constants.HEAD);
  }
}
