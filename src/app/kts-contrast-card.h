/* kts-contrast-card.h: one contrast card (brief C.4) as a widget: its sides side by side.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-codebook-guide.h"
#include "kts-project.h"

G_BEGIN_DECLS

/* A card with the title, how to tell the sides apart, its rules, and the
 * sides next to each other (label, code chips, cue, example). @current_key,
 * when not NULL, marks the side that has that code. The codes come from
 * @project's codebook; a chip jumps to its code through
 * "codebook-view.show-code". */
GtkWidget *
kts_contrast_card_new (KtsProject *project, const KtsContrastCard *card, const char *current_key);

/* TRUE when bracketing hides @card: @project is theory-locked and a side
 * names a code of a theory layer or a veiled relatedness need. */
gboolean kts_contrast_card_hidden (KtsProject *project, const KtsContrastCard *card);

/* Adds the style of a quoted example to @label. */
void kts_quote_label_style (GtkWidget *label);

G_END_DECLS
