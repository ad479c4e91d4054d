package dev.plimsoll.gpu.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GFD labels, device-plugin resource names, pod requests and placement, on real label sets (see fixtures ATTRIBUTION). */
class ClusterModelTest {

  static Map<String, String> realH100MigSingleLabels() throws Exception {
    try (InputStream in = ClusterModelTest.class.getResourceAsStream("/fixtures/gpu-nodes/gfd-node-labels-h100-mig-single-all-disabled.json")) {
      return new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() {});
    }
  }

  /** The A100 DGX example of the GFD README (deprecated cuda.driver.* labels only). */
  static final Map<String, String> A100_README = Map.of("nvidia.com/cuda.driver.major", "455", "nvidia.com/cuda.driver.minor", "06",
      "nvidia.com/cuda.driver.rev", "", "nvidia.com/cuda.runtime.major", "11", "nvidia.com/cuda.runtime.minor", "1",
      "nvidia.com/gpu.compute.major", "8", "nvidia.com/gpu.compute.minor", "0", "nvidia.com/gpu.count", "1",
      "nvidia.com/gpu.family", "ampere", "nvidia.com/gpu.memory", "39538");

  /** gpu-sharing.rst: time-slicing with renameByDefault=false, 4 T4s × 4 replicas. */
  static final Map<String, String> T4_SHARED = Map.of("nvidia.com/gpu.count", "4", "nvidia.com/gpu.product", "Tesla-T4-SHARED",
      "nvidia.com/gpu.replicas", "4", "nvidia.com/gpu.memory", "15360", "nvidia.com/gpu.sharing-strategy", "time-slicing");

  /** gpu-operator-mig.rst "all-balanced" on an H100 80GB with strategy mixed, with the per-type labels of the GFD README. */
  static final Map<String, String> H100_MIXED = Map.ofEntries(Map.entry("nvidia.com/mig.strategy", "mixed"),
      Map.entry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3"), Map.entry("nvidia.com/gpu.memory", "81559"),
      Map.entry("nvidia.com/mig-1g.10gb.count", "2"), Map.entry("nvidia.com/mig-1g.10gb.memory", "9856"),
      Map.entry("nvidia.com/mig-1g.10gb.multiprocessors", "16"), Map.entry("nvidia.com/mig-1g.10gb.slices.gi", "1"),
      Map.entry("nvidia.com/mig-1g.10gb.slices.ci", "1"), Map.entry("nvidia.com/mig-2g.20gb.count", "1"),
      Map.entry("nvidia.com/mig-3g.40gb.count", "1"), Map.entry("nvidia.com/mig-3g.40gb.memory", "40192"));

  @Test
  void theRealH100LabelsRead() throws Exception {
    GpuLabels l = GpuLabels.of(realH100MigSingleLabels());
    assertEquals("NVIDIA-H100-80GB-HBM3", l.product());
    assertEquals("NVIDIA-H100-80GB-HBM3", l.baseProduct());
    assertNull(l.migProfile()); // mig.config all-disabled: whole GPUs under strategy single
    assertFalse(l.shared());
    assertEquals(81559L, l.memoryMiB());
    assertEquals(1, l.count());
    assertEquals(1, l.replicas());
    assertEquals("hopper", l.family());
    assertEquals("9.0", l.computeCapability());
    assertEquals("550.54.15", l.driverVersion());
    assertEquals("12.4", l.cudaVersion());
    assertEquals("single", l.migStrategy());
    assertEquals("none", l.sharingStrategy());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "A100-SXM4-40GB, A100-SXM4-40GB, -, false",
      "A100-SXM4-40GB-MIG-1g.5gb, A100-SXM4-40GB, 1g.5gb, false",
      "NVIDIA-H100-80GB-HBM3-MIG-3g.40gb, NVIDIA-H100-80GB-HBM3, 3g.40gb, false",
      "Tesla-T4-SHARED, Tesla-T4, -, true",
      "A100-SXM4-40GB-MIG-1g.5gb-SHARED, A100-SXM4-40GB, 1g.5gb, true",
      "Odd-GPU-MIG-lots, Odd-GPU-MIG-lots, -, false"})
  void productSuffixesAreSplitOff(String product, String base, String profile, boolean shared) {
    GpuLabels l = GpuLabels.of(Map.of("nvidia.com/gpu.product", product));
    assertEquals(base, l.baseProduct());
    assertEquals(profile, l.migProfile());
    assertEquals(shared, l.shared());
  }

  @Test
  void deprecatedCudaLabelsAndMixedMigTypesRead() {
    GpuLabels readme = GpuLabels.of(A100_README);
    assertEquals("455.06", readme.driverVersion());
    assertEquals("11.1", readme.cudaVersion());
    assertEquals("8.0", readme.computeCapability());
    GpuLabels mixed = GpuLabels.of(H100_MIXED);
    assertEquals(List.of("1g.10gb", "2g.20gb", "3g.40gb"), List.copyOf(mixed.migTypes().keySet()));
    assertEquals(new GpuLabels.MigType(2, 9856L, 16, 1, 1, null), mixed.migTypes().get("1g.10gb"));
    assertEquals(1, mixed.migTypes().get("2g.20gb").count());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "nvidia.com/gpu, FULL, -", "nvidia.com/gpu.shared, SHARED, -", "nvidia.com/mig-1g.10gb, MIG, 1g.10gb",
      "nvidia.com/mig-7g.80gb, MIG, 7g.80gb"})
  void resourceNames(String name, GpuResource.Kind kind, String profile) {
    GpuResource r = GpuResource.parse(name).orElseThrow();
    assertEquals(kind, r.kind());
    assertEquals(profile, r.migProfile());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"nvidia.com/mig-1g.5gb+me", "nvidia.com/mig-big", "nvidia.com/mig-9g.10gb"})
  void anUnknownMigNameIsReportedNotGuessed(String name) {
    assertTrue(GpuResource.parse(name).isEmpty());
    assertTrue(GpuResource.unknownMigName(name));
    assertFalse(GpuResource.unknownMigName("amd.com/gpu"));
  }

  @Test
  void podRequestsAreTheSchedulersEffectiveRequests() {
    PodGpus.Container vllm = new PodGpus.Container(Map.of("cpu", 4L), Map.of("nvidia.com/gpu", 2L)); // limit only: the request
    PodGpus.Container sidecar = new PodGpus.Container(Map.of("nvidia.com/mig-1g.10gb", 1L), Map.of("nvidia.com/mig-1g.10gb", 1L));
    PodGpus.Container init = new PodGpus.Container(Map.of("nvidia.com/gpu", 3L), Map.of());
    assertEquals(Map.of("nvidia.com/gpu", 3L, "nvidia.com/mig-1g.10gb", 1L),
        PodGpus.effectiveRequests(List.of(vllm, sidecar), List.of(init)));
    assertEquals(Map.of(), PodGpus.effectiveRequests(List.of(new PodGpus.Container(Map.of("cpu", 1L), Map.of())), List.of()));
  }

  @Test
  void boundUnfinishedPodsHoldTheirUnits() {
    List<PodGpus> pods = List.of(
        new PodGpus("llm", "a", "n1", "Running", Map.of("nvidia.com/gpu", 2L), "Deployment/vllm"),
        new PodGpus("llm", "b", "n1", "Pending", Map.of("nvidia.com/gpu", 1L), "Deployment/vllm"), // bound, image pulling
        new PodGpus("llm", "c", "n1", "Succeeded", Map.of("nvidia.com/gpu", 4L), null),
        new PodGpus("llm", "d", null, "Pending", Map.of("nvidia.com/gpu", 8L), null));
    assertEquals(Map.of("n1", Map.of("nvidia.com/gpu", 3L)), PodGpus.allocatedByNode(pods));
    assertTrue(pods.get(3).pending());
  }

  // ---------------------------------------------------------------- placement

  static NodeGpus node(String name, Map<String, String> labels, Map<String, Long> allocatable, Map<String, Long> allocated) {
    return new NodeGpus(name, GpuLabels.of(labels), allocatable, allocatable, allocated, true, true, List.of());
  }

  static List<NodeGpus> cluster() throws Exception {
    Map<String, String> h100 = new HashMap<>(realH100MigSingleLabels());
    h100.put("nvidia.com/gpu.count", "8");
    return List.of(
        node("h100-a", h100, Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 6L)),
        node("h100-b", h100, Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 1L)),
        node("mixed", H100_MIXED, Map.of("nvidia.com/mig-1g.10gb", 2L, "nvidia.com/mig-2g.20gb", 1L, "nvidia.com/mig-3g.40gb", 1L),
            Map.of("nvidia.com/mig-1g.10gb", 1L)),
        node("single", Map.of("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3-MIG-3g.40gb", "nvidia.com/gpu.memory", "40192",
            "nvidia.com/mig.strategy", "single"), Map.of("nvidia.com/gpu", 2L), Map.of()),
        node("t4", T4_SHARED, Map.of("nvidia.com/gpu", 16L), Map.of("nvidia.com/gpu", 15L)),
        new NodeGpus("cordoned", GpuLabels.of(h100), Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 8L), Map.of(), true, false,
            List.of()),
        new NodeGpus("down", GpuLabels.of(h100), Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 8L), Map.of(), false, true, List.of()),
        node("cpu-only", Map.of(), Map.of(), Map.of()));
  }

  @Test
  void twoWholeGpusPackOntoTheFullestNodeThatFits() throws Exception {
    Placement.Result r = Placement.place(new Placement.Request(2, GpuResource.Kind.FULL, null, null, 80_000L, List.of(), Placement.Strategy.PACK),
        cluster());
    assertEquals(List.of("h100-a", "h100-b"), r.feasible().stream().map(Placement.Verdict::node).toList());
    assertEquals(10, r.feasible().get(0).score()); // 2 free of 8, none left after: full
    assertEquals(1 + 3, r.replicasThatFit()); // h100-a: 2 free → 1; h100-b: 7 free → 3
    Map<String, String> reasons = new HashMap<>();
    r.infeasible().forEach(v -> reasons.put(v.node(), v.reason()));
    assertEquals("node is cordoned (unschedulable)", reasons.get("cordoned"));
    assertEquals("node is not Ready", reasons.get("down"));
    assertTrue(reasons.get("single").startsWith("no whole GPU"), reasons.get("single"));
    assertTrue(reasons.get("t4").startsWith("no whole GPU"), reasons.get("t4"));
    assertTrue(reasons.get("mixed").contains("it offers nvidia.com/mig-1g.10gb=2"), reasons.get("mixed"));
    assertEquals("no whole GPU (nvidia.com/gpu without MIG or sharing) on this node (it has no NVIDIA GPU resource)", reasons.get("cpu-only"));
  }

  @Test
  void spreadPrefersTheEmptiestNode() throws Exception {
    Placement.Result r = Placement.place(new Placement.Request(1, GpuResource.Kind.FULL, null, null, null, List.of(), Placement.Strategy.SPREAD),
        cluster());
    assertEquals(List.of("h100-b", "h100-a"), r.feasible().stream().map(Placement.Verdict::node).toList());
  }

  @ParameterizedTest(name = "MIG {0} x{1}: {2}")
  @CsvSource({"1g.10gb, 1, mixed", "3g.40gb, 1, mixed;single", "3g.40gb, 2, single", "2g.20gb, 2, ''", "7g.80gb, 1, ''"})
  void migProfilesMatchMixedAndSingleNodes(String profile, int count, String nodes) throws Exception {
    Placement.Result r = Placement.place(new Placement.Request(count, GpuResource.Kind.MIG, profile, null, null, List.of(), null), cluster());
    assertEquals(nodes.isEmpty() ? List.of() : List.of(nodes.split(";")),
        r.feasible().stream().map(Placement.Verdict::node).sorted().toList());
  }

  @Test
  void sharedSlicesProductsAndMemoryAreChecked() throws Exception {
    Placement.Result shared = Placement.place(new Placement.Request(1, GpuResource.Kind.SHARED, null, null, null, List.of("Tesla-T4"), null),
        cluster());
    assertEquals(List.of("t4"), shared.feasible().stream().map(Placement.Verdict::node).toList());
    assertEquals(1, shared.replicasThatFit());
    Placement.Result a100 = Placement.place(new Placement.Request(1, GpuResource.Kind.FULL, null, null, null, List.of("A100-SXM4-80GB"), null),
        cluster());
    assertTrue(a100.feasible().isEmpty());
    assertTrue(a100.infeasible().stream().filter(v -> v.node().equals("h100-b")).findFirst().orElseThrow().reason()
        .startsWith("product NVIDIA-H100-80GB-HBM3 is not one of A100-SXM4-80GB"));
    Placement.Result big = Placement.place(new Placement.Request(1, GpuResource.Kind.MIG, "3g.40gb", null, 50_000L, List.of(), null), cluster());
    assertEquals("GPU memory 40192 MiB, at least 50000 MiB needed",
        big.infeasible().stream().filter(v -> v.node().equals("mixed")).findFirst().orElseThrow().reason());
  }

  @Test
  void anExactResourceNameIsPlacedAsAPodTemplateAsksAndAnUnknownProfileIsRefused() throws Exception {
    Placement.Result r = Placement.place(new Placement.Request(1, null, null, "nvidia.com/gpu", null, List.of(), null), cluster());
    assertEquals(List.of("h100-a", "h100-b", "single", "t4"), r.feasible().stream().map(Placement.Verdict::node).sorted().toList());
    assertThrows(IllegalArgumentException.class, () -> new Placement.Request(1, GpuResource.Kind.MIG, "1g.5gb+me", null, null, null, null));
  }

  @Test
  void unhealthyGpusAreNotPlaced() throws Exception {
    Map<String, String> h100 = new HashMap<>(realH100MigSingleLabels());
    NodeGpus sick = node("h100-a", h100, Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 6L)).withUnhealthy(List.of("XID 79 on GPU-x"));
    Placement.Verdict v = Placement.judge(new Placement.Request(2, GpuResource.Kind.FULL, null, null, null, List.of(), null), sick);
    assertFalse(v.feasible());
    assertEquals("2 of 8 nvidia.com/gpu free, 1 unhealthy (XID 79 on GPU-x), 2 needed", v.reason());
    assertTrue(Placement.judge(new Placement.Request(1, GpuResource.Kind.FULL, null, null, null, List.of(), null), sick).feasible());
    NodeGpus sickMixed = node("mixed", H100_MIXED, Map.of("nvidia.com/mig-1g.10gb", 2L), Map.of()).withUnhealthy(List.of("row-remap failure on GPU-y"));
    assertEquals("unhealthy GPU on the node: row-remap failure on GPU-y",
        Placement.judge(new Placement.Request(1, GpuResource.Kind.MIG, "1g.10gb", null, null, List.of(), null), sickMixed).reason());
  }

  @Test
  void freeUnitsNoPendingPodFitsAreStranded() {
    List<NodeGpus> nodes = List.of(
        node("a", Map.of(), Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 5L)),   // 3 free
        node("b", Map.of(), Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 6L)),   // 2 free
        node("c", Map.of(), Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 4L)),   // 4 free
        new NodeGpus("off", GpuLabels.NONE, Map.of("nvidia.com/gpu", 8L), Map.of("nvidia.com/gpu", 8L), Map.of(), false, true, List.of()));
    List<PodGpus> pods = List.of(new PodGpus("llm", "big", null, "Pending", Map.of("nvidia.com/gpu", 8L), null),
        new PodGpus("llm", "mid", null, "Pending", Map.of("nvidia.com/gpu", 4L), null),
        new PodGpus("llm", "run", "a", "Running", Map.of("nvidia.com/gpu", 5L), null));
    Fragmentation.Report r = Fragmentation.of(nodes, pods);
    assertEquals(Map.of("nvidia.com/gpu", 9L), r.free());
    assertEquals(List.of(new Fragmentation.Stranded("a", "nvidia.com/gpu", 3, 4), new Fragmentation.Stranded("b", "nvidia.com/gpu", 2, 4)),
        r.stranded());
    assertEquals(5, r.strandedUnits());
    assertEquals(List.of(new Fragmentation.Unplaceable("llm", "big", "nvidia.com/gpu", 8, 4, 9)), r.fragmented());
    assertEquals(0, Fragmentation.of(nodes, List.of()).strandedUnits());
  }
}
