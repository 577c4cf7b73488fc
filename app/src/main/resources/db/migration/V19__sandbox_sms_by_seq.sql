-- The sandbox message centre's retention finds the oldest messages by seq, which had no index of its own: every
-- prune (each 10 s) scanned the whole store, about two fifths of the simulators' CPU in the backbone benchmark.
create index sandbox_sms_seq on sandbox_sms (seq);
