/* kts-docx.c: the text of Word documents (.docx): word/document.xml, read as a stream.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paragraphs become lines; w:br and w:cr line breaks, w:tab tabs. The text is
 * read as if all tracked changes were accepted: insertions are kept,
 * deletions (w:del, w:moveFrom, deleted paragraph marks and table rows) left
 * out. Field instructions (w:instrText) are left out and field results kept.
 * Comments, footnotes, headers, footers, text boxes and hidden text are not
 * part of the transcript; warnings say when a document has them. See
 * docs/import.md.
 */
#define G_LOG_DOMAIN "kts-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-error.h"
#include "kts-import-private.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* What an open element on the stack is, as far as the text is concerned. */
typedef enum
{
  K_OTHER,
  K_P,
  K_P_MARK_DELETED, /* a paragraph whose end was deleted: it runs on */
  K_PPR,
  K_PPR_RPR,
  K_R,
  K_R_HIDDEN,
  K_RPR,
  K_T,
  K_TBL,
  K_TR,
  K_TR_DELETED,
  K_TRPR,
  K_TC,
} Kind;

typedef enum
{
  E_UNKNOWN,
  E_P,
  E_PPR,
  E_RPR,
  E_R,
  E_T,
  E_TAB,
  E_BR,
  E_NO_BREAK_HYPHEN,
  E_SOFT_HYPHEN,
  E_SYM,
  E_FLD_CHAR,
  E_SKIP, /* never text: properties, instructions, deleted text */
  E_DEL,
  E_MOVE_FROM,
  E_VANISH,
  E_TXBX_CONTENT,
  E_COMMENT_REFERENCE,
  E_NOTE_REFERENCE,
  E_TBL,
  E_TR,
  E_TR_PR,
  E_TC,
} Element;

static const struct
{
  const char *name;
  Element     element;
} elements[] = {
  { "p", E_P },
  { "pPr", E_PPR },
  { "rPr", E_RPR },
  { "r", E_R },
  { "t", E_T },
  { "tab", E_TAB },
  { "ptab", E_TAB },
  { "br", E_BR },
  { "cr", E_BR },
  { "noBreakHyphen", E_NO_BREAK_HYPHEN },
  { "softHyphen", E_SOFT_HYPHEN },
  { "sym", E_SYM },
  { "fldChar", E_FLD_CHAR },
  { "instrText", E_SKIP },
  { "delInstrText", E_SKIP },
  { "delText", E_SKIP },
  { "sdtPr", E_SKIP },
  { "sdtEndPr", E_SKIP },
  { "tblPr", E_SKIP },
  { "tblGrid", E_SKIP },
  { "tblPrEx", E_SKIP },
  { "tcPr", E_SKIP },
  { "sectPr", E_SKIP },
  { "rt", E_SKIP }, /* ruby annotation; the base text is kept */
  { "del", E_DEL },
  { "moveFrom", E_MOVE_FROM },
  { "vanish", E_VANISH },
  { "txbxContent", E_TXBX_CONTENT },
  { "commentReference", E_COMMENT_REFERENCE },
  { "footnoteReference", E_NOTE_REFERENCE },
  { "endnoteReference", E_NOTE_REFERENCE },
  { "tbl", E_TBL },
  { "tr", E_TR },
  { "trPr", E_TR_PR },
  { "tc", E_TC },
};

static GHashTable *
element_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
        g_hash_table_insert (t, (gpointer)elements[i].name, GUINT_TO_POINTER (elements[i].element));
      g_once_init_leave (&table, t);
    }
  return table;
}

typedef struct
{
  const char      *name;
  KtsOfficeXml    *xml;
  xmlTextReaderPtr reader;
  KtsOfficeText    text;
  GByteArray      *stack;          /* Kind of each open element */
  GByteArray      *fields;         /* per open field: TRUE once in its result */
  guint            n_instructions; /* open fields still in their instructions */
  gsize            t_start;
  gboolean         t_preserve;

  KtsOfficeCounts counts;
} Parser;

static Kind
top_kind (Parser *self)
{
  return self->stack->len > 0 ? (Kind)self->stack->data[self->stack->len - 1] : K_OTHER;
}

static void
push (Parser *self, Kind kind)
{
  guint8 k = (guint8)kind;

  g_byte_array_append (self->stack, &k, 1);
}

/* Changes the nearest open element of kind @from to @to. */
static void
mark_nearest (Parser *self, Kind from, Kind to)
{
  for (guint i = self->stack->len; i > 0; i--)
    {
      if (self->stack->data[i - 1] == from)
        {
          self->stack->data[i - 1] = (guint8)to;
          return;
        }
    }
}

static gboolean
in_deleted_row (Parser *self)
{
  return memchr (self->stack->data, K_TR_DELETED, self->stack->len) != NULL;
}

static gboolean
is_word_ns (const char *ns)
{
  return ns != NULL && (strcmp (ns, W_NS) == 0 || strcmp (ns, W_NS_STRICT) == 0);
}

static char *
get_w_attribute (Parser *self, const char *local)
{
  char *value = _kts_office_xml_get_attribute (self->xml, local, W_NS);

  if (value == NULL)
    value = _kts_office_xml_get_attribute (self->xml, local, W_NS_STRICT);
  return value;
}

/* An on/off property such as w:vanish: on unless w:val says otherwise. */
static gboolean
attribute_is_on (Parser *self)
{
  char    *val = get_w_attribute (self, "val");
  gboolean on
      = val == NULL
        || !(strcmp (val, "0") == 0 || strcmp (val, "false") == 0 || strcmp (val, "off") == 0);

  xmlFree (val);
  return on;
}

/* --- symbols (w:sym) --------------------------------------------------------------- */

/* Adobe's Symbol font, where it differs from ASCII. */
static const struct
{
  guint8   code;
  gunichar c;
} symbol_font[] = {
  { 0x22, 0x2200 }, { 0x24, 0x2203 }, { 0x27, 0x220B }, { 0x2A, 0x2217 }, { 0x2D, 0x2212 },
  { 0x40, 0x2245 }, { 0x41, 0x0391 }, { 0x42, 0x0392 }, { 0x43, 0x03A7 }, { 0x44, 0x0394 },
  { 0x45, 0x0395 }, { 0x46, 0x03A6 }, { 0x47, 0x0393 }, { 0x48, 0x0397 }, { 0x49, 0x0399 },
  { 0x4A, 0x03D1 }, { 0x4B, 0x039A }, { 0x4C, 0x039B }, { 0x4D, 0x039C }, { 0x4E, 0x039D },
  { 0x4F, 0x039F }, { 0x50, 0x03A0 }, { 0x51, 0x0398 }, { 0x52, 0x03A1 }, { 0x53, 0x03A3 },
  { 0x54, 0x03A4 }, { 0x55, 0x03A5 }, { 0x56, 0x03C2 }, { 0x57, 0x03A9 }, { 0x58, 0x039E },
  { 0x59, 0x03A8 }, { 0x5A, 0x0396 }, { 0x5C, 0x2234 }, { 0x5E, 0x22A5 }, { 0x61, 0x03B1 },
  { 0x62, 0x03B2 }, { 0x63, 0x03C7 }, { 0x64, 0x03B4 }, { 0x65, 0x03B5 }, { 0x66, 0x03C6 },
  { 0x67, 0x03B3 }, { 0x68, 0x03B7 }, { 0x69, 0x03B9 }, { 0x6A, 0x03D5 }, { 0x6B, 0x03BA },
  { 0x6C, 0x03BB }, { 0x6D, 0x03BC }, { 0x6E, 0x03BD }, { 0x6F, 0x03BF }, { 0x70, 0x03C0 },
  { 0x71, 0x03B8 }, { 0x72, 0x03C1 }, { 0x73, 0x03C3 }, { 0x74, 0x03C4 }, { 0x75, 0x03C5 },
  { 0x76, 0x03D6 }, { 0x77, 0x03C9 }, { 0x78, 0x03BE }, { 0x79, 0x03C8 }, { 0x7A, 0x03B6 },
  { 0x7E, 0x223C }, { 0xA1, 0x03D2 }, { 0xA2, 0x2032 }, { 0xA3, 0x2264 }, { 0xA4, 0x2044 },
  { 0xA5, 0x221E }, { 0xA6, 0x0192 }, { 0xA7, 0x2663 }, { 0xA8, 0x2666 }, { 0xA9, 0x2665 },
  { 0xAA, 0x2660 }, { 0xAB, 0x2194 }, { 0xAC, 0x2190 }, { 0xAD, 0x2191 }, { 0xAE, 0x2192 },
  { 0xAF, 0x2193 }, { 0xB0, 0x00B0 }, { 0xB1, 0x00B1 }, { 0xB2, 0x2033 }, { 0xB3, 0x2265 },
  { 0xB4, 0x00D7 }, { 0xB5, 0x221D }, { 0xB6, 0x2202 }, { 0xB7, 0x2022 }, { 0xB8, 0x00F7 },
  { 0xB9, 0x2260 }, { 0xBA, 0x2261 }, { 0xBB, 0x2248 }, { 0xBC, 0x2026 }, { 0xC5, 0x2295 },
  { 0xC6, 0x2205 }, { 0xC7, 0x2229 }, { 0xC8, 0x222A }, { 0xD0, 0x2220 }, { 0xD1, 0x2207 },
  { 0xD6, 0x221A }, { 0xD7, 0x22C5 }, { 0xD8, 0x00AC }, { 0xD9, 0x2227 }, { 0xDA, 0x2228 },
  { 0xDB, 0x21D4 }, { 0xDC, 0x21D0 }, { 0xDD, 0x21D1 }, { 0xDE, 0x21D2 }, { 0xDF, 0x21D3 },
  { 0xE0, 0x25CA }, { 0xE5, 0x2211 }, { 0xF2, 0x222B },
};

/* The Wingdings characters transcripts use: faces, ticks, crosses, bullets. */
static const struct
{
  guint8   code;
  gunichar c;
} wingdings_font[] = {
  { 0x28, 0x260E }, { 0x4A, 0x263A }, { 0x4B, 0x1F610 }, { 0x4C, 0x2639 }, { 0x6C, 0x25CF },
  { 0x6E, 0x25A0 }, { 0x9F, 0x2022 }, { 0xA7, 0x25AA },  { 0xD8, 0x27A2 }, { 0xE8, 0x2794 },
  { 0xFB, 0x2717 }, { 0xFC, 0x2713 }, { 0xFD, 0x2612 },  { 0xFE, 0x2611 },
};

/* The character of a w:sym, or 0 if it cannot be told. Symbol fonts put
 * their characters at U+F020–U+F0FF; other fonts use real code points. */
static gunichar
symbol_to_unichar (const char *font, const char *hex)
{
  char   *end = NULL;
  guint64 code;
  guint8  low;

  if (hex == NULL || hex[0] == '\0')
    return 0;
  code = g_ascii_strtoull (hex, &end, 16);
  if (end == NULL || *end != '\0' || code > 0x10FFFF)
    return 0;

  if (code >= 0xF000 && code <= 0xF0FF)
    low = (guint8)(code - 0xF000);
  else if (code < 0x100 && font != NULL
           && (g_ascii_strcasecmp (font, "Symbol") == 0
               || g_ascii_strcasecmp (font, "Wingdings") == 0))
    low = (guint8)code;
  else
    return g_unichar_validate ((gunichar)code) && code >= 0x20 ? (gunichar)code : 0;

  if (font != NULL && g_ascii_strcasecmp (font, "Symbol") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (symbol_font); i++)
        if (symbol_font[i].code == low)
          return symbol_font[i].c;
      if (low >= 0x20 && low < 0x7F)
        return low;
    }
  else if (font != NULL && g_ascii_strcasecmp (font, "Wingdings") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (wingdings_font); i++)
        if (wingdings_font[i].code == low)
          return wingdings_font[i].c;
    }
  return 0;
}

/* --- the parser --------------------------------------------------------------------- */

static gboolean
run_is_visible (Parser *self)
{
  return top_kind (self) == K_R && self->n_instructions == 0;
}

static void
field_char (Parser *self)
{
  char *type = get_w_attribute (self, "fldCharType");

  if (type == NULL)
    return;
  if (strcmp (type, "begin") == 0)
    {
      guint8 in_result = FALSE;

      g_byte_array_append (self->fields, &in_result, 1);
      self->n_instructions++;
    }
  else if (strcmp (type, "separate") == 0)
    {
      if (self->fields->len > 0 && !self->fields->data[self->fields->len - 1])
        {
          self->fields->data[self->fields->len - 1] = TRUE;
          self->n_instructions--;
        }
    }
  else if (strcmp (type, "end") == 0)
    {
      if (self->fields->len > 0)
        {
          if (!self->fields->data[self->fields->len - 1])
            self->n_instructions--;
          g_byte_array_set_size (self->fields, self->fields->len - 1);
        }
    }
  xmlFree (type);
}

static void
end_element (Parser *self)
{
  Kind kind;

  g_assert (self->stack->len > 0);
  kind = top_kind (self);
  g_byte_array_set_size (self->stack, self->stack->len - 1);

  switch (kind)
    {
    case K_P:
      _kts_office_text_append_c (&self->text, '\n');
      break;
    case K_T:
      if (!self->t_preserve)
        _kts_office_text_trim_since (&self->text, self->t_start);
      break;
    case K_TBL:
      _kts_office_text_table_end (&self->text);
      break;
    case K_TR:
    case K_TR_DELETED:
      _kts_office_text_row_end (&self->text, kind == K_TR_DELETED);
      break;
    case K_TC:
      _kts_office_text_cell_end (&self->text);
      break;
    default:
      break;
    }
}

/* Handles an element's start. Returns TRUE to skip its content, FALSE after
 * pushing it (to descend). */
static gboolean
start_element (Parser *self, const char *ns, const char *local)
{
  Kind    parent = top_kind (self);
  Element element;

  if (!is_word_ns (ns))
    {
      if (ns != NULL && strcmp (ns, MC_NS) == 0 && strcmp (local, "Choice") == 0)
        return TRUE; /* markup compatibility: read the Fallback, which all readers understand */
      if (parent == K_PPR || parent == K_PPR_RPR || parent == K_RPR || parent == K_TRPR)
        return TRUE;
      push (self, K_OTHER);
      return FALSE;
    }

  element = GPOINTER_TO_UINT (g_hash_table_lookup (element_table (), local));

  /* Inside properties only a few elements matter. */
  switch (parent)
    {
    case K_PPR:
      if (element != E_RPR)
        return TRUE;
      push (self, K_PPR_RPR);
      return FALSE;
    case K_PPR_RPR:
      /* The paragraph mark itself was deleted or moved away. */
      if (element == E_DEL || element == E_MOVE_FROM)
        mark_nearest (self, K_P, K_P_MARK_DELETED);
      return TRUE;
    case K_RPR:
      if (element == E_VANISH && attribute_is_on (self))
        mark_nearest (self, K_R, K_R_HIDDEN);
      return TRUE;
    case K_TRPR:
      if (element == E_DEL)
        {
          /* A deleted row counts once, not once per cell. */
          mark_nearest (self, K_TR, K_TR_DELETED);
          self->counts.n_deletions++;
        }
      return TRUE;
    default:
      break;
    }

  switch (element)
    {
    case E_P:
      push (self, K_P);
      return FALSE;
    case E_PPR:
      if (parent != K_P && parent != K_P_MARK_DELETED)
        return TRUE;
      push (self, K_PPR);
      return FALSE;
    case E_RPR:
      if (parent != K_R && parent != K_R_HIDDEN)
        return TRUE;
      push (self, K_RPR);
      return FALSE;
    case E_R:
      push (self, K_R);
      return FALSE;
    case E_T:
      if (parent == K_R_HIDDEN)
        self->counts.has_hidden = TRUE;
      if (!run_is_visible (self))
        return TRUE;
      {
        char *space = _kts_office_xml_get_attribute (self->xml, "space", XML_NS);

        self->t_preserve = space != NULL && strcmp (space, "preserve") == 0;
        xmlFree (space);
      }
      self->t_start = _kts_office_text_get_position (&self->text);
      push (self, K_T);
      return FALSE;
    case E_TAB:
      if (run_is_visible (self))
        _kts_office_text_append_c (&self->text, '\t');
      return TRUE;
    case E_BR:
      if (run_is_visible (self))
        _kts_office_text_append_c (&self->text, '\n');
      return TRUE;
    case E_NO_BREAK_HYPHEN:
      if (run_is_visible (self))
        _kts_office_text_append_c (&self->text, '-');
      return TRUE;
    case E_SOFT_HYPHEN:
      return TRUE;
    case E_SYM:
      if (run_is_visible (self))
        {
          char    *font = get_w_attribute (self, "font");
          char    *code = get_w_attribute (self, "char");
          gunichar c = symbol_to_unichar (font, code);

          if (c == 0)
            {
              c = 0xFFFD;
              self->counts.n_unknown_symbols++;
            }
          _kts_office_text_append_unichar (&self->text, c);
          xmlFree (font);
          xmlFree (code);
        }
      return TRUE;
    case E_FLD_CHAR:
      if (parent == K_R || parent == K_R_HIDDEN)
        field_char (self);
      return TRUE;
    case E_DEL:
      if (!xmlTextReaderIsEmptyElement (self->reader) && !in_deleted_row (self))
        self->counts.n_deletions++;
      return TRUE;
    case E_MOVE_FROM:
    case E_SKIP:
    case E_VANISH:
      return TRUE;
    case E_TXBX_CONTENT:
      {
        xmlChar *content = xmlTextReaderReadString (self->reader);

        if (content != NULL && !kts_text_is_blank ((const char *)content, -1))
          self->counts.n_text_boxes++;
        xmlFree (content);
      }
      return TRUE;
    case E_COMMENT_REFERENCE:
      self->counts.n_comments++;
      return TRUE;
    case E_NOTE_REFERENCE:
      self->counts.n_notes++;
      return TRUE;
    case E_TBL:
      _kts_office_text_table_start (&self->text);
      push (self, K_TBL);
      return FALSE;
    case E_TR:
      if (!_kts_office_text_in_table (&self->text))
        break;
      _kts_office_text_row_start (&self->text);
      push (self, K_TR);
      return FALSE;
    case E_TR_PR:
      if (parent != K_TR && parent != K_TR_DELETED)
        return TRUE;
      push (self, K_TRPR);
      return FALSE;
    case E_TC:
      if (!_kts_office_text_in_table (&self->text))
        break;
      _kts_office_text_cell_start (&self->text);
      push (self, K_TC);
      return FALSE;
    case E_UNKNOWN:
      break;
    }

  /* w:body, w:ins, w:moveTo, w:hyperlink, w:sdt, w:sdtContent, w:fldSimple,
   * w:smartTag, w:customXml, …: their content is read. */
  push (self, K_OTHER);
  return FALSE;
}

static gboolean
parse_part (Parser *self, GError **error)
{
  gboolean skip = FALSE;
  int      ret;

  while ((ret = _kts_office_xml_advance (self->xml, skip, error)) == 1)
    {
      int type = xmlTextReaderNodeType (self->reader);

      skip = FALSE;
      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          {
            const char *ns = (const char *)xmlTextReaderConstNamespaceUri (self->reader);
            const char *local = (const char *)xmlTextReaderConstLocalName (self->reader);

            skip = start_element (self, ns, local);
            if (!skip && xmlTextReaderIsEmptyElement (self->reader))
              end_element (self);
          }
          break;
        case XML_READER_TYPE_END_ELEMENT:
          if (self->stack->len > 0)
            end_element (self);
          if (!_kts_office_text_check_size (&self->text, self->name, error))
            return FALSE;
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          if (top_kind (self) == K_T)
            {
              const char *value = (const char *)xmlTextReaderConstValue (self->reader);

              if (value != NULL)
                _kts_office_text_append (&self->text, value, strlen (value), TRUE);
            }
          break;
        default:
          break;
        }
    }

  return ret == 0;
}

static void
parser_init (Parser *self, const char *name, KtsOfficeXml *xml, gsize reserve)
{
  memset (self, 0, sizeof *self);
  self->name = name;
  self->xml = xml;
  self->reader = _kts_office_xml_get_reader (xml);
  _kts_office_text_init (&self->text, reserve);
  self->stack = g_byte_array_sized_new (64);
  self->fields = g_byte_array_new ();
}

static void
parser_clear (Parser *self)
{
  _kts_office_text_clear (&self->text);
  g_clear_pointer (&self->stack, g_byte_array_unref);
  g_clear_pointer (&self->fields, g_byte_array_unref);
}

/* Reads the text of one part (the document, a header or footer). */
static char *
read_part_text (
    GBytes *part, const char *name, const char *part_name, KtsOfficeCounts *counts, GError **error)
{
  g_autoptr (KtsOfficeXml) xml = NULL;
  Parser parser;
  char  *text = NULL;

  xml = _kts_office_xml_new (part, name, part_name, error);
  if (xml == NULL)
    return NULL;

  /* Text is about a fifth of the XML Word writes. */
  parser_init (&parser, name, xml, g_bytes_get_size (part) / 5 + 64);
  if (parse_part (&parser, error))
    {
      text = _kts_office_text_steal (&parser.text);
      if (counts != NULL)
        *counts = parser.counts;
    }
  parser_clear (&parser);
  return text;
}

/* The main part named by the package relationships (_rels/.rels), usually
 * word/document.xml. */
static char *
find_main_part (KtsArchive *archive, const char *name, GError **error)
{
  g_autoptr (GBytes) rels = NULL;
  g_autoptr (KtsOfficeXml) xml = NULL;
  g_autofree char *target = NULL;
  int              index = kts_archive_lookup (archive, "_rels/.rels");
  gboolean         skip = FALSE;
  int              ret;

  if (index < 0)
    return g_strdup ("word/document.xml");
  rels = kts_archive_read_entry (archive, (guint)index, error);
  if (rels == NULL)
    return NULL;
  xml = _kts_office_xml_new (rels, name, "_rels/.rels", error);
  if (xml == NULL)
    return NULL;

  while ((ret = _kts_office_xml_advance (xml, skip, error)) == 1)
    {
      xmlTextReaderPtr reader = _kts_office_xml_get_reader (xml);
      const char      *ns = (const char *)xmlTextReaderConstNamespaceUri (reader);
      const char      *local = (const char *)xmlTextReaderConstLocalName (reader);
      char            *type;

      skip = FALSE;
      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || ns == NULL
          || strcmp (ns, REL_NS) != 0 || strcmp (local, "Relationship") != 0)
        continue;
      type = (char *)xmlTextReaderGetAttribute (reader, (const xmlChar *)"Type");
      if (type != NULL && g_str_has_suffix (type, "/officeDocument") && target == NULL)
        {
          char *value = (char *)xmlTextReaderGetAttribute (reader, (const xmlChar *)"Target");

          if (value != NULL)
            target = g_strdup (value[0] == '/' ? value + 1 : value);
          xmlFree (value);
        }
      xmlFree (type);
    }
  if (ret < 0)
    return NULL;

  if (target == NULL || kts_archive_lookup (archive, target) < 0)
    return g_strdup ("word/document.xml");
  return g_steal_pointer (&target);
}

static gboolean
is_header_or_footer (const char *path, const char *folder)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gsize            n = strlen (folder);
  const char      *base;

  if (strncmp (lower, folder, n) != 0)
    return FALSE;
  base = lower + n;
  return strchr (base, '/') == NULL && g_str_has_suffix (base, ".xml")
         && (g_str_has_prefix (base, "header") || g_str_has_prefix (base, "footer"));
}

char *
_kts_docx_extract (GBytes *bytes, const char *name, KtsImportResult *result, GError **error)
{
  g_autoptr (KtsArchive) archive = NULL;
  g_autoptr (GArray) wanted = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autofree char *main_part = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  KtsOfficeCounts  counts = { 0 };
  gboolean         has_headers = FALSE;
  int              main_index;

  archive = _kts_office_open_archive (bytes, name, _ ("a Word document (.docx)"), error);
  if (archive == NULL)
    return NULL;

  main_part = find_main_part (archive, name, error);
  if (main_part == NULL)
    return NULL;
  main_index = kts_archive_lookup (archive, main_part);
  if (main_index < 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                   _ ("%s is not a Word document: it is a zip archive without "
                      "“word/document.xml”."),
                   name);
      return NULL;
    }

  /* The main part, then the headers and footers beside it, in one pass. */
  wanted = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (wanted, main_index);
  {
    const char *slash = strrchr (main_part, '/');

    folder = slash != NULL ? g_ascii_strdown (main_part, slash - main_part + 1) : g_strdup ("");
  }
  for (guint i = 0; i < kts_archive_get_n_entries (archive); i++)
    if (is_header_or_footer (kts_archive_get_path (archive, i), folder))
      g_array_append_val (wanted, i);

  parts = kts_archive_read_entries (archive, (const guint *)(gconstpointer)wanted->data,
                                    wanted->len, error);
  if (parts == NULL)
    return NULL;

  text = read_part_text (g_ptr_array_index (parts, 0), name, main_part, &counts, error);
  if (text == NULL)
    return NULL;

  for (guint i = 1; i < parts->len && !has_headers; i++)
    {
      guint index = g_array_index (wanted, guint, i);
      g_autoptr (GError) header_error = NULL;
      g_autofree char *part_text
          = read_part_text (g_ptr_array_index (parts, i), name,
                            kts_archive_get_path (archive, index), NULL, &header_error);

      /* Headers only give a warning: a damaged one does not stop the import,
       * an unsafe one does. */
      if (part_text == NULL)
        {
          if (header_error->code == KTS_ERROR_UNSAFE || header_error->code == KTS_ERROR_TOO_LARGE)
            {
              g_propagate_error (error, g_steal_pointer (&header_error));
              return NULL;
            }
          continue;
        }
      has_headers = !kts_text_is_blank (part_text, -1);
    }

  result->encoding = KTS_TEXT_ENCODING_UTF8;
  counts.has_headers = has_headers;
  _kts_office_add_warnings (result, name, &counts);

  return g_steal_pointer (&text);
}
