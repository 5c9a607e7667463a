/* kts-widget-test-util.c: what the widget tests share: turning the main loop and finding widgets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kts-application.h"
#include "kts-widget-test-util.h"

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
