/* test-import-dialog.c: the import dialog and the REFI-QDA and CSV commands of the window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kts-core.h"
#include "kts-import-dialog.h"
#include "kts-refi-dialogs.h"
#include "kts-refi-report-dialog.h"
#include "kts-window.h"
#include "kts-widget-test-util.h"

static char *tmp_dir;

typedef struct
{
  KtsWindow  *window;
  KtsProject *project;
} Fixture;

/* ---- helpers ------------------------------------------------------------------ */

static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
spin_a_little (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
dialog_idle (gpointer data)
{
  return !kts_import_dialog_get_busy (KTS_IMPORT_DIALOG (data));
}

static GFile *
fixture_file (const char *first, ...)
{
  g_autofree char *path = NULL;
  va_list          args;
  GPtrArray       *parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (gpointer)g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  g_ptr_array_add (parts, (gpointer) "import");
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer)p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **)parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return g_file_new_for_path (path);
}

static GtkWidget *
find_widget (GtkWidget *root, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_combo_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_COMBO_ROW (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_mapped_label (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_status_page_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static gboolean
has_toplevel (gpointer type)
{
  return find_toplevel ((GType)GPOINTER_TO_SIZE (type)) != NULL;
}

static void
wait_for_toplevel (GType type)
{
  spin_until (has_toplevel, GSIZE_TO_POINTER (type));
}

static void
destroy_toplevels (GType type)
{
  GtkWindow *w;

  while ((w = find_toplevel (type)) != NULL)
    gtk_window_destroy (w);
}

static KtsImportItem *
item_at (KtsImportDialog *dialog, guint index)
{
  g_autoptr (KtsImportItem) item
      = g_list_model_get_item (kts_import_dialog_get_items (dialog), index);
  return item;
}

static KtsImportDialog *
open_dialog (Fixture *f, GFile **files, guint n_files)
{
  KtsImportDialog *dialog = kts_window_import_files (f->window, files, n_files);

  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  spin_until (dialog_idle, dialog);
  spin_a_little ();
  return dialog;
}

static guint
n_documents (KtsProject *project)
{
  return g_list_model_get_n_items (kts_project_get_documents (project));
}

/* ---- fixture ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->project = kts_project_new ();
  kts_project_set_title (f->project, "Rupture study");
  kts_project_clear_undo (f->project);
  kts_project_mark_clean (f->project);

  f->window = kts_window_new (NULL);
  g_object_ref_sink (f->window);
  kts_window_set_project (f->window, f->project, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  spin_a_little ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  destroy_toplevels (KTS_TYPE_IMPORT_DIALOG);
  destroy_toplevels (KTS_TYPE_REFI_REPORT_DIALOG);
  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);
  kts_window_set_project (f->window, NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  /* Windows opened by a command (a REFI-QDA project) go too. */
  {
    GtkWindow *w;
    while ((w = find_toplevel (KTS_TYPE_WINDOW)) != NULL)
      {
        kts_window_set_project (KTS_WINDOW (w), NULL, FALSE);
        gtk_window_destroy (w);
      }
  }
  spin_a_little ();
  g_object_unref (f->window);
  g_object_unref (f->project);
}

/* ---- import dialog -------------------------------------------------------------- */

/* Reads .txt, .docx and .odt, and shows what it found. */
static void
test_preview (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) txt = fixture_file ("session-cp1252-crlf.txt", NULL);
  g_autoptr (GFile) docx = fixture_file ("office", "lo-session.docx", NULL);
  g_autoptr (GFile) odt = fixture_file ("office", "lo-table.odt", NULL);
  GFile *files[] = { txt, docx, odt };
  g_autoptr (KtsImportDialog) dialog = open_dialog (f, files, G_N_ELEMENTS (files));
  KtsImportItem   *item;
  GPtrArray       *warnings;
  gboolean         found = FALSE;
  g_autofree char *format = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (kts_import_dialog_get_items (dialog)), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (kts_import_item_get_state (item_at (dialog, i)), ==, KTS_IMPORT_ITEM_READY);

  /* The text file: its encoding, with a warning, and its turns. */
  item = item_at (dialog, 0);
  g_assert_cmpstr (kts_import_item_get_title (item), ==, "session-cp1252-crlf");
  format = kts_import_item_dup_format_label (item);
  g_assert_cmpstr (format, ==, "Plain text, Windows-1252");
  warnings = kts_import_item_get_warnings (item);
  g_assert_cmpuint (warnings->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "Windows-1252"));
  g_assert_cmpuint (kts_document_get_n_turns (kts_import_item_get_document (item)), ==, 5);
  /* The preview shows the first turns after their labels, and the speaker
   * rows offer a role each. */
  kts_import_dialog_select (dialog, 0);
  spin_a_little ();
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_mapped_label, "Wie geht’s Ihnen heute?"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_combo_titled, "T"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_combo_titled, "C"));

  /* The Word file: tracked deletions were left out, and said so. */
  item = item_at (dialog, 1);
  warnings = kts_import_item_get_warnings (item);
  for (guint i = 0; i < warnings->len; i++)
    found = found || strstr (g_ptr_array_index (warnings, i), "tracked deletions") != NULL;
  g_assert_true (found);
  g_assert_null (
      strstr (kts_document_get_text (kts_import_item_get_document (item)), "DELETED-WORDS"));
  kts_import_dialog_select (dialog, 1);
  spin_a_little ();
  g_assert_nonnull (find_widget (
      GTK_WIDGET (dialog), is_mapped_label,
      "lo-session.docx: 2 tracked deletions were left out (the text reads as if all changes "
      "were accepted)."));

  /* The OpenDocument table: rows became turns. */
  item = item_at (dialog, 2);
  g_assert_cmpuint (kts_document_get_n_turns (kts_import_item_get_document (item)), >, 2);

  /* Nothing is in the project before Import. */
  g_assert_cmpuint (n_documents (f->project), ==, 0);
}

static KtsRole
role_of (KtsImportItem *item, const char *label)
{
  KtsDocument *document = kts_import_item_get_document (item);
  int          index = kts_document_find_speaker (document, label);

  g_assert_cmpint (index, >=, 0);
  return kts_document_get_speaker (document, (guint)index)->role;
}

/* A role chosen in a speaker row detects the turns again, in every file. */
static void
test_speaker_roles (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) interview = fixture_file ("interview-utf16le.txt", NULL);
  g_autoptr (GFile) txt = fixture_file ("session-cp1252-crlf.txt", NULL);
  g_autoptr (GFile) docx = fixture_file ("office", "lo-session.docx", NULL);
  GFile *files[] = { interview, txt, docx };
  g_autoptr (KtsImportDialog) dialog = open_dialog (f, files, G_N_ELEMENTS (files));
  GtkWidget *row;

  g_assert_cmpint (role_of (item_at (dialog, 0), "Anna"), ==, KTS_ROLE_OTHER);
  g_assert_cmpint (role_of (item_at (dialog, 0), "Interviewer"), ==, KTS_ROLE_INTERVIEWER);

  /* Through the row, as a user would: Anna is the client (second choice). */
  kts_import_dialog_select (dialog, 0);
  spin_a_little ();
  row = find_widget (GTK_WIDGET (dialog), is_combo_titled, "Anna");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 3); /* Other */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_true (kts_import_dialog_get_busy (dialog));
  spin_until (dialog_idle, dialog);
  spin_a_little ();
  g_assert_cmpint (role_of (item_at (dialog, 0), "Anna"), ==, KTS_ROLE_CLIENT);
  /* The turn of Anna's says so in the preview, and the row kept its choice. */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_mapped_label, "Client"));
  row = find_widget (GTK_WIDGET (dialog), is_combo_titled, "Anna");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* "T" is the same person in both other files. */
  kts_import_dialog_set_speaker_role (dialog, "t", KTS_ROLE_INTERVIEWER);
  spin_until (dialog_idle, dialog);
  g_assert_cmpint (role_of (item_at (dialog, 1), "T"), ==, KTS_ROLE_INTERVIEWER);
  g_assert_cmpint (role_of (item_at (dialog, 2), "T"), ==, KTS_ROLE_INTERVIEWER);
  g_assert_cmpint (role_of (item_at (dialog, 2), "C"), ==, KTS_ROLE_CLIENT);

  /* The chosen roles are what gets imported. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL);
  g_assert_cmpuint (n_documents (f->project), ==, 3);
  {
    KtsDocument *doc = kts_project_find_document (f->project, "interview-utf16le");
    int          anna;

    g_assert_nonnull (doc);
    anna = kts_document_find_speaker (doc, "Anna");
    g_assert_cmpint (kts_document_get_speaker (doc, (guint)anna)->role, ==, KTS_ROLE_CLIENT);
  }
}

/* All documents go in as one undo step, with their titles and flags. */
static void
test_import_one_step (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) txt = fixture_file ("session-cp1252-crlf.txt", NULL);
  g_autoptr (GFile) docx = fixture_file ("office", "lo-session.docx", NULL);
  g_autoptr (GFile) odt = fixture_file ("office", "lo-session.odt", NULL);
  GFile *files[] = { txt, docx, odt };
  g_autoptr (KtsImportDialog) dialog = open_dialog (f, files, G_N_ELEMENTS (files));
  KtsDocument *doc;

  kts_import_item_set_title (item_at (dialog, 0), "  Session 4  ");
  kts_import_dialog_set_all_pseudonymised (dialog, TRUE);
  kts_import_item_set_pseudonymised (item_at (dialog, 2), FALSE);

  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL);
  spin_a_little ();
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (dialog)));

  g_assert_cmpuint (n_documents (f->project), ==, 3);
  doc = kts_project_find_document (f->project, "Session 4");
  g_assert_nonnull (doc);
  g_assert_true (kts_document_get_pseudonymised (doc));
  g_assert_cmpstr (kts_document_get_source_name (doc), ==, "session-cp1252-crlf.txt");
  g_assert_true (
      kts_document_get_pseudonymised (kts_project_find_document (f->project, "lo-session")));
  /* The window shows the last one. */
  g_assert_nonnull (kts_window_get_document (f->window));
  g_assert_false (kts_document_get_pseudonymised (kts_window_get_document (f->window)));

  g_assert_cmpstr (kts_project_get_undo_label (f->project), ==, "Import 3 transcripts");
  g_assert_true (kts_window_has_unsaved_changes (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpuint (n_documents (f->project), ==, 0);
  g_assert_false (kts_project_can_undo (f->project));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  g_assert_cmpuint (n_documents (f->project), ==, 3);
}

/* Hostile files show their error and are skipped; the others still import. */
static void
test_hostile_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) bomb = fixture_file ("office", "bomb.docx", NULL);
  g_autoptr (GFile) traversal = fixture_file ("office", "traversal-dotdot.docx", NULL);
  g_autoptr (GFile) good = fixture_file ("office", "lo-session.odt", NULL);
  g_autoptr (GFile) missing = fixture_file ("no-such-file.txt", NULL);
  GFile *files[] = { bomb, traversal, good, missing };
  g_autoptr (KtsImportDialog) dialog = open_dialog (f, files, G_N_ELEMENTS (files));
  KtsImportItem *item = item_at (dialog, 0);

  g_assert_cmpint (kts_import_item_get_state (item), ==, KTS_IMPORT_ITEM_FAILED);
  g_assert_false (kts_import_item_is_importable (item));
  g_assert_nonnull (strstr (kts_import_item_get_error_message (item), "zip bomb"));
  g_assert_cmpint (kts_import_item_get_state (item_at (dialog, 1)), ==, KTS_IMPORT_ITEM_FAILED);
  g_assert_nonnull (strstr (kts_import_item_get_error_message (item_at (dialog, 1)), "evil.txt"));
  g_assert_cmpint (kts_import_item_get_state (item_at (dialog, 2)), ==, KTS_IMPORT_ITEM_READY);
  g_assert_cmpint (kts_import_item_get_state (item_at (dialog, 3)), ==, KTS_IMPORT_ITEM_FAILED);

  /* The error is shown inline, where the details would be. */
  kts_import_dialog_select (dialog, 0);
  spin_a_little ();
  g_assert_nonnull (
      find_widget (GTK_WIDGET (dialog), is_status_page_titled, "Cannot Import “bomb.docx”"));
  /* A failed file cannot be put back in. */
  kts_import_item_set_included (item, TRUE);
  g_assert_false (kts_import_item_get_included (item));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL);
  g_assert_cmpuint (n_documents (f->project), ==, 1);
  g_assert_cmpstr (kts_project_get_undo_label (f->project), ==, "Import transcript");
}

/* A file left out by the user is not imported; with none left, Import is off. */
static void
test_exclude (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) txt = fixture_file ("session-cp1252-crlf.txt", NULL);
  g_autoptr (GFile) odt = fixture_file ("office", "lo-session.odt", NULL);
  GFile *files[] = { txt, odt };
  g_autoptr (KtsImportDialog) dialog = open_dialog (f, files, G_N_ELEMENTS (files));

  kts_import_item_set_included (item_at (dialog, 0), FALSE);
  kts_import_item_set_included (item_at (dialog, 1), FALSE);
  spin_a_little ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL);
  g_assert_cmpuint (n_documents (f->project), ==, 0);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dialog)));

  kts_import_item_set_included (item_at (dialog, 1), TRUE);
  spin_a_little ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL);
  g_assert_cmpuint (n_documents (f->project), ==, 1);
  g_assert_nonnull (kts_project_find_document (f->project, "lo-session"));
}

/* Cancel adds nothing, during the reading or after it. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) txt = fixture_file ("session-cp1252-crlf.txt", NULL);
  g_autoptr (GFile) docx = fixture_file ("office", "lo-session.docx", NULL);
  g_autoptr (GFile) bomb = fixture_file ("office", "bomb.docx", NULL);
  GFile           *files[] = { bomb, docx, txt };
  KtsImportDialog *dialog;

  /* At once: the reading stops. */
  dialog = kts_window_import_files (f->window, files, G_N_ELEMENTS (files));
  g_object_ref (dialog);
  g_assert_true (kts_import_dialog_get_busy (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (n_documents (f->project), ==, 0);
  g_assert_false (kts_project_can_undo (f->project));
  g_object_unref (dialog);

  /* After reading. */
  dialog = open_dialog (f, files, G_N_ELEMENTS (files));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  spin_a_little ();
  g_assert_cmpuint (n_documents (f->project), ==, 0);
  g_assert_false (kts_project_can_undo (f->project));
  g_assert_false (kts_window_has_unsaved_changes (f->window));
  g_object_unref (dialog);
}

static gboolean
has_file_drop_target (GtkWidget *widget, gconstpointer data)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      const GType *types;
      gsize        n_types = 0;

      if (!GTK_IS_DROP_TARGET (controller))
        continue;
      types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n_types);
      for (gsize t = 0; t < n_types; t++)
        if (types[t] == GDK_TYPE_FILE_LIST)
          {
            g_object_set_data (G_OBJECT (widget), "test-drop-target", controller);
            return TRUE;
          }
    }
  return FALSE;
}

/* Transcripts dropped on the window open the same dialog. */
static void
test_drop (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) txt = fixture_file ("session-cp1252-crlf.txt", NULL);
  g_autoptr (GFile) docx = fixture_file ("office", "lo-session.docx", NULL);
  GtkWidget       *target = find_widget (GTK_WIDGET (f->window), has_file_drop_target, NULL);
  GtkDropTarget   *drop;
  GSList          *list = NULL;
  GValue           value = G_VALUE_INIT;
  gboolean         accepted = FALSE;
  KtsImportDialog *dialog;

  g_assert_nonnull (target);
  drop = g_object_get_data (G_OBJECT (target), "test-drop-target");
  list = g_slist_append (g_slist_append (NULL, txt), docx);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, list);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (list);
  g_assert_true (accepted);

  dialog = KTS_IMPORT_DIALOG (find_toplevel (KTS_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (kts_import_dialog_get_items (dialog)), ==, 2);
  spin_until (dialog_idle, dialog);
  /* Nothing is imported until the user says so. */
  g_assert_cmpuint (n_documents (f->project), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL);
  g_assert_cmpuint (n_documents (f->project), ==, 2);
}

/* Without a project, Import starts one. */
static void
test_no_project (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) txt = fixture_file ("interview-utf16le.txt", NULL);
  g_autoptr (KtsImportDialog) dialog = NULL;

  kts_window_set_project (f->window, NULL, FALSE);
  dialog = open_dialog (f, &txt, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import-dialog.import", NULL);
  g_assert_nonnull (kts_window_get_project (f->window));
  g_assert_true (kts_window_get_project (f->window) != f->project);
  g_assert_cmpuint (n_documents (kts_window_get_project (f->window)), ==, 1);
}

/* ---- REFI-QDA and CSV ------------------------------------------------------------- */

static KtsCode *
add_code (KtsProject *project, const char *name, const char *key, KtsCode *parent)
{
  g_autoptr (KtsCode) code = kts_code_new (NULL, name);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "color", "#e69f00", NULL);
  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
  return code;
}

#define TRANSCRIPT                                                                                 \
  "T: Shall we start where we left off last week?\n"                                               \
  "C: I suppose. I don't really know what to say.\n"                                               \
  "T: Take your time.\n"                                                                           \
  "C: [long silence] It's fine. Everything is fine.\n"

static void
fill_project (KtsProject *project)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (TRANSCRIPT, strlen (TRANSCRIPT));
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = NULL;
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, "Ada");
  KtsCode    *category, *silence;
  const char *quote = strstr (TRANSCRIPT, "[long silence]");
  guint       start = (guint)g_utf8_pointer_to_offset (TRANSCRIPT, quote);

  category = add_code (project, "Withdrawal markers", "RUP.W", NULL);
  kts_project_set_boolean (project, category, "codable", FALSE);
  silence = add_code (project, "Silence", "RUP.W.silence", category);
  add_code (project, "Minimal response", "RUP.W.minimal", category);

  result = kts_import_transcript_bytes (bytes, "s4.txt", "Session 4", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (project, result->document, -1, &error));
  g_assert_true (kts_project_add_coder (project, coder, &error));
  g_assert_nonnull (kts_project_apply_code (project, result->document, start, start + 14, silence,
                                            coder, KTS_ACTOR_CLIENT, &error));
  g_assert_no_error (error);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static KtsRefiReportDialog *
take_report (const char *heading)
{
  KtsRefiReportDialog *report;

  wait_for_toplevel (KTS_TYPE_REFI_REPORT_DIALOG);
  report = KTS_REFI_REPORT_DIALOG (find_toplevel (KTS_TYPE_REFI_REPORT_DIALOG));
  g_assert_cmpstr (kts_refi_report_dialog_get_heading (report), ==, heading);
  return report;
}

static void
test_refi_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *qdc = tmp_path ("study codebook.qdc");
  g_autofree char *qdpx = tmp_path ("study.qdpx");
  g_autofree char *csv = tmp_path ("codings.csv");
  g_autoptr (GFile) qdc_file = NULL;
  g_autoptr (GFile) qdpx_file = NULL;
  g_autoptr (GFile) csv_base = NULL;
  g_autoptr (KtsWindow) other = NULL;
  g_autoptr (KtsProject) empty = kts_project_new ();
  KtsRefiReportDialog *report;
  KtsProject          *opened;
  AdwMessageDialog    *question;
  g_autofree char     *contents = NULL;
  gsize                length;

  fill_project (f->project);
  g_unlink (qdc);
  g_unlink (qdpx);
  g_unlink (csv);

  /* Export: the codebook, the project, the coded segments (the suffix is added). */
  qdc_file = g_file_new_for_path (qdc);
  kts_refi_dialogs_export_codebook (f->window, qdc_file);
  spin_until (file_exists, qdc);
  qdpx_file = g_file_new_for_path (qdpx);
  kts_refi_dialogs_export_project (f->window, qdpx_file);
  spin_until (file_exists, qdpx);
  csv_base = g_file_new_for_path (tmp_dir);
  {
    g_autoptr (GFile) without_suffix = g_file_get_child (csv_base, "codings");
    kts_refi_dialogs_export_codings (f->window, without_suffix, TRUE);
  }
  spin_until (file_exists, csv);
  spin_a_little ();
  g_assert_true (g_file_get_contents (csv, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"
                                             "document,turn,speaker,role,actor,"));
  g_assert_nonnull (strstr (contents, "Session 4"));
  g_assert_nonnull (strstr (contents, "RUP.W.silence"));
  /* Exporting changes nothing. */
  g_assert_cmpstr (kts_project_get_undo_label (f->project), !=, NULL);

  /* Import the codebook into an empty project: no question, a report. */
  other = kts_window_new (NULL);
  g_object_ref_sink (other);
  kts_window_set_project (other, empty, FALSE);
  gtk_window_present (GTK_WINDOW (other));
  kts_refi_dialogs_import_codebook (other, qdc_file);
  report = take_report ("Codebook Imported");
  g_assert_cmpuint (
      kts_refi_report_count (kts_refi_report_dialog_get_report (report), KTS_REFI_ADDED), ==, 3);
  g_assert_true (g_str_has_prefix (kts_refi_report_dialog_get_summary (report), "3 added"));
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (empty)), ==, 3);
  g_assert_nonnull (kts_codebook_lookup_key (kts_project_get_codebook (empty), "RUP.W.silence"));
  gtk_window_destroy (GTK_WINDOW (report));

  /* Again: the codebook has codes, so the user is asked to merge. */
  kts_refi_dialogs_import_codebook (other, qdc_file);
  wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Merge the Codebooks?");
  adw_message_dialog_response (question, "merge");
  gtk_window_destroy (GTK_WINDOW (question));
  report = take_report ("Codebook Merged");
  g_assert_cmpuint (
      kts_refi_report_count (kts_refi_report_dialog_get_report (report), KTS_REFI_MATCHED), ==, 3);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (empty)), ==, 3);
  gtk_window_destroy (GTK_WINDOW (report));

  /* Open the project: the window has work in it, so a new window shows it. */
  kts_refi_dialogs_open_project (other, qdpx_file);
  report = take_report ("REFI-QDA Project Opened");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (report)) != GTK_WINDOW (other));
  opened = kts_window_get_project (KTS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (report))));
  g_assert_nonnull (opened);
  g_assert_true (opened != empty && opened != f->project);
  g_assert_null (kts_project_get_file (opened));
  g_assert_cmpuint (n_documents (opened), ==, 1);
  g_assert_cmpuint (kts_project_get_n_codings (opened), ==, 1);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (opened)), ==, 3);
  g_assert_true (kts_window_has_unsaved_changes (
      KTS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (report)))));
  {
    KtsDocument *doc = kts_project_find_document (opened, "Session 4");
    g_assert_nonnull (doc);
    g_assert_cmpstr (kts_document_get_text (doc), ==, TRANSCRIPT);
  }
  gtk_window_destroy (GTK_WINDOW (report));

  kts_window_set_project (other, NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (other));
}

/* A broken codebook or project: a message, and the project stays as it was. */
static void
test_refi_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *bad_qdc = tmp_path ("broken.qdc");
  g_autofree char *bad_qdpx = tmp_path ("broken.qdpx");
  g_autoptr (GFile) qdc_file = g_file_new_for_path (bad_qdc);
  g_autoptr (GFile) qdpx_file = g_file_new_for_path (bad_qdpx);
  g_autoptr (GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/x.qdc");
  AdwMessageDialog *message;
  guint             n_toplevels;

  fill_project (f->project);
  kts_project_clear_undo (f->project);
  g_assert_true (g_file_set_contents (
      bad_qdc, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>", -1, NULL));
  g_assert_true (g_file_set_contents (bad_qdpx, "PK\x03\x04 not really", -1, NULL));

  kts_refi_dialogs_import_codebook (f->window, qdc_file);
  wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  message = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* A codebook with codes asks first: say merge, then see it fail. */
  if (g_str_equal (adw_message_dialog_get_heading (message), "Merge the Codebooks?"))
    {
      adw_message_dialog_response (message, "merge");
      gtk_window_destroy (GTK_WINDOW (message));
      wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      message = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    }
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Import “broken.qdc”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "The project was not changed."));
  g_assert_false (kts_project_can_undo (f->project));
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (f->project)), ==, 3);
  gtk_window_destroy (GTK_WINDOW (message));

  n_toplevels = g_list_model_get_n_items (gtk_window_get_toplevels ());
  kts_refi_dialogs_open_project (f->window, qdpx_file);
  wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  message = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Open “broken.qdpx”");
  gtk_window_destroy (GTK_WINDOW (message));
  spin_a_little ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_toplevels);
  g_assert_true (kts_window_get_project (f->window) == f->project);

  /* A folder that does not exist: the export says so. */
  kts_refi_dialogs_export_codebook (f->window, nowhere);
  wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  message = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Export");
  gtk_window_destroy (GTK_WINDOW (message));

  /* An empty codebook cannot be a REFI-QDA codebook. */
  {
    g_autoptr (KtsProject) empty = kts_project_new ();
    g_autofree char *path = tmp_path ("empty.qdc");
    g_autoptr (GFile) file = g_file_new_for_path (path);

    kts_window_set_project (f->window, empty, FALSE);
    kts_refi_dialogs_export_codebook (f->window, file);
    message = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (message);
    g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Export the Codebook");
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    gtk_window_destroy (GTK_WINDOW (message));
  }
}

/* The menu commands exist, and exports need a project. */
static void
test_actions (Fixture *f, gconstpointer data)
{
  static const char *const names[]
      = { "import",          "import-codebook",     "open-refi-project",
          "export-codebook", "export-refi-project", "export-codings" };
  GActionGroup *group = G_ACTION_GROUP (f->window);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (g_action_group_has_action (group, names[i]));
      g_assert_true (g_action_group_get_action_enabled (group, names[i]));
    }
  kts_window_set_project (f->window, NULL, FALSE);
  g_assert_false (g_action_group_get_action_enabled (group, "export-codebook"));
  g_assert_false (g_action_group_get_action_enabled (group, "export-refi-project"));
  g_assert_false (g_action_group_get_action_enabled (group, "export-codings"));
  g_assert_true (g_action_group_get_action_enabled (group, "import-codebook"));
  g_assert_true (g_action_group_get_action_enabled (group, "open-refi-project"));
}

int
main (int argc, char **argv)
{
  int status;

  /* The fixtures' messages are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  tmp_dir = kts_test_widget_init (&argc, &argv, "kts-test-import-dialog-XXXXXX");

#define ADD(path, func)                                                                            \
  g_test_add ("/import-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("preview", test_preview);
  ADD ("speaker-roles", test_speaker_roles);
  ADD ("import-one-step", test_import_one_step);
  ADD ("hostile-files", test_hostile_files);
  ADD ("exclude", test_exclude);
  ADD ("cancel", test_cancel);
  ADD ("no-project", test_no_project);
  ADD ("drop", test_drop);
  ADD ("actions", test_actions);
  ADD ("refi-round-trip", test_refi_round_trip);
  ADD ("refi-errors", test_refi_errors);
#undef ADD

  status = g_test_run ();
  g_free (tmp_dir);
  return status;
}
