/* kts-map-view.h: the Process map page: episode picker, toolbar, canvas and inspector.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-core.h"
#include "kts-map-canvas.h"
#include "kts-move-inspector.h"

G_BEGIN_DECLS

#define KTS_TYPE_MAP_VIEW (kts_map_view_get_type ())
G_DECLARE_FINAL_TYPE (KtsMapView, kts_map_view, KTS, MAP_VIEW, GtkWidget)

/*
 * Properties:
 *   project            KtsProject (may be NULL)
 *   episode            KtsEpisode, the one shown (one of the project's, or NULL)
 *   layout             string: "surface" or "dyad" (the canvas's arrangement)
 *   inspector-visible  gboolean
 *
 * Actions ("mapview."): new-episode, build-from-codings, rename-episode,
 * delete-episode, edit-episode, export-poster (Ctrl+Shift+E), print (Ctrl+P),
 * add-move, connect (s: an edge type nick), delete, relayout, zoom-in,
 * zoom-out, zoom-reset, zoom-fit, layout (s), inspector-visible,
 * add-selected-codings (the codings of the passage selected in the window's
 * transcript become anchors of the selected card).
 *
 * A double-click on a card's anchor activates "win.reveal-coding" with the
 * coding's guid.
 */

GtkWidget        *kts_map_view_new (void);
void              kts_map_view_set_project (KtsMapView *self, KtsProject *project);
KtsProject       *kts_map_view_get_project (KtsMapView *self);
void              kts_map_view_set_episode (KtsMapView *self, KtsEpisode *episode);
KtsEpisode       *kts_map_view_get_episode (KtsMapView *self);
KtsMapCanvas     *kts_map_view_get_canvas (KtsMapView *self);
KtsMoveInspector *kts_map_view_get_inspector (KtsMapView *self);

/* "Add to Map": a move anchored to @coding in the shown episode, drafted
 * from the coding and placed in event order (undoable), then selected.
 * Fails when no episode is shown. */
KtsMove *kts_map_view_add_move_for_coding (KtsMapView *self, KtsCoding *coding, GError **error);
/* Shows @move's episode and selects @move. */
void kts_map_view_show_move (KtsMapView *self, KtsMove *move);

G_END_DECLS
