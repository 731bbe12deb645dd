package dev.roster.serve.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a <em>verified</em> delivery says. Built from headers and, for pushes only, from the JSON
 * body; never holds the body, the secret or the signature.
 *
 * @param provider who sent it
 * @param deliveryId the provider's delivery id header, or null when it sent none
 * @param kind push, ping or other
 * @param event the provider's event name as sent ({@code push}, {@code Push Hook}, {@code
 *     repo:refs_changed}); {@code push} for the generic form
 * @param updates the refs the push moved, in payload order. Empty for ping and other events, and
 *     for a push whose payload does not name a ref (generic form without {@code ref}); such a
 *     push is taken to concern every ref
 * @param repoUrls every repository URL in the payload (web, HTTPS clone, SSH clone…), as sent,
 *     without duplicates; empty when the payload names no repository
 */
public record PushEvent(Provider provider, String deliveryId, EventKind kind, String event,
    List<RefUpdate> updates, List<String> repoUrls) {

  /**
   * One moved ref.
   *
   * @param ref full ref name ({@code refs/heads/main}, {@code refs/tags/v1})
   * @param after the commit the ref now points at, as sent (all zeros for a deleted ref on
   *     GitHub, GitLab and Gitea); null when the payload does not say or the ref was deleted
   */
  public record RefUpdate(String ref, String after) {
    public RefUpdate {
      Objects.requireNonNull(ref, "ref");
    }
  }

  public PushEvent {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    updates = List.copyOf(updates);
    repoUrls = List.copyOf(repoUrls);
  }

  /** The first moved ref, or null; enough for providers that send one ref per delivery. */
  public String ref() {
    return updates.isEmpty() ? null : updates.get(0).ref();
  }

  /** The commit of the first moved ref, or null. */
  public String after() {
    return updates.isEmpty() ? null : updates.get(0).after();
  }

  /** The update of exactly {@code ref}, if this push moved it. */
  public Optional<RefUpdate> update(String ref) {
    return updates.stream().filter(u -> u.ref().equals(ref)).findFirst();
  }
}
