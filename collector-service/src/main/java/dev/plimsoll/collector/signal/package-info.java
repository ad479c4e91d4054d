/**
 * Per-workload signals derived from series windows, with PromQL's semantics for {@code rate},
 * {@code increase} and {@code histogram_quantile}: plain Java, no framework imports, "now" passed in.
 */
package dev.plimsoll.collector.signal;
