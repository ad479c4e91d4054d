package dev.plimsoll.cost.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit with an ObjectMapper configured like Quarkus's (java.time, unknown fields ignored). */
class DecisionParserTest {

  /** This service's clock: 2026-01-01T00:05:00Z, decisions may be dated up to 5 minutes ahead of it. */
  private final DecisionParser parser = new DecisionParser(new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"), ZoneOffset.UTC),
      Duration.ofMinutes(5));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # case                         | body                                                                                                  | malformed (substring) or replicas
      full decision                  | `{"schema":1,"id":7,"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:00:00Z","currentReplicas":1,"desiredReplicas":3,"replicasAfter":3,"reason":"DesiredWithinRange","metric":"queue_depth","metricValue":12.0,"target":5.0,"applied":true,"error":null}` | 3
      minimal fields, unknown extra  | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:00:00Z","replicasAfter":0,"future":"x"}` | 0
      not JSON                       | `{not json`                                                                                           | not JSON
      a JSON array                   | `[1,2]`                                                                                               | not a JSON object
      empty body                     | ``                                                                                                    | empty body
      missing replicasAfter          | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:00:00Z"}`                          | missing replicasAfter
      null decidedAt                 | `{"workload":"simulated/demo/Fleet/chat","decidedAt":null,"replicasAfter":1}`                          | missing decidedAt
      missing workload               | `{"decidedAt":"2026-01-01T00:00:00Z","replicasAfter":1}`                                               | missing workload
      bad workload id                | `{"workload":"chat","decidedAt":"2026-01-01T00:00:00Z","replicasAfter":1}`                             | segment
      negative replicas              | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:00:00Z","replicasAfter":-2}`       | negative
      fractional replicas            | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:00:00Z","replicasAfter":1.5}`      | not an integer
      bad timestamp                  | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"yesterday","replicasAfter":1}`                   | not a ScalingDecision
      dated as far ahead as allowed  | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:10:00Z","replicasAfter":2}`        | 2
      dated too far ahead            | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:10:00.001Z","replicasAfter":2}`    | ahead of this service's clock
      dated a century ahead          | `{"workload":"simulated/demo/Fleet/chat","decidedAt":"2126-01-01T00:00:00Z","replicasAfter":3}`        | more than PT5M ahead
      workload with a NUL            | `{"workload":"simulated/demo/Fleet/chat\\u0000","decidedAt":"2026-01-01T00:00:00Z","replicasAfter":1}` | control characters
      """)
  void parse(String name, String body, String expected) {
    DecisionParser.Parsed parsed = parser.parse(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    if (expected.matches("\\d+")) {
      assertNull(parsed.malformed(), parsed::malformed);
      assertNotNull(parsed.decision());
      assertEquals(Integer.parseInt(expected), parsed.decision().replicasAfter());
      assertEquals("simulated/demo/Fleet/chat", parsed.decision().workload());
      assertTrue(body.contains("\"decidedAt\":\"" + parsed.decision().decidedAt() + "\""), body);
    } else {
      assertNull(parsed.decision());
      assertNotNull(parsed.malformed());
      assertTrue(parsed.malformed().contains(expected), () -> "'" + parsed.malformed() + "' should contain '" + expected + "'");
    }
  }
}
