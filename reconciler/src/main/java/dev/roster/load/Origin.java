package dev.roster.load;

/**
 * Where a document came from.
 *
 * @param file path relative to the loaded root, with forward slashes
 * @param document zero-based index of the document within the file
 * @param line one-based line of the document's first node
 * @param column one-based column of the document's first node
 */
public record Origin(String file, int document, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
