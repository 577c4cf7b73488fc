package org.handover.adt;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends HL7 v2 files over MLLP and prints each acknowledgement, one segment a line (ops/samples/send-hl7.sh runs it
 * from the application jar, so no netcat is needed). Exit status 0 when every message was answered AA, 1 when one
 * was refused (AE/AR), 2 when the listener could not be reached.
 *
 * <pre>java -cp handover.jar -Dloader.main=org.handover.adt.MllpSend org.springframework.boot.loader.launch.PropertiesLauncher
 *     [--host=localhost] [--port=2575] file...</pre>
 */
public final class MllpSend {

    private MllpSend() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        String host = "localhost";
        int port = 2575;
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--host=")) {
                host = arg.substring(7);
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring(7));
            } else {
                files.add(Path.of(arg));
            }
        }
        if (files.isEmpty()) {
            out.println("usage: send-hl7.sh [--host=localhost] [--port=2575] file.hl7...");
            System.exit(2);
        }
        int status = 0;
        try (MllpConnection connection = new MllpConnection(host, port)) {
            for (Path file : files) {
                String ack = connection.send(read(file));
                out.println("== " + file.getFileName() + " -> " + MllpConnection.code(ack));
                out.println(ack.replace('\r', '\n').strip());
                status = "AA".equals(MllpConnection.code(ack)) ? status : 1;
            }
        } catch (UncheckedIOException e) {
            out.println("Could not reach the MLLP listener at " + host + ":" + port + ": " + e.getCause().getMessage());
            System.exit(2);
        }
        System.exit(status);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
