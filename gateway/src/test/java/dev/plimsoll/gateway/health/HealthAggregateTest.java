package dev.plimsoll.gateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.gateway.health.HealthAggregate.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthAggregateTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                       | collector probe | scaler probe | status | down
      all up                       | 200             | 200          | UP     | ''
      one answers 503              | 200             | 503          | DOWN   | scaler
      one unreachable              | refused         | 200          | DOWN   | collector
      both down, names sorted      | refused         | 500          | DOWN   | collector scaler
      """)
  void aggregates(String name, String collector, String scaler, String status, String down) {
    var results = new LinkedHashMap<String, ServiceHealth>();
    results.put("scaler", probe("http://s", scaler));
    results.put("collector", probe("http://c", collector));

    var aggregate = HealthAggregate.of(results);

    assertEquals(status, aggregate.status());
    assertEquals(down.isEmpty() ? List.of() : List.of(down.split(" ")), aggregate.down());
    assertEquals(List.of("collector", "scaler"), List.copyOf(aggregate.services().keySet()));
  }

  private static ServiceHealth probe(String url, String outcome) {
    return outcome.equals("refused")
        ? HealthAggregate.classify(url, null, "connection refused")
        : HealthAggregate.classify(url, Integer.parseInt(outcome), null);
  }
}
