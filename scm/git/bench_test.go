package git

import (
	"context"
	"fmt"
	"testing"
)

// benchRepo builds a repository of n small files on main and a feature
// branch changing 20 of them: 8 modified and 2 deleted in commits, 3
// renamed (staged), 4 modified unstaged and 3 new untracked files.
func benchRepo(b *testing.B, n int) string {
	b.Helper()
	isolate(b)
	dir := b.TempDir()
	run(b, dir, "init", "-q", "-b", "main")
	name := func(i int) string { return fmt.Sprintf("d%03d/f%05d.tf", i/100, i) }
	for i := 0; i < n; i++ {
		write(b, dir, name(i), fmt.Sprintf("resource \"null_resource\" \"r%d\" {\n  count = %d\n}\n", i, i))
	}
	run(b, dir, "add", "-A")
	run(b, dir, "commit", "-q", "-m", "base")
	run(b, dir, "checkout", "-q", "-b", "feature")
	step := n / 20
	pick := func(k int) string { return name(k * step) }
	for k := 0; k < 8; k++ {
		write(b, dir, pick(k), "resource \"null_resource\" \"changed\" {\n  count = 0\n}\n")
	}
	run(b, dir, "rm", "-q", pick(8), pick(9))
	run(b, dir, "commit", "-q", "-a", "-m", "feature")
	for k := 10; k < 13; k++ {
		run(b, dir, "mv", pick(k), pick(k)+".renamed.tf")
	}
	for k := 13; k < 17; k++ {
		write(b, dir, pick(k), "# unstaged\n")
	}
	for k := 17; k < 20; k++ {
		write(b, dir, fmt.Sprintf("new/untracked%d.tf", k), "a = 1\n")
	}
	return dir
}

// BenchmarkChanges measures a merge-request-sized diff (20 changed files)
// in repositories of 200 and 20,000 files. Changes (working tree) stats
// every tracked file and lists untracked ones, so it grows mildly with the
// repository; ChangesBetween (commit to commit, what the gate uses) does
// not look at the working tree at all.
func BenchmarkChanges(b *testing.B) {
	for _, n := range []int{200, 20000} {
		dir := benchRepo(b, n)
		ctx := context.Background()
		repo, err := Open(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("worktree/files=%d", n), func(b *testing.B) {
			for b.Loop() {
				cs, err := repo.Changes(ctx, "main")
				if err != nil {
					b.Fatal(err)
				}
				if len(cs) != 20 {
					b.Fatalf("%d changes, want 20", len(cs))
				}
			}
		})
		b.Run(fmt.Sprintf("commits/files=%d", n), func(b *testing.B) {
			for b.Loop() {
				cs, err := repo.ChangesBetween(ctx, "main", "feature")
				if err != nil {
					b.Fatal(err)
				}
				if len(cs) != 10 {
					b.Fatalf("%d changes, want 10", len(cs))
				}
			}
		})
	}
}
