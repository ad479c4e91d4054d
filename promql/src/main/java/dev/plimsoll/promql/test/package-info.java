/**
 * A runner for Prometheus' {@code promqltest} scripts ({@link dev.plimsoll.promql.test.PromqlTestRunner})
 * and its command line ({@link dev.plimsoll.promql.test.PromqlTestCommand}). Main code, not test code,
 * because checking the engine against Prometheus' own expectations is also an operator's tool.
 */
package dev.plimsoll.promql.test;
