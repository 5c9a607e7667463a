/* kts-codebook-view-private.h: the Codebook view's parts, for its tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-code-detail.h"
#include "kts-codebook-view.h"

G_BEGIN_DECLS

GtkWidget *_kts_codebook_view_get_search_entry (KtsCodebookView *self);
/* The rows of the tree as shown (GtkTreeListRow items). */
GListModel    *_kts_codebook_view_get_tree_model (KtsCodebookView *self);
KtsCodeDetail *_kts_codebook_view_get_detail (KtsCodebookView *self);
/* The widget of a page ("codes", "ladders", …). */
GtkWidget *_kts_codebook_view_get_page_widget (KtsCodebookView *self, const char *page);
/* Brings every page up to date now rather than when it is shown. */
void _kts_codebook_view_update_pages (KtsCodebookView *self);

G_END_DECLS
