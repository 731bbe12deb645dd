package dev.roster.serve.webhook;

import dev.roster.serve.webhook.PushEvent.RefUpdate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Whether a verified push concerns a source: same repository, and the ref the source tracks. */
final class Routing {

  /** How a push relates to one source. */
  enum Fit { MATCH, OTHER_REF, OTHER_REPO, NO_REPO }

  /**
   * @param fit the relation
   * @param ref the ref that mattered (the tracked one if it moved, else the first moved), or null
   * @param reason why it is ignored; null for a match
   */
  record Match(Fit fit, String ref, String reason) {}

  private Routing() {}

  /**
   * How {@code e} relates to {@code t}. A payload naming no repository fits a source named in the
   * path ({@code named}), whose secret already vouched for it, and no source otherwise.
   */
  static Match match(WebhookTarget t, PushEvent e, boolean named) {
    String first = e.ref();
    if (e.repoUrls().isEmpty()) {
      if (!named) {
        return new Match(Fit.NO_REPO, first, "the payload names no repository; "
            + "send it to /hooks/<source> instead");
      }
    } else if (!RepoUrls.anyMatch(e.repoUrls(), t.repoUrls())) {
      return new Match(Fit.OTHER_REPO, first, "repository " + e.repoUrls().get(0)
          + " is not the repository of source " + t.name());
    }
    if (e.updates().isEmpty()) {
      return new Match(Fit.MATCH, null, null);
    }
    Optional<RefUpdate> hit =
        e.updates().stream().filter(u -> tracks(t.trackedRef(), u.ref())).findFirst();
    if (hit.isPresent()) {
      return new Match(Fit.MATCH, hit.get().ref(), null);
    }
    List<String> refs = e.updates().stream().map(RefUpdate::ref).toList();
    String names = refs.size() == 1 ? "ref " + refs.get(0) + " is"
        : "refs " + refs.stream().collect(Collectors.joining(", ")) + " are";
    return new Match(Fit.OTHER_REF, first,
        names + " not the tracked ref " + t.trackedRef());
  }

  /** Whether a push to {@code pushed} moves the ref a source tracks (see {@link
   * WebhookTarget#trackedRef}). */
  static boolean tracks(String tracked, String pushed) {
    if (tracked == null || tracked.isBlank() || tracked.trim().equals("HEAD")) {
      return true;
    }
    String t = tracked.trim();
    if (t.startsWith("refs/")) {
      return t.equals(pushed);
    }
    return pushed.equals("refs/heads/" + t) || pushed.equals("refs/tags/" + t);
  }

  /**
   * The trigger handed to {@link WebhookTarget#enqueue}, as serve's status records it: {@code
   * webhook:<provider>/<delivery id>} ({@code -} when the provider sent no id). The ref and commit
   * are in the delivery record; the reconcile reads the commit itself.
   */
  static String enqueueReason(PushEvent e, String ref) {
    String id = e.deliveryId() == null || e.deliveryId().isEmpty() ? "-" : e.deliveryId();
    return Delivery.clean("webhook:" + e.provider().label() + "/" + id, Delivery.MAX_REASON);
  }
}
