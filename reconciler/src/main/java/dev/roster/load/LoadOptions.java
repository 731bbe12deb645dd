package dev.roster.load;

/**
 * Limits that keep parsing safe and predictable.
 *
 * @param maxFileBytes files larger than this are refused before they are read
 * @param maxAliases most aliases of collections per document (billion-laughs guard)
 * @param maxDepth deepest nesting of collections, counted after alias expansion
 * @param maxNodes most values one document may expand to, counted after alias expansion
 */
public record LoadOptions(long maxFileBytes, int maxAliases, int maxDepth, int maxNodes) {

  /** 1 MiB per file, 50 aliases, depth 64, 250,000 values per document. */
  public static LoadOptions defaults() {
    return new LoadOptions(1024 * 1024, 50, 64, 250_000);
  }

  public LoadOptions withMaxFileBytes(long bytes) {
    return new LoadOptions(bytes, maxAliases, maxDepth, maxNodes);
  }
}
