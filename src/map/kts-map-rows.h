/* kts-map-rows.h: a long process map wrapped into stacked rows at phase
 * boundaries; shared by posters and reports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-map-painter.h"

G_BEGIN_DECLS

/* One row: the columns @first … @last (inclusive) drawn by
 * kts_map_painter_draw_row() in compact mode. Sizes in layout units;
 * @lane_tops (double) are the y where each lane of the row starts. */
typedef struct
{
  guint   first;
  guint   last;
  double  width;
  double  height;
  GArray *lane_tops;
} KtsMapRow;

typedef struct _KtsMapRowPlanner KtsMapRowPlanner;

/* Measures the columns of @painter's map once (the painter must outlive the
 * planner). */
KtsMapRowPlanner *kts_map_row_planner_new (KtsMapPainter *painter);
void              kts_map_row_planner_free (KtsMapRowPlanner *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsMapRowPlanner, kts_map_row_planner_free)

/* Wraps the map into rows no wider than @width (a single move may be
 * wider), choosing the breaks that make the stack of rows least tall. Rows
 * begin at phase boundaries; a band wider than a row by itself is broken
 * between moves (and names itself "… (continued)" in the next row). Sets
 * the painter's row starts (kts_map_painter_set_row_starts) so that every
 * row begins clean and no card crosses from one row into the next.
 * (transfer full) GArray of KtsMapRow, which frees the rows' lane_tops;
 * empty when the map has no columns. */
GArray *kts_map_row_planner_plan (KtsMapRowPlanner *self, double width);
/* Lets rows begin inside any phase band, between any two moves (for the
 * densest packing); default FALSE. */
void kts_map_row_planner_set_break_inside_phases (KtsMapRowPlanner *self, gboolean any);

/* Where the part of @row that starts at @y0 ends so that it is at most
 * @max_height tall: at the lowest lane top that allows it, else at
 * @y0 + @max_height. Returns @row->height when the rest fits. */
double kts_map_row_cut (const KtsMapRow *row, double y0, double max_height);

G_END_DECLS
