package dev.plimsoll.scaler.policy;

import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/** Recognises database failures that are really conflicts, anywhere in a cause chain. */
final class PersistenceFailures {

  /** PostgreSQL's SQLSTATE for a unique-constraint violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private PersistenceFailures() {}

  static boolean isUniqueViolation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
        return true;
      }
      if (c instanceof org.hibernate.exception.ConstraintViolationException cve && UNIQUE_VIOLATION.equals(cve.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static boolean isOptimisticLockFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof StaleStateException || c instanceof OptimisticLockException) {
        return true;
      }
    }
    return false;
  }
}
