/**
 * The embedded dev cluster: fabric8's CRUD mock API server, made to behave like a real API server
 * wherever Roster depends on it. Serves {@code roster dev-cluster}, {@code --embedded-cluster},
 * {@code roster bench} and the tests; the product never needs it against a real cluster.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link dev.roster.devcluster.EmbeddedCluster} listens on {@code 127.0.0.1} (plain HTTP, no
 *       authentication) with a permissive CRD for every non-core kind of the schema catalog ({@link
 *       dev.roster.devcluster.CatalogCrds}, resource names from {@link
 *       dev.roster.devcluster.Plurals}) and the four usual namespaces. It can be stopped and
 *       restarted empty on the same port, as an API server that dies and comes back without its
 *       data; clients made before the restart reach the new server.
 *   <li>Where Roster or kubectl depend on it, it answers as a real API server does: discovery
 *       (so kubectl and fabric8's generic clients resolve kinds), JSON Patch with a failing
 *       {@code test} op as 422, a 409 on a stale resourceVersion, JSON merge patch that removes
 *       nulls, and lists with set-based label selectors ({@code in}, {@code notin}).
 *   <li>{@link dev.roster.devcluster.OpenApi} publishes OpenAPI v2 (protobuf, as kubectl asks,
 *       or JSON) and v3 for every CRD, with each kind's JSON Schema from the catalog flattened
 *       into a structural schema ({@link dev.roster.devcluster.SchemaFlattener}), so kubectl
 *       validates {@code create}, {@code apply} and {@code edit} against Roster's schemas and
 *       {@code explain} prints their descriptions.
 *   <li>Where it cannot, it refuses instead of answering wrongly: 400 for {@code dryRun} writes
 *       and for watches or deletes with set-based selectors, 405 for writes to discovery paths,
 *       415 for protobuf request bodies (kubectl's generators for built-in kinds, such as {@code
 *       kubectl create configmap}, send them), 404 outside {@code /api}, {@code /apis} and
 *       {@code /openapi}.
 *   <li>Its cost per request does not grow with what it stores: {@link
 *       dev.roster.devcluster.IndexedCrudDispatcher} answers GETs, DELETEs and the lookups behind
 *       writes from an index by plural, name, namespace and label ({@link
 *       dev.roster.devcluster.StoreIndex}), with the stock dispatcher's answers byte for byte.
 *   <li>{@link dev.roster.devcluster.ServerRequests} records what reached the server from any
 *       client, for tests that must prove what was (not) written.
 * </ul>
 *
 * <p>Known gaps; code that must work on a real cluster may not rely on the mock here:
 *
 * <ul>
 *   <li>No real server-side apply: an apply PATCH creates the object or replaces it whole, for a
 *       single manager; no managedFields, no field-manager conflicts, no field-level merge.
 *   <li>Strategic merge patch is treated as JSON merge patch (lists are replaced, not merged by
 *       key).
 *   <li>No validation against the CRD schemas, no defaulting, admission, RBAC or authentication;
 *       no controllers, so no garbage collection of owned objects, no finalizers acted on, no
 *       Deployments rolling out and no status written by anyone but the client.
 *   <li>No dry run, no table output (kubectl shows NAME and AGE), watches over WebSocket only
 *       (not kubectl's {@code get -w}). The server validates nothing itself: OpenAPI lists no
 *       {@code fieldValidation} parameter, so the checks are kubectl's, on the client; built-in
 *       kinds are not in the OpenAPI documents, and rules OpenAPI cannot state ({@code oneOf},
 *       {@code if}/{@code then}, references) are Roster's alone.
 *   <li>All state is in memory: {@link dev.roster.devcluster.EmbeddedCluster#stop()} or the end of
 *       the process loses every object.
 * </ul>
 */
package dev.roster.devcluster;
