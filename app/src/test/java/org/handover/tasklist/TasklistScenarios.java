package org.handover.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.handover.HandoverApplication;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Staff working in the Camunda Tasklist: logging in, their team's filters, finding and flagging tasks.
 * Run once per database (H2 and PostgreSQL) by the subclasses.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class TasklistScenarios {

    abstract SandboxEnvironment environment();

    Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }

    @Test
    void aConsultantLogsInToTasklistAndSeesTheirFilters() {
        WebappSession browser = new WebappSession(environment().baseUrl());
        HttpResponse<String> login = browser.login("consultant", "consultant");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(Http.parse(login.body()).path("userId").asText()).isEqualTo("consultant");

        assertThat(browser.getJson("/camunda/api/admin/auth/user/default").path("userId").asText())
                .isEqualTo("consultant");
        assertThat(browser.get("/camunda/api/engine/engine/default/filter?resourceType=Task").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefusedWithAnAnswerNotABlankPage() {
        WebappSession browser = new WebappSession(environment().baseUrl());
        HttpResponse<String> login = browser.login("wardadmin", "not-the-password");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(browser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
    }
}
