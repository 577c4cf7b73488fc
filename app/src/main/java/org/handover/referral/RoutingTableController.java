package org.handover.referral;

import java.security.Principal;
import java.util.List;
import org.handover.rules.referral.RedFlag;
import org.handover.rules.referral.RoutingEntry;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators read and change the referral routing table and red flags; every change is a new, audited version. */
@RestController
@RequestMapping("/api/admin/referral-routing")
@PreAuthorize("hasRole('CAMUNDA_ADMIN')")
class RoutingTableController {

    private final RoutingTable routingTable;

    RoutingTableController(RoutingTable routingTable) {
        this.routingTable = routingTable;
    }

    @GetMapping
    RoutingTable.Version current() {
        return routingTable.current();
    }

    @GetMapping("/history")
    List<RoutingTable.Version> history() {
        return routingTable.history();
    }

    @PutMapping
    RoutingTable.Version change(@RequestBody Change change, Principal user) {
        try {
            return routingTable.change(change.entries(), change.redFlags(), user.getName(), change.changeNote());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    record Change(List<RoutingEntry> entries, List<RedFlag> redFlags, String changeNote) {
        Change {
            if (entries == null || redFlags == null) {
                throw new IllegalArgumentException("Send both entries and redFlags (the whole table, as it should be)");
            }
        }
    }
}
