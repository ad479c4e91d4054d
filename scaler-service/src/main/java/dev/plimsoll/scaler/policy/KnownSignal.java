package dev.plimsoll.scaler.policy;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The value is one of {@link KnownSignals#ALL}; null is valid (combine with {@code @NotNull}). */
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = KnownSignal.Validator.class)
public @interface KnownSignal {
  String message() default KnownSignals.MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<KnownSignal, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || KnownSignals.ALL.contains(value);
    }
  }
}
