package helmchart

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"helm.sh/helm/v4/pkg/chart/common"
	commonutil "helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/engine"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

// randomPod is the chart QA found: a container privileged by chance.
func randomPod() map[string]string {
	return map[string]string{
		"rp/Chart.yaml":  "apiVersion: v2\nname: rp\nversion: 0.1.0\n",
		"rp/values.yaml": "{}\n",
		"rp/templates/pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx:1.25
      securityContext:
        privileged: {{ eq (randInt 0 2) 1 }}
`,
	}
}

// result is what parsing a template gave, as text to compare.
func result(docs []parsers.Document, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	for _, d := range docs {
		v, _ := json.Marshal(d.Value)
		fmt.Fprintf(&b, "%d-%d %s\n", d.Range.StartLine, d.Range.EndLine, v)
		for _, e := range d.Map.Entries() {
			fmt.Fprintf(&b, "  %s %d-%d\n", e.Pointer, e.StartLine, e.EndLine)
		}
	}
	return b.String()
}

// A chart whose container is privileged by chance gives the same result
// on every rendering: a parse error on the line of the value, which
// blocks (the container may be privileged when deployed).
func TestRandomChartIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, randomPod())
	name := filepath.Join(dir, "rp/templates/pod.yaml")
	var first string
	for i := range 50 {
		p := NewParser(parsers.Default()[parsers.YAML], Options{})
		docs, err := parseFile(t, p, name)
		got := result(docs, err)
		if i == 0 {
			first = got
			continue
		}
		if got != first {
			t.Fatalf("rendering %d differs from the first:\n%s", i+1, cmp.Diff(first, got))
		}
	}
	want := name + ":10: helm template: the value at /spec/containers/0/securityContext/privileged depends on a random or clock function (false in one rendering, true in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge"
	if first != "error: "+want {
		t.Errorf("got %s\nwant the error %s", first, want)
	}
}

// What a policy sees of a value that random and clock functions make:
// a string is Generated, anything else they decide does not parse; the
// same on every run.
func TestRandomValuesAsJudged(t *testing.T) {
	for _, tc := range []struct {
		name string
		tpl  string // the template's data
		want string // data.v as JSON, or the error's message after "helm template: "
	}{
		{"randAlphaNum", `v: {{ randAlphaNum 16 | quote }}`, `"` + Generated + `"`},
		{"randAlpha lower", `v: {{ randAlpha 4 | lower | quote }}`, `"` + Generated + `"`},
		{"randAscii", `v: {{ randAscii 4 | b64enc | quote }}`, `"` + Generated + `"`},
		{"randNumeric quoted", `v: {{ randNumeric 4 | quote }}`, `"` + Generated + `"`},
		{"randBytes", `v: {{ randBytes 8 | quote }}`, `"` + Generated + `"`},
		{"uuidv4", `v: {{ uuidv4 | quote }}`, `"` + Generated + `"`},
		{"shuffle", `v: {{ shuffle "abc" | quote }}`, `"` + Generated + `"`},
		{"shuffle of one letter", `v: {{ shuffle "aaa" | quote }}`, `"aaa"`},
		{"now", `v: {{ now | date "2006-01-02" | quote }}`, `"` + Generated + `"`},
		{"now unixEpoch", `v: {{ now | unixEpoch | quote }}`, `"` + Generated + `"`},
		{"ago now", `v: {{ ago now | quote }}`, `"0s"`},
		{"ago", `v: {{ ago (toDate "2006" "1990") | quote }}`, `"` + Generated + `"`},
		{"durationRound", `v: {{ durationRound (toDate "2006" "1990") | quote }}`, `"` + Generated + `"`},
		{"toDate", `v: {{ toDate "2006-01-02" "2024-05-01" | unixEpoch | quote }}`, `"1714521600"`},
		{"genPrivateKey", `v: {{ genPrivateKey "rsa" | b64enc | quote }}`, `"` + Generated + `"`},
		{"genCA", `v: {{ (genCA "ca" 365).Cert | b64enc | quote }}`, `"` + Generated + `"`},
		{"genSignedCert", `v: {{ $ca := genCA "ca" 365 }}{{ (genSignedCert "x" nil (list "x.local") 365 $ca).Key | b64enc | quote }}`, `"` + Generated + `"`},
		{"genSelfSignedCert", `v: {{ (genSelfSignedCert "x" (list "10.0.0.1") nil 365).Cert | b64enc | quote }}`, `"` + Generated + `"`},
		{"bcrypt", `v: {{ bcrypt "pw" | quote }}`, `"` + Generated + `"`},
		{"htpasswd", `v: {{ htpasswd "u" "pw" | quote }}`, `"` + Generated + `"`},
		{"encryptAES", `v: {{ encryptAES "k" "text" | quote }}`, `"` + Generated + `"`},
		{"keys", `v: {{ keys (dict "b" 1 "a" 2 "c" 3) | toJson | quote }}`, `"[\"a\",\"b\",\"c\"]"`},
		{"values", `v: {{ values (dict "b" 1 "a" 2 "c" 3) | toJson | quote }}`, `"[2,1,3]"`},
		{"randInt of one value", `v: {{ randInt 5 6 }}`, `5`},
		{"randInt", `v: {{ randInt 0 10 }}`, `the value at /data/v depends on a random or clock function (0 in one rendering, 9 in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"randInt compared", `v: {{ eq (randInt 0 2) 1 }}`, `the value at /data/v depends on a random or clock function (false in one rendering, true in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"randNumeric", `v: {{ randNumeric 3 }}`, `the value at /data/v depends on a random or clock function (111 in one rendering, 999 in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"through tpl", `v: {{ tpl "{{ randInt 0 2 }}" . }}`, `the value at /data/v depends on a random or clock function (0 in one rendering, 1 in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"a key by chance", `{{ if eq (randInt 0 2) 1 }}v: x{{ end }}`, `the value at /data/v depends on a random or clock function (in one rendering only, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"by the clock", `v: {{ if lt (now | unixEpoch | int64) 2000000000 }}old{{ end }}`, `the value at /data/v depends on a random or clock function ("old" in one rendering, null in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"a document by chance", "v: x\n{{ if eq (randInt 0 2) 1 }}---\nkind: Pod{{ end }}", `a document of the template depends on a random or clock function (in one rendering only, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		// A string that differs is the placeholder only when the random
		// and clock functions made it; one they picked among a few blocks
		// (a third rendering repeats one of the first two).
		{"picked by ternary", `v: nginx:{{ ternary "latest" "1.25" (eq (randInt 0 2) 1) }}`, `the value at /data/v depends on a random or clock function ("nginx:1.25" in one rendering, "nginx:latest" in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"picked from a list", `v: {{ printf "%s:%s" "nginx" (index (list "1.25" "1.26" "latest") (randInt 0 3)) | quote }}`, `the value at /data/v depends on a random or clock function ("nginx:1.25" in one rendering, "nginx:latest" in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"picked beside made text", `v: {{ ternary "latest" "stable" (eq (randInt 0 2) 1) }}-{{ randAlpha 5 }}`, `the value at /data/v depends on a random or clock function ("stable-gener" in one rendering, "latest-xxxxx" in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"picked glued to made text", `v: {{ ternary "latest" "stable" (eq (randInt 0 2) 1) }}{{ randAlpha 5 }}`, `the value at /data/v depends on a random or clock function ("stablegener" in one rendering, "latestxxxxx" in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"picked by the clock", `v: "{{ if gt (now | date "2006" | atoi) 2050 }}latest{{ else }}1.25{{ end }}"`, `the value at /data/v depends on a random or clock function ("1.25" in one rendering, "latest" in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"sha256sum of a pick", `v: {{ ternary "a" "b" (eq (randInt 0 2) 1) | sha256sum | quote }}`, `the value at /data/v depends on a random or clock function ("3e23e8160039594a33894f6564e1b1348bbd7a00..." in one rendering, "ca978112ca1bbdcafac231b39a23dc4da786eff8..." in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"randInt in a string", `v: pod-{{ randInt 0 1000 }}`, `the value at /data/v depends on a random or clock function ("pod-0" in one rendering, "pod-999" in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"b64enc of randAlphaNum", `v: {{ randAlphaNum 16 | b64enc | quote }}`, `"` + Generated + `"`},
		{"sha256sum of randAlphaNum", `v: {{ randAlphaNum 16 | sha256sum | quote }}`, `"` + Generated + `"`},
		{"sha256sum of a made secret", `v: {{ printf "password: %s" (randAlphaNum 16 | b64enc) | sha256sum | trunc 16 | quote }}`, `"` + Generated + `"`},
		{"now date year", `v: {{ now | date "2006" | quote }}`, `"` + Generated + `"`},
		{"now date year unquoted", `v: {{ now | date "2006" }}`, `the value at /data/v depends on a random or clock function (2000 in one rendering, 2099 in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"now kitchen", `v: {{ now | date "Mon Jan 2 3:04:05.000 PM 2006" | quote }}`, `the value at /data/v depends on a random or clock function ("Sat Jan 1 12:00:00.000 AM 2000" in one rendering, "Thu Dec 31 11:59:59.999 PM 2099" in another, where randInt, now... give other values): make it depend on the chart's values, which infragate can judge`},
		{"now date and time", `v: {{ now | date "Mon Jan 2 15:04:05.000 2006" | quote }}`, `"` + Generated + `"`},
		{"fails by chance", `v: {{ if eq (randInt 0 2) 1 }}{{ fail "no" }}{{ end }}`, `no (in the second rendering, where random and clock functions give other values)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := randomPod()
			files["rp/templates/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: x\n  " + tc.tpl + "\n"
			testtree.Write(t, dir, files)
			name := filepath.Join(dir, "rp/templates/cm.yaml")
			var first string
			for i := range 3 {
				docs, err := parseFile(t, NewParser(parsers.Default()[parsers.YAML], Options{}), name)
				got := ""
				switch {
				case err != nil:
					got = err.Error()
					if perr, ok := err.(*parsers.ParseError); ok {
						got = strings.TrimPrefix(perr.Msg, "helm template: ")
					}
				case len(docs) == 0:
					got = "no documents"
				default:
					v, _ := json.Marshal(docs[0].Value.(map[string]any)["data"].(map[string]any)["v"])
					got = string(v)
				}
				if i == 0 {
					first = got
				} else if got != first {
					t.Fatalf("rendering %d gives %s, the first %s", i+1, got, first)
				}
			}
			if first != tc.want {
				t.Errorf("got  %s\nwant %s", first, tc.want)
			}
		})
	}
}

// The third variant makes text, digits, UUIDs and times of its own, and
// variant 0's picks.
func TestThirdVariant(t *testing.T) {
	for _, tc := range []struct{ tpl, want string }{
		{`{{ randAlphaNum 12 }} {{ randNumeric 3 }} {{ randBytes 3 }}`, "qqqqqqqqqqqq 555 VVVV"},
		{`{{ randInt 3 7 }} {{ shuffle "abc" }} {{ shuffle "a" }}`, "3 bca a"},
		{`{{ uuidv4 }}`, "55555555-5555-4555-9555-555555555555"},
		{`{{ now | date "Mon 2006-01-02T15:04:05.000" }}`, "Fri 2049-07-16T13:30:30.555"},
		{`{{ genPrivateKey "" }}`, pemOf("RSA PRIVATE KEY", strings.Repeat("q", 48))},
	} {
		got, err := renderVariant(t, 2, tc.tpl)
		if err != nil || got != tc.want {
			t.Errorf("variant 2 of %s: got %q, %v; want %q", tc.tpl, got, err, tc.want)
		}
	}
}

// renderVariant renders a one-template chart with Helm's engine and the
// variant's functions.
func renderVariant(t *testing.T, variant int, tpl string) (string, error) {
	t.Helper()
	ch := &chart.Chart{
		Metadata:  &chart.Metadata{APIVersion: "v2", Name: "t", Version: "0.1.0"},
		Templates: []*common.File{{Name: "templates/t", Data: []byte(tpl)}},
	}
	vals, err := commonutil.ToRenderValuesWithSchemaValidation(ch, map[string]any{}, common.ReleaseOptions{Name: "r"}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	out, err := engine.Engine{CustomTemplateFuncs: generatedFuncs(variant)}.Render(ch, vals)
	return out["t/templates/t"], err
}

// pemOf is a PEM block of the kind with the body given.
func pemOf(kind, body string) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: []byte(body)}))
}

// customCert is a certificate and key in base64, for buildCustomCert.
func customCert(t *testing.T) (string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "c"}, NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	crt := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	k := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})
	return base64.StdEncoding.EncodeToString(crt), base64.StdEncoding.EncodeToString(k)
}

// Each function replaced, in each variant: deterministic, of Sprig's
// type, at opposite ends of what it can give.
func TestGeneratedFuncs(t *testing.T) {
	// The machine's zone is not used: dates are in UTC.
	local := time.Local
	time.Local = time.FixedZone("UTC+9", 9*3600)
	defer func() { time.Local = local }()

	body0, body1 := "generatedgeneratedgeneratedgeneratedgeneratedgen", strings.Repeat("x", 48)
	b64cert, b64key := customCert(t)
	crt, _ := base64.StdEncoding.DecodeString(b64cert)
	key, _ := base64.StdEncoding.DecodeString(b64key)
	for _, tc := range []struct {
		tpl        string
		want0      string
		want1      string // "" for want0
		err0, err1 string // substrings of the errors
	}{
		{tpl: `{{ randAlphaNum 12 }}`, want0: "generatedgen", want1: "xxxxxxxxxxxx"},
		{tpl: `{{ randAlpha 3 }}`, want0: "gen", want1: "xxx"},
		{tpl: `{{ randAscii 10 }}`, want0: "generatedg", want1: "xxxxxxxxxx"},
		{tpl: `{{ randAlphaNum 0 }}|{{ randAlpha -1 }}`, want0: "|"},
		{tpl: `{{ randNumeric 4 }}`, want0: "1111", want1: "9999"},
		{tpl: `{{ randBytes 3 }}`, want0: "AAAA", want1: "////"},
		{tpl: `{{ randBytes -1 }}`, err0: "negative count", err1: "negative count"},
		{tpl: `{{ randInt 3 7 }}`, want0: "3", want1: "6"},
		{tpl: `{{ randInt -5 -4 }}`, want0: "-5"},
		{tpl: `{{ randInt 5 5 }}`, err0: "invalid argument to Intn", err1: "invalid argument to Intn"},
		{tpl: `{{ uuidv4 }}`, want0: "00000000-0000-4000-8000-000000000000", want1: "ffffffff-ffff-4fff-bfff-ffffffffffff"},
		{tpl: `{{ shuffle "abc" }}`, want0: "abc", want1: "cba"},
		{tpl: `{{ now | date "2006-01-02T15:04:05.000" }}`, want0: "2000-01-01T00:00:00.000", want1: "2099-12-31T23:59:59.999"},
		{tpl: `{{ now | unixEpoch }}`, want0: "946684800", want1: "4102444799"},
		{tpl: `{{ now | htmlDate }}`, want0: "2000-01-01", want1: "2099-12-31"},
		{tpl: `{{ htmlDateInZone now "UTC" }}`, want0: "2000-01-01", want1: "2099-12-31"},
		{tpl: `{{ dateInZone "15:04" now "Local" }} {{ date_in_zone "15:04" now "Local" }}`, want0: "00:00 00:00", want1: "23:59 23:59"},
		{tpl: `{{ date "2006-01-02 15:04" 0 }} {{ htmlDate 86400 }}`, want0: "1970-01-01 00:00 1970-01-02"},
		{tpl: `{{ date "2006" "not a date" }}`, want0: "2000", want1: "2099"},
		{tpl: `{{ toDate "2006-01-02" "2024-05-01" | unixEpoch }} {{ mustToDate "2006" "2024" | unixEpoch }}`, want0: "1714521600 1704067200"},
		{tpl: `{{ mustToDate "2006" "x" }}`, err0: "cannot parse", err1: "cannot parse"},
		{tpl: `{{ ago now }} {{ ago 0 }}`, want0: "0s 262968h0m0s", want1: "0s 1139568h0m0s"},
		{tpl: `{{ durationRound now }} {{ durationRound (toDate "2006" "1990") }} {{ durationRound "2h5m" }} {{ durationRound 0 }}`, want0: "0s 10y 2h 0s", want1: "0s 110y 2h 0s"},
		{tpl: `{{ genPrivateKey "" }}`, want0: pemOf("RSA PRIVATE KEY", body0), want1: pemOf("RSA PRIVATE KEY", body1)},
		{tpl: `{{ genPrivateKey "rsa" }}{{ genPrivateKey "dsa" }}{{ genPrivateKey "ecdsa" }}{{ genPrivateKey "ed25519" }}`,
			want0: pemOf("RSA PRIVATE KEY", body0) + pemOf("DSA PRIVATE KEY", body0) + pemOf("EC PRIVATE KEY", body0) + pemOf("PRIVATE KEY", body0),
			want1: pemOf("RSA PRIVATE KEY", body1) + pemOf("DSA PRIVATE KEY", body1) + pemOf("EC PRIVATE KEY", body1) + pemOf("PRIVATE KEY", body1)},
		{tpl: `{{ genPrivateKey "rot13" }}`, want0: "Unknown type rot13"},
		{tpl: `{{ $c := genCA "ca" 365 }}{{ $c.Cert }}{{ $c.Key }}`, want0: pemOf("CERTIFICATE", body0) + pemOf("RSA PRIVATE KEY", body0), want1: pemOf("CERTIFICATE", body1) + pemOf("RSA PRIVATE KEY", body1)},
		{tpl: `{{ $c := genCAWithKey "ca" 365 "K" }}{{ $c.Cert }}{{ $c.Key }}`, want0: pemOf("CERTIFICATE", body0) + "K", want1: pemOf("CERTIFICATE", body1) + "K"},
		{tpl: `{{ $c := genSelfSignedCert "x" (list "10.0.0.1" "::1") (list "x.local") 365 }}{{ $c.Cert }}{{ $c.Key }}`, want0: pemOf("CERTIFICATE", body0) + pemOf("RSA PRIVATE KEY", body0), want1: pemOf("CERTIFICATE", body1) + pemOf("RSA PRIVATE KEY", body1)},
		{tpl: `{{ genSelfSignedCert "x" (list "not an ip") nil 365 }}`, err0: "error parsing ip", err1: "error parsing ip"},
		{tpl: `{{ genSelfSignedCert "x" nil (list 1) 365 }}`, err0: "alternate dns", err1: "alternate dns"},
		{tpl: `{{ (genSelfSignedCertWithKey "x" nil nil 365 "K").Key }}`, want0: "K"},
		{tpl: `{{ $ca := genCA "ca" 365 }}{{ (genSignedCert "x" nil nil 365 $ca).Cert }}`, want0: pemOf("CERTIFICATE", body0), want1: pemOf("CERTIFICATE", body1)},
		{tpl: `{{ $ca := genCA "ca" 365 }}{{ (genSignedCertWithKey "x" nil nil 365 $ca "K").Key }}`, want0: "K"},
		{tpl: `{{ $ca := buildCustomCert "` + b64cert + `" "` + b64key + `" }}{{ $ca.Cert }}{{ $ca.Key }}{{ (genSignedCert "x" nil nil 365 $ca).Cert }}`, want0: string(crt) + string(key) + pemOf("CERTIFICATE", body0), want1: string(crt) + string(key) + pemOf("CERTIFICATE", body1)},
		{tpl: `{{ buildCustomCert "!" "" }}`, err0: "unable to decode base64 certificate", err1: "unable to decode base64 certificate"},
		{tpl: `{{ buildCustomCert "` + base64.StdEncoding.EncodeToString([]byte("x")) + `" "" }}`, err0: "unable to decode certificate", err1: "unable to decode certificate"},
		{tpl: `{{ buildCustomCert "` + b64cert + `" "eA==" }}`, err0: "error parsing private key", err1: "error parsing private key"},
		{tpl: `{{ bcrypt "pw" }}`, want0: "$2a$10$" + strings.Repeat("generated", 6)[:53], want1: "$2a$10$" + strings.Repeat("x", 53)},
		{tpl: `{{ htpasswd "u" "pw" }}`, want0: "u:$2a$10$" + strings.Repeat("generated", 6)[:53], want1: "u:$2a$10$" + strings.Repeat("x", 53)},
		{tpl: `{{ htpasswd "a:b" "pw" }}`, want0: "invalid username: a:b"},
		{tpl: `{{ encryptAES "k" "text" }}`, want0: base64.StdEncoding.EncodeToString([]byte(strings.Repeat("generated", 4)[:32])), want1: base64.StdEncoding.EncodeToString([]byte(strings.Repeat("x", 32)))},
		{tpl: `{{ encryptAES "k" "" }}`, want0: ""},
		{tpl: `{{ keys (dict "b" 1 "a" 2 "c" 3) (dict "z" 1 "y" 2) | toJson }}`, want0: `["a","b","c","y","z"]`},
		{tpl: `{{ values (dict "b" 1 "a" 2 "c" 3) | toJson }}`, want0: `[2,1,3]`},
	} {
		for variant, want := range []struct{ out, err string }{{tc.want0, tc.err0}, {tc.want1, tc.err1}} {
			if variant == 1 && want.out == "" && want.err == "" {
				want.out = tc.want0
			}
			for range 3 {
				got, err := renderVariant(t, variant, tc.tpl)
				switch {
				case want.err != "" && (err == nil || !strings.Contains(err.Error(), want.err)):
					t.Errorf("variant %d of %s: got %q, %v; want an error with %q", variant, tc.tpl, got, err, want.err)
				case want.err == "" && err != nil:
					t.Errorf("variant %d of %s: %v", variant, tc.tpl, err)
				case want.err == "" && got != want.out:
					t.Errorf("variant %d of %s:\n%s", variant, tc.tpl, cmp.Diff(want.out, got))
				}
			}
		}
	}
}
