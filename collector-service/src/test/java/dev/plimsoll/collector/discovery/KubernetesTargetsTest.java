package dev.plimsoll.collector.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.kubernetes.PodDiscoverySnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pods discovered on Kubernetes become the collector's scrape targets, one bad pod not spoiling the round. */
class KubernetesTargetsTest {

  @Test
  void aPodWhoseAnnotationsTheCollectorRefusesIsSkippedNotTheRound() {
    WorkloadId vllm = WorkloadId.parse("kubernetes/llm/Deployment/vllm");
    var good = new dev.plimsoll.kubernetes.ScrapeTarget("http://10.0.0.1:8000/metrics", vllm, "vllm-a", Map.of("namespace", "llm"), null, null);
    // plimsoll.dev/scrape-interval: 50ms, below the collector's 100 ms floor (its ScrapeTarget throws)
    var tooFast = new dev.plimsoll.kubernetes.ScrapeTarget("http://10.0.0.2:8000/metrics", vllm, "vllm-b", Map.of("namespace", "llm"),
        Duration.ofMillis(50), null);
    DiscoveredTargets targets = KubernetesDiscovery.toTargets(new PodDiscoverySnapshot(List.of(good, tooFast), Map.of(vllm, 2), List.of(),
        List.of()));
    assertEquals(List.of("http://10.0.0.1:8000/metrics"), targets.targets().stream().map(ScrapeTarget::url).toList());
    assertEquals(java.util.Set.of(vllm.toString()), java.util.Set.copyOf(targets.workloads()));
  }
}
