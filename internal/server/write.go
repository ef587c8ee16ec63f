package server

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/strategispor/strategispor/internal/corpus"
)

// multipartSlack is room for part headers and small fields around the file.
const multipartSlack = 64 << 10

// upload handles POST /api/documents: a multipart form with the file in
// "file", an optional "type" override and an optional "source" key (the
// command line sends the file's absolute path so that documents keep the id
// a local ingest would give them). The size limit is enforced while the body
// streams in, so an oversized upload is cut off at the limit.
func (s *Server) upload(c *gin.Context) error {
	limit := s.opt.MaxUpload + multipartSlack
	if c.Request.ContentLength > limit {
		return fmt.Errorf("upload of %d bytes is over the limit of %d bytes: %w", c.Request.ContentLength, s.opt.MaxUpload, corpus.ErrTooLarge)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	// The upload deadline covers receiving the body: a client trickling it
	// in is cut off when the deadline passes, not when ReadTimeout does.
	ctx := c.Request.Context()
	if dl, ok := ctx.Deadline(); ok {
		_ = http.NewResponseController(c.Writer).SetReadDeadline(dl)
	}
	// A body of another media type (JSON, a bare file) is 415, the caller
	// sending the wrong kind of body; a missing or garbled header is 400.
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil {
		return invalid("upload must be multipart/form-data with the file in the field \"file\"")
	}
	if mt != "multipart/form-data" {
		return &apiError{http.StatusUnsupportedMediaType, "unsupported_media_type",
			"upload is " + mt + "; send multipart/form-data with the file in the field \"file\"", corpus.ErrUnsupported}
	}
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return invalid("reading multipart upload: " + err.Error())
	}
	var (
		name, source, sourceURL string
		typ                     corpus.DocType
		data                    []byte
		gotFile                 bool
	)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return uploadReadError(err, s.opt.MaxUpload)
		}
		switch part.FormName() {
		case "file":
			if gotFile {
				return invalid("send one file per upload")
			}
			gotFile = true
			name = cleanName(path.Base(strings.ReplaceAll(part.FileName(), `\`, "/")))
			if name == "" || name == "." || name == ".." || name == "/" {
				return invalid("the file part has no file name")
			}
			data, err = io.ReadAll(io.LimitReader(part, s.opt.MaxUpload+1))
			if err != nil {
				return uploadReadError(err, s.opt.MaxUpload)
			}
			if int64(len(data)) > s.opt.MaxUpload {
				return fmt.Errorf("%s is over the upload limit of %d bytes: %w", name, s.opt.MaxUpload, corpus.ErrTooLarge)
			}
		case "type":
			v, err := smallField(part)
			if err != nil {
				return uploadReadError(err, s.opt.MaxUpload)
			}
			if v != "" && !corpus.DocType(v).Valid() {
				return invalid(fmt.Sprintf("type %q is not one of %s", v, joinTypes(corpus.DocTypes)))
			}
			typ = corpus.DocType(v)
		case "source":
			if source, err = smallField(part); err != nil {
				return uploadReadError(err, s.opt.MaxUpload)
			}
			source = cleanSource(source)
		case "source_url":
			if sourceURL, err = smallField(part); err != nil {
				return uploadReadError(err, s.opt.MaxUpload)
			}
			if sourceURL = strings.TrimSpace(sourceURL); sourceURL != "" {
				if err := corpus.CheckSourceURL(sourceURL); err != nil {
					return invalid(strings.TrimSuffix(err.Error(), ": "+corpus.ErrInvalid.Error()))
				}
			}
		default:
			if _, err := io.Copy(io.Discard, part); err != nil {
				return uploadReadError(err, s.opt.MaxUpload)
			}
		}
	}
	if !gotFile {
		return invalid("the upload has no \"file\" part")
	}
	if source == "" {
		source = "upload/" + name
	}
	res, err := s.opt.Ingester.IngestFile(ctx, name, source, sourceURL, typ, data)
	if err != nil {
		return err // names the file already
	}
	if ctx.Err() != nil {
		// The index commits a batch it has started; what is committed is
		// reported, even if the client no longer waits for the answer.
		s.log.WarnContext(ctx, "upload committed after its deadline or after the client gave up",
			"file", name, "document", res.DocumentID, "err", ctx.Err())
	}
	status := http.StatusCreated
	if res.Outcome == corpus.OutcomeUnchanged {
		status = http.StatusOK
	}
	c.JSON(status, res)
	return nil
}

// smallField reads a short text form field.
func smallField(part io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(part, 4097))
	if err != nil {
		return "", err
	}
	if len(b) > 4096 {
		return "", invalid("a form field is longer than 4096 bytes")
	}
	return strings.TrimSpace(string(b)), nil
}

// errUploadTimeout is a body not received within the upload deadline.
var errUploadTimeout = &apiError{http.StatusRequestTimeout, "request_timeout",
	"the upload was not received within the upload deadline; nothing was stored", nil}

// uploadReadError tells a body cut off at the size limit or the deadline
// from a malformed one.
func uploadReadError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fmt.Errorf("upload is over the limit of %d bytes: %w", limit, corpus.ErrTooLarge)
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return errUploadTimeout
	}
	var ae *apiError
	if errors.As(err, &ae) {
		return err
	}
	return invalid("reading multipart upload: " + err.Error())
}

// DeleteResult is the answer of DELETE /api/documents/{id}.
type DeleteResult struct {
	Deleted string `json:"deleted"`
}

func (s *Server) deleteDocument(c *gin.Context) error {
	id := c.Param("id")
	if err := s.opt.Ingester.Delete(c.Request.Context(), id); err != nil {
		return err // it names the operation and the id
	}
	c.JSON(http.StatusOK, DeleteResult{Deleted: id})
	return nil
}
