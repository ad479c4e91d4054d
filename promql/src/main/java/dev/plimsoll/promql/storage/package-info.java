/**
 * In-memory series storage for the engine: {@link dev.plimsoll.promql.storage.SeriesStore} (bounded ring
 * buffers per series, series limit, retention), {@link dev.plimsoll.promql.storage.Matcher} (label
 * matchers, regexes compiled once) and {@link dev.plimsoll.promql.storage.StaleNaN} (staleness markers).
 */
package dev.plimsoll.promql.storage;
