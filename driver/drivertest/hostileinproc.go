package drivertest

import (
	"encoding/json"
	"errors"
)

// HostileService is a hostile case as a Workspace in this process (a
// driver/inproc.Service): it answers each client message as h.Respond says.
type HostileService struct{ H Hostile }

// errDropped is how a hostile in-process service ends a connection.
var errDropped = errors.New("the hostile target dropped the connection")

// Connect attaches a client; see driver/inproc.Service.
func (s HostileService) Connect(origin string, deliver func([]byte), drop func(error)) (handle func([]byte), close func()) {
	handle = func(b []byte) {
		var req map[string]any
		if json.Unmarshal(b, &req) != nil {
			return
		}
		a := s.H.Respond(origin, req)
		for _, m := range a.expand(req) {
			deliver(m)
		}
		if a.Drop {
			drop(errDropped)
		}
	}
	return handle, func() {}
}
