package org.handover.transfer;

import static org.handover.processes.transfer.TransferOfCareProcess.Variables.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A discharge summary under the PRSB headings that matter to the GP, actions for the GP first. List headings hold
 * one entry per item (one line per item in the Tasklist form).
 *
 * @param patientEmail optional: where the patient wants their plain-language copy, when the copy goes by email
 */
record DischargeSummary(
        List<String> gpActions,
        List<String> diagnoses,
        List<String> procedures,
        String clinicalSummary,
        List<String> medications,
        List<String> allergies,
        String patientInformation,
        Boolean resultsPending,
        String completedBy,
        String patientEmail) {

    static final int MAX_TEXT = 8000;

    DischargeSummary {
        gpActions = clean(gpActions);
        diagnoses = clean(diagnoses);
        procedures = clean(procedures);
        medications = clean(medications);
        allergies = clean(allergies);
        clinicalSummary = strip(clinicalSummary);
        patientInformation = strip(patientInformation);
        completedBy = strip(completedBy);
        patientEmail = strip(patientEmail);
    }

    /** Every problem with the summary, named by its JSON field; empty when it is complete. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        required(problems, "gpActions", gpActions, "write \"None\" when there are none");
        required(problems, "diagnoses", diagnoses, "primary diagnosis first");
        required(problems, "medications", medications, "one entry per medicine, with STARTED/STOPPED/CHANGED/UNCHANGED");
        required(problems, "allergies", allergies, "\"No known allergies\" when there are none");
        if (clinicalSummary == null) {
            problems.add("clinicalSummary is required");
        }
        if (patientInformation == null) {
            problems.add("patientInformation is required: what the patient was told and given");
        }
        if (resultsPending == null) {
            problems.add("resultsPending is required: true or false");
        }
        if (completedBy == null) {
            problems.add("completedBy is required: name, role and grade of the person completing the summary");
        }
        for (Map.Entry<String, String> text : Map.of("clinicalSummary", nullToEmpty(clinicalSummary),
                "patientInformation", nullToEmpty(patientInformation), "completedBy", nullToEmpty(completedBy)).entrySet()) {
            if (text.getValue().length() > MAX_TEXT) {
                problems.add(text.getKey() + " is longer than " + MAX_TEXT + " characters");
            }
        }
        if (patientEmail != null && !patientEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("patientEmail is not an email address");
        }
        return problems;
    }

    /** From the Tasklist form's variables (list headings one item per line). */
    static DischargeSummary fromVariables(Map<String, Object> variables) {
        return new DischargeSummary(lines(variables.get(GP_ACTIONS)), lines(variables.get(DIAGNOSES)),
                lines(variables.get(PROCEDURES)), text(variables.get(CLINICAL_SUMMARY)),
                lines(variables.get(MEDICATIONS)), lines(variables.get(ALLERGIES)),
                text(variables.get(PATIENT_INFORMATION)),
                variables.get(RESULTS_PENDING) == null ? null : "yes".equals(variables.get(RESULTS_PENDING)),
                text(variables.get(COMPLETED_BY)), null);
    }

    /** The form's variables, so a fix task opens with what was written. */
    Map<String, Object> toVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(GP_ACTIONS, String.join("\n", gpActions));
        variables.put(DIAGNOSES, String.join("\n", diagnoses));
        variables.put(PROCEDURES, String.join("\n", procedures));
        variables.put(CLINICAL_SUMMARY, clinicalSummary);
        variables.put(MEDICATIONS, String.join("\n", medications));
        variables.put(ALLERGIES, String.join("\n", allergies));
        variables.put(PATIENT_INFORMATION, patientInformation);
        variables.put(RESULTS_PENDING, Boolean.TRUE.equals(resultsPending) ? "yes" : "no");
        variables.put(COMPLETED_BY, completedBy);
        return variables;
    }

    private static void required(List<String> problems, String field, List<String> values, String hint) {
        if (values.isEmpty()) {
            problems.add(field + " needs at least one entry: " + hint);
        }
        values.stream().filter(value -> value.length() > MAX_TEXT).findFirst()
                .ifPresent(value -> problems.add(field + " has an entry longer than " + MAX_TEXT + " characters"));
    }

    private static List<String> lines(Object value) {
        return value == null ? List.of() : Arrays.asList(value.toString().split("\\R"));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
