package dev.roster.serve.webhook;

import com.sun.net.httpserver.Headers;
import dev.roster.serve.webhook.Delivery.Result;
import dev.roster.serve.webhook.Routing.Fit;
import dev.roster.serve.webhook.Routing.Match;
import dev.roster.source.Urls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * Everything after the body is read: verify against each candidate's secret, parse, route, and
 * enqueue. Never reconciles; {@link WebhookTarget#enqueue} is the only side effect.
 */
final class Dispatch {
  private final Clock clock;

  Dispatch(Clock clock) {
    this.clock = clock;
  }

  /**
   * The candidates whose secret verifies this delivery to {@code endpoint} (a source name, or
   * {@code *} for {@code POST /hooks} with every source as a candidate), or the 401 answer when
   * none does.
   */
  Verified verify(String endpoint, List<? extends WebhookTarget> candidates, WebhookVerifier v,
      Headers h, byte[] body) {
    boolean named = !endpoint.equals(WebhookHandler.ALL_SOURCES);
    List<WebhookTarget> verified = new ArrayList<>();
    String why = candidates.isEmpty() ? "no source is configured" : null;
    for (WebhookTarget t : candidates) {
      Optional<String> failure = v.verify(h, body, t.secret());
      if (failure.isEmpty()) {
        verified.add(t);
      } else if (why == null) {
        why = failure.get();
      }
    }
    if (verified.isEmpty()) {
      String reason = named || candidates.isEmpty() ? why
          : "no source's secret verifies this delivery (" + why + ")";
      return new Verified(List.of(), one(endpoint, v, h, null, Result.REJECTED, 401, reason));
    }
    return new Verified(verified, null);
  }

  /** What {@link #verify} found: the sources that verified, or the rejection when none did. */
  record Verified(List<WebhookTarget> targets, Reply rejection) {}

  /**
   * Answers a delivery that verified for {@code verified}: parse, then ping, other event, or
   * push routed and enqueued.
   */
  Reply dispatch(String endpoint, List<WebhookTarget> verified, WebhookVerifier v, Headers h,
      byte[] body) {
    boolean named = !endpoint.equals(WebhookHandler.ALL_SOURCES);
    PushEvent e;
    try {
      e = PushParser.parse(v, h, body);
    } catch (JacksonException ex) {
      return one(endpoint, v, h, null, Result.REJECTED, 400, "the body is not valid JSON");
    }
    if (e.kind() == EventKind.PING) {
      Delivery d = delivery(endpoint, e, null, Result.IGNORED, 200, "ping answered with pong");
      return new Reply(200, Map.of(), Reply.body("pong", null, null), List.of(d));
    }
    if (e.kind() == EventKind.OTHER) {
      return one(endpoint, v, h, null, Result.IGNORED, 202,
          "event " + e.event() + " is not a push");
    }
    return push(endpoint, named, verified, e);
  }

  private Reply push(String endpoint, boolean named, List<WebhookTarget> verified, PushEvent e) {
    List<Delivery> out = new ArrayList<>();
    Map<String, Object> sources = new LinkedHashMap<>();
    String ignored = null;
    for (WebhookTarget t : verified) {
      Match m = Routing.match(t, e, named);
      if (!named && (m.fit() == Fit.OTHER_REPO || m.fit() == Fit.NO_REPO)) {
        ignored = ignored == null && m.fit() == Fit.NO_REPO ? m.reason() : ignored;
        continue;
      }
      Delivery d = m.fit() == Fit.MATCH
          ? enqueue(t, e, m.ref())
          : delivery(t.name(), e, m.ref(), Result.IGNORED, 202, m.reason());
      out.add(d);
      sources.put(t.name(), d.result().label());
    }
    if (out.isEmpty()) {
      String reason = ignored != null ? ignored
          : "repository " + e.repoUrls().get(0) + " matches no source";
      out.add(delivery(endpoint, e, e.ref(), Result.IGNORED, 202, reason));
    }
    Delivery top = summary(out);
    Map<String, Object> b = Reply.body(top.result().label(), top.deliveryId(),
        top.result() == Result.QUEUED || top.result() == Result.COALESCED
            || top.result() == Result.RELAYED ? null : top.reason());
    if (!named && !sources.isEmpty()) {
      b.put("sources", sources);
    }
    return new Reply(top.status(), Map.of(), b, out);
  }

  private Delivery enqueue(WebhookTarget t, PushEvent e, String ref) {
    try {
      Result r = switch (t.enqueue(Routing.enqueueReason(e, ref))) {
        case QUEUED -> Result.QUEUED;
        case COALESCED -> Result.COALESCED;
        case RELAYED -> Result.RELAYED;
      };
      return delivery(t.name(), e, ref, r, 202, null);
    } catch (RuntimeException ex) {
      return delivery(t.name(), e, ref, Result.REJECTED, 503,
          "source " + t.name() + " could not queue a reconcile: " + Urls.redact(ex.getMessage()));
    }
  }

  /** The delivery that speaks for several: a failure, else queued, else coalesced, else the
   * first. */
  private static Delivery summary(List<Delivery> ds) {
    for (Result r : List.of(Result.REJECTED, Result.QUEUED, Result.RELAYED, Result.COALESCED)) {
      for (Delivery d : ds) {
        if (d.result() == r) {
          return d;
        }
      }
    }
    return ds.get(0);
  }

  Reply one(String endpoint, WebhookVerifier v, Headers h, Map<String, String> headers,
      Result result, int status, String reason) {
    Delivery d = new Delivery(clock.instant(), endpoint, v.provider(), v.deliveryId(h),
        v.event(h), null, result, status, reason);
    return Reply.of(d, headers == null ? Map.of() : headers);
  }

  private Delivery delivery(String source, PushEvent e, String ref, Result r, int status,
      String reason) {
    return new Delivery(clock.instant(), source, e.provider(), e.deliveryId(), e.event(), ref, r,
        status, reason);
  }
}
