// The nightly job of the ECS example: writes a report to its scratch directory and exits 0.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	dir := os.TempDir()
	path := filepath.Join(dir, "report-"+time.Now().UTC().Format("20060102")+".txt")
	if err := os.WriteFile(path, []byte("report of "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", path)
}
