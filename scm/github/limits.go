package github

import (
	"strings"
	"unicode/utf8"
)

// GitHub's limits (FACTS section 3).
const (
	MaxTitle              = 255      // check run output title and annotation title, characters
	MaxOutputText         = 65535    // check run output summary and text, characters
	MaxAnnotationMessage  = 64 << 10 // annotation message and raw_details, bytes
	AnnotationsPerRequest = 50
	MaxStatusDescription  = 140
	MaxCommentBody        = 65536
	MaxStepSummary        = 1 << 20 // bytes per step
)

// TruncationNote ends every text this package had to cut.
const TruncationNote = "… truncated: see the job summary"

// truncateChars cuts s to at most max characters (runes), ending with note
// when it cut. It never splits a character.
func truncateChars(s string, max int, note string) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	keep := max - utf8.RuneCountInString(note)
	if keep < 0 {
		keep = 0
		note = string([]rune(note)[:max])
	}
	return cutRunes(s, keep) + note
}

// truncateBytes cuts s to at most max bytes, ending with note when it cut.
func truncateBytes(s string, max int, note string) string {
	if len(s) <= max {
		return s
	}
	keep := max - len(note)
	if keep < 0 {
		return ""
	}
	for keep > 0 && !utf8.RuneStart(s[keep]) {
		keep--
	}
	return s[:keep] + note
}

func cutRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// textNote is the note for long Markdown texts: on its own line.
const textNote = "\n\n" + TruncationNote

// oneLine flattens s for places that take a single line (status
// descriptions, titles).
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
