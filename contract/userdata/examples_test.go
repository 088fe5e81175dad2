package userdata

import (
	"reflect"
	"testing"
)

// TestDocumentedExample: write-allowed=Key1,Key3 and read-allowed=Key1,Key2,Key3
// "lets you read the attached data with they keys Key1, Key2, and Key3, but
// only allows writes on keys Key1, and Key3".
func TestDocumentedExample(t *testing.T) {
	write, err := Parse("Key1,Key3")
	if err != nil {
		t.Fatal(err)
	}
	read, err := Parse("Key1,Key2,Key3")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key         string
		read, write bool
	}{
		{"Key1", true, true}, {"Key2", true, false}, {"Key3", true, true}, {"Key4", false, false}, {"key1", false, false},
	} {
		if read.Allows(c.key) != c.read || write.Allows(c.key) != c.write {
			t.Errorf("%s: read %v write %v, want %v %v", c.key, read.Allows(c.key), write.Allows(c.key), c.read, c.write)
		}
	}
	ud := map[string]any{"Key1": "a", "Key2": 2, "Key3": true, "Key4": nil}
	if got, want := read.Filter(ud), map[string]any{"Key1": "a", "Key2": 2, "Key3": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("read.Filter = %v, want %v", got, want)
	}
	if got, want := write.Filter(ud), map[string]any{"Key1": "a", "Key3": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("write.Filter = %v, want %v", got, want)
	}
}

// TestDefaultAllowsEverything: the documented default "*".
func TestDefaultAllowsEverything(t *testing.T) {
	k, err := Parse("*")
	if err != nil || !k.AllowsAll() || !k.Allows("anything") {
		t.Errorf("Parse(*) = %v, %v", k, err)
	}
}
