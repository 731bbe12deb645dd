package dev.roster.validate;

import dev.roster.load.Manifest;
import dev.roster.load.PointerIndex;
import dev.roster.load.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks names inside one object that must name another part of it (a profile's {@code
 * localRefs}): an approval gate's {@code spawn-<teammate>} event, an approval annotation. Each
 * problem says, in the profile's words, what the platform does with such a name.
 */
final class LocalRefChecker {
  private LocalRefChecker() {}

  static List<Problem> check(Manifest m, Profile profile) {
    List<Problem> out = new ArrayList<>();
    for (Profile.LocalRef r : profile.localRefs()) {
      Set<String> known = new LinkedHashSet<>();
      for (PointerPaths.Match n : PointerPaths.find(m.object(), r.names(), "")) {
        if (n.value() instanceof String s) {
          known.add(s);
        }
      }
      for (PointerPaths.Match hit : PointerPaths.find(m.object(), r.path(), "")) {
        String value = r.keys() ? key(hit.pointer())
            : hit.value() instanceof String s ? s : null;
        if (value == null || !value.startsWith(r.prefix())) {
          continue;
        }
        String name = value.substring(r.prefix().length());
        if (!known.contains(name)) {
          out.add(m.error(hit.pointer(), r.message().replace("{name}", name)
              .replace("{known}", known.isEmpty() ? "none" : String.join(", ", known))));
        }
      }
    }
    return out;
  }

  /** The last token of a JSON pointer, unescaped: the key of a map entry. */
  private static String key(String pointer) {
    return PointerIndex.unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
  }
}
