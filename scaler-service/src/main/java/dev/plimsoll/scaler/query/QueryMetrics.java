package dev.plimsoll.scaler.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.policy.PolicyDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The values of a policy's query metrics, asked of the collector's query API at each evaluation. A query answers
 * with one number (a scalar, or an instant vector of exactly one series); anything else — no series, several, an
 * error, no answer — is missing data for that metric, which the engine treats as the HPA does (never a scale-down).
 */
@ApplicationScoped
public class QueryMetrics {
  private static final Logger LOG = Logger.getLogger(QueryMetrics.class);

  private final CollectorQueryClient collector;

  public QueryMetrics(@RestClient CollectorQueryClient collector) {
    this.collector = collector;
  }

  /** Each query's value by metric name; missing ones are left out. */
  public Uni<Map<String, Double>> values(WorkloadId workload, Map<String, String> queries) {
    if (queries.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<Uni<Map.Entry<String, Double>>> asks = new ArrayList<>();
    queries.forEach((name, query) -> {
      String text = query.replace(PolicyDocuments.WORKLOAD_PLACEHOLDER, workload.toString());
      asks.add(collector.query(text)
          .map(answer -> Map.entry(name, value(answer, name, workload)))
          .onFailure().recoverWithItem(e -> {
            LOG.debugf("%s: query metric %s failed: %s", workload, name, e.getMessage());
            return Map.entry(name, Double.NaN);
          }));
    });
    return Uni.join().all(asks).andCollectFailures().map(entries -> {
      Map<String, Double> out = new HashMap<>();
      for (Map.Entry<String, Double> e : entries) {
        if (Double.isFinite(e.getValue())) {
          out.put(e.getKey(), e.getValue());
        }
      }
      return out;
    });
  }

  /** The number a Prometheus query answer holds, or NaN. */
  static double value(JsonNode answer, String name, WorkloadId workload) {
    JsonNode data = answer == null ? null : answer.path("data");
    if (data == null || !"success".equals(answer.path("status").asText())) {
      return Double.NaN;
    }
    JsonNode result = data.path("result");
    JsonNode sample;
    switch (data.path("resultType").asText()) {
      case "scalar" -> sample = result;
      case "vector" -> {
        if (result.size() != 1) {
          LOG.debugf("%s: query metric %s gave %d series; it needs exactly one (aggregate it with sum or max)", workload, name, result.size());
          return Double.NaN;
        }
        sample = result.get(0).path("value");
      }
      default -> {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(sample.path(1).asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
