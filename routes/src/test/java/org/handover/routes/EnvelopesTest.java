package org.handover.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

    @Test
    void readsTheJsonTheOutboxRelayWrites() {
        String json = """
                {"id":"m-1","channel":"SOCIAL_CARE","recipient":"hub@council.example","type":"SendCareNeedsNotice",
                 "correlationKey":"ENC-1","attempt":2,"payload":"Hello","attributes":{"subject":"Discharge"},
                 "addedLater":true}
                """;

        OutboundMessage message = Envelopes.read(json);

        assertThat(message).isEqualTo(new OutboundMessage("m-1", Channel.SOCIAL_CARE, "hub@council.example",
                "SendCareNeedsNotice", "ENC-1", 2, "Hello", Map.of("subject", "Discharge")));
    }

    @Test
    void writesTheChannelAsItsEnumName() {
        OutboundMessage message = Messages.message(Channel.GP, "X26OT002", "{}", Map.of());

        String json = Envelopes.write(message);

        assertThat(json).contains("\"channel\":\"GP\"");
        assertThat(Envelopes.read(json)).isEqualTo(message);
    }

    @Test
    void refusesTextThatIsNoEnvelopeWithoutQuotingIt() {
        assertThatThrownBy(() -> Envelopes.read("patient 9434765919 is not json"))
                .isInstanceOf(UnreadableEnvelopeException.class)
                .hasMessageNotContaining("9434765919");
        assertThatThrownBy(() -> Envelopes.read("{\"id\":\"m-1\"}"))
                .isInstanceOf(UnreadableEnvelopeException.class);
    }
}
