/**
 * Prometheus exposition parsing: plain Java, no framework imports, no I/O. {@link
 * dev.plimsoll.exposition.ExpositionParser} is the seam; {@link
 * dev.plimsoll.exposition.TextFormatParser} reads the text format 0.0.4.
 */
package dev.plimsoll.exposition;
