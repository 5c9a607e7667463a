/* kts-widget-test-util.h: what the widget tests share: turning the main loop and finding widgets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Starts a widget test program: a new temporary folder from @tmp_template
 * ("kts-test-NAME-XXXXXX") holds XDG_DATA_HOME and XDG_CONFIG_HOME, so that
 * recovery copies and recent files stay out of the user's folders; settings
 * live in memory; GTK and libadwaita are initialised and the recently used
 * files are not written. Returns the folder (transfer full). */
char *kts_test_widget_init (int *argc, char ***argv, const char *tmp_template);

/* Runs @iterations non-blocking iterations of the default main context, so
 * that idle handlers, layout and actions queued by the last step have run. */
void kts_test_spin (guint iterations);

/* The first widget of @type in @root's tree (depth first, @root included),
 * or NULL. */
GtkWidget *kts_test_find_widget (GtkWidget *root, GType type);

/* The visible AdwMessageDialog among the toplevels that is not of
 * @except_type (G_TYPE_INVALID: none excepted), or NULL. */
AdwMessageDialog *kts_test_find_message_dialog (GType except_type);

/* Forgets what earlier test cases of the program left in the application's
 * settings (the memory backend lives as long as the process): the coder
 * last chosen to code as. */
void kts_test_reset_settings (void);

G_END_DECLS
