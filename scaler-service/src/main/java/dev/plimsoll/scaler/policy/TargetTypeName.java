package dev.plimsoll.scaler.policy;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.plimsoll.scaler.decision.TargetType;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The value is a {@link TargetType#label()}. Validated as a string rather than bound to the enum by Jackson,
 * so that a wrong value is reported together with every other field error.
 */
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = TargetTypeName.Validator.class)
public @interface TargetTypeName {
  String message() default "must be one of Value, AverageValue";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<TargetTypeName, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || TargetType.fromLabel(value).isPresent();
    }
  }
}
