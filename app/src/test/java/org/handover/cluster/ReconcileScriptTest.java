package org.handover.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/bench/reconcile.awk on made-up ledgers: what it excuses as the known limit of hazard H08 (a text or mail taken by
 * its receiver on a node then killed, before the ledger recorded it, sent again by the node that took over) and what
 * it does not.
 */
class ReconcileScriptTest {

    private static final String LEDGER = """
            gp\tmex-1\tSENT\tg1
            social-care\tmail-1\tSENT\tm1
            social-care\tmail-2\tDELIVERED\tm2
            sms\t+447700900001 hello\tDELIVERED\ts1
            """;

    @TempDir
    Path folder;

    record Result(int exit, String output) {
    }

    @Test
    void eachMessageReceivedOnceReconciles() throws Exception {
        Result result = reconcile(LEDGER, received("gp\tmex-1", "social-care\tmail-1", "social-care\tmail-2",
                "sms\t+447700900001 hello"), null);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("social-care  accepted      2  received      2  lost 0  duplicates 0");
    }

    @Test
    void aMailInFlightAtTheKillReceivedTwiceIsTheKnownLimitNotAFailure() throws Exception {
        Result result = reconcile(LEDGER, received("gp\tmex-1", "social-care\tmail-1", "social-care\tmail-1",
                "social-care\tmail-2", "sms\t+447700900001 hello", "sms\t+447700900001 hello"),
                "social-care\tmail-1\nsms\t+447700900001 hello\n");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("sent again after the kill (known limit, hazard H08): social-care\tmail-1")
                .contains("social-care  accepted      2  received      3  lost 0  duplicates 0")
                .contains("sent again after the kill (H08) 1");
    }

    @Test
    void aDuplicateNotInFlightAtTheKillFails() throws Exception {
        Result result = reconcile(LEDGER, received("gp\tmex-1", "social-care\tmail-1", "social-care\tmail-2",
                "social-care\tmail-2", "sms\t+447700900001 hello"), "social-care\tmail-1\n");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("duplicate: social-care\tmail-2")
                .contains("social-care  accepted      2  received      3  lost 0  duplicates 1");
    }

    @Test
    void aMeshDuplicateOrAThirdCopyFailsEvenInFlight() throws Exception {
        Result mesh = reconcile(LEDGER, received("gp\tmex-1", "gp\tmex-1", "social-care\tmail-1",
                "social-care\tmail-2", "sms\t+447700900001 hello"), "gp\tmex-1\n");
        assertThat(mesh.exit()).isEqualTo(1);
        assertThat(mesh.output()).contains("gp           accepted      1  received      2  lost 0  duplicates 1");

        Result thrice = reconcile(LEDGER, received("gp\tmex-1", "social-care\tmail-1", "social-care\tmail-1",
                "social-care\tmail-1", "social-care\tmail-2", "sms\t+447700900001 hello"), "social-care\tmail-1\n");
        assertThat(thrice.exit()).isEqualTo(1);
        assertThat(thrice.output()).contains("duplicates 1").contains("sent again after the kill (H08) 1");
    }

    @Test
    void theKeysInFlightAreThoseReceivedButNotAcceptedBeforeTheKill() throws Exception {
        Path unaccepted = Files.writeString(folder.resolve("unaccepted.txt"), "m1\ns1\n");
        Result result = run(List.of("-v", "unaccepted=" + unaccepted, "-v", "report=stray-keys"), LEDGER,
                received("gp\tmex-1", "social-care\tmail-1", "social-care\tmail-2"));
        assertThat(result.exit()).isZero();
        assertThat(result.output().lines().sorted().toList()).containsExactly("social-care\tmail-1");
    }

    private static String received(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private Result reconcile(String ledger, String received, String inFlight) throws Exception {
        List<String> variables = new ArrayList<>();
        if (inFlight != null) {
            variables.addAll(List.of("-v", "inflight=" + Files.writeString(folder.resolve("in-flight.tsv"), inFlight)));
        }
        return run(variables, ledger, received);
    }

    private Result run(List<String> variables, String ledger, String received)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("awk"));
        command.addAll(variables);
        command.addAll(List.of("-f", Path.of("..", "ops", "bench", "reconcile.awk").toString(),
                Files.writeString(folder.resolve("ledger.tsv"), ledger).toString(),
                Files.writeString(folder.resolve("received.tsv"), received).toString()));
        Process awk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(awk.waitFor(), output);
    }
}
