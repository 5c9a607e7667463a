/* kts-codebook-panel.h: the codebook side panel (search, code tree, details).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODEBOOK_PANEL (kts_codebook_panel_get_type ())
G_DECLARE_FINAL_TYPE (KtsCodebookPanel, kts_codebook_panel, KTS, CODEBOOK_PANEL, GtkWidget)

/*
 * Shows the project's codes as a tree with colour, name, key, digit and
 * number of codings; a search entry filters by fuzzy match on name and key.
 * Every change goes through the project's operations. Applying a code (click,
 * Enter, a drop of transcript text, "Apply to Selection") activates the
 * window action "win.apply-code" with the code's GUID; going to codings of a
 * code activates "win.next-coding-of" / "win.previous-coding-of".
 *
 * A click on a code applies it only when transcript text is selected
 * ("win.apply-code-to-selection"); otherwise it just selects the code and
 * shows its description.
 *
 * Actions (group "codebook"): new, new-child(s), edit(s), apply(s), click(s),
 * recolor((ss)), set-shortcut((si)), merge(s), move-into((ss)),
 * move-to-top(s), delete(s), next-coding(s), previous-coding(s).
 *
 * Properties: project (KtsProject), selected-code (KtsCode, read-only).
 */
GtkWidget  *kts_codebook_panel_new (void);
KtsProject *kts_codebook_panel_get_project (KtsCodebookPanel *self);
void        kts_codebook_panel_set_project (KtsCodebookPanel *self, KtsProject *project);
KtsCode    *kts_codebook_panel_get_selected_code (KtsCodebookPanel *self);
void        kts_codebook_panel_select_code (KtsCodebookPanel *self, KtsCode *code);
void        kts_codebook_panel_focus_search (KtsCodebookPanel *self);
/* Shows only the codes of @layers (layer names or key prefixes, as a practice
 * set's; kts_code_in_layers()) and the categories above them; NULL = all. */
void kts_codebook_panel_set_layers (KtsCodebookPanel *self, const char *const *layers);
const char *const *kts_codebook_panel_get_layers (KtsCodebookPanel *self);
/* The note above the list while it offers only some layers ("Practice: only
 * the RUP, SD codes are offered"), or NULL when it offers them all. */
const char *kts_codebook_panel_get_layers_note (KtsCodebookPanel *self);

G_END_DECLS
