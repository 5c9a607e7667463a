/* test-sequence.c: lag-1 transitions, residuals and Yule's Q.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kts-core.h"
#include "kts-model-private.h"
#include "kts-sequence.h"

static double
cell (KtsTransitions *t, double *matrix, const char *given, const char *target)
{
  int i = kts_transitions_state_index (t, given);
  int j = kts_transitions_state_index (t, target);

  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (j, >=, 0);
  return matrix[i * t->n_states + j];
}

static guint
count (KtsTransitions *t, const char *given, const char *target)
{
  int i = kts_transitions_state_index (t, given);
  int j = kts_transitions_state_index (t, target);

  return t->counts[i * t->n_states + j];
}

/* A B A B A C, worked by hand: transitions AB AB BA BA AC, N = 5. */
static void
test_worked_example (void)
{
  const char        *a[] = { "A", NULL }, *b[] = { "B", NULL }, *c[] = { "C", NULL };
  const char *const *events[] = { a, b, a, b, a, c };
  g_autoptr (KtsTransitions) t = kts_transitions_from_events (events, G_N_ELEMENTS (events));

  g_assert_cmpuint (t->n_states, ==, 3);
  g_assert_cmpuint (t->n_events, ==, 6);
  g_assert_cmpuint (t->total, ==, 5);
  g_assert_cmpuint (count (t, "A", "B"), ==, 2);
  g_assert_cmpuint (count (t, "B", "A"), ==, 2);
  g_assert_cmpuint (count (t, "A", "C"), ==, 1);
  g_assert_cmpuint (count (t, "A", "A"), ==, 0);

  /* p(B | A) = 2/3; expected = 3·2/5 = 1.2; z = 0.8 / √(1.2·0.4·0.6). */
  g_assert_cmpfloat_with_epsilon (cell (t, t->probability, "A", "B"), 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell (t, t->expected, "A", "B"), 1.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell (t, t->residual, "A", "B"), 0.8 / sqrt (1.2 * 0.4 * 0.6),
                                  1e-12);
  /* Yule's Q: a = 2, b = 1, c = 0, d = 2 → 1; A never follows A → −1. */
  g_assert_cmpfloat_with_epsilon (cell (t, t->yules_q, "A", "B"), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell (t, t->yules_q, "A", "A"), -1.0, 1e-12);
  /* C is never a "given": its row is undefined. */
  g_assert_true (isnan (cell (t, t->probability, "C", "A")));

  /* CSV: header and a row per defined pair. */
  {
    g_autoptr (GString) csv = kts_transitions_to_csv (t);
    g_assert_true (g_str_has_prefix (csv->str, "given,target,count,probability,expected,"));
    g_assert_nonnull (strstr (csv->str, "A,B,2,0.6667,1.2000,1.4907,1.0000\r\n"));
  }
}

static void
test_multi_state_events (void)
{
  const char        *xy[] = { "X", "Y", NULL }, *z[] = { "Z", NULL }, *none[] = { NULL };
  const char *const *events[] = { xy, none, z };
  g_autoptr (KtsTransitions) t = kts_transitions_from_events (events, G_N_ELEMENTS (events));

  /* The empty event is skipped; both states of the first are followed by Z. */
  g_assert_cmpuint (t->n_events, ==, 2);
  g_assert_cmpuint (t->total, ==, 2);
  g_assert_cmpuint (count (t, "X", "Z"), ==, 1);
  g_assert_cmpuint (count (t, "Y", "Z"), ==, 1);
}

static void
test_episode_lanes (void)
{
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, "e");
  GListStore *moves = _kts_episode_get_moves_store (episode);
  g_autoptr (GError) error = NULL;
  struct
  {
    KtsActor     actor;
    KtsDimension dimension;
  } steps[] = {
    { KTS_ACTOR_THERAPIST, KTS_DIMENSION_SELF_DEFINITION },
    { KTS_ACTOR_CLIENT, KTS_DIMENSION_SELF_DEFINITION },
    { KTS_ACTOR_THERAPIST, KTS_DIMENSION_SELF_DEFINITION },
    { KTS_ACTOR_CLIENT, KTS_DIMENSION_BOTH },
    { KTS_ACTOR_THIRD, KTS_DIMENSION_RELATEDNESS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (KtsMove) move = kts_move_new (NULL, "m");
      g_object_set (move, "actor", steps[i].actor, "dimension", steps[i].dimension, NULL);
      g_list_store_append (moves, move);
    }

  {
    g_autoptr (KtsTransitions) t
        = kts_transitions_for_episode (episode, KTS_SEQUENCE_BY_LANE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count (t, "T·SD", "C·SD"), ==, 2);
    g_assert_cmpuint (count (t, "C·SD", "T·SD"), ==, 1);
    g_assert_cmpuint (count (t, "C·REL", "Outside"), ==, 1);
    g_assert_cmpuint (count (t, "T·SD", "C·REL"), ==, 1);
  }
  {
    g_autoptr (KtsTransitions) t
        = kts_transitions_for_episode (episode, KTS_SEQUENCE_BY_ACTOR, &error);
    g_assert_cmpuint (count (t, "T", "C"), ==, 2);
    g_assert_cmpuint (count (t, "C", "Third"), ==, 1);
  }

  {
    g_autoptr (KtsEpisode) tiny = kts_episode_new (NULL, "tiny");
    g_assert_null (kts_transitions_for_episode (tiny, KTS_SEQUENCE_BY_LANE, &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_document_turns (void)
{
  static const char text[] = "T: One.\nC: Two.\nT: Three.\nC: Four.\n";
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "d", text);
  g_autoptr (GArray) speakers = NULL;
  g_autoptr (GArray) turns = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsCode) push = kts_code_new (NULL, "Push");
  g_autoptr (KtsCode) silence = kts_code_new (NULL, "Silence");
  g_autoptr (KtsTransitions) t = NULL;

  g_object_set (push, "key", "RUP.T.push", NULL);
  g_object_set (silence, "key", "RUP.W.silence", NULL);
  g_assert_true (kts_turns_detect (text, NULL, 0, &speakers, &turns, &error));
  g_assert_true (kts_document_set_turns (document, (KtsSpeaker *)speakers->data, speakers->len,
                                         (KtsTurn *)turns->data, turns->len, &error));
  g_assert_true (kts_project_add_document (project, document, -1, &error));
  g_assert_true (kts_project_add_code (project, push, NULL, -1, &error));
  g_assert_true (kts_project_add_code (project, silence, NULL, -1, &error));
  /* Turns 1 and 3 pushed, 2 and 4 silent. */
  kts_project_apply_code (project, document, 3, 7, push, NULL, KTS_ACTOR_THERAPIST, &error);
  kts_project_apply_code (project, document, 11, 15, silence, NULL, KTS_ACTOR_CLIENT, &error);
  kts_project_apply_code (project, document, 19, 25, push, NULL, KTS_ACTOR_THERAPIST, &error);
  kts_project_apply_code (project, document, 29, 34, silence, NULL, KTS_ACTOR_CLIENT, &error);
  g_assert_no_error (error);

  t = kts_transitions_for_document (document, NULL, "RUP", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (t, "RUP.T.push", "RUP.W.silence"), ==, 2);
  g_assert_cmpuint (count (t, "RUP.W.silence", "RUP.T.push"), ==, 1);

  g_assert_null (kts_transitions_for_document (document, NULL, "SD", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sequence/worked-example", test_worked_example);
  g_test_add_func ("/sequence/multi-state", test_multi_state_events);
  g_test_add_func ("/sequence/episode", test_episode_lanes);
  g_test_add_func ("/sequence/document", test_document_turns);

  return g_test_run ();
}
