package org.handover.adt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The sending side of MLLP, as a PAS does it: one TCP connection, each message framed {@code <VT> message <FS><CR>}
 * and answered by one acknowledgement. Used by {@link MllpSend}, the benchmark's load generator and the tests.
 */
public final class MllpConnection implements AutoCloseable {

    private static final int START = 0x0b;
    private static final int END = 0x1c;
    private static final int CR = 0x0d;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpConnection(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one message (newlines become segment separators) and returns the acknowledgement. */
    public String send(String message) {
        return sendBytes(message.replace("\r\n", "\r").replace('\n', '\r').getBytes(StandardCharsets.UTF_8));
    }

    public String sendBytes(byte[] payload) {
        try {
            out.write(START);
            out.write(payload);
            out.write(END);
            out.write(CR);
            out.flush();
            return readFrame();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readFrame() throws IOException {
        int b = in.read();
        while (b != START) {
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement");
            }
            b = in.read();
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while ((b = in.read()) != END) {
            if (b < 0) {
                throw new IOException("connection closed inside an acknowledgement");
            }
            frame.write(b);
        }
        in.read(); // the CR after FS
        return frame.toString(StandardCharsets.UTF_8);
    }

    /** MSA-1 of an acknowledgement: AA, AE or AR. */
    public static String code(String ack) {
        return segment(ack, "MSA").split("\\|", -1)[1];
    }

    public static String segment(String ack, String name) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith(name + "|")) {
                return segment;
            }
        }
        return "";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection
        }
    }
}
