/* kts-cli-refi.c: the kintsugi-cli commands for REFI-QDA exchange:
 * export-qdc, import-qdc, import-qdpx and export-qdpx.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kts-cli.h"

/* Prints an import report: what happened on standard output, grouped, and
 * each warning on standard error. */
static void
print_report (const char *path, KtsRefiReport *report)
{
  static const struct
  {
    KtsRefiLineKind kind;
    const char     *heading;
  } groups[] = {
    { KTS_REFI_INFO, N_ ("Notes:") },
    { KTS_REFI_ADDED, N_ ("Added:") },
    { KTS_REFI_MATCHED, N_ ("Matched:") },
    { KTS_REFI_SKIPPED, N_ ("Skipped:") },
  };
  guint n = kts_refi_report_get_n_lines (report);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (kts_refi_report_count (report, groups[g].kind) == 0)
        continue;
      g_print ("%s\n", _ (groups[g].heading));
      for (guint i = 0; i < n; i++)
        if (kts_refi_report_get_kind (report, i) == groups[g].kind)
          g_print ("  %s\n", kts_refi_report_get_text (report, i));
    }
  for (guint i = 0; i < n; i++)
    if (kts_refi_report_get_kind (report, i) == KTS_REFI_WARNING)
      kts_cli_file_warning (path, kts_refi_report_get_text (report, i));
}

static void
print_summary (KtsRefiReport *report)
{
  g_print (_ ("%u added, %u matched, %u skipped, %u warnings.\n"),
           kts_refi_report_count (report, KTS_REFI_ADDED),
           kts_refi_report_count (report, KTS_REFI_MATCHED),
           kts_refi_report_count (report, KTS_REFI_SKIPPED),
           kts_refi_report_count (report, KTS_REFI_WARNING));
}

static int
write_output (const char *output, GBytes *bytes)
{
  g_autoptr (GError) error = NULL;

  if (output == NULL || strcmp (output, "-") == 0)
    return kts_cli_write_stdout (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
               ? KTS_CLI_EXIT_OK
               : KTS_CLI_EXIT_FAILED;
  if (!kts_file_write_atomic (output, bytes, NULL, &error))
    return kts_cli_file_error (output, error);
  return KTS_CLI_EXIT_OK;
}

/* ---- export-qdc ----------------------------------------------------------------------- */

int
kts_cli_export_qdc (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *output = NULL;
  const GOptionEntry entries[]
      = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
            N_ ("Write to FILE instead of standard output (“-” is standard output)"), N_ ("FILE") },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GBytes) qdc = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  qdc = kts_refi_export_qdc (project, &error);
  if (qdc == NULL)
    return kts_cli_file_error (argv[1], error);

  status = write_output (output, qdc);
  if (status == KTS_CLI_EXIT_OK && output != NULL && strcmp (output, "-") != 0)
    {
      g_autofree char *display = g_filename_display_name (output);
      guint            n = kts_codebook_get_n_codes (kts_project_get_codebook (project));

      g_print (
          g_dngettext (GETTEXT_PACKAGE, "Wrote %u code to %s.\n", "Wrote %u codes to %s.\n", n), n,
          display);
    }
  return status;
}

/* ---- import-qdc ----------------------------------------------------------------------- */

int
kts_cli_import_qdc (const KtsCliCommand *command, int argc, char **argv)
{
  gboolean           merge = FALSE;
  const GOptionEntry entries[]
      = { { "merge", 'm', 0, G_OPTION_ARG_NONE, &merge,
            N_ ("Merge into the project’s codes: match by guid, key or name, add the rest"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsRefiReport) report = NULL;
  g_autofree char *display = NULL;
  const char      *project_path;
  const char      *qdc_path;
  gboolean         changed;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 3)
    return kts_cli_usage_error (command, _ ("expected a PROJECT file and a FILE.qdc"));
  project_path = argv[1];
  qdc_path = argv[2];

  if (!g_file_test (qdc_path, G_FILE_TEST_EXISTS))
    return kts_cli_file_message (qdc_path, _ ("no such file"));
  bytes = kts_file_read_all (qdc_path, KTS_REFI_MAX_QDC_SIZE, &error);
  if (bytes == NULL)
    return kts_cli_file_error (qdc_path, error);
  project = kts_cli_load_project (project_path);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  if (!kts_refi_import_qdc (project, bytes, qdc_path, merge, &report, &error))
    return kts_cli_file_error (qdc_path, error);
  changed = kts_project_get_dirty (project);
  if (changed && !kts_cli_save_project (project, project_path))
    return KTS_CLI_EXIT_FAILED;

  display = g_filename_display_name (project_path);
  print_report (qdc_path, report);
  if (!changed)
    g_print (_ ("The codebook of %s is unchanged.\n"), display);
  print_summary (report);
  return KTS_CLI_EXIT_OK;
}

/* ---- import-qdpx ----------------------------------------------------------------------- */

int
kts_cli_import_qdpx (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *output = NULL;
  gboolean           force = FALSE;
  const GOptionEntry entries[]
      = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
            N_ ("The project file to create (required)"), N_ ("PROJECT") },
          { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
            N_ ("Replace PROJECT if it exists (keeping the old one as PROJECT~)"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsRefiReport) report = NULL;
  g_autofree char *display = NULL;
  const char      *qdpx_path;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one FILE.qdpx"));
  if (output == NULL || output[0] == '\0')
    return kts_cli_usage_error (command, _ ("say where to write the project with -o PROJECT"));
  qdpx_path = argv[1];

  if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
    return kts_cli_file_message (output, _ ("the file exists already (use --force to replace it)"));
  if (!g_file_test (qdpx_path, G_FILE_TEST_EXISTS))
    return kts_cli_file_message (qdpx_path, _ ("no such file"));
  bytes = kts_file_read_all (qdpx_path, KTS_REFI_MAX_QDPX_SIZE, &error);
  if (bytes == NULL)
    return kts_cli_file_error (qdpx_path, error);

  project = kts_refi_import_qdpx (bytes, qdpx_path, &report, &error);
  if (project == NULL)
    return kts_cli_file_error (qdpx_path, error);
  if (!kts_cli_save_project (project, output))
    return KTS_CLI_EXIT_FAILED;

  display = g_filename_display_name (output);
  print_report (qdpx_path, report);
  g_print (_ ("Wrote %s (documents: %u, codes: %u, codings: %u, episodes: %u).\n"), display,
           g_list_model_get_n_items (kts_project_get_documents (project)),
           kts_codebook_get_n_codes (kts_project_get_codebook (project)),
           kts_project_get_n_codings (project),
           g_list_model_get_n_items (kts_project_get_episodes (project)));
  print_summary (report);
  return KTS_CLI_EXIT_OK;
}

/* ---- export-qdpx ----------------------------------------------------------------------- */

int
kts_cli_export_qdpx (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *output = NULL;
  const GOptionEntry entries[] = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                                     N_ ("The .qdpx file to write (required)"), N_ ("FILE") },
                                   { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GBytes) qdpx = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *display = NULL;
  int              status;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if (output == NULL || output[0] == '\0')
    return kts_cli_usage_error (command, _ ("say where to write the archive with -o FILE.qdpx"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  qdpx = kts_refi_export_qdpx (project, &error);
  if (qdpx == NULL)
    return kts_cli_file_error (argv[1], error);
  status = write_output (output, qdpx);
  if (status != KTS_CLI_EXIT_OK || strcmp (output, "-") == 0)
    return status;

  display = g_filename_display_name (output);
  g_print (_ ("Wrote %s (documents: %u, codes: %u, codings: %u, episodes: %u).\n"), display,
           g_list_model_get_n_items (kts_project_get_documents (project)),
           kts_codebook_get_n_codes (kts_project_get_codebook (project)),
           kts_project_get_n_codings (project),
           g_list_model_get_n_items (kts_project_get_episodes (project)));
  return KTS_CLI_EXIT_OK;
}
