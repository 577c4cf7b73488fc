package org.handover.transfer;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.XVerExtensionManager;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, with the same checks and the same messages, that reuses its InstanceValidators instead
 * of building one per validation. HAPI 8.4's ValidatorWrapper builds a new one every time, and each one re-reads the
 * 1.5 MB OID registry and sets up its FHIRPath engine and profile utilities again: most of a discharge summary's
 * validation CPU. An InstanceValidator clears its per-resource state when a validation starts, but it is not
 * thread-safe, so each is lent to one thread at a time; it is retired after {@link #USES} validations, as it keeps
 * a few things across validations (lookups, de-duplicated hints and the code/text pairs it collects for an AI check
 * that is not configured here) that must stay bounded. One that failed is not reused. JSON only (what Handover sends);
 * anything else takes HAPI's own path.
 *
 * <p>The settings are read when an InstanceValidator is built: configure this before the first validation.
 * {@code validate} follows ValidatorWrapper.validate (hapi-fhir-validation 8.4.0) step by step; check it again when
 * HAPI is upgraded (PooledInstanceValidatorTest compares the two on valid and invalid messages).
 */
final class PooledInstanceValidator extends FhirInstanceValidator {

    static final int USES = 500;

    private final ConcurrentLinkedQueue<Lent> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger built = new AtomicInteger();

    private final int uses;

    PooledInstanceValidator(IValidationSupport support, int uses) {
        super(support);
        this.uses = uses;
        provideWorkerContext(); // HAPI creates it lazily without a lock; several threads validate at once
    }

    /** How many InstanceValidators were built so far (each costs about as much as several validations). */
    int built() {
        return built.get();
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
            return super.validate(context);
        }
        Lent lent = idle.poll();
        if (lent == null) {
            ValidatorSession session = new ValidatorSession();
            lent = new Lent(build(provideWorkerContext(), session), session);
        }
        List<ValidationMessage> messages = validate(lent, context);
        if (++lent.uses < uses) {
            idle.offer(lent);
        }
        return messages;
    }

    private List<ValidationMessage> validate(Lent lent, IValidationContext<?> context) {
        IWorkerContext worker = provideWorkerContext();
        List<ValidationMessage> messages = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        List<ValidationMessage> unknownProfiles = new ArrayList<>();
        for (String url : context.getOptions().getProfiles()) {
            addProfile(worker, profiles, url, unknownProfiles);
        }
        String json = context.getResourceAsString();
        JsonObject meta = new Gson().fromJson(json, JsonObject.class).getAsJsonObject("meta");
        if (meta != null && meta.get("profile") != null && meta.get("profile").isJsonArray()) {
            for (JsonElement url : meta.get("profile").getAsJsonArray()) {
                addProfile(worker, profiles, url.getAsString(), unknownProfiles);
            }
        }
        lent.validator.validate(context.getOptions().getAppContext(), messages,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FhirFormat.JSON, profiles);
        lent.session.close();
        if (profiles.isEmpty() && !unknownProfiles.isEmpty()) {
            messages.addAll(unknownProfiles);
        }
        List<ValidationMessage> kept = new ArrayList<>(messages.stream().filter(PooledInstanceValidator::keep).toList());
        if (isErrorForUnknownProfiles()) {
            kept.stream().filter(PooledInstanceValidator::unknownProfile)
                    .filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.WARNING)
                    .forEach(m -> m.setLevel(ValidationMessage.IssueSeverity.ERROR));
        }
        return kept;
    }

    private InstanceValidator build(IWorkerContext worker, ValidatorSession session) {
        InstanceValidator validator;
        try {
            validator = new InstanceValidator(worker, new NullEvaluationContext(), new XVerExtensionManager(worker),
                    session, new ValidatorSettings());
        } catch (Exception e) {
            throw new IllegalStateException("HAPI's InstanceValidator could not be built: " + e.getMessage(), e);
        }
        validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
        validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        validator.setResourceIdRule(IdStatus.OPTIONAL);
        validator.setNoTerminologyChecks(isNoTerminologyChecks());
        validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        validator.setUnknownCodeSystemsCauseErrors(true);
        validator.getExtensionDomains().addAll(getExtensionDomains());
        validator.setFetcher(getValidatorResourceFetcher());
        validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
        validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
        validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        validator.setAllowExamples(isAllowExamples());
        validator.setAllowXsiLocation(true);
        built.incrementAndGet();
        return validator;
    }

    private static void addProfile(IWorkerContext worker, List<StructureDefinition> profiles, String url,
            List<ValidationMessage> unknown) {
        try {
            StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
            if (profile != null) {
                profiles.add(profile);
            } else {
                ValidationMessage message = new ValidationMessage();
                message.setMessageId("Validation_VAL_Profile_Unknown");
                message.setLevel(ValidationMessage.IssueSeverity.ERROR);
                message.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
                unknown.add(message);
            }
        } catch (FHIRException e) {
            // as HAPI: a profile that cannot be loaded is left to the validator to report
        }
    }

    /** As HAPI: drops the binding messages about a missing value set source, and the MIME types value set not found. */
    private static boolean keep(ValidationMessage message) {
        String id = message.getMessageId();
        return id == null || !(id.equals("Terminology_TX_Binding_NoSource")
                || id.equals("Terminology_TX_Binding_NoSource2")
                || (id.equals("Terminology_TX_ValueSet_NotFound")
                        && message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
    }

    private static boolean unknownProfile(ValidationMessage message) {
        String id = message.getMessageId();
        return id != null && (id.equals("Validation_VAL_Profile_Unknown")
                || id.equals("VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY"));
    }

    private static final class Lent {
        final InstanceValidator validator;
        final ValidatorSession session;
        int uses;

        Lent(InstanceValidator validator, ValidatorSession session) {
            this.validator = validator;
            this.session = session;
        }
    }
}
