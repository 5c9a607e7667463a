/* test-analysis-view.c: the Analysis view: segments, frequencies, agreement and sequences
 * against the core's own figures.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "kts-agreement-panel.h"
#include "kts-agreement.h"
#include "kts-analysis-view.h"
#include "kts-core.h"
#include "kts-frequency-table.h"
#include "kts-segment-list.h"
#include "kts-segment-row.h"
#include "kts-sequence-matrix.h"
#include "kts-sequence-panel.h"
#include "kts-sequence.h"
#include "kts-window.h"
#include "kts-widget-test-util.h"

#define TRANSCRIPT                                                                                 \
  "T: Shall we start where we left off last week?\n"                                               \
  "C: I suppose. I don't really know what to say.\n"                                               \
  "T: Take your time. You decide what we look at today.\n"                                         \
  "C: [long silence] It's fine. Everything is fine.\n"                                             \
  "T: It sounds like something is not quite fine.\n"                                               \
  "C: You always push me. I want to decide this myself.\n"

static char *tmp_dir;

typedef struct
{
  KtsWindow       *window;
  KtsAnalysisView *view;
  KtsProject      *project;
  KtsDocument     *document;
  KtsCode         *withdrawal; /* a category */
  KtsCode         *silence;
  KtsCode         *minimal;
  KtsCode         *control;
  KtsCode         *dominance;
  KtsCoder        *reference;
  KtsCoder        *student;
  KtsEpisode      *episode;
  KtsCoding       *ref_silence;
  KtsCoding       *ref_suppose;
} Fixture;

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_menu_button_labelled (GtkWidget *root, const char *label)
{
  if (GTK_IS_MENU_BUTTON (root)
      && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button_labelled (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_toggle_labelled (GtkWidget *root, const char *label)
{
  if (GTK_IS_TOGGLE_BUTTON (root)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle_labelled (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static KtsCode *
add_code (KtsProject  *project,
          const char  *name,
          const char  *key,
          KtsCode     *parent,
          gboolean     codable,
          KtsDimension dimension)
{
  g_autoptr (KtsCode) code = kts_code_new (NULL, name);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "color", "#e69f00", "codable", codable, "dimension", dimension,
                NULL);
  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
  return code;
}

static KtsCoder *
add_coder (KtsProject *project, const char *name)
{
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, name);
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_project_add_coder (project, coder, &error));
  g_assert_no_error (error);
  return coder;
}

static void
range_of (const char *needle, guint *start, guint *end)
{
  const char *p = strstr (TRANSCRIPT, needle);

  g_assert_nonnull (p);
  *start = (guint)g_utf8_pointer_to_offset (TRANSCRIPT, p);
  *end = *start + (guint)g_utf8_strlen (needle, -1);
}

static KtsCoding *
code (Fixture *f, const char *needle, KtsCode *c, KtsCoder *coder, KtsActor actor)
{
  g_autoptr (GError) error = NULL;
  guint      start, end;
  KtsCoding *coding;

  range_of (needle, &start, &end);
  coding = kts_project_apply_code (f->project, f->document, start, end, c, coder, actor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (coding);
  return coding;
}

static KtsMove *
add_move (Fixture *f, KtsActor actor, KtsDimension dimension, KtsPhase phase, KtsCoding *anchor)
{
  g_autoptr (KtsMove) move = kts_move_new (NULL, "move");
  g_autoptr (GError) error = NULL;

  g_object_set (move, "actor", actor, "dimension", dimension, "phase", phase, NULL);
  g_assert_true (kts_project_add_move (f->project, f->episode, move, -1, &error));
  g_assert_no_error (error);
  if (anchor != NULL)
    {
      g_assert_true (kts_project_set_move_anchors (f->project, move, &anchor, 1, &error));
      g_assert_no_error (error);
    }
  return move;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (TRANSCRIPT, strlen (TRANSCRIPT));
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = NULL;
  KtsCode   *rupture, *self_definition;
  KtsCoding *ref_control;
  guint      start, end;

  f->project = kts_project_new ();
  rupture = add_code (f->project, "Rupture markers", "RUP", NULL, FALSE, KTS_DIMENSION_NONE);
  f->withdrawal = add_code (f->project, "Withdrawal", "RUP.W", rupture, FALSE, KTS_DIMENSION_NONE);
  f->silence
      = add_code (f->project, "Silence", "RUP.W.silence", f->withdrawal, TRUE, KTS_DIMENSION_NONE);
  f->minimal = add_code (f->project, "Minimal response", "RUP.W.minimal_response", f->withdrawal,
                         TRUE, KTS_DIMENSION_NONE);
  self_definition
      = add_code (f->project, "Self-definition", "SD", NULL, FALSE, KTS_DIMENSION_SELF_DEFINITION);
  f->control = add_code (f->project, "Control", "SD.control", self_definition, TRUE,
                         KTS_DIMENSION_SELF_DEFINITION);
  f->dominance = add_code (f->project, "Dominance", "SD.dominance", self_definition, TRUE,
                           KTS_DIMENSION_SELF_DEFINITION);

  result = kts_import_transcript_bytes (bytes, "s4.txt", "Session 4", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (f->project, result->document, -1, &error));
  g_assert_no_error (error);
  f->document = result->document;

  f->reference = add_coder (f->project, "Reference");
  f->student = add_coder (f->project, "Student");

  /* The reference's reading. */
  f->ref_suppose = code (f, "I suppose.", f->minimal, f->reference, KTS_ACTOR_CLIENT);
  f->ref_silence = code (f, "[long silence]", f->silence, f->reference, KTS_ACTOR_CLIENT);
  code (f, "It's fine. Everything is fine.", f->minimal, f->reference, KTS_ACTOR_CLIENT);
  ref_control = code (f, "You decide what we look at today.", f->control, f->reference,
                      KTS_ACTOR_THERAPIST);
  code (f, "I want to decide this myself.", f->control, f->reference, KTS_ACTOR_CLIENT);
  /* The student's: silence taken for a minimal response, control for dominance. */
  code (f, "I suppose.", f->minimal, f->student, KTS_ACTOR_CLIENT);
  code (f, "[long silence]", f->minimal, f->student, KTS_ACTOR_CLIENT);
  code (f, "You decide what we look at today.", f->dominance, f->student, KTS_ACTOR_THERAPIST);
  code (f, "I want to decide this myself.", f->control, f->student, KTS_ACTOR_CLIENT);

  /* An episode over the first four turns, with moves in three phases. */
  f->episode = kts_episode_new (NULL, "The diary");
  range_of ("It's fine. Everything is fine.", &start, &end);
  g_object_set (f->episode, "document", f->document, "start", 0, "end", end, NULL);
  g_assert_true (kts_project_add_episode (f->project, f->episode, &error));
  g_assert_no_error (error);
  g_object_unref (f->episode); /* the project keeps it */
  add_move (f, KTS_ACTOR_THERAPIST, KTS_DIMENSION_SELF_DEFINITION, KTS_PHASE_BEFORE, ref_control);
  add_move (f, KTS_ACTOR_CLIENT, KTS_DIMENSION_NONE, KTS_PHASE_RUPTURE, f->ref_suppose);
  add_move (f, KTS_ACTOR_CLIENT, KTS_DIMENSION_NONE, KTS_PHASE_RUPTURE, f->ref_silence);
  add_move (f, KTS_ACTOR_THERAPIST, KTS_DIMENSION_RELATEDNESS, KTS_PHASE_REPAIR, NULL);
  kts_project_clear_undo (f->project);
  kts_project_mark_clean (f->project);

  f->window = kts_window_new (NULL);
  g_object_ref_sink (f->window);
  kts_window_set_project (f->window, f->project, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  kts_test_spin (50);
  f->view
      = KTS_ANALYSIS_VIEW (kts_test_find_widget (GTK_WIDGET (f->window), KTS_TYPE_ANALYSIS_VIEW));
  g_assert_nonnull (f->view);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  kts_window_set_project (f->window, NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  kts_test_spin (50);
  g_object_unref (f->window);
  g_object_unref (f->project);
}

static AdwViewStack *
view_stack (Fixture *f)
{
  return ADW_VIEW_STACK (kts_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));
}

static void
show_page (Fixture *f, const char *page)
{
  adw_view_stack_set_visible_child_name (view_stack (f), "analysis");
  kts_analysis_view_set_page (f->view, page);
  kts_test_spin (50);
}

/* ---- coded segments ------------------------------------------------------------- */

static guint
count_matching (Fixture *f, gboolean (*match) (Fixture *, KtsCoding *))
{
  GListModel *codings = kts_document_get_codings (f->document);
  guint       n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
      n += match (f, coding);
    }
  return n;
}

static gboolean
is_client (Fixture *f, KtsCoding *coding)
{
  return kts_coding_get_actor (coding) == KTS_ACTOR_CLIENT;
}

static gboolean
in_episode (Fixture *f, KtsCoding *coding)
{
  return kts_coding_get_start (coding) >= kts_episode_get_start (f->episode)
         && kts_coding_get_end (coding) <= kts_episode_get_end (f->episode);
}

static gboolean
student_withdrawal (Fixture *f, KtsCoding *coding)
{
  return kts_coding_get_coder (coding) == f->student
         && kts_code_is_descendant_of (kts_coding_get_code (coding), f->withdrawal);
}

static void
test_segments_filter (Fixture *f, gconstpointer data)
{
  KtsSegmentList *list = KTS_SEGMENT_LIST (kts_analysis_view_get_page_widget (f->view, "segments"));
  GListModel     *model;
  guint           expected;

  show_page (f, "segments");
  model = kts_segment_list_get_model (list);
  g_assert_cmpstr (kts_segment_list_get_state (list), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, kts_project_get_n_codings (f->project));

  /* A category stands for its sub-codes. */
  kts_segment_list_set_filter (list, f->withdrawal, -1, NULL, NULL, NULL);
  expected = kts_project_count_codings (f->project, f->silence)
             + kts_project_count_codings (f->project, f->minimal);
  g_assert_cmpuint (expected, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
  kts_segment_list_set_filter (list, f->control, -1, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    kts_project_count_codings (f->project, f->control));

  kts_segment_list_set_filter (list, NULL, KTS_ACTOR_CLIENT, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_matching (f, is_client));

  kts_segment_list_set_filter (list, NULL, -1, NULL, NULL, f->student);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  kts_segment_list_set_filter (list, NULL, -1, NULL, f->episode, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_matching (f, in_episode));
  g_assert_cmpuint (g_list_model_get_n_items (model), <, kts_project_get_n_codings (f->project));

  /* Two filters at once, and every row passes them. */
  kts_segment_list_set_filter (list, f->withdrawal, -1, NULL, NULL, f->student);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_matching (f, student_withdrawal));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsSegmentRow) row = g_list_model_get_item (model, i);
      g_assert_true (student_withdrawal (f, kts_segment_row_get_coding (row)));
    }

  /* A filter nothing passes. */
  kts_segment_list_set_filter (list, f->silence, -1, NULL, NULL, f->student);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (kts_segment_list_get_state (list), ==, "no-match");

  /* The table follows the project while it is shown. */
  kts_segment_list_set_filter (list, NULL, -1, NULL, NULL, NULL);
  code (f, "Take your time.", f->control, f->student, KTS_ACTOR_THERAPIST);
  kts_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, kts_project_get_n_codings (f->project));
  kts_project_undo (f->project);
  kts_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, kts_project_get_n_codings (f->project));
}

static void
test_segments_sort (Fixture *f, gconstpointer data)
{
  KtsSegmentList *list = KTS_SEGMENT_LIST (kts_analysis_view_get_page_widget (f->view, "segments"));
  GtkColumnView  *view
      = GTK_COLUMN_VIEW (kts_test_find_widget (GTK_WIDGET (list), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *model;
  gboolean    sorted = FALSE;

  show_page (f, "segments");
  model = kts_segment_list_get_model (list);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if (g_str_equal (gtk_column_view_column_get_title (column), "Coder"))
        {
          gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
          sorted = TRUE;
        }
    }
  g_assert_true (sorted);
  /* Descending by coder name: the student's rows first. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsSegmentRow) row = g_list_model_get_item (model, i);
      g_assert_true (kts_coding_get_coder (kts_segment_row_get_coding (row))
                     == (i < 4 ? f->student : f->reference));
    }
}

static void
test_reveal_coding (Fixture *f, gconstpointer data)
{
  KtsSegmentList *list = KTS_SEGMENT_LIST (kts_analysis_view_get_page_widget (f->view, "segments"));
  GtkWidget      *column_view = kts_test_find_widget (GTK_WIDGET (list), GTK_TYPE_COLUMN_VIEW);
  g_autoptr (KtsSegmentRow) target = NULL;
  guint start, end;

  show_page (f, "segments");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "analysis");
  kts_segment_list_set_filter (list, f->silence, -1, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (kts_segment_list_get_model (list)), ==, 1);
  target = g_list_model_get_item (kts_segment_list_get_model (list), 0);
  g_assert_true (kts_segment_row_get_coding (target) == f->ref_silence);

  /* Enter or a double-click on the row. */
  g_signal_emit_by_name (column_view, "activate", 0);
  kts_test_spin (50);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "transcripts");
  g_assert_true (kts_window_get_document (f->window) == f->document);
  g_assert_true (kts_window_get_selection (f->window, &start, &end));
  g_assert_cmpuint (start, ==, kts_coding_get_start (f->ref_silence));
  g_assert_cmpuint (end, ==, kts_coding_get_end (f->ref_silence));

  /* The action on its own, with a coding of a hidden coder. */
  kts_window_set_visible_coder (f->window, f->student);
  show_page (f, "segments");
  gtk_widget_activate_action (GTK_WIDGET (list), "win.reveal-coding", "s",
                              kts_item_get_guid (KTS_ITEM (f->ref_suppose)));
  kts_test_spin (50);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "transcripts");
  g_assert_null (kts_window_get_visible_coder (f->window));
  g_assert_true (kts_window_get_selection (f->window, &start, &end));
  g_assert_cmpuint (start, ==, kts_coding_get_start (f->ref_suppose));
  g_assert_cmpuint (end, ==, kts_coding_get_end (f->ref_suppose));
}

static void
test_segments_export (Fixture *f, gconstpointer data)
{
  KtsSegmentList *list = KTS_SEGMENT_LIST (kts_analysis_view_get_page_widget (f->view, "segments"));
  g_autoptr (GString) csv = NULL;
  g_autoptr (GString) all = NULL;
  g_autoptr (GString) core = NULL;
  g_autoptr (KtsCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) header = NULL;
  char **record;
  int    key_column = -1, coder_column = -1;
  guint  n_rows = 0;

  /* No filter: exactly the core's export. */
  all = kts_segment_list_export_csv (list);
  core = kts_codings_export_csv (f->project, NULL, NULL);
  g_assert_cmpstr (all->str, ==, core->str);

  kts_segment_list_set_filter (list, f->withdrawal, -1, NULL, NULL, f->student);
  csv = kts_segment_list_export_csv (list);
  reader = kts_csv_reader_new (csv->str, csv->len);
  header = kts_csv_reader_next (reader, &error);
  g_assert_no_error (error);
  for (int i = 0; header[i] != NULL; i++)
    {
      if (g_str_equal (header[i], "code_key"))
        key_column = i;
      if (g_str_equal (header[i], "coder"))
        coder_column = i;
    }
  g_assert_cmpint (key_column, >=, 0);
  g_assert_cmpint (coder_column, >=, 0);
  while ((record = kts_csv_reader_next (reader, &error)) != NULL)
    {
      g_assert_true (g_str_has_prefix (record[key_column], "RUP.W."));
      g_assert_cmpstr (record[coder_column], ==, "Student");
      n_rows++;
      g_strfreev (record);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, g_list_model_get_n_items (kts_segment_list_get_model (list)));
  g_assert_cmpuint (n_rows, ==, count_matching (f, student_withdrawal));
}

/* ---- frequencies ---------------------------------------------------------------- */

static void
test_frequencies (Fixture *f, gconstpointer data)
{
  KtsFrequencyTable *table
      = KTS_FREQUENCY_TABLE (kts_analysis_view_get_page_widget (f->view, "frequencies"));
  GListModel *codes;

  show_page (f, "frequencies");
  g_assert_cmpstr (kts_frequency_table_get_state (table), ==, "table");
  codes = kts_frequency_table_get_codes (table);
  /* Codes with codings, in codebook order. */
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 4);
  {
    g_autoptr (KtsCode) first = g_list_model_get_item (codes, 0);
    g_assert_true (first == f->silence);
  }

  kts_frequency_table_set_mode (table, KTS_FREQUENCY_BY_ACTOR);
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->minimal, 1), ==, 4); /* client */
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->control, 0), ==, 1); /* therapist */
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->control, 1), ==, 2);
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->control, -1), ==, 3);

  /* Phases come from the moves the codings anchor. */
  kts_frequency_table_set_mode (table, KTS_FREQUENCY_BY_PHASE);
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->silence, 1), ==, 1); /* rupture */
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->minimal, 1), ==, 1);
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->minimal, 4), ==, 3); /* no phase */
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->control, 0), ==, 1); /* before */

  /* One coder only. */
  kts_frequency_table_set_scope (table, NULL, f->student);
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->minimal, -1), ==, 2);
  g_assert_cmpuint (kts_frequency_table_get_count (table, f->silence, -1), ==, 0);
}

/* ---- agreement -------------------------------------------------------------------- */

static void
assert_label (GtkWidget *root, const char *name, double value)
{
  GtkWidget       *label = find_named (root, name);
  g_autofree char *expected = kts_agreement_panel_format (value);

  g_assert_nonnull (label);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, expected);
}

static void
test_agreement (Fixture *f, gconstpointer data)
{
  KtsAgreementPanel *panel
      = KTS_AGREEMENT_PANEL (kts_analysis_view_get_page_widget (f->view, "agreement"));
  g_autoptr (GPtrArray) coders = g_ptr_array_new ();
  g_autoptr (KtsAgreementReport) expected = NULL;
  g_autoptr (KtsAgreementReport) rup = NULL;
  g_autoptr (GError) error = NULL;
  KtsAgreementOptions options;

  g_ptr_array_add (coders, f->reference);
  g_ptr_array_add (coders, f->student);
  kts_agreement_options_init (&options);
  expected = kts_agreement_compute (f->project, coders, &options, &error);
  g_assert_no_error (error);
  g_assert_false (isnan (expected->presence_all->kappa));

  show_page (f, "agreement");
  kts_agreement_panel_set_coders (panel, coders);
  g_assert_cmpstr (kts_agreement_panel_get_state (panel), ==, "results");
  g_assert_nonnull (kts_agreement_panel_get_report (panel));
  g_assert_cmpfloat (kts_agreement_panel_get_report (panel)->presence_all->kappa, ==,
                     expected->presence_all->kappa);
  assert_label (GTK_WIDGET (panel), "overall-kappa", expected->presence_all->kappa);
  assert_label (GTK_WIDGET (panel), "overall-pabak", expected->presence_all->pabak);
  assert_label (GTK_WIDGET (panel), "overall-alpha", expected->presence_all->alpha);
  assert_label (GTK_WIDGET (panel), "overall-f1", expected->span_all->f1);
  assert_label (GTK_WIDGET (panel), "overall-lenient", expected->span_all->lenient);

  /* Control taken for dominance: the confusion links to its contrast card. */
  g_assert_nonnull (find_menu_button_labelled (GTK_WIDGET (panel), "Contrast _Card"));

  /* One layer. */
  options.layer = "RUP";
  rup = kts_agreement_compute (f->project, coders, &options, &error);
  g_assert_no_error (error);
  kts_agreement_panel_set_layer (panel, "RUP");
  assert_label (GTK_WIDGET (panel), "overall-kappa", rup->presence_all->kappa);
  g_assert_cmpfloat (rup->presence_all->kappa, !=, expected->presence_all->kappa);
}

static guint
count_by (KtsProject *project, KtsCoder *coder)
{
  GListModel *documents = kts_project_get_documents (project);
  guint       n = 0;

  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      GListModel *codings = kts_document_get_codings (document);

      for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
          n += kts_coding_get_coder (coding) == coder;
        }
    }
  return n;
}

static void
test_merge (Fixture *f, gconstpointer data)
{
  KtsAgreementPanel *panel
      = KTS_AGREEMENT_PANEL (kts_analysis_view_get_page_widget (f->view, "agreement"));
  g_autoptr (KtsProject) other = kts_project_new ();
  g_autoptr (GBytes) bytes = g_bytes_new_static (TRANSCRIPT, strlen (TRANSCRIPT));
  g_autoptr (KtsImportResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "copy.kintsugi", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  KtsCode          *silence, *minimal;
  KtsCoder         *coder, *merged;
  AdwMessageDialog *dialog;
  gint64            deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint             before = kts_project_get_n_codings (f->project);

  /* A copy coded by someone who is also called "Reference". */
  silence = add_code (other, "Silence", "RUP.W.silence", NULL, TRUE, KTS_DIMENSION_NONE);
  minimal = add_code (other, "Minimal response", "RUP.W.minimal_response", NULL, TRUE,
                      KTS_DIMENSION_NONE);
  result = kts_import_transcript_bytes (bytes, "s4.txt", "Session 4", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (other, result->document, -1, &error));
  coder = add_coder (other, "Reference");
  g_assert_nonnull (kts_project_apply_code (other, result->document, 50, 60, silence, coder,
                                            KTS_ACTOR_CLIENT, &error));
  g_assert_nonnull (kts_project_apply_code (other, result->document, 70, 80, minimal, coder,
                                            KTS_ACTOR_CLIENT, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_save (other, file, NULL, &error));
  g_assert_no_error (error);

  show_page (f, "agreement");
  kts_agreement_panel_merge (panel, file);
  while ((dialog = kts_test_find_message_dialog (G_TYPE_INVALID)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Codings Merged");
  gtk_window_destroy (GTK_WINDOW (dialog));

  merged = kts_project_find_coder (f->project, "Reference (copy.kintsugi)");
  g_assert_nonnull (merged);
  g_assert_cmpuint (count_by (f->project, merged), ==, 2);
  g_assert_cmpuint (count_by (f->project, f->reference), ==, 5);
  g_assert_cmpuint (kts_project_get_n_codings (f->project), ==, before + 2);
  /* It is the coder compared with the reference now. */
  kts_test_spin (50);
  g_assert_cmpstr (kts_agreement_panel_get_state (panel), ==, "results");
  g_assert_true (kts_agreement_panel_get_report (panel)->coder_b == merged);

  /* One undo step takes all of it back. */
  g_assert_true (kts_project_undo (f->project));
  g_assert_null (kts_project_find_coder (f->project, "Reference (copy.kintsugi)"));
  g_assert_cmpuint (kts_project_get_n_codings (f->project), ==, before);
}

/* ---- sequences ------------------------------------------------------------------- */

static void
assert_same_transitions (const KtsTransitions *shown, const KtsTransitions *expected)
{
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_states, ==, expected->n_states);
  g_assert_cmpuint (shown->total, ==, expected->total);
  for (guint i = 0; i < expected->n_states; i++)
    g_assert_cmpstr (shown->labels[i], ==, expected->labels[i]);
  for (guint i = 0; i < expected->n_states * expected->n_states; i++)
    g_assert_cmpuint (shown->counts[i], ==, expected->counts[i]);
}

static void
test_sequences (Fixture *f, gconstpointer data)
{
  KtsSequencePanel *panel
      = KTS_SEQUENCE_PANEL (kts_analysis_view_get_page_widget (f->view, "sequences"));
  KtsSequenceMatrix *matrix = kts_sequence_panel_get_matrix (panel);
  g_autoptr (KtsTransitions) by_document = NULL;
  g_autoptr (KtsTransitions) by_lane = NULL;
  g_autoptr (KtsTransitions) by_student = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  int              i, j;

  show_page (f, "sequences");
  /* There is an episode: it comes first. */
  g_assert_cmpstr (kts_sequence_panel_get_state (panel), ==, "matrix");

  by_lane = kts_transitions_for_episode (f->episode, KTS_SEQUENCE_BY_LANE, &error);
  g_assert_no_error (error);
  kts_sequence_panel_show_episode (panel, f->episode, KTS_SEQUENCE_BY_LANE);
  assert_same_transitions (kts_sequence_matrix_get_transitions (matrix), by_lane);

  by_document = kts_transitions_for_document (f->document, NULL, NULL, &error);
  g_assert_no_error (error);
  kts_sequence_panel_show_document (panel, f->document, NULL, NULL);
  g_assert_cmpstr (kts_sequence_panel_get_state (panel), ==, "matrix");
  assert_same_transitions (kts_sequence_matrix_get_transitions (matrix), by_document);

  by_student = kts_transitions_for_document (f->document, f->student, "RUP", &error);
  g_assert_no_error (error);
  kts_sequence_panel_show_document (panel, f->document, f->student, "RUP");
  assert_same_transitions (kts_sequence_matrix_get_transitions (matrix), by_student);

  /* A cell in words: minimal response followed by itself. */
  i = kts_transitions_state_index (by_student, "RUP.W.minimal_response");
  g_assert_cmpint (i, >=, 0);
  j = i;
  description = kts_sequence_matrix_dup_cell_description (matrix, (guint)i, (guint)j);
  g_assert_nonnull (strstr (description, "n = 1 "));
  g_assert_nonnull (strstr (description, "Yule"));

  /* The arrow keys' cursor. */
  kts_sequence_matrix_set_cursor (matrix, 0);
  g_assert_cmpint (kts_sequence_matrix_get_cursor (matrix), ==, 0);
}

/* ---- empty states ------------------------------------------------------------------ */

static void
test_empty_states (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsProject) empty = kts_project_new ();
  g_autoptr (GBytes) bytes = g_bytes_new_static (TRANSCRIPT, strlen (TRANSCRIPT));
  g_autoptr (KtsImportResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KtsSegmentList    *segments;
  KtsFrequencyTable *frequencies;
  KtsAgreementPanel *agreement;
  KtsSequencePanel  *sequences;
  KtsCode           *silence;
  KtsCoder          *coder;
  GtkWidget         *episode_button;

  kts_window_set_project (f->window, empty, FALSE);
  segments = KTS_SEGMENT_LIST (kts_analysis_view_get_page_widget (f->view, "segments"));
  frequencies = KTS_FREQUENCY_TABLE (kts_analysis_view_get_page_widget (f->view, "frequencies"));
  agreement = KTS_AGREEMENT_PANEL (kts_analysis_view_get_page_widget (f->view, "agreement"));
  sequences = KTS_SEQUENCE_PANEL (kts_analysis_view_get_page_widget (f->view, "sequences"));

  show_page (f, "segments");
  g_assert_cmpstr (kts_segment_list_get_state (segments), ==, "empty");
  g_assert_cmpstr (kts_frequency_table_get_state (frequencies), ==, "empty");
  g_assert_cmpstr (kts_agreement_panel_get_state (agreement), ==, "one-coder");
  g_assert_cmpstr (kts_sequence_panel_get_state (sequences), ==, "nothing");

  /* One coder's codings: segments and frequencies, still no agreement. */
  silence = add_code (empty, "Silence", "RUP.W.silence", NULL, TRUE, KTS_DIMENSION_NONE);
  result = kts_import_transcript_bytes (bytes, "s4.txt", "Session 4", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (empty, result->document, -1, &error));
  coder = add_coder (empty, "Only");
  g_assert_nonnull (kts_project_apply_code (empty, result->document, 0, 5, silence, coder,
                                            KTS_ACTOR_CLIENT, &error));
  g_assert_no_error (error);
  kts_test_spin (50);
  g_assert_cmpstr (kts_segment_list_get_state (segments), ==, "list");
  g_assert_cmpstr (kts_frequency_table_get_state (frequencies), ==, "table");
  show_page (f, "agreement");
  g_assert_cmpstr (kts_agreement_panel_get_state (agreement), ==, "one-coder");

  /* Codings but no episode: the transcript's turns, and a way there. */
  show_page (f, "sequences");
  g_assert_cmpstr (kts_sequence_panel_get_state (sequences), !=, "nothing");
  episode_button = find_toggle_labelled (GTK_WIDGET (sequences), "_Episode");
  g_assert_nonnull (episode_button);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (episode_button), TRUE);
  g_assert_cmpstr (kts_sequence_panel_get_state (sequences), ==, "no-episodes");

  /* A second coder who coded nothing: nothing to compare, said why. */
  add_coder (empty, "Second");
  show_page (f, "agreement");
  g_assert_cmpstr (kts_agreement_panel_get_state (agreement), ==, "error");

  kts_window_set_project (f->window, f->project, FALSE);
}

int
main (int argc, char **argv)
{
  int status;

  tmp_dir = kts_test_widget_init (&argc, &argv, "kts-test-analysis-XXXXXX");

#define ADD(path, func)                                                                            \
  g_test_add ("/analysis/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("segments-filter", test_segments_filter);
  ADD ("segments-sort", test_segments_sort);
  ADD ("reveal-coding", test_reveal_coding);
  ADD ("segments-export", test_segments_export);
  ADD ("frequencies", test_frequencies);
  ADD ("agreement", test_agreement);
  ADD ("merge", test_merge);
  ADD ("sequences", test_sequences);
  ADD ("empty-states", test_empty_states);
#undef ADD

  status = g_test_run ();
  g_free (tmp_dir);
  return status;
}
