package dev.plimsoll.exposition;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One sample line of an exposition.
 *
 * @param name the sample's metric name, for example {@code vllm:time_to_first_token_seconds_bucket}
 * @param labels its labels, sorted
 * @param value its value (may be NaN or infinite)
 * @param timestampMillis the exposed timestamp in milliseconds since the epoch, when the line has one
 */
public record Sample(String name, Labels labels, double value, OptionalLong timestampMillis) {

  public Sample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(timestampMillis, "timestampMillis");
  }

  /** A sample without a timestamp. */
  public static Sample of(String name, Labels labels, double value) {
    return new Sample(name, labels, value, OptionalLong.empty());
  }
}
