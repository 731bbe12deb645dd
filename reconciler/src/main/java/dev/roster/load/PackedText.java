package dev.roster.load;

import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A file's text kept deflated, for the cached manifests whose pointer indexes are made again only
 * if a problem has to be located (rarely): a config file of a few hundred bytes takes about two
 * thirds of that, and one array instead of a string. Deflated with a preset dictionary of what
 * Kubernetes manifests have in common, since most files are too short to repeat it themselves.
 */
final class PackedText {
  /**
   * The preset dictionary, the same for packing and unpacking: changing it makes texts packed
   * before unreadable, so only ever within one process (nothing is packed to disk). Deflate
   * matches nearer the end cost less, so the commonest come last.
   */
  private static final byte[] DICTIONARY = String.join("\n",
      "          resources:", "          env:", "            - containerPort: ",
      "          ports:", "          image: ", "      containers:", "        - name: ",
      "  template:", "    metadata:", "      labels:", "    spec:", "  selector:",
      "    matchLabels:", "  replicas: ", "    app.kubernetes.io/instance: ",
      "    app.kubernetes.io/name: ", "    app.kubernetes.io/managed-by: ",
      "    - name: ", "      type: ", "      value: ", "  description: ", "data:",
      "  annotations:", "    roster.dev/", "  labels:", "spec:", "  ",
      "kind: ConfigMap", "kind: Secret", "kind: Service", "kind: Deployment",
      "apiVersion: apps/v1", "apiVersion: v1", "kind: ", "metadata:", "  namespace: ",
      "  name: ").getBytes(StandardCharsets.UTF_8);

  private final byte[] deflated;
  private final int length;

  private PackedText(byte[] deflated, int length) {
    this.deflated = deflated;
    this.length = length;
  }

  static PackedText of(String text) {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      d.setDictionary(DICTIONARY);
      d.setInput(raw);
      d.finish();
      byte[] out = new byte[raw.length + 64];
      int n = 0;
      while (!d.finished()) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        n += d.deflate(out, n, out.length - n);
      }
      return new PackedText(java.util.Arrays.copyOf(out, n), raw.length);
    } finally {
      d.end();
    }
  }

  /** Bytes kept, deflated. */
  int size() {
    return deflated.length;
  }

  /** The text, equal to the one packed. */
  String text() {
    Inflater i = new Inflater(true);
    try {
      i.setDictionary(DICTIONARY);
      i.setInput(deflated);
      byte[] raw = new byte[length];
      int n = 0;
      while (n < length) {
        int got = i.inflate(raw, n, length - n);
        if (got == 0 && (i.finished() || i.needsInput())) {
          break;
        }
        n += got;
      }
      return new String(raw, 0, n, StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw new IllegalStateException("packed text is corrupt", e); // only this class writes it
    } finally {
      i.end();
    }
  }
}
