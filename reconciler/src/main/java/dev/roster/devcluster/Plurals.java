package dev.roster.devcluster;

import java.util.Locale;

/**
 * The resource name (plural) Kubernetes uses for a kind when its CRD declares none by hand: lower
 * case, then English plural rules — {@code y} after a consonant becomes {@code ies} ({@code
 * Gateway} stays {@code gateways}); {@code s}, {@code x}, {@code ch} and {@code sh} take {@code
 * es}; anything else takes {@code s}.
 * {@code KomputerMemory} → {@code komputermemories}, {@code KomputerOffice} → {@code
 * komputeroffices}, {@code Task} → {@code tasks}.
 */
public final class Plurals {
  private Plurals() {}

  /** The plural resource name of {@code kind}. */
  public static String of(String kind) {
    if (kind == null || kind.isEmpty()) {
      throw new IllegalArgumentException("kind must not be empty");
    }
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("y") && k.length() > 1 && !isVowel(k.charAt(k.length() - 2))) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
      return k + "es";
    }
    return k + "s";
  }

  /** The singular resource name of {@code kind}: its lower-case form. */
  public static String singular(String kind) {
    return kind.toLowerCase(Locale.ROOT);
  }

  private static boolean isVowel(char c) {
    return "aeiou".indexOf(c) >= 0;
  }
}
