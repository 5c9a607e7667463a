/* kts-map-layout.c: process-map geometry: lanes, columns, phase bands, routes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time runs left to right as event order: every move owns one column, so the
 * reading order of the map is the order of the episode. Lanes stack top to
 * bottom by arrangement; a lane is as tall as its tallest card. Edges run in
 * the free gutters between columns and in the padding strips of lanes, so an
 * automatically placed card is never crossed by a route.
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kts-map-layout.h"

static const KtsLaneId surface_order[KTS_N_LANES] = {
  KTS_LANE_OUTSIDE, KTS_LANE_T_SD,    KTS_LANE_C_SD,      KTS_LANE_SPINE,  KTS_LANE_T_REL,
  KTS_LANE_C_REL,   KTS_LANE_ANALYST, KTS_LANE_THERAPIST, KTS_LANE_CLIENT,
};

static const KtsLaneId dyad_order[KTS_N_LANES] = {
  KTS_LANE_OUTSIDE, KTS_LANE_T_REL,   KTS_LANE_T_SD,      KTS_LANE_SPINE,  KTS_LANE_C_SD,
  KTS_LANE_C_REL,   KTS_LANE_ANALYST, KTS_LANE_THERAPIST, KTS_LANE_CLIENT,
};

/* The chain: therapist above the axis, client below, outside events inset
 * above the therapist. The process map's lanes follow, never shown. */
static const KtsLaneId flowchart_order[KTS_N_LANES] = {
  KTS_LANE_OUTSIDE, KTS_LANE_THERAPIST, KTS_LANE_SPINE, KTS_LANE_CLIENT,  KTS_LANE_T_SD,
  KTS_LANE_C_SD,    KTS_LANE_T_REL,     KTS_LANE_C_REL, KTS_LANE_ANALYST,
};

const KtsLaneId *
kts_map_lane_order (KtsMapArrangement arrangement)
{
  switch (arrangement)
    {
    case KTS_MAP_ARRANGEMENT_DYAD:
      return dyad_order;
    case KTS_MAP_ARRANGEMENT_FLOWCHART:
      return flowchart_order;
    case KTS_MAP_ARRANGEMENT_SURFACE:
    default:
      return surface_order;
    }
}

gboolean
kts_map_arrangement_has_lane (KtsMapArrangement arrangement, KtsLaneId lane)
{
  gboolean flowchart_lane = lane == KTS_LANE_THERAPIST || lane == KTS_LANE_CLIENT;

  if (lane == KTS_LANE_OUTSIDE || lane == KTS_LANE_SPINE)
    return TRUE;
  return arrangement == KTS_MAP_ARRANGEMENT_FLOWCHART ? flowchart_lane : !flowchart_lane;
}

gboolean
kts_map_arrangement_shows_theory (KtsMapArrangement arrangement)
{
  return arrangement != KTS_MAP_ARRANGEMENT_FLOWCHART;
}

gboolean
kts_map_flowchart_shows_edge (KtsEdgeType type)
{
  switch (type)
    {
    case KTS_EDGE_NEXT:
    case KTS_EDGE_RESPONDS_TO:
    case KTS_EDGE_ESCALATES:
    case KTS_EDGE_REPAIRS:
    case KTS_EDGE_FAILS:
      return TRUE;
    case KTS_EDGE_VEILS:
    case KTS_EDGE_INFORMS:
    case KTS_EDGE_SAME_EVENT:
    default:
      return FALSE;
    }
}

const char *
kts_map_lane_label (KtsLaneId lane)
{
  switch (lane)
    {
    case KTS_LANE_OUTSIDE:
      return C_ ("map lane", "Outside");
    case KTS_LANE_T_SD:
      return C_ ("map lane", "T · SD");
    case KTS_LANE_C_SD:
      return C_ ("map lane", "C · SD");
    case KTS_LANE_SPINE:
      return C_ ("map lane", "Interaction");
    case KTS_LANE_T_REL:
      return C_ ("map lane", "T · REL");
    case KTS_LANE_C_REL:
      return C_ ("map lane", "C · REL");
    case KTS_LANE_ANALYST:
      return C_ ("map lane", "Analyst reading");
    case KTS_LANE_THERAPIST:
      return C_ ("map lane", "Therapist");
    case KTS_LANE_CLIENT:
      return C_ ("map lane", "Client");
    case KTS_N_LANES:
    default:
      g_return_val_if_reached (NULL);
    }
}

guint
kts_map_lanes_for_move (KtsMove *move, KtsLaneId lanes[2])
{
  KtsActor     actor = kts_move_get_actor (move);
  KtsLocation  location = kts_move_get_location (move);
  KtsDimension dimension = kts_move_get_dimension (move);

  /* Third persons and everything that happens away from the session live in
   * the Outside lane; the card's location badge tells them apart. */
  if (actor == KTS_ACTOR_THIRD || location == KTS_LOCATION_OUTSIDE
      || location == KTS_LOCATION_BETWEEN_SESSIONS)
    {
      lanes[0] = KTS_LANE_OUTSIDE;
      return 1;
    }

  if (actor != KTS_ACTOR_THERAPIST && actor != KTS_ACTOR_CLIENT)
    {
      /* Dyad loops and moves with no actor sit on the interaction spine. */
      lanes[0] = KTS_LANE_SPINE;
      return 1;
    }

  switch (dimension)
    {
    case KTS_DIMENSION_SELF_DEFINITION:
      lanes[0] = actor == KTS_ACTOR_THERAPIST ? KTS_LANE_T_SD : KTS_LANE_C_SD;
      return 1;

    case KTS_DIMENSION_RELATEDNESS:
      lanes[0] = actor == KTS_ACTOR_THERAPIST ? KTS_LANE_T_REL : KTS_LANE_C_REL;
      return 1;

    case KTS_DIMENSION_BOTH:
      lanes[0] = actor == KTS_ACTOR_THERAPIST ? KTS_LANE_T_SD : KTS_LANE_C_SD;
      lanes[1] = actor == KTS_ACTOR_THERAPIST ? KTS_LANE_T_REL : KTS_LANE_C_REL;
      return 2;

    case KTS_DIMENSION_NONE:
    default:
      lanes[0] = KTS_LANE_SPINE;
      return 1;
    }
}

guint
kts_map_arrangement_lanes_for_move (KtsMapArrangement arrangement,
                                    KtsMove          *move,
                                    KtsLaneId         lanes[2])
{
  KtsActor    actor;
  KtsLocation location;

  g_return_val_if_fail (KTS_IS_MOVE (move), 0);

  if (arrangement != KTS_MAP_ARRANGEMENT_FLOWCHART)
    return kts_map_lanes_for_move (move, lanes);

  /* One box per move, whatever its dimensions. */
  actor = kts_move_get_actor (move);
  location = kts_move_get_location (move);
  if (actor == KTS_ACTOR_THIRD || location == KTS_LOCATION_OUTSIDE
      || location == KTS_LOCATION_BETWEEN_SESSIONS)
    lanes[0] = KTS_LANE_OUTSIDE;
  else if (actor == KTS_ACTOR_THERAPIST)
    lanes[0] = KTS_LANE_THERAPIST;
  else if (actor == KTS_ACTOR_CLIENT)
    lanes[0] = KTS_LANE_CLIENT;
  else
    lanes[0] = KTS_LANE_SPINE;
  return 1;
}

void
kts_map_layout_options_init (KtsMapLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (KtsMapLayoutOptions){
    .arrangement = KTS_MAP_ARRANGEMENT_SURFACE,
    .card_width = 200,
    .column_gap = 36,
    .lane_padding = 14,
    .lane_label_width = 110,
    .spine_height = 56,
    .min_lane_height = 60,
    .collapse_empty = TRUE,
    .band_header_height = 0,
    .min_step = 84,
    .spine_top_reserve = 0,
    .spine_bottom_reserve = 0,
    .measure = NULL,
    .measure_data = NULL,
  };
}

static void
tick_clear (gpointer data)
{
  KtsMapTick *tick = data;

  g_free (tick->text);
}

void
kts_map_layout_free (KtsMapLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->cards, g_array_unref);
  g_clear_pointer (&layout->bands, g_array_unref);
  g_clear_pointer (&layout->ticks, g_array_unref);
  g_clear_pointer (&layout->routes, g_array_unref);
  g_clear_pointer (&layout->clean_start, g_free);
  g_free (layout);
}

static gboolean
rects_overlap (const KtsMapCard *a, const KtsMapCard *b, double margin)
{
  return a->x < b->x + b->width + margin && b->x < a->x + a->width + margin
         && a->y < b->y + b->height + margin && b->y < a->y + a->height + margin;
}

/* A y in the padding strip at the top (or bottom) of @lane, nudged per edge
 * so parallel routes stay apart. No card ever reaches into these strips. */
static double
channel_y (const KtsMapLayout        *layout,
           const KtsMapLayoutOptions *options,
           KtsLaneId                  lane,
           gboolean                   bottom,
           guint                      k)
{
  const KtsMapLane *l = &layout->lanes[lane];
  double            strip = options->lane_padding;
  double            offset = strip / 2.0 + ((double)(k % 5) - 2.0) * MIN (2.5, strip / 6.0);

  return bottom ? l->y + l->height - offset : l->y + offset;
}

static void
route_add (KtsMapRoute *route, double x, double y)
{
  g_assert (route->n_points < G_N_ELEMENTS (route->points));

  /* Drop points that repeat the previous one. */
  if (route->n_points > 0 && fabs (route->points[route->n_points - 1].x - x) < 1e-6
      && fabs (route->points[route->n_points - 1].y - y) < 1e-6)
    return;

  route->points[route->n_points].x = x;
  route->points[route->n_points].y = y;
  route->n_points++;
}

typedef struct
{
  double x0;
  double x1;
} Interval;

static int
compare_intervals (gconstpointer a, gconstpointer b)
{
  const Interval *x = a, *y = b;

  return x->x0 < y->x0 ? -1 : (x->x0 > y->x0);
}

/* The x nearest to @desired where a vertical line from @y0 to @y1 touches
 * no card (other than the route's own two). There always is one: left of
 * the first column the lane labels leave room. */
static double
free_x (const KtsMapLayout *layout, double y0, double y1, int skip_a, int skip_b, double desired)
{
  g_autoptr (GArray) blocked = g_array_new (FALSE, FALSE, sizeof (Interval));
  const double margin = 6;
  double       best = desired, best_d = G_MAXDOUBLE;
  double       lo = MIN (y0, y1), hi = MAX (y0, y1);
  double       cursor = -G_MAXDOUBLE;

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *c = &g_array_index (layout->cards, KtsMapCard, i);

      if ((int)i == skip_a || (int)i == skip_b)
        continue;
      if (c->y >= hi || c->y + c->height <= lo)
        continue;
      g_array_append_val (blocked, ((Interval){ c->x - margin, c->x + c->width + margin }));
    }
  if (blocked->len == 0)
    return desired;
  g_array_sort (blocked, compare_intervals);

  /* Walk the free gaps between merged blocked intervals. */
  for (guint i = 0; i <= blocked->len; i++)
    {
      double gap_lo = cursor;
      double gap_hi = i < blocked->len ? g_array_index (blocked, Interval, i).x0 : G_MAXDOUBLE;

      if (gap_hi > gap_lo)
        {
          double x = CLAMP (desired, gap_lo, gap_hi);
          double d = fabs (x - desired);

          if (d < best_d)
            {
              best_d = d;
              best = x;
            }
        }
      if (i < blocked->len)
        cursor = MAX (cursor, g_array_index (blocked, Interval, i).x1);
    }
  return best;
}

/* Is any card other than @s and @t in @lane between x0 and x1? */
static gboolean
lane_clear_between (const KtsMapLayout *layout, KtsLaneId lane, int s, int t, double x0, double x1)
{
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *c = &g_array_index (layout->cards, KtsMapCard, i);

      if ((int)i == s || (int)i == t || c->lane != lane)
        continue;
      if (c->x < x1 && c->x + c->width > x0)
        return FALSE;
    }
  return TRUE;
}

/* Routes run in the padding strips of lanes, where no card reaches, and
 * cross lanes vertically only where no card stands, so an edge never passes
 * under a card. Arrows leave and enter cards by their top or bottom when the
 * other end is in another lane, by their side within a lane. */
static void
route_between (KtsMapLayout              *layout,
               const KtsMapLayoutOptions *options,
               KtsMapRoute               *route,
               guint                      k)
{
  const KtsMapCard *s = &g_array_index (layout->cards, KtsMapCard, route->from_card);
  const KtsMapCard *t = &g_array_index (layout->cards, KtsMapCard, route->to_card);
  double            nudge = ((double)(k % 5) - 2.0) * 3.0;

  route->n_points = 0;

  if (route->type == KTS_EDGE_SAME_EVENT && s->move == t->move)
    {
      /* The bar joining the two cards of one event. */
      const KtsMapCard *upper = s->y <= t->y ? s : t;
      const KtsMapCard *lower = s->y <= t->y ? t : s;
      double            x
          = (MAX (upper->x, lower->x) + MIN (upper->x + upper->width, lower->x + lower->width)) / 2;

      route_add (route, x, upper->y + upper->height);
      route_add (route, x, lower->y);
      return;
    }

  if (s->lane == t->lane)
    {
      gboolean forward = t->x >= s->x;
      double   y = MIN (s->y, t->y) + MIN (MIN (s->height, t->height) / 2.0, 24.0);
      double   x0 = forward ? s->x + s->width : t->x + t->width;
      double   x1 = forward ? t->x : s->x;

      if (x1 > x0 && lane_clear_between (layout, s->lane, route->from_card, route->to_card, x0, x1))
        {
          /* Side by side with nothing between: straight across. */
          route_add (route, forward ? x0 : x1, y);
          route_add (route, forward ? x1 : x0, y);
          return;
        }
      /* Over the top of the lane, entering from above. */
      {
        double cy = channel_y (layout, options, s->lane, FALSE, k);
        double sx = s->x + s->width * (forward ? 0.7 : 0.3);
        double tx = t->x + t->width * (forward ? 0.3 : 0.7);

        route_add (route, sx, s->y);
        route_add (route, sx, cy);
        route_add (route, tx, cy);
        route_add (route, tx, t->y);
      }
      return;
    }

  {
    gboolean down = layout->lanes[s->lane].y < layout->lanes[t->lane].y;
    double   s_edge = down ? s->y + s->height : s->y;
    double   t_edge = down ? t->y : t->y + t->height;
    double   ys = channel_y (layout, options, s->lane, down, k);
    double   yt = channel_y (layout, options, t->lane, !down, k);
    double   ov0 = MAX (s->x, t->x) + 10, ov1 = MIN (s->x + s->width, t->x + t->width) - 10;
    double   sx, tx, mid;

    /* Overlapping cards: one straight drop if nothing stands between. */
    if (ov1 > ov0)
      {
        double x = free_x (layout, s_edge, t_edge, route->from_card, route->to_card,
                           (ov0 + ov1) / 2 + nudge);
        if (x >= ov0 && x <= ov1)
          {
            route_add (route, x, s_edge);
            route_add (route, x, t_edge);
            return;
          }
      }

    sx = s->x + s->width * (t->x >= s->x ? 0.65 : 0.35) + nudge;
    tx = t->x + t->width * (t->x >= s->x ? 0.35 : 0.65) + nudge;
    mid = free_x (layout, ys, yt, route->from_card, route->to_card, (sx + tx) / 2);
    route_add (route, sx, s_edge);
    route_add (route, sx, ys);
    route_add (route, mid, ys);
    route_add (route, mid, yt);
    route_add (route, tx, yt);
    route_add (route, tx, t_edge);
  }
}

/* The pair of cards (one of each move) closest to each other vertically. */
static void
pick_cards (
    const int *first_card, GArray *cards, guint source_move, guint target_move, int *from, int *to)
{
  int               s0 = first_card[source_move];
  int               t0 = first_card[target_move];
  const KtsMapCard *sc = &g_array_index (cards, KtsMapCard, s0);
  const KtsMapCard *tc = &g_array_index (cards, KtsMapCard, t0);
  int               s_candidates[2] = { s0, sc->twin };
  int               t_candidates[2] = { t0, tc->twin };
  double            best = G_MAXDOUBLE;

  *from = s0;
  *to = t0;
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        const KtsMapCard *a, *b;
        double            d;

        if (s_candidates[i] < 0 || t_candidates[j] < 0)
          continue;
        a = &g_array_index (cards, KtsMapCard, s_candidates[i]);
        b = &g_array_index (cards, KtsMapCard, t_candidates[j]);
        d = fabs (a->y - b->y);
        if (d < best - 1e-9)
          {
            best = d;
            *from = s_candidates[i];
            *to = t_candidates[j];
          }
      }
}

/* Where each move's cards go, left to right in event order. A move starts at
 * least one step after the one before it; with a step shorter than a card,
 * moves in different lanes overlap in x (a staggered sequence), which keeps
 * the event order readable from the left edges while using the paper. No two
 * cards of one lane overlap, a two-lane move keeps the lanes between its
 * cards clear for the bar joining them, and a new phase starts after every
 * card of the phase before, so phase bands never cut through cards. */
static double *
compact_columns (KtsMapLayout              *layout,
                 const KtsMapLayoutOptions *options,
                 KtsEpisode                *episode,
                 const int                 *first_card,
                 guint                      n_moves)
{
  double          *x = g_new0 (double, MAX (n_moves, 1));
  double           lane_free[KTS_N_LANES];
  const KtsLaneId *order = kts_map_lane_order (options->arrangement);
  double           pitch = options->card_width + options->column_gap;
  double           step = options->min_step > 0 ? MIN (options->min_step, pitch) : pitch;
  double           previous = layout->content_x - step;
  double           right = layout->content_x;
  KtsPhase         phase = KTS_PHASE_UNSET;
  GListModel      *moves = kts_episode_get_moves (episode);
  int              rank[KTS_N_LANES];

  for (guint i = 0; i < KTS_N_LANES; i++)
    {
      lane_free[i] = layout->content_x;
      rank[order[i]] = (int)i;
    }

  layout->clean_start = g_new0 (guint8, MAX (n_moves, 1));
  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, first_card[i]);
      KtsPhase          p = kts_move_get_phase (move);
      int               lo = rank[card->lane], hi = rank[card->lane];
      double            at = MAX (layout->content_x, previous + step);

      if (card->twin >= 0)
        {
          int other = rank[g_array_index (layout->cards, KtsMapCard, card->twin).lane];
          lo = MIN (lo, other);
          hi = MAX (hi, other);
        }
      if ((p != KTS_PHASE_UNSET && p != phase && i > 0)
          || (options->row_starts != NULL && i < options->n_row_starts && options->row_starts[i]))
        at = MAX (at, right);
      for (int r = lo; r <= hi; r++)
        at = MAX (at, lane_free[order[r]]);

      x[i] = at;
      layout->clean_start[i] = at >= right - 1e-6;
      for (int r = lo; r <= hi; r++)
        lane_free[order[r]] = at + pitch;
      right = MAX (right, at + pitch);
      previous = at;
      if (p != KTS_PHASE_UNSET)
        phase = p;
    }
  return x;
}

KtsMapLayout *
kts_map_layout_compute (KtsEpisode *episode, const KtsMapLayoutOptions *options)
{
  KtsMapLayoutOptions defaults;
  g_autofree int     *first_card = NULL;
  GListModel         *moves;
  GListModel         *edges;
  KtsMapLayout       *layout;
  const KtsLaneId    *order;
  double              lane_content[KTS_N_LANES] = { 0 };
  gboolean            lane_used[KTS_N_LANES] = { FALSE };
  double              y;
  guint               n_moves;
  g_autoptr (GHashTable) move_index = NULL;

  g_return_val_if_fail (KTS_IS_EPISODE (episode), NULL);

  if (options == NULL)
    {
      kts_map_layout_options_init (&defaults);
      options = &defaults;
    }

  layout = g_new0 (KtsMapLayout, 1);
  layout->cards = g_array_new (FALSE, TRUE, sizeof (KtsMapCard));
  layout->bands = g_array_new (FALSE, TRUE, sizeof (KtsMapBand));
  layout->ticks = g_array_new (FALSE, TRUE, sizeof (KtsMapTick));
  g_array_set_clear_func (layout->ticks, tick_clear);
  layout->routes = g_array_new (FALSE, TRUE, sizeof (KtsMapRoute));
  layout->content_x = options->lane_label_width + options->column_gap;
  layout->arrangement = options->arrangement;

  moves = kts_episode_get_moves (episode);
  edges = kts_episode_get_edges (episode);
  n_moves = g_list_model_get_n_items (moves);
  layout->n_columns = n_moves;
  first_card = g_new (int, MAX (n_moves, 1));
  move_index = g_hash_table_new (NULL, NULL);

  /* 1. One column per move; measure each card. */
  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      KtsLaneId lanes[2];
      guint     n = kts_map_arrangement_lanes_for_move (options->arrangement, move, lanes);

      g_hash_table_insert (move_index, move, GUINT_TO_POINTER (i + 1));
      first_card[i] = layout->cards->len;

      for (guint j = 0; j < n; j++)
        {
          KtsMapCard card = { 0 };

          card.move = move;
          card.move_index = i;
          card.lane = lanes[j];
          card.column = i;
          card.width = options->card_width;
          card.height
              = options->measure != NULL
                    ? options->measure (move, lanes[j], options->card_width, options->measure_data)
                    : 120.0;
          card.twin = n == 2 ? (int)layout->cards->len + (j == 0 ? 1 : -1) : -1;
          /* Manual positions belong to the process map; the flowchart is
           * always the automatic chain. */
          card.manual = kts_move_get_position (move, NULL, NULL)
                        && options->arrangement != KTS_MAP_ARRANGEMENT_FLOWCHART;
          g_array_append_val (layout->cards, card);

          lane_used[lanes[j]] = TRUE;
          lane_content[lanes[j]] = MAX (lane_content[lanes[j]], card.height);
        }
    }

  /* 2. Lanes top to bottom. */
  order = kts_map_lane_order (options->arrangement);
  y = options->band_header_height;
  for (guint i = 0; i < KTS_N_LANES; i++)
    {
      KtsLaneId   id = order[i];
      KtsMapLane *lane = &layout->lanes[id];
      gboolean    visible;

      lane->id = id;
      if (!kts_map_arrangement_has_lane (options->arrangement, id))
        visible = FALSE;
      else if (id == KTS_LANE_SPINE)
        visible = TRUE;
      else if (id == KTS_LANE_ANALYST)
        visible = !options->collapse_empty || kts_episode_get_pattern_formula (episode) != NULL;
      else
        visible = !options->collapse_empty || lane_used[id];

      lane->visible = visible;
      lane->y = y;
      if (!visible)
        {
          lane->height = 0;
          continue;
        }

      if (id == KTS_LANE_SPINE)
        lane->height = MAX (options->spine_height,
                            (lane_used[id] ? lane_content[id] + 2 * options->lane_padding : 0)
                                + options->spine_top_reserve + options->spine_bottom_reserve);
      else
        lane->height = MAX (options->min_lane_height, lane_content[id] + 2 * options->lane_padding);
      y += lane->height;
    }
  layout->spine_y = layout->lanes[KTS_LANE_SPINE].y + layout->lanes[KTS_LANE_SPINE].height / 2.0;
  layout->height = y;

  /* 3. Place cards: automatic ones by column, manual ones where the analyst
   * put them; then push automatic cards right (with everything after them)
   * until nothing overlaps. */
  {
    double             shift = 0;
    GArray            *placed = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autofree double *move_x = compact_columns (layout, options, episode, first_card, n_moves);

    for (guint i = 0; i < layout->cards->len; i++)
      {
        KtsMapCard       *card = &g_array_index (layout->cards, KtsMapCard, i);
        const KtsMapLane *lane = &layout->lanes[card->lane];

        if (card->manual)
          {
            double mx = 0, my = 0;

            kts_move_get_position (card->move, &mx, &my);
            card->x = mx;
            card->y = my;
            /* The twin of a manually placed card keeps its offset. */
            if (card->twin >= 0 && (guint)card->twin < i)
              {
                const KtsMapCard *first = &g_array_index (layout->cards, KtsMapCard, card->twin);
                card->x = first->x;
                card->y = first->y + first->height + options->lane_padding;
              }
          }
        else
          {
            card->x = move_x[card->move_index] + shift;
            card->y = lane->y + options->lane_padding
                      + (card->lane == KTS_LANE_SPINE ? options->spine_top_reserve : 0);
          }

        for (guint guard = 0; guard < layout->cards->len + 1; guard++)
          {
            gboolean moved = FALSE;

            for (guint k = 0; k < placed->len; k++)
              {
                const KtsMapCard *other
                    = &g_array_index (layout->cards, KtsMapCard, g_array_index (placed, guint, k));

                if (!rects_overlap (card, other, 0.5))
                  continue;

                if (card->manual)
                  card->y = other->y + other->height + options->lane_padding;
                else
                  {
                    double dx = other->x + other->width + options->column_gap - card->x;
                    card->x += dx;
                    shift += dx;
                  }
                moved = TRUE;
              }
            if (!moved)
              break;
          }

        g_array_append_val (placed, i);
      }
    g_array_unref (placed);
  }

  /* The twin of an automatic card shares its column x. */
  for (guint i = 0; i < layout->cards->len; i++)
    {
      KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);

      if (card->twin > (int)i && !card->manual)
        {
          KtsMapCard *twin = &g_array_index (layout->cards, KtsMapCard, card->twin);
          double      x = MAX (card->x, twin->x);

          card->x = twin->x = x;
        }
    }

  /* 4. Extent. */
  layout->width = layout->content_x;
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);

      layout->width = MAX (layout->width, card->x + card->width + options->column_gap);
      layout->height = MAX (layout->height, card->y + card->height + options->lane_padding);
    }

  /* 5. Phase bands: runs of moves in one phase; an unset phase continues the
   * band before it. */
  {
    KtsPhase current = KTS_PHASE_UNSET;
    guint    counts[KTS_PHASE_AFTER + 1] = { 0 };

    for (guint i = 0; i < n_moves; i++)
      {
        g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
        const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, first_card[i]);
        KtsPhase          phase = kts_move_get_phase (move);
        double            x0 = card->x - options->column_gap / 2.0;
        double            x1 = card->x + card->width + options->column_gap / 2.0;

        if (phase == KTS_PHASE_UNSET)
          phase = current;

        if (layout->bands->len > 0 && phase == current)
          {
            KtsMapBand *band = &g_array_index (layout->bands, KtsMapBand, layout->bands->len - 1);
            band->x0 = MIN (band->x0, x0);
            band->x1 = MAX (band->x1, x1);
          }
        else if (phase != KTS_PHASE_UNSET)
          {
            KtsMapBand band = { phase, ++counts[phase], x0, x1 };

            /* Bands touch but never overlap. */
            if (layout->bands->len > 0)
              {
                KtsMapBand *prev
                    = &g_array_index (layout->bands, KtsMapBand, layout->bands->len - 1);
                if (prev->x1 > band.x0)
                  prev->x1 = band.x0;
              }
            g_array_append_val (layout->bands, band);
          }
        current = phase;
      }
  }

  /* 6. Session ticks where the session reference changes. */
  {
    const char *previous = NULL;

    for (guint i = 0; i < n_moves; i++)
      {
        g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
        const char       *ref = kts_move_get_session_ref (move);
        const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, first_card[i]);

        if (ref != NULL && g_strcmp0 (ref, previous) != 0)
          {
            KtsMapTick tick = { card->x, g_strdup (ref) };
            g_array_append_val (layout->ticks, tick);
          }
        if (ref != NULL)
          previous = ref;
      }
  }

  /* 7. Routes: the same-event bars of two-lane moves, then every edge. */
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);

      if (card->twin > (int)i)
        {
          KtsMapRoute route = { 0 };

          route.type = KTS_EDGE_SAME_EVENT;
          route.from_card = i;
          route.to_card = card->twin;
          route_between (layout, options, &route, layout->routes->len);
          g_array_append_val (layout->routes, route);
        }
    }

  /* The flowchart's chain: an arrow from every move to the next. */
  if (options->arrangement == KTS_MAP_ARRANGEMENT_FLOWCHART)
    for (guint i = 0; i + 1 < n_moves; i++)
      {
        KtsMapRoute route = { 0 };

        route.type = KTS_EDGE_NEXT;
        route.from_card = first_card[i];
        route.to_card = first_card[i + 1];
        route_between (layout, options, &route, layout->routes->len);
        g_array_append_val (layout->routes, route);
      }

  for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
    {
      g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);
      gpointer    s = g_hash_table_lookup (move_index, kts_edge_get_source (edge));
      gpointer    t = g_hash_table_lookup (move_index, kts_edge_get_target (edge));
      KtsMapRoute route = { 0 };

      if (s == NULL || t == NULL)
        continue;
      if (options->arrangement == KTS_MAP_ARRANGEMENT_FLOWCHART)
        {
          KtsEdgeType type = kts_edge_get_edge_type (edge);

          /* Theory stays out; a "next" edge the chain already draws is
           * not drawn twice. */
          if (!kts_map_flowchart_shows_edge (type)
              || (type == KTS_EDGE_NEXT && GPOINTER_TO_UINT (t) == GPOINTER_TO_UINT (s) + 1))
            continue;
        }

      route.edge = edge;
      route.type = kts_edge_get_edge_type (edge);
      pick_cards (first_card, layout->cards, GPOINTER_TO_UINT (s) - 1, GPOINTER_TO_UINT (t) - 1,
                  &route.from_card, &route.to_card);
      route_between (layout, options, &route, i);
      g_array_append_val (layout->routes, route);
    }

  return layout;
}

int
kts_map_layout_hit_card (KtsMapLayout *layout, double x, double y)
{
  g_return_val_if_fail (layout != NULL, -1);

  /* Last drawn is on top. */
  for (guint i = layout->cards->len; i > 0; i--)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i - 1);

      if (x >= card->x && x < card->x + card->width && y >= card->y && y < card->y + card->height)
        return (int)i - 1;
    }
  return -1;
}
