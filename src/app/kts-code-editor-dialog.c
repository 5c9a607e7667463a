/* kts-code-editor-dialog.c: the dialog that creates or edits a code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-code-editor-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-code-editor-dialog.h"
#include "kts-color-palette.h"
#include "kts-error.h"

typedef enum
{
  FIELD_DEFINITION,
  FIELD_EXAMPLE,
  FIELD_INCLUDE,
  FIELD_EXCLUDE,
  N_FIELDS
} Field;

static const struct
{
  const char *property;
  const char *title;
} fields[N_FIELDS] = {
  { "definition", N_ ("Definition") },
  { "example", N_ ("Example") },
  { "include", N_ ("Use When") },
  { "exclude", N_ ("Do Not Use When") },
};

struct _KtsCodeEditorDialog
{
  AdwWindow parent_instance;

  GtkWidget *save_button;
  GtkWidget *name_row;
  GtkWidget *key_row;
  GtkWidget *parent_row;
  GtkWidget *shortcut_row;
  GtkWidget *codable_switch;
  GtkWidget *color_group;
  GtkWidget *description_box;
  GtkWidget *error_label;
  GtkWidget *palette;
  GtkWidget *text_views[N_FIELDS];

  KtsProject *project;
  KtsCode    *code;
  GPtrArray  *parent_choices; /* KtsCode or NULL for "top level", matching parent_row */
};

G_DEFINE_FINAL_TYPE (KtsCodeEditorDialog, kts_code_editor_dialog, ADW_TYPE_WINDOW)

enum
{
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_stripped (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  g_strstrip (copy);
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static char *
text_view_get_text (GtkWidget *view)
{
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return dup_stripped (text);
}

static void
fields_changed_cb (KtsCodeEditorDialog *self)
{
  g_autofree char *name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  gtk_widget_set_sensitive (self->save_button, name != NULL);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_widget_remove_css_class (self->name_row, "error");
  gtk_widget_remove_css_class (self->key_row, "error");
}

static void
show_error (KtsCodeEditorDialog *self, const GError *error, GtkWidget *row)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
  gtk_widget_set_visible (self->error_label, TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
save_clicked_cb (KtsCodeEditorDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (kts_code_editor_dialog_apply (self, &error) != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
kts_code_editor_dialog_dispose (GObject *object)
{
  KtsCodeEditorDialog *self = KTS_CODE_EDITOR_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_object (&self->code);
  g_clear_pointer (&self->parent_choices, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_CODE_EDITOR_DIALOG);

  G_OBJECT_CLASS (kts_code_editor_dialog_parent_class)->dispose (object);
}

static void
kts_code_editor_dialog_class_init (KtsCodeEditorDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_code_editor_dialog_dispose;

  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, KTS_TYPE_CODE);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-code-editor-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, shortcut_row);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, codable_switch);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, color_group);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, description_box);
  gtk_widget_class_bind_template_child (widget_class, KtsCodeEditorDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
kts_code_editor_dialog_init (KtsCodeEditorDialog *self)
{
  g_autoptr (GtkStringList) digits = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (digits, _ ("None"));
  for (int i = 1; i <= 9; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i);
      gtk_string_list_append (digits, text);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->shortcut_row), G_LIST_MODEL (digits));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *label = gtk_label_new (_ (fields[i].title));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_widget_set_size_request (view, -1, 64);
      gtk_widget_add_css_class (view, "code-description");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (GTK_BOX (self->description_box), label);
      gtk_box_append (GTK_BOX (self->description_box), frame);
      self->text_views[i] = view;
    }
}

static void
fill_parent_choices (KtsCodeEditorDialog *self, KtsCode *selected_parent)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (self->project));
  guint selected = 0;

  self->parent_choices = g_ptr_array_new ();
  gtk_string_list_append (names, _ ("None (top level)"));
  g_ptr_array_add (self->parent_choices, NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode         *code = g_ptr_array_index (codes, i);
      g_autofree char *indent = NULL;
      g_autofree char *label = NULL;

      /* A code cannot move below itself. */
      if (self->code != NULL && kts_code_is_descendant_of (code, self->code))
        continue;
      indent = g_strnfill (kts_code_get_depth (code) * 3, ' ');
      label = g_strconcat (indent, kts_code_get_name (code), NULL);
      if (code == selected_parent)
        selected = self->parent_choices->len;
      gtk_string_list_append (names, label);
      g_ptr_array_add (self->parent_choices, code);
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (self->parent_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->parent_row), selected);
}

KtsCodeEditorDialog *
kts_code_editor_dialog_new (GtkWindow  *transient_for,
                            KtsProject *project,
                            KtsCode    *code,
                            KtsCode    *parent)
{
  KtsCodeEditorDialog *self;
  KtsCodebook         *codebook;

  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (code == NULL || KTS_IS_CODE (code), NULL);
  g_return_val_if_fail (parent == NULL || KTS_IS_CODE (parent), NULL);

  self = g_object_new (KTS_TYPE_CODE_EDITOR_DIALOG, "transient-for", transient_for, NULL);
  self->project = g_object_ref (project);
  self->code = code != NULL ? g_object_ref (code) : NULL;
  codebook = kts_project_get_codebook (project);

  self->palette = kts_color_palette_new (codebook, 18);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->color_group), self->palette);

  if (code != NULL)
    {
      g_autofree char *title = g_strdup_printf (_ ("Edit “%s”"), kts_code_get_name (code));

      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_button_set_label (GTK_BUTTON (self->save_button), _ ("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), kts_code_get_name (code));
      if (kts_code_get_key (code) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->key_row), kts_code_get_key (code));
      kts_color_palette_set_color (KTS_COLOR_PALETTE (self->palette), kts_code_get_color (code));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->shortcut_row),
                                  (guint)CLAMP (kts_code_get_shortcut (code), 0, 9));
      gtk_switch_set_active (GTK_SWITCH (self->codable_switch), kts_code_get_codable (code));
      for (guint i = 0; i < N_FIELDS; i++)
        {
          g_autofree char *value = NULL;

          g_object_get (code, fields[i].property, &value, NULL);
          if (value != NULL)
            gtk_text_buffer_set_text (
                gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_views[i])), value, -1);
        }
      parent = kts_code_get_parent (code);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _ ("New Code"));
      kts_color_palette_set_color (KTS_COLOR_PALETTE (self->palette),
                                   kts_color_palette_suggest (kts_codebook_get_n_codes (codebook)));
    }

  fill_parent_choices (self, parent);
  fields_changed_cb (self);
  gtk_widget_grab_focus (self->name_row);

  return self;
}

void
kts_code_editor_dialog_set_name (KtsCodeEditorDialog *self, const char *name)
{
  g_return_if_fail (KTS_IS_CODE_EDITOR_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

void
kts_code_editor_dialog_set_key (KtsCodeEditorDialog *self, const char *key)
{
  g_return_if_fail (KTS_IS_CODE_EDITOR_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key != NULL ? key : "");
}

void
kts_code_editor_dialog_set_color (KtsCodeEditorDialog *self, const char *color)
{
  g_return_if_fail (KTS_IS_CODE_EDITOR_DIALOG (self));
  kts_color_palette_set_color (KTS_COLOR_PALETTE (self->palette), color);
}

static void
set_string_if_changed (KtsProject *project, KtsCode *code, const char *property, const char *value)
{
  g_autofree char *old = NULL;

  g_object_get (code, property, &old, NULL);
  if (g_strcmp0 (old, value) != 0)
    kts_project_set_string (project, code, property, value);
}

KtsCode *
kts_code_editor_dialog_apply (KtsCodeEditorDialog *self, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  g_autoptr (KtsCode) created = NULL;
  g_autoptr (GError) local_error = NULL;
  KtsCodebook *codebook;
  KtsCode     *parent;
  KtsCode     *existing;
  KtsCode     *code;
  const char  *color;
  guint        parent_index;
  int          digit;
  gboolean     codable;

  g_return_val_if_fail (KTS_IS_CODE_EDITOR_DIALOG (self), NULL);

  codebook = kts_project_get_codebook (self->project);
  name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  key = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  color = kts_color_palette_get_color (KTS_COLOR_PALETTE (self->palette));
  parent_index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->parent_row));
  parent = parent_index < self->parent_choices->len
               ? g_ptr_array_index (self->parent_choices, parent_index)
               : NULL;
  digit = (int)adw_combo_row_get_selected (ADW_COMBO_ROW (self->shortcut_row));
  codable = gtk_switch_get_active (GTK_SWITCH (self->codable_switch));

  if (name == NULL)
    {
      g_set_error_literal (&local_error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                           _ ("A code needs a name."));
      show_error (self, local_error, self->name_row);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  existing = key != NULL ? kts_codebook_lookup_key (codebook, key) : NULL;
  if (existing != NULL && existing != self->code)
    {
      g_set_error (&local_error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The key “%s” is already used by “%s”. Choose another key."), key,
                   kts_code_get_name (existing));
      show_error (self, local_error, self->key_row);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (self->code == NULL)
    {
      label = g_strdup_printf (_ ("Create code “%s”"), name);
      created = kts_code_new (NULL, name);
      /* Not yet part of the project, so it may be set up directly. */
      g_object_set (created, "key", key, "color", color, "codable", codable, NULL);
      for (guint i = 0; i < N_FIELDS; i++)
        {
          g_autofree char *value = text_view_get_text (self->text_views[i]);
          g_object_set (created, fields[i].property, value, NULL);
        }

      kts_project_begin_group (self->project, label);
      if (!kts_project_add_code (self->project, created, parent, -1, &local_error))
        {
          kts_project_abort_group (self->project);
          show_error (self, local_error, NULL);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (digit > 0)
        kts_project_set_code_shortcut (self->project, created, digit);
      kts_project_end_group (self->project);
      code = created;
    }
  else
    {
      code = self->code;
      label = g_strdup_printf (_ ("Edit code “%s”"), kts_code_get_name (code));
      kts_project_begin_group (self->project, label);
      if (parent != kts_code_get_parent (code)
          && !kts_project_move_code (self->project, code, parent, -1, &local_error))
        {
          kts_project_abort_group (self->project);
          show_error (self, local_error, self->parent_row);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      set_string_if_changed (self->project, code, "name", name);
      set_string_if_changed (self->project, code, "key", key);
      set_string_if_changed (self->project, code, "color", color);
      for (guint i = 0; i < N_FIELDS; i++)
        {
          g_autofree char *value = text_view_get_text (self->text_views[i]);
          set_string_if_changed (self->project, code, fields[i].property, value);
        }
      if (codable != kts_code_get_codable (code))
        kts_project_set_boolean (self->project, code, "codable", codable);
      if (digit != kts_code_get_shortcut (code))
        kts_project_set_code_shortcut (self->project, code, digit);
      kts_project_end_group (self->project);
    }

  g_signal_emit (self, signals[APPLIED], 0, code);
  return code;
}
