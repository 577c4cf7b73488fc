package org.handover.routes.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Just enough SMTP to refuse every recipient with a given reply, as a council's mail gateway might. */
final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String refusal;
    private final Thread thread;

    RefusingSmtpServer(String refusal) throws IOException {
        this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.refusal = refusal;
        this.thread = new Thread(this::serve, "refusing-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept();
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                reply(out, "220 refusing.test ESMTP");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (command) {
                        case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                        case "RCPT" -> reply(out, refusal);
                        case "QUIT" -> {
                            reply(out, "221 Bye");
                            return;
                        }
                        default -> reply(out, "502 Command not implemented");
                    }
                }
            } catch (IOException e) {
                // closed by the test or the client; serve the next one
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
