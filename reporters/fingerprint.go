package reporters

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"

	"github.com/infragate/infragate/engine"
)

// Fingerprint identifies a finding independently of line numbers, so that
// the same problem keeps its identity when lines above it move (SARIF
// partialFingerprints, GitLab Code Quality, baselines).
//
// It is the hex SHA-256 of the rule id, the file and the offending object:
// the finding's Resource, else its data Path within its document, else (for
// string-only findings that carry neither) its message within its document.
// Lines and columns are never part of it.
func Fingerprint(f engine.Finding) string {
	h := sha256.New()
	write := func(s string) {
		// Length-prefixed fields: no separator can be forged by content.
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	write("infragate/v1")
	write(ruleID(f))
	write(f.File)
	switch {
	case f.Resource != "":
		write("resource")
		write(f.Resource)
	case f.Path != "":
		write("path")
		write(f.Path)
		write(strconv.Itoa(f.Document))
	default:
		write("message")
		write(f.Message)
		write(strconv.Itoa(f.Document))
	}
	return hex.EncodeToString(h.Sum(nil))
}
