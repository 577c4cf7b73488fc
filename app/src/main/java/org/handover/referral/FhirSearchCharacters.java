package org.handover.referral;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * FHIR token searches write {@code system|value} ({@code identifier=https://fhir.nhs.uk/Id/UBRN|123456789012});
 * clients should send the bar as %7C, but curl and hand-written URLs send it raw, which Tomcat refuses by default.
 */
@Component
class FhirSearchCharacters implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("relaxedQueryChars", "|"));
    }
}
