/* test-map-view.c: the Process map view in the window: episodes, inspector, Add to Map, posters,
 * printing. SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "kts-core.h"
#include "kts-episode-dialog.h"
#include "kts-map-canvas-private.h"
#include "kts-map-print.h"
#include "kts-map-view.h"
#include "kts-move-inspector.h"
#include "kts-poster-dialog.h"
#include "kts-window.h"
#include "kts-widget-test-util.h"

#define CURATED "Session 7: the role-play"
#define DRAFTED "Session 7: drafted from all codings"

typedef struct
{
  KtsWindow   *window;
  KtsProject  *project;
  KtsDocument *document;
  KtsMapView  *view;
  KtsEpisode  *curated;
  char        *dir;
} Fixture;

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

static gboolean
message_dialog_shown (gpointer data)
{
  return kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG) != NULL;
}

static KtsMove *
move_by_ident (KtsEpisode *episode, const char *ident)
{
  GListModel *moves = kts_episode_get_moves (episode);

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      if (g_strcmp0 (kts_move_get_ident (move), ident) == 0)
        return move;
    }
  g_assert_not_reached ();
}

static guint
n_moves (KtsEpisode *episode)
{
  return g_list_model_get_n_items (kts_episode_get_moves (episode));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path
      = g_build_filename (g_getenv ("KTS_SOURCE_DIR"), "data", "sample", "sample.kintsugi", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  f->project = kts_project_load (file, NULL, &error);
  g_assert_no_error (error);
  /* Not its file: nothing here may touch the sample. */
  kts_project_set_file (f->project, NULL);
  f->document = kts_project_find_document (f->project, "Session 7");
  f->curated = kts_project_find_episode (f->project, CURATED);
  g_assert_nonnull (f->document);
  g_assert_nonnull (f->curated);
  f->dir = g_dir_make_tmp ("kts-map-view-XXXXXX", &error);
  g_assert_no_error (error);

  f->window = kts_window_new (NULL);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  kts_window_set_project (f->window, f->project, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view = kts_window_get_map_view (f->window);
  kts_window_show_view (f->window, "map");
  kts_test_spin (50);
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog;
  GListModel       *toplevels = gtk_window_get_toplevels ();

  kts_window_set_project (f->window, NULL, FALSE);
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (KTS_IS_POSTER_DIALOG (w) || KTS_IS_EPISODE_DIALOG (w))
        gtk_window_destroy (w);
    }
  while ((dialog = kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  kts_test_spin (50);
  g_object_unref (f->window);
  g_object_unref (f->project);
  remove_dir (f->dir);
  g_free (f->dir);
}

/* ---- episodes ------------------------------------------------------------------- */

static void
test_episodes (Fixture *f, gconstpointer data)
{
  KtsMapCanvas *canvas = kts_map_view_get_canvas (f->view);
  GtkDropDown  *dropdown;
  KtsEpisode   *drafted = kts_project_find_episode (f->project, DRAFTED);
  KtsEpisode   *made;
  GtkWidget    *dialog;
  guint         first, last;

  /* The first episode is shown; the picker lists both. */
  g_assert_true (kts_map_view_get_episode (f->view) == f->curated);
  g_assert_true (kts_map_canvas_get_episode (canvas) == f->curated);
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "map");
  dropdown = GTK_DROP_DOWN (kts_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  /* Picking the second shows it in the canvas and the inspector. */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_true (kts_map_view_get_episode (f->view) == drafted);
  g_assert_true (kts_map_canvas_get_episode (canvas) == drafted);
  g_assert_true (kts_move_inspector_get_episode (kts_map_view_get_inspector (f->view)) == drafted);

  /* Rename (through its dialog), then undo. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "mapview.rename-episode", NULL);
  spin_until (message_dialog_shown, NULL);
  {
    AdwMessageDialog *rename = kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG);
    GtkWidget        *entry = adw_message_dialog_get_extra_child (rename);

    gtk_editable_set_text (GTK_EDITABLE (entry), CURATED);
    g_assert_false (adw_message_dialog_get_response_enabled (rename, "rename"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Draft");
    g_assert_true (adw_message_dialog_get_response_enabled (rename, "rename"));
    adw_message_dialog_response (rename, "rename");
    gtk_window_destroy (GTK_WINDOW (rename));
  }
  g_assert_cmpstr (kts_episode_get_name (drafted), ==, "Draft");
  kts_project_undo (f->project);
  g_assert_cmpstr (kts_episode_get_name (drafted), ==, DRAFTED);
  kts_test_spin (50);

  /* Delete, and undo: the view follows. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "mapview.delete-episode", NULL);
  g_assert_null (kts_project_find_episode (f->project, DRAFTED));
  g_assert_true (kts_map_view_get_episode (f->view) == f->curated);
  kts_project_undo (f->project);
  g_assert_true (kts_project_find_episode (f->project, DRAFTED) == drafted);

  /* New Episode from a selection in the transcript: its turns. */
  {
    const KtsTurn *a = kts_document_get_turn (f->document, 69); /* turn 70 */
    const KtsTurn *b = kts_document_get_turn (f->document, 81); /* turn 82 */

    dialog = kts_episode_dialog_new (GTK_WINDOW (f->window), f->project, f->document, a->start + 3,
                                     b->start + 5);
    kts_episode_dialog_get_turns (KTS_EPISODE_DIALOG (dialog), &first, &last);
    g_assert_cmpuint (first, ==, 70);
    g_assert_cmpuint (last, ==, 82);
    kts_episode_dialog_set_name (KTS_EPISODE_DIALOG (dialog), "Protest");
    kts_episode_dialog_set_build (KTS_EPISODE_DIALOG (dialog), FALSE);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
    made = kts_episode_dialog_get_episode (KTS_EPISODE_DIALOG (dialog));
    g_assert_nonnull (made);
    g_assert_cmpuint (kts_episode_get_start (made), ==, a->start);
    g_assert_cmpuint (kts_episode_get_end (made), ==, b->end);
    g_assert_cmpuint (n_moves (made), ==, 0);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* From the transcript's context menu: the selected turns, on the map page. */
  {
    const KtsTurn *a = kts_document_get_turn (f->document, 23);
    const KtsTurn *b = kts_document_get_turn (f->document, 29);
    GListModel    *toplevels = gtk_window_get_toplevels ();
    GtkWidget     *found = NULL;

    kts_window_show_view (f->window, "transcripts");
    kts_window_select_range (f->window, a->start, b->end);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-episode", NULL);
    g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "map");
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
        if (KTS_IS_EPISODE_DIALOG (w))
          found = GTK_WIDGET (w);
      }
    g_assert_nonnull (found);
    kts_episode_dialog_get_turns (KTS_EPISODE_DIALOG (found), &first, &last);
    g_assert_cmpuint (first, ==, 24);
    g_assert_cmpuint (last, ==, 30);
    gtk_window_destroy (GTK_WINDOW (found));
  }

  /* Shown, it has no moves: the empty state; Build From Codings drafts them. */
  kts_map_view_set_episode (f->view, made);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (canvas))
                  && gtk_widget_get_child_visible (GTK_WIDGET (canvas))
                  && gtk_widget_get_mapped (GTK_WIDGET (canvas)));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "mapview.build-from-codings", NULL);
  g_assert_cmpuint (n_moves (made), >, 5);
  kts_test_spin (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (canvas)));

  /* Building again asks first; "replace" replaces, in one undo step. */
  {
    guint before = n_moves (made);

    kts_project_set_string (f->project, move_by_ident (made, "e-01"), "label", "edited");
    gtk_widget_activate_action (GTK_WIDGET (f->view), "mapview.build-from-codings", NULL);
    spin_until (message_dialog_shown, NULL);
    g_assert_nonnull (strstr (
        adw_message_dialog_get_heading (kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG)),
        "Replace"));
    adw_message_dialog_response (kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG), "replace");
    gtk_window_destroy (GTK_WINDOW (kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG)));
    g_assert_cmpuint (n_moves (made), ==, before);
    g_assert_cmpstr (kts_move_get_label (move_by_ident (made, "e-01")), !=, "edited");
    kts_project_undo (f->project);
    g_assert_cmpstr (kts_move_get_label (move_by_ident (made, "e-01")), ==, "edited");
  }

  /* Undoing the episode's creation shows another one. */
  kts_project_undo (f->project);
  kts_project_undo (f->project);
  kts_project_undo (f->project);
  g_assert_null (kts_project_find_episode (f->project, "Protest"));
  g_assert_true (kts_map_view_get_episode (f->view) == f->curated);
}

/* ---- the inspector ------------------------------------------------------------------ */

static void
test_inspector (Fixture *f, gconstpointer data)
{
  KtsMapCanvas     *canvas = kts_map_view_get_canvas (f->view);
  KtsMoveInspector *inspector = kts_map_view_get_inspector (f->view);
  KtsMove          *m5 = move_by_ident (f->curated, "m5");
  KtsMove          *m7 = move_by_ident (f->curated, "m7");
  GtkWidget        *row;
  KtsEdge          *edge;

  kts_map_canvas_flush (canvas);
  kts_map_canvas_select_move (canvas, m5, FALSE);
  g_assert_cmpstr (kts_move_inspector_get_page (inspector), ==, "selection");

  /* The rows show the move. */
  row = kts_move_inspector_get_field (inspector, "label");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, kts_move_get_label (m5));
  row = kts_move_inspector_get_field (inspector, "phase");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1); /* rupture */

  /* A choice reaches the model at once, and undoes. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2); /* repair */
  g_assert_cmpint (kts_move_get_phase (m5), ==, KTS_PHASE_REPAIR);
  kts_project_undo (f->project);
  g_assert_cmpint (kts_move_get_phase (m5), ==, KTS_PHASE_RUPTURE);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* Text on apply. */
  row = kts_move_inspector_get_field (inspector, "label");
  gtk_editable_set_text (GTK_EDITABLE (row), "Goes silent, eyes on the window");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (kts_move_get_label (m5), ==, "Goes silent, eyes on the window");
  row = kts_move_inspector_get_field (inspector, "session-ref");
  gtk_editable_set_text (GTK_EDITABLE (row), "  ");
  g_signal_emit_by_name (row, "apply");
  g_assert_null (kts_move_get_session_ref (m5));
  kts_project_undo (f->project);
  kts_project_undo (f->project);
  g_assert_cmpstr (kts_move_get_label (m5), ==, "Falls silent and looks out of the window");
  g_assert_cmpstr (kts_move_get_session_ref (m5), ==, "S7 0:12");

  /* The quote: a later anchor's text, then back to the first's. */
  row = kts_move_inspector_get_field (inspector, "quote");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 3); /* the third anchor */
  {
    g_autofree char *text = kts_coding_dup_text (g_ptr_array_index (kts_move_get_anchors (m5), 2));
    g_assert_cmpstr (kts_move_get_quote (m5), ==, text);
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_null (kts_move_get_quote (m5));

  /* Third person: the role row shows. */
  row = kts_move_inspector_get_field (inspector, "third-role");
  g_assert_false (gtk_widget_get_visible (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kts_move_inspector_get_field (inspector, "actor")), 3);
  g_assert_cmpint (kts_move_get_actor (m5), ==, KTS_ACTOR_THIRD);
  g_assert_true (gtk_widget_get_visible (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "supervisor");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (kts_move_get_third_role (m5), ==, "supervisor");
  kts_project_undo (f->project);
  kts_project_undo (f->project);
  g_assert_cmpint (kts_move_get_actor (m5), ==, KTS_ACTOR_CLIENT);

  /* Two cards: a choice changes both, in one undo step. */
  kts_map_canvas_select_move (canvas, m7, TRUE);
  row = kts_move_inspector_get_field (inspector, "interpretation");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1); /* analyst */
  g_assert_cmpint (kts_move_get_interpretation (m5), ==, KTS_INTERPRETATION_ANALYST);
  g_assert_cmpint (kts_move_get_interpretation (m7), ==, KTS_INTERPRETATION_ANALYST);
  g_assert_false (gtk_widget_get_visible (kts_move_inspector_get_field (inspector, "label")));
  kts_project_undo (f->project);
  g_assert_cmpint (kts_move_get_interpretation (m5), ==, KTS_INTERPRETATION_PARTICIPANT);
  g_assert_cmpint (kts_move_get_interpretation (m7), ==, KTS_INTERPRETATION_PARTICIPANT);

  /* An edge. */
  edge = g_list_model_get_item (kts_episode_get_edges (f->curated), 0);
  kts_map_canvas_select_edge (canvas, edge);
  row = kts_move_inspector_get_field (inspector, "edge-type");
  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 4); /* repairs */
  g_assert_cmpint (kts_edge_get_edge_type (edge), ==, KTS_EDGE_REPAIRS);
  row = kts_move_inspector_get_field (inspector, "label");
  gtk_editable_set_text (GTK_EDITABLE (row), "after the laugh");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (kts_edge_get_label (edge), ==, "after the laugh");
  kts_project_undo (f->project);
  kts_project_undo (f->project);
  g_assert_cmpint (kts_edge_get_edge_type (edge), ==, KTS_EDGE_RESPONDS_TO);
  g_object_unref (edge);

  /* The episode and its case. */
  kts_move_inspector_set_page (inspector, "episode");
  row = kts_move_inspector_get_field (inspector, "case:therapist-pseudonym");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Dr. Mira Holm");
  row = kts_move_inspector_get_field (inspector, "resolution");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2); /* partial */
  g_assert_cmpint (kts_episode_get_resolution (f->curated), ==, KTS_RESOLUTION_PARTIAL);
  kts_project_undo (f->project);
  g_assert_cmpint (kts_episode_get_resolution (f->curated), ==, KTS_RESOLUTION_RESOLVED);

  /* An episode without a case: typing a pseudonym makes one, in one step. */
  {
    KtsEpisode *drafted = kts_project_find_episode (f->project, DRAFTED);
    guint       n_cases = g_list_model_get_n_items (kts_project_get_cases (f->project));

    kts_map_view_set_episode (f->view, drafted);
    g_assert_null (kts_episode_get_case (drafted));
    row = kts_move_inspector_get_field (inspector, "case:client-pseudonym");
    gtk_editable_set_text (GTK_EDITABLE (row), "Jonas");
    g_signal_emit_by_name (row, "apply");
    g_assert_nonnull (kts_episode_get_case (drafted));
    g_assert_cmpstr (kts_case_get_client_pseudonym (kts_episode_get_case (drafted)), ==, "Jonas");
    g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_cases (f->project)), ==,
                      n_cases + 1);
    kts_project_undo (f->project);
    g_assert_null (kts_episode_get_case (drafted));
    g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_cases (f->project)), ==, n_cases);
  }
}

/* ---- Add to Map, and back to the transcript ---------------------------------------------- */

static KtsCoding *
coding_in_turn (Fixture *f, guint turn, const char *key)
{
  const KtsTurn *t = kts_document_get_turn (f->document, turn - 1);
  GListModel    *codings = kts_document_get_codings (f->document);

  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      if (kts_coding_get_start (coding) >= t->start && kts_coding_get_end (coding) <= t->end
          && g_strcmp0 (kts_code_get_key (kts_coding_get_code (coding)), key) == 0)
        return coding;
    }
  g_assert_not_reached ();
}

static void
test_add_to_map (Fixture *f, gconstpointer data)
{
  KtsCoding *coding = coding_in_turn (f, 17, "KS.2b");
  guint      before = n_moves (f->curated);
  g_autoptr (KtsMove) added = NULL;
  g_autoptr (GPtrArray) selected = NULL;

  kts_window_show_view (f->window, "transcripts");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-to-map", "s",
                              kts_item_get_guid (KTS_ITEM (coding)));
  g_assert_cmpuint (n_moves (f->curated), ==, before + 1);
  /* In event order: turn 17 comes after m1 (turns 10–16). */
  added = g_list_model_get_item (kts_episode_get_moves (f->curated), 1);
  g_assert_cmpstr (kts_move_get_ident (added), ==, "m22");
  g_assert_cmpuint (kts_move_get_anchors (added)->len, ==, 1);
  g_assert_true (g_ptr_array_index (kts_move_get_anchors (added), 0) == coding);
  g_assert_cmpint (kts_move_get_actor (added), ==, KTS_ACTOR_THERAPIST);
  g_assert_cmpint (kts_move_get_phase (added), ==, KTS_PHASE_BEFORE);
  selected = kts_map_canvas_get_selected_moves (kts_map_view_get_canvas (f->view));
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_true (g_ptr_array_index (selected, 0) == added);

  /* The toast's Show goes to the map with the card selected. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-map-move", "s",
                              kts_item_get_guid (KTS_ITEM (added)));
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "map");

  kts_project_undo (f->project);
  g_assert_cmpuint (n_moves (f->curated), ==, before);

  /* With no episode at all, nothing is added and the project is unchanged. */
  while (g_list_model_get_n_items (kts_project_get_episodes (f->project)) > 0)
    {
      g_autoptr (KtsEpisode) e = g_list_model_get_item (kts_project_get_episodes (f->project), 0);
      kts_project_remove_episode (f->project, e);
    }
  g_assert_null (kts_map_view_get_episode (f->view));
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (kts_map_view_add_move_for_coding (f->view, coding, &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_reveal_coding (Fixture *f, gconstpointer data)
{
  KtsMapCanvas *canvas = kts_map_view_get_canvas (f->view);
  KtsMove      *m10 = move_by_ident (f->curated, "m10");
  KtsCoding    *anchor = g_ptr_array_index (kts_move_get_anchors (m10), 0);
  guint         start, end;

  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "map");
  /* A double-click on a card's anchor line. */
  g_signal_emit_by_name (canvas, "anchor-activated", anchor);
  g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "transcripts");
  g_assert_true (kts_window_get_document (f->window) == kts_coding_get_document (anchor));
  g_assert_true (kts_window_get_selection (f->window, &start, &end));
  g_assert_cmpuint (start, ==, kts_coding_get_start (anchor));
  g_assert_cmpuint (end, ==, kts_coding_get_end (anchor));

  /* An anchor row of the inspector does the same. */
  kts_window_show_view (f->window, "map");
  kts_window_select_range (f->window, 0, 0);
  {
    KtsMove   *m1 = move_by_ident (f->curated, "m1");
    KtsCoding *first = g_ptr_array_index (kts_move_get_anchors (m1), 0);

    g_signal_emit_by_name (kts_map_view_get_inspector (f->view), "coding-activated", first);
    g_assert_cmpstr (kts_window_get_visible_view (f->window), ==, "transcripts");
    g_assert_true (kts_window_get_selection (f->window, &start, &end));
    g_assert_cmpuint (start, ==, kts_coding_get_start (first));
  }
}

static void
test_add_selected_codings (Fixture *f, gconstpointer data)
{
  KtsMove       *m1 = move_by_ident (f->curated, "m1");
  guint          before = kts_move_get_anchors (m1)->len;
  const KtsTurn *t = kts_document_get_turn (f->document, 5); /* turn 6: SD.initiative */

  kts_map_canvas_flush (kts_map_view_get_canvas (f->view));
  kts_map_canvas_select_move (kts_map_view_get_canvas (f->view), m1, FALSE);
  kts_window_select_range (f->window, t->start, t->end);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "mapview.add-selected-codings", NULL);
  g_assert_cmpuint (kts_move_get_anchors (m1)->len, ==, before + 1);
  kts_project_undo (f->project);
  g_assert_cmpuint (kts_move_get_anchors (m1)->len, ==, before);
}

/* ---- posters --------------------------------------------------------------------------- */

static gboolean
preview_ready (gpointer data)
{
  KtsPosterDialog *dialog = data;
  return kts_poster_dialog_get_preview (dialog) != NULL && !kts_poster_dialog_get_busy (dialog);
}

static gboolean
not_busy (gpointer data)
{
  return !kts_poster_dialog_get_busy (data);
}

static void
exported_cb (KtsPosterDialog *dialog, GFile *file, gpointer data)
{
  *(gboolean *)data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *)data;
}

/* pdfinfo's "Page size:" and "Pages:" lines. */
static char *
pdfinfo (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  int         status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
test_poster_dialog (Fixture *f, gconstpointer data)
{
  GtkWidget       *dialog;
  g_autofree char *path = g_build_filename (f->dir, "poster.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *info = NULL;
  gboolean         exported = FALSE;
  GdkTexture      *first;

  dialog = kts_poster_dialog_new (GTK_WINDOW (f->window), f->curated, KTS_MAP_ARRANGEMENT_SURFACE,
                                  "test v1");
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (preview_ready, dialog);
  first = kts_poster_dialog_get_preview (KTS_POSTER_DIALOG (dialog));
  /* A1 landscape: the preview has its shape. */
  g_assert_cmpint (gdk_texture_get_width (first), >, gdk_texture_get_height (first));
  g_assert_nonnull (
      strstr (kts_poster_dialog_get_summary (KTS_POSTER_DIALOG (dialog)), "A1 landscape"));
  /* Card text at B.11's 14 pt or larger (the scale grows while the
   * sheets still hold the map). */
  {
    const char *at
        = strstr (kts_poster_dialog_get_summary (KTS_POSTER_DIALOG (dialog)), "card text ");

    g_assert_nonnull (at);
    g_assert_cmpfloat (g_ascii_strtod (at + strlen ("card text "), NULL), >=, 14);
  }

  /* A3 portrait: a new preview, taller than wide. */
  kts_poster_dialog_set_paper (KTS_POSTER_DIALOG (dialog), "A3", FALSE);
  g_assert_true (kts_poster_dialog_get_busy (KTS_POSTER_DIALOG (dialog)));
  spin_until (not_busy, dialog);
  g_assert_cmpint (
      gdk_texture_get_width (kts_poster_dialog_get_preview (KTS_POSTER_DIALOG (dialog))), <,
      gdk_texture_get_height (kts_poster_dialog_get_preview (KTS_POSTER_DIALOG (dialog))));

  /* Exported to a file of that page size. */
  kts_poster_dialog_set_date (KTS_POSTER_DIALOG (dialog), "2025-03-01");
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  kts_poster_dialog_export_to (KTS_POSTER_DIALOG (dialog), file);
  spin_until (flag_set, &exported);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  info = pdfinfo (path);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (info, "841.89 x 1190.55 pts (A3)"));
}

/* A widget of @type under @root whose "label" or "title" is @text. */
static GtkWidget *
find_labelled (GtkWidget *root, GType type, const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      GObjectClass    *klass = G_OBJECT_GET_CLASS (root);
      const char      *prop = g_object_class_find_property (klass, "label") != NULL   ? "label"
                              : g_object_class_find_property (klass, "title") != NULL ? "title"
                                                                                      : NULL;
      g_autofree char *value = NULL;

      if (prop != NULL)
        g_object_get (root, prop, &value, NULL);
      if (g_strcmp0 (value, text) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
view_layout (Fixture *f)
{
  char *layout = NULL;

  g_object_get (f->view, "layout", &layout, NULL);
  return layout;
}

static KtsPosterDialog *
find_poster_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (KTS_IS_POSTER_DIALOG (w))
        return KTS_POSTER_DIALOG (w);
    }
  return NULL;
}

/* Bracketing (brief B.3): while the theory layers are locked the view shows
 * the flowchart only, says why the process map is not offered, hides the
 * dimension in the inspector and prints flowcharts only; unlocking brings
 * back the layout the analyst chose. */
static void
test_flowchart_lock (Fixture *f, gconstpointer data)
{
  KtsMapCanvas *canvas = kts_map_view_get_canvas (f->view);
  GtkWidget    *surface = find_labelled (GTK_WIDGET (f->view), GTK_TYPE_TOGGLE_BUTTON, "Surface");
  GtkWidget    *dyad = find_labelled (GTK_WIDGET (f->view), GTK_TYPE_TOGGLE_BUTTON, "Dyad");
  GtkWidget *flowchart = find_labelled (GTK_WIDGET (f->view), GTK_TYPE_TOGGLE_BUTTON, "Flowchart");
  GtkWidget *dimension;
  g_autofree char *layout = NULL;

  g_assert_nonnull (surface);
  g_assert_nonnull (dyad);
  g_assert_nonnull (flowchart);
  layout = view_layout (f);
  g_assert_cmpstr (layout, ==, "surface");

  /* The third choice, open to all. */
  g_object_set (f->view, "layout", "flowchart", NULL);
  g_assert_cmpint (kts_map_canvas_get_arrangement (canvas), ==, KTS_MAP_ARRANGEMENT_FLOWCHART);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (flowchart)));
  g_object_set (f->view, "layout", "dyad", NULL);
  g_assert_cmpint (kts_map_canvas_get_arrangement (canvas), ==, KTS_MAP_ARRANGEMENT_DYAD);

  /* Locked: the flowchart, whatever was chosen. */
  kts_map_canvas_select_move (canvas, move_by_ident (f->curated, "m5"), FALSE);
  kts_project_set_boolean (f->project, f->project, "theory-locked", TRUE);
  kts_test_spin (50);
  g_free (layout);
  layout = view_layout (f);
  g_assert_cmpstr (layout, ==, "flowchart");
  g_assert_cmpint (kts_map_canvas_get_arrangement (canvas), ==, KTS_MAP_ARRANGEMENT_FLOWCHART);
  g_assert_false (gtk_widget_get_sensitive (surface));
  g_assert_false (gtk_widget_get_sensitive (dyad));
  g_assert_true (gtk_widget_get_sensitive (flowchart));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (surface), "Unlock them"));
  g_assert_cmpuint (kts_map_canvas_get_layout (canvas)->cards->len, ==, n_moves (f->curated));
  /* The selection survives the change of layout. */
  {
    g_autoptr (GPtrArray) selected = kts_map_canvas_get_selected_moves (canvas);
    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_true (g_ptr_array_index (selected, 0) == move_by_ident (f->curated, "m5"));
  }

  /* The inspector keeps the dimension (theory) out of sight. */
  dimension = find_labelled (GTK_WIDGET (kts_map_view_get_inspector (f->view)), ADW_TYPE_COMBO_ROW,
                             "Dimension");
  g_assert_nonnull (dimension);
  g_assert_false (gtk_widget_get_visible (dimension));

  /* Asking for the process map while locked changes nothing yet. */
  g_object_set (f->view, "layout", "surface", NULL);
  g_assert_cmpint (kts_map_canvas_get_arrangement (canvas), ==, KTS_MAP_ARRANGEMENT_FLOWCHART);

  /* Posters: the flowchart only. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "mapview.export-poster", NULL);
  kts_test_spin (50);
  {
    KtsPosterDialog *dialog = find_poster_dialog ();
    KtsPosterOptions options;

    g_assert_nonnull (dialog);
    kts_poster_dialog_get_options (dialog, &options, NULL);
    g_assert_cmpint (options.arrangement, ==, KTS_MAP_ARRANGEMENT_FLOWCHART);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Unlocked: the analyst's last choice, and the dimension again. */
  kts_project_set_boolean (f->project, f->project, "theory-locked", FALSE);
  kts_test_spin (50);
  g_assert_cmpint (kts_map_canvas_get_arrangement (canvas), ==, KTS_MAP_ARRANGEMENT_SURFACE);
  g_assert_true (gtk_widget_get_sensitive (surface));
  g_assert_true (gtk_widget_get_visible (dimension));
}

/* Brief B.13: several episodes of one case, and vignettes with no named case
 * (Toto's two), are all in the episode picker and each shows its map. */
static void
test_episodes_per_case (Fixture *f, gconstpointer data)
{
  KtsMapCanvas *canvas = kts_map_view_get_canvas (f->view);
  GtkDropDown  *dropdown
      = GTK_DROP_DOWN (kts_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN));
  g_autoptr (KtsCase) kase = g_object_new (KTS_TYPE_CASE, "label", "c", NULL);
  g_autoptr (GError) error = NULL;
  static const char *const names[] = { "c-1", "c-2", "Toto 1", "Toto 2" };
  guint                    first;

  g_assert_true (kts_project_add_case (f->project, kase, &error));
  g_assert_no_error (error);
  first = g_list_model_get_n_items (kts_project_get_episodes (f->project));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, names[i]);
      g_autoptr (KtsMove) t = g_object_new (KTS_TYPE_MOVE, "label", "Asks", "actor",
                                            KTS_ACTOR_THERAPIST, "phase", KTS_PHASE_RUPTURE, NULL);
      g_autoptr (KtsMove) c = g_object_new (KTS_TYPE_MOVE, "label", "Answers", "actor",
                                            KTS_ACTOR_CLIENT, "phase", KTS_PHASE_REPAIR, NULL);

      if (i < 2)
        g_object_set (episode, "case", kase, NULL);
      g_assert_true (kts_project_add_episode (f->project, episode, &error));
      g_assert_true (kts_project_add_move (f->project, episode, t, -1, &error));
      g_assert_true (kts_project_add_move (f->project, episode, c, -1, &error));
      g_assert_no_error (error);
    }
  kts_test_spin (50);

  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, first + 4);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      KtsEpisode *episode;

      gtk_drop_down_set_selected (dropdown, first + i);
      kts_test_spin (50);
      episode = kts_map_view_get_episode (f->view);
      g_assert_cmpstr (kts_episode_get_name (episode), ==, names[i]);
      g_assert_true (kts_map_canvas_get_episode (canvas) == episode);
      g_assert_true (i < 2 ? kts_episode_get_case (episode) == kase
                           : kts_episode_get_case (episode) == NULL);
      kts_map_canvas_flush (canvas);
      g_assert_cmpuint (kts_map_canvas_get_layout (canvas)->cards->len, ==, 2);
    }
}

static void
test_poster_identifiable (Fixture *f, gconstpointer data)
{
  GtkWidget       *dialog;
  g_autofree char *path = g_build_filename (f->dir, "identifiable.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *question;
  gboolean          exported = FALSE;

  kts_project_set_boolean (f->project, f->document, "pseudonymised", FALSE);
  dialog
      = kts_poster_dialog_new (GTK_WINDOW (f->window), f->curated, KTS_MAP_ARRANGEMENT_DYAD, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  kts_poster_dialog_set_paper (KTS_POSTER_DIALOG (dialog), "A4", TRUE);

  /* Asked first, naming the transcript; Cancel writes nothing. */
  kts_poster_dialog_export_to (KTS_POSTER_DIALOG (dialog), file);
  spin_until (message_dialog_shown, NULL);
  question = kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "“Session 7”"));
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  spin_until (not_busy, dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Export Anyway writes it. */
  kts_poster_dialog_export_to (KTS_POSTER_DIALOG (dialog), file);
  spin_until (message_dialog_shown, NULL);
  question = kts_test_find_message_dialog (KTS_TYPE_EPISODE_DIALOG);
  adw_message_dialog_response (question, "export");
  gtk_window_destroy (GTK_WINDOW (question));
  spin_until (flag_set, &exported);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* ---- printing ------------------------------------------------------------------------ */

static int
page_count (const char *info)
{
  const char *p = strstr (info, "Pages:");

  g_assert_nonnull (p);
  return atoi (p + strlen ("Pages:"));
}

static void
print_to (Fixture *f, KtsMapPrintMode mode, const char *path)
{
  g_autoptr (KtsMapPrint) print = kts_map_print_new (f->curated, KTS_MAP_ARRANGEMENT_SURFACE, NULL);
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr (GError) error = NULL;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (print), setup);
  kts_map_print_set_mode (print, mode);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (print), path);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (print),
                                            GTK_PRINT_OPERATION_ACTION_EXPORT,
                                            GTK_WINDOW (f->window), &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_print (Fixture *f, gconstpointer data)
{
  g_autofree char *fit = g_build_filename (f->dir, "fit.pdf", NULL);
  g_autofree char *one = g_build_filename (f->dir, "one.pdf", NULL);
  g_autofree char *tiled = g_build_filename (f->dir, "tiled.pdf", NULL);
  g_autofree char *info = NULL;
  KtsPosterOptions options;
  g_autoptr (KtsPoster) poster = NULL;

  print_to (f, KTS_MAP_PRINT_FIT_PAPER, fit);
  print_to (f, KTS_MAP_PRINT_ONE_PAGE, one);
  print_to (f, KTS_MAP_PRINT_TILE, tiled);

  info = pdfinfo (fit);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  /* The poster laid out for A4 landscape: as many pages as its sheets. */
  kts_poster_options_init (&options);
  options.paper_width = 297;
  options.paper_height = 210;
  poster = kts_poster_new (f->curated, &options);
  g_assert_cmpint (page_count (info), ==, (int)kts_poster_get_n_pages (poster));
  g_assert_cmpint (page_count (info), >, 1);
  {
    const char *size = strstr (info, "Page size:");
    double      w, h;

    g_assert_nonnull (size);
    g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", &w, &h), ==, 2);
    g_assert_cmpfloat_with_epsilon (w, 841.89, 1);
    g_assert_cmpfloat_with_epsilon (h, 595.28, 1);
  }
  g_clear_pointer (&info, g_free);

  info = pdfinfo (one);
  g_assert_cmpint (page_count (info), ==, 1);
  g_clear_pointer (&info, g_free);

  /* An A1 poster in A4 pieces. */
  info = pdfinfo (tiled);
  g_clear_pointer (&poster, kts_poster_free);
  options.paper_width = 841;
  options.paper_height = 594;
  options.tile_width = 210;
  options.tile_height = 297;
  poster = kts_poster_new (f->curated, &options);
  g_assert_cmpint (page_count (info), ==, (int)kts_poster_get_n_pages (poster));
  g_assert_cmpint (page_count (info), >, 4);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/map-view/episodes", test_episodes);
  ADD ("/map-view/inspector", test_inspector);
  ADD ("/map-view/add-to-map", test_add_to_map);
  ADD ("/map-view/reveal-coding", test_reveal_coding);
  ADD ("/map-view/add-selected-codings", test_add_selected_codings);
  ADD ("/map-view/poster-dialog", test_poster_dialog);
  ADD ("/map-view/poster-identifiable", test_poster_identifiable);
  ADD ("/map-view/print", test_print);
  ADD ("/map-view/flowchart-lock", test_flowchart_lock);
  ADD ("/map-view/episodes-per-case", test_episodes_per_case);
#undef ADD

  return g_test_run ();
}
