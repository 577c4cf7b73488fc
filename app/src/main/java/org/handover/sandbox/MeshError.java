package org.handover.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An error answer in MESH's style: {@code {"errorEvent":"SEND","errorCode":"08","errorDescription":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MeshError(
        String errorEvent,
        String errorCode,
        String errorDescription,
        @JsonProperty("messageID") String messageId) {

    MeshError(String errorEvent, String errorCode, String errorDescription) {
        this(errorEvent, errorCode, errorDescription, null);
    }
}
