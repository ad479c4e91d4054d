package dev.plimsoll.promql.storage;

/**
 * What {@link SeriesStore#append} did with a sample. Only {@link #APPENDED} stores anything: the store
 * never rewrites history, because queries already answered must stay reproducible.
 */
public enum AppendResult {
  /** Stored as the series' newest sample. */
  APPENDED,
  /** Same timestamp and same value bits as the newest sample (a repeated scrape): ignored. */
  DUPLICATE,
  /** Timestamp not after the newest sample's (or same timestamp, other value): ignored. */
  OUT_OF_ORDER
}
