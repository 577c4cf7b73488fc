package org.handover.sandbox;

/**
 * The sandbox's phones as the rest of the application may use them (the FFT benchmark types its patients' replies
 * here): a reply goes back to Handover through whichever simulated network carries texts, the SMPP message centre or
 * the Notify simulator ({@code handover.sms.provider}).
 */
public interface SandboxPhones {

    /**
     * @param phone E.164 number
     * @return the reply's id in the simulated network
     */
    String reply(String phone, String text);
}
