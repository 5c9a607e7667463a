/* kts-bench-gen.c: writes a large project file for the load/save benchmark.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "kts-bench-project.h"

int
main (int argc, char *argv[])
{
  KtsBenchSize       size = KTS_BENCH_SIZE_DEFAULT;
  int                documents = (int)size.n_documents, characters = (int)size.n_characters;
  int                codes = (int)size.n_codes, codings = (int)size.n_codings;
  int                episodes = (int)size.n_episodes, seed = (int)size.seed;
  const GOptionEntry entries[] = {
    { "documents", 'd', 0, G_OPTION_ARG_INT, &documents, "Transcripts (200)", "N" },
    { "characters", 'c', 0, G_OPTION_ARG_INT, &characters, "Characters per transcript (60000)",
      "N" },
    { "codes", 0, 0, G_OPTION_ARG_INT, &codes, "Codes in the codebook (200)", "N" },
    { "codings", 'n', 0, G_OPTION_ARG_INT, &codings, "Codings (50000)", "N" },
    { "episodes", 0, 0, G_OPTION_ARG_INT, &episodes, "Episodes of 12 moves (20)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE.kintsugi");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GFile) file = NULL;
  gint64 t0, t1, t2;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Writes a large Kintsugi project for benchmarking.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Give one output file.");
      return EXIT_FAILURE;
    }
  if (documents < 0 || characters < 1 || codes < 2 || codings < 0 || episodes < 0)
    {
      g_printerr ("Sizes must be positive (and at least two codes).\n");
      return EXIT_FAILURE;
    }

  size.n_documents = (guint)documents;
  size.n_characters = (guint)characters;
  size.n_codes = (guint)codes;
  size.n_codings = (guint)codings;
  size.n_episodes = (guint)episodes;
  size.seed = (guint32)seed;

  t0 = g_get_monotonic_time ();
  project = kts_bench_make_project (&size);
  t1 = g_get_monotonic_time ();
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!kts_project_save (project, file, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  t2 = g_get_monotonic_time ();

  g_print ("built %u documents, %u codes, %u codings in %.0f ms; saved %s in %.0f ms\n",
           g_list_model_get_n_items (kts_project_get_documents (project)),
           kts_codebook_get_n_codes (kts_project_get_codebook (project)),
           kts_project_get_n_codings (project), (t1 - t0) / 1000.0, argv[1], (t2 - t1) / 1000.0);
  return EXIT_SUCCESS;
}
