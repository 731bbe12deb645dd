package dev.roster.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sends Roster's generic push webhook, signed with {@code X-Roster-Signature: sha256=<hmac>}. */
final class Webhook {
  private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}"
      .getBytes(StandardCharsets.UTF_8);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private final URI uri;
  private final String signature;

  Webhook(InetSocketAddress serve, String source, byte[] secret) throws Exception {
    this.uri = URI.create("http://" + serve.getAddress().getHostAddress() + ":" + serve.getPort()
        + "/hooks/" + source);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    this.signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(BODY));
  }

  /** Posts a push of {@code main}; throws unless serve answers 202 (queued or coalesced). */
  void push(String deliveryId) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("X-Roster-Delivery", deliveryId)
        .header("X-Roster-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
    }
  }
}
