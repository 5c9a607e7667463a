/* kts-refi-codebook.c: REFI-QDA codebooks (.qdc): writing the code tree, and
 * reading codes into a project (new or merged) from .qdc and .qde files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-import.h"
#include "kts-refi-private.h"

/* ==========================================================================
 * The Description layout
 *
 * REFI-QDA gives a code one free-text Description. Ours carries the fields
 * of a code as paragraphs "Heading: text" in this order, then one line per
 * short field. The headings are not translated: they are part of the format.
 * ========================================================================== */

typedef enum
{
  FIELD_TEXT, /* a paragraph, may span lines */
  FIELD_LINE, /* one line */
  FIELD_ENUM, /* one line, an enum nick */
  FIELD_INT,  /* one line, a number other than 0 */
} FieldType;

typedef struct
{
  const char *property;
  const char *heading;
  FieldType   type;
} Field;

static const Field fields[] = {
  { "definition", "Definition", FIELD_TEXT },
  { "example", "Example", FIELD_TEXT },
  { "include", "When to use", FIELD_TEXT },
  { "exclude", "When not to use", FIELD_TEXT },
  { "notes", "Notes", FIELD_TEXT },
  { "source", "Source", FIELD_TEXT },
  { "basis", "Basis", FIELD_TEXT },
  { "maps-to", "Maps to", FIELD_TEXT },
  { "unit", "Unit", FIELD_TEXT },
  { "key", "Key", FIELD_LINE },
  { "family", "Family", FIELD_LINE },
  { "dimension", "Dimension", FIELD_ENUM },
  { "maturity", "Maturity", FIELD_ENUM },
  { "blatt-rank", "Blatt rank", FIELD_INT },
};

#define N_FIELDS G_N_ELEMENTS (fields)
#define FIELD_DEFINITION 0
#define FIELD_NOTES 4
#define FIELD_KEY 9

/* The value of field @i of @code as text, or NULL when unset. */
static char *
field_get (KtsCode *code, guint i)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (code), fields[i].property);
  g_auto (GValue) value = G_VALUE_INIT;

  g_assert (pspec != NULL);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (code), fields[i].property, &value);
  switch (fields[i].type)
    {
    case FIELD_TEXT:
    case FIELD_LINE:
      {
        const char *s = g_value_get_string (&value);

        return s != NULL && s[0] != '\0' ? g_strdup (s) : NULL;
      }
    case FIELD_ENUM:
      {
        int v = g_value_get_enum (&value);

        return v != 0 ? g_strdup (kts_enum_to_nick (pspec->value_type, v)) : NULL;
      }
    case FIELD_INT:
    default:
      {
        int v = g_value_get_int (&value);

        return v != 0 ? g_strdup_printf ("%d", v) : NULL;
      }
    }
}

/* Parses @text as the value of field @i into @value (initialised here);
 * FALSE if it is not a valid value. */
static gboolean
field_parse (KtsCode *code, guint i, const char *text, GValue *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (code), fields[i].property);

  g_value_init (value, pspec->value_type);
  switch (fields[i].type)
    {
    case FIELD_TEXT:
    case FIELD_LINE:
      g_value_set_string (value, text);
      return TRUE;
    case FIELD_ENUM:
      {
        int v;

        if (!kts_enum_from_nick (pspec->value_type, text, &v))
          return FALSE;
        g_value_set_enum (value, v);
        return TRUE;
      }
    case FIELD_INT:
    default:
      {
        gint64 v;

        if (!g_ascii_string_to_signed (text, 10, 1, 1000, &v, NULL))
          return FALSE;
        g_value_set_int (value, (int)v);
        return TRUE;
      }
    }
}

char *
_kts_refi_code_description (KtsCode *code)
{
  GString *out = g_string_new (NULL);
  gboolean in_lines = FALSE;

  g_return_val_if_fail (KTS_IS_CODE (code), NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = field_get (code, i);

      if (value == NULL)
        continue;
      if (fields[i].type != FIELD_TEXT)
        g_strdelimit (value, "\r\n", ' ');
      if (out->len > 0)
        g_string_append (out, fields[i].type != FIELD_TEXT && in_lines ? "\n" : "\n\n");
      g_string_append_printf (out, "%s: %s", fields[i].heading, value);
      in_lines = fields[i].type != FIELD_TEXT;
    }
  return g_string_free (out, out->len == 0);
}

/* Index of the field whose heading starts @line ("Heading:" then a space or
 * the end), or -1. */
static int
heading_at (const char *line)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gsize n = strlen (fields[i].heading);

      if (strncmp (line, fields[i].heading, n) == 0 && line[n] == ':'
          && (line[n + 1] == ' ' || line[n + 1] == '\0'))
        return (int)i;
    }
  return -1;
}

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

/* Splits a Description into field values (NULL where absent). A heading is
 * recognised at the start of the text, after a blank line, or after a
 * one-line field, and only in the order we write them; text before the
 * first heading, and a description without headings, is the definition. */
static void
parse_description (const char *text, char *values[N_FIELDS])
{
  g_autofree char *normalized = kts_text_normalize (text);
  g_auto (GStrv) lines = g_strsplit (normalized, "\n", -1);
  GString *current[N_FIELDS] = { NULL };
  int      field = FIELD_DEFINITION;
  int      last = -1;
  gboolean heading_allowed = TRUE;

  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *line = lines[l];
      int         h = heading_allowed ? heading_at (line) : -1;

      if (h >= 0 && h > last)
        {
          gsize n = strlen (fields[h].heading) + 1;

          field = h;
          last = h;
          if (line[n] == ' ')
            n++;
          current[field] = g_string_new (line + n);
          heading_allowed = fields[h].type != FIELD_TEXT;
          continue;
        }

      if (current[field] == NULL)
        {
          if (is_blank (line))
            continue;
          current[field] = g_string_new (NULL);
          last = MAX (last, field);
        }
      else
        g_string_append_c (current[field], '\n');
      g_string_append (current[field], line);
      heading_allowed = is_blank (line);
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      char *value;
      gsize len;

      values[i] = NULL;
      if (current[i] == NULL)
        continue;
      value = g_string_free (current[i], FALSE);
      /* Leading line breaks and trailing white space belong to the layout. */
      len = strlen (value);
      while (len > 0 && g_ascii_isspace (value[len - 1]))
        value[--len] = '\0';
      if (fields[i].type != FIELD_TEXT)
        g_strstrip (value);
      else
        {
          gsize skip = strspn (value, "\n");

          memmove (value, value + skip, len - skip + 1);
        }
      if (value[0] == '\0')
        g_free (value);
      else
        values[i] = value;
    }
}

/* ==========================================================================
 * Writing
 * ========================================================================== */

static void
write_code (xmlTextWriter *writer, KtsCode *code)
{
  GListModel      *children = kts_code_get_children (code);
  guint            n = g_list_model_get_n_items (children);
  g_autofree char *color = _kts_refi_normalize_color (kts_code_get_color (code));
  g_autofree char *description = _kts_refi_code_description (code);

  xmlTextWriterStartElement (writer, (const xmlChar *)"Code");
  _kts_refi_write_attribute (writer, "guid", kts_item_get_guid (KTS_ITEM (code)));
  _kts_refi_write_attribute (writer, "name", kts_code_get_name (code));
  _kts_refi_write_attribute (writer, "isCodable", kts_code_get_codable (code) ? "true" : "false");
  _kts_refi_write_attribute (writer, "color", color);
  if (description != NULL)
    _kts_refi_write_element (writer, "Description", description);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      write_code (writer, child);
    }
  xmlTextWriterEndElement (writer);
}

void
_kts_refi_write_codes (xmlTextWriter *writer, KtsCodebook *codebook)
{
  GListModel *roots = kts_codebook_get_roots (codebook);
  guint       n = g_list_model_get_n_items (roots);

  xmlTextWriterStartElement (writer, (const xmlChar *)"Codes");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (roots, i);
      write_code (writer, code);
    }
  xmlTextWriterEndElement (writer);
}

GBytes *
kts_refi_export_qdc (KtsProject *project, GError **error)
{
  KtsCodebook *codebook;
  g_autoptr (xmlBuffer) buffer = NULL;
  g_autoptr (xmlTextWriter) writer = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  codebook = kts_project_get_codebook (project);
  if (kts_codebook_get_n_codes (codebook) == 0)
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_EMPTY,
                           _ ("The codebook has no codes to export."));
      return NULL;
    }

  buffer = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (buffer, 0);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, (const xmlChar *)"  ");
  xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL);
  xmlTextWriterStartElement (writer, (const xmlChar *)"CodeBook");
  _kts_refi_write_attribute (writer, "xmlns", KTS_REFI_CODEBOOK_NAMESPACE);
  origin = g_strdup_printf ("Kintsugi %s", PACKAGE_VERSION);
  _kts_refi_write_attribute (writer, "origin", origin);
  _kts_refi_write_codes (writer, codebook);
  xmlTextWriterEndElement (writer);
  if (xmlTextWriterEndDocument (writer) < 0)
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_FAILED,
                           _ ("Could not write the codebook as XML."));
      return NULL;
    }
  g_clear_pointer (&writer, xmlFreeTextWriter);
  return g_bytes_new (xmlBufferContent (buffer), (gsize)xmlBufferLength (buffer));
}

/* ==========================================================================
 * Reading codes
 * ========================================================================== */

typedef struct _InCode InCode;
struct _InCode
{
  char      *file_guid; /* as written, normalised; NULL when missing or invalid */
  char      *name;
  char      *color; /* normalised, NULL when none */
  gboolean   codable;
  char      *values[N_FIELDS];
  long       line;
  GPtrArray *children; /* of InCode */
  KtsCode   *result;   /* the project's code it became or matched (not owned) */
};

static void
in_code_free (gpointer data)
{
  InCode *in = data;

  g_free (in->file_guid);
  g_free (in->name);
  g_free (in->color);
  for (guint i = 0; i < N_FIELDS; i++)
    g_free (in->values[i]);
  g_ptr_array_unref (in->children);
  g_free (in);
}

struct _KtsRefiCodeReader
{
  KtsProject    *project;
  KtsRefiReport *report;
  char          *filename;
  gboolean       merge;

  GPtrArray  *roots;        /* of InCode */
  GHashTable *by_file_guid; /* file guid → InCode (the first with it) */
  GHashTable *matched;      /* KtsCode set: matched by an incoming code */
  GHashTable *added;        /* KtsCode set: added by this import */
  GHashTable *used_notes;   /* note GUIDs used (not owned), may be NULL */
  guint       n_parsed;
  guint       n_colored;
};

KtsRefiCodeReader *
_kts_refi_code_reader_new (KtsProject    *project,
                           KtsRefiReport *report,
                           const char    *filename,
                           gboolean       merge)
{
  KtsRefiCodeReader *reader = g_new0 (KtsRefiCodeReader, 1);

  reader->project = g_object_ref (project);
  reader->report = kts_refi_report_ref (report);
  reader->filename = g_strdup (filename);
  reader->merge = merge;
  reader->roots = g_ptr_array_new_with_free_func (in_code_free);
  reader->by_file_guid = g_hash_table_new (g_str_hash, g_str_equal);
  reader->matched = g_hash_table_new (NULL, NULL);
  reader->added = g_hash_table_new (NULL, NULL);
  return reader;
}

void
_kts_refi_code_reader_free (KtsRefiCodeReader *reader)
{
  g_object_unref (reader->project);
  kts_refi_report_unref (reader->report);
  g_free (reader->filename);
  g_hash_table_unref (reader->by_file_guid);
  g_hash_table_unref (reader->matched);
  g_hash_table_unref (reader->added);
  g_ptr_array_unref (reader->roots);
  g_free (reader);
}

guint
_kts_refi_code_reader_get_n_parsed (KtsRefiCodeReader *reader)
{
  return reader->n_parsed;
}

KtsCode *
_kts_refi_code_reader_lookup (KtsRefiCodeReader *reader, const char *file_guid)
{
  InCode *in;

  if (file_guid == NULL)
    return NULL;
  in = g_hash_table_lookup (reader->by_file_guid, file_guid);
  return in != NULL ? in->result : NULL;
}

static gboolean parse_code_list (KtsRefiCodeReader *reader,
                                 xmlNode           *node,
                                 GHashTable        *notes,
                                 guint              depth,
                                 GPtrArray         *into,
                                 GError           **error);

static gboolean
parse_boolean (const char *text, gboolean *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (g_ascii_strcasecmp (copy, "true") == 0 || strcmp (copy, "1") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (copy, "false") == 0 || strcmp (copy, "0") == 0)
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

static void
append_paragraph (char **field, const char *text)
{
  char *joined;

  if (*field == NULL)
    {
      *field = g_strdup (text);
      return;
    }
  joined = g_strconcat (*field, "\n\n", text, NULL);
  g_free (*field);
  *field = joined;
}

static InCode *
parse_code (
    KtsRefiCodeReader *reader, xmlNode *node, GHashTable *notes, guint depth, GError **error)
{
  g_autofree char *at = _kts_refi_where (reader->filename, node);
  g_autofree char *raw_guid = _kts_refi_attr (node, "guid");
  g_autofree char *name = _kts_refi_attr (node, "name");
  g_autofree char *codable = _kts_refi_attr (node, "isCodable");
  g_autofree char *color = _kts_refi_attr (node, "color");
  InCode          *in;

  if (depth > KTS_REFI_MAX_CODE_DEPTH)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   _ ("%s: codes are nested more than %d deep"), at, KTS_REFI_MAX_CODE_DEPTH);
      return NULL;
    }

  in = g_new0 (InCode, 1);
  in->children = g_ptr_array_new_with_free_func (in_code_free);
  in->line = _kts_refi_node_line (node);
  in->codable = TRUE;
  reader->n_parsed++;

  if (name != NULL)
    g_strstrip (name);
  if (name == NULL || name[0] == '\0')
    {
      in->name = g_strdup_printf (_ ("Unnamed code %u"), reader->n_parsed);
      kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                           _ ("%s: a code without a name was called “%s”"), at, in->name);
    }
  else
    in->name = g_steal_pointer (&name);

  in->file_guid = _kts_refi_normalize_guid (raw_guid);
  if (raw_guid == NULL)
    kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                         _ ("%s: code “%s” has no guid; it gets a new one"), at, in->name);
  else if (in->file_guid == NULL)
    kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                         _ ("%s: code “%s” has an invalid guid “%s”; it gets a new one"), at,
                         in->name, raw_guid);
  else if (g_hash_table_contains (reader->by_file_guid, in->file_guid))
    {
      InCode *first = g_hash_table_lookup (reader->by_file_guid, in->file_guid);

      kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                           _ ("%s: code “%s” has the same guid as “%s” (line %ld); it gets a new "
                              "one, and references to the guid go to “%s”"),
                           at, in->name, first->name, first->line, first->name);
      g_clear_pointer (&in->file_guid, g_free);
    }
  else
    g_hash_table_insert (reader->by_file_guid, in->file_guid, in);

  if (codable != NULL && !parse_boolean (codable, &in->codable))
    kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                         _ ("%s: code “%s”: isCodable “%s” is not true or false; taken as true"),
                         at, in->name, codable);

  if (color != NULL)
    {
      in->color = _kts_refi_normalize_color (color);
      if (in->color == NULL)
        kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                             _ ("%s: code “%s”: “%s” is not a colour; it gets one from the "
                                "palette"),
                             at, in->name, color);
    }

  _kts_refi_foreach_child (child, node)
  {
    if (_kts_refi_is (child, "Description"))
      {
        g_autofree char *text = _kts_refi_text (child);
        char            *values[N_FIELDS];

        parse_description (text, values);
        for (guint i = 0; i < N_FIELDS; i++)
          {
            if (values[i] == NULL)
              continue;
            if (fields[i].type == FIELD_ENUM || fields[i].type == FIELD_INT)
              {
                g_auto (GValue) value = G_VALUE_INIT;
                g_autoptr (KtsCode) probe = kts_code_new (NULL, "probe");

                if (!field_parse (probe, i, values[i], &value))
                  {
                    kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                                         _ ("%s: code “%s”: “%s” is not a valid %s; left out"), at,
                                         in->name, values[i], fields[i].heading);
                    g_clear_pointer (&values[i], g_free);
                  }
              }
            g_free (in->values[i]);
            in->values[i] = values[i];
          }
      }
    else if (_kts_refi_is (child, "NoteRef") && notes != NULL)
      {
        g_autofree char *raw = _kts_refi_attr (child, "targetGUID");
        g_autofree char *target = _kts_refi_normalize_guid (raw);
        const char      *note = target != NULL ? g_hash_table_lookup (notes, target) : NULL;

        if (note != NULL)
          {
            append_paragraph (&in->values[FIELD_NOTES], note);
            if (reader->used_notes != NULL)
              g_hash_table_add (reader->used_notes, g_strdup (target));
          }
        else
          kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                               _ ("%s: code “%s” refers to a note “%s” that does not exist"), at,
                               in->name, raw != NULL ? raw : "");
      }
    else if (_kts_refi_is (child, "Code"))
      ; /* below */
    else
      {
        g_autofree char *child_at = _kts_refi_where (reader->filename, child);

        kts_refi_report_add (reader->report, KTS_REFI_SKIPPED,
                             _ ("%s: unknown element <%s> in code “%s”"), child_at, child->name,
                             in->name);
      }
  }

  if (!parse_code_list (reader, node, notes, depth + 1, in->children, error))
    {
      in_code_free (in);
      return NULL;
    }
  return in;
}

/* Parses the Code children of @node into @into. */
static gboolean
parse_code_list (KtsRefiCodeReader *reader,
                 xmlNode           *node,
                 GHashTable        *notes,
                 guint              depth,
                 GPtrArray         *into,
                 GError           **error)
{
  _kts_refi_foreach_child (child, node)
  {
    InCode *in;

    if (!_kts_refi_is (child, "Code"))
      continue;
    in = parse_code (reader, child, notes, depth, error);
    if (in == NULL)
      return FALSE;
    for (guint i = 0; i < into->len; i++)
      {
        InCode *sibling = g_ptr_array_index (into, i);

        if (strcmp (sibling->name, in->name) == 0)
          {
            g_autofree char *at = _kts_refi_where (reader->filename, child);

            kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                                 _ ("%s: two codes named “%s” side by side (the other is on "
                                    "line %ld); both are kept"),
                                 at, in->name, sibling->line);
            break;
          }
      }
    g_ptr_array_add (into, in);
  }
  return TRUE;
}

gboolean
_kts_refi_code_reader_parse (KtsRefiCodeReader *reader,
                             xmlNode           *codes,
                             GHashTable        *notes,
                             GHashTable        *used_notes,
                             GError           **error)
{
  reader->used_notes = used_notes;
  _kts_refi_foreach_child (child, codes)
  {
    if (!_kts_refi_is (child, "Code"))
      {
        g_autofree char *at = _kts_refi_where (reader->filename, child);

        kts_refi_report_add (reader->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                             child->name);
      }
  }
  return parse_code_list (reader, codes, notes, 1, reader->roots, error);
}

static KtsCode *
find_child_by_name (KtsRefiCodeReader *reader, KtsCode *parent, const char *name)
{
  GListModel *list = parent != NULL
                         ? kts_code_get_children (parent)
                         : kts_codebook_get_roots (kts_project_get_codebook (reader->project));
  guint       n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (list, i);

      if (!g_hash_table_contains (reader->added, code)
          && strcmp (kts_code_get_name (code), name) == 0)
        return code;
    }
  return NULL;
}

/* Fills the fields of @code that are empty with @in's; names the filled
 * fields in @filled and the differing ones in @kept. */
static void
fill_in (KtsRefiCodeReader *reader, InCode *in, KtsCode *code, GString *filled, GString *kept)
{
  KtsCodebook *codebook = kts_project_get_codebook (reader->project);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *current = field_get (code, i);
      g_auto (GValue) value = G_VALUE_INIT;

      if (in->values[i] == NULL || g_strcmp0 (current, in->values[i]) == 0)
        continue;
      if (current != NULL)
        {
          g_string_append_printf (kept, "%s%s", kept->len > 0 ? ", " : "", fields[i].heading);
          continue;
        }
      if (i == FIELD_KEY && kts_codebook_lookup_key (codebook, in->values[i]) != NULL)
        {
          g_string_append_printf (kept, "%s%s", kept->len > 0 ? ", " : "", fields[i].heading);
          continue;
        }
      if (!field_parse (code, i, in->values[i], &value))
        continue;
      kts_project_set_property (reader->project, code, fields[i].property, &value);
      g_string_append_printf (filled, "%s%s", filled->len > 0 ? ", " : "", fields[i].heading);
    }
  if (in->color != NULL && kts_code_get_color (code) == NULL)
    {
      kts_project_set_string (reader->project, code, "color", in->color);
      g_string_append_printf (filled, "%s%s", filled->len > 0 ? ", " : "", _ ("colour"));
    }
}

static gboolean
apply_list (KtsRefiCodeReader *reader, GPtrArray *list, KtsCode *parent, GError **error);

static gboolean
apply_code (KtsRefiCodeReader *reader, InCode *in, KtsCode *parent, GError **error)
{
  KtsCodebook     *codebook = kts_project_get_codebook (reader->project);
  g_autofree char *at = NULL;
  KtsCode         *match = NULL;
  const char      *how = NULL;
  const char      *key = in->values[FIELD_KEY];

  at = reader->filename != NULL && in->line > 0
           ? g_strdup_printf (_ ("%s, line %ld"), reader->filename, in->line)
           : g_strdup (reader->filename != NULL ? reader->filename : "");

  if (reader->merge)
    {
      KtsItem *item
          = in->file_guid != NULL ? kts_project_lookup (reader->project, in->file_guid) : NULL;

      if (item != NULL && KTS_IS_CODE (item))
        {
          match = KTS_CODE (item);
          how = _ ("by guid");
        }
      if (match == NULL && key != NULL && kts_codebook_lookup_key (codebook, key) != NULL)
        {
          match = kts_codebook_lookup_key (codebook, key);
          how = _ ("by key");
        }
      if (match == NULL && (match = find_child_by_name (reader, parent, in->name)) != NULL)
        how = _ ("by name");
    }

  if (match != NULL)
    {
      g_autoptr (GString) filled = g_string_new (NULL);
      g_autoptr (GString) kept = g_string_new (NULL);

      in->result = match;
      if (g_hash_table_contains (reader->matched, match))
        {
          kts_refi_report_add (reader->report, KTS_REFI_SKIPPED,
                               _ ("%s: code “%s” matches “%s” (%s), which an earlier code of the "
                                  "file already matched; its codings and sub-codes go there"),
                               at, in->name, kts_code_get_name (match), how);
          return apply_list (reader, in->children, match, error);
        }
      g_hash_table_add (reader->matched, match);
      fill_in (reader, in, match, filled, kept);
      if (filled->len > 0 && kept->len > 0)
        kts_refi_report_add (reader->report, KTS_REFI_MATCHED,
                             _ ("code “%s” matched “%s” %s; filled in: %s; kept its own: %s"),
                             in->name, kts_code_get_name (match), how, filled->str, kept->str);
      else if (filled->len > 0)
        kts_refi_report_add (reader->report, KTS_REFI_MATCHED,
                             _ ("code “%s” matched “%s” %s; filled in: %s"), in->name,
                             kts_code_get_name (match), how, filled->str);
      else if (kept->len > 0)
        kts_refi_report_add (reader->report, KTS_REFI_MATCHED,
                             _ ("code “%s” matched “%s” %s; kept its own: %s"), in->name,
                             kts_code_get_name (match), how, kept->str);
      else
        kts_refi_report_add (reader->report, KTS_REFI_MATCHED, _ ("code “%s” matched “%s” %s"),
                             in->name, kts_code_get_name (match), how);
      return apply_list (reader, in->children, match, error);
    }
  else
    {
      g_autofree char *guid = NULL;
      g_autoptr (KtsCode) code = NULL;

      if (in->file_guid != NULL && kts_project_lookup (reader->project, in->file_guid) == NULL)
        guid = g_strdup (in->file_guid);
      else
        {
          if (in->file_guid != NULL)
            kts_refi_report_add (reader->report, KTS_REFI_WARNING,
                                 _ ("%s: the guid of code “%s” is already used in the project; "
                                    "it gets a new one"),
                                 at, in->name);
          guid = kts_guid_new ();
        }

      code = kts_code_new (guid, in->name);
      for (guint i = 0; i < N_FIELDS; i++)
        {
          g_auto (GValue) value = G_VALUE_INIT;

          if (in->values[i] == NULL)
            continue;
          if (i == FIELD_KEY && kts_codebook_lookup_key (codebook, key) != NULL)
            {
              kts_refi_report_add (
                  reader->report, KTS_REFI_WARNING,
                  _ ("%s: the key “%s” of code “%s” is already used by “%s”; added without it"), at,
                  key, in->name, kts_code_get_name (kts_codebook_lookup_key (codebook, key)));
              continue;
            }
          if (field_parse (code, i, in->values[i], &value))
            g_object_set_property (G_OBJECT (code), fields[i].property, &value);
        }
      g_object_set (code, "codable", in->codable, "color",
                    in->color != NULL ? in->color : _kts_refi_palette_color (reader->n_colored++),
                    NULL);

      if (!kts_project_add_code (reader->project, code, parent, -1, error))
        return FALSE;
      g_hash_table_add (reader->added, code);
      in->result = code;
      if (parent != NULL)
        kts_refi_report_add (reader->report, KTS_REFI_ADDED, _ ("code “%s” under “%s”"), in->name,
                             kts_code_get_name (parent));
      else
        kts_refi_report_add (reader->report, KTS_REFI_ADDED, _ ("code “%s”"), in->name);
      return apply_list (reader, in->children, code, error);
    }
}

static gboolean
apply_list (KtsRefiCodeReader *reader, GPtrArray *list, KtsCode *parent, GError **error)
{
  for (guint i = 0; i < list->len; i++)
    if (!apply_code (reader, g_ptr_array_index (list, i), parent, error))
      return FALSE;
  return TRUE;
}

gboolean
_kts_refi_code_reader_apply (KtsRefiCodeReader *reader, GError **error)
{
  if (!apply_list (reader, reader->roots, NULL, error))
    return FALSE;
  if (reader->n_colored > 0)
    kts_refi_report_add (
        reader->report, KTS_REFI_INFO,
        g_dngettext (GETTEXT_PACKAGE, "%u code had no colour and got one from the palette",
                     "%u codes had no colour and got one from the palette", reader->n_colored),
        reader->n_colored);
  return TRUE;
}

/* ==========================================================================
 * Importing a .qdc
 * ========================================================================== */

static guint
count_elements (xmlNode *node)
{
  guint n = 0;

  _kts_refi_foreach_child (child, node)
  {
    n++;
  }
  return n;
}

gboolean
kts_refi_import_qdc (KtsProject     *project,
                     GBytes         *bytes,
                     const char     *filename,
                     gboolean        merge,
                     KtsRefiReport **report,
                     GError        **error)
{
  g_autoptr (KtsRefiReport) lines = kts_refi_report_new ();
  g_autoptr (KtsRefiCodeReader) reader = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  g_autofree char *label = NULL;
  g_autofree char *base = NULL;
  const char      *name;
  xmlNode         *root;
  gboolean         have_codes = FALSE;

  g_return_val_if_fail (KTS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (report == NULL || *report == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  base = filename != NULL ? g_path_get_basename (filename) : NULL;
  name = base != NULL ? base : _ ("codebook");

  doc = _kts_refi_parse_xml (bytes, name, KTS_REFI_MAX_QDC_SIZE, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !_kts_refi_is (root, "CodeBook"))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                   _ ("%s: not a REFI-QDA codebook: the root element is <%s>, not <CodeBook>"),
                   name, root != NULL ? (const char *)root->name : "");
      return FALSE;
    }
  if (root->ns == NULL
      || g_strcmp0 ((const char *)root->ns->href, KTS_REFI_CODEBOOK_NAMESPACE) != 0)
    kts_refi_report_add (lines, KTS_REFI_WARNING,
                         _ ("%s: the codebook is not in the namespace %s; read it anyway"), name,
                         KTS_REFI_CODEBOOK_NAMESPACE);

  if (!merge && kts_codebook_get_n_codes (kts_project_get_codebook (project)) > 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("%s: the project already has codes; merge the codebook into them instead"),
                   name);
      return FALSE;
    }

  reader = _kts_refi_code_reader_new (project, lines, name, merge);
  _kts_refi_foreach_child (child, root)
  {
    g_autofree char *at = _kts_refi_where (name, child);

    if (_kts_refi_is (child, "Codes"))
      {
        have_codes = TRUE;
        if (!_kts_refi_code_reader_parse (reader, child, NULL, NULL, error))
          return FALSE;
      }
    else if (_kts_refi_is (child, "Sets"))
      {
        if (count_elements (child) == 0)
          kts_refi_report_add (lines, KTS_REFI_INFO, _ ("%s: an empty <Sets/> was ignored"), at);
        _kts_refi_foreach_child (set, child)
        {
          g_autofree char *set_name = _kts_refi_attr (set, "name");
          g_autofree char *set_at = _kts_refi_where (name, set);

          kts_refi_report_add (lines, KTS_REFI_SKIPPED,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%s: code set “%s” with %u member: Kintsugi has no "
                                            "code sets",
                                            "%s: code set “%s” with %u members: Kintsugi has no "
                                            "code sets",
                                            count_elements (set)),
                               set_at, set_name != NULL ? set_name : "", count_elements (set));
        }
      }
    else
      kts_refi_report_add (lines, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                           child->name);
  }

  if (!have_codes || _kts_refi_code_reader_get_n_parsed (reader) == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("%s: the codebook has no codes"), name);
      return FALSE;
    }

  label = g_strdup_printf (_ ("Import codebook “%s”"), name);
  kts_project_begin_group (project, label);
  if (!_kts_refi_code_reader_apply (reader, error))
    {
      kts_project_abort_group (project);
      return FALSE;
    }
  kts_project_end_group (project);

  if (report != NULL)
    *report = g_steal_pointer (&lines);
  return TRUE;
}
