import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small HTTP service for the image tests: GET /healthz writes a file to each writable
 * directory, reads the CA bundle and answers with what it found. JDK only.
 *
 * <pre>
 *   java -jar app.jar                  serve on $PORT (default 8080)
 *   java -jar app.jar --check          GET /healthz on localhost; exit 0 when it answers 200
 *   java -jar app.jar --try-write PATH create PATH; exit 0 when that worked
 * </pre>
 */
public final class Main {
  private static final Path CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static final int PORT = Integer.parseInt(env("PORT", "8080"));
  private static final Path DATA_DIR = Path.of(env("APP_DATA_DIR", "/var/cache/app"));

  /** The JVM has no getuid(): the kernel reports it in /proc/self/status. */
  private static String uid() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        return line.split("\\s+")[1];
      }
    }
    return "-1";
  }

  private static String writeAndRead(Path dir) throws IOException {
    Path file = dir.resolve("healthz-" + ProcessHandle.current().pid() + ".txt");
    String want = Instant.now().toString();
    Files.writeString(file, want);
    String got = Files.readString(file);
    if (!got.equals(want)) {
      throw new IOException(file + ": read back " + got + ", wrote " + want);
    }
    Files.delete(file);
    return file.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void healthz(HttpExchange exchange) throws IOException {
    int status = 200;
    List<String> wrote = new ArrayList<>();
    StringBuilder body = new StringBuilder("{\"runtime\":\"java\",\"uid\":").append(uid());
    try {
      for (Path dir : List.of(Path.of(System.getProperty("java.io.tmpdir")), DATA_DIR)) {
        wrote.add(quote(writeAndRead(dir)));
      }
      body.append(",\"caBundleBytes\":").append(Files.size(CA_BUNDLE));
    } catch (IOException e) {
      status = 500;
      body.append(",\"error\":").append(quote(String.valueOf(e)));
    }
    body.append(",\"wrote\":[").append(String.join(",", wrote)).append("]");
    body.append(",\"status\":\"").append(status == 200 ? "ok" : "error").append("\"}\n");
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static int check() {
    try {
      HttpURLConnection conn = (HttpURLConnection) URI.create("http://127.0.0.1:" + PORT + "/healthz").toURL().openConnection();
      conn.setConnectTimeout(3000);
      conn.setReadTimeout(3000);
      int code = conn.getResponseCode();
      try (InputStream in = code == 200 ? conn.getInputStream() : conn.getErrorStream()) {
        System.out.print(in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      return code == 200 ? 0 : 1;
    } catch (IOException e) {
      System.err.println("check: " + e);
      return 1;
    }
  }

  private static int tryWrite(String path) {
    try {
      Files.writeString(Path.of(path), "probe\n");
      System.out.println("wrote " + path);
      return 0;
    } catch (IOException e) {
      System.err.println("try-write: " + e);
      return 1;
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals("--check")) {
      System.exit(check());
    } else if (args.length == 2 && args[0].equals("--try-write")) {
      System.exit(tryWrite(args[1]));
    } else if (args.length > 0) {
      System.err.println("usage: app.jar [--check | --try-write PATH]");
      System.exit(2);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(PORT), 0);
    server.createContext("/healthz", exchange -> {
      if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/healthz")) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      healthz(exchange);
    });
    server.start();
    System.out.println("listening on :" + PORT);
  }
}
