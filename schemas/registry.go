package schemas

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"scapi-conformance/contract"
)

//go:embed *.json
var files embed.FS

// base is the URL the schema files are registered under; nothing is ever
// fetched from it.
const base = "https://scapi-conformance.invalid/schemas/"

// typeFiles are the files whose capitalised $defs are documented types, named
// "<file>.<Def>" (envelope.json gives envelope.Request, …).
var typeFiles = []string{"agent", "media", "interaction", "configuration", "outbound", "system", "auth", "envelope"}

// composite names the schemas that are not a single $defs entry: results
// that are arrays, nullable or primitive, as the catalog names them.
var composite = map[string]string{
	"boolean":                      `{"type": "boolean"}`,
	"string":                       `{"type": "string"}`,
	"null|string":                  `{"type": ["null", "string"]}`,
	"string[]":                     `{"type": "array", "items": {"type": "string"}}`,
	"null|interaction.Interaction": `{"anyOf": [{"type": "null"}, {"$ref": "interaction.json#/$defs/Interaction"}]}`,
	"interaction.Interaction[]":    `{"type": "array", "items": {"$ref": "interaction.json#/$defs/Interaction"}}`,
	"media.State[]":                `{"type": "array", "items": {"$ref": "media.json#/$defs/State"}}`,
	"media.Media[]":                `{"type": "array", "items": {"$ref": "media.json#/$defs/Media"}}`,
	"configuration.Section[]":      `{"$ref": "configuration.json#/$defs/sectionList"}`,
	"configuration.Options":        `{"$ref": "configuration.json#/$defs/options"}`,
	"outbound.Field[]":             `{"type": "array", "items": {"$ref": "outbound.json#/$defs/Field"}}`,
	"outbound.ChainedRecords[]":    `{"type": "array", "items": {"$ref": "outbound.json#/$defs/ChainedRecords"}}`,
}

var (
	registryOnce sync.Once
	registryMap  map[string]string // name → schema JSON
	registryErr  error
)

// registry maps every schema name to its schema document.
func registry() map[string]string {
	registryOnce.Do(func() { registryMap, registryErr = buildRegistry() })
	if registryErr != nil {
		// The embedded files are part of the build; a broken one is caught by
		// the package tests, never by a user.
		panic(registryErr)
	}
	return registryMap
}

func buildRegistry() (map[string]string, error) {
	out := map[string]string{}
	for name, s := range composite {
		out[name] = s
	}
	for _, f := range typeFiles {
		defs, err := fileDefs(f + ".json")
		if err != nil {
			return nil, err
		}
		for key := range defs {
			if unicode.IsUpper(rune(key[0])) {
				out[f+"."+key] = fmt.Sprintf(`{"$ref": "%s.json#/$defs/%s"}`, f, key)
			}
		}
	}
	for _, e := range eventTable {
		out[e.name()] = e.schema()
	}
	return out, nil
}

// fileDefs returns the $defs of one embedded file.
func fileDefs(file string) (map[string]json.RawMessage, error) {
	b, err := files.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("schemas: %s: %w", file, err)
	}
	return doc.Defs, nil
}

// EventSchema returns the schema name of an event message, by the envelope's
// event (a "messenger:<channel>" name stands for every channel) and
// data.eventType ("" when the data has none, as for frameState; any for an
// event whose data no document describes: markdone, messenger).
func EventSchema(event, eventType string) (string, bool) {
	if strings.HasPrefix(event, contract.MessengerEventPrefix) {
		event = "messenger"
	}
	for _, e := range eventTable {
		if e.event == event && (e.eventType == eventType || e.anyType) {
			return e.name(), true
		}
	}
	return "", false
}
