package dev.roster.serve.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP request each target gets; pure. Contract of the bodies:
 *
 * <ul>
 *   <li>webhook: {@code {"event": "reconcile-failed", "source", "revision", "reason", "message",
 *       "object", "since", "at"}} ({@code object}, {@code since} null when not about one),
 *       headers {@code X-Roster-Event}, {@code X-Roster-Delivery} (a UUID, for idempotence) and,
 *       with a secret, {@code X-Roster-Signature: sha256=<hex HMAC-SHA256 of the body>};
 *   <li>slack: {@code {"text": "roster: source S: reconcile failed at REV: ..."}};
 *   <li>github: {@code POST <url>/statuses/<sha>} {@code {"state": "pending|success|failure",
 *       "context": "roster/<source>", "description"}}, {@code Authorization: Bearer <token>};
 *   <li>gitlab: {@code POST <url>/statuses/<sha>} {@code {"state": "pending|success|failed",
 *       "name": "roster/<source>", "description"}}, {@code PRIVATE-TOKEN: <token>}.
 * </ul>
 */
final class Payloads {
  static final String SIGNATURE = "X-Roster-Signature";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request to send. Its {@link #toString} names no header value. */
  record Request(URI uri, Map<String, String> headers, byte[] body, String what) {
    @Override
    public String toString() {
      return what;
    }
  }

  private Payloads() {}

  /** The request telling {@code t} of {@code n}. */
  static Request notice(NotifyTarget t, Notice n) {
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;
    if (t.type() == NotifyTarget.Type.SLACK) {
      body = json(Map.of("text", n.text()));
    } else {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("event", n.kind().label());
      doc.put("source", n.source());
      doc.put("revision", n.revision());
      doc.put("reason", n.reason());
      doc.put("message", n.message());
      doc.put("object", n.object());
      doc.put("since", n.since() == null ? null : n.since().toString());
      doc.put("at", n.at().toString());
      body = json(doc);
      headers.put("X-Roster-Event", n.kind().label());
      headers.put("X-Roster-Delivery", UUID.randomUUID().toString());
      if (t.secret() != null) {
        headers.put(SIGNATURE, "sha256=" + hmac(t.secret(), body));
      }
    }
    return new Request(t.url(), headers, body, n.kind().label() + " of " + n.source());
  }

  /** The commit status request of {@code s} to a GitHub or GitLab target. */
  static Request status(NotifyTarget t, CommitState s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, String> headers = new LinkedHashMap<>();
    String state = s.state().name().toLowerCase(Locale.ROOT);
    if (t.type() == NotifyTarget.Type.GITLAB) {
      doc.put("state", s.state() == CommitState.State.FAILURE ? "failed" : state);
      doc.put("name", "roster/" + s.source());
      if (t.secret() != null) {
        headers.put("PRIVATE-TOKEN", new String(t.secret(), StandardCharsets.UTF_8));
      }
    } else {
      doc.put("state", state);
      doc.put("context", "roster/" + s.source());
      headers.put("Accept", "application/vnd.github+json");
      if (t.secret() != null) {
        headers.put("Authorization", "Bearer " + new String(t.secret(), StandardCharsets.UTF_8));
      }
    }
    doc.put("description", s.description());
    String base = t.url().toString();
    URI uri = URI.create((base.endsWith("/") ? base : base + "/") + "statuses/" + s.sha());
    return new Request(uri, headers, json(doc), state + " status of " + s.source() + " "
        + s.sha());
  }

  /** Lower-case hex HMAC-SHA256 of {@code body} with {@code key}. */
  static String hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] json(Map<String, ?> doc) {
    return JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
  }
}
