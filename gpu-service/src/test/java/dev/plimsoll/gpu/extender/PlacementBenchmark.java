package dev.plimsoll.gpu.extender;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.gpu.cluster.GpuLabels;
import dev.plimsoll.gpu.cluster.GpuResource;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Placement and extender filter over N nodes × 8 GPUs (default 5,000): the latency of one {@code POST /api/v1/placements}
 * decision (every node judged, ranked) and of one extender filter call (its JSON body of node names read, every node
 * judged, the answer written), HTTP excluded. Run by {@code deploy/local/bench-placement.sh}; not a unit test.
 */
public final class PlacementBenchmark {
  private PlacementBenchmark() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    SplittableRandom random = new SplittableRandom(5);
    String[] products = {"NVIDIA-H100-80GB-HBM3", "NVIDIA-A100-SXM4-80GB", "NVIDIA-L40S"};
    List<NodeGpus> cluster = new ArrayList<>();
    Map<String, NodeGpus> byName = new HashMap<>();
    for (int i = 0; i < nodes; i++) {
      String product = products[i % products.length];
      GpuLabels labels = GpuLabels.of(Map.of("nvidia.com/gpu.product", product, "nvidia.com/gpu.memory", "81559", "nvidia.com/gpu.count", "8"));
      NodeGpus n = new NodeGpus("node-" + i, labels, Map.of(GpuResource.GPU, 8L), Map.of(GpuResource.GPU, 8L),
          Map.of(GpuResource.GPU, (long) random.nextInt(9)), random.nextInt(50) != 0, true, List.of());
      cluster.add(n);
      byName.put(n.name(), n);
    }
    ObjectMapper json = new ObjectMapper();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < nodes; i++) {
      names.append(i == 0 ? "" : ",").append("\"node-").append(i).append('"');
    }
    String body = "{\"Pod\": {\"spec\": {\"containers\": [{\"resources\": {\"limits\": {\"nvidia.com/gpu\": \"2\"}}}]}}, \"NodeNames\": ["
        + names + "]}";
    Placement.Request request = new Placement.Request(2, GpuResource.Kind.FULL, null, null, 40_000L, List.of("NVIDIA-H100-80GB-HBM3",
        "NVIDIA-A100-SXM4-80GB"), Placement.Strategy.PACK);
    long sink = 0;
    long[] place = new long[rounds];
    long[] filter = new long[rounds];
    for (int warm = 0; warm < 2; warm++) {
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        sink += Placement.place(request, cluster).replicasThatFit();
        long t1 = System.nanoTime();
        // The extender's work: read the names, judge each node, write the answer.
        var tree = json.readTree(body);
        List<ExtenderDecisions.Candidate> candidates = new ArrayList<>(nodes);
        for (var n : tree.path("NodeNames")) {
          candidates.add(new ExtenderDecisions.Candidate(n.asText(), byName.get(n.asText())));
        }
        ExtenderDecisions.Filtered f = ExtenderDecisions.filter(Map.of(GpuResource.GPU, 2L), candidates);
        sink += json.writeValueAsString(new ExtenderMessages.FilterResult(null, f.passed(), f.failed(), f.unresolvable(), "")).length();
        long t2 = System.nanoTime();
        place[r] = t1 - t0;
        filter[r] = t2 - t1;
      }
    }
    System.out.printf("java %s; %d nodes x 8 GPUs, %d rounds after a warm-up round%n", System.getProperty("java.version"), nodes, rounds);
    print("placement (judge and rank every node)", place);
    print("extender filter (read NodeNames JSON, judge every node, write the answer)", filter);
    if (sink == 42) {
      System.out.println();
    }
  }

  private static void print(String what, long[] latencies) {
    long[] s = latencies.clone();
    Arrays.sort(s);
    System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, s[s.length / 2] / 1e6, s[(int) (s.length * 0.99)] / 1e6,
        s[s.length - 1] / 1e6);
  }
}
