package io.sdataserver.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for the requests a well-behaved client refuses to send (slow, oversized, ambiguous)
 * and for watching what the server does to the connection.
 */
public final class RawHttp {
    private RawHttp() { }

    /** A response as read off the wire: the status, the head (status line and headers) and the body text. */
    public record Answer(int status, String head, String body) {
        public Xml xml() { return Xml.parse(body); }
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return null;
        }
        public String applicationCode() { return xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:applicationCode"); }
        public String sdataCode() { return xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:sdataCode"); }
        @Override public String toString() { return head + body; }
    }

    public static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(60_000);
        s.setTcpNoDelay(true);
        return s;
    }

    public static void send(Socket s, String text) throws IOException { send(s, text.getBytes(StandardCharsets.ISO_8859_1)); }

    public static void send(Socket s, byte[] bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Writes and swallows the failure of a server that has closed the connection: what counts is what it answered. */
    public static boolean trySend(Socket s, byte[] bytes) {
        try {
            send(s, bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One request with the given head (request line and headers, without the blank line) and body. */
    public static String request(String method, String path, String body, String... headerLines) {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : headerLines) b.append(h).append("\r\n");
        if (body != null) b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        b.append("\r\n");
        if (body != null) b.append(body);
        return b.toString();
    }

    /** Reads one response (head, then the body as Content-Length or chunked framing says). */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new java.io.EOFException("connection closed after " + head.size() + " bytes of head: " + head);
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        boolean chunked = false;
        for (String line : h.split("\r\n")) {
            String l = line.toLowerCase();
            if (l.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
            if (l.startsWith("transfer-encoding:") && l.contains("chunked")) chunked = true;
        }
        byte[] body = chunked ? dechunk(in) : in.readNBytes(length);
        return new Answer(Integer.parseInt(h.substring(9, 12)), h, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                while (!line(in).isEmpty()) { } // trailers, then the blank line
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    public static Answer exchange(Socket s, String request) throws IOException {
        send(s, request);
        return read(s.getInputStream());
    }

    /** True when the server has closed the connection: a read sees the end of the stream (or a reset). */
    public static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }
}
