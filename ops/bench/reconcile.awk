# The outbox ledger against what the receivers took, per channel: every message the ledger has as accepted by its
# receiver must have been received exactly once, and nothing received that the ledger does not have as accepted.
# Used by ops/cluster/two-nodes.sh (after the run) and ops/faults/inject.sh (what was in flight when a node died);
# TwoNodesTest runs it on a real two-node ledger.
#
#   awk -f ops/bench/reconcile.awk ledger.tsv received.tsv
#       one line per channel; exit 1 if a message is lost, duplicated, received but not accepted, unfinished or dead
#   awk -v unaccepted=ids.txt -v report=stray -f ops/bench/reconcile.awk ledger.tsv received.tsv
#       the outbox ids listed in ids.txt (one a line) count as not accepted whatever the ledger says now; prints only
#       "channel<TAB>received but not accepted" per channel that has any, exit 0
#
# ledger.tsv: channel, key, status, outbox id (GET /api/admin/bench/cluster/ledger); received.tsv: channel, key
# (GET /api/admin/bench/cluster/received). A key is what the receiver knows a message by.
BEGIN {
  FS = "\t"
  if (unaccepted != "") {
    while ((getline id < unaccepted) > 0) notAccepted[id] = 1
    close(unaccepted)
  }
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
  for (key in accepted) {
    split(key, part, "\t"); r = received[key] + 0
    if (r < accepted[key]) { lost[part[1]] += accepted[key] - r; if (shown++ < 5) print "    lost: " key }
    if (r > accepted[key]) { duplicated[part[1]] += r - accepted[key]; if (shown++ < 5) print "    duplicate: " key }
  }
  for (c in channels) {
    printf "  %-12s accepted %6d  received %6d  lost %d  duplicates %d  received but not accepted %d  unfinished %d  dead/abandoned %d\n",
      c, acc[c], rec[c], lost[c], duplicated[c], stray[c], unfinished[c], held[c]
    bad += lost[c] + duplicated[c] + stray[c] + unfinished[c] + held[c]
  }
  exit (bad > 0 ? 1 : 0)
}
