package org.handover.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One load thread's HTTP/1.1 connection to the node measured: kept alive, each request written as bytes, each
 * answer's status read and its body skipped. The JDK's HttpClient (its selector thread, futures and header maps) cost
 * the benchmark's JVM about 1 ms of CPU per referral, on the same two cores as the application it measures.
 * Not a general client: no redirects, no TLS, no 100-continue.
 */
final class KeptAliveConnection implements Closeable {

    private static final int TIMEOUT_MILLIS = 60_000;

    private final String host;
    private final int port;
    private final byte[] requestHead;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** POSTs to {@code path} on {@code host:port} with these headers ("Name: value" each). */
    KeptAliveConnection(String host, int port, String path, String... headers) {
        this.host = host;
        this.port = port;
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append(':').append(port).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        this.requestHead = head.append("Content-Length: ").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Posts the body and answers the status code. A connection the server closed while idle is opened again once. */
    int post(byte[] body) throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange(body);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(body);
        }
    }

    private int exchange(byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(requestHead);
        out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("Not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = statusLine.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:")) {
                chunked = lower.contains("chunked");
            } else if (lower.startsWith("connection:")) {
                closing = lower.contains("close");
            }
        }
        if (chunked) {
            for (long chunk = Long.parseLong(line().split(";")[0].strip(), 16); chunk > 0;
                    chunk = Long.parseLong(line().split(";")[0].strip(), 16)) {
                skip(chunk);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            closing = true;
        }
        if (closing) {
            close();
        }
        return status;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 16_384);
        out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("The server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("The server closed the connection mid-answer");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
