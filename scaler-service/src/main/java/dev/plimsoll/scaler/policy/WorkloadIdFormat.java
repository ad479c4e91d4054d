package dev.plimsoll.scaler.policy;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.plimsoll.events.WorkloadId;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The value parses as a {@link WorkloadId}; null is valid (combine with {@code @NotNull}). */
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = WorkloadIdFormat.Validator.class)
public @interface WorkloadIdFormat {
  String message() default "must be a workload id platform/namespace/kind/name, for example simulated/demo/Fleet/chat";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<WorkloadIdFormat, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      try {
        WorkloadId.parse(value);
        return true;
      } catch (IllegalArgumentException | NullPointerException e) {
        return false;
      }
    }
  }
}
