#!/usr/bin/env bash
# take-map-screenshots.sh: drives the Process map view of the sample project under Xvfb and writes its screenshots and the poster overview.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/take-map-screenshots.sh [BUILD-DIR]   (default: _build)
# Writes docs/screenshots/process-map.png (surface layout), process-map-dyad.png,
# process-map-dark.png, flowchart.png and poster.png (the sample's A1 poster,
# every sheet).
# Needs xvfb-run, dbus-run-session, xdotool, ImageMagick (import, montage,
# convert) and poppler-utils (pdftoppm). The window is 1600 × 1000; the
# clicks below are at fixed places in it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-_build}
app=$PWD/$build/src/app/kintsugi
cli=$PWD/$build/src/cli/kintsugi-cli
out=$PWD/docs/screenshots
sample=$PWD/data/sample/sample.kintsugi
episode="Session 7: the role-play"

if [[ -z ${KTS_SHOTS_INNER:-} ]]; then
  for tool in xvfb-run dbus-run-session xdotool import montage convert pdftoppm; do
    command -v "$tool" >/dev/null || { echo "take-map-screenshots.sh: $tool is missing" >&2; exit 1; }
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

# NAME SCHEME LAYOUT: the map of the curated episode with m12 (the therapist
# naming the rupture, a card in both dimensions) selected.
shoot() {
  local name=$1 scheme=$2 layout=$3 pid wid
  cp "$sample" "$tmp/sample.kintsugi"
  ADW_DEBUG_COLOR_SCHEME=$scheme "$app" "$tmp/sample.kintsugi" >"$tmp/app.log" 2>&1 &
  pid=$!
  wid=$(xdotool search --sync --onlyvisible --class kintsugi | head -1)
  xdotool windowsize "$wid" 1600 1000 windowmove "$wid" 0 0
  sleep 3
  xdotool key ctrl+3                            # the "Process Map" view
  sleep 1.5
  [[ $layout == dyad ]] && { xdotool mousemove 1192 74 click 1; sleep 1; }
  [[ $layout == flowchart ]] && { xdotool mousemove 1281 74 click 1; sleep 1; }
  xdotool mousemove 300 540 click 1             # focus the map
  sleep 0.3
  xdotool key Home
  if [[ $layout == flowchart ]]; then
    # The flowchart is wider: the first moves of the chain, zoomed out a step.
    xdotool key ctrl+minus
    for _ in $(seq 3); do xdotool key Right; done
  else
    for _ in $(seq 11); do xdotool key Right; done
  fi
  sleep 1.5
  xdotool mousemove 1590 990
  import -window root "$out/$name.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

shoot process-map default surface
shoot process-map-dyad default dyad
shoot process-map-dark prefer-dark surface
shoot flowchart default flowchart

# The A1 poster as the Export Poster dialog writes it by default, sheet by sheet.
"$cli" export-map "$sample" --episode "$episode" -o "$tmp/poster.pdf" --date 2025-06-01 >/dev/null
pdftoppm -r 22 -png "$tmp/poster.pdf" "$tmp/sheet"
montage "$tmp"/sheet-*.png -tile x1 -geometry +12+12 -background '#8a8a8a' "$out/poster.png"

for png in "$out"/process-map*.png "$out/flowchart.png" "$out/poster.png"; do convert "$png" -strip "$png"; done
echo "wrote $out"
