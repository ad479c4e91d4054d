package dev.plimsoll.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event records must survive a JSON round trip with the mapper settings Quarkus uses. */
class MetricSnapshotJsonTest {
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void snapshotRoundTripKeepsMissingAsNull() throws Exception {
    Instant t = Instant.parse("2026-11-28T02:00:00Z");
    Map<String, MetricSnapshot.Signal> signals = new HashMap<>();
    signals.put(SignalNames.QUEUE_DEPTH, new MetricSnapshot.Signal(12.0, t, false));
    signals.put(SignalNames.TTFT_P95_SECONDS, new MetricSnapshot.Signal(null, t, false));
    var snapshot = new MetricSnapshot(MetricSnapshot.SCHEMA, "simulated/demo/Fleet/chat", t, 2, 2, signals);

    String json = mapper.writeValueAsString(snapshot);
    var back = mapper.readValue(json, MetricSnapshot.class);

    assertEquals(snapshot, back);
    assertEquals(12.0, back.usableValue(SignalNames.QUEUE_DEPTH));
    assertNull(back.usableValue(SignalNames.TTFT_P95_SECONDS));
    assertNull(back.usableValue("absent"));
  }

  @Test
  void decisionRoundTrip() throws Exception {
    var d = new ScalingDecision(ScalingDecision.SCHEMA, 7L, "simulated/demo/Fleet/chat", Instant.parse("2026-11-28T02:00:00Z"),
        1, 3, 3, "DesiredWithinRange", SignalNames.QUEUE_DEPTH, 14.0, 5.0, true, null);
    assertEquals(d, mapper.readValue(mapper.writeValueAsString(d), ScalingDecision.class));
  }
}
