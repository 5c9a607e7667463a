/* kts-frequency-bar.h: a count with a bar proportional to it, for frequency tables.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KTS_TYPE_FREQUENCY_BAR (kts_frequency_bar_get_type ())
G_DECLARE_FINAL_TYPE (KtsFrequencyBar, kts_frequency_bar, KTS, FREQUENCY_BAR, GtkWidget)

/* Draws @value as a number at the end and a bar of length @value / @maximum
 * before it: in the accent colour, or in a neutral grey when "neutral" (for
 * totals). A zero draws a dim dash and no bar. */
GtkWidget *kts_frequency_bar_new (void);
void       kts_frequency_bar_set_value (KtsFrequencyBar *self, guint value, guint maximum);
guint      kts_frequency_bar_get_value (KtsFrequencyBar *self);
void       kts_frequency_bar_set_neutral (KtsFrequencyBar *self, gboolean neutral);

G_END_DECLS
