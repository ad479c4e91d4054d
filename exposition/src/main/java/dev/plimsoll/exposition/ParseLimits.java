package dev.plimsoll.exposition;

/**
 * What one exposition may hold. A body over a limit fails to parse with a reason that names the limit,
 * so a target that exposes too much fails alone and memory stays bounded.
 *
 * @param maxSamples samples in one exposition
 * @param maxLabels labels on one sample
 * @param maxLabelNameLength characters in a label name
 * @param maxLabelValueLength bytes in a label value (UTF-8)
 * @param maxSeries distinct series in one exposition
 */
public record ParseLimits(int maxSamples, int maxLabels, int maxLabelNameLength, int maxLabelValueLength, int maxSeries) {
  /** Generous defaults: 500,000 samples, 64 labels, names of 256 and values of 4,096 bytes, 500,000 series. */
  public static final ParseLimits DEFAULT = new ParseLimits(500_000, 64, 256, 4096, 500_000);

  /** No limits at all (for tools that read files). */
  public static final ParseLimits NONE = new ParseLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

  public ParseLimits {
    if (maxSamples < 1 || maxLabels < 0 || maxLabelNameLength < 1 || maxLabelValueLength < 0 || maxSeries < 1) {
      throw new IllegalArgumentException("parse limits must be positive: " + maxSamples + ", " + maxLabels + ", "
          + maxLabelNameLength + ", " + maxLabelValueLength + ", " + maxSeries);
    }
  }
}
