// The web service of the ECS quick start: GET / greets, GET /healthz answers 200 when the
// writable cache directory works. No third-party modules.
//
//	web                  serve on $PORT (default 8080)
//	web --try-write PATH create PATH; exit 0 when that worked (the image tests use it)
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "--try-write" {
		if err := os.WriteFile(os.Args[2], []byte("ok\n"), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, "try-write:", err)
			os.Exit(1)
		}
		fmt.Println("wrote", os.Args[2])
		return
	}
	cache := env("CACHE_DIR", "/var/cache/web")
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "hello from %s\n", env("GREETING_NAME", "cdk-distroless"))
	})
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		status := http.StatusOK
		body := map[string]any{"uid": os.Getuid(), "status": "ok"}
		marker := filepath.Join(cache, "healthz")
		if err := os.WriteFile(marker, []byte(time.Now().UTC().Format(time.RFC3339)), 0o600); err != nil {
			status, body["status"], body["error"] = http.StatusInternalServerError, "error", err.Error()
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	})
	port := env("PORT", "8080")
	fmt.Println("listening on :" + port)
	server := &http.Server{Addr: ":" + port, ReadHeaderTimeout: 5 * time.Second}
	if err := server.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
