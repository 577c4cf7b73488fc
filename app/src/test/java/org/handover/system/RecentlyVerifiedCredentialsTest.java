package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentlyVerifiedCredentialsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private final RecentlyVerifiedCredentials credentials = new RecentlyVerifiedCredentials(Duration.ofSeconds(60), clock);

    @Test
    void rememberedPasswordGivesTheGroupsWithoutAskingCamundaAgain() {
        credentials.remember("integration", "s3cret-long-password", List.of("integration"));

        assertThat(credentials.groupsIfRecentlyVerified("integration", "s3cret-long-password")).contains(List.of("integration"));
    }

    @Test
    void anyOtherPasswordIsNotRecognised() {
        credentials.remember("integration", "s3cret-long-password", List.of("integration"));

        assertThat(credentials.groupsIfRecentlyVerified("integration", "s3cret-long-passwore")).isEmpty();
        assertThat(credentials.groupsIfRecentlyVerified("integration", "")).isEmpty();
        assertThat(credentials.groupsIfRecentlyVerified("consultant", "s3cret-long-password")).isEmpty();
    }

    @Test
    void aVerificationExpiresAfterTheTimeToLive() {
        credentials.remember("integration", "pw", List.of("integration"));

        clock.advance(Duration.ofSeconds(59));
        assertThat(credentials.groupsIfRecentlyVerified("integration", "pw")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(credentials.groupsIfRecentlyVerified("integration", "pw")).isEmpty();
    }

    @Test
    void aForgottenUserMustBeCheckedAgain() {
        credentials.remember("integration", "pw", List.of("integration"));
        credentials.forget("integration");

        assertThat(credentials.groupsIfRecentlyVerified("integration", "pw")).isEmpty();
    }

    @Test
    void aZeroTimeToLiveRemembersNothing() {
        RecentlyVerifiedCredentials never = new RecentlyVerifiedCredentials(Duration.ZERO, clock);
        never.remember("integration", "pw", List.of("integration"));

        assertThat(never.groupsIfRecentlyVerified("integration", "pw")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
