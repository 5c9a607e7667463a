/* kts-office.c: what the .docx and .odt importers share: building the text, tables, safe XML.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-error.h"
#include "kts-import-private.h"

/* The text of an imported document may not be larger than a .txt file. */
#define MAX_TEXT_SIZE ((guint64)256 * 1024 * 1024)

/* A table cell before the last one is taken as a speaker label (and joined
 * to the last with ": ") when it is this short, one line, and starts with a
 * letter. Turn detection accepts the same length. */
#define MAX_SPEAKER_CELL_CHARS 40

/* --- building the text ----------------------------------------------------------- */

typedef struct
{
  GString   *saved_target; /* where the table itself is written */
  GPtrArray *cells;        /* of GString: the open row */
  gboolean   in_row;
} Table;

static void
table_free (gpointer data)
{
  Table *table = data;

  g_clear_pointer (&table->cells, g_ptr_array_unref);
  g_free (table);
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

void
_kts_office_text_init (KtsOfficeText *self, gsize reserve)
{
  g_assert (self != NULL);

  self->out = g_string_sized_new (reserve);
  self->target = self->out;
  self->tables = g_ptr_array_new_with_free_func (table_free);
  self->n_written = 0;
  self->max_size = MAX_TEXT_SIZE;
}

void
_kts_office_text_clear (KtsOfficeText *self)
{
  g_assert (self != NULL);

  /* Cells belong to their tables. */
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  if (self->out != NULL)
    g_string_free (g_steal_pointer (&self->out), TRUE);
  self->target = NULL;
}

char *
_kts_office_text_steal (KtsOfficeText *self)
{
  g_assert (self != NULL);

  while (self->tables->len > 0)
    _kts_office_text_table_end (self);
  self->target = NULL;
  return g_string_free (g_steal_pointer (&self->out), FALSE);
}

gboolean
_kts_office_text_check_size (KtsOfficeText *self, const char *name, GError **error)
{
  if (self->n_written <= self->max_size)
    return TRUE;
  g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
               _ ("%s: its text is larger than 256 MiB, too large for a transcript."), name);
  return FALSE;
}

void
_kts_office_text_append (KtsOfficeText *self,
                         const char    *text,
                         gsize          len,
                         gboolean       newlines_to_spaces)
{
  const char *p = text, *run = text, *end = text + len;
  GString    *target = self->target;

  while (p < end)
    {
      guchar c = (guchar)*p;

      if (G_LIKELY (c != 0xC2 && c != 0xE2 && c != '\n' && c != '\r'))
        {
          p++;
          continue;
        }

      if (c == 0xC2 && p + 1 < end && (guchar)p[1] == 0xAD)
        {
          /* U+00AD SOFT HYPHEN: an invisible hint where a word may break. */
          g_string_append_len (target, run, p - run);
          p += 2;
          run = p;
        }
      else if (c == 0xE2 && p + 2 < end && (guchar)p[1] == 0x80 && (guchar)p[2] == 0x91)
        {
          /* U+2011 NON-BREAKING HYPHEN: read as a plain hyphen, so it can be
           * searched for. */
          g_string_append_len (target, run, p - run);
          g_string_append_c (target, '-');
          p += 3;
          run = p;
        }
      else if ((c == '\n' || c == '\r') && newlines_to_spaces)
        {
          g_string_append_len (target, run, p - run);
          g_string_append_c (target, ' ');
          p++;
          run = p;
        }
      else
        p++;
    }
  g_string_append_len (target, run, p - run);
  self->n_written += len;
}

void
_kts_office_text_append_c (KtsOfficeText *self, char c)
{
  g_string_append_c (self->target, c);
  self->n_written++;
}

void
_kts_office_text_append_unichar (KtsOfficeText *self, gunichar c)
{
  g_string_append_unichar (self->target, c);
  self->n_written += 4;
}

void
_kts_office_text_append_spaces (KtsOfficeText *self, guint n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (self->target, ' ');
  self->n_written += n;
}

gsize
_kts_office_text_get_position (KtsOfficeText *self)
{
  return self->target->len;
}

static inline gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
_kts_office_text_trim_since (KtsOfficeText *self, gsize position)
{
  GString *target = self->target;
  gsize    start = position;

  g_assert (position <= target->len);

  while (target->len > position && is_xml_space (target->str[target->len - 1]))
    g_string_truncate (target, target->len - 1);
  while (start < target->len && is_xml_space (target->str[start]))
    start++;
  if (start > position)
    g_string_erase (target, position, start - position);
}

/* --- tables -------------------------------------------------------------------- */

gboolean
_kts_office_text_in_table (KtsOfficeText *self)
{
  return self->tables->len > 0;
}

static Table *
current_table (KtsOfficeText *self)
{
  if (self->tables->len == 0)
    return NULL;
  return g_ptr_array_index (self->tables, self->tables->len - 1);
}

void
_kts_office_text_table_start (KtsOfficeText *self)
{
  Table *table = g_new0 (Table, 1);

  table->saved_target = self->target;
  table->cells = g_ptr_array_new_with_free_func (string_free);
  g_ptr_array_add (self->tables, table);
}

void
_kts_office_text_row_start (KtsOfficeText *self)
{
  Table *table = current_table (self);

  if (table == NULL)
    return;
  if (table->in_row)
    _kts_office_text_row_end (self, FALSE);
  g_ptr_array_set_size (table->cells, 0);
  table->in_row = TRUE;
}

void
_kts_office_text_cell_start (KtsOfficeText *self)
{
  Table   *table = current_table (self);
  GString *cell;

  if (table == NULL)
    return;
  if (!table->in_row)
    _kts_office_text_row_start (self);
  cell = g_string_new (NULL);
  g_ptr_array_add (table->cells, cell);
  self->target = cell;
}

static void
strip_string (GString *string)
{
  gsize start = 0;

  while (string->len > 0 && is_xml_space (string->str[string->len - 1]))
    g_string_truncate (string, string->len - 1);
  while (start < string->len && is_xml_space (string->str[start]))
    start++;
  g_string_erase (string, 0, start);
}

void
_kts_office_text_cell_end (KtsOfficeText *self)
{
  Table *table = current_table (self);

  if (table == NULL)
    return;
  if (table->cells->len > 0)
    strip_string (g_ptr_array_index (table->cells, table->cells->len - 1));
  self->target = table->saved_target;
}

/* A cell that reads as a speaker label: one short line starting with a
 * letter, with no colon but perhaps one at its end ("T", "Therapist", "Anna:"). */
static gboolean
is_speaker_cell (const GString *cell)
{
  const char *colon;

  if (cell->len == 0 || memchr (cell->str, '\n', cell->len) != NULL
      || memchr (cell->str, '\t', cell->len) != NULL)
    return FALSE;
  if (!g_unichar_isalpha (g_utf8_get_char (cell->str)))
    return FALSE;
  colon = memchr (cell->str, ':', cell->len);
  if (colon != NULL && colon != cell->str + cell->len - 1)
    return FALSE;
  return g_utf8_strlen (cell->str, cell->len) <= MAX_SPEAKER_CELL_CHARS;
}

/* A row becomes one line: cells joined by tabs, except that a speaker cell
 * just before the last cell is joined to it with ": ", so a table
 * "Speaker | Utterance" reads "T: utterance". Empty cells at the row's end
 * are dropped; a cell of several paragraphs continues on further lines. */
void
_kts_office_text_row_end (KtsOfficeText *self, gboolean deleted)
{
  Table     *table = current_table (self);
  GPtrArray *cells;
  GString   *out;
  guint      n;

  if (table == NULL || !table->in_row)
    return;
  table->in_row = FALSE;
  self->target = table->saved_target;
  out = table->saved_target;
  cells = table->cells;

  n = cells->len;
  while (n > 0 && ((GString *)g_ptr_array_index (cells, n - 1))->len == 0)
    n--;

  if (!deleted && n > 0)
    {
      gboolean speaker = n >= 2 && is_speaker_cell (g_ptr_array_index (cells, n - 2));

      for (guint i = 0; i < n; i++)
        {
          const GString *cell = g_ptr_array_index (cells, i);

          if (i > 0)
            {
              if (speaker && i == n - 1)
                {
                  const GString *label = g_ptr_array_index (cells, i - 1);

                  g_string_append (out, label->str[label->len - 1] == ':' ? " " : ": ");
                }
              else
                g_string_append_c (out, '\t');
            }
          g_string_append_len (out, cell->str, cell->len);
        }
      g_string_append_c (out, '\n');
      self->n_written++;
    }

  g_ptr_array_set_size (cells, 0);
}

void
_kts_office_text_table_end (KtsOfficeText *self)
{
  Table *table = current_table (self);

  if (table == NULL)
    return;
  if (table->in_row)
    _kts_office_text_row_end (self, FALSE);
  self->target = table->saved_target;
  g_ptr_array_remove_index (self->tables, self->tables->len - 1);
}

/* --- warnings -------------------------------------------------------------------- */

void
_kts_office_add_warnings (KtsImportResult *result, const char *name, const KtsOfficeCounts *counts)
{
  if (counts->n_deletions > 0)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u tracked deletion was left out (the "
                                                   "text reads as if all changes were accepted).",
                                                   "%s: %u tracked deletions were left out (the "
                                                   "text reads as if all changes were accepted).",
                                                   counts->n_deletions),
                                      name, counts->n_deletions));
  if (counts->n_comments > 0)
    g_ptr_array_add (
        result->warnings,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u comment was not imported.",
                                      "%s: %u comments were not imported.", counts->n_comments),
                         name, counts->n_comments));
  if (counts->n_notes > 0)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u footnote or endnote was not imported.",
                                                   "%s: %u footnotes or endnotes were not "
                                                   "imported.",
                                                   counts->n_notes),
                                      name, counts->n_notes));
  if (counts->has_headers)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (_ ("%s: headers and footers were not imported."), name));
  if (counts->n_text_boxes > 0)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: the text of %u text box was not imported.",
                                                   "%s: the text of %u text boxes was not "
                                                   "imported.",
                                                   counts->n_text_boxes),
                                      name, counts->n_text_boxes));
  if (counts->has_hidden)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (_ ("%s: text formatted as hidden was left out."), name));
  if (counts->n_unknown_symbols > 0)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u symbol from a symbol font could not be "
                                                   "converted and was replaced with “�”.",
                                                   "%s: %u symbols from symbol fonts could not be "
                                                   "converted and were replaced with “�”.",
                                                   counts->n_unknown_symbols),
                                      name, counts->n_unknown_symbols));
}

/* --- the zip package ------------------------------------------------------------- */

KtsArchive *
_kts_office_open_archive (GBytes *bytes, const char *name, const char *kind_name, GError **error)
{
  static const guint8 ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  gsize               size;
  const guint8       *data = g_bytes_get_data (bytes, &size);

  if (size >= sizeof ole_magic && memcmp (data, ole_magic, sizeof ole_magic) == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                   _ ("%s is encrypted (password-protected) or is not %s: it is an OLE compound "
                      "file, which is how Microsoft Office stores password-protected documents "
                      "and old .doc files. Remove the password, or save it in the right format, "
                      "and import it again."),
                   name, kind_name);
      return NULL;
    }

  if (size < 4 || data[0] != 'P' || data[1] != 'K'
      || !((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6)
           || (data[2] == 7 && data[3] == 8)))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                   _ ("%s is not %s: it is not a zip archive. It may be damaged, encrypted, or a "
                      "different kind of file with the wrong extension."),
                   name, kind_name);
      return NULL;
    }

  return kts_archive_new (bytes, name, NULL, error);
}

/* --- safe XML -------------------------------------------------------------------- */

struct _KtsOfficeXml
{
  GBytes          *bytes;
  xmlTextReaderPtr reader;
  char            *name;
  char            *part;
  char            *first_error;
  int              first_error_line;
};

static void
xml_error_cb (void *data, xmlErrorPtr error)
{
  KtsOfficeXml *self = data;

  if (error == NULL || error->level < XML_ERR_ERROR || self->first_error != NULL)
    return;
  self->first_error = g_strstrip (g_strdup (error->message != NULL ? error->message : "?"));
  self->first_error_line = error->line;
}

/* The bytes before an XML root element, read as ASCII characters: in UTF-8
 * one byte each, in UTF-16 one code unit each (non-ASCII units read as
 * 0xFF). */
typedef struct
{
  const guint8 *data;
  gsize         n; /* characters */
  int           width;
  int           low; /* byte of a UTF-16 unit holding ASCII */
} Prolog;

static inline int
prolog_char (const Prolog *p, gsize i)
{
  if (p->width == 1)
    return p->data[i];
  if (p->data[i * 2 + (1 - p->low)] != 0)
    return 0xFF;
  return p->data[i * 2 + p->low];
}

static gboolean
prolog_has (const Prolog *p, gsize i, const char *s)
{
  for (gsize k = 0; s[k] != '\0'; k++)
    if (i + k >= p->n || prolog_char (p, i + k) != (guchar)s[k])
      return FALSE;
  return TRUE;
}

static gsize
prolog_find (const Prolog *p, gsize i, const char *s)
{
  for (; i < p->n; i++)
    if (prolog_has (p, i, s))
      return i;
  return p->n;
}

/* Looks at what comes before the root element: only an XML declaration,
 * processing instructions, comments and white space may; a DOCTYPE (which
 * could declare entities) may not. Returns -1 if the text does not start
 * like XML at all, 1 for a DOCTYPE, 0 if all is well. */
static int
check_prolog (const guint8 *data, gsize size)
{
  Prolog p = { data, size, 1, 0 };
  gsize  i = 0;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      p.data += 3;
      p.n -= 3;
    }
  else if (size >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      p.width = 2;
      p.low = data[0] == 0xFF ? 0 : 1;
      p.data += 2;
      p.n = (size - 2) / 2;
    }
  else if (size >= 2 && (data[0] == '<' || data[1] == '<') && (data[0] == 0 || data[1] == 0))
    {
      p.width = 2;
      p.low = data[0] == '<' ? 0 : 1;
      p.n = size / 2;
    }

  for (;;)
    {
      while (i < p.n && is_xml_space ((char)prolog_char (&p, i)))
        i++;
      if (i >= p.n || prolog_char (&p, i) != '<')
        return -1;
      if (prolog_has (&p, i, "<?"))
        i = prolog_find (&p, i + 2, "?>") + 2;
      else if (prolog_has (&p, i, "<!--"))
        i = prolog_find (&p, i + 4, "-->") + 3;
      else if (prolog_has (&p, i, "<!"))
        return 1;
      else
        return 0;
    }
}

static gsize xml_initialised;

KtsOfficeXml *
_kts_office_xml_new (GBytes *xml, const char *name, const char *part, GError **error)
{
  g_autoptr (KtsOfficeXml) self = NULL;
  gsize         size;
  const guint8 *data = g_bytes_get_data (xml, &size);
  int           prolog;

  g_assert (xml != NULL);

  /* libxml2 wants this once, before threads (imports run in a GTask) use it. */
  if (g_once_init_enter (&xml_initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_initialised, 1);
    }

  if (size > G_MAXINT)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("%s: its part “%s” is too large."),
                   name, part);
      return NULL;
    }

  prolog = check_prolog (data, size);
  if (prolog < 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                   _ ("%s is damaged: its part “%s” is not XML."), name, part);
      return NULL;
    }
  if (prolog > 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_UNSAFE,
                   _ ("%s: its part “%s” contains a document type declaration (DOCTYPE), which "
                      "office documents never have; the file was refused as unsafe."),
                   name, part);
      return NULL;
    }

  self = g_new0 (KtsOfficeXml, 1);
  self->bytes = g_bytes_ref (xml);
  self->name = g_strdup (name);
  self->part = g_strdup (part);
  /* No XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_XINCLUDE or
   * XML_PARSE_HUGE: nothing is loaded or expanded, libxml2's size limits hold. */
  self->reader = xmlReaderForMemory ((const char *)data, (int)size, part, NULL,
                                     XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
  if (self->reader == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                   _ ("%s is damaged: its part “%s” cannot be read."), name, part);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (self->reader, xml_error_cb, self);

  return g_steal_pointer (&self);
}

void
_kts_office_xml_free (KtsOfficeXml *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->name);
  g_free (self->part);
  g_free (self->first_error);
  g_free (self);
}

xmlTextReaderPtr
_kts_office_xml_get_reader (KtsOfficeXml *self)
{
  return self->reader;
}

int
_kts_office_xml_advance (KtsOfficeXml *self, gboolean skip, GError **error)
{
  int ret = skip ? xmlTextReaderNext (self->reader) : xmlTextReaderRead (self->reader);

  if (ret < 0 || (ret == 0 && self->first_error != NULL))
    {
      if (self->first_error != NULL)
        g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                     _ ("%s is damaged: its part “%s” is not well-formed XML (line %d: %s)."),
                     self->name, self->part, self->first_error_line, self->first_error);
      else
        g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                     _ ("%s is damaged: its part “%s” is not well-formed XML."), self->name,
                     self->part);
      return -1;
    }

  if (ret == 1 && xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_UNSAFE,
                   _ ("%s: its part “%s” contains a document type declaration (DOCTYPE), which "
                      "office documents never have; the file was refused as unsafe."),
                   self->name, self->part);
      return -1;
    }

  return ret;
}

char *
_kts_office_xml_get_attribute (KtsOfficeXml *self, const char *local, const char *ns)
{
  return (char *)xmlTextReaderGetAttributeNs (self->reader, (const xmlChar *)local,
                                              (const xmlChar *)ns);
}
