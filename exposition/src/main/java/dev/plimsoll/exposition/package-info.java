/**
 * Prometheus exposition parsing: plain Java, no framework imports, no I/O. {@link
 * dev.plimsoll.exposition.ExpositionReader} reads the text format 0.0.4 and OpenMetrics 1.0 from
 * bytes and streams samples to a {@link dev.plimsoll.exposition.SampleSink}; {@link
 * dev.plimsoll.exposition.ExpositionParser} collects a whole {@link dev.plimsoll.exposition.Exposition};
 * {@link dev.plimsoll.exposition.CheckMetrics} is the command-line check.
 */
package dev.plimsoll.exposition;
