#!/usr/bin/python3
# gen-codebook.py: builds Kintsugi's default rupture-repair codebook, its presets and the crosswalk from the domain brief.
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate data/codebooks/*.xml from part A of the domain brief.

Usage:
  gen-codebook.py [BRIEF] [--outdir DIR]      write the files
  gen-codebook.py [BRIEF] --check             compare with the committed files
  gen-codebook.py [BRIEF] --swatch DIR        also render palette swatch sheets

BRIEF defaults to ../shared/domain/brief.md relative to the repository root
(or $KTS_SHARED_DIR/domain/brief.md, or shared/domain/brief.md beside a parent
folder of the repository, whichever exists first).

The generator extracts the ```yaml blocks of part A (A.1-A.5), concatenates
their top-level lists into one code tree and checks it (213 nodes, 181
codable, unique keys, only known fields, maps_to targets that resolve). It
parses the crosswalk table of A.6 and resolves every shorthand to a code key
(what does not resolve is kept as free text). It also checks that every key
named in the hand-written contrast-cards.xml exists in the codebook.

Exit codes: 0 success, 1 a check failed (or --check found differences),
77 --check was asked but PyYAML or the brief is not available (test skipped).
"""

import argparse
import difflib
import math
import os
import re
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def default_brief():
    """$KTS_SHARED_DIR/domain/brief.md, else the first shared/domain/brief.md
    beside the repository or beside one of its parent folders (a git worktree
    may sit one level deeper than the main checkout)."""
    candidates = []
    if os.environ.get("KTS_SHARED_DIR"):
        candidates.append(os.path.join(os.environ["KTS_SHARED_DIR"], "domain", "brief.md"))
    d = REPO
    while True:
        parent = os.path.dirname(d)
        candidates.append(os.path.join(parent, "shared", "domain", "brief.md"))
        if parent == d:
            break
        d = parent
    for c in candidates:
        if os.path.exists(c):
            return os.path.normpath(c)
    return candidates[0]

DEFAULT_OUTDIR = os.path.join(REPO, "data", "codebooks")

NS = "https://kintsugi-qda.github.io/ns/project/1"

# Codes get name-based (version 5) UUIDs from this fixed namespace and their
# key, so regenerating never changes a guid and presets share the guids of the
# full codebook. The namespace is itself uuid5(NAMESPACE_URL,
# "https://kintsugi-qda.github.io/ns/codebook/rupture-repair"); it is written
# out here so that the value is visible and can never drift.
GUID_NAMESPACE = uuid.UUID("85be53a1-4544-535c-82df-c108e7c8cadb")

EXPECTED_NODES = 213
EXPECTED_CODABLE = 181

KNOWN_FIELDS = {
    "code", "label", "definition", "example", "include", "exclude", "notes",
    "source", "basis", "maps_to", "unit", "codable", "dimension", "maturity",
    "blatt_rank", "children",
}
DIMENSIONS = {"self-definition", "relatedness", "both"}
MATURITIES = {"less-mature", "more-mature"}
BASES = {"source-defined", "source-described", "label-only"}

FAMILIES = [
    ("SD", "blatt"),
    ("REL", "blatt"),
    ("RUP", "rupture-marker"),
    ("EP", "landmark"),
    ("RES", "repair"),
    ("STR", "strategy"),
    ("MC", "metacommunication"),
    ("KS", "theme"),
    ("JSR", "review"),
    ("REF", "reference"),
]

# Child elements of <code>, in the order docs/file-format.md prescribes, with
# the YAML field each one comes from.
TEXT_FIELDS = [
    ("definition", "definition"),
    ("example", "example"),
    ("include", "include"),
    ("exclude", "exclude"),
    ("notes", "notes"),
    ("source", "source"),
    ("basis", "basis"),
    ("maps-to", "maps_to"),
    ("unit", "unit"),
]

CODEBOOKS = [
    # file name, codebook name, top-level keys included (None = all)
    ("rupture-repair.xml", "Rupture\u2013repair (Kintsugi default)", None),
    ("preset-blatt.xml", "Blatt self-definition and relatedness (Kintsugi preset)", ["SD", "REL"]),
    ("preset-markers-repair.xml", "Rupture markers and repair (Kintsugi preset)",
     ["RUP", "EP", "RES", "STR", "MC"]),
]


class GenError(Exception):
    pass


# --------------------------------------------------------------------------
# Reading the brief


def part_a(text):
    start = text.find("\n## A. ")
    end = text.find("\n## B. ")
    if start < 0 or end < 0 or end < start:
        raise GenError("brief: cannot find the headings '## A.' and '## B.'")
    return text[start:end]


def yaml_blocks(part):
    blocks = re.findall(r"^```yaml\n(.*?)^```", part, re.S | re.M)
    if len(blocks) != 5:
        raise GenError("brief part A: expected 5 ```yaml blocks (A.1-A.5), found %d" % len(blocks))
    return blocks


class Node:
    def __init__(self, raw, parent, depth):
        self.raw = raw
        self.parent = parent
        self.depth = depth
        self.key = raw["code"]
        self.children = []
        self.index = 0  # position among siblings
        self.color = None

    @property
    def codable(self):
        return self.raw.get("codable", True)

    @property
    def top(self):
        n = self
        while n.parent is not None:
            n = n.parent
        return n.key

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def build_tree(blocks, yaml):
    roots = []
    for i, b in enumerate(blocks):
        data = yaml.safe_load(b)
        if not isinstance(data, list):
            raise GenError("brief part A, yaml block %d: top level is not a list" % (i + 1))
        for raw in data:
            roots.append(make_node(raw, None, 0))
    return roots


def make_node(raw, parent, depth):
    if not isinstance(raw, dict) or "code" not in raw:
        raise GenError("brief part A: a node without 'code' under %s" % (parent.key if parent else "the top level"))
    unknown = set(raw) - KNOWN_FIELDS
    if unknown:
        raise GenError("%s: field(s) %s have no place in the project file's <code> element"
                       % (raw["code"], ", ".join(sorted(unknown))))
    n = Node(raw, parent, depth)
    for i, c in enumerate(raw.get("children", []) or []):
        child = make_node(c, n, depth + 1)
        child.index = i
        n.children.append(child)
    return n


def check_tree(roots):
    nodes = [n for r in roots for n in r.walk()]
    keys = {}
    for n in nodes:
        r = n.raw
        if n.key in keys:
            raise GenError("code key %s occurs twice" % n.key)
        keys[n.key] = n
        if not isinstance(r.get("label"), str) or not r["label"].strip():
            raise GenError("%s: missing label" % n.key)
        if not isinstance(n.codable, bool):
            raise GenError("%s: codable is not a boolean" % n.key)
        if "dimension" in r and r["dimension"] not in DIMENSIONS:
            raise GenError("%s: unknown dimension %r" % (n.key, r["dimension"]))
        if "maturity" in r and r["maturity"] not in MATURITIES:
            raise GenError("%s: unknown maturity %r" % (n.key, r["maturity"]))
        if "basis" in r and r["basis"] not in BASES:
            raise GenError("%s: unknown basis %r" % (n.key, r["basis"]))
        if "blatt_rank" in r and (not isinstance(r["blatt_rank"], int) or r["blatt_rank"] < 1):
            raise GenError("%s: blatt_rank must be an integer >= 1" % n.key)
        if family_of(n.key) is None:
            raise GenError("%s: no family for this prefix" % n.key)
        for f in ("source", "maps_to"):
            if f in r and not isinstance(r[f], list):
                raise GenError("%s: %s is not a list" % (n.key, f))
        is_blatt_leaf = n.key.split(".")[0] in ("SD", "REL") and not n.children
        if is_blatt_leaf and not all(f in r for f in ("dimension", "maturity", "blatt_rank")):
            raise GenError("%s: a Blatt leaf needs dimension, maturity and blatt_rank" % n.key)
    for n in nodes:
        for target in n.raw.get("maps_to", []):
            if target not in keys:
                raise GenError("%s: maps_to names %s, which is not a code" % (n.key, target))
    n_codable = sum(1 for n in nodes if n.codable)
    if len(nodes) != EXPECTED_NODES or n_codable != EXPECTED_CODABLE:
        raise GenError("brief part A: %d nodes, %d codable; the brief promises %d and %d"
                       % (len(nodes), n_codable, EXPECTED_NODES, EXPECTED_CODABLE))
    return nodes, keys


def family_of(key):
    prefix = key.split(".")[0]
    for p, fam in FAMILIES:
        if p == prefix:
            return fam
    return None


def guid_of(key):
    return str(uuid.uuid5(GUID_NAMESPACE, key))


# --------------------------------------------------------------------------
# Colour
#
# The palette is designed in OKLCH (perceptual lightness L, chroma C, hue h in
# degrees), so that equal steps look equal across hues, and converted to sRGB
# with the chroma reduced until it fits the gamut.
#
# Each layer owns a hue band, chosen so that neighbouring layers are far apart
# on the colour wheel and the two Blatt dimensions match the process map's
# legend (brief B.9: SD orange, REL blue):
#
#   RUP.T  crimson        h   2-14     RES     green     h 136-165
#   RUP.C  red            h  20-32     STR     teal      h 194-212
#   SD     orange         h  44-66     REL     blue      h 226-266
#   MC     yellow-brown   h  80-92     RUP.W   violet    h 286-302
#   JSR    olive          h 110-128    KS      magenta   h 314-352
#   EP     slate grey (low chroma)     REF     neutral grey (no chroma)
#
# Inside a band the colour says where a code sits:
#   - grouping nodes are darker than their children, and deeper levels are
#     lighter (lightness steps by depth);
#   - Blatt leaves: less-mature expressions are darker and more saturated,
#     more-mature ones lighter (the legend's outlined vs filled cards), and
#     the hue walks along Blatt's list within each band;
#   - siblings walk through the band's hue range and alternate between two
#     lightness steps, so neighbours in the codebook list never look alike
#     (the grey reference band has no hue, so it ramps in lightness instead).
#
# Every colour is checked below as a translucent highlight (35 % alpha) under
# black text on white and under white text on #242424, and as a solid swatch
# with black or white text (WCAG contrast >= 4.5 for all three).

# key (or prefix) -> (hue start, hue end, lightness of children a/b, chroma,
#                     lightness of the node itself when it has children)
BANDS = {
    "SD": dict(h=(44, 66), L=(0.66, 0.78), C=0.15, Lg=0.56),
    "REL": dict(h=(228, 266), L=(0.56, 0.72), C=0.12, Lg=0.50),
    "RUP": dict(h=(18, 18), L=(0.50, 0.50), C=0.15, Lg=0.46),
    "RUP.W": dict(h=(286, 302), L=(0.60, 0.70), C=0.14, Lg=0.52),
    "RUP.C": dict(h=(20, 32), L=(0.58, 0.68), C=0.17, Lg=0.52),
    "RUP.T": dict(h=(2, 14), L=(0.54, 0.64), C=0.16, Lg=0.48),
    "EP": dict(h=(210, 290), L=(0.58, 0.70), C=0.03, Lg=0.46),
    "EP.type_shift": dict(h=(236, 264), L=(0.66, 0.74), C=0.03, Lg=0.58),
    "RES": dict(h=(145, 165), L=(0.56, 0.64), C=0.13, Lg=0.46),
    "RES.4S": dict(h=(142, 152), L=(0.62, 0.72), C=0.15, Lg=0.54),
    "RES.6S": dict(h=(136, 142), L=(0.66, 0.76), C=0.15, Lg=0.58),
    "RES.8S": dict(h=(154, 162), L=(0.64, 0.74), C=0.11, Lg=0.56),
    "STR": dict(h=(204, 204), L=(0.56, 0.64), C=0.09, Lg=0.48),
    "STR.IMM": dict(h=(194, 212), L=(0.64, 0.74), C=0.10, Lg=0.56),
    "MC": dict(h=(80, 92), L=(0.61, 0.71), C=0.125, Lg=0.52),
    "REF.AFT": dict(h=(0, 0), L=(0.68, 0.80), C=0.0, Lg=0.56, ramp=True),
    "KS": dict(h=(318, 352), L=(0.50, 0.58), C=0.15, Lg=0.44),
    "KS.1": dict(h=(340, 352), L=(0.58, 0.66), C=0.16, Lg=0.52),
    "KS.1a": dict(h=(346, 350), L=(0.66, 0.74), C=0.15, Lg=0.60),
    "KS.1b": dict(h=(334, 338), L=(0.66, 0.74), C=0.15, Lg=0.60),
    "KS.2": dict(h=(318, 340), L=(0.58, 0.64), C=0.15, Lg=0.50),
    "KS.2a": dict(h=(318, 324), L=(0.66, 0.76), C=0.13, Lg=0.60),
    "KS.2b": dict(h=(324, 330), L=(0.66, 0.76), C=0.13, Lg=0.60),
    "KS.2c": dict(h=(330, 336), L=(0.66, 0.76), C=0.13, Lg=0.60),
    "KS.2d": dict(h=(336, 342), L=(0.66, 0.76), C=0.13, Lg=0.60),
    "KS.2e": dict(h=(342, 348), L=(0.66, 0.76), C=0.13, Lg=0.60),
    "KS.third": dict(h=(314, 320), L=(0.66, 0.74), C=0.12, Lg=0.58),
    "JSR": dict(h=(118, 118), L=(0.52, 0.52), C=0.08, Lg=0.44),
    "JSR.RSN": dict(h=(112, 118), L=(0.56, 0.60), C=0.09, Lg=0.50),
    "JSR.REP": dict(h=(118, 124), L=(0.56, 0.60), C=0.09, Lg=0.50),
    "JSR.RSN.INC": dict(h=(110, 116), L=(0.64, 0.72), C=0.10, Lg=0.56),
    "JSR.RSN.CLI": dict(h=(112, 118), L=(0.64, 0.72), C=0.10, Lg=0.56),
    "JSR.RSN.THR": dict(h=(114, 120), L=(0.64, 0.72), C=0.10, Lg=0.56),
    "JSR.REP.GUI": dict(h=(116, 122), L=(0.64, 0.72), C=0.10, Lg=0.56),
    "JSR.REP.INS": dict(h=(118, 124), L=(0.64, 0.72), C=0.10, Lg=0.56),
    "JSR.REP.PER": dict(h=(120, 126), L=(0.64, 0.72), C=0.10, Lg=0.56),
    "JSR.REP.ACT": dict(h=(122, 128), L=(0.64, 0.72), C=0.10, Lg=0.56),
}

# Top-level nodes and nodes whose children are coloured by their own band.
TOP_COLORS = {
    "SD": (0.56, 0.15, 50),
    "REL": (0.50, 0.13, 250),
    "RUP": (0.46, 0.15, 22),
    "EP": (0.46, 0.025, 250),
    "RES": (0.46, 0.13, 148),
    "STR": (0.48, 0.09, 204),
    "MC": (0.52, 0.12, 86),
    "REF.AFT": (0.56, 0.0, 0),
    "KS": (0.44, 0.15, 332),
    "JSR": (0.44, 0.08, 118),
}

# Blatt leaves: per dimension and maturity band (L, C, hue from, hue to).
BLATT = {
    ("SD", "less-mature"): (0.63, 0.16, 44, 54),
    ("SD", "more-mature"): (0.77, 0.14, 54, 66),
    ("REL", "less-mature"): (0.54, 0.15, 256, 266),
    ("REL", "more-mature"): (0.70, 0.11, 226, 254),
}


def oklch_to_srgb(L, C, h):
    a = C * math.cos(math.radians(h))
    b = C * math.sin(math.radians(h))
    l_ = L + 0.3963377774 * a + 0.2158037573 * b
    m_ = L - 0.1055613458 * a - 0.0638541728 * b
    s_ = L - 0.0894841775 * a - 1.2914855480 * b
    l, m, s = l_ ** 3, m_ ** 3, s_ ** 3
    r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s
    g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s
    bl = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s
    return r, g, bl


def gamma(x):
    return 12.92 * x if x <= 0.0031308 else 1.055 * x ** (1 / 2.4) - 0.055


def oklch_hex(L, C, h):
    # Reduce chroma until the colour fits in sRGB.
    while True:
        r, g, b = oklch_to_srgb(L, C, h)
        if all(-1e-4 <= v <= 1 + 1e-4 for v in (r, g, b)) or C <= 0:
            break
        C -= 0.002
    vals = [min(255, max(0, round(gamma(max(0.0, min(1.0, v))) * 255))) for v in (r, g, b)]
    return "#%02x%02x%02x" % tuple(vals)


def hex_rgb(color):
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def rel_luminance(rgb):
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(rgb1, rgb2):
    l1, l2 = sorted((rel_luminance(rgb1), rel_luminance(rgb2)), reverse=True)
    return (l1 + 0.05) / (l2 + 0.05)


def blend(rgb, bg, alpha):
    return tuple(alpha * c + (1 - alpha) * d for c, d in zip(rgb, bg))


WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
DARK_BG = (0x24, 0x24, 0x24)
HIGHLIGHT_ALPHA = 0.35
MIN_CONTRAST = 4.5


def spread(lo, hi, i, n):
    return lo if n <= 1 else lo + (hi - lo) * i / (n - 1)


def assign_colors(roots):
    def band_for(node):
        # The band of the nearest ancestor (or the node's top key) listed in BANDS.
        p = node.parent
        while p is not None:
            if p.key in BANDS:
                return BANDS[p.key]
            p = p.parent
        return None

    for root in roots:
        for n in root.walk():
            r = n.raw
            top = n.key.split(".")[0]
            if n.key in TOP_COLORS:
                n.color = oklch_hex(*TOP_COLORS[n.key])
            elif top in ("SD", "REL") and "maturity" in r:
                L, C, h0, h1 = BLATT[(top, r["maturity"])]
                siblings = [s for s in n.parent.children if s.raw.get("maturity") == r["maturity"]]
                i = siblings.index(n)
                # alternate lightness a little so neighbours stay apart
                dL = 0.03 if i % 2 else -0.01
                n.color = oklch_hex(L + dL, C, spread(h0, h1, i, len(siblings)))
            else:
                band = band_for(n)
                if band is None:
                    raise GenError("%s: no colour band" % n.key)
                if n.children and n.key in BANDS:
                    own = BANDS[n.key]
                    h = (own["h"][0] + own["h"][1]) / 2
                    n.color = oklch_hex(own["Lg"], own["C"], h)
                else:
                    sib = n.parent.children
                    i = sib.index(n)
                    h = spread(band["h"][0], band["h"][1], i, len(sib))
                    if band.get("ramp"):
                        L = spread(band["L"][0], band["L"][1], i, len(sib))
                    else:
                        L = band["L"][i % 2]
                    n.color = oklch_hex(L, band["C"], h)


def check_colors(nodes):
    problems = []
    for n in nodes:
        rgb = hex_rgb(n.color)
        light = contrast(BLACK, blend(rgb, WHITE, HIGHLIGHT_ALPHA))
        dark = contrast(WHITE, blend(rgb, DARK_BG, HIGHLIGHT_ALPHA))
        solid = max(contrast(BLACK, rgb), contrast(WHITE, rgb))
        if min(light, dark, solid) < MIN_CONTRAST:
            problems.append("%s %s: contrast light %.1f, dark %.1f, solid %.1f"
                            % (n.key, n.color, light, dark, solid))
    if problems:
        raise GenError("colours fail the contrast check:\n  " + "\n  ".join(problems))
    # Siblings must not share a colour.
    for n in nodes:
        cols = [c.color for c in n.children]
        if len(set(cols)) != len(cols):
            raise GenError("children of %s share a colour" % n.key)


# --------------------------------------------------------------------------
# XML writing (deterministic, two-space indentation)


def esc_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s):
    return esc_text(s).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def attrs(pairs):
    return "".join(' %s="%s"' % (k, esc_attr(str(v))) for k, v in pairs if v is not None)


def field_text(raw, field):
    v = raw.get(field)
    if v is None:
        return None
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v).strip()


def write_code(out, n, indent):
    r = n.raw
    pad = "  " * indent
    a = [
        ("guid", guid_of(n.key)),
        ("key", n.key),
        ("name", r["label"]),
        ("color", n.color),
        ("codable", None if n.codable else "false"),
        ("dimension", r.get("dimension")),
        ("maturity", r.get("maturity")),
        ("blatt-rank", r.get("blatt_rank")),
        ("family", family_of(n.key)),
    ]
    children = [(el, field_text(r, f)) for el, f in TEXT_FIELDS]
    children = [(el, t) for el, t in children if t]
    if not children and not n.children:
        out.append("%s<code%s/>" % (pad, attrs(a)))
        return
    out.append("%s<code%s>" % (pad, attrs(a)))
    for el, t in children:
        out.append("%s  <%s>%s</%s>" % (pad, el, esc_text(t), el))
    for c in n.children:
        write_code(out, c, indent + 1)
    out.append("%s</code>" % pad)


def header(out, what):
    out.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.append("<!-- %s -->" % what)
    out.append("<!-- SPDX-License-Identifier: GPL-3.0-or-later -->")
    out.append("<!-- Generated by build-aux/gen-codebook.py from the domain brief (part A); "
               "do not edit by hand. -->")


def codebook_xml(roots, name, include):
    out = []
    header(out, "Kintsugi codebook: " + name)
    out.append('<codebook xmlns="%s" format="1" name="%s" version="1">' % (NS, esc_attr(name)))
    for r in roots:
        if include is None or r.key in include:
            write_code(out, r, 1)
    out.append("</codebook>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Crosswalk (A.6)

CROSSWALK_MODELS = [
    # column heading prefix, id, name
    ("4S", "4S", "Four-stage resolution model (Safran and Muran; seed 003)"),
    ("6S", "6S", "Six relational repair stages (Chang et al., 2020; seed 002)"),
    ("8S", "8S", "Eight CBT repair stages (Okamoto and Kazantzis, 2021; seed 002)"),
    ("JSR", "JSR", "Scoping-review codes (Jansen, 2025; seed 002)"),
    ("MC", "other", "Metacommunication and other layers"),
]


def crosswalk_table(part):
    i = part.find("### A.6")
    if i < 0:
        raise GenError("brief: no section A.6")
    rows = []
    for line in part[i:].splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(cells)
    if len(rows) < 3:
        raise GenError("brief A.6: crosswalk table not found")
    head, body = rows[0], [r for r in rows[2:]]
    if len(head) != 6 or not head[0].startswith("Function"):
        raise GenError("brief A.6: unexpected table heading %r" % head)
    for r in body:
        if len(r) != 6:
            raise GenError("brief A.6: row %r does not have 6 cells" % r)
    return head, body


def resolve_token(tok, keys):
    """Resolves one shorthand of the crosswalk to a code key, or None."""
    m = re.match(r"^S([1-4])\b", tok)
    if m:
        return unique_prefix("RES.4S.%s_" % m.group(1), keys)
    m = re.match(r"^([68])S\.(\d)\b", tok)
    if m:
        return unique_prefix("RES.%sS.%s_" % (m.group(1), m.group(2)), keys)
    m = re.match(r"^MC\.(\d+)$", tok)
    if m:
        return unique_prefix("MC.%s_" % m.group(1), keys)
    if tok.startswith("REP.") or tok.startswith("RSN."):
        tok = "JSR." + tok
    if tok in keys:
        return tok
    return unique_prefix(tok + ".", keys)


def unique_prefix(prefix, keys):
    hits = [k for k in keys if k.startswith(prefix)]
    return hits[0] if len(hits) == 1 else None


def parse_cell(cell, keys):
    """Returns a list of ('ref', key, given, within) and ('text', str) items."""
    items = []
    if cell in ("\u2014", "-", ""):
        return items
    m = re.match(r"^\((?:within )?(.*)\)$", cell)
    if m:
        # "(within S2)", "(within S2 and S3)", "(S2)": the function is part of
        # those stages without being a stage of its own.
        for tok in re.split(r"\s+and\s+", m.group(1)):
            key = resolve_token(tok, keys)
            if key is None:
                raise GenError("brief A.6: cannot resolve %r in %r" % (tok, cell))
            items.append(("ref", key, tok, True))
        return items
    for part in re.split(r",\s*|\s+/\s+", cell):
        part = part.strip()
        m = re.match(r"^(\S+)\s+\((.*)\)$", part)
        note = None
        if m and resolve_token(m.group(1), keys):
            part, note = m.group(1), m.group(2)
        key = resolve_token(part, keys)
        if key is None:
            items.append(("text", part))
        else:
            items.append(("ref", key, part, False))
        if note:
            items.append(("text", note))
    return items


def crosswalk_xml(part, keys):
    head, body = crosswalk_table(part)
    out = []
    header(out, "Kintsugi crosswalk between repair stage models and code layers (brief A.6)")
    out.append('<crosswalk xmlns="%s" format="1" name="%s">'
               % (NS, "Stage models and code layers (Kintsugi default)"))
    out.append("  <models>")
    for (prefix, mid, name), h in zip(CROSSWALK_MODELS, head[1:]):
        if not h.startswith(prefix):
            raise GenError("brief A.6: column %r, expected %s" % (h, prefix))
        out.append("    <model%s/>" % attrs([("id", mid), ("name", name), ("heading", h)]))
    out.append("  </models>")
    n_free = 0
    for row in body:
        out.append('  <row function="%s">' % esc_attr(row[0]))
        for (prefix, mid, name), cell in zip(CROSSWALK_MODELS, row[1:]):
            items = parse_cell(cell, keys)
            if not items:
                out.append('    <cell model="%s"/>' % mid)
                continue
            out.append('    <cell%s>' % attrs([("model", mid), ("as-given", cell)]))
            for it in items:
                if it[0] == "ref":
                    out.append("      <ref%s/>" % attrs([("key", it[1]), ("given", it[2]),
                                                        ("within", "true" if it[3] else None)]))
                else:
                    n_free += 1
                    out.append("      <text>%s</text>" % esc_text(it[1]))
            out.append("    </cell>")
        out.append("  </row>")
    out.append("</crosswalk>")
    return "\n".join(out) + "\n", len(body), n_free


# --------------------------------------------------------------------------
# Contrast cards (hand-written; only checked here)


def check_contrast_cards(path, keys):
    if not os.path.exists(path):
        raise GenError("%s: missing" % path)
    q = lambda tag: "{%s}%s" % (NS, tag)
    root = ET.parse(path).getroot()
    if root.tag != q("contrast-cards"):
        raise GenError("%s: root element is not contrast-cards in the project namespace" % path)
    ids = set()
    for card in root.findall(q("card")):
        cid = card.get("id")
        if not cid or cid in ids:
            raise GenError("%s: card without a unique id (%r)" % (path, cid))
        ids.add(cid)
        for el in ("title", "tell-apart"):
            if not (card.findtext(q(el)) or "").strip():
                raise GenError("%s: card %s has no %s" % (path, cid, el))
        sides = card.findall(q("side"))
        if len(sides) < 2:
            raise GenError("%s: card %s has fewer than two sides" % (path, cid))
        for side in sides:
            if not side.get("label") or not (side.findtext(q("example")) or "").strip():
                raise GenError("%s: card %s has a side without a label or an example" % (path, cid))
            for ref in side.findall(q("code-ref")):
                for attr in ("key", "veils"):
                    k = ref.get(attr)
                    if (attr == "key" and k is None) or (k is not None and k not in keys):
                        raise GenError("%s: card %s: %s=%r is not a code key" % (path, cid, attr, k))
                if ref.get("actor") not in (None, "therapist", "client", "dyad", "third"):
                    raise GenError("%s: card %s: bad actor %r" % (path, cid, ref.get("actor")))
    if not ids:
        raise GenError("%s: no cards" % path)
    return len(ids)


# --------------------------------------------------------------------------
# Swatch sheets


def swatch_svg(roots, dark):
    bg = "#242424" if dark else "#ffffff"
    fg = "#ffffff" if dark else "#000000"
    columns = [["SD", "REL"], ["RUP"], ["EP", "RES"], ["STR", "MC", "REF.AFT"], ["KS"], ["JSR"]]
    by_key = {r.key: r for r in roots}
    colw, rowh, top = 300, 19, 40
    body = []
    maxy = 0
    for ci, col in enumerate(columns):
        x = 10 + ci * colw
        y = top
        for k in col:
            for n in by_key[k].walk():
                solid_text = "#000000" if contrast(BLACK, hex_rgb(n.color)) >= contrast(WHITE, hex_rgb(n.color)) else "#ffffff"
                body.append('<rect x="%d" y="%d" width="54" height="%d" fill="%s"/>' % (x, y, rowh - 3, n.color))
                body.append('<text x="%d" y="%d" fill="%s" font-size="10">%s</text>'
                            % (x + 4, y + 12, solid_text, n.color))
                body.append('<rect x="%d" y="%d" width="228" height="%d" fill="%s" fill-opacity="%.2f"/>'
                            % (x + 58, y, rowh - 3, n.color, HIGHLIGHT_ALPHA))
                label = n.key + ("" if n.codable else ("  (group)" if n.children else "  (not codable)"))
                weight = "normal" if n.codable else "bold"
                body.append('<text x="%d" y="%d" fill="%s" font-size="11" font-weight="%s">%s</text>'
                            % (x + 62 + 8 * n.depth, y + 12, fg, weight, esc_text(label)))
                y += rowh
            y += 8
        maxy = max(maxy, y)
    w = 20 + len(columns) * colw
    h = maxy + 10
    title = ("Kintsugi default codebook palette: solid swatch, then %d%% highlight on %s"
             % (HIGHLIGHT_ALPHA * 100, "dark #242424 with white text" if dark else "white with black text"))
    return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "font-family=\"DejaVu Sans, sans-serif\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n"
            "<text x=\"10\" y=\"24\" fill=\"%s\" font-size=\"15\">%s</text>\n%s\n</svg>\n"
            % (w, h, bg, fg, esc_text(title), "\n".join(body)))


def write_swatches(roots, outdir):
    os.makedirs(outdir, exist_ok=True)
    for dark in (False, True):
        name = "swatch-%s" % ("dark" if dark else "light")
        svg = os.path.join(outdir, name + ".svg")
        with open(svg, "w", encoding="utf-8") as f:
            f.write(swatch_svg(roots, dark))
        if shutil.which("rsvg-convert"):
            subprocess.run(["rsvg-convert", "-o", os.path.join(outdir, name + ".png"), svg], check=True)
        print("wrote %s" % svg)


# --------------------------------------------------------------------------


def generate(brief_path, yaml):
    with open(brief_path, encoding="utf-8") as f:
        text = f.read()
    part = part_a(text)
    roots = build_tree(yaml_blocks(part), yaml)
    nodes, keys = check_tree(roots)
    assign_colors(roots)
    check_colors(nodes)
    files = {}
    for fname, name, include in CODEBOOKS:
        files[fname] = codebook_xml(roots, name, include)
    cw, n_rows, n_free = crosswalk_xml(part, keys)
    files["crosswalk.xml"] = cw
    stats = dict(nodes=len(nodes), codable=sum(1 for n in nodes if n.codable),
                 crosswalk_rows=n_rows, crosswalk_free=n_free)
    return roots, keys, files, stats


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("brief", nargs="?", default=None, help="path of the domain brief")
    ap.add_argument("--outdir", default=DEFAULT_OUTDIR, help="where the XML files go")
    ap.add_argument("--check", action="store_true", help="compare with the files in --outdir")
    ap.add_argument("--swatch", metavar="DIR", help="also write palette swatch sheets (SVG, PNG) to DIR")
    args = ap.parse_args(argv)
    if args.brief is None:
        args.brief = default_brief()

    try:
        import yaml
    except ImportError:
        if args.check:
            print("SKIP: PyYAML is not installed")
            return 77
        print("error: PyYAML is required (apt-get install python3-yaml)", file=sys.stderr)
        return 1
    if not os.path.exists(args.brief):
        if args.check:
            print("SKIP: the brief %s is not available" % args.brief)
            return 77
        print("error: %s: no such file" % args.brief, file=sys.stderr)
        return 1

    try:
        roots, keys, files, stats = generate(args.brief, yaml)
        n_cards = check_contrast_cards(os.path.join(args.outdir, "contrast-cards.xml"), keys)
    except GenError as e:
        print("error: %s" % e, file=sys.stderr)
        return 1

    if args.swatch:
        write_swatches(roots, args.swatch)

    if args.check:
        bad = 0
        for fname, content in sorted(files.items()):
            path = os.path.join(args.outdir, fname)
            try:
                with open(path, encoding="utf-8") as f:
                    old = f.read()
            except OSError as e:
                print("%s: %s" % (path, e.strerror), file=sys.stderr)
                bad += 1
                continue
            if old != content:
                bad += 1
                sys.stderr.writelines(difflib.unified_diff(
                    old.splitlines(True), content.splitlines(True), path, "generated", n=1))
        if bad:
            print("error: %d file(s) differ from the generator's output; "
                  "run build-aux/gen-codebook.py" % bad, file=sys.stderr)
            return 1
        print("ok: %d nodes, %d codable, %d contrast cards, %d crosswalk rows (%d free-text "
              "items); committed files are up to date"
              % (stats["nodes"], stats["codable"], n_cards, stats["crosswalk_rows"], stats["crosswalk_free"]))
        return 0

    os.makedirs(args.outdir, exist_ok=True)
    for fname, content in sorted(files.items()):
        with open(os.path.join(args.outdir, fname), "w", encoding="utf-8") as f:
            f.write(content)
        print("wrote %s" % os.path.join(args.outdir, fname))
    print("%d nodes, %d codable, %d contrast cards checked, %d crosswalk rows (%d free-text items)"
          % (stats["nodes"], stats["codable"], n_cards, stats["crosswalk_rows"], stats["crosswalk_free"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
