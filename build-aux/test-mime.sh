#!/usr/bin/env bash
# Test: the Kintsugi MIME type is recognised by file name and by root element (TAP output).
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-mime.sh PATH/TO/io.github.kintsugi_qda.Kintsugi.mime.xml
# Builds a private shared-mime-info database holding only that definition (on
# top of the system's) and asks GIO which type it gives three files.
set -euo pipefail

mime_xml=${1:?usage: test-mime.sh MIME-XML}
want=application/x-kintsugi-project
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/share/mime/packages" "$tmp/home"
cp "$mime_xml" "$tmp/share/mime/packages/"
export XDG_DATA_HOME="$tmp/home"
export XDG_DATA_DIRS="$tmp/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
if ! out=$(update-mime-database "$tmp/share/mime" 2>&1) || [[ -n $out ]]; then
  echo "Bail out! update-mime-database complained: $out"
  exit 1
fi

project='<?xml version="1.0" encoding="UTF-8"?>
<kintsugi xmlns="https://kintsugi-qda.github.io/ns/project/1" format="1">
  <project title="t"/>
</kintsugi>'
other='<?xml version="1.0" encoding="UTF-8"?>
<kintsugi xmlns="urn:example:something-else" format="1"/>'

printf '%s\n' "$project" >"$tmp/study.kintsugi"
printf '%s\n' "$project" >"$tmp/renamed-project"
printf '%s\n' "$other" >"$tmp/not-a-project"

content_type() {
  gio info --attributes=standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p'
}

n=0
failed=0
check() { # description, file, expected type, want-equal (1) or want-different (0)
  n=$((n + 1))
  local got
  got=$(content_type "$2")
  if { [[ $4 == 1 && $got == "$3" ]] || [[ $4 == 0 && $got != "$3" ]]; }; then
    echo "ok $n - $1 ($got)"
  else
    echo "not ok $n - $1: got '$got'"
    failed=1
  fi
}

echo "1..3"
check "*.kintsugi is a Kintsugi project by name" "$tmp/study.kintsugi" "$want" 1
check "a project under another name is recognised by its root element" "$tmp/renamed-project" "$want" 1
check "a <kintsugi> root in another namespace is not a project" "$tmp/not-a-project" "$want" 0
exit "$failed"
