/* kts-color-swatch.h: a small rounded square showing a code's colour.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KTS_TYPE_COLOR_SWATCH (kts_color_swatch_get_type ())
G_DECLARE_FINAL_TYPE (KtsColorSwatch, kts_color_swatch, KTS, COLOR_SWATCH, GtkWidget)

/* Property "color": a "#rrggbb" string (NULL draws a neutral grey). */
GtkWidget  *kts_color_swatch_new (const char *color);
const char *kts_color_swatch_get_color (KtsColorSwatch *self);
void        kts_color_swatch_set_color (KtsColorSwatch *self, const char *color);

G_END_DECLS
