/* kts-map-rows.c: a long process map wrapped into stacked rows at phase
 * boundaries; shared by posters and reports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include "kts-map-rows.h"

/* The gap the painter leaves around a column (kts_map_painter_column_extent). */
#define HALF_GAP 18.0

struct _KtsMapRowPlanner
{
  KtsMapPainter *painter;
  guint          n_columns;
  double        *col_x0, *col_x1;
  int           *unit; /* phase band of each column; a column in none is its own unit */
};

KtsMapRowPlanner *
kts_map_row_planner_new (KtsMapPainter *painter)
{
  KtsMapRowPlanner *self;
  KtsMapLayout     *layout;

  g_return_val_if_fail (painter != NULL, NULL);

  self = g_new0 (KtsMapRowPlanner, 1);
  self->painter = painter;
  layout = kts_map_painter_get_layout (painter);
  self->n_columns = layout->n_columns;
  self->col_x0 = g_new0 (double, MAX (1, self->n_columns));
  self->col_x1 = g_new0 (double, MAX (1, self->n_columns));
  self->unit = g_new0 (int, MAX (1, self->n_columns));
  for (guint c = 0; c < self->n_columns; c++)
    {
      double mid;

      kts_map_painter_column_extent (painter, c, &self->col_x0[c], &self->col_x1[c]);
      mid = (self->col_x0[c] + self->col_x1[c]) / 2;
      self->unit[c] = -1 - (int)c;
      for (guint b = 0; b < layout->bands->len; b++)
        {
          const KtsMapBand *band = &g_array_index (layout->bands, KtsMapBand, b);
          if (mid >= band->x0 && mid < band->x1)
            self->unit[c] = (int)b;
        }
    }
  return self;
}

void
kts_map_row_planner_free (KtsMapRowPlanner *self)
{
  if (self == NULL)
    return;
  g_free (self->col_x0);
  g_free (self->col_x1);
  g_free (self->unit);
  g_free (self);
}

static double
row_width (KtsMapRowPlanner *self, guint first, guint last)
{
  KtsMapLayout *layout = kts_map_painter_get_layout (self->painter);
  double        right = self->col_x0[first] + 2 * HALF_GAP;

  /* Staggered columns overlap: the row ends at the furthest card edge. */
  for (guint c = first; c <= last; c++)
    right = MAX (right, self->col_x1[c]);
  return layout->content_x - HALF_GAP + (right - self->col_x0[first]);
}

/* A row may start at @column without cutting a card of the row before. */
static gboolean
clean_start (KtsMapRowPlanner *self, guint column)
{
  KtsMapLayout *layout = kts_map_painter_get_layout (self->painter);

  return column == 0 || column >= self->n_columns || layout->clean_start == NULL
         || layout->clean_start[column];
}

static void
row_clear (gpointer data)
{
  KtsMapRow *row = data;

  g_clear_pointer (&row->lane_tops, g_array_unref);
}

static void
add_row (KtsMapRowPlanner *self, GArray *rows, guint first, guint last)
{
  KtsMapRow row = { first, last, 0, 0, g_array_new (FALSE, FALSE, sizeof (double)) };

  kts_map_painter_measure_row (self->painter, first, last, TRUE, &row.width, &row.height,
                               row.lane_tops);
  g_array_append_val (rows, row);
}

/* A band that would leave the row before it less full than this is broken
 * between its columns instead of starting a row of its own. */
#define MIN_ROW_FILL 0.5

GArray *
kts_map_row_planner_plan (KtsMapRowPlanner *self, double width)
{
  GArray *rows;
  guint   start = 0;

  g_return_val_if_fail (self != NULL, NULL);

  rows = g_array_new (FALSE, TRUE, sizeof (KtsMapRow));
  g_array_set_clear_func (rows, row_clear);
  if (self->n_columns == 0)
    return rows;

  for (guint c = 0; c < self->n_columns;)
    {
      guint last = c;

      while (last + 1 < self->n_columns && self->unit[last + 1] == self->unit[c])
        last++;

      if (row_width (self, start, last) > width)
        {
          if (row_width (self, c, last) <= width
              && (start == c || row_width (self, start, c - 1) >= width * MIN_ROW_FILL))
            {
              /* The band fits a row of its own: start one (unless that
               * would leave the current row mostly empty). */
              add_row (self, rows, start, c - 1);
              start = c;
            }
          else
            {
              /* A band wider than a row: it continues the current row and
               * breaks between its columns wherever a row is full. */
              while (row_width (self, start, last) > width)
                {
                  guint end = start;

                  while (end < last && row_width (self, start, end + 1) <= width)
                    end++;
                  /* Back off to where no card is cut, if there is such a place. */
                  {
                    guint clean = end;

                    while (clean > start && clean < last && !clean_start (self, clean + 1))
                      clean--;
                    if (clean > start || clean_start (self, clean + 1))
                      end = clean;
                  }
                  if (end < c && row_width (self, start, c) > width)
                    end = c - 1; /* not even one of its columns fits after the row */
                  add_row (self, rows, start, end);
                  start = end + 1;
                }
            }
        }
      c = last + 1;
    }
  if (start < self->n_columns)
    add_row (self, rows, start, self->n_columns - 1);
  return rows;
}

double
kts_map_row_cut (const KtsMapRow *row, double y0, double max_height)
{
  double cut = y0;

  g_return_val_if_fail (row != NULL, y0);

  if (row->height - y0 <= max_height)
    return row->height;
  for (guint k = 0; row->lane_tops != NULL && k < row->lane_tops->len; k++)
    {
      double top = g_array_index (row->lane_tops, double, k);
      if (top > y0 && top - y0 <= max_height)
        cut = top;
    }
  if (cut <= y0)
    cut = y0 + max_height;
  return cut;
}
