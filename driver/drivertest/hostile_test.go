package drivertest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestBigReply(t *testing.T) {
	b := bigReply(map[string]any{"referenceId": "3", "request": "agent.getState"}, 10)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil || v["data"] != strings.Repeat("x", 10) || v["referenceId"] != "3" {
		t.Errorf("bigReply = %s (%v)", b, err)
	}
}
