/* test-episode-build.c: drafting an episode's moves from its codings, and episode tables.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kts-episode-build.h"
#include "kts-episode-table.h"
#include "kts-test-util.h"

/* Six turns: build-up, a therapist trigger, a withdrawal marker that is the
 * ostensive moment, a repair with metacommunication, and the resolution. */
static const char transcript[] = "T: How was the week?\n"                       /* 1 */
                                 "C: Fine. I did my own plan, actually.\n"      /* 2 */
                                 "T: You should really do the diary instead.\n" /* 3 */
                                 "C: [silence] Whatever.\n"                     /* 4 */
                                 "T: I pushed there. That was my part.\n"       /* 5 */
                                 "C: Thanks. I want you to hear me.\n";         /* 6 */

static KtsCode *
add_code (KtsProject *project, const char *key, KtsDimension dimension)
{
  g_autoptr (KtsCode) code = kts_code_new (NULL, key);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "dimension", dimension, NULL);
  g_assert_true (kts_project_add_code (project, code, NULL, -1, &error));
  g_assert_no_error (error);
  return code;
}

static void
code_span (
    KtsProject *project, KtsDocument *document, const char *span, KtsCode *code, KtsActor actor)
{
  const char *text = kts_document_get_text (document);
  const char *at = strstr (text, span);
  g_autoptr (GError) error = NULL;
  guint start, end;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  end = start + g_utf8_strlen (span, -1);
  g_assert_nonnull (
      kts_project_apply_code (project, document, start, end, code, NULL, actor, &error));
  g_assert_no_error (error);
}

static KtsProject *
make_project (KtsDocument **out_document)
{
  KtsProject *project = kts_project_new ();
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "Session 3", transcript);
  g_autoptr (GArray) speakers = NULL;
  g_autoptr (GArray) turns = NULL;
  g_autoptr (GError) error = NULL;
  KtsCode *sd_agency, *sd_dominance, *sd_isolation, *rel_intimacy, *rup_t, *rup_w, *ep_onset,
      *ep_ost, *ep_repair, *ep_res, *mc3;

  g_assert_true (kts_turns_detect (transcript, NULL, 0, &speakers, &turns, &error));
  g_assert_true (kts_document_set_turns (document, (KtsSpeaker *)speakers->data, speakers->len,
                                         (KtsTurn *)turns->data, turns->len, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (project, document, -1, &error));

  sd_agency = add_code (project, "SD.agency", KTS_DIMENSION_SELF_DEFINITION);
  sd_dominance = add_code (project, "SD.dominance", KTS_DIMENSION_SELF_DEFINITION);
  sd_isolation = add_code (project, "SD.isolation", KTS_DIMENSION_SELF_DEFINITION);
  rel_intimacy = add_code (project, "REL.intimacy", KTS_DIMENSION_RELATEDNESS);
  rup_t = add_code (project, "RUP.T.pushing_expertise", KTS_DIMENSION_NONE);
  rup_w = add_code (project, "RUP.W.silence", KTS_DIMENSION_NONE);
  ep_onset = add_code (project, "EP.rupture_onset", KTS_DIMENSION_NONE);
  ep_ost = add_code (project, "EP.ostensive", KTS_DIMENSION_NONE);
  ep_repair = add_code (project, "EP.repair_start", KTS_DIMENSION_NONE);
  ep_res = add_code (project, "EP.resolution", KTS_DIMENSION_NONE);
  mc3 = add_code (project, "MC.3_accept_responsibility", KTS_DIMENSION_NONE);

  code_span (project, document, "I did my own plan", sd_agency, KTS_ACTOR_CLIENT);
  code_span (project, document, "You should really do the diary", sd_dominance, KTS_ACTOR_UNSET);
  code_span (project, document, "You should really", rup_t, KTS_ACTOR_THERAPIST);
  code_span (project, document, "You should", ep_onset, KTS_ACTOR_UNSET);
  code_span (project, document, "[silence] Whatever.", rup_w, KTS_ACTOR_CLIENT);
  code_span (project, document, "[silence]", ep_ost, KTS_ACTOR_CLIENT);
  code_span (project, document, "Whatever.", sd_isolation, KTS_ACTOR_CLIENT);
  code_span (project, document, "That was my part.", mc3, KTS_ACTOR_THERAPIST);
  code_span (project, document, "I pushed there.", ep_repair, KTS_ACTOR_THERAPIST);
  code_span (project, document, "I want you to hear me.", rel_intimacy, KTS_ACTOR_CLIENT);
  code_span (project, document, "I want you to hear me.", sd_agency, KTS_ACTOR_CLIENT);
  code_span (project, document, "Thanks.", ep_res, KTS_ACTOR_CLIENT);

  kts_project_clear_undo (project);
  *out_document = document;
  return project;
}

static KtsMove *
move_at (KtsEpisode *episode, guint i)
{
  g_autoptr (KtsMove) move = g_list_model_get_item (kts_episode_get_moves (episode), i);
  return move;
}

static void
test_build (void)
{
  KtsDocument *document;
  g_autoptr (KtsProject) project = make_project (&document);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *redone = NULL;
  KtsEpisode      *episode;
  KtsMove         *m;
  int              n;

  episode = kts_project_add_episode_for_turns (project, "ep-1", document, 1, 6, &error);
  g_assert_no_error (error);
  g_assert_nonnull (episode);
  g_assert_cmpuint (kts_episode_get_start (episode), ==, 0);
  g_assert_cmpuint (kts_episode_get_end (episode), ==, g_utf8_strlen (transcript, -1) - 1);

  before = kts_test_dump_project (project);
  n = kts_episode_build_from_codings (project, episode, FALSE, &error);
  g_assert_no_error (error);
  /* Turn 2, turn 3, turn 4, turn 5 (two spans: one event each), turn 6 (two events). */
  g_assert_cmpint (n, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_moves (episode)), ==, 7);
  kts_test_assert_consistent (project);

  /* Before the onset: the client's own plan, self-definition. */
  m = move_at (episode, 0);
  g_assert_cmpint (kts_move_get_phase (m), ==, KTS_PHASE_BEFORE);
  g_assert_cmpint (kts_move_get_actor (m), ==, KTS_ACTOR_CLIENT);
  g_assert_cmpint (kts_move_get_dimension (m), ==, KTS_DIMENSION_SELF_DEFINITION);
  g_assert_cmpuint (kts_move_get_anchors (m)->len, ==, 1);

  /* The trigger: three stacked codings, one event; the actor comes from a
   * coding, the dimension from the Blatt code, never from the marker. */
  m = move_at (episode, 1);
  g_assert_cmpuint (kts_move_get_anchors (m)->len, ==, 3);
  g_assert_cmpint (kts_move_get_phase (m), ==, KTS_PHASE_RUPTURE);
  g_assert_cmpint (kts_move_get_role (m), ==, KTS_MOVE_ROLE_TRIGGER);
  g_assert_cmpint (kts_move_get_actor (m), ==, KTS_ACTOR_THERAPIST);
  g_assert_cmpint (kts_move_get_dimension (m), ==, KTS_DIMENSION_SELF_DEFINITION);
  g_assert_cmpstr (kts_move_get_label (m), ==, "RUP.T.pushing_expertise · SD.dominance");

  /* The withdrawal marker is the ostensive moment. */
  m = move_at (episode, 2);
  g_assert_cmpint (kts_move_get_role (m), ==, KTS_MOVE_ROLE_OSTENSIVE);
  g_assert_cmpint (kts_move_get_phase (m), ==, KTS_PHASE_RUPTURE);

  /* Repair: "I pushed there." starts it; "That was my part." is a repair
   * attempt with MC.3. */
  m = move_at (episode, 3);
  g_assert_cmpint (kts_move_get_phase (m), ==, KTS_PHASE_REPAIR);
  g_assert_cmpint (kts_move_get_actor (m), ==, KTS_ACTOR_THERAPIST);
  m = move_at (episode, 4);
  g_assert_cmpint (kts_move_get_phase (m), ==, KTS_PHASE_REPAIR);
  g_assert_cmpint (kts_move_get_role (m), ==, KTS_MOVE_ROLE_REPAIR_ATTEMPT);

  /* The resolution, then after: SD and REL on one span make "both". */
  m = move_at (episode, 5);
  g_assert_cmpint (kts_move_get_role (m), ==, KTS_MOVE_ROLE_RESOLUTION);
  g_assert_cmpint (kts_move_get_phase (m), ==, KTS_PHASE_REPAIR);
  m = move_at (episode, 6);
  g_assert_cmpint (kts_move_get_phase (m), ==, KTS_PHASE_AFTER);
  g_assert_cmpint (kts_move_get_dimension (m), ==, KTS_DIMENSION_BOTH);
  g_assert_cmpint (kts_move_get_role (m), ==, KTS_MOVE_ROLE_CONSOLIDATION);

  /* One undo step takes it all back; redo restores it exactly. */
  after = kts_test_dump_project (project);
  g_assert_true (kts_project_undo (project));
  {
    g_autofree char *undone = kts_test_dump_project (project);
    kts_test_assert_dumps_equal (undone, before);
  }
  g_assert_true (kts_project_redo (project));
  redone = kts_test_dump_project (project);
  kts_test_assert_dumps_equal (redone, after);

  /* A second build is refused without replace, and replaces with it. */
  g_assert_cmpint (kts_episode_build_from_codings (project, episode, FALSE, &error), ==, -1);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (kts_episode_build_from_codings (project, episode, TRUE, &error), ==, 7);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_moves (episode)), ==, 7);
  g_assert_true (kts_project_undo (project));
  {
    g_autofree char *undone = kts_test_dump_project (project);
    kts_test_assert_dumps_equal (undone, after);
  }
}

static void
test_errors (void)
{
  KtsDocument *document;
  g_autoptr (KtsProject) project = make_project (&document);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsEpisode) loose = kts_episode_new (NULL, "no transcript");

  g_assert_null (kts_project_add_episode_for_turns (project, "x", document, 0, 2, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (kts_project_add_episode_for_turns (project, "x", document, 3, 99, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_nonnull (kts_project_add_episode_for_turns (project, "x", document, 3, 4, &error));
  g_assert_null (kts_project_add_episode_for_turns (project, "x", document, 3, 4, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (kts_project_add_episode (project, loose, &error));
  g_assert_cmpint (kts_episode_build_from_codings (project, loose, FALSE, &error), ==, -1);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
}

static void
test_add_move_for_codings (void)
{
  KtsDocument *document;
  g_autoptr (KtsProject) project = make_project (&document);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) anchors = NULL;
  g_autofree char *before = NULL;
  KtsEpisode      *episode;
  KtsMove         *m, *added;

  episode = kts_project_add_episode_for_turns (project, "ep-1", document, 1, 6, &error);
  g_assert_cmpint (kts_episode_build_from_codings (project, episode, FALSE, &error), ==, 7);
  /* Take the ostensive silence (move 3) out, then add it back from its codings. */
  m = move_at (episode, 2);
  anchors
      = g_ptr_array_copy (kts_move_get_anchors (m), (GCopyFunc)(void (*) (void))g_object_ref, NULL);
  g_ptr_array_set_free_func (anchors, g_object_unref);
  kts_project_remove_move (project, episode, m);
  before = kts_test_dump_project (project);

  added = kts_episode_add_move_for_codings (project, episode, (KtsCoding **)anchors->pdata,
                                            anchors->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  g_assert_true (move_at (episode, 2) == added);
  g_assert_cmpstr (kts_move_get_ident (added), ==, "e-08");
  g_assert_cmpint (kts_move_get_phase (added), ==, KTS_PHASE_RUPTURE);
  g_assert_cmpint (kts_move_get_role (added), ==, KTS_MOVE_ROLE_OSTENSIVE);
  g_assert_cmpint (kts_move_get_actor (added), ==, KTS_ACTOR_CLIENT);
  g_assert_cmpint (kts_move_get_dimension (added), ==, KTS_DIMENSION_SELF_DEFINITION);
  g_assert_cmpuint (kts_move_get_anchors (added)->len, ==, anchors->len);
  kts_test_assert_consistent (project);

  /* One undo step. */
  g_assert_true (kts_project_undo (project));
  {
    g_autofree char *undone = kts_test_dump_project (project);
    kts_test_assert_dumps_equal (undone, before);
  }

  /* Into an empty episode: the first move, "m1". */
  {
    g_autoptr (KtsEpisode) empty = kts_episode_new (NULL, "empty");
    g_assert_true (kts_project_add_episode (project, empty, &error));
    added = kts_episode_add_move_for_codings (project, empty, (KtsCoding **)anchors->pdata, 1,
                                              &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kts_move_get_ident (added), ==, "m1");
  }
}

static const char table[]
    = "# a curated episode\n"
      "episode|name|curated\n"
      "episode|document|Session 3\n"
      "episode|turns|2-6\n"
      "episode|rupture-types|W\n"
      "episode|initiator|therapist\n"
      "episode|resolution|resolved\n"
      "episode|themes|2c\n"
      "case|label|k\n"
      "case|therapist-pseudonym|Dr. T\n"
      "case|client-age|30\n"
      "default|location|in-session\n"
      "\n"
      "move|a|before|client|self-definition|-|participant|S3|Has a plan of his own\n"
      "anchor|a|2|SD.agency|I did my own plan\n"
      "move|b|rupture|therapist|self-definition|trigger|participant|-|Pushes the diary\n"
      "set|b|awareness|out-of-awareness\n"
      "set|b|memo|a memo | with a bar\n"
      "anchor|b|3|RUP.T.pushing_expertise|You should really\n"
      "anchor|b|3|SD.dominance|\n"
      "move|c|rupture|client|self-definition|ostensive|analyst|-|Goes silent\n"
      "set|c|quote|Whatever.\n"
      "anchor|c|4|RUP.W.silence|[silence] Whatever.\n"
      "move|d|repair|third:supervisor|relatedness|repair-attempt|participant|later|Reframes\n"
      "set|d|location|outside\n"
      "edge|responds-to|b|c\n"
      "edge|escalates|b|c|3|loop\n"
      "edge|informs|d|c\n";

static void
test_table (void)
{
  KtsDocument *document;
  g_autoptr (KtsProject) project = make_project (&document);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = kts_test_dump_project (project);
  g_autofree char *after = NULL;
  KtsEpisode      *episode;
  KtsMove         *m;
  KtsEdge         *edge;
  KtsCase         *kase;

  episode = kts_project_import_episode_table (project, table, -1, "t.txt", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (episode);
  kts_test_assert_consistent (project);
  g_assert_cmpstr (kts_episode_get_name (episode), ==, "curated");
  g_assert_true (kts_episode_get_document (episode) == document);
  g_assert_cmpuint (kts_episode_get_start (episode), ==,
                    kts_document_get_turn (document, 1)->start);
  g_assert_cmpuint (kts_episode_get_end (episode), ==, kts_document_get_turn (document, 5)->end);
  g_assert_cmpstr (kts_episode_get_rupture_types (episode), ==, "W");
  g_assert_cmpint (kts_episode_get_initiator (episode), ==, KTS_INITIATOR_THERAPIST);
  g_assert_cmpint (kts_episode_get_resolution (episode), ==, KTS_RESOLUTION_RESOLVED);
  kase = kts_episode_get_case (episode);
  g_assert_nonnull (kase);
  g_assert_cmpstr (kts_case_get_label (kase), ==, "k");
  g_assert_cmpstr (kts_case_get_therapist_pseudonym (kase), ==, "Dr. T");
  g_assert_cmpint (kts_case_get_client_age (kase), ==, 30);

  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_moves (episode)), ==, 4);
  m = move_at (episode, 0);
  g_assert_cmpstr (kts_move_get_ident (m), ==, "a");
  g_assert_cmpstr (kts_move_get_label (m), ==, "Has a plan of his own");
  g_assert_cmpstr (kts_move_get_session_ref (m), ==, "S3");
  g_assert_cmpint (kts_move_get_location (m), ==, KTS_LOCATION_IN_SESSION);
  g_assert_cmpuint (kts_move_get_anchors (m)->len, ==, 1);
  m = move_at (episode, 1);
  g_assert_cmpint (kts_move_get_role (m), ==, KTS_MOVE_ROLE_TRIGGER);
  g_assert_cmpint (kts_move_get_awareness (m), ==, KTS_AWARENESS_OUT_OF_AWARENESS);
  g_assert_cmpstr (kts_move_get_memo (m), ==, "a memo | with a bar");
  g_assert_null (kts_move_get_session_ref (m));
  g_assert_cmpuint (kts_move_get_anchors (m)->len, ==, 2);
  /* Anchors keep the table's order: the first gives the primary quote. */
  {
    g_autofree char *quote = kts_move_dup_primary_quote (m);
    g_assert_cmpstr (quote, ==, "You should really");
  }
  m = move_at (episode, 2);
  g_assert_cmpint (kts_move_get_interpretation (m), ==, KTS_INTERPRETATION_ANALYST);
  g_assert_cmpstr (kts_move_get_quote (m), ==, "Whatever.");
  m = move_at (episode, 3);
  g_assert_cmpint (kts_move_get_actor (m), ==, KTS_ACTOR_THIRD);
  g_assert_cmpstr (kts_move_get_third_role (m), ==, "supervisor");
  g_assert_cmpint (kts_move_get_location (m), ==, KTS_LOCATION_OUTSIDE);

  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_edges (episode)), ==, 3);
  edge = g_list_model_get_item (kts_episode_get_edges (episode), 1);
  g_assert_cmpint (kts_edge_get_edge_type (edge), ==, KTS_EDGE_ESCALATES);
  g_assert_cmpint (kts_edge_get_count (edge), ==, 3);
  g_assert_cmpstr (kts_edge_get_label (edge), ==, "loop");
  g_object_unref (edge);

  /* One undo step; a second import is refused, or replaces with @replace. */
  after = kts_test_dump_project (project);
  g_assert_null (kts_project_import_episode_table (project, table, -1, "t.txt", FALSE, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    g_autofree char *same = kts_test_dump_project (project);
    kts_test_assert_dumps_equal (same, after);
  }
  g_assert_nonnull (kts_project_import_episode_table (project, table, -1, "t.txt", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_episodes (project)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_cases (project)), ==, 1);
  kts_test_assert_consistent (project);
  g_assert_true (kts_project_undo (project));
  g_assert_true (kts_project_undo (project));
  {
    g_autofree char *undone = kts_test_dump_project (project);
    kts_test_assert_dumps_equal (undone, before);
  }
}

static void
test_table_errors (void)
{
  KtsDocument *document;
  g_autoptr (KtsProject) project = make_project (&document);
  g_autofree char *before = kts_test_dump_project (project);
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "move|a|before|client|-|-|-|-|x\n", "t.txt, line 1: “episode|name|…” must come first" },
    { "episode|name|e\nepisode|document|Nope\n", "t.txt, line 2: there is no transcript “Nope”" },
    { "episode|name|e\nmove|a|soon|client|-|-|-|-|x\n",
      "t.txt, line 2: “soon” is not a value of “phase”" },
    { "episode|name|e\nmove|a|before|client|-|-|-|-\n", "t.txt, line 2: a move needs 8 fields" },
    { "episode|name|e\nmove|a|before|client|-|-|-|-|x\nmove|a|before|client|-|-|-|-|y\n",
      "t.txt, line 3: there is already a move “a”" },
    { "episode|name|e\nepisode|document|Session 3\nmove|a|-|-|-|-|-|-|x\n"
      "anchor|a|3|SD.agency|x\n",
      "t.txt, line 4: turn 3 has no coding of “SD.agency”" },
    { "episode|name|e\nepisode|document|Session 3\nmove|a|-|-|-|-|-|-|x\n"
      "anchor|a|2|SD.agency|I did my\n",
      "t.txt, line 4: no coding of “SD.agency” in turn 2 covers “I did my”" },
    { "episode|name|e\nepisode|document|Session 3\nmove|a|-|-|-|-|-|-|x\n"
      "anchor|a|9|SD.agency|x\n",
      "t.txt, line 4: “9” is not a turn of “Session 3” (1 to 6)" },
    { "episode|name|e\nmove|a|-|-|-|-|-|-|x\nedge|veils|a|b\n",
      "t.txt, line 3: there is no move “b”" },
    { "episode|name|e\nmove|a|-|-|-|-|-|-|x\nset|a|colour|red\n",
      "t.txt, line 3: “colour” is not a field that can be set here" },
    { "episode|name|e\nepisode|document|Session 3\nepisode|turns|2-60\n",
      "t.txt, line 3: “Session 3” has 6 turns, not 60" },
    { "episode|name|e\nfoo|bar\n", "t.txt, line 2: “foo” is not a kind of line" },
    { "# nothing\n", "t.txt describes no episode" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *dump = NULL;

      g_assert_null (
          kts_project_import_episode_table (project, cases[i].text, -1, "t.txt", FALSE, &error));
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
      dump = kts_test_dump_project (project);
      kts_test_assert_dumps_equal (dump, before);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/episode/build", test_build);
  g_test_add_func ("/episode/errors", test_errors);
  g_test_add_func ("/episode/add-move-for-codings", test_add_move_for_codings);
  g_test_add_func ("/episode/table", test_table);
  g_test_add_func ("/episode/table-errors", test_table_errors);

  return g_test_run ();
}
