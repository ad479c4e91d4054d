package dev.plimsoll.cost.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.ScalingDecision;
import dev.plimsoll.events.WorkloadId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a message body into a {@link ScalingDecision} the ledger can use, or says why it cannot.
 * Unknown fields are ignored; {@code workload}, {@code decidedAt} and {@code replicasAfter} are required
 * (a missing {@code replicasAfter} must not read as zero replicas), and {@code decidedAt} may not lie further ahead of
 * this service's clock than the configured skew.
 */
public final class DecisionParser {

  private static final List<String> REQUIRED = List.of("workload", "decidedAt", "replicasAfter");
  private static final int MAX_ECHO = 200;

  private final ObjectMapper mapper;
  private final Clock clock;
  private final Duration maxAhead;

  /**
   * @param clock this service's clock
   * @param maxAhead how far ahead of {@code clock} a decision may be dated (clock skew between services): a decision
   *     dated later would accrue its open interval into the future and make the ledger ignore every real decision
   *     until then, so it is malformed
   */
  public DecisionParser(ObjectMapper mapper, Clock clock, Duration maxAhead) {
    this.mapper = mapper;
    this.clock = clock;
    this.maxAhead = maxAhead;
  }

  /** A parsed decision, or the reason the body was malformed (exactly one is non-null). */
  public record Parsed(ScalingDecision decision, String malformed) {
    static Parsed ok(ScalingDecision d) {
      return new Parsed(d, null);
    }

    static Parsed bad(String why) {
      return new Parsed(null, why);
    }
  }

  public Parsed parse(byte[] body) {
    if (body == null || body.length == 0) {
      return Parsed.bad("empty body");
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (IOException e) {
      return Parsed.bad("not JSON: " + echo(body));
    }
    if (tree == null || !tree.isObject()) {
      return Parsed.bad("not a JSON object: " + echo(body));
    }
    for (String field : REQUIRED) {
      if (!tree.hasNonNull(field)) {
        return Parsed.bad("missing " + field);
      }
    }
    if (!tree.get("replicasAfter").canConvertToInt() || !tree.get("replicasAfter").isIntegralNumber()) {
      return Parsed.bad("replicasAfter is not an integer: " + tree.get("replicasAfter"));
    }
    ScalingDecision decision;
    try {
      decision = mapper.treeToValue(tree, ScalingDecision.class);
    } catch (IOException | IllegalArgumentException e) {
      return Parsed.bad("not a ScalingDecision: " + firstLine(e.getMessage()));
    }
    if (decision.replicasAfter() < 0) {
      return Parsed.bad("replicasAfter " + decision.replicasAfter() + " is negative");
    }
    Instant latest = clock.instant().plus(maxAhead);
    if (decision.decidedAt().isAfter(latest)) {
      return Parsed.bad("decidedAt " + decision.decidedAt() + " is more than " + maxAhead + " ahead of this service's clock ("
          + latest.minus(maxAhead) + ")");
    }
    try {
      WorkloadId.parse(decision.workload());
    } catch (IllegalArgumentException e) {
      return Parsed.bad(e.getMessage());
    }
    return Parsed.ok(decision);
  }

  private static String echo(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() <= MAX_ECHO ? line : line.substring(0, MAX_ECHO) + "...";
  }
}
