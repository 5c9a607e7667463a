/* kts-wrap-box.h: a container that lays its children out in lines, wrapping like words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KTS_TYPE_WRAP_BOX (kts_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (KtsWrapBox, kts_wrap_box, KTS, WRAP_BOX, GtkWidget)

/* Children keep their natural width (at most the box's width) and start a
 * new line when the current one is full; @spacing is the gap both ways. */
GtkWidget *kts_wrap_box_new (int spacing);
void       kts_wrap_box_append (KtsWrapBox *self, GtkWidget *child);
void       kts_wrap_box_remove_all (KtsWrapBox *self);

G_END_DECLS
