/* test-codebook-view.c: the Codebook view in the main window: search, code pages, cards,
 * crosswalk, ladders, editing with undo, versions, the bracketing lock and win.show-code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kts-code-detail.h"
#include "kts-codebook-panel.h"
#include "kts-codebook-view-private.h"
#include "kts-codebook-view.h"
#include "kts-core.h"
#include "kts-project-io.h"
#include "kts-quick-code-popover.h"
#include "kts-window.h"
#include "kts-widget-test-util.h"

#define TRANSCRIPT                                                                                 \
  "T: Shall we look at the plan for the week?\n"                                                   \
  "C: I don't need a plan from you. I'll sort it out my own way.\n"                                \
  "T: Okay. Can we talk about what just happened?\n"

static char *tmp_dir;

typedef struct
{
  KtsWindow       *window;
  KtsProject      *project;
  KtsCodebookView *view;
  KtsCode         *autonomy;
  KtsCode         *agency;
  KtsCode         *silence;
} Fixture;

/* ---- helpers ------------------------------------------------------------------------ */

static guint
count_with_class (GtkWidget *root, const char *css_class)
{
  guint n = gtk_widget_has_css_class (root, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_with_class (child, css_class);
  return n;
}

static GtkWidget *
find_with_class (GtkWidget *root, const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static KtsCode *
row_code (GListModel *model, guint i)
{
  g_autoptr (GObject) item = g_list_model_get_item (model, i);
  g_autoptr (GObject) code = NULL;

  if (GTK_IS_TREE_LIST_ROW (item))
    code = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));
  else
    code = g_object_ref (item);
  return KTS_CODE (code); /* the codebook keeps it alive */
}

static gboolean
model_has_code (GListModel *model, KtsCode *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (row_code (model, i) == code)
      return TRUE;
  return FALSE;
}

static KtsCode *
key (Fixture *f, const char *k)
{
  KtsCode *code = kts_codebook_lookup_key (kts_project_get_codebook (f->project), k);

  g_assert_nonnull (code);
  return code;
}

/* ---- fixture ---------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (TRANSCRIPT, strlen (TRANSCRIPT));
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = NULL;
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, "Reference");

  f->project = kts_project_new ();
  kts_project_set_title (f->project, "Codebook study");
  g_assert_cmpint (kts_project_load_codebook_preset (f->project, "default", &error), ==, 213);
  g_assert_no_error (error);
  f->autonomy = key (f, "SD.autonomy");
  f->agency = key (f, "SD.agency");
  f->silence = key (f, "RUP.W.silence");

  result = kts_import_transcript_bytes (bytes, "s1.txt", "Session 1", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (f->project, result->document, -1, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_add_coder (f->project, coder, &error));
  g_assert_nonnull (kts_project_apply_code (f->project, result->document, 45, 80, f->autonomy,
                                            coder, KTS_ACTOR_CLIENT, &error));
  g_assert_no_error (error);
  kts_project_clear_undo (f->project);
  kts_project_mark_clean (f->project);

  f->window = kts_window_new (NULL);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  kts_window_set_project (f->window, f->project, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view
      = KTS_CODEBOOK_VIEW (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_CODEBOOK_VIEW));
  g_assert_nonnull (f->view);
  g_assert_true (kts_codebook_view_get_project (f->view) == f->project);
  kts_test_spin (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog;

  kts_window_set_project (f->window, NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while ((dialog = kts_test_find_message_dialog (G_TYPE_INVALID)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  kts_test_spin (50);
  g_object_unref (f->window);
  g_object_unref (f->project);
}

/* ---- tests -------------------------------------------------------------------------------- */

/* The window shows its view switcher now that it has two views. */
static void
test_switcher (Fixture *f, gconstpointer data)
{
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (
      kts_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  AdwViewStack *stack = adw_view_switcher_title_get_stack (title);

  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (title));
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "codebook"));
  g_assert_cmpstr (adw_view_stack_page_get_icon_name (adw_view_stack_get_page (
                       stack, adw_view_stack_get_child_by_name (stack, "codebook"))),
                   ==, "accessories-dictionary-symbolic");
}

/* Types @text into the search and returns the tree it gives. The entry
 * reports a change after a pause (at once when emptied, as set_text does on
 * the way); the test does not wait for the pause. */
static GListModel *
search_for (Fixture *f, const char *text)
{
  GtkWidget *entry = _kts_codebook_view_get_search_entry (f->view);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
  return _kts_codebook_view_get_tree_model (f->view);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  GListModel *model = _kts_codebook_view_get_tree_model (f->view);
  GtkWidget  *stack;

  /* Unsearched, the tree shows the ten top-level codes. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_assert_false (model_has_code (model, f->autonomy));

  /* By name: the match and its parent, nothing else from its layer. */
  model = search_for (f, "autonomy");
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 10);
  g_assert_true (model_has_code (model, f->autonomy));
  g_assert_true (model_has_code (model, key (f, "SD")));
  g_assert_false (model_has_code (model, f->agency));
  g_assert_false (model_has_code (model, f->silence));

  /* By the words of a definition, in any case and order. */
  model = search_for (f, "INDEPENDENCE claiming");
  g_assert_true (model_has_code (model, f->autonomy));
  g_assert_false (model_has_code (model, f->agency));

  /* By key. */
  model = search_for (f, "rup.w.silence");
  g_assert_true (model_has_code (model, f->silence));
  g_assert_true (model_has_code (model, key (f, "RUP.W")));
  g_assert_false (model_has_code (model, f->autonomy));

  /* Nothing found says so. */
  model = search_for (f, "no such code anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  stack = gtk_widget_get_ancestor (
      gtk_widget_get_parent (find_with_class (GTK_WIDGET (f->view), "codebook-tree")),
      GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "no-results");

  model = search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
}

static void
test_select_shows_definition (Fixture *f, gconstpointer data)
{
  KtsCodeDetail      *detail = _kts_codebook_view_get_detail (f->view);
  GListModel         *model = _kts_codebook_view_get_tree_model (f->view);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (model);

  kts_codebook_view_show_code (f->view, f->autonomy);
  g_assert_cmpstr (kts_codebook_view_get_page (f->view), ==, "codes");
  g_assert_true (kts_codebook_view_get_selected_code (f->view) == f->autonomy);
  g_assert_true (kts_code_detail_get_code (detail) == f->autonomy);
  /* The tree opened its parent and selected the row. */
  g_assert_true (row_code (model, gtk_single_selection_get_selected (selection)) == f->autonomy);
  g_assert_true (has_label (GTK_WIDGET (detail), kts_code_get_definition (f->autonomy)));
  g_assert_true (has_label (GTK_WIDGET (detail), kts_code_get_example (f->autonomy)));
  g_assert_true (has_label (GTK_WIDGET (detail), "SD.autonomy"));
  g_assert_true (has_label (GTK_WIDGET (detail), "1 coding"));

  /* Choosing another row in the tree shows that code. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (row_code (model, i) == f->agency)
      gtk_single_selection_set_selected (selection, i);
  g_assert_true (kts_code_detail_get_code (detail) == f->agency);
  g_assert_true (has_label (GTK_WIDGET (detail), kts_code_get_definition (f->agency)));
}

static void
test_contrast_cards (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsCodebookGuide) guide = kts_codebook_guide_load_default (&error);
  g_autoptr (GPtrArray) cards = NULL;
  KtsCodeDetail *detail = _kts_codebook_view_get_detail (f->view);
  GtkWidget     *page;

  g_assert_no_error (error);
  cards = kts_codebook_guide_cards_for (guide, "SD.autonomy");
  g_assert_cmpuint (cards->len, >, 0);

  kts_codebook_view_show_code (f->view, f->autonomy);
  g_assert_cmpuint (count_with_class (GTK_WIDGET (detail), "contrast-card"), ==, cards->len);
  g_assert_true (has_label (GTK_WIDGET (detail), "Autonomy or agency?"));
  /* Its sides side by side, this code's side marked. */
  g_assert_cmpuint (count_with_class (GTK_WIDGET (detail), "contrast-side"), >=, 2);
  g_assert_cmpuint (count_with_class (GTK_WIDGET (detail), "current"), >=, 1);

  /* A side's chip leads to its code. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "codebook-view.show-code", "s",
                                             kts_item_get_guid (KTS_ITEM (f->agency))));
  g_assert_true (kts_code_detail_get_code (detail) == f->agency);

  /* The page of all cards has all fourteen. */
  _kts_codebook_view_update_pages (f->view);
  page = _kts_codebook_view_get_page_widget (f->view, "cards");
  g_assert_cmpuint (count_with_class (page, "contrast-card"), ==, guide->cards->len);
  g_assert_cmpuint (guide->cards->len, ==, 14);
}

static void
test_crosswalk_and_ladders (Fixture *f, gconstpointer data)
{
  GtkWidget *crosswalk = _kts_codebook_view_get_page_widget (f->view, "crosswalk");
  GtkWidget *ladders = _kts_codebook_view_get_page_widget (f->view, "ladders");

  _kts_codebook_view_update_pages (f->view);
  g_assert_cmpuint (count_with_class (crosswalk, "crosswalk-function"), ==, 14);
  g_assert_cmpuint (count_with_class (crosswalk, "within"), >=, 1);
  g_assert_true (has_label (crosswalk, "Notice and name the rupture"));

  /* Blatt's two lists: 13 and 14 rungs, each band named in words. */
  g_assert_cmpuint (count_with_class (ladders, "ladder-rung"), ==, 27);
  g_assert_cmpuint (count_with_class (ladders, "ladder-cut"), ==, 2);
  g_assert_true (has_label (ladders, "Less mature"));
  g_assert_true (has_label (ladders, "More mature"));

  /* A rung opens its code. */
  kts_codebook_view_set_page (f->view, "ladders");
  g_signal_emit_by_name (find_with_class (ladders, "ladder-rung"), "clicked");
  g_assert_cmpstr (kts_codebook_view_get_page (f->view), ==, "codes");
  g_assert_true (kts_codebook_view_get_selected_code (f->view) == key (f, "SD.isolation"));
}

static void
set_text (GtkWidget *editor, const char *text)
{
  if (GTK_IS_TEXT_VIEW (editor))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (editor), text);
}

static char *
get_text (GtkWidget *editor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_edit_undo (Fixture *f, gconstpointer data)
{
  KtsCodeDetail   *detail = _kts_codebook_view_get_detail (f->view);
  g_autofree char *original = g_strdup (kts_code_get_definition (f->autonomy));
  g_autofree char *shown = NULL;
  GtkWidget       *definition;
  GtkWidget       *name;
  GtkWidget       *code_key;
  GtkWidget       *dimension;

  kts_codebook_view_show_code (f->view, f->autonomy);
  g_assert_null (kts_code_detail_get_editor (detail, "definition"));
  kts_code_detail_set_editing (detail, TRUE);
  definition = kts_code_detail_get_editor (detail, "definition");
  g_assert_true (GTK_IS_TEXT_VIEW (definition));
  shown = get_text (definition);
  g_assert_cmpstr (shown, ==, original);

  /* Typing in one field is one undo step, however often it is applied. */
  set_text (definition, "Keeping the other out.");
  kts_code_detail_commit (detail);
  g_assert_cmpstr (kts_code_get_definition (f->autonomy), ==, "Keeping the other out.");
  set_text (definition, "Keeping the other out of a decision.");
  kts_code_detail_commit (detail);
  g_assert_cmpstr (kts_code_get_definition (f->autonomy), ==,
                   "Keeping the other out of a decision.");
  g_assert_cmpstr (kts_project_get_undo_label (f->project), ==, "Change definition of “Autonomy”");

  /* Ctrl+Z in the window undoes it, and the editor follows. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpstr (kts_code_get_definition (f->autonomy), ==, original);
  g_assert_false (kts_project_can_undo (f->project));
  g_clear_pointer (&shown, g_free);
  shown = get_text (definition);
  g_assert_cmpstr (shown, ==, original);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL);
  g_assert_cmpstr (kts_code_get_definition (f->autonomy), ==,
                   "Keeping the other out of a decision.");

  /* A name cannot be emptied, nor a key taken from another code. */
  name = kts_code_detail_get_editor (detail, "name");
  set_text (name, "");
  kts_code_detail_commit (detail);
  g_assert_cmpstr (kts_code_get_name (f->autonomy), ==, "Autonomy");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  set_text (name, "Autonomy (keep out)");
  kts_code_detail_commit (detail);
  g_assert_cmpstr (kts_code_get_name (f->autonomy), ==, "Autonomy (keep out)");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  code_key = kts_code_detail_get_editor (detail, "key");
  set_text (code_key, "SD.agency");
  kts_code_detail_commit (detail);
  g_assert_cmpstr (kts_code_get_key (f->autonomy), ==, "SD.autonomy");

  /* Lists apply at once. */
  dimension = kts_code_detail_get_editor (detail, "dimension");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dimension), KTS_DIMENSION_RELATEDNESS);
  g_assert_cmpint (kts_code_get_dimension (f->autonomy), ==, KTS_DIMENSION_RELATEDNESS);
  kts_project_undo (f->project);
  g_assert_cmpint (kts_code_get_dimension (f->autonomy), ==, KTS_DIMENSION_SELF_DEFINITION);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (dimension)), ==,
                    KTS_DIMENSION_SELF_DEFINITION);

  /* The basis is chosen from its three words. */
  {
    GtkWidget *basis = kts_code_detail_get_editor (detail, "basis");

    g_assert_true (ADW_IS_COMBO_ROW (basis));
    g_assert_cmpstr (kts_code_get_basis (f->autonomy), ==, "label-only");
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (basis)), ==, 3);
    adw_combo_row_set_selected (ADW_COMBO_ROW (basis), 1);
    g_assert_cmpstr (kts_code_get_basis (f->autonomy), ==, "source-defined");
  }

  /* Done: back to reading, with the new text. */
  kts_code_detail_set_editing (detail, FALSE);
  g_assert_null (kts_code_detail_get_editor (detail, "definition"));
  kts_test_spin (50);
  g_assert_true (has_label (GTK_WIDGET (detail), "Keeping the other out of a decision."));
}

static void
test_record_version (Fixture *f, gconstpointer data)
{
  KtsCodebook      *book = kts_project_get_codebook (f->project);
  AdwMessageDialog *dialog;
  GtkTextView      *text;
  const GPtrArray  *changelog;
  GtkWidget        *versions = _kts_codebook_view_get_page_widget (f->view, "versions");

  g_assert_cmpint (kts_codebook_get_version (book), ==, 1);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->view), "codebook-view.record-version", NULL));
  dialog = kts_test_find_message_dialog (G_TYPE_INVALID);
  g_assert_nonnull (dialog);
  text = GTK_TEXT_VIEW (
      kts_test_find_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text),
                            "Autonomy: clearer exclusion of agency.", -1);
  adw_message_dialog_response (dialog, "record");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpint (kts_codebook_get_version (book), ==, 2);
  changelog = kts_codebook_get_changelog (book);
  g_assert_cmpuint (changelog->len, ==, 1);
  g_assert_cmpint (((KtsChangelogEntry *)g_ptr_array_index ((GPtrArray *)changelog, 0))->version,
                   ==, 2);
  g_assert_cmpstr (((KtsChangelogEntry *)g_ptr_array_index ((GPtrArray *)changelog, 0))->text, ==,
                   "Autonomy: clearer exclusion of agency.");

  /* The view shows it: the header, and the changelog on the Versions page. */
  g_assert_cmpstr (kts_codebook_view_get_page (f->view), ==, "versions");
  kts_test_spin (50);
  g_assert_true (has_label (GTK_WIDGET (f->view), "Version 2 · 213 codes"));
  g_assert_cmpuint (count_with_class (versions, "changelog-entry"), ==, 1);
  g_assert_true (has_label (versions, "Autonomy: clearer exclusion of agency."));

  /* Undoable like everything else. */
  kts_project_undo (f->project);
  g_assert_cmpint (kts_codebook_get_version (book), ==, 1);
  kts_test_spin (50);
  g_assert_cmpuint (count_with_class (versions, "changelog-entry"), ==, 0);
}

static gboolean
panel_has_theory (KtsCodebookPanel *panel, gboolean *has_rup)
{
  GtkListView *list = GTK_LIST_VIEW (kts_test_find_widget (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW));
  GListModel  *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  gboolean     theory = FALSE;

  *has_rup = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      KtsCode *code = row_code (model, i);

      theory = theory || kts_code_is_theory_layer (code);
      *has_rup = *has_rup || g_strcmp0 (kts_code_get_key (code), "RUP.W.silence") == 0;
    }
  return theory;
}

static void
test_lock (Fixture *f, gconstpointer data)
{
  KtsCodebookPanel *panel
      = KTS_CODEBOOK_PANEL (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_CODEBOOK_PANEL));
  GtkWidget       *lock = kts_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_SWITCH);
  GtkWidget       *detail_stack;
  gboolean         has_rup;
  g_autofree char *path = g_build_filename (tmp_dir, "locked.kintsugi", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (GPtrArray) ranked = NULL;

  g_assert_true (panel_has_theory (panel, &has_rup));
  g_assert_true (has_rup);

  /* The switch in the view's header sets the project's lock, undoably. */
  gtk_switch_set_active (GTK_SWITCH (lock), TRUE);
  g_assert_true (kts_project_get_theory_locked (f->project));
  g_assert_cmpstr (kts_project_get_undo_label (f->project), ==, "Hide theory layers");

  /* The coding panel hides SD, REL and KS, and keeps the rest. */
  g_assert_false (panel_has_theory (panel, &has_rup));
  g_assert_true (has_rup);
  ranked = kts_quick_code_popover_rank (f->project, "auton");
  for (guint i = 0; i < ranked->len; i++)
    g_assert_false (kts_code_is_theory_layer (g_ptr_array_index (ranked, i)));

  /* So does this view: the tree, the ladders, and a theory code's page. */
  g_assert_false (model_has_code (_kts_codebook_view_get_tree_model (f->view), key (f, "SD")));
  g_assert_true (model_has_code (_kts_codebook_view_get_tree_model (f->view), key (f, "RUP")));
  kts_codebook_view_show_code (f->view, f->autonomy);
  detail_stack = gtk_widget_get_parent (GTK_WIDGET (_kts_codebook_view_get_detail (f->view)));
  detail_stack = gtk_widget_get_ancestor (detail_stack, GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (detail_stack)), ==, "locked");
  _kts_codebook_view_update_pages (f->view);
  g_assert_cmpuint (
      count_with_class (_kts_codebook_view_get_page_widget (f->view, "cards"), "contrast-card"), <,
      14);

  /* The setting is saved with the project. */
  g_assert_true (kts_project_save (f->project, file, NULL, &error));
  g_assert_no_error (error);
  loaded = kts_project_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_get_theory_locked (loaded));

  /* Undo brings the layers back, and the switch follows. */
  kts_project_undo (f->project);
  g_assert_false (kts_project_get_theory_locked (f->project));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (lock)));
  g_assert_true (panel_has_theory (panel, &has_rup));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (detail_stack)), ==, "code");
}

static void
test_show_code_action (Fixture *f, gconstpointer data)
{
  AdwViewStack *stack
      = ADW_VIEW_STACK (kts_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  GtkRoot   *root = GTK_ROOT (f->window);
  GtkWidget *focus;

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "transcripts");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-code", "s",
                                             kts_item_get_guid (KTS_ITEM (f->silence))));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "codebook");
  g_assert_true (kts_codebook_view_get_selected_code (f->view) == f->silence);
  g_assert_true (kts_code_detail_get_code (_kts_codebook_view_get_detail (f->view)) == f->silence);

  /* From another page of the view too. */
  kts_codebook_view_set_page (f->view, "crosswalk");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-code", "s",
                              kts_item_get_guid (KTS_ITEM (f->agency)));
  g_assert_cmpstr (kts_codebook_view_get_page (f->view), ==, "codes");
  g_assert_true (kts_codebook_view_get_selected_code (f->view) == f->agency);

  /* Ctrl+F (win.search) searches the codebook while it is shown. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  focus = gtk_root_get_focus (root);
  g_assert_nonnull (focus);
  g_assert_true (focus == _kts_codebook_view_get_search_entry (f->view)
                 || gtk_widget_is_ancestor (focus, _kts_codebook_view_get_search_entry (f->view)));
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The coding panel's "Show in Codebook" opens the selected code here. */
static void
test_show_in_codebook (Fixture *f, gconstpointer data)
{
  KtsCodebookPanel *panel
      = KTS_CODEBOOK_PANEL (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_CODEBOOK_PANEL));
  AdwViewStack *stack
      = ADW_VIEW_STACK (kts_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
  GtkWidget *button = find_button (GTK_WIDGET (panel), "Show in _Codebook");

  g_assert_nonnull (button);
  kts_codebook_panel_select_code (panel, f->silence);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "codebook");
  g_assert_true (kts_codebook_view_get_selected_code (f->view) == f->silence);
}

/* Loading a preset into an empty project from the view. */
static void
test_empty_codebook (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsProject) empty = kts_project_new ();

  kts_window_set_project (f->window, empty, FALSE);
  g_assert_true (kts_codebook_view_get_project (f->view) == empty);
  g_assert_true (has_label (GTK_WIDGET (f->view), "This Project Has No Codebook Yet"));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->view), "codebook-view.load-preset", "s", "blatt"));
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (empty)), ==, 29);
  g_assert_cmpuint (g_list_model_get_n_items (_kts_codebook_view_get_tree_model (f->view)), ==, 2);
  kts_window_set_project (f->window, f->project, FALSE);
}

int
main (int argc, char **argv)
{
  int status;

  tmp_dir = kts_test_widget_init (&argc, &argv, "kts-test-codebook-view-XXXXXX");

#define ADD(path, func)                                                                            \
  g_test_add ("/codebook-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("switcher", test_switcher);
  ADD ("search", test_search);
  ADD ("select-shows-definition", test_select_shows_definition);
  ADD ("contrast-cards", test_contrast_cards);
  ADD ("crosswalk-and-ladders", test_crosswalk_and_ladders);
  ADD ("edit-undo", test_edit_undo);
  ADD ("record-version", test_record_version);
  ADD ("lock", test_lock);
  ADD ("show-code-action", test_show_code_action);
  ADD ("show-in-codebook", test_show_in_codebook);
  ADD ("empty-codebook", test_empty_codebook);
#undef ADD

  status = g_test_run ();
  g_free (tmp_dir);
  return status;
}
