package dev.plimsoll.promql.eval;

import dev.plimsoll.promql.EvaluationException;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.parse.Parser;
import dev.plimsoll.promql.storage.Queryable;

/**
 * Evaluates PromQL-subset queries against a {@link Queryable} (normally a
 * {@link dev.plimsoll.promql.storage.SeriesStore}). Stateless between queries and thread-safe: each call
 * builds its own evaluator. It has no clock: the caller passes every time, in milliseconds since the
 * epoch.
 *
 * <p>Everything it throws is a {@link PromqlException}: {@link dev.plimsoll.promql.ParseException}
 * (invalid query), {@link dev.plimsoll.promql.UnsupportedFeatureException} (valid PromQL outside the
 * subset), {@link EvaluationException} (Prometheus' runtime errors, e.g. duplicate label sets) and its
 * subclass {@link dev.plimsoll.promql.TooManySamplesException}.
 */
public final class Engine {
  /** Most steps a range query may have, as in Prometheus' HTTP API. */
  public static final int MAX_POINTS_PER_SERIES = 11_000;

  private final Queryable source;
  private final EngineOptions options;

  public Engine(Queryable source) {
    this(source, EngineOptions.DEFAULTS);
  }

  public Engine(Queryable source, EngineOptions options) {
    this.source = source;
    this.options = options;
  }

  public EngineOptions options() {
    return options;
  }

  /** Parses once, for repeated evaluation. */
  public static PreparedQuery prepare(String query) {
    return new PreparedQuery(query, Parser.parse(query));
  }

  /**
   * An instant query at {@code timeMillis}: a {@link Scalar}, an {@link InstantVector}, or a
   * {@link Matrix} when the query is a range selector such as {@code foo[5m]}.
   */
  public QueryResult instant(String query, long timeMillis) {
    return instant(prepare(query), timeMillis);
  }

  public QueryResult instant(PreparedQuery query, long timeMillis) {
    var ev = new Evaluator(query.text(), source, options, timeMillis, timeMillis);
    Value v = guard(() -> ev.instant(query.expr()));
    return new QueryResult(v, ev.annotations());
  }

  /**
   * A range query: the expression (a scalar or instant vector) at {@code start}, {@code start + step},
   * ... up to {@code end} inclusive, as a {@link Matrix} sorted by labels (a scalar becomes one series
   * with no labels).
   */
  public QueryResult range(String query, long startMillis, long endMillis, long stepMillis) {
    return range(prepare(query), startMillis, endMillis, stepMillis);
  }

  public QueryResult range(PreparedQuery query, long startMillis, long endMillis, long stepMillis) {
    if (stepMillis <= 0) {
      throw new EvaluationException("zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if (endMillis < startMillis) {
      throw new EvaluationException("end timestamp must not be before start time");
    }
    // Prometheus' HTTP API applies the same bound; without it an empty selector could loop for ages.
    if ((endMillis - startMillis) / stepMillis > MAX_POINTS_PER_SERIES || endMillis - startMillis < 0) {
      throw new EvaluationException("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    var ev = new Evaluator(query.text(), source, options, startMillis, endMillis);
    Matrix m = guard(() -> ev.range(query.expr(), stepMillis));
    return new QueryResult(m, ev.annotations());
  }

  private interface Body<T> {
    T run();
  }

  /** Keeps the promise that only {@link PromqlException}s escape, whatever the input. */
  private static <T> T guard(Body<T> body) {
    try {
      return body.run();
    } catch (PromqlException e) {
      throw e;
    } catch (StackOverflowError | RuntimeException e) {
      throw new EvaluationException("internal evaluation error: " + e);
    }
  }
}
