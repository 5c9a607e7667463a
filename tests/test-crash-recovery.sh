#!/usr/bin/env bash
# test-crash-recovery.sh: kills the running app with SIGKILL after an autosave, restarts it and checks the restore.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-crash-recovery.sh KINTSUGI KINTSUGI-CLI TRANSCRIPT
# Needs a display (run it under xvfb-run), dbus-run-session and gdbus.
# TAP output. The app is driven over D-Bus through the actions its windows
# export (org.gtk.Actions on /io/github/kintsugi_qda/Kintsugi/window/N).
set -uo pipefail

app=$1
cli=$2
transcript=$3

for tool in dbus-run-session gdbus; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

if [[ -z ${KTS_CRASH_TEST_INNER:-} ]]; then
  # A private session bus, so the app is unique only within this test.
  export KTS_CRASH_TEST_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi

echo "1..6"
tmp=$(mktemp -d)
pid=
cleanup() {
  [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export KTS_NO_SAMPLE=1 GSETTINGS_BACKEND=memory
mkdir -p "$XDG_DATA_HOME"
recovery=$XDG_DATA_HOME/kintsugi/recovery
project=$tmp/study.kintsugi
dest=io.github.kintsugi_qda.Kintsugi
window=/io/github/kintsugi_qda/Kintsugi/window/1

n=0
check() { # DESCRIPTION COMMAND...
  n=$((n + 1))
  if "${@:2}"; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    echo "# app log:"
    sed 's/^/#   /' "$tmp/app.log" 2>/dev/null
    exit 1
  fi
}

wait_for() { # SECONDS COMMAND...
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

has_window() {
  gdbus call --session --dest "$dest" --object-path "$window" \
    --method org.gtk.Actions.List >/dev/null 2>&1
}

activate() { # ACTION [GVARIANT-PARAMETER]
  local param="[]"
  [[ $# -gt 1 ]] && param="[$2]"
  gdbus call --session --dest "$dest" --object-path "$window" \
    --method org.gtk.Actions.Activate "$1" "$param" "{}" >/dev/null
}

recovery_copies() { ls "$recovery"/*.kintsugi 2>/dev/null | wc -l; }
has_copy() { [[ $(recovery_copies) -ge 1 ]]; }
no_copy() { [[ $(recovery_copies) -eq 0 ]]; }

"$cli" new "$project" --title "Crash study" >/dev/null

# 1. Start on the project and make a change: import a transcript.
"$app" "$project" >"$tmp/app.log" 2>&1 &
pid=$!
check "the window comes up and exports its actions" wait_for 20 has_window
activate import-file "<'$transcript'>"

# 2. Autosave writes a recovery copy a few seconds after the change.
check "autosave writes a recovery copy" wait_for 30 has_copy

# 3. Crash: SIGKILL leaves the copy; the project file itself is unchanged.
kill -KILL "$pid"
wait "$pid" 2>/dev/null
pid=
documents_in() { "$cli" info "$1" | sed -n 's/^Documents: //p'; }
check "the copy survives the kill and the file is untouched" \
  test "$(recovery_copies)" -eq 1 -a "$(documents_in "$project")" = 0

# 4. Restart: the app offers the copy; the test hook answers "Restore".
KTS_TEST_RECOVERY_RESPONSE=restore "$app" >"$tmp/app.log" 2>&1 &
pid=$!
check "the restarted app comes up" wait_for 20 has_window
sleep 2

# 5. The restored project is bound to its file: saving writes the change there
#    and removes the recovery copy.
activate save
saved() { [[ $(documents_in "$project") == 1 ]]; }
check "saving the restored project writes the imported transcript to the file" wait_for 20 saved
check "a save removes the recovery copy" wait_for 10 no_copy

gdbus call --session --dest "$dest" --object-path /io/github/kintsugi_qda/Kintsugi \
  --method org.gtk.Actions.Activate quit "[]" "{}" >/dev/null
wait "$pid" 2>/dev/null
pid=
