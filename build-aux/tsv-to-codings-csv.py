#!/usr/bin/python3
# tsv-to-codings-csv.py: turns a reference coding (turn, span, code, actor TSV) of a transcript into the CSV that kintsugi-cli import-codings reads.
# SPDX-License-Identifier: GPL-3.0-or-later
"""Convert a reference-coding TSV plus its transcript into a codings CSV.

Usage:
  tsv-to-codings-csv.py TRANSCRIPT TSV [--document TITLE] [--coder NAME]
                        [--codebook XML] [-o OUT.csv]

TRANSCRIPT has one speaker turn per line, "[hh:mm:ss] T: ..." or
"[hh:mm:ss] C: ..." (the timestamp is optional); a line that does not start a
turn continues the previous turn, as Kintsugi's importer reads it. Turns are
numbered from 1 in order.

TSV has the header  turn<TAB>span<TAB>code<TAB>actor  where span is an exact
substring of the turn's text after the "[hh:mm:ss] T: " prefix that occurs
exactly once in it, code a key of the codebook and actor one of therapist,
client, dyad, third.

The CSV has the columns document,start,end,code,actor,coder. start and end are
Unicode code-point offsets (end exclusive) into the transcript text as
Kintsugi stores it: the whole file, "\\n" line breaks, prefixes kept.

With --codebook, every code must be a codable key of that codebook XML.
Any problem is reported with the TSV line and the run fails (exit 1).
"""

import argparse
import csv
import io
import re
import sys
import xml.etree.ElementTree as ET

TURN_RE = re.compile(r"^(?:\[\d{1,2}:\d{2}:\d{2}\] )?([A-Za-z][\w.]*): ")
ACTORS = ("therapist", "client", "dyad", "third")
NS = "https://kintsugi-qda.github.io/ns/project/1"


class ConvertError(Exception):
    pass


def read_turns(text):
    """Returns a list of (body_start, body_end) code-point offsets, one per turn."""
    if "\r" in text:
        raise ConvertError("the transcript has CR characters; Kintsugi stores \\n line breaks only")
    turns = []
    pos = 0
    for line in text.split("\n"):
        m = TURN_RE.match(line)
        if m:
            turns.append([pos + m.end(), pos + len(line)])
        elif turns:
            turns[-1][1] = pos + len(line)
        elif line.strip():
            raise ConvertError("the transcript has text before its first turn")
        pos += len(line) + 1
    return [tuple(t) for t in turns]


def codable_keys(path):
    keys = {}
    for el in ET.parse(path).getroot().iter("{%s}code" % NS):
        if el.get("key"):
            keys[el.get("key")] = el.get("codable", "true") != "false"
    return keys


def convert(text, tsv, tsv_name, document, coder, keys=None):
    turns = read_turns(text)
    rows = []
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header != ["turn", "span", "code", "actor"]:
        raise ConvertError("%s, line 1: the header must be turn, span, code, actor" % tsv_name)
    problems = []
    for lineno, rec in enumerate(reader, start=2):
        if not rec or rec == [""]:
            continue
        where = "%s, line %d" % (tsv_name, lineno)
        if len(rec) != 4:
            problems.append("%s: %d fields instead of 4" % (where, len(rec)))
            continue
        turn_s, span, code, actor = rec
        if not turn_s.isdigit() or not 1 <= int(turn_s) <= len(turns):
            problems.append("%s: no turn %r (the transcript has %d)" % (where, turn_s, len(turns)))
            continue
        if actor not in ACTORS:
            problems.append("%s: actor %r is not one of %s" % (where, actor, ", ".join(ACTORS)))
        if keys is not None:
            if code not in keys:
                problems.append("%s: %s is not a code of the codebook" % (where, code))
            elif not keys[code]:
                problems.append("%s: %s is a grouping code and cannot be applied" % (where, code))
        start, end = turns[int(turn_s) - 1]
        body = text[start:end]
        n = body.count(span) if span else 0
        if n != 1:
            problems.append("%s: the span %r occurs %d times in turn %s (must be exactly once)"
                            % (where, span, n, turn_s))
            continue
        s = start + body.index(span)
        rows.append((document, s, s + len(span), code, actor, coder))
    if problems:
        raise ConvertError("\n".join(problems))
    return rows


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("transcript")
    ap.add_argument("tsv")
    ap.add_argument("--document", default="Session 7", help="document title in the project")
    ap.add_argument("--coder", default="Reference", help="coder name")
    ap.add_argument("--codebook", help="codebook XML to check the codes against")
    ap.add_argument("-o", "--output", help="CSV file to write (default: standard output)")
    args = ap.parse_args(argv)

    try:
        with open(args.transcript, encoding="utf-8", newline="") as f:
            text = f.read()
        with open(args.tsv, encoding="utf-8", newline="") as f:
            tsv = f.read()
        keys = codable_keys(args.codebook) if args.codebook else None
        rows = convert(text, tsv, args.tsv, args.document, args.coder, keys)
    except (OSError, ConvertError, ET.ParseError) as e:
        print("error: %s" % e, file=sys.stderr)
        return 1

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["document", "start", "end", "code", "actor", "coder"])
    w.writerows(rows)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(out.getvalue())
    else:
        sys.stdout.write(out.getvalue())
    print("%d codings" % len(rows), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
