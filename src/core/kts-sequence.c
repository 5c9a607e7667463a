/* kts-sequence.c: lag-1 sequential analysis of coded turns and map moves.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lag sequential analysis asks whether one kind of event follows another
 * more often than chance: from the lag-1 transition table it computes
 * conditional probabilities, adjusted residuals (Allison and Liker's z) and
 * Yule's Q. Definitions: docs/sequence.md.
 */
#define G_LOG_DOMAIN "kts-sequence"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kts-agreement.h"
#include "kts-error.h"
#include "kts-sequence.h"

void
kts_transitions_free (KtsTransitions *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->labels);
  g_free (self->counts);
  g_free (self->row_totals);
  g_free (self->column_totals);
  g_free (self->probability);
  g_free (self->expected);
  g_free (self->residual);
  g_free (self->yules_q);
  g_free (self);
}

int
kts_transitions_state_index (KtsTransitions *self, const char *label)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->n_states; i++)
    if (g_strcmp0 (self->labels[i], label) == 0)
      return (int)i;
  return -1;
}

static int
compare_labels (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

KtsTransitions *
kts_transitions_from_events (const char *const *const *events, guint n_events)
{
  KtsTransitions *self = g_new0 (KtsTransitions, 1);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  const char *const *previous = NULL;
  guint              n, N;

  for (guint e = 0; e < n_events; e++)
    for (guint s = 0; events[e] != NULL && events[e][s] != NULL; s++)
      if (!g_hash_table_contains (index, events[e][s]))
        {
          g_hash_table_add (index, (gpointer)events[e][s]);
          g_ptr_array_add (labels, (gpointer)events[e][s]);
        }

  g_ptr_array_sort (labels, compare_labels);
  n = labels->len;
  self->n_states = n;
  self->labels = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      self->labels[i] = g_strdup (g_ptr_array_index (labels, i));
      g_hash_table_insert (index, self->labels[i], GUINT_TO_POINTER (i + 1));
    }
  /* Re-key by our own copies. */
  g_hash_table_remove_all (index);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index, self->labels[i], GUINT_TO_POINTER (i + 1));

  self->counts = g_new0 (guint, (gsize)MAX (n * n, 1));
  self->row_totals = g_new0 (guint, MAX (n, 1));
  self->column_totals = g_new0 (guint, MAX (n, 1));
  self->probability = g_new (double, MAX (n * n, 1));
  self->expected = g_new (double, MAX (n * n, 1));
  self->residual = g_new (double, MAX (n * n, 1));
  self->yules_q = g_new (double, MAX (n * n, 1));

  for (guint e = 0; e < n_events; e++)
    {
      const char *const *current = events[e];

      if (current == NULL || current[0] == NULL)
        continue;
      self->n_events++;
      if (previous != NULL)
        for (guint a = 0; previous[a] != NULL; a++)
          for (guint b = 0; current[b] != NULL; b++)
            {
              guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index, previous[a])) - 1;
              guint j = GPOINTER_TO_UINT (g_hash_table_lookup (index, current[b])) - 1;

              self->counts[i * n + j]++;
              self->row_totals[i]++;
              self->column_totals[j]++;
              self->total++;
            }
      previous = current;
    }

  N = self->total;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double nij = self->counts[i * n + j];
        double ri = self->row_totals[i];
        double cj = self->column_totals[j];
        double expected = N > 0 ? ri * cj / N : NAN;
        double variance = N > 0 ? expected * (1.0 - ri / N) * (1.0 - cj / N) : 0;
        double a = nij, b = ri - nij, c = cj - nij, d = N - ri - cj + nij;

        self->probability[i * n + j] = ri > 0 ? nij / ri : NAN;
        self->expected[i * n + j] = expected;
        self->residual[i * n + j] = variance > 0 ? (nij - expected) / sqrt (variance) : NAN;
        self->yules_q[i * n + j] = (a * d + b * c) > 0 ? (a * d - b * c) / (a * d + b * c) : NAN;
      }

  return self;
}

static void
add_state (GPtrArray *event, const char *label)
{
  for (guint i = 0; i < event->len; i++)
    if (g_str_equal (g_ptr_array_index (event, i), label))
      return;
  g_ptr_array_add (event, g_strdup (label));
}

static KtsTransitions *
from_event_arrays (GPtrArray *events)
{
  g_autofree const char *const **pointers = g_new0 (const char *const *, MAX (events->len, 1));

  for (guint e = 0; e < events->len; e++)
    {
      GPtrArray *event = g_ptr_array_index (events, e);
      pointers[e] = (const char *const *)event->pdata;
    }
  return kts_transitions_from_events (pointers, events->len);
}

static GPtrArray *
new_event (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
event_terminate (GPtrArray *event)
{
  g_ptr_array_add (event, NULL);
}

static const char *
actor_label (KtsActor actor)
{
  switch (actor)
    {
    case KTS_ACTOR_THERAPIST:
      return "T";
    case KTS_ACTOR_CLIENT:
      return "C";
    case KTS_ACTOR_DYAD:
      return "Dyad";
    case KTS_ACTOR_THIRD:
      return "Third";
    case KTS_ACTOR_UNSET:
    default:
      return "?";
    }
}

KtsTransitions *
kts_transitions_for_episode (KtsEpisode *episode, KtsSequenceUnit unit, GError **error)
{
  GListModel *moves;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  g_return_val_if_fail (KTS_IS_EPISODE (episode), NULL);

  moves = kts_episode_get_moves (episode);
  if (g_list_model_get_n_items (moves) < 2)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Episode “%s” has fewer than two moves, so there is no sequence to analyse."),
                   kts_episode_get_name (episode));
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      GPtrArray   *event = new_event ();
      KtsActor     actor = kts_move_get_actor (move);
      KtsDimension dim = kts_move_get_dimension (move);

      switch (unit)
        {
        case KTS_SEQUENCE_BY_ACTOR:
          add_state (event, actor_label (actor));
          break;

        case KTS_SEQUENCE_BY_CODE:
          {
            GPtrArray *anchors = kts_move_get_anchors (move);
            for (guint k = 0; anchors != NULL && k < anchors->len; k++)
              add_state (event, kts_code_get_display_key (
                                    kts_coding_get_code (g_ptr_array_index (anchors, k))));
          }
          break;

        case KTS_SEQUENCE_BY_LANE:
        default:
          if (actor == KTS_ACTOR_THIRD || kts_move_get_location (move) == KTS_LOCATION_OUTSIDE)
            add_state (event, "Outside");
          else if (actor != KTS_ACTOR_THERAPIST && actor != KTS_ACTOR_CLIENT)
            add_state (event, "Dyad");
          else
            {
              const char      *who = actor_label (actor);
              g_autofree char *sd = g_strdup_printf ("%s·SD", who);
              g_autofree char *rel = g_strdup_printf ("%s·REL", who);
              g_autofree char *none = g_strdup_printf ("%s·–", who);

              if (dim == KTS_DIMENSION_SELF_DEFINITION || dim == KTS_DIMENSION_BOTH)
                add_state (event, sd);
              if (dim == KTS_DIMENSION_RELATEDNESS || dim == KTS_DIMENSION_BOTH)
                add_state (event, rel);
              if (dim == KTS_DIMENSION_NONE)
                add_state (event, none);
            }
          break;
        }
      event_terminate (event);
      g_ptr_array_add (events, event);
    }

  return from_event_arrays (events);
}

KtsTransitions *
kts_transitions_for_document (KtsDocument *document,
                              KtsCoder    *coder,
                              const char  *layer,
                              GError     **error)
{
  guint       n_turns;
  GListModel *codings;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GPtrArray) per_turn
      = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  KtsTransitions *result;

  g_return_val_if_fail (KTS_IS_DOCUMENT (document), NULL);

  n_turns = kts_document_get_n_turns (document);
  if (n_turns < 2)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” has no speaker turns to put in sequence."),
                   kts_document_get_title (document));
      return NULL;
    }

  for (guint t = 0; t < n_turns; t++)
    g_ptr_array_add (per_turn, new_event ());

  codings = kts_document_get_codings (document);
  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
      KtsCode *code = kts_coding_get_code (coding);
      int      turn;

      if (coder != NULL && kts_coding_get_coder (coding) != coder)
        continue;
      if (layer != NULL)
        {
          g_autofree char *l = kts_code_dup_layer (code);
          if (g_strcmp0 (l, layer) != 0)
            continue;
        }
      /* A coding belongs to the turn it starts in. */
      turn = kts_document_find_turn (document, kts_coding_get_start (coding));
      if (turn < 0)
        continue;
      add_state (g_ptr_array_index (per_turn, turn), kts_code_get_display_key (code));
    }

  for (guint t = 0; t < n_turns; t++)
    {
      GPtrArray *event = g_ptr_array_index (per_turn, t);

      if (event->len == 0)
        continue;
      event_terminate (event);
      g_ptr_array_add (events, g_ptr_array_ref (event));
    }

  if (events->len < 2)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
                   _ ("Fewer than two turns of “%s” are coded%s, so there is no sequence to "
                      "analyse."),
                   kts_document_get_title (document), layer != NULL ? _ (" in this layer") : "");
      return NULL;
    }

  result = from_event_arrays (events);
  return result;
}

static void
csv_number (GString *out, double value)
{
  g_string_append_c (out, ',');
  if (!isnan (value))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", value));
    }
}

static void
csv_field (GString *out, const char *value)
{
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

GString *
kts_transitions_to_csv (KtsTransitions *self)
{
  GString *out
      = g_string_new ("given,target,count,probability,expected,adjusted_residual,yules_q\r\n");
  guint n;

  g_return_val_if_fail (self != NULL, out);

  n = self->n_states;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        if (self->counts[i * n + j] == 0 && self->row_totals[i] == 0)
          continue;
        csv_field (out, self->labels[i]);
        g_string_append_c (out, ',');
        csv_field (out, self->labels[j]);
        g_string_append_printf (out, ",%u", self->counts[i * n + j]);
        csv_number (out, self->probability[i * n + j]);
        csv_number (out, self->expected[i * n + j]);
        csv_number (out, self->residual[i * n + j]);
        csv_number (out, self->yules_q[i * n + j]);
        g_string_append (out, "\r\n");
      }
  return out;
}
