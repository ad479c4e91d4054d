package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The parser against the reference Python client (prometheus/client_python 0.16, Debian's
 * python3-prometheus-client): for every exposition file of the corpus, in both formats, the same
 * verdict and, when both accept, the same number of families and samples.
 *
 * <p>The reference's answers are recorded in {@code reference/python-prometheus-client.jsonl} by
 * {@code src/test/python/reference_counts.py}; {@link #theRecordingIsWhatTheReferenceSaysToday} runs
 * the script again wherever the client is installed ({@code deploy/local/test.sh} installs it) and
 * fails if the recording is stale.
 *
 * <p>One documented difference: the Python client's text-format parser is lax (its own docstring says
 * success "does not imply that the parsed text meets the specification"), so for the text format a file
 * it accepts must be accepted by us with its counts, except the files listed in
 * {@link #NOT_TEXT_FORMAT}, which are OpenMetrics bodies that the lax parser misreads, and which we
 * must reject in the text format (they are checked as OpenMetrics like every other file).
 */
class ReferenceClientAgreementTest {
  private static final String RECORDING = "/reference/python-prometheus-client.jsonl";
  private static final String PYTHON = "/usr/bin/python3";

  /** OpenMetrics bodies that the lax Python text parser accepts although they are not text format 0.0.4. */
  private static final Map<String, String> NOT_TEXT_FORMAT = Map.of(
      "prometheus-textparse/omtestdata.txt", "exemplars ('# {...}' after a value) exist only in OpenMetrics",
      "prometheus-textparse/promtool-dump-openmetrics-roundtrip-test.prom", "timestamps in seconds with a fraction are OpenMetrics",
      "prometheus-textparse/promtool-dump-openmetrics-test.prom", "timestamps in seconds with a fraction are OpenMetrics");

  /**
   * Verdicts where the reference is wrong, with the reason; there we must accept the file (with the
   * reference's counts unknowable, the sample count is checked against the file's own lines instead).
   */
  private static final Map<String, String> REFERENCE_BUGS = Map.of(
      "openmetrics prometheus-textparse/promtool-dump-openmetrics-roundtrip-test.prom",
      "client_python 0.16 compares timestamps as 'sec > other.sec or nsec > other.nsec' (samples.py Timestamp.__gt__), so "
          + "1700226034.330 -> 1700226094.329 looks like going backwards; the timestamps do increase");

  private static final Pattern FILE = Pattern.compile("\"file\": \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern FORMAT = Pattern.compile("\"format\": \"(text|openmetrics)\"");
  private static final Pattern OK = Pattern.compile("\"ok\": (true|false)");
  private static final Pattern FAMILIES = Pattern.compile("\"families\": (\\d+)");
  private static final Pattern SAMPLES = Pattern.compile("\"samples\": (\\d+)");

  record Verdict(String file, ExpositionFormat format, boolean ok, int families, int samples) {}

  @TestFactory
  Stream<DynamicTest> agreesWithTheReferenceOnEveryFileInBothFormats() throws IOException {
    return recorded().stream().map(ref -> DynamicTest.dynamicTest(ref.format() + " " + ref.file(), () -> {
      Verdict ours = ours(ref.file(), ref.format());
      boolean exporterOutput = !ref.file().startsWith("openmetrics/");
      if (ref.format() == ExpositionFormat.PROMETHEUS_TEXT && !exporterOutput) {
        return; // OpenMetrics parser cases are only meaningful as OpenMetrics
      }
      if (ref.format() == ExpositionFormat.PROMETHEUS_TEXT && NOT_TEXT_FORMAT.containsKey(ref.file())) {
        assertFalse(ours.ok(), "must be rejected as text format: " + NOT_TEXT_FORMAT.get(ref.file()));
        return;
      }
      String bug = REFERENCE_BUGS.get((ref.format() == ExpositionFormat.OPENMETRICS ? "openmetrics " : "text ") + ref.file());
      if (bug != null) {
        assertTrue(!ref.ok() && ours.ok(), "accepted here although the reference rejects it: " + bug);
        long sampleLines = new String(Fixtures.read(ref.file()), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).count();
        assertEquals(sampleLines, ours.samples(), "every sample line read");
        return;
      }
      assertEquals(ref.ok(), ours.ok(), "verdict");
      if (ref.ok()) {
        assertEquals(ref.families(), ours.families(), "families");
        assertEquals(ref.samples(), ours.samples(), "samples");
      }
    }));
  }

  @Test
  void theRecordingCoversTheWholeCorpusAndEveryExporterOutputParses() throws IOException {
    List<Verdict> recorded = recorded();
    List<String> files = Fixtures.expositionFiles();
    assertEquals(files.size() * 2, recorded.size(), "one line per file and format");
    int parsed = 0;
    for (String file : Fixtures.exporterOutputs()) {
      if (ours(file, ExpositionFormat.PROMETHEUS_TEXT).ok() || ours(file, ExpositionFormat.OPENMETRICS).ok()) {
        parsed++;
      }
    }
    // node_exporter's two deliberately invalid inputs, and an OpenMetrics body with _sum next to
    // negative buckets (which OpenMetrics 1.0 forbids, as the reference agrees), parse in no format.
    assertEquals(Fixtures.exporterOutputs().size() - 3, parsed, "exporter outputs that parse in some format");
  }

  @Test
  void theRecordingIsWhatTheReferenceSaysToday() throws Exception {
    Assumptions.assumeTrue(referenceInstalled(), "python3-prometheus-client is not installed (deploy/local/test.sh installs it)");
    List<String> command = new ArrayList<>(List.of(PYTHON, script().toString()));
    command.addAll(Fixtures.expositionFiles());
    Process p = new ProcessBuilder(command).directory(Fixtures.root().toFile()).redirectErrorStream(false).start();
    String live;
    try (InputStream out = p.getInputStream()) {
      live = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "reference script finished");
    assertEquals(0, p.exitValue(), "reference script exit status");
    String recording;
    try (InputStream in = ReferenceClientAgreementTest.class.getResourceAsStream(RECORDING)) {
      recording = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(recording, live, "the recording is stale: regenerate it with the command in reference_counts.py");
  }

  private static Verdict ours(String file, ExpositionFormat format) {
    byte[] body = Fixtures.read(file);
    try {
      Exposition e = ExpositionParser.of(format, ParseLimits.NONE).parse(body);
      return new Verdict(file, format, true, e.families().size(), e.samples().size());
    } catch (ExpositionParseException e) {
      return new Verdict(file, format, false, 0, 0);
    }
  }

  private static List<Verdict> recorded() throws IOException {
    List<Verdict> out = new ArrayList<>();
    try (InputStream in = ReferenceClientAgreementTest.class.getResourceAsStream(RECORDING)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String file = group(FILE, line);
        if (file.startsWith("./")) {
          file = file.substring(2);
        }
        boolean ok = Boolean.parseBoolean(group(OK, line));
        ExpositionFormat format = group(FORMAT, line).equals("text") ? ExpositionFormat.PROMETHEUS_TEXT : ExpositionFormat.OPENMETRICS;
        out.add(new Verdict(file, format, ok, ok ? Integer.parseInt(group(FAMILIES, line)) : 0, ok ? Integer.parseInt(group(SAMPLES, line)) : 0));
      }
    }
    return out;
  }

  private static String group(Pattern p, String line) {
    Matcher m = p.matcher(line);
    if (!m.find()) {
      throw new IllegalStateException("recording line without " + p + ": " + line);
    }
    return m.group(1);
  }

  private static Path script() {
    return Path.of("src/test/python/reference_counts.py").toAbsolutePath();
  }

  private static boolean referenceInstalled() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import prometheus_client").start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
