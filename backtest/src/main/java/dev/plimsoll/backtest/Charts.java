package dev.plimsoll.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The replica count of every run over time, and a sweep's points by cost and attainment, as PNG charts (JFreeChart;
 * needs a headless AWT, nothing else).
 */
public final class Charts {
  /** Colours told apart on white and by most colour-blind readers (Okabe and Ito's palette), one per run in turn. */
  private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
      new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0)};

  private Charts() {}

  public static byte[] replicasPng(String title, List<Backtest.Result> results, int width, int height) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    for (Backtest.Result r : results) {
      XYSeries series = new XYSeries(r.autoscaler());
      for (Backtest.Sample s : r.timeline()) {
        series.add(s.at() / 60.0, s.replicas());
      }
      data.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "minutes", "replicas", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    onWhite(plot);
    XYItemRenderer renderer = plot.getRenderer();
    for (int i = 0; i < results.size(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    return png(chart, width, height);
  }

  /**
   * A sweep's points as a scatter chart: GPU-hours across, the share of minutes meeting the SLO up, the points that
   * met it apart from those that did not, with the bound and the best schedule found with hindsight (where there is
   * one, else NaN) as vertical lines.
   */
  public static byte[] sweepPng(String title, List<Sweep.Point> points, double boundGpuHours, double hindsightGpuHours, int width,
      int height) throws IOException {
    return png(sweepChart(title, points, boundGpuHours, hindsightGpuHours), width, height);
  }

  /** {@link #sweepPng}'s chart: the series "met the SLO", "missed it" and the default targets (with whether they met it). */
  static JFreeChart sweepChart(String title, List<Sweep.Point> points, double boundGpuHours, double hindsightGpuHours) {
    System.setProperty("java.awt.headless", "true");
    XYSeries met = new XYSeries("met the SLO");
    XYSeries missed = new XYSeries("missed it");
    String defaultOutcome = points.stream().filter(p -> p.targets().equals(Baselines.Targets.DEFAULT)).findFirst()
        .map(p -> p.meetsSlo() ? ": met the SLO" : ": missed it").orElse("");
    XYSeries chosen = new XYSeries("the default targets (" + Baselines.Targets.DEFAULT.describe() + ")" + defaultOutcome);
    double low = boundGpuHours;
    double high = Double.isNaN(hindsightGpuHours) ? boundGpuHours : Math.max(boundGpuHours, hindsightGpuHours);
    for (Sweep.Point p : points) {
      XYSeries series = p.targets().equals(Baselines.Targets.DEFAULT) ? chosen : p.meetsSlo() ? met : missed;
      series.add(p.result().gpuHours(), 100 * p.result().minuteAttainment());
      low = Math.min(low, p.result().gpuHours());
      high = Math.max(high, p.result().gpuHours());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(met);
    data.addSeries(missed);
    data.addSeries(chosen);
    JFreeChart chart = ChartFactory.createScatterPlot(title, "GPU-hours", "% of minutes meeting the SLO", data, PlotOrientation.VERTICAL,
        true, false, false);
    XYPlot plot = chart.getXYPlot();
    onWhite(plot);
    plot.getRenderer().setSeriesPaint(0, PALETTE[2]);
    plot.getRenderer().setSeriesPaint(1, PALETTE[1]);
    plot.getRenderer().setSeriesPaint(2, PALETTE[0]);
    plot.getRenderer().setSeriesShape(2, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // the default drawn over the points it shares a place with
    double margin = Math.max(0.05 * (high - low), 0.01 * Math.max(high, 1e-3)); // the bound and hindsight lines in view
    plot.getDomainAxis().setRange(Math.max(0, low - margin), high + margin);
    plot.addDomainMarker(marker(boundGpuHours, "oracle bound"));
    if (!Double.isNaN(hindsightGpuHours)) {
      plot.addDomainMarker(marker(hindsightGpuHours, "best with hindsight"));
    }
    return chart;
  }

  /** White background, light grey grid lines. */
  private static void onWhite(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
  }

  private static ValueMarker marker(double x, String label) {
    ValueMarker m = new ValueMarker(x, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    m.setLabel(label);
    return m;
  }

  private static byte[] png(JFreeChart chart, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, width, height);
    return out.toByteArray();
  }
}
