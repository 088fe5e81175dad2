// Command ring plays a lab's telephony tool in the end-to-end test of lab
// stimuli (e2e_lab_test.go): it reads the stimulus arguments as JSON on
// stdin, asks the test's bridge to produce the stimulus on the reference
// Workspace, and prints the result as JSON on stdout.
//
// Usage: ring NAME URL   (URL: the bridge's /stimulus)
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: ring NAME URL")
		os.Exit(2)
	}
	var args map[string]any
	if err := json.NewDecoder(os.Stdin).Decode(&args); err != nil {
		fmt.Fprintln(os.Stderr, "ring: the arguments on stdin:", err)
		os.Exit(2)
	}
	body, _ := json.Marshal(map[string]any{"name": os.Args[1], "args": args})
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Post(os.Args[2], "application/json", bytes.NewReader(body))
	if err != nil {
		fmt.Fprintln(os.Stderr, "ring:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(os.Stderr, "ring: %s: %s\n", resp.Status, b)
		os.Exit(1)
	}
	var res struct {
		Result map[string]any `json:"result"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		fmt.Fprintln(os.Stderr, "ring: the bridge's answer:", err)
		os.Exit(1)
	}
	if res.Result != nil {
		json.NewEncoder(os.Stdout).Encode(res.Result)
	}
}
