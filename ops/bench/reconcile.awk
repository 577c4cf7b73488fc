# The outbox ledger against what the receivers took, per channel: every message the ledger has as accepted by its
# receiver must have been received exactly once, and nothing received that the ledger does not have as accepted.
# Used by ops/cluster/two-nodes.sh (after the run, and at the kill for what was in flight) and ops/faults/inject.sh
# (what was in flight when a node died); TwoNodesTest runs it on a real two-node ledger, ReconcileScriptTest on made-up
# lists.
#
#   awk -f ops/bench/reconcile.awk ledger.tsv received.tsv
#       one line per channel; exit 1 if a message is lost, duplicated, received but not accepted, unfinished or dead
#   awk -v inflight=keys.tsv -f ops/bench/reconcile.awk ledger.tsv received.tsv
#       the same, but a text or mail (channels sms, social-care: their receivers cannot recognise a resend) listed in
#       keys.tsv (channel<TAB>key, as report=stray-keys prints them) received once more than accepted is the known
#       limit of hazard H08 (taken by the receiver, then its node killed before the ledger recorded it, sent again by
#       the node that took over): counted apart, not a failure. A MESH message, a third copy, or any other key is.
#   awk -v unaccepted=ids.txt -v report=stray -f ops/bench/reconcile.awk ledger.tsv received.tsv
#       the outbox ids listed in ids.txt (one a line) count as not accepted whatever the ledger says now; prints only
#       "channel<TAB>received but not accepted" per channel that has any, exit 0
#   awk -v unaccepted=ids.txt -v report=stray-keys -f ops/bench/reconcile.awk ledger.tsv received.tsv
#       the same, one "channel<TAB>key" line per message received but not accepted
#
# ledger.tsv: channel, key, status, outbox id (GET /api/admin/bench/cluster/ledger); received.tsv: channel, key
# (GET /api/admin/bench/cluster/received). A key is what the receiver knows a message by.
BEGIN {
  FS = "\t"
  if (unaccepted != "") {
    while ((getline id < unaccepted) > 0) notAccepted[id] = 1
    close(unaccepted)
  }
  if (inflight != "") {
    while ((getline line < inflight) > 0) inFlight[line] = 1
    close(inflight)
  }
  resendable["sms"] = 1; resendable["social-care"] = 1
}
FNR == NR {
  key = $1 "\t" $2; status = ($4 in notAccepted) ? "UNACCEPTED" : $3
  if (status ~ /^(SENT|DELIVERED|ACKNOWLEDGED|UNDELIVERABLE)$/) { accepted[key]++; acc[$1]++ }
  else if (status ~ /^(PENDING|QUEUED|SENDING|FAILED|UNACCEPTED)$/) unfinished[$1]++
  else held[$1]++
  channels[$1] = 1
  next
}
{ received[$1 "\t" $2]++; rec[$1]++; channels[$1] = 1 }
END {
  for (key in received) if (!(key in accepted)) { split(key, part, "\t"); stray[part[1]] += received[key] }
  if (report == "stray") {
    for (c in stray) printf "%s\t%d\n", c, stray[c]
    exit 0
  }
  if (report == "stray-keys") {
    for (key in received) if (!(key in accepted)) print key
    exit 0
  }
  for (key in accepted) {
    split(key, part, "\t"); r = received[key] + 0
    if (r < accepted[key]) { lost[part[1]] += accepted[key] - r; if (shown++ < 5) print "    lost: " key }
    extra = r - accepted[key]
    if (extra > 0 && (key in inFlight) && (part[1] in resendable)) {
      resent[part[1]]++; extra--
      if (shownResent++ < 5) print "    sent again after the kill (known limit, hazard H08): " key
    }
    if (extra > 0) { duplicated[part[1]] += extra; if (shown++ < 5) print "    duplicate: " key }
  }
  for (c in channels) {
    printf "  %-12s accepted %6d  received %6d  lost %d  duplicates %d  received but not accepted %d  unfinished %d  dead/abandoned %d  sent again after the kill (H08) %d\n",
      c, acc[c], rec[c], lost[c], duplicated[c], stray[c], unfinished[c], held[c], resent[c]
    bad += lost[c] + duplicated[c] + stray[c] + unfinished[c] + held[c]
  }
  exit (bad > 0 ? 1 : 0)
}
