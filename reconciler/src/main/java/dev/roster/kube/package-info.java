/**
 * Kubernetes adapter over fabric8, for a real API server: building clients, reading live state
 * and inventories, resolving kinds through discovery, and classifying failures. Nothing here
 * knows the schema catalog or the embedded dev cluster ({@code dev.roster.devcluster}), which is
 * one more API server to this package.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link dev.roster.kube.KubeClients} builds every client: from a kubeconfig (or in-cluster
 *       config), with bounded timeouts and retries. An unknown context is an error, never a silent
 *       switch to another cluster. {@link dev.roster.kube.RequestCounter} counts what a client
 *       sends, as the client sees it, so its numbers hold on any API server.
 *   <li>Failures leave through {@link dev.roster.kube.ClusterException}, classified by HTTP status
 *       code (never by message text) into a reason and a retryable flag. Messages never contain
 *       credentials.
 *   <li>Code here relies only on what a real API server guarantees: CRUD, JSON Patch, JSON merge
 *       patch, label selectors on lists, optimistic locking (409 on a stale resourceVersion),
 *       status subresources and watches.
 *   <li>Live state comes through {@link dev.roster.kube.LiveState}: {@link
 *       dev.roster.kube.LiveReader} lists per kind and namespace on every read (the CLI); {@link
 *       dev.roster.kube.LiveCache} keeps one informer per kind on the objects labelled with the
 *       source and reads what they lack with a GET (serve mode), so a pass lists nothing.
 * </ul>
 */
package dev.roster.kube;
