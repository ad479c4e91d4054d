package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # pairs (name=value;...)     | sorted exposition form
      b=2;a=1                      | {a="1",b="2"}
      le=+Inf;model_name=m;engine=0 | {engine="0",le="+Inf",model_name="m"}
      x=a\\b                       | {x="a\\\\b"}
      x=say "hi"                   | {x="say \\"hi\\""}
      """)
  void sortsByNameAndEscapesInItsExpositionForm(String pairs, String expected) {
    String[] flat = pairs.replace('=', ';').split(";");
    assertEquals(expected, Labels.of(flat).toString());
  }

  @Test
  void equalityIgnoresInputOrder() {
    Labels one = Labels.of("a", "1", "b", "2");
    Labels two = Labels.of(Map.of("b", "2", "a", "1"));
    assertEquals(one, two);
    assertEquals(one.hashCode(), two.hashCode());
    assertNotEquals(one, Labels.of("a", "1", "b", "3"));
    assertNotEquals(one, Labels.of("a", "1"));
  }

  @Test
  void getWithoutAndMapView() {
    Labels labels = Labels.of("le", "0.5", "model_name", "m");
    assertEquals("0.5", labels.get("le"));
    assertNull(labels.get("absent"));
    assertEquals(Labels.of("model_name", "m"), labels.without("le"));
    assertSame(labels, labels.without("absent"));
    assertSame(Labels.EMPTY, Labels.of("a", "1").without("a"));
    assertEquals(List.of("le", "model_name"), List.copyOf(labels.asMap().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> labels.asMap().put("x", "y"));
  }

  @Test
  void rejectsDuplicatesOddPairsAndNulls() {
    assertThrows(IllegalArgumentException.class, () -> Labels.of("a", "1", "a", "2"));
    assertThrows(IllegalArgumentException.class, () -> Labels.of("a"));
    assertThrows(IllegalArgumentException.class, () -> Labels.of("a", null));
  }
}
