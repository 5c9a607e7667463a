/* kts-map-rows.c: a long process map wrapped into stacked rows at phase
 * boundaries; shared by posters and reports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include "kts-map-rows.h"

/* The gap the painter leaves around a column (kts_map_painter_column_extent). */
#define HALF_GAP 18.0
/* Rows are stacked with this gap between them (on posters and in reports). */
#define ROW_GAP 12.0
/* What a break inside a phase band costs, in layout units of height: a row
 * that begins mid-phase is worth it only when it saves about a lane strip. */
#define MID_BAND_COST 30.0

struct _KtsMapRowPlanner
{
  KtsMapPainter *painter;
  guint          n_columns;
  double         label_w;    /* the lane labels at the left of every row */
  double         step;       /* the least step from one move to the next (staggering) */
  double        *pitch;      /* per move: its card width and the gap */
  int           *lo, *hi;    /* per move: the lanes it spans, as ranks from the top */
  int           *phase;      /* per move: its phase, or -1 (continues the one before) */
  guint8        *band_start; /* per move: a phase band begins here */
  gboolean       any_break;  /* rows may begin inside any phase band */
};

KtsMapRowPlanner *
kts_map_row_planner_new (KtsMapPainter *painter)
{
  KtsMapRowPlanner   *self;
  KtsMapLayout       *layout;
  KtsMapLayoutOptions defaults;
  int                 rank[KTS_N_LANES];
  const KtsLaneId    *order;
  int                 current = -1;

  g_return_val_if_fail (painter != NULL, NULL);

  self = g_new0 (KtsMapRowPlanner, 1);
  self->painter = painter;
  layout = kts_map_painter_get_layout (painter);
  kts_map_layout_options_init (&defaults);
  self->n_columns = layout->n_columns;
  self->label_w = layout->content_x - HALF_GAP;
  self->step = defaults.min_step;
  self->pitch = g_new0 (double, MAX (1, self->n_columns));
  self->lo = g_new0 (int, MAX (1, self->n_columns));
  self->hi = g_new0 (int, MAX (1, self->n_columns));
  self->phase = g_new0 (int, MAX (1, self->n_columns));
  self->band_start = g_new0 (guint8, MAX (1, self->n_columns));

  order = kts_map_lane_order (layout->arrangement);
  for (guint i = 0; i < KTS_N_LANES; i++)
    rank[order[i]] = (int)i;
  for (guint c = 0; c < self->n_columns; c++)
    self->lo[c] = G_MAXINT, self->hi[c] = -1;
  for (guint k = 0; k < layout->cards->len; k++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, k);
      guint             c = card->column;

      if (c >= self->n_columns)
        continue;
      self->pitch[c] = MAX (self->pitch[c], card->width + 2 * HALF_GAP);
      self->lo[c] = MIN (self->lo[c], rank[card->lane]);
      self->hi[c] = MAX (self->hi[c], rank[card->lane]);
      if (self->phase[c] == 0)
        {
          KtsPhase p = kts_move_get_phase (card->move);

          self->phase[c] = p == KTS_PHASE_UNSET ? -1 : (int)p;
        }
    }
  for (guint c = 0; c < self->n_columns; c++)
    {
      if (self->hi[c] < 0)
        self->lo[c] = self->hi[c] = 0;
      self->band_start[c] = c == 0 || (self->phase[c] >= 0 && self->phase[c] != current);
      if (self->phase[c] >= 0)
        current = self->phase[c];
    }
  return self;
}

void
kts_map_row_planner_free (KtsMapRowPlanner *self)
{
  if (self == NULL)
    return;
  g_free (self->pitch);
  g_free (self->lo);
  g_free (self->hi);
  g_free (self->phase);
  g_free (self->band_start);
  g_free (self);
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

/* The widths of the rows that begin at move @first and end at @first,
 * @first + 1, … as the layout places them when a row starts at @first
 * (kts_map_painter_set_row_starts): the same staggering as compact_columns()
 * in kts-map-layout.c, from a clean start. Stops after the first width over
 * @limit; returns how many were written. */
static guint
row_widths (KtsMapRowPlanner *self, guint first, double limit, double *widths)
{
  double lane_free[KTS_N_LANES] = { 0 };
  double previous = -self->step, right = 0;
  int    phase = self->phase[first];
  guint  n = 0;

  for (guint c = first; c < self->n_columns; c++)
    {
      double at = MAX (0.0, previous + self->step);

      if (c > first && self->phase[c] >= 0 && self->phase[c] != phase)
        at = MAX (at, right);
      for (int r = self->lo[c]; r <= self->hi[c]; r++)
        at = MAX (at, lane_free[r]);
      for (int r = self->lo[c]; r <= self->hi[c]; r++)
        lane_free[r] = at + self->pitch[c];
      right = MAX (right, at + self->pitch[c]);
      previous = at;
      if (self->phase[c] >= 0)
        phase = self->phase[c];
      widths[n++] = self->label_w + right;
      if (self->label_w + right > limit)
        break;
    }
  return n;
}

void
kts_map_row_planner_set_break_inside_phases (KtsMapRowPlanner *self, gboolean any)
{
  g_return_if_fail (self != NULL);
  self->any_break = any;
}

/* Per move: a row may begin there. At every phase boundary; inside a band
 * only if the band is wider than a row by itself (or any_break). */
static guint8 *
allowed_breaks (KtsMapRowPlanner *self, double width, double *widths)
{
  guint8 *allowed = g_new0 (guint8, self->n_columns);

  for (guint a = 0; a < self->n_columns;)
    {
      guint end = a + 1, k;

      while (end < self->n_columns && !self->band_start[end])
        end++;
      k = row_widths (self, a, width, widths);
      allowed[a] = TRUE;
      for (guint c = a + 1; c < end; c++)
        allowed[c] = self->any_break || k < end - a || widths[end - a - 1] > width;
      a = end;
    }
  return allowed;
}

GArray *
kts_map_row_planner_plan (KtsMapRowPlanner *self, double width)
{
  g_autofree guint8 *allowed = NULL;
  GArray            *rows;
  guint              n;
  g_autofree double *best = NULL;
  g_autofree guint  *from = NULL;
  g_autofree double *widths = NULL;
  g_autofree guint8 *starts = NULL;
  g_autoptr (GArray) breaks = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  rows = g_array_new (FALSE, TRUE, sizeof (KtsMapRow));
  g_array_set_clear_func (rows, row_clear);
  n = self->n_columns;
  if (n == 0)
    return rows;

  /* The breaks that make the stack of rows least tall: every row at most
   * @width wide (a single move may be wider), beginning at a phase boundary
   * or inside a band too wide for a row, each a little dearer when it
   * begins inside a band. Row heights do not depend on where the rows
   * begin; widths come from row_widths(). */
  best = g_new (double, n + 1);
  from = g_new0 (guint, n + 1);
  widths = g_new (double, n);
  allowed = allowed_breaks (self, width, widths);
  best[0] = 0;
  for (guint e = 1; e <= n; e++)
    best[e] = G_MAXDOUBLE;
  for (guint a = 0; a < n; a++)
    {
      guint k;

      if (best[a] == G_MAXDOUBLE || !allowed[a])
        continue;
      k = row_widths (self, a, width, widths);
      for (guint i = 0; i < k; i++)
        {
          guint  b = a + i;
          double h, cost;

          if (widths[i] > width && i > 0)
            break;
          kts_map_painter_measure_row (self->painter, a, b, TRUE, NULL, &h, NULL);
          cost = best[a] + h + ROW_GAP + (self->band_start[a] ? 0 : MID_BAND_COST);
          if (cost < best[b + 1] - 1e-9)
            {
              best[b + 1] = cost;
              from[b + 1] = a;
            }
        }
    }

  breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint e = n; e > 0; e = from[e])
    g_array_prepend_val (breaks, from[e]);

  /* The layout starts each row clean, then the rows are measured as drawn. */
  starts = g_new0 (guint8, n);
  for (guint i = 1; i < breaks->len; i++)
    starts[g_array_index (breaks, guint, i)] = 1;
  kts_map_painter_set_row_starts (self->painter, starts, n);
  for (guint i = 0; i < breaks->len; i++)
    add_row (self, rows, g_array_index (breaks, guint, i),
             i + 1 < breaks->len ? g_array_index (breaks, guint, i + 1) - 1 : n - 1);
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
