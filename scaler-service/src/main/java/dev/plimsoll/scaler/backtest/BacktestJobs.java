package dev.plimsoll.scaler.backtest;

import dev.plimsoll.backtest.Autoscaler;
import dev.plimsoll.backtest.Backtest;
import dev.plimsoll.backtest.Charts;
import dev.plimsoll.backtest.Hindsight;
import dev.plimsoll.backtest.Oracle;
import dev.plimsoll.backtest.Reports;
import dev.plimsoll.backtest.Sweep;
import dev.plimsoll.fleet.trace.Trace;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Backtests run one at a time on their own thread (never on the event loop), kept in memory: the newest
 * {@value #KEPT} jobs, their results, timelines and chart.
 */
@ApplicationScoped
public class BacktestJobs {
  private static final Logger LOG = Logger.getLogger(BacktestJobs.class);
  static final int KEPT = 50;

  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("backtest").unstarted(r));
  private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
      return size() > KEPT;
    }
  });
  private final Clock clock;

  public BacktestJobs(Clock clock) {
    this.clock = clock;
  }

  void stop(@Observes ShutdownEvent event) {
    runner.shutdownNow();
  }

  /** One backtest: what it runs and how far it got. */
  public static final class Job {
    final String id;
    final Instant created;
    final String traceSummary;
    final Backtest.Setup setup;
    final int total;
    final AtomicInteger done = new AtomicInteger();
    volatile String state = "queued";
    volatile String error;
    volatile Double oracleGpuHours;
    final List<Backtest.Result> results = Collections.synchronizedList(new ArrayList<>());
    final Extras extras;
    final List<Backtest.Result> hindsightResults = Collections.synchronizedList(new ArrayList<>());
    final List<Sweep.Point> sweepPoints = Collections.synchronizedList(new ArrayList<>());
    volatile String csv;
    volatile String json;
    volatile byte[] png;
    volatile String table;

    Job(String id, Instant created, String traceSummary, Backtest.Setup setup, int autoscalers, Extras extras) {
      this.id = id;
      this.created = created;
      this.traceSummary = traceSummary;
      this.setup = setup;
      this.extras = extras;
      this.total = autoscalers + (extras.hindsight() ? 2 : 0) + (extras.sweep() ? Sweep.grid().size() : 0);
    }
  }

  /**
   * What a backtest runs beside its autoscalers: the schedules found with hindsight, and the sweep of Plimsoll's
   * policy over its load targets (with at most {@code maxReplicas}).
   */
  public record Extras(boolean hindsight, boolean sweep, int maxReplicas) {
    public static final Extras NONE = new Extras(false, false, 1);
  }

  public Job submit(Trace trace, Backtest.Setup setup, List<Autoscaler> autoscalers) {
    return submit(trace, setup, autoscalers, Extras.NONE);
  }

  public Job submit(Trace trace, Backtest.Setup setup, List<Autoscaler> autoscalers, Extras extras) {
    Job job = new Job(UUID.randomUUID().toString(), clock.instant(), trace.size() + " requests over "
        + String.format(java.util.Locale.ROOT, "%.0f", trace.spanSeconds()) + " s", setup, autoscalers.size(), extras);
    jobs.put(job.id, job);
    runner.execute(() -> run(job, trace, setup, autoscalers));
    return job;
  }

  public Job get(String id) {
    return jobs.get(id);
  }

  public List<Job> all() {
    synchronized (jobs) {
      List<Job> out = new ArrayList<>(jobs.values());
      Collections.reverse(out);
      return out;
    }
  }

  private void run(Job job, Trace trace, Backtest.Setup setup, List<Autoscaler> autoscalers) {
    job.state = "running";
    try {
      job.oracleGpuHours = Oracle.bound(trace, setup).gpuHours();
      for (Autoscaler a : autoscalers) {
        job.results.add(Backtest.run(trace, setup, a));
        job.done.incrementAndGet();
      }
      // Kept without their timelines: only the figures are served (a month-long trace's timeline is megabytes, times 90).
      if (job.extras.hindsight()) { // each search's stage counts once it ends, found or not (none is where no count within maxGpus meets the SLO)
        Hindsight.fewestFixedReplicas(trace, setup).map(Backtest.Result::figures).ifPresent(job.hindsightResults::add);
        job.done.incrementAndGet();
        Hindsight.plan(trace, setup, Hindsight.PLAN_SEGMENT_SECONDS).map(Backtest.Result::figures).ifPresent(job.hindsightResults::add);
        job.done.incrementAndGet();
      }
      if (job.extras.sweep()) {
        Sweep.run(trace, setup, job.extras.maxReplicas(), p -> {
          job.sweepPoints.add(new Sweep.Point(p.targets(), p.result().figures()));
          job.done.incrementAndGet();
        });
      }
      List<Backtest.Result> results = List.copyOf(job.results);
      job.csv = Reports.timelineCsv(results);
      job.json = Reports.timelineJson(results);
      job.table = Reports.table(job.oracleGpuHours, List.copyOf(job.hindsightResults), results);
      job.png = Charts.replicasPng("replicas: " + job.traceSummary, results, 960, 540);
      job.state = "done";
      LOG.infof("backtest %s done:%n%s", job.id, job.table);
    } catch (Exception | LinkageError e) {
      job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      job.state = "failed";
      LOG.errorf(e, "backtest %s failed", job.id);
    }
  }
}
