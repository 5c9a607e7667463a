/* kts-segment-list.h: the coded segments page of the Analysis view: filter, sort, reveal, export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_SEGMENT_LIST (kts_segment_list_get_type ())
G_DECLARE_FINAL_TYPE (KtsSegmentList, kts_segment_list, KTS, SEGMENT_LIST, GtkWidget)

/*
 * A table of the project's codings that pass the filters: code (with its
 * sub-codes), actor, document, episode (codings inside its range) and coder.
 * Enter or a double-click on a row activates "win.reveal-coding" with the
 * coding's guid. The table follows the project's "changed" signal, lazily:
 * only while it is shown, or when it is shown next.
 */
GtkWidget *kts_segment_list_new (void);
void       kts_segment_list_set_project (KtsSegmentList *self, KtsProject *project);

/* Sets every filter at once; NULL (or @actor < 0) means any. */
void kts_segment_list_set_filter (KtsSegmentList *self,
                                  KtsCode        *code,
                                  int             actor,
                                  KtsDocument    *document,
                                  KtsEpisode     *episode,
                                  KtsCoder       *coder);
/* The rows shown, in their sort order: a GListModel of KtsSegmentRow
 * (kts_segment_row_get_coding()). */
GListModel *kts_segment_list_get_model (KtsSegmentList *self);
/* TRUE when @coding passes the filters. */
gboolean kts_segment_list_matches (KtsSegmentList *self, KtsCoding *coding);
/* The rows shown, as codings CSV (kts_codings_export_csv()). */
GString *kts_segment_list_export_csv (KtsSegmentList *self);
/* Brings the table up to date now, shown or not. */
void kts_segment_list_refresh (KtsSegmentList *self);
/* What is shown: "list", "empty" (no coding in the project) or
 * "no-match" (no coding passes the filters). */
const char *kts_segment_list_get_state (KtsSegmentList *self);

G_END_DECLS
