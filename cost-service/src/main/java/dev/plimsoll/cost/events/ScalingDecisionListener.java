package dev.plimsoll.cost.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.cost.config.CostConfig;
import dev.plimsoll.cost.events.CostMetrics.Result;
import dev.plimsoll.cost.ledger.Accrual;
import dev.plimsoll.cost.store.LedgerStore;
import dev.plimsoll.events.ScalingDecision;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@link ScalingDecision}s from the {@code scaling-decisions} exchange, one at a time, and
 * accrues each into its workload's ledger. A malformed message is logged and acknowledged; a database
 * failure is retried with backoff ({@code cost.decision-retry}), the later decisions waiting in their queue, and only
 * then logged and the message rejected (not requeued, so it cannot loop).
 */
@ApplicationScoped
public class ScalingDecisionListener {

  /** Channel name, configured in application.properties. */
  public static final String CHANNEL = "decisions";

  private static final Logger LOG = Logger.getLogger(ScalingDecisionListener.class);

  private final DecisionParser parser;
  private final LedgerStore store;
  private final CostMetrics metrics;

  private final int retries;
  private final Duration firstBackoff;

  @Inject
  public ScalingDecisionListener(ObjectMapper mapper, LedgerStore store, CostMetrics metrics, CostConfig config, Clock clock) {
    this(new DecisionParser(mapper, clock, config.maxClockSkew()), store, metrics, config.decisionRetry().retries(),
        config.decisionRetry().firstBackoff());
  }

  ScalingDecisionListener(DecisionParser parser, LedgerStore store, CostMetrics metrics, int retries, Duration firstBackoff) {
    this.parser = parser;
    this.retries = retries;
    this.firstBackoff = firstBackoff;
    this.store = store;
    this.metrics = metrics;
  }

  /**
   * The store's write, retried with backoff while the database fails (a decision rejected is cost lost). Each retry
   * waits on a Vert.x timer and runs on the message's own context: Hibernate Reactive works on that context only, and
   * a retry on Mutiny's worker pool (its {@code withBackOff}) would fail there whatever the database did.
   */
  private Uni<Accrual> recorded(ScalingDecision d) {
    return attempt(d, 0, firstBackoff, Vertx.currentContext());
  }

  private Uni<Accrual> attempt(ScalingDecision d, int attempt, Duration wait, Context context) {
    return store.record(d.workload(), d.decidedAt(), d.replicasAfter()).onFailure().recoverWithUni(e -> {
      if (attempt >= retries) {
        return Uni.createFrom().failure(e);
      }
      LOG.warnf("Could not record the decision for %s at %s, retry %d of %d in %d ms: %s", d.workload(), d.decidedAt(), attempt + 1, retries,
          wait.toMillis(), e.toString());
      Duration next = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
      return after(wait, context).chain(() -> attempt(d, attempt + 1, next, context));
    });
  }

  /** Completes after {@code wait}, on {@code context} (the message's: the connector hands every message over on one). */
  private static Uni<Void> after(Duration wait, Context context) {
    return Uni.createFrom().emitter(e -> context.owner().setTimer(Math.max(1, wait.toMillis()),
        id -> context.runOnContext(ignored -> e.complete(null))));
  }

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** The body arrives as bytes whatever its content type (the channel overrides it to octet-stream). */
  @Incoming(CHANNEL)
  public Uni<Void> consume(byte[] body) {
    DecisionParser.Parsed parsed = parser.parse(body);
    if (parsed.malformed() != null) {
      LOG.warnf("Skipping malformed scaling decision: %s", parsed.malformed());
      metrics.consumed(Result.MALFORMED);
      return Uni.createFrom().voidItem();
    }
    ScalingDecision d = parsed.decision();
    return recorded(d)
        .invoke(accrual -> count(d, accrual))
        .onFailure().invoke(e -> {
          metrics.consumed(Result.FAILED);
          LOG.errorf("Could not record the decision for %s at %s after %d retries, rejecting it: %s", d.workload(), d.decidedAt(), retries,
              e.toString());
        })
        .replaceWithVoid();
  }

  private void count(ScalingDecision d, Accrual accrual) {
    switch (accrual.outcome()) {
      case OPENED -> {
        metrics.workloadAdded();
        metrics.consumed(Result.ACCRUED);
        LOG.infof("Opened the cost ledger of %s at %s with %d replica(s)", d.workload(), d.decidedAt(), d.replicasAfter());
      }
      case ACCRUED -> metrics.consumed(Result.ACCRUED);
      case IGNORED -> {
        metrics.consumed(Result.IGNORED);
        LOG.debugf("Ignored an out-of-order decision for %s at %s (last at %s)", d.workload(), d.decidedAt(),
            accrual.state().lastEventAt());
      }
    }
  }
}
