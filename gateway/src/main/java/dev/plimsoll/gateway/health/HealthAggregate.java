package dev.plimsoll.gateway.health;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The suite's readiness as the gateway sees it: one entry per service, UP only when every service
 * answered its readiness probe with 200. Pure: the probing happens elsewhere.
 *
 * @param status {@code UP} when every service is up, else {@code DOWN}
 * @param services per service: its status, URL and, when down, why
 * @param down the names of the services that are down, sorted
 */
public record HealthAggregate(String status, Map<String, ServiceHealth> services, List<String> down) {

  /**
   * One service's readiness.
   *
   * @param httpStatus the probe's HTTP status, or null when the probe got no answer
   * @param error why the service counts as down, or null when it is up
   */
  public record ServiceHealth(String status, String url, Integer httpStatus, String error) {
    public static ServiceHealth up(String url) {
      return new ServiceHealth("UP", url, 200, null);
    }

    public static ServiceHealth down(String url, Integer httpStatus, String error) {
      return new ServiceHealth("DOWN", url, httpStatus, error);
    }
  }

  public static HealthAggregate of(Map<String, ServiceHealth> results) {
    var sorted = new TreeMap<>(results);
    List<String> down = sorted.entrySet().stream().filter(e -> !"UP".equals(e.getValue().status())).map(Map.Entry::getKey).toList();
    return new HealthAggregate(down.isEmpty() ? "UP" : "DOWN", sorted, down);
  }

  /** Maps one probe outcome: 200 is UP; any other status or no answer is DOWN with a reason. */
  public static ServiceHealth classify(String url, Integer httpStatus, String failure) {
    if (failure != null) {
      return ServiceHealth.down(url, null, failure);
    }
    if (httpStatus != null && httpStatus == 200) {
      return ServiceHealth.up(url);
    }
    return ServiceHealth.down(url, httpStatus, "readiness probe answered " + httpStatus);
  }

  public boolean up() {
    return down.isEmpty();
  }
}
