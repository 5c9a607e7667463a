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
  KTS_LANE_OUTSIDE, KTS_LANE_T_SD,  KTS_LANE_C_SD,    KTS_LANE_SPINE,
  KTS_LANE_T_REL,   KTS_LANE_C_REL, KTS_LANE_ANALYST,
};

static const KtsLaneId dyad_order[KTS_N_LANES] = {
  KTS_LANE_OUTSIDE, KTS_LANE_T_REL, KTS_LANE_T_SD,    KTS_LANE_SPINE,
  KTS_LANE_C_SD,    KTS_LANE_C_REL, KTS_LANE_ANALYST,
};

const KtsLaneId *
kts_map_lane_order (KtsMapArrangement arrangement)
{
  return arrangement == KTS_MAP_ARRANGEMENT_DYAD ? dyad_order : surface_order;
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
  g_free (layout);
}

static gboolean
rects_overlap (const KtsMapCard *a, const KtsMapCard *b, double margin)
{
  return a->x < b->x + b->width + margin && b->x < a->x + a->width + margin
         && a->y < b->y + b->height + margin && b->y < a->y + a->height + margin;
}

static int
lane_rank (const KtsMapLayout *layout, KtsLaneId lane)
{
  /* Lanes are laid out by y, so y order is rank order. */
  return (int)layout->lanes[lane].y;
}

/* A y in the padding strip at the top of @lane, nudged per edge so parallel
 * routes stay apart. */
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

static double
gutter_x (const KtsMapCard *card, const KtsMapLayoutOptions *options, gboolean right, guint k)
{
  double nudge = ((double)(k % 5) - 2.0) * MIN (3.0, options->column_gap / 10.0);

  if (right)
    return card->x + card->width + options->column_gap / 2.0 + nudge;
  return card->x - options->column_gap / 2.0 + nudge;
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

static void
route_between (KtsMapLayout              *layout,
               const KtsMapLayoutOptions *options,
               KtsMapRoute               *route,
               guint                      k)
{
  const KtsMapCard *s = &g_array_index (layout->cards, KtsMapCard, route->from_card);
  const KtsMapCard *t = &g_array_index (layout->cards, KtsMapCard, route->to_card);
  gboolean          same_lane = s->lane == t->lane;

  route->n_points = 0;

  if (route->type == KTS_EDGE_SAME_EVENT || s->column == t->column)
    {
      /* Vertical link between cards of one column (twins, or a veils link
       * down the same event): bottom of the upper card to top of the lower. */
      const KtsMapCard *upper = s->y <= t->y ? s : t;
      const KtsMapCard *lower = s->y <= t->y ? t : s;
      double            fraction = route->type == KTS_EDGE_SAME_EVENT ? 0.5 : 0.3;
      double            x = MAX (upper->x, lower->x) + MIN (upper->width, lower->width) * fraction;

      if (s == upper)
        {
          route_add (route, x, upper->y + upper->height);
          route_add (route, x, lower->y);
        }
      else
        {
          route_add (route, x, lower->y);
          route_add (route, x, upper->y + upper->height);
        }
      return;
    }

  if (s->column < t->column)
    {
      double sy = s->y + MIN (s->height / 2.0, 24.0);
      double ty = t->y + MIN (t->height / 2.0, 24.0);
      double g1 = gutter_x (s, options, TRUE, k);
      double g2 = gutter_x (t, options, FALSE, k);

      route_add (route, s->x + s->width, sy);
      if (same_lane && t->column == s->column + 1 && fabs (sy - ty) < 1e-6)
        {
          route_add (route, t->x, ty);
          return;
        }
      if (t->column == s->column + 1)
        {
          /* Neighbouring columns: one vertical run in the shared gutter. */
          double g = (g1 + g2) / 2.0;
          route_add (route, g, sy);
          route_add (route, g, ty);
          route_add (route, t->x, ty);
          return;
        }
      else
        {
          /* Travel along the padding strip of the target lane (above its
           * cards), entering from the gutter before the target. */
          double cy = channel_y (layout, options, t->lane, FALSE, k);

          route_add (route, g1, sy);
          route_add (route, g1, cy);
          route_add (route, g2, cy);
          route_add (route, g2, ty);
          route_add (route, t->x, ty);
          return;
        }
    }

  /* Backwards (a repair pointing back at the marker it addresses): leave by
   * the left gutter, run along a padding strip, enter from the right. */
  {
    double    sy = s->y + MIN (s->height / 2.0, 24.0);
    double    ty = t->y + MIN (t->height / 2.0, 24.0);
    double    g1 = gutter_x (s, options, FALSE, k);
    double    g2 = gutter_x (t, options, TRUE, k);
    KtsLaneId strip_lane;
    gboolean  bottom;

    if (same_lane)
      {
        strip_lane = s->lane;
        bottom = TRUE;
      }
    else if (lane_rank (layout, t->lane) < lane_rank (layout, s->lane))
      {
        strip_lane = t->lane;
        bottom = TRUE;
      }
    else
      {
        strip_lane = t->lane;
        bottom = FALSE;
      }

    route_add (route, s->x, sy);
    route_add (route, g1, sy);
    route_add (route, g1, channel_y (layout, options, strip_lane, bottom, k));
    route_add (route, g2, channel_y (layout, options, strip_lane, bottom, k));
    route_add (route, g2, ty);
    route_add (route, t->x + t->width, ty);
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
      guint     n = kts_map_lanes_for_move (move, lanes);

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
          card.manual = kts_move_get_position (move, NULL, NULL);
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
      if (id == KTS_LANE_SPINE)
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
    double  shift = 0;
    double  pitch = options->card_width + options->column_gap;
    GArray *placed = g_array_new (FALSE, FALSE, sizeof (guint));

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
            card->x = layout->content_x + card->column * pitch + shift;
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

  for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
    {
      g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);
      gpointer    s = g_hash_table_lookup (move_index, kts_edge_get_source (edge));
      gpointer    t = g_hash_table_lookup (move_index, kts_edge_get_target (edge));
      KtsMapRoute route = { 0 };

      if (s == NULL || t == NULL)
        continue;

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
