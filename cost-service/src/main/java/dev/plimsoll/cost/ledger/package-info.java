/**
 * The cost ledger core: plain Java, no framework imports, no clock. A workload's ledger integrates its
 * replica count over time ({@link dev.plimsoll.cost.ledger.Ledger#accrue}) and prices the result
 * ({@link dev.plimsoll.cost.ledger.Ledger#costAt}). Later issues add a price catalog, per-token and
 * per-inference cost, SLOs and error budgets beside it.
 */
package dev.plimsoll.cost.ledger;
