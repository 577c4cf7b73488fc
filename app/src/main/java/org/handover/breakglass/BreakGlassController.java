package org.handover.breakglass;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/break-glass opens a case outside the caller's team for a while, stating why; GET lists every grant,
 * for information governance.
 */
@RestController
@RequestMapping("/api/break-glass")
class BreakGlassController {

    private final BreakGlass breakGlass;

    BreakGlassController(BreakGlass breakGlass) {
        this.breakGlass = breakGlass;
    }

    record Request(String processInstanceId, String businessKey, String reason) {
    }

    @PostMapping
    @PreAuthorize("!hasRole('INTEGRATION') or hasRole('CAMUNDA_ADMIN')")
    ResponseEntity<BreakGlass.Grant> open(@RequestBody Request request, Principal user) {
        return ResponseEntity.status(201).body(breakGlass.open(user.getName(), request.processInstanceId(),
                request.businessKey(), request.reason()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('INFORMATION_GOVERNANCE', 'CAMUNDA_ADMIN')")
    List<BreakGlass.Grant> grants() {
        return breakGlass.all();
    }

    @ExceptionHandler(BreakGlassException.class)
    ResponseEntity<Map<String, String>> refused(BreakGlassException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }
}
