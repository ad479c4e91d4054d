package dev.plimsoll.backtest;

/**
 * What a scrape of the fleet shows at one time (the signals the collector would compute).
 *
 * @param at simulated seconds
 * @param replicas replicas asked for (spec)
 * @param ready replicas serving
 * @param queueDepth requests waiting: at the router and in the replicas' queues ({@code vllm:num_requests_waiting})
 * @param running requests in the batches ({@code vllm:num_requests_running})
 * @param kvCacheUsage mean KV-cache use of the ready replicas, 0..1
 * @param batchOccupancy running / (ready × max sequences), 0..1: the closest thing to a utilisation an LLM replica has
 */
public record Observation(double at, int replicas, int ready, double queueDepth, double running, double kvCacheUsage, double batchOccupancy) {

  /** A signal by the collector's name: queue_depth, requests_running, kv_cache_usage, batch_occupancy, concurrency. */
  public Double signal(String name) {
    return switch (name) {
      case "queue_depth" -> queueDepth;
      case "requests_running" -> running;
      case "kv_cache_usage" -> kvCacheUsage;
      case "batch_occupancy" -> batchOccupancy;
      case "concurrency" -> queueDepth + running;
      default -> null;
    };
  }
}
