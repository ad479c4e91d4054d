package dev.plimsoll.exposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of parsing one exposition: its samples in input order and what its {@code # TYPE} and
 * {@code # HELP} lines said about each metric family.
 *
 * @param samples every sample line, in input order
 * @param types family name to declared type, in declaration order
 * @param help family name to its unescaped help text
 */
public record Exposition(List<Sample> samples, Map<String, MetricType> types, Map<String, String> help) {

  public Exposition {
    samples = List.copyOf(samples);
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    help = Collections.unmodifiableMap(new LinkedHashMap<>(help));
  }

  /** The declared type of a family, {@link MetricType#UNTYPED} when it has no {@code # TYPE} line. */
  public MetricType typeOf(String family) {
    return types.getOrDefault(family, MetricType.UNTYPED);
  }

  /** The family a sample belongs to under this exposition's declared types; see {@link #familyOf(String, Map)}. */
  public String familyOf(String sampleName) {
    return familyOf(sampleName, types);
  }

  /**
   * The family a sample name belongs to: the name itself when a family of that name is declared; for a
   * declared histogram {@code x}, the samples {@code x_bucket}, {@code x_sum} and {@code x_count}; for
   * a declared summary {@code x}, {@code x_sum} and {@code x_count}; otherwise an untyped family of the
   * sample's own name.
   */
  public static String familyOf(String sampleName, Map<String, MetricType> types) {
    if (types.containsKey(sampleName)) {
      return sampleName;
    }
    String base = stripSuffix(sampleName, "_bucket");
    if (base != null && types.get(base) == MetricType.HISTOGRAM) {
      return base;
    }
    for (String suffix : new String[] {"_sum", "_count"}) {
      base = stripSuffix(sampleName, suffix);
      if (base != null) {
        MetricType type = types.get(base);
        if (type == MetricType.HISTOGRAM || type == MetricType.SUMMARY) {
          return base;
        }
      }
    }
    return sampleName;
  }

  /**
   * Every family of this exposition with its type, in order of first appearance: the declared ones
   * plus an {@link MetricType#UNTYPED} family for each sample that belongs to no declared family.
   */
  public Map<String, MetricType> families() {
    var families = new LinkedHashMap<>(types);
    for (Sample s : samples) {
      families.putIfAbsent(familyOf(s.name()), MetricType.UNTYPED);
    }
    return Collections.unmodifiableMap(families);
  }

  /** The samples with the given metric name, in input order. */
  public List<Sample> samples(String name) {
    var out = new ArrayList<Sample>();
    for (Sample s : samples) {
      if (s.name().equals(name)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String stripSuffix(String name, String suffix) {
    return name.length() > suffix.length() && name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
  }
}
