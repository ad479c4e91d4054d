package dev.plimsoll.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.plimsoll.events.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real Jackson failures, read by an ObjectMapper like the one Quarkus REST uses, told in API words. */
class JsonProblemsTest {

  record Item(String name, int count) {}

  record Body(Integer replicas, Long version, Double target, String workload, Boolean enabled, Instant at, List<Item> items,
      Item item) {}

  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  private static JsonProcessingException failure(String json, Class<?> type) {
    return assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(json, type));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # body                                   | field          | message
      {"replicas": "three"}                    | replicas       | must be an integer
      {"version": [1]}                         | version        | must be an integer
      {"target": "high"}                       | target         | must be a number
      {"workload": {"name": "x"}}              | workload       | must be a string
      {"enabled": "maybe"}                     | enabled        | must be true or false
      {"at": "yesterday"}                      | at             | must be an ISO-8601 date-time
      {"items": {"name": "x"}}                 | items          | must be an array
      {"items": [{"name": "a"}, {"count": "many"}]} | items[1].count | must be an integer
      {"item": 3}                              | item           | must be a JSON object
      [1, 2]                                   | body           | must be a JSON object
      """)
  void aWrongTypedValueIsNamedAtItsJsonPath(String json, String field, String message) {
    MismatchedInputException e = (MismatchedInputException) failure(json, Body.class);
    Problem problem = JsonProblems.wrongType(e, e.getTargetType(), null);
    assertEquals("https://plimsoll.dev/problems/validation", problem.type().toString());
    assertEquals(400, problem.status());
    assertEquals(List.of(new Problem.FieldError(field, message)), problem.errors());
  }

  @Test
  void anUnknownFieldOfAStrictReadIsNamedWithTheKnownOnes() {
    ObjectMapper strict = MAPPER.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    MismatchedInputException e = (MismatchedInputException) assertThrows(JsonProcessingException.class,
        () -> strict.readValue("{\"items\": [{\"name\": \"a\", \"cuont\": 1}]}", Body.class));
    Problem problem = JsonProblems.wrongType(e, e.getTargetType(), null);
    assertEquals(List.of(new Problem.FieldError("items[0].cuont", "is not a known field (known: count, name)")), problem.errors());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # body                     | detail starts with
      '{"replicas": '            | the request body is not valid JSON (line 1, column
      '{"replicas" 1}'           | the request body is not valid JSON (line 1, column
      '{"replicas": "three"}'    | field 'replicas' has a value of the wrong type or format
      """)
  void aBodyThatIsNotJsonIsMalformedAndSaysWhere(String json, String detail) {
    Problem problem = JsonProblems.malformed(failure(json, Body.class), null);
    assertEquals("https://plimsoll.dev/problems/malformed-request", problem.type().toString());
    assertEquals(400, problem.status());
    assertTrue(problem.detail().startsWith(detail), problem.detail());
    assertFalse(problem.detail().contains("Exception"), problem.detail());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # body                                   | field    | message
      {"replicas": 99999999999}                | replicas | must be an integer from -2147483648 to 2147483647
      {"version": 99999999999999999999}        | version  | must be an integer from -9223372036854775808 to 9223372036854775807
      {"items": [{"count": 99999999999}]}      | items[0].count | must be an integer from -2147483648 to 2147483647
      """)
  void aNumberTooLargeForItsFieldSaysTheRange(String json, String field, String message) {
    JsonMappingException e = (JsonMappingException) failure(json, Body.class);
    assertEquals(List.of(new Problem.FieldError(field, message)), JsonProblems.unbindable(e, null).errors());
  }

  @Test
  void writingFailuresAreTellableFromReadingFailures() {
    assertFalse(JsonProblems.whileWriting(failure("{\"replicas\": ", Body.class)));
    assertFalse(JsonProblems.whileWriting(failure("{\"replicas\": \"x\"}", Body.class)));
    assertTrue(JsonProblems.whileWriting(assertThrows(JsonProcessingException.class,
        () -> MAPPER.writeValueAsString(new Object() {}))));
  }
}
