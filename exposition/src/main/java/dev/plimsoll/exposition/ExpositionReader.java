package dev.plimsoll.exposition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an exposition in the text format 0.0.4 or OpenMetrics 1.0 in one pass over its bytes, without
 * regular expressions and without decoding the body to a string first. Stateless and thread-safe; each
 * {@link #read} keeps its state on its own.
 *
 * <p><b>Text format 0.0.4</b> (as Prometheus reads it): lines end with {@code \n}; blanks ({@code ' '},
 * {@code '\t'}) may surround tokens; blank lines and comments other than {@code # HELP} and
 * {@code # TYPE} are skipped; a sample is {@code name[{labels}] value [timestamp]} with a Go float value
 * and an integer timestamp in milliseconds; label sets may end with a comma; a second HELP or TYPE for
 * a family, or a TYPE after its samples, is an error. Exemplars do not exist in this format.
 *
 * <p><b>OpenMetrics 1.0</b>: exactly one space between tokens, no blank lines, {@code # HELP}, {@code #
 * TYPE} and {@code # UNIT} only, the body ends with {@code # EOF}; timestamps are seconds (a decimal, kept
 * to the nanosecond for ordering); every rule of the format's own parser test suite is checked:
 * metadata before samples, no clashing family names, {@code _total}/{@code _bucket}/{@code _count}
 * values that are neither NaN nor negative, canonical {@code le}/{@code quantile}, histogram buckets in
 * order with a {@code +Inf} bucket that equals {@code _count}, stateset and info values, groups that are
 * contiguous with timestamps that never go backwards, exemplars (at most 128 characters of labels)
 * only on counters' {@code _total} and histograms' {@code _bucket}.
 *
 * <p>In both formats label values and help texts must be valid UTF-8; label escapes {@code \\},
 * {@code \"} and {@code \n} are unescaped and any other backslash is kept as written.
 */
public final class ExpositionReader {
  private static final List<String> COUNTER_LIKE = List.of("_total", "_sum", "_count", "_bucket", "_gcount", "_gsum");
  private static final int EXEMPLAR_MAX_CHARACTERS = 128;

  private final ExpositionFormat format;
  private final ParseLimits limits;

  public ExpositionReader(ExpositionFormat format, ParseLimits limits) {
    this.format = format;
    this.limits = limits;
  }

  public ExpositionFormat format() {
    return format;
  }

  /**
   * Reads {@code body[0, length)}.
   *
   * @param cache the series the same target exposed before, or null to parse every label set
   * @throws ExpositionParseException at the first error, with its line and column
   */
  public void read(byte[] body, int length, SeriesCache cache, SampleSink sink) {
    if (length > body.length) {
      throw new IllegalArgumentException("length " + length + " exceeds the body's " + body.length + " bytes");
    }
    if (cache != null) {
      cache.useFormat(format);
    }
    Run run = new Run(body, length, cache, sink);
    try {
      run.readAll();
    } finally {
      if (cache != null) {
        cache.endScrape();
      }
    }
  }

  /** Reads a whole array. */
  public void read(byte[] body, SeriesCache cache, SampleSink sink) {
    read(body, body.length, cache, sink);
  }

  /** The state of reading one body. */
  private final class Run {
    private final byte[] b;
    private final int end;
    private final SeriesCache cache;
    private final SampleSink sink;
    private final boolean om = format == ExpositionFormat.OPENMETRICS;

    private int pos;
    private int line = 1;
    private int lineStart;
    private int lineEnd;
    private int samples;

    // The current family.
    private String famName;
    private MetricType famType;
    private boolean famTyped;
    private String famHelp;
    private boolean famHasHelp;
    private String famUnit;
    private List<String> famSuffixes;
    private int famSamples;
    // Text format: every family name that had a TYPE line.
    private final Set<String> typedNames = new HashSet<>();

    // OpenMetrics checks.
    private final Set<String> seenNames = new HashSet<>();
    private Labels group;
    private long groupTimestamp;
    private boolean groupHasTimestamp;
    private final Set<Labels> seenGroups = new HashSet<>();
    private final Set<Series> groupTimestampSeries = new HashSet<>();
    private final List<HistogramSample> histogramSamples = new ArrayList<>();
    private boolean eof;

    // Reused while parsing a label set.
    private String[] labelNames = new String[16];
    private String[] labelValues = new String[16];
    private final Map<String, String> nameStrings = new HashMap<>();

    // Set by parseSeries for the sample being read.
    private Exemplar exemplar;

    Run(byte[] b, int end, SeriesCache cache, SampleSink sink) {
      this.b = b;
      this.end = end;
      this.cache = cache;
      this.sink = sink;
    }

    void readAll() {
      while (pos < end) {
        lineStart = pos;
        int nl = pos;
        while (nl < end && b[nl] != '\n') {
          nl++;
        }
        lineEnd = nl;
        if (om) {
          omLine();
        } else {
          textLine();
        }
        pos = lineEnd + 1;
        if (pos <= end) {
          line++;
        }
      }
      if (om && !eof) {
        if (pos <= end) { // the body ended with a newline: point at the empty line after it
          lineStart = end;
        }
        lineEnd = end;
        pos = end;
        throw error("missing # EOF at the end of an OpenMetrics body");
      }
      endFamily();
    }

    // ---------------------------------------------------------------- text format 0.0.4

    private void textLine() {
      skipBlanks();
      if (pos == lineEnd) {
        return;
      }
      if (b[pos] == '#') {
        textComment();
      } else {
        textSample();
      }
    }

    private void textComment() {
      pos++;
      skipBlanks();
      int wordStart = pos;
      while (pos < lineEnd && !isBlank(b[pos])) {
        pos++;
      }
      boolean help = is(wordStart, pos, "HELP");
      if (!help && !is(wordStart, pos, "TYPE")) {
        return; // an ordinary comment
      }
      skipBlanks();
      int nameStart = pos;
      String name = metricName("metric name after # " + (help ? "HELP" : "TYPE"));
      if (pos < lineEnd && !isBlank(b[pos])) {
        throw error("unexpected character " + describe(pos) + " after the metric name");
      }
      skipBlanks();
      if (!name.equals(famName)) {
        endFamily();
        startFamily(name, MetricType.UNTYPED, false);
      }
      if (help) {
        if (famHasHelp) {
          throw error(nameStart, "second HELP line for metric family '" + name + "'");
        }
        famHelp = helpText(pos, lineEnd, false);
        famHasHelp = true;
        return;
      }
      int typeStart = pos;
      while (pos < lineEnd && !isBlank(b[pos])) {
        pos++;
      }
      String word = ascii(typeStart, pos);
      MetricType type = MetricType.fromTypeLine(word, format);
      if (type == null) {
        throw error(typeStart, word.isEmpty() ? "missing metric type after # TYPE " + name
            : "unknown metric type '" + word + "' (expected counter, gauge, histogram, summary or untyped)");
      }
      if (famTyped || !typedNames.add(name)) {
        throw error(nameStart, "second TYPE line for metric family '" + name + "'");
      }
      if (famSamples > 0) {
        throw error(nameStart, "TYPE line for metric family '" + name + "' after its samples");
      }
      skipBlanks();
      if (pos < lineEnd) {
        throw error("unexpected text after the metric type");
      }
      famType = type;
      famTyped = true;
      famSuffixes = type.suffixes(format);
    }

    private void textSample() {
      int nameStart = pos;
      Series series = series();
      skipBlanks();
      int valueStart = pos;
      while (pos < lineEnd && !isBlank(b[pos])) {
        pos++;
      }
      if (valueStart == pos) {
        throw error("missing value for '" + series.name() + "'");
      }
      double value = value(valueStart, pos);
      skipBlanks();
      long timestamp = SampleSink.NO_TIMESTAMP;
      if (pos < lineEnd) {
        int tsStart = pos;
        while (pos < lineEnd && !isBlank(b[pos])) {
          pos++;
        }
        if (b[tsStart] == '#') {
          throw error(tsStart, "exemplars are not part of the text format 0.0.4 (use OpenMetrics)");
        }
        try {
          timestamp = Numbers.parseLong(b, tsStart, pos);
        } catch (NumberFormatException e) {
          throw error(tsStart, "invalid timestamp '" + ascii(tsStart, pos) + "' (expected integer milliseconds)");
        }
        skipBlanks();
        if (pos < lineEnd) {
          throw error("unexpected text after the timestamp");
        }
      }
      String name = series.name();
      if (famName == null || !belongs(name)) {
        // A sample of no declared family is a family of its own, as the Python client counts.
        endFamily();
        startFamily(name, MetricType.UNTYPED, false);
        famSuffixes = null;
        emit(series, value, timestamp, nameStart);
        endFamily();
        return;
      }
      if (famType == MetricType.HISTOGRAM && name.endsWith("_bucket") && Double.isNaN(series.le())) {
        throw error(nameStart, "histogram bucket '" + name + "' needs an 'le' label holding a number");
      }
      if (famType == MetricType.SUMMARY && name.equals(famName) && Double.isNaN(series.quantile())) {
        throw error(nameStart, "summary sample '" + name + "' needs a 'quantile' label holding a number");
      }
      emit(series, value, timestamp, nameStart);
    }

    // ---------------------------------------------------------------- OpenMetrics 1.0

    private void omLine() {
      if (eof) {
        throw error("text after # EOF");
      }
      if (pos == lineEnd) {
        throw error("blank line (OpenMetrics does not allow them)");
      }
      if (b[pos] == '#') {
        if (is(pos, lineEnd, "# EOF")) {
          eof = true;
          pos = lineEnd;
          return;
        }
        omMetadata();
      } else {
        omSample();
      }
    }

    private void omMetadata() {
      if (pos + 1 >= lineEnd || b[pos + 1] != ' ') {
        throw error("invalid comment line (OpenMetrics allows # HELP, # TYPE, # UNIT and # EOF)");
      }
      pos += 2;
      int wordStart = pos;
      while (pos < lineEnd && b[pos] != ' ') {
        pos++;
      }
      int wordEnd = pos;
      String keyword = is(wordStart, wordEnd, "HELP") ? "HELP" : is(wordStart, wordEnd, "TYPE") ? "TYPE"
          : is(wordStart, wordEnd, "UNIT") ? "UNIT" : null;
      if (keyword == null) {
        throw error(wordStart, "invalid comment line (OpenMetrics allows # HELP, # TYPE, # UNIT and # EOF)");
      }
      if (pos >= lineEnd) {
        throw error("missing metric name after # " + keyword);
      }
      pos++;
      int nameStart = pos;
      while (pos < lineEnd && b[pos] != ' ') {
        pos++;
      }
      if (pos >= lineEnd) {
        throw error("# " + keyword + " needs a space after the metric name");
      }
      String name = metricNameAt(nameStart, pos);
      pos++;
      if (name.equals(famName) && famSamples > 0) {
        throw error(wordStart, "# " + keyword + " for '" + name + "' after its samples");
      }
      if (!name.equals(famName)) {
        endFamily();
        startFamily(name, null, true);
      }
      switch (keyword) {
        case "HELP" -> {
          if (famHasHelp) {
            throw error(wordStart, "second HELP line for metric family '" + name + "'");
          }
          famHelp = helpText(pos, lineEnd, true);
          famHasHelp = true;
        }
        case "TYPE" -> {
          if (famTyped) {
            throw error(wordStart, "second TYPE line for metric family '" + name + "'");
          }
          String word = ascii(pos, lineEnd);
          MetricType type = MetricType.fromTypeLine(word, format);
          if (type == null) {
            throw error(pos, "unknown metric type '" + word
                + "' (expected counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown)");
          }
          famType = type;
          famTyped = true;
          famSuffixes = type.suffixes(format);
        }
        default -> {
          if (famUnit != null) {
            throw error(wordStart, "second UNIT line for metric family '" + name + "'");
          }
          famUnit = helpText(pos, lineEnd, false);
        }
      }
      pos = lineEnd;
    }

    private void omSample() {
      int nameStart = pos;
      Series series = series();
      if (pos >= lineEnd || b[pos] != ' ') {
        throw error(pos >= lineEnd ? "missing value for '" + series.name() + "'" : "expected a space before the value, found " + describe(pos));
      }
      pos++;
      int valueStart = pos;
      while (pos < lineEnd && b[pos] != ' ') {
        pos++;
      }
      if (valueStart == pos) {
        throw error("missing value for '" + series.name() + "'");
      }
      double value = value(valueStart, pos);
      long tsNanos = 0;
      boolean hasTimestamp = false;
      exemplar = null;
      if (pos < lineEnd) {
        pos++; // the space
        if (pos < lineEnd && b[pos] != '#') {
          int tsStart = pos;
          while (pos < lineEnd && b[pos] != ' ') {
            pos++;
          }
          if (tsStart == pos) {
            throw error("unexpected space after the value");
          }
          tsNanos = omTimestamp(tsStart, pos);
          hasTimestamp = true;
          if (pos < lineEnd) {
            pos++;
            if (pos >= lineEnd || b[pos] != '#') {
              throw error("unexpected text after the timestamp (an exemplar starts with ' # ')");
            }
          }
        } else if (pos >= lineEnd) {
          throw error("trailing space after the value");
        }
        if (pos < lineEnd) {
          omExemplar();
        }
      }
      String name = series.name();
      if (famName == null || !belongs(name)) {
        endFamily();
        startFamily(name, MetricType.UNTYPED, true);
        famTyped = true;
        famSuffixes = List.of("");
      }
      omSampleChecks(series, value, nameStart);
      long timestampMillis = hasTimestamp ? Math.floorDiv(tsNanos, 1_000_000L) : SampleSink.NO_TIMESTAMP;
      if (omGrouping(series, hasTimestamp, tsNanos, nameStart)) {
        if (famType == MetricType.HISTOGRAM || famType == MetricType.GAUGE_HISTOGRAM) {
          histogramSamples.add(new HistogramSample(name.substring(famName.length()), group, hasTimestamp, tsNanos, series, value));
        }
        emitWithExemplar(series, value, timestampMillis, nameStart, exemplar);
      }
    }

    private void omSampleChecks(Series series, double value, int at) {
      String name = series.name();
      MetricType type = famType;
      String suffix = name.substring(famName.length());
      if (type == MetricType.STATESET && series.labels().get(famName) == null) {
        throw error(at, "stateset sample needs a label named '" + famName + "'");
      }
      if (suffix.equals("_bucket")) {
        String le = series.labels().get("le");
        if (le == null || Double.isNaN(series.le()) || (series.le() == Double.POSITIVE_INFINITY && !le.equals("+Inf"))) {
          throw error(at, "histogram bucket needs an 'le' label holding a number (+Inf written as +Inf)");
        }
        if (value != Math.rint(value)) {
          throw error(at, "bucket value must be an integer");
        }
      }
      if ((suffix.equals("_count") || suffix.equals("_gcount")) && value != Math.rint(value)) {
        throw error(at, "count value must be an integer");
      }
      if (type == MetricType.SUMMARY && suffix.isEmpty()) {
        String quantileText = series.labels().get("quantile");
        double q = series.quantile();
        if (quantileText == null || !(q >= 0 && q <= 1)) {
          throw error(at, "summary quantile sample needs a 'quantile' label between 0 and 1");
        }
        if (value < 0) {
          throw error(at, "quantile values cannot be negative");
        }
      }
      if (type == MetricType.STATESET && value != 0 && value != 1) {
        throw error(at, "stateset samples can only have values 0 and 1");
      }
      if (type == MetricType.INFO && value != 1) {
        throw error(at, "info samples can only have the value 1");
      }
      if (COUNTER_LIKE.contains(suffix)) {
        if (Double.isNaN(value)) {
          throw error(at, "counter-like sample '" + name + "' cannot be NaN");
        }
        if (value < 0 && !suffix.equals("_gsum")) {
          throw error(at, "counter-like sample '" + name + "' cannot be negative");
        }
      }
      if (exemplar != null && !(((type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM) && name.endsWith("_bucket"))
          || (type == MetricType.COUNTER && name.endsWith("_total")))) {
        throw error(at, "only counters' _total and histograms' _bucket samples can have exemplars");
      }
    }

    /**
     * Applies the grouping rules and tells whether the sample is kept: a repeat of a series at the
     * same timestamp within its group is dropped, as the reference does.
     */
    private boolean omGrouping(Series series, boolean hasTimestamp, long tsNanos, int at) {
      Labels g = groupOf(series);
      boolean sameGroup = group != null && g.equals(group);
      if (group != null && !sameGroup && seenGroups.contains(g)) {
        throw error(at, "samples of one group must be contiguous (labels " + g + " appeared before)");
      }
      boolean sameTimestamp = hasTimestamp == groupHasTimestamp && (!hasTimestamp || tsNanos == groupTimestamp);
      if (sameGroup) {
        if (hasTimestamp != groupHasTimestamp) {
          throw error(at, "a group mixes samples with and without timestamps");
        }
        if (hasTimestamp && groupTimestamp > tsNanos && famType != MetricType.INFO) {
          throw error(at, "timestamps went backwards within a group");
        }
      } else {
        groupTimestampSeries.clear();
      }
      boolean keep = !sameTimestamp || !groupTimestampSeries.contains(series);
      groupTimestampSeries.add(series);
      group = g;
      groupHasTimestamp = hasTimestamp;
      groupTimestamp = tsNanos;
      seenGroups.add(g);
      return keep;
    }

    private Labels groupOf(Series series) {
      MetricType type = famType;
      Labels labels = series.labels();
      if (type == MetricType.INFO) {
        return Labels.EMPTY;
      }
      if (type == MetricType.SUMMARY && series.name().equals(famName)) {
        return labels.without("quantile");
      }
      if (type == MetricType.STATESET) {
        return labels.without(famName);
      }
      if ((type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM) && series.name().length() == famName.length() + 7
          && series.name().endsWith("_bucket")) {
        return labels.without("le");
      }
      return labels;
    }

    private void omExemplar() {
      int hashAt = pos;
      if (pos + 2 >= lineEnd || b[pos + 1] != ' ' || b[pos + 2] != '{') {
        throw error(hashAt, "an exemplar is written ' # {labels} value [timestamp]'");
      }
      pos += 2;
      int labelsStart = pos;
      int count = labelSet(true);
      Labels labels = count == 0 ? Labels.EMPTY : buildLabels(count, labelsStart);
      int characters = 0;
      for (int i = 0; i < labels.size(); i++) {
        characters += labels.name(i).codePointCount(0, labels.name(i).length())
            + labels.value(i).codePointCount(0, labels.value(i).length());
      }
      if (characters > EXEMPLAR_MAX_CHARACTERS) {
        throw error(labelsStart, "exemplar labels are " + characters + " characters long (at most " + EXEMPLAR_MAX_CHARACTERS + ")");
      }
      if (pos >= lineEnd || b[pos] != ' ') {
        throw error("expected a space before the exemplar value");
      }
      pos++;
      int valueStart = pos;
      while (pos < lineEnd && b[pos] != ' ') {
        pos++;
      }
      if (valueStart == pos) {
        throw error("missing exemplar value");
      }
      double value = value(valueStart, pos);
      long ts = SampleSink.NO_TIMESTAMP;
      if (pos < lineEnd) {
        pos++;
        int tsStart = pos;
        pos = lineEnd;
        if (tsStart == pos) {
          throw error("trailing space after the exemplar value");
        }
        ts = Math.floorDiv(omTimestamp(tsStart, pos), 1_000_000L);
      }
      exemplar = new Exemplar(labels, value, ts);
    }

    /** An OpenMetrics timestamp (seconds) as nanoseconds, truncated past the ninth decimal as the reference does. */
    private long omTimestamp(int from, int to) {
      int i = from;
      boolean negative = false;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        negative = b[i] == '-';
        i++;
      }
      int digitsStart = i;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      int intEnd = i;
      boolean plain = intEnd > digitsStart;
      int fracEnd = i;
      if (plain && i < to && b[i] == '.') {
        i++;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
          i++;
        }
        fracEnd = i;
      }
      if (plain && i == to) {
        long seconds = 0;
        for (int k = digitsStart; k < intEnd; k++) {
          seconds = seconds > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : seconds * 10 + (b[k] - '0');
        }
        long nanos = 0;
        int scale = 0;
        for (int k = intEnd + 1; k < fracEnd && scale < 9; k++, scale++) {
          nanos = nanos * 10 + (b[k] - '0');
        }
        for (; scale < 9; scale++) {
          nanos *= 10;
        }
        long total = seconds > (Long.MAX_VALUE - nanos) / 1_000_000_000L ? Long.MAX_VALUE : seconds * 1_000_000_000L + nanos;
        return negative ? -total : total;
      }
      double seconds;
      try {
        seconds = Numbers.parseFloat(b, from, to);
      } catch (NumberFormatException e) {
        throw error(from, "invalid timestamp '" + text(from, to) + "'");
      }
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw error(from, "timestamp cannot be " + text(from, to));
      }
      double nanos = seconds * 1e9;
      return nanos >= 9.2e18 ? Long.MAX_VALUE : nanos <= -9.2e18 ? Long.MIN_VALUE + 1 : (long) nanos;
    }

    // ---------------------------------------------------------------- families

    private void startFamily(String name, MetricType type, boolean openMetrics) {
      famName = name;
      famType = type == null ? MetricType.UNTYPED : type;
      famTyped = false;
      famHelp = null;
      famHasHelp = false;
      famUnit = null;
      famSuffixes = List.of("");
      famSamples = 0;
      if (openMetrics) {
        group = null;
        groupHasTimestamp = false;
        seenGroups.clear();
        groupTimestampSeries.clear();
        histogramSamples.clear();
      }
    }

    private boolean belongs(String sampleName) {
      if (famSuffixes == null || !sampleName.startsWith(famName)) {
        return false;
      }
      int rest = sampleName.length() - famName.length();
      for (int i = 0; i < famSuffixes.size(); i++) {
        if (famSuffixes.get(i).length() == rest && sampleName.endsWith(famSuffixes.get(i))) {
          return true;
        }
      }
      return false;
    }

    private void endFamily() {
      if (famName == null) {
        return;
      }
      if (om) {
        omFamilyChecks();
      }
      sink.family(new Family(famName, famType, famHelp, famUnit, famSamples));
      famName = null;
      famSuffixes = null;
    }

    private void omFamilyChecks() {
      Set<String> names = new HashSet<>(famType.suffixes(format));
      names.add("");
      for (String suffix : names) {
        if (!seenNames.add(famName + suffix)) {
          throw familyError("metric name '" + famName + suffix + "' clashes with an earlier family");
        }
      }
      if (famUnit != null && !famUnit.isEmpty()) {
        if (!famName.endsWith("_" + famUnit)) {
          throw familyError("family '" + famName + "' must end with its unit '_" + famUnit + "'");
        }
        if (famType == MetricType.INFO || famType == MetricType.STATESET) {
          throw familyError("a " + famType.typeLineWord(format) + " family cannot have a unit");
        }
      }
      if (famType == MetricType.HISTOGRAM || famType == MetricType.GAUGE_HISTOGRAM) {
        checkHistograms();
      }
    }

    /** The reference's histogram checks, per group and timestamp. */
    private void checkHistograms() {
      HistogramRun run = null;
      for (HistogramSample s : histogramSamples) {
        Labels g = s.suffix().equals("_bucket") ? s.series().labels().without("le") : s.series().labels();
        if (run == null || !g.equals(run.group) || s.hasTimestamp() != run.hasTimestamp || s.tsNanos() != run.tsNanos) {
          if (run != null) {
            run.check();
          }
          run = new HistogramRun(g, s.hasTimestamp(), s.tsNanos());
        }
        switch (s.suffix()) {
          case "_bucket" -> {
            double le = s.series().le();
            if (le < 0) {
              run.negativeBuckets = true;
            }
            if (run.hasBucket && le <= run.bucket) {
              throw familyError("buckets of '" + famName + "' out of order");
            }
            if (s.value() < run.value) {
              throw familyError("bucket values of '" + famName + "' decrease");
            }
            run.hasBucket = true;
            run.bucket = le;
            run.value = s.value();
          }
          case "_count", "_gcount" -> {
            run.hasCount = true;
            run.count = s.value();
          }
          case "_sum" -> run.hasSum = true;
          case "_gsum" -> {
            run.hasGsum = true;
            if (s.value() < 0) {
              run.negativeGsum = true;
            }
          }
          default -> { }
        }
      }
      if (run != null) {
        run.check();
      }
    }

    private final class HistogramRun {
      final Labels group;
      final boolean hasTimestamp;
      final long tsNanos;
      boolean hasBucket;
      double bucket;
      double value;
      boolean hasCount;
      double count;
      boolean hasSum;
      boolean hasGsum;
      boolean negativeBuckets;
      boolean negativeGsum;

      HistogramRun(Labels group, boolean hasTimestamp, long tsNanos) {
        this.group = group;
        this.hasTimestamp = hasTimestamp;
        this.tsNanos = tsNanos;
      }

      void check() {
        String where = "histogram '" + famName + "'" + (group.isEmpty() ? "" : " " + group);
        if (!hasBucket || bucket != Double.POSITIVE_INFINITY) {
          throw familyError(where + " has no +Inf bucket");
        }
        if (hasCount && value != count) {
          throw familyError(where + ": _count does not equal the +Inf bucket");
        }
        if ((hasSum || hasGsum) && !hasCount) {
          throw familyError(where + ": _count must be present when _sum is");
        }
        if (!(hasSum || hasGsum) && hasCount) {
          throw familyError(where + ": _sum must be present when _count is");
        }
        if (negativeBuckets && hasSum) {
          throw familyError(where + " cannot have _sum with negative buckets");
        }
        if (!negativeBuckets && negativeGsum) {
          throw familyError(where + " cannot have a negative _gsum without negative buckets");
        }
      }
    }

    private record HistogramSample(String suffix, Labels group, boolean hasTimestamp, long tsNanos, Series series, double value) {}

    // ---------------------------------------------------------------- samples and series

    private void emit(Series series, double value, long timestamp, int at) {
      emitWithExemplar(series, value, timestamp, at, null);
    }

    private void emitWithExemplar(Series series, double value, long timestamp, int at, Exemplar ex) {
      if (++samples > limits.maxSamples()) {
        throw error(at, "more than " + limits.maxSamples() + " samples (limit)");
      }
      famSamples++;
      sink.sample(famName, famType, series, value, timestamp, ex);
    }

    /**
     * Reads {@code name[{labels}]} at {@code pos}: from the cache when these exact bytes were seen
     * before, otherwise parsed (and cached).
     */
    private Series series() {
      int start = pos;
      int hash = 0;
      int i = pos;
      while (i < lineEnd && isNameChar(b[i])) {
        hash = 31 * hash + b[i];
        i++;
      }
      int keyEnd = i;
      if (!om) {
        while (i < lineEnd && isBlank(b[i])) {
          i++;
        }
      }
      if (i < lineEnd && b[i] == '{') {
        boolean quoted = false;
        for (; i < lineEnd; i++) {
          byte c = b[i];
          hash = 31 * hash + c;
          if (quoted) {
            if (c == '\\') {
              i++;
              if (i < lineEnd) {
                hash = 31 * hash + b[i];
              }
            } else if (c == '"') {
              quoted = false;
            }
          } else if (c == '"') {
            quoted = true;
          } else if (c == '}') {
            i++;
            break;
          }
        }
        keyEnd = i;
      }
      if (cache != null && keyEnd > start) {
        Series hit = cache.get(b, start, keyEnd, hash);
        if (hit != null) {
          pos = keyEnd;
          return hit;
        }
      }
      Series parsed = parseSeries();
      if (cache != null && pos == keyEnd) {
        cache.put(b, start, keyEnd, hash, parsed);
      }
      return parsed;
    }

    private Series parseSeries() {
      String name = metricName("metric name");
      int nameEnd = pos;
      if (!om) {
        skipBlanks();
      }
      if (pos < lineEnd && b[pos] == '{') {
        int labelsStart = pos;
        int count = labelSet(om);
        return new Series(name, count == 0 ? Labels.EMPTY : buildLabels(count, labelsStart));
      }
      if (nameEnd < lineEnd && !isBlank(b[nameEnd])) {
        throw error(nameEnd, "unexpected character " + describe(nameEnd) + " after the metric name");
      }
      pos = nameEnd;
      return new Series(name, Labels.EMPTY);
    }

    /** Parses {@code {...}} at {@code pos} into the label arrays; returns the number of labels. */
    private int labelSet(boolean strict) {
      pos++; // '{'
      int count = 0;
      while (true) {
        if (!strict) {
          skipBlanks();
        }
        if (pos >= lineEnd) {
          throw error("label set not closed with '}'");
        }
        if (b[pos] == '}') { // an empty set, or (text format only) after a trailing comma
          pos++;
          return count;
        }
        int nameStart = pos;
        if (!isLabelNameStart(b[pos])) {
          throw error("invalid label name starting with " + describe(pos));
        }
        while (pos < lineEnd && isLabelNameChar(b[pos])) {
          pos++;
        }
        if (pos - nameStart > limits.maxLabelNameLength()) {
          throw error(nameStart, "label name longer than " + limits.maxLabelNameLength() + " characters (limit)");
        }
        String labelName = internedName(nameStart, pos);
        if (!strict) {
          skipBlanks();
        }
        if (pos >= lineEnd || b[pos] != '=') {
          throw error("expected '=' after label name '" + labelName + "'");
        }
        pos++;
        if (!strict) {
          skipBlanks();
        }
        if (pos >= lineEnd || b[pos] != '"') {
          throw error("expected '\"' to start the value of label '" + labelName + "'");
        }
        int valueStart = ++pos;
        String value = labelValue();
        if (pos - 1 - valueStart > limits.maxLabelValueLength()) {
          throw error(valueStart, "value of label '" + labelName + "' longer than " + limits.maxLabelValueLength() + " bytes (limit)");
        }
        for (int k = 0; k < count; k++) {
          if (labelNames[k].equals(labelName)) {
            throw error(nameStart, "duplicate label name '" + labelName + "'");
          }
        }
        if (count == limits.maxLabels()) {
          throw error(nameStart, "more than " + limits.maxLabels() + " labels (limit)");
        }
        if (count == labelNames.length) {
          labelNames = java.util.Arrays.copyOf(labelNames, count * 2);
          labelValues = java.util.Arrays.copyOf(labelValues, count * 2);
        }
        labelNames[count] = labelName;
        labelValues[count] = value;
        count++;
        if (!strict) {
          skipBlanks();
        }
        if (pos >= lineEnd) {
          throw error("label set not closed with '}'");
        }
        if (b[pos] == '}') {
          pos++;
          return count;
        }
        if (b[pos] != ',') {
          throw error("expected ',' or '}' after the value of label '" + labelName + "', found " + describe(pos));
        }
        pos++;
        if (strict && pos < lineEnd && b[pos] == '}') {
          throw error("a label set cannot end with a comma in OpenMetrics");
        }
      }
    }

    private Labels buildLabels(int count, int at) {
      try {
        return Labels.sorted(java.util.Arrays.copyOf(labelNames, count), java.util.Arrays.copyOf(labelValues, count));
      } catch (IllegalArgumentException e) {
        throw error(at, e.getMessage());
      }
    }

    /** A quoted label value from {@code pos} (just after the opening quote); leaves {@code pos} after the closing quote. */
    private String labelValue() {
      int start = pos;
      boolean plain = true;
      while (pos < lineEnd) {
        byte c = b[pos];
        if (c == '"') {
          String value = plain ? new String(b, start, pos - start, StandardCharsets.ISO_8859_1) : decodeValue(start, pos);
          pos++;
          return value;
        }
        if (c == '\\') {
          plain = false;
          pos += 2;
          continue;
        }
        if (c < 0) {
          plain = false;
        }
        pos++;
      }
      throw error(start, "label value not closed with '\"'");
    }

    private String decodeValue(int from, int to) {
      return unescape(from, to, true, "label value");
    }

    /** HELP (or UNIT) text: {@code \\} and {@code \n} unescaped, and {@code \"} too in OpenMetrics. */
    private String helpText(int from, int to, boolean openMetrics) {
      return unescape(from, to, openMetrics, "help text");
    }

    /**
     * Strictly decoded UTF-8 with {@code \\} and {@code \n} unescaped, and {@code \"} when {@code quotes};
     * any other backslash is kept as written.
     */
    private String unescape(int from, int to, boolean quotes, String what) {
      int bad = Utf8.firstInvalid(b, from, to);
      if (bad >= 0) {
        throw error(bad, "invalid UTF-8 in " + what);
      }
      byte[] out = new byte[to - from];
      int n = 0;
      for (int i = from; i < to; i++) {
        byte c = b[i];
        if (c == '\\' && i + 1 < to) {
          byte next = b[i + 1];
          if (next == '\\' || next == 'n' || (quotes && next == '"')) {
            out[n++] = next == 'n' ? (byte) '\n' : next;
            i++;
            continue;
          }
        }
        out[n++] = c;
      }
      return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private double value(int from, int to) {
      try {
        return Numbers.parseFloat(b, from, to);
      } catch (NumberFormatException e) {
        throw error(from, "invalid value '" + text(from, to) + "': " + e.getMessage());
      }
    }

    private String metricName(String what) {
      int start = pos;
      if (pos >= lineEnd || !isNameStart(b[pos])) {
        throw error(pos >= lineEnd ? "missing " + what : "invalid " + what + " starting with " + describe(pos));
      }
      while (pos < lineEnd && isNameChar(b[pos])) {
        pos++;
      }
      return internedName(start, pos);
    }

    private String metricNameAt(int from, int to) {
      if (from == to || !isNameStart(b[from])) {
        throw error(from, from == to ? "missing metric name" : "invalid metric name starting with " + describe(from));
      }
      for (int i = from; i < to; i++) {
        if (!isNameChar(b[i])) {
          throw error(i, "invalid character " + describe(i) + " in metric name");
        }
      }
      return internedName(from, to);
    }

    /** One String per distinct name within a body, so equal names share an instance. */
    private String internedName(int from, int to) {
      String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
      String known = nameStrings.putIfAbsent(s, s);
      return known == null ? s : known;
    }

    // ---------------------------------------------------------------- bytes

    private void skipBlanks() {
      while (pos < lineEnd && isBlank(b[pos])) {
        pos++;
      }
    }

    private boolean is(int from, int to, String word) {
      if (to - from != word.length()) {
        return false;
      }
      for (int i = 0; i < word.length(); i++) {
        if (b[from + i] != word.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private String ascii(int from, int to) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String text(int from, int to) {
      return new String(b, from, Math.min(to - from, 64), StandardCharsets.UTF_8);
    }

    private String describe(int at) {
      if (at >= lineEnd) {
        return "end of line";
      }
      int c = b[at] & 0xff;
      return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    /** An error found when a family ends: it points at the start of the line that ended it. */
    private ExpositionParseException familyError(String reason) {
      return error(lineStart, reason);
    }

    private ExpositionParseException error(String reason) {
      return error(pos, reason);
    }

    private ExpositionParseException error(int at, String reason) {
      int column = 1 + Utf8.codePoints(b, lineStart, Math.max(lineStart, Math.min(at, lineEnd)));
      return new ExpositionParseException(line, column, reason);
    }
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isNameStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isNameChar(byte c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isLabelNameStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isLabelNameChar(byte c) {
    return isLabelNameStart(c) || (c >= '0' && c <= '9');
  }
}
