/**
 * Prometheus metrics of {@code roster serve}, exposed in the Prometheus text format.
 *
 * <p>Contract: {@link dev.roster.serve.metrics.Metrics} owns one registry with a fixed set of
 * {@code roster_*} families plus the JVM's; the text is written by the Prometheus client library,
 * never by hand. Label values have bounded cardinality: source names, trigger kinds (never a
 * webhook delivery id), results, providers, Git request types and object states.
 */
package dev.roster.serve.metrics;
