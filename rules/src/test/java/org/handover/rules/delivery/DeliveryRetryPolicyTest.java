package org.handover.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.handover.rules.delivery.RetryDecision.Action.DEAD_LETTER;
import static org.handover.rules.delivery.RetryDecision.Action.RETRY;

import org.handover.rules.delivery.RetryDecision.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryRetryPolicyTest {

    private static final DeliveryRetryPolicy POLICY = DeliveryRetryPolicy.create();

    @ParameterizedTest(name = "{0} {1} attempt {2}/{3} -> {4} by {5}")
    @CsvSource(textBlock = """
            # channel,   errorCode,          attempts, max, action,      classified by,          decided by
            gp,          HTTP_500,           1,        5,   RETRY,       HttpServerError,        RetryTransientFailure
            gp,          HTTP_503,           4,        5,   RETRY,       HttpServerError,        RetryTransientFailure
            gp,          HTTP_503,           5,        5,   DEAD_LETTER, HttpServerError,        GiveUpAfterMaxAttempts
            gp,          HTTP_503,           6,        5,   DEAD_LETTER, HttpServerError,        GiveUpAfterMaxAttempts
            gp,          HTTP_429,           2,        5,   RETRY,       HttpTryLater,           RetryTransientFailure
            gp,          HTTP_429,           5,        5,   DEAD_LETTER, HttpTryLater,           GiveUpAfterMaxAttempts
            gp,          HTTP_408,           1,        5,   RETRY,       HttpTryLater,           RetryTransientFailure
            gp,          HTTP_400,           1,        5,   DEAD_LETTER, HttpRequestRejected,    DeadLetterPermanentFailure
            gp,          HTTP_401,           1,        5,   DEAD_LETTER, HttpCredentialsRefused, DeadLetterPermanentFailure
            gp,          HTTP_403,           1,        5,   DEAD_LETTER, HttpCredentialsRefused, DeadLetterPermanentFailure
            gp,          HTTP_404,           1,        5,   DEAD_LETTER, HttpRecipientUnknown,   DeadLetterPermanentFailure
            gp,          HTTP_410,           1,        5,   DEAD_LETTER, HttpRecipientUnknown,   DeadLetterPermanentFailure
            gp,          HTTP_413,           1,        5,   DEAD_LETTER, HttpRequestRejected,    DeadLetterPermanentFailure
            gp,          HTTP_422,           1,        5,   DEAD_LETTER, HttpRequestRejected,    DeadLetterPermanentFailure
            gp,          HTTP_404,           5,        5,   DEAD_LETTER, HttpRecipientUnknown,   DeadLetterPermanentFailure
            social-care, SMTP_421,           1,        5,   RETRY,       SmtpTemporaryFailure,   RetryTransientFailure
            social-care, SMTP_450,           4,        5,   RETRY,       SmtpTemporaryFailure,   RetryTransientFailure
            social-care, SMTP_450,           5,        5,   DEAD_LETTER, SmtpTemporaryFailure,   GiveUpAfterMaxAttempts
            social-care, SMTP_550,           1,        5,   DEAD_LETTER, SmtpRecipientRejected,  DeadLetterPermanentFailure
            social-care, SMTP_553,           1,        5,   DEAD_LETTER, SmtpRecipientRejected,  DeadLetterPermanentFailure
            social-care, SMTP_554,           1,        5,   DEAD_LETTER, SmtpPermanentFailure,   DeadLetterPermanentFailure
            sms,         SMPP_00000058,      1,        5,   RETRY,       SmppCentreBusy,         RetryTransientFailure
            sms,         SMPP_00000014,      4,        5,   RETRY,       SmppCentreBusy,         RetryTransientFailure
            sms,         SMPP_00000014,      5,        5,   DEAD_LETTER, SmppCentreBusy,         GiveUpAfterMaxAttempts
            sms,         SMPP_00000008,      1,        5,   RETRY,       SmppCentreError,        RetryTransientFailure
            sms,         SMPP_00000045,      1,        5,   RETRY,       SmppCentreError,        RetryTransientFailure
            sms,         SMPP_0000000B,      1,        5,   DEAD_LETTER, SmppNumberRejected,     DeadLetterPermanentFailure
            sms,         SMPP_0000000b,      1,        5,   DEAD_LETTER, SmppNumberRejected,     DeadLetterPermanentFailure
            sms,         SMPP_0000000A,      1,        5,   DEAD_LETTER, SmppMessageRejected,    DeadLetterPermanentFailure
            sms,         SMPP_00000001,      1,        5,   DEAD_LETTER, SmppMessageRejected,    DeadLetterPermanentFailure
            sms,         SMPP_000000FF,      1,        5,   RETRY,       UnrecognisedFailure,    RetryTransientFailure
            gp,          CONNECTION_REFUSED, 1,        5,   RETRY,       ConnectionRefused,      RetryTransientFailure
            social-care, TIMEOUT,            4,        5,   RETRY,       ConnectionTimedOut,     RetryTransientFailure
            sms,         TIMEOUT,            5,        5,   DEAD_LETTER, ConnectionTimedOut,     GiveUpAfterMaxAttempts
            sms,         NO_ANSWER,          1,        5,   RETRY,       NoAnswerInTime,         RetryTransientFailure
            social-care, NO_ANSWER,          5,        5,   DEAD_LETTER, NoAnswerInTime,         GiveUpAfterMaxAttempts
            gp,          UNKNOWN,            1,        5,   RETRY,       UnrecognisedFailure,    RetryTransientFailure
            gp,          UNKNOWN,            5,        5,   DEAD_LETTER, UnrecognisedFailure,    GiveUpAfterMaxAttempts
            gp,          HTTP_302,           1,        5,   RETRY,       UnrecognisedFailure,    RetryTransientFailure
            gp,          HTTP_503,           1,        1,   DEAD_LETTER, HttpServerError,        GiveUpAfterMaxAttempts
            """)
    void decidesByErrorCodeAndAttempts(String channel, String errorCode, int attempts, int maxAttempts,
            Action action, String classifiedBy, String decidedBy) {
        RetryDecision decision = POLICY.decide(new DeliveryFailure(channel, errorCode, attempts, maxAttempts));

        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.rulesFired()).containsExactly(classifiedBy, decidedBy);
        assertThat(decision.reason()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void permanentFailureSaysRetryingWillNotHelp() {
        RetryDecision decision = POLICY.decide(new DeliveryFailure("social-care", "SMTP_550", 1, 5));

        assertThat(decision.reason()).isEqualTo("Recipient rejected the address (SMTP 550): retrying will not help");
    }

    @Test
    void exhaustedAttemptsSayHowManyAndTheLastError() {
        RetryDecision decision = POLICY.decide(new DeliveryFailure("gp", "HTTP_503", 5, 5));

        assertThat(decision.reason())
                .isEqualTo("Gave up after 5 attempts: The receiving system had a server error (HTTP 503)");
    }

    @Test
    void retryNamesTheAttempt() {
        RetryDecision decision = POLICY.decide(new DeliveryFailure("sms", "SMPP_00000058", 2, 5));

        assertThat(decision.action()).isEqualTo(RETRY);
        assertThat(decision.reason())
                .isEqualTo("The text message centre is busy (SMPP 0x00000058): will retry (attempt 2 of 5 failed)");
    }

    @Test
    void anUnansweredSendIsRetriedAndSaysItMayHaveBeenDelivered() {
        RetryDecision decision = POLICY.decide(new DeliveryFailure("sms", "NO_ANSWER", 1, 8));

        assertThat(decision.action()).isEqualTo(RETRY);
        assertThat(decision.reason()).contains("did not answer in time, so it may have been delivered");
    }

    @Test
    void sameFailureGetsSameDecisionEveryTime() {
        DeliveryFailure failure = new DeliveryFailure("gp", "HTTP_401", 1, 3);

        assertThat(POLICY.decide(failure)).isEqualTo(POLICY.decide(failure));
        assertThat(POLICY.decide(failure).action()).isEqualTo(DEAD_LETTER);
    }

    @Test
    void rejectsImpossibleAttemptCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeliveryFailure("gp", "HTTP_503", 0, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeliveryFailure("gp", "HTTP_503", 1, 0));
    }
}
