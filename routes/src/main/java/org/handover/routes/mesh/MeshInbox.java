package org.handover.routes.mesh;

/**
 * What arrives in the trust's MESH inbox. The implementation stores the message durably (and does what it must with
 * it) before returning; only then does the route acknowledge it in MESH, so a crash in between means the message is
 * downloaded again, and the implementation must recognise a repeat by its MESH message id.
 */
public interface MeshInbox {

    void received(MeshInboundMessage message);
}
