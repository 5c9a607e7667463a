/* kts-odt.c: the text of OpenDocument text files (.odt): content.xml, read as a stream.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paragraphs and headings become lines; text:line-break line breaks,
 * text:tab tabs, text:s spaces. White space is collapsed as ODF says (runs
 * of white space are one space, none at a paragraph's start or end). The
 * text reads as if all tracked changes were accepted: deleted text, which
 * ODF keeps in text:tracked-changes, is left out. Annotations (comments),
 * notes, text boxes and drawings, and the headers and footers in styles.xml
 * are not part of the transcript; warnings say when a document has them.
 * See docs/import.md.
 */
#define G_LOG_DOMAIN "kts-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-error.h"
#include "kts-import-private.h"

#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define DRAW_NS "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

#define ODT_MIME_PREFIX "application/vnd.oasis.opendocument."
#define ODT_MIME_TEXT "application/vnd.oasis.opendocument.text"

/* text:s c="n" is clamped to this, so a few bytes cannot make megabytes. */
#define MAX_SPACES 1000

typedef enum
{
  K_OTHER,
  K_P,    /* text:p, text:h */
  K_SPAN, /* an element inside a paragraph whose text is part of it */
  K_TBL,
  K_TR,
  K_TC,
  K_TRACKED_CHANGES,
  K_CHANGED_REGION,
} Kind;

typedef struct
{
  const char      *name;
  KtsOfficeXml    *xml;
  xmlTextReaderPtr reader;
  KtsOfficeText    text;
  GByteArray      *stack;

  /* White space in the open paragraph. */
  gboolean at_start;
  gboolean pending_space;

  char       *region_id;  /* the open text:changed-region */
  GHashTable *deletions;  /* ids of deletion regions */
  GHashTable *suppressed; /* open change-start regions that are deletions */

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

static gboolean
in_paragraph (Parser *self)
{
  Kind kind = top_kind (self);

  return kind == K_P || kind == K_SPAN;
}

static gboolean
writing (Parser *self)
{
  return in_paragraph (self) && g_hash_table_size (self->suppressed) == 0;
}

static void
flush_space (Parser *self)
{
  if (self->pending_space)
    _kts_office_text_append_c (&self->text, ' ');
  self->pending_space = FALSE;
  self->at_start = FALSE;
}

/* Character data in a paragraph: white space collapsed. */
static void
append_text (Parser *self, const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *run = p;

      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
        p++;
      if (p > run)
        {
          flush_space (self);
          _kts_office_text_append (&self->text, run, p - run, FALSE);
        }
      if (*p == '\0')
        break;
      while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
      if (!self->at_start)
        self->pending_space = TRUE;
    }
}

static char *
get_attribute (Parser *self, const char *local, const char *ns)
{
  return _kts_office_xml_get_attribute (self->xml, local, ns);
}

static char *
get_change_id (Parser *self)
{
  char *id = get_attribute (self, "change-id", TEXT_NS);
  char *copy;

  if (id == NULL)
    return NULL;
  copy = g_strdup (id);
  xmlFree (id);
  return copy;
}

static gboolean
has_text (Parser *self)
{
  xmlChar *content = xmlTextReaderReadString (self->reader);
  gboolean found = content != NULL && !kts_text_is_blank ((const char *)content, -1);

  xmlFree (content);
  return found;
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
      /* White space at a paragraph's end is dropped. */
      self->pending_space = FALSE;
      if (g_hash_table_size (self->suppressed) == 0)
        _kts_office_text_append_c (&self->text, '\n');
      break;
    case K_TBL:
      _kts_office_text_table_end (&self->text);
      break;
    case K_TR:
      _kts_office_text_row_end (&self->text, FALSE);
      break;
    case K_TC:
      _kts_office_text_cell_end (&self->text);
      break;
    case K_CHANGED_REGION:
      g_clear_pointer (&self->region_id, g_free);
      break;
    default:
      break;
    }
}

static gboolean
start_text_element (Parser *self, const char *local)
{
  Kind parent = top_kind (self);

  if (strcmp (local, "p") == 0 || strcmp (local, "h") == 0)
    {
      self->at_start = TRUE;
      self->pending_space = FALSE;
      push (self, K_P);
      return FALSE;
    }
  if (strcmp (local, "s") == 0)
    {
      if (writing (self))
        {
          char  *c = get_attribute (self, "c", TEXT_NS);
          gint64 n = c != NULL ? g_ascii_strtoll (c, NULL, 10) : 1;

          flush_space (self);
          _kts_office_text_append_spaces (&self->text, (guint)CLAMP (n, 1, MAX_SPACES));
          xmlFree (c);
        }
      return TRUE;
    }
  if (strcmp (local, "tab") == 0 || strcmp (local, "line-break") == 0)
    {
      if (writing (self))
        {
          flush_space (self);
          _kts_office_text_append_c (&self->text, local[0] == 't' ? '\t' : '\n');
        }
      return TRUE;
    }
  if (strcmp (local, "note") == 0)
    {
      self->counts.n_notes++;
      return TRUE;
    }
  if (strcmp (local, "tracked-changes") == 0)
    {
      push (self, K_TRACKED_CHANGES);
      return FALSE;
    }
  if (strcmp (local, "changed-region") == 0 && parent == K_TRACKED_CHANGES)
    {
      char *id = get_attribute (self, "id", TEXT_NS);

      if (id == NULL)
        id = get_attribute (self, "id", XML_NS);
      g_free (self->region_id);
      self->region_id = g_strdup (id);
      xmlFree (id);
      push (self, K_CHANGED_REGION);
      return FALSE;
    }
  if (parent == K_CHANGED_REGION)
    {
      if (strcmp (local, "deletion") == 0 && self->region_id != NULL)
        {
          g_hash_table_add (self->deletions, g_strdup (self->region_id));
          self->counts.n_deletions++;
        }
      return TRUE;
    }
  if (strcmp (local, "change-start") == 0)
    {
      char *id = get_change_id (self);

      if (id != NULL && g_hash_table_contains (self->deletions, id))
        g_hash_table_add (self->suppressed, g_steal_pointer (&id));
      g_free (id);
      return TRUE;
    }
  if (strcmp (local, "change-end") == 0)
    {
      g_autofree char *id = get_change_id (self);

      if (id != NULL)
        g_hash_table_remove (self->suppressed, id);
      return TRUE;
    }
  if (strcmp (local, "number") == 0 || strcmp (local, "ruby-text") == 0
      || strcmp (local, "hidden-text") == 0 || strcmp (local, "hidden-paragraph") == 0
      || g_str_has_suffix (local, "-decls") || g_str_has_suffix (local, "-source"))
    return TRUE;

  /* text:span, text:a, text:list, text:list-item, text:section, fields, … */
  push (self, in_paragraph (self) ? K_SPAN : K_OTHER);
  return FALSE;
}

/* Handles an element's start. Returns TRUE to skip its content, FALSE after
 * pushing it (to descend). */
static gboolean
start_element (Parser *self, const char *ns, const char *local)
{
  if (ns == NULL)
    {
      push (self, K_OTHER);
      return FALSE;
    }

  if (strcmp (ns, TEXT_NS) == 0)
    return start_text_element (self, local);

  if (strcmp (ns, OFFICE_NS) == 0)
    {
      if (strcmp (local, "annotation") == 0)
        {
          self->counts.n_comments++;
          return TRUE;
        }
      if (strcmp (local, "document-content") == 0 || strcmp (local, "document") == 0
          || strcmp (local, "body") == 0 || strcmp (local, "text") == 0)
        {
          push (self, K_OTHER);
          return FALSE;
        }
      /* Styles, fonts, scripts, forms, settings, annotation ends. */
      return TRUE;
    }

  if (strcmp (ns, TABLE_NS) == 0)
    {
      if (strcmp (local, "table") == 0)
        {
          _kts_office_text_table_start (&self->text);
          push (self, K_TBL);
          return FALSE;
        }
      if (strcmp (local, "table-row") == 0 && _kts_office_text_in_table (&self->text))
        {
          _kts_office_text_row_start (&self->text);
          push (self, K_TR);
          return FALSE;
        }
      if (strcmp (local, "table-cell") == 0 && _kts_office_text_in_table (&self->text))
        {
          _kts_office_text_cell_start (&self->text);
          push (self, K_TC);
          return FALSE;
        }
      if (strcmp (local, "covered-table-cell") == 0 || g_str_has_prefix (local, "table-column")
          || strcmp (local, "table-header-columns") == 0 || strcmp (local, "table-source") == 0)
        return TRUE;
      push (self, K_OTHER);
      return FALSE;
    }

  if (strcmp (ns, DRAW_NS) == 0)
    {
      /* Frames and groups hold images and text boxes; only text boxes and
       * shapes with text are reported. */
      if (strcmp (local, "frame") == 0 || strcmp (local, "g") == 0 || strcmp (local, "a") == 0)
        {
          push (self, K_OTHER);
          return FALSE;
        }
      if (has_text (self))
        self->counts.n_text_boxes++;
      return TRUE;
    }

  /* Other vocabularies (svg:title, dc:creator, …) are not text. */
  push (self, K_OTHER);
  return FALSE;
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
  self->deletions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->suppressed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
parser_clear (Parser *self)
{
  _kts_office_text_clear (&self->text);
  g_clear_pointer (&self->stack, g_byte_array_unref);
  g_clear_pointer (&self->deletions, g_hash_table_unref);
  g_clear_pointer (&self->suppressed, g_hash_table_unref);
  g_clear_pointer (&self->region_id, g_free);
}

static gboolean
parse_content (Parser *self, GError **error)
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
          if (writing (self))
            {
              const char *value = (const char *)xmlTextReaderConstValue (self->reader);

              if (value != NULL)
                append_text (self, value);
            }
          break;
        default:
          break;
        }
    }

  return ret == 0;
}

/* TRUE if styles.xml has a header or footer with text in a master page. */
static gboolean
styles_have_headers (GBytes *styles, const char *name, GError **error)
{
  g_autoptr (KtsOfficeXml) xml = _kts_office_xml_new (styles, name, "styles.xml", error);
  gboolean found = FALSE;
  gboolean skip = FALSE;
  int      ret;

  if (xml == NULL)
    return FALSE;

  while ((ret = _kts_office_xml_advance (xml, skip, error)) == 1)
    {
      xmlTextReaderPtr reader = _kts_office_xml_get_reader (xml);
      const char      *ns = (const char *)xmlTextReaderConstNamespaceUri (reader);
      const char      *local = (const char *)xmlTextReaderConstLocalName (reader);

      skip = FALSE;
      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || ns == NULL
          || strcmp (ns, STYLE_NS) != 0)
        continue;
      if (g_str_has_prefix (local, "header") || g_str_has_prefix (local, "footer"))
        {
          xmlChar *content = xmlTextReaderReadString (reader);

          if (content != NULL && !kts_text_is_blank ((const char *)content, -1))
            found = TRUE;
          xmlFree (content);
          skip = TRUE;
        }
    }
  return ret == 0 && found;
}

char *
_kts_odt_extract (GBytes *bytes, const char *name, KtsImportResult *result, GError **error)
{
  g_autoptr (KtsArchive) archive = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (KtsOfficeXml) xml = NULL;
  g_autoptr (GError) styles_error = NULL;
  const char *part_names[] = { "content.xml", "mimetype", "META-INF/manifest.xml", "styles.xml" };
  guint       indexes[G_N_ELEMENTS (part_names)];
  int         found[G_N_ELEMENTS (part_names)];
  guint       n_indexes = 0;
  GBytes     *content, *mimetype = NULL, *manifest = NULL, *styles = NULL;
  gboolean    has_headers = FALSE;
  char       *text = NULL;
  Parser      parser;

  archive = _kts_office_open_archive (bytes, name, _ ("an OpenDocument text (.odt)"), error);
  if (archive == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      int index = kts_archive_lookup (archive, part_names[i]);

      found[i] = -1;
      if (index >= 0)
        {
          found[i] = (int)n_indexes;
          indexes[n_indexes++] = (guint)index;
        }
    }
  if (found[0] < 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                   _ ("%s is not an OpenDocument text: it is a zip archive without "
                      "“content.xml”."),
                   name);
      return NULL;
    }

  parts = kts_archive_read_entries (archive, indexes, n_indexes, error);
  if (parts == NULL)
    return NULL;
  content = g_ptr_array_index (parts, found[0]);
  if (found[1] >= 0)
    mimetype = g_ptr_array_index (parts, found[1]);
  if (found[2] >= 0)
    manifest = g_ptr_array_index (parts, found[2]);
  if (found[3] >= 0)
    styles = g_ptr_array_index (parts, found[3]);

  if (mimetype != NULL)
    {
      gsize            size;
      const char      *data = g_bytes_get_data (mimetype, &size);
      g_autofree char *type = g_strndup (data, MIN (size, 200));

      g_strstrip (type);
      if (g_str_has_prefix (type, ODT_MIME_PREFIX) && !g_str_has_prefix (type, ODT_MIME_TEXT))
        {
          g_autofree char *valid = g_utf8_make_valid (type, -1);

          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                       _ ("%s is an OpenDocument file but not a text document (it is “%s”). "
                          "Save it as a text document (.odt) and import it again."),
                       name, valid);
          return NULL;
        }
    }

  /* ODF encrypts parts itself, listing how in the manifest; the zip entries
   * look normal. */
  if (manifest != NULL)
    {
      gsize       size;
      const char *data = g_bytes_get_data (manifest, &size);

      if (data != NULL && g_strstr_len (data, size, "encryption-data") != NULL)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                       _ ("%s is password-protected (encrypted). Remove the password and "
                          "import it again."),
                       name);
          return NULL;
        }
    }

  xml = _kts_office_xml_new (content, name, "content.xml", error);
  if (xml == NULL)
    return NULL;
  parser_init (&parser, name, xml, g_bytes_get_size (content) / 4 + 64);
  if (parse_content (&parser, error))
    text = _kts_office_text_steal (&parser.text);
  if (text == NULL)
    {
      parser_clear (&parser);
      return NULL;
    }

  /* Headers and footers only give a warning; a broken styles.xml does not
   * stop the import. */
  if (styles != NULL)
    has_headers = styles_have_headers (styles, name, &styles_error);
  if (styles_error != NULL && styles_error->code == KTS_ERROR_UNSAFE)
    {
      g_propagate_error (error, g_steal_pointer (&styles_error));
      parser_clear (&parser);
      g_free (text);
      return NULL;
    }

  result->encoding = KTS_TEXT_ENCODING_UTF8;
  parser.counts.has_headers = has_headers;
  _kts_office_add_warnings (result, name, &parser.counts);

  parser_clear (&parser);
  return text;
}
