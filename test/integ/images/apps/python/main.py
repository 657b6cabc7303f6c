"""A small HTTP service for the image tests: GET /healthz writes a file to each writable
directory, reads the CA bundle and answers with what it found. Standard library only.

  python main.py                  serve on $PORT (default 8080)
  python main.py --check          GET /healthz on localhost; exit 0 when it answers 200
  python main.py --try-write PATH create PATH; exit 0 when that worked
"""
import datetime
import http.server
import json
import os
import sys
import tempfile
import urllib.request

CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
PORT = int(os.environ.get("PORT", "8080"))
DATA_DIR = os.environ.get("APP_DATA_DIR", "/var/cache/app")


def write_and_read(directory):
    path = os.path.join(directory, f"healthz-{os.getpid()}.txt")
    want = datetime.datetime.now(datetime.timezone.utc).isoformat()
    with open(path, "w", encoding="utf-8") as f:
        f.write(want)
    with open(path, encoding="utf-8") as f:
        got = f.read()
    if got != want:
        raise OSError(f"{path}: read back {got!r}, wrote {want!r}")
    os.remove(path)
    return path


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/healthz":
            self.send_error(404)
            return
        body = {"runtime": "python", "uid": os.getuid(), "wrote": []}
        status = 200
        try:
            for directory in (tempfile.gettempdir(), DATA_DIR):
                body["wrote"].append(write_and_read(directory))
            body["caBundleBytes"] = os.stat(CA_BUNDLE).st_size
        except OSError as err:
            status = 500
            body["error"] = str(err)
        body["status"] = "ok" if status == 200 else "error"
        data = (json.dumps(body) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def check():
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=3) as resp:
            sys.stdout.write(resp.read().decode())
            return 0 if resp.status == 200 else 1
    except OSError as err:
        print("check:", err, file=sys.stderr)
        return 1


def try_write(path):
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write("probe\n")
    except OSError as err:
        print("try-write:", err, file=sys.stderr)
        return 1
    print("wrote", path)
    return 0


def main(args):
    if args[:1] == ["--check"]:
        return check()
    if args[:1] == ["--try-write"] and len(args) == 2:
        return try_write(args[1])
    if args:
        print("usage: main.py [--check | --try-write PATH]", file=sys.stderr)
        return 2
    server = http.server.ThreadingHTTPServer(("", PORT), Handler)
    print(f"listening on :{PORT}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
