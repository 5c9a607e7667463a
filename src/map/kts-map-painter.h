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
  /* Font sizes in layout units; 0 keeps the screen sizes (labels 9.5,
   * quotes 8.5, small print 7; badges are 13/14 of the small print). */
  double   label_size;
  double   quote_size;
  double   small_size;
  gboolean mark_truncated;  /* a cut quote says that it goes on in the appendix */
  guint    quote_max_chars; /* 0 = KTS_MAP_QUOTE_MAX_CHARS */
  /* Semantic zoom: when the target shows fewer device units per layout unit
   * than this, cards are drawn as their box, header strip and label only
   * (the rest would be too small to read). Default 0: always in full. */
  double detail_scale;
} KtsMapStyle;

/* Quotes longer than this many characters are cut on the card (brief B.2:
 * a quote is at most 240 characters). */
#define KTS_MAP_QUOTE_MAX_CHARS 240

/* Whether a card that shows at most @max_chars of a quote (0 = the default)
 * shows the primary quote of @move cut short. */
gboolean kts_map_move_quote_is_truncated (KtsMove *move, guint max_chars);

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
/* The first line of the title block: case, pseudonyms, episode. (transfer full) */
char  *kts_map_painter_dup_title (KtsMapPainter *self);
void   kts_map_painter_draw_title (KtsMapPainter *self, cairo_t *cr, double width);
double kts_map_painter_measure_legend (KtsMapPainter *self, double width);
void   kts_map_painter_draw_legend (KtsMapPainter *self, cairo_t *cr, double width);

/* The short badges of a move, in the fixed order of brief B.7 (subtheme,
 * strategy, MC principles, stage, review code), marker badges first.
 * (transfer full) of char*. */
GPtrArray *kts_map_move_badges (KtsMove *move);

/* The font sizes, in layout units, of the kinds of text the painter draws:
 * @heading for lane and phase names (and the analyst reading's heading),
 * @label for the label of a move (the body of a card, brief B.6), @quote for
 * quotes, and @detail for the smallest of the rest (card headers, anchor
 * lines, footers, badges, ticks, legend). Any may be NULL. */
void kts_map_painter_get_font_sizes (
    KtsMapPainter *self, double *heading, double *label, double *quote, double *detail);

/* Rows: a long map wrapped into stacked strips for a poster. A row shows
 * the columns @first_column … @last_column (inclusive), moved left so they
 * follow the lane labels, which every row repeats. With @compact each lane
 * is only as tall as the cards of this row need (an empty lane keeps a thin
 * strip with its label). Edges that leave the row are cut at its edge and
 * tagged with the card they lead to. The analyst lane is not part of a row
 * (see kts_map_painter_draw_reading). Sizes are in layout units;
 * @lane_tops, if not NULL, receives the y (double) where each lane of the
 * row starts, a good place to split a row that is too tall for a page. */
void kts_map_painter_measure_row (KtsMapPainter *self,
                                  guint          first_column,
                                  guint          last_column,
                                  gboolean       compact,
                                  double        *width,
                                  double        *height,
                                  GArray        *lane_tops);
void kts_map_painter_draw_row (
    KtsMapPainter *self, cairo_t *cr, guint first_column, guint last_column, gboolean compact);

/* Moves (by index; @starts has @n flags, NULL = none) where rows of a
 * poster begin: each starts after every card before it, so no card crosses
 * from one row into the next. Lays the map out again if they changed. */
void kts_map_painter_set_row_starts (KtsMapPainter *self, const guint8 *starts, guint n);

/* Left and right x of a column: its cards plus half the gutter each side. */
void kts_map_painter_column_extent (KtsMapPainter *self, guint column, double *x0, double *x1);

/* The analyst reading as a box of @width with the pattern formula in full
 * (never cut); returns its height. @cr NULL only measures. */
double kts_map_painter_draw_reading (KtsMapPainter *self, cairo_t *cr, double width);

/* Draws the whole figure — title block, map, legend — stacked at @width;
 * returns the total height. @cr NULL only measures. */
double kts_map_painter_draw_figure (KtsMapPainter *self, cairo_t *cr);

G_END_DECLS
