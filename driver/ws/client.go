package ws

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/coder/websocket"

	"scapi-conformance/contract/wire"
	"scapi-conformance/driver"
	"scapi-conformance/driver/internal/exchange"
)

// closeGrace is how long Close waits for the target to complete the close handshake.
const closeGrace = time.Second

// Client is one websocket client.
type Client struct {
	*exchange.Exchange
	conn  *websocket.Conn
	done  chan struct{} // closed when the reader has returned
	once  sync.Once
	onEnd func(*Client)
}

func newClient(conn *websocket.Conn, origin, target string, timeout time.Duration, onEnd func(*Client)) *Client {
	c := &Client{conn: conn, done: make(chan struct{}), onEnd: onEnd}
	c.Exchange = exchange.New(origin, target, timeout, c.write, func() { conn.CloseNow() })
	go c.read()
	return c
}

func (c *Client) write(ctx context.Context, b []byte) error {
	if err := c.conn.Write(ctx, websocket.MessageText, b); err != nil {
		if e := c.Err(); e != nil {
			return e
		}
		return fmt.Errorf("%w: %v", driver.ErrClosed, err)
	}
	return nil
}

// read hands every received frame to the exchange until the connection
// ends. Its reads have no context (a context with a Done channel costs each
// read a registration): closing the connection ends them.
func (c *Client) read() {
	defer close(c.done)
	for {
		typ, b, err := c.conn.Read(context.Background())
		if err != nil {
			c.Fail(readError(err))
			return
		}
		if typ != websocket.MessageText {
			c.Reject(b, "binary websocket frame (SCAPI envelopes travel one per text frame)")
			continue
		}
		c.Deliver(b)
	}
}

// readError says why reading ended.
func readError(err error) error {
	switch {
	case errors.Is(err, websocket.ErrMessageTooBig):
		return fmt.Errorf("%w: the target sent a message over the %d-byte limit; connection closed (1009)",
			driver.ErrTooLarge, wire.MaxMessageBytes)
	case websocket.CloseStatus(err) != -1:
		var ce websocket.CloseError
		errors.As(err, &ce)
		return fmt.Errorf("%w: the target closed the connection (status %d %q)", driver.ErrClosed, ce.Code, ce.Reason)
	}
	return fmt.Errorf("%w: connection lost: %v", driver.ErrClosed, err)
}

// Close disconnects the client; pending calls fail with driver.ErrClosed.
func (c *Client) Close() error {
	c.once.Do(func() {
		c.Fail(fmt.Errorf("%w: client closed", driver.ErrClosed))
		closed := make(chan struct{})
		go func() {
			c.conn.Close(websocket.StatusNormalClosure, "client done")
			close(closed)
		}()
		select {
		case <-closed:
		case <-time.After(closeGrace):
			c.conn.CloseNow()
			<-closed
		}
		<-c.done // the connection is closed: the reader returns
		c.onEnd(c)
	})
	return nil
}

var _ driver.Client = (*Client)(nil)
