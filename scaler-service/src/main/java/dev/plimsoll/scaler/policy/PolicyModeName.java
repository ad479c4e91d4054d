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

/** The value is a {@link PolicyMode#label()}, validated as a string so that it is reported with every other field error. */
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = PolicyModeName.Validator.class)
public @interface PolicyModeName {
  String message() default "must be one of enforce, dry-run, paused";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PolicyModeName, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || PolicyMode.fromLabel(value).isPresent();
    }
  }
}
