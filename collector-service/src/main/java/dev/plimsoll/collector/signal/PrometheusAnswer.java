package dev.plimsoll.collector.signal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one answer of a Prometheus server's {@code /api/v1/query} as a signal value. Missing data is
 * never zero: an empty vector, a NaN or infinite value, several series, or an error answer give no value
 * and say why. Pure.
 */
public final class PrometheusAnswer {
  private PrometheusAnswer() {}

  public static SignalEvaluator.Result read(int status, JsonNode body) {
    if (body == null || !body.isObject()) {
      return new SignalEvaluator.Result(null, "HTTP " + status + " without a Prometheus JSON answer");
    }
    if (!"success".equals(body.path("status").asText())) {
      String error = body.path("error").asText("");
      return new SignalEvaluator.Result(null, "Prometheus answered HTTP " + status + ": " + body.path("errorType").asText("error")
          + (error.isEmpty() ? "" : ": " + error));
    }
    JsonNode data = body.path("data");
    String type = data.path("resultType").asText("");
    JsonNode result = data.path("result");
    return switch (type) {
      case "scalar" -> value(result);
      case "vector" -> {
        if (!result.isArray() || result.isEmpty()) {
          yield new SignalEvaluator.Result(null, "no data");
        }
        if (result.size() > 1) {
          yield new SignalEvaluator.Result(null, result.size() + " series; a workload signal must give one value (wrap it in sum() or avg())");
        }
        yield value(result.get(0).path("value"));
      }
      default -> new SignalEvaluator.Result(null, "a " + (type.isEmpty() ? "missing" : type) + " result is not a value");
    };
  }

  /** {@code [<time>, "<value>"]} */
  private static SignalEvaluator.Result value(JsonNode point) {
    if (!point.isArray() || point.size() != 2 || !point.get(1).isTextual()) {
      return new SignalEvaluator.Result(null, "malformed sample in the answer");
    }
    String text = point.get(1).asText();
    double v;
    try {
      v = switch (text) {
        case "NaN" -> Double.NaN;
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(text);
      };
    } catch (NumberFormatException e) {
      return new SignalEvaluator.Result(null, "not a number: " + text);
    }
    return Double.isFinite(v) ? new SignalEvaluator.Result(v, null) : new SignalEvaluator.Result(null, "not a finite number: " + text);
  }
}
