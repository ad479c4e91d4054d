package dev.plimsoll.exposition;

import java.util.Objects;

/**
 * One series of an exposition: a sample name and its label set (without {@code __name__}). A
 * {@link SeriesCache} hands out the same instance every time a target exposes the same series, so a
 * scrape that repeats the last one allocates no label sets.
 */
public final class Series {
  private final String name;
  private final Labels labels;
  private final int hash;
  private volatile Labels withName;
  private volatile Object ref;
  private double le = Double.MIN_VALUE;
  private double quantile = Double.MIN_VALUE;

  public Series(String name, Labels labels) {
    this.name = Objects.requireNonNull(name, "name");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.hash = 31 * name.hashCode() + labels.hashCode();
  }

  /** The sample name, for example {@code vllm:time_to_first_token_seconds_bucket}. */
  public String name() {
    return name;
  }

  /** The labels, sorted, without {@code __name__}. */
  public Labels labels() {
    return labels;
  }

  /** The labels with {@code __name__} set to the sample name, as PromQL sees a series (built once). */
  public Labels labelsWithName() {
    Labels l = withName;
    if (l == null) {
      String[] names = new String[labels.size() + 1];
      String[] values = new String[names.length];
      for (int i = 0; i < labels.size(); i++) {
        names[i] = labels.name(i);
        values[i] = labels.value(i);
      }
      names[labels.size()] = "__name__";
      values[labels.size()] = name;
      l = Labels.sorted(names, values);
      withName = l;
    }
    return l;
  }

  /** The {@code le} label as a number (parsed once), NaN when absent or not a number. */
  public double le() {
    double v = le;
    if (v == Double.MIN_VALUE) {
      v = numeric("le");
      le = v;
    }
    return v;
  }

  /** The {@code quantile} label as a number (parsed once), NaN when absent or not a number. */
  public double quantile() {
    double v = quantile;
    if (v == Double.MIN_VALUE) {
      v = numeric("quantile");
      quantile = v;
    }
    return v;
  }

  private double numeric(String label) {
    String text = labels.get(label);
    if (text == null) {
      return Double.NaN;
    }
    try {
      return GoFloat.parse(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * A reference the consumer of samples may attach to this series (for example its storage slot), so
   * that a repeated series costs no lookup. Null until set.
   */
  public Object ref() {
    return ref;
  }

  public void ref(Object ref) {
    this.ref = ref;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && hash == s.hash && name.equals(s.name) && labels.equals(s.labels);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return labels.isEmpty() ? name : name + labels;
  }
}
