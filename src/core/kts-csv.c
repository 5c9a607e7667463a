/* kts-csv.c: RFC 4180 CSV reading and writing, and the codings CSV exchange.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kts-csv.h"
#include "kts-enum-types.h"
#include "kts-error.h"

/* ---- Reader ------------------------------------------------------------ */

struct _KtsCsvReader
{
  const char *data;
  gsize       size;
  gsize       pos;
  guint       line;        /* line of @pos, 1-based */
  guint       record_line; /* line where the last returned record started */
  gsize       bad_utf8;    /* offset of the first invalid byte, or @size */
  GError     *error;       /* sticky once parsing failed */
};

KtsCsvReader *
kts_csv_reader_new (const char *data, gsize size)
{
  KtsCsvReader *self;
  const char   *end = NULL;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  self = g_new0 (KtsCsvReader, 1);
  self->data = data != NULL ? data : "";
  self->size = size;
  self->line = 1;
  self->record_line = 0;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    self->pos = 3;

  /* g_utf8_validate() also refuses NUL bytes when given a length. */
  if (g_utf8_validate (self->data, (gssize)size, &end))
    self->bad_utf8 = size;
  else
    self->bad_utf8 = (gsize)(end - self->data);

  return self;
}

void
kts_csv_reader_free (KtsCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_error (&reader->error);
  g_free (reader);
}

guint
kts_csv_reader_get_line (KtsCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}

/* Counts the line breaks (LF, CRLF or a lone CR) in [from, to). */
static guint
count_line_breaks (const char *data, gsize size, gsize from, gsize to)
{
  guint n = 0;

  for (gsize i = from; i < to; i++)
    {
      if (data[i] == '\n')
        n++;
      else if (data[i] == '\r' && (i + 1 >= size || data[i + 1] != '\n'))
        n++;
    }
  return n;
}

static char **
reader_fail (KtsCsvReader *self, GPtrArray *fields, GString *field, GError **error)
{
  g_ptr_array_unref (fields);
  g_string_free (field, TRUE);
  self->pos = self->size;
  if (self->error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
  return NULL;
}

char **
kts_csv_reader_next (KtsCsvReader *reader, GError **error)
{
  KtsCsvReader *self = reader;
  const char   *d;
  GPtrArray    *fields;
  GString      *field;
  gsize         record_start;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return NULL;
    }
  if (self->pos >= self->size)
    return NULL;

  d = self->data;
  record_start = self->pos;
  self->record_line = self->line;
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  for (;;)
    {
      gboolean end_of_record = FALSE;

      if (self->pos < self->size && d[self->pos] == '"')
        {
          guint quote_line = self->line;

          self->pos++;
          for (;;)
            {
              gsize run = self->pos;

              while (run < self->size && d[run] != '"')
                run++;
              self->line += count_line_breaks (d, self->size, self->pos, run);
              g_string_append_len (field, d + self->pos, (gssize)(run - self->pos));
              self->pos = run;

              if (self->pos >= self->size)
                {
                  self->error
                      = g_error_new (KTS_ERROR, KTS_ERROR_PARSE,
                                     _ ("line %u: a quoted field is never closed"), quote_line);
                  return reader_fail (self, fields, field, error);
                }
              /* d[pos] is a quote: either doubled (a literal quote) or closing. */
              if (self->pos + 1 < self->size && d[self->pos + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  self->pos += 2;
                  continue;
                }
              self->pos++;
              break;
            }

          if (self->pos < self->size && d[self->pos] != ',' && d[self->pos] != '\r'
              && d[self->pos] != '\n')
            {
              self->error = g_error_new (KTS_ERROR, KTS_ERROR_PARSE,
                                         _ ("line %u: unexpected text after the closing quote of "
                                            "a field; a quote inside a quoted field must be "
                                            "doubled"),
                                         self->line);
              return reader_fail (self, fields, field, error);
            }
        }
      else
        {
          gsize run = self->pos;

          while (run < self->size && d[run] != ',' && d[run] != '\r' && d[run] != '\n')
            {
              if (d[run] == '"')
                {
                  self->error = g_error_new (KTS_ERROR, KTS_ERROR_PARSE,
                                             _ ("line %u: a quote inside a field that does not "
                                                "start with a quote; put the field in quotes "
                                                "and double the quote"),
                                             self->line);
                  return reader_fail (self, fields, field, error);
                }
              run++;
            }
          g_string_append_len (field, d + self->pos, (gssize)(run - self->pos));
          self->pos = run;
        }

      /* Now at a separator, a line break or the end of the data. */
      if (self->pos >= self->size)
        end_of_record = TRUE;
      else if (d[self->pos] == ',')
        self->pos++;
      else
        {
          if (d[self->pos] == '\r' && self->pos + 1 < self->size && d[self->pos + 1] == '\n')
            self->pos += 2;
          else
            self->pos++;
          self->line++;
          end_of_record = TRUE;
        }

      g_ptr_array_add (fields, g_string_free (field, FALSE));
      field = g_string_new (NULL);

      if (end_of_record)
        break;
    }

  if (self->bad_utf8 < self->pos)
    {
      guint bad_line
          = self->record_line + count_line_breaks (d, self->size, record_start, self->bad_utf8);

      self->error = g_error_new (KTS_ERROR, KTS_ERROR_ENCODING,
                                 _ ("line %u: the text is not valid UTF-8; save the file as "
                                    "UTF-8 and try again"),
                                 bad_line);
      return reader_fail (self, fields, field, error);
    }

  g_string_free (field, TRUE);
  g_ptr_array_add (fields, NULL);
  return (char **)g_ptr_array_free (fields, FALSE);
}

/* ---- Writer ------------------------------------------------------------ */

static void
append_field (GString *out, const char *field)
{
  if (field == NULL || field[0] == '\0')
    return;

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
kts_csv_append_record (GString *out, const char *const *fields, guint n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* ---- Codings: columns -------------------------------------------------- */

typedef enum
{
  COL_DOCUMENT,
  COL_START,
  COL_END,
  COL_CODE,
  COL_ACTOR,
  COL_CODER,
  COL_MEMO,
  COL_CODE_KEY,
  /* Written by the export for readers; ignored on import. */
  COL_TURN,
  COL_SPEAKER,
  COL_ROLE,
  COL_TEXT,
  N_COLUMNS
} Column;

static const char *const column_names[N_COLUMNS] = {
  [COL_DOCUMENT] = "document", [COL_START] = "start",       [COL_END] = "end",
  [COL_CODE] = "code",         [COL_ACTOR] = "actor",       [COL_CODER] = "coder",
  [COL_MEMO] = "memo",         [COL_CODE_KEY] = "code_key", [COL_TURN] = "turn",
  [COL_SPEAKER] = "speaker",   [COL_ROLE] = "role",         [COL_TEXT] = "text",
};

static const Column required_columns[] = { COL_DOCUMENT, COL_START, COL_END, COL_CODE };

/* ---- Codings: import ------------------------------------------------------ */

typedef struct
{
  KtsDocument *document;
  guint        start;
  guint        end;
  KtsCode     *code;
  KtsCoder    *coder; /* borrowed from ImportState.coders, may be NULL */
  KtsActor     actor;
  char        *memo;
} PlannedCoding;

static void
planned_coding_clear (gpointer data)
{
  PlannedCoding *planned = data;

  g_free (planned->memo);
}

typedef struct
{
  KtsProject *project;
  int         columns[N_COLUMNS]; /* index in the record, or -1 */
  guint       n_header_fields;
  GHashTable *titles;     /* title → KtsDocument, or AMBIGUOUS */
  GHashTable *coders;     /* cell text → KtsCoder (owned) */
  GPtrArray  *new_coders; /* KtsCoder not yet in the project */
  GHashTable *existing;   /* "doc|start|end|code|coder" of codings, lazily */
  GArray     *planned;    /* PlannedCoding */
} ImportState;

static int ambiguous_marker;
#define AMBIGUOUS ((gpointer)&ambiguous_marker)

static void
import_state_clear (ImportState *state)
{
  g_clear_pointer (&state->titles, g_hash_table_unref);
  g_clear_pointer (&state->coders, g_hash_table_unref);
  g_clear_pointer (&state->new_coders, g_ptr_array_unref);
  g_clear_pointer (&state->existing, g_hash_table_unref);
  g_clear_pointer (&state->planned, g_array_unref);
}

static const char *
cell (ImportState *state, char **record, guint n_fields, Column column)
{
  int index = state->columns[column];

  if (index < 0 || (guint)index >= n_fields)
    return "";
  return record[index];
}

/* The cell with surrounding white space removed, newly allocated. */
static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static gboolean
read_header (ImportState *state, char **record, guint line, GError **error)
{
  g_autoptr (GString) unknown = NULL;
  guint n_unknown = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    state->columns[c] = -1;

  state->n_header_fields = g_strv_length (record);
  for (guint i = 0; record[i] != NULL; i++)
    {
      g_autofree char *name = dup_stripped (record[i]);
      gboolean         known = FALSE;

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (g_ascii_strcasecmp (name, column_names[c]) != 0)
            continue;
          if (state->columns[c] >= 0)
            {
              g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                           _ ("line %u: the column “%s” appears twice"), line, column_names[c]);
              return FALSE;
            }
          state->columns[c] = (int)i;
          known = TRUE;
          break;
        }

      if (known)
        continue;
      if (name[0] == '\0')
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("line %u: column %u has no name"),
                       line, i + 1);
          return FALSE;
        }
      if (unknown == NULL)
        unknown = g_string_new (NULL);
      else
        g_string_append (unknown, ", ");
      g_string_append_printf (unknown, "“%s”", name);
      n_unknown++;
    }

  if (unknown != NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                   g_dngettext (GETTEXT_PACKAGE, "line %u: unknown column %s (known columns: %s)",
                                "line %u: unknown columns %s (known columns: %s)", n_unknown),
                   line, unknown->str,
                   "document, start, end, code, code_key, actor, coder, memo, turn, speaker, "
                   "role, text");
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required_columns); i++)
    {
      if (state->columns[required_columns[i]] < 0)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                       _ ("line %u: the required column “%s” is missing (required: document, "
                          "start, end, code)"),
                       line, column_names[required_columns[i]]);
          return FALSE;
        }
    }

  return TRUE;
}

static void
build_title_index (ImportState *state)
{
  GListModel *documents = kts_project_get_documents (state->project);
  guint       n = g_list_model_get_n_items (documents);

  state->titles = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      const char *title = kts_document_get_title (document);

      if (title == NULL)
        continue;
      if (g_hash_table_contains (state->titles, title))
        g_hash_table_insert (state->titles, (gpointer)title, AMBIGUOUS);
      else
        g_hash_table_insert (state->titles, (gpointer)title, document);
    }
}

static KtsDocument *
resolve_document (ImportState *state, const char *text, guint line, GError **error)
{
  g_autofree char *name = dup_stripped (text);
  gpointer         found;

  if (name[0] == '\0')
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT, _ ("line %u: no document given"),
                   line);
      return NULL;
    }

  if (kts_guid_is_valid (name))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      KtsItem         *item = kts_project_lookup (state->project, lower);

      if (item != NULL && KTS_IS_DOCUMENT (item))
        return KTS_DOCUMENT (item);
    }

  if (state->titles == NULL)
    build_title_index (state);

  found = g_hash_table_lookup (state->titles, name);
  if (found == AMBIGUOUS)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("line %u: more than one document is titled “%s”; use the document’s guid "
                      "instead"),
                   line, name);
      return NULL;
    }
  if (found == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
                   _ ("line %u: document “%s” does not exist"), line, name);
      return NULL;
    }
  return found;
}

static gboolean
parse_offset (const char *text, const char *what, guint line, guint *out, GError **error)
{
  g_autofree char *number = dup_stripped (text);
  guint64          value = 0;

  if (number[0] == '\0')
    {
      /* TRANSLATORS: %s is the column name "start" or "end" */
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT, _ ("line %u: no %s given"), line,
                   what);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT, &value, NULL))
    {
      /* TRANSLATORS: the first %s is the column name "start" or "end" */
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("line %u: %s “%s” is not a whole number of characters"), line, what, number);
      return FALSE;
    }
  *out = (guint)value;
  return TRUE;
}

/* Resolves a code from the "code" cell, and from "code_key" when that column
 * is present: the export writes both, and an edited file must not let them
 * disagree silently. */
static KtsCode *
resolve_code (
    ImportState *state, const char *code_text, const char *key_text, guint line, GError **error)
{
  KtsCodebook     *codebook = kts_project_get_codebook (state->project);
  g_autofree char *name = dup_stripped (code_text);
  g_autofree char *key = dup_stripped (key_text);
  const char      *primary = key[0] != '\0' ? key : name;
  g_autoptr (GError) local_error = NULL;
  KtsCode *code = NULL;

  if (primary[0] == '\0')
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT, _ ("line %u: no code given"),
                   line);
      return NULL;
    }

  /* Guids are stored in lower case; other tools write them in upper case. */
  if (kts_guid_is_valid (primary))
    {
      g_autofree char *lower = g_ascii_strdown (primary, -1);

      code = kts_codebook_lookup_guid (codebook, lower);
    }
  if (code == NULL)
    code = kts_codebook_resolve (codebook, primary, &local_error);
  if (code == NULL)
    {
      if (g_error_matches (local_error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT))
        g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                     _ ("line %u: more than one code is named “%s”; use its key or guid "
                        "instead"),
                     line, primary);
      else
        g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND, _ ("line %u: code “%s” does not exist"),
                     line, primary);
      return NULL;
    }

  if (primary == key && name[0] != '\0' && g_strcmp0 (name, kts_code_get_name (code)) != 0
      && g_strcmp0 (name, kts_code_get_key (code)) != 0
      && g_strcmp0 (name, kts_item_get_guid (KTS_ITEM (code))) != 0)
    {
      KtsCode *other = kts_codebook_resolve (codebook, name, NULL);

      if (other != code)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("line %u: code_key “%s” and code “%s” name different codes"), line, key,
                       name);
          return NULL;
        }
    }

  if (!kts_code_get_codable (code))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("line %u: code “%s” is a category and cannot be applied to text"), line,
                   kts_code_get_display_key (code));
      return NULL;
    }

  return code;
}

static gboolean
parse_actor (const char *text, guint line, KtsActor *out, GError **error)
{
  g_autofree char *actor = dup_stripped (text);
  int              value;

  if (actor[0] == '\0')
    {
      *out = KTS_ACTOR_UNSET;
      return TRUE;
    }
  if (g_ascii_strcasecmp (actor, "T") == 0)
    value = KTS_ACTOR_THERAPIST;
  else if (g_ascii_strcasecmp (actor, "C") == 0)
    value = KTS_ACTOR_CLIENT;
  else if (g_ascii_strcasecmp (actor, "D") == 0)
    value = KTS_ACTOR_DYAD;
  else
    {
      g_autofree char *lower = g_ascii_strdown (actor, -1);

      if (!kts_enum_from_nick (KTS_TYPE_ACTOR, lower, &value) || value == KTS_ACTOR_UNSET)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("line %u: actor “%s” is not one of therapist, client, dyad, third "
                          "(or T, C, D)"),
                       line, actor);
          return FALSE;
        }
    }
  *out = (KtsActor)value;
  return TRUE;
}

static KtsCoder *
resolve_coder (ImportState *state, const char *text, guint line, GError **error)
{
  g_autofree char *name = dup_stripped (text);
  KtsCoder        *coder;

  if (name[0] == '\0')
    return NULL;

  coder = g_hash_table_lookup (state->coders, name);
  if (coder != NULL)
    return coder;

  if (kts_guid_is_valid (name))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      coder = kts_project_find_coder (state->project, lower);
    }
  else
    coder = kts_project_find_coder (state->project, name);
  if (coder != NULL)
    g_object_ref (coder);
  else if (kts_guid_is_valid (name))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
                   _ ("line %u: there is no coder with the guid “%s”"), line, name);
      return NULL;
    }
  else
    {
      g_autofree char *guid = kts_guid_new ();

      coder = kts_coder_new (guid, name);
      g_ptr_array_add (state->new_coders, g_object_ref (coder));
    }

  g_hash_table_insert (state->coders, g_steal_pointer (&name), coder);
  return coder;
}

static char *
coding_identity (KtsDocument *document, guint start, guint end, KtsCode *code, KtsCoder *coder)
{
  return g_strdup_printf ("%p|%u|%u|%p|%p", (void *)document, start, end, (void *)code,
                          (void *)coder);
}

static void
build_existing_index (ImportState *state)
{
  GListModel *documents = kts_project_get_documents (state->project);
  guint       n_documents = g_list_model_get_n_items (documents);

  state->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      GListModel *codings = kts_document_get_codings (document);
      guint       n = g_list_model_get_n_items (codings);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, j);

          g_hash_table_add (
              state->existing,
              coding_identity (document, kts_coding_get_start (coding), kts_coding_get_end (coding),
                               kts_coding_get_code (coding), kts_coding_get_coder (coding)));
        }
    }
}

static gboolean
plan_row (ImportState *state, char **record, guint line, GError **error)
{
  guint            n_fields = g_strv_length (record);
  PlannedCoding    planned = { 0 };
  g_autofree char *identity = NULL;
  guint            n_characters;

  if (n_fields > state->n_header_fields)
    {
      for (guint i = state->n_header_fields; i < n_fields; i++)
        {
          if (record[i][0] != '\0')
            {
              g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                           _ ("line %u: the row has %u fields but the header has only %u "
                              "columns"),
                           line, n_fields, state->n_header_fields);
              return FALSE;
            }
        }
    }

  planned.document
      = resolve_document (state, cell (state, record, n_fields, COL_DOCUMENT), line, error);
  if (planned.document == NULL)
    return FALSE;

  if (!parse_offset (cell (state, record, n_fields, COL_START), "start", line, &planned.start,
                     error)
      || !parse_offset (cell (state, record, n_fields, COL_END), "end", line, &planned.end, error))
    return FALSE;

  if (planned.start >= planned.end)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("line %u: start %u is not before end %u; a coding must cover at least one "
                      "character"),
                   line, planned.start, planned.end);
      return FALSE;
    }

  n_characters = kts_document_get_n_characters (planned.document);
  if (planned.end > n_characters)
    {
      g_set_error (
          error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
          g_dngettext (GETTEXT_PACKAGE, "line %u: end %u is beyond the end of “%s” (%u character)",
                       "line %u: end %u is beyond the end of “%s” (%u characters)", n_characters),
          line, planned.end, kts_document_get_title (planned.document), n_characters);
      return FALSE;
    }

  planned.code = resolve_code (state, cell (state, record, n_fields, COL_CODE),
                               cell (state, record, n_fields, COL_CODE_KEY), line, error);
  if (planned.code == NULL)
    return FALSE;

  if (!parse_actor (cell (state, record, n_fields, COL_ACTOR), line, &planned.actor, error))
    return FALSE;

  {
    g_autoptr (GError) local_error = NULL;

    planned.coder
        = resolve_coder (state, cell (state, record, n_fields, COL_CODER), line, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }

  /* Catches importing the same file twice; duplicates within one file are
   * kept, as the export of a project that has them must round-trip. */
  if (state->existing == NULL)
    build_existing_index (state);
  identity
      = coding_identity (planned.document, planned.start, planned.end, planned.code, planned.coder);
  if (g_hash_table_contains (state->existing, identity))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("line %u: the project already has this coding (same document, range, "
                      "code and coder)"),
                   line);
      return FALSE;
    }

  if (state->columns[COL_MEMO] >= 0)
    {
      const char *memo = cell (state, record, n_fields, COL_MEMO);

      if (memo[0] != '\0')
        planned.memo = g_strdup (memo);
    }

  g_array_append_val (state->planned, planned);
  return TRUE;
}

static gboolean
record_is_blank (char **record)
{
  for (guint i = 0; record[i] != NULL; i++)
    {
      for (const char *p = record[i]; *p != '\0'; p++)
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_plan (ImportState *state, GError **error)
{
  KtsProject *project = state->project;
  gint64      now = g_get_real_time () / G_USEC_PER_SEC;

  kts_project_begin_group (project, _ ("Import codings"));

  for (guint i = 0; i < state->new_coders->len; i++)
    {
      if (!kts_project_add_coder (project, g_ptr_array_index (state->new_coders, i), error))
        {
          kts_project_abort_group (project);
          return FALSE;
        }
    }

  for (guint i = 0; i < state->planned->len; i++)
    {
      PlannedCoding   *planned = &g_array_index (state->planned, PlannedCoding, i);
      g_autofree char *guid = kts_guid_new ();
      g_autoptr (KtsCoding) coding = NULL;

      coding = g_object_new (KTS_TYPE_CODING, "guid", guid, "document", planned->document, "start",
                             planned->start, "end", planned->end, "code", planned->code, "coder",
                             planned->coder, "actor", planned->actor, "memo", planned->memo,
                             "created", now, NULL);
      if (!kts_project_add_coding (project, coding, error))
        {
          kts_project_abort_group (project);
          return FALSE;
        }
    }

  kts_project_end_group (project);
  return TRUE;
}

int
kts_codings_import_csv (KtsProject *project, const char *data, gsize size, GError **error)
{
  g_autoptr (KtsCsvReader) reader = NULL;
  g_auto (GStrv) header = NULL;
  ImportState state = { 0 };
  GError     *local_error = NULL;
  int         result = -1;

  g_return_val_if_fail (KTS_IS_PROJECT (project), -1);
  g_return_val_if_fail (data != NULL || size == 0, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  reader = kts_csv_reader_new (data, size);
  state.project = project;
  state.coders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  state.new_coders = g_ptr_array_new_with_free_func (g_object_unref);
  state.planned = g_array_new (FALSE, TRUE, sizeof (PlannedCoding));
  g_array_set_clear_func (state.planned, planned_coding_clear);

  /* Blank lines before the header are tolerated. */
  do
    {
      g_strfreev (header);
      header = kts_csv_reader_next (reader, &local_error);
    }
  while (header != NULL && record_is_blank (header));

  if (header == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY,
                     _ ("the file is empty; expected a header line naming the columns document, "
                        "start, end and code"));
      goto out;
    }

  if (!read_header (&state, header, kts_csv_reader_get_line (reader), error))
    goto out;

  for (;;)
    {
      g_auto (GStrv) record = kts_csv_reader_next (reader, &local_error);

      if (record == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              goto out;
            }
          break;
        }
      if (record_is_blank (record))
        continue;
      if (!plan_row (&state, record, kts_csv_reader_get_line (reader), error))
        goto out;
    }

  if (state.planned->len > G_MAXINT)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("too many codings in one file"));
      goto out;
    }

  if (state.planned->len > 0 && !apply_plan (&state, error))
    goto out;

  result = (int)state.planned->len;

out:
  import_state_clear (&state);
  return result;
}

/* ---- Codings: export ------------------------------------------------------ */

GString *
kts_codings_export_csv (KtsProject *project, KtsCodingFilter filter, gpointer user_data)
{
  return kts_codings_export_csv_full (project, KTS_CODINGS_EXPORT_DEFAULT, filter, user_data);
}

GString *
kts_codings_export_csv_full (KtsProject           *project,
                             KtsCodingsExportFlags flags,
                             KtsCodingFilter       filter,
                             gpointer              user_data)
{
  static const char *const header[] = { "document", "turn",  "speaker", "role", "actor", "code_key",
                                        "code",     "start", "end",     "text", "coder", "memo" };
  GListModel              *documents;
  GString                 *out;
  guint                    n_documents;
  const char              *role_nicks[KTS_ROLE_INTERVIEWER + 1];
  const char              *actor_nicks[KTS_ACTOR_THIRD + 1];

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);

  for (int i = 0; i < (int)G_N_ELEMENTS (role_nicks); i++)
    role_nicks[i] = kts_enum_to_nick (KTS_TYPE_ROLE, i);
  for (int i = 0; i < (int)G_N_ELEMENTS (actor_nicks); i++)
    actor_nicks[i] = kts_enum_to_nick (KTS_TYPE_ACTOR, i);
  actor_nicks[KTS_ACTOR_UNSET] = NULL;

  out = g_string_sized_new (4096);
  kts_csv_append_record (out, header, G_N_ELEMENTS (header));

  documents = kts_project_get_documents (project);
  n_documents = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      GListModel *codings = kts_document_get_codings (document);
      guint       n_codings = g_list_model_get_n_items (codings);

      for (guint j = 0; j < n_codings; j++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, j);
          KtsCode          *code;
          KtsCoder         *coder;
          KtsActor          actor;
          guint             start;
          int               turn_index;
          const KtsTurn    *turn = NULL;
          const KtsSpeaker *speaker = NULL;
          char              turn_text[16] = "";
          char              start_text[16];
          char              end_text[16];
          g_autofree char  *text = NULL;
          const char       *fields[G_N_ELEMENTS (header)];

          if (!(flags & KTS_CODINGS_EXPORT_INCLUDE_HIDDEN)
              && kts_project_coding_is_hidden (project, coding))
            continue;
          if (filter != NULL && !filter (coding, user_data))
            continue;

          code = kts_coding_get_code (coding);
          coder = kts_coding_get_coder (coding);
          actor = kts_coding_get_actor (coding);
          start = kts_coding_get_start (coding);
          turn_index = kts_document_find_turn (document, start);
          if (turn_index >= 0)
            {
              turn = kts_document_get_turn (document, (guint)turn_index);
              g_snprintf (turn_text, sizeof turn_text, "%d", turn_index + 1);
              if (turn != NULL && turn->speaker >= 0)
                speaker = kts_document_get_speaker (document, (guint)turn->speaker);
            }
          g_snprintf (start_text, sizeof start_text, "%u", start);
          g_snprintf (end_text, sizeof end_text, "%u", kts_coding_get_end (coding));
          text = kts_coding_dup_text (coding);

          fields[0] = kts_document_get_title (document);
          fields[1] = turn_text;
          fields[2] = speaker != NULL ? speaker->label : NULL;
          fields[3] = speaker != NULL && (guint)speaker->role < G_N_ELEMENTS (role_nicks)
                          ? role_nicks[speaker->role]
                          : NULL;
          fields[4] = (guint)actor < G_N_ELEMENTS (actor_nicks) ? actor_nicks[actor] : NULL;
          fields[5] = code != NULL ? kts_code_get_key (code) : NULL;
          fields[6] = code != NULL ? kts_code_get_name (code) : NULL;
          fields[7] = start_text;
          fields[8] = end_text;
          fields[9] = text;
          fields[10] = coder != NULL ? kts_coder_get_name (coder) : NULL;
          fields[11] = kts_coding_get_memo (coding);

          kts_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
    }

  return out;
}
