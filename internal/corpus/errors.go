package corpus

import "errors"

// Error kinds. Wrap them with fmt.Errorf("…: %w", ErrX) so that callers can
// test with errors.Is and the server can map them to HTTP status in one place.
var (
	ErrNotFound       = errors.New("not found")
	ErrInvalid        = errors.New("invalid input")            // the caller's mistake: bad query, bad parameter
	ErrUnsupported    = errors.New("unsupported format")       // a file type we do not read
	ErrUnreadable     = errors.New("unreadable file")          // a supported type whose content cannot be read
	ErrEncrypted      = errors.New("encrypted file")           // a password-protected PDF or DOCX
	ErrTooLarge       = errors.New("file too large")           // over the configured size limit
	ErrTimeout        = errors.New("extraction timed out")     // over the per-file time limit
	ErrLocked         = errors.New("data directory is in use") // another process holds the index
	ErrNoSpace        = errors.New("not enough free disk space for the index; nothing was written")
	ErrUnauthorized   = errors.New("unauthorized")
	ErrWritesDisabled = errors.New("writes are disabled")
)
