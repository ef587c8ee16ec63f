package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// Media types of the exports.
const (
	csvType  = "text/csv; charset=utf-8"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// semicolon reads ?sep=: "comma" (the default, English headers) or
// "semicolon" (Norwegian headers, as Norwegian Excel expects).
func semicolon(q url.Values) (bool, error) {
	switch v := q.Get("sep"); v {
	case "", "comma":
		return false, nil
	case "semicolon":
		return true, nil
	default:
		return false, invalid(fmt.Sprintf("sep %q is not one of comma, semicolon", v))
	}
}

// sendFile answers with a file built in memory, so that a failure while
// writing still gets a JSON error, not half a file.
func sendFile(c *gin.Context, name, contentType string, total int, write func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Header("X-Total-Count", itoa(total))
	c.Data(http.StatusOK, contentType, buf.Bytes())
	return nil
}

func (s *Server) exporter() (Exporter, error) {
	if s.opt.Export == nil {
		return nil, fmt.Errorf("export is not configured")
	}
	return s.opt.Export, nil
}

func (s *Server) commitmentsCSV(c *gin.Context) error {
	ex, err := s.exporter()
	if err != nil {
		return err
	}
	semi, err := semicolon(c.Request.URL.Query())
	if err != nil {
		return err
	}
	views, total, err := s.listCommitments(c, MaxCSVSize, MaxCSVSize)
	if err != nil {
		return err
	}
	return sendFile(c, "forpliktelser.csv", csvType, total, func(b *bytes.Buffer) error { return ex.CommitmentsCSV(b, views, semi) })
}

func (s *Server) commitmentsXLSX(c *gin.Context) error {
	ex, err := s.exporter()
	if err != nil {
		return err
	}
	views, total, err := s.listCommitments(c, MaxCSVSize, MaxCSVSize)
	if err != nil {
		return err
	}
	return sendFile(c, "forpliktelser.xlsx", xlsxType, total, func(b *bytes.Buffer) error { return ex.CommitmentsXLSX(b, views) })
}

func (s *Server) tiltakCSV(c *gin.Context) error {
	ex, err := s.exporter()
	if err != nil {
		return err
	}
	semi, err := semicolon(c.Request.URL.Query())
	if err != nil {
		return err
	}
	views, _, total, err := s.listTiltak(c, MaxCSVSize, MaxCSVSize)
	if err != nil {
		return err
	}
	return sendFile(c, "tiltak.csv", csvType, total, func(b *bytes.Buffer) error { return ex.TiltakCSV(b, views, semi) })
}

func (s *Server) tiltakXLSX(c *gin.Context) error {
	ex, err := s.exporter()
	if err != nil {
		return err
	}
	views, _, total, err := s.listTiltak(c, MaxCSVSize, MaxCSVSize)
	if err != nil {
		return err
	}
	return sendFile(c, "tiltak.xlsx", xlsxType, total, func(b *bytes.Buffer) error { return ex.TiltakXLSX(b, views) })
}
