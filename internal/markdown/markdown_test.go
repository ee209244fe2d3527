package markdown

import "testing"

func TestEscape(t *testing.T) {
	cases := map[string]string{
		"plain text":            "plain text",
		"</details><!-- x -->":  "&lt;/details&gt;&lt;\\!-- x --&gt;",
		"@everyone":             "@\u200deveryone",
		"/approve":              `\/approve`,
		"a\n/close":             `a<br>\/close`,
		"`code` | *b*":          "\\`code\\` \\| \\*b\\*",
		"bell\x07":              "bell",
		"a\u202eb\u2066c\u200f": `a\\u202Eb\\u2066c\\u200F`,
		"\u200d\u00e9":          "\u200d\u00e9",
	}
	for in, want := range cases {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
