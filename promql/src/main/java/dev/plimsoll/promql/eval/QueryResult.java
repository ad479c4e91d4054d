package dev.plimsoll.promql.eval;

import java.util.List;

/** A query's value and the annotations (warnings, infos) produced while computing it. */
public record QueryResult(Value value, List<Annotation> annotations) {
  public QueryResult {
    annotations = List.copyOf(annotations);
  }

  public List<Annotation> warnings() {
    return annotations.stream().filter(a -> a.severity() == Annotation.Severity.WARNING).toList();
  }

  public List<Annotation> infos() {
    return annotations.stream().filter(a -> a.severity() == Annotation.Severity.INFO).toList();
  }
}
