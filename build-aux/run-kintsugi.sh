#!/usr/bin/env bash
# Installs what is missing, builds Kintsugi into _build and starts it on the sample project.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/run-kintsugi.sh [PROJECT...]   (default: data/sample/sample.kintsugi)
set -euo pipefail

called_from=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build-aux/install-deps.sh
build-aux/build.sh _build

app=_build/src/app/kintsugi
cli=_build/src/cli/kintsugi-cli
sample=data/sample/sample.kintsugi

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo
  echo "There is no display here (neither \$DISPLAY nor \$WAYLAND_DISPLAY is set),"
  echo "so Kintsugi's window cannot open. The command-line tool works without one:"
  [[ $called_from == "$PWD" ]] || echo "  cd $PWD"
  echo "  $cli --help"
  echo "  $cli info $sample"
  echo "  $cli info --json $sample"
  [[ -x $cli ]] || echo "(The command-line tool is not built yet in this version either.)"
  exit 0
fi

if [[ ! -x $app ]]; then
  echo "The Kintsugi window is not built yet in this version ($app does not exist);" >&2
  echo "the command-line tool is $cli." >&2
  exit 1
fi

# Run uninstalled: settings schema and icons from the build and source trees.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export XDG_DATA_DIRS="$PWD/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"

# Files named on the command line are relative to where the script was called.
files=()
for arg in "$@"; do
  [[ $arg == /* || $arg == -* ]] || arg="$called_from/$arg"
  files+=("$arg")
done
if ((${#files[@]} == 0)) && [[ -f $sample ]]; then
  files=("$PWD/$sample")
fi
exec "$app" "${files[@]}"
