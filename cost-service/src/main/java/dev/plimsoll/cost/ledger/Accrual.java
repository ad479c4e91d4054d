package dev.plimsoll.cost.ledger;

/**
 * The result of feeding one decision to a ledger: the new state and what happened to the decision.
 *
 * @param state the ledger after the decision
 * @param outcome whether the decision opened the ledger, was accrued, or was ignored
 */
public record Accrual(LedgerState state, Outcome outcome) {

  public enum Outcome {
    /** The workload's first decision: the ledger starts at its time. */
    OPENED,
    /** The interval since the previous decision was accrued and the replica count updated. */
    ACCRUED,
    /** Older than the newest decision already accrued (out of order): counted, not accrued. */
    IGNORED
  }
}
