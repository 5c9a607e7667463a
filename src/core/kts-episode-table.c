/* kts-episode-table.c: reading a hand-written episode (moves, anchors, edges) from a text table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is parsed completely first (every line checked, every anchor
 * found), and only then is the project changed, inside one undo group, so a
 * mistake on line 80 leaves nothing half-imported.
 */
#define G_LOG_DOMAIN "kts-episode-table"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-episode-table.h"

#define MAX_TABLE_SIZE (4 * 1024 * 1024)

typedef struct
{
  KtsMove   *move; /* not yet in the project */
  char      *id;
  GPtrArray *anchors; /* KtsCoding, transfer none (owned by the document) */
  guint      line;
} MoveEntry;

typedef struct
{
  const char *source;
  KtsProject *project;

  KtsEpisode  *episode; /* not yet in the project */
  KtsDocument *document;
  gboolean     has_turns;
  guint        first_turn, last_turn;
  guint        turns_line;

  GPtrArray  *case_settings; /* pairs: property, value; with line numbers */
  GArray     *case_lines;
  GPtrArray  *moves;    /* MoveEntry */
  GHashTable *by_id;    /* id → MoveEntry */
  GPtrArray  *edges;    /* KtsEdge */
  GPtrArray  *defaults; /* pairs: property, value */
} Table;

static void
move_entry_free (gpointer data)
{
  MoveEntry *entry = data;

  g_clear_object (&entry->move);
  g_free (entry->id);
  g_ptr_array_unref (entry->anchors);
  g_free (entry);
}

static void
table_clear (Table *table)
{
  g_clear_object (&table->episode);
  g_clear_pointer (&table->case_settings, g_ptr_array_unref);
  g_clear_pointer (&table->case_lines, g_array_unref);
  g_clear_pointer (&table->by_id, g_hash_table_unref);
  g_clear_pointer (&table->moves, g_ptr_array_unref);
  g_clear_pointer (&table->edges, g_ptr_array_unref);
  g_clear_pointer (&table->defaults, g_ptr_array_unref);
}

G_GNUC_PRINTF (4, 5)
static gboolean
line_error (Table *table, guint line, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "episode.txt, line 12: there is no move “m4”" */
  g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("%s, line %u: %s"), table->source, line,
               message);
  return FALSE;
}

static gboolean
is_unset (const char *value)
{
  return value == NULL || *value == '\0' || g_str_equal (value, "-");
}

/* Sets @property of @object from its text form: strings as written, enums
 * by their file-format nick, numbers and booleans in C notation. */
static gboolean
set_from_text (Table      *table,
               guint       line,
               GObject    *object,
               const char *property,
               const char *value,
               GError    **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  GType       type;
  g_auto (GValue) gvalue = G_VALUE_INIT;

  if (pspec == NULL || (pspec->flags & G_PARAM_WRITABLE) == 0
      || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    return line_error (table, line, error, _ ("“%s” is not a field that can be set here"),
                       property);

  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&gvalue, type);
  if (type == G_TYPE_STRING)
    g_value_set_string (&gvalue, is_unset (value) ? NULL : value);
  else if (G_TYPE_IS_ENUM (type))
    {
      int v;

      if (!kts_enum_from_nick (type, value, &v))
        return line_error (table, line, error, _ ("“%s” is not a value of “%s”"), value, property);
      g_value_set_enum (&gvalue, v);
    }
  else if (type == G_TYPE_INT || type == G_TYPE_UINT || type == G_TYPE_DOUBLE)
    {
      char  *end = NULL;
      double d = g_ascii_strtod (value, &end);

      if (end == value || *end != '\0')
        return line_error (table, line, error, _ ("“%s” is not a number"), value);
      if (type == G_TYPE_INT)
        g_value_set_int (&gvalue, (int)d);
      else if (type == G_TYPE_UINT)
        g_value_set_uint (&gvalue, (guint)MAX (d, 0));
      else
        g_value_set_double (&gvalue, d);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (g_str_equal (value, "true") || g_str_equal (value, "yes"))
        g_value_set_boolean (&gvalue, TRUE);
      else if (g_str_equal (value, "false") || g_str_equal (value, "no"))
        g_value_set_boolean (&gvalue, FALSE);
      else
        return line_error (table, line, error, _ ("“%s” is neither true nor false"), value);
    }
  else
    return line_error (table, line, error, _ ("“%s” cannot be set in a table"), property);

  if (!g_param_value_validate (pspec, &gvalue))
    g_object_set_property (object, property, &gvalue);
  else
    return line_error (table, line, error, _ ("“%s” is out of range for “%s”"), value, property);
  return TRUE;
}

static gboolean
set_enum_field (Table      *table,
                guint       line,
                KtsMove    *move,
                const char *property,
                const char *value,
                GError    **error)
{
  if (is_unset (value))
    return TRUE;
  return set_from_text (table, line, G_OBJECT (move), property, value, error);
}

/* move|ID|PHASE|ACTOR|DIMENSION|ROLE|INTERPRETATION|SESSION|LABEL */
static gboolean
parse_move (Table *table, guint line, char **fields, GError **error)
{
  MoveEntry  *entry;
  const char *actor = fields[3];

  if (g_strv_length (fields) != 9)
    return line_error (table, line, error,
                       _ ("a move needs 8 fields: id, phase, actor, dimension, role, "
                          "interpretation, session and label"));
  if (is_unset (fields[1]))
    return line_error (table, line, error, _ ("a move needs an id"));
  if (g_hash_table_contains (table->by_id, fields[1]))
    return line_error (table, line, error, _ ("there is already a move “%s”"), fields[1]);
  if (is_unset (fields[8]))
    return line_error (table, line, error, _ ("move “%s” has no label"), fields[1]);

  entry = g_new0 (MoveEntry, 1);
  entry->id = g_strdup (fields[1]);
  entry->line = line;
  entry->anchors = g_ptr_array_new ();
  entry->move = kts_move_new (NULL, fields[8]);
  g_ptr_array_add (table->moves, entry);
  g_hash_table_insert (table->by_id, entry->id, entry);
  g_object_set (entry->move, "ident", fields[1], NULL);

  for (guint i = 0; i + 1 < table->defaults->len; i += 2)
    if (!set_from_text (table, line, G_OBJECT (entry->move), g_ptr_array_index (table->defaults, i),
                        g_ptr_array_index (table->defaults, i + 1), error))
      return FALSE;

  if (g_str_has_prefix (actor, "third:"))
    {
      g_object_set (entry->move, "actor", KTS_ACTOR_THIRD, "third-role", actor + strlen ("third:"),
                    NULL);
      actor = NULL;
    }

  return set_enum_field (table, line, entry->move, "phase", fields[2], error)
         && set_enum_field (table, line, entry->move, "actor", actor, error)
         && set_enum_field (table, line, entry->move, "dimension", fields[4], error)
         && set_enum_field (table, line, entry->move, "role", fields[5], error)
         && set_enum_field (table, line, entry->move, "interpretation", fields[6], error)
         && set_from_text (table, line, G_OBJECT (entry->move), "session-ref", fields[7], error);
}

static MoveEntry *
lookup_move (Table *table, guint line, const char *id, GError **error)
{
  MoveEntry *entry = g_hash_table_lookup (table->by_id, id);

  if (entry == NULL)
    line_error (table, line, error, _ ("there is no move “%s” (moves are declared before use)"),
                id);
  return entry;
}

/* anchor|ID|TURN|CODE|SPAN: the coding of CODE in TURN whose text is SPAN
 * (any coding of CODE in that turn when SPAN is empty, if there is one). */
static gboolean
parse_anchor (Table *table, guint line, char **fields, GError **error)
{
  MoveEntry     *entry;
  const KtsTurn *turn;
  GListModel    *codings;
  char          *end = NULL;
  guint64        number;
  KtsCoding     *found = NULL;
  guint          n_candidates = 0;

  if (g_strv_length (fields) != 5)
    return line_error (table, line, error,
                       _ ("an anchor needs 4 fields: move, turn, code and coded text"));
  entry = lookup_move (table, line, fields[1], error);
  if (entry == NULL)
    return FALSE;
  if (table->document == NULL)
    return line_error (table, line, error,
                       _ ("anchors need the episode's transcript (“episode|document|…”) first"));
  number = g_ascii_strtoull (fields[2], &end, 10);
  if (end == fields[2] || *end != '\0' || number == 0
      || number > kts_document_get_n_turns (table->document))
    return line_error (table, line, error, _ ("“%s” is not a turn of “%s” (1 to %u)"), fields[2],
                       kts_document_get_title (table->document),
                       kts_document_get_n_turns (table->document));
  turn = kts_document_get_turn (table->document, (guint)number - 1);

  codings = kts_document_get_codings (table->document);
  for (guint i = 0; i < g_list_model_get_n_items (codings) && found == NULL; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
      KtsCode         *code = kts_coding_get_code (coding);
      g_autofree char *text = NULL;

      if (kts_coding_get_start (coding) < turn->start || kts_coding_get_end (coding) > turn->end
          || code == NULL || g_strcmp0 (kts_code_get_key (code), fields[3]) != 0)
        continue;
      n_candidates++;
      text = kts_coding_dup_text (coding);
      if (*fields[4] == '\0' || g_str_equal (text, fields[4]))
        found = coding;
    }

  if (found == NULL && n_candidates == 0)
    return line_error (table, line, error, _ ("turn %s has no coding of “%s”"), fields[2],
                       fields[3]);
  if (found == NULL)
    return line_error (table, line, error, _ ("no coding of “%s” in turn %s covers “%s”"),
                       fields[3], fields[2], fields[4]);
  if (*fields[4] == '\0' && n_candidates > 1)
    return line_error (table, line, error,
                       _ ("turn %s has %u codings of “%s”: give the coded text"), fields[2],
                       n_candidates, fields[3]);
  if (g_ptr_array_find (entry->anchors, found, NULL))
    return line_error (table, line, error, _ ("move “%s” already has this anchor"), fields[1]);
  g_ptr_array_add (entry->anchors, found);
  return TRUE;
}

/* edge|TYPE|FROM|TO[|COUNT[|LABEL]] */
static gboolean
parse_edge (Table *table, guint line, char **fields, GError **error)
{
  guint      n = g_strv_length (fields);
  int        type;
  MoveEntry *from, *to;
  KtsEdge   *edge;

  if (n < 4 || n > 6)
    return line_error (table, line, error,
                       _ ("an edge needs a type, two moves, and optionally a count and a label"));
  if (!kts_enum_from_nick (KTS_TYPE_EDGE_TYPE, fields[1], &type))
    return line_error (table, line, error, _ ("“%s” is not an edge type"), fields[1]);
  from = lookup_move (table, line, fields[2], error);
  if (from == NULL)
    return FALSE;
  to = lookup_move (table, line, fields[3], error);
  if (to == NULL)
    return FALSE;
  if (from == to)
    return line_error (table, line, error, _ ("an edge joins two different moves"));

  edge = kts_edge_new (NULL, type, from->move, to->move);
  g_ptr_array_add (table->edges, edge);
  if (n > 4 && !is_unset (fields[4])
      && !set_from_text (table, line, G_OBJECT (edge), "count", fields[4], error))
    return FALSE;
  if (n > 5 && !is_unset (fields[5]))
    g_object_set (edge, "label", fields[5], NULL);
  return TRUE;
}

static gboolean
parse_turns (Table *table, guint line, const char *value, GError **error)
{
  char   *end = NULL;
  guint64 a, b;

  a = g_ascii_strtoull (value, &end, 10);
  if (end == value || (*end != '-' && *end != '\0'))
    return line_error (table, line, error, _ ("“%s” is not a turn range like 20-158"), value);
  b = a;
  if (*end == '-')
    {
      const char *rest = end + 1;

      b = g_ascii_strtoull (rest, &end, 10);
      if (end == rest || *end != '\0')
        return line_error (table, line, error, _ ("“%s” is not a turn range like 20-158"), value);
    }
  if (a == 0 || b < a || b > G_MAXUINT)
    return line_error (table, line, error, _ ("“%s” is not a turn range like 20-158"), value);
  table->first_turn = (guint)a;
  table->last_turn = (guint)b;
  table->has_turns = TRUE;
  table->turns_line = line;
  return TRUE;
}

static gboolean
parse_episode_field (Table *table, guint line, char **fields, GError **error)
{
  if (g_strv_length (fields) != 3)
    return line_error (table, line, error, _ ("expected “episode|FIELD|VALUE”"));

  if (g_str_equal (fields[1], "name"))
    {
      if (table->episode != NULL)
        return line_error (table, line, error, _ ("the episode is named twice"));
      if (is_unset (fields[2]))
        return line_error (table, line, error, _ ("the episode needs a name"));
      table->episode = kts_episode_new (NULL, fields[2]);
      return TRUE;
    }
  if (table->episode == NULL)
    return line_error (table, line, error, _ ("“episode|name|…” must come first"));

  if (g_str_equal (fields[1], "document"))
    {
      table->document = kts_project_find_document (table->project, fields[2]);
      if (table->document == NULL)
        return line_error (table, line, error, _ ("there is no transcript “%s”"), fields[2]);
      g_object_set (table->episode, "document", table->document, NULL);
      return TRUE;
    }
  if (g_str_equal (fields[1], "turns"))
    return parse_turns (table, line, fields[2], error);
  if (g_str_equal (fields[1], "case"))
    return line_error (table, line, error, _ ("the case is described with “case|…” lines"));
  return set_from_text (table, line, G_OBJECT (table->episode), fields[1], fields[2], error);
}

static gboolean
parse_line (Table *table, guint line, const char *text, GError **error)
{
  g_auto (GStrv) fields = g_strsplit (text, "|", -1);
  const char *kind = fields[0];

  if (g_str_equal (kind, "episode"))
    return parse_episode_field (table, line, fields, error);
  if (table->episode == NULL)
    return line_error (table, line, error, _ ("“episode|name|…” must come first"));

  if (g_str_equal (kind, "case"))
    {
      guint at = line;

      if (g_strv_length (fields) != 3)
        return line_error (table, line, error, _ ("expected “case|FIELD|VALUE”"));
      g_ptr_array_add (table->case_settings, g_strdup (fields[1]));
      g_ptr_array_add (table->case_settings, g_strdup (fields[2]));
      g_array_append_val (table->case_lines, at);
      return TRUE;
    }
  if (g_str_equal (kind, "default"))
    {
      g_autoptr (KtsMove) probe = kts_move_new (NULL, "probe");

      if (g_strv_length (fields) != 3)
        return line_error (table, line, error, _ ("expected “default|FIELD|VALUE”"));
      if (!set_from_text (table, line, G_OBJECT (probe), fields[1], fields[2], error))
        return FALSE;
      g_ptr_array_add (table->defaults, g_strdup (fields[1]));
      g_ptr_array_add (table->defaults, g_strdup (fields[2]));
      return TRUE;
    }
  if (g_str_equal (kind, "move"))
    return parse_move (table, line, fields, error);
  if (g_str_equal (kind, "set"))
    {
      MoveEntry *entry;

      if (g_strv_length (fields) < 4)
        return line_error (table, line, error, _ ("expected “set|MOVE|FIELD|VALUE”"));
      entry = lookup_move (table, line, fields[1], error);
      if (entry == NULL)
        return FALSE;
      if (g_str_equal (fields[2], "ident") || g_str_equal (fields[2], "anchors"))
        return line_error (table, line, error, _ ("“%s” is not a field that can be set here"),
                           fields[2]);
      /* The value is the rest of the line: a memo or quote may hold “|”. */
      {
        g_autofree char *value = g_strjoinv ("|", fields + 3);
        return set_from_text (table, line, G_OBJECT (entry->move), fields[2], value, error);
      }
    }
  if (g_str_equal (kind, "anchor"))
    return parse_anchor (table, line, fields, error);
  if (g_str_equal (kind, "edge"))
    return parse_edge (table, line, fields, error);

  return line_error (table, line, error,
                     _ ("“%s” is not a kind of line (episode, case, default, move, set, anchor, "
                        "edge)"),
                     kind);
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

/* The case: an existing one with the same label is updated (undoably),
 * otherwise a new one is made. Runs inside the undo group. */
static KtsCase *
apply_case (Table *table, GError **error)
{
  const char *label = NULL;
  KtsCase    *existing;
  g_autoptr (KtsCase) fresh = NULL;

  for (guint i = 0; i + 1 < table->case_settings->len; i += 2)
    if (g_str_equal (g_ptr_array_index (table->case_settings, i), "label"))
      label = g_ptr_array_index (table->case_settings, i + 1);

  existing = label != NULL ? find_case (table->project, label) : NULL;
  if (existing == NULL)
    fresh = kts_case_new (NULL, label);

  for (guint i = 0; i + 1 < table->case_settings->len; i += 2)
    {
      const char *property = g_ptr_array_index (table->case_settings, i);
      const char *value = g_ptr_array_index (table->case_settings, i + 1);
      guint       line = g_array_index (table->case_lines, guint, i / 2);

      if (existing != NULL)
        {
          /* Checked on a scratch case first, then set undoably. */
          g_autoptr (KtsCase) scratch = kts_case_new (NULL, label);
          GParamSpec *pspec;
          g_auto (GValue) v = G_VALUE_INIT;

          if (!set_from_text (table, line, G_OBJECT (scratch), property, value, error))
            return NULL;
          pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (scratch), property);
          g_value_init (&v, G_PARAM_SPEC_VALUE_TYPE (pspec));
          g_object_get_property (G_OBJECT (scratch), property, &v);
          kts_project_set_property (table->project, existing, property, &v);
        }
      else if (!set_from_text (table, line, G_OBJECT (fresh), property, value, error))
        return NULL;
    }

  if (existing != NULL)
    return existing;
  if (!kts_project_add_case (table->project, fresh, error))
    return NULL;
  return fresh;
}

static gboolean
build (Table *table, gboolean replace, GError **error)
{
  const char *name = kts_episode_get_name (table->episode);
  KtsEpisode *old = kts_project_find_episode (table->project, name);

  if (old != NULL && !replace)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("There is already an episode called “%s”."), name);
      return FALSE;
    }

  if (table->has_turns)
    {
      guint n_turns;

      if (table->document == NULL)
        return line_error (
            table, table->turns_line, error,
            _ ("a turn range needs the episode's transcript (“episode|document|…”)"));
      n_turns = kts_document_get_n_turns (table->document);
      if (table->last_turn > n_turns)
        return line_error (table, table->turns_line, error, _ ("“%s” has %u turns, not %u"),
                           kts_document_get_title (table->document), n_turns, table->last_turn);
      g_object_set (table->episode, "start",
                    kts_document_get_turn (table->document, table->first_turn - 1)->start, "end",
                    kts_document_get_turn (table->document, table->last_turn - 1)->end, NULL);
    }

  kts_project_begin_group (table->project, _ ("Import episode"));
  if (old != NULL)
    kts_project_remove_episode (table->project, old);

  if (table->case_settings->len > 0)
    {
      KtsCase *kase = apply_case (table, error);

      if (kase == NULL)
        goto failed;
      g_object_set (table->episode, "case", kase, NULL);
    }

  if (!kts_project_add_episode (table->project, table->episode, error))
    goto failed;

  for (guint i = 0; i < table->moves->len; i++)
    {
      MoveEntry *entry = g_ptr_array_index (table->moves, i);

      if (!kts_project_add_move (table->project, table->episode, entry->move, -1, error))
        goto failed;
      if (entry->anchors->len > 0
          && !kts_project_set_move_anchors (table->project, entry->move,
                                            (KtsCoding **)entry->anchors->pdata,
                                            entry->anchors->len, error))
        goto failed;
    }
  for (guint i = 0; i < table->edges->len; i++)
    if (!kts_project_add_edge (table->project, table->episode, g_ptr_array_index (table->edges, i),
                               error))
      goto failed;

  kts_project_end_group (table->project);
  return TRUE;

failed:
  kts_project_abort_group (table->project);
  return FALSE;
}

KtsEpisode *
kts_project_import_episode_table (KtsProject *project,
                                  const char *text,
                                  gssize      length,
                                  const char *source_name,
                                  gboolean    replace,
                                  GError    **error)
{
  Table table = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autofree char *copy = NULL;
  KtsEpisode      *episode = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize)strlen (text);
  if (length > MAX_TABLE_SIZE)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("%s is larger than %u MB"),
                   source_name != NULL ? source_name : "", MAX_TABLE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_ENCODING, _ ("%s is not UTF-8 text"),
                   source_name != NULL ? source_name : "");
      return NULL;
    }

  table.source = source_name != NULL ? source_name : _ ("episode table");
  table.project = project;
  table.case_settings = g_ptr_array_new_with_free_func (g_free);
  table.case_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  table.moves = g_ptr_array_new_with_free_func (move_entry_free);
  table.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  table.edges = g_ptr_array_new_with_free_func (g_object_unref);
  table.defaults = g_ptr_array_new_with_free_func (g_free);

  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (i == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      line = g_strchug (line);
      if (*line == '#' || *line == '\0')
        continue;
      if (!parse_line (&table, i + 1, line, error))
        goto out;
    }

  if (table.episode == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("%s describes no episode"), table.source);
      goto out;
    }
  if (build (&table, replace, error))
    episode = table.episode;

out:
  table_clear (&table);
  return episode;
}
