#!/usr/bin/env bash
# Configures (only when needed) and builds Kintsugi with meson and ninja.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/build.sh [BUILDDIR [MESON-OPTION...]]   (default BUILDDIR: _build)
# A fresh BUILDDIR is set up with the options; an existing one is only
# rebuilt (ninja re-runs meson by itself when a meson.build changed); a broken
# one (interrupted setup, other meson version) is reconfigured, or wiped and
# set up again when reconfiguring cannot save it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
builddir=${1:-_build}
shift || true
options=("$@")

if [[ ! -f $builddir/meson-private/coredata.dat ]]; then
  echo "build: configuring $builddir"
  meson setup "$builddir" "${options[@]}"
elif [[ ! -f $builddir/build.ninja ]] || ! meson introspect "$builddir" --buildoptions >/dev/null 2>&1; then
  echo "build: $builddir is incomplete or from another meson version; reconfiguring"
  meson setup --reconfigure "$builddir" "${options[@]}" ||
    meson setup --wipe "$builddir" "${options[@]}"
elif ((${#options[@]} > 0)); then
  # Options given for an existing directory: apply them (a no-op if unchanged).
  meson configure "$builddir" "${options[@]}" >/dev/null
fi

ninja -C "$builddir"
