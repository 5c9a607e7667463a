/* test-map-layout.c: process-map layout checked with numbers, and painting.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kts-map-fixture.h"
#include "kts-map-layout.h"
#include "kts-map-painter.h"
#include "kts-model-private.h"

static double
fake_measure (KtsMove *move, KtsLaneId lane, double width, gpointer user_data)
{
  /* Taller cards for longer labels, as text measurement would give. */
  return 60.0 + 12.0 * (double)(strlen (kts_move_get_label (move)) / 20);
}

static void
options_for_test (KtsMapLayoutOptions *options)
{
  kts_map_layout_options_init (options);
  options->measure = fake_measure;
}

static gboolean
overlap (const KtsMapCard *a, const KtsMapCard *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height
         && b->y < a->y + a->height;
}

static void
assert_no_overlap (KtsMapLayout *layout)
{
  for (guint i = 0; i < layout->cards->len; i++)
    for (guint j = i + 1; j < layout->cards->len; j++)
      {
        const KtsMapCard *a = &g_array_index (layout->cards, KtsMapCard, i);
        const KtsMapCard *b = &g_array_index (layout->cards, KtsMapCard, j);

        if (overlap (a, b))
          g_error ("cards %s and %s overlap", kts_move_get_ident (a->move),
                   kts_move_get_ident (b->move));
      }
}

static void
assert_lane_membership (KtsMapLayout *layout)
{
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
      const KtsMapLane *lane = &layout->lanes[card->lane];
      KtsLaneId         lanes[2];
      guint             n = kts_map_lanes_for_move (card->move, lanes);

      g_assert_true (lane->visible);
      g_assert_true (card->lane == lanes[0] || (n == 2 && card->lane == lanes[1]));
      if (!card->manual)
        {
          g_assert_cmpfloat (card->y, >=, lane->y);
          g_assert_cmpfloat (card->y + card->height, <=, lane->y + lane->height + 1e-6);
        }
    }
}

/* Event order reads left to right. */
static void
assert_order (KtsMapLayout *layout)
{
  double last_x = -1;
  guint  last_move = G_MAXUINT;

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);

      if (card->manual || card->move_index == last_move)
        continue;
      g_assert_cmpfloat (card->x, >, last_x);
      last_x = card->x;
      last_move = card->move_index;
    }
}

/* No route segment passes through a card other than the two it joins. */
static void
assert_routes_avoid_cards (KtsMapLayout *layout)
{
  for (guint r = 0; r < layout->routes->len; r++)
    {
      const KtsMapRoute *route = &g_array_index (layout->routes, KtsMapRoute, r);

      g_assert_cmpuint (route->n_points, >=, 2);
      for (guint k = 1; k < route->n_points; k++)
        {
          KtsMapPoint a = route->points[k - 1];
          KtsMapPoint b = route->points[k];

          for (guint c = 0; c < layout->cards->len; c++)
            {
              const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, c);
              double            x0 = MIN (a.x, b.x), x1 = MAX (a.x, b.x);
              double            y0 = MIN (a.y, b.y), y1 = MAX (a.y, b.y);

              if ((int)c == route->from_card || (int)c == route->to_card)
                continue;
              /* Segments are axis-parallel; test against the card's interior. */
              if (x0 < card->x + card->width - 0.5 && card->x + 0.5 < x1 + (x0 == x1 ? 1 : 0)
                  && y0 < card->y + card->height - 0.5 && card->y + 0.5 < y1 + (y0 == y1 ? 1 : 0))
                g_error ("a %s route crosses card %s",
                         kts_enum_to_nick (KTS_TYPE_EDGE_TYPE, route->type),
                         kts_move_get_ident (card->move));
            }
        }
    }
}

static void
assert_layouts_equal (KtsMapLayout *a, KtsMapLayout *b)
{
  g_assert_cmpfloat (a->width, ==, b->width);
  g_assert_cmpfloat (a->height, ==, b->height);
  g_assert_cmpuint (a->cards->len, ==, b->cards->len);
  g_assert_cmpmem (a->cards->data, a->cards->len * sizeof (KtsMapCard), b->cards->data,
                   b->cards->len * sizeof (KtsMapCard));
  g_assert_cmpuint (a->routes->len, ==, b->routes->len);
  g_assert_cmpmem (a->routes->data, a->routes->len * sizeof (KtsMapRoute), b->routes->data,
                   b->routes->len * sizeof (KtsMapRoute));
  g_assert_cmpmem (a->lanes, sizeof a->lanes, b->lanes, sizeof b->lanes);
}

static void
test_cases_layout (void)
{
  for (guint i = 0; kts_map_fixture_names[i] != NULL; i++)
    for (int arrangement = 0; arrangement < 2; arrangement++)
      {
        g_autoptr (KtsEpisode) episode = kts_map_fixture_load (kts_map_fixture_names[i]);
        KtsMapLayoutOptions options;
        g_autoptr (KtsMapLayout) layout = NULL;
        g_autoptr (KtsMapLayout) again = NULL;

        g_test_message ("%s, arrangement %d", kts_map_fixture_names[i], arrangement);
        options_for_test (&options);
        options.arrangement = arrangement;
        layout = kts_map_layout_compute (episode, &options);
        again = kts_map_layout_compute (episode, &options);

        g_assert_cmpuint (layout->n_columns, ==,
                          g_list_model_get_n_items (kts_episode_get_moves (episode)));
        assert_no_overlap (layout);
        assert_lane_membership (layout);
        assert_order (layout);
        assert_routes_avoid_cards (layout);
        assert_layouts_equal (layout, again);
        g_assert_true (layout->lanes[KTS_LANE_SPINE].visible);
      }
}

static void
test_lane_order (void)
{
  const KtsLaneId *surface = kts_map_lane_order (KTS_MAP_ARRANGEMENT_SURFACE);
  const KtsLaneId *dyad = kts_map_lane_order (KTS_MAP_ARRANGEMENT_DYAD);
  g_autoptr (KtsEpisode) episode = kts_map_fixture_load ("case-e.txt");
  KtsMapLayoutOptions options;
  g_autoptr (KtsMapLayout) s = NULL;
  g_autoptr (KtsMapLayout) d = NULL;

  g_assert_cmpint (surface[1], ==, KTS_LANE_T_SD);
  g_assert_cmpint (surface[3], ==, KTS_LANE_SPINE);
  g_assert_cmpint (surface[4], ==, KTS_LANE_T_REL);
  g_assert_cmpint (dyad[1], ==, KTS_LANE_T_REL);
  g_assert_cmpint (dyad[2], ==, KTS_LANE_T_SD);
  g_assert_cmpint (dyad[4], ==, KTS_LANE_C_SD);

  options_for_test (&options);
  s = kts_map_layout_compute (episode, &options);
  options.arrangement = KTS_MAP_ARRANGEMENT_DYAD;
  d = kts_map_layout_compute (episode, &options);

  /* Surface: both SD lanes above the spine, both REL lanes below. */
  g_assert_cmpfloat (s->lanes[KTS_LANE_T_SD].y, <, s->lanes[KTS_LANE_SPINE].y);
  g_assert_cmpfloat (s->lanes[KTS_LANE_C_SD].y, <, s->lanes[KTS_LANE_SPINE].y);
  g_assert_cmpfloat (s->lanes[KTS_LANE_T_REL].y, >, s->lanes[KTS_LANE_SPINE].y);
  g_assert_cmpfloat (s->lanes[KTS_LANE_C_REL].y, >, s->lanes[KTS_LANE_SPINE].y);
  /* Dyad: the therapist above, the client below. */
  g_assert_cmpfloat (d->lanes[KTS_LANE_T_REL].y, <, d->lanes[KTS_LANE_T_SD].y);
  g_assert_cmpfloat (d->lanes[KTS_LANE_T_SD].y, <, d->lanes[KTS_LANE_SPINE].y);
  g_assert_cmpfloat (d->lanes[KTS_LANE_C_SD].y, >, d->lanes[KTS_LANE_SPINE].y);
  g_assert_cmpfloat (d->lanes[KTS_LANE_C_REL].y, >, d->lanes[KTS_LANE_C_SD].y);
  /* Same cards, other places. */
  g_assert_cmpuint (s->cards->len, ==, d->cards->len);
}

static void
test_empty_lanes_collapse (void)
{
  g_autoptr (KtsEpisode) episode = kts_map_fixture_load ("vignette-toto-1.txt");
  KtsMapLayoutOptions options;
  g_autoptr (KtsMapLayout) layout = NULL;

  options_for_test (&options);
  layout = kts_map_layout_compute (episode, &options);
  /* Toto 1 has no client relatedness move, nothing outside, no formula. */
  g_assert_false (layout->lanes[KTS_LANE_C_REL].visible);
  g_assert_false (layout->lanes[KTS_LANE_OUTSIDE].visible);
  g_assert_false (layout->lanes[KTS_LANE_ANALYST].visible);
  g_assert_cmpfloat (layout->lanes[KTS_LANE_C_REL].height, ==, 0);
  g_assert_true (layout->lanes[KTS_LANE_T_SD].visible);
  g_assert_true (layout->lanes[KTS_LANE_T_REL].visible); /* toto1 is in both dimensions */

  options.collapse_empty = FALSE;
  {
    g_autoptr (KtsMapLayout) full = kts_map_layout_compute (episode, &options);
    /* Every lane of the arrangement shows; the flowchart's never do. */
    for (guint i = 0; i < KTS_N_LANES; i++)
      g_assert_true (full->lanes[i].visible
                     == kts_map_arrangement_has_lane (options.arrangement, (KtsLaneId)i));
    g_assert_false (full->lanes[KTS_LANE_THERAPIST].visible);
  }
}

static int
card_of (KtsMapLayout *layout, const char *ident, KtsLaneId lane)
{
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
      if (g_str_equal (kts_move_get_ident (card->move), ident)
          && (lane == KTS_N_LANES || card->lane == lane))
        return i;
    }
  return -1;
}

static KtsMapCard *
card_at (KtsMapLayout *layout, int index)
{
  g_assert_cmpint (index, >=, 0);
  return &g_array_index (layout->cards, KtsMapCard, index);
}

/* The B.13 acceptance checklist, item by item. Where each item is tested:
 *
 *  1. Therapist-initiated triggers (b, e); bids the client declines (a, d):
 *     test_checklist (e4 trigger; a2→a3 and d2→d3 declined bids).
 *  2. Build-up over months in few nodes, analyst-dated onset (b, c, d, e):
 *     test_checklist (b1 "over months", analyst-read marker d3).
 *  3. Between-session events, other channels (a text, b/c phone):
 *     test_checklist (a8), test-poster.
 *  4. Outside events: supervision, colleagues, planning, self-talk:
 *     test_checklist (a7, b12 Outside lane), test_flowchart_layout (inset).
 *  5. A failed same-session repair (b): test_checklist (b10, fails edge),
 *     test_flowchart_edges (fails kept in the flowchart).
 *  6. Physical distance (b) and an object between the two (c):
 *     test_checklist (b11, c11).
 *  7. A third person joining a session (e): test_checklist (e10).
 *  8. A type shift W>C (e): test_checklist; painted in test-map-render.
 *  9. An escalating loop (d): test_checklist (escalates ×4),
 *     test_flowchart_edges.
 * 10. The client leaving and returning, repeatedly (c): test_checklist
 *     (two rupture bands).
 * 11. Nodes in both dimensions, analyst veils (b, c): test_checklist (e9
 *     twin cards, veils), test_flowchart_layout (one box per move).
 * 12. Two interpretations of one moment (b): test_checklist (b9, b9a).
 * 13. Uncertain case attribution (d, e): test_attribution_doubt, the "?"
 *     badge in test-map-render (case-d-flowchart.png), the file format in
 *     test-project-io (/project-io/round-trip, round-trip-episodes-per-case).
 * 14. Several episodes per case; case-less vignettes: test-project-io
 *     (round-trip-episodes-per-case), test-map-view (/map-view/
 *     episodes-per-case), the Toto vignette in test_cases_layout and
 *     test-map-render (toto-1-surface.png).
 */
static void
test_checklist (void)
{
  KtsMapLayoutOptions options;

  options_for_test (&options);

  /* Bids the client declines (a, d), a build-up over months (b) and an
   * analyst-dated marker (d); physical distance (b) and an object placed
   * between the two (c). */
  {
    g_autoptr (KtsEpisode) a = kts_map_fixture_load ("case-a.txt");
    g_autoptr (KtsEpisode) b = kts_map_fixture_load ("case-b.txt");
    g_autoptr (KtsEpisode) c = kts_map_fixture_load ("case-c.txt");
    g_autoptr (KtsEpisode) d = kts_map_fixture_load ("case-d.txt");
    g_autoptr (KtsMapLayout) la = kts_map_layout_compute (a, &options);
    g_autoptr (KtsMapLayout) lb = kts_map_layout_compute (b, &options);
    g_autoptr (KtsMapLayout) lc = kts_map_layout_compute (c, &options);
    g_autoptr (KtsMapLayout) ld = kts_map_layout_compute (d, &options);
    KtsMapCard *a2 = card_at (la, card_of (la, "a2", KTS_N_LANES));
    KtsMapCard *a3 = card_at (la, card_of (la, "a3", KTS_N_LANES));
    KtsMapCard *d2 = card_at (ld, card_of (ld, "d2", KTS_N_LANES));
    KtsMapCard *d3 = card_at (ld, card_of (ld, "d3", KTS_N_LANES));
    KtsMapCard *b1 = card_at (lb, card_of (lb, "b1", KTS_N_LANES));
    KtsMapCard *b11 = card_at (lb, card_of (lb, "b11", KTS_N_LANES));
    KtsMapCard *c11 = card_at (lc, card_of (lc, "c11", KTS_N_LANES));

    g_assert_cmpint (a2->lane, ==, KTS_LANE_T_REL);
    g_assert_cmpint (a3->lane, ==, KTS_LANE_C_SD);
    g_assert_cmpfloat (a3->x, >, a2->x);
    g_assert_cmpint (kts_move_get_role (a3->move), ==, KTS_MOVE_ROLE_MARKER);
    g_assert_cmpint (d2->lane, ==, KTS_LANE_T_REL);
    g_assert_cmpint (d3->lane, ==, KTS_LANE_C_SD);
    g_assert_cmpfloat (d3->x, >, d2->x);
    g_assert_cmpint (kts_move_get_interpretation (d3->move), ==, KTS_INTERPRETATION_ANALYST);
    g_assert_cmpstr (kts_move_get_session_ref (b1->move), ==, "over months");
    g_assert_cmpint (kts_move_get_phase (b1->move), ==, KTS_PHASE_BEFORE);
    g_assert_cmpint (b11->lane, ==, KTS_LANE_T_REL);
    g_assert_cmpint (kts_move_get_role (b11->move), ==, KTS_MOVE_ROLE_REPAIR_ATTEMPT);
    g_assert_cmpint (c11->lane, ==, KTS_LANE_SPINE);
    g_assert_cmpint (kts_move_get_actor (c11->move), ==, KTS_ACTOR_DYAD);
  }

  /* Therapist-initiated triggers (b, e). */
  {
    g_autoptr (KtsEpisode) e = kts_map_fixture_load ("case-e.txt");
    g_autoptr (KtsMapLayout) l = kts_map_layout_compute (e, &options);
    KtsMapCard *e4 = card_at (l, card_of (l, "e4", KTS_N_LANES));
    KtsMapCard *e10 = card_at (l, card_of (l, "e10", KTS_N_LANES));
    KtsMapCard *e9sd = card_at (l, card_of (l, "e9", KTS_LANE_T_SD));
    KtsMapCard *e9rel = card_at (l, card_of (l, "e9", KTS_LANE_T_REL));
    gboolean    found_twin_bar = FALSE;

    g_assert_cmpint (kts_move_get_role (e4->move), ==, KTS_MOVE_ROLE_TRIGGER);
    g_assert_cmpint (e4->lane, ==, KTS_LANE_T_SD);
    /* A third person who joins a session lives in the Outside lane. */
    g_assert_cmpint (e10->lane, ==, KTS_LANE_OUTSIDE);
    /* Nodes in both dimensions: two cards, one column, a same-event bar. */
    g_assert_cmpint (e9sd->twin, ==, card_of (l, "e9", KTS_LANE_T_REL));
    g_assert_cmpfloat (e9sd->x, ==, e9rel->x);
    for (guint i = 0; i < l->routes->len; i++)
      {
        const KtsMapRoute *r = &g_array_index (l->routes, KtsMapRoute, i);
        if (r->type == KTS_EDGE_SAME_EVENT && r->edge == NULL
            && ((r->from_card == card_of (l, "e9", KTS_LANE_T_SD)
                 && r->to_card == card_of (l, "e9", KTS_LANE_T_REL))))
          found_twin_bar = TRUE;
      }
    g_assert_true (found_twin_bar);
    /* A type shift W>C. */
    g_assert_cmpstr (kts_episode_get_rupture_types (e), ==, "W>C");
    /* Repeated phase bands are numbered: here one of each. */
    g_assert_cmpuint (l->bands->len, ==, 4);
  }

  /* Between-session channels (a: text message apology) and outside events. */
  {
    g_autoptr (KtsEpisode) a = kts_map_fixture_load ("case-a.txt");
    g_autoptr (KtsMapLayout) l = kts_map_layout_compute (a, &options);
    KtsMapCard *a8 = card_at (l, card_of (l, "a8", KTS_N_LANES));
    KtsMapCard *a7 = card_at (l, card_of (l, "a7", KTS_N_LANES));

    g_assert_cmpint (a8->lane, ==, KTS_LANE_OUTSIDE);
    g_assert_cmpint (kts_move_get_channel (a8->move), ==, KTS_CHANNEL_TEXT);
    g_assert_cmpint (a7->lane, ==, KTS_LANE_OUTSIDE);
    /* Session ticks where the session reference changes. */
    g_assert_cmpuint (l->ticks->len, >=, 3);
  }

  /* A failed same-session repair, supervision, two interpretations (b). */
  {
    g_autoptr (KtsEpisode) b = kts_map_fixture_load ("case-b.txt");
    g_autoptr (KtsMapLayout) l = kts_map_layout_compute (b, &options);
    KtsMapCard *b10 = card_at (l, card_of (l, "b10", KTS_N_LANES));
    KtsMapCard *b12 = card_at (l, card_of (l, "b12", KTS_N_LANES));
    KtsMapCard *b9 = card_at (l, card_of (l, "b9", KTS_N_LANES));
    KtsMapCard *b9a = card_at (l, card_of (l, "b9a", KTS_N_LANES));
    gboolean    veils = FALSE, fails = FALSE;

    g_assert_cmpint (kts_move_get_role (b10->move), ==, KTS_MOVE_ROLE_FAILED_REPAIR);
    g_assert_cmpint (b12->lane, ==, KTS_LANE_OUTSIDE);
    g_assert_cmpint (kts_move_get_interpretation (b9->move), ==, KTS_INTERPRETATION_PARTICIPANT);
    g_assert_cmpint (kts_move_get_interpretation (b9a->move), ==, KTS_INTERPRETATION_ANALYST);
    for (guint i = 0; i < l->routes->len; i++)
      {
        const KtsMapRoute *r = &g_array_index (l->routes, KtsMapRoute, i);
        veils |= r->type == KTS_EDGE_VEILS;
        fails |= r->type == KTS_EDGE_FAILS;
      }
    g_assert_true (veils);
    g_assert_true (fails);
  }

  /* An escalating loop with its count (d), on the dyad's spine. */
  {
    g_autoptr (KtsEpisode) d = kts_map_fixture_load ("case-d.txt");
    g_autoptr (KtsMapLayout) l = kts_map_layout_compute (d, &options);
    KtsMapCard *d6 = card_at (l, card_of (l, "d6", KTS_N_LANES));
    gboolean    loop = FALSE;

    g_assert_cmpint (d6->lane, ==, KTS_LANE_SPINE);
    for (guint i = 0; i < l->routes->len; i++)
      {
        const KtsMapRoute *r = &g_array_index (l->routes, KtsMapRoute, i);
        if (r->type == KTS_EDGE_ESCALATES)
          loop = kts_edge_get_count (r->edge) == 4;
      }
    g_assert_true (loop);
  }

  /* Walk-outs recurring (c): a rupture band after a repair band makes a second
   * rupture band. */
  {
    g_autoptr (KtsEpisode) c = kts_map_fixture_load ("case-c.txt");
    g_autoptr (KtsMapLayout) l = kts_map_layout_compute (c, &options);
    guint ruptures = 0;

    for (guint i = 0; i < l->bands->len; i++)
      {
        const KtsMapBand *band = &g_array_index (l->bands, KtsMapBand, i);
        if (band->phase == KTS_PHASE_RUPTURE)
          {
            ruptures++;
            g_assert_cmpuint (band->ordinal, ==, ruptures);
          }
      }
    g_assert_cmpuint (ruptures, ==, 2);
  }
}

/* The flowchart of brief B.3.1: one box per move, in move order, therapist
 * above the axis and client below, outside events inset, a chain of "next"
 * arrows, only the edges that need no theory, manual positions ignored. */
static void
test_flowchart_layout (void)
{
  for (guint i = 0; kts_map_fixture_names[i] != NULL; i++)
    {
      g_autoptr (KtsEpisode) episode = kts_map_fixture_load (kts_map_fixture_names[i]);
      GListModel         *moves = kts_episode_get_moves (episode);
      guint               n_moves = g_list_model_get_n_items (moves);
      KtsMapLayoutOptions options;
      g_autoptr (KtsMapLayout) layout = NULL;
      g_autoptr (KtsMapLayout) again = NULL;
      g_autoptr (KtsMapLayout) placed = NULL;
      guint chain = 0;

      g_test_message ("%s", kts_map_fixture_names[i]);
      options_for_test (&options);
      options.arrangement = KTS_MAP_ARRANGEMENT_FLOWCHART;
      layout = kts_map_layout_compute (episode, &options);
      again = kts_map_layout_compute (episode, &options);

      /* One box per move, even for moves in both dimensions. */
      g_assert_cmpuint (layout->cards->len, ==, n_moves);
      for (guint c = 0; c < layout->cards->len; c++)
        {
          const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, c);
          KtsActor          actor = kts_move_get_actor (card->move);
          KtsLocation       location = kts_move_get_location (card->move);
          const KtsMapLane *lane = &layout->lanes[card->lane];

          g_assert_cmpuint (card->move_index, ==, c);
          g_assert_cmpint (card->twin, ==, -1);
          g_assert_true (lane->visible);
          g_assert_cmpfloat (card->y, >=, lane->y);
          g_assert_cmpfloat (card->y + card->height, <=, lane->y + lane->height + 1e-6);
          if (actor == KTS_ACTOR_THIRD || location == KTS_LOCATION_OUTSIDE
              || location == KTS_LOCATION_BETWEEN_SESSIONS)
            g_assert_cmpint (card->lane, ==, KTS_LANE_OUTSIDE);
          else if (actor == KTS_ACTOR_THERAPIST)
            g_assert_cmpint (card->lane, ==, KTS_LANE_THERAPIST);
          else if (actor == KTS_ACTOR_CLIENT)
            g_assert_cmpint (card->lane, ==, KTS_LANE_CLIENT);
          else
            g_assert_cmpint (card->lane, ==, KTS_LANE_SPINE);
        }
      /* No theory lanes; the therapist above the axis, the client below. */
      g_assert_false (layout->lanes[KTS_LANE_T_SD].visible);
      g_assert_false (layout->lanes[KTS_LANE_C_SD].visible);
      g_assert_false (layout->lanes[KTS_LANE_T_REL].visible);
      g_assert_false (layout->lanes[KTS_LANE_C_REL].visible);
      g_assert_false (layout->lanes[KTS_LANE_ANALYST].visible);
      if (layout->lanes[KTS_LANE_THERAPIST].visible)
        g_assert_cmpfloat (layout->lanes[KTS_LANE_THERAPIST].y, <, layout->lanes[KTS_LANE_SPINE].y);
      if (layout->lanes[KTS_LANE_CLIENT].visible)
        g_assert_cmpfloat (layout->lanes[KTS_LANE_CLIENT].y, >, layout->lanes[KTS_LANE_SPINE].y);
      if (layout->lanes[KTS_LANE_OUTSIDE].visible && layout->lanes[KTS_LANE_THERAPIST].visible)
        g_assert_cmpfloat (layout->lanes[KTS_LANE_OUTSIDE].y, <,
                           layout->lanes[KTS_LANE_THERAPIST].y);

      assert_no_overlap (layout);
      assert_order (layout);
      assert_routes_avoid_cards (layout);
      assert_layouts_equal (layout, again);

      /* The chain joins every move to the next; veils, informs and
       * same-event bars stay out. */
      for (guint r = 0; r < layout->routes->len; r++)
        {
          const KtsMapRoute *route = &g_array_index (layout->routes, KtsMapRoute, r);

          g_assert_true (kts_map_flowchart_shows_edge (route->type));
          if (route->edge == NULL)
            {
              g_assert_cmpint (route->type, ==, KTS_EDGE_NEXT);
              g_assert_cmpint (route->from_card, ==, (int)chain);
              g_assert_cmpint (route->to_card, ==, (int)chain + 1);
              chain++;
            }
        }
      g_assert_cmpuint (chain, ==, n_moves > 0 ? n_moves - 1 : 0);

      /* A position dragged in the process map does not move a box. */
      {
        g_autoptr (KtsMove) first = g_list_model_get_item (moves, 0);

        g_object_set (first, "has-position", TRUE, "x", 5000.0, "y", 5000.0, NULL);
        placed = kts_map_layout_compute (episode, &options);
        assert_layouts_equal (layout, placed);
      }
    }
}

/* What each kind of edge becomes in the flowchart. */
static void
test_flowchart_edges (void)
{
  static const struct
  {
    const char *fixture;
    KtsEdgeType type;
    gboolean    shown;
  } cases[] = {
    { "case-b.txt", KTS_EDGE_FAILS, TRUE },       { "case-b.txt", KTS_EDGE_VEILS, FALSE },
    { "case-d.txt", KTS_EDGE_ESCALATES, TRUE },   { "case-d.txt", KTS_EDGE_INFORMS, FALSE },
    { "case-d.txt", KTS_EDGE_RESPONDS_TO, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KtsEpisode) episode = kts_map_fixture_load (cases[i].fixture);
      GListModel         *edges = kts_episode_get_edges (episode);
      KtsMapLayoutOptions options;
      g_autoptr (KtsMapLayout) map = NULL;
      g_autoptr (KtsMapLayout) flow = NULL;
      guint in_data = 0, in_map = 0, in_flow = 0;

      options_for_test (&options);
      map = kts_map_layout_compute (episode, &options);
      options.arrangement = KTS_MAP_ARRANGEMENT_FLOWCHART;
      flow = kts_map_layout_compute (episode, &options);
      for (guint e = 0; e < g_list_model_get_n_items (edges); e++)
        {
          g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, e);
          in_data += kts_edge_get_edge_type (edge) == cases[i].type;
        }
      for (guint r = 0; r < map->routes->len; r++)
        in_map += g_array_index (map->routes, KtsMapRoute, r).type == cases[i].type;
      for (guint r = 0; r < flow->routes->len; r++)
        in_flow += g_array_index (flow->routes, KtsMapRoute, r).type == cases[i].type;
      g_test_message ("%s: %s", cases[i].fixture,
                      kts_enum_to_nick (KTS_TYPE_EDGE_TYPE, cases[i].type));
      g_assert_cmpuint (in_data, >, 0);
      g_assert_cmpuint (in_map, ==, in_data);
      g_assert_cmpuint (in_flow, ==, cases[i].shown ? in_data : 0);
    }
  g_assert_false (kts_map_arrangement_shows_theory (KTS_MAP_ARRANGEMENT_FLOWCHART));
  g_assert_true (kts_map_arrangement_shows_theory (KTS_MAP_ARRANGEMENT_SURFACE));
}

/* Brief B.13: uncertain case attribution (d, e) is part of the move, and
 * every arrangement keeps it on the move's card(s). */
static void
test_attribution_doubt (void)
{
  static const char *const fixtures[] = { "case-d.txt", "case-e.txt" };
  static const char *const idents[] = { "d0b", "e14" };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    for (int arrangement = 0; arrangement <= KTS_MAP_ARRANGEMENT_FLOWCHART; arrangement++)
      {
        g_autoptr (KtsEpisode) episode = kts_map_fixture_load (fixtures[i]);
        KtsMapLayoutOptions options;
        g_autoptr (KtsMapLayout) l = NULL;
        guint doubtful = 0;

        options_for_test (&options);
        options.arrangement = arrangement;
        l = kts_map_layout_compute (episode, &options);
        for (guint c = 0; c < l->cards->len; c++)
          {
            const KtsMapCard *card = &g_array_index (l->cards, KtsMapCard, c);

            if (kts_move_get_attribution_doubt (card->move) != NULL)
              {
                g_assert_cmpstr (kts_move_get_ident (card->move), ==, idents[i]);
                doubtful++;
              }
          }
        g_assert_cmpuint (doubtful, ==, 1);
      }
}

static void
test_bands_touch_not_overlap (void)
{
  for (guint i = 0; kts_map_fixture_names[i] != NULL; i++)
    {
      g_autoptr (KtsEpisode) episode = kts_map_fixture_load (kts_map_fixture_names[i]);
      KtsMapLayoutOptions options;
      g_autoptr (KtsMapLayout) layout = NULL;

      options_for_test (&options);
      layout = kts_map_layout_compute (episode, &options);
      for (guint b = 0; b < layout->bands->len; b++)
        {
          const KtsMapBand *band = &g_array_index (layout->bands, KtsMapBand, b);

          g_assert_cmpfloat (band->x1, >, band->x0);
          if (b > 0)
            g_assert_cmpfloat (g_array_index (layout->bands, KtsMapBand, b - 1).x1, <=, band->x0);
        }
    }
}

static void
test_manual_positions (void)
{
  g_autoptr (KtsEpisode) episode = kts_map_fixture_load ("case-a.txt");
  GListModel *moves = kts_episode_get_moves (episode);
  g_autoptr (KtsMove) a3 = g_list_model_get_item (moves, 2);
  g_autoptr (KtsMove) a4 = g_list_model_get_item (moves, 3);
  KtsMapLayoutOptions options;
  g_autoptr (KtsMapLayout) before = NULL;
  g_autoptr (KtsMapLayout) after = NULL;
  KtsMapCard *moved;

  options_for_test (&options);
  before = kts_map_layout_compute (episode, &options);

  /* Drop a3 right on top of where a4 would go. */
  {
    KtsMapCard *target = card_at (before, card_of (before, "a4", KTS_N_LANES));
    g_object_set (a3, "has-position", TRUE, "x", target->x + 10, "y", target->y + 5, NULL);
  }
  after = kts_map_layout_compute (episode, &options);
  moved = card_at (after, card_of (after, "a3", KTS_N_LANES));
  g_assert_true (moved->manual);
  g_assert_cmpfloat (moved->x, ==, card_at (before, card_of (before, "a4", KTS_N_LANES))->x + 10);
  g_assert_cmpfloat (moved->y, ==, card_at (before, card_of (before, "a4", KTS_N_LANES))->y + 5);
  assert_no_overlap (after);
  /* a4 and everything after it made room, still in order. */
  g_assert_cmpfloat (card_at (after, card_of (after, "a4", KTS_N_LANES))->x, >, moved->x);
  assert_order (after);
  (void)a4;
}

static void
test_hit (void)
{
  g_autoptr (KtsEpisode) episode = kts_map_fixture_load ("case-b.txt");
  KtsMapLayoutOptions options;
  g_autoptr (KtsMapLayout) layout = NULL;

  options_for_test (&options);
  layout = kts_map_layout_compute (episode, &options);
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
      g_assert_cmpint (kts_map_layout_hit_card (layout, card->x + 2, card->y + 2), ==, (int)i);
    }
  g_assert_cmpint (kts_map_layout_hit_card (layout, -5, -5), ==, -1);
}

static void
test_many_moves (void)
{
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, "long");
  GListStore         *moves = _kts_episode_get_moves_store (episode);
  GListStore         *edges = _kts_episode_get_edges_store (episode);
  KtsMapLayoutOptions options;
  g_autoptr (KtsMapLayout) layout = NULL;
  KtsMove *previous = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr (KtsMove) move = kts_move_new (NULL, "A move");
      g_object_set (move, "actor", i % 3 == 0 ? KTS_ACTOR_THERAPIST : KTS_ACTOR_CLIENT, "dimension",
                    1 + (int)(i % 3), "phase", 1 + (int)((i / 40) % 4), NULL);
      g_list_store_append (moves, move);
      if (previous != NULL)
        {
          g_autoptr (KtsEdge) edge
              = kts_edge_new (NULL, i % 7 == 0 ? KTS_EDGE_REPAIRS : KTS_EDGE_RESPONDS_TO,
                              i % 7 == 0 ? move : previous, i % 7 == 0 ? previous : move);
          g_list_store_append (edges, edge);
        }
      previous = move;
    }

  options_for_test (&options);
  layout = kts_map_layout_compute (episode, &options);
  g_assert_cmpuint (layout->n_columns, ==, 500);
  assert_no_overlap (layout);
  assert_order (layout);
  assert_routes_avoid_cards (layout);
}

/* Painting: every case renders, and what is drawn is where the layout says. */
static void
test_paint_cases (void)
{
  for (guint i = 0; kts_map_fixture_names[i] != NULL; i++)
    for (int dark = 0; dark < 2; dark++)
      {
        g_autoptr (KtsEpisode) episode = kts_map_fixture_load (kts_map_fixture_names[i]);
        KtsMapStyle style;
        g_autoptr (KtsMapPainter) painter = NULL;
        KtsMapLayout    *layout;
        cairo_surface_t *surface;
        cairo_t         *cr;
        double           height;
        const guint8    *data;
        int              stride;

        kts_map_style_init (&style);
        style.dark = dark;
        painter = kts_map_painter_new (episode, &style);
        height = kts_map_painter_draw_figure (painter, NULL);
        layout = kts_map_painter_get_layout (painter);
        g_assert_cmpfloat (height, >, layout->height);
        assert_no_overlap (layout);
        assert_routes_avoid_cards (layout);

        surface = cairo_image_surface_create (
            CAIRO_FORMAT_RGB24, (int)ceil (MAX (layout->width, 900)), (int)ceil (height));
        cr = cairo_create (surface);
        kts_map_painter_draw_figure (painter, cr);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

        /* Every card's border is drawn: the pixel just inside its left edge
         * differs from the lane background a few points to its left. */
        data = cairo_image_surface_get_data (surface);
        stride = cairo_image_surface_get_stride (surface);
        for (guint c = 0; c < layout->cards->len; c++)
          {
            const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, c);
            double  top = kts_map_painter_measure_title (painter, MAX (layout->width, 900)) + 12;
            int     y = (int)(top + card->y + card->height / 2);
            int     x_in = (int)(card->x + 0.5);
            guint32 in = *(const guint32 *)(data + y * stride + x_in * 4);
            guint32 out = *(const guint32 *)(data + y * stride + (x_in - 8) * 4);

            g_assert_cmphex (in & 0xffffff, !=, out & 0xffffff);
          }

        if (g_getenv ("KTS_TEST_SAVE_PNG") != NULL)
          {
            g_autofree char *png = g_strdup_printf ("%s/%s%s.png", g_getenv ("KTS_TEST_SAVE_PNG"),
                                                    kts_map_fixture_names[i], dark ? "-dark" : "");
            cairo_surface_write_to_png (surface, png);
          }
        cairo_surface_destroy (surface);
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/layout/cases", test_cases_layout);
  g_test_add_func ("/map/layout/lane-order", test_lane_order);
  g_test_add_func ("/map/layout/collapse", test_empty_lanes_collapse);
  g_test_add_func ("/map/layout/checklist", test_checklist);
  g_test_add_func ("/map/layout/bands", test_bands_touch_not_overlap);
  g_test_add_func ("/map/layout/manual", test_manual_positions);
  g_test_add_func ("/map/layout/hit", test_hit);
  g_test_add_func ("/map/layout/many", test_many_moves);
  g_test_add_func ("/map/layout/flowchart", test_flowchart_layout);
  g_test_add_func ("/map/layout/flowchart-edges", test_flowchart_edges);
  g_test_add_func ("/map/layout/attribution-doubt", test_attribution_doubt);
  g_test_add_func ("/map/paint/cases", test_paint_cases);

  return g_test_run ();
}
