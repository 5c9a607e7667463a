/* kts-bench-io.c: measures loading and saving a project file, next to xmllint.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Medians of N runs; xmllint --noout on the same file when it is installed.
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "kts-bench-project.h"

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, ms->len / 2);
}

static void
add_ms (GArray *ms, gint64 start)
{
  double v = (g_get_monotonic_time () - start) / 1000.0;

  g_array_append_val (ms, v);
}

int
main (int argc, char *argv[])
{
  int                runs = 5;
  gboolean           generate = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each measurement (5)", "N" },
    { "generate", 'g', 0, G_OPTION_ARG_NONE, &generate,
      "Generate the default benchmark project into FILE first", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE.kintsugi");
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) out_file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (KtsProject) project = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autoptr (GArray) read_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) deserialize_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) serialize_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) save_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) xmllint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) validate_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double load, lint = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Measures loading and saving a Kintsugi project.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Give one project file.");
      return EXIT_FAILURE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  if (generate)
    {
      KtsBenchSize size = KTS_BENCH_SIZE_DEFAULT;
      g_autoptr (KtsProject) generated = kts_bench_make_project (&size);

      if (!kts_project_save (generated, file, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  for (int i = 0; i < runs; i++)
    {
      gint64 t = g_get_monotonic_time ();

      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = kts_file_read_all (g_file_peek_path (file), KTS_PROJECT_MAX_FILE_SIZE, &error);
      if (bytes == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      add_ms (read_ms, t);
    }

  for (int i = 0; i < runs; i++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr (KtsProject) p = kts_project_deserialize (bytes, argv[1], &error);

      if (p == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      add_ms (deserialize_ms, t);
    }

  for (int i = 0; i < runs; i++)
    {
      gint64 t;

      g_clear_object (&project);
      t = g_get_monotonic_time ();
      project = kts_project_load (file, NULL, &error);
      if (project == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      add_ms (load_ms, t);
    }

  for (int i = 0; i < runs; i++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr (GBytes) b = kts_project_serialize (project);

      add_ms (serialize_ms, t);
    }

  out_path = g_strconcat (g_file_peek_path (file), ".bench-save", NULL);
  out_file = g_file_new_for_path (out_path);
  for (int i = 0; i < runs; i++)
    {
      gint64 t = g_get_monotonic_time ();

      if (!kts_project_save (project, out_file, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      add_ms (save_ms, t);
    }
  {
    g_autoptr (GBytes) saved = kts_file_read_all (out_path, KTS_PROJECT_MAX_FILE_SIZE, NULL);

    if (saved == NULL || !g_bytes_equal (saved, bytes))
      g_print ("note: the saved file differs from the input (written by another version?)\n");
  }
  g_unlink (out_path);
  {
    g_autofree char *backup = g_strconcat (out_path, "~", NULL);

    g_unlink (backup);
  }

  for (int i = 0; i < MIN (runs, 3); i++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr (GPtrArray) problems = NULL;

      kts_project_validate_bytes (bytes, argv[1], &problems);
      add_ms (validate_ms, t);
    }

  if (xmllint != NULL)
    for (int i = 0; i < runs; i++)
      {
        const char *lint_argv[] = { xmllint, "--noout", g_file_peek_path (file), NULL };
        gint64      t = g_get_monotonic_time ();
        int         status = 0;

        if (!g_spawn_sync (NULL, (char **)lint_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                           &status, &error))
          {
            g_printerr ("%s\n", error->message);
            return EXIT_FAILURE;
          }
        add_ms (xmllint_ms, t);
      }

  load = median (load_ms);
  g_print ("file          %s\n", argv[1]);
  g_print ("size          %.1f MB (%" G_GSIZE_FORMAT " bytes)\n", g_bytes_get_size (bytes) / 1e6,
           g_bytes_get_size (bytes));
  g_print ("content       %u documents, %u codes, %u codings, %u episodes\n",
           g_list_model_get_n_items (kts_project_get_documents (project)),
           kts_codebook_get_n_codes (kts_project_get_codebook (project)),
           kts_project_get_n_codings (project),
           g_list_model_get_n_items (kts_project_get_episodes (project)));
  g_print ("runs          %d (medians in ms)\n", runs);
  g_print ("read          %8.1f\n", median (read_ms));
  g_print ("deserialize   %8.1f\n", median (deserialize_ms));
  g_print ("load          %8.1f   (read + deserialize)\n", load);
  g_print ("serialize     %8.1f\n", median (serialize_ms));
  g_print ("save          %8.1f   (serialize + atomic write with fsync)\n", median (save_ms));
  g_print ("validate      %8.1f   (schema + references)\n", median (validate_ms));
  if (xmllint != NULL)
    {
      lint = median (xmllint_ms);
      g_print ("xmllint       %8.1f   (xmllint --noout, including process start)\n", lint);
      g_print ("load/xmllint  %8.2f times\n", load / lint);
    }
  else
    g_print ("xmllint       not installed\n");

  return EXIT_SUCCESS;
}
