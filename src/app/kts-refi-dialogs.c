/* kts-refi-dialogs.c: the window's exchange commands: REFI-QDA codebooks and projects, CSV.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-csv.h"
#include "kts-error.h"
#include "kts-file-util.h"
#include "kts-refi-dialogs.h"
#include "kts-refi-report-dialog.h"
#include "kts-refi.h"

typedef enum
{
  COMMAND_IMPORT_CODEBOOK,
  COMMAND_OPEN_PROJECT,
  COMMAND_EXPORT_CODEBOOK,
  COMMAND_EXPORT_PROJECT,
  COMMAND_EXPORT_CODINGS,
} Command;

static void choose_file (KtsWindow *window, Command command);

/* ---- small helpers -------------------------------------------------------------- */

static void
show_error (GtkWindow *parent, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base != NULL ? g_filename_display_name (base) : g_file_get_uri (file);
}

/* A name for files made from the project: its title, else its file's name. */
static char *
project_file_stem (KtsProject *project)
{
  const char *title = kts_project_get_title (project);
  GFile      *file = kts_project_get_file (project);
  char       *stem;

  if (title != NULL && *title != '\0')
    stem = g_strdup (title);
  else if (file != NULL)
    {
      stem = display_name (file);
      if (g_str_has_suffix (stem, ".kintsugi"))
        stem[strlen (stem) - strlen (".kintsugi")] = '\0';
    }
  else
    stem = g_strdup (_ ("Untitled Project"));
  g_strdelimit (stem, "/\\:", '-');
  return stem;
}

/* @file with @suffix added, unless it has it (in any case) already. */
static GFile *
with_suffix (GFile *file, const char *suffix)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (base != NULL ? base : "", -1);
  g_autoptr (GFile) parent = NULL;
  g_autofree char *named = NULL;

  if (base == NULL || g_str_has_suffix (lower, suffix))
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_object_ref (file);
  named = g_strconcat (base, suffix, NULL);
  return g_file_get_child (parent, named);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *const *patterns)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* ---- reading and writing files in a thread ----------------------------------------- */

typedef struct
{
  KtsWindow     *window;
  GFile         *file;
  GBytes        *bytes;
  gsize          max_size;
  char          *message; /* what to say when a write succeeded */
  KtsProject    *project; /* an opened .qdpx */
  KtsRefiReport *report;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->project);
  g_clear_pointer (&job->report, kts_refi_report_unref);
  g_free (job->message);
  g_free (job);
}

static Job *
job_new (KtsWindow *window, GFile *file)
{
  Job *job = g_new0 (Job, 1);

  job->window = g_object_ref (window);
  job->file = g_object_ref (file);
  return job;
}

static GBytes *
read_bytes (GFile *file, gsize max_size, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = display_name (file);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GFileInfo) info = NULL;
  GBytes *bytes;

  if (path != NULL)
    return kts_file_read_all (path, max_size, error);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && (guint64)g_file_info_get_size (info) > max_size)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("%s is too large."), name);
      return NULL;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not read %s: %s"), name,
                 local_error->message);
  return bytes;
}

static void
read_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job    *job = task_data;
  GError *error = NULL;

  job->bytes = read_bytes (job->file, job->max_size, cancellable, &error);
  if (job->bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Reads the archive and builds the new project, all off the main thread:
 * the project is not shown anywhere yet. */
static void
open_project_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job             *job = task_data;
  GError          *error = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  g_autofree char *name = display_name (job->file);

  job->bytes = read_bytes (job->file, KTS_REFI_MAX_QDPX_SIZE, cancellable, &error);
  if (job->bytes != NULL)
    job->project
        = kts_refi_import_qdpx (job->bytes, path != NULL ? path : name, &job->report, &error);
  if (job->project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job             *job = task_data;
  GError          *error = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  gboolean         ok;

  if (path != NULL)
    ok = kts_file_write_atomic (path, job->bytes, NULL, &error);
  else
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *name = display_name (job->file);

      ok = g_file_replace_contents (
          job->file, g_bytes_get_data (job->bytes, NULL), g_bytes_get_size (job->bytes), NULL,
          FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &local_error);
      if (!ok)
        g_set_error (&error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not save “%s”: %s"), name,
                     local_error->message);
    }
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run (Job *job, GTaskThreadFunc func, GAsyncReadyCallback callback, gpointer tag)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, callback, NULL);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, func);
}

/* ---- exports ---------------------------------------------------------------------- */

static void
write_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (GTK_WINDOW (job->window), _ ("Could Not Export"), error->message);
      return;
    }
  kts_window_add_toast (job->window, adw_toast_new (job->message));
}

/* Serialising reads the project, so it happens here on the main thread;
 * only the writing goes to a thread. */
static void
write_file (KtsWindow *window, GFile *file, GBytes *bytes, char *message)
{
  Job *job = job_new (window, file);

  job->bytes = g_bytes_ref (bytes);
  job->message = message;
  run (job, write_thread, write_done_cb, write_file);
}

void
kts_refi_dialogs_export_codebook (KtsWindow *window, GFile *file)
{
  KtsProject *project;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) target = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (KTS_IS_WINDOW (window));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  project = kts_window_get_project (window);
  if (project == NULL)
    return;
  if (file == NULL)
    {
      choose_file (window, COMMAND_EXPORT_CODEBOOK);
      return;
    }

  bytes = kts_refi_export_qdc (project, &error);
  if (bytes == NULL)
    {
      show_error (GTK_WINDOW (window), _ ("Could Not Export the Codebook"), error->message);
      return;
    }
  target = with_suffix (file, ".qdc");
  name = display_name (target);
  write_file (window, target, bytes, g_strdup_printf (_ ("Codebook exported to “%s”"), name));
}

void
kts_refi_dialogs_export_project (KtsWindow *window, GFile *file)
{
  KtsProject *project;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) target = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (KTS_IS_WINDOW (window));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  project = kts_window_get_project (window);
  if (project == NULL)
    return;
  if (file == NULL)
    {
      choose_file (window, COMMAND_EXPORT_PROJECT);
      return;
    }

  bytes = kts_refi_export_qdpx (project, &error);
  if (bytes == NULL)
    {
      show_error (GTK_WINDOW (window), _ ("Could Not Export the Project"), error->message);
      return;
    }
  target = with_suffix (file, ".qdpx");
  name = display_name (target);
  write_file (window, target, bytes,
              g_strdup_printf (_ ("REFI-QDA project exported to “%s”"), name));
}

static gboolean
count_coding_cb (KtsCoding *coding, gpointer user_data)
{
  (*(guint *)user_data)++;
  return TRUE;
}

void
kts_refi_dialogs_export_codings (KtsWindow *window, GFile *file, gboolean with_bom)
{
  KtsProject *project;
  GString    *csv;
  guint       n = 0;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GFile) target = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (KTS_IS_WINDOW (window));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  project = kts_window_get_project (window);
  if (project == NULL)
    return;
  if (file == NULL)
    {
      choose_file (window, COMMAND_EXPORT_CODINGS);
      return;
    }

  csv = kts_codings_export_csv (project, count_coding_cb, &n);
  if (with_bom)
    g_string_prepend (csv, "\xEF\xBB\xBF");
  bytes = g_string_free_to_bytes (csv);
  target = with_suffix (file, ".csv");
  name = display_name (target);
  write_file (window, target, bytes,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coded segment exported to “%s”",
                                            "%u coded segments exported to “%s”", n),
                               n, name));
}

/* ---- importing a codebook ----------------------------------------------------------- */

static void
show_report (GtkWindow *parent, const char *heading, GFile *file, KtsRefiReport *report)
{
  g_autofree char     *name = display_name (file);
  KtsRefiReportDialog *dialog = kts_refi_report_dialog_new (parent, heading, name, report);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_codebook_now (Job *job, gboolean merge)
{
  KtsProject *project = kts_window_get_project (job->window);
  g_autoptr (KtsProject) created = NULL;
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = display_name (job->file);

  /* Without a project, the codebook starts a new one, shown only once the
   * import succeeded. */
  if (project == NULL)
    project = created = kts_project_new ();

  if (!kts_refi_import_qdc (project, job->bytes, name, merge, &report, &error))
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Import “%s”"), name);
      g_autofree char *body
          = g_strdup_printf (_ ("%s\n\nThe project was not changed."), error->message);

      show_error (GTK_WINDOW (job->window), heading, body);
      return;
    }
  if (created != NULL)
    kts_window_set_project (job->window, created, FALSE);
  show_report (GTK_WINDOW (job->window), merge ? _ ("Codebook Merged") : _ ("Codebook Imported"),
               job->file, report);
}

static void
merge_response_cb (AdwMessageDialog *dialog, const char *response, Job *job)
{
  if (g_str_equal (response, "merge"))
    import_codebook_now (job, TRUE);
}

static void
codebook_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job        *job = g_task_get_task_data (G_TASK (result));
  KtsProject *project = kts_window_get_project (job->window);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = display_name (job->file);
  GtkWidget       *dialog;
  g_autofree char *body = NULL;
  guint            n_codes;
  Job             *pending;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Import “%s”"), name);
      show_error (GTK_WINDOW (job->window), heading, error->message);
      return;
    }

  n_codes = project != NULL ? kts_codebook_get_n_codes (kts_project_get_codebook (project)) : 0;
  if (n_codes == 0)
    {
      import_codebook_now (job, FALSE);
      return;
    }

  /* A codebook with codes is never replaced: the incoming one merges into it. */
  body = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "This project's codebook has %u code. Codes of “%s” with the same ID, key or "
                   "name are matched with it and keep its texts; the others are added. You can "
                   "undo the merge.",
                   "This project's codebook has %u codes. Codes of “%s” with the same ID, key or "
                   "name are matched with them and keep their texts; the others are added. You "
                   "can undo the merge.",
                   n_codes),
      n_codes, name);
  dialog = adw_message_dialog_new (GTK_WINDOW (job->window), _ ("Merge the Codebooks?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "merge",
                                    _ ("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The task and its job end with this callback; the question keeps a copy. */
  pending = job_new (job->window, job->file);
  pending->bytes = g_bytes_ref (job->bytes);
  g_object_set_data_full (G_OBJECT (dialog), "kts-job", pending, (GDestroyNotify)job_free);
  g_signal_connect (dialog, "response", G_CALLBACK (merge_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kts_refi_dialogs_import_codebook (KtsWindow *window, GFile *file)
{
  Job *job;

  g_return_if_fail (KTS_IS_WINDOW (window));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file == NULL)
    {
      choose_file (window, COMMAND_IMPORT_CODEBOOK);
      return;
    }
  job = job_new (window, file);
  job->max_size = KTS_REFI_MAX_QDC_SIZE;
  run (job, read_thread, codebook_read_cb, kts_refi_dialogs_import_codebook);
}

/* ---- opening a REFI-QDA project ------------------------------------------------------- */

static void
project_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job       *job = g_task_get_task_data (G_TASK (result));
  KtsWindow *target = job->window;
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = display_name (job->file);
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Open “%s”"), name);

      show_error (GTK_WINDOW (job->window), heading, error->message);
      return;
    }

  /* Like opening any project: a window with work in it is left alone. */
  if (!kts_window_is_pristine (target))
    target = kts_window_new (gtk_window_get_application (GTK_WINDOW (job->window)));
  kts_window_set_project (target, job->project, FALSE);
  gtk_window_present (GTK_WINDOW (target));
  show_report (GTK_WINDOW (target), _ ("REFI-QDA Project Opened"), job->file, job->report);
}

void
kts_refi_dialogs_open_project (KtsWindow *window, GFile *file)
{
  g_return_if_fail (KTS_IS_WINDOW (window));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file == NULL)
    {
      choose_file (window, COMMAND_OPEN_PROJECT);
      return;
    }
  run (job_new (window, file), open_project_thread, project_opened_cb,
       kts_refi_dialogs_open_project);
}

/* ---- file choosers ------------------------------------------------------------------ */

static const char *const qdc_patterns[] = { "*.qdc", "*.QDC", NULL };
static const char *const qdpx_patterns[] = { "*.qdpx", "*.QDPX", NULL };
static const char *const csv_patterns[] = { "*.csv", "*.CSV", NULL };
static const char *const all_patterns[] = { "*", NULL };

static void
chooser_response_cb (GtkNativeDialog *native, int response, KtsWindow *window)
{
  Command command = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "kts-command"));
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    {
      switch (command)
        {
        case COMMAND_IMPORT_CODEBOOK:
          kts_refi_dialogs_import_codebook (window, file);
          break;
        case COMMAND_OPEN_PROJECT:
          kts_refi_dialogs_open_project (window, file);
          break;
        case COMMAND_EXPORT_CODEBOOK:
          kts_refi_dialogs_export_codebook (window, file);
          break;
        case COMMAND_EXPORT_PROJECT:
          kts_refi_dialogs_export_project (window, file);
          break;
        case COMMAND_EXPORT_CODINGS:
        default:
          kts_refi_dialogs_export_codings (
              window, file,
              g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "bom"), "true")
                  == 0);
          break;
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (window);
}

static void
choose_file (KtsWindow *window, Command command)
{
  KtsProject           *project = kts_window_get_project (window);
  GtkFileChooserNative *native;
  GtkFileChooser       *chooser;
  g_autofree char      *stem = project != NULL ? project_file_stem (project) : NULL;
  g_autofree char      *current = NULL;
  gboolean    save = command != COMMAND_IMPORT_CODEBOOK && command != COMMAND_OPEN_PROJECT;
  const char *title;
  const char *accept;

  switch (command)
    {
    case COMMAND_IMPORT_CODEBOOK:
      title = _ ("Import Codebook");
      accept = _ ("_Import");
      break;
    case COMMAND_OPEN_PROJECT:
      title = _ ("Open REFI-QDA Project");
      accept = _ ("_Open");
      break;
    case COMMAND_EXPORT_CODEBOOK:
      title = _ ("Export Codebook");
      accept = _ ("_Export");
      /* Translators: the default file name of an exported codebook: "Rupture study codebook.qdc" */
      current = g_strdup_printf (_ ("%s codebook.qdc"), stem);
      break;
    case COMMAND_EXPORT_PROJECT:
      title = _ ("Export REFI-QDA Project");
      accept = _ ("_Export");
      current = g_strdup_printf ("%s.qdpx", stem);
      break;
    case COMMAND_EXPORT_CODINGS:
    default:
      title = _ ("Export Coded Segments");
      accept = _ ("_Export");
      /* Translators: the default file name of exported codings: "Rupture study codings.csv" */
      current = g_strdup_printf (_ ("%s codings.csv"), stem);
      break;
    }

  native = gtk_file_chooser_native_new (
      title, GTK_WINDOW (window),
      save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN, accept, _ ("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_object_set_data (G_OBJECT (native), "kts-command", GINT_TO_POINTER (command));

  switch (command)
    {
    case COMMAND_IMPORT_CODEBOOK:
    case COMMAND_EXPORT_CODEBOOK:
      add_filter (chooser, _ ("REFI-QDA Codebooks (.qdc)"), qdc_patterns);
      break;
    case COMMAND_OPEN_PROJECT:
    case COMMAND_EXPORT_PROJECT:
      add_filter (chooser, _ ("REFI-QDA Projects (.qdpx)"), qdpx_patterns);
      break;
    case COMMAND_EXPORT_CODINGS:
    default:
      add_filter (chooser, _ ("CSV Files"), csv_patterns);
      gtk_file_chooser_add_choice (chooser, "bom",
                                   _ ("Readable by Microsoft Excel (UTF-8 with BOM)"), NULL, NULL);
      break;
    }
  if (!save)
    add_filter (chooser, _ ("All Files"), all_patterns);
  if (current != NULL)
    gtk_file_chooser_set_current_name (chooser, current);

  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
