package org.handover.routes.mesh;

/**
 * A message downloaded from the MESH inbox, from its {@code Mex-*} headers and body.
 *
 * @param messageType     {@code DATA}, or {@code REPORT} for an error report about a message this mailbox sent
 * @param localId         the sender's {@code Mex-LocalID}; on a report, the local id of the message it is about
 * @param linkedMessageId on a report: the MESH id of the message it is about
 * @param body            the content as UTF-8 text (empty for reports)
 */
public record MeshInboundMessage(
        String meshMessageId,
        String messageType,
        String workflowId,
        String from,
        String localId,
        String linkedMessageId,
        String statusCode,
        String statusDescription,
        String body) {

    public boolean isReport() {
        return "REPORT".equalsIgnoreCase(messageType);
    }
}
