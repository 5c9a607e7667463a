#!/usr/bin/env python3
# make-office-fixtures.py: writes the Word-like and hostile .docx/.odt test fixtures.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/make-office-fixtures.py [OUTDIR]
#        build-aux/make-office-fixtures.py --check
# OUTDIR defaults to tests/data/import/office. Uses only the standard
# library; the output is deterministic (fixed timestamps, fixed order), so
# running it again gives the committed files byte for byte. --check writes to
# a temporary folder and compares with the committed files (zip members by
# name, flags and content, so another zlib does not matter); exit 1 on a
# difference. tests/data/import/office/README.md says what each file is for.

import os
import struct
import sys
import tempfile
import warnings
import zipfile

STAMP = (2024, 3, 12, 10, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

DOC_NS = (f'xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="{MC}" xmlns:wps="{WPS}" '
          f'xmlns:wp="{WP}" xmlns:a="{A}" xmlns:v="{V}" xmlns:w14="{W14}" '
          'mc:Ignorable="w14"')

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def content_types(extra=""):
    return (XML_DECL +
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            + extra + '</Types>')


def package_rels(target="word/document.xml"):
    return (XML_DECL +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            f'Target="{target}"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
            '</Relationships>')


DOCUMENT_RELS = (XML_DECL +
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                 '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
                 '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                 '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                 '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>'
                 '</Relationships>')

CORE = (XML_DECL +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Session 7</dc:title>'
        '<dc:creator>Kintsugi fixtures</dc:creator></cp:coreProperties>')

STYLES = (XML_DECL + f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" '
          'w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>')

SETTINGS = (XML_DECL + f'<w:settings xmlns:w="{W}"><w:trackRevisions/>'
            '<w:defaultTabStop w:val="708"/></w:settings>')

RPR_NONE = '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:lang w:val="en-GB"/></w:rPr>'
RPR_BOLD = '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:b/><w:bCs/><w:lang w:val="en-GB"/></w:rPr>'
RPR_ITALIC = '<w:rPr><w:i/><w:iCs/></w:rPr>'
PPR = ('<w:pPr><w:pStyle w:val="Normal"/><w:tabs><w:tab w:val="left" w:pos="1418"/></w:tabs>'
       '<w:spacing w:after="120"/><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:pPr>')


def run(text, rpr=RPR_NONE, preserve=None):
    if preserve is None:
        preserve = text != text.strip()
    space = ' xml:space="preserve"' if preserve else ''
    return f'<w:r>{rpr}<w:t{space}>{text}</w:t></w:r>'


def para(*content, ppr=PPR, rsid='00A1B2C3'):
    return (f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}" w14:paraId="1A2B3C4D" '
            f'w14:textId="77777777">{ppr}{"".join(content)}</w:p>')


SECT_PR = ('<w:sectPr w:rsidR="00A1B2C3"><w:headerReference w:type="default" r:id="rId2"/>'
           '<w:footerReference w:type="default" r:id="rId3"/>'
           '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" '
           'w:bottom="1134" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/>'
           '<w:cols w:space="708"/></w:sectPr>')


def document(body):
    return XML_DECL + f'<w:document {DOC_NS}><w:body>{body}{SECT_PR}</w:body></w:document>'


def textbox_run(text):
    """A floating text box as Word 2010+ writes it: DrawingML in mc:Choice
    and the same text again as VML in mc:Fallback."""
    inner = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    return ('<w:r><mc:AlternateContent>'
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" '
            'distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" '
            'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:extent cx="1828800" cy="457200"/><wp:docPr id="1" name="Text Box 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:txbx>{inner}</wps:txbx><wps:bodyPr/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape id="Text Box 1" type="#_x0000_t202">'
            f'<v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')


def features_body():
    del_attrs = 'w:author="Analyst" w:date="2024-03-12T10:00:00Z"'
    p = []
    # A heading with a bookmark and a proofing mark.
    p.append(para('<w:bookmarkStart w:id="0" w:name="_GoBack"/>',
                  run('Session 7 – Transcript'), '<w:proofErr w:type="spellStart"/>',
                  run(' (Ünïcödé 😀)'), '<w:proofErr w:type="spellEnd"/>',
                  '<w:bookmarkEnd w:id="0"/>'))
    # Runs split in the middle of words, with formatting and rsids, as Word
    # leaves them after editing.
    p.append(para(run('[00:00:03] T: Good mor'), run('ning', RPR_BOLD),
                  '<w:proofErr w:type="gramStart"/>', run(', how are ', RPR_ITALIC),
                  '<w:proofErr w:type="gramEnd"/>', run('you?')))
    # Without xml:space="preserve" Word drops the white space around the text.
    p.append(para(run('[00:00:09] C: Not ', preserve=True), run('  so  ', preserve=False),
                  run(' good.', preserve=True)))
    # Tab, line break, and the last rendered page break marker.
    p.append(para(run('T: Well…'), '<w:r><w:tab/><w:t>I see.</w:t><w:br/>'
                  '<w:lastRenderedPageBreak/><w:t>Go on.</w:t></w:r>'))
    # Symbols.
    p.append(para(run('C: Symbols ', preserve=True),
                  '<w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r>', run(' ', preserve=True),
                  '<w:r><w:sym w:font="Symbol" w:char="F061"/></w:r>', run(' ', preserve=True),
                  '<w:r><w:sym w:font="Wingdings 3" w:char="F07D"/></w:r>'))
    # Hyphens.
    p.append(para('<w:r><w:t>T: self</w:t><w:noBreakHyphen/><w:t>critical, hyper</w:t>'
                  '<w:softHyphen/><w:t>active</w:t></w:r>'))
    # Tracked changes: an insertion is kept, a deletion left out.
    p.append(para(run('C: I ', preserve=True),
                  f'<w:ins w:id="10" {del_attrs}>{run("really ")}</w:ins>', run('think'),
                  f'<w:del w:id="11" {del_attrs}><w:r><w:delText xml:space="preserve"> not'
                  '</w:delText></w:r></w:del>', run(' so.', preserve=True)))
    # A deleted paragraph mark joins this paragraph to the next.
    p.append(para(run('T: This line', preserve=True),
                  f'<w:del w:id="12" {del_attrs}><w:r><w:delText> DELETED-WORDS</w:delText>'
                  '</w:r></w:del>',
                  ppr=f'<w:pPr><w:rPr><w:del w:id="13" {del_attrs}/></w:rPr></w:pPr>'))
    p.append(para(run(' continues here.', preserve=True)))
    # A paragraph that was moved: the old place is left out.
    p.append(para(f'<w:moveFromRangeStart w:id="14" {del_attrs} w:name="move1"/>',
                  f'<w:moveFrom w:id="15" {del_attrs}>{run("MOVED-AWAY ")}</w:moveFrom>',
                  '<w:moveFromRangeEnd w:id="14"/>', run('C: Moved '),
                  f'<w:moveTo w:id="16" {del_attrs}>{run("here.")}</w:moveTo>'))
    # Fields: the instruction is left out, the result kept.
    p.append(para(run('T: Page ', preserve=True),
                  f'<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT ">{run("3")}</w:fldSimple>'))
    p.append(para(run('C: Date: ', preserve=True),
                  '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                  '<w:r><w:instrText xml:space="preserve"> DATE \\@ "dd.MM.yyyy" </w:instrText></w:r>',
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run('12.03.2024'),
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    # Content controls, block-level and inline.
    p.append('<w:sdt><w:sdtPr><w:alias w:val="Turn"/><w:tag w:val="turn"/><w:id w:val="-1"/>'
             '<w:placeholder><w:docPart w:val="DefaultPlaceholder"/></w:placeholder></w:sdtPr>'
             '<w:sdtEndPr/><w:sdtContent>' + para(run('T: Inside a content control.')) +
             '</w:sdtContent></w:sdt>')
    p.append(para(run('C: My name is ', preserve=True),
                  '<w:sdt><w:sdtPr><w:alias w:val="Name"/><w:showingPlcHdr/>'
                  '<w:text/></w:sdtPr><w:sdtContent>' + run('Anna') +
                  '</w:sdtContent></w:sdt>', run('.')))
    # A comment: its anchor text stays, its text does not.
    p.append(para('<w:commentRangeStart w:id="0"/>', run('T: A remark.'),
                  '<w:commentRangeEnd w:id="0"/>',
                  '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                  '<w:commentReference w:id="0"/></w:r>'))
    # A footnote reference.
    p.append(para(run('C: See the note'),
                  '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                  '<w:footnoteReference w:id="1"/></w:r>', run('.')))
    # A text box anchored in a paragraph.
    p.append(para(run('T: Before the box ', preserve=True), textbox_run('TEXTBOX-TEXT'),
                  run('and after.')))
    # Hidden text.
    p.append(para(run('C: Visible ', preserve=True),
                  run('HIDDEN-TEXT ', '<w:rPr><w:vanish/></w:rPr>'),
                  run('again ', '<w:rPr><w:vanish w:val="0"/></w:rPr>'),
                  run('text.')))
    # A hyperlink and a smart tag wrap runs.
    p.append(para(run('T: Link ', preserve=True),
                  f'<w:hyperlink r:id="rId9" w:history="1">{run("here", RPR_BOLD)}</w:hyperlink>',
                  '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
                  + run(' in Berlin', preserve=True) + '</w:smartTag>', run('.')))
    # A transcript table with a deleted row.
    cell_pr = '<w:tcPr><w:tcW w:w="1500" w:type="dxa"/></w:tcPr>'

    def cell(*paras):
        return f'<w:tc>{cell_pr}{"".join(paras)}</w:tc>'

    tbl = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '</w:tblPr><w:tblGrid><w:gridCol w:w="1500"/><w:gridCol w:w="7500"/></w:tblGrid>'
           '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + cell(para(run('Speaker', RPR_BOLD))) +
           cell(para(run('Text', RPR_BOLD))) + '</w:tr>'
           '<w:tr>' + cell(para(run('T'))) + cell(para(run('In a ta'), run('ble.', RPR_BOLD))) +
           '</w:tr>'
           f'<w:tr><w:trPr><w:del w:id="20" {del_attrs}/></w:trPr>' +
           cell(para(f'<w:del w:id="21" {del_attrs}><w:r><w:delText>C</w:delText></w:r></w:del>')) +
           cell(para(f'<w:del w:id="22" {del_attrs}><w:r><w:delText>DELETED-ROW</w:delText>'
                     '</w:r></w:del>')) + '</w:tr>'
           '<w:tr>' + cell(para(run('C'))) +
           cell(para(run('Two')), para(run('paragraphs.'))) + '</w:tr>'
           '</w:tbl>')
    p.append(tbl)
    p.append('<w:p/>')
    p.append(para(run('T: The end.')))
    return ''.join(p)


HEADER = (XML_DECL + f'<w:hdr {DOC_NS}>' + para(run('HEADER-TEXT Session 7')) + '</w:hdr>')
FOOTER = (XML_DECL + f'<w:ftr {DOC_NS}>' +
          para(run('FOOTER-TEXT page ', preserve=True),
               '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
               '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run('1'),
               '<w:r><w:fldChar w:fldCharType="end"/></w:r>') + '</w:ftr>')
EMPTY_HEADER = XML_DECL + f'<w:hdr {DOC_NS}>' + para() + '</w:hdr>'
COMMENTS = (XML_DECL + f'<w:comments {DOC_NS}><w:comment w:id="0" w:author="Analyst" '
            'w:date="2024-03-12T10:00:00Z" w:initials="A">' + para(run('COMMENT-TEXT')) +
            '</w:comment></w:comments>')
FOOTNOTES = (XML_DECL + f'<w:footnotes {DOC_NS}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
             '</w:r></w:p></w:footnote>'
             '<w:footnote w:id="1">' + para(run('FOOTNOTE-TEXT')) + '</w:footnote></w:footnotes>')


def write_zip(path, entries, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            if isinstance(data, str):
                data = data.encode('utf-8')
            z.writestr(info, data)


def docx_entries(body_xml, header=HEADER, footer=FOOTER, main='word/document.xml'):
    return [
        ('[Content_Types].xml', content_types()),
        ('_rels/.rels', package_rels(main)),
        ('docProps/core.xml', CORE),
        ('word/_rels/document.xml.rels', DOCUMENT_RELS),
        (main, body_xml),
        ('word/styles.xml', STYLES),
        ('word/settings.xml', SETTINGS),
        ('word/header1.xml', header),
        ('word/footer1.xml', footer),
        ('word/comments.xml', COMMENTS),
        ('word/footnotes.xml', FOOTNOTES),
    ]


SIMPLE_BODY = document(para(run('T: Hello.')) + para(run('C: Hi.')))

BILLION_LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<!DOCTYPE w:document [\n'
                  '  <!ENTITY lol "lol">\n' +
                  ''.join(f'  <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                          for i in range(1, 10)) +
                  ']>\n'
                  f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>T: &lol9;</w:t></w:r></w:p>'
                  '</w:body></w:document>')


def set_encrypted_flag(path, member):
    """Sets bit 0 (encrypted) of the general purpose flags of @member in both
    its local header and its central directory record, as a password-
    protected zip has them."""
    data = bytearray(open(path, 'rb').read())
    name = member.encode()
    i = 0
    while True:
        i = data.find(b'PK\x03\x04', i)
        if i < 0:
            break
        n = struct.unpack_from('<H', data, i + 26)[0]
        if data[i + 30:i + 30 + n] == name:
            data[i + 6] |= 1
        i += 4
    i = 0
    while True:
        i = data.find(b'PK\x01\x02', i)
        if i < 0:
            break
        n = struct.unpack_from('<H', data, i + 28)[0]
        if data[i + 46:i + 46 + n] == name:
            data[i + 8] |= 1
        i += 4
    open(path, 'wb').write(bytes(data))


# --- OpenDocument -------------------------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"')

ODT_MIME = 'application/vnd.oasis.opendocument.text'


def manifest(encrypted=False, mime=ODT_MIME):
    enc = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
           '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
           'manifest:initialisation-vector="AAAA"/><manifest:key-derivation '
           'manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
           'manifest:salt="AAAA"/></manifest:encryption-data>') if encrypted else ''
    return (XML_DECL.replace(' standalone="yes"', '') +
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
            f'{enc}</manifest:file-entry>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')


def odt_content(body):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-content {ODF_NS}><office:automatic-styles/>'
            f'<office:body><office:text>{body}</office:text></office:body>'
            '</office:document-content>')


ODT_STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              f'<office:document-styles {ODF_NS}><office:master-styles>'
              '<style:master-page style:name="Standard"><style:header><text:p/></style:header>'
              '</style:master-page></office:master-styles></office:document-styles>')


def odt_entries(content, mime=ODT_MIME, encrypted=False, styles=ODT_STYLES):
    return [
        ('mimetype', mime),
        ('content.xml', content),
        ('styles.xml', styles),
        ('META-INF/manifest.xml', manifest(encrypted, mime)),
    ]


def odt_features_body():
    """What LibreOffice writes rarely or never, but other producers do."""
    return (
        '<text:sequence-decls><text:sequence-decl text:display-outline-level="0" '
        'text:name="Table"/></text:sequence-decls>'
        '<text:tracked-changes>'
        '<text:changed-region text:id="d1"><text:deletion><office:change-info>'
        '<dc:creator>A</dc:creator><dc:date>2024-03-12T10:00:00</dc:date></office:change-info>'
        '<text:p>NOT-HERE</text:p></text:deletion></text:changed-region>'
        '</text:tracked-changes>'
        '<text:table-of-content text:name="TOC"><text:table-of-content-source>'
        '<text:index-title-template>SOURCE-TEMPLATE</text:index-title-template>'
        '</text:table-of-content-source><text:index-body>'
        '<text:p>Contents: Session 9</text:p></text:index-body></text:table-of-content>'
        '<text:h text:outline-level="1"><text:number>1.</text:number>Session 9</text:h>\n'
        # White space in the XML source is collapsed; text:s keeps spaces.
        '<text:p>\n   T:   Spaces\n   are\tcollapsed,<text:s/> <text:s text:c="2"/>kept.   </text:p>\n'
        '<text:p><text:s text:c="2"/>C: Leading spaces kept.</text:p>\n'
        # A deletion marked with change-start/end instead of text:change.
        '<text:p>T: One <text:change-start text:change-id="d1"/>DELETED-RANGE '
        '<text:change-end text:change-id="d1"/>two.</text:p>'
        # A frame with a text box and an image with a title.
        '<text:p>C: Look<draw:frame draw:name="Box" text:anchor-type="as-char" svg:width="2cm">'
        '<draw:text-box><text:p>TEXTBOX-TEXT</text:p></draw:text-box></draw:frame>'
        '<draw:frame draw:name="Pic" text:anchor-type="as-char"><draw:image '
        'xlink:href="Pictures/x.png"/><svg:title>IMAGE-TITLE</svg:title></draw:frame> here.</text:p>'
        '<text:soft-page-break/>'
        '<text:list><text:list-header><text:p>T: A list header.</text:p></text:list-header>'
        '<text:list-item><text:number>a)</text:number><text:p>C: A <text:span>nested '
        '<text:span>span</text:span></text:span> and <text:a xlink:href="https://example.org/">'
        'a link</text:a>.</text:p></text:list-item></text:list>'
        '<table:table><table:table-columns><table:table-column table:number-columns-repeated="3"/>'
        '</table:table-columns><table:table-row>'
        '<table:table-cell table:number-columns-spanned="2"><text:p>T</text:p></table:table-cell>'
        '<table:covered-table-cell/><table:table-cell><text:p>Merged cells.</text:p>'
        '</table:table-cell></table:table-row>'
        '<table:table-row><table:table-cell><text:p>C</text:p></table:table-cell>'
        '<table:table-cell><text:p>Nested:</text:p><table:table><table:table-row>'
        '<table:table-cell><text:p>x</text:p></table:table-cell><table:table-cell><text:p>y</text:p>'
        '</table:table-cell></table:table-row></table:table></table:table-cell>'
        '<table:table-cell/></table:table-row></table:table>'
        '<text:p>T: Hidden<text:hidden-text text:condition="true" text:string-value="HIDDEN">'
        'HIDDEN-TEXT</text:hidden-text> no more.</text:p>')


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data',
                        'import', 'office')


def zip_members(path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            with zipfile.ZipFile(path) as z:
                return [(i.filename, i.flag_bits & 1, z.read(i) if not i.flag_bits & 1 else b'')
                        for i in z.infolist()]
    except (zipfile.BadZipFile, OSError):
        return None


def check():
    made = tempfile.mkdtemp(prefix='kts-office-fixtures-')
    write_all(made)
    bad = []
    for name in sorted(os.listdir(made)):
        new, old = os.path.join(made, name), os.path.join(FIXTURES, name)
        if not os.path.exists(old):
            bad.append(f'{name}: not committed')
        elif name == 'truncated.docx':
            # Half of a zip: its bytes depend on zlib; it must stay broken.
            if zip_members(old) is not None:
                bad.append(f'{name}: is a readable zip')
        else:
            a, b = zip_members(new), zip_members(old)
            if (a != b) if a is not None else (open(new, 'rb').read() != open(old, 'rb').read()):
                bad.append(f'{name}: differs from what the script makes')
        os.remove(new)
    os.rmdir(made)
    for line in bad:
        print(line, file=sys.stderr)
    print('office fixtures: ' + ('differ' if bad else 'up to date'))
    return 1 if bad else 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--check':
        return check()
    out = sys.argv[1] if len(sys.argv) > 1 else FIXTURES
    write_all(out)
    return 0


def write_all(out):
    os.makedirs(out, exist_ok=True)

    def path(name):
        return os.path.join(out, name)

    # Word-like documents.
    write_zip(path('word-features.docx'), docx_entries(document(features_body())))
    write_zip(path('word-relocated.docx'),
              docx_entries(SIMPLE_BODY, header=EMPTY_HEADER, footer=EMPTY_HEADER,
                           main='word/main-part.xml'))

    # Hostile and broken .docx files.
    bomb = document(para(run('T: ' + 'A' * (20 * 1024 * 1024))))
    write_zip(path('bomb.docx'), docx_entries(bomb))
    for name, member in [('traversal-dotdot.docx', '../../evil.txt'),
                         ('traversal-absolute.docx', '/tmp/evil.txt'),
                         ('traversal-backslash.docx', 'word\\..\\..\\evil.txt')]:
        write_zip(path(name), docx_entries(SIMPLE_BODY) + [(member, 'owned\n')])
    write_zip(path('doctype.docx'), docx_entries(BILLION_LAUGHS))
    utf16 = BILLION_LAUGHS.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    write_zip(path('doctype-utf16.docx'),
              docx_entries(b'\xff\xfe' + utf16.encode('utf-16-le')))
    many = docx_entries(SIMPLE_BODY) + [(f'x/{i:05d}', b'') for i in range(10001)]
    write_zip(path('many-entries.docx'), many, compression=zipfile.ZIP_STORED)
    write_zip(path('encrypted-entry.docx'), docx_entries(SIMPLE_BODY),
              compression=zipfile.ZIP_STORED)
    set_encrypted_flag(path('encrypted-entry.docx'), 'word/document.xml')
    open(path('not-a-zip.docx'), 'w').write('T: This is plain text with a .docx name.\n')
    # An OLE compound file header, as Office writes for password-protected
    # documents (EncryptedPackage) and for old .doc files.
    ole = bytearray(512)
    ole[0:8] = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'
    ole[24:32] = struct.pack('<HHHH', 0x3E, 3, 0xFFFE, 9)
    open(path('ole-encrypted.docx'), 'wb').write(bytes(ole))
    write_zip(path('no-document.docx'),
              [('[Content_Types].xml', content_types()),
               ('xl/workbook.xml', '<workbook/>')])
    write_zip(path('malformed.docx'),
              docx_entries(XML_DECL + f'<w:document xmlns:w="{W}"><w:body>\n<w:p><w:r>'
                           '<w:t>T: broken</w:r></w:p></w:body></w:document>'))
    full = open(path('word-features.docx'), 'rb').read()
    open(path('truncated.docx'), 'wb').write(full[:len(full) // 2])
    with zipfile.ZipFile(path('duplicate.docx'), 'w') as z:
        for name, data in docx_entries(SIMPLE_BODY) + [
                ('word/document.xml', document(para(run('T: The other one.'))))]:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                z.writestr(info, data)

    # OpenDocument.
    write_zip(path('odt-features.odt'), odt_entries(odt_content(odt_features_body())))
    write_zip(path('odt-doctype.odt'),
              odt_entries(BILLION_LAUGHS.replace('w:document', 'office:document-content')))
    write_zip(path('odt-encrypted.odt'),
              odt_entries('\x8a\x13 not XML: encrypted bytes', encrypted=True))
    write_zip(path('odt-spreadsheet.odt'),
              odt_entries(odt_content(''), mime='application/vnd.oasis.opendocument.spreadsheet'))
    write_zip(path('odt-no-content.odt'), [('mimetype', ODT_MIME)])


if __name__ == '__main__':
    sys.exit(main())
