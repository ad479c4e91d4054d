package dev.plimsoll.exposition;

/**
 * What one exposition may hold. A body over a limit fails to parse with a reason that names the limit,
 * so a target that exposes too much fails alone and memory stays bounded.
 *
 * @param maxSamples samples in one exposition
 * @param maxLabels labels on one sample
 * @param maxLabelNameLength characters in a label name
 * @param maxLabelValueLength bytes in a label value (UTF-8)
 *
 * <p>Distinct series are not counted here: a consumer that keeps series (the collector) bounds them
 * itself, per target and in total.
 */
public record ParseLimits(int maxSamples, int maxLabels, int maxLabelNameLength, int maxLabelValueLength) {
  /** Generous defaults: 500,000 samples, 64 labels, names of 256 and values of 4,096 bytes. */
  public static final ParseLimits DEFAULT = new ParseLimits(500_000, 64, 256, 4096);

  /** No limits at all (for tools that read files). */
  public static final ParseLimits NONE = new ParseLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

  public ParseLimits {
    if (maxSamples < 1 || maxLabels < 0 || maxLabelNameLength < 1 || maxLabelValueLength < 0) {
      throw new IllegalArgumentException("parse limits must be positive: " + maxSamples + ", " + maxLabels + ", "
          + maxLabelNameLength + ", " + maxLabelValueLength);
    }
  }
}
