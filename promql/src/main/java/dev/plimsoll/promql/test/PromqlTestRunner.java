package dev.plimsoll.promql.test;

import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.ParseException;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.UnsupportedFeatureException;
import dev.plimsoll.promql.eval.Almost;
import dev.plimsoll.promql.eval.Annotation;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.eval.EngineOptions;
import dev.plimsoll.promql.eval.InstantVector;
import dev.plimsoll.promql.eval.LabelsOrder;
import dev.plimsoll.promql.eval.Matrix;
import dev.plimsoll.promql.eval.PreparedQuery;
import dev.plimsoll.promql.eval.QueryResult;
import dev.plimsoll.promql.eval.Sample;
import dev.plimsoll.promql.eval.Scalar;
import dev.plimsoll.promql.eval.Series;
import dev.plimsoll.promql.eval.Value;
import dev.plimsoll.promql.parse.Expr;
import dev.plimsoll.promql.storage.Matcher;
import dev.plimsoll.promql.storage.SeriesStore;
import dev.plimsoll.promql.storage.StaleNaN;
import dev.plimsoll.promql.test.EvalOutcome.Status;
import dev.plimsoll.promql.test.SeriesDescription.FloatValue;
import dev.plimsoll.promql.test.SeriesDescription.Item;
import dev.plimsoll.promql.test.SeriesDescription.Omitted;
import dev.plimsoll.promql.test.TestScript.Eval;
import dev.plimsoll.promql.test.TestScript.Expect;
import dev.plimsoll.promql.test.TestScript.Expected;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs Prometheus' {@code promqltest} scripts against this engine, as Prometheus' own
 * {@code RunBuiltinTests} does: 5 minutes lookback, 10000 samples per query, floats equal within a
 * relative 1e-6, and every instant eval replayed as a range query from {@code at-1m} to {@code at+1m}
 * whose middle step must match too. The {@code @}-modifier replays are not run (no {@code @} here).
 *
 * <p>An eval is {@code SKIPPED}, never passed, when it cannot really be checked here: the expression
 * uses a feature outside the subset; it selects a series this runner could not load (native histograms,
 * {@code load_with_nhcb} conversions, {@code @st} start timestamps); it expects a range-vector or
 * string result, or native-histogram values; or it expects a warn/info annotation this engine does not
 * produce. {@code expect no_warn}/{@code no_info} are checked against the annotations this engine does
 * produce.
 */
public final class PromqlTestRunner {
  /** Prometheus' {@code defaultEpsilon}. */
  static final double EPSILON = 1e-6;
  static final int MAX_SAMPLES = 10_000;
  private static final long MINUTE = 60_000;

  private SeriesStore store;
  private Engine engine;
  private final List<Labels> notLoaded = new ArrayList<>();
  private String file;

  /** Runs one script; {@code fileName} only labels the outcomes. */
  public List<EvalOutcome> run(String fileName, String content) {
    this.file = fileName;
    clear();
    var out = new ArrayList<EvalOutcome>();
    TestScript script = TestScript.parse(content);
    for (TestScript.Command c : script.commands()) {
      switch (c) {
        case TestScript.Clear cl -> clear();
        case TestScript.Load l -> {
          String problem = load(l);
          if (problem != null) {
            out.add(new EvalOutcome(file, l.line(), Status.FAILED, "load: " + problem, "load"));
          }
        }
        case TestScript.Invalid inv -> out.add(new EvalOutcome(file, inv.line(), Status.FAILED, inv.problem(), ""));
        case Eval e -> out.add(runEval(e));
      }
    }
    return out;
  }

  private void clear() {
    store = new SeriesStore(Long.MAX_VALUE / 4, 1, 10_000_000);
    engine = new Engine(store, new EngineOptions(5 * MINUTE, MAX_SAMPLES));
    notLoaded.clear();
  }

  // ---- load

  private String load(TestScript.Load l) {
    var defs = new LinkedHashMap<Labels, List<Item>>();
    boolean defaultStartTimestamps = false;
    boolean pendingStartTimestamps = false;
    for (TestScript.SeriesLine line : l.series()) {
      try {
        if (line.startTimestamps()) {
          if (line.text().startsWith("@st")) {
            defaultStartTimestamps = true;
          } else {
            pendingStartTimestamps = true;
          }
          continue;
        }
        SeriesDescription d = SeriesDescription.parse(line.text());
        if (d.hasHistogram() || pendingStartTimestamps || defaultStartTimestamps) {
          // Native histograms and start timestamps are not modelled: such a series stays out of the store,
          // and every eval that could select it is skipped.
          notLoaded.add(d.labels());
          defs.remove(d.labels());
          pendingStartTimestamps = false;
          continue;
        }
        defs.put(d.labels(), d.values());
        if (l.withNhcb()) {
          Labels nhcb = nhcbSeries(d.labels());
          if (nhcb != null) {
            notLoaded.add(nhcb);
          }
        }
      } catch (PromqlException e) {
        return "line " + line.line() + ": " + e.getMessage();
      }
    }
    for (var e : defs.entrySet()) {
      long t = 0;
      for (Item item : e.getValue()) {
        if (item instanceof FloatValue f) {
          store.append(e.getKey(), t, f.value());
        }
        t += l.intervalMillis();
      }
    }
    return null;
  }

  /** The native histogram {@code load_with_nhcb} would derive from a classic-histogram series, or null. */
  private static Labels nhcbSeries(Labels l) {
    String name = l.get("__name__");
    if (name == null) {
      return null;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum")) {
      if (name.endsWith(suffix)) {
        var map = new java.util.TreeMap<>(l.asMap());
        map.remove("le");
        map.put("__name__", name.substring(0, name.length() - suffix.length()));
        return Labels.of(map);
      }
    }
    return null;
  }

  // ---- eval

  private EvalOutcome outcome(Eval e, Status s, String reason) {
    return new EvalOutcome(file, e.line(), s, reason, e.expr);
  }

  private EvalOutcome runEval(Eval e) {
    if (e.problem != null) {
      return outcome(e, Status.FAILED, "invalid eval: " + e.problem);
    }
    if (e.expectRangeVector) {
      return outcome(e, Status.SKIPPED, "expects a range-vector result (expect range vector), not compared");
    }
    if (e.expectString) {
      return outcome(e, Status.SKIPPED, "expects a string result (expect string)");
    }
    if (e.histogramExpected) {
      return outcome(e, Status.SKIPPED, "expects native-histogram values");
    }
    PreparedQuery q;
    try {
      q = Engine.prepare(e.expr);
    } catch (UnsupportedFeatureException u) {
      return outcome(e, Status.SKIPPED, "unsupported: " + u.feature());
    } catch (ParseException p) {
      return outcome(e, Status.FAILED, "does not parse: " + p.getMessage());
    }
    String notModelled = selectsNotLoaded(q.expr());
    if (notModelled != null) {
      return outcome(e, Status.SKIPPED, "selects series not modelled here (native histogram or start timestamps): " + notModelled);
    }
    QueryResult result;
    try {
      result = e.range ? engine.range(q, e.start, e.end, e.step) : engine.instant(q, e.start);
    } catch (UnsupportedFeatureException u) {
      return outcome(e, Status.SKIPPED, "unsupported: " + u.feature());
    } catch (PromqlException ex) {
      if (!e.isFail()) {
        return outcome(e, Status.FAILED, "error evaluating query: " + ex.getMessage());
      }
      String mismatch = checkExpectedFailure(e, ex.getMessage());
      return mismatch == null ? outcome(e, Status.PASSED, "") : outcome(e, Status.FAILED, mismatch);
    }
    if (e.isFail()) {
      return outcome(e, Status.FAILED, "expected an error, got none");
    }
    String diff = compare(e, result.value(), e.range);
    if (diff != null) {
      return outcome(e, Status.FAILED, diff);
    }
    if (!e.range && !e.isOrdered()) {
      String replay = replay(e, q, result.value());
      if (replay != null) {
        return outcome(e, Status.FAILED, "range-mode replay: " + replay);
      }
    }
    List<String> warnings = result.warnings().stream().map(Annotation::message).toList();
    List<String> infos = result.infos().stream().map(Annotation::message).toList();
    if (e.expects("no_warn") && !warnings.isEmpty()) {
      return outcome(e, Status.FAILED, "unexpected warning annotations: " + warnings);
    }
    if (e.expects("no_info") && !infos.isEmpty()) {
      return outcome(e, Status.FAILED, "unexpected info annotations: " + infos);
    }
    String unmet = positiveAnnotations(e, "warn", e.warnFlag, warnings);
    if (unmet == null) {
      unmet = positiveAnnotations(e, "info", e.infoFlag, infos);
    }
    if (unmet != null) {
      return outcome(e, Status.SKIPPED, "result matches, but " + unmet);
    }
    return outcome(e, Status.PASSED, "");
  }

  /** Null when the expected warn/info annotations are exactly matched by ours; else why not. */
  private static String positiveAnnotations(Eval e, String type, boolean flag, List<String> actual) {
    List<Expect> expected = e.expects.stream().filter(x -> x.type().equals(type)).toList();
    if (!flag && expected.isEmpty()) {
      return null;
    }
    if (actual.isEmpty()) {
      return "it expects a " + type + " annotation this engine does not produce";
    }
    for (Expect x : expected) {
      if (actual.stream().noneMatch(x::matches)) {
        return "it expects a " + type + " annotation this engine does not produce (" + describe(x) + "), got " + actual;
      }
    }
    for (String a : actual) {
      if (!expected.isEmpty() && expected.stream().noneMatch(x -> x.matches(a))) {
        return "this engine's " + type + " annotation " + a + " is not among the expected ones";
      }
    }
    return null;
  }

  private static String describe(Expect x) {
    return x.regex() != null ? "regex " + x.regex().pattern() : x.message() != null ? "msg " + x.message() : "any";
  }

  private static String checkExpectedFailure(Eval e, String actual) {
    if (e.expectedFailMessage != null && !e.expectedFailMessage.isEmpty() && !e.expectedFailMessage.equals(actual)) {
      return "expected error \"" + e.expectedFailMessage + "\", got: " + actual;
    }
    if (e.expectedFailRegexp != null && !e.expectedFailRegexp.matcher(actual).find()) {
      return "expected error matching \"" + e.expectedFailRegexp.pattern() + "\", got: " + actual;
    }
    for (Expect x : e.expects) {
      if (x.type().equals("fail") && !x.matches(actual)) {
        return "expected error matching " + describe(x) + ", got: " + actual;
      }
    }
    return null;
  }

  private String selectsNotLoaded(Expr root) {
    if (notLoaded.isEmpty()) {
      return null;
    }
    var selectors = new ArrayList<Expr.VectorSelector>();
    collectSelectors(root, selectors);
    for (Expr.VectorSelector vs : selectors) {
      for (Labels l : notLoaded) {
        boolean all = true;
        for (Matcher m : vs.matchers()) {
          if (!m.matches(l.get(m.name()))) {
            all = false;
            break;
          }
        }
        if (all) {
          return LabelsOrder.format(l);
        }
      }
    }
    return null;
  }

  private static void collectSelectors(Expr e, List<Expr.VectorSelector> out) {
    switch (e) {
      case Expr.VectorSelector vs -> out.add(vs);
      case Expr.MatrixSelector ms -> out.add(ms.selector());
      case Expr.ParenExpr p -> collectSelectors(p.inner(), out);
      case Expr.UnaryExpr u -> collectSelectors(u.operand(), out);
      case Expr.BinaryExpr b -> {
        collectSelectors(b.lhs(), out);
        collectSelectors(b.rhs(), out);
      }
      case Expr.AggregateExpr a -> collectSelectors(a.operand(), out);
      case Expr.Call c -> c.args().forEach(a -> collectSelectors(a, out));
      case Expr.NumberLiteral n -> {
      }
      case Expr.StringLiteral s -> {
      }
    }
  }

  /** Replay (a): the instant query as a range query around its time, comparing the middle step. */
  private String replay(Eval e, PreparedQuery q, Value instantResult) {
    QueryResult r;
    try {
      r = engine.range(q, e.start - MINUTE, e.start + MINUTE, MINUTE);
    } catch (PromqlException ex) {
      return "error: " + ex.getMessage();
    }
    Matrix m = (Matrix) r.value();
    String sorted = assertSorted(m);
    if (sorted != null) {
      return sorted;
    }
    var samples = new ArrayList<Sample>();
    for (Series s : m.series()) {
      for (int i = 0; i < s.size(); i++) {
        if (s.timestamps()[i] == e.start) {
          samples.add(new Sample(s.labels(), s.values()[i]));
          break;
        }
      }
    }
    if (instantResult instanceof Scalar) {
      if (samples.isEmpty()) {
        return "no value at the middle step";
      }
      return compare(e, new Scalar(e.start, samples.get(0).value()), false);
    }
    return compare(e, new InstantVector(e.start, samples), false);
  }

  private static String assertSorted(Matrix m) {
    for (int i = 0; i + 1 < m.series().size(); i++) {
      if (LabelsOrder.compare(m.series().get(i).labels(), m.series().get(i + 1).labels()) > 0) {
        return "matrix results should always be sorted by labels";
      }
    }
    return null;
  }

  /** Prometheus' {@code compareResult}; null when equal. */
  private String compare(Eval e, Value v, boolean rangeQuery) {
    boolean expectScalar = e.expectedScalar != null;
    switch (v) {
      case Matrix m -> {
        if (e.isOrdered()) {
          return "expected ordered result, but query returned a matrix";
        }
        if (expectScalar) {
          return "expected scalar result, but got matrix";
        }
        String sorted = assertSorted(m);
        if (sorted != null) {
          return sorted;
        }
        var seen = new HashSet<Labels>();
        for (Series s : m.series()) {
          Expected exp = e.expected.get(s.labels());
          if (exp == null) {
            return "unexpected metric " + LabelsOrder.format(s.labels()) + " in result, has " + points(s);
          }
          seen.add(s.labels());
          var times = new ArrayList<Long>();
          var values = new ArrayList<Double>();
          for (int i = 0; i < exp.values().size(); i++) {
            long ts = e.start + i * e.step;
            if (ts > e.end) {
              return "expected " + exp.values().size() + " points for " + LabelsOrder.format(s.labels())
                  + ", but query time range cannot return this many points";
            }
            Item item = exp.values().get(i);
            if (item instanceof FloatValue f) {
              times.add(ts);
              values.add(f.value());
            } else if (!(item instanceof Omitted)) {
              return "histogram expectation";
            }
          }
          if (times.size() != s.size()) {
            return "expected " + times.size() + " float points for " + LabelsOrder.format(s.labels()) + ", but got " + points(s);
          }
          for (int i = 0; i < times.size(); i++) {
            if (times.get(i) != s.timestamps()[i]) {
              return "expected float value at index " + i + " for " + LabelsOrder.format(s.labels()) + " to have timestamp "
                  + times.get(i) + ", but it had timestamp " + s.timestamps()[i] + " (result has " + points(s) + ")";
            }
            if (!valuesEqual(values.get(i), s.values()[i])) {
              return "expected float value at index " + i + " (t=" + s.timestamps()[i] + ") for " + LabelsOrder.format(s.labels())
                  + " to be " + values.get(i) + ", but got " + s.values()[i] + " (result has " + points(s) + ")";
            }
          }
        }
        for (Labels l : e.expected.keySet()) {
          if (!seen.contains(l)) {
            return "expected metric " + LabelsOrder.format(l) + " not found";
          }
        }
        return null;
      }
      case InstantVector iv -> {
        if (expectScalar) {
          return "expected scalar result, but got vector " + iv.samples();
        }
        var seen = new HashSet<Labels>();
        int pos = 0;
        for (Sample s : iv.samples()) {
          pos++;
          Expected exp = e.expected.get(s.labels());
          if (exp == null) {
            return "unexpected metric " + LabelsOrder.format(s.labels()) + " in result, has value " + s.value();
          }
          if (e.isOrdered() && exp.position() != pos) {
            return "expected metric " + LabelsOrder.format(s.labels()) + " at position " + exp.position() + " but was at " + pos;
          }
          if (exp.values().isEmpty() || !(exp.values().get(0) instanceof FloatValue f)) {
            return "expected no value or a non-float for " + LabelsOrder.format(s.labels());
          }
          if (!valuesEqual(f.value(), s.value())) {
            return "expected " + f.value() + " for " + LabelsOrder.format(s.labels()) + " but got " + s.value();
          }
          seen.add(s.labels());
        }
        for (Map.Entry<Labels, Expected> x : e.expected.entrySet()) {
          if (!seen.contains(x.getKey())) {
            return "expected metric " + LabelsOrder.format(x.getKey()) + " not found";
          }
        }
        return null;
      }
      case Scalar s -> {
        if (!expectScalar) {
          return "expected vector or matrix result, but got scalar " + s.value();
        }
        if (!valuesEqual(e.expectedScalar, s.value())) {
          return "expected scalar " + e.expectedScalar + " but got " + s.value();
        }
        return null;
      }
    }
  }

  /** {@code almost.Equal} with tolerance 1e-6, except that a staleness marker only equals another one. */
  static boolean valuesEqual(double expected, double actual) {
    if (StaleNaN.is(expected) || StaleNaN.is(actual)) {
      return StaleNaN.is(expected) && StaleNaN.is(actual);
    }
    return Almost.equal(expected, actual, EPSILON);
  }

  private static String points(Series s) {
    var sb = new StringBuilder().append(s.size()).append(" float points [");
    for (int i = 0; i < s.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(s.values()[i]).append(" @[").append(s.timestamps()[i]).append(']');
    }
    return sb.append(']').toString();
  }

  /** Counts per status. */
  public static Map<Status, Integer> count(List<EvalOutcome> outcomes) {
    var m = new java.util.EnumMap<Status, Integer>(Status.class);
    for (Status s : Status.values()) {
      m.put(s, 0);
    }
    for (EvalOutcome o : outcomes) {
      m.merge(o.status(), 1, Integer::sum);
    }
    return m;
  }

}
