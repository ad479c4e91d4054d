/**
 * A PromQL subset in plain Java: {@link dev.plimsoll.promql.storage} keeps series in ring buffers,
 * {@link dev.plimsoll.promql.parse} turns query text into a sealed AST, {@link dev.plimsoll.promql.eval}
 * evaluates it with Prometheus' semantics, and {@link dev.plimsoll.promql.test} runs Prometheus' own
 * {@code promqltest} scripts against it. No framework, no clock: every time is an argument.
 */
package dev.plimsoll.promql;
