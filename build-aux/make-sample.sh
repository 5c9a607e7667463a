#!/bin/sh
# make-sample.sh: builds data/sample/sample.kintsugi from the sample session and its reference coding with kintsugi-cli.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/make-sample.sh [PATH-TO-kintsugi-cli]
# The CLI defaults to $KINTSUGI_CLI, then _build/src/cli/kintsugi-cli, then
# kintsugi-cli on the PATH. Needs python3 for the TSV → CSV conversion.
# The project is built in a temporary folder and moved into place only when
# every step (including validation) succeeded.

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
sample="$srcdir/data/sample"
python=${PYTHON:-python3}

cli=${1:-${KINTSUGI_CLI:-}}
if [ -z "$cli" ]; then
  if [ -x "$srcdir/_build/src/cli/kintsugi-cli" ]; then
    cli="$srcdir/_build/src/cli/kintsugi-cli"
  elif command -v kintsugi-cli >/dev/null 2>&1; then
    cli=$(command -v kintsugi-cli)
  else
    echo "make-sample.sh: kintsugi-cli not found; build it or pass its path" >&2
    exit 1
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
project="$tmp/sample.kintsugi"

# 1. Reference coding → codings CSV (offsets into the transcript as stored).
"$python" "$srcdir/build-aux/tsv-to-codings-csv.py" \
  "$sample/session.txt" "$sample/session-codings.tsv" \
  --codebook "$srcdir/data/codebooks/rupture-repair.xml" \
  --document "Session 7" --coder "Reference" \
  -o "$tmp/session-codings.csv"

# 2. A new project with the default codebook, the transcript, the codings.
"$cli" new "$project" --title "Sample: a rupture and its repair" --codebook default
"$cli" import "$project" "$sample/session.txt" --title "Session 7" --pseudonymised
"$cli" import-codings "$project" "$tmp/session-codings.csv"
# 3. The curated episode (data/sample/episode.txt): 21 moves with labels,
#    actors, dimensions, phases, roles, anchors into the reference coding,
#    typed edges, the case and the episode's attributes.
"$cli" import-episode "$project" "$sample/episode.txt"
# 4. For comparison, what Build From Codings drafts from every coding of the
#    same stretch (one move per group of overlapping codings).
"$cli" add-episode "$project" "Session 7: drafted from all codings" --document "Session 7" \
  --turns 10-158 --rupture-types "W>C" --build
"$cli" validate "$project"

mv "$project" "$sample/sample.kintsugi"
echo "wrote $sample/sample.kintsugi"
