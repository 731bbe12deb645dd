package dev.roster.serve;

import dev.roster.load.Durations;
import dev.roster.load.Manifest;
import dev.roster.load.Problem;
import dev.roster.serve.notify.NoticeKind;
import dev.roster.serve.notify.NotifySettings;
import dev.roster.serve.notify.NotifyTarget;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code notify:} list of a serve config (validated by its schema first): what the schema
 * cannot say, and the targets, their URLs and secrets read from files (never from the config).
 */
final class NotifyConfig {
  private NotifyConfig() {}

  /** GitHub and GitLab targets need a token; {@code heldAfter} parses. */
  static List<Problem> check(Manifest m) {
    List<Problem> out = new ArrayList<>();
    List<?> targets = m.object().get("notify") instanceof List<?> l ? l : List.of();
    for (int i = 0; i < targets.size(); i++) {
      Map<?, ?> t = (Map<?, ?>) targets.get(i);
      String type = String.valueOf(t.get("type"));
      if ((type.equals("github") || type.equals("gitlab")) && t.get("secretFile") == null) {
        out.add(m.error("/notify/" + i, type + " commit statuses need secretFile (the API"
            + " token)"));
      }
      if (t.get("heldAfter") != null) {
        try {
          Durations.parse(String.valueOf(t.get("heldAfter")));
        } catch (IllegalArgumentException e) {
          out.add(m.error("/notify/" + i + "/heldAfter", e.getMessage()));
        }
      }
    }
    return out;
  }

  /** The targets of a checked config; a secret or URL file that cannot be read is an error. */
  static NotifySettings of(Map<String, Object> config) {
    List<NotifyTarget> targets = new ArrayList<>();
    if (config.get("notify") instanceof List<?> l) {
      for (Object o : l) {
        targets.add(target((Map<?, ?>) o));
      }
    }
    return NotifySettings.of(targets);
  }

  private static NotifyTarget target(Map<?, ?> t) {
    NotifyTarget.Type type = NotifyTarget.Type.valueOf(
        String.valueOf(t.get("type")).toUpperCase(Locale.ROOT));
    String url = t.get("url") != null ? String.valueOf(t.get("url"))
        : file(String.valueOf(t.get("urlFile")));
    byte[] secret = t.get("secretFile") == null ? null
        : file(String.valueOf(t.get("secretFile"))).getBytes(StandardCharsets.UTF_8);
    Set<NoticeKind> events = EnumSet.noneOf(NoticeKind.class);
    if (t.get("events") instanceof List<?> e) {
      e.forEach(x -> events.add(NoticeKind.parse(String.valueOf(x))));
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ServeConfigException(ServeConfigReason.CONFIG_INVALID, "a " + type.label()
          + " notify target's URL is not a URL", List.of()); // never the URL: it may be secret
    }
    return new NotifyTarget(type, uri, secret, events, t.get("heldAfter") == null ? null
        : Durations.parse(String.valueOf(t.get("heldAfter"))));
  }

  /** The file's content, stripped; its name, never its content, in any error. */
  static String file(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ServeConfigException(ServeConfigReason.SECRET_UNREADABLE,
          "failed to read secret file '" + path + "'", List.of());
    }
  }
}
