/* kts-refi-project.c: REFI-QDA projects (.qdpx): reading another program's
 * project into a new Kintsugi project, and writing ours.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-import.h"
#include "kts-model-private.h"
#include "kts-refi-private.h"

/* The document attribute and REFI variable that carry speaker roles. */
#define SPEAKER_ROLES_VARIABLE "Speaker roles"

/* ==========================================================================
 * Import
 * ========================================================================== */

/* A text source read from the file, before it becomes a document. */
typedef struct
{
  xmlNode        *node;
  char           *guid;
  char           *title;
  char           *where; /* "project.qde, line 12" */
  KtsRefiText    *text;
  GArray         *spans;      /* of KtsRefiSpan, one per entry of @selections */
  GPtrArray      *selections; /* of xmlNode: PlainTextSelection with valid positions */
  GPtrArray      *strings;    /* owns the hints */
  KtsRefiScore    scores[KTS_REFI_N_COUNTINGS];
  KtsRefiCounting counting;
} Source;

static void
source_free (gpointer data)
{
  Source *source = data;

  g_free (source->guid);
  g_free (source->title);
  g_free (source->where);
  g_clear_pointer (&source->text, _kts_refi_text_free);
  g_array_unref (source->spans);
  g_ptr_array_unref (source->selections);
  g_ptr_array_unref (source->strings);
  g_free (source);
}

typedef struct
{
  KtsRefiReport *report;
  char          *name;     /* of the archive, for messages */
  char          *dir;      /* folder of the archive on disk, or NULL */
  char          *qde_name; /* "project.qde" as found in the archive */
  char          *prefix;   /* folder of project.qde inside the archive, "" or "x/" */
  char          *base_path;
  KtsRefiZip    *zip;
  KtsProject    *project;

  KtsRefiCodeReader *codes;
  GHashTable        *users;      /* file guid → KtsCoder */
  GHashTable        *notes;      /* note guid → text */
  GHashTable        *note_names; /* note guid → name */
  GHashTable        *used_notes; /* note guids that went somewhere */
  GHashTable        *variables;  /* variable guid → name */
  GHashTable        *documents;  /* file source guid → KtsDocument */
  GHashTable        *coded;      /* code guids the sources code with */
  GPtrArray         *sources;    /* of Source */
  GHashTable        *selections; /* selection guid → GPtrArray of the KtsCodings made from it */
  GHashTable        *consumed;   /* guids of sets, graphs and links read as episodes */
  guint              n_unknown_users;
} Importer;

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->report, kts_refi_report_unref);
  g_free (imp->name);
  g_free (imp->dir);
  g_free (imp->qde_name);
  g_free (imp->prefix);
  g_free (imp->base_path);
  g_clear_pointer (&imp->zip, _kts_refi_zip_free);
  g_clear_object (&imp->project);
  g_clear_pointer (&imp->codes, _kts_refi_code_reader_free);
  g_clear_pointer (&imp->users, g_hash_table_unref);
  g_clear_pointer (&imp->notes, g_hash_table_unref);
  g_clear_pointer (&imp->note_names, g_hash_table_unref);
  g_clear_pointer (&imp->used_notes, g_hash_table_unref);
  g_clear_pointer (&imp->variables, g_hash_table_unref);
  g_clear_pointer (&imp->documents, g_hash_table_unref);
  g_clear_pointer (&imp->coded, g_hash_table_unref);
  g_clear_pointer (&imp->sources, g_ptr_array_unref);
  g_clear_pointer (&imp->selections, g_hash_table_unref);
  g_clear_pointer (&imp->consumed, g_hash_table_unref);
}

static char *
where (Importer *imp, xmlNode *node)
{
  return _kts_refi_where (imp->qde_name, node);
}

/* The key under which a referenced GUID is looked up: normalised when it is
 * a GUID, else the trimmed, lower-cased text (so broken references to the
 * same broken GUID still meet). */
static char *
ref_key (const char *raw)
{
  char *guid;

  if (raw == NULL)
    return NULL;
  guid = _kts_refi_normalize_guid (raw);
  if (guid != NULL)
    return guid;
  guid = g_ascii_strdown (raw, -1);
  return g_strstrip (guid);
}

static char *
attr_ref (xmlNode *node, const char *name)
{
  g_autofree char *raw = _kts_refi_attr (node, name);

  return ref_key (raw);
}

/* A GUID for a new item: the file's when it is valid and free, else new. */
static char *
item_guid (Importer *imp, const char *raw, const char *what, const char *at)
{
  g_autofree char *guid = _kts_refi_normalize_guid (raw);

  if (guid != NULL && kts_project_lookup (imp->project, guid) == NULL)
    return g_steal_pointer (&guid);
  if (raw == NULL)
    ; /* nothing to say: many programs leave it out */
  else if (guid == NULL)
    kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                         _ ("%s: %s has an invalid guid “%s”; it gets a new one"), at, what, raw);
  else
    kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                         _ ("%s: %s has a guid already used for something else; it gets a new "
                            "one"),
                         at, what);
  return kts_guid_new ();
}

/* ---- Users, notes, variables ----------------------------------------------------- */

static void
read_users (Importer *imp, xmlNode *users)
{
  _kts_refi_foreach_child (node, users)
  {
    g_autofree char *at = where (imp, node);
    g_autofree char *raw = _kts_refi_attr (node, "guid");
    g_autofree char *key = ref_key (raw);
    g_autofree char *name = _kts_refi_attr (node, "name");
    g_autofree char *id = _kts_refi_attr (node, "id");
    g_autofree char *guid = NULL;
    g_autoptr (KtsCoder) coder = NULL;
    g_autoptr (GError) error = NULL;

    if (!_kts_refi_is (node, "User"))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                             node->name);
        continue;
      }
    if (name != NULL)
      g_strstrip (name);
    if (id != NULL)
      g_strstrip (id);
    if (name == NULL || name[0] == '\0')
      {
        g_free (name);
        name = id != NULL && id[0] != '\0'
                   ? g_strdup (id)
                   : g_strdup_printf (_ ("User %u"), g_hash_table_size (imp->users) + 1);
      }
    if (key != NULL && g_hash_table_contains (imp->users, key))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                             _ ("%s: user “%s” has the same guid as an earlier user"), at, name);
        continue;
      }

    guid = item_guid (imp, raw, name, at);
    coder = kts_coder_new (guid, name);
    if (id != NULL && id[0] != '\0' && g_utf8_strlen (id, -1) <= 4)
      g_object_set (coder, "initials", id, NULL);
    if (!kts_project_add_coder (imp->project, coder, &error))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, "%s: %s", at, error->message);
        continue;
      }
    kts_refi_report_add (imp->report, KTS_REFI_ADDED, _ ("coder “%s”"), name);
    if (key != NULL)
      g_hash_table_insert (imp->users, g_steal_pointer (&key), coder);
  }
}

/* The coder for a creatingUser reference; unknown users become coders too,
 * so nobody's work is attributed to someone else. */
static KtsCoder *
lookup_user (Importer *imp, xmlNode *node, const char *attribute)
{
  g_autofree char *key = attr_ref (node, attribute);
  g_autofree char *name = NULL;
  g_autofree char *guid = NULL;
  g_autoptr (KtsCoder) coder = NULL;

  if (key == NULL || key[0] == '\0')
    return NULL;
  coder = g_hash_table_lookup (imp->users, key);
  if (coder != NULL)
    return g_steal_pointer (&coder) /* (transfer none) */;

  name = g_strdup_printf (_ ("Unknown user %u"), ++imp->n_unknown_users);
  guid = kts_guid_is_valid (key) && kts_project_lookup (imp->project, key) == NULL
             ? g_strdup (key)
             : kts_guid_new ();
  coder = kts_coder_new (guid, name);
  if (!kts_project_add_coder (imp->project, coder, NULL))
    return NULL;
  kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                       _ ("work by a user who is not listed in <Users> (%s) is attributed to a "
                          "new coder “%s”"),
                       key, name);
  g_hash_table_insert (imp->users, g_strdup (key), coder);
  return coder;
}

static void
read_notes (Importer *imp, xmlNode *notes)
{
  _kts_refi_foreach_child (node, notes)
  {
    g_autofree char *at = where (imp, node);
    g_autofree char *key = attr_ref (node, "guid");
    g_autofree char *name = _kts_refi_attr (node, "name");
    g_autofree char *text = NULL;

    if (!_kts_refi_is (node, "Note"))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                             node->name);
        continue;
      }
    _kts_refi_foreach_child (child, node)
    {
      if (_kts_refi_is (child, "PlainTextContent"))
        {
          g_autofree char *content = _kts_refi_text (child);

          g_free (text);
          text = kts_text_normalize (content);
        }
    }
    if (text == NULL)
      {
        g_autofree char *path = _kts_refi_attr (node, "plainTextPath");

        if (path != NULL)
          {
            /* Read below, like a source's text, when it is in the archive. */
            const char      *rest = g_str_has_prefix (path, "internal://") ? path + 11 : path;
            g_autofree char *entry_name = g_strconcat (imp->prefix, "sources/", rest, NULL);
            const char      *entry = _kts_refi_zip_find (imp->zip, entry_name);
            g_autoptr (GBytes) bytes
                = entry != NULL
                      ? _kts_refi_zip_read (imp->zip, entry, KTS_REFI_MAX_SOURCE_SIZE, NULL)
                      : NULL;
            g_autofree char *decoded = bytes != NULL
                                           ? kts_text_decode (g_bytes_get_data (bytes, NULL),
                                                              g_bytes_get_size (bytes), NULL, NULL)
                                           : NULL;

            if (decoded != NULL)
              text = kts_text_normalize (decoded);
          }
      }
    if (text != NULL)
      g_strstrip (text);
    if (key == NULL || text == NULL || text[0] == '\0')
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: note “%s” has no text"), at,
                             name != NULL ? name : "");
        continue;
      }
    if (name != NULL)
      g_hash_table_insert (imp->note_names, g_strdup (key), g_steal_pointer (&name));
    g_hash_table_insert (imp->notes, g_steal_pointer (&key), g_steal_pointer (&text));
  }
}

/* Texts of the notes @node refers to with NoteRef children, appended to @out. */
static void
collect_note_refs (Importer *imp, xmlNode *node, GString *out)
{
  _kts_refi_foreach_child (child, node)
  {
    g_autofree char *key = NULL;
    const char      *text;

    if (!_kts_refi_is (child, "NoteRef"))
      continue;
    key = attr_ref (child, "targetGUID");
    text = key != NULL ? g_hash_table_lookup (imp->notes, key) : NULL;
    if (text == NULL)
      {
        g_autofree char *at = where (imp, child);

        kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                             _ ("%s: a reference to a note that does not exist"), at);
        continue;
      }
    g_hash_table_add (imp->used_notes, g_strdup (key));
    if (out->len > 0)
      g_string_append (out, "\n\n");
    g_string_append (out, text);
  }
}

static void
read_variables (Importer *imp, xmlNode *variables)
{
  _kts_refi_foreach_child (node, variables)
  {
    g_autofree char *at = where (imp, node);
    g_autofree char *key = attr_ref (node, "guid");
    g_autofree char *name = _kts_refi_attr (node, "name");

    if (!_kts_refi_is (node, "Variable"))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                             node->name);
        continue;
      }
    if (name != NULL)
      g_strstrip (name);
    if (key == NULL || name == NULL || name[0] == '\0')
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                             _ ("%s: a variable without a guid or a name"), at);
        continue;
      }
    g_hash_table_insert (imp->variables, g_steal_pointer (&key), g_steal_pointer (&name));
  }
}

/* Reads a VariableValue into its variable's name and a text value. */
static gboolean
read_variable_value (Importer *imp, xmlNode *node, char **name, char **value)
{
  g_autofree char *at = where (imp, node);
  const char      *variable = NULL;

  *name = NULL;
  *value = NULL;
  _kts_refi_foreach_child (child, node)
  {
    if (_kts_refi_is (child, "VariableRef"))
      {
        g_autofree char *key = attr_ref (child, "targetGUID");

        variable = key != NULL ? g_hash_table_lookup (imp->variables, key) : NULL;
      }
    else if (g_str_has_suffix ((const char *)child->name, "Value"))
      {
        g_free (*value);
        *value = g_strstrip (_kts_refi_text (child));
      }
  }
  if (variable == NULL)
    {
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                           _ ("%s: a value of a variable that is not defined"), at);
      g_clear_pointer (value, g_free);
      return FALSE;
    }
  *name = g_strdup (variable);
  if (*value == NULL)
    *value = g_strdup ("");
  return TRUE;
}

/* ---- Source texts --------------------------------------------------------------------- */

static GBytes *
read_disk_file (const char *path)
{
  GStatBuf st;
  char    *contents = NULL;
  gsize    length = 0;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode)
      || (guint64)st.st_size > KTS_REFI_MAX_SOURCE_SIZE)
    return NULL;
  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

/* The entry for @name in the archive's sources folder (any letter case), or
 * else anywhere with that base name. */
static const char *
find_internal (Importer *imp, const char *name, gboolean *elsewhere)
{
  g_autofree char *in_sources = g_strconcat (imp->prefix, "sources/", name, NULL);
  const char      *entry = _kts_refi_zip_find (imp->zip, in_sources);
  const GPtrArray *names;

  *elsewhere = FALSE;
  if (entry != NULL)
    return entry;
  names = _kts_refi_zip_get_names (imp->zip);
  for (guint i = 0; i < names->len; i++)
    {
      const char *candidate = g_ptr_array_index (names, i);
      const char *slash = strrchr (candidate, '/');
      const char *base = slash != NULL ? slash + 1 : candidate;

      if (g_ascii_strcasecmp (base, name) == 0 || g_ascii_strcasecmp (candidate, name) == 0)
        {
          *elsewhere = TRUE;
          return candidate;
        }
    }
  return NULL;
}

/* Reads the text a source's plainTextPath names. Returns NULL (having
 * reported why) when it is not there. */
static GBytes *
read_source_path (
    Importer *imp, const char *path, const char *title, const char *at, gboolean has_inline)
{
  /* With a text inside project.qde to fall back on, nothing is lost. */
  KtsRefiLineKind missing = has_inline ? KTS_REFI_WARNING : KTS_REFI_SKIPPED;
  g_autoptr (GError) error = NULL;
  GBytes *bytes = NULL;

  if (g_str_has_prefix (path, "internal://") || strstr (path, "://") == NULL)
    {
      const char *rest = g_str_has_prefix (path, "internal://") ? path + 11 : path;
      gboolean    elsewhere = FALSE;
      const char *entry;

      while (rest[0] == '/')
        rest++;
      if (strstr (path, "://") == NULL)
        kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                             _ ("%s: source “%s”: plainTextPath “%s” has no internal:// prefix; "
                                "read from the archive’s sources folder"),
                             at, title, path);
      entry = find_internal (imp, rest, &elsewhere);
      if (entry == NULL)
        {
          kts_refi_report_add (imp->report, missing,
                               _ ("%s: source “%s”: its text %s is missing from the archive"), at,
                               title, path);
          return NULL;
        }
      if (elsewhere)
        kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                             _ ("%s: source “%s”: found its text as %s, not in sources/"), at,
                             title, entry);
      bytes = _kts_refi_zip_read (imp->zip, entry, KTS_REFI_MAX_SOURCE_SIZE, &error);
      if (bytes == NULL)
        kts_refi_report_add (imp->report, missing, _ ("%s: source “%s”: %s"), at, title,
                             error->message);
      return bytes;
    }

  if (g_str_has_prefix (path, "relative://") || g_str_has_prefix (path, "absolute://"))
    {
      gboolean         relative = g_str_has_prefix (path, "relative://");
      const char      *rest = path + 11;
      g_autofree char *unescaped = g_uri_unescape_string (rest, NULL);
      g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

      if (relative)
        {
          const char *names[] = { rest, unescaped };

          for (guint n = 0; n < G_N_ELEMENTS (names); n++)
            {
              const char *name = names[n];

              if (name == NULL)
                continue;
              while (name[0] == '/')
                name++;
              if (imp->base_path != NULL && imp->base_path[0] != '\0')
                g_ptr_array_add (candidates, g_build_filename (imp->base_path, name, NULL));
              if (imp->dir != NULL)
                g_ptr_array_add (candidates, g_build_filename (imp->dir, name, NULL));
            }
        }
      else
        {
          g_ptr_array_add (candidates, g_strdup (rest));
          if (unescaped != NULL)
            g_ptr_array_add (candidates, g_strdup (unescaped));
        }

      for (guint i = 0; i < candidates->len && bytes == NULL; i++)
        {
          const char *candidate = g_ptr_array_index (candidates, i);

          if (!g_path_is_absolute (candidate))
            continue;
          bytes = read_disk_file (candidate);
          if (bytes != NULL)
            kts_refi_report_add (imp->report, KTS_REFI_INFO,
                                 _ ("%s: source “%s”: read its text from %s, outside the archive"),
                                 at, title, candidate);
        }
      if (bytes == NULL)
        kts_refi_report_add (imp->report, missing,
                             _ ("%s: source “%s”: its text %s is not on this computer"), at, title,
                             path);
      return bytes;
    }

  kts_refi_report_add (imp->report, missing, _ ("%s: source “%s”: cannot read a text from “%s”"),
                       at, title, path);
  return NULL;
}

static gboolean
parse_position (const char *text, gint64 *value)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '+')
    memmove (copy, copy + 1, strlen (copy));
  return g_ascii_string_to_signed (copy, 10, G_MININT32, G_MAXINT32, value, NULL);
}

/* Title for a source without a name: its file name, else a number. */
static char *
fallback_title (Importer *imp, const char *path)
{
  if (path != NULL)
    {
      const char *slash = strrchr (path, '/');
      const char *base = slash != NULL ? slash + 1 : path;

      if (g_str_has_prefix (base, "internal:"))
        base += strlen ("internal:");
      if (base[0] != '\0')
        return g_strdup (base);
    }
  return g_strdup_printf (_ ("Source %u"), imp->sources->len + 1);
}

/* Reads a TextSource's text and selections (phase 1 of 2). */
static void
read_text_source (Importer *imp, xmlNode *node)
{
  g_autofree char *at = where (imp, node);
  g_autofree char *name = _kts_refi_attr (node, "name");
  g_autofree char *path = _kts_refi_attr (node, "plainTextPath");
  g_autofree char *raw_guid = _kts_refi_attr (node, "guid");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *decoded = NULL;
  KtsTextEncoding  encoding = KTS_TEXT_ENCODING_UTF8;
  xmlNode         *content = NULL;
  Source          *source;

  if (name != NULL)
    g_strstrip (name);
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = fallback_title (imp, path);
      kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                           _ ("%s: a text source without a name was called “%s”"), at, name);
    }

  _kts_refi_foreach_child (child, node)
  {
    if (_kts_refi_is (child, "PlainTextContent"))
      content = child;
  }

  if (path != NULL && path[0] != '\0')
    {
      bytes = read_source_path (imp, path, name, at, content != NULL);
      if (bytes == NULL && content == NULL)
        return;
    }
  if (bytes != NULL)
    decoded = kts_text_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &encoding,
                               &error);
  else if (content != NULL)
    {
      if (path != NULL && path[0] != '\0')
        kts_refi_report_add (imp->report, KTS_REFI_INFO,
                             _ ("%s: source “%s”: used the text given in the project file"), at,
                             name);
      g_autofree char *inline_text = _kts_refi_text (content);

      decoded
          = kts_text_decode ((const guint8 *)inline_text, strlen (inline_text), &encoding, &error);
    }
  else
    {
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: source “%s” has no text"), at,
                           name);
      return;
    }
  if (decoded == NULL)
    {
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: source “%s”: %s"), at, name,
                           error->message);
      return;
    }
  if (encoding == KTS_TEXT_ENCODING_WINDOWS_1252 || encoding == KTS_TEXT_ENCODING_UTF16LE
      || encoding == KTS_TEXT_ENCODING_UTF16BE)
    kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                         _ ("%s: source “%s” is not UTF-8; read it as %s"), at, name,
                         kts_text_encoding_get_name (encoding));

  source = g_new0 (Source, 1);
  source->node = node;
  source->title = g_steal_pointer (&name);
  source->where = g_steal_pointer (&at);
  source->guid = g_steal_pointer (&raw_guid);
  source->text = _kts_refi_text_new (decoded, encoding == KTS_TEXT_ENCODING_UTF8_BOM
                                                  || encoding == KTS_TEXT_ENCODING_UTF16LE
                                                  || encoding == KTS_TEXT_ENCODING_UTF16BE);
  source->spans = g_array_new (FALSE, FALSE, sizeof (KtsRefiSpan));
  source->selections = g_ptr_array_new ();
  source->strings = g_ptr_array_new_with_free_func (g_free);

  _kts_refi_foreach_child (child, node)
  {
    g_autofree char *start = NULL;
    g_autofree char *end = NULL;
    KtsRefiSpan      span = { 0 };
    char            *hint;

    if (!_kts_refi_is (child, "PlainTextSelection"))
      continue;
    start = _kts_refi_attr (child, "startPosition");
    end = _kts_refi_attr (child, "endPosition");
    if (!parse_position (start, &span.start) || !parse_position (end, &span.end))
      {
        g_autofree char *sel_at = where (imp, child);

        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                             _ ("%s: a selection in “%s” without valid start and end positions"),
                             sel_at, source->title);
        continue;
      }
    hint = _kts_refi_attr (child, "name");
    if (hint != NULL)
      g_ptr_array_add (source->strings, hint);
    span.hints[0] = hint;
    _kts_refi_foreach_child (description, child)
    {
      if (_kts_refi_is (description, "Description"))
        {
          hint = _kts_refi_text (description);
          g_ptr_array_add (source->strings, hint);
          span.hints[1] = hint;
        }
    }
    g_array_append_val (source->spans, span);
    g_ptr_array_add (source->selections, child);
  }

  for (guint c = 0; c < KTS_REFI_N_COUNTINGS; c++)
    _kts_refi_text_score (source->text, c, (KtsRefiSpan *)(void *)source->spans->data,
                          source->spans->len, &source->scores[c]);
  g_ptr_array_add (imp->sources, source);
}

/* ---- Deciding how positions were counted ---------------------------------------------- */

/* Countings from the most to the least expected, for ties. */
static const KtsRefiCounting preference[KTS_REFI_N_COUNTINGS] = {
  KTS_REFI_COUNTING_DEFAULT,
  KTS_REFI_COUNT_BOM,
  KTS_REFI_COUNT_CRLF_ONE,
  KTS_REFI_COUNT_CRLF_ONE | KTS_REFI_COUNT_BOM,
  KTS_REFI_COUNT_UTF16,
  KTS_REFI_COUNT_UTF16 | KTS_REFI_COUNT_BOM,
  KTS_REFI_COUNT_UTF16 | KTS_REFI_COUNT_CRLF_ONE,
  KTS_REFI_COUNT_UTF16 | KTS_REFI_COUNT_CRLF_ONE | KTS_REFI_COUNT_BOM,
};

static KtsRefiCounting
best_counting (const KtsRefiScore *scores)
{
  KtsRefiCounting best = preference[0];

  for (guint i = 1; i < KTS_REFI_N_COUNTINGS; i++)
    if (_kts_refi_score_compare (&scores[preference[i]], &scores[best]) > 0)
      best = preference[i];
  return best;
}

/* Why @chosen beats every counting that differs in a @relevant way, or NULL
 * when one of them is as good. */
static char *
evidence (const KtsRefiScore *scores, KtsRefiCounting chosen, guint relevant, guint n_selections)
{
  const KtsRefiScore *s = &scores[chosen];
  gboolean            by_matches = TRUE, by_range = TRUE;

  for (guint c = 0; c < KTS_REFI_N_COUNTINGS; c++)
    {
      const KtsRefiScore *o = &scores[c];

      if ((c & relevant) == (chosen & relevant))
        continue;
      if (_kts_refi_score_compare (s, o) <= 0)
        return NULL;
      if (o->matches >= s->matches)
        by_matches = FALSE;
      if (o->matches == s->matches && o->out_of_range <= s->out_of_range)
        by_range = FALSE;
    }
  if (by_matches)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "the text the file gives for %u of %u selection matches "
                                         "only this way",
                                         "the text the file gives for %u of %u selections "
                                         "matches only this way",
                                         n_selections),
                            s->matches, n_selections);
  if (by_range)
    return g_strdup (_ ("other ways put selections outside the text"));
  return g_strdup (_ ("other ways cut characters in two"));
}

static void
decide_countings (Importer *imp)
{
  KtsRefiScore    total[KTS_REFI_N_COUNTINGS] = { { 0 } };
  guint           relevant_all = 0;
  guint           n_selections = 0;
  KtsRefiCounting global;

  for (guint i = 0; i < imp->sources->len; i++)
    {
      Source *source = g_ptr_array_index (imp->sources, i);

      relevant_all |= _kts_refi_text_get_relevant (source->text);
      n_selections += source->spans->len;
      for (guint c = 0; c < KTS_REFI_N_COUNTINGS; c++)
        {
          total[c].matches += source->scores[c].matches;
          total[c].out_of_range += source->scores[c].out_of_range;
          total[c].misaligned += source->scores[c].misaligned;
        }
    }
  global = best_counting (total);

  if (relevant_all != 0 && n_selections > 0)
    {
      g_autofree char *how = _kts_refi_counting_describe (global, relevant_all);
      g_autofree char *why = evidence (total, global, relevant_all, n_selections);

      if (why != NULL)
        kts_refi_report_add (imp->report, KTS_REFI_INFO,
                             _ ("Text positions were counted in %s (%s)."), how, why);
      else
        kts_refi_report_add (imp->report, KTS_REFI_INFO,
                             _ ("Text positions: nothing in the file tells how they were "
                                "counted; read them as %s."),
                             how);
    }

  for (guint i = 0; i < imp->sources->len; i++)
    {
      Source          *source = g_ptr_array_index (imp->sources, i);
      guint            relevant = _kts_refi_text_get_relevant (source->text);
      KtsRefiCounting  local = best_counting (source->scores);
      g_autofree char *how = NULL;
      g_autofree char *why = NULL;

      if (_kts_refi_score_compare (&source->scores[global], &source->scores[local]) == 0)
        source->counting = global;
      else
        source->counting = local;
      if (relevant == 0 || source->spans->len == 0)
        continue;

      how = _kts_refi_counting_describe (source->counting, relevant);
      why = evidence (source->scores, source->counting, relevant, source->spans->len);
      if (source->counting != global)
        kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                             _ ("%s: positions in “%s” were counted differently from the rest "
                                "of the file: in %s (%s)"),
                             source->where, source->title, how, why != NULL ? why : "");
      else if (why != NULL)
        kts_refi_report_add (imp->report, KTS_REFI_INFO,
                             _ ("%s: positions in “%s” counted in %s (%s)"), source->where,
                             source->title, how, why);
      else
        kts_refi_report_add (imp->report, KTS_REFI_INFO,
                             _ ("%s: positions in “%s” read as %s, like the rest of the file "
                                "(this source alone does not tell)"),
                             source->where, source->title, how);
    }
}

/* ---- Documents and codings -------------------------------------------------------- */

static void
parse_speaker_roles (const char *text, GArray *overrides)
{
  g_auto (GStrv) parts = g_strsplit_set (text, ";\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      KtsSpeakerRole role;

      if (kts_text_is_blank (parts[i], -1))
        continue;
      if (kts_speaker_role_parse (parts[i], &role, NULL))
        g_array_append_val (overrides, role);
    }
}

static void
speaker_role_clear (gpointer data)
{
  kts_speaker_role_clear (data);
}

/* Returns the coding added (owned by the project), or NULL. */
static KtsCoding *
add_coding (Importer    *imp,
            Source      *source,
            KtsDocument *document,
            xmlNode     *selection,
            xmlNode     *coding,
            guint        start,
            guint        end,
            const char  *memo,
            guint       *n_added)
{
  g_autofree char *at = where (imp, coding);
  g_autofree char *raw_guid = _kts_refi_attr (coding, "guid");
  g_autofree char *time = _kts_refi_attr (coding, "creationDateTime");
  g_autofree char *guid = NULL;
  g_autoptr (GString) memos = g_string_new (memo);
  g_autoptr (KtsCoding) kc = NULL;
  g_autoptr (GError) error = NULL;
  KtsCoder *coder;
  KtsCode  *code = NULL;
  gint64    created;

  _kts_refi_foreach_child (child, coding)
  {
    if (_kts_refi_is (child, "CodeRef"))
      {
        g_autofree char *key = attr_ref (child, "targetGUID");

        code = _kts_refi_code_reader_lookup (imp->codes, key);
      }
  }
  if (code == NULL)
    {
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                           _ ("%s: a coding in “%s” refers to a code that is not in the codebook"),
                           at, source->title);
      return NULL;
    }

  coder = lookup_user (imp, coding, "creatingUser");
  if (coder == NULL && selection != NULL)
    coder = lookup_user (imp, selection, "creatingUser");
  if (time == NULL && selection != NULL)
    time = _kts_refi_attr (selection, "creationDateTime");
  created = _kts_refi_parse_time (time);

  {
    g_autoptr (GString) own = g_string_new (NULL);

    collect_note_refs (imp, coding, own);
    if (own->len > 0)
      {
        if (memos->len > 0)
          g_string_append (memos, "\n\n");
        g_string_append (memos, own->str);
      }
  }

  guid = item_guid (imp, raw_guid, _ ("a coding"), at);
  kc = g_object_new (KTS_TYPE_CODING, "guid", guid, "document", document, "start", start, "end",
                     end, "code", code, "created", MAX (created, (gint64)0), NULL);
  g_object_set (kc, "coder", coder, "memo", memos->len > 0 ? memos->str : NULL, NULL);
  if (!kts_project_add_coding (imp->project, kc, &error))
    {
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, "%s: %s", at, error->message);
      return NULL;
    }
  (*n_added)++;
  return kc; /* the project holds a reference */
}

static void
create_document (Importer *imp, Source *source)
{
  g_autoptr (GArray) overrides = g_array_new (FALSE, FALSE, sizeof (KtsSpeakerRole));
  g_autoptr (GArray) speakers = NULL;
  g_autoptr (GArray) turns = NULL;
  g_autoptr (GPtrArray) attributes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) notes = g_string_new (NULL);
  g_autoptr (KtsDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *raw_key = ref_key (source->guid);
  const char      *text = _kts_refi_text_get_normalized (source->text);
  guint            n_added = 0, n_uncoded = 0, n_outside = 0;

  g_array_set_clear_func (overrides, speaker_role_clear);

  /* Attributes, and the speaker roles a Kintsugi export carries. */
  _kts_refi_foreach_child (child, source->node)
  {
    if (_kts_refi_is (child, "VariableValue"))
      {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;

        if (!read_variable_value (imp, child, &name, &value))
          continue;
        if (strcmp (name, SPEAKER_ROLES_VARIABLE) == 0)
          parse_speaker_roles (value, overrides);
        else if (value[0] != '\0')
          {
            g_ptr_array_add (attributes, g_steal_pointer (&name));
            g_ptr_array_add (attributes, g_steal_pointer (&value));
          }
      }
    else if (_kts_refi_is (child, "Description"))
      {
        g_autofree char *value = g_strstrip (_kts_refi_text (child));

        if (value[0] != '\0')
          {
            g_ptr_array_add (attributes, g_strdup ("description"));
            g_ptr_array_add (attributes, g_steal_pointer (&value));
          }
      }
    else if (_kts_refi_is (child, "NoteRef"))
      ; /* below */
    else if (!_kts_refi_is (child, "PlainTextContent")
             && !_kts_refi_is (child, "PlainTextSelection") && !_kts_refi_is (child, "Coding"))
      {
        g_autofree char *at = where (imp, child);

        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                             _ ("%s: unknown element <%s> in source “%s”"), at, child->name,
                             source->title);
      }
  }
  collect_note_refs (imp, source->node, notes);
  if (notes->len > 0)
    {
      g_ptr_array_add (attributes, g_strdup ("note"));
      g_ptr_array_add (attributes, g_strdup (notes->str));
    }

  guid = item_guid (imp, source->guid, source->title, source->where);
  document = kts_document_new (guid, source->title, text);
  g_object_set (document, "source-name", source->title, NULL);
  if (kts_turns_detect (text, (KtsSpeakerRole *)(void *)overrides->data, overrides->len, &speakers,
                        &turns, NULL))
    kts_document_set_turns (document, (KtsSpeaker *)(void *)speakers->data, speakers->len,
                            (KtsTurn *)(void *)turns->data, turns->len, NULL);
  if (!kts_project_add_document (imp->project, document, -1, &error))
    {
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, "%s: %s", source->where, error->message);
      return;
    }
  if (raw_key != NULL)
    g_hash_table_insert (imp->documents, g_steal_pointer (&raw_key), document);
  for (guint i = 0; i + 1 < attributes->len; i += 2)
    kts_project_set_document_attribute (imp->project, document, g_ptr_array_index (attributes, i),
                                        g_ptr_array_index (attributes, i + 1));

  /* The whole source coded. */
  _kts_refi_foreach_child (child, source->node)
  {
    if (_kts_refi_is (child, "Coding"))
      add_coding (imp, source, document, NULL, child, 0, kts_document_get_n_characters (document),
                  NULL, &n_added);
  }

  for (guint i = 0; i < source->selections->len; i++)
    {
      xmlNode           *selection = g_ptr_array_index (source->selections, i);
      const KtsRefiSpan *span = &g_array_index (source->spans, KtsRefiSpan, i);
      g_autofree char   *at = where (imp, selection);
      g_autoptr (GString) memo = g_string_new (NULL);
      g_autofree char *selection_key = attr_ref (selection, "guid");
      guint            start, end;
      gboolean         has_coding = FALSE;

      if (span->start >= span->end
          || !_kts_refi_text_convert (source->text, source->counting, span->start, FALSE, &start)
          || !_kts_refi_text_convert (source->text, source->counting, span->end, TRUE, &end)
          || start >= end)
        {
          n_outside++;
          kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                               _ ("%s: selection %lld–%lld is empty or outside the text of “%s”"),
                               at, (long long)span->start, (long long)span->end, source->title);
          continue;
        }

      /* A description that is not the selected text is a comment on it. */
      if (span->hints[1] != NULL && !kts_text_is_blank (span->hints[1], -1))
        {
          g_autofree char *selected = _kts_refi_text_slice (source->text, start, end);

          if (!_kts_refi_hint_matches (span->hints[1], selected))
            {
              g_autofree char *comment = g_strstrip (kts_text_normalize (span->hints[1]));

              g_string_append (memo, comment);
            }
        }
      collect_note_refs (imp, selection, memo);

      _kts_refi_foreach_child (child, selection)
      {
        if (_kts_refi_is (child, "Coding"))
          {
            KtsCoding *coding = add_coding (imp, source, document, selection, child, start, end,
                                            memo->str, &n_added);

            has_coding = TRUE;
            if (coding != NULL && selection_key != NULL)
              {
                GPtrArray *list = g_hash_table_lookup (imp->selections, selection_key);

                if (list == NULL)
                  {
                    list = g_ptr_array_new ();
                    g_hash_table_insert (imp->selections, g_strdup (selection_key), list);
                  }
                g_ptr_array_add (list, coding);
              }
          }
        else if (!_kts_refi_is (child, "Description") && !_kts_refi_is (child, "NoteRef"))
          {
            g_autofree char *child_at = where (imp, child);

            kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                                 _ ("%s: unknown element <%s> in a selection"), child_at,
                                 child->name);
          }
      }
      if (!has_coding)
        {
          n_uncoded++;
          if (memo->len > 0)
            kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                                 _ ("%s: a selection in “%s” has a note but no code; Kintsugi "
                                    "keeps notes on codings only"),
                                 at, source->title);
        }
    }

  kts_refi_report_add (imp->report, KTS_REFI_ADDED,
                       g_dngettext (GETTEXT_PACKAGE, "document “%s” with %u coding",
                                    "document “%s” with %u codings", n_added),
                       source->title, n_added);
  if (n_uncoded > 0)
    kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "%s: %u selection in “%s” has no code (Kintsugi keeps "
                                      "coded passages only)",
                                      "%s: %u selections in “%s” have no code (Kintsugi keeps "
                                      "coded passages only)",
                                      n_uncoded),
                         source->where, n_uncoded, source->title);
}

/* ---- Cases ---------------------------------------------------------------------------------- */

static void
read_cases (Importer *imp, xmlNode *cases)
{
  guint n = 0;

  _kts_refi_foreach_child (node, cases)
  {
    g_autofree char *at = where (imp, node);
    g_autofree char *raw_guid = _kts_refi_attr (node, "guid");
    g_autofree char *label = _kts_refi_attr (node, "name");
    g_autofree char *guid = NULL;
    g_autoptr (GPtrArray) documents = g_ptr_array_new ();
    g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (GString) notes = g_string_new (NULL);
    g_autoptr (KtsCase) kase = NULL;
    g_autoptr (GError) error = NULL;
    guint n_selections = 0, n_codes = 0;

    if (!_kts_refi_is (node, "Case"))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                             node->name);
        continue;
      }
    n++;
    if (label != NULL)
      g_strstrip (label);
    if (label == NULL || label[0] == '\0')
      {
        g_free (label);
        label = g_strdup_printf (_ ("Case %u"), n);
      }

    _kts_refi_foreach_child (child, node)
    {
      if (_kts_refi_is (child, "Description"))
        {
          g_autofree char *text = g_strstrip (_kts_refi_text (child));

          g_string_append (notes, text);
        }
      else if (_kts_refi_is (child, "SourceRef"))
        {
          g_autofree char *key = attr_ref (child, "targetGUID");
          KtsDocument *document = key != NULL ? g_hash_table_lookup (imp->documents, key) : NULL;

          if (document != NULL)
            g_ptr_array_add (documents, document);
        }
      else if (_kts_refi_is (child, "VariableValue"))
        {
          char *name, *value;

          if (read_variable_value (imp, child, &name, &value))
            {
              g_ptr_array_add (values, name);
              g_ptr_array_add (values, value);
            }
        }
      else if (_kts_refi_is (child, "SelectionRef"))
        n_selections++;
      else if (_kts_refi_is (child, "CodeRef"))
        n_codes++;
      else
        {
          g_autofree char *child_at = where (imp, child);

          kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                               _ ("%s: unknown element <%s> in case “%s”"), child_at, child->name,
                               label);
        }
    }

    guid = item_guid (imp, raw_guid, label, at);
    kase = kts_case_new (guid, label);
    if (documents->len == 0)
      for (guint i = 0; i + 1 < values->len; i += 2)
        g_string_append_printf (notes, "%s%s: %s", notes->len > 0 ? "\n" : "",
                                (char *)g_ptr_array_index (values, i),
                                (char *)g_ptr_array_index (values, i + 1));
    if (notes->len > 0)
      g_object_set (kase, "notes", notes->str, NULL);
    if (!kts_project_add_case (imp->project, kase, &error))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, "%s: %s", at, error->message);
        continue;
      }
    kts_refi_report_add (imp->report, KTS_REFI_ADDED,
                         g_dngettext (GETTEXT_PACKAGE, "case “%s” with %u document",
                                      "case “%s” with %u documents", documents->len),
                         label, documents->len);

    for (guint d = 0; d < documents->len; d++)
      {
        KtsDocument *document = g_ptr_array_index (documents, d);
        const char  *current = kts_document_get_attribute (document, "case");

        if (current != NULL && strcmp (current, label) != 0)
          {
            g_autofree char *both = g_strdup_printf ("%s, %s", current, label);

            kts_project_set_document_attribute (imp->project, document, "case", both);
          }
        else
          kts_project_set_document_attribute (imp->project, document, "case", label);
        for (guint i = 0; i + 1 < values->len; i += 2)
          if (kts_document_get_attribute (document, g_ptr_array_index (values, i)) == NULL)
            kts_project_set_document_attribute (imp->project, document,
                                                g_ptr_array_index (values, i),
                                                g_ptr_array_index (values, i + 1));
      }
    if (n_selections > 0)
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "%s: case “%s”: %u link to a selection (Kintsugi links "
                                        "cases to whole documents)",
                                        "%s: case “%s”: %u links to selections (Kintsugi links "
                                        "cases to whole documents)",
                                        n_selections),
                           at, label, n_selections);
    if (n_codes > 0)
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                           g_dngettext (GETTEXT_PACKAGE, "%s: case “%s”: %u code applied to it",
                                        "%s: case “%s”: %u codes applied to it", n_codes),
                           at, label, n_codes);
  }
}

/* ---- Episodes written by Kintsugi ------------------------------------------------------ */

/* The member GUIDs (keys) of @set's children named @element, in order. */
static GPtrArray *
set_members (xmlNode *set, const char *element)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  _kts_refi_foreach_child (child, set)
  {
    char *key;

    if (!_kts_refi_is (child, element))
      continue;
    key = attr_ref (child, "targetGUID");
    if (key != NULL)
      g_ptr_array_add (keys, key);
  }
  return keys;
}

static gboolean
note_starts_with (Importer *imp, const char *key, const char *prefix)
{
  const char *text = g_hash_table_lookup (imp->notes, key);

  return text != NULL && g_str_has_prefix (text, prefix);
}

static KtsCase *
find_case (KtsProject *project, const char *label)
{
  GListModel *cases = kts_project_get_cases (project);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr (KtsCase) kase = g_list_model_get_item (cases, i);

      if (g_strcmp0 (kts_case_get_label (kase), label) == 0)
        return kase;
    }
  return NULL;
}

/* "TITLE 12–345": the range at the end. */
static gboolean
parse_range (const char *text, guint *start, guint *end)
{
  const char *space = strrchr (text, ' ');
  g_auto (GStrv) parts = NULL;
  guint64 s, e;

  parts = g_strsplit (space != NULL ? space + 1 : text, "–", 2);
  if (parts[0] == NULL || parts[1] == NULL
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &s, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &e, NULL))
    return FALSE;
  *start = (guint)s;
  *end = (guint)e;
  return TRUE;
}

/* The code key in an "Anchor:" line: "TITLE 12–34 (KEY)". */
static char *
anchor_key (const char *line)
{
  const char *open = line != NULL ? strrchr (line, '(') : NULL;
  gsize       len;

  if (open == NULL || !g_str_has_suffix (line, ")"))
    return NULL;
  len = strlen (open + 1);
  return g_strndup (open + 1, len - 1);
}

static void
report_problems (Importer *imp, xmlNode *node, const char *what, GPtrArray *problems)
{
  g_autofree char *at = where (imp, node);

  for (guint i = 0; i < problems->len; i++)
    kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                         _ ("%s: %s: “%s” is not understood; left out"), at, what,
                         (char *)g_ptr_array_index (problems, i));
}

/* The anchors of a move: the links named "anchor" from its note to
 * selections; where a selection has several codings, the code key of the
 * note's matching "Anchor:" line picks one. */
static GPtrArray *
move_anchors (Importer *imp, xmlNode *links, const char *move_key, GPtrArray *fields)
{
  GPtrArray *anchors = g_ptr_array_new ();
  guint      k = 0;

  if (links == NULL)
    return anchors;
  _kts_refi_foreach_child (link, links)
  {
    g_autofree char *origin = attr_ref (link, "originGUID");
    g_autofree char *target = attr_ref (link, "targetGUID");
    g_autofree char *name = _kts_refi_attr (link, "name");
    g_autofree char *guid = attr_ref (link, "guid");
    g_autofree char *key = NULL;
    GPtrArray       *codings;
    KtsCoding       *chosen = NULL;
    guint            seen = 0;

    if (!_kts_refi_is (link, "Link") || g_strcmp0 (name, "anchor") != 0
        || g_strcmp0 (origin, move_key) != 0 || target == NULL)
      continue;
    if (guid != NULL)
      g_hash_table_add (imp->consumed, g_strdup (guid));

    /* The k-th "Anchor:" line of the note. */
    for (guint i = 0; i + 1 < fields->len; i += 2)
      if (strcmp (g_ptr_array_index (fields, i), "Anchor") == 0 && seen++ == k)
        key = anchor_key (g_ptr_array_index (fields, i + 1));
    k++;

    codings = g_hash_table_lookup (imp->selections, target);
    for (guint i = 0; codings != NULL && i < codings->len && chosen == NULL; i++)
      {
        KtsCoding *coding = g_ptr_array_index (codings, i);

        if (key == NULL
            || g_strcmp0 (kts_code_get_display_key (kts_coding_get_code (coding)), key) == 0)
          chosen = coding;
      }
    if (chosen == NULL && codings != NULL && codings->len > 0)
      chosen = g_ptr_array_index (codings, 0);
    if (chosen != NULL && !g_ptr_array_find (anchors, chosen, NULL))
      g_ptr_array_add (anchors, chosen);
  }
  return anchors;
}

static int
compare_move_numbers (gconstpointer a, gconstpointer b, gpointer user_data)
{
  Importer   *imp = user_data;
  const char *ta = g_hash_table_lookup (imp->notes, *(const char *const *)a);
  const char *tb = g_hash_table_lookup (imp->notes, *(const char *const *)b);
  guint64     na = g_ascii_strtoull (ta + strlen ("Move: "), NULL, 10);
  guint64     nb = g_ascii_strtoull (tb + strlen ("Move: "), NULL, 10);

  return na < nb ? -1 : na > nb;
}

/* Adds the edges of the graph whose vertices stand for @episode's moves. */
static guint
read_episode_edges (Importer *imp, xmlNode *graphs, KtsEpisode *episode, GHashTable *moves)
{
  guint n_edges = 0;

  if (graphs == NULL)
    return 0;
  _kts_refi_foreach_child (graph, graphs)
  {
    g_autoptr (GHashTable) vertices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *graph_guid = attr_ref (graph, "guid");
    gboolean         ours = FALSE;

    _kts_refi_foreach_child (vertex, graph)
    {
      g_autofree char *key = attr_ref (vertex, "guid");
      g_autofree char *represented = attr_ref (vertex, "representedGUID");
      KtsMove         *move = represented != NULL ? g_hash_table_lookup (moves, represented) : NULL;

      if (_kts_refi_is (vertex, "Vertex") && key != NULL && move != NULL)
        {
          g_hash_table_insert (vertices, g_steal_pointer (&key), move);
          ours = TRUE;
        }
    }
    if (!ours)
      continue;
    if (graph_guid != NULL)
      g_hash_table_add (imp->consumed, g_steal_pointer (&graph_guid));

    _kts_refi_foreach_child (node, graph)
    {
      g_autofree char *source = attr_ref (node, "sourceVertex");
      g_autofree char *target = attr_ref (node, "targetVertex");
      g_autofree char *name = _kts_refi_attr (node, "name");
      g_autofree char *raw_guid = _kts_refi_attr (node, "guid");
      g_autofree char *at = where (imp, node);
      g_autofree char *label = NULL;
      g_autofree char *guid = NULL;
      g_autoptr (KtsEdge) edge = NULL;
      g_autoptr (GError) error = NULL;
      KtsMove    *from, *to;
      KtsEdgeType type;
      int         count;

      if (!_kts_refi_is (node, "Edge"))
        continue;
      from = source != NULL ? g_hash_table_lookup (vertices, source) : NULL;
      to = target != NULL ? g_hash_table_lookup (vertices, target) : NULL;
      if (from == NULL || to == NULL || name == NULL
          || !_kts_refi_parse_edge_name (name, &type, &count, &label))
        {
          kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                               _ ("%s: an edge of episode “%s” that is not understood"), at,
                               kts_episode_get_name (episode));
          continue;
        }
      guid = item_guid (imp, raw_guid, _ ("an edge"), at);
      edge = kts_edge_new (guid, type, from, to);
      g_object_set (edge, "count", count, "label", label, NULL);
      if (!kts_project_add_edge (imp->project, episode, edge, &error))
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, "%s: %s", at, error->message);
      else
        n_edges++;
    }
  }
  return n_edges;
}

/* Kintsugi writes each episode as a set of its transcript, a note on the
 * episode and a note per move, a graph and anchor links (docs/refi.md);
 * this reads them back. Sets of other programs are left alone. */
static void
read_episodes (Importer *imp, xmlNode *sets, xmlNode *graphs, xmlNode *links)
{
  _kts_refi_foreach_child (set, sets)
  {
    g_autoptr (GPtrArray) notes = set_members (set, "MemberNote");
    g_autoptr (GPtrArray) sources = set_members (set, "MemberSource");
    g_autoptr (GPtrArray) move_keys = g_ptr_array_new ();
    g_autoptr (GPtrArray) fields = NULL;
    g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (GHashTable) moves = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr (KtsEpisode) episode = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *raw_guid = _kts_refi_attr (set, "guid");
    g_autofree char *set_key = attr_ref (set, "guid");
    g_autofree char *at = where (imp, set);
    g_autofree char *guid = NULL;
    const char      *episode_key = NULL;
    const char      *value;
    guint            n_moves = 0, n_edges, n_anchors = 0;
    guint            start, end;

    if (!_kts_refi_is (set, "Set"))
      continue;
    for (guint i = 0; i < notes->len; i++)
      {
        const char *key = g_ptr_array_index (notes, i);

        if (episode_key == NULL && note_starts_with (imp, key, "Episode: "))
          episode_key = key;
        else if (note_starts_with (imp, key, "Move: "))
          g_ptr_array_add (move_keys, (gpointer)key);
      }
    if (episode_key == NULL)
      continue;

    fields = _kts_refi_parse_note (g_hash_table_lookup (imp->notes, episode_key));
    guid = item_guid (imp, raw_guid, _ ("an episode"), at);
    episode = kts_episode_new (guid, _kts_refi_note_field (fields, "Episode"));
    _kts_refi_apply_episode_fields (episode, fields, problems);
    if ((value = _kts_refi_note_field (fields, "Case")) != NULL)
      g_object_set (episode, "case", find_case (imp->project, value), NULL);
    if (sources->len > 0)
      {
        KtsDocument *document
            = g_hash_table_lookup (imp->documents, g_ptr_array_index (sources, 0));

        g_object_set (episode, "document", document, NULL);
        value = _kts_refi_note_field (fields, "Transcript");
        if (document != NULL && value != NULL && parse_range (value, &start, &end) && start <= end
            && end <= kts_document_get_n_characters (document))
          g_object_set (episode, "start", start, "end", end, NULL);
      }
    report_problems (imp, set, kts_episode_get_name (episode), problems);
    if (!kts_project_add_episode (imp->project, episode, &error))
      {
        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, "%s: %s", at, error->message);
        continue;
      }
    g_hash_table_add (imp->consumed, g_steal_pointer (&set_key));
    g_hash_table_add (imp->used_notes, g_strdup (episode_key));

    g_ptr_array_sort_with_data (move_keys, compare_move_numbers, imp);
    for (guint i = 0; i < move_keys->len; i++)
      {
        const char *key = g_ptr_array_index (move_keys, i);
        g_autoptr (GPtrArray) move_fields
            = _kts_refi_parse_note (g_hash_table_lookup (imp->notes, key));
        g_autoptr (GPtrArray) anchors = NULL;
        g_autoptr (KtsMove) move = NULL;
        g_autofree char *move_guid = item_guid (imp, key, _ ("a move"), at);
        const char      *quote = _kts_refi_note_field (move_fields, "Quote");

        g_ptr_array_set_size (problems, 0);
        move = kts_move_new (move_guid, _kts_refi_note_field (move_fields, "Label"));
        _kts_refi_apply_move_fields (move, move_fields, problems);
        report_problems (imp, set, kts_episode_get_name (episode), problems);
        if (!kts_project_add_move (imp->project, episode, move, -1, &error))
          {
            kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, "%s: %s", at, error->message);
            g_clear_error (&error);
            continue;
          }
        g_hash_table_add (imp->used_notes, g_strdup (key));
        g_hash_table_insert (moves, (gpointer)key, move);
        n_moves++;

        anchors = move_anchors (imp, links, key, move_fields);
        if (anchors->len > 0
            && kts_project_set_move_anchors (imp->project, move, (KtsCoding **)anchors->pdata,
                                             anchors->len, NULL))
          n_anchors += anchors->len;
        /* The quote is written as the primary quote: keep it only when it is
         * not just the first anchor's text. */
        if (quote != NULL)
          {
            g_autofree char *derived = kts_move_dup_primary_quote (move);

            if (g_strcmp0 (derived, quote) != 0)
              kts_project_set_string (imp->project, move, "quote", quote);
          }
      }

    n_edges = read_episode_edges (imp, graphs, episode, moves);
    kts_refi_report_add (imp->report, KTS_REFI_ADDED,
                         _ ("episode “%s” with %u moves, %u edges and %u anchors"),
                         kts_episode_get_name (episode), n_moves, n_edges, n_anchors);
  }
}

/* ---- The whole file ---------------------------------------------------------------------- */

static const char *
other_source_kind (xmlNode *node)
{
  if (_kts_refi_is (node, "PictureSource"))
    return _ ("picture");
  if (_kts_refi_is (node, "PDFSource"))
    return _ ("PDF");
  if (_kts_refi_is (node, "AudioSource"))
    return _ ("audio");
  if (_kts_refi_is (node, "VideoSource"))
    return _ ("video");
  return NULL;
}

static guint
count_descendants (xmlNode *node, const char *name)
{
  guint n = 0;

  _kts_refi_foreach_child (child, node)
  {
    if (_kts_refi_is (child, name))
      n++;
    n += count_descendants (child, name);
  }
  return n;
}

/* Collects the GUIDs of codes that sources apply, to keep those codable. */
static void
collect_coded (Importer *imp, xmlNode *node)
{
  _kts_refi_foreach_child (child, node)
  {
    if (_kts_refi_is (child, "CodeRef") && _kts_refi_is (node, "Coding"))
      {
        char *key = attr_ref (child, "targetGUID");

        if (key != NULL)
          g_hash_table_add (imp->coded, key);
      }
    else
      collect_coded (imp, child);
  }
}

static void
keep_coded_codes_codable (Importer *imp)
{
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, imp->coded);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      KtsCode *code = _kts_refi_code_reader_lookup (imp->codes, key);

      if (code != NULL && !kts_code_get_codable (code))
        {
          kts_project_set_boolean (imp->project, code, "codable", TRUE);
          kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                               _ ("code “%s” is marked as not for coding, but the file codes "
                                  "passages with it; it is made codable"),
                               kts_code_get_name (code));
        }
    }
}

/* Finds project.qde (any letter case) at the top, or else the one .qde file. */
static const char *
find_qde (Importer *imp)
{
  const GPtrArray *names = _kts_refi_zip_get_names (imp->zip);
  const char      *found = _kts_refi_zip_find (imp->zip, "project.qde");
  guint            n_qde = 0;

  if (found != NULL)
    return found;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gsize       len = strlen (name);

      if (len >= 4 && g_ascii_strcasecmp (name + len - 4, ".qde") == 0)
        {
          found = name;
          n_qde++;
        }
    }
  return n_qde == 1 ? found : NULL;
}

static gboolean
import_project (Importer *imp, GBytes *bytes, GError **error)
{
  g_autoptr (GBytes) qde = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (GHashTable) project_notes
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *title = NULL;
  xmlNode         *root;
  xmlNode         *codebook = NULL, *sources = NULL, *notes = NULL, *users = NULL;
  xmlNode         *variables = NULL, *cases = NULL;
  xmlNode         *sets = NULL, *graphs = NULL, *links = NULL;
  const char      *qde_entry;
  const char      *slash;

  imp->zip = _kts_refi_zip_open (bytes, imp->name, error);
  if (imp->zip == NULL)
    return FALSE;
  qde_entry = find_qde (imp);
  if (qde_entry == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                   _ ("%s: not a REFI-QDA project: there is no project.qde in the archive"),
                   imp->name);
      return FALSE;
    }
  slash = strrchr (qde_entry, '/');
  imp->prefix
      = slash != NULL ? g_strndup (qde_entry, (gsize)(slash - qde_entry) + 1) : g_strdup ("");
  imp->qde_name = g_strdup (qde_entry);
  imp->codes = _kts_refi_code_reader_new (imp->project, imp->report, imp->qde_name, FALSE);
  if (strcmp (qde_entry, "project.qde") != 0)
    kts_refi_report_add (imp->report, KTS_REFI_INFO, _ ("read the project from %s"), qde_entry);

  qde = _kts_refi_zip_read (imp->zip, qde_entry, KTS_REFI_MAX_QDE_SIZE, error);
  if (qde == NULL)
    return FALSE;
  doc = _kts_refi_parse_xml (qde, imp->qde_name, KTS_REFI_MAX_QDE_SIZE, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !_kts_refi_is (root, "Project"))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                   _ ("%s: not a REFI-QDA project: the root element is <%s>, not <Project>"),
                   imp->qde_name, root != NULL ? (const char *)root->name : "");
      return FALSE;
    }
  if (root->ns == NULL || g_strcmp0 ((const char *)root->ns->href, KTS_REFI_PROJECT_NAMESPACE) != 0)
    kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                         _ ("%s: the project is not in the namespace %s; read it anyway"),
                         imp->qde_name, KTS_REFI_PROJECT_NAMESPACE);

  title = _kts_refi_attr (root, "name");
  if (title != NULL)
    g_strstrip (title);
  if (title == NULL || title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (imp->name);
      if (g_str_has_suffix (title, ".qdpx"))
        title[strlen (title) - 5] = '\0';
      kts_refi_report_add (imp->report, KTS_REFI_WARNING,
                           _ ("%s: the project has no name; called it “%s”"), imp->qde_name, title);
    }
  kts_project_set_title (imp->project, title);
  imp->base_path = _kts_refi_attr (root, "basePath");
  {
    g_autofree char *origin = _kts_refi_attr (root, "origin");

    if (origin != NULL)
      kts_refi_report_add (imp->report, KTS_REFI_INFO, _ ("written by %s"), origin);
  }

  /* Sections in any order; the ones others refer to are read first. */
  _kts_refi_foreach_child (child, root)
  {
    if (_kts_refi_is (child, "Users"))
      users = child;
    else if (_kts_refi_is (child, "CodeBook"))
      codebook = child;
    else if (_kts_refi_is (child, "Variables"))
      variables = child;
    else if (_kts_refi_is (child, "Cases"))
      cases = child;
    else if (_kts_refi_is (child, "Sources"))
      sources = child;
    else if (_kts_refi_is (child, "Notes"))
      notes = child;
  }
  if (users != NULL)
    read_users (imp, users);
  if (notes != NULL)
    read_notes (imp, notes);
  if (variables != NULL)
    read_variables (imp, variables);

  if (codebook != NULL)
    {
      _kts_refi_foreach_child (child, codebook)
      {
        if (_kts_refi_is (child, "Codes"))
          {
            if (!_kts_refi_code_reader_parse (imp->codes, child, imp->notes, imp->used_notes,
                                              error))
              return FALSE;
          }
        else
          {
            g_autofree char *at = where (imp, child);

            kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                                 child->name);
          }
      }
      if (!_kts_refi_code_reader_apply (imp->codes, error))
        return FALSE;
    }

  if (sources != NULL)
    {
      collect_coded (imp, sources);
      keep_coded_codes_codable (imp);
      _kts_refi_foreach_child (child, sources)
      {
        g_autofree char *at = where (imp, child);
        const char      *kind = other_source_kind (child);

        if (_kts_refi_is (child, "TextSource"))
          read_text_source (imp, child);
        else if (kind != NULL)
          {
            g_autofree char *name = _kts_refi_attr (child, "name");
            guint            n_codings = count_descendants (child, "Coding");

            kts_refi_report_add (
                imp->report, KTS_REFI_SKIPPED,
                g_dngettext (GETTEXT_PACKAGE,
                             "%s: %s source “%s” with %u coding (Kintsugi imports text sources "
                             "only)",
                             "%s: %s source “%s” with %u codings (Kintsugi imports text sources "
                             "only)",
                             n_codings),
                at, kind, name != NULL ? name : "", n_codings);
          }
        else
          kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                               child->name);
      }
      decide_countings (imp);
      for (guint i = 0; i < imp->sources->len; i++)
        create_document (imp, g_ptr_array_index (imp->sources, i));
    }

  if (cases != NULL)
    read_cases (imp, cases);
  _kts_refi_foreach_child (child, root)
  {
    if (_kts_refi_is (child, "Sets"))
      sets = child;
    else if (_kts_refi_is (child, "Graphs"))
      graphs = child;
    else if (_kts_refi_is (child, "Links"))
      links = child;
  }
  if (sets != NULL)
    read_episodes (imp, sets, graphs, links);

  _kts_refi_foreach_child (child, root)
  {
    g_autofree char *at = where (imp, child);

    if (_kts_refi_is (child, "Users") || _kts_refi_is (child, "CodeBook")
        || _kts_refi_is (child, "Variables") || _kts_refi_is (child, "Cases")
        || _kts_refi_is (child, "Sources") || _kts_refi_is (child, "Notes"))
      continue;
    if (_kts_refi_is (child, "Sets") || _kts_refi_is (child, "Graphs"))
      {
        gboolean is_sets = _kts_refi_is (child, "Sets");

        _kts_refi_foreach_child (item, child)
        {
          g_autofree char *item_at = where (imp, item);
          g_autofree char *name = _kts_refi_attr (item, "name");
          g_autofree char *key = attr_ref (item, "guid");

          if (key != NULL && g_hash_table_contains (imp->consumed, key))
            continue;

          if (is_sets)
            kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                                 _ ("%s: set “%s” (Kintsugi has no sets)"), item_at,
                                 name != NULL ? name : "");
          else
            kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                                 _ ("%s: graph “%s” (Kintsugi does not import graphs)"), item_at,
                                 name != NULL ? name : "");
        }
      }
    else if (_kts_refi_is (child, "Links"))
      {
        guint n = 0;

        _kts_refi_foreach_child (link, child)
        {
          g_autofree char *key = attr_ref (link, "guid");

          if (key == NULL || !g_hash_table_contains (imp->consumed, key))
            n++;
        }
        if (n == 0)
          continue;

        kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%s: %u link between items (Kintsugi does not import "
                                          "links)",
                                          "%s: %u links between items (Kintsugi does not import "
                                          "links)",
                                          n),
                             at, n);
      }
    else if (_kts_refi_is (child, "Description"))
      {
        g_autofree char *text = g_strstrip (_kts_refi_text (child));

        if (text[0] != '\0')
          kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                               _ ("%s: the project’s description (Kintsugi has no place for it): "
                                  "%s"),
                               at, text);
      }
    else if (_kts_refi_is (child, "NoteRef"))
      ; /* project notes: below */
    else
      kts_refi_report_add (imp->report, KTS_REFI_SKIPPED, _ ("%s: unknown element <%s>"), at,
                           child->name);
  }

  /* Notes that went nowhere: project notes and notes on skipped things. */
  _kts_refi_foreach_child (child, root)
  {
    g_autofree char *key = NULL;

    if (!_kts_refi_is (child, "NoteRef"))
      continue;
    key = attr_ref (child, "targetGUID");
    if (key != NULL && !g_hash_table_contains (imp->used_notes, key)
        && g_hash_table_contains (imp->notes, key))
      g_hash_table_add (project_notes, g_steal_pointer (&key));
  }
  if (notes != NULL)
    {
      _kts_refi_foreach_child (node, notes)
      {
        g_autofree char *key = attr_ref (node, "guid");
        g_autofree char *at = where (imp, node);
        const char      *text;
        const char      *name;
        g_autofree char *excerpt = NULL;

        if (key == NULL || g_hash_table_contains (imp->used_notes, key))
          continue;
        text = g_hash_table_lookup (imp->notes, key);
        if (text == NULL)
          continue;
        name = g_hash_table_lookup (imp->note_names, key);
        excerpt = g_utf8_strlen (text, -1) > 80 ? g_strdup_printf (
                      "%.*s…", (int)(g_utf8_offset_to_pointer (text, 79) - text), text)
                                                : g_strdup (text);
        g_strdelimit (excerpt, "\n", ' ');
        if (g_hash_table_contains (project_notes, key))
          kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                               _ ("%s: project note “%s” (Kintsugi has no project notes): %s"), at,
                               name != NULL ? name : "", excerpt);
        else
          kts_refi_report_add (imp->report, KTS_REFI_SKIPPED,
                               _ ("%s: note “%s” is not attached to anything Kintsugi keeps: %s"),
                               at, name != NULL ? name : "", excerpt);
      }
    }

  return TRUE;
}

KtsProject *
kts_refi_import_qdpx (GBytes *bytes, const char *filename, KtsRefiReport **report, GError **error)
{
  Importer imp = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (report == NULL || *report == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  imp.report = kts_refi_report_new ();
  imp.name = filename != NULL ? g_path_get_basename (filename) : g_strdup (_ ("project"));
  if (filename != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (filename);
      g_autofree char *absolute = g_canonicalize_filename (dir, NULL);

      imp.dir = g_steal_pointer (&absolute);
    }
  imp.project = kts_project_new ();
  imp.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.note_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.used_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.coded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.sources = g_ptr_array_new_with_free_func (source_free);
  imp.selections
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  imp.consumed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!import_project (&imp, bytes, error))
    {
      importer_clear (&imp);
      return NULL;
    }

  kts_project_clear_undo (imp.project);
  if (report != NULL)
    *report = kts_refi_report_ref (imp.report);
  {
    KtsProject *project = g_steal_pointer (&imp.project);

    importer_clear (&imp);
    return project;
  }
}

/* ==========================================================================
 * Export
 * ========================================================================== */

typedef struct
{
  KtsProject    *project;
  xmlTextWriter *writer;
  GPtrArray     *attribute_names; /* distinct document attribute names, in order */
  gboolean       write_roles;     /* some document has roles that differ from the defaults */
  GPtrArray     *notes;           /* pairs of guid, name, text (3 per note) */
  GHashTable    *selection_of;    /* KtsCoding → selection guid (char*) */
} Exporter;

static void
add_note (Exporter *ex, const char *guid, const char *name, const char *text)
{
  g_ptr_array_add (ex->notes, g_strdup (guid));
  g_ptr_array_add (ex->notes, g_strdup (name));
  g_ptr_array_add (ex->notes, g_strdup (text));
}

static void
write_time_attribute (xmlTextWriter *writer, const char *name, gint64 time)
{
  g_autofree char *text = NULL;

  if (time <= 0)
    return;
  text = _kts_refi_format_time (time);
  _kts_refi_write_attribute (writer, name, text);
}

static char *
roles_text (KtsDocument *document, gboolean *differs)
{
  GString *out = g_string_new (NULL);
  guint    n = kts_document_get_n_speakers (document);

  for (guint i = 0; i < n; i++)
    {
      const KtsSpeaker *speaker = kts_document_get_speaker (document, i);

      if (speaker->role != kts_speaker_default_role (speaker->label))
        *differs = TRUE;
      g_string_append_printf (out, "%s%s=%s", out->len > 0 ? "; " : "", speaker->label,
                              kts_enum_to_nick (KTS_TYPE_ROLE, speaker->role));
    }
  return g_string_free (out, FALSE);
}

static void
collect_attributes (Exporter *ex)
{
  GListModel *documents = kts_project_get_documents (ex->project);
  guint       n = g_list_model_get_n_items (documents);

  for (guint d = 0; d < n; d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      g_autoptr (GPtrArray) names = kts_document_list_attributes (document);
      g_autofree char *roles = roles_text (document, &ex->write_roles);

      for (guint i = 0; i < names->len; i++)
        {
          const char *name = g_ptr_array_index (names, i);
          gboolean    seen = FALSE;

          for (guint k = 0; k < ex->attribute_names->len && !seen; k++)
            seen = strcmp (g_ptr_array_index (ex->attribute_names, k), name) == 0;
          if (!seen && strcmp (name, SPEAKER_ROLES_VARIABLE) != 0)
            g_ptr_array_add (ex->attribute_names, g_strdup (name));
        }
    }
}

static char *
variable_guid (const char *name)
{
  return _kts_refi_derived_guid ("variable", name);
}

static void
write_variable_value (xmlTextWriter *writer, const char *name, const char *value)
{
  g_autofree char *guid = variable_guid (name);

  xmlTextWriterStartElement (writer, (const xmlChar *)"VariableValue");
  xmlTextWriterStartElement (writer, (const xmlChar *)"VariableRef");
  _kts_refi_write_attribute (writer, "targetGUID", guid);
  xmlTextWriterEndElement (writer);
  _kts_refi_write_element (writer, "TextValue", value);
  xmlTextWriterEndElement (writer);
}

static void
write_users (Exporter *ex)
{
  GListModel *coders = kts_project_get_coders (ex->project);
  guint       n = g_list_model_get_n_items (coders);

  if (n == 0)
    return;
  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Users");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);

      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"User");
      _kts_refi_write_attribute (ex->writer, "guid", kts_item_get_guid (KTS_ITEM (coder)));
      _kts_refi_write_attribute (ex->writer, "name", kts_coder_get_name (coder));
      _kts_refi_write_attribute (ex->writer, "id", kts_coder_get_initials (coder));
      xmlTextWriterEndElement (ex->writer);
    }
  xmlTextWriterEndElement (ex->writer);
}

static void
write_variables (Exporter *ex)
{
  if (ex->attribute_names->len == 0 && !ex->write_roles)
    return;
  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Variables");
  for (guint i = 0; i <= ex->attribute_names->len; i++)
    {
      const char *name = i < ex->attribute_names->len ? g_ptr_array_index (ex->attribute_names, i)
                                                      : SPEAKER_ROLES_VARIABLE;
      g_autofree char *guid = variable_guid (name);

      if (i == ex->attribute_names->len && !ex->write_roles)
        break;
      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Variable");
      _kts_refi_write_attribute (ex->writer, "guid", guid);
      _kts_refi_write_attribute (ex->writer, "name", name);
      _kts_refi_write_attribute (ex->writer, "typeOfVariable", "Text");
      xmlTextWriterEndElement (ex->writer);
    }
  xmlTextWriterEndElement (ex->writer);
}

static void
append_line (GString *out, const char *label, const char *value)
{
  _kts_refi_append_field (out, label, value);
}

static void
append_int (GString *out, const char *label, int value)
{
  g_autofree char *text = NULL;

  if (value == 0)
    return;
  text = g_strdup_printf ("%d", value);
  append_line (out, label, text);
}

static void
write_cases (Exporter *ex)
{
  GListModel *cases = kts_project_get_cases (ex->project);
  GListModel *documents = kts_project_get_documents (ex->project);
  guint       n = g_list_model_get_n_items (cases);
  guint       n_documents = g_list_model_get_n_items (documents);

  if (n == 0)
    return;
  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Cases");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCase) kase = g_list_model_get_item (cases, i);
      g_autoptr (GString) description = g_string_new (NULL);

      append_line (description, "Therapist", kts_case_get_therapist_pseudonym (kase));
      append_int (description, "Therapist age", kts_case_get_therapist_age (kase));
      append_line (description, "Therapist gender", kts_case_get_therapist_gender (kase));
      append_line (description, "Client", kts_case_get_client_pseudonym (kase));
      append_int (description, "Client age", kts_case_get_client_age (kase));
      append_line (description, "Client gender", kts_case_get_client_gender (kase));
      append_line (description, "Orientation", kts_case_get_orientation (kase));
      append_line (description, "Setting", kts_case_get_setting (kase));
      append_line (description, "Treatment length", kts_case_get_treatment_length (kase));
      if (kts_case_get_notes (kase) != NULL)
        g_string_append_printf (description, "%s%s", description->len > 0 ? "\n\n" : "",
                                kts_case_get_notes (kase));

      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Case");
      _kts_refi_write_attribute (ex->writer, "guid", kts_item_get_guid (KTS_ITEM (kase)));
      _kts_refi_write_attribute (ex->writer, "name", kts_case_get_label (kase));
      if (description->len > 0)
        _kts_refi_write_element (ex->writer, "Description", description->str);
      for (guint d = 0; d < n_documents; d++)
        {
          g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);

          if (g_strcmp0 (kts_document_get_attribute (document, "case"), kts_case_get_label (kase))
              != 0)
            continue;
          xmlTextWriterStartElement (ex->writer, (const xmlChar *)"SourceRef");
          _kts_refi_write_attribute (ex->writer, "targetGUID",
                                     kts_item_get_guid (KTS_ITEM (document)));
          xmlTextWriterEndElement (ex->writer);
        }
      xmlTextWriterEndElement (ex->writer);
    }
  xmlTextWriterEndElement (ex->writer);
}

/* The selection's name: the coded text, shortened when long. */
static char *
selection_name (KtsCoding *coding)
{
  g_autofree char *text = kts_coding_dup_text (coding);

  if (g_utf8_strlen (text, -1) <= 200)
    return g_steal_pointer (&text);
  return g_strdup_printf ("%.*s…", (int)(g_utf8_offset_to_pointer (text, 199) - text), text);
}

static void
write_coding (Exporter *ex, KtsCoding *coding)
{
  KtsCoder *coder = kts_coding_get_coder (coding);

  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Coding");
  _kts_refi_write_attribute (ex->writer, "guid", kts_item_get_guid (KTS_ITEM (coding)));
  if (coder != NULL)
    _kts_refi_write_attribute (ex->writer, "creatingUser", kts_item_get_guid (KTS_ITEM (coder)));
  write_time_attribute (ex->writer, "creationDateTime", kts_coding_get_created (coding));
  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"CodeRef");
  _kts_refi_write_attribute (ex->writer, "targetGUID",
                             kts_item_get_guid (KTS_ITEM (kts_coding_get_code (coding))));
  xmlTextWriterEndElement (ex->writer);
  if (kts_coding_get_memo (coding) != NULL)
    {
      g_autofree char *guid
          = _kts_refi_derived_guid ("memo", kts_item_get_guid (KTS_ITEM (coding)));
      g_autofree char *name
          = g_strdup_printf ("Memo: %s", kts_code_get_name (kts_coding_get_code (coding)));

      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"NoteRef");
      _kts_refi_write_attribute (ex->writer, "targetGUID", guid);
      xmlTextWriterEndElement (ex->writer);
      add_note (ex, guid, name, kts_coding_get_memo (coding));
    }
  xmlTextWriterEndElement (ex->writer);
}

static void
write_document (Exporter *ex, KtsDocument *document)
{
  GListModel      *codings = kts_document_get_codings (document);
  guint            n = g_list_model_get_n_items (codings);
  const char      *guid = kts_item_get_guid (KTS_ITEM (document));
  g_autofree char *path = g_strdup_printf ("internal://%s.txt", guid);
  g_autoptr (GPtrArray) names = kts_document_list_attributes (document);
  gboolean         differs = FALSE;
  g_autofree char *roles = roles_text (document, &differs);
  const char      *title = kts_document_get_title (document);

  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"TextSource");
  _kts_refi_write_attribute (ex->writer, "guid", guid);
  _kts_refi_write_attribute (ex->writer, "name", title != NULL ? title : guid);
  _kts_refi_write_attribute (ex->writer, "plainTextPath", path);

  /* Codings of one passage share a selection. */
  for (guint i = 0; i < n;)
    {
      g_autoptr (KtsCoding) first = g_list_model_get_item (codings, i);
      g_autofree char *selection_guid
          = _kts_refi_derived_guid ("selection", kts_item_get_guid (KTS_ITEM (first)));
      g_autofree char *name = selection_name (first);
      g_autofree char *start = g_strdup_printf ("%u", kts_coding_get_start (first));
      g_autofree char *end = g_strdup_printf ("%u", kts_coding_get_end (first));
      KtsCoder        *coder = kts_coding_get_coder (first);
      guint            j;

      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"PlainTextSelection");
      _kts_refi_write_attribute (ex->writer, "guid", selection_guid);
      _kts_refi_write_attribute (ex->writer, "name", name);
      _kts_refi_write_attribute (ex->writer, "startPosition", start);
      _kts_refi_write_attribute (ex->writer, "endPosition", end);
      if (coder != NULL)
        _kts_refi_write_attribute (ex->writer, "creatingUser",
                                   kts_item_get_guid (KTS_ITEM (coder)));
      write_time_attribute (ex->writer, "creationDateTime", kts_coding_get_created (first));
      for (j = i; j < n; j++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, j);

          if (kts_coding_get_start (coding) != kts_coding_get_start (first)
              || kts_coding_get_end (coding) != kts_coding_get_end (first))
            break;
          write_coding (ex, coding);
          g_hash_table_insert (ex->selection_of, coding, g_strdup (selection_guid));
        }
      xmlTextWriterEndElement (ex->writer);
      i = j;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (strcmp (name, SPEAKER_ROLES_VARIABLE) != 0)
        write_variable_value (ex->writer, name, kts_document_get_attribute (document, name));
    }
  if (ex->write_roles && roles[0] != '\0')
    write_variable_value (ex->writer, SPEAKER_ROLES_VARIABLE, roles);
  xmlTextWriterEndElement (ex->writer);
}

static char *
episode_note_guid (KtsEpisode *episode)
{
  return _kts_refi_derived_guid ("episode-note", kts_item_get_guid (KTS_ITEM (episode)));
}

/* Episodes become notes: one per episode and one per move (the move's note
 * has the move's GUID). */
static void
collect_episode_notes (Exporter *ex)
{
  GListModel *episodes = kts_project_get_episodes (ex->project);
  guint       n = g_list_model_get_n_items (episodes);

  for (guint e = 0; e < n; e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      GListModel      *moves = kts_episode_get_moves (episode);
      guint            n_moves = g_list_model_get_n_items (moves);
      g_autofree char *guid = episode_note_guid (episode);
      g_autofree char *text = _kts_refi_episode_note (episode);
      g_autofree char *name = g_strdup_printf ("Episode %s", kts_episode_get_name (episode));

      add_note (ex, guid, name, text);
      for (guint m = 0; m < n_moves; m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          g_autofree char *move_text = _kts_refi_move_note (episode, move, m);
          g_autofree char *move_name = g_strdup_printf (
              "Move %u of %s: %s", m + 1, kts_episode_get_name (episode),
              kts_move_get_label (move) != NULL ? kts_move_get_label (move) : "");

          add_note (ex, kts_item_get_guid (KTS_ITEM (move)), move_name, move_text);
        }
    }
}

static void
write_notes (Exporter *ex)
{
  if (ex->notes->len == 0)
    return;
  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Notes");
  for (guint i = 0; i + 2 < ex->notes->len; i += 3)
    {
      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Note");
      _kts_refi_write_attribute (ex->writer, "guid", g_ptr_array_index (ex->notes, i));
      _kts_refi_write_attribute (ex->writer, "name", g_ptr_array_index (ex->notes, i + 1));
      _kts_refi_write_element (ex->writer, "PlainTextContent",
                               g_ptr_array_index (ex->notes, i + 2));
      xmlTextWriterEndElement (ex->writer);
    }
  xmlTextWriterEndElement (ex->writer);
}

/* Anchors: a link from each move's note to the selections it rests on. */
static void
write_links (Exporter *ex)
{
  GListModel *episodes = kts_project_get_episodes (ex->project);
  guint       n = g_list_model_get_n_items (episodes);
  gboolean    started = FALSE;

  for (guint e = 0; e < n; e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      GListModel *moves = kts_episode_get_moves (episode);
      guint       n_moves = g_list_model_get_n_items (moves);

      for (guint m = 0; m < n_moves; m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          GPtrArray *anchors = kts_move_get_anchors (move);

          for (guint a = 0; a < anchors->len; a++)
            {
              KtsCoding       *anchor = g_ptr_array_index (anchors, a);
              const char      *selection = g_hash_table_lookup (ex->selection_of, anchor);
              g_autofree char *key = NULL;
              g_autofree char *guid = NULL;

              if (selection == NULL)
                continue;
              key = g_strdup_printf ("%s:%s", kts_item_get_guid (KTS_ITEM (move)),
                                     kts_item_get_guid (KTS_ITEM (anchor)));
              guid = _kts_refi_derived_guid ("anchor", key);
              if (!started)
                {
                  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Links");
                  started = TRUE;
                }
              xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Link");
              _kts_refi_write_attribute (ex->writer, "guid", guid);
              _kts_refi_write_attribute (ex->writer, "name", "anchor");
              _kts_refi_write_attribute (ex->writer, "direction", "OneWay");
              _kts_refi_write_attribute (ex->writer, "originGUID",
                                         kts_item_get_guid (KTS_ITEM (move)));
              _kts_refi_write_attribute (ex->writer, "targetGUID", selection);
              xmlTextWriterEndElement (ex->writer);
            }
        }
    }
  if (started)
    xmlTextWriterEndElement (ex->writer);
}

/* Each episode is a set of its notes (the episode's and its moves') and its
 * transcript. */
static void
write_sets (Exporter *ex)
{
  GListModel *episodes = kts_project_get_episodes (ex->project);
  guint       n = g_list_model_get_n_items (episodes);

  if (n == 0)
    return;
  xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Sets");
  for (guint e = 0; e < n; e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      GListModel      *moves = kts_episode_get_moves (episode);
      guint            n_moves = g_list_model_get_n_items (moves);
      KtsDocument     *document = kts_episode_get_document (episode);
      g_autofree char *note_guid = episode_note_guid (episode);
      g_autofree char *name = g_strdup_printf ("Episode %s", kts_episode_get_name (episode));

      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Set");
      _kts_refi_write_attribute (ex->writer, "guid", kts_item_get_guid (KTS_ITEM (episode)));
      _kts_refi_write_attribute (ex->writer, "name", name);
      _kts_refi_write_element (ex->writer, "Description",
                               "A rupture–repair episode from Kintsugi: its transcript, a note "
                               "describing the episode and one note per move.");
      if (document != NULL)
        {
          xmlTextWriterStartElement (ex->writer, (const xmlChar *)"MemberSource");
          _kts_refi_write_attribute (ex->writer, "targetGUID",
                                     kts_item_get_guid (KTS_ITEM (document)));
          xmlTextWriterEndElement (ex->writer);
        }
      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"MemberNote");
      _kts_refi_write_attribute (ex->writer, "targetGUID", note_guid);
      xmlTextWriterEndElement (ex->writer);
      for (guint m = 0; m < n_moves; m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);

          xmlTextWriterStartElement (ex->writer, (const xmlChar *)"MemberNote");
          _kts_refi_write_attribute (ex->writer, "targetGUID", kts_item_get_guid (KTS_ITEM (move)));
          xmlTextWriterEndElement (ex->writer);
        }
      xmlTextWriterEndElement (ex->writer);
    }
  xmlTextWriterEndElement (ex->writer);
}

/* The map of an episode as a graph: a vertex per move (representing its
 * note), an edge per edge, laid out in event order. */
static void
write_graphs (Exporter *ex)
{
  GListModel *episodes = kts_project_get_episodes (ex->project);
  guint       n = g_list_model_get_n_items (episodes);
  gboolean    started = FALSE;

  for (guint e = 0; e < n; e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      GListModel      *moves = kts_episode_get_moves (episode);
      GListModel      *edges = kts_episode_get_edges (episode);
      guint            n_moves = g_list_model_get_n_items (moves);
      guint            n_edges = g_list_model_get_n_items (edges);
      g_autofree char *graph_guid
          = _kts_refi_derived_guid ("graph", kts_item_get_guid (KTS_ITEM (episode)));

      if (n_moves == 0)
        continue;
      if (!started)
        {
          xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Graphs");
          started = TRUE;
        }
      xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Graph");
      _kts_refi_write_attribute (ex->writer, "guid", graph_guid);
      _kts_refi_write_attribute (ex->writer, "name", kts_episode_get_name (episode));
      for (guint m = 0; m < n_moves; m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          const char      *move_guid = kts_item_get_guid (KTS_ITEM (move));
          g_autofree char *vertex_guid = _kts_refi_derived_guid ("vertex", move_guid);
          /* Therapist above the spine, client below, others on it. */
          int              row = kts_move_get_actor (move) == KTS_ACTOR_THERAPIST ? 0
                                 : kts_move_get_actor (move) == KTS_ACTOR_CLIENT  ? 2
                                                                                  : 1;
          int              x = 40 + (int)m * 220;
          int              y = 40 + row * 140;
          double           mx, my;
          g_autofree char *fx = NULL;
          g_autofree char *fy = NULL;
          g_autofree char *sx = NULL;
          g_autofree char *sy = NULL;

          if (kts_move_get_position (move, &mx, &my))
            {
              x = (int)mx;
              y = (int)my;
            }
          fx = g_strdup_printf ("%d", x);
          fy = g_strdup_printf ("%d", y);
          sx = g_strdup_printf ("%d", x + 180);
          sy = g_strdup_printf ("%d", y + 90);
          xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Vertex");
          _kts_refi_write_attribute (ex->writer, "guid", vertex_guid);
          _kts_refi_write_attribute (ex->writer, "representedGUID", move_guid);
          _kts_refi_write_attribute (ex->writer, "name", kts_move_get_label (move));
          _kts_refi_write_attribute (ex->writer, "firstX", fx);
          _kts_refi_write_attribute (ex->writer, "firstY", fy);
          _kts_refi_write_attribute (ex->writer, "secondX", sx);
          _kts_refi_write_attribute (ex->writer, "secondY", sy);
          _kts_refi_write_attribute (ex->writer, "shape",
                                     kts_move_get_interpretation (move)
                                             == KTS_INTERPRETATION_ANALYST
                                         ? "Oval"
                                         : "RoundedRectangle");
          xmlTextWriterEndElement (ex->writer);
        }
      for (guint i = 0; i < n_edges; i++)
        {
          g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);
          KtsEdgeType      type = kts_edge_get_edge_type (edge);
          g_autofree char *source = _kts_refi_derived_guid (
              "vertex", kts_item_get_guid (KTS_ITEM (kts_edge_get_source (edge))));
          g_autofree char *target = _kts_refi_derived_guid (
              "vertex", kts_item_get_guid (KTS_ITEM (kts_edge_get_target (edge))));
          g_autofree char *name = _kts_refi_edge_name (edge);

          xmlTextWriterStartElement (ex->writer, (const xmlChar *)"Edge");
          _kts_refi_write_attribute (ex->writer, "guid", kts_item_get_guid (KTS_ITEM (edge)));
          _kts_refi_write_attribute (ex->writer, "name", name);
          _kts_refi_write_attribute (ex->writer, "sourceVertex", source);
          _kts_refi_write_attribute (ex->writer, "targetVertex", target);
          _kts_refi_write_attribute (ex->writer, "direction",
                                     type == KTS_EDGE_SAME_EVENT ? "Associative" : "OneWay");
          _kts_refi_write_attribute (ex->writer, "lineStyle",
                                     type == KTS_EDGE_VEILS || type == KTS_EDGE_INFORMS ? "dashed"
                                     : type == KTS_EDGE_FAILS                           ? "dotted"
                                                                                        : "solid");
          xmlTextWriterEndElement (ex->writer);
        }
      xmlTextWriterEndElement (ex->writer);
    }
  if (started)
    xmlTextWriterEndElement (ex->writer);
}

GBytes *
kts_refi_export_qdpx (KtsProject *project, GError **error)
{
  Exporter    ex = { 0 };
  GListModel *documents;
  guint       n_documents;
  g_autoptr (xmlBuffer) buffer = NULL;
  g_autoptr (xmlTextWriter) writer = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autofree char *origin = NULL;
  const char      *title;
  GBytes          *result;
  int              status;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  buffer = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (buffer, 0);
  ex.project = project;
  ex.writer = writer;
  ex.attribute_names = g_ptr_array_new_with_free_func (g_free);
  ex.notes = g_ptr_array_new_with_free_func (g_free);
  ex.selection_of = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  collect_attributes (&ex);

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, (const xmlChar *)"  ");
  xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL);
  xmlTextWriterStartElement (writer, (const xmlChar *)"Project");
  _kts_refi_write_attribute (writer, "xmlns", KTS_REFI_PROJECT_NAMESPACE);
  title = kts_project_get_title (project);
  _kts_refi_write_attribute (writer, "name",
                             title != NULL && title[0] != '\0' ? title : _ ("Untitled project"));
  origin = g_strdup_printf ("Kintsugi %s", PACKAGE_VERSION);
  _kts_refi_write_attribute (writer, "origin", origin);

  write_users (&ex);
  if (kts_codebook_get_n_codes (kts_project_get_codebook (project)) > 0)
    {
      xmlTextWriterStartElement (writer, (const xmlChar *)"CodeBook");
      _kts_refi_write_codes (writer, kts_project_get_codebook (project));
      xmlTextWriterEndElement (writer);
    }
  write_variables (&ex);
  write_cases (&ex);

  documents = kts_project_get_documents (project);
  n_documents = g_list_model_get_n_items (documents);
  if (n_documents > 0)
    {
      xmlTextWriterStartElement (writer, (const xmlChar *)"Sources");
      for (guint i = 0; i < n_documents; i++)
        {
          g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);

          write_document (&ex, document);
          g_ptr_array_add (
              names, g_strdup_printf ("sources/%s.txt", kts_item_get_guid (KTS_ITEM (document))));
          g_ptr_array_add (contents, g_bytes_new (kts_document_get_text (document),
                                                  kts_document_get_text_size (document)));
        }
      xmlTextWriterEndElement (writer);
    }
  collect_episode_notes (&ex);
  write_notes (&ex);
  write_links (&ex);
  write_sets (&ex);
  write_graphs (&ex);
  xmlTextWriterEndElement (writer);
  status = xmlTextWriterEndDocument (writer);

  g_ptr_array_unref (ex.attribute_names);
  g_ptr_array_unref (ex.notes);
  g_hash_table_unref (ex.selection_of);

  if (status < 0)
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_FAILED,
                           _ ("Could not write the project as XML."));
      return NULL;
    }
  g_clear_pointer (&writer, xmlFreeTextWriter);

  g_ptr_array_insert (names, 0, g_strdup ("project.qde"));
  g_ptr_array_insert (contents, 0,
                      g_bytes_new (xmlBufferContent (buffer), (gsize)xmlBufferLength (buffer)));
  result = _kts_refi_zip_write ((const char *const *)names->pdata, (GBytes *const *)contents->pdata,
                                names->len, error);
  return result;
}
