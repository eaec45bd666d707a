#!/usr/bin/env bash
# Checks a tenant for drift from the MyAccountConfig manifests and prints a
# one-line summary per config. Exit code: 0 in sync, 2 drift, 1 error, so a CI
# job fails (or opens an issue) when someone changed the tenant by hand.
#
# Needs: myaccount, jq, and AUTH0_DOMAIN + AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET
# (or AUTH0_API_TOKEN) in the environment. The state file written by
# `myaccount apply` (default myaccount.state.json) should be committed next to
# the manifests, so that drift knows which origins myaccount added.
#
# Usage: examples/pipeline/drift-check.sh [MANIFEST...]
#        (default: every *.yaml under config/)
set -uo pipefail

MYACCOUNT="${MYACCOUNT:-myaccount}"
STATE="${MYACCOUNT_STATE:-myaccount.state.json}"

args=()
if [[ $# -eq 0 ]]; then
  shopt -s nullglob
  set -- config/*.yaml
fi
for f in "$@"; do args+=(-f "$f"); done
if [[ ${#args[@]} -eq 0 ]]; then
  echo "drift-check: no manifests given and none found under config/" >&2
  exit 1
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT

"$MYACCOUNT" drift "${args[@]}" --state "$STATE" -o json >"$report"
code=$?

case $code in
  0|2) ;;
  *) echo "drift-check: myaccount drift failed (exit $code); see the error above" >&2; exit 1 ;;
esac

if [[ "$(jq -r .schemaVersion "$report")" != 1 ]]; then
  echo "drift-check: unexpected schemaVersion; update this script" >&2
  exit 1
fi

# One line per config, then one line per difference.
jq -r '
  .configs[]
  | "\(.namespace)/\(.name) on \(.domain): \(if .inSync then "in sync" else "DRIFT (\(.changes | length) differences)" end)",
    (.changes[] | "  \(.action)\t\(.resource)\t\(.field)\t\(.observed) -> \(.desired)"),
    (.warnings[] | "  warning\t\(.field)\t\(.message)")
' "$report"

# Make the result available to later CI steps (GitHub Actions).
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "in_sync=$(jq -r .inSync "$report")" >>"$GITHUB_OUTPUT"
  echo "changes=$(jq '[.configs[].changes[]] | length' "$report")" >>"$GITHUB_OUTPUT"
fi

exit $code
