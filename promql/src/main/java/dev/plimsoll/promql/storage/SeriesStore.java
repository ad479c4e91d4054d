package dev.plimsoll.promql.storage;

import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.PromqlException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory series store for the PromQL engine: one ring buffer per series, bounded in both
 * dimensions. A series is identified by its full {@link Labels}, {@code __name__} included; labels with
 * an empty value are dropped on the way in, because PromQL treats them as absent.
 *
 * <p><b>Bounds.</b> Each series holds at most {@code ceil(retention / expectedInterval) + 1} samples; its
 * arrays start small and double up to that bound, then the ring wraps (the oldest sample is overwritten),
 * so memory never grows with uptime. The number of series is capped by {@code maxSeries}: an append that
 * would create one more series fails with {@link SeriesLimitExceededException} and stores nothing.
 * {@link #trimBefore} drops samples older than a cut-off and forgets series left empty.
 *
 * <p><b>Appends.</b> Samples must arrive in time order per series: a sample whose timestamp is not after
 * the series' newest one is ignored and reported as {@link AppendResult#DUPLICATE} (same timestamp, same
 * value bits) or {@link AppendResult#OUT_OF_ORDER}. Staleness markers ({@link StaleNaN}) are stored like
 * any value, bit for bit.
 *
 * <p><b>Memory.</b> A sample costs 16 bytes (an 8-byte {@code long} timestamp plus an 8-byte {@code double}
 * in parallel primitive arrays); while the arrays are still doubling, at most half of them is spare, so
 * the worst case is 32 bytes per stored sample, and exactly 16 once a series is at its bound. A series
 * costs about 200 bytes besides its samples (the ring object and two array headers, about 70 bytes; its
 * entries in the series map and in the metric-name index, about 100 bytes; the {@code Labels} object
 * and its two arrays, about 60 bytes), plus the label strings, which are shared when the caller reuses
 * them.
 *
 * <p><b>Threads.</b> Safe for one writer and any number of concurrent readers (several writers are
 * tolerated too, but appends to one series are then serialised). Series live in concurrent maps; each
 * ring buffer is guarded by its own monitor, held only for one append or for copying the requested range
 * out (copy-on-read). Readers therefore get a consistent snapshot per series and the evaluator runs
 * without any lock.
 */
public final class SeriesStore implements Queryable {
  /** The metric-name label. */
  public static final String NAME = "__name__";

  private final int maxSeries;
  private final int maxSamplesPerSeries;
  private final ConcurrentHashMap<Labels, MemSeries> series = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<MemSeries>> byName = new ConcurrentHashMap<>();
  // Postings of (metric name, indexed label, value): a selector with an equality matcher on an indexed
  // label (e.g. a workload's signals, {workload="..."}) visits only that workload's series of the name.
  private final Set<String> indexedLabels;
  private final ConcurrentHashMap<IndexKey, Set<MemSeries>> postings = new ConcurrentHashMap<>();

  private record IndexKey(String name, String label, String value) {}
  private final Object createLock = new Object();

  /**
   * @param retentionMillis how far back samples are kept, e.g. 6h; with the interval, sets the ring size
   * @param expectedIntervalMillis the expected spacing of samples (scrape interval), e.g. 15s
   * @param maxSeries the most series the store will ever hold
   */
  public SeriesStore(long retentionMillis, long expectedIntervalMillis, int maxSeries) {
    this(retentionMillis, expectedIntervalMillis, maxSeries, Set.of());
  }

  /**
   * @param indexedLabels labels whose values are indexed per metric name, so that a selector with an
   *     equality matcher on one of them does not scan every series of the name
   */
  public SeriesStore(long retentionMillis, long expectedIntervalMillis, int maxSeries, Set<String> indexedLabels) {
    if (retentionMillis <= 0 || expectedIntervalMillis <= 0 || maxSeries <= 0) {
      throw new PromqlException("retention, interval and series limit must be positive");
    }
    long perSeries = (retentionMillis + expectedIntervalMillis - 1) / expectedIntervalMillis + 1;
    this.maxSamplesPerSeries = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2, perSeries));
    this.maxSeries = maxSeries;
    this.indexedLabels = Set.copyOf(indexedLabels);
  }

  /** The most samples one series keeps before its ring wraps. */
  public int maxSamplesPerSeries() {
    return maxSamplesPerSeries;
  }

  public int maxSeries() {
    return maxSeries;
  }

  /** How many series the store holds now. */
  public int seriesCount() {
    return series.size();
  }

  /**
   * Appends one sample.
   *
   * @param labels the series, with a non-empty {@code __name__}
   * @throws SeriesLimitExceededException when this would be a new series beyond the limit
   * @throws PromqlException when {@code __name__} is missing
   */
  public AppendResult append(Labels labels, long tMillis, double value) {
    MemSeries s = series.get(labels);
    if (s == null) {
      Labels normalized = dropEmpty(labels);
      s = series.get(normalized);
      if (s == null) {
        s = create(normalized);
      }
    }
    return s.append(tMillis, value);
  }

  private MemSeries create(Labels labels) {
    String name = labels.get(NAME);
    if (name == null || name.isEmpty()) {
      throw new PromqlException("series " + labels + " has no __name__ label");
    }
    synchronized (createLock) {
      MemSeries existing = series.get(labels);
      if (existing != null) {
        return existing;
      }
      if (series.size() >= maxSeries) {
        throw new SeriesLimitExceededException(maxSeries, labels.toString());
      }
      var s = new MemSeries(labels, Math.min(16, maxSamplesPerSeries), maxSamplesPerSeries);
      byName.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(s);
      for (String label : indexedLabels) {
        String v = labels.get(label);
        if (v != null) {
          postings.computeIfAbsent(new IndexKey(name, label, v), k -> ConcurrentHashMap.newKeySet()).add(s);
        }
      }
      series.put(labels, s);
      return s;
    }
  }

  private static Labels dropEmpty(Labels labels) {
    Labels out = labels;
    for (int i = labels.size() - 1; i >= 0; i--) {
      if (labels.value(i).isEmpty()) {
        out = out.without(labels.name(i));
      }
    }
    return out;
  }

  /**
   * Drops every sample older than {@code tMillis} and forgets series left without samples.
   *
   * @return how many series were removed
   */
  public int trimBefore(long tMillis) {
    int removed = 0;
    for (MemSeries s : series.values()) {
      if (s.trimBefore(tMillis) == 0) {
        synchronized (createLock) {
          if (s.size() == 0 && series.remove(s.labels, s)) {
            Set<MemSeries> set = byName.get(s.labels.get(NAME));
            if (set != null) {
              set.remove(s);
            }
            for (String label : indexedLabels) {
              String v = s.labels.get(label);
              if (v != null) {
                IndexKey key = new IndexKey(s.labels.get(NAME), label, v);
                Set<MemSeries> posting = postings.get(key);
                if (posting != null) {
                  posting.remove(s);
                  if (posting.isEmpty()) {
                    postings.remove(key, posting);
                  }
                }
              }
            }
            removed++;
          }
        }
      }
    }
    return removed;
  }

  /** Forgets everything. */
  public void clear() {
    synchronized (createLock) {
      series.clear();
      byName.clear();
      postings.clear();
    }
  }

  /**
   * The series matching all matchers, each with a copy of its samples in {@code [minT, maxT]}
   * (inclusive); series without samples in the range are left out. Order is unspecified.
   */
  @Override
  public List<SeriesSamples> select(List<Matcher> matchers, long minT, long maxT) {
    var out = new ArrayList<SeriesSamples>();
    for (MemSeries s : candidates(matchers)) {
      if (matchesAll(s.labels, matchers)) {
        SeriesSamples copy = s.copy(minT, maxT);
        if (copy != null) {
          out.add(copy);
        }
      }
    }
    return out;
  }

  /** The labels of every series matching all matchers, whatever its samples' times. */
  public List<Labels> series(List<Matcher> matchers) {
    var out = new ArrayList<Labels>();
    for (MemSeries s : candidates(matchers)) {
      if (matchesAll(s.labels, matchers)) {
        out.add(s.labels);
      }
    }
    return out;
  }

  /** All label names in use, sorted. */
  public List<String> labelNames() {
    var names = new TreeSet<String>();
    for (Labels l : series.keySet()) {
      for (int i = 0; i < l.size(); i++) {
        names.add(l.name(i));
      }
    }
    return List.copyOf(names);
  }

  /** All values of one label, sorted. */
  public List<String> labelValues(String name) {
    var values = new TreeSet<String>();
    for (Labels l : series.keySet()) {
      String v = l.get(name);
      if (v != null) {
        values.add(v);
      }
    }
    return List.copyOf(values);
  }

  private Collection<MemSeries> candidates(List<Matcher> matchers) {
    // An equality matcher on the name (the common case) narrows the scan to one metric.
    for (Matcher m : matchers) {
      if (m.type() == Matcher.Type.EQUAL && m.name().equals(NAME)) {
        if (!indexedLabels.isEmpty()) {
          for (Matcher other : matchers) {
            if (other.type() == Matcher.Type.EQUAL && indexedLabels.contains(other.name()) && !other.value().isEmpty()) {
              Set<MemSeries> posting = postings.get(new IndexKey(m.value(), other.name(), other.value()));
              return posting == null ? List.of() : posting;
            }
          }
        }
        Set<MemSeries> set = byName.get(m.value());
        return set == null ? List.of() : set;
      }
    }
    return series.values();
  }

  static boolean matchesAll(Labels labels, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(labels.get(m.name()))) {
        return false;
      }
    }
    return true;
  }
}
