package dev.plimsoll.promql.eval;

/**
 * A warning or info Prometheus would attach to the result, with Prometheus' exact text including the
 * {@code (line:column)} position suffix, e.g. {@code PromQL info: metric might not be a counter, ...}.
 */
public record Annotation(Severity severity, String message) {
  /** Prometheus distinguishes warnings (the result may be wrong) from infos (it may be surprising). */
  public enum Severity { WARNING, INFO }
}
