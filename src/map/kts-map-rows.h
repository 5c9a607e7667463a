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

/* Packs the phase bands into rows no wider than @width: a row ends before a
 * band that no longer fits; a band wider than a row by itself carries on
 * from the current row and is broken between columns, where no card is cut
 * if there is such a place. (transfer full) GArray of KtsMapRow, which
 * frees the rows' lane_tops; empty when the map has no columns. */
GArray *kts_map_row_planner_plan (KtsMapRowPlanner *self, double width);

/* Where the part of @row that starts at @y0 ends so that it is at most
 * @max_height tall: at the lowest lane top that allows it, else at
 * @y0 + @max_height. Returns @row->height when the rest fits. */
double kts_map_row_cut (const KtsMapRow *row, double y0, double max_height);

G_END_DECLS
