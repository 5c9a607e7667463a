/* test-episode-build.c: drafting an episode's moves from its codings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kts-episode-build.h"
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/episode/build", test_build);
  g_test_add_func ("/episode/errors", test_errors);

  return g_test_run ();
}
