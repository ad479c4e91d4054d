package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Traces made or changed in plain Java: time scaling of a real trace, and synthetic traces with Poisson arrivals
 * whose rate can follow a day (diurnal) and jump in bursts. Seeded, so a run is repeatable.
 */
public final class Traces {
  private Traces() {}

  /**
   * The same requests with every arrival multiplied by {@code factor}: below 1 compresses time (more load per second),
   * above 1 stretches it.
   */
  public static Trace timeScaled(Trace trace, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("the time factor must be a positive number, got " + factor);
    }
    List<InferenceRequest> out = new ArrayList<>(trace.size());
    for (InferenceRequest r : trace.requests()) {
      out.add(r.withArrival(r.id(), r.arrival() * factor));
    }
    return new Trace(trace.start(), out);
  }

  /** The requests arriving in {@code [from, to)} seconds, their arrivals shifted to start at 0 (ids kept). */
  public static Trace window(Trace trace, double from, double to) {
    List<InferenceRequest> out = new ArrayList<>();
    for (InferenceRequest r : trace.requests()) {
      if (r.arrival() >= from && r.arrival() < to) {
        out.add(r.withArrival(r.id(), r.arrival() - from));
      }
    }
    return new Trace(trace.start(), out);
  }

  /**
   * A burst: from {@code start} for {@code seconds}, the rate is multiplied by {@code multiplier}.
   */
  public record Burst(double start, double seconds, double multiplier) {
    public Burst {
      if (start < 0 || !(seconds > 0) || !(multiplier > 0)) {
        throw new IllegalArgumentException("a burst needs start >= 0, seconds > 0 and multiplier > 0");
      }
    }
  }

  /**
   * How a synthetic trace arrives and what it asks.
   *
   * @param seconds length of the trace
   * @param ratePerSecond the mean arrival rate
   * @param diurnalAmplitude 0 for a flat rate; up to 1 for a rate that swings between (1 - a) and (1 + a) times the mean
   *     over {@code diurnalPeriodSeconds}, lowest at the start (a day beginning at night)
   * @param diurnalPeriodSeconds the period of the swing (86,400 for a day; shorter to compress a day into a test)
   * @param bursts rate multipliers over windows
   * @param meanPromptTokens mean prompt length (lognormal, sigma 0.8, at least 1)
   * @param meanOutputTokens mean output length (lognormal, sigma 0.8, at least 1)
   * @param seed the random seed
   */
  public record Synthetic(double seconds, double ratePerSecond, double diurnalAmplitude, double diurnalPeriodSeconds, List<Burst> bursts,
      int meanPromptTokens, int meanOutputTokens, long seed) {
    public Synthetic {
      if (!(seconds > 0) || !(ratePerSecond > 0) || diurnalAmplitude < 0 || diurnalAmplitude > 1 || !(diurnalPeriodSeconds > 0)
          || meanPromptTokens < 1 || meanOutputTokens < 1) {
        throw new IllegalArgumentException("a synthetic trace needs seconds > 0, a rate > 0, an amplitude in [0, 1], a period > 0 and"
            + " mean token counts >= 1");
      }
      bursts = bursts == null ? List.of() : List.copyOf(bursts);
    }

    /** The arrival rate at {@code t} seconds. */
    public double rateAt(double t) {
      double rate = ratePerSecond * (1 - diurnalAmplitude * Math.cos(2 * Math.PI * t / diurnalPeriodSeconds));
      for (Burst b : bursts) {
        if (t >= b.start() && t < b.start() + b.seconds()) {
          rate *= b.multiplier();
        }
      }
      return rate;
    }

    /** An upper bound of {@link #rateAt}: the diurnal peak times every burst (overlapping bursts multiply). */
    private double peakRate() {
      double peak = ratePerSecond * (1 + diurnalAmplitude);
      for (Burst b : bursts) {
        peak *= Math.max(1, b.multiplier());
      }
      return peak;
    }
  }

  /**
   * A synthetic trace: a non-homogeneous Poisson process (thinning: candidates at the peak rate, each kept with
   * probability rate(t) / peak), lognormal token lengths. Repeatable for a seed.
   */
  public static Trace synthetic(Synthetic s) {
    SplittableRandom random = new SplittableRandom(s.seed());
    double peak = s.peakRate();
    List<InferenceRequest> out = new ArrayList<>();
    double t = 0;
    long id = 0;
    while (true) {
      t += -Math.log(1 - random.nextDouble()) / peak;
      if (t >= s.seconds()) {
        break;
      }
      if (random.nextDouble() * peak <= s.rateAt(t)) {
        out.add(new InferenceRequest(id++, t, lognormal(random, s.meanPromptTokens()), lognormal(random, s.meanOutputTokens())));
      }
    }
    return new Trace(null, out);
  }

  /** A lognormal draw with the given mean and sigma 0.8, rounded, at least 1. */
  private static int lognormal(SplittableRandom random, int mean) {
    double sigma = 0.8;
    double mu = Math.log(mean) - sigma * sigma / 2;
    double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(Math.exp(mu + sigma * gaussian))));
  }
}
