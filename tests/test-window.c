/* test-window.c: the main window driven through its actions: coding, undo, save, codebook.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kts-application.h"
#include "kts-code-editor-dialog.h"
#include "kts-codebook-panel.h"
#include "kts-coder-switcher.h"
#include "kts-coding-popover.h"
#include "kts-core.h"
#include "kts-document-list.h"
#include "kts-preferences-window.h"
#include "kts-quick-code-popover.h"
#include "kts-recovery.h"
#include "kts-transcript-view-private.h"
#include "kts-window.h"
#include "kts-widget-test-util.h"

#define TRANSCRIPT                                                                                 \
  "T: Shall we start where we left off last week?\n"                                               \
  "C: I suppose. I don't really know what to say.\n"                                               \
  "T: Take your time.\n"                                                                           \
  "C: [long silence] It's fine. Everything is fine.\n"

static char *tmp_dir;

typedef struct
{
  KtsWindow   *window;
  KtsProject  *project;
  KtsDocument *document;
  KtsCode     *silence;
  KtsCode     *withdrawal;
} Fixture;

static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkWidget *
find_action_button (GtkWidget *root, const char *action)
{
  if (GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static KtsCode *
add_code (KtsProject *project, const char *name, const char *key, KtsCode *parent, int digit)
{
  g_autoptr (KtsCode) code = kts_code_new (NULL, name);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "color", "#e69f00", NULL);
  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
  if (digit > 0)
    kts_project_set_code_shortcut (project, code, digit);
  return code;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (TRANSCRIPT, strlen (TRANSCRIPT));
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = NULL;
  KtsCode *category;

  kts_test_reset_settings ();
  f->project = kts_project_new ();
  kts_project_set_title (f->project, "Rupture study");
  category = add_code (f->project, "Withdrawal markers", "RUP.W", NULL, 0);
  kts_project_set_boolean (f->project, category, "codable", FALSE);
  f->silence = add_code (f->project, "Silence", "RUP.W.silence", category, 1);
  f->withdrawal = add_code (f->project, "Minimal response", "RUP.W.minimal", category, 2);

  result = kts_import_transcript_bytes (bytes, "s4.txt", "Session 4", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (f->project, result->document, -1, &error));
  g_assert_no_error (error);
  f->document = result->document;
  kts_project_clear_undo (f->project);
  kts_project_mark_clean (f->project);

  f->window = kts_window_new (NULL);
  g_object_ref_sink (f->window);
  kts_window_set_project (f->window, f->project, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  kts_test_spin (50);
  g_assert_true (kts_window_get_document (f->window) == f->document);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog;

  /* Throw away the changes: no dialog, no recovery copy left behind. */
  kts_window_set_project (f->window, NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while ((dialog = kts_test_find_message_dialog (G_TYPE_INVALID)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  kts_test_spin (50);
  g_object_unref (f->window);
  g_object_unref (f->project);
}

/* Offsets of the first occurrence of @needle in the transcript. */
static void
range_of (const char *needle, guint *start, guint *end)
{
  const char *p = strstr (TRANSCRIPT, needle);

  g_assert_nonnull (p);
  *start = (guint)g_utf8_pointer_to_offset (TRANSCRIPT, p);
  *end = *start + (guint)g_utf8_strlen (needle, -1);
}

static guint
n_codings (Fixture *f)
{
  return g_list_model_get_n_items (kts_document_get_codings (f->document));
}

static KtsCoding *
coding_at (Fixture *f, guint i)
{
  g_autoptr (KtsCoding) coding = g_list_model_get_item (kts_document_get_codings (f->document), i);
  return coding;
}

static void
apply (Fixture *f, const char *needle, KtsCode *code)
{
  guint start, end, s, e;

  range_of (needle, &start, &end);
  kts_window_select_range (f->window, start, end);
  g_assert_true (kts_window_get_selection (f->window, &s, &e));
  g_assert_cmpuint (s, ==, start);
  g_assert_cmpuint (e, ==, end);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-code", "s",
                              kts_item_get_guid (KTS_ITEM (code)));
}

static void
test_apply_undo_redo (Fixture *f, gconstpointer data)
{
  KtsCoding  *coding;
  guint       start, end;
  const char *title;

  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "•"));
  g_assert_true (
      g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (f->window)), "Rupture study — Kintsugi"));

  apply (f, "[long silence]", f->silence);
  g_assert_cmpuint (n_codings (f), ==, 1);
  coding = coding_at (f, 0);
  range_of ("[long silence]", &start, &end);
  g_assert_cmpuint (kts_coding_get_start (coding), ==, start);
  g_assert_cmpuint (kts_coding_get_end (coding), ==, end);
  g_assert_true (kts_coding_get_code (coding) == f->silence);
  /* The actor defaults to the speaker's role: a client turn. */
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_CLIENT);
  g_assert_nonnull (kts_coding_get_coder (coding));
  g_assert_true (kts_window_get_last_coding (f->window) == coding);

  /* The title shows the unsaved change, the undo button names it. */
  title = gtk_window_get_title (GTK_WINDOW (f->window));
  g_assert_true (g_str_has_prefix (title, "• "));
  g_assert_cmpstr (
      gtk_widget_get_tooltip_text (find_action_button (GTK_WIDGET (f->window), "win.undo")), ==,
      "Undo Apply code “Silence”");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpuint (n_codings (f), ==, 0);
  g_assert_null (kts_window_get_last_coding (f->window));
  g_assert_cmpstr (
      gtk_widget_get_tooltip_text (find_action_button (GTK_WIDGET (f->window), "win.redo")), ==,
      "Redo Apply code “Silence”");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  g_assert_cmpuint (n_codings (f), ==, 1);
  g_assert_true (kts_coding_get_code (coding_at (f, 0)) == f->silence);

  /* A category cannot be applied. */
  apply (f, "It's fine.", kts_code_get_parent (f->silence));
  g_assert_cmpuint (n_codings (f), ==, 1);

  /* A therapist turn gives a therapist actor. */
  apply (f, "Take your time.", f->withdrawal);
  g_assert_cmpuint (n_codings (f), ==, 2);
  g_assert_cmpint (kts_coding_get_actor (kts_window_get_last_coding (f->window)), ==,
                   KTS_ACTOR_THERAPIST);
}

static void
test_shortcut_and_actor (Fixture *f, gconstpointer data)
{
  guint      start, end;
  KtsCoding *coding;

  range_of ("I suppose.", &start, &end);
  kts_window_select_range (f->window, start, end);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-shortcut", "i", 2);
  g_assert_cmpuint (n_codings (f), ==, 1);
  coding = coding_at (f, 0);
  g_assert_true (kts_coding_get_code (coding) == f->withdrawal);

  /* A digit without a code does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-shortcut", "i", 7);
  g_assert_cmpuint (n_codings (f), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-actor", "s", "dyad");
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_DYAD);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-actor", "s", "therapist");
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_THERAPIST);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_DYAD);

  /* A range dragged out of the transcript view onto a code. */
  range_of ("Take your time.", &start, &end);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-code-range", "(ssuu)",
                              kts_item_get_guid (KTS_ITEM (f->silence)),
                              kts_item_get_guid (KTS_ITEM (f->document)), start, end);
  g_assert_cmpuint (n_codings (f), ==, 2);
}

static void
test_coder (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsCoder) ben = kts_coder_new (NULL, "Ben Second-Coder");
  g_autoptr (GError) error = NULL;
  GtkWidget *prefs;
  KtsCoding *mine;

  /* The first coding creates the user's coder. */
  g_assert_null (kts_window_get_coder (f->window));
  apply (f, "I suppose.", f->withdrawal);
  mine = kts_window_get_last_coding (f->window);
  g_assert_nonnull (kts_coding_get_coder (mine));
  g_assert_cmpstr (kts_coder_get_name (kts_coding_get_coder (mine)), ==,
                   kts_window_get_user_coder_name ());
  g_assert_true (kts_window_get_coder (f->window) == kts_coding_get_coder (mine));

  /* Another coder chosen (in the preferences) gets the next codings. */
  g_assert_true (kts_project_add_coder (f->project, ben, &error));
  kts_window_set_coder (f->window, ben);
  apply (f, "[long silence]", f->silence);
  g_assert_true (kts_coding_get_coder (kts_window_get_last_coding (f->window)) == ben);

  kts_window_set_visible_coder (f->window, ben);
  g_assert_true (kts_window_get_visible_coder (f->window) == ben);
  kts_window_set_visible_coder (f->window, NULL);

  /* The preferences window opens on this project. */
  prefs = GTK_WIDGET (kts_preferences_window_new (f->window));
  gtk_window_present (GTK_WINDOW (prefs));
  kts_test_spin (50);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A widget under @root the coder switcher tagged with @role for @coder. */
static GtkWidget *
find_tagged (GtkWidget *root, const char *role, KtsCoder *coder)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (root), "kts-role"), role) == 0
      && g_object_get_data (G_OBJECT (root), "kts-coder") == (gpointer)coder)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tagged (child, role, coder);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_tagged (GtkWidget *root, const char *role)
{
  guint n = g_strcmp0 (g_object_get_data (G_OBJECT (root), "kts-role"), role) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_tagged (child, role);
  return n;
}

/* A label showing exactly @text under @root (a toast's title, say). */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_icon (GtkWidget *root, const char *icon)
{
  if (GTK_IS_IMAGE (root) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)), icon) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon (child, icon);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The switcher lists the coders, chooses who codes (the next coding is
 * theirs), whose codings show, and adds a coder (undoably). */
static void
test_coder_switcher (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsCoder) ben = kts_coder_new (NULL, "Ben");
  g_autoptr (KtsCoder) cleo = kts_coder_new (NULL, "Cleo");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  KtsCoderSwitcher  *switcher;
  KtsTranscriptView *view;
  GtkWidget         *popover, *radio, *check, *entry;
  KtsCoder          *dana;
  KtsCoding         *coding;

  switcher
      = KTS_CODER_SWITCHER (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_CODER_SWITCHER));
  view = KTS_TRANSCRIPT_VIEW (
      kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_TRANSCRIPT_VIEW));
  g_assert_nonnull (switcher);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (switcher)));
  g_assert_true (g_str_has_suffix (kts_coder_switcher_get_label (switcher),
                                   kts_window_get_user_coder_name ()));

  /* Shown with the Transcripts view only. */
  kts_window_show_view (f->window, "map");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (switcher)));
  kts_window_show_view (f->window, "transcripts");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (switcher)));

  /* Ctrl+Shift+K's action opens it, listing the coders live. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.coders", NULL);
  kts_test_spin (50);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (
      GTK_MENU_BUTTON (kts_test_find_widget (GTK_WIDGET (switcher), GTK_TYPE_MENU_BUTTON))));
  g_assert_true (gtk_widget_get_visible (popover));
  /* Only the user's coder-to-be so far. */
  g_assert_cmpuint (count_tagged (popover, "code-as"), ==, 1);
  g_assert_nonnull (find_tagged (popover, "code-as", NULL));
  g_assert_true (kts_project_add_coder (f->project, ben, &error));
  g_assert_true (kts_project_add_coder (f->project, cleo, &error));
  g_assert_cmpuint (count_tagged (popover, "code-as"), ==, 3);
  g_assert_cmpuint (count_tagged (popover, "show"), ==, 2);

  /* Code as Ben: the next coding is his. */
  radio = find_tagged (popover, "code-as", ben);
  g_assert_nonnull (radio);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (radio), TRUE);
  g_assert_true (kts_window_get_coder (f->window) == ben);
  g_assert_cmpstr (kts_coder_switcher_get_label (switcher), ==, "Coding as: Ben");
  apply (f, "I suppose.", f->withdrawal);
  coding = kts_window_get_last_coding (f->window);
  g_assert_true (kts_coding_get_coder (coding) == ben);
  /* Set elsewhere (the preferences), the switcher follows. */
  kts_window_set_coder (f->window, cleo);
  g_assert_true (
      gtk_check_button_get_active (GTK_CHECK_BUTTON (find_tagged (popover, "code-as", cleo))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (radio)));

  /* Hiding Ben's codings: the view leaves his coding out. */
  check = find_tagged (popover, "show", ben);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  shown = kts_window_dup_visible_coders (f->window);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_true (g_ptr_array_index (shown, 0) == cleo);
  g_assert_false (kts_transcript_view_get_coder_visible (view, ben));
  {
    g_autoptr (GPtrArray) at = kts_transcript_view_codings_at (view, kts_coding_get_start (coding));
    g_assert_cmpuint (at->len, ==, 0);
  }
  g_assert_true (strstr (kts_coder_switcher_get_label (switcher), "1 of 2") != NULL);
  /* Checking him again is everyone's again. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_clear_pointer (&shown, g_ptr_array_unref);
  g_assert_null (kts_window_dup_visible_coders (f->window));

  /* Only Mine, then Show All. */
  kts_window_set_coder (f->window, ben);
  g_assert_nonnull (find_label (popover, "Only Mine"));
  g_signal_emit_by_name (gtk_widget_get_parent (find_label (popover, "Only Mine")), "clicked");
  g_assert_true (kts_window_get_visible_coder (f->window) == ben);
  g_assert_false (
      gtk_check_button_get_active (GTK_CHECK_BUTTON (find_tagged (popover, "show", cleo))));
  g_signal_emit_by_name (gtk_widget_get_parent (find_label (popover, "Show All")), "clicked");
  g_assert_null (kts_window_dup_visible_coders (f->window));

  /* A new coder: added, coded as, and undoable. */
  entry = kts_test_find_widget (popover, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Dana  ");
  g_signal_emit_by_name (entry, "activate");
  dana = kts_project_find_coder (f->project, "Dana");
  g_assert_nonnull (dana);
  g_assert_true (kts_window_get_coder (f->window) == dana);
  g_assert_cmpuint (count_tagged (popover, "show"), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_null (kts_project_find_coder (f->project, "Dana"));
  g_assert_cmpuint (count_tagged (popover, "show"), ==, 2);

  /* A rename (undoable) shows in the list and the button. */
  kts_project_set_string (f->project, ben, "name", "Benjamin");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_tagged (popover, "name", ben))), ==,
                   "Benjamin");
  kts_window_set_coder (f->window, ben);
  g_assert_cmpstr (kts_coder_switcher_get_label (switcher), ==, "Coding as: Benjamin");

  /* Another project: everyone's codings, and its coders. */
  kts_window_set_visible_coder (f->window, ben);
  {
    g_autoptr (KtsProject) other = kts_project_new ();

    kts_window_set_project (f->window, other, FALSE);
    g_assert_null (kts_window_dup_visible_coders (f->window));
    g_assert_cmpuint (count_tagged (popover, "show"), ==, 0);
    /* No "Benjamin" here: codings would be made as the user. */
    g_assert_null (kts_window_get_coder (f->window));
    kts_window_set_project (f->window, NULL, FALSE);
  }
  /* The choice is remembered: a project with a coder of that name opens
   * with that coder chosen (the next session too, through GSettings). */
  {
    g_autoptr (KtsProject) other = kts_project_new ();
    g_autoptr (KtsCoder) benjamin = kts_coder_new (NULL, "Benjamin");
    g_autoptr (GError) add_error = NULL;
    g_autoptr (GSettings) settings = kts_application_lookup_settings ();

    g_assert_nonnull (settings);
    g_assert_true (kts_project_add_coder (other, benjamin, &add_error));
    g_assert_no_error (add_error);
    kts_window_set_project (f->window, other, FALSE);
    g_assert_true (kts_window_get_coder (f->window) == benjamin);
    g_settings_reset (settings, "coder-name");
    g_assert_null (kts_window_get_coder (f->window));
    kts_window_set_project (f->window, f->project, FALSE);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* An open practice set hides its reference in the window too; a submitted
 * one locks the student's codings: the coding popover shows a lock, and
 * removing one anyway is refused with a toast. */
static void
test_practice_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsCoder) ref = kts_coder_new (NULL, "Reference");
  g_autoptr (KtsCoder) kim = kts_coder_new (NULL, "Kim");
  g_autoptr (KtsPracticeSet) set = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) at = NULL;
  g_autofree char   *message = NULL;
  KtsTranscriptView *view;
  KtsCoding         *hidden, *mine;
  GtkWidget         *popover;
  guint              start, end;

  view = KTS_TRANSCRIPT_VIEW (
      kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_TRANSCRIPT_VIEW));
  g_assert_true (kts_project_add_coder (f->project, ref, &error));
  g_assert_true (kts_project_add_coder (f->project, kim, &error));
  range_of ("[long silence]", &start, &end);
  hidden = kts_project_apply_code (f->project, f->document, start, end, f->silence, ref,
                                   KTS_ACTOR_CLIENT, &error);
  g_assert_no_error (error);
  set = kts_practice_set_new (NULL, "Practice: Session 4", f->document, ref, kim);
  g_assert_true (kts_project_add_practice_set (f->project, set, &error));
  g_assert_no_error (error);

  /* Kim codes the same passage. */
  kts_window_set_coder (f->window, kim);
  apply (f, "[long silence]", f->withdrawal);
  mine = kts_window_get_last_coding (f->window);
  g_assert_true (kts_coding_get_coder (mine) == kim);

  /* The reference is neither at the point, nor reached by F8 or by code. */
  at = kts_transcript_view_codings_at (view, start);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_true (g_ptr_array_index (at, 0) == mine);
  g_clear_pointer (&at, g_ptr_array_unref);
  kts_window_select_range (f->window, 0, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-coding-of", "s",
                              kts_item_get_guid (KTS_ITEM (f->silence)));
  g_assert_false (kts_window_get_selection (f->window, NULL, NULL));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reveal-coding", "s",
                              kts_item_get_guid (KTS_ITEM (hidden)));
  g_assert_false (kts_window_get_selection (f->window, NULL, NULL));
  g_assert_nonnull (find_label (GTK_WIDGET (f->window),
                                "That coding is hidden until its practice set is submitted"));

  /* Submitted: the reference shows; Kim's coding is locked. */
  g_assert_true (kts_project_submit_practice_set (f->project, set, &error));
  g_assert_no_error (error);
  at = kts_transcript_view_codings_at (view, start);
  g_assert_cmpuint (at->len, ==, 2);
  g_clear_pointer (&at, g_ptr_array_unref);

  /* The popover: a lock for Kim's coding, a remove button for the other. */
  g_assert_nonnull (_kts_transcript_view_activate_offset (view, start + 2));
  kts_test_spin (50);
  popover = kts_test_find_widget (GTK_WIDGET (view), KTS_TYPE_CODING_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_nonnull (find_icon (popover, "changes-prevent-symbolic"));
  {
    GtkWidget *remove = find_action_button (popover, "win.remove-coding");
    g_autoptr (GVariant) target = NULL;

    g_assert_nonnull (remove);
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (remove)) != NULL
                 ? g_variant_ref (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (remove)))
                 : NULL;
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==,
                     kts_item_get_guid (KTS_ITEM (hidden)));
  }

  /* Removing Kim's coding anyway: refused, with the reason in a toast. */
  g_assert_false (kts_project_try_remove_coding (f->project, mine, &error));
  message = g_strdup (error->message);
  g_clear_error (&error);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-coding", "s",
                              kts_item_get_guid (KTS_ITEM (mine)));
  kts_test_spin (50);
  g_assert_true (kts_project_lookup (f->project, kts_item_get_guid (KTS_ITEM (mine)))
                 == KTS_ITEM (mine));
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), message));

  /* The reference's coding can go. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-coding", "s",
                              kts_item_get_guid (KTS_ITEM (hidden)));
  g_assert_null (kts_project_lookup (f->project, kts_item_get_guid (KTS_ITEM (hidden))));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
test_quick_code_rank (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) ranked = kts_quick_code_popover_rank (f->project, "sil");
  g_autoptr (GPtrArray) by_key = kts_quick_code_popover_rank (f->project, "rwmin");
  g_autoptr (GPtrArray) all = kts_quick_code_popover_rank (f->project, "");

  g_assert_cmpuint (ranked->len, >=, 1);
  g_assert_true (g_ptr_array_index (ranked, 0) == f->silence);
  g_assert_cmpuint (by_key->len, ==, 1);
  g_assert_true (g_ptr_array_index (by_key, 0) == f->withdrawal);
  /* Categories are left out; codes with digits come first, by digit. */
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (g_ptr_array_index (all, 0) == f->silence);
}

static void
test_next_previous (Fixture *f, gconstpointer data)
{
  guint s, e, start1, end1, start2, end2;

  apply (f, "I suppose.", f->withdrawal);
  apply (f, "[long silence]", f->silence);
  range_of ("I suppose.", &start1, &end1);
  range_of ("[long silence]", &start2, &end2);

  kts_window_select_range (f->window, 0, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-coding", NULL);
  g_assert_true (kts_window_get_selection (f->window, &s, &e));
  g_assert_cmpuint (s, ==, start1);
  g_assert_cmpuint (e, ==, end1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-coding", NULL);
  g_assert_true (kts_window_get_selection (f->window, &s, &e));
  g_assert_cmpuint (s, ==, start2);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.previous-coding", NULL);
  g_assert_true (kts_window_get_selection (f->window, &s, &e));
  g_assert_cmpuint (s, ==, start1);

  /* Only codings of one code; past the end it wraps around. */
  kts_window_select_range (f->window, 0, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-coding-of", "s",
                              kts_item_get_guid (KTS_ITEM (f->silence)));
  g_assert_true (kts_window_get_selection (f->window, &s, &e));
  g_assert_cmpuint (s, ==, start2);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-coding-of", "s",
                              kts_item_get_guid (KTS_ITEM (f->silence)));
  g_assert_true (kts_window_get_selection (f->window, &s, &e));
  g_assert_cmpuint (s, ==, start2);
}

static gboolean
project_clean (gpointer data)
{
  return !kts_project_get_dirty (data);
}

static void
test_save_reload (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (tmp_dir, "study.kintsugi", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KtsProject) reloaded = NULL;
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;
  g_autoptr (GError) error = NULL;

  apply (f, "[long silence]", f->silence);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-actor", "s", "dyad");
  kts_project_set_file (f->project, file);
  g_assert_true (kts_window_has_unsaved_changes (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  spin_until (project_clean, f->project);
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "•"));
  g_assert_false (kts_window_has_unsaved_changes (f->window));

  reloaded = kts_project_load (file, NULL, &error);
  g_assert_no_error (error);
  a = kts_project_serialize (f->project);
  b = kts_project_serialize (reloaded);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_cmpuint (kts_project_get_n_codings (reloaded), ==, 1);

  g_remove (path);
}

static gboolean
dialog_shown (gpointer data)
{
  return kts_test_find_message_dialog (G_TYPE_INVALID) != NULL;
}

/* A full disk: the error is shown, nothing is lost, the project stays unsaved. */
static void
test_save_fails (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (tmp_dir, "full-disk.kintsugi", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  apply (f, "[long silence]", f->silence);
  kts_project_set_file (f->project, file);

  kts_file_set_fault_injection (1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  spin_until (dialog_shown, NULL);
  kts_file_set_fault_injection (0);

  dialog = kts_test_find_message_dialog (G_TYPE_INVALID);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Could Not Save"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kts_window_has_unsaved_changes (f->window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_codings (f), ==, 1);

  /* The next try works. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  spin_until (project_clean, f->project);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_remove (path);
}

static void
test_codebook_editing (Fixture *f, gconstpointer data)
{
  KtsCodebook         *codebook = kts_project_get_codebook (f->project);
  KtsCodeEditorDialog *dialog;
  KtsCodebookPanel    *panel;
  AdwMessageDialog    *question;
  KtsCode             *created;
  g_autoptr (GError) error = NULL;
  guint n = kts_codebook_get_n_codes (codebook);

  /* Create */
  dialog = kts_code_editor_dialog_new (GTK_WINDOW (f->window), f->project, NULL, NULL);
  kts_code_editor_dialog_set_name (dialog, "Confrontation");
  kts_code_editor_dialog_set_key (dialog, "RUP.W.silence");
  /* A key that is taken is refused and changes nothing. */
  g_assert_null (kts_code_editor_dialog_apply (dialog, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (kts_codebook_get_n_codes (codebook), ==, n);
  kts_code_editor_dialog_set_key (dialog, "RUP.C");
  kts_code_editor_dialog_set_color (dialog, "#d55e00");
  created = kts_code_editor_dialog_apply (dialog, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (kts_codebook_get_n_codes (codebook), ==, n + 1);
  g_assert_true (kts_codebook_lookup_key (codebook, "RUP.C") == created);
  g_assert_cmpstr (kts_code_get_color (created), ==, "#d55e00");
  g_assert_true (kts_project_can_undo (f->project));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_null (kts_codebook_lookup_key (codebook, "RUP.C"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  created = kts_codebook_lookup_key (codebook, "RUP.C");
  g_assert_nonnull (created);

  /* Rename */
  dialog = kts_code_editor_dialog_new (GTK_WINDOW (f->window), f->project, f->silence, NULL);
  kts_code_editor_dialog_set_name (dialog, "Long silence");
  g_assert_true (kts_code_editor_dialog_apply (dialog, &error) == f->silence);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (kts_code_get_name (f->silence), ==, "Long silence");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpstr (kts_code_get_name (f->silence), ==, "Silence");

  panel
      = KTS_CODEBOOK_PANEL (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_CODEBOOK_PANEL));
  g_assert_nonnull (panel);

  /* Recolour and digit through the panel's actions */
  gtk_widget_activate_action (GTK_WIDGET (panel), "codebook.recolor", "(ss)",
                              kts_item_get_guid (KTS_ITEM (f->silence)), "#0072b2");
  g_assert_cmpstr (kts_code_get_color (f->silence), ==, "#0072b2");
  gtk_widget_activate_action (GTK_WIDGET (panel), "codebook.set-shortcut", "(si)",
                              kts_item_get_guid (KTS_ITEM (created)), 1);
  g_assert_cmpint (kts_code_get_shortcut (created), ==, 1);
  g_assert_cmpint (kts_code_get_shortcut (f->silence), ==, 0);

  /* Move into another code, then to the top level */
  gtk_widget_activate_action (GTK_WIDGET (panel), "codebook.move-into", "(ss)",
                              kts_item_get_guid (KTS_ITEM (created)),
                              kts_item_get_guid (KTS_ITEM (kts_code_get_parent (f->silence))));
  g_assert_true (kts_code_get_parent (created) == kts_code_get_parent (f->silence));
  gtk_widget_activate_action (GTK_WIDGET (panel), "codebook.move-to-top", "s",
                              kts_item_get_guid (KTS_ITEM (created)));
  g_assert_null (kts_code_get_parent (created));

  /* Delete without codings: at once, undoable */
  gtk_widget_activate_action (GTK_WIDGET (panel), "codebook.delete", "s",
                              kts_item_get_guid (KTS_ITEM (created)));
  g_assert_null (kts_codebook_lookup_key (codebook, "RUP.C"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_nonnull (kts_codebook_lookup_key (codebook, "RUP.C"));

  /* Delete with codings: asks first, saying how many */
  apply (f, "[long silence]", f->silence);
  apply (f, "It's fine.", f->silence);
  gtk_widget_activate_action (GTK_WIDGET (panel), "codebook.delete", "s",
                              kts_item_get_guid (KTS_ITEM (f->silence)));
  question = kts_test_find_message_dialog (G_TYPE_INVALID);
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "2 codings"));
  g_assert_nonnull (kts_codebook_lookup_key (codebook, "RUP.W.silence"));
  adw_message_dialog_response (question, "delete");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_null (kts_codebook_lookup_key (codebook, "RUP.W.silence"));
  g_assert_cmpuint (n_codings (f), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_nonnull (kts_codebook_lookup_key (codebook, "RUP.W.silence"));
  g_assert_cmpuint (n_codings (f), ==, 2);
}

static void
test_documents (Fixture *f, gconstpointer data)
{
  KtsDocumentList *list
      = KTS_DOCUMENT_LIST (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_DOCUMENT_LIST));
  g_autofree char *path = g_build_filename (g_getenv ("KTS_SOURCE_DIR"), "tests", "data", "import",
                                            "interview-utf16le.txt", NULL);
  GListModel      *documents = kts_project_get_documents (f->project);
  g_autoptr (KtsDocument) second = NULL;
  g_autoptr (KtsDocument) first = NULL;

  g_assert_nonnull (list);

  /* Import through the action, as one undoable step. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-file", "s", path);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);
  second = g_list_model_get_item (documents, 1);
  g_assert_true (kts_window_get_document (f->window) == second);

  gtk_widget_activate_action (GTK_WIDGET (list), "documents.set-title", "(ss)",
                              kts_item_get_guid (KTS_ITEM (second)), "Interview with Anna");
  g_assert_cmpstr (kts_document_get_title (second), ==, "Interview with Anna");

  gtk_widget_activate_action (GTK_WIDGET (list), "documents.move-up", "s",
                              kts_item_get_guid (KTS_ITEM (second)));
  first = g_list_model_get_item (documents, 0);
  g_assert_true (first == second);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_clear_object (&first);
  first = g_list_model_get_item (documents, 0);
  g_assert_true (first == f->document);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpstr (kts_document_get_title (second), !=, "Interview with Anna");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
}

static void
test_close_asks (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *question;
  GtkWidget        *window = GTK_WIDGET (f->window);
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *dir = kts_recovery_get_default_dir ();
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;

  apply (f, "[long silence]", f->silence);

  /* Autosave writes a recovery copy into the project's slot. */
  g_assert_true (kts_window_autosave_now (f->window, &error));
  g_assert_no_error (error);
  id = kts_window_dup_recovery_id (f->window);
  entries = kts_recovery_list (dir, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (kts_recovery_entry_get_id (g_ptr_array_index (entries, 0)), ==, id);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Closing with unsaved changes asks; Cancel keeps the window. */
  gtk_window_close (GTK_WINDOW (window));
  question = kts_test_find_message_dialog (G_TYPE_INVALID);
  g_assert_nonnull (question);
  g_assert_true (gtk_widget_get_visible (window));
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_true (kts_window_get_project (f->window) == f->project);

  /* Discard closes and removes the recovery copy. */
  gtk_window_close (GTK_WINDOW (window));
  question = kts_test_find_message_dialog (G_TYPE_INVALID);
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_null (kts_window_get_project (f->window));
  entries = kts_recovery_list (dir, &error);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_recovered_is_unsaved (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsProject) project = kts_project_new ();

  kts_project_set_title (project, "Recovered study");
  kts_project_mark_clean (project);
  kts_window_set_project (f->window, project, TRUE);
  g_assert_true (kts_window_has_unsaved_changes (f->window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "• "));
  g_assert_false (kts_window_is_pristine (f->window));
  kts_window_set_project (f->window, f->project, FALSE);
}

int
main (int argc, char **argv)
{
  int status;

  tmp_dir = kts_test_widget_init (&argc, &argv, "kts-test-window-XXXXXX");

#define ADD(path, func)                                                                            \
  g_test_add ("/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("apply-undo-redo", test_apply_undo_redo);
  ADD ("shortcut-and-actor", test_shortcut_and_actor);
  ADD ("coder", test_coder);
  ADD ("coder-switcher", test_coder_switcher);
  ADD ("practice-rules", test_practice_rules);
  ADD ("quick-code-rank", test_quick_code_rank);
  ADD ("next-previous", test_next_previous);
  ADD ("save-reload", test_save_reload);
  ADD ("save-fails", test_save_fails);
  ADD ("codebook-editing", test_codebook_editing);
  ADD ("documents", test_documents);
  ADD ("close-asks", test_close_asks);
  ADD ("recovered-is-unsaved", test_recovered_is_unsaved);
#undef ADD

  status = g_test_run ();
  g_free (tmp_dir);
  return status;
}
