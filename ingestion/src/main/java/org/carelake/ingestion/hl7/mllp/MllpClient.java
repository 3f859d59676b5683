package org.carelake.ingestion.hl7.mllp;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A minimal MLLP sender: frames messages, reads the replies. For tests, the load generator and smoke checks. */
public final class MllpClient implements Closeable {
  private final Socket socket;
  private final OutputStream out;
  private final MllpFrameReader in;

  private MllpClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    this.in = new MllpFrameReader(socket.getInputStream(), 64 << 20);
  }

  /** Connects; {@code tls} null for plain TCP; {@code timeout} bounds the connect and each reply wait. */
  public static MllpClient connect(String host, int port, SSLContext tls, Duration timeout) throws IOException {
    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), ms);
      s.setSoTimeout(ms);
      if (tls != null) {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
        ssl.startHandshake();
        return new MllpClient(ssl);
      }
      return new MllpClient(s);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Sends one message (UTF-8) in a frame, without waiting. */
  public void send(String message) throws IOException {
    sendPayload(message.getBytes(StandardCharsets.UTF_8));
    flush();
  }

  /** Writes one frame around these bytes; call {@link #flush()} to send what was written. */
  public void sendPayload(byte[] payload) throws IOException {
    out.write(MllpFrameReader.START);
    out.write(payload);
    out.write(MllpFrameReader.END);
    out.write(MllpFrameReader.CR);
  }

  /** Writes raw bytes (no framing added), for tests of broken senders. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** The next reply, or null when the listener closed the connection. */
  public String receive() throws IOException {
    MllpFrame f = in.next();
    return f == null ? null : f.text();
  }

  /** Sends a message and waits for its reply. */
  public String call(String message) throws IOException {
    send(message);
    return receive();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
