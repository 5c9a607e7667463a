#!/usr/bin/env bash
# take-screenshots.sh: drives the app under Xvfb and writes docs/screenshots/*.png.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/take-screenshots.sh [BUILD-DIR]   (default: _build)
# Needs xvfb-run, dbus-run-session, xdotool, xcompmgr (popover shadows need a
# compositor) and ImageMagick's `import`/`convert`. The project shown is the
# sample session with the default codebook, a few digit shortcuts and the
# reference coding, built in a temporary folder with kintsugi-cli. The Codebook
# view is shown on the code SD.autonomy.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-_build}
app=$PWD/$build/src/app/kintsugi
cli=$PWD/$build/src/cli/kintsugi-cli
out=$PWD/docs/screenshots

if [[ -z ${KTS_SHOTS_INNER:-} ]]; then
  for tool in xvfb-run dbus-run-session xdotool xcompmgr import convert; do
    command -v "$tool" >/dev/null || { echo "take-screenshots.sh: $tool is missing" >&2; exit 1; }
  done
  export KTS_SHOTS_INNER=1
  exec xvfb-run -a -s "-screen 0 1200x800x24 +extension Composite" \
    dbus-run-session -- "$0" "$@"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export GSETTINGS_SCHEMA_DIR=$PWD/$build/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
export KTS_NO_SAMPLE=1
mkdir -p "$XDG_DATA_HOME" "$out"

# The project: default codebook (with digits 1 and 2), Session 7, reference coding.
project=$tmp/sample.kintsugi
python3 - "$project" <<'PY'
import re, sys
src = open("data/codebooks/rupture-repair.xml", encoding="utf-8").read()
codes = re.search(r"<codebook[^>]*>(.*)</codebook>", src, re.S).group(1)
codes = re.sub(r"<changelog>.*?</changelog>", "", codes, flags=re.S)
for key, digit in (("RUP.W.silence", "1"), ("RUP.W.minimal_response", "2")):
    codes = re.sub(r'(<code [^>]*key="%s"[^>]*?)(\s*/?>)' % re.escape(key),
                   r'\1 shortcut="%s"\2' % digit, codes, count=1)
open(sys.argv[1], "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<kintsugi xmlns="https://kintsugi-qda.github.io/ns/project/1" format="1">\n'
    '  <project title="Sample: a rupture and its repair"/>\n  <coders/>\n'
    '  <codebook name="Rupture–repair (Kintsugi default)" version="1">' + codes +
    '</codebook>\n  <documents/>\n  <codings/>\n  <cases/>\n  <episodes/>\n</kintsugi>\n')
PY
"$cli" import "$project" data/sample/session.txt --title "Session 7" >/dev/null
python3 build-aux/tsv-to-codings-csv.py data/sample/session.txt data/sample/session-codings.tsv \
  --codebook data/codebooks/rupture-repair.xml --document "Session 7" --coder Reference \
  -o "$tmp/codings.csv"
"$cli" import-codings "$project" "$tmp/codings.csv" >/dev/null

xcompmgr -n &
compositor=$!
trap 'kill $compositor 2>/dev/null; rm -rf "$tmp"' EXIT

shoot() { # NAME SCHEME — select a passage, Ctrl+K, type, Enter; keep the coded state
  local name=$1 scheme=$2 pid
  ADW_DEBUG_COLOR_SCHEME=$scheme "$app" "$project" >"$tmp/app.log" 2>&1 &
  pid=$!
  sleep 3
  xdotool mousemove 420 330 mousedown 1 mousemove 600 345 mousemove 700 346 mouseup 1
  sleep 0.5
  xdotool key ctrl+k
  sleep 0.3
  xdotool type --delay 80 "silen"
  sleep 0.6
  [[ $scheme == default ]] && import -window root "$out/quick-code.png"
  xdotool key Return
  sleep 0.8
  import -window root "$out/$name.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

shoot_import() { # NAME SCHEME — the import dialog over three transcripts, the Word one shown
  local name=$1 scheme=$2 pid id
  local d=tests/data/import
  ADW_DEBUG_COLOR_SCHEME=$scheme "$app" "$project" "$d/session-cp1252-crlf.txt" \
    "$d/office/lo-session.docx" "$d/office/lo-table.odt" >"$tmp/app.log" 2>&1 &
  pid=$!
  sleep 4
  id=$(xdotool search --name '^Import Transcripts$' | head -1)
  xdotool windowmove "$id" 0 0
  sleep 0.5
  xdotool mousemove 120 120 click 1
  sleep 1
  import -window "$id" "$out/$name.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

shoot_codebook() { # NAME SCHEME — the Codebook view on SD.autonomy
  local name=$1 scheme=$2 pid
  ADW_DEBUG_COLOR_SCHEME=$scheme "$app" "$project" >"$tmp/app.log" 2>&1 &
  pid=$!
  sleep 3
  xdotool search --sync --onlyvisible --name Kintsugi windowsize 1200 800 windowmove 0 0
  sleep 0.5
  xdotool mousemove 660 28 click 1 # the "Codebook" view
  sleep 0.8
  xdotool mousemove 26 179 click 1 # open Self-definition
  sleep 0.5
  xdotool mousemove 150 259 click 1 # Autonomy
  sleep 0.5
  xdotool mousemove 1199 799
  sleep 0.8
  import -window root "$out/$name.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

shoot coding-window default
shoot coding-window-dark prefer-dark
shoot_import import-dialog default
shoot_codebook codebook-browser default
for png in "$out"/*.png; do convert "$png" -strip "$png"; done
echo "wrote $out"
