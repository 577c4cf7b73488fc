# Shared by ops/faults/inject.sh and ops/cluster/two-nodes.sh (source it; the caller defines sql, which runs one query
# on the run's PostgreSQL and prints the answer): waits until the work of a run is finished.
#   wait_for_drain SECONDS [PID...]
# Finished: no outbox row unfinished (PENDING, QUEUED, SENDING, FAILED), no ClusterTimerProbe instance waiting, none
# of the PIDs (the load's client runs) alive. Prints the three counts on one line every 3 s; returns 0 once finished,
# 1 when SECONDS have passed first (the caller says so in its own words). A count the database cannot give (PostgreSQL
# restarting) shows as '?' and is not finished.
wait_for_drain() {
  local deadline=$((SECONDS + $1)) unfinished waiting clients pid
  shift
  while :; do
    unfinished="$(sql "select count(*) from outbox_message where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED')" \
      2>/dev/null || echo '?')"
    waiting="$(sql "select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
                    where d.key_ = 'ClusterTimerProbe' and e.parent_id_ is null" 2>/dev/null || echo '?')"
    clients=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && clients=$((clients + 1)); done
    printf '\r  outbox unfinished %s, timer probes waiting %s, client runs going %s (%ds)   ' \
      "$unfinished" "$waiting" "$clients" $((deadline - SECONDS))
    if [ "$unfinished" = 0 ] && [ "$waiting" = 0 ] && [ "$clients" = 0 ]; then
      echo
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo
      return 1
    fi
    sleep 3
  done
}
