package bench

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgConn is one connection to the throwaway cluster through pgx. Queries
// go over the simple query protocol, one round trip each, as psql sends
// them: the SQL carries its literals (sqlString) and nothing is prepared.
type pgConn struct{ c *pgx.Conn }

func pgConnect(ctx context.Context, addr, user, database string) (*pgConn, error) {
	cfg, err := pgx.ParseConfig(fmt.Sprintf("postgres://%s@%s/%s?sslmode=disable", user, addr, database))
	if err != nil {
		return nil, fmt.Errorf("postgres config: %w", err)
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to postgres at %s: %w", addr, err)
	}
	return &pgConn{c: c}, nil
}

// Close ends the session; the connection closes either way.
func (c *pgConn) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return c.c.Close(ctx)
}

// Query runs sql and returns its rows as text.
func (c *pgConn) Query(ctx context.Context, sql string) ([][]string, error) {
	rows, err := c.c.Query(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("query %q: %w", shorten(sql, 60), err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		raw := rows.RawValues() // text format under the simple protocol
		row := make([]string, len(raw))
		for i, v := range raw {
			row[i] = string(v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query %q: %w", shorten(sql, 60), err)
	}
	return out, nil
}

// CopyIn runs a COPY … FROM STDIN statement and feeds it what fill writes,
// in COPY's text format (copyField).
func (c *pgConn) CopyIn(ctx context.Context, sql string, fill func(w io.Writer) error) error {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(fill(pw)) }()
	_, err := c.c.PgConn().CopyFrom(ctx, pr, sql)
	pr.CloseWithError(io.ErrClosedPipe) // stops fill if the server gave up first
	if err != nil {
		return fmt.Errorf("%q: %w", shorten(sql, 60), err)
	}
	return nil
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
