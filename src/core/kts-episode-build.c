/* kts-episode-build.c: drafting a process map from the codings of an episode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draft is a starting point the analyst edits: it groups codings into
 * events, reads who acts and in which dimension from the codings, and the
 * phases from the landmark codes. Nothing here decides SD or REL from a
 * rupture marker (brief 0.1): dimensions come only from Blatt codes.
 */
#define G_LOG_DOMAIN "kts-episode-build"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-error.h"
#include "kts-episode-build.h"

KtsEpisode *
kts_project_add_episode_for_turns (KtsProject  *project,
                                   const char  *name,
                                   KtsDocument *document,
                                   guint        first_turn,
                                   guint        last_turn,
                                   GError     **error)
{
  g_autoptr (KtsEpisode) episode = NULL;
  guint n_turns;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (KTS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n_turns = kts_document_get_n_turns (document);
  if (first_turn < 1 || last_turn < first_turn || last_turn > n_turns)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Turns %u–%u do not exist in “%s”, which has turns 1–%u."), first_turn,
                   last_turn, kts_document_get_title (document), n_turns);
      return NULL;
    }
  if (kts_project_find_episode (project, name) != NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("There is already an episode called “%s”."), name);
      return NULL;
    }

  episode = kts_episode_new (NULL, name);
  g_object_set (episode, "document", document, "start",
                kts_document_get_turn (document, first_turn - 1)->start, "end",
                kts_document_get_turn (document, last_turn - 1)->end, NULL);
  if (!kts_project_add_episode (project, episode, error))
    return NULL;

  return episode;
}

static gboolean
key_has_prefix (KtsCode *code, const char *prefix)
{
  const char *key = kts_code_get_key (code);

  return key != NULL && g_str_has_prefix (key, prefix);
}

static KtsDimension
code_dimension (KtsCode *code)
{
  for (KtsCode *c = code; c != NULL; c = kts_code_get_parent (c))
    if (kts_code_get_dimension (c) != KTS_DIMENSION_NONE)
      return kts_code_get_dimension (c);
  return KTS_DIMENSION_NONE;
}

static KtsActor
actor_for_role (KtsRole role)
{
  switch (role)
    {
    case KTS_ROLE_THERAPIST:
      return KTS_ACTOR_THERAPIST;
    case KTS_ROLE_CLIENT:
      return KTS_ACTOR_CLIENT;
    case KTS_ROLE_INTERVIEWER:
    case KTS_ROLE_OTHER:
    default:
      return KTS_ACTOR_UNSET;
    }
}

typedef struct
{
  GPtrArray *codings; /* KtsCoding, text order */
  guint      start;
  guint      end;
  int        turn;
} Event;

static void
event_free (gpointer data)
{
  Event *event = data;

  g_ptr_array_unref (event->codings);
  g_free (event);
}

/* Landmark state machine: what phase follows a landmark. */
static KtsPhase
phase_after_landmark (KtsCode *code, KtsPhase current)
{
  if (key_has_prefix (code, "EP.rupture_onset") || key_has_prefix (code, "EP.revisit"))
    return KTS_PHASE_RUPTURE;
  if (key_has_prefix (code, "EP.ostensive")
      && (current == KTS_PHASE_UNSET || current == KTS_PHASE_BEFORE))
    return KTS_PHASE_RUPTURE;
  if (key_has_prefix (code, "EP.repair_start"))
    return KTS_PHASE_REPAIR;
  return current;
}

static char *
draft_label (Event *event)
{
  g_autoptr (GString) label = g_string_new (NULL);

  for (guint i = 0; i < event->codings->len; i++)
    {
      KtsCode    *code = kts_coding_get_code (g_ptr_array_index (event->codings, i));
      const char *name = kts_code_get_name (code);

      if (key_has_prefix (code, "EP."))
        continue;
      if (strstr (label->str, name) != NULL)
        continue;
      if (label->len > 0)
        g_string_append (label, " · ");
      g_string_append (label, name);
    }
  if (label->len == 0 && event->codings->len > 0)
    g_string_append (
        label, kts_code_get_name (kts_coding_get_code (g_ptr_array_index (event->codings, 0))));

  if (g_utf8_strlen (label->str, -1) > 60)
    {
      g_autofree char *cut = g_utf8_substring (label->str, 0, 59);
      g_string_assign (label, cut);
      g_string_append (label, "…");
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

/* A move drafted from one event: actor from the codings (else the speaker's
 * role), dimension from the Blatt codes only, role from landmarks and
 * markers, label from the code names. @phase is the phase in force before
 * the event and becomes the one after its landmarks; @resolution tells
 * whether the event is the resolution. */
static KtsMove *
draft_move (Event *event, KtsDocument *document, KtsPhase *phase, gboolean *resolution)
{
  g_autofree char *label = draft_label (event);
  KtsActor         actor = KTS_ACTOR_UNSET;
  gboolean         sd = FALSE, rel = FALSE;
  KtsMoveRole      role = KTS_MOVE_ROLE_NONE;
  gboolean         repair_code = FALSE;
  KtsMove         *move;

  *resolution = FALSE;
  for (guint k = 0; k < event->codings->len; k++)
    {
      KtsCoding   *coding = g_ptr_array_index (event->codings, k);
      KtsCode     *code = kts_coding_get_code (coding);
      KtsDimension dim = code_dimension (code);

      if (actor == KTS_ACTOR_UNSET)
        actor = kts_coding_get_actor (coding);
      sd |= dim == KTS_DIMENSION_SELF_DEFINITION || dim == KTS_DIMENSION_BOTH;
      rel |= dim == KTS_DIMENSION_RELATEDNESS || dim == KTS_DIMENSION_BOTH;
      *phase = phase_after_landmark (code, *phase);

      if (key_has_prefix (code, "EP.ostensive"))
        role = KTS_MOVE_ROLE_OSTENSIVE;
      else if (key_has_prefix (code, "EP.failed_repair"))
        role = KTS_MOVE_ROLE_FAILED_REPAIR;
      else if (key_has_prefix (code, "EP.resolution"))
        {
          role = KTS_MOVE_ROLE_RESOLUTION;
          *resolution = TRUE;
        }
      else if (role == KTS_MOVE_ROLE_NONE && key_has_prefix (code, "RUP.T"))
        role = KTS_MOVE_ROLE_TRIGGER;
      else if (role == KTS_MOVE_ROLE_NONE
               && (key_has_prefix (code, "RUP.W") || key_has_prefix (code, "RUP.C")))
        role = KTS_MOVE_ROLE_MARKER;

      repair_code |= key_has_prefix (code, "RES.") || key_has_prefix (code, "MC.")
                     || key_has_prefix (code, "STR.") || key_has_prefix (code, "KS.2")
                     || key_has_prefix (code, "JSR.REP");
    }

  if (actor == KTS_ACTOR_UNSET && event->turn >= 0)
    actor = actor_for_role (kts_document_get_turn_role (document, event->turn));

  if (role == KTS_MOVE_ROLE_NONE && repair_code && *phase == KTS_PHASE_REPAIR)
    role = KTS_MOVE_ROLE_REPAIR_ATTEMPT;
  if (role == KTS_MOVE_ROLE_NONE && *phase == KTS_PHASE_AFTER)
    role = KTS_MOVE_ROLE_CONSOLIDATION;

  move = kts_move_new (NULL, label);
  g_object_set (move, "actor", actor, "dimension",
                sd && rel ? KTS_DIMENSION_BOTH
                : sd      ? KTS_DIMENSION_SELF_DEFINITION
                : rel     ? KTS_DIMENSION_RELATEDNESS
                          : KTS_DIMENSION_NONE,
                "phase", *phase, "role", role, "location", KTS_LOCATION_IN_SESSION, NULL);
  return move;
}

int
kts_episode_build_from_codings (KtsProject *project,
                                KtsEpisode *episode,
                                gboolean    replace,
                                GError    **error)
{
  KtsDocument *document;
  GListModel  *codings;
  GListModel  *moves;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (event_free);
  guint    start, end, n;
  KtsPhase phase = KTS_PHASE_UNSET;
  gboolean any_landmark = FALSE;
  int      made = 0;

  g_return_val_if_fail (KTS_IS_PROJECT (project), -1);
  g_return_val_if_fail (KTS_IS_EPISODE (episode), -1);

  document = kts_episode_get_document (episode);
  if (document == NULL)
    {
      g_set_error (
          error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
          _ ("Episode “%s” is not linked to a transcript, so there are no codings to build "
             "its map from."),
          kts_episode_get_name (episode));
      return -1;
    }

  moves = kts_episode_get_moves (episode);
  if (g_list_model_get_n_items (moves) > 0 && !replace)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Episode “%s” already has %u moves; building would replace them."),
                   kts_episode_get_name (episode), g_list_model_get_n_items (moves));
      return -1;
    }

  start = kts_episode_get_start (episode);
  end = kts_episode_get_end (episode);
  if (end <= start)
    end = kts_document_get_n_characters (document);

  /* 1. Events: codings overlapping each other within one turn. Codings are
   * sorted by start, so a running end is enough. */
  codings = kts_document_get_codings (document);
  n = g_list_model_get_n_items (codings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
      guint  cs = kts_coding_get_start (coding);
      guint  ce = kts_coding_get_end (coding);
      int    turn = kts_document_find_turn (document, cs);
      Event *last = events->len > 0 ? g_ptr_array_index (events, events->len - 1) : NULL;

      if (ce <= start || cs >= end)
        continue;
      /* A reference an open practice set hides must not surface in a map. */
      if (kts_project_coding_is_hidden (project, coding))
        continue;

      if (last != NULL && last->turn == turn && cs < last->end)
        {
          g_ptr_array_add (last->codings, g_object_ref (coding));
          last->end = MAX (last->end, ce);
        }
      else
        {
          Event *event = g_new0 (Event, 1);

          event->codings = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (event->codings, g_object_ref (coding));
          event->start = cs;
          event->end = ce;
          event->turn = turn;
          g_ptr_array_add (events, event);
        }
    }

  for (guint i = 0; i < events->len && !any_landmark; i++)
    {
      Event *event = g_ptr_array_index (events, i);
      for (guint k = 0; k < event->codings->len; k++)
        any_landmark
            |= key_has_prefix (kts_coding_get_code (g_ptr_array_index (event->codings, k)), "EP.");
    }
  if (any_landmark)
    phase = KTS_PHASE_BEFORE;

  kts_project_begin_group (project, _ ("Build map from codings"));

  if (replace)
    while (g_list_model_get_n_items (moves) > 0)
      {
        g_autoptr (KtsMove) move = g_list_model_get_item (moves, 0);
        kts_project_remove_move (project, episode, move);
      }

  for (guint i = 0; i < events->len; i++)
    {
      Event *event = g_ptr_array_index (events, i);
      g_autoptr (KtsMove) move = NULL;
      g_autofree char *ident = NULL;
      gboolean         resolution = FALSE;

      ident = g_strdup_printf ("e-%02u", i + 1);
      move = draft_move (event, document, &phase, &resolution);
      g_object_set (move, "ident", ident, NULL);

      if (!kts_project_add_move (project, episode, move, -1, error)
          || !kts_project_set_move_anchors (project, move, (KtsCoding **)event->codings->pdata,
                                            event->codings->len, error))
        {
          kts_project_abort_group (project);
          return -1;
        }
      made++;

      /* What comes after the resolution is the after phase. */
      if (resolution)
        phase = KTS_PHASE_AFTER;
    }

  kts_project_end_group (project);
  return made;
}

static guint
first_anchor_start (KtsMove *move, KtsDocument *document, gboolean *found)
{
  GPtrArray *anchors = kts_move_get_anchors (move);

  for (guint i = 0; i < anchors->len; i++)
    {
      KtsCoding *coding = g_ptr_array_index (anchors, i);

      if (kts_coding_get_document (coding) == document)
        {
          *found = TRUE;
          return kts_coding_get_start (coding);
        }
    }
  *found = FALSE;
  return 0;
}

/* The next free id in the style of @model's ("m7" → "m22", "e-07" → "e-08"),
 * "m1" without one. */
static char *
next_ident (KtsEpisode *episode, KtsMove *model)
{
  GListModel      *moves = kts_episode_get_moves (episode);
  const char      *example = model != NULL ? kts_move_get_ident (model) : NULL;
  g_autofree char *prefix = NULL;
  gsize            len;
  guint64          highest = 0;

  if (example == NULL || *example == '\0')
    example = "m";
  len = strlen (example);
  while (len > 0 && g_ascii_isdigit (example[len - 1]))
    len--;
  prefix = g_strndup (example, len);

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      const char *ident = kts_move_get_ident (move);
      char       *end = NULL;
      guint64     n;

      if (ident == NULL || !g_str_has_prefix (ident, prefix) || ident[len] == '\0')
        continue;
      n = g_ascii_strtoull (ident + len, &end, 10);
      if (end != NULL && *end == '\0')
        highest = MAX (highest, n);
    }
  /* Zero-padded like the model ("e-07" → "e-08"). */
  return g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, (int)(strlen (example) - len),
                          highest + 1);
}

KtsMove *
kts_episode_add_move_for_codings (
    KtsProject *project, KtsEpisode *episode, KtsCoding **codings, guint n_codings, GError **error)
{
  GListModel  *moves;
  KtsDocument *document;
  guint        n, position, start;
  Event        event = { 0 };
  g_autoptr (KtsMove) move = NULL;
  g_autoptr (KtsMove) before = NULL;
  g_autoptr (KtsMove) after = NULL;
  g_autofree char *ident = NULL;
  KtsPhase         phase = KTS_PHASE_UNSET;
  gboolean         resolution;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (KTS_IS_EPISODE (episode), NULL);
  g_return_val_if_fail (codings != NULL && n_codings > 0, NULL);

  document = kts_coding_get_document (codings[0]);
  start = kts_coding_get_start (codings[0]);
  moves = kts_episode_get_moves (episode);
  n = g_list_model_get_n_items (moves);

  /* In event order: before the first move that starts later in the text. */
  position = n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsMove) m = g_list_model_get_item (moves, i);
      gboolean found;
      guint    s = first_anchor_start (m, document, &found);

      if (found && s > start)
        {
          position = i;
          break;
        }
    }
  if (position > 0)
    before = g_list_model_get_item (moves, position - 1);
  if (position < n)
    after = g_list_model_get_item (moves, position);
  if (before != NULL)
    phase = kts_move_get_phase (before);
  else if (after != NULL)
    phase = kts_move_get_phase (after);

  event.codings = g_ptr_array_new ();
  for (guint i = 0; i < n_codings; i++)
    g_ptr_array_add (event.codings, codings[i]);
  event.start = start;
  event.end = kts_coding_get_end (codings[0]);
  event.turn = document != NULL ? kts_document_find_turn (document, start) : -1;
  move = draft_move (&event, document, &phase, &resolution);
  g_ptr_array_unref (event.codings);

  ident = next_ident (episode, before != NULL ? before : after);
  g_object_set (move, "ident", ident, NULL);

  kts_project_begin_group (project, _ ("Add move to map"));
  if (!kts_project_add_move (project, episode, move, (int)position, error)
      || !kts_project_set_move_anchors (project, move, codings, n_codings, error))
    {
      kts_project_abort_group (project);
      return NULL;
    }
  kts_project_end_group (project);
  return move;
}
