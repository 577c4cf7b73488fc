package org.handover.socialcare;

import java.security.Principal;
import java.util.List;
import org.handover.rules.discharge.CouncilArea;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators read and change the councils and the postcode table; every change is a new, audited version. */
@RestController
@RequestMapping("/api/admin/social-care/councils")
@PreAuthorize("hasRole('CAMUNDA_ADMIN')")
class CouncilDirectoryController {

    private final CouncilDirectory directory;

    CouncilDirectoryController(CouncilDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    CouncilDirectory.Version current() {
        return directory.current();
    }

    @GetMapping("/history")
    List<CouncilDirectory.Version> history() {
        return directory.history();
    }

    @PutMapping
    CouncilDirectory.Version change(@RequestBody Change change, Principal user) {
        try {
            return directory.change(change.councils(), change.postcodeAreas(), user.getName(), change.changeNote());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    record Change(List<Council> councils, List<CouncilArea> postcodeAreas, String changeNote) {
        Change {
            if (councils == null || postcodeAreas == null) {
                throw new IllegalArgumentException("Send both councils and postcodeAreas (the whole directory, as it "
                        + "should be)");
            }
        }
    }
}
