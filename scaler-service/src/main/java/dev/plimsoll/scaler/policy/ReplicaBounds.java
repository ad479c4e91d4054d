package dev.plimsoll.scaler.policy;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Class-level: {@code minReplicas <= maxReplicas}, reported on the field {@code maxReplicas}. */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = ReplicaBounds.Validator.class)
public @interface ReplicaBounds {
  String message() default "must be >= minReplicas";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ReplicaBounds, PolicyRequest> {
    @Override
    public boolean isValid(PolicyRequest request, ConstraintValidatorContext context) {
      if (request == null || request.minReplicas() == null || request.maxReplicas() == null
          || request.minReplicas() <= request.maxReplicas()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
          .addPropertyNode("maxReplicas")
          .addConstraintViolation();
      return false;
    }
  }
}
