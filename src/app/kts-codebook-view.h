/* kts-codebook-view.h: the Codebook view: browse, learn and edit the coding scheme.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODEBOOK_VIEW (kts_codebook_view_get_type ())
G_DECLARE_FINAL_TYPE (KtsCodebookView, kts_codebook_view, KTS, CODEBOOK_VIEW, GtkWidget)

/*
 * Pages (kts_codebook_view_set_page()):
 *   "codes"      a searchable tree of the codes (name, key and definition) and
 *                the chosen code's page (KtsCodeDetail), where it is edited;
 *   "ladders"    Blatt's self-definition and relatedness lists as scales;
 *   "crosswalk"  the crosswalk between repair stage models (brief A.6);
 *   "cards"      every contrast card (brief C.4);
 *   "versions"   the codebook's version and changelog, and recording a version.
 * The header names the codebook and its version, and holds the switch of the
 * project's "theory-locked" property (bracketing): while it is on, the theory
 * layers are hidden here and in the coding panel.
 *
 * Actions (group "codebook-view"): show-code(s: guid), record-version,
 * unlock, load-preset(s).
 *
 * Properties: project (KtsProject), selected-code (KtsCode, read-only).
 */
GtkWidget  *kts_codebook_view_new (void);
KtsProject *kts_codebook_view_get_project (KtsCodebookView *self);
void        kts_codebook_view_set_project (KtsCodebookView *self, KtsProject *project);
KtsCode    *kts_codebook_view_get_selected_code (KtsCodebookView *self);
/* Goes to the "codes" page and selects @code in the tree (clearing a search
 * that hides it and expanding its parents); a code hidden by bracketing shows
 * why it is hidden instead. */
void kts_codebook_view_show_code (KtsCodebookView *self, KtsCode *code);
/* Goes to the "cards" page and scrolls to the contrast card @card_id (the
 * card's id in the guide), marking it; FALSE when no such card is shown
 * (unknown, or hidden by bracketing). */
gboolean    kts_codebook_view_show_card (KtsCodebookView *self, const char *card_id);
void        kts_codebook_view_set_page (KtsCodebookView *self, const char *page);
const char *kts_codebook_view_get_page (KtsCodebookView *self);
/* Goes to the "codes" page and focuses the search entry. */
void kts_codebook_view_focus_search (KtsCodebookView *self);

G_END_DECLS
