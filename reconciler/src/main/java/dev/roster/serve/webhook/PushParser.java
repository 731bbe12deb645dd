package dev.roster.serve.webhook;

import com.sun.net.httpserver.Headers;
import dev.roster.serve.webhook.PushEvent.RefUpdate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a verified delivery into a {@link PushEvent}. The event kind comes from headers; only a
 * push body is parsed (and a GitLab system hook, whose body names its kind). Callers must have
 * verified the delivery first.
 */
final class PushParser {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What a push body says: moved refs and repository URLs. */
  record Body(List<RefUpdate> updates, List<String> repoUrls) {}

  private PushParser() {}

  /**
   * The event in a verified delivery.
   *
   * @throws JacksonException if a push body is not JSON
   */
  static PushEvent parse(WebhookVerifier verifier, Headers headers, byte[] body) {
    Provider p = verifier.provider();
    String event = verifier.event(headers);
    String id = verifier.deliveryId(headers);
    EventKind kind = kind(p, event);
    boolean systemHook = p == Provider.GITLAB && "System Hook".equals(event);
    if (kind != EventKind.PUSH && !systemHook) {
      return new PushEvent(p, id, kind, event, List.of(), List.of());
    }
    JsonNode root = body.length == 0 && p == Provider.GENERIC
        ? JSON.createObjectNode() : JSON.readTree(body);
    if (systemHook) {
      String name = root.path("event_name").asString("");
      if (!name.equals("push") && !name.equals("tag_push")) {
        return new PushEvent(p, id, EventKind.OTHER, event, List.of(), List.of());
      }
    }
    Body b = switch (p) {
      case GITHUB -> forge(root, "html_url", "clone_url", "ssh_url", "git_url", "url");
      case GITEA, FORGEJO -> forge(root, "html_url", "clone_url", "ssh_url");
      case GITLAB -> gitlab(root);
      case BITBUCKET_CLOUD -> BitbucketPayloads.cloud(root);
      case BITBUCKET_SERVER -> BitbucketPayloads.server(root);
      case GENERIC -> generic(root);
    };
    return new PushEvent(p, id, EventKind.PUSH, event, b.updates(), b.repoUrls());
  }

  /** The kind an event name stands for; GitLab's test push is an ordinary {@code Push Hook}. */
  static EventKind kind(Provider p, String event) {
    if (event == null) {
      return EventKind.OTHER;
    }
    return switch (p) {
      case GITHUB -> event.equals("push") ? EventKind.PUSH
          : event.equals("ping") ? EventKind.PING : EventKind.OTHER;
      case GITEA, FORGEJO, GENERIC -> event.equals("push") ? EventKind.PUSH : EventKind.OTHER;
      case GITLAB -> event.equals("Push Hook") || event.equals("Tag Push Hook")
          ? EventKind.PUSH : EventKind.OTHER;
      case BITBUCKET_CLOUD -> event.equals("repo:push") ? EventKind.PUSH : EventKind.OTHER;
      case BITBUCKET_SERVER -> event.equals("repo:refs_changed") ? EventKind.PUSH
          : event.equals("diagnostics:ping") ? EventKind.PING : EventKind.OTHER;
    };
  }

  /** GitHub, Gitea and Forgejo: {@code ref}, {@code after}, {@code repository.<urlFields>}. */
  private static Body forge(JsonNode root, String... urlFields) {
    Set<String> urls = new LinkedHashSet<>();
    for (String f : urlFields) {
      add(urls, root.path("repository").path(f));
    }
    return new Body(single(root), List.copyOf(urls));
  }

  /** GitLab push and tag push: {@code project.*_url} and {@code repository.*}. */
  private static Body gitlab(JsonNode root) {
    Set<String> urls = new LinkedHashSet<>();
    JsonNode project = root.path("project");
    for (String f : List.of("web_url", "git_http_url", "git_ssh_url", "http_url", "ssh_url")) {
      add(urls, project.path(f));
    }
    JsonNode repo = root.path("repository");
    for (String f : List.of("homepage", "url", "git_http_url", "git_ssh_url")) {
      add(urls, repo.path(f));
    }
    return new Body(single(root), List.copyOf(urls));
  }

  /** Roster's form: {@code {"ref": "refs/heads/main", "repository": "<url>"}}, both optional. */
  private static Body generic(JsonNode root) {
    Set<String> urls = new LinkedHashSet<>();
    add(urls, root.path("repository"));
    String ref = text(root.path("ref"));
    if (ref != null && !ref.startsWith("refs/")) {
      ref = "refs/heads/" + ref;
    }
    List<RefUpdate> updates = ref == null ? List.of() : List.of(new RefUpdate(ref, null));
    return new Body(updates, List.copyOf(urls));
  }

  /** One {@code ref} / {@code after} pair at the top level, or none. */
  private static List<RefUpdate> single(JsonNode root) {
    String ref = text(root.path("ref"));
    List<RefUpdate> out = new ArrayList<>();
    if (ref != null) {
      out.add(new RefUpdate(ref, text(root.path("after"))));
    }
    return out;
  }

  static void add(Set<String> urls, JsonNode n) {
    String s = text(n);
    if (s != null) {
      urls.add(s);
    }
  }

  /** A non-blank string value, trimmed; null for anything else. */
  static String text(JsonNode n) {
    if (n == null || !n.isString()) {
      return null;
    }
    String s = n.stringValue().trim();
    return s.isEmpty() ? null : s;
  }
}
