package cmd

import (
	"fmt"

	"github.com/infragate/infragate/cache"
	"github.com/infragate/infragate/parsers"
)

// cacheFlag is the --cache/--no-cache choice: "on", "off" or "" (decide by
// environment: on locally, off when CI=true, INFRAGATE_CACHE overrides).
func (o *CheckOptions) cacheFlag() string {
	switch {
	case o.NoCache:
		return "off"
	case o.Cache:
		return "on"
	}
	return ""
}

// openCache opens the cache of parsed documents and results when it is on.
// A cache that cannot be opened, and an INFRAGATE_CACHE value that is
// neither on nor off, are reported on stderr and the run goes on (without
// the cache, or with the default decision).
func (o *CheckOptions) openCache() *cache.Store {
	getenv := o.IO.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	on, err := cache.Enabled(o.cacheFlag(), getenv)
	if err != nil && o.IO.ErrOut != nil {
		fmt.Fprintf(o.IO.ErrOut, "infragate: %v\n", err)
	}
	if !on {
		return nil
	}
	dir, err := cache.DefaultDir(getenv)
	if err == nil {
		var s *cache.Store
		if s, err = cache.Open(dir); err == nil {
			return s
		}
	}
	if o.IO.ErrOut != nil {
		fmt.Fprintf(o.IO.ErrOut, "infragate: cache off: %v\n", err)
	}
	return nil
}

// registry is the parser registry of a run with its limits, behind the
// cache when there is one.
func registry(s *cache.Store, limits parsers.Limits) parsers.Registry {
	reg := parsers.New(limits)
	if s == nil {
		return reg
	}
	return cache.Wrap(reg, s)
}
