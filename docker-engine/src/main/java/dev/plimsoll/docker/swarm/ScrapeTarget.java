package dev.plimsoll.docker.swarm;

import dev.plimsoll.events.WorkloadId;
import java.net.URI;
import java.util.Map;

/**
 * One replica's metrics endpoint.
 *
 * @param url      scheme, address and path, e.g. {@code http://10.0.1.3:8000/metrics}
 * @param workload the service as a workload, e.g. {@code swarm/llm/Service/vllm}
 * @param replica  {@code <service name>.<slot>} (the task name the Engine shows), or the task id for global services
 * @param labels   {@code __meta_dockerswarm_*} names without the prefix: {@code task_id}, {@code task_slot},
 *                 {@code container_id}, {@code service_id}, {@code service_name}, {@code service_mode},
 *                 {@code node_id}, {@code node_hostname}, {@code node_address}, {@code service_label_<name>},
 *                 {@code node_label_<name>} (names sanitised to {@code [a-zA-Z0-9_]})
 */
public record ScrapeTarget(URI url, WorkloadId workload, String replica, Map<String, String> labels) {
  public ScrapeTarget {
    labels = Map.copyOf(labels);
  }
}
