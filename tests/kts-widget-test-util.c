/* kts-widget-test-util.c: what the widget tests share: turning the main loop and finding widgets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kts-application.h"
#include "kts-widget-test-util.h"

char *
kts_test_widget_init (int *argc, char ***argv, const char *tmp_template)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp_dir = g_dir_make_tmp (tmp_template, &error);
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;

  g_assert_no_error (error);
  data = g_build_filename (tmp_dir, "data", NULL);
  config = g_build_filename (tmp_dir, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* Saving adds to the recently used files; not from tests. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  return g_steal_pointer (&tmp_dir);
}

void
kts_test_spin (guint iterations)
{
  for (guint i = 0; i < iterations; i++)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
kts_test_find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kts_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwMessageDialog *
kts_test_find_message_dialog (GType except_type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (!ADW_IS_MESSAGE_DIALOG (w) || !gtk_widget_get_visible (GTK_WIDGET (w)))
        continue;
      if (except_type != G_TYPE_INVALID && G_TYPE_CHECK_INSTANCE_TYPE (w, except_type))
        continue;
      return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

void
kts_test_reset_settings (void)
{
  g_autoptr (GSettings) settings = kts_application_lookup_settings ();

  if (settings != NULL)
    g_settings_reset (settings, "coder-name");
}
