/* kts-code-chooser.h: a button that picks one code (or any code) by typing, for filters.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODE_CHOOSER (kts_code_chooser_get_type ())
G_DECLARE_FINAL_TYPE (KtsCodeChooser, kts_code_chooser, KTS, CODE_CHOOSER, GtkWidget)

/*
 * Properties:
 *   code  KtsCode, may be NULL ("Any code"): the chosen code; categories can be
 *         chosen too (a filter on a code includes its sub-codes)
 * The button shows the chosen code; its popover lists the codebook as a tree,
 * or ranked by a fuzzy match of what is typed on name and key.
 */
GtkWidget *kts_code_chooser_new (void);
void       kts_code_chooser_set_project (KtsCodeChooser *self, KtsProject *project);
KtsCode   *kts_code_chooser_get_code (KtsCodeChooser *self);
void       kts_code_chooser_set_code (KtsCodeChooser *self, KtsCode *code);

G_END_DECLS
