/* kts-map-canvas.h: the interactive process-map canvas (zoom, pan, select, edit).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-core.h"
#include "kts-map-layout.h"

G_BEGIN_DECLS

#define KTS_TYPE_MAP_CANVAS (kts_map_canvas_get_type ())
G_DECLARE_FINAL_TYPE (KtsMapCanvas, kts_map_canvas, KTS, MAP_CANVAS, GtkWidget)

/* View pixels per map point at zoom 1.0 (actual size). */
#define KTS_MAP_CANVAS_PIXELS_PER_POINT (96.0 / 72.0)

/*
 * A GtkScrollable: put it in a GtkScrolledWindow for scrollbars. It draws
 * with the shared KtsMapPainter and changes the model only through
 * kts_project_* operations (so everything is undoable).
 *
 * Properties:
 *   project      KtsProject, the project the episode belongs to
 *   episode      KtsEpisode, the episode shown (may be NULL)
 *   arrangement  KtsMapArrangement as int (surface or dyad lanes)
 *   zoom         double: 1.0 is actual size, a map point (1/72 inch) drawn
 *                as a point on a 96 pixels-per-inch screen
 *   selection    GPtrArray of KtsMove, read-only: the selected moves in the
 *                order they were selected (see kts_map_canvas_get_selected_moves())
 *
 * Signals:
 *   selection-changed (self): the selected moves or the selected edge changed.
 *   anchor-activated (self, KtsCoding *anchor): a double-click on a card's
 *       anchor line, or Enter on a selected card that has anchors: show it.
 *   move-activated (self, KtsMove *move): a double-click elsewhere on a card,
 *       or Enter on a card without anchors.
 *
 * Actions (group "map"): zoom-in, zoom-out, zoom-reset, zoom-fit, relayout,
 * delete, add-move, connect (string: an edge type nick, "responds-to"),
 * select-previous, select-next, select-above, select-below, select-first,
 * select-last, activate.
 */

GtkWidget *kts_map_canvas_new (void);
void kts_map_canvas_set_episode (KtsMapCanvas *self, KtsProject *project, KtsEpisode *episode);
KtsProject       *kts_map_canvas_get_project (KtsMapCanvas *self);
KtsEpisode       *kts_map_canvas_get_episode (KtsMapCanvas *self);
KtsMapArrangement kts_map_canvas_get_arrangement (KtsMapCanvas *self);
void   kts_map_canvas_set_arrangement (KtsMapCanvas *self, KtsMapArrangement arrangement);
double kts_map_canvas_get_zoom (KtsMapCanvas *self);
/* Zooms about the centre of the view, clamped to the viewport's range. */
void kts_map_canvas_set_zoom (KtsMapCanvas *self, double zoom);
/* Zooms so the whole map is visible (as far as the smallest zoom allows). */
void kts_map_canvas_zoom_to_fit (KtsMapCanvas *self);

/* The selected moves in selection order; (transfer full): a new array that
 * holds references. */
GPtrArray *kts_map_canvas_get_selected_moves (KtsMapCanvas *self);
/* Selects @move (scrolling it into view); with @extend, adds it to the
 * selection. @move NULL without @extend clears the selection. */
void kts_map_canvas_select_move (KtsMapCanvas *self, KtsMove *move, gboolean extend);
/* The selected edge, or NULL (transfer none). An edge is selected alone. */
KtsEdge *kts_map_canvas_get_selected_edge (KtsMapCanvas *self);
void     kts_map_canvas_select_edge (KtsMapCanvas *self, KtsEdge *edge);

G_END_DECLS
