#!/usr/bin/env bash
# take-practice-screenshots.sh: drives the Practice view on the shipped practice set under Xvfb and writes its screenshots.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/take-practice-screenshots.sh [BUILD-DIR]   (default: _build)
# Makes a project from data/practice with kintsugi-cli, gives the student a
# coding with every outcome (hit, partial, wrong code, miss, extra), submits
# it, and writes docs/screenshots/practice-compare.png (light) and
# practice-compare-dark.png; then adds two more submitted sets for the same
# student and writes practice-trend.png and practice-trend-dark.png. Needs xvfb-run, dbus-run-session, xdotool and
# ImageMagick (import). The window is 1600 × 1000; the clicks below are at
# fixed places in it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-_build}
app=$PWD/$build/src/app/kintsugi
cli=$PWD/$build/src/cli/kintsugi-cli
out=${KTS_SHOTS_OUT:-$PWD/docs/screenshots}

if [[ -z ${KTS_SHOTS_INNER:-} ]]; then
  for tool in xvfb-run dbus-run-session xdotool import python3; do
    command -v "$tool" >/dev/null || { echo "take-practice-screenshots.sh: $tool is missing" >&2; exit 1; }
  done
  export KTS_SHOTS_INNER=1
  exec xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- "$0" "$@"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export GSETTINGS_SCHEMA_DIR=$PWD/$build/data GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
export KTS_NO_SAMPLE=1
mkdir -p "$XDG_DATA_HOME" "$out"

# The project: the shipped set, and a student's coding made from the
# reference with some spans left out, some codes changed and two added.
project=$tmp/class.kintsugi
"$cli" new "$project" >/dev/null
"$cli" practice import "$project" data/practice/practice-transcript.txt \
  data/practice/practice-reference.tsv --document "Session 9" --layers RUP,SD,REL,MC \
  --student Kim >/dev/null
"$cli" export-codings "$project" --include-hidden -o "$tmp/reference.csv" >/dev/null
# kim_coding DOCUMENT SEED MISS-SHARE: the student's coding of DOCUMENT as $tmp/kim.csv.
kim_coding() {
python3 - "$tmp/reference.csv" "$tmp/kim.csv" "$1" "$2" "$3" <<'PY'
import csv, random, sys
random.seed(int(sys.argv[4]))
miss = float(sys.argv[5])
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r['document'] == sys.argv[3]]
out, changed = [], 0
for r in rows:
    key = r['code_key']
    if not key.startswith(('RUP', 'SD', 'REL', 'MC')) or random.random() < miss:
        continue                                   # a miss
    r = dict(r, coder='Kim', code='')
    if key.startswith('REL.') and changed < 2:
        r['code_key'] = 'SD.control'; changed += 1  # a wrong code
    elif key.startswith('SD.') and key != 'SD.control' and changed < 4:
        r['code_key'] = 'REL.submission'; changed += 1
    elif key == 'RUP.W.nonverbal_closing':
        r['code_key'] = 'RUP.W.minimal_response'    # a partial (sibling)
    out.append(r)
out.append(dict(rows[5], coder='Kim', code_key='MC.3_accept_responsibility', code='', memo=''))
out.append(dict(rows[20], coder='Kim', code_key='RUP.W.topic_shift', code='', memo=''))
w = csv.DictWriter(open(sys.argv[2], 'w', newline=''), fieldnames=rows[0].keys())
w.writeheader()
w.writerows(out)
PY
}
kim_coding "Session 9" 4 0.3
"$cli" import-codings "$project" "$tmp/kim.csv" >/dev/null
"$cli" practice submit "$project" >/dev/null

# NAME SCHEME: the Practice view with the set's comparison, a wrong code selected.
shoot() {
  local name=$1 scheme=$2 pid wid
  ADW_DEBUG_COLOR_SCHEME=$scheme "$app" "$project" >"$tmp/app.log" 2>&1 &
  pid=$!
  wid=$(xdotool search --sync --onlyvisible --class kintsugi | head -1)
  xdotool windowsize "$wid" 1600 1000 windowmove "$wid" 0 0
  sleep 3
  xdotool mousemove "${KTS_PRACTICE_TAB_X:-1088}" 28 click 1   # the "Practice" view
  sleep 1
  xdotool mousemove 140 "${row_y:-128}" click 1                # the set
  sleep 1.5
  xdotool mousemove 1590 990
  import -window root "$out/$name.png"
  kill "$pid"; cp "$tmp/app.log" "$out/$name.log" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

shoot practice-compare default
[[ -n ${KTS_SHOTS_LIGHT_ONLY:-} ]] || shoot practice-compare-dark prefer-dark

# Two more sets for Kim, each coded a little more closely to the reference:
# the trend beside the score card (brief C.2.5), the latest set chosen.
for week in 2 3; do
  "$cli" practice import "$project" data/practice/practice-transcript.txt \
    data/practice/practice-reference.tsv --document "Session 9, week $week" \
    --title "Practice: Session 9, week $week" --layers RUP,SD,REL,MC --student Kim >/dev/null
  "$cli" export-codings "$project" --include-hidden -o "$tmp/reference.csv" >/dev/null
  kim_coding "Session 9, week $week" $((week + 10)) "0.$((4 - week))"
  "$cli" import-codings "$project" "$tmp/kim.csv" >/dev/null
  "$cli" practice submit "$project" --set "Practice: Session 9, week $week" >/dev/null
  sleep 1
done
row_y=${KTS_PRACTICE_ROW3_Y:-276}
shoot practice-trend default
[[ -n ${KTS_SHOTS_LIGHT_ONLY:-} ]] || shoot practice-trend-dark prefer-dark
