package fuzz

import (
	"strings"
	"testing"
)

// TestHandleKey: handleKey answers what lowering the key and looking at its
// end answers, for keys in any case and with characters whose lower case
// has another length.
func TestHandleKey(t *testing.T) {
	for _, key := range []string{"recordHandle", "GSW_RECORD_HANDLE", "handle", "Handle", "andle", "", "handles",
		"İhandle", "\u212Ahandle", "hand\u212Ae", "ſhandle", "\xffHANDLE", "xHANDLE\xff", "hAnDlE", "HANDLÉ"} {
		if got, want := handleKey(key), strings.HasSuffix(strings.ToLower(key), "handle"); got != want {
			t.Errorf("handleKey(%q) = %t, want %t", key, got, want)
		}
	}
}
