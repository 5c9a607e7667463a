#!/usr/bin/env bash
# Installs what is missing, builds Kintsugi into _build and runs the whole test suite.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/run-tests.sh [MESON-TEST-ARGUMENT...]   e.g. --suite core
# Without a display the tests run under a virtual X server (xvfb-run).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build-aux/install-deps.sh
build-aux/build.sh _build

export GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1

run=(meson test -C _build --print-errorlogs "$@")
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "${run[@]}"
fi
exec "${run[@]}"
