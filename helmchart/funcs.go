package helmchart

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// A chart is rendered two or three times (see renderWith), each time
// with the functions that Helm (through Sprig) draws anew on each
// rendering replaced by deterministic ones: variant 0 in the first
// rendering, variant 1 in the second and, when the first two differ,
// variant 2 in the third. Variants 0 and 1 give values at opposite ends
// of what the function can give (randInt: its least and its greatest
// value; now: 2000-01-01 and 2099-12-31) and, for text, values that
// differ at every position. Variant 2 gives a third text, digit, UUID
// and time (2049-07-16 13:30:30.555555555, a Friday: each of its date fields
// differs from the other two times'), but makes variant 0's picks
// (randInt: its least value), so that a value picked among a few (a
// ternary on randInt, an element of a list, a date before or after
// some year) repeats in two of the three renderings, while text made by
// the functions (a password, its base64 or its sha256sum, a UUID, a
// date) is different in each. What differs between the renderings
// depends on those functions: settle makes a string of it Generated when
// it is made (see generated), and anything else (a picked string, a
// boolean, a number, a key or an element present in one rendering only)
// a parse error. Each variant is the same on every run, so the result
// is too.
const variants = 3

// Times that now gives, by variant.
var nowTimes = [variants]time.Time{
	time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
	time.Date(2099, 12, 31, 23, 59, 59, 999999999, time.UTC),
	time.Date(2049, 7, 16, 13, 30, 30, 555555555, time.UTC),
}

// generatedFuncs returns the replacements for one variant (0, 1 or 2): the
// random functions (randAlphaNum, randAlpha, randAscii, randNumeric,
// randBytes, randInt, uuidv4, shuffle), the ones that read the clock
// (now, ago, durationRound of a time; date, htmlDate, toDate and the
// other date functions use UTC, not the machine's zone), the ones that
// generate keys, certificates, salts or IVs (genPrivateKey, genCA...,
// genSelfSignedCert..., genSignedCert..., buildCustomCert, whose result
// the others take; bcrypt, htpasswd, encryptAES), and keys and values,
// which list a map in Go's random order (here: sorted by key).
func generatedFuncs(variant int) template.FuncMap {
	now := nowTimes[variant]
	text := func(n int) string { return pattern(variant, n, "generated", "x", "q") }
	timeOf := func(d any) time.Time { // as Sprig reads a date: now when it is none
		switch d := d.(type) {
		case time.Time:
			return d
		case *time.Time:
			if d != nil {
				return *d
			}
		case int64:
			return time.Unix(d, 0)
		case int:
			return time.Unix(int64(d), 0)
		case int32:
			return time.Unix(int64(d), 0)
		}
		return now
	}
	inZone := func(format string, d any, zone string) string {
		t := timeOf(d)
		loc := time.UTC
		if zone != "Local" {
			if l, err := time.LoadLocation(zone); err == nil {
				loc = l
			}
		}
		return t.In(loc).Format(format)
	}
	cert := func(ips, dns []any, key string) (Certificate, error) {
		for _, ip := range ips {
			s, ok := ip.(string)
			if !ok || net.ParseIP(s) == nil {
				return Certificate{}, fmt.Errorf("error parsing ip: %v", ip)
			}
		}
		for _, name := range dns {
			if _, ok := name.(string); !ok {
				return Certificate{}, fmt.Errorf("error processing alternate dns name: %v", name)
			}
		}
		if key == "" {
			key = pemBlock("RSA PRIVATE KEY", variant)
		}
		return Certificate{Cert: pemBlock("CERTIFICATE", variant), Key: key}, nil
	}
	bcrypt := func(string) string { return "$2a$10$" + text(53) }
	return template.FuncMap{
		"randAlphaNum": text,
		"randAlpha":    text,
		"randAscii":    text,
		"randNumeric":  func(n int) string { return pattern(variant, n, "1", "9", "5") },
		"randBytes": func(n int) (string, error) {
			if n < 0 {
				return "", fmt.Errorf("randBytes: negative count %d", n)
			}
			b := [variants]byte{0, 0xff, 0x55}[variant]
			return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{b}, n)), nil
		},
		"randInt": func(lo, hi int) (int, error) {
			if hi <= lo {
				return 0, errors.New("invalid argument to Intn") // as rand.Intn panics
			}
			if variant == 1 {
				return hi - 1, nil
			}
			return lo, nil // variant 2 picks as variant 0
		},
		"uuidv4": func() string {
			return [variants]string{"00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff", "55555555-5555-4555-9555-555555555555"}[variant]
		},
		"shuffle": func(s string) string {
			r := []rune(s)
			switch {
			case variant == 1:
				slices.Reverse(r)
			case variant == 2 && len(r) > 1:
				r = append(r[1:], r[0]) // rotated: a third order
			}
			return string(r)
		},

		"now": func() time.Time { return now },
		"ago": func(d any) string {
			t := timeOf(d)
			return now.Sub(t).Round(time.Second).String()
		},
		"durationRound": func(d any) string {
			switch d := d.(type) {
			case string:
				v, _ := time.ParseDuration(d)
				return durationRound(v)
			case int64:
				return durationRound(time.Duration(d))
			case time.Time:
				return durationRound(now.Sub(d))
			}
			return durationRound(0)
		},
		"date":           func(format string, d any) string { return inZone(format, d, "Local") },
		"dateInZone":     inZone,
		"date_in_zone":   inZone,
		"htmlDate":       func(d any) string { return inZone("2006-01-02", d, "Local") },
		"htmlDateInZone": func(d any, zone string) string { return inZone("2006-01-02", d, zone) },
		"toDate": func(format, s string) time.Time {
			t, _ := time.ParseInLocation(format, s, time.UTC)
			return t
		},
		"mustToDate": func(format, s string) (time.Time, error) {
			return time.ParseInLocation(format, s, time.UTC)
		},

		"genPrivateKey": func(typ string) string {
			kind, ok := map[string]string{"": "RSA PRIVATE KEY", "rsa": "RSA PRIVATE KEY", "dsa": "DSA PRIVATE KEY", "ecdsa": "EC PRIVATE KEY", "ed25519": "PRIVATE KEY"}[typ]
			if !ok {
				return "Unknown type " + typ
			}
			return pemBlock(kind, variant)
		},
		"genCA": func(_ string, _ int) (Certificate, error) { return cert(nil, nil, "") },
		"genCAWithKey": func(_ string, _ int, key string) (Certificate, error) {
			return cert(nil, nil, key)
		},
		"genSelfSignedCert": func(_ string, ips, dns []any, _ int) (Certificate, error) {
			return cert(ips, dns, "")
		},
		"genSelfSignedCertWithKey": func(_ string, ips, dns []any, _ int, key string) (Certificate, error) {
			return cert(ips, dns, key)
		},
		"genSignedCert": func(_ string, ips, dns []any, _ int, _ Certificate) (Certificate, error) {
			return cert(ips, dns, "")
		},
		"genSignedCertWithKey": func(_ string, ips, dns []any, _ int, _ Certificate, key string) (Certificate, error) {
			return cert(ips, dns, key)
		},
		"buildCustomCert": buildCustomCert,
		"bcrypt":          bcrypt,
		"htpasswd": func(user, password string) string {
			if strings.Contains(user, ":") {
				return "invalid username: " + user
			}
			return user + ":" + bcrypt(password)
		},
		"encryptAES": func(_, plaintext string) (string, error) {
			if plaintext == "" {
				return "", nil
			}
			n := 16 + (len(plaintext)/16+1)*16 // IV, then the padded text
			return base64.StdEncoding.EncodeToString([]byte(text(n))), nil
		},

		"keys": func(dicts ...map[string]any) []string {
			out := []string{}
			for _, d := range dicts {
				out = append(out, slices.Sorted(maps.Keys(d))...)
			}
			return out
		},
		"values": func(d map[string]any) []any {
			out := []any{}
			for _, k := range slices.Sorted(maps.Keys(d)) {
				out = append(out, d[k])
			}
			return out
		},
	}
}

// Certificate is what genCA, genSelfSignedCert, genSignedCert and their
// WithKey forms give (Sprig's certificate, whose fields templates read):
// PEM blocks whose bodies are Generated's variants, not keys.
type Certificate struct {
	Cert string
	Key  string
}

// buildCustomCert checks a certificate and key given in base64 as Sprig
// does (the key is only checked to be PEM) and gives them as a
// Certificate, for genSignedCert.
func buildCustomCert(b64cert, b64key string) (Certificate, error) {
	crt, err := base64.StdEncoding.DecodeString(b64cert)
	if err != nil {
		return Certificate{}, errors.New("unable to decode base64 certificate")
	}
	key, err := base64.StdEncoding.DecodeString(b64key)
	if err != nil {
		return Certificate{}, errors.New("unable to decode base64 private key")
	}
	block, _ := pem.Decode(crt)
	if block == nil {
		return Certificate{}, errors.New("unable to decode certificate")
	}
	if _, err := x509.ParseCertificate(block.Bytes); err != nil {
		return Certificate{}, fmt.Errorf("error parsing certificate: decodedCert.Bytes: %s", err)
	}
	if block, _ := pem.Decode(key); block == nil {
		return Certificate{}, errors.New("error parsing private key: no PEM data in input")
	}
	return Certificate{Cert: string(crt), Key: string(key)}, nil
}

// pattern is n characters: the variant's unit (one of units, by
// variant) repeated; "" for n <= 0, as Sprig's random strings.
func pattern(variant, n int, units ...string) string {
	if n <= 0 {
		return ""
	}
	unit := units[variant]
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

// pemBlock is a PEM block of the kind whose body is the variant's text.
func pemBlock(kind string, variant int) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: []byte(pattern(variant, 48, "generated", "x", "q"))}))
}

// durationRound is Sprig's: the duration in its largest whole unit
// ("2y", "3mo", "5d", "1h", "4m", "9s", "0s").
func durationRound(d time.Duration) string {
	u := uint64(d)
	if d < 0 {
		u = -u
	}
	day := uint64(24 * time.Hour)
	for _, unit := range []struct {
		size   uint64
		suffix string
	}{{365 * day, "y"}, {30 * day, "mo"}, {day, "d"}, {uint64(time.Hour), "h"}, {uint64(time.Minute), "m"}, {uint64(time.Second), "s"}} {
		if u > unit.size {
			return strconv.FormatUint(u/unit.size, 10) + unit.suffix
		}
	}
	return "0s"
}
