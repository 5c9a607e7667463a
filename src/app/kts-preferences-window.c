/* kts-preferences-window.c: preferences: coder, coding display, style, autosave.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-application.h"
#include "kts-preferences-window.h"

struct _KtsPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkWidget *coder_group;
  GtkWidget *coder_row;
  GtkWidget *new_coder_row;
  GtkWidget *settings_group;
  GtkWidget *snap_switch;
  GtkWidget *autosave_spin;
  GtkWidget *style_row;
  GtkWidget *style_group;

  KtsWindow *window; /* weak */
  GSettings *settings;
  gboolean   filling;
};

G_DEFINE_FINAL_TYPE (KtsPreferencesWindow, kts_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *styles[] = { "default", "light", "dark" };

static KtsProject *
get_project (KtsPreferencesWindow *self)
{
  return self->window != NULL ? kts_window_get_project (self->window) : NULL;
}

static void
fill_coders (KtsPreferencesWindow *self)
{
  KtsProject *project = get_project (self);
  GListModel *coders;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  KtsCoder *current;
  guint     selected = GTK_INVALID_LIST_POSITION;

  gtk_widget_set_visible (self->coder_group, project != NULL);
  if (project == NULL)
    return;

  self->filling = TRUE;
  coders = kts_project_get_coders (project);
  current = kts_window_get_coder (self->window);
  for (guint i = 0; i < g_list_model_get_n_items (coders); i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);

      gtk_string_list_append (names, kts_coder_get_name (coder));
      if (coder == current)
        selected = i;
    }
  /* The user's own coder is created with the first coding; offer it already. */
  if (current == NULL)
    {
      g_autofree char *label = g_strdup_printf (_ ("%s (new)"), kts_window_get_user_coder_name ());
      gtk_string_list_append (names, label);
      selected = g_list_model_get_n_items (coders);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->coder_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->coder_row), selected);
  self->filling = FALSE;
}

static void
coder_selected_cb (KtsPreferencesWindow *self)
{
  KtsProject *project = get_project (self);
  guint       index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->coder_row));
  g_autoptr (KtsCoder) coder = NULL;

  if (self->filling || project == NULL || index == GTK_INVALID_LIST_POSITION)
    return;
  /* Past the project's coders: the user's coder, made at the first coding. */
  coder = g_list_model_get_item (kts_project_get_coders (project), index);
  kts_window_set_coder (self->window, coder);
}

static void
new_coder_apply_cb (KtsPreferencesWindow *self)
{
  KtsProject      *project = get_project (self);
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_coder_row)));
  g_autoptr (KtsCoder) coder = NULL;
  g_autoptr (GError) error = NULL;

  g_strstrip (name);
  if (project == NULL || *name == '\0')
    return;
  if (kts_project_find_coder (project, name) == NULL)
    {
      coder = kts_coder_new (NULL, name);
      if (!kts_project_add_coder (project, coder, &error))
        {
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                            adw_toast_new (error->message));
          return;
        }
    }
  kts_window_set_coder (self->window, kts_project_find_coder (project, name));
  gtk_editable_set_text (GTK_EDITABLE (self->new_coder_row), "");
  fill_coders (self);
}

static void
style_selected_cb (KtsPreferencesWindow *self)
{
  guint index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->style_row));

  if (!self->filling && self->settings != NULL && index < G_N_ELEMENTS (styles))
    g_settings_set_string (self->settings, "color-scheme", styles[index]);
}

static void
kts_preferences_window_dispose (GObject *object)
{
  KtsPreferencesWindow *self = KTS_PREFERENCES_WINDOW (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (kts_preferences_window_parent_class)->dispose (object);
}

static void
kts_preferences_window_class_init (KtsPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, coder_group);
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, coder_row);
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, new_coder_row);
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, settings_group);
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, KtsPreferencesWindow, style_group);
  gtk_widget_class_bind_template_callback (widget_class, new_coder_apply_cb);
}

static void
kts_preferences_window_init (KtsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KtsPreferencesWindow *
kts_preferences_window_new (KtsWindow *window)
{
  KtsPreferencesWindow *self;

  g_return_val_if_fail (KTS_IS_WINDOW (window), NULL);

  self = g_object_new (KTS_TYPE_PREFERENCES_WINDOW, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->settings = kts_application_lookup_settings ();

  fill_coders (self);
  g_signal_connect_swapped (self->coder_row, "notify::selected", G_CALLBACK (coder_selected_cb),
                            self);

  gtk_widget_set_visible (self->settings_group, self->settings != NULL);
  gtk_widget_set_visible (self->style_group, self->settings != NULL);
  if (self->settings != NULL)
    {
      g_autofree char *style = g_settings_get_string (self->settings, "color-scheme");

      g_settings_bind (self->settings, "snap-to-words", self->snap_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "autosave-interval",
                       gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->autosave_spin)),
                       "value", G_SETTINGS_BIND_DEFAULT);
      self->filling = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
        if (g_strcmp0 (style, styles[i]) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->style_row), i);
      self->filling = FALSE;
      g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (style_selected_cb),
                                self);
    }

  return self;
}
