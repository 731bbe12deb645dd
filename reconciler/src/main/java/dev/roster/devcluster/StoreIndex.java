package dev.roster.devcluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Postings over the keys of the fabric8 mock's store: for each plural, name, namespace and
 * label value, the stored keys that carry it, in the order they were added.
 *
 * <p>Contract: {@link #candidates} returns a superset of the stored keys that can match a query
 * (every key carrying all of the query's equality attributes the index knows is in the smallest
 * posting of them), in the relative order of additions, or null when the index cannot narrow the
 * query (no usable attribute, or a stored value {@code *}, which the mock treats as a wildcard).
 * Callers keep additions in the store's insertion order (a re-added key goes last, as a removed
 * and re-put map entry does) and still filter candidates with {@link AttributeSet#matches}. Not
 * thread-safe: the dispatcher's lock guards it.
 */
final class StoreIndex {
  static final String LABEL = "labels:";
  private static final String WILDCARD = "*";
  private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
  private static final String NAME = KubernetesAttributesExtractor.NAME;
  private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;
  /** Query attribute → the posting attribute every key carrying it also carries, equal. */
  private static final String[][] QUERY_TO_POSTING = {
      {PLURAL, PLURAL}, {NAME, NAME}, {KubernetesAttributesExtractor.METADATA_NAME, NAME},
      {NAMESPACE, NAMESPACE}, {KubernetesAttributesExtractor.METADATA_NAMESPACE, NAMESPACE}};

  /** One posting: an attribute with one value. */
  record Term(String key, String value) {}

  private final Map<Term, LinkedHashSet<AttributeSet>> postings = new HashMap<>();
  private final Map<AttributeSet, List<Term>> terms = new HashMap<>();
  private final Set<AttributeSet> wild = new HashSet<>();

  /**
   * Indexes {@code key} under its plural, name, namespace and each label it carries among
   * {@code labelKeys} (label keys that may be attributes of it: its object's labels and any the
   * write paths' selectors named, which the mock merges into keys).
   */
  void add(AttributeSet key, Collection<String> labelKeys) {
    remove(key);
    List<Term> own = new ArrayList<>(4);
    for (String k : new String[] {PLURAL, NAME, NAMESPACE}) {
      term(key, k, own);
    }
    labelKeys.forEach(k -> term(key, LABEL + k, own));
    for (Term t : own) {
      postings.computeIfAbsent(t, x -> new LinkedHashSet<>()).add(key);
    }
    terms.put(key, own);
  }

  /** Adds the term for attribute {@code k} of {@code key}, if it carries one value. */
  private void term(AttributeSet key, String k, List<Term> out) {
    Attribute a = key.getAttribute(k);
    if (a == null) {
      return;
    }
    String v = single(a);
    if (v == null || WILDCARD.equals(v) || a.getType() != AttributeType.WITH) {
      wild.add(key); // the mock might match it against any value: never narrow
    } else {
      out.add(new Term(k, v));
    }
  }

  void remove(AttributeSet key) {
    List<Term> own = terms.remove(key);
    if (own == null) {
      return;
    }
    wild.remove(key);
    for (Term t : own) {
      Set<AttributeSet> p = postings.get(t);
      p.remove(key);
      if (p.isEmpty()) {
        postings.remove(t);
      }
    }
  }

  void clear() {
    postings.clear();
    terms.clear();
    wild.clear();
  }

  /** Stored keys indexed. */
  int size() {
    return terms.size();
  }

  /**
   * The candidates for {@code query}, narrowed by its plural, name, namespace and the label
   * equalities in {@code labelKeys} (label keys the selector names); null if it cannot narrow.
   */
  List<AttributeSet> candidates(AttributeSet query, List<String> labelKeys) {
    if (!wild.isEmpty()) {
      return null;
    }
    Set<AttributeSet> best = null;
    for (String[] pair : QUERY_TO_POSTING) {
      best = smaller(best, query.getAttribute(pair[0]), pair[1]);
    }
    for (String k : labelKeys) {
      best = smaller(best, query.getAttribute(LABEL + k), LABEL + k);
    }
    return best == null ? null : new ArrayList<>(best);
  }

  private Set<AttributeSet> smaller(Set<AttributeSet> best, Attribute a, String postingKey) {
    String v = a == null || a.getType() != AttributeType.WITH ? null : single(a);
    if (v == null || WILDCARD.equals(v)) {
      return best;
    }
    Set<AttributeSet> p = postings.getOrDefault(new Term(postingKey, v), new LinkedHashSet<>());
    return best == null || p.size() < best.size() ? p : best;
  }

  private static String single(Attribute a) {
    List<Value> values = a.getValues();
    return values == null || values.size() != 1 || values.get(0) == null
        ? null : values.get(0).toString();
  }
}
