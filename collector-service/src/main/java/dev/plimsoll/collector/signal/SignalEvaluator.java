package dev.plimsoll.collector.signal;

import dev.plimsoll.events.MetricSnapshot.Signal;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.eval.InstantVector;
import dev.plimsoll.promql.eval.Matrix;
import dev.plimsoll.promql.eval.PreparedQuery;
import dev.plimsoll.promql.eval.Scalar;
import dev.plimsoll.promql.eval.Value;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates workload signals. A signal has a value only when its query gives exactly one finite number
 * (a scalar, or an instant vector of one sample); an empty result, NaN, an infinity, several series or
 * a failing query give no value — never zero, so that missing data never looks like an idle workload.
 * Queries are parsed once per signal and workload and kept.
 */
public final class SignalEvaluator {
  private final Engine engine;
  private final String window;
  private final Map<String, PreparedQuery> prepared = new ConcurrentHashMap<>();

  /** @param window the signal window as a PromQL duration, for example {@code 30s} */
  public SignalEvaluator(Engine engine, String window) {
    this.engine = engine;
    this.window = window;
  }

  /** The outcome of one evaluation: a value or why there is none. */
  public record Result(Double value, String problem) {}

  /** Evaluates a signal for a workload at {@code now}. */
  public Result evaluate(SignalDefinition definition, String workload, Instant now) {
    String query = definition.queryFor(workload, window);
    try {
      PreparedQuery q = prepared.computeIfAbsent(query, Engine::prepare);
      return single(engine.instant(q, now.toEpochMilli()).value());
    } catch (PromqlException e) {
      return new Result(null, e.getMessage());
    }
  }

  /**
   * The signal as the snapshot carries it: its value, the time of the newest data it could see, and
   * stale when that time is older than {@code staleness}.
   */
  public static Signal toSignal(Result result, Instant newestData, Instant now, java.time.Duration staleness) {
    if (result.value() == null || newestData == null) {
      return new Signal(null, null, false);
    }
    boolean stale = newestData.plus(staleness).isBefore(now);
    return new Signal(result.value(), newestData, stale);
  }

  /** Forgets prepared queries (after the catalogue or the workloads changed). */
  public void forget() {
    prepared.clear();
  }

  static Result single(Value value) {
    return switch (value) {
      case Scalar s -> finite(s.value());
      case InstantVector v -> v.samples().isEmpty() ? new Result(null, "no data")
          : v.samples().size() > 1 ? new Result(null, v.samples().size() + " series; a workload signal must give one value (wrap it in sum() or avg())")
          : finite(v.samples().get(0).value());
      case Matrix m -> new Result(null, "a range vector is not a value; apply a function such as rate() to it");
    };
  }

  private static Result finite(double v) {
    return Double.isFinite(v) ? new Result(v, null) : new Result(null, "not a finite number: " + v);
  }
}
