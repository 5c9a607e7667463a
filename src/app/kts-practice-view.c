/* kts-practice-view.c: the Practice view: practice sets, coding one, submitting, the comparison.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-practice-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-practice-compare.h"
#include "kts-practice-dialog.h"
#include "kts-practice-view.h"

struct _KtsPracticeView
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget              *stack;
  GtkWidget              *sets_list;
  GtkWidget              *detail_stack;
  GtkWidget              *open_title;
  GtkWidget              *document_row;
  GtkWidget              *layers_row;
  GtkWidget              *student_row;
  GtkWidget              *reference_row;
  GtkWidget              *instructions_label;
  GtkWidget              *error_page;
  KtsPracticeCompareView *compare_view;

  KtsProject       *project;
  GSignalGroup     *project_signals;
  GSignalGroup     *sets_signals;
  KtsCodebookGuide *guide;
  KtsPracticeSet   *shown;         /* the set the detail shows (strong) */
  guint64           shown_serial;  /* the project's change serial it was shown at */
  gboolean          compare_stale; /* the comparison needs computing again */
};

G_DEFINE_FINAL_TYPE (KtsPracticeView, kts_practice_view, GTK_TYPE_WIDGET)

static void update_detail (KtsPracticeView *self);

/* ---- helpers ---------------------------------------------------------------------- */

static GtkWindow *
get_window (KtsPracticeView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (KtsPracticeView *self, const char *title, gboolean undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast  *t;

  if (overlay == NULL)
    return;
  t = adw_toast_new (title);
  if (undo)
    {
      adw_toast_set_button_label (t, _ ("_Undo"));
      adw_toast_set_action_name (t, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static void
error_dialog (KtsPracticeView *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
set_alive (KtsPracticeView *self, KtsPracticeSet *set)
{
  return set != NULL && self->project != NULL
         && kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (set)))
                == KTS_ITEM (set);
}

static char *
format_submitted (KtsPracticeSet *set)
{
  g_autoptr (GDateTime) dt = NULL;

  if (kts_practice_set_get_submitted (set) <= 0)
    return g_strdup ("");
  dt = g_date_time_new_from_unix_local (kts_practice_set_get_submitted (set));
  /* Translators: the date a practice set was submitted, see g_date_time_format() */
  return g_date_time_format (dt, _ ("%-d %B %Y"));
}

/* ---- the list of sets ---------------------------------------------------------------- */

static void
update_row (GtkWidget *row)
{
  KtsPracticeSet  *set = g_object_get_data (G_OBJECT (row), "kts-set");
  GtkWidget       *title = g_object_get_data (G_OBJECT (row), "kts-title");
  GtkWidget       *subtitle = g_object_get_data (G_OBJECT (row), "kts-subtitle");
  GtkWidget       *state = g_object_get_data (G_OBJECT (row), "kts-state");
  GtkWidget       *icon = g_object_get_data (G_OBJECT (row), "kts-icon");
  KtsDocument     *document = kts_practice_set_get_document (set);
  KtsCoder        *student = kts_practice_set_get_student_coder (set);
  g_autofree char *layers = kts_practice_set_dup_layers_label (set);
  g_autofree char *sub = NULL;
  g_autofree char *state_text = NULL;
  gboolean         open = kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_OPEN;
  const char      *name = student != NULL ? kts_coder_get_name (student) : _ ("Student");

  gtk_label_set_text (GTK_LABEL (title), kts_practice_set_get_title (set));
  /* Translators: under a practice set's title: "Session 9 · RUP, SD, REL" */
  sub = g_strdup_printf (_ ("%s · %s"), document != NULL ? kts_document_get_title (document) : "",
                         layers);
  gtk_label_set_text (GTK_LABEL (subtitle), sub);
  if (open)
    /* Translators: "Open · Ann" (the student) */
    state_text = g_strdup_printf (_ ("Open · %s"), name);
  else
    {
      g_autofree char *date = format_submitted (set);
      /* Translators: "Submitted 3 May 2026 · Ann" */
      state_text = g_strdup_printf (_ ("Submitted %s · %s"), date, name);
    }
  gtk_label_set_text (GTK_LABEL (state), state_text);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                open ? "document-edit-symbolic" : "emblem-ok-symbolic");
}

static GtkWidget *
create_row_cb (gpointer item, gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *state_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *state = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_ellipsize (GTK_LABEL (state), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state_box, "dim-label");
  gtk_box_append (GTK_BOX (state_box), icon);
  gtk_box_append (GTK_BOX (state_box), state);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (box), state_box);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "kts-set", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "kts-title", title);
  g_object_set_data (G_OBJECT (row), "kts-subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "kts-state", state);
  g_object_set_data (G_OBJECT (row), "kts-icon", icon);
  update_row (row);
  return row;
}

static void
update_rows (KtsPracticeView *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->sets_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_object_get_data (G_OBJECT (row), "kts-set") != NULL)
      update_row (row);
}

static void
update_stack (KtsPracticeView *self)
{
  gboolean any = self->project != NULL
                 && g_list_model_get_n_items (kts_project_get_practice_sets (self->project)) > 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), any ? "sets" : "empty");
}

KtsPracticeSet *
kts_practice_view_get_selected_set (KtsPracticeView *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (KTS_IS_PRACTICE_VIEW (self), NULL);

  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->sets_list));
  return row != NULL ? g_object_get_data (G_OBJECT (row), "kts-set") : NULL;
}

void
kts_practice_view_select_set (KtsPracticeView *self, KtsPracticeSet *set)
{
  GListModel *sets;

  g_return_if_fail (KTS_IS_PRACTICE_VIEW (self));

  if (self->project == NULL)
    return;
  sets = kts_project_get_practice_sets (self->project);
  for (guint i = 0; set != NULL && i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr (KtsPracticeSet) s = g_list_model_get_item (sets, i);

      if (s == set)
        {
          GtkListBoxRow *row
              = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->sets_list), (int)i);

          gtk_list_box_select_row (GTK_LIST_BOX (self->sets_list), row);
          return;
        }
    }
  gtk_list_box_unselect_all (GTK_LIST_BOX (self->sets_list));
}

static void
update_actions (KtsPracticeView *self)
{
  KtsPracticeSet *set = kts_practice_view_get_selected_set (self);
  gboolean        open = set != NULL && kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_OPEN;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.new", self->project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.import", self->project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.code", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.submit", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.remove", set != NULL);
}

/* ---- the detail ------------------------------------------------------------------------ */

static void
show_open (KtsPracticeView *self, KtsPracticeSet *set)
{
  KtsDocument     *document = kts_practice_set_get_document (set);
  KtsCoder        *student = kts_practice_set_get_student_coder (set);
  KtsCoder        *reference = kts_practice_set_get_reference_coder (set);
  g_autofree char *layers = kts_practice_set_dup_layers_label (set);
  g_autofree char *reference_text = NULL;
  g_autofree char *instructions = NULL;
  const char      *given = kts_practice_set_get_instructions (set);

  gtk_label_set_text (GTK_LABEL (self->open_title), kts_practice_set_get_title (set));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->document_row),
                               document != NULL ? kts_document_get_title (document) : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->layers_row), layers);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->student_row),
                               student != NULL ? kts_coder_get_name (student) : "");
  /* Translators: the reference coder of an open practice set */
  reference_text = g_strdup_printf (_ ("%s — hidden until you submit"),
                                    reference != NULL ? kts_coder_get_name (reference) : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reference_row), reference_text);
  instructions = given != NULL && *given != '\0' ? g_strdup (given)
                                                 : kts_practice_default_instructions (layers);
  gtk_label_set_text (GTK_LABEL (self->instructions_label), instructions);
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "open");
}

static void
show_compare (KtsPracticeView *self, KtsPracticeSet *set)
{
  g_autoptr (GError) error = NULL;
  KtsPracticeReport *report;

  if (self->guide == NULL)
    {
      self->guide = kts_codebook_guide_load_default (&error);
      if (self->guide == NULL)
        {
          g_warning ("Contrast cards: %s", error->message);
          g_clear_error (&error);
        }
    }
  report = kts_practice_compare (self->project, set, self->guide, NULL, &error);
  self->compare_stale = FALSE;
  if (report == NULL)
    {
      kts_practice_compare_view_set_report (self->compare_view, NULL, NULL);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "error");
      return;
    }
  kts_practice_compare_view_set_report (self->compare_view, self->project, report);
  {
    /* The student's progress across their submitted sets (brief C.2.5). */
    KtsCoder *student = kts_practice_set_get_student_coder (set);
    g_autoptr (GPtrArray) trend = NULL;

    if (student != NULL && kts_coder_get_name (student) != NULL)
      trend = kts_practice_trend (self->project, kts_coder_get_name (student), self->guide, NULL,
                                  &error);
    if (error != NULL)
      g_warning ("Practice trend: %s", error->message);
    kts_practice_compare_view_set_trend (self->compare_view, trend, set);
  }
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "compare");
}

static void
update_detail (KtsPracticeView *self)
{
  KtsPracticeSet *set = kts_practice_view_get_selected_set (self);

  update_actions (self);
  if (set == NULL || !set_alive (self, set))
    {
      g_clear_object (&self->shown);
      kts_practice_compare_view_set_report (self->compare_view, NULL, NULL);
      kts_practice_compare_view_set_trend (self->compare_view, NULL, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "none");
      return;
    }
  g_set_object (&self->shown, set);
  self->shown_serial = kts_project_get_change_serial (self->project);
  if (kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_OPEN)
    show_open (self, set);
  else
    show_compare (self, set);
}

static void
row_selected_cb (KtsPracticeView *self)
{
  update_detail (self);
}

static void
project_changed_cb (KtsPracticeView *self)
{
  KtsPracticeSet *set = kts_practice_view_get_selected_set (self);

  update_rows (self);
  update_stack (self);
  update_actions (self);
  if (set == NULL || self->project == NULL
      || kts_project_get_change_serial (self->project) == self->shown_serial)
    return;
  /* A comparison is worked out again when it is seen; the open page at once. */
  if (kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_OPEN || set != self->shown)
    update_detail (self);
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_detail (self);
  else
    self->compare_stale = TRUE;
}

static void
sets_changed_cb (KtsPracticeView *self)
{
  GtkListBox *list = GTK_LIST_BOX (self->sets_list);

  update_stack (self);
  /* A set is always chosen while there are any. */
  if (gtk_list_box_get_selected_row (list) == NULL
      && gtk_list_box_get_row_at_index (list, 0) != NULL)
    gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  update_detail (self);
}

static void
kts_practice_view_map (GtkWidget *widget)
{
  KtsPracticeView *self = KTS_PRACTICE_VIEW (widget);

  GTK_WIDGET_CLASS (kts_practice_view_parent_class)->map (widget);
  if (self->compare_stale)
    update_detail (self);
}

/* ---- actions ------------------------------------------------------------------------------ */

static void
new_set_response_cb (KtsPracticeDialog *dialog, const char *response, KtsPracticeView *self)
{
  KtsPracticeSet *set = kts_practice_dialog_get_set (dialog);

  if (!g_str_equal (response, "create") || set == NULL)
    return;
  kts_practice_view_select_set (self, set);
  {
    g_autofree char *title
        = g_strdup_printf (_ ("Made practice set “%s”"), kts_practice_set_get_title (set));
    toast (self, title, TRUE);
  }
}

GtkWidget *
kts_practice_view_new_set (KtsPracticeView *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (KTS_IS_PRACTICE_VIEW (self), NULL);

  if (self->project == NULL)
    return NULL;
  dialog = kts_practice_dialog_new (get_window (self), self->project, NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_set_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
action_new (GtkWidget *widget, const char *name, GVariant *param)
{
  kts_practice_view_new_set (KTS_PRACTICE_VIEW (widget));
}

static void
submit_response_cb (AdwMessageDialog *dialog, const char *response, KtsPracticeView *self)
{
  KtsPracticeSet *set = g_object_get_data (G_OBJECT (dialog), "kts-set");
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "submit") || !set_alive (self, set))
    return;
  if (!kts_project_submit_practice_set (self->project, set, &error))
    {
      error_dialog (self, _ ("Could Not Submit"), error->message);
      return;
    }
  kts_practice_view_select_set (self, set);
  update_detail (self);
  toast (self, _ ("Submitted: your coding is compared with the reference"), FALSE);
}

GtkWidget *
kts_practice_view_submit (KtsPracticeView *self)
{
  KtsPracticeSet  *set;
  KtsDocument     *document;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget       *dialog;

  g_return_val_if_fail (KTS_IS_PRACTICE_VIEW (self), NULL);

  set = kts_practice_view_get_selected_set (self);
  if (set == NULL || kts_practice_set_get_state (set) != KTS_PRACTICE_STATE_OPEN)
    return NULL;
  document = kts_practice_set_get_document (set);
  heading = g_strdup_printf (_ ("Submit “%s”?"), kts_practice_set_get_title (set));
  body = g_strdup_printf (
      _ ("Your codings of “%s” are then locked: they can no longer be changed or removed. The "
         "reference is shown and compared with them. This cannot be undone, and the undo history "
         "is cleared."),
      kts_document_get_title (document));
  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "submit",
                                    _ ("_Submit"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kts-set", g_object_ref (set), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (submit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
action_submit (GtkWidget *widget, const char *name, GVariant *param)
{
  kts_practice_view_submit (KTS_PRACTICE_VIEW (widget));
}

static void
remove_response_cb (AdwMessageDialog *dialog, const char *response, KtsPracticeView *self)
{
  KtsPracticeSet  *set = g_object_get_data (G_OBJECT (dialog), "kts-set");
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "remove") || !set_alive (self, set))
    return;
  title = g_strdup_printf (_ ("Removed practice set “%s”"), kts_practice_set_get_title (set));
  kts_project_remove_practice_set (self->project, set);
  toast (self, title, TRUE);
}

GtkWidget *
kts_practice_view_remove (KtsPracticeView *self)
{
  KtsPracticeSet  *set;
  g_autofree char *heading = NULL;
  const char      *body;
  GtkWidget       *dialog;

  g_return_val_if_fail (KTS_IS_PRACTICE_VIEW (self), NULL);

  set = kts_practice_view_get_selected_set (self);
  if (set == NULL)
    return NULL;
  heading = g_strdup_printf (_ ("Remove “%s”?"), kts_practice_set_get_title (set));
  body = kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_OPEN
             ? _ ("The transcript and every coding stay; the reference is no longer hidden. You "
                  "can undo this.")
             : _ ("The transcript and every coding stay; the student’s codings are no longer "
                  "locked. You can undo this.");
  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kts-set", g_object_ref (set), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
action_remove (GtkWidget *widget, const char *name, GVariant *param)
{
  kts_practice_view_remove (KTS_PRACTICE_VIEW (widget));
}

static void
action_code (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsPracticeView *self = KTS_PRACTICE_VIEW (widget);
  KtsPracticeSet  *set = kts_practice_view_get_selected_set (self);

  if (set != NULL)
    gtk_widget_activate_action (widget, "win.code-practice-set", "s",
                                kts_item_get_guid (KTS_ITEM (set)));
}

/* ---- import ---------------------------------------------------------------------------------- */

gboolean
kts_practice_view_import_files (KtsPracticeView *self,
                                GFile           *transcript,
                                GFile           *reference,
                                GError         **error)
{
  g_autoptr (GBytes) text = NULL;
  g_autoptr (GBytes) rows = NULL;
  g_autofree char *text_name = NULL;
  g_autofree char *rows_name = NULL;
  KtsPracticeSet  *set;

  g_return_val_if_fail (KTS_IS_PRACTICE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (transcript) && G_IS_FILE (reference), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  text = g_file_load_bytes (transcript, NULL, NULL, error);
  if (text == NULL)
    return FALSE;
  rows = g_file_load_bytes (reference, NULL, NULL, error);
  if (rows == NULL)
    return FALSE;
  text_name = g_file_get_basename (transcript);
  rows_name = g_file_get_basename (reference);
  set = kts_practice_set_import (self->project, text, text_name, rows, rows_name, NULL, error);
  if (set == NULL)
    return FALSE;
  kts_practice_view_select_set (self, set);
  {
    g_autofree char *title
        = g_strdup_printf (_ ("Imported practice set “%s”"), kts_practice_set_get_title (set));
    toast (self, title, TRUE);
  }
  return TRUE;
}

/* The file next to @file called @name, if it exists. */
static GFile *
sibling (GFile *file, const char *name)
{
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autoptr (GFile) other = parent != NULL ? g_file_get_child (parent, name) : NULL;

  return other != NULL && g_file_query_exists (other, NULL) ? g_steal_pointer (&other) : NULL;
}

static void
import_response_cb (GtkNativeDialog *native, int response, KtsPracticeView *self)
{
  g_autoptr (GListModel) files = NULL;
  g_autoptr (GFile) transcript = NULL;
  g_autoptr (GFile) reference = NULL;
  g_autoptr (GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->project == NULL)
    {
      g_object_unref (native);
      return;
    }
  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);
      g_autofree char *base = g_file_get_basename (file);
      g_autofree char *lower = g_ascii_strdown (base, -1);

      if (g_str_has_suffix (lower, ".tsv"))
        g_set_object (&reference, file);
      else
        g_set_object (&transcript, file);
    }
  /* One file chosen: the other one has its standard name beside it. */
  if (reference == NULL && transcript != NULL)
    reference = sibling (transcript, "practice-reference.tsv");
  if (transcript == NULL && reference != NULL)
    transcript = sibling (reference, "practice-transcript.txt");
  g_object_unref (native);

  if (transcript == NULL || reference == NULL)
    {
      error_dialog (self, _ ("Could Not Import the Practice Set"),
                    _ ("A practice set is two files: the transcript (.txt, one turn per line) and "
                       "the reference coding (.tsv with the columns turn, span and code). Choose "
                       "both."));
      return;
    }
  if (!kts_practice_view_import_files (self, transcript, reference, &error))
    error_dialog (self, _ ("Could Not Import the Practice Set"), error->message);
}

static void
action_import (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsPracticeView      *self = KTS_PRACTICE_VIEW (widget);
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (self->project == NULL)
    return;
  native = gtk_file_chooser_native_new (_ ("Import Practice Set"), get_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_filter_set_name (filter, _ ("Practice Set Files (.txt, .tsv)"));
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_pattern (filter, "*.TXT");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.TSV");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- public ------------------------------------------------------------------------------------
 */

GtkWidget *
kts_practice_view_new (void)
{
  return g_object_new (KTS_TYPE_PRACTICE_VIEW, NULL);
}

void
kts_practice_view_set_project (KtsPracticeView *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_PRACTICE_VIEW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;
  g_clear_object (&self->shown);
  g_set_object (&self->project, project);
  g_signal_group_set_target (self->project_signals, project);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->sets_list),
                           project != NULL ? kts_project_get_practice_sets (project) : NULL,
                           project != NULL ? create_row_cb : NULL, self, NULL);
  /* After the list box's own handler, so that the rows are there. */
  g_signal_group_set_target (self->sets_signals,
                             project != NULL ? kts_project_get_practice_sets (project) : NULL);
  /* The first set is chosen, so that the view never opens on an empty page. */
  if (project != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->sets_list),
                             gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->sets_list), 0));
  update_stack (self);
  update_detail (self);
}

const char *
kts_practice_view_get_page (KtsPracticeView *self)
{
  const char *page;

  g_return_val_if_fail (KTS_IS_PRACTICE_VIEW (self), NULL);

  page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
  if (g_strcmp0 (page, "empty") == 0)
    return page;
  return gtk_stack_get_visible_child_name (GTK_STACK (self->detail_stack));
}

KtsPracticeCompareView *
kts_practice_view_get_compare_view (KtsPracticeView *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_VIEW (self), NULL);
  return self->compare_view;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
kts_practice_view_dispose (GObject *object)
{
  KtsPracticeView *self = KTS_PRACTICE_VIEW (object);

  if (self->sets_list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sets_list, self);
      gtk_list_box_bind_model (GTK_LIST_BOX (self->sets_list), NULL, NULL, NULL, NULL);
    }
  if (self->project_signals != NULL)
    g_signal_group_set_target (self->project_signals, NULL);
  if (self->sets_signals != NULL)
    g_signal_group_set_target (self->sets_signals, NULL);
  g_clear_object (&self->shown);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_PRACTICE_VIEW);
  g_clear_object (&self->project);
  g_clear_object (&self->project_signals);
  g_clear_object (&self->sets_signals);
  G_OBJECT_CLASS (kts_practice_view_parent_class)->dispose (object);
}

static void
kts_practice_view_finalize (GObject *object)
{
  KtsPracticeView *self = KTS_PRACTICE_VIEW (object);

  /* After the compare view, whose report points into it. */
  g_clear_pointer (&self->guide, kts_codebook_guide_free);
  G_OBJECT_CLASS (kts_practice_view_parent_class)->finalize (object);
}

static void
kts_practice_view_class_init (KtsPracticeViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_practice_view_dispose;
  object_class->finalize = kts_practice_view_finalize;
  widget_class->map = kts_practice_view_map;

  g_type_ensure (KTS_TYPE_PRACTICE_COMPARE_VIEW);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-practice-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, sets_list);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, open_title);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, document_row);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, layers_row);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, student_row);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, reference_row);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, instructions_label);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, error_page);
  gtk_widget_class_bind_template_child (widget_class, KtsPracticeView, compare_view);

  gtk_widget_class_install_action (widget_class, "practice.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "practice.import", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "practice.code", NULL, action_code);
  gtk_widget_class_install_action (widget_class, "practice.submit", NULL, action_submit);
  gtk_widget_class_install_action (widget_class, "practice.remove", NULL, action_remove);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "practiceview");
}

static void
kts_practice_view_init (KtsPracticeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->project_signals = g_signal_group_new (KTS_TYPE_PROJECT);
  g_signal_group_connect_swapped (self->project_signals, "changed", G_CALLBACK (project_changed_cb),
                                  self);
  self->sets_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->sets_signals, "items-changed", G_CALLBACK (sets_changed_cb),
                                  self);
  g_signal_connect_swapped (self->sets_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  update_stack (self);
  update_actions (self);
}
