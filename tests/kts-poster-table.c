/* kts-poster-table.c: prints sheets and scale of posters of the published
 * cases and the sample episode, for the table in docs/posters.md.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: G_TEST_SRCDIR=tests kts-poster-table [SAMPLE.kintsugi]
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "kts-map-fixture.h"
#include "kts-model-private.h"
#include "kts-poster.h"
#include "kts-project-io.h"

/* Quotes as the poster tests give them: one long, the rest 60–230 characters. */
static void
add_quotes (KtsEpisode *episode)
{
  static const char *const words[]
      = { "I",    "said",  "that", "we",  "could", "not",  "go",      "on",    "like",
          "this", "every", "week", "and", "she",   "then", "nothing", "moved", "away" };
  GListModel *moves = kts_episode_get_moves (episode);

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      g_autoptr (GString) s = g_string_new (NULL);
      guint length = i == 0 ? 420 : 60 + (i * 37) % 170, k = i * 7;

      while (s->len < length)
        {
          g_string_append_printf (s, "%s ", words[k % G_N_ELEMENTS (words)]);
          k = k * 31 + 11;
        }
      g_object_set (move, "quote", s->str, NULL);
    }
}

static void
row (const char *name, KtsEpisode *episode)
{
  static const char *const       papers[] = { "A0", "A1", "A3" };
  static const char *const       names[] = { "surface", "dyad", "flowchart" };
  static const KtsMapArrangement arrangements[]
      = { KTS_MAP_ARRANGEMENT_SURFACE, KTS_MAP_ARRANGEMENT_DYAD, KTS_MAP_ARRANGEMENT_FLOWCHART };

  g_print ("| %s |", name);
  for (guint a = 0; a < G_N_ELEMENTS (arrangements); a++)
    for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
      {
        KtsPosterOptions options;
        double           w, h;
        g_autoptr (KtsPoster) poster = NULL;

        kts_poster_options_init (&options);
        kts_poster_parse_paper (papers[p], &w, &h, NULL);
        options.paper_width = MAX (w, h);
        options.paper_height = MIN (w, h);
        options.arrangement = arrangements[a];
        options.date = "2024-05-01";
        poster = kts_poster_new (episode, &options);
        if (g_getenv ("KTS_TABLE_OUT") != NULL)
          {
            g_autofree char *file = g_strdup_printf ("%s/%s-%s-%s.pdf", g_getenv ("KTS_TABLE_OUT"),
                                                     name, papers[p], names[a]);
            kts_poster_export (poster, file, KTS_POSTER_FORMAT_PDF, NULL);
          }
        g_print (" %u × %.2f (%u rows) |",
                 kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster),
                 kts_poster_get_scale (poster), kts_poster_get_n_rows (poster));
      }
  g_print ("\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_print ("| episode | surface A0 | A1 | A3 | dyad A0 | A1 | A3 | flowchart A0 | A1 | A3 "
           "|\n|---|---|---|---|---|---|---|---|---|---|\n");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (KtsEpisode) episode = kts_map_fixture_load (kts_map_fixture_names[i]);

      add_quotes (episode);
      row (kts_map_fixture_names[i], episode);
    }
  if (argc > 1)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GFile) file = g_file_new_for_path (argv[1]);
      g_autoptr (KtsProject) project = kts_project_load (file, NULL, &error);
      KtsEpisode *episode;

      if (project == NULL)
        g_error ("%s", error->message);
      episode = kts_project_find_episode (project, "Session 7: the role-play");
      row ("sample", episode);
    }
  return 0;
}
