/* kts-map-painter.h: draws a process map with cairo and Pango; shared by the
 * screen, printing and every export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "kts-map-layout.h"

G_BEGIN_DECLS

typedef struct
{
  KtsMapArrangement arrangement;
  gboolean          dark;        /* screen in dark mode */
  gboolean          show_quotes; /* default TRUE */
  double            card_width;  /* default 200 */
  const char       *font_family; /* default "Cantarell, DejaVu Sans, sans-serif" */
  /* Semantic zoom: when the target shows fewer device units per layout unit
   * than this, cards are drawn as their box, header strip and label only
   * (the rest would be too small to read). Default 0: always in full. */
  double detail_scale;
} KtsMapStyle;

typedef struct _KtsMapPainter KtsMapPainter;

void kts_map_style_init (KtsMapStyle *style);

KtsMapPainter *kts_map_painter_new (KtsEpisode *episode, const KtsMapStyle *style);
void           kts_map_painter_free (KtsMapPainter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsMapPainter, kts_map_painter_free)

/* The layout, computed on first use with Pango measurements (transfer none). */
KtsMapLayout *kts_map_painter_get_layout (KtsMapPainter *self);
/* Drops the layout so the next use recomputes it (after the model changed). */
void kts_map_painter_invalidate (KtsMapPainter *self);

/* Shapes the text of cards not drawn yet, for at most @budget_us
 * microseconds, so that later frames (zooming out, say) only draw. Returns
 * TRUE when every card is ready. Optional: drawing shapes what it needs. */
gboolean kts_map_painter_prepare (KtsMapPainter *self, gint64 budget_us);

/* Draws lanes, phase bands, the spine, edges and cards in layout units.
 * @clip (layout units) limits the work to what intersects it; NULL = all.
 * @selected: card indexes to draw as selected (may be NULL). */
void kts_map_painter_draw (KtsMapPainter           *self,
                           cairo_t                 *cr,
                           const cairo_rectangle_t *clip,
                           const GArray            *selected);

/* Where card @card_index draws its anchor line (the clickable reference
 * back to the transcript), in layout units; FALSE if it has none. */
gboolean
kts_map_painter_get_anchor_area (KtsMapPainter *self, guint card_index, cairo_rectangle_t *area);

/* The lane names as a column whose left edge is at layout x @x, drawn over
 * whatever is there: for views that keep the names in sight while the map
 * scrolls sideways. The column is get_lane_labels_width() units wide. */
double kts_map_painter_get_lane_labels_width (KtsMapPainter *self);
void   kts_map_painter_draw_lane_labels (KtsMapPainter *self, cairo_t *cr, double x);

/* Title block (B.10) and legend (B.9), laid out for @width layout units;
 * measure returns the height. */
double kts_map_painter_measure_title (KtsMapPainter *self, double width);
void   kts_map_painter_draw_title (KtsMapPainter *self, cairo_t *cr, double width);
double kts_map_painter_measure_legend (KtsMapPainter *self, double width);
void   kts_map_painter_draw_legend (KtsMapPainter *self, cairo_t *cr, double width);

/* The short badges of a move, in the fixed order of brief B.7 (subtheme,
 * strategy, MC principles, stage, review code), marker badges first.
 * (transfer full) of char*. */
GPtrArray *kts_map_move_badges (KtsMove *move);

/* Draws the whole figure — title block, map, legend — stacked at @width;
 * returns the total height. @cr NULL only measures. */
double kts_map_painter_draw_figure (KtsMapPainter *self, cairo_t *cr);

G_END_DECLS
