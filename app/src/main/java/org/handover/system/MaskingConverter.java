package org.handover.system;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.handover.domain.Masking;

/** Log message converter that masks NHS numbers and mobile numbers, whatever logged them (ours or a library's). */
public class MaskingConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Masking.maskIdentifiers(super.convert(event));
    }
}
