package dev.plimsoll.promql.storage;

import dev.plimsoll.promql.PromqlException;

/** An append would create a series beyond the store's configured series limit; nothing was stored. */
public class SeriesLimitExceededException extends PromqlException {
  public SeriesLimitExceededException(int limit, String series) {
    super("series limit of " + limit + " reached, not creating series " + series);
  }
}
