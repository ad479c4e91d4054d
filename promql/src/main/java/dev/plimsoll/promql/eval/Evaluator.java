package dev.plimsoll.promql.eval;

import dev.plimsoll.exposition.GoFloat;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.EvaluationException;
import dev.plimsoll.promql.Positions;
import dev.plimsoll.promql.TooManySamplesException;
import dev.plimsoll.promql.UnsupportedFeatureException;
import dev.plimsoll.promql.parse.AggregateOp;
import dev.plimsoll.promql.parse.BinaryOp;
import dev.plimsoll.promql.parse.Expr;
import dev.plimsoll.promql.parse.Expr.AggregateExpr;
import dev.plimsoll.promql.parse.Expr.BinaryExpr;
import dev.plimsoll.promql.parse.Expr.Call;
import dev.plimsoll.promql.parse.Expr.MatrixSelector;
import dev.plimsoll.promql.parse.Expr.NumberLiteral;
import dev.plimsoll.promql.parse.Expr.ParenExpr;
import dev.plimsoll.promql.parse.Expr.StringLiteral;
import dev.plimsoll.promql.parse.Expr.UnaryExpr;
import dev.plimsoll.promql.parse.Expr.VectorSelector;
import dev.plimsoll.promql.parse.PromFunction;
import dev.plimsoll.promql.storage.Queryable;
import dev.plimsoll.promql.storage.SeriesSamples;
import dev.plimsoll.promql.storage.StaleNaN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one query, step by step. Each selector's series are fetched (and label-matched) once for
 * the whole query and sorted by labels, as Prometheus' querier returns them; each step then only does
 * binary searches in the copied arrays.
 *
 * <p>Metric names are removed the way Prometheus does with delayed name removal (the mode its own test
 * suite runs in): operations mark a sample "drop name" and keep the label, comparisons and set
 * operators can still see it, and the names go when a step's result is final. A step whose final vector
 * holds two equal label sets fails with "vector cannot contain metrics with the same labelset"; across
 * steps, equal label sets merge into one series.
 */
final class Evaluator {
  private static final String NAME = "__name__";

  /** A sample flowing between nodes within one step. */
  record Smp(Labels labels, double value, boolean dropName) {}

  /** A node's value at one step: a scalar or an instant vector. */
  private sealed interface StepValue permits ScalarStep, VectorStep {}

  private record ScalarStep(double value) implements StepValue {}

  private record VectorStep(List<Smp> samples) implements StepValue {}

  private final String query;
  private final Queryable source;
  private final EngineOptions options;
  private final long start;
  private final long end;
  private final IdentityHashMap<VectorSelector, List<SeriesSamples>> selected = new IdentityHashMap<>();
  private final LinkedHashMap<String, Annotation> annotations = new LinkedHashMap<>();
  private long stepSamples;
  private long retainedSamples;

  Evaluator(String query, Queryable source, EngineOptions options, long start, long end) {
    this.query = query;
    this.source = source;
    this.options = options;
    this.start = start;
    this.end = end;
  }

  List<Annotation> annotations() {
    return List.copyOf(annotations.values());
  }

  // ---- top level

  Value instant(Expr root) {
    Expr e = unwrap(root);
    if (e instanceof StringLiteral s) {
      throw new UnsupportedFeatureException(query, s.position(), "string result");
    }
    if (e instanceof MatrixSelector ms) {
      var out = new ArrayList<Series>();
      for (SeriesSamples s : series(ms.selector(), ms.rangeMillis())) {
        double[][] window = new double[1][];
        long[] wts = window(s, start, ms.rangeMillis(), window);
        if (wts.length > 0) {
          out.add(new Series(s.labels(), wts, window[0]));
        }
      }
      checkLimit();
      out.sort((a, b) -> LabelsOrder.compare(a.labels(), b.labels()));
      return new Matrix(out);
    }
    beginStep();
    StepValue v = eval(e, start);
    if (v instanceof ScalarStep s) {
      return new Scalar(start, s.value());
    }
    var out = new ArrayList<Sample>();
    for (Smp s : finish(((VectorStep) v).samples())) {
      out.add(new Sample(s.labels(), s.value()));
    }
    return new InstantVector(start, out);
  }

  Matrix range(Expr root, long step) {
    Expr e = unwrap(root);
    if (e.type() != dev.plimsoll.promql.parse.ValueType.SCALAR && e.type() != dev.plimsoll.promql.parse.ValueType.VECTOR) {
      throw new EvaluationException("invalid expression type \"" + e.type().documented()
          + "\" for range query, must be Scalar or instant Vector");
    }
    var builders = new LinkedHashMap<Labels, PointsBuilder>();
    for (long t = start; t <= end; t += step) {
      beginStep();
      StepValue v = eval(e, t);
      if (v instanceof ScalarStep s) {
        builders.computeIfAbsent(Labels.EMPTY, k -> new PointsBuilder()).add(t, s.value());
        retainedSamples++;
      } else {
        for (Smp s : finish(((VectorStep) v).samples())) {
          builders.computeIfAbsent(s.labels(), k -> new PointsBuilder()).add(t, s.value());
          retainedSamples++;
        }
      }
      checkLimit();
      if (t > Long.MAX_VALUE - step) {
        break;
      }
    }
    var out = new ArrayList<Series>();
    builders.forEach((labels, b) -> out.add(b.build(labels)));
    out.sort((a, b) -> LabelsOrder.compare(a.labels(), b.labels()));
    return new Matrix(out);
  }

  /** Drops marked names and rejects duplicate label sets: the end of one step. */
  private List<Smp> finish(List<Smp> samples) {
    var seen = new HashSet<Labels>();
    var out = new ArrayList<Smp>(samples.size());
    for (Smp s : samples) {
      Labels l = s.dropName() ? s.labels().without(NAME) : s.labels();
      if (!seen.add(l)) {
        throw new EvaluationException("vector cannot contain metrics with the same labelset");
      }
      out.add(new Smp(l, s.value(), false));
    }
    return out;
  }

  private static final class PointsBuilder {
    private long[] ts = new long[8];
    private double[] vs = new double[8];
    private int n;

    void add(long t, double v) {
      if (n == ts.length) {
        ts = java.util.Arrays.copyOf(ts, n * 2);
        vs = java.util.Arrays.copyOf(vs, n * 2);
      }
      ts[n] = t;
      vs[n] = v;
      n++;
    }

    Series build(Labels labels) {
      return new Series(labels, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(vs, n));
    }
  }

  private void beginStep() {
    stepSamples = 0;
  }

  private void addSamples(long n) {
    stepSamples += n;
    checkLimit();
  }

  private void checkLimit() {
    if (stepSamples + retainedSamples > options.maxSamples()) {
      throw new TooManySamplesException();
    }
  }

  private static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.inner();
    }
    return e;
  }

  private void annotate(Annotation.Severity severity, String text, int position) {
    String message = text + " (" + Positions.lineColumn(query, position) + ")";
    annotations.putIfAbsent(message, new Annotation(severity, message));
  }

  // ---- data access

  private List<SeriesSamples> series(VectorSelector vs, long rangeMillis) {
    List<SeriesSamples> s = selected.get(vs);
    if (s == null) {
      long back = rangeMillis > 0 ? rangeMillis : options.lookbackDeltaMillis();
      long minT = start - back + 1;
      if (minT > start) {
        minT = Long.MIN_VALUE;
      }
      s = new ArrayList<>(source.select(vs.matchers(), minT, end));
      s.sort((a, b) -> LabelsOrder.compare(a.labels(), b.labels()));
      selected.put(vs, s);
    }
    return s;
  }

  /** Index of the last sample at or before {@code t}, or -1. */
  private static int floor(long[] ts, long t) {
    int lo = 0;
    int hi = ts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /**
   * The samples in {@code (t - range, t]} without staleness markers; timestamps are returned, values
   * stored in {@code valuesOut[0]}.
   */
  private long[] window(SeriesSamples s, long t, long range, double[][] valuesOut) {
    long[] ts = s.timestamps();
    double[] vs = s.values();
    int hi = floor(ts, t);
    int lo = floor(ts, t - range) + 1;
    int n = 0;
    for (int i = lo; i <= hi; i++) {
      if (!StaleNaN.is(vs[i])) {
        n++;
      }
    }
    long[] wt = new long[n];
    double[] wv = new double[n];
    int k = 0;
    for (int i = lo; i <= hi; i++) {
      if (!StaleNaN.is(vs[i])) {
        wt[k] = ts[i];
        wv[k] = vs[i];
        k++;
      }
    }
    valuesOut[0] = wv;
    addSamples(n);
    return wt;
  }

  // ---- evaluation

  private StepValue eval(Expr e, long t) {
    return switch (e) {
      case NumberLiteral n -> new ScalarStep(n.value());
      case ParenExpr p -> eval(p.inner(), t);
      case StringLiteral s -> throw new UnsupportedFeatureException(query, s.position(), "string expression");
      case VectorSelector vs -> new VectorStep(instantSelector(vs, t));
      case MatrixSelector ms -> throw new EvaluationException("range vector cannot be evaluated at this position");
      case UnaryExpr u -> unary(u, t);
      case BinaryExpr b -> binary(b, t);
      case AggregateExpr a -> new VectorStep(aggregate(a, t));
      case Call c -> new VectorStep(call(c, t));
    };
  }

  private List<Smp> instantSelector(VectorSelector vs, long t) {
    var out = new ArrayList<Smp>();
    long lookback = options.lookbackDeltaMillis();
    for (SeriesSamples s : series(vs, 0)) {
      int i = floor(s.timestamps(), t);
      if (i < 0 || s.timestamps()[i] <= t - lookback) {
        continue;
      }
      double v = s.values()[i];
      if (StaleNaN.is(v)) {
        continue;
      }
      out.add(new Smp(s.labels(), v, false));
    }
    addSamples(out.size());
    return out;
  }

  private StepValue unary(UnaryExpr u, long t) {
    StepValue v = eval(u.operand(), t);
    if (!u.negate()) {
      return v;
    }
    if (v instanceof ScalarStep s) {
      return new ScalarStep(-s.value());
    }
    var out = new ArrayList<Smp>();
    for (Smp s : ((VectorStep) v).samples()) {
      out.add(new Smp(s.labels(), -s.value(), true));
    }
    return new VectorStep(out);
  }

  // ---- binary operators

  private StepValue binary(BinaryExpr b, long t) {
    StepValue l = eval(b.lhs(), t);
    StepValue r = eval(b.rhs(), t);
    BinaryOp op = b.op();
    if (l instanceof ScalarStep ls && r instanceof ScalarStep rs) {
      return new ScalarStep(arithmetic(op, ls.value(), rs.value()));
    }
    if (l instanceof VectorStep lv && r instanceof ScalarStep rs) {
      return new VectorStep(vectorScalar(op, lv.samples(), rs.value(), false));
    }
    if (l instanceof ScalarStep ls && r instanceof VectorStep rv) {
      return new VectorStep(vectorScalar(op, rv.samples(), ls.value(), true));
    }
    List<Smp> lhs = ((VectorStep) l).samples();
    List<Smp> rhs = ((VectorStep) r).samples();
    return new VectorStep(switch (op) {
      case AND -> and(lhs, rhs);
      case OR -> or(lhs, rhs);
      case UNLESS -> unless(lhs, rhs);
      default -> vectorVector(op, lhs, rhs);
    });
  }

  static double arithmetic(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> Math.pow(a, b);
      case MOD -> goMod(a, b);
      case EQL -> a == b ? 1 : 0;
      case NEQ -> a != b ? 1 : 0;
      case GTR -> a > b ? 1 : 0;
      case LSS -> a < b ? 1 : 0;
      case GTE -> a >= b ? 1 : 0;
      case LTE -> a <= b ? 1 : 0;
      default -> throw new EvaluationException("operator \"" + op.symbol() + "\" not allowed for scalar operations");
    };
  }

  /** Go's {@code math.Mod}: result has the sign of {@code a}; same as Java's {@code %} on doubles. */
  private static double goMod(double a, double b) {
    return a % b;
  }

  private static boolean compare(BinaryOp op, double a, double b) {
    return switch (op) {
      case EQL -> a == b;
      case NEQ -> a != b;
      case GTR -> a > b;
      case LSS -> a < b;
      case GTE -> a >= b;
      case LTE -> a <= b;
      default -> throw new IllegalStateException(op.toString());
    };
  }

  private List<Smp> vectorScalar(BinaryOp op, List<Smp> vector, double scalar, boolean scalarOnLeft) {
    var out = new ArrayList<Smp>();
    for (Smp s : vector) {
      double a = scalarOnLeft ? scalar : s.value();
      double b = scalarOnLeft ? s.value() : scalar;
      if (op.isComparison()) {
        if (compare(op, a, b)) {
          out.add(s);
        }
      } else {
        out.add(new Smp(s.labels(), arithmetic(op, a, b), true));
      }
    }
    return out;
  }

  private static Labels signature(Labels l) {
    return l.without(NAME);
  }

  private List<Smp> vectorVector(BinaryOp op, List<Smp> lhs, List<Smp> rhs) {
    if (lhs.isEmpty() || rhs.isEmpty()) {
      return List.of();
    }
    var right = new HashMap<Labels, Smp>();
    for (Smp rs : rhs) {
      Labels sig = signature(rs.labels());
      Smp dup = right.put(sig, rs);
      if (dup != null) {
        Labels first = rs.labels();
        Labels second = dup.labels();
        if (LabelsOrder.compare(first, second) > 0) {
          Labels tmp = first;
          first = second;
          second = tmp;
        }
        throw new EvaluationException("found duplicate series for the match group " + LabelsOrder.format(sig)
            + " on the right hand-side of the operation: [" + LabelsOrder.format(first) + ", " + LabelsOrder.format(second)
            + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    var matched = new HashSet<Labels>();
    var out = new ArrayList<Smp>();
    for (Smp ls : lhs) {
      Labels sig = signature(ls.labels());
      Smp rs = right.get(sig);
      if (rs == null) {
        continue;
      }
      if (!matched.add(sig)) {
        throw new EvaluationException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
      }
      if (op.isComparison()) {
        if (compare(op, ls.value(), rs.value())) {
          // Prometheus builds a fresh sample here: the left labels, name included, and no drop mark.
          out.add(new Smp(ls.labels(), ls.value(), false));
        }
      } else {
        out.add(new Smp(ls.labels().without(NAME), arithmetic(op, ls.value(), rs.value()), false));
      }
    }
    return out;
  }

  private static Set<Labels> signatures(List<Smp> v) {
    var set = new HashSet<Labels>();
    for (Smp s : v) {
      set.add(signature(s.labels()));
    }
    return set;
  }

  private static List<Smp> and(List<Smp> lhs, List<Smp> rhs) {
    if (lhs.isEmpty() || rhs.isEmpty()) {
      return List.of();
    }
    Set<Labels> right = signatures(rhs);
    var out = new ArrayList<Smp>();
    for (Smp s : lhs) {
      if (right.contains(signature(s.labels()))) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Smp> or(List<Smp> lhs, List<Smp> rhs) {
    if (lhs.isEmpty()) {
      return rhs;
    }
    if (rhs.isEmpty()) {
      return lhs;
    }
    Set<Labels> left = signatures(lhs);
    var out = new ArrayList<>(lhs);
    for (Smp s : rhs) {
      if (!left.contains(signature(s.labels()))) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Smp> unless(List<Smp> lhs, List<Smp> rhs) {
    if (lhs.isEmpty() || rhs.isEmpty()) {
      return lhs;
    }
    Set<Labels> right = signatures(rhs);
    var out = new ArrayList<Smp>();
    for (Smp s : lhs) {
      if (!right.contains(signature(s.labels()))) {
        out.add(s);
      }
    }
    return out;
  }

  // ---- aggregation

  private static final class Group {
    final Labels labels;
    double value;
    double mean;
    double kahanC;
    double count;
    boolean incrementalMean;
    boolean dropName;

    Group(Labels labels) {
      this.labels = labels;
    }
  }

  private List<Smp> aggregate(AggregateExpr a, long t) {
    List<Smp> input = ((VectorStep) eval(a.operand(), t)).samples();
    var groups = new LinkedHashMap<Labels, Group>();
    var grouping = a.grouping();
    for (Smp s : input) {
      Labels key = groupLabels(s.labels(), grouping, a.without());
      double f = s.value();
      Group g = groups.get(key);
      if (g == null) {
        g = new Group(key);
        g.value = f;
        g.mean = f;
        g.count = 1;
        g.dropName = s.dropName();
        groups.put(key, g);
        continue;
      }
      if (s.dropName()) {
        g.dropName = true;
      }
      switch (a.op()) {
        case SUM -> {
          double[] sc = {g.value, g.kahanC};
          MathFunctions.kahanInc(f, sc);
          g.value = sc[0];
          g.kahanC = sc[1];
        }
        case AVG -> {
          g.count++;
          boolean done = false;
          if (!g.incrementalMean) {
            double[] sc = {g.value, g.kahanC};
            MathFunctions.kahanInc(f, sc);
            if (!Double.isInfinite(sc[0])) {
              g.value = sc[0];
              g.kahanC = sc[1];
              done = true;
            } else {
              g.incrementalMean = true;
              g.mean = g.value / (g.count - 1);
              g.kahanC /= g.count - 1;
            }
          }
          if (!done) {
            double q = (g.count - 1) / g.count;
            double[] mc = {q * g.mean, q * g.kahanC};
            MathFunctions.kahanInc(f / g.count, mc);
            g.mean = mc[0];
            g.kahanC = mc[1];
          }
        }
        case MAX -> {
          if (g.value < f || Double.isNaN(g.value)) {
            g.value = f;
          }
        }
        case MIN -> {
          if (g.value > f || Double.isNaN(g.value)) {
            g.value = f;
          }
        }
        case COUNT -> g.count++;
      }
    }
    var out = new ArrayList<Smp>(groups.size());
    for (Group g : groups.values()) {
      double v = switch (a.op()) {
        case SUM -> g.value + g.kahanC;
        case AVG -> g.incrementalMean ? g.mean + g.kahanC : g.value / g.count + g.kahanC / g.count;
        case COUNT -> g.count;
        case MIN, MAX -> g.value;
      };
      out.add(new Smp(g.labels, v, g.dropName));
    }
    return out;
  }

  private static Labels groupLabels(Labels l, List<String> grouping, boolean without) {
    if (without) {
      Labels out = l.without(NAME);
      for (String name : grouping) {
        out = out.without(name);
      }
      return out;
    }
    if (grouping.isEmpty()) {
      return Labels.EMPTY;
    }
    var names = new ArrayList<String>();
    var values = new ArrayList<String>();
    for (String name : grouping) {
      String v = l.get(name);
      if (v != null && !names.contains(name)) {
        names.add(name);
        values.add(v);
      }
    }
    return Labels.sorted(names.toArray(new String[0]), values.toArray(new String[0]));
  }

  // ---- functions

  private List<Smp> call(Call c, long t) {
    PromFunction f = c.function();
    if (f == PromFunction.HISTOGRAM_QUANTILE) {
      return histogramQuantile(c, t);
    }
    if (f == PromFunction.CLAMP || f == PromFunction.CLAMP_MIN || f == PromFunction.CLAMP_MAX) {
      return clamp(c, t);
    }
    double q = Double.NaN;
    int matrixArg = 0;
    if (f == PromFunction.QUANTILE_OVER_TIME) {
      q = ((ScalarStep) eval(c.args().get(0), t)).value();
      matrixArg = 1;
    }
    MatrixSelector ms = (MatrixSelector) unwrap(c.args().get(matrixArg));
    long range = ms.rangeMillis();
    var out = new ArrayList<Smp>();
    double[][] values = new double[1][];
    for (SeriesSamples s : series(ms.selector(), range)) {
      long[] ts = window(s, t, range, values);
      double[] v = values[0];
      if (ts.length == 0) {
        continue;
      }
      if (f == PromFunction.QUANTILE_OVER_TIME && (Double.isNaN(q) || q < 0 || q > 1)) {
        annotate(Annotation.Severity.WARNING, "PromQL warning: quantile value should be between 0 and 1, got " + GoFormat.g(q),
            c.args().get(0).position());
      }
      Double r = switch (f) {
        case RATE -> MathFunctions.extrapolatedRate(ts, v, t - range, t, range, true, true);
        case INCREASE -> MathFunctions.extrapolatedRate(ts, v, t - range, t, range, true, false);
        case DELTA -> MathFunctions.extrapolatedRate(ts, v, t - range, t, range, false, false);
        case IRATE -> MathFunctions.irate(ts, v);
        case AVG_OVER_TIME -> MathFunctions.avg(v);
        case SUM_OVER_TIME -> MathFunctions.sum(v);
        case MIN_OVER_TIME -> MathFunctions.min(v);
        case MAX_OVER_TIME -> MathFunctions.max(v);
        case COUNT_OVER_TIME -> (double) v.length;
        case LAST_OVER_TIME -> v[v.length - 1];
        case PRESENT_OVER_TIME -> 1.0;
        case STDDEV_OVER_TIME -> Math.sqrt(MathFunctions.variance(v));
        case STDVAR_OVER_TIME -> MathFunctions.variance(v);
        case QUANTILE_OVER_TIME -> MathFunctions.quantile(q, v.clone());
        case HISTOGRAM_QUANTILE, CLAMP, CLAMP_MIN, CLAMP_MAX -> throw new IllegalStateException();
      };
      if (r == null) {
        continue;
      }
      if ((f == PromFunction.RATE || f == PromFunction.INCREASE)) {
        possibleNonCounter(s.labels(), ms);
      }
      out.add(new Smp(s.labels(), r, f != PromFunction.LAST_OVER_TIME));
    }
    return out;
  }

  /**
   * {@code clamp(v, min, max)}, {@code clamp_min(v, min)}, {@code clamp_max(v, max)}: each value limited to the bounds
   * (NaN stays NaN, as Go's math.Max and math.Min keep it), the metric name dropped; {@code clamp} with max below min
   * is an empty vector, as in Prometheus.
   */
  private List<Smp> clamp(Call c, long t) {
    List<Smp> in = ((VectorStep) eval(c.args().get(0), t)).samples();
    double min = Double.NEGATIVE_INFINITY;
    double max = Double.POSITIVE_INFINITY;
    switch (c.function()) {
      case CLAMP -> {
        min = ((ScalarStep) eval(c.args().get(1), t)).value();
        max = ((ScalarStep) eval(c.args().get(2), t)).value();
        if (max < min) {
          return List.of();
        }
      }
      case CLAMP_MIN -> min = ((ScalarStep) eval(c.args().get(1), t)).value();
      default -> max = ((ScalarStep) eval(c.args().get(1), t)).value();
    }
    var out = new ArrayList<Smp>(in.size());
    for (Smp s : in) {
      out.add(new Smp(s.labels(), Math.max(min, Math.min(max, s.value())), true));
    }
    return out;
  }

  private void possibleNonCounter(Labels labels, MatrixSelector ms) {
    String name = labels.get(NAME);
    if (name == null || name.isEmpty()) {
      return;
    }
    if (name.endsWith("_total") || name.endsWith("_sum") || name.endsWith("_count") || name.endsWith("_bucket")) {
      return;
    }
    annotate(Annotation.Severity.INFO,
        "PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: " + GoFormat.quote(name),
        ms.position());
  }

  private List<Smp> histogramQuantile(Call c, long t) {
    double q = ((ScalarStep) eval(c.args().get(0), t)).value();
    List<Smp> in = ((VectorStep) eval(c.args().get(1), t)).samples();
    if (Double.isNaN(q) || q < 0 || q > 1) {
      annotate(Annotation.Severity.WARNING, "PromQL warning: quantile value should be between 0 and 1, got " + GoFormat.g(q),
          c.args().get(0).position());
    }
    var groups = new LinkedHashMap<Labels, List<MathFunctions.Bucket>>();
    var outLabels = new HashMap<Labels, Labels>();
    for (Smp s : in) {
      String le = s.labels().get("le");
      double upper;
      try {
        if (le == null) {
          throw new NumberFormatException("missing");
        }
        upper = parseGoFloat(le);
      } catch (NumberFormatException e) {
        String name = s.labels().get(NAME);
        annotate(Annotation.Severity.WARNING, "PromQL warning: bucket label \"le\" is missing or has a malformed value of "
            + GoFormat.quote(le == null ? "" : le) + (name == null || name.isEmpty() ? "" : " for metric name " + GoFormat.quote(name)),
            c.args().get(1).position());
        continue;
      }
      Labels key = s.labels().without("le");
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new MathFunctions.Bucket(upper, s.value()));
      outLabels.computeIfAbsent(key, k -> k.without(NAME));
    }
    var out = new ArrayList<Smp>();
    for (var e : groups.entrySet()) {
      MathFunctions.BucketQuantile r = MathFunctions.bucketQuantile(q, e.getValue());
      if (r.forcedMonotonic()) {
        String name = e.getKey().get(NAME);
        annotate(Annotation.Severity.INFO, "PromQL info: input to histogram_quantile needed to be fixed for monotonicity "
            + "(see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)"
            + (name == null || name.isEmpty() ? "" : " for metric name " + GoFormat.quote(name)),
            c.args().get(1).position());
      }
      out.add(new Smp(outLabels.get(e.getKey()), r.value(), true));
    }
    return out;
  }

  /** Go's {@code strconv.ParseFloat} for {@code le} values, including hexadecimal floats. */
  private static double parseGoFloat(String s) {
    try {
      return GoFloat.parse(s);
    } catch (NumberFormatException e) {
      String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
      if ((t.startsWith("0x") || t.startsWith("0X")) && (t.contains("p") || t.contains("P"))) {
        return Double.parseDouble(s);
      }
      throw e;
    }
  }
}
