package dev.plimsoll.collector.window;

import dev.plimsoll.exposition.Labels;
import java.util.Objects;

/** Identifies a series within one target: metric name plus labels. */
public record SeriesKey(String name, Labels labels) {
  public SeriesKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
  }
}
