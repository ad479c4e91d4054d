package dev.plimsoll.fleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time scaling, windows and synthetic traces (Poisson, diurnal, bursts), repeatable for a seed. */
class TracesTest {

  private static final Trace THREE = new Trace(null, List.of(new InferenceRequest(0, 0, 10, 1), new InferenceRequest(1, 10, 20, 2),
      new InferenceRequest(2, 30, 30, 3)));

  @ParameterizedTest(name = "x{0}")
  @CsvSource({"0.5, 15", "2, 60", "1, 30"})
  void timeScalingMultipliesEveryArrival(double factor, double span) {
    Trace t = Traces.timeScaled(THREE, factor);
    assertEquals(span, t.spanSeconds(), 1e-12);
    assertEquals(List.of(10, 20, 30), t.requests().stream().map(InferenceRequest::promptTokens).toList());
  }

  @Test
  void aWindowKeepsItsRequestsFromZero() {
    Trace w = Traces.window(THREE, 5, 31);
    assertEquals(List.of(5.0, 25.0), w.requests().stream().map(InferenceRequest::arrival).toList());
    assertThrows(IllegalArgumentException.class, () -> Traces.timeScaled(THREE, 0));
  }

  private static Traces.Synthetic flat(double rate, List<Traces.Burst> bursts) {
    return new Traces.Synthetic(3600, rate, 0, 86_400, bursts, 1000, 200, 42);
  }

  @Test
  void poissonArrivalsHaveTheRateAndTheMeansAndRepeatForASeed() {
    Trace t = Traces.synthetic(flat(5, List.of()));
    // 18,000 expected; a Poisson count's standard deviation is sqrt(18,000) ≈ 134.
    assertTrue(Math.abs(t.size() - 18_000) < 5 * 134, "requests " + t.size());
    double prompt = t.requests().stream().mapToInt(InferenceRequest::promptTokens).average().orElseThrow();
    assertTrue(Math.abs(prompt - 1000) < 40, "mean prompt " + prompt);
    assertEquals(t, Traces.synthetic(flat(5, List.of())));
    for (int i = 1; i < t.size(); i++) {
      assertTrue(t.requests().get(i).arrival() >= t.requests().get(i - 1).arrival());
    }
  }

  @Test
  void aBurstMultipliesTheRateInItsWindow() {
    Trace t = Traces.synthetic(flat(2, List.of(new Traces.Burst(1000, 100, 10))));
    long inBurst = t.requests().stream().filter(r -> r.arrival() >= 1000 && r.arrival() < 1100).count();
    long before = t.requests().stream().filter(r -> r.arrival() >= 800 && r.arrival() < 900).count();
    assertTrue(Math.abs(inBurst - 2000) < 5 * 45, "in burst " + inBurst);  // 20/s for 100 s
    assertTrue(Math.abs(before - 200) < 5 * 15, "before " + before);       // 2/s for 100 s
  }

  @Test
  void aDiurnalRateIsLowAtNightAndHighAtNoon() {
    Traces.Synthetic day = new Traces.Synthetic(86_400, 4, 0.8, 86_400, List.of(), 500, 100, 7);
    assertEquals(0.8, day.rateAt(0), 1e-9);
    assertEquals(7.2, day.rateAt(43_200), 1e-9);
    Trace t = Traces.synthetic(day);
    long night = t.requests().stream().filter(r -> r.arrival() < 3600).count();
    long noon = t.requests().stream().filter(r -> r.arrival() >= 41_400 && r.arrival() < 45_000).count();
    assertTrue(noon > 5 * night, "noon " + noon + " night " + night);
  }
}
