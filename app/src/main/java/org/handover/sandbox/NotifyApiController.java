package org.handover.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated GOV.UK Notify API ({@link NotifySimulator}) at {@value #PATH}: Handover's Notify client is pointed
 * here in the sandbox. Spring Security lets the path through; the simulator checks the client's JWT as Notify does.
 */
@SandboxOnly
@RestController
@RequestMapping(NotifyApiController.PATH)
class NotifyApiController {

    static final String PATH = "/sandbox/notify/v2";

    private final NotifySimulator notify;

    NotifyApiController(NotifySimulator notify) {
        this.notify = notify;
    }

    @PostMapping("/notifications/sms")
    ResponseEntity<ObjectNode> sendSms(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(notify.sendSms(authorization, body));
    }

    /** Notify's error body: {@code {"status_code": 400, "errors": [{"error": ..., "message": ...}]}}. */
    @ExceptionHandler(NotifySimulator.NotifyError.class)
    ResponseEntity<Map<String, Object>> refused(NotifySimulator.NotifyError error) {
        return ResponseEntity.status(error.status).body(Map.of("status_code", error.status,
                "errors", List.of(Map.of("error", error.error, "message", error.getMessage()))));
    }
}
