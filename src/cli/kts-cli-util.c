/* kts-cli-util.c: option parsing, messages and project loading for kintsugi-cli.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kts-cli.h"

gboolean
kts_cli_parse_options (const KtsCliCommand *command,
                       const GOptionEntry  *entries,
                       int                 *argc,
                       char              ***argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = NULL;

  g_return_val_if_fail (command != NULL, FALSE);

  /* So that --help shows "Usage: kintsugi-cli COMMAND [OPTION…] …". */
  prgname = g_strdup_printf ("kintsugi-cli %s", command->name);
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ (command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _ (command->description));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      kts_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
kts_cli_usage_error (const KtsCliCommand *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("kintsugi-cli: %s\n", message);
  if (command != NULL)
    /* TRANSLATORS: %s is a command name, e.g. "import" */
    g_printerr (_ ("Try “kintsugi-cli %s --help” for more information.\n"), command->name);
  else
    g_printerr (_ ("Try “kintsugi-cli --help” for more information.\n"));
  return KTS_CLI_EXIT_USAGE;
}

static void
print_file_message (const char *path, const char *kind, const char *message)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = g_filename_display_basename (path);

  /* Loaders and importers often name the file already ("study.kintsugi,
   * line 3: …"); do not say it twice. */
  if (g_str_has_prefix (message, display) || g_str_has_prefix (message, base))
    g_printerr ("kintsugi-cli: %s%s\n", kind, message);
  else
    g_printerr ("kintsugi-cli: %s: %s%s\n", display, kind, message);
}

int
kts_cli_file_message (const char *path, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_file_message (path, "", message);
  return KTS_CLI_EXIT_FAILED;
}

void
kts_cli_file_warning (const char *path, const char *message)
{
  /* TRANSLATORS: goes before a warning: "kintsugi-cli: s2.txt: warning: …" */
  print_file_message (path, _ ("warning: "), message);
}

int
kts_cli_file_error (const char *path, const GError *error)
{
  g_return_val_if_fail (error != NULL, KTS_CLI_EXIT_FAILED);

  return kts_cli_file_message (path, "%s", error->message);
}

KtsProject *
kts_cli_load_project (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  KtsProject *project;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      kts_cli_file_message (path, _ ("no such file"));
      return NULL;
    }

  project = kts_project_load (file, NULL, &error);
  if (project == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        kts_cli_file_message (path, _ ("no such file"));
      else
        kts_cli_file_error (path, error);
    }
  return project;
}

gboolean
kts_cli_save_project (KtsProject *project, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  if (!kts_project_save (project, file, NULL, &error))
    {
      kts_cli_file_error (path, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
kts_cli_write_stdout (const char *data, gsize size)
{
  if (size > 0 && fwrite (data, 1, size, stdout) != size)
    {
      g_printerr (_ ("kintsugi-cli: cannot write to standard output: %s\n"),
                  g_strerror (ferror (stdout) ? errno : EIO));
      return FALSE;
    }
  return TRUE;
}

gboolean
kts_cli_date_is_valid (const char *date)
{
  g_autoptr (GDateTime) parsed = NULL;
  g_autofree char *iso = NULL;

  g_return_val_if_fail (date != NULL, FALSE);

  if (strlen (date) != 10)
    return FALSE;
  iso = g_strdup_printf ("%sT00:00:00Z", date);
  parsed = g_date_time_new_from_iso8601 (iso, NULL);
  return parsed != NULL;
}

gboolean
kts_cli_check_identifiable (const char *project_path,
                            const char *subject,
                            GPtrArray  *documents,
                            gboolean    allow)
{
  g_autoptr (GString) names = g_string_new (NULL);

  g_return_val_if_fail (project_path != NULL, FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  if (documents->len == 0 || allow)
    return TRUE;

  for (guint i = 0; i < documents->len; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            kts_document_get_title (g_ptr_array_index (documents, i)));
  kts_cli_file_message (
      project_path,
      /* TRANSLATORS: the first %s is "episode “e-1”" or "the report", the second a list of
       * transcript titles */
      g_dngettext (GETTEXT_PACKAGE,
                   "%s quotes %s, which is not marked pseudonymised; de-identify it first or "
                   "pass --allow-identifiable",
                   "%s quotes %s, which are not marked pseudonymised; de-identify them first or "
                   "pass --allow-identifiable",
                   documents->len),
      subject, names->str);
  return FALSE;
}
