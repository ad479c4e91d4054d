package dev.plimsoll.scaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.events.SignalNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scaler's list of signals must follow the events module's {@link SignalNames}. */
class KnownSignalsTest {

  @Test
  void listsEverySignalNameInOrder() throws IllegalAccessException {
    List<String> declared = Arrays.stream(SignalNames.class.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == String.class)
        .map(KnownSignalsTest::value)
        .toList();
    assertEquals(declared, KnownSignals.ALL);
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
