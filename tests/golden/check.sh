#!/usr/bin/env bash
# Compares every output of tests/golden/outputs.sh with the hashes checked in beside it
# (outputs.sha256), byte for byte, and lists each file that changed, appeared or went.
#   tests/golden/check.sh BUILD_DIR            check (exit 1 on any difference)
#   tests/golden/check.sh BUILD_DIR --update   rewrite outputs.sha256 from this build
# A change that alters an output on purpose updates the hashes in the same commit and names each
# changed file and why.
set -euo pipefail
build=${1:?usage: check.sh BUILD_DIR [--update]}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
golden="$here/outputs.sha256"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bash "$here/outputs.sh" "$build" "$work/out" 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
(cd "$work/out" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$work/now.sha256"

if [ "${2:-}" = --update ]; then
    cp "$work/now.sha256" "$golden"
    echo "golden: wrote $(wc -l < "$golden") hashes to $golden" >&2
    exit 0
fi
[ -f "$golden" ] || { echo "golden: $golden is missing (run with --update)" >&2; exit 1; }
if cmp -s "$golden" "$work/now.sha256"; then
    echo "golden: all $(wc -l < "$golden") outputs byte-identical" >&2
    exit 0
fi
/usr/bin/python3 - "$golden" "$work/now.sha256" <<'PY'
import sys
def read(path):
    return {line[66:].strip(): line[:64] for line in open(path) if line.strip()}
old, new = read(sys.argv[1]), read(sys.argv[2])
for name in sorted(set(old) | set(new)):
    if name not in new: print(f"golden: gone:    {name}", file=sys.stderr)
    elif name not in old: print(f"golden: new:     {name}", file=sys.stderr)
    elif old[name] != new[name]: print(f"golden: changed: {name}", file=sys.stderr)
PY
echo "golden: outputs differ from $golden; if on purpose, run tests/golden/check.sh BUILD_DIR --update and name each changed file in the commit" >&2
exit 1
