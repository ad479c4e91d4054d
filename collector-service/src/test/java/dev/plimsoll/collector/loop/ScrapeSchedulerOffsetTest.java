package dev.plimsoll.collector.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Offsets spread targets over the interval and never change for a URL. */
class ScrapeSchedulerOffsetTest {

  @Test
  void offsetsAreStableWithinTheIntervalAndSpread() {
    int[] perTenth = new int[10];
    for (int i = 0; i < 1000; i++) {
      String url = "http://10.0." + (i / 250) + "." + (i % 250) + ":8000/metrics";
      long offset = ScrapeScheduler.offset(url, 1000);
      assertTrue(offset >= 0 && offset < 1000, url + " -> " + offset);
      assertEquals(offset, ScrapeScheduler.offset(url, 1000));
      perTenth[(int) (offset / 100)]++;
    }
    for (int n : perTenth) {
      assertTrue(n > 60 && n < 140, "uneven spread: " + java.util.Arrays.toString(perTenth));
    }
  }
}
