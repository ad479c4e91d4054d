package dev.plimsoll.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.events.Problem.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # status | kind                     | title
      400      | bad-request              | Bad Request
      404      | not-found                | Not Found
      405      | method-not-allowed       | Method Not Allowed
      406      | not-acceptable           | Not Acceptable
      409      | conflict                 | Conflict
      413      | request-entity-too-large | Request Entity Too Large
      414      | request-uri-too-long     | Request-URI Too Long
      415      | unsupported-media-type   | Unsupported Media Type
      500      | internal-server-error    | Internal Server Error
      503      | service-unavailable      | Service Unavailable
      418      | http-418                 | HTTP 418
      599      | http-599                 | HTTP 599
      """)
  void kindAndTitleComeFromTheStatus(int status, String kind, String title) {
    assertEquals(kind, Problems.kind(status));
    assertEquals(title, Problems.title(status));
  }

  /**
   * Paths as Hibernate Validator builds them, one node a word: {@code KIND:name}, with {@code [i]} or {@code {key}} when the
   * node is in an iterable or a map.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # property path                                                          | field
      METHOD:create PARAMETER:body PROPERTY:maxReplicas                        | maxReplicas
      METHOD:putScale PARAMETER:request PROPERTY:replicas                      | replicas
      METHOD:create PARAMETER:body PROPERTY:limits PROPERTY:memory             | limits.memory
      METHOD:create PARAMETER:body PROPERTY:items PROPERTY:name[2]             | items[2].name
      METHOD:create PARAMETER:body PROPERTY:tags CONTAINER_ELEMENT:<list-element>[0] | tags[0]
      METHOD:create PARAMETER:body PROPERTY:labels CONTAINER_ELEMENT:<map-value>{team} | labels[team]
      METHOD:create PARAMETER:body PROPERTY:name[1]                            | [1].name
      METHOD:list PARAMETER:limit                                              | limit
      METHOD:create PARAMETER:body BEAN:                                       | body
      METHOD:create CROSS_PARAMETER:<cross-parameter>                          | body
      CONSTRUCTOR:Policy PARAMETER:minReplicas                                 | minReplicas
      PROPERTY:maxReplicas                                                     | maxReplicas
      """)
  void fieldDropsTheMethodAndParameterNodes(String path, String field) {
    assertEquals(field, Problems.field(FakePath.parse(path)));
  }

  @Test
  void fieldErrorsAreSortedByFieldThenMessage() {
    // the set of violations has no order; the errors in the response do
    var errors = new ArrayList<FieldError>(List.of(new FieldError("target", "must be greater than 0"),
        new FieldError("maxReplicas", "must not be null"), new FieldError("maxReplicas", "is odd")));
    for (int shift = 0; shift < errors.size(); shift++) {
      Collections.rotate(errors, 1);
      assertEquals(List.of("maxReplicas:is odd", "maxReplicas:must not be null", "target:must be greater than 0"),
          Problems.fieldErrors(errors.stream().map(ProblemsTest::violation).toList()).stream()
              .map(e -> e.field() + ":" + e.message()).toList());
    }
  }

  /** A violation of {@code error.field()} (a property path) with {@code error.message()}; nothing else is read. */
  static ConstraintViolation<?> violation(FieldError error) {
    Path path = FakePath.property(error.field());
    return (ConstraintViolation<?>) Proxy.newProxyInstance(ProblemsTest.class.getClassLoader(),
        new Class<?>[] {ConstraintViolation.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getPropertyPath" -> path;
          case "getMessage" -> error.message();
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  record FakePath(List<Path.Node> nodes) implements Path {
    private static final Pattern NODE = Pattern.compile("([A-Z_]+):([^\\[{]*)(?:\\[(\\d+)]|\\{([^}]*)})?");

    static FakePath parse(String text) {
      List<Path.Node> nodes = new ArrayList<>();
      for (String word : text.trim().split("\\s+")) {
        Matcher m = NODE.matcher(word);
        if (!m.matches()) {
          throw new IllegalArgumentException(word);
        }
        String name = m.group(2).isEmpty() ? null : m.group(2);
        Integer index = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        nodes.add(new FakeNode(ElementKind.valueOf(m.group(1)), name, index, m.group(4)));
      }
      return new FakePath(nodes);
    }

    static FakePath property(String dotted) {
      List<Path.Node> nodes = new ArrayList<>();
      Arrays.stream(dotted.split("\\.")).forEach(n -> nodes.add(new FakeNode(ElementKind.PROPERTY, n, null, null)));
      return new FakePath(nodes);
    }

    @Override
    public Iterator<Node> iterator() {
      return nodes.iterator();
    }
  }

  record FakeNode(ElementKind kind, String name, Integer index, Object key) implements Path.Node {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isInIterable() {
      return index != null || key != null;
    }

    @Override
    public Integer getIndex() {
      return index;
    }

    @Override
    public Object getKey() {
      return key;
    }

    @Override
    public ElementKind getKind() {
      return kind;
    }

    @Override
    public <T extends Path.Node> T as(Class<T> nodeType) {
      throw new UnsupportedOperationException();
    }
  }
}
