package dev.plimsoll.collector.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardTest {

  /** Values computed independently with Python: int.from_bytes(hashlib.md5(id.encode()).digest()[8:], 'big') % count. */
  @ParameterizedTest
  @CsvSource({
      "kubernetes/llm/Deployment/vllm-llama, 3, 1",
      "swarm/default/Service/rag-api, 3, 2",
      "simulated/demo/Fleet/chat, 2, 0",
      "simulated/demo/Fleet/chat, 1, 0"})
  void assignsLikePrometheusHashmod(String workload, int count, int expected) {
    assertEquals(expected, Shard.of(workload, count));
  }

  @Test
  void everyWorkloadHasExactlyOneOwnerAndTheSplitIsEven() {
    int count = 4;
    Map<Integer, Integer> perShard = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      String id = "kubernetes/ns" + (i % 13) + "/Deployment/app-" + i;
      int owners = 0;
      for (int s = 0; s < count; s++) {
        if (new Shard(s, count).owns(id)) {
          owners++;
          perShard.merge(s, 1, Integer::sum);
        }
      }
      assertEquals(1, owners, id);
    }
    perShard.values().forEach(n -> assertTrue(n > 850 && n < 1150, "uneven split " + perShard));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "3, 1,    collector-2, 1",
      "3, null, collector-2, 2",
      "3, null, collector,   0",
      "3, null, null,        0",
      "1, null, collector-0, 0"})
  void indexFromConfigElseTheStatefulSetOrdinal(int count, Integer index, String hostname, int expected) {
    assertEquals(new Shard(expected, count), Shard.from(count, index, hostname));
  }

  @Test
  void rejectsImpossibleShards() {
    assertThrows(IllegalArgumentException.class, () -> new Shard(3, 3));
    assertThrows(IllegalArgumentException.class, () -> new Shard(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Shard.from(2, null, "collector-5"));
  }
}
