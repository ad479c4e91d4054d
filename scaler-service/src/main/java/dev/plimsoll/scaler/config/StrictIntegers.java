package dev.plimsoll.scaler.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Jackson's default truncates a JSON number with a fraction bound to an integer ({@code "maxReplicas":2.9}
 * becomes 2): refuse it instead, so it becomes a 400 validation problem ("must be an integer").
 */
@Singleton
public class StrictIntegers implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
  }
}
