/* kts-refi-episodes.c: episodes and moves as REFI-QDA notes: the readable
 * "Heading: value" text written for them, and reading it back.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi"

#include "config.h"

#include <string.h>

#include "kts-enum-types.h"
#include "kts-refi-private.h"

/* Plain fields: a heading and the property it shows. The headings are part
 * of the format and not translated. */
typedef struct
{
  const char *heading;
  const char *property;
} NoteField;

static const NoteField episode_fields[] = {
  { "Rupture types", "rupture-types" },
  { "Initiator", "initiator" },
  { "Temporal pattern", "temporal-pattern" },
  { "Course", "course" },
  { "Intensity", "intensity" },
  { "Alliance component", "alliance-component" },
  { "Repair mode", "repair-mode" },
  { "Detected by", "detected-by" },
  { "Resolution", "resolution" },
  { "Themes", "themes" },
  { "Pattern", "pattern-formula" },
  { "Status", "status" },
};

static const NoteField move_fields[] = {
  { "Ident", "ident" },
  { "Label", "label" },
  { "Actor", "actor" },
  { "Third person", "third-role" },
  { "Dimension", "dimension" },
  { "Phase", "phase" },
  { "Role", "role" },
  { "Session", "session-ref" },
  { "Time certainty", "time-certainty" },
  { "Location", "location" },
  { "Channel", "channel" },
  { "Interpretation", "interpretation" },
  { "Explicitness", "explicitness" },
  { "Awareness", "awareness" },
  { "Attribution doubt", "attribution-doubt" },
};

void
_kts_refi_append_field (GString *out, const char *heading, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s: ", heading);
  /* Later lines of a value are indented, so they cannot pass for headings. */
  for (const char *p = value; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        g_string_append (out, "  ");
    }
}

/* The property as note text: strings as they are, enums as their token
 * (left out when "unset" or "none"); NULL when there is nothing to say. */
static char *
property_text (GObject *object, const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto (GValue) value = G_VALUE_INIT;

  g_assert (pspec != NULL);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, property, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  if (G_VALUE_HOLDS_ENUM (&value))
    {
      const char *token = kts_enum_to_nick (pspec->value_type, g_value_get_enum (&value));

      if (token == NULL || strcmp (token, "unset") == 0 || strcmp (token, "none") == 0)
        return NULL;
      return g_strdup (token);
    }
  return NULL;
}

static void
append_fields (GString *out, GObject *object, const NoteField *table, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = property_text (object, table[i].property);

      _kts_refi_append_field (out, table[i].heading, text);
    }
}

char *
_kts_refi_edge_name (KtsEdge *edge)
{
  GString *out
      = g_string_new (kts_enum_to_nick (KTS_TYPE_EDGE_TYPE, kts_edge_get_edge_type (edge)));

  if (kts_edge_get_count (edge) > 0)
    g_string_append_printf (out, " ×%d", kts_edge_get_count (edge));
  if (kts_edge_get_label (edge) != NULL)
    g_string_append_printf (out, ": %s", kts_edge_get_label (edge));
  return g_string_free (out, FALSE);
}

char *
_kts_refi_episode_note (KtsEpisode *episode)
{
  GString     *out = g_string_new (NULL);
  KtsCase     *kase = kts_episode_get_case (episode);
  KtsDocument *document = kts_episode_get_document (episode);
  GListModel  *moves = kts_episode_get_moves (episode);
  GListModel  *edges = kts_episode_get_edges (episode);
  guint        n_moves = g_list_model_get_n_items (moves);
  guint        n_edges = g_list_model_get_n_items (edges);

  _kts_refi_append_field (out, "Episode", kts_episode_get_name (episode));
  if (kase != NULL)
    _kts_refi_append_field (out, "Case", kts_case_get_label (kase));
  if (document != NULL)
    {
      g_autofree char *range
          = g_strdup_printf ("%s %u–%u", kts_document_get_title (document),
                             kts_episode_get_start (episode), kts_episode_get_end (episode));

      _kts_refi_append_field (out, "Transcript", range);
    }
  append_fields (out, G_OBJECT (episode), episode_fields, G_N_ELEMENTS (episode_fields));
  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1, kts_move_get_label (move));

      _kts_refi_append_field (out, "Move", line);
    }
  for (guint i = 0; i < n_edges; i++)
    {
      g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);
      g_autofree char *name = _kts_refi_edge_name (edge);
      g_autofree char *line
          = g_strdup_printf ("%s —%s→ %s", kts_move_get_label (kts_edge_get_source (edge)), name,
                             kts_move_get_label (kts_edge_get_target (edge)));

      _kts_refi_append_field (out, "Edge", line);
    }
  return g_string_free (out, FALSE);
}

char *
_kts_refi_move_note (KtsEpisode *episode, KtsMove *move, guint index)
{
  GString         *out = g_string_new (NULL);
  GPtrArray       *anchors = kts_move_get_anchors (move);
  g_autofree char *quote = kts_move_dup_primary_quote (move);
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  double           x, y;

  _kts_refi_append_field (out, "Move", number);
  _kts_refi_append_field (out, "Episode", kts_episode_get_name (episode));
  append_fields (out, G_OBJECT (move), move_fields, G_N_ELEMENTS (move_fields));
  if (kts_move_get_position (move, &x, &y))
    {
      char             xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *position = g_strdup_printf ("%s, %s", g_ascii_dtostr (xs, sizeof xs, x),
                                                   g_ascii_dtostr (ys, sizeof ys, y));

      _kts_refi_append_field (out, "Position", position);
    }
  _kts_refi_append_field (out, "Quote", quote);
  for (guint i = 0; i < anchors->len; i++)
    {
      KtsCoding       *anchor = g_ptr_array_index (anchors, i);
      KtsDocument     *document = kts_coding_get_document (anchor);
      g_autofree char *text = g_strdup_printf (
          "%s %u–%u (%s)", document != NULL ? kts_document_get_title (document) : "",
          kts_coding_get_start (anchor), kts_coding_get_end (anchor),
          kts_code_get_display_key (kts_coding_get_code (anchor)));

      _kts_refi_append_field (out, "Anchor", text);
    }
  _kts_refi_append_field (out, "Memo", kts_move_get_memo (move));
  return g_string_free (out, FALSE);
}

/* ---- Reading back ------------------------------------------------------------------ */

GPtrArray *
_kts_refi_parse_note (const char *text)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *value = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;

      if (value != NULL && g_str_has_prefix (line, "  "))
        {
          g_string_append_printf (value, "\n%s", line + 2);
          continue;
        }
      colon = strstr (line, ": ");
      if (colon == NULL || colon == line)
        continue;
      if (value != NULL)
        g_ptr_array_add (fields, g_string_free (value, FALSE));
      g_ptr_array_add (fields, g_strndup (line, (gsize)(colon - line)));
      value = g_string_new (colon + 2);
    }
  if (value != NULL)
    g_ptr_array_add (fields, g_string_free (value, FALSE));
  return fields;
}

const char *
_kts_refi_note_field (GPtrArray *fields, const char *heading)
{
  for (guint i = 0; i + 1 < fields->len; i += 2)
    if (strcmp (g_ptr_array_index (fields, i), heading) == 0)
      return g_ptr_array_index (fields, i + 1);
  return NULL;
}

static void
apply_fields (
    GObject *object, GPtrArray *fields, const NoteField *table, guint n, GPtrArray *problems)
{
  for (guint i = 0; i < n; i++)
    {
      const char *text = _kts_refi_note_field (fields, table[i].heading);
      GParamSpec *pspec;
      g_auto (GValue) value = G_VALUE_INIT;

      if (text == NULL)
        continue;
      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), table[i].property);
      g_value_init (&value, pspec->value_type);
      if (G_VALUE_HOLDS_STRING (&value))
        g_value_set_string (&value, text);
      else
        {
          int v;

          if (!kts_enum_from_nick (pspec->value_type, text, &v))
            {
              g_ptr_array_add (problems, g_strdup_printf ("%s: %s", table[i].heading, text));
              continue;
            }
          g_value_set_enum (&value, v);
        }
      g_object_set_property (object, table[i].property, &value);
    }
}

void
_kts_refi_apply_episode_fields (KtsEpisode *episode, GPtrArray *fields, GPtrArray *problems)
{
  apply_fields (G_OBJECT (episode), fields, episode_fields, G_N_ELEMENTS (episode_fields),
                problems);
}

void
_kts_refi_apply_move_fields (KtsMove *move, GPtrArray *fields, GPtrArray *problems)
{
  const char *position = _kts_refi_note_field (fields, "Position");
  const char *memo = _kts_refi_note_field (fields, "Memo");

  apply_fields (G_OBJECT (move), fields, move_fields, G_N_ELEMENTS (move_fields), problems);
  if (memo != NULL)
    g_object_set (move, "memo", memo, NULL);
  if (position != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (position, ",", 2);
      char  *end_x = NULL, *end_y = NULL;
      double x, y;

      if (parts[0] != NULL && parts[1] != NULL)
        {
          x = g_ascii_strtod (parts[0], &end_x);
          y = g_ascii_strtod (parts[1], &end_y);
          if (end_x != parts[0] && end_y != parts[1])
            {
              g_object_set (move, "x", x, "y", y, "has-position", TRUE, NULL);
              return;
            }
        }
      g_ptr_array_add (problems, g_strdup_printf ("Position: %s", position));
    }
}

gboolean
_kts_refi_parse_edge_name (const char *name, KtsEdgeType *type, int *count, char **label)
{
  g_autofree char *head = NULL;
  const char      *colon = strstr (name, ": ");
  char            *times;
  int              value;

  head = colon != NULL ? g_strndup (name, (gsize)(colon - name)) : g_strdup (name);
  *label = colon != NULL ? g_strdup (colon + 2) : NULL;
  *count = 0;
  times = strstr (head, " ×");
  if (times != NULL)
    {
      gint64 n;

      if (!g_ascii_string_to_signed (times + strlen (" ×"), 10, 1, G_MAXINT, &n, NULL))
        goto fail;
      *count = (int)n;
      *times = '\0';
    }
  if (!kts_enum_from_nick (KTS_TYPE_EDGE_TYPE, head, &value))
    goto fail;
  *type = value;
  return TRUE;

fail:
  g_clear_pointer (label, g_free);
  return FALSE;
}
