// A small HTTP service for the image tests: GET /healthz writes a file to each writable
// directory, reads the CA bundle and answers with what it found. C++17 and POSIX sockets only.
//
//   app                  serve on $PORT (default 8080)
//   app --check          GET /healthz on localhost; exit 0 when it answers 200
//   app --try-write PATH create PATH; exit 0 when that worked
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const char* kCaBundle = "/etc/ssl/certs/ca-certificates.crt";

std::string env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

int port() { return std::stoi(env("PORT", "8080")); }

std::string writeAndRead(const fs::path& dir) {
  fs::path file = dir / ("healthz-" + std::to_string(getpid()) + ".txt");
  std::string want = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  {
    std::ofstream out(file);
    if (!(out << want)) throw std::runtime_error(file.string() + ": " + std::strerror(errno));
  }
  std::ifstream in(file);
  std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (got != want) throw std::runtime_error(file.string() + ": read back a different text");
  fs::remove(file);
  return file.string();
}

std::string healthzBody(int& status) {
  std::ostringstream body;
  std::vector<std::string> wrote;
  std::string error;
  std::uintmax_t caBytes = 0;
  try {
    for (const fs::path& dir : {fs::temp_directory_path(), fs::path(env("APP_DATA_DIR", "/var/cache/app"))}) {
      wrote.push_back(writeAndRead(dir));
    }
    caBytes = fs::file_size(kCaBundle);
  } catch (const std::exception& e) {
    error = e.what();
  }
  status = error.empty() ? 200 : 500;
  body << "{\"runtime\":\"cpp\",\"uid\":" << getuid() << ",\"wrote\":[";
  for (size_t i = 0; i < wrote.size(); i++) body << (i ? "," : "") << '"' << wrote[i] << '"';
  body << "]";
  if (error.empty()) body << ",\"caBundleBytes\":" << caBytes;
  else body << ",\"error\":\"" << error << '"';
  body << ",\"status\":\"" << (error.empty() ? "ok" : "error") << "\"}\n";
  return body.str();
}

void respond(int client) {
  char buf[4096];
  ssize_t n = recv(client, buf, sizeof buf - 1, 0);
  if (n <= 0) return;
  buf[n] = '\0';
  std::string request(buf);
  int status = 404;
  std::string body;
  if (request.rfind("GET /healthz ", 0) == 0) body = healthzBody(status);
  std::ostringstream out;
  out << "HTTP/1.1 " << status << (status == 200 ? " OK" : status == 404 ? " Not Found" : " Internal Server Error")
      << "\r\nContent-Type: application/json\r\nContent-Length: " << body.size() << "\r\nConnection: close\r\n\r\n" << body;
  std::string text = out.str();
  send(client, text.data(), text.size(), MSG_NOSIGNAL);
}

int serve() {
  int server = socket(AF_INET6, SOCK_STREAM, 0);
  int on = 1, off = 0;
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  setsockopt(server, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_any;
  addr.sin6_port = htons(port());
  if (bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(server, 16) != 0) {
    std::cerr << "listen: " << std::strerror(errno) << std::endl;
    return 1;
  }
  std::signal(SIGTERM, [](int) { std::_Exit(0); });
  std::cout << "listening on :" << port() << std::endl;
  for (;;) {
    int client = accept(server, nullptr, nullptr);
    if (client < 0) continue;
    respond(client);
    close(client);
  }
}

int check() {
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port());
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::cerr << "check: " << std::strerror(errno) << std::endl;
    return 1;
  }
  std::string request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  send(sock, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = recv(sock, buf, sizeof buf, 0)) > 0;) response.append(buf, n);
  close(sock);
  size_t bodyAt = response.find("\r\n\r\n");
  std::cout << (bodyAt == std::string::npos ? response : response.substr(bodyAt + 4));
  return response.rfind("HTTP/1.1 200", 0) == 0 ? 0 : 1;
}

int tryWrite(const char* path) {
  std::ofstream out(path);
  if (!(out << "probe\n")) {
    std::cerr << "try-write: " << path << ": " << std::strerror(errno) << std::endl;
    return 1;
  }
  std::cout << "wrote " << path << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--check") return check();
  if (argc == 3 && std::string(argv[1]) == "--try-write") return tryWrite(argv[2]);
  if (argc > 1) {
    std::cerr << "usage: app [--check | --try-write PATH]" << std::endl;
    return 2;
  }
  return serve();
}
