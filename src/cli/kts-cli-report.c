/* kts-cli-report.c: kintsugi-cli report: the project report as one HTML file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-cli.h"
#include "kts-report.h"

int
kts_cli_report (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_auto (GStrv) episode_names = NULL;
  g_autofree char   *date = NULL;
  gboolean           no_segments = FALSE, allow_identifiable = FALSE;
  int                max_segments = 0;
  const GOptionEntry entries[]
      = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
            N_ ("The report file, e.g. report.html, or - for standard output (required)"),
            N_ ("FILE") },
          { "episode", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &episode_names,
            N_ ("Include this episode, by name or id (repeatable; default all)"), N_ ("NAME") },
          { "no-segments", 0, 0, G_OPTION_ARG_NONE, &no_segments,
            N_ ("Leave out the coded segments (the codebook keeps its counts)"), NULL },
          { "max-segments", 0, 0, G_OPTION_ARG_INT, &max_segments,
            N_ ("List at most N segments per code and say how many are left out (default all)"),
            N_ ("N") },
          { "date", 0, 0, G_OPTION_ARG_STRING, &date,
            N_ ("Date printed on the report, YYYY-MM-DD (default today)"), N_ ("DATE") },
          { "allow-identifiable", 0, 0, G_OPTION_ARG_NONE, &allow_identifiable,
            N_ ("Write the report even if it quotes a transcript not marked pseudonymised"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GPtrArray) episodes = NULL;
  g_autoptr (GPtrArray) identifiable = NULL;
  g_autoptr (GError) error = NULL;
  KtsReportOptions options;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if (output == NULL)
    return kts_cli_usage_error (command, _ ("--output is required"));
  if (date != NULL && !kts_cli_date_is_valid (date))
    return kts_cli_usage_error (command, _ ("--date must be YYYY-MM-DD, not “%s”"), date);
  if (max_segments < 0)
    return kts_cli_usage_error (command, _ ("--max-segments must be 0 or more"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  kts_report_options_init (&options);
  options.date = date;
  options.segments = !no_segments;
  options.max_segments_per_code = (guint)max_segments;
  if (episode_names != NULL)
    {
      episodes = g_ptr_array_new ();
      for (guint i = 0; episode_names[i] != NULL; i++)
        {
          KtsEpisode *episode = kts_project_find_episode (project, episode_names[i]);

          if (episode == NULL)
            return kts_cli_file_message (argv[1], _ ("no episode “%s” (see “kintsugi-cli info”)"),
                                         episode_names[i]);
          if (!g_ptr_array_find (episodes, episode, NULL))
            g_ptr_array_add (episodes, episode);
        }
      options.episodes = episodes;
    }

  identifiable = kts_report_identifiable_documents (project, &options);
  /* TRANSLATORS: the subject of "… quotes “S1”, which is not marked pseudonymised" */
  if (!kts_cli_check_identifiable (argv[1], _ ("the report"), identifiable, allow_identifiable))
    return KTS_CLI_EXIT_FAILED;
  if (identifiable->len > 0)
    kts_cli_file_warning (output,
                          _ ("the report quotes transcripts not marked pseudonymised and says so "
                             "in a banner; do not circulate it"));

  if (g_str_equal (output, "-"))
    {
      g_autoptr (GBytes) bytes = kts_report_render (project, &options);
      gsize       size;
      const char *data = g_bytes_get_data (bytes, &size);

      return kts_cli_write_stdout (data, size) ? KTS_CLI_EXIT_OK : KTS_CLI_EXIT_FAILED;
    }

  if (!kts_report_export (project, &options, output, &error))
    return kts_cli_file_error (output, error);
  {
    g_autofree char *display = g_filename_display_name (output);
    g_print ("%s\n", display);
  }
  return KTS_CLI_EXIT_OK;
}
