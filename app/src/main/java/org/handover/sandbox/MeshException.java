package org.handover.sandbox;

import org.springframework.http.HttpStatus;

/** Ends a MESH request with an HTTP status and a MESH-style error body. */
class MeshException extends RuntimeException {

    private final HttpStatus status;
    private final transient MeshError error;

    MeshException(HttpStatus status, MeshError error) {
        super(error.errorDescription());
        this.status = status;
        this.error = error;
    }

    MeshException(HttpStatus status, String errorEvent, String errorCode, String errorDescription) {
        this(status, new MeshError(errorEvent, errorCode, errorDescription));
    }

    HttpStatus status() {
        return status;
    }

    MeshError error() {
        return error;
    }
}
