package org.handover.transfer;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator against the base FHIR STU3 specification (structure, cardinality, required bindings,
 * invariants). Built once: the first validation loads the specification (a few seconds). Only errors and fatal
 * problems stop a message; warnings (e.g. NHS extensions the base specification does not know) do not. Thread-safe;
 * HAPI's validator objects are reused between validations (see PooledInstanceValidator).
 */
final class Stu3Validation {

    private final FhirValidator validator;

    Stu3Validation(FhirContext fhir) {
        this(fhir, new PooledInstanceValidator(specification(fhir), PooledInstanceValidator.USES));
    }

    Stu3Validation(FhirContext fhir, FhirInstanceValidator instanceValidator) {
        instanceValidator.setAnyExtensionsAllowed(true);
        this.validator = fhir.newValidator().registerValidatorModule(instanceValidator);
    }

    static ValidationSupportChain specification(FhirContext fhir) {
        return new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
    }

    /** Loads the specification in the background, so the first summary a ward completes does not wait for it. */
    Stu3Validation warmUp() {
        Thread warmUp = new Thread(() -> validator.validateWithResult(new org.hl7.fhir.dstu3.model.Bundle()
                .setType(org.hl7.fhir.dstu3.model.Bundle.BundleType.MESSAGE)), "stu3-validator-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return this;
    }

    /** @return the errors, each as "location: message"; empty when valid */
    List<String> errors(IBaseResource resource) {
        return errors(validator.validateWithResult(resource));
    }

    /** @param json the resource as encoded to be stored and sent, so it is not encoded again only to be validated */
    List<String> errors(String json) {
        return errors(validator.validateWithResult(json));
    }

    private static List<String> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
