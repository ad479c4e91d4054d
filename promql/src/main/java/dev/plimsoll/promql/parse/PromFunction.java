package dev.plimsoll.promql.parse;

import java.util.List;
import java.util.Set;

/** The functions of the subset with their argument and result types. */
public enum PromFunction {
  RATE("rate", ValueType.MATRIX),
  IRATE("irate", ValueType.MATRIX),
  INCREASE("increase", ValueType.MATRIX),
  DELTA("delta", ValueType.MATRIX),
  AVG_OVER_TIME("avg_over_time", ValueType.MATRIX),
  MIN_OVER_TIME("min_over_time", ValueType.MATRIX),
  MAX_OVER_TIME("max_over_time", ValueType.MATRIX),
  SUM_OVER_TIME("sum_over_time", ValueType.MATRIX),
  COUNT_OVER_TIME("count_over_time", ValueType.MATRIX),
  LAST_OVER_TIME("last_over_time", ValueType.MATRIX),
  PRESENT_OVER_TIME("present_over_time", ValueType.MATRIX),
  STDDEV_OVER_TIME("stddev_over_time", ValueType.MATRIX),
  STDVAR_OVER_TIME("stdvar_over_time", ValueType.MATRIX),
  QUANTILE_OVER_TIME("quantile_over_time", ValueType.SCALAR, ValueType.MATRIX),
  HISTOGRAM_QUANTILE("histogram_quantile", ValueType.SCALAR, ValueType.VECTOR),
  CLAMP("clamp", ValueType.VECTOR, ValueType.SCALAR, ValueType.SCALAR),
  CLAMP_MIN("clamp_min", ValueType.VECTOR, ValueType.SCALAR),
  CLAMP_MAX("clamp_max", ValueType.VECTOR, ValueType.SCALAR);

  private final String promName;
  private final List<ValueType> argTypes;

  PromFunction(String promName, ValueType... argTypes) {
    this.promName = promName;
    this.argTypes = List.of(argTypes);
  }

  public String promName() {
    return promName;
  }

  public List<ValueType> argTypes() {
    return argTypes;
  }

  /** Every function of the subset returns an instant vector. */
  public ValueType returnType() {
    return ValueType.VECTOR;
  }

  /** The function's name, or null when it is not in the subset. */
  public static PromFunction byName(String name) {
    for (PromFunction f : values()) {
      if (f.promName.equals(name)) {
        return f;
      }
    }
    return null;
  }

  /**
   * Functions Prometheus knows but this subset does not evaluate; calling one is an
   * {@link dev.plimsoll.promql.UnsupportedFeatureException}, any other unknown name a parse error.
   */
  public static final Set<String> OTHER_PROMETHEUS_FUNCTIONS = Set.of(
      "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "changes",
      "cos", "cosh", "days_in_month", "day_of_month", "day_of_week",
      "day_of_year", "deg", "deriv", "exp", "first_over_time", "floor", "histogram_avg", "histogram_count",
      "histogram_fraction", "histogram_quantiles", "histogram_sum", "histogram_stddev", "histogram_stdvar",
      "double_exponential_smoothing", "holt_winters", "hour", "idelta", "info", "label_replace", "label_join",
      "ln", "log10", "log2", "mad_over_time", "ts_of_first_over_time", "ts_of_last_over_time",
      "ts_of_max_over_time", "ts_of_min_over_time", "minute", "month", "pi", "predict_linear", "rad", "resets",
      "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc",
      "sqrt", "tan", "tanh", "time", "timestamp", "vector", "year", "start", "end", "range", "step");
}
