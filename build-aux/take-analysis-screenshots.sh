#!/usr/bin/env bash
# take-analysis-screenshots.sh: drives the Analysis view under Xvfb and writes docs/screenshots/analysis*.png.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/take-analysis-screenshots.sh [BUILD-DIR]   (default: _build)
# Needs xvfb-run, xdotool and ImageMagick's `import`/`convert`. The project is
# the bundled sample (coder "Reference") with a second coder, "Student", merged
# in with kintsugi-cli: a copy of the reference coding in which about one
# coding in eight is left out, some start a word later, and a few take a
# neighbouring code (the confusions the contrast cards are about). With
# KTS_SHOTS_KEEP=DIR every step's screenshot is kept in DIR.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-_build}
app=$PWD/$build/src/app/kintsugi
cli=$PWD/$build/src/cli/kintsugi-cli
out=$PWD/docs/screenshots

if [[ -z ${KTS_SHOTS_INNER:-} ]]; then
  for tool in xvfb-run xdotool import convert python3; do
    command -v "$tool" >/dev/null || { echo "take-analysis-screenshots.sh: $tool is missing" >&2; exit 1; }
  done
  export KTS_SHOTS_INNER=1
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export GSETTINGS_SCHEMA_DIR=$PWD/$build/data GSETTINGS_BACKEND=keyfile GSK_RENDERER=cairo
export KTS_NO_SAMPLE=1
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings" "$out"
# The window's size, through the settings it restores.
printf '[io/github/kintsugi_qda/Kintsugi]\nwindow-width=1440\nwindow-height=900\n' \
  >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

# The second coder: the reference coding, changed as a student might.
"$cli" export-codings data/sample/sample.kintsugi -o "$tmp/reference.csv" >/dev/null
python3 - "$tmp/reference.csv" "$tmp/student.csv" <<'PY'
import csv, random, sys
random.seed(7)
swap = {"KS.2b": ("KS.2c", 3), "SD.control": ("SD.dominance", 2), "REL.intimacy": ("REL.dependence", 1),
        "SD.agency": ("SD.autonomy", 1), "RUP.W.topic_shift": ("RUP.W.tangential", 1),
        "RUP.W.minimal_response": ("RUP.W.silence", 2),
        "MC.9_self_disclosure": ("MC.4_start_where_you_are", 1), "KS.2c": ("KS.2b", 1)}
done = {}
rows = []
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if random.random() < 0.12:
        continue
    key = r["code_key"]
    if key in swap and done.get(key, 0) < swap[key][1]:
        done[key] = done.get(key, 0) + 1
        key = swap[key][0]
    if random.random() < 0.2:  # the first word left out
        space = r["text"].find(" ")
        if 0 < space < len(r["text"]) // 2:
            r["start"] = str(int(r["start"]) + space + 1)
    rows.append({"document": r["document"], "start": r["start"], "end": r["end"], "code": key,
                 "actor": r["actor"], "coder": "Student"})
w = csv.DictWriter(open(sys.argv[2], "w", encoding="utf-8", newline=""),
                   fieldnames=["document", "start", "end", "code", "actor", "coder"])
w.writeheader()
w.writerows(rows)
PY
"$cli" new "$tmp/student.kintsugi" --title "Student" >/dev/null
"$cli" import "$tmp/student.kintsugi" data/sample/session.txt --title "Session 7" >/dev/null
"$cli" import-codings "$tmp/student.kintsugi" "$tmp/student.csv" >/dev/null
project=$tmp/sample-two-coders.kintsugi
cp data/sample/sample.kintsugi "$project"
"$cli" merge-codings "$project" "$tmp/student.kintsugi" >/dev/null 2>&1

# Where things are in a 1440 × 900 window at the top left of the screen.
analysis_tab="790 27"
declare -A page=([segments]="92 76" [frequencies]="92 113" [agreement]="92 152" [sequences]="92 189")

shot() { # FILE: the window, without the empty screen around it
  import -window root -crop 1440x900+0+0 +repage "$1"
  [[ -n ${KTS_SHOTS_KEEP:-} ]] && cp "$1" "$KTS_SHOTS_KEEP/" || true
}

run() { # SCHEME PREFIX
  local scheme=$1 prefix=$2 pid
  ADW_DEBUG_COLOR_SCHEME=$scheme "$app" "$project" >"$tmp/app.log" 2>&1 &
  pid=$!
  sleep 4
  xdotool mousemove $analysis_tab click 1
  sleep 1
  for name in segments frequencies agreement sequences; do
    xdotool mousemove ${page[$name]} click 1
    sleep 1.5
    xdotool mousemove 1500 950
    sleep 0.3
    shot "$tmp/$prefix-$name.png"
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

run default light
run prefer-dark dark
cp "$tmp/light-agreement.png" "$out/analysis.png"
cp "$tmp/light-sequences.png" "$out/analysis-sequences.png"
cp "$tmp/dark-segments.png" "$out/analysis-dark.png"
for png in "$out"/analysis*.png; do convert "$png" -strip "$png"; done
echo "wrote $out/analysis*.png"
