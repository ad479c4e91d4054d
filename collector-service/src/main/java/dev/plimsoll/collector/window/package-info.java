/**
 * Short per-series windows of recent samples: plain Java, no framework imports, no clock of their own
 * (timestamps are passed in). Thread-safe, so scrapes and readers may run on different threads.
 */
package dev.plimsoll.collector.window;
