package dev.roster.serve.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one request: status, extra headers, JSON body fields in order, and the
 * deliveries it records.
 */
record Reply(int status, Map<String, String> headers, Map<String, Object> body,
    List<Delivery> deliveries) {

  Reply {
    headers = Map.copyOf(headers);
    deliveries = List.copyOf(deliveries);
  }

  /** A body of {@code result}, then {@code delivery} and {@code reason} when not null. */
  static Map<String, Object> body(String result, String deliveryId, String reason) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("result", result);
    if (deliveryId != null) {
      b.put("delivery", deliveryId);
    }
    if (reason != null) {
      b.put("reason", reason);
    }
    return b;
  }

  /** A reply whose body is built from its single delivery. */
  static Reply of(Delivery d, Map<String, String> headers) {
    return new Reply(d.status(), headers,
        body(d.result().label(), d.deliveryId(), d.reason()), List.of(d));
  }
}
