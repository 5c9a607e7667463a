/* kts-map-canvas-fixture.c: puts the map fixtures into a project, with interview excerpts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kts-map-canvas-fixture.h"
#include "kts-map-fixture.h"

/* Copies the writable plain-value properties of @from onto @to (both of one
 * type), skipping object references and the GUID. */
static void
copy_properties (GObject *from, GObject *to)
{
  guint                   n = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &n);

  for (guint i = 0; i < n; i++)
    {
      GParamSpec *spec = specs[i];
      g_auto (GValue) value = G_VALUE_INIT;

      if (!(spec->flags & G_PARAM_WRITABLE) || (spec->flags & G_PARAM_CONSTRUCT_ONLY)
          || G_TYPE_IS_OBJECT (spec->value_type) || g_str_equal (spec->name, "guid"))
        continue;
      g_value_init (&value, spec->value_type);
      g_object_get_property (from, spec->name, &value);
      g_object_set_property (to, spec->name, &value);
    }
}

static KtsCode *
ensure_code (KtsProject *project, const char *key, KtsMaturity maturity)
{
  KtsCodebook *codebook = kts_project_get_codebook (project);
  KtsCode     *code = kts_codebook_lookup_key (codebook, key);
  g_autoptr (KtsCode) fresh = NULL;
  g_autoptr (GError) error = NULL;

  if (code != NULL)
    return code;

  fresh = kts_code_new (NULL, key);
  g_object_set (fresh, "key", key, "maturity", maturity, NULL);
  if (g_str_has_prefix (key, "SD."))
    g_object_set (fresh, "dimension", KTS_DIMENSION_SELF_DEFINITION, NULL);
  else if (g_str_has_prefix (key, "REL."))
    g_object_set (fresh, "dimension", KTS_DIMENSION_RELATEDNESS, NULL);
  g_assert_true (kts_project_add_code (project, fresh, NULL, -1, &error));
  g_assert_no_error (error);
  return fresh;
}

typedef struct
{
  KtsMove *move;
  char    *codes;
  guint    start;
  guint    end;
} Excerpt;

static void
excerpt_clear (gpointer data)
{
  Excerpt *excerpt = data;

  g_free (excerpt->codes);
}

/* Applies each of @codes ("KEY[:LM|:MM] …") to [start, end) and anchors the
 * move there; a move without codes gets a plain "Evidence" coding. */
static void
anchor_move (KtsProject  *project,
             KtsDocument *document,
             KtsMove     *move,
             const char  *codes,
             guint        start,
             guint        end)
{
  g_auto (GStrv) keys = g_strsplit (codes != NULL ? codes : "", " ", -1);
  g_autoptr (GPtrArray) anchors = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  for (guint k = 0; keys[k] != NULL || anchors->len == 0; k++)
    {
      const char      *spec = keys[k] != NULL && *keys[k] != '\0' ? keys[k] : "Evidence";
      g_autofree char *key = g_strdup (spec);
      char            *colon = strchr (key, ':');
      KtsMaturity      maturity = KTS_MATURITY_UNSET;
      KtsCoding       *coding;

      if (colon != NULL)
        {
          maturity
              = g_str_equal (colon + 1, "MM") ? KTS_MATURITY_MORE_MATURE : KTS_MATURITY_LESS_MATURE;
          *colon = '\0';
        }
      coding = kts_project_apply_code (project, document, start, end,
                                       ensure_code (project, key, maturity), NULL,
                                       kts_move_get_actor (move), &error);
      g_assert_no_error (error);
      g_ptr_array_add (anchors, coding);
      if (keys[k] == NULL)
        break;
    }
  g_assert_true (kts_project_set_move_anchors (project, move, (KtsCoding **)anchors->pdata,
                                               anchors->len, &error));
  g_assert_no_error (error);
}

static void
add_interview (KtsProject *project, KtsEpisode *episode, const char *name, const char *path)
{
  static const char *const prompts[] = {
    "Can you say more about that?",
    "What happened then?",
    "How was that for you?",
    "And after that?",
    "What did you do?",
    "Mm. Go on.",
  };
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (GArray) excerpts = g_array_new (FALSE, TRUE, sizeof (Excerpt));
  g_autoptr (KtsDocument) document = NULL;
  g_autofree char *title = NULL;
  KtsSpeaker       speakers[]
      = { { (char *)"I", KTS_ROLE_INTERVIEWER }, { (char *)"T", KTS_ROLE_THERAPIST } };
  guint offset = 0;

  g_array_set_clear_func (excerpts, excerpt_clear);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      Excerpt excerpt = { 0 };
      KtsTurn turn;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      f = g_strsplit (lines[i], "|", 3);
      g_assert_cmpuint (g_strv_length (f), ==, 3);

      for (guint m = 0; m < g_list_model_get_n_items (kts_episode_get_moves (episode)); m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (kts_episode_get_moves (episode), m);
          if (g_strcmp0 (kts_move_get_ident (move), f[0]) == 0)
            excerpt.move = move;
        }
      g_assert_nonnull (excerpt.move);

      /* An interviewer's prompt, then the therapist's account. */
      turn = (KtsTurn){ 0, offset + 3, 0, -1 };
      g_string_append_printf (text, "I: %s\n", prompts[excerpts->len % G_N_ELEMENTS (prompts)]);
      turn.end = offset + 3 + g_utf8_strlen (prompts[excerpts->len % G_N_ELEMENTS (prompts)], -1);
      g_array_append_val (turns, turn);
      offset = g_utf8_strlen (text->str, -1);

      turn = (KtsTurn){ 1, offset + 3, offset + 3 + g_utf8_strlen (f[2], -1), -1 };
      g_string_append_printf (text, "T: %s\n", f[2]);
      g_array_append_val (turns, turn);
      excerpt.codes = g_strdup (f[1]);
      excerpt.start = turn.start;
      excerpt.end = turn.end;
      g_array_append_val (excerpts, excerpt);
      offset = g_utf8_strlen (text->str, -1);
    }

  title = g_strdup_printf ("Interview %s", name);
  document = kts_document_new (NULL, title, text->str);
  g_assert_true (kts_document_set_turns (document, speakers, G_N_ELEMENTS (speakers),
                                         (KtsTurn *)turns->data, turns->len, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (project, document, -1, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < excerpts->len; i++)
    {
      Excerpt *excerpt = &g_array_index (excerpts, Excerpt, i);

      anchor_move (project, document, excerpt->move, excerpt->codes, excerpt->start, excerpt->end);
    }
}

KtsEpisode *
kts_map_canvas_fixture_add (KtsProject *project, const char *name, gboolean excerpts)
{
  g_autoptr (KtsEpisode) source = kts_map_fixture_load (name);
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, kts_episode_get_name (source));
  g_autoptr (GHashTable) copies = g_hash_table_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  GListModel *moves = kts_episode_get_moves (source);
  GListModel *edges = kts_episode_get_edges (source);

  copy_properties (G_OBJECT (source), G_OBJECT (episode));
  g_assert_true (kts_project_add_episode (project, episode, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      g_autoptr (KtsMove) copy = kts_move_new (NULL, kts_move_get_label (move));

      copy_properties (G_OBJECT (move), G_OBJECT (copy));
      g_assert_true (kts_project_add_move (project, episode, copy, -1, &error));
      g_assert_no_error (error);
      g_hash_table_insert (copies, move, copy);
    }

  for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
    {
      g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);
      g_autoptr (KtsEdge) copy
          = kts_edge_new (NULL, kts_edge_get_edge_type (edge),
                          g_hash_table_lookup (copies, kts_edge_get_source (edge)),
                          g_hash_table_lookup (copies, kts_edge_get_target (edge)));

      copy_properties (G_OBJECT (edge), G_OBJECT (copy));
      g_assert_true (kts_project_add_edge (project, episode, copy, &error));
      g_assert_no_error (error);
    }

  if (excerpts)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "map-canvas", name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        add_interview (project, episode, kts_episode_get_name (episode), path);
    }

  return episode;
}

KtsEpisode *
kts_map_canvas_fixture_add_long (KtsProject *project, guint n_moves)
{
  static const char *const labels[] = {
    "Asks about the homework",
    "Goes quiet; looks at the floor",
    "Says it is fine, really",
    "Presses for a decision",
    "Changes the subject to work",
    "Names the tension between them",
    "Apologises for pushing too hard",
    "Talks about her father's visit",
    "Agrees too quickly",
    "Explores what it was like to say no",
    "Supervisor suggests slowing down",
    "Shared laughter about the worksheet",
    "Complains that nothing is changing",
    "Owns her part in the misunderstanding",
    "Proposes one line a day instead",
    "Sits back; lets the client lead",
  };
  static const char *const quotes[] = {
    "I don't know. Maybe. It's fine, I guess.",
    "You're the expert, you tell me what to do.",
    "I think I pushed you there, and that wasn't fair to you. I'm sorry.",
    "It's my hour. I'd like to decide what we talk about.",
    "When you said that, it sounded just like him, and I went completely blank.",
    "Can we try it differently? One line a day, that I could do.",
    "I noticed you got very quiet after I brought up the diary. What happened for you just then?",
    "Honestly, I don't think this is helping. We keep doing worksheets and I feel like a case "
    "study.",
    "Don't give me a worksheet for it. [laughs]",
    "I wanted you to be pleased with me. That's the stupid part.",
  };
  static const char *const keys[] = {
    "SD.isolation:LM", "REL.submission:LM", "RUP.W.silence",
    "RUP.C.complaint", "KS.2c.apology",     "MC.3",
    "SD.agency:MM",    "REL.mutuality:MM",  "STR.IMM.direct",
    "KS.2a.self_talk", "RUP.T.premature",   "KS.2e.balance",
  };
  static const KtsPhase phases[]
      = { KTS_PHASE_BEFORE, KTS_PHASE_RUPTURE, KTS_PHASE_REPAIR, KTS_PHASE_AFTER };
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, "long");
  g_autoptr (GPtrArray) moves = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (KtsDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  KtsSpeaker speakers[] = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  guint      offset = 0;
  guint      n_edges = 0;

  g_object_set (episode, "rupture-types", "W>C", "pattern-formula",
                "A long synthetic episode for measuring the map", NULL);
  g_assert_true (kts_project_add_episode (project, episode, &error));
  g_assert_no_error (error);

  kts_project_begin_group (project, "Add a long episode");
  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr (KtsMove) move = kts_move_new (NULL, labels[(i * 7) % G_N_ELEMENTS (labels)]);
      g_autofree char *ident = g_strdup_printf ("m%u", i + 1);
      KtsActor         actor = i % 2 == 0 ? KTS_ACTOR_THERAPIST : KTS_ACTOR_CLIENT;
      KtsLocation      location = KTS_LOCATION_IN_SESSION;
      KtsTurn          turn;
      const char      *quote = quotes[(i * 3) % G_N_ELEMENTS (quotes)];

      if (i % 23 == 11)
        actor = KTS_ACTOR_DYAD;
      if (i % 31 == 17)
        {
          actor = KTS_ACTOR_THIRD;
          location = KTS_LOCATION_OUTSIDE;
        }
      g_object_set (move, "ident", ident, "actor", actor, "dimension", 1 + (int)(i % 3), "phase",
                    phases[(i / 40) % 4], "location", location, "interpretation",
                    i % 5 == 4 ? KTS_INTERPRETATION_ANALYST : KTS_INTERPRETATION_PARTICIPANT,
                    "role", i % 40 == 5 ? KTS_MOVE_ROLE_OSTENSIVE : KTS_MOVE_ROLE_NONE, NULL);
      if (i % 8 == 0)
        {
          g_autofree char *session = g_strdup_printf ("S%u", 1 + i / 8);
          g_object_set (move, "session-ref", session, NULL);
        }
      g_assert_true (kts_project_add_move (project, episode, move, -1, &error));
      g_assert_no_error (error);
      g_ptr_array_add (moves, g_object_ref (move));

      turn = (KtsTurn){ actor == KTS_ACTOR_CLIENT ? 1 : 0, offset + 3,
                        offset + 3 + g_utf8_strlen (quote, -1), -1 };
      g_string_append_printf (text, "%s: %s\n", actor == KTS_ACTOR_CLIENT ? "C" : "T", quote);
      g_array_append_val (turns, turn);
      offset = g_utf8_strlen (text->str, -1);
    }

  document = kts_document_new (NULL, "Session transcripts", text->str);
  g_assert_true (kts_document_set_turns (document, speakers, G_N_ELEMENTS (speakers),
                                         (KtsTurn *)turns->data, turns->len, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (project, document, -1, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_moves; i++)
    {
      const KtsTurn   *turn = &g_array_index (turns, KtsTurn, i);
      g_autofree char *codes = g_strdup_printf ("%s %s", keys[i % G_N_ELEMENTS (keys)],
                                                keys[(i * 5 + 3) % G_N_ELEMENTS (keys)]);

      anchor_move (project, document, g_ptr_array_index (moves, i), codes, turn->start, turn->end);
    }

  for (guint i = 1; i < n_moves; i++)
    {
      struct
      {
        gboolean    on;
        KtsEdgeType type;
        int         from, to;
      } candidates[] = {
        { i % 4 != 0, KTS_EDGE_RESPONDS_TO, (int)i - 1, (int)i },
        { i % 6 == 0 && i >= 3, KTS_EDGE_REPAIRS, (int)i, (int)i - 3 },
        { i % 9 == 0 && i + 2 < n_moves, KTS_EDGE_VEILS, (int)i, (int)i + 2 },
        { i % 10 == 5 && i + 1 < n_moves, KTS_EDGE_INFORMS, (int)i, (int)i + 1 },
        { i % 17 == 0, KTS_EDGE_FAILS, (int)i, (int)i - 1 },
      };

      for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
        {
          g_autoptr (KtsEdge) edge = NULL;

          if (!candidates[c].on)
            continue;
          edge = kts_edge_new (NULL, candidates[c].type,
                               g_ptr_array_index (moves, candidates[c].from),
                               g_ptr_array_index (moves, candidates[c].to));
          g_assert_true (kts_project_add_edge (project, episode, edge, &error));
          g_assert_no_error (error);
          n_edges++;
        }
    }
  kts_project_end_group (project);
  (void)n_edges;

  return episode;
}
