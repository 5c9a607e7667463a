/* test-practice-view.c: the Practice view in the window: sets made, coded, submitted,
 * compared and removed, and the reference hidden elsewhere while a set is open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kts-analysis-view.h"
#include "kts-codebook-panel.h"
#include "kts-codebook-view.h"
#include "kts-core.h"
#include "kts-document-row.h"
#include "kts-practice-compare-view.h"
#include "kts-practice-dialog.h"
#include "kts-practice-view.h"
#include "kts-segment-list.h"
#include "kts-segment-row.h"
#include "kts-window.h"
#include "kts-widget-test-util.h"

/* The example of tests/test-practice.c: against the student's coding below it
 * gives a hit, a partial, two wrong codes, a miss and an extra. */
static const char mini_transcript[]
    = "T: Last week we agreed on the diary. How did it go?\n"
      "C: [long pause] Fine. I did not really get to it.\n"
      "T: Half a diary is not much to work with, is it.\n"
      "C: Whatever you say. You are the expert.\n"
      "T: I think I sounded critical just now, and I am sorry for that.\n"
      "C: It did sting a bit. I felt like a pupil again.\n";

static const char mini_reference[] = "turn\tspan\tcode\n"
                                     "2\t[long pause] Fine.\tRUP.W.minimal_response\n"
                                     "3\tHalf a diary is not much to work with, is it.\t"
                                     "RUP.T.dismissive_remark\n"
                                     "4\tWhatever you say.\tREL.submission\n"
                                     "4\tYou are the expert.\tRUP.W.appeasing\n"
                                     "5\tI am sorry for that.\tMC.3_accept_responsibility\n";

static char *tmp_dir;

typedef struct
{
  KtsWindow       *window;
  KtsProject      *project;
  KtsPracticeView *view;
} Fixture;

/* A mapped button whose label starts with @prefix. */
static GtkWidget *
find_button (GtkWidget *root, const char *prefix)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root))
    {
      GtkWidget  *child = gtk_button_get_child (GTK_BUTTON (root));
      const char *label = gtk_button_get_label (GTK_BUTTON (root));

      if (label == NULL && GTK_IS_LABEL (child))
        label = gtk_label_get_text (GTK_LABEL (child));
      if (label != NULL && g_str_has_prefix (label, prefix))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static KtsProject *
new_project (void)
{
  g_autoptr (GError) error = NULL;
  KtsProject *project = kts_project_new ();

  g_assert_cmpint (kts_project_load_codebook_preset (project, "default", &error), >, 0);
  g_assert_no_error (error);
  kts_project_clear_undo (project);
  kts_project_mark_clean (project);
  return project;
}

static KtsPracticeSet *
import_mini_titled (KtsProject *project, const char *title)
{
  g_autoptr (GBytes) transcript = g_bytes_new_static (mini_transcript, strlen (mini_transcript));
  g_autoptr (GBytes) reference = g_bytes_new_static (mini_reference, strlen (mini_reference));
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) layers = kts_practice_parse_layers ("RUP,SD,REL,MC", &error);
  KtsPracticeImportOptions options = { 0 };
  KtsPracticeSet          *set;

  g_assert_no_error (error);
  options.document_title = title;
  options.layers = (const char *const *)layers;
  options.student_name = "Ann";
  set = kts_practice_set_import (project, transcript, "mini.txt", reference, "mini.tsv", &options,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static KtsPracticeSet *
import_mini (KtsProject *project)
{
  return import_mini_titled (project, "Mini");
}

static void
code_text (
    KtsProject *project, KtsDocument *document, KtsCoder *coder, const char *text, const char *key)
{
  const char *all = kts_document_get_text (document);
  const char *at = strstr (all, text);
  KtsCode    *code = kts_codebook_lookup_key (kts_project_get_codebook (project), key);
  guint       start;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (at);
  g_assert_nonnull (code);
  start = (guint)g_utf8_pointer_to_offset (all, at);
  g_assert_nonnull (kts_project_apply_code (project, document, start,
                                            start + (guint)g_utf8_strlen (text, -1), code, coder,
                                            KTS_ACTOR_UNSET, &error));
  g_assert_no_error (error);
}

static void
student_codes (KtsProject *project, KtsPracticeSet *set)
{
  KtsDocument *document = kts_practice_set_get_document (set);
  KtsCoder    *student = kts_practice_set_get_student_coder (set);

  code_text (project, document, student, "[long pause] Fine.", "RUP.W.minimal_response");
  code_text (project, document, student, "Half a diary is not much to work with, is it.",
             "RUP.T.pushing_expertise");
  code_text (project, document, student, "Whatever you say.", "SD.control");
  code_text (project, document, student, "You are the expert.", "REL.affiliation");
  code_text (project, document, student, "I felt like a pupil again.", "REL.dependence");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->project = new_project ();
  kts_test_reset_settings ();
  f->window = kts_window_new (NULL);
  g_object_ref_sink (f->window);
  kts_window_set_project (f->window, f->project, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  kts_test_spin (60);
  f->view = kts_window_get_practice_view (f->window);
  g_assert_nonnull (f->view);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  kts_window_set_project (f->window, NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  kts_test_spin (60);
  g_object_unref (f->window);
  g_object_unref (f->project);
}

static void
show_practice (Fixture *f)
{
  kts_window_show_view (f->window, "practice");
  kts_test_spin (60);
}

/* ---- empty state --------------------------------------------------------------------------- */

static void
test_empty (Fixture *f, gconstpointer data)
{
  show_practice (f);
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "practice");
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "empty");
  g_assert_nonnull (find_button (GTK_WIDGET (f->view), "_New Practice Set"));
  g_assert_nonnull (find_button (GTK_WIDGET (f->view), "_Import Practice Set"));
  g_assert_null (kts_practice_view_get_selected_set (f->view));
  /* Nothing to submit or remove. */
  g_assert_null (kts_practice_view_submit (f->view));
  g_assert_null (kts_practice_view_remove (f->view));

  /* The view's shortcut goes through the window's action. */
  kts_window_show_view (f->window, "transcripts");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "practice");
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "practice");
}

/* ---- creating a set in the dialog, undo and redo ---------------------------------------- */

static void
test_create (Fixture *f, gconstpointer data)
{
  KtsPracticeSet *imported = import_mini (f->project);
  KtsDocument    *document = kts_practice_set_get_document (imported);
  KtsCoder       *reference = kts_practice_set_get_reference_coder (imported);
  GtkWidget      *dialog;
  KtsPracticeSet *set;
  g_auto (GStrv) labels = NULL;
  g_auto (GStrv) layers = NULL;

  /* A coded transcript without a set: the instructor's starting point. */
  kts_project_remove_practice_set (f->project, imported);
  kts_project_clear_undo (f->project);
  show_practice (f);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "empty");

  dialog = kts_practice_view_new_set (f->view);
  g_assert_true (KTS_IS_PRACTICE_DIALOG (dialog));
  g_assert_true (kts_practice_dialog_set_document (KTS_PRACTICE_DIALOG (dialog), document));
  labels = kts_practice_dialog_dup_reference_labels (KTS_PRACTICE_DIALOG (dialog));
  g_assert_cmpstrv (labels, ((const char *const[]){ "Reference (5 codings)", NULL }));
  g_assert_true (kts_practice_dialog_set_reference (KTS_PRACTICE_DIALOG (dialog), reference));
  /* The reference's layers, with SD beside REL. */
  layers = kts_practice_dialog_dup_layers (KTS_PRACTICE_DIALOG (dialog));
  g_assert_cmpstrv (layers, ((const char *const[]){ "MC", "REL", "RUP", "SD", NULL }));
  g_assert_true (kts_practice_dialog_set_layer_active (KTS_PRACTICE_DIALOG (dialog), "MC", FALSE));
  /* The student cannot be the reference. */
  kts_practice_dialog_set_student (KTS_PRACTICE_DIALOG (dialog), "Reference");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  kts_practice_dialog_set_student (KTS_PRACTICE_DIALOG (dialog), "Ben");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  kts_practice_dialog_set_pass_threshold (KTS_PRACTICE_DIALOG (dialog), 0.6);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  kts_test_spin (60);

  set = kts_practice_dialog_get_set (KTS_PRACTICE_DIALOG (dialog));
  g_assert_nonnull (set);
  g_assert_cmpstr (kts_practice_set_get_title (set), ==, "Practice: Mini");
  g_assert_cmpstr (kts_coder_get_name (kts_practice_set_get_student_coder (set)), ==, "Ben");
  g_assert_cmpstrv (kts_practice_set_get_layers (set),
                    ((const char *const[]){ "REL", "RUP", "SD", NULL }));
  g_assert_cmpfloat_with_epsilon (kts_practice_set_get_pass_threshold (set), 0.6, 1e-9);
  g_assert_true (kts_practice_view_get_selected_set (f->view) == set);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "open");

  /* One undo step, and back. */
  g_assert_true (kts_project_undo (f->project));
  kts_test_spin (60);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (f->project)), ==, 0);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "empty");
  g_assert_true (kts_project_redo (f->project));
  kts_test_spin (60);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (f->project)), ==, 1);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), !=, "empty");
  g_assert_cmpfloat_with_epsilon (kts_practice_set_get_pass_threshold (set), 0.6, 1e-9);
}

/* ---- the reference hidden outside the transcript; coding and submitting ---------------- */

static guint
segments_of (Fixture *f, KtsCoder *coder)
{
  KtsAnalysisView *analysis
      = KTS_ANALYSIS_VIEW (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_ANALYSIS_VIEW));
  KtsSegmentList *list
      = KTS_SEGMENT_LIST (kts_analysis_view_get_page_widget (analysis, "segments"));
  GListModel *model;
  guint       n = 0;

  kts_window_show_view (f->window, "analysis");
  kts_analysis_view_set_page (analysis, "segments");
  kts_test_spin (60);
  kts_segment_list_refresh (list);
  model = kts_segment_list_get_model (list);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsSegmentRow) row = g_list_model_get_item (model, i);
      n += kts_coding_get_coder (row->coding) == coder;
    }
  return n;
}

static void
test_hidden_and_submit (Fixture *f, gconstpointer data)
{
  KtsPracticeSet *set = import_mini (f->project);
  KtsCoder       *reference = kts_practice_set_get_reference_coder (set);
  KtsCoder       *student = kts_practice_set_get_student_coder (set);
  KtsCode        *minimal
      = kts_codebook_lookup_key (kts_project_get_codebook (f->project), "RUP.W.minimal_response");
  KtsCodebookPanel *panel = kts_window_get_codebook_panel (f->window);
  GtkWidget        *dialog;
  g_autoptr (GString) csv = NULL;

  kts_project_clear_undo (f->project);
  show_practice (f);
  g_assert_true (kts_practice_view_get_selected_set (f->view) == set);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "open");

  /* Submitting with nothing coded fails, and the set stays open. */
  dialog = kts_practice_view_submit (f->view);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  kts_test_spin (60);
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_OPEN);

  /* Code This Transcript: the student codes its transcript, in its layers. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "practice.code", NULL);
  kts_test_spin (60);
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "transcripts");
  g_assert_true (kts_window_get_document (f->window) == kts_practice_set_get_document (set));
  g_assert_true (kts_window_get_coder (f->window) == student);
  g_assert_true (kts_window_get_visible_coder (f->window) == student);
  g_assert_cmpstrv (kts_codebook_panel_get_layers (panel), kts_practice_set_get_layers (set));
  g_assert_nonnull (kts_codebook_panel_get_layers_note (panel));
  g_assert_nonnull (
      strstr (kts_codebook_panel_get_layers_note (panel), kts_practice_set_get_layers (set)[0]));
  student_codes (f->project, set);

  /* Outside the transcript view the reference does not exist. */
  g_assert_cmpuint (kts_project_count_visible_codings (f->project, minimal), ==, 1);
  g_assert_cmpuint (segments_of (f, reference), ==, 0);
  g_assert_cmpuint (segments_of (f, student), ==, 5);
  csv = kts_codings_export_csv (f->project, NULL, NULL);
  g_assert_null (strstr (csv->str, ",Reference,"));

  /* Submitting asks first; cancelling changes nothing. */
  show_practice (f);
  dialog = kts_practice_view_submit (f->view);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  kts_test_spin (60);
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_OPEN);
  dialog = kts_practice_view_submit (f->view);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "cannot be undone"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  kts_test_spin (60);
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_SUBMITTED);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "compare");
  g_assert_false (kts_project_can_undo (f->project));

  /* Now the reference shows, the student's codings are locked, and the
   * panel offers every layer again. */
  g_assert_cmpuint (segments_of (f, reference), ==, 5);
  g_assert_null (kts_codebook_panel_get_layers (panel));
  g_assert_null (kts_codebook_panel_get_layers_note (panel));
  {
    GListModel *codings = kts_document_get_codings (kts_practice_set_get_document (set));

    for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
      {
        g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
        g_autoptr (GError) error = NULL;

        if (kts_coding_get_coder (coding) != student)
          continue;
        g_assert_false (kts_project_try_remove_coding (f->project, coding, &error));
        g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
      }
  }
}

/* ---- the comparison ----------------------------------------------------------------------- */

static guint
count_outcome (KtsPracticeCompareView *compare, KtsPracticeOutcome outcome)
{
  KtsPracticeReport *report = kts_practice_compare_view_get_report (compare);
  g_autoptr (GArray) shown = kts_practice_compare_view_dup_shown_items (compare);
  guint n = 0;

  for (guint i = 0; i < shown->len; i++)
    {
      KtsPracticeItem *item = g_ptr_array_index (report->items, g_array_index (shown, guint, i));
      n += item->outcome == outcome;
    }
  return n;
}

static KtsPracticeSet *
submitted_set (Fixture *f)
{
  KtsPracticeSet *set = import_mini (f->project);
  g_autoptr (GError) error = NULL;

  student_codes (f->project, set);
  g_assert_true (kts_project_submit_practice_set (f->project, set, &error));
  g_assert_no_error (error);
  show_practice (f);
  kts_practice_view_select_set (f->view, set);
  kts_test_spin (60);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "compare");
  return set;
}

static void
test_compare (Fixture *f, gconstpointer data)
{
  KtsPracticeCompareView *compare = kts_practice_view_get_compare_view (f->view);
  KtsPracticeSet         *set = submitted_set (f);
  KtsPracticeReport      *report = kts_practice_compare_view_get_report (compare);
  KtsCode *control = kts_codebook_lookup_key (kts_project_get_codebook (f->project), "SD.control");
  g_autoptr (GArray) shown = NULL;

  g_assert_nonnull (report);
  g_assert_true (report->set == set);
  shown = kts_practice_compare_view_dup_shown_items (compare);
  g_assert_cmpuint (shown->len, ==, 6);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_HIT), ==, 1);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_PARTIAL), ==, 1);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_WRONG_CODE), ==, 2);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_MISS), ==, 1);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_EXTRA), ==, 1);
  g_assert_cmpuint (report->overall->hits, ==, 1);
  g_assert_cmpuint (report->overall->extras, ==, 1);

  /* The rails mark the outcomes with a symbol and a word. */
  g_assert_nonnull (find_button (GTK_WIDGET (compare), "✓ hit · RUP.W.minimal_response"));
  g_assert_nonnull (find_button (GTK_WIDGET (compare), "◐ partial · RUP.T.pushing_expertise"));
  g_assert_nonnull (find_button (GTK_WIDGET (compare), "✗ wrong code · SD.control"));
  g_assert_nonnull (find_button (GTK_WIDGET (compare), "○ miss · MC.3_accept_responsibility"));
  g_assert_nonnull (find_button (GTK_WIDGET (compare), "+ extra · REL.dependence"));

  /* Filters narrow the rails and the list alike. */
  kts_practice_compare_view_set_filter (compare, NULL, KTS_PRACTICE_FILTER_ALL, NULL,
                                        KTS_PRACTICE_OUTCOME_WRONG_CODE);
  kts_test_spin (60);
  g_clear_pointer (&shown, g_array_unref);
  shown = kts_practice_compare_view_dup_shown_items (compare);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_null (find_button (GTK_WIDGET (compare), "✓ hit"));
  kts_practice_compare_view_set_filter (compare, NULL, KTS_PRACTICE_FILTER_ALL, NULL,
                                        KTS_PRACTICE_FILTER_DISCREPANCIES);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_HIT), ==, 0);
  g_clear_pointer (&shown, g_array_unref);
  shown = kts_practice_compare_view_dup_shown_items (compare);
  g_assert_cmpuint (shown->len, ==, 5);
  kts_practice_compare_view_set_filter (compare, "MC", KTS_PRACTICE_FILTER_ALL, NULL,
                                        KTS_PRACTICE_FILTER_ALL);
  g_clear_pointer (&shown, g_array_unref);
  shown = kts_practice_compare_view_dup_shown_items (compare);
  g_assert_cmpuint (shown->len, ==, 1);
  kts_practice_compare_view_set_filter (compare, NULL, KTS_PRACTICE_FILTER_ALL, control,
                                        KTS_PRACTICE_FILTER_ALL);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_WRONG_CODE), ==, 1);
  g_clear_pointer (&shown, g_array_unref);
  shown = kts_practice_compare_view_dup_shown_items (compare);
  g_assert_cmpuint (shown->len, ==, 1);
  /* Speaker 1 is the client (turns 2, 4, 6): the partial in turn 3 goes. */
  kts_practice_compare_view_set_filter (compare, NULL, 1, NULL, KTS_PRACTICE_FILTER_ALL);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_PARTIAL), ==, 0);
  g_assert_cmpuint (count_outcome (compare, KTS_PRACTICE_OUTCOME_WRONG_CODE), ==, 2);

  /* The pass threshold: none, then reached (F1 0.20), then not yet. */
  g_assert_null (kts_practice_compare_view_get_pass_text (compare));
  kts_project_set_double (f->project, set, "pass-threshold", 0.2);
  kts_test_spin (60);
  compare = kts_practice_view_get_compare_view (f->view);
  g_assert_true (
      g_str_has_prefix (kts_practice_compare_view_get_pass_text (compare),
                        "✓ Passed — your F1 of 0.20 reaches this set’s pass mark of 0.20"));
  kts_project_set_double (f->project, set, "pass-threshold", 0.5);
  kts_test_spin (60);
  g_assert_true (g_str_has_prefix (kts_practice_compare_view_get_pass_text (compare),
                                   "Not yet — your F1 is 0.20 and this set passes at 0.50"));
  g_assert_true (kts_project_undo (f->project));
  kts_test_spin (60);
  g_assert_nonnull (strstr (kts_practice_compare_view_get_pass_text (compare), "Passed"));

  /* Selecting a span marks it. */
  kts_practice_compare_view_set_filter (compare, NULL, KTS_PRACTICE_FILTER_ALL, NULL,
                                        KTS_PRACTICE_FILTER_ALL);
  kts_practice_compare_view_select_item (compare, 2);
  kts_test_spin (60);
  g_assert_cmpint (kts_practice_compare_view_get_selected_item (compare), ==, 2);
}

static void
test_links (Fixture *f, gconstpointer data)
{
  KtsPracticeCompareView *compare = kts_practice_view_get_compare_view (f->view);
  KtsCodebookView        *codebook;
  GtkWidget              *definition;
  GtkWidget              *card;
  KtsCode                *wanted;

  submitted_set (f);
  codebook
      = KTS_CODEBOOK_VIEW (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_CODEBOOK_VIEW));

  /* Only the wrong codes: their rows carry both definitions and a card. */
  kts_practice_compare_view_set_filter (compare, NULL, KTS_PRACTICE_FILTER_ALL, NULL,
                                        KTS_PRACTICE_OUTCOME_WRONG_CODE);
  kts_test_spin (60);
  definition = find_button (GTK_WIDGET (compare), "Definition: Submission");
  g_assert_nonnull (definition);
  g_signal_emit_by_name (definition, "clicked");
  kts_test_spin (60);
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "codebook");
  g_assert_cmpstr (kts_codebook_view_get_page (codebook), ==, "codes");
  wanted = kts_codebook_lookup_key (kts_project_get_codebook (f->project), "REL.submission");
  g_assert_true (kts_codebook_view_get_selected_code (codebook) == wanted);

  show_practice (f);
  card = find_button (GTK_WIDGET (compare), "Card: ");
  g_assert_nonnull (card);
  g_signal_emit_by_name (card, "clicked");
  kts_test_spin (60);
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "codebook");
  g_assert_cmpstr (kts_codebook_view_get_page (codebook), ==, "cards");
}

/* ---- removing, and undo ---------------------------------------------------------------------- */

static void
test_remove (Fixture *f, gconstpointer data)
{
  KtsPracticeSet *set = submitted_set (f);
  GtkWidget      *dialog;

  dialog = kts_practice_view_remove (f->view);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  kts_test_spin (60);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (f->project)), ==, 1);

  dialog = kts_practice_view_remove (f->view);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  kts_test_spin (60);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (f->project)), ==, 0);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "empty");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  kts_test_spin (60);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (f->project)), ==, 1);
  kts_practice_view_select_set (f->view, set);
  kts_test_spin (60);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "compare");
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_SUBMITTED);
}

/* ---- import from the files of brief C.5 ------------------------------------------------------ */

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *transcript_path = g_build_filename (tmp_dir, "practice-transcript.txt", NULL);
  g_autofree char *reference_path = g_build_filename (tmp_dir, "practice-reference.tsv", NULL);
  g_autoptr (GFile) transcript = g_file_new_for_path (transcript_path);
  g_autoptr (GFile) reference = g_file_new_for_path (reference_path);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (transcript_path, mini_transcript, -1, &error));
  g_assert_true (g_file_set_contents (reference_path, mini_reference, -1, &error));
  show_practice (f);
  g_assert_true (kts_practice_view_import_files (f->view, transcript, reference, &error));
  g_assert_no_error (error);
  kts_test_spin (60);
  g_assert_nonnull (kts_practice_view_get_selected_set (f->view));
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "open");
}

/* ---- the trend across sets ----------------------------------------------------------- */

static void
test_trend (Fixture *f, gconstpointer data)
{
  KtsPracticeCompareView *compare = kts_practice_view_get_compare_view (f->view);
  KtsPracticeTrendView   *trend = kts_practice_compare_view_get_trend_view (compare);
  KtsPracticeSet         *first = submitted_set (f);
  KtsPracticeSet         *second, *open;
  g_autoptr (GError) error = NULL;
  const char *description;

  /* One submitted set: the note. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (trend)));
  g_assert_cmpuint (kts_practice_trend_view_get_n_points (trend), ==, 0);
  g_assert_cmpstr (kts_practice_trend_view_get_description (trend), ==,
                   "Submit more practice sets to see a trend.");

  /* A second set of Ann's, one hit only; an open one is left out. */
  second = import_mini_titled (f->project, "Mini 2");
  code_text (f->project, kts_practice_set_get_document (second),
             kts_practice_set_get_student_coder (second), "[long pause] Fine.",
             "RUP.W.minimal_response");
  g_assert_true (kts_project_submit_practice_set (f->project, second, &error));
  g_assert_no_error (error);
  open = import_mini_titled (f->project, "Mini 3");
  g_assert_nonnull (open);
  kts_practice_view_select_set (f->view, second);
  kts_test_spin (60);
  g_assert_cmpstr (kts_practice_view_get_page (f->view), ==, "compare");

  /* First: 1 hit of 5 each side (F1 0.20), lenient (1 + 0.5) / 5; second:
   * precision 1, recall 1/5 (F1 0.33), lenient 1/5. */
  g_assert_cmpuint (kts_practice_trend_view_get_n_points (trend), ==, 2);
  description = kts_practice_trend_view_get_description (trend);
  g_assert_true (g_str_has_prefix (description, "F1 0.20 → 0.33 over 2 sets; lenient 0.30 → 0.20. "
                                                "This set, F1 by layer: "));
  g_assert_nonnull (strstr (description, "RUP 0.50"));

  /* The first set's page shows the same trend, with the first set current. */
  kts_practice_view_select_set (f->view, first);
  kts_test_spin (60);
  g_assert_cmpuint (kts_practice_trend_view_get_n_points (trend), ==, 2);
  g_assert_true (
      g_str_has_prefix (kts_practice_trend_view_get_description (trend), "F1 0.20 → 0.33"));
}

int
main (int argc, char **argv)
{
  int status;

  tmp_dir = kts_test_widget_init (&argc, &argv, "kts-test-practice-view-XXXXXX");

#define ADD(path, func)                                                                            \
  g_test_add ("/practice-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("create", test_create);
  ADD ("hidden-and-submit", test_hidden_and_submit);
  ADD ("compare", test_compare);
  ADD ("links", test_links);
  ADD ("remove", test_remove);
  ADD ("import", test_import);
  ADD ("trend", test_trend);
#undef ADD

  status = g_test_run ();
  g_free (tmp_dir);
  return status;
}
