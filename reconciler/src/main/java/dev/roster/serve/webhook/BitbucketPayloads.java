package dev.roster.serve.webhook;

import dev.roster.serve.webhook.PushEvent.RefUpdate;
import dev.roster.serve.webhook.PushParser.Body;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Bitbucket push bodies, which list several moved refs per delivery. */
final class BitbucketPayloads {
  private BitbucketPayloads() {}

  /**
   * Bitbucket Cloud {@code repo:push}: {@code push.changes[].new} (or {@code .old} for a deleted
   * ref) with {@code type} branch/tag/annotated_tag, {@code name} and {@code target.hash};
   * repository URL {@code repository.links.html.href}.
   */
  static Body cloud(JsonNode root) {
    List<RefUpdate> updates = new ArrayList<>();
    for (JsonNode change : root.path("push").path("changes")) {
      JsonNode now = change.path("new");
      JsonNode named = now.isObject() ? now : change.path("old");
      String ref =
          cloudRef(PushParser.text(named.path("type")), PushParser.text(named.path("name")));
      if (ref != null) {
        updates.add(new RefUpdate(ref, PushParser.text(now.path("target").path("hash"))));
      }
    }
    Set<String> urls = new LinkedHashSet<>();
    PushParser.add(urls, root.path("repository").path("links").path("html").path("href"));
    return new Body(updates, List.copyOf(urls));
  }

  private static String cloudRef(String type, String name) {
    if (type == null || name == null) {
      return null;
    }
    return switch (type) {
      case "branch" -> "refs/heads/" + name;
      case "tag", "annotated_tag" -> "refs/tags/" + name;
      default -> null;
    };
  }

  /**
   * Bitbucket Server / Data Center {@code repo:refs_changed}: {@code changes[]} with {@code
   * ref.id} (or {@code refId}) and {@code toHash}; repository URLs from {@code
   * repository.links.clone[].href} and {@code repository.links.self[].href}.
   */
  static Body server(JsonNode root) {
    List<RefUpdate> updates = new ArrayList<>();
    for (JsonNode change : root.path("changes")) {
      String ref = PushParser.text(change.path("ref").path("id"));
      if (ref == null) {
        ref = PushParser.text(change.path("refId"));
      }
      if (ref != null) {
        String after = "DELETE".equals(PushParser.text(change.path("type")))
            ? null : PushParser.text(change.path("toHash"));
        updates.add(new RefUpdate(ref, after));
      }
    }
    Set<String> urls = new LinkedHashSet<>();
    JsonNode links = root.path("repository").path("links");
    for (String rel : List.of("clone", "self")) {
      for (JsonNode link : links.path(rel)) {
        PushParser.add(urls, link.path("href"));
      }
    }
    return new Body(updates, List.copyOf(urls));
  }
}
