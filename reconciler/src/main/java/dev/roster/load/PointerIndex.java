package dev.roster.load;

import java.util.Map;

/**
 * JSON pointer to source location for one document. Object members map to the position of their
 * key, array items to the position of the item, the empty pointer to the document start.
 */
public final class PointerIndex {
  private final Map<String, Location> locations;

  PointerIndex(Map<String, Location> locations) {
    this.locations = locations;
  }

  /**
   * Location of the field at {@code pointer}, or of its nearest ancestor present in the document
   * (a missing required field is reported where its parent is). Never null.
   */
  public Location locate(String pointer) {
    String p = pointer;
    while (true) {
      Location loc = locations.get(p);
      if (loc != null) {
        return loc;
      }
      if (p.isEmpty()) {
        return new Location(1, 1);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** Whether the document has a value at exactly this pointer. */
  public boolean contains(String pointer) {
    return locations.containsKey(pointer);
  }

  /** Escapes one reference token as RFC 6901 requires. */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }
}
