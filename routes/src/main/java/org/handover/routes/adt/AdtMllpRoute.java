package org.handover.routes.adt;

import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;

/**
 * HL7 v2 ADT from the hospital's PAS over MLLP. Camel only frames and unframes: {@code autoAck=false}, because the
 * acknowledgement must say what happened to the message (AA only after commit, AE/AR with the reason), which only
 * the intake knows; {@code stringPayload=false}, so that the intake reads the bytes and refuses those that are not
 * UTF-8 instead of being handed U+FFFD where they were. Each connection is served by its own consumer thread, so one sender's messages are taken in
 * order.
 */
public class AdtMllpRoute extends RouteBuilder {

    public static final String ROUTE_ID = "adt-mllp-intake";

    private final HospitalEventIntake intake;

    public AdtMllpRoute(HospitalEventIntake intake) {
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    @Override
    public void configure() {
        from("mllp://{{handover.adt.mllp-host:0.0.0.0}}:{{handover.adt.mllp-port:2575}}"
                + "?autoAck=false&validatePayload=false&stringPayload=false"
                + "&maxConcurrentConsumers={{handover.adt.max-connections:20}}"
                + "&receiveTimeout={{handover.adt.receive-timeout-ms:15000}}")
                .routeId(ROUTE_ID)
                .process(this::acknowledge);
    }

    private void acknowledge(Exchange exchange) {
        byte[] message = exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT_STRING, intake.acknowledge(message));
    }
}
