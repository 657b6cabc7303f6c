/*
 * cdk-distroless health probe: a container health check that needs no shell, no curl and no
 * libc at run time. Built statically in a build stage and copied to /cdk-distroless/probe.
 *
 *   probe http <port> <path> [--timeout <seconds>] [--host <ip>]
 *       HTTP/1.1 GET http://<host>:<port><path>; healthy on a final status 2xx or 3xx (interim 1xx
 *       answers such as 103 Early Hints are skipped). Only the response head is read.
 *   probe tcp <port> [--timeout <seconds>] [--host <ip>]
 *       a TCP connection to <host>:<port> opens.
 *   probe grpc <port> [--service <name>] [--timeout <seconds>] [--host <ip>]
 *       grpc.health.v1.Health/Check over cleartext HTTP/2 (prior knowledge) answers SERVING.
 *
 * <host> is a numeric IPv4 or IPv6 address (default 127.0.0.1): no DNS, no /etc files, so a
 * static glibc build needs no NSS. The timeout (default 5 s) bounds the whole check.
 * Exit status: 0 healthy, 1 unhealthy, 2 usage error. One line on stdout or stderr says why.
 *
 * No stdio: it keeps the static binary small.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define EXIT_HEALTHY 0
#define EXIT_UNHEALTHY 1
#define EXIT_USAGE 2

static const char USAGE[] =
  "Usage: probe http <port> <path> [--timeout <seconds>] [--host <ip>]\n"
  "       probe tcp <port> [--timeout <seconds>] [--host <ip>]\n"
  "       probe grpc <port> [--service <name>] [--timeout <seconds>] [--host <ip>]\n"
  "Checks a server in this container without a shell. <port> is 1-65535; <path> starts with '/';\n"
  "<seconds> is 1-3600 (default 5); <ip> is a numeric IPv4 or IPv6 address (default 127.0.0.1).\n"
  "Exit status: 0 healthy (HTTP 2xx/3xx, TCP connected, gRPC SERVING), 1 unhealthy, 2 usage error.\n";

/* ---- output without stdio ---------------------------------------------------------------- */

/* One message (or the HTTP request) at a time; the last byte is kept for flush()'s newline. */
static char line[1024];
static size_t line_len;

/* Appends s to `line`; what does not fit is cut. */
static void put(const char *s) {
  size_t n = strlen(s);
  if (n > sizeof(line) - 1 - line_len) { n = sizeof(line) - 1 - line_len; }
  memcpy(line + line_len, s, n);
  line_len += n;
}

static void put_num(unsigned long v) {
  char buf[24];
  int i = sizeof(buf) - 1;
  buf[i] = '\0';
  do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v > 0 && i > 0);
  put(buf + i);
}

static int flush(int fd) {
  line[line_len++] = '\n'; /* always room: put() keeps the last byte */
  ssize_t ignored = write(fd, line, line_len);
  (void)ignored;
  line_len = 0;
  return 0;
}

static int usage(const char *problem, const char *value) {
  put("probe: ");
  put(problem);
  if (value) { put(" \""); put(value); put("\""); }
  flush(2);
  ssize_t ignored = write(2, USAGE, sizeof(USAGE) - 1);
  (void)ignored;
  return EXIT_USAGE;
}

/* ---- arguments ----------------------------------------------------------------------------- */

struct target {
  const char *mode;
  const char *host;
  const char *path;
  const char *service;
  unsigned port;
  long timeout_ms;
  int family;
  union { struct sockaddr_in v4; struct sockaddr_in6 v6; } addr;
};

static int parse_port(const char *s, unsigned *port) {
  unsigned long v = 0;
  if (!*s || strlen(s) > 5) { return -1; }
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') { return -1; }
    v = v * 10 + (unsigned long)(*p - '0');
  }
  if (v < 1 || v > 65535) { return -1; }
  *port = (unsigned)v;
  return 0;
}

/* Seconds, whole or with up to three decimals: "5", "2.5". */
static int parse_timeout(const char *s, long *ms) {
  long whole = 0, frac = 0, scale = 1000;
  const char *p = s;
  if (!*p) { return -1; }
  for (; *p && *p != '.'; p++) {
    if (*p < '0' || *p > '9' || whole > 3600) { return -1; }
    whole = whole * 10 + (*p - '0');
  }
  if (*p == '.') {
    p++;
    if (!*p) { return -1; }
    for (; *p; p++) {
      if (*p < '0' || *p > '9' || scale == 1) { return -1; }
      scale /= 10;
      frac += (*p - '0') * scale;
    }
  }
  *ms = whole * 1000 + frac;
  return (*ms < 1000 || *ms > 3600000L) ? -1 : 0;
}

/* Printable ASCII without spaces: nothing that could end the request line or add a header. */
static int printable(const char *s) {
  for (; *s; s++) {
    if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e) { return 0; }
  }
  return 1;
}

static int parse_args(int argc, char **argv, struct target *t) {
  const char *positional[2] = { 0, 0 };
  int npos = 0, want;
  const char *timeout = 0;

  if (argc < 2) { return usage("missing mode: use http, tcp or grpc", 0); }
  t->mode = argv[1];
  if (strcmp(t->mode, "-h") == 0 || strcmp(t->mode, "--help") == 0) {
    ssize_t ignored = write(1, USAGE, sizeof(USAGE) - 1);
    (void)ignored;
    return -1;
  }
  if (strcmp(t->mode, "http") == 0) { want = 2; }
  else if (strcmp(t->mode, "tcp") == 0 || strcmp(t->mode, "grpc") == 0) { want = 1; }
  else { return usage("unknown mode (use http, tcp or grpc):", t->mode); }

  t->host = "127.0.0.1";
  t->service = "";
  t->timeout_ms = 5000;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && a[1] == '-') {
      const char **slot;
      if (strcmp(a, "--timeout") == 0) { slot = &timeout; }
      else if (strcmp(a, "--host") == 0) { slot = &t->host; }
      else if (strcmp(a, "--service") == 0 && strcmp(t->mode, "grpc") == 0) { slot = &t->service; }
      else { return usage("unknown option", a); }
      if (i + 1 >= argc) { return usage("missing value after", a); }
      *slot = argv[++i];
    } else {
      if (npos >= want) { return usage("unexpected argument", a); }
      positional[npos++] = a;
    }
  }
  if (npos < want) {
    return usage(npos == 0 ? "missing <port>" : "missing <path>, e.g. /healthz", 0);
  }
  if (parse_port(positional[0], &t->port) != 0) { return usage("<port> must be a whole number from 1 to 65535, got", positional[0]); }
  if (want == 2) {
    t->path = positional[1];
    if (t->path[0] != '/' || !printable(t->path) || strlen(t->path) > 512) {
      return usage("<path> must start with '/' and hold up to 512 printable characters without spaces, got", t->path);
    }
  }
  if (timeout && parse_timeout(timeout, &t->timeout_ms) != 0) {
    return usage("--timeout must be seconds from 1 to 3600 (e.g. 5 or 2.5), got", timeout);
  }
  if (!printable(t->service) || strlen(t->service) > 200) {
    return usage("--service must be up to 200 printable characters without spaces, got", t->service);
  }
  memset(&t->addr, 0, sizeof(t->addr));
  if (inet_pton(AF_INET, t->host, &t->addr.v4.sin_addr) == 1) {
    t->family = AF_INET;
    t->addr.v4.sin_family = AF_INET;
    t->addr.v4.sin_port = htons((unsigned short)t->port);
  } else if (inet_pton(AF_INET6, t->host, &t->addr.v6.sin6_addr) == 1) {
    t->family = AF_INET6;
    t->addr.v6.sin6_family = AF_INET6;
    t->addr.v6.sin6_port = htons((unsigned short)t->port);
  } else {
    return usage("--host must be a numeric IPv4 or IPv6 address (no DNS), got", t->host);
  }
  return 0;
}

/* ---- I/O bounded by one deadline -------------------------------------------------------- */

static struct timespec started;
static long budget_ms;

static long remaining_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long spent = (now.tv_sec - started.tv_sec) * 1000L + (now.tv_nsec - started.tv_nsec) / 1000000L;
  return budget_ms - spent;
}

static const char *failure;

/* Waits until fd is ready for events; 0, or -1 with `failure` set. */
static int await(int fd, short events) {
  for (;;) {
    long left = remaining_ms();
    if (left <= 0) { failure = "timed out"; return -1; }
    struct pollfd p = { fd, events, 0 };
    int r = poll(&p, 1, (int)left);
    if (r > 0) { return 0; }
    if (r == 0) { failure = "timed out"; return -1; }
    if (errno != EINTR) { failure = strerror(errno); return -1; }
  }
}

static int open_connection(const struct target *t) {
  int fd = socket(t->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) { failure = strerror(errno); return -1; }
  socklen_t len = t->family == AF_INET ? sizeof(t->addr.v4) : sizeof(t->addr.v6);
  if (connect(fd, (const struct sockaddr *)&t->addr, len) != 0) {
    if (errno != EINPROGRESS) { failure = strerror(errno); close(fd); return -1; }
    if (await(fd, POLLOUT) != 0) { close(fd); return -1; }
    int err = 0;
    socklen_t errlen = sizeof(err);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &errlen);
    if (err != 0) { failure = strerror(err); close(fd); return -1; }
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return fd;
}

static int send_all(int fd, const unsigned char *buf, size_t n) {
  while (n > 0) {
    ssize_t w = send(fd, buf, n, MSG_NOSIGNAL);
    if (w > 0) { buf += w; n -= (size_t)w; continue; }
    if (w < 0 && errno != EAGAIN && errno != EINTR) { failure = strerror(errno); return -1; }
    if (await(fd, POLLOUT) != 0) { return -1; }
  }
  return 0;
}

/* Reads what is available (at least one byte); the count, 0 at end of stream, -1 on failure. */
static ssize_t recv_some(int fd, unsigned char *buf, size_t n) {
  for (;;) {
    ssize_t r = recv(fd, buf, n, 0);
    if (r >= 0) { return r; }
    if (errno != EAGAIN && errno != EINTR) { failure = strerror(errno); return -1; }
    if (await(fd, POLLIN) != 0) { return -1; }
  }
}

static int recv_exact(int fd, unsigned char *buf, size_t n) {
  while (n > 0) {
    ssize_t r = recv_some(fd, buf, n);
    if (r < 0) { return -1; }
    if (r == 0) { failure = "the server closed the connection"; return -1; }
    buf += r;
    n -= (size_t)r;
  }
  return 0;
}

/* host:port, [ipv6]:port: the HTTP Host header, the gRPC :authority and the target in messages. */
static void put_authority(const struct target *t) {
  if (t->family == AF_INET6) { put("["); put(t->host); put("]"); } else { put(t->host); }
  put(":");
  put_num(t->port);
}

static void put_target(const struct target *t) {
  put(t->mode);
  put(" ");
  put_authority(t);
  if (t->path) { put(t->path); }
}

static int unhealthy(const struct target *t, const char *why) {
  put("probe: ");
  put_target(t);
  put(": unhealthy: ");
  put(why ? why : failure ? failure : "failed");
  flush(2);
  return EXIT_UNHEALTHY;
}

static int healthy(const struct target *t, const char *what, unsigned long code) {
  put("probe: ");
  put_target(t);
  put(": healthy: ");
  put(what);
  if (what[0] && code) { put(" "); put_num(code); }
  flush(1);
  return EXIT_HEALTHY;
}

/* ---- checks -------------------------------------------------------------------------------- */

static unsigned char buf[16384 + 64];

static int check_tcp(const struct target *t) {
  int fd = open_connection(t);
  if (fd < 0) { return unhealthy(t, 0); }
  close(fd);
  return healthy(t, "connected", 0);
}

/* Appends what arrives to buf[*have..]: 1 with more bytes, 0 at the end of the stream, -1 on failure. */
static int recv_more(int fd, size_t *have) {
  if (*have == sizeof(buf)) { failure = "the response head is larger than 16 KiB"; return -1; }
  ssize_t r = recv_some(fd, buf + *have, sizeof(buf) - *have);
  if (r > 0) { *have += (size_t)r; }
  return r > 0 ? 1 : (int)r;
}

/* Where the head starting at p ends (after its empty line), or 0 when it is not complete yet. */
static const unsigned char *head_end(const unsigned char *p, size_t n) {
  for (size_t i = 3; i < n; i++) {
    if (p[i] == '\n' && p[i - 1] == '\r' && p[i - 2] == '\n' && p[i - 3] == '\r') { return p + i + 1; }
  }
  return 0;
}

/* The status of the status line at s ("HTTP/1.x NNN" then a space or the line end), or 0 if it is none. */
static unsigned long status_of(const unsigned char *s) {
  if (memcmp(s, "HTTP/1.", 7) != 0 || (s[7] != '0' && s[7] != '1') || s[8] != ' '
      || s[9] < '1' || s[9] > '5' || s[10] < '0' || s[10] > '9' || s[11] < '0' || s[11] > '9'
      || (s[12] != ' ' && s[12] != '\r' && s[12] != '\n')) {
    return 0;
  }
  return (unsigned long)((s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0'));
}

static int check_http(const struct target *t) {
  int fd = open_connection(t);
  if (fd < 0) { return unhealthy(t, 0); }
  /* At most 4 + 512 (path) + 17 + 53 (authority) + 75 bytes: well inside `line`. */
  line_len = 0;
  put("GET ");
  put(t->path);
  put(" HTTP/1.1\r\nHost: ");
  put_authority(t);
  put("\r\nUser-Agent: cdk-distroless-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n");
  int sent = send_all(fd, (const unsigned char *)line, line_len);
  line_len = 0;
  if (sent != 0) { close(fd); return unhealthy(t, 0); }

  /* Only the final status line matters. Interim 1xx answers (103 Early Hints) come first and are
     skipped, as RFC 9110 section 15.2 asks of every client; the body is never read. */
  size_t have = 0, at = 0; /* bytes received; where the status line being read starts */
  unsigned long status;
  for (;;) {
    while (have - at < 13) {
      int r = recv_more(fd, &have);
      if (r < 0) { close(fd); return unhealthy(t, 0); }
      if (r == 0) {
        close(fd);
        return unhealthy(t, have > at ? "the answer is not HTTP"
                          : at > 0 ? "the server closed the connection after an interim (1xx) answer"
                                   : "the server closed the connection without an answer");
      }
    }
    status = status_of(buf + at);
    if (status == 0) { close(fd); return unhealthy(t, "the answer is not HTTP"); }
    if (status >= 200 || status == 101) { break; }
    const unsigned char *end;
    while ((end = head_end(buf + at, have - at)) == 0) {
      int r = recv_more(fd, &have);
      if (r <= 0) { close(fd); return unhealthy(t, r < 0 ? 0 : "the server closed the connection after an interim (1xx) answer"); }
    }
    at = (size_t)(end - buf);
  }
  close(fd);
  if (status >= 200 && status < 400) { return healthy(t, "HTTP", status); }
  put("probe: ");
  put_target(t);
  put(": unhealthy: HTTP ");
  put_num(status);
  flush(2);
  return EXIT_UNHEALTHY;
}

/* HTTP/2 (RFC 9113) frame types and flags this client uses. */
enum { F_DATA = 0, F_HEADERS = 1, F_RST_STREAM = 3, F_SETTINGS = 4, F_PING = 6, F_GOAWAY = 7 };
enum { FL_END_STREAM = 0x1, FL_ACK = 0x1, FL_END_HEADERS = 0x4, FL_PADDED = 0x8, FL_PRIORITY = 0x20 };

static size_t frame_header(unsigned char *p, size_t len, int type, int flags, unsigned stream) {
  p[0] = (unsigned char)(len >> 16); p[1] = (unsigned char)(len >> 8); p[2] = (unsigned char)len;
  p[3] = (unsigned char)type; p[4] = (unsigned char)flags;
  p[5] = (unsigned char)(stream >> 24); p[6] = (unsigned char)(stream >> 16); p[7] = (unsigned char)(stream >> 8); p[8] = (unsigned char)stream;
  return 9;
}

/* An HPACK string literal without Huffman coding (RFC 7541 5.2), length < 127. */
static size_t hpack_string(unsigned char *p, const char *s) {
  size_t l = strlen(s);
  p[0] = (unsigned char)l;
  memcpy(p + 1, s, l);
  return l + 1;
}

/* A protobuf varint. */
static size_t varint(unsigned char *p, unsigned long v) {
  size_t n = 0;
  do { p[n] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)); v >>= 7; n++; } while (v);
  return n;
}

static const char *grpc_status_names[] = { "UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN" };

/* Decodes HealthCheckResponse { ServingStatus status = 1; }: the status, or -1 when malformed. */
static long health_status(const unsigned char *p, size_t n) {
  long status = 0; /* proto3: an absent field is its zero value, UNKNOWN */
  size_t i = 0;
  while (i < n) {
    unsigned long key = 0, v = 0;
    int shift = 0;
    do { if (i >= n || shift > 63) { return -1; } key |= (unsigned long)(p[i] & 0x7f) << shift; shift += 7; } while (p[i++] & 0x80);
    unsigned wire = key & 7;
    if (wire == 0) {
      shift = 0;
      do { if (i >= n || shift > 63) { return -1; } v |= (unsigned long)(p[i] & 0x7f) << shift; shift += 7; } while (p[i++] & 0x80);
      if ((key >> 3) == 1) { status = (long)v; }
    } else if (wire == 2) {
      shift = 0;
      do { if (i >= n || shift > 63) { return -1; } v |= (unsigned long)(p[i] & 0x7f) << shift; shift += 7; } while (p[i++] & 0x80);
      if (v > n - i) { return -1; }
      i += v;
    } else if (wire == 1) { i += 8; } else if (wire == 5) { i += 4; } else { return -1; }
  }
  return i == n ? status : -1;
}

static int check_grpc(const struct target *t) {
  int fd = open_connection(t);
  if (fd < 0) { return unhealthy(t, 0); }
  unsigned char *p = buf;
  static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  memcpy(p, preface, sizeof(preface) - 1);
  p += sizeof(preface) - 1;
  p += frame_header(p, 0, F_SETTINGS, 0, 0);

  /* HEADERS on stream 1: static-table indexes of RFC 7541 Appendix A, literals never Huffman-coded. */
  unsigned char *headers = p;
  p += 9;
  unsigned char *block = p;
  *p++ = 0x83;                                    /* :method: POST */
  *p++ = 0x86;                                    /* :scheme: http */
  *p++ = 0x04;                                    /* :path, literal without indexing */
  p += hpack_string(p, "/grpc.health.v1.Health/Check");
  *p++ = 0x01;                                    /* :authority */
  line_len = 0;
  put_authority(t);
  line[line_len] = '\0';
  p += hpack_string(p, line);
  line_len = 0;
  *p++ = 0x0f; *p++ = 31 - 15;                    /* content-type (index 31) */
  p += hpack_string(p, "application/grpc");
  *p++ = 0x00;                                    /* te: trailers, new name */
  p += hpack_string(p, "te");
  p += hpack_string(p, "trailers");
  *p++ = 0x0f; *p++ = 58 - 15;                    /* user-agent (index 58) */
  p += hpack_string(p, "cdk-distroless-probe");
  frame_header(headers, (size_t)(p - block), F_HEADERS, FL_END_HEADERS, 1);

  /* DATA: one gRPC message (uncompressed flag, 4-byte length) holding HealthCheckRequest { string service = 1; }. */
  unsigned char message[256];
  size_t mlen = 0, slen = strlen(t->service);
  if (slen > 0) {
    message[mlen++] = 0x0a;
    mlen += varint(message + mlen, slen);
    memcpy(message + mlen, t->service, slen);
    mlen += slen;
  }
  p += frame_header(p, 5 + mlen, F_DATA, FL_END_STREAM, 1);
  *p++ = 0;
  *p++ = 0; *p++ = 0; *p++ = (unsigned char)(mlen >> 8); *p++ = (unsigned char)mlen;
  memcpy(p, message, mlen);
  p += mlen;
  if (send_all(fd, buf, (size_t)(p - buf)) != 0) { close(fd); return unhealthy(t, 0); }

  /* Frames until the response message. Server SETTINGS are acknowledged and PINGs answered. */
  unsigned char response[64];
  size_t rlen = 0;
  for (;;) {
    unsigned char h[9];
    if (recv_exact(fd, h, 9) != 0) { close(fd); return unhealthy(t, 0); }
    size_t len = ((size_t)h[0] << 16) | ((size_t)h[1] << 8) | h[2];
    int type = h[3], flags = h[4];
    unsigned stream = ((unsigned)(h[5] & 0x7f) << 24) | ((unsigned)h[6] << 16) | ((unsigned)h[7] << 8) | h[8];
    if (len > 16384) { close(fd); return unhealthy(t, "the server sent a frame larger than allowed: is it HTTP/2?"); }
    if (recv_exact(fd, buf, len) != 0) { close(fd); return unhealthy(t, 0); }
    if (type == F_SETTINGS && !(flags & FL_ACK)) {
      unsigned char ack[9];
      frame_header(ack, 0, F_SETTINGS, FL_ACK, 0);
      if (send_all(fd, ack, 9) != 0) { close(fd); return unhealthy(t, 0); }
    } else if (type == F_PING && !(flags & FL_ACK) && len == 8) {
      unsigned char pong[17];
      frame_header(pong, 8, F_PING, FL_ACK, 0);
      memcpy(pong + 9, buf, 8);
      if (send_all(fd, pong, 17) != 0) { close(fd); return unhealthy(t, 0); }
    } else if (type == F_GOAWAY) {
      /* A graceful GOAWAY (NO_ERROR) that still covers stream 1 lets the call finish: keep reading. */
      unsigned last = len >= 8 ? ((unsigned)(buf[0] & 0x7f) << 24) | ((unsigned)buf[1] << 16) | ((unsigned)buf[2] << 8) | buf[3] : 0;
      int graceful = len >= 8 && (buf[4] | buf[5] | buf[6] | buf[7]) == 0;
      if (!graceful || last < 1) {
        close(fd);
        return unhealthy(t, "the server refused the connection (GOAWAY): is it a gRPC server?");
      }
    } else if (stream == 1 && type == F_RST_STREAM) {
      close(fd);
      return unhealthy(t, "the server reset the request (RST_STREAM)");
    } else if (stream == 1 && type == F_DATA) {
      size_t off = 0, end = len;
      if (flags & FL_PADDED) {
        if (len < 1 || buf[0] >= len) { close(fd); return unhealthy(t, "malformed DATA frame"); }
        off = 1;
        end = len - buf[0];
      }
      size_t take = end - off;
      if (take > sizeof(response) - rlen) { close(fd); return unhealthy(t, "the health response is too large: not a HealthCheckResponse"); }
      memcpy(response + rlen, buf + off, take);
      rlen += take;
      if (rlen >= 5) {
        size_t mlen2 = ((size_t)response[1] << 24) | ((size_t)response[2] << 16) | ((size_t)response[3] << 8) | response[4];
        if (response[0] != 0) { close(fd); return unhealthy(t, "the health response is compressed, which this probe does not read"); }
        if (mlen2 > sizeof(response) - 5) { close(fd); return unhealthy(t, "the health response is too large: not a HealthCheckResponse"); }
        if (rlen >= 5 + mlen2) {
          close(fd);
          long status = health_status(response + 5, mlen2);
          if (status < 0) { return unhealthy(t, "the health response is not a HealthCheckResponse"); }
          if (status == 1) { return healthy(t, "SERVING", 0); }
          put("probe: ");
          put_target(t);
          if (t->service[0]) { put(" service "); put(t->service); }
          put(": unhealthy: ");
          put(status < 4 ? grpc_status_names[status] : "status ");
          if (status >= 4) { put_num((unsigned long)status); }
          flush(2);
          return EXIT_UNHEALTHY;
        }
      }
    } else if (stream == 1 && type == F_HEADERS && (flags & FL_END_STREAM)) {
      /* Trailers (or a trailers-only answer) before any message: the call failed (e.g. grpc-status 12
         UNIMPLEMENTED without a health service, 5 NOT_FOUND for an unknown service). */
      close(fd);
      return unhealthy(t, t->service[0] ? "the call ended without a health response: no health service, or the service is unknown"
                                        : "the call ended without a health response: does the server register grpc.health.v1.Health?");
    }
    if (stream == 1 && (flags & FL_END_STREAM) && (type == F_DATA || type == F_HEADERS)) {
      close(fd);
      return unhealthy(t, "the call ended without a complete health response");
    }
  }
}

int main(int argc, char **argv) {
  /* A runner that closes our stdout or stderr early must not turn the verdict into death by SIGPIPE;
     sockets already use MSG_NOSIGNAL. */
  signal(SIGPIPE, SIG_IGN);
  struct target t;
  memset(&t, 0, sizeof(t));
  int r = parse_args(argc, argv, &t);
  if (r < 0) { return EXIT_HEALTHY; } /* --help */
  if (r > 0) { return r; }
  clock_gettime(CLOCK_MONOTONIC, &started);
  budget_ms = t.timeout_ms;
  if (strcmp(t.mode, "http") == 0) { return check_http(&t); }
  if (strcmp(t.mode, "tcp") == 0) { return check_tcp(&t); }
  return check_grpc(&t);
}
