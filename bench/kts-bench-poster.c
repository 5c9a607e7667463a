/* kts-bench-poster.c: times an A0 poster of a 300-move episode exported as PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Budget: under 2 s for planning and writing the PDF. Prints the figure and
 * exits 1 when the budget is missed. Usage: kts-bench-poster [MOVES] [OUT.pdf]
 */
#define G_LOG_DOMAIN "kts-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "kts-model-private.h"
#include "kts-poster.h"

static KtsEpisode *
make_episode (guint n)
{
  static const KtsPhase phases[]
      = { KTS_PHASE_BEFORE, KTS_PHASE_RUPTURE, KTS_PHASE_REPAIR, KTS_PHASE_AFTER };
  static const KtsDimension dims[] = { KTS_DIMENSION_SELF_DEFINITION, KTS_DIMENSION_RELATEDNESS,
                                       KTS_DIMENSION_BOTH, KTS_DIMENSION_NONE };
  KtsEpisode               *episode = kts_episode_new (NULL, "bench");
  GListStore               *moves = _kts_episode_get_moves_store (episode);
  GListStore               *edges = _kts_episode_get_edges_store (episode);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_set (episode, "rupture-types", "W>C", "pattern-formula",
                "REL imbalance (T seeks) → C·SD isolation [WD] → T 2a → T 2c (apology, SMS) → "
                "T 2b (permission) → C returns",
                NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("Step %u: names her own reaction, %s", i + 1,
                                                i % 3 ? "steps back" : "asks what it was like");
      g_autofree char *ident = g_strdup_printf ("e-%u", i + 1);
      g_autofree char *quote = g_strdup_printf (
          "“I told her it must have been hard for her, and that I had been pushing; she went "
          "quiet and then said that nobody had asked her that before” (%u)%s",
          i,
          i % 17 == 0 ? " and she said it again, later, at the door, while putting on her coat "
                        "and looking at the floor, that it was the first time in years"
                      : "");
      KtsMove *move = kts_move_new (NULL, label);

      g_object_set (move, "ident", ident, "quote", quote, "phase", phases[(i / 7) % 4], "actor",
                    i % 5 == 4 ? KTS_ACTOR_THIRD
                    : i % 2    ? KTS_ACTOR_CLIENT
                               : KTS_ACTOR_THERAPIST,
                    "dimension", dims[(i / 2) % 4], "location",
                    i % 5 == 4 ? KTS_LOCATION_OUTSIDE : KTS_LOCATION_IN_SESSION, "session-ref",
                    i % 9 == 0 ? ident : NULL, NULL);
      g_list_store_append (moves, move);
      g_ptr_array_add (all, move);
    }
  for (guint i = 1; i < n; i += 3)
    {
      g_autoptr (KtsEdge) edge = kts_edge_new (
          NULL, i % 2 ? KTS_EDGE_RESPONDS_TO : KTS_EDGE_REPAIRS, g_ptr_array_index (all, i),
          g_ptr_array_index (all, i % 2 ? i + 1 < n ? i + 1 : 0 : i - 1));
      g_list_store_append (edges, edge);
    }
  return episode;
}

int
main (int argc, char *argv[])
{
  guint            n = argc > 1 ? (guint)atoi (argv[1]) : 300;
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autoptr (KtsEpisode) episode = make_episode (n);
  g_autoptr (KtsPoster) poster = NULL;
  g_autoptr (GError) error = NULL;
  KtsPosterOptions options;
  gint64           t0, t1, t2;
  double           seconds;
  GStatBuf         st;

  if (argc > 2)
    path = g_strdup (argv[2]);
  else
    {
      tmp = g_dir_make_tmp ("kts-bench-XXXXXX", NULL);
      path = g_build_filename (tmp, "poster.pdf", NULL);
    }

  kts_poster_options_init (&options);
  options.paper_width = 1189;
  options.paper_height = 841;
  options.date = "2024-05-01";
  options.codebook_version = "rupture-repair v1";

  t0 = g_get_monotonic_time ();
  poster = kts_poster_new (episode, &options);
  t1 = g_get_monotonic_time ();
  if (!kts_poster_export (poster, path, KTS_POSTER_FORMAT_PDF, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  t2 = g_get_monotonic_time ();
  seconds = (t2 - t0) / 1e6;
  g_stat (path, &st);

  g_print ("A0 landscape poster, %u moves: plan %.3f s, PDF %.3f s, total %.3f s "
           "(%u rows, %u sheets, %.1f MB): %s (budget 2 s)\n",
           n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, seconds, kts_poster_get_n_rows (poster),
           kts_poster_get_n_sheets (poster), st.st_size / 1e6, seconds < 2.0 ? "PASS" : "FAIL");

  if (tmp != NULL)
    {
      g_unlink (path);
      g_rmdir (tmp);
    }
  return seconds < 2.0 ? 0 : 1;
}
