package dev.plimsoll.exposition;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of label pairs, sorted by label name, without duplicates. Equality and hash code
 * depend only on the pairs, so a label set identifies a series within a metric name.
 */
public final class Labels {
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;

  private Labels(String[] sortedNames, String[] values) {
    this.names = sortedNames;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(sortedNames) + Arrays.hashCode(values);
  }

  /**
   * Labels from alternating names and values, for example {@code of("le", "0.5", "model_name", "m")}.
   *
   * @throws IllegalArgumentException on an odd count, a null, or a duplicate name
   */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got " + namesAndValues.length + " strings");
    }
    String[] n = new String[namesAndValues.length / 2];
    String[] v = new String[n.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = namesAndValues[2 * i];
      v[i] = namesAndValues[2 * i + 1];
    }
    return sorted(n, v);
  }

  /** Labels from a map (copied). */
  public static Labels of(Map<String, String> map) {
    String[] n = new String[map.size()];
    String[] v = new String[n.length];
    int i = 0;
    for (var e : map.entrySet()) {
      n[i] = e.getKey();
      v[i++] = e.getValue();
    }
    return sorted(n, v);
  }

  /**
   * Sorts the given parallel arrays in place and wraps them (no copy: callers hand over ownership).
   *
   * @throws IllegalArgumentException on a null or a duplicate name
   */
  public static Labels sorted(String[] n, String[] v) {
    if (n.length == 0) {
      return EMPTY;
    }
    for (int i = 0; i < n.length; i++) {
      if (n[i] == null || v[i] == null) {
        throw new IllegalArgumentException("label names and values must not be null");
      }
    }
    // Insertion sort: label sets are small (typically under ten pairs).
    for (int i = 1; i < n.length; i++) {
      String name = n[i];
      String value = v[i];
      int j = i - 1;
      while (j >= 0 && n[j].compareTo(name) > 0) {
        n[j + 1] = n[j];
        v[j + 1] = v[j];
        j--;
      }
      n[j + 1] = name;
      v[j + 1] = value;
    }
    for (int i = 1; i < n.length; i++) {
      if (n[i].equals(n[i - 1])) {
        throw new IllegalArgumentException("duplicate label name '" + n[i] + "'");
      }
    }
    return new Labels(n, v);
  }

  /** The value of the label, or null when absent. */
  public String get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? values[i] : null;
  }

  /** These labels without the named one (the same instance when it is absent). */
  public Labels without(String name) {
    int i = Arrays.binarySearch(names, name);
    if (i < 0) {
      return this;
    }
    String[] n = new String[names.length - 1];
    String[] v = new String[n.length];
    System.arraycopy(names, 0, n, 0, i);
    System.arraycopy(names, i + 1, n, i, n.length - i);
    System.arraycopy(values, 0, v, 0, i);
    System.arraycopy(values, i + 1, v, i, v.length - i);
    return n.length == 0 ? EMPTY : new Labels(n, v);
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  /** The i-th label name in sorted order. */
  public String name(int i) {
    return names[i];
  }

  /** The value of the i-th label in sorted order. */
  public String value(int i) {
    return values[i];
  }

  /** An unmodifiable sorted map view (a copy). */
  public SortedMap<String, String> asMap() {
    var map = new TreeMap<String, String>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return Collections.unmodifiableSortedMap(map);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other && hash == other.hash && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The exposition form, for example {@code {le="0.5",model_name="m"}}. */
  @Override
  public String toString() {
    var sb = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(names[i]).append("=\"");
      String value = values[i];
      for (int k = 0; k < value.length(); k++) {
        char c = value.charAt(k);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }
}
