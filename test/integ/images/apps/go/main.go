// A small HTTP service for the image tests: GET /healthz writes a file to each writable
// directory, reads the CA bundle and answers with what it found. No third-party modules.
//
//	app                  serve on $PORT (default 8080)
//	app --check          GET /healthz on localhost; exit 0 when it answers 200 (for health checks: no shell needed)
//	app --try-write PATH create PATH; exit 0 when that worked
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

const caBundle = "/etc/ssl/certs/ca-certificates.crt"

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// writeAndRead proves a directory is writable: write a file, read it back, remove it.
func writeAndRead(dir string) (string, error) {
	path := filepath.Join(dir, "healthz-"+strconv.Itoa(os.Getpid())+".txt")
	want := time.Now().UTC().Format(time.RFC3339Nano)
	if err := os.WriteFile(path, []byte(want), 0o600); err != nil {
		return "", err
	}
	got, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if string(got) != want {
		return "", fmt.Errorf("%s: read back %q, wrote %q", path, got, want)
	}
	return path, os.Remove(path)
}

func healthz(w http.ResponseWriter, _ *http.Request) {
	body := map[string]any{"runtime": "go", "uid": os.Getuid()}
	status := http.StatusOK
	wrote := []string{}
	for _, dir := range []string{os.TempDir(), env("APP_DATA_DIR", "/var/cache/app")} {
		path, err := writeAndRead(dir)
		if err != nil {
			status, body["error"] = http.StatusInternalServerError, err.Error()
			break
		}
		wrote = append(wrote, path)
	}
	body["wrote"] = wrote
	if info, err := os.Stat(caBundle); err != nil {
		status, body["error"] = http.StatusInternalServerError, err.Error()
	} else {
		body["caBundleBytes"] = info.Size()
	}
	body["status"] = map[bool]string{true: "ok", false: "error"}[status == http.StatusOK]
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func check(port string) int {
	client := http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get("http://127.0.0.1:" + port + "/healthz")
	if err != nil {
		fmt.Fprintln(os.Stderr, "check:", err)
		return 1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(string(body))
	if resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func tryWrite(path string) int {
	if err := os.WriteFile(path, []byte("probe\n"), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "try-write:", err)
		return 1
	}
	fmt.Println("wrote", path)
	return 0
}

func main() {
	port := env("PORT", "8080")
	if len(os.Args) > 1 {
		switch {
		case os.Args[1] == "--check":
			os.Exit(check(port))
		case os.Args[1] == "--try-write" && len(os.Args) == 3:
			os.Exit(tryWrite(os.Args[2]))
		default:
			fmt.Fprintln(os.Stderr, "usage: app [--check | --try-write PATH]")
			os.Exit(2)
		}
	}
	http.HandleFunc("/healthz", healthz)
	fmt.Println("listening on :" + port)
	server := &http.Server{Addr: ":" + port, ReadHeaderTimeout: 5 * time.Second}
	if err := server.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
