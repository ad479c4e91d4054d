/**
 * Prometheus exposition parsing: plain Java, no framework imports, no I/O. {@link
 * dev.plimsoll.collector.parse.ExpositionParser} is the seam; {@link
 * dev.plimsoll.collector.parse.TextFormatParser} reads the text format 0.0.4.
 */
package dev.plimsoll.collector.parse;
