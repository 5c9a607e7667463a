/* kts-color-palette.h: a grid of named colours to pick a code's colour from.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-codebook.h"

G_BEGIN_DECLS

#define KTS_TYPE_COLOR_PALETTE (kts_color_palette_get_type ())
G_DECLARE_FINAL_TYPE (KtsColorPalette, kts_color_palette, KTS, COLOR_PALETTE, GtkWidget)

/* Property "color" ("#rrggbb"), the chosen colour. Signal "color-activated"
 * (const char *color) when a swatch is clicked. The palette shows a fixed set
 * of colours that stay distinguishable for colour-blind readers, followed by
 * at most @max_used other colours already used in @codebook (may be NULL). */
GtkWidget  *kts_color_palette_new (KtsCodebook *codebook, guint max_used);
const char *kts_color_palette_get_color (KtsColorPalette *self);
void        kts_color_palette_set_color (KtsColorPalette *self, const char *color);

/* The n-th colour of the fixed palette, cycling; for new codes. */
const char *kts_color_palette_suggest (guint n);

G_END_DECLS
