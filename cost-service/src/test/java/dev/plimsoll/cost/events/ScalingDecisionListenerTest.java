package dev.plimsoll.cost.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.plimsoll.cost.ledger.Accrual;
import dev.plimsoll.cost.ledger.Ledger;
import dev.plimsoll.cost.store.LedgerStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A decision the database fails to store is retried with backoff, and rejected (the message failed) only after the last retry. */
class ScalingDecisionListenerTest {

  private static final byte[] DECISION = """
      {"workload":"simulated/demo/Fleet/chat","decidedAt":"2026-01-01T00:00:00Z","replicasAfter":3}""".getBytes(StandardCharsets.UTF_8);

  /** A store whose database is down for the first {@code failures} writes. */
  private static class FlakyStore extends LedgerStore {
    final AtomicInteger attempts = new AtomicInteger();
    final int failures;

    FlakyStore(int failures) {
      super(null);
      this.failures = failures;
    }

    @Override
    public Uni<Accrual> record(String workload, Instant eventAt, int replicasAfter) {
      return Uni.createFrom().item(() -> {
        if (attempts.incrementAndGet() <= failures) {
          throw new IllegalStateException("connection refused (attempt " + attempts.get() + ")");
        }
        return Ledger.accrue(null, eventAt, replicasAfter);
      });
    }
  }

  private static io.vertx.core.Vertx vertx;

  @org.junit.jupiter.api.BeforeAll
  static void start() {
    vertx = io.vertx.core.Vertx.vertx();
  }

  @org.junit.jupiter.api.AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static ScalingDecisionListener listener(LedgerStore store, int retries, Duration firstBackoff) {
    DecisionParser parser = new DecisionParser(new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), Clock.systemUTC(), Duration.ofMinutes(5));
    return new ScalingDecisionListener(parser, store, new CostMetrics(new SimpleMeterRegistry()), retries, firstBackoff);
  }

  /** Consumes the decision on {@code context}, as the messaging connector hands a message over, and waits for the outcome. */
  private static void consume(ScalingDecisionListener listener, io.vertx.core.Context context) throws Exception {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(ignored -> listener.consume(DECISION).subscribe().with(done::complete, done::completeExceptionally));
    try {
      done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @ParameterizedTest(name = "{0} failure(s), {1} retries: stored {2}")
  @CsvSource(textBlock = """
      0, 3, true
      2, 3, true
      3, 3, true
      4, 3, false
      1, 0, false
      """)
  void databaseFailuresAreRetriedBeforeTheDecisionIsRejected(int failures, int retries, boolean stored) throws Exception {
    FlakyStore store = new FlakyStore(failures);
    ScalingDecisionListener listener = listener(store, retries, Duration.ofMillis(1));
    if (stored) {
      consume(listener, vertx.getOrCreateContext());
    } else { // the failure reaches the channel, whose failure strategy rejects the message
      assertThrows(IllegalStateException.class, () -> consume(listener, vertx.getOrCreateContext()));
    }
    assertEquals(Math.min(failures, retries) + 1, store.attempts.get());
  }

  @org.junit.jupiter.api.Test
  void everyRetryRunsOnTheMessagesOwnVertxContext() throws Exception {
    // Hibernate Reactive works only on the message's context: a retry elsewhere (Mutiny's worker pool) fails whatever
    // the database does, so each attempt must run where the first did.
    io.vertx.core.Context context = vertx.getOrCreateContext();
    java.util.List<Boolean> onContext = new java.util.concurrent.CopyOnWriteArrayList<>();
    FlakyStore store = new FlakyStore(2) {
      @Override
      public Uni<Accrual> record(String workload, Instant eventAt, int replicasAfter) {
        onContext.add(io.vertx.core.Vertx.currentContext() == context);
        return super.record(workload, eventAt, replicasAfter);
      }
    };
    consume(listener(store, 3, Duration.ofMillis(5)), context);
    assertEquals(java.util.List.of(true, true, true), onContext, "three attempts, each on the message's context");
  }
}
