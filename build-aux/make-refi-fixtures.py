#!/usr/bin/env python3
# make-refi-fixtures.py: writes the REFI-QDA test files in tests/data/refi/ with the deviations of real producers.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/make-refi-fixtures.py [--check]
#
# Python 3 standard library only. Every project fixture NAME.qdpx gets a
# side-car NAME.expected.json that says what a correct import yields: the
# documents' normalised texts and, for every coding, its code and the exact
# text the selection covered in the source. Those texts are computed here from
# the passages themselves, and the positions written into project.qde are
# computed independently from the raw source bytes in the producer's way of
# counting, so a reader that converts wrongly gets different text.
#
# --check regenerates into a temporary folder and compares with the committed
# files (exit 1 if they differ), so the fixtures cannot drift from this script.

import io
import json
import os
import shutil
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape, quoteattr

FIXED_TIME = (2024, 3, 1, 12, 0, 0)

# ---------------------------------------------------------------------------
# Helpers


def guid(n):
    """A readable, valid GUID: guid(7) -> 00000000-0000-4000-8000-000000000007."""
    return "00000000-0000-4000-8000-%012x" % n


def upper_braced(g):
    return "{" + g.upper() + "}"


def write_zip(path, entries):
    """entries: list of (name, bytes). Deterministic: fixed times, deflate."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


class Source:
    """A text source: its normalised text (LF), how the producer stored and
    counted it, and the passages coded in it."""

    def __init__(self, text, crlf=False, bom=False, utf16_units=False,
                 crlf_as_one=False, bom_counted=False):
        self.text = text          # normalised, as Kintsugi keeps it
        self.crlf = crlf          # stored with CRLF line breaks
        self.bom = bom            # stored with a UTF-8 byte order mark
        self.utf16_units = utf16_units
        self.crlf_as_one = crlf_as_one
        self.bom_counted = bom_counted

    def raw_bytes(self):
        raw = self.text.replace("\n", "\r\n") if self.crlf else self.text
        data = raw.encode("utf-8")
        return (b"\xef\xbb\xbf" + data) if self.bom else data

    def position(self, index):
        """The producer's position for normalised code point @index,
        computed from the raw text as the producer saw it."""
        raw = self.text[:index]
        if self.crlf and not self.crlf_as_one:
            raw = raw.replace("\n", "\r\n")
        if self.utf16_units:
            n = len(raw.encode("utf-16-le")) // 2
        else:
            n = len(raw)
        if self.bom and self.bom_counted:
            n += 1
        return n

    def find(self, passage, occurrence=1):
        start = -1
        for _ in range(occurrence):
            start = self.text.index(passage, start + 1)
        return start, start + len(passage)


def selection_xml(sid, source, passage, codings, name=True, description=None,
                  note_refs=(), user=None, occurrence=1, indent="      "):
    """A PlainTextSelection for @passage; returns (xml, expected codings)."""
    start, end = source.find(passage, occurrence)
    covered = source.text[start:end]
    assert covered == passage
    attrs = 'guid="%s" startPosition="%d" endPosition="%d"' % (
        sid, source.position(start), source.position(end))
    if name is True:
        attrs += " name=%s" % quoteattr(covered.replace("\n", " "))
    elif name:
        attrs += " name=%s" % quoteattr(name)
    if user:
        attrs += ' creatingUser="%s" creationDateTime="2024-02-29T10:00:00Z"' % user
    out = [indent + "<PlainTextSelection %s>" % attrs]
    if description is not None:
        out.append(indent + "  <Description>%s</Description>" % escape(description))
    expected = []
    for coding_guid, code_guid, code_name, coder in codings:
        cattrs = 'guid="%s"' % coding_guid
        if coder:
            cattrs += ' creatingUser="%s" creationDateTime="2024-02-29T10:05:00Z"' % coder
        out.append(indent + "  <Coding %s>" % cattrs)
        out.append(indent + '    <CodeRef targetGUID="%s"/>' % code_guid)
        out.append(indent + "  </Coding>")
        if code_name is not None:
            expected.append({"code": code_name, "text": covered})
    for n in note_refs:
        out.append(indent + '  <NoteRef targetGUID="%s"/>' % n)
    out.append(indent + "</PlainTextSelection>")
    return "\n".join(out), expected


def project_xml(body, name="Fixture project", extra_attrs=""):
    return ('<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
            '<Project xmlns="urn:QDA-XML:project:1.0" name=%s origin="make-refi-fixtures.py"%s>\n'
            '%s\n</Project>\n' % (quoteattr(name), extra_attrs, body))


SIMPLE_CODES = """  <CodeBook>
    <Codes>
      <Code guid="%s" name="Withdrawal" isCodable="true" color="#3366CC"/>
      <Code guid="%s" name="Repair" isCodable="true" color="#33AA55"/>
    </Codes>
  </CodeBook>""" % (guid(0x101), guid(0x102))
WITHDRAWAL = (guid(0x101), "Withdrawal")
REPAIR = (guid(0x102), "Repair")


def counting_fixture(out, name, source, passages, counting, title, hints="name"):
    """A one-source project whose positions are counted the way @source says.
    passages: list of (passage, code, occurrence)."""
    sels = []
    expected = []
    for i, (passage, code, occurrence) in enumerate(passages):
        name_hint = True if hints == "name" else False
        description = passage if hints == "description" else None
        xml, exp = selection_xml(guid(0x500 + i), source, passage,
                                 [(guid(0x600 + i), code[0], code[1], None)],
                                 name=name_hint, description=description,
                                 occurrence=occurrence)
        sels.append(xml)
        expected += exp
    src_guid = guid(0x200)
    body = "%s\n  <Sources>\n    <TextSource guid=\"%s\" name=%s plainTextPath=\"internal://%s.txt\">\n%s\n    </TextSource>\n  </Sources>" % (
        SIMPLE_CODES, src_guid, quoteattr(title), src_guid, "\n".join(sels))
    write_zip(os.path.join(out, name + ".qdpx"), [
        ("project.qde", project_xml(body, name=title).encode("utf-8")),
        ("sources/%s.txt" % src_guid, source.raw_bytes()),
    ])
    write_expected(out, name, {
        "title": title,
        "counting": counting,
        "documents": [{"title": title, "text": source.text, "codings": expected}],
    })


def write_expected(out, name, data):
    with open(os.path.join(out, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


# ---------------------------------------------------------------------------
# Codebooks


def make_codebooks(out):
    # A codebook as other programs write them: braces and upper-case GUIDs,
    # no colours, a short colour, a missing GUID, duplicate names side by
    # side, a description without our headings, unknown elements and the
    # empty <Sets/> that the schema does not allow.
    foreign = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Some QDA program 8.4">
  <Codes>
    <Code guid="%s" name="Topics" isCodable="false">
      <Code guid="%s" name="Economy" isCodable="true" color="#FFFF00">
        <Description>Anything about jobs or taxes or business</Description>
      </Code>
      <Code guid="%s" name="Health care" isCodable="true">
        <Description>Health care issues, doctor, patients, etc.
Second line.</Description>
        <Vendor:Flag xmlns:Vendor="urn:vendor" value="1"/>
      </Code>
    </Code>
    <Code name="No guid" isCodable="true" color="#3c3"/>
    <Code guid="%s" name="Values" isCodable="true"/>
    <Code guid="%s" name="Values" isCodable="true" color="not-a-colour"/>
    <Gadget/>
  </Codes>
  <Sets/>
</CodeBook>
""" % (upper_braced(guid(1)), upper_braced(guid(2)), guid(3).upper(), guid(4), guid(5))
    with open(os.path.join(out, "foreign.qdc"), "w", encoding="utf-8") as f:
        f.write(foreign)

    # Our own layout, written by hand, for the merge tests: one code matches
    # by guid, one by key, one by name; one is new.
    merge = """<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="00000000-0000-4000-8000-000000000001" name="Self-definition (renamed)" isCodable="false">
      <Code guid="00000000-0000-4000-8000-0000000000aa" name="Autonomy (other name)" isCodable="true" color="#112233">
        <Description>Definition: Acting from one's own will.

Example: "I decided myself."

Key: SD.autonomy</Description>
      </Code>
      <Code guid="00000000-0000-4000-8000-0000000000bb" name="Isolation" isCodable="true">
        <Description>Definition: Something else entirely.

When to use: for a test.

Key: SD.isolation</Description>
      </Code>
    </Code>
    <Code guid="00000000-0000-4000-8000-0000000000cc" name="Relatedness" isCodable="false">
      <Code guid="00000000-0000-4000-8000-0000000000dd" name="Longing" isCodable="true" color="#ABCDEF">
        <Description>Definition: Wanting to be close.

When not to use: plain requests.

Key: REL.longing</Description>
      </Code>
    </Code>
  </Codes>
  <Sets>
    <Set guid="00000000-0000-4000-8000-0000000000ee" name="Favourites">
      <MemberCode guid="00000000-0000-4000-8000-0000000000dd"/>
    </Set>
  </Sets>
</CodeBook>
"""
    with open(os.path.join(out, "merge.qdc"), "w", encoding="utf-8") as f:
        f.write(merge)

    # Hostile input.
    laughs = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        laughs.append('<!ENTITY lol%d "%s">' % (i, "&lol%d;" % (i - 1) * 10))
    with open(os.path.join(out, "hostile-entities.qdc"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE CodeBook [\n  %s\n]>\n'
                '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                '<Code guid="%s" name="&lol9;" isCodable="true"/></Codes></CodeBook>\n'
                % ("\n  ".join(laughs), guid(1)))
    with open(os.path.join(out, "hostile-xxe.qdc"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE CodeBook [\n'
                '  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
                '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                '<Code guid="%s" name="&secret;" isCodable="true"/></Codes></CodeBook>\n'
                % guid(1))
    # Elements nested far deeper than any codebook needs.
    depth = 300
    with open(os.path.join(out, "hostile-deep.qdc"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n')
        for i in range(depth):
            f.write('<Code guid="%s" name="c%d" isCodable="true">\n' % (guid(i + 1), i))
        f.write("</Code>\n" * depth)
        f.write("</Codes></CodeBook>\n")
    # Codes nested deeper than Kintsugi's limit (64) but within XML's.
    depth = 70
    with open(os.path.join(out, "deep-codes.qdc"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n')
        for i in range(depth):
            f.write('<Code guid="%s" name="c%d" isCodable="true">\n' % (guid(i + 1), i))
        f.write("</Code>\n" * depth)
        f.write("</Codes></CodeBook>\n")
    with open(os.path.join(out, "broken.qdc"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n'
                '  <Codes>\n    <Code guid="%s" name="Open" isCodable="true">\n'
                '  </Codes>\n</CodeBook>\n' % guid(1))


# ---------------------------------------------------------------------------
# Projects


def make_deviations(out):
    """One project with most structural deviations of real producers."""
    u1, u2 = guid(0x901), guid(0x902)
    topics, withdrawal, confrontation, repair = guid(0x101), guid(0x102), guid(0x103), guid(0x104)
    n_pause, n_code, n_plan, n_orphan = guid(0x701), guid(0x702), guid(0x703), guid(0x704)
    v_session, v_age = guid(0x801), guid(0x802)
    s1, s2, s3, s4 = guid(0x201), guid(0x202), guid(0x203), guid(0x204)
    f1, f2 = "6A1F3B2C-0000-4000-8000-0000000000F1", "6A1F3B2C-0000-4000-8000-0000000000F2"

    text1 = ("T: How was your week?\n"
             "C: I don't know. Fine, I guess.\n"
             "T: You paused there.\n"
             "C: Yes. I didn't want to come today, to be honest.\n"
             "T: Thank you for telling me that.\n")
    text2 = "T: Shall we start?\nC: I suppose so.\n"
    text4 = "T: Hello there.\nC: Hi. It has been a hard month.\n"
    # Both a path (to a file that is missing) and the text itself.
    text5 = "T: Only here.\nC: Yes.\n"
    src1, src2, src4 = Source(text1), Source(text2), Source(text4)

    sels1 = []
    expected1 = []
    xml, exp = selection_xml(guid(0x501), src1, "I don't know.", [(guid(0x601), withdrawal, "Withdrawal", u1)],
                             description="reluctant, looks away", note_refs=[n_pause], user=u1)
    sels1.append(xml); expected1 += exp
    xml, exp = selection_xml(guid(0x502), src1, "I didn't want to come today, to be honest.",
                             [(guid(0x602), confrontation, "Confrontation", u1),
                              (guid(0x603), repair, "Repair", u2)], name="honest admission")
    sels1.append(xml); expected1 += exp
    # Not coded: dropped and counted.
    xml, _ = selection_xml(guid(0x503), src1, "You paused there.", [])
    sels1.append(xml)
    # A code that does not exist.
    xml, _ = selection_xml(guid(0x504), src1, "Thank you for telling me that.",
                           [(guid(0x604), guid(0xDEAD), None, u2)])
    sels1.append(xml)
    # Coded with a code marked isCodable="false": the code is made codable.
    xml, exp = selection_xml(guid(0x505), src1, "How was your week?", [(guid(0x605), topics, "Topics", u2)])
    sels1.append(xml); expected1 += exp

    xml2, expected2 = selection_xml(guid(0x511), src2, "I suppose so.", [(guid(0x611), repair, "Repair", u2)])
    xml4, expected4 = selection_xml(guid(0x541), src4, "It has been a hard month.",
                                    [(guid(0x641), withdrawal, "Withdrawal", u1)])

    body = """  <Users>
    <User guid="%(u1)s" name="Ada Analyst" id="AA"/>
    <User guid="%(u2)s" name="Ben Berg"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="%(topics_b)s" name="Topics" isCodable="false">
        <Code guid="%(withdrawal_u)s" name="Withdrawal" isCodable="true" color="#F00082">
          <Description>Client pulls back.</Description>
        </Code>
        <Code guid="%(confrontation)s" name="Confrontation" isCodable="true">
          <NoteRef targetGUID="%(n_code)s"/>
        </Code>
      </Code>
      <Code guid="%(repair)s" name="Repair" isCodable="true" color="#3c3"/>
      <Frobnicate/>
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="%(v_session)s" name="Session" typeOfVariable="Integer"/>
    <Variable guid="%(v_age)s" name="Age" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="%(case)s" name="Client A">
      <Description>First client of the study.</Description>
      <VariableValue>
        <VariableRef targetGUID="%(v_age)s"/>
        <IntegerValue>34</IntegerValue>
      </VariableValue>
      <SourceRef targetGUID="%(s1)s"/>
      <SelectionRef targetGUID="%(sel1)s"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="%(s1)s" name="Session 1.docx" richTextPath="internal://%(f1)s.docx" plainTextPath="internal://%(f1)s.txt" creatingUser="%(u1)s">
%(sels1)s
      <VariableValue>
        <VariableRef targetGUID="%(v_session)s"/>
        <IntegerValue>1</IntegerValue>
      </VariableValue>
      <VendorData>ignored</VendorData>
    </TextSource>
    <TextSource guid="%(s2)s" plainTextPath="%(f2)s.txt">
%(sel2)s
    </TextSource>
    <TextSource guid="%(s3)s" name="Lost interview" plainTextPath="internal://%(missing)s.txt"/>
    <TextSource guid="%(s5)s" name="Both" plainTextPath="internal://%(missing2)s.txt">
      <PlainTextContent>%(text5)s</PlainTextContent>
    </TextSource>
    <TextSource guid="%(s4)s" name="Inline note">
      <PlainTextContent>%(text4)s</PlainTextContent>
%(sel4)s
    </TextSource>
    <PictureSource guid="%(pic)s" name="Drawing.jpg" path="internal://%(pic)s.jpg">
      <PictureSelection guid="%(picsel)s" firstX="1" firstY="2" secondX="30" secondY="40">
        <Coding guid="%(piccod)s"><CodeRef targetGUID="%(repair)s"/></Coding>
      </PictureSelection>
    </PictureSource>
    <PDFSource guid="%(pdf)s" name="Article.pdf" path="internal://%(pdf)s.pdf"/>
    <AudioSource guid="%(audio)s" name="Session 1.m4a" path="relative:///audio/session1.m4a"/>
    <VideoSource guid="%(video)s" name="Session 1.mp4" path="absolute:///C:/PROJECT/session1.mp4"/>
    <HologramSource guid="%(holo)s"/>
  </Sources>
  <Notes>
    <Note guid="%(n_pause)s" name="Pause">
      <PlainTextContent>Long pause before answering.</PlainTextContent>
    </Note>
    <Note guid="%(n_code)s" name="About confrontation">
      <PlainTextContent>Use for open disagreement.</PlainTextContent>
    </Note>
    <Note guid="%(n_plan)s" name="Research plan">
      <PlainTextContent>Code all sessions of client A first.</PlainTextContent>
    </Note>
    <Note guid="%(n_orphan)s" name="Loose thought">
      <PlainTextContent>Nothing points at this note.</PlainTextContent>
    </Note>
  </Notes>
  <Links>
    <Link guid="%(link)s" name="relates" originGUID="%(n_plan)s" targetGUID="%(s1)s" direction="OneWay"/>
  </Links>
  <Sets>
    <Set guid="%(set)s" name="Early sessions">
      <MemberSource targetGUID="%(s1)s"/>
    </Set>
  </Sets>
  <Graphs>
    <Graph guid="%(graph)s" name="Network">
      <Vertex guid="%(vertex)s" firstX="1" firstY="1" representedGUID="%(repair)s"/>
    </Graph>
  </Graphs>
  <Description>A project with every deviation we know of.</Description>
  <NoteRef targetGUID="%(n_plan)s"/>
  <VendorExtension version="2"/>""" % {
        "u1": u1, "u2": u2, "topics_b": upper_braced(topics), "withdrawal_u": withdrawal.upper(),
        "confrontation": confrontation, "repair": repair, "n_code": n_code, "n_pause": n_pause,
        "n_plan": n_plan, "n_orphan": n_orphan, "v_session": v_session, "v_age": v_age,
        "case": guid(0x301), "s1": s1, "s2": s2, "s3": s3, "s4": s4, "f1": f1, "f2": f2,
        "sel1": guid(0x501), "sels1": "\n".join(sels1), "sel2": xml2, "sel4": xml4,
        "missing": guid(0x2FF), "text4": escape(text4), "s5": guid(0x205),
        "missing2": guid(0x2FE), "text5": escape(text5), "pic": guid(0x211), "picsel": guid(0x212),
        "piccod": guid(0x213), "pdf": guid(0x221), "audio": guid(0x231), "video": guid(0x241),
        "holo": guid(0x251), "link": guid(0x261), "set": guid(0x271), "graph": guid(0x281),
        "vertex": guid(0x282),
    }
    write_zip(os.path.join(out, "deviations.qdpx"), [
        # Upper-case names, as some Windows producers write them.
        ("Project.qde", project_xml(body, name="Deviations study").encode("utf-8")),
        ("Sources/%s.txt" % f1, src1.raw_bytes()),
        ("Sources/%s.TXT" % f2, src2.raw_bytes()),
        ("Sources/%s.jpg" % guid(0x211), b"\xff\xd8\xff\xe0 not really a jpeg"),
    ])
    write_expected(out, "deviations", {
        "title": "Deviations study",
        "counting": None,
        "documents": [
            {"title": "Session 1.docx", "text": text1, "codings": expected1},
            {"title": f2 + ".txt", "text": text2, "codings": expected2},
            {"title": "Both", "text": text5, "codings": []},
            {"title": "Inline note", "text": text4, "codings": expected4},
        ],
    })


EMOJI_TEXT = ("T: Hi \U0001F600 there, how are you today?\n"
              "C: \U0001F642\U0001F642 I feel \U0001F389 stuck, honestly.\n"
              "T: Tell me more about \U0001F62C that feeling.\n"
              "C: It is like a wall \U0001F9F1 between us.\n")
EMOJI_PASSAGES = [("I feel \U0001F389 stuck", WITHDRAWAL, 1),
                  ("Tell me more about \U0001F62C that feeling.", REPAIR, 1),
                  ("a wall \U0001F9F1 between us.", WITHDRAWAL, 1)]


def make_countings(out):
    # UTF-16 code units with emoji before the coded passages; the selection
    # names carry the text (as ATLAS.ti and NVivo write them).
    counting_fixture(out, "utf16-names", Source(EMOJI_TEXT, utf16_units=True),
                     EMOJI_PASSAGES, "UTF-16 code units", "Emoji session")
    # The same without any text in the file: only UTF-16 keeps the last
    # selection inside the text.
    counting_fixture(out, "utf16-no-names", Source(EMOJI_TEXT, utf16_units=True),
                     EMOJI_PASSAGES, "UTF-16 code units", "Emoji session", hints=None)
    # Code points (the standard) with emoji and no names: reading them as
    # UTF-16 units would end the first selection inside an emoji.
    counting_fixture(out, "codepoints-no-names", Source(EMOJI_TEXT),
                     [("Hi \U0001F600", WITHDRAWAL, 1),
                      ("\U0001F642\U0001F642 I feel", REPAIR, 1)],
                     "code points", "Emoji session", hints=None)

    crlf_text = ("T: Good morning.\n"
                 "C: Morning. I almost didn't come.\n"
                 "T: What made you come after all?\n"
                 "C: I thought you would be disappointed.\n"
                 "T: Disappointed in you?\n")
    crlf_passages = [("I almost didn't come.", WITHDRAWAL, 1),
                     ("What made you come after all?\nC: I thought", REPAIR, 1),
                     ("Disappointed in you?", REPAIR, 1)]
    counting_fixture(out, "crlf-two", Source(crlf_text, crlf=True), crlf_passages,
                     "code points, CRLF as two characters", "CRLF session")
    # CRLF counted as one; the text is given in each selection's Description.
    counting_fixture(out, "crlf-one", Source(crlf_text, crlf=True, crlf_as_one=True),
                     crlf_passages, "code points, CRLF as one character", "CRLF session", hints="description")

    bom_text = "T: Where shall we begin?\nC: With last week, I think.\nT: All right.\n"
    bom_passages = [("With last week", WITHDRAWAL, 1), ("All right.", REPAIR, 1)]
    counting_fixture(out, "bom-counted", Source(bom_text, bom=True, bom_counted=True),
                     bom_passages, "code points, byte order mark counted", "BOM session")
    counting_fixture(out, "bom-not-counted", Source(bom_text, bom=True), bom_passages,
                     "code points, byte order mark not counted", "BOM session")

    # Two sources from one producer counting UTF-16 units: the first gives
    # the selected text, the second does not; the second follows the first.
    a = Source(EMOJI_TEXT, utf16_units=True)
    b = Source("C: \U0001F62D\U0001F62D I can't.\nT: You can't?\n", utf16_units=True)
    xml_a, exp_a = selection_xml(guid(0x501), a, "I feel \U0001F389 stuck", [(guid(0x601),) + WITHDRAWAL + (None,)])
    xml_b, exp_b = selection_xml(guid(0x502), b, "I can't.", [(guid(0x602),) + REPAIR + (None,)], name=False)
    body = """%s
  <Sources>
    <TextSource guid="%s" name="With names" plainTextPath="internal://%s.txt">
%s
    </TextSource>
    <TextSource guid="%s" name="Without names" plainTextPath="internal://%s.txt">
%s
    </TextSource>
  </Sources>""" % (SIMPLE_CODES, guid(0x201), guid(0x201), xml_a, guid(0x202), guid(0x202), xml_b)
    write_zip(os.path.join(out, "utf16-mixed.qdpx"), [
        ("project.qde", project_xml(body, name="Two sources").encode("utf-8")),
        ("sources/%s.txt" % guid(0x201), a.raw_bytes()),
        ("sources/%s.txt" % guid(0x202), b.raw_bytes()),
    ])
    write_expected(out, "utf16-mixed", {
        "title": "Two sources",
        "counting": "UTF-16 code units",
        "documents": [{"title": "With names", "text": a.text, "codings": exp_a},
                      {"title": "Without names", "text": b.text, "codings": exp_b}],
    })

    # ATLAS.ti shortens long names with an ellipsis.
    long_text = ("T: \U0001F44B Welcome back.\n"
                 "C: I have been thinking a lot about what you said last time about my father "
                 "and how I never really told him what I needed from him.\n")
    src = Source(long_text, utf16_units=True)
    passage = ("I have been thinking a lot about what you said last time about my father and how "
               "I never really told him what I needed from him.")
    xml, exp = selection_xml(guid(0x501), src, passage, [(guid(0x601),) + REPAIR + (None,)],
                             name=passage[:40] + "\u2026")
    body = '%s\n  <Sources>\n    <TextSource guid="%s" name="Long" plainTextPath="internal://%s.txt">\n%s\n    </TextSource>\n  </Sources>' % (
        SIMPLE_CODES, guid(0x201), guid(0x201), xml)
    write_zip(os.path.join(out, "shortened-names.qdpx"), [
        ("project.qde", project_xml(body, name="Shortened").encode("utf-8")),
        ("sources/%s.txt" % guid(0x201), src.raw_bytes()),
    ])
    write_expected(out, "shortened-names", {
        "title": "Shortened", "counting": "UTF-16 code units",
        "documents": [{"title": "Long", "text": long_text, "codings": exp}],
    })


def make_external(out):
    """relative:// found next to the .qdpx (basePath is not on this machine);
    absolute:// paths that are not on this machine."""
    os.makedirs(os.path.join(out, "external"), exist_ok=True)
    rel_text = "T: This transcript lives outside the archive.\nC: Next to it, in a folder.\n"
    with open(os.path.join(out, "external", "relative-source.txt"), "w", encoding="utf-8") as f:
        f.write(rel_text)
    abs_text = "T: This one is read by an absolute path.\nC: Made by the test at run time.\n"
    with open(os.path.join(out, "external", "absolute-source.txt"), "w", encoding="utf-8") as f:
        f.write(abs_text)
    src = Source(rel_text)
    xml, exp = selection_xml(guid(0x501), src, "Next to it", [(guid(0x601),) + REPAIR + (None,)])
    body = """%s
  <Sources>
    <TextSource guid="%s" name="Relative" plainTextPath="relative:///external/relative-source.txt">
%s
    </TextSource>
    <TextSource guid="%s" name="Windows absolute" plainTextPath="absolute:///C:/PROJECT/Sources/interview.txt"/>
    <TextSource guid="%s" name="Unix absolute" plainTextPath="absolute:///nonexistent/kintsugi/interview.txt"/>
  </Sources>""" % (SIMPLE_CODES, guid(0x201), xml, guid(0x202), guid(0x203))
    write_zip(os.path.join(out, "external.qdpx"), [
        ("project.qde", project_xml(body, name="External sources",
                                    extra_attrs=' basePath="/nonexistent/kintsugi-refi-base"').encode("utf-8")),
    ])
    write_expected(out, "external", {
        "title": "External sources", "counting": None,
        "documents": [{"title": "Relative", "text": rel_text, "codings": exp}],
    })


def make_hostile(out):
    text = "T: Hello.\nC: Hi.\n"
    src_guid = guid(0x201)
    body = '%s\n  <Sources>\n    <TextSource guid="%s" name="S" plainTextPath="internal://%s.txt"/>\n  </Sources>' % (
        SIMPLE_CODES, src_guid, src_guid)
    qde = project_xml(body).encode("utf-8")
    write_zip(os.path.join(out, "hostile-traversal.qdpx"), [
        ("project.qde", qde),
        ("sources/%s.txt" % src_guid, text.encode("utf-8")),
        ("sources/../../evil.txt", b"written outside the folder"),
    ])
    write_zip(os.path.join(out, "hostile-absolute.qdpx"), [
        ("project.qde", qde),
        ("/tmp/kintsugi-evil.txt", b"written anywhere"),
    ])
    # 60 MB of one letter deflates to about 60 kB.
    write_zip(os.path.join(out, "hostile-bomb.qdpx"), [
        ("project.qde", qde),
        ("sources/%s.txt" % src_guid, b"a" * (60 * 1024 * 1024)),
    ])
    laughs = ['<!ENTITY lol0 "lol">'] + ['<!ENTITY lol%d "%s">' % (i, "&lol%d;" % (i - 1) * 10)
                                          for i in range(1, 10)]
    evil = ('<?xml version="1.0"?>\n<!DOCTYPE Project [\n  %s\n]>\n'
            '<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>\n' % "\n  ".join(laughs))
    write_zip(os.path.join(out, "hostile-entities.qdpx"), [("project.qde", evil.encode("utf-8"))])
    write_zip(os.path.join(out, "no-project.qdpx"), [("readme.txt", b"no project here\n")])
    with open(os.path.join(out, "not-a-zip.qdpx"), "wb") as f:
        f.write(b"PK\x03\x04 but then nothing that makes sense\n")


def generate(out):
    make_codebooks(out)
    make_deviations(out)
    make_countings(out)
    make_external(out)
    make_hostile(out)


def main():
    srcdir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.join(srcdir, "tests", "data", "refi")
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        with tempfile.TemporaryDirectory() as tmp:
            generate(tmp)
            bad = []
            for root, _, files in os.walk(tmp):
                for name in files:
                    made = os.path.join(root, name)
                    rel = os.path.relpath(made, tmp)
                    committed = os.path.join(target, rel)
                    if not os.path.exists(committed) or open(made, "rb").read() != open(committed, "rb").read():
                        bad.append(rel)
            if bad:
                print("out of date (run build-aux/make-refi-fixtures.py): " + ", ".join(sorted(bad)))
                return 1
            print("REFI-QDA fixtures are up to date")
            return 0
    os.makedirs(target, exist_ok=True)
    generate(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
