package dev.roster.status;

import java.time.Instant;

/**
 * The last webhook delivery a source handled.
 *
 * @param provider {@code github}, {@code gitlab}, ...
 * @param delivery the provider's delivery id
 * @param result what came of it: a reconcile result ({@code succeeded}, {@code failed}, {@code
 *     no-op}, {@code refused}) or the receiver's verdict (e.g. {@code ignored})
 * @param at when it was handled
 */
public record WebhookDelivery(String provider, String delivery, String result, Instant at) {}
