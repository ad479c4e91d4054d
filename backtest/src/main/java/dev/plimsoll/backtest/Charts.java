package dev.plimsoll.backtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The replica count of every run over time as a PNG line chart (JFreeChart; needs a headless AWT, nothing else). */
public final class Charts {
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, width, height);
    return out.toByteArray();
  }
}
