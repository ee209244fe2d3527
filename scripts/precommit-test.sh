#!/usr/bin/env bash
# Runs the real pre-commit against this repository's .pre-commit-hooks.yaml
# in a scratch git repository: the infragate hook must fail on a bad staged
# file and pass on a good one; infragate-test must run policy unit tests.
# Usage: scripts/precommit-test.sh   (needs pre-commit and git on PATH)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
command -v pre-commit >/dev/null || { echo "pre-commit is not installed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export PRE_COMMIT_HOME="$work/cache"
# pre-commit builds the hook with its own GOPATH, so without this every
# case downloads every module again (about 2m45s a case instead of 18s).
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
# pre-commit clones the repository at a ref: use the committed HEAD.
ref=$(git -C "$repo" rev-parse HEAD)

cd "$work" && git init -q -b main scratch && cd scratch
expect() { # expect <exit-code> <hook> : run the hook on the staged files
	local want=$1 hook=$2 got=0
	pre-commit try-repo "$repo" "$hook" --ref "$ref" >"$work/out" 2>&1 || got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: hook $hook exited $got, want $want"; cat "$work/out"; exit 1
	fi
	echo "ok: hook $hook exited $got"
}

printf 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "x"\n  acl    = "private"\n}\n' > good.tf
git add good.tf
expect 0 infragate

# JSON with comments (TypeScript, editor settings) is not read.
mkdir -p .vscode
printf '{\n  // comment\n  "compilerOptions": {}\n}\n' > tsconfig.json
cp tsconfig.json .vscode/settings.json
printf '# About the image\n---\nnot a Dockerfile\n' > Dockerfile.md
git add tsconfig.json .vscode Dockerfile.md
expect 0 infragate
grep -q 'tsconfig\|Dockerfile.md' "$work/out" && { echo "FAIL: tsconfig.json or Dockerfile.md was checked"; cat "$work/out"; exit 1; }

printf 'resource "aws_s3_bucket_acl" "b" {\n  bucket = "x"\n  acl    = "public-read"\n}\n' > bad.tf
git add bad.tf
expect 1 infragate
grep -q 'bad.tf:3' "$work/out" || { echo "FAIL: no finding at bad.tf:3"; cat "$work/out"; exit 1; }
git rm -q --cached bad.tf && rm bad.tf
# OpenTofu's own files are Terraform.
printf 'resource "aws_s3_bucket_acl" "b" {\n  bucket = "x"\n  acl    = "public-read"\n}\n' > bad.tofu
git add bad.tofu
expect 1 infragate
grep -q 'bad.tofu:3' "$work/out" || { echo "FAIL: no finding at bad.tofu:3"; cat "$work/out"; exit 1; }
git rm -q --cached bad.tofu && rm bad.tofu

# Dockerfile-prod is a Dockerfile.
printf 'FROM ubuntu:latest\n' > Dockerfile-prod
git add Dockerfile-prod
expect 1 infragate
grep -q 'Dockerfile-prod:1' "$work/out" || { echo "FAIL: no finding at Dockerfile-prod:1"; cat "$work/out"; exit 1; }
git rm -q --cached Dockerfile-prod && rm Dockerfile-prod

# A Helm chart: a commit that changes only a partial (or values.yaml)
# brings in the chart's templates, rendered with it.
mkdir -p chart/templates
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' > chart/Chart.yaml
printf 'tag: "1.27"\n' > chart/values.yaml
printf '{{- define "c.image" -}}nginx:{{ .Values.tag }}{{- end }}\n' > chart/templates/_helpers.tpl
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers: []\n' > chart/templates/pod.yaml
git add chart && git commit -q -m chart
printf '{{- define "c.image" -}}nginx:{{ .Values.tag }}-x{{- end }}\n' > chart/templates/_helpers.tpl
git add chart/templates/_helpers.tpl
expect 1 infragate
grep -q 'chart/templates/pod.yaml:6' "$work/out" || { echo "FAIL: the partial did not bring in the chart's template"; cat "$work/out"; exit 1; }
git commit -q -m partial

# Kustomize: a commit that changes only a patch brings in the overlay that
# applies it (in a file named Kustomization), judged as built.
mkdir -p kbase overlay
printf 'resources:\n  - pod.yaml\n' > kbase/kustomization.yaml
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n' > kbase/pod.yaml
printf 'resources:\n  - ../kbase\npatches:\n  - path: patch.yaml\n' > overlay/Kustomization
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: false\n' > overlay/patch.yaml
git add kbase overlay && git commit -q --no-verify -m kustomize
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n' > overlay/patch.yaml
git add overlay/patch.yaml
expect 1 infragate
grep -q 'overlay/Kustomization:4: .*IG-K8S-002.*(from overlay/patch.yaml:6)' "$work/out" || { echo "FAIL: the patch did not bring in its overlay"; cat "$work/out"; exit 1; }
git commit -q --no-verify -m patch
# ... and one that changes only a base manifest brings in the overlays built
# from it (found in git's index).
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.28\n' > kbase/pod.yaml
git add kbase/pod.yaml
expect 1 infragate
grep -q 'overlay/Kustomization:4: .*IG-K8S-002' "$work/out" || { echo "FAIL: the base manifest did not bring in its overlay"; cat "$work/out"; exit 1; }
git commit -q --no-verify -m base

mkdir policy
printf 'package main\n\ndeny contains "x" if input.x\n' > policy/p.rego
printf 'package main\n\ntest_x if deny["x"] with input as {"x": true}\n' > policy/p_test.rego
git add policy
expect 0 infragate-test
printf 'package main\n\ntest_x if deny["y"] with input as {"x": true}\n' > policy/p_test.rego
git add policy
expect 1 infragate-test
echo "pre-commit: 10 passed, 0 failed"
