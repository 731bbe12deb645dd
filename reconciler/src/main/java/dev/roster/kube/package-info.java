/**
 * Kubernetes adapter over fabric8: building clients, reading live state and inventories,
 * resolving kinds through discovery, classifying failures, and the embedded dev cluster.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link dev.roster.kube.KubeClients} builds every client: from a kubeconfig (or in-cluster
 *       config), with bounded timeouts and retries. An unknown context is an error, never a silent
 *       switch to another cluster.
 *   <li>Failures leave through {@link dev.roster.kube.ClusterException}, classified by HTTP status
 *       code (never by message text) into a {@link dev.roster.kube.ClusterReason}, which says
 *       whether a retry can help. Messages never contain credentials.
 *   <li>{@link dev.roster.kube.EmbeddedCluster} is an in-memory API server for {@code roster
 *       dev-cluster}, {@code --embedded-cluster} and tests: fabric8's CRUD mock plus discovery (for
 *       kubectl), CRDs for the catalog's kinds, and a server-side-apply stand-in that replaces
 *       whole objects. It is not a real API server: no validation, admission, RBAC, controllers,
 *       garbage collection, dry run, managed fields or field-manager conflicts. Code that must
 *       behave the same on a real cluster may rely only on what both do: CRUD, JSON Patch, JSON
 *       merge patch, label selectors on lists, optimistic locking (409 on a stale
 *       resourceVersion), status subresources, and apply as create-or-replace by one manager.
 *   <li>Live state comes through {@link dev.roster.kube.LiveState}: {@link
 *       dev.roster.kube.LiveReader} lists per kind and namespace on every read (the CLI); {@link
 *       dev.roster.kube.LiveCache} keeps one informer per kind on the objects labelled with the
 *       source and reads what they lack with a GET (serve mode), so a pass lists nothing.
 *   <li>{@link dev.roster.kube.Plurals} and {@link dev.roster.kube.CatalogCrds} derive resource
 *       names and CRDs from the schema catalog, so kind knowledge stays in data.
 * </ul>
 */
package dev.roster.kube;
