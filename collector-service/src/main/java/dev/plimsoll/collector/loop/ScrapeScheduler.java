package dev.plimsoll.collector.loop;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.scrape.ScrapeOutcome;
import dev.plimsoll.collector.scrape.Scraper;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One timer per target: each target is scraped at its own interval, starting at a fixed offset within
 * the interval derived from its URL (so a thousand targets spread over the interval instead of firing
 * together, and the offset stays the same across restarts, like Prometheus' scrape offsets). A scrape
 * still running when its timer fires is not started twice; the firing is skipped and counted. No
 * thread is held per target: scrapes are non-blocking and parsing runs on the worker pool.
 */
@ApplicationScoped
public class ScrapeScheduler {
  private static final Logger LOG = Logger.getLogger(ScrapeScheduler.class);

  private final Vertx vertx;
  private final Scraper scraper;
  private final Duration defaultInterval;
  private final Duration defaultTimeout;
  private final boolean spread;
  private final Map<String, Scheduled> scheduled = new HashMap<>();
  private volatile Consumer<ScrapeOutcome> onOutcome = o -> { };
  private volatile java.util.function.LongConsumer onLateMillis = l -> { };
  private volatile boolean stopped;
  private long skipped;

  public ScrapeScheduler(Vertx vertx, Scraper scraper, CollectorConfig config) {
    this.vertx = vertx;
    this.scraper = scraper;
    this.defaultInterval = config.scrapeInterval();
    this.defaultTimeout = config.scrapeTimeout();
    this.spread = config.scrapeSpread();
  }

  /** Where outcomes go. */
  public void onOutcome(Consumer<ScrapeOutcome> consumer) {
    this.onOutcome = consumer;
  }

  /** Told how many milliseconds late each scrape started (timer and event-loop delay). */
  public void onLate(java.util.function.LongConsumer consumer) {
    this.onLateMillis = consumer;
  }

  /** Schedules the given targets: new ones start, removed ones stop, changed ones restart. */
  public synchronized void sync(List<ScrapeTarget> targets) {
    if (stopped) {
      return;
    }
    Map<String, ScrapeTarget> wanted = new HashMap<>();
    for (ScrapeTarget t : targets) {
      wanted.put(t.url(), t);
    }
    scheduled.entrySet().removeIf(e -> {
      ScrapeTarget now = wanted.get(e.getKey());
      if (now == null || !now.equals(e.getValue().target)) {
        e.getValue().cancel();
        return true;
      }
      return false;
    });
    for (ScrapeTarget t : targets) {
      scheduled.computeIfAbsent(t.url(), url -> start(t));
    }
  }

  /** Stops every timer. */
  public synchronized void stop() {
    stopped = true;
    scheduled.values().forEach(Scheduled::cancel);
    scheduled.clear();
  }

  /** Firings skipped because the previous scrape of that target was still running. */
  public synchronized double skipped() {
    return skipped;
  }

  /** The number of targets with a timer. */
  public synchronized int size() {
    return scheduled.size();
  }

  private Scheduled start(ScrapeTarget target) {
    Duration interval = target.intervalOr(defaultInterval);
    Duration timeout = target.timeoutOr(defaultTimeout, defaultInterval);
    Scheduled s = new Scheduled(target, timeout, interval.toMillis());
    long offset = spread ? offset(target.url(), interval.toMillis()) : 0;
    s.due = System.currentTimeMillis() + Math.max(1, offset);
    s.timer = vertx.setTimer(Math.max(1, offset), id -> {
      synchronized (this) {
        if (s.cancelled) {
          return;
        }
        s.timer = vertx.setPeriodic(interval.toMillis(), tick -> s.fire());
      }
      s.fire();
    });
    return s;
  }

  /** A fixed offset within the interval from the URL (FNV-1a), so targets spread out and keep their phase. */
  static long offset(String url, long intervalMillis) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < url.length(); i++) {
      h ^= url.charAt(i);
      h *= 0x100000001b3L;
    }
    return Long.remainderUnsigned(h, Math.max(1, intervalMillis));
  }

  private final class Scheduled {
    final ScrapeTarget target;
    final Duration timeout;
    final long intervalMillis;
    final AtomicBoolean running = new AtomicBoolean();
    volatile long timer = -1;
    volatile boolean cancelled;
    volatile long due;

    Scheduled(ScrapeTarget target, Duration timeout, long intervalMillis) {
      this.target = target;
      this.timeout = timeout;
      this.intervalMillis = intervalMillis;
    }

    void fire() {
      if (cancelled || stopped) {
        return;
      }
      long now = System.currentTimeMillis();
      long late = now - due;
      // The next due time; a firing more than an interval late (a skipped one) resynchronises.
      due = late > intervalMillis ? now + intervalMillis : due + intervalMillis;
      onLateMillis.accept(Math.max(0, late));
      if (!running.compareAndSet(false, true)) {
        synchronized (ScrapeScheduler.this) {
          skipped++;
        }
        LOG.debugf("scrape of %s still running; skipping this firing", target.url());
        return;
      }
      scraper.scrape(target, timeout).subscribe().with(outcome -> {
        running.set(false);
        if (!cancelled && !stopped) {
          onOutcome.accept(outcome);
        }
      }, failure -> {
        running.set(false);
        LOG.error("scrape of " + target.url() + " failed unexpectedly", failure);
      });
    }

    void cancel() {
      cancelled = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }
}
