package bench

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// pgConn is the smallest PostgreSQL client the comparison needs: startup
// with trust authentication, the simple query protocol and COPY FROM STDIN.
// A client of our own keeps the module free of a database driver and adds
// no per-query process start to PostgreSQL's latencies.
type pgConn struct {
	conn net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
}

// pgError is an ErrorResponse from the server.
type pgError struct{ Severity, Code, Message string }

func (e *pgError) Error() string {
	return fmt.Sprintf("postgres %s %s: %s", e.Severity, e.Code, e.Message)
}

func pgConnect(ctx context.Context, addr, user, database string) (*pgConn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("connecting to postgres at %s: %w", addr, err)
	}
	c := &pgConn{conn: conn, r: bufio.NewReaderSize(conn, 64<<10), w: bufio.NewWriterSize(conn, 64<<10)}
	var body []byte
	body = binary.BigEndian.AppendUint32(body, 196608) // protocol 3.0
	for _, kv := range [][2]string{{"user", user}, {"database", database}, {"client_encoding", "UTF8"}} {
		body = append(body, kv[0]...)
		body = append(body, 0)
		body = append(body, kv[1]...)
		body = append(body, 0)
	}
	body = append(body, 0)
	var msg []byte
	msg = binary.BigEndian.AppendUint32(msg, uint32(len(body)+4))
	msg = append(msg, body...)
	c.setDeadline(ctx)
	if _, err := c.w.Write(msg); err != nil {
		conn.Close()
		return nil, fmt.Errorf("postgres startup: %w", err)
	}
	if err := c.w.Flush(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("postgres startup: %w", err)
	}
	if _, err := c.readUntilReady(nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("postgres startup: %w", err)
	}
	return c, nil
}

func (c *pgConn) Close() error {
	c.w.Write([]byte{'X', 0, 0, 0, 4}) // Terminate; the connection closes either way
	c.w.Flush()
	return c.conn.Close()
}

func (c *pgConn) setDeadline(ctx context.Context) {
	dl, ok := ctx.Deadline()
	if !ok {
		dl = time.Time{}
	}
	c.conn.SetDeadline(dl)
}

func (c *pgConn) send(typ byte, payload []byte) error {
	var hdr [5]byte
	hdr[0] = typ
	binary.BigEndian.PutUint32(hdr[1:], uint32(len(payload)+4))
	if _, err := c.w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := c.w.Write(payload)
	return err
}

func (c *pgConn) readMsg(buf []byte) (typ byte, payload []byte, err error) {
	var hdr [5]byte
	if _, err := io.ReadFull(c.r, hdr[:]); err != nil {
		return 0, nil, err
	}
	n := int(binary.BigEndian.Uint32(hdr[1:])) - 4
	if n < 0 || n > 1<<30 {
		return 0, nil, fmt.Errorf("bad message length %d", n)
	}
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(c.r, buf); err != nil {
		return 0, nil, err
	}
	return hdr[0], buf, nil
}

// readUntilReady consumes messages until ReadyForQuery. Data rows are
// collected as text when rows is not nil. The first ErrorResponse is
// returned after the server is ready again, so the connection stays usable.
func (c *pgConn) readUntilReady(rows *[][]string) (copyIn bool, err error) {
	var qerr error
	var buf []byte
	for {
		typ, p, rerr := c.readMsg(buf)
		if rerr != nil {
			return false, rerr
		}
		buf = p
		switch typ {
		case 'R':
			if len(p) < 4 {
				return false, errors.New("short authentication message")
			}
			if code := binary.BigEndian.Uint32(p); code != 0 {
				return false, fmt.Errorf("authentication method %d requested; the benchmark cluster uses trust", code)
			}
		case 'E':
			if qerr == nil {
				qerr = parsePGError(p)
			}
		case 'D':
			if rows != nil {
				row, perr := parseDataRow(p)
				if perr != nil {
					return false, perr
				}
				*rows = append(*rows, row)
			}
		case 'G':
			return true, nil
		case 'Z':
			return false, qerr
		}
		// S (parameter), K (key data), T (row description), C (complete),
		// N (notice), I (empty query) need nothing from us.
	}
}

func parsePGError(p []byte) error {
	e := &pgError{}
	for len(p) > 0 && p[0] != 0 {
		field := p[0]
		end := 1
		for end < len(p) && p[end] != 0 {
			end++
		}
		val := string(p[1:end])
		switch field {
		case 'S':
			e.Severity = val
		case 'C':
			e.Code = val
		case 'M':
			e.Message = val
		}
		if end >= len(p) {
			break
		}
		p = p[end+1:]
	}
	return e
}

func parseDataRow(p []byte) ([]string, error) {
	if len(p) < 2 {
		return nil, errors.New("short data row")
	}
	n := int(binary.BigEndian.Uint16(p))
	p = p[2:]
	row := make([]string, n)
	for i := range row {
		if len(p) < 4 {
			return nil, errors.New("short data row")
		}
		l := int(int32(binary.BigEndian.Uint32(p)))
		p = p[4:]
		if l < 0 {
			continue // NULL
		}
		if len(p) < l {
			return nil, errors.New("short data row")
		}
		row[i] = string(p[:l])
		p = p[l:]
	}
	return row, nil
}

// Query runs sql with the simple query protocol and returns its rows as text.
func (c *pgConn) Query(ctx context.Context, sql string) ([][]string, error) {
	c.setDeadline(ctx)
	if err := c.send('Q', append([]byte(sql), 0)); err != nil {
		return nil, err
	}
	if err := c.w.Flush(); err != nil {
		return nil, err
	}
	var rows [][]string
	copyIn, err := c.readUntilReady(&rows)
	if copyIn {
		return nil, errors.New("unexpected COPY in Query")
	}
	if err != nil {
		return nil, fmt.Errorf("query %q: %w", shorten(sql, 60), err)
	}
	return rows, nil
}

// CopyIn runs a COPY … FROM STDIN statement and feeds it what fill writes.
func (c *pgConn) CopyIn(ctx context.Context, sql string, fill func(w io.Writer) error) error {
	c.setDeadline(ctx)
	if err := c.send('Q', append([]byte(sql), 0)); err != nil {
		return err
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	copyIn, err := c.readUntilReady(nil)
	if err != nil {
		return fmt.Errorf("starting %q: %w", shorten(sql, 60), err)
	}
	if !copyIn {
		return fmt.Errorf("%q did not start a COPY", shorten(sql, 60))
	}
	cw := &copyWriter{c: c}
	bw := bufio.NewWriterSize(cw, 256<<10)
	ferr := fill(bw)
	if ferr == nil {
		ferr = bw.Flush()
	}
	if ferr == nil {
		ferr = cw.flushErr
	}
	if ferr != nil {
		c.send('f', append([]byte(ferr.Error()), 0)) // CopyFail
	} else {
		c.send('c', nil) // CopyDone
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	_, err = c.readUntilReady(nil)
	if ferr != nil {
		return ferr
	}
	if err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	return nil
}

// copyWriter frames everything written to it as CopyData messages.
type copyWriter struct {
	c        *pgConn
	flushErr error
}

func (w *copyWriter) Write(p []byte) (int, error) {
	if err := w.c.send('d', p); err != nil {
		w.flushErr = err
		return 0, err
	}
	return len(p), nil
}

// copyField escapes s for COPY's text format.
func copyField(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\\':
			b = append(b, `\\`...)
		case '\t':
			b = append(b, `\t`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		default:
			b = append(b, ch)
		}
	}
	return b
}

// sqlString quotes s as a standard SQL string literal.
func sqlString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
