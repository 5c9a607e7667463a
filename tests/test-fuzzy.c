/* test-fuzzy.c: the quick-code search's fuzzy matching and ranking.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kts-fuzzy.h"

static void
test_matches (void)
{
  g_assert_cmpint (kts_fuzzy_score ("", "Silence"), ==, 0);
  g_assert_cmpint (kts_fuzzy_score ("sil", "Silence"), >, 0);
  g_assert_cmpint (kts_fuzzy_score ("SIL", "silence"), >, 0);
  g_assert_cmpint (kts_fuzzy_score ("slnc", "Silence"), >, 0);
  g_assert_cmpint (kts_fuzzy_score ("rwsil", "RUP.W.silence"), >, 0);
  g_assert_cmpint (kts_fuzzy_score ("selbst", "Selbstdefinition"), >, 0);
  g_assert_cmpint (kts_fuzzy_score ("éc", "Écoute"), >, 0);
}

static void
test_non_matches (void)
{
  g_assert_cmpint (kts_fuzzy_score ("x", "Silence"), ==, -1);
  g_assert_cmpint (kts_fuzzy_score ("silences", "Silence"), ==, -1);
  /* Order matters: a subsequence, not a bag of letters. */
  g_assert_cmpint (kts_fuzzy_score ("ecnelis", "Silence"), ==, -1);
  g_assert_cmpint (kts_fuzzy_score ("a", NULL), ==, -1);
}

static void
test_ranking (void)
{
  /* A prefix beats a match inside a word. */
  g_assert_cmpint (kts_fuzzy_score ("con", "Confrontation"), >,
                   kts_fuzzy_score ("con", "Deconstruction"));
  /* Consecutive letters beat scattered ones. */
  g_assert_cmpint (kts_fuzzy_score ("with", "Withdrawal"), >,
                   kts_fuzzy_score ("with", "Wait, then help"));
  /* Word starts beat the middle of words. */
  g_assert_cmpint (kts_fuzzy_score ("mr", "Minimal response"), >, kts_fuzzy_score ("mr", "Humour"));
  /* Key segments: "w.s" finds RUP.W.silence before RUP.C.sarcasm-w. */
  g_assert_cmpint (kts_fuzzy_score ("ws", "RUP.W.silence"), >,
                   kts_fuzzy_score ("ws", "RUP.C.awkward-s"));
  /* With equal matches the shorter name wins. */
  g_assert_cmpint (kts_fuzzy_score ("sil", "Silence"), >,
                   kts_fuzzy_score ("sil", "Silence, long and heavy"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzzy/matches", test_matches);
  g_test_add_func ("/fuzzy/non-matches", test_non_matches);
  g_test_add_func ("/fuzzy/ranking", test_ranking);

  return g_test_run ();
}
