package dev.roster.serve.webhook;

import com.sun.net.httpserver.Headers;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HMAC-SHA256 of the raw body, hex in one header, after an optional prefix ({@code sha256=}).
 *
 * @param eventHeader header naming the event; null means every delivery is a {@code push}
 * @param deliveryHeaders headers carrying the delivery id, first present wins
 * @param signatureHeader header carrying the signature
 * @param prefix what precedes the hex digits (matched ignoring case); empty for none
 * @param weakHeader a weaker signature header that is not accepted, named in the reason when it
 *     comes alone; null if none
 */
record HmacVerifier(Provider provider, String eventHeader, List<String> deliveryHeaders,
    String signatureHeader, String prefix, String weakHeader) implements WebhookVerifier {

  @Override
  public Optional<String> verify(Headers headers, byte[] body, byte[] secret) {
    if (Verifiers.noSecret(secret)) {
      return Verifiers.noSecretReason();
    }
    String sig = Verifiers.first(headers, signatureHeader);
    if (sig == null) {
      boolean weakOnly = weakHeader != null && Verifiers.has(headers, weakHeader);
      return Optional.of("missing " + signatureHeader
          + (weakOnly ? " (" + weakHeader + " alone is not accepted)" : ""));
    }
    if (!sig.toLowerCase(Locale.ROOT).startsWith(prefix)) {
      return Optional.of(signatureHeader + " does not start with " + prefix);
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(sig.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return Optional.of(signatureHeader + " is not hex");
    }
    byte[] expected = Verifiers.hmacSha256(secret, body);
    return MessageDigest.isEqual(expected, given)
        ? Optional.empty()
        : Optional.of(signatureHeader + " does not match the body and secret");
  }

  @Override
  public String event(Headers headers) {
    return eventHeader == null ? "push" : Verifiers.first(headers, eventHeader);
  }

  @Override
  public String deliveryId(Headers headers) {
    return Verifiers.first(headers, deliveryHeaders);
  }
}
