package dev.plimsoll.web.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import java.math.BigInteger;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Request bodies Jackson could not read, in API words: the JSON path of the value to blame, never a Java type or class name. */
public final class JsonProblems {

  private JsonProblems() {}

  private static final List<Class<?>> INTEGERS = List.of(Integer.class, int.class, Long.class, long.class, Short.class,
      short.class, Byte.class, byte.class, BigInteger.class);

  /** A body that is not JSON, or not the JSON this operation reads: 400 {@code malformed-request}. */
  public static Problem malformed(JsonProcessingException e, URI instance) {
    return Problem.of("malformed-request", "Malformed request body", 400, describe(e), instance);
  }

  /** A value of the wrong type, e.g. {@code "minReplicas":"two"}: a validation problem at its JSON path. */
  public static Problem wrongType(JsonMappingException e, Class<?> target, URI instance) {
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      // Only where a body is read strictly (a misspelt field must not be ignored silently).
      String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
          .collect(Collectors.joining(", "));
      return Problem.validation(List.of(new FieldError(jsonPath(e), "is not a known field" + (known.isEmpty() ? "" : " (known: " + known + ")"))),
          instance);
    }
    return Problem.validation(List.of(new FieldError(jsonPath(e), expected(target))), instance);
  }

  /** A binding failure Quarkus REST wraps (e.g. a number too large for its field): a validation problem at its JSON path. */
  public static Problem unbindable(JsonMappingException e, URI instance) {
    return Problem.validation(List.of(new FieldError(jsonPath(e), outOfRange(e))), instance);
  }

  /** True when Jackson failed while writing a response (our fault), not while reading a request. */
  public static boolean whileWriting(JsonProcessingException e) {
    return e.getProcessor() instanceof JsonGenerator;
  }

  /** The JSON path of the offending value, e.g. {@code minReplicas} or {@code items[2].name}; {@code body} for the whole body. */
  public static String jsonPath(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    return path.isEmpty() ? "body" : path;
  }

  /** What a JSON value bound to this Java type must look like, in API words (never the type's name). */
  public static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (INTEGERS.contains(type)) {
      return "must be an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class || Number.class.isAssignableFrom(type)) {
      return "must be a number";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
      return "must be a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "must be an ISO-8601 date-time";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "must be an array";
    }
    if (type.isEnum() || type.isPrimitive()) {
      return "has the wrong type";
    }
    return "must be a JSON object";
  }

  /** The message of a wrapped binding failure: a number out of its field's range, or else a generic wrong type. */
  static String outOfRange(JsonMappingException e) {
    if (e.getCause() instanceof InputCoercionException coercion) {
      Class<?> type = coercion.getTargetType();
      if (type == Integer.class || type == int.class) {
        return "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      }
      if (type == Long.class || type == long.class) {
        return "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      }
      return "is out of range";
    }
    return "has a value of the wrong type or format";
  }

  /** A readable account of a JSON problem, naming the field but no Java type. */
  public static String describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "field '" + jsonPath(mapping) + "' has a value of the wrong type or format";
    }
    if (e instanceof StreamReadException) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return "the request body is not valid JSON" + where;
    }
    return "the request body could not be read as the expected JSON object";
  }
}
