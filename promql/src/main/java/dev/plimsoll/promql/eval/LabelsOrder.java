package dev.plimsoll.promql.eval;

import dev.plimsoll.exposition.Labels;
import java.util.Comparator;

/** Label-set helpers that mirror Prometheus' {@code labels.Compare} and {@code labels.String()}. */
public final class LabelsOrder {
  /** Orders pair by pair (name, then value); a prefix sorts first. */
  public static final Comparator<Labels> COMPARATOR = LabelsOrder::compare;

  private LabelsOrder() {}

  public static int compare(Labels a, Labels b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = a.name(i).compareTo(b.name(i));
      if (c != 0) {
        return c;
      }
      c = a.value(i).compareTo(b.value(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Prometheus' rendering, {@code {a="1", b="2"}}, used in its error messages. */
  public static String format(Labels l) {
    var sb = new StringBuilder("{");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(l.name(i)).append('=');
      GoFormat.quote(sb, l.value(i));
    }
    return sb.append('}').toString();
  }
}
