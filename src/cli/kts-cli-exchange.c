/* kts-cli-exchange.c: the kintsugi-cli commands import, import-codings and
 * export-codings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kts-cli.h"

/* CSV files larger than this are refused before reading. */
#define MAX_CSV_SIZE ((gsize)512 * 1024 * 1024)

/* ---- import ------------------------------------------------------------------ */

static const char *
encoding_name (KtsTextEncoding encoding)
{
  switch (encoding)
    {
    case KTS_TEXT_ENCODING_UTF8:
      return "UTF-8";
    case KTS_TEXT_ENCODING_UTF8_BOM:
      return _ ("UTF-8 with byte order mark");
    case KTS_TEXT_ENCODING_UTF16LE:
      return "UTF-16LE";
    case KTS_TEXT_ENCODING_UTF16BE:
      return "UTF-16BE";
    case KTS_TEXT_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      return "?";
    }
}

static void
print_import_report (const char *path, KtsImportResult *result)
{
  KtsDocument      *document = result->document;
  g_autofree char  *display = g_filename_display_name (path);
  guint             n_speakers = kts_document_get_n_speakers (document);
  guint             n_turns = kts_document_get_n_turns (document);
  g_autofree guint *turns_per_speaker = g_new0 (guint, n_speakers + 1);

  for (guint i = 0; i < n_turns; i++)
    {
      const KtsTurn *turn = kts_document_get_turn (document, i);

      if (turn->speaker >= 0 && (guint)turn->speaker < n_speakers)
        turns_per_speaker[turn->speaker]++;
    }

  /* TRANSLATORS: a file name, then the title of the new document */
  g_print (_ ("%s → “%s”\n"), display, kts_document_get_title (document));
  g_print (_ ("  Characters: %u\n"), kts_document_get_n_characters (document));
  g_print (_ ("  Turns: %u\n"), n_turns);
  g_print (_ ("  Encoding: %s\n"), encoding_name (result->encoding));
  if (n_speakers == 0)
    g_print (_ ("  Speakers: none found\n"));
  else
    g_print (_ ("  Speakers:\n"));
  for (guint i = 0; i < n_speakers; i++)
    {
      const KtsSpeaker *speaker = kts_document_get_speaker (document, i);

      /* TRANSLATORS: speaker label, role, number of turns: "T: therapist, 12 turns" */
      g_print (g_dngettext (GETTEXT_PACKAGE, "    %s: %s, %u turn\n", "    %s: %s, %u turns\n",
                            turns_per_speaker[i]),
               speaker->label, kts_enum_to_nick (KTS_TYPE_ROLE, speaker->role),
               turns_per_speaker[i]);
    }
  /* Warnings go with the errors, on standard error. */
  for (guint i = 0; result->warnings != NULL && i < result->warnings->len; i++)
    kts_cli_file_warning (path, g_ptr_array_index (result->warnings, i));
}

int
kts_cli_import (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char *title = NULL;
  g_auto (GStrv) speaker_specs = NULL;
  gboolean           pseudonymised = FALSE;
  const GOptionEntry entries[]
      = { { "pseudonymised", 0, 0, G_OPTION_ARG_NONE, &pseudonymised,
            N_ ("Mark the transcripts as de-identified (names and details changed), so "
                "their quotes may appear on posters"),
            NULL },
          { "title", 't', 0, G_OPTION_ARG_STRING, &title,
            N_ ("Title of the document (only with one FILE; default: the file name)"),
            N_ ("TEXT") },
          { "speaker", 's', 0, G_OPTION_ARG_STRING_ARRAY, &speaker_specs,
            N_ ("Give the speaker LABEL the role ROLE (therapist, client, interviewer, other); "
                "repeatable"),
            N_ ("LABEL=ROLE") },
          { NULL } };
  g_autoptr (GArray) overrides = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (KtsProject) project = NULL;
  const char *project_path;
  guint       n_files;
  int         status = KTS_CLI_EXIT_FAILED;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc < 3)
    return kts_cli_usage_error (command, _ ("expected a PROJECT file and at least one FILE"));
  project_path = argv[1];
  n_files = (guint)argc - 2;
  if (title != NULL && n_files > 1)
    return kts_cli_usage_error (command, _ ("--title can only be used with a single FILE"));
  if (title != NULL && g_strstrip (title)[0] == '\0')
    return kts_cli_usage_error (command, _ ("the title must not be empty"));

  overrides = g_array_new (FALSE, TRUE, sizeof (KtsSpeakerRole));
  for (guint i = 0; speaker_specs != NULL && speaker_specs[i] != NULL; i++)
    {
      KtsSpeakerRole override = { 0 };
      g_autoptr (GError) error = NULL;

      if (!kts_speaker_role_parse (speaker_specs[i], &override, &error))
        {
          status = kts_cli_usage_error (command, _ ("--speaker %s: %s"), speaker_specs[i],
                                        error->message);
          goto out;
        }
      g_array_append_val (overrides, override);
    }

  project = kts_cli_load_project (project_path);
  if (project == NULL)
    goto out;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify)kts_import_result_free);
  for (guint i = 0; i < n_files; i++)
    {
      const char *path = argv[2 + i];
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      KtsImportResult *result;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          kts_cli_file_message (path, _ ("no such file"));
          goto out;
        }
      result = kts_import_transcript (file, title, (const KtsSpeakerRole *)overrides->data,
                                      overrides->len, &error);
      if (result == NULL)
        {
          kts_cli_file_error (path, error);
          goto out;
        }
      g_ptr_array_add (results, result);
    }

  kts_project_begin_group (project, _ ("Import transcripts"));
  for (guint i = 0; i < results->len; i++)
    {
      KtsImportResult *result = g_ptr_array_index (results, i);
      g_autoptr (GError) error = NULL;

      if (pseudonymised)
        g_object_set (result->document, "pseudonymised", TRUE, NULL);
      if (!kts_project_add_document (project, result->document, -1, &error))
        {
          kts_project_abort_group (project);
          kts_cli_file_error (argv[2 + i], error);
          goto out;
        }
    }
  kts_project_end_group (project);

  if (!kts_cli_save_project (project, project_path))
    goto out;

  for (guint i = 0; i < results->len; i++)
    print_import_report (argv[2 + i], g_ptr_array_index (results, i));
  status = KTS_CLI_EXIT_OK;

out:
  for (guint i = 0; overrides != NULL && i < overrides->len; i++)
    g_free (g_array_index (overrides, KtsSpeakerRole, i).label);
  return status;
}

/* ---- import-codings ---------------------------------------------------------- */

int
kts_cli_import_codings (const KtsCliCommand *command, int argc, char **argv)
{
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GBytes) csv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *project_display = NULL;
  g_autofree char *csv_display = NULL;
  const char      *project_path;
  const char      *csv_path;
  guint            n_coders_before;
  guint            n_new_coders;
  int              n_added;

  if (!kts_cli_parse_options (command, NULL, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 3)
    return kts_cli_usage_error (command, _ ("expected a PROJECT file and a CSV file"));
  project_path = argv[1];
  csv_path = argv[2];
  project_display = g_filename_display_name (project_path);
  csv_display = g_filename_display_name (csv_path);

  if (!g_file_test (csv_path, G_FILE_TEST_EXISTS))
    return kts_cli_file_message (csv_path, _ ("no such file"));
  csv = kts_file_read_all (csv_path, MAX_CSV_SIZE, &error);
  if (csv == NULL)
    return kts_cli_file_error (csv_path, error);

  project = kts_cli_load_project (project_path);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  n_coders_before = g_list_model_get_n_items (kts_project_get_coders (project));
  n_added = kts_codings_import_csv (project, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                    &error);
  if (n_added < 0)
    return kts_cli_file_error (csv_path, error);

  if (n_added == 0)
    {
      g_print (_ ("%s has no codings; %s is unchanged.\n"), csv_display, project_display);
      return KTS_CLI_EXIT_OK;
    }

  if (!kts_cli_save_project (project, project_path))
    return KTS_CLI_EXIT_FAILED;

  n_new_coders = g_list_model_get_n_items (kts_project_get_coders (project)) - n_coders_before;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %d coding from %s to %s.\n",
                        "Added %d codings from %s to %s.\n", (gulong)n_added),
           n_added, csv_display, project_display);
  if (n_new_coders > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u new coder.\n", "Added %u new coders.\n",
                          n_new_coders),
             n_new_coders);
  return KTS_CLI_EXIT_OK;
}

/* ---- export-codings ---------------------------------------------------------- */

static gboolean
count_coding_cb (KtsCoding *coding, gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
  return TRUE;
}

int
kts_cli_export_codings (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *output = NULL;
  gboolean           bom = FALSE;
  gboolean           include_hidden = FALSE;
  const GOptionEntry entries[]
      = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
            N_ ("Write to FILE instead of standard output (“-” is standard output)"), N_ ("FILE") },
          { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
            N_ ("Start with a UTF-8 byte order mark (helps Microsoft Excel)"), NULL },
          { "include-hidden", 0, 0, G_OPTION_ARG_NONE, &include_hidden,
            N_ ("Also write the reference codings that open practice sets hide"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  GString *csv;
  guint    count = 0;
  g_autoptr (GBytes) bytes = NULL;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  csv = kts_codings_export_csv_full (
      project, include_hidden ? KTS_CODINGS_EXPORT_INCLUDE_HIDDEN : KTS_CODINGS_EXPORT_DEFAULT,
      count_coding_cb, &count);
  if (bom)
    g_string_prepend (csv, "\xEF\xBB\xBF");
  bytes = g_string_free_to_bytes (csv);

  if (output == NULL || strcmp (output, "-") == 0)
    {
      if (!kts_cli_write_stdout (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
        return KTS_CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *display = g_filename_display_name (output);

      if (!kts_file_write_atomic (output, bytes, NULL, &error))
        return kts_cli_file_error (output, error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u coding to %s.\n",
                            "Wrote %u codings to %s.\n", count),
               count, display);
    }
  return KTS_CLI_EXIT_OK;
}
