package dev.plimsoll.exposition;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole parsed exposition: its samples in input order and its families in order of appearance.
 * For tools and tests; the scrape path streams samples through a {@link SampleSink} instead.
 *
 * @param format the format it was read in
 * @param samples every sample, in input order
 * @param families every family, in input order (a name may appear more than once in the text format)
 */
public record Exposition(ExpositionFormat format, List<Sample> samples, List<Family> families) {

  public Exposition {
    samples = List.copyOf(samples);
    families = List.copyOf(families);
  }

  /** The type of the first family of that name, {@link MetricType#UNTYPED} when there is none. */
  public MetricType typeOf(String family) {
    for (Family f : families) {
      if (f.name().equals(family)) {
        return f.type();
      }
    }
    return MetricType.UNTYPED;
  }

  /** The help text of the first family of that name that has one, or null. */
  public String helpOf(String family) {
    for (Family f : families) {
      if (f.name().equals(family) && f.help() != null) {
        return f.help();
      }
    }
    return null;
  }

  /**
   * The family a sample name belongs to: a family of that very name, or a family whose type owns the
   * suffix ({@code x_bucket} of histogram {@code x}); the name itself otherwise.
   */
  public String familyOf(String sampleName) {
    for (Family f : families) {
      if (sampleName.startsWith(f.name())) {
        String suffix = sampleName.substring(f.name().length());
        if (f.type().suffixes(format).contains(suffix) || suffix.isEmpty()) {
          return f.name();
        }
      }
    }
    return sampleName;
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
}
