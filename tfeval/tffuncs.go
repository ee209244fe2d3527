package tfeval

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"net"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apparentlymart/go-cidr/cidr"
	"github.com/google/uuid"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"github.com/zclconf/go-cty/cty/gocty"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
)

// Terraform's own pure functions, which go-cty's stdlib does not have.
// Each behaves as Terraform's function of the same name (its results and
// its errors, which try() and can() see); functions bounds them and
// charges their work.

// argsCost is the work of a function that reads each of its arguments
// once (a hash, an encoding): their size.
func argsCost(args []cty.Value) int {
	n := 0
	for _, a := range args {
		units, _ := size(a)
		n += units
	}
	return n
}

// matchkeysCost is the work of matchkeys: every key against every
// element of the search set.
func matchkeysCost(args []cty.Value) int {
	n := 1
	if k, s := args[1], args[2]; k.IsKnown() && !k.IsNull() && s.IsKnown() && !s.IsNull() {
		n += k.LengthInt() * s.LengthInt()
	}
	return n + argsCost(args)
}

// costing wraps f so that each call first charges cost(args) to b.
func costing(f function.Function, b *budget, cost func([]cty.Value) int) function.Function {
	return precheck(f, func(args []cty.Value) error {
		if !b.spend(cost(args)) {
			return errTooBig
		}
		return nil
	})
}

// stringFunc is a function of one string to a string.
func stringFunc(f func(s string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := f(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

// hashFunc is a hash of a string's UTF-8 bytes, encoded with enc (md5,
// sha1, sha256, sha512, base64sha256, base64sha512).
func hashFunc(h func() hash.Hash, enc func([]byte) string) function.Function {
	return stringFunc(func(s string) (string, error) {
		d := h()
		d.Write([]byte(s))
		return enc(d.Sum(nil)), nil
	})
}

var base64EncodeFunc = stringFunc(func(s string) (string, error) {
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
})

// base64DecodeFunc fails on input that is not standard base64, and on a
// result that is not UTF-8, as Terraform's does.
var base64DecodeFunc = stringFunc(func(s string) (string, error) {
	dec, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("failed to decode base64 data %s", s)
	}
	if !utf8.Valid(dec) {
		return "", errors.New("the result of decoding the provided string is not valid UTF-8")
	}
	return string(dec), nil
})

var base64GzipFunc = stringFunc(func(s string) (string, error) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	if _, err := gz.Write([]byte(s)); err != nil {
		return "", fmt.Errorf("failed to write gzip raw data: %w", err)
	}
	if err := gz.Close(); err != nil {
		return "", fmt.Errorf("failed to close gzip writer: %w", err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
})

var urlEncodeFunc = stringFunc(func(s string) (string, error) {
	return url.QueryEscape(s), nil
})

var (
	md5Func          = hashFunc(md5.New, hex.EncodeToString)
	sha1Func         = hashFunc(sha1.New, hex.EncodeToString)
	sha256Func       = hashFunc(sha256.New, hex.EncodeToString)
	sha512Func       = hashFunc(sha512.New, hex.EncodeToString)
	base64Sha256Func = hashFunc(sha256.New, base64.StdEncoding.EncodeToString)
	base64Sha512Func = hashFunc(sha512.New, base64.StdEncoding.EncodeToString)
)

// uuidv5Func is a name-based (SHA-1) UUID: namespace is "dns", "url",
// "oid", "x500" or a UUID.
var uuidv5Func = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "namespace", Type: cty.String},
		{Name: "name", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var ns uuid.UUID
		switch s := args[0].AsString(); s {
		case "dns":
			ns = uuid.NameSpaceDNS
		case "url":
			ns = uuid.NameSpaceURL
		case "oid":
			ns = uuid.NameSpaceOID
		case "x500":
			ns = uuid.NameSpaceX500
		default:
			var err error
			if ns, err = uuid.Parse(s); err != nil {
				return cty.UnknownVal(cty.String), fmt.Errorf("uuidv5() doesn't support namespace %s (%v)", s, err)
			}
		}
		return cty.StringVal(uuid.NewSHA1(ns, []byte(args[1].AsString())).String()), nil
	},
})

// stringTest is a test of a string against another (strcontains,
// startswith, endswith).
func stringTest(second string, test func(s, t string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "str", Type: cty.String},
			{Name: second, Type: cty.String},
		},
		Type: function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(test(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var (
	strContainsFunc = stringTest("substr", strings.Contains)
	startsWithFunc  = stringTest("prefix", strings.HasPrefix)
	endsWithFunc    = stringTest("suffix", strings.HasSuffix)
)

// allTrueFunc: true when every element is true (a null one is false), and
// for an empty list.
var allTrueFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			if v.IsNull() || v.False() {
				return cty.False, nil
			}
		}
		return cty.True, nil
	},
})

// anyTrueFunc: true when some element is true (nulls are skipped); an
// unknown element makes the result unknown unless another is true.
var anyTrueFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		unknown := false
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			switch {
			case !v.IsKnown():
				unknown = true
			case v.IsNull():
			case v.True():
				return cty.True, nil
			}
		}
		if unknown {
			return cty.UnknownVal(cty.Bool), nil
		}
		return cty.False, nil
	},
})

const oneErr = "must be a list, set, or tuple value with either zero or one elements"

// oneFunc is the element of a one-element list, set or tuple, or null for
// an empty one.
var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType():
			switch etys := ty.TupleElementTypes(); len(etys) {
			case 0:
				return cty.DynamicPseudoType, nil
			case 1:
				return etys[0], nil
			}
		}
		return cty.NilType, function.NewArgErrorf(0, oneErr)
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		v := args[0]
		switch n := v.LengthInt(); n {
		case 0:
			return cty.NullVal(retType), nil
		case 1:
			var e cty.Value
			for it := v.ElementIterator(); it.Next(); {
				_, e = it.Element()
			}
			return e, nil
		}
		return cty.NilVal, function.NewArgErrorf(0, oneErr)
	},
})

const sumErr = "argument must be list, set, or tuple of number values"

// sumFunc is the sum of a non-empty list, set or tuple of numbers.
var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (ret cty.Value, err error) {
		l := args[0]
		if !l.CanIterateElements() {
			return cty.NilVal, function.NewArgErrorf(0, "cannot sum noniterable")
		}
		if l.LengthInt() == 0 {
			return cty.NilVal, function.NewArgErrorf(0, "cannot sum an empty list")
		}
		ty := l.Type()
		if !ty.IsListType() && !ty.IsSetType() && !ty.IsTupleType() {
			return cty.NilVal, function.NewArgErrorf(0, "argument must be list, set, or tuple. Received %s", ty.FriendlyName())
		}
		if !l.IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(big.ErrNaN); !ok {
					panic(r)
				}
				ret, err = cty.NilVal, errors.New("can't compute sum of opposing infinities")
			}
		}()
		var s cty.Value
		for it := l.ElementIterator(); it.Next(); {
			_, v := it.Element()
			if v.IsNull() {
				return cty.NilVal, function.NewArgErrorf(0, sumErr)
			}
			v, err := convert.Convert(v, cty.Number)
			if err != nil {
				return cty.NilVal, function.NewArgErrorf(0, sumErr)
			}
			if s == cty.NilVal {
				s = v
			} else {
				s = s.Add(v)
			}
		}
		return s, nil
	},
})

// transposeFunc swaps the keys and values of a map of lists of strings;
// each list of the result is sorted.
var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(retType), nil
		}
		keys := map[string][]string{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, l := it.Element()
			for jt := l.ElementIterator(); jt.Next(); {
				_, v := jt.Element()
				if v.IsNull() {
					// Terraform fails here too (reading a null string).
					return cty.MapValEmpty(cty.List(cty.String)), errors.New("input must be a map of lists of strings")
				}
				keys[v.AsString()] = append(keys[v.AsString()], k.AsString())
			}
		}
		if len(keys) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		out := make(map[string]cty.Value, len(keys))
		for k, vs := range keys {
			sort.Strings(vs)
			l := make([]cty.Value, len(vs))
			for i, v := range vs {
				l[i] = cty.StringVal(v)
			}
			out[k] = cty.ListVal(l)
		}
		return cty.MapVal(out), nil
	},
})

// matchkeysFunc is the elements of values whose key (same index in keys)
// is in searchset.
var matchkeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		if ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()}); ty == cty.NilType {
			return cty.NilType, errors.New("keys and searchset must be of the same type")
		}
		return args[0].Type(), nil
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		ety := retType.ElementType()
		values := args[0]
		if values.LengthInt() != args[1].LengthInt() {
			return cty.ListValEmpty(ety), errors.New("length of keys and values should be equal")
		}
		ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()})
		keys, _ := convert.Convert(args[1], ty)
		search, _ := convert.Convert(args[2], ty)
		if search.LengthInt() == 0 {
			return cty.ListValEmpty(ety), nil
		}
		if !values.IsWhollyKnown() || !keys.IsWhollyKnown() {
			return cty.UnknownVal(retType), nil
		}
		var out []cty.Value
		i := 0
		for it := keys.ElementIterator(); it.Next(); i++ {
			_, k := it.Element()
			for jt := search.ElementIterator(); jt.Next(); {
				_, s := jt.Element()
				eq, err := stdlib.Equal(k, s)
				if err != nil {
					return cty.NilVal, err
				}
				if !eq.IsKnown() {
					return cty.ListValEmpty(ety), nil
				}
				if eq.True() {
					out = append(out, values.Index(cty.NumberIntVal(int64(i))))
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(ety), nil
		}
		return cty.ListVal(out), nil
	},
})

// parseCIDR is net.ParseCIDR as Terraform calls it: Terraform keeps the
// parser of Go before 1.17, which reads IPv4 octets with leading zeros as
// decimal ("010.0.0.0/8" is 10.0.0.0/8); Go now refuses them.
func parseCIDR(s string) (*net.IPNet, error) {
	addr, mask, ok := strings.Cut(s, "/")
	if parts := strings.Split(addr, "."); ok && len(parts) == 4 {
		for i, p := range parts {
			if p == "" || strings.Trim(p, "0123456789") != "" {
				parts = nil
				break
			}
			if t := strings.TrimLeft(p, "0"); t != "" {
				parts[i] = t
			} else {
				parts[i] = "0"
			}
		}
		if parts != nil {
			s = strings.Join(parts, ".") + "/" + mask
		}
	}
	_, network, err := net.ParseCIDR(s)
	if err != nil {
		return nil, fmt.Errorf("invalid CIDR expression: %s", err)
	}
	return network, nil
}

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "hostnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var host *big.Int
		if err := gocty.FromCtyValue(args[1], &host); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		ip, err := cidr.HostBig(network, host)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(ip.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if network.IP.To4() == nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("IPv6 addresses cannot have a netmask: %s", args[0].AsString())
		}
		return cty.StringVal(net.IP(network.Mask).String()), nil
	},
})

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "newbits", Type: cty.Number},
		{Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var newbits int
		if err := gocty.FromCtyValue(args[1], &newbits); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		var netnum *big.Int
		if err := gocty.FromCtyValue(args[2], &netnum); err != nil {
			return cty.UnknownVal(cty.String), err
		}
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		sub, err := cidr.SubnetBig(network, newbits, netnum)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(sub.String()), nil
	},
})

// cidrSubnetsFunc is consecutive subnets of prefix, each extending it by
// the given number of bits, aligned as Terraform aligns them.
var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(0, err)
		}
		start, _ := network.Mask.Size()
		lengths := args[1:]
		if len(lengths) == 0 {
			return cty.ListValEmpty(cty.String), nil
		}
		var first int
		if err := gocty.FromCtyValue(lengths[0], &first); err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(1, err)
		}
		current, _ := cidr.PreviousSubnet(network, first+start)
		out := make([]cty.Value, len(lengths))
		for i, arg := range lengths {
			var n int
			if err := gocty.FromCtyValue(arg, &n); err != nil {
				return cty.UnknownVal(cty.String), function.NewArgError(i+1, err)
			}
			if n < 1 {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "must extend prefix by at least one bit")
			}
			if n > 32 {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "may not extend prefix by more than 32 bits")
			}
			n += start
			if bits := len(network.IP) * 8; n > bits {
				protocol := "IP"
				switch bits {
				case 32:
					protocol = "IPv4"
				case 128:
					protocol = "IPv6"
				}
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "would extend prefix to %d bits, which is too long for an %s address", n, protocol)
			}
			next, rollover := cidr.NextSubnet(current, n)
			if rollover || !network.Contains(next.IP) {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "not enough remaining address space for a subnet with a prefix of %d bits after %s", n, current.String())
			}
			current = next
			out[i] = cty.StringVal(current.String())
		}
		return cty.ListVal(out), nil
	},
})

// textEncodeBase64Func encodes a string in an IANA character encoding
// ("UTF-16LE", "windows-1252", ...), then in base64.
var textEncodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "string", Type: cty.String},
		{Name: "encoding", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, name, err := ianaEncoding(args[1].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		b, err := enc.NewEncoder().Bytes([]byte(args[0].AsString()))
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given string contains characters that cannot be represented in %s", name)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
	},
})

// textDecodeBase64Func decodes base64, then text in an IANA character
// encoding.
var textDecodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "source", Type: cty.String},
		{Name: "encoding", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, name, err := ianaEncoding(args[1].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			var corrupt base64.CorruptInputError
			if errors.As(err, &corrupt) {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given value is has an invalid base64 symbol at offset %d", int(corrupt))
			}
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "invalid source string: %w", err)
		}
		text, err := enc.NewDecoder().Bytes(raw)
		if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given string contains symbols that are not defined for %s", name)
		}
		return cty.StringVal(string(text)), nil
	},
})

// ianaEncoding is the encoding of an IANA name or alias, and its name.
func ianaEncoding(label string) (encoding.Encoding, string, error) {
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, "", function.NewArgErrorf(1, "%q is not a supported IANA encoding name or alias in this Terraform version", label)
	}
	name, err := ianaindex.IANA.Name(enc)
	if err != nil {
		name = label
	}
	return enc, name, nil
}

// timeCmpFunc compares two RFC 3339 timestamps: -1, 0 or 1, as
// Terraform's timecmp (the same instant in two time zones is equal).
var timeCmpFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "timestamp_a", Type: cty.String},
		{Name: "timestamp_b", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var ts [2]time.Time
		for i, a := range args {
			t, err := time.Parse(time.RFC3339, a.AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), function.NewArgErrorf(i, "not a valid RFC3339 timestamp: %q", a.AsString())
			}
			ts[i] = t
		}
		switch {
		case ts[0].Equal(ts[1]):
			return cty.NumberIntVal(0), nil
		case ts[0].Before(ts[1]):
			return cty.NumberIntVal(-1), nil
		}
		return cty.NumberIntVal(1), nil
	},
})

// basenameFunc and dirnameFunc are Terraform's basename and dirname with
// forward slashes whatever the host (Terraform uses the host's rules; a
// gate's result must not depend on where it runs).
var (
	basenameFunc = stringFunc(func(s string) (string, error) { return path.Base(s), nil })
	dirnameFunc  = stringFunc(func(s string) (string, error) { return path.Dir(s), nil })
)

// revealFunc is sensitive and nonsensitive: Terraform marks (or unmarks)
// the value so that plans and logs hide it; a policy must still see it,
// or wrapping a value in sensitive() would hide it from the gate.
var revealFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowMarked: true}},
	Type: func(args []cty.Value) (cty.Type, error) {
		return args[0].Type(), nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, _ := args[0].Unmark()
		return v, nil
	},
})

// yamlDecodeFunc is Terraform's yamldecode (go-cty-yaml, as Terraform
// uses), with a dynamic return type: go-cty-yaml shares the value and the
// type of an alias among its uses, so a few lines of aliases make a value
// whose type is exponential in size, and its own return type would be
// walked whole before bounded could look at the value. Here the value is
// measured first (size stops at the bounds) and returned only when small.
var yamlDecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "src", Type: cty.String}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, err := ctyyaml.Standard.Unmarshal([]byte(args[0].AsString()), cty.DynamicPseudoType)
		if err != nil {
			return cty.DynamicVal, err
		}
		if _, over := size(v); over != "" {
			return cty.DynamicVal, limitError(over)
		}
		return v, nil
	},
})
