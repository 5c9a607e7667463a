/* test-map-canvas.c: the process-map canvas: zoom, scroll, selection, editing, rendering.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With KTS_MAP_CANVAS_DEMO=case-e.txt (a fixture name) the program instead
 * opens a window with that map for looking at it; see run_demo().
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "kts-map-canvas-fixture.h"
#include "kts-map-canvas-private.h"
#include "kts-map-painter.h"

#define MARGIN 32.0 /* as in kts-map-canvas.c */

typedef struct
{
  KtsProject   *project;
  KtsEpisode   *episode;
  GtkWidget    *window;
  GtkWidget    *scrolled;
  KtsMapCanvas *canvas;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for_size (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((gtk_widget_get_width (widget) <= 1 || !gtk_widget_get_mapped (widget))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  g_assert_cmpint (gtk_widget_get_width (widget), >, 1);
}

static void
fixture_setup (Fixture *f, const char *name, int width, int height, gboolean scrolled)
{
  memset (f, 0, sizeof *f);
  f->project = kts_project_new ();
  f->episode = kts_map_canvas_fixture_add (f->project, name, TRUE);
  kts_project_clear_undo (f->project);

  f->canvas = KTS_MAP_CANVAS (kts_map_canvas_new ());
  kts_map_canvas_set_episode (f->canvas, f->project, f->episode);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  if (scrolled)
    {
      f->scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scrolled), GTK_WIDGET (f->canvas));
      gtk_window_set_child (GTK_WINDOW (f->window), f->scrolled);
    }
  else
    gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_size (GTK_WIDGET (f->canvas));
  kts_map_canvas_flush (f->canvas);
}

static void
fixture_teardown (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_clear_object (&f->project);
}

static KtsMove *
move_by_ident (KtsEpisode *episode, const char *ident)
{
  GListModel *moves = kts_episode_get_moves (episode);

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      if (g_strcmp0 (kts_move_get_ident (move), ident) == 0)
        return move; /* the episode holds it */
    }
  g_error ("no move %s", ident);
  return NULL;
}

static int
card_index (KtsMapLayout *layout, KtsMove *move)
{
  for (guint i = 0; i < layout->cards->len; i++)
    if (g_array_index (layout->cards, KtsMapCard, i).move == move)
      return (int)i;
  g_error ("no card for %s", kts_move_get_ident (move));
  return -1;
}

static const KtsMapCard *
card_of (Fixture *f, const char *ident)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (f->canvas);
  return &g_array_index (layout->cards, KtsMapCard,
                         card_index (layout, move_by_ident (f->episode, ident)));
}

static void
map_to_view (Fixture *f, double mx, double my, double *vx, double *vy)
{
  KtsMapViewport vp;

  kts_map_canvas_get_viewport (f->canvas, &vp);
  kts_map_viewport_to_view (&vp, mx, my, vx, vy);
}

/* The view point at the middle of a card's header strip: on the card, away
 * from its anchor line. */
static void
card_point (Fixture *f, const char *ident, double *vx, double *vy)
{
  const KtsMapCard *card = card_of (f, ident);

  map_to_view (f, card->x + card->width / 2, card->y + 8, vx, vy);
}

static void
click_card (Fixture *f, const char *ident, GdkModifierType modifiers)
{
  double x, y;

  card_point (f, ident, &x, &y);
  kts_map_canvas_test_click (f->canvas, x, y, modifiers);
}

static void
assert_selection (Fixture *f, const char *const *idents)
{
  g_autoptr (GPtrArray) selected = kts_map_canvas_get_selected_moves (f->canvas);
  guint n = idents != NULL ? g_strv_length ((char **)idents) : 0;

  g_assert_cmpuint (selected->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (kts_move_get_ident (g_ptr_array_index (selected, i)), ==, idents[i]);
}

static guint
n_moves (Fixture *f)
{
  return g_list_model_get_n_items (kts_episode_get_moves (f->episode));
}

static guint
n_edges (Fixture *f)
{
  return g_list_model_get_n_items (kts_episode_get_edges (f->episode));
}

/* Connected swapped: the counter comes first, the signal's arguments after. */
static void
count_cb (guint *count)
{
  (*count)++;
}

static void
pointer_cb (gpointer instance, gpointer object, gpointer *out)
{
  *out = object;
}

/* Map point under a view point. */
static void
under (Fixture *f, double vx, double vy, double *mx, double *my)
{
  KtsMapViewport vp;

  kts_map_canvas_get_viewport (f->canvas, &vp);
  kts_map_viewport_to_map (&vp, vx, vy, mx, my);
}

/* ---- Zoom -------------------------------------------------------------------- */

static void
test_zoom_actions (void)
{
  Fixture        f;
  KtsMapViewport before, after, expected;
  double         mx0, my0, mx1, my1;

  fixture_setup (&f, "case-e.txt", 1000, 700, FALSE);

  /* Zoom in, out, reset about the centre. */
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  g_assert_cmpfloat_with_epsilon (kts_map_canvas_get_zoom (f.canvas), 1.0, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (kts_map_canvas_get_zoom (f.canvas), 1.25, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (kts_map_canvas_get_zoom (f.canvas), 0.8, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (kts_map_canvas_get_zoom (f.canvas), 1.0, 1e-9);

  /* Pan into the middle of the map so no edge clamps what follows. */
  kts_map_canvas_test_drag (f.canvas, 2, 500, 350, -900, -200, 3, 0);
  kts_map_canvas_get_viewport (f.canvas, &before);
  g_assert_cmpfloat_with_epsilon (before.scale, KTS_MAP_CANVAS_PIXELS_PER_POINT, 1e-9);
  g_assert_cmpfloat (before.origin_x, >, 500);

  /* Ctrl+scroll zooms about the pointer: the viewport's own arithmetic. */
  under (&f, 300, 200, &mx0, &my0);
  kts_map_canvas_test_scroll (f.canvas, 300, 200, 0, -1, GDK_CONTROL_MASK);
  kts_map_canvas_get_viewport (f.canvas, &after);
  expected = before;
  kts_map_viewport_zoom_at (&expected, 1.15, 300, 200);
  g_assert_cmpfloat_with_epsilon (after.scale, expected.scale, 1e-9);
  g_assert_cmpfloat_with_epsilon (after.origin_x, expected.origin_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (after.origin_y, expected.origin_y, 1e-6);
  under (&f, 300, 200, &mx1, &my1);
  g_assert_cmpfloat_with_epsilon (mx1, mx0, 1e-6);
  g_assert_cmpfloat_with_epsilon (my1, my0, 1e-6);

  /* Zooming out again, by the other wheel direction. */
  kts_map_canvas_test_scroll (f.canvas, 300, 200, 0, 1, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (kts_map_canvas_get_zoom (f.canvas), 1.0, 1e-9);
  under (&f, 300, 200, &mx1, &my1);
  g_assert_cmpfloat_with_epsilon (mx1, mx0, 1e-6);

  /* A pinch keeps the point between the fingers. */
  under (&f, 640, 380, &mx0, &my0);
  kts_map_canvas_test_pinch (f.canvas, 640, 380, 1.5);
  g_assert_cmpfloat_with_epsilon (kts_map_canvas_get_zoom (f.canvas), 1.5, 1e-9);
  under (&f, 640, 380, &mx1, &my1);
  g_assert_cmpfloat_with_epsilon (mx1, mx0, 1e-6);
  g_assert_cmpfloat_with_epsilon (my1, my0, 1e-6);

  /* Plain scroll pans vertically, Shift+scroll horizontally. */
  kts_map_canvas_get_viewport (f.canvas, &before);
  kts_map_canvas_test_scroll (f.canvas, 300, 200, 0, 1, 0);
  kts_map_canvas_get_viewport (f.canvas, &after);
  g_assert_cmpfloat (after.origin_y, >, before.origin_y);
  g_assert_cmpfloat_with_epsilon (after.origin_x, before.origin_x, 1e-9);
  kts_map_canvas_test_scroll (f.canvas, 300, 200, 0, 1, GDK_SHIFT_MASK);
  kts_map_canvas_get_viewport (f.canvas, &before);
  g_assert_cmpfloat (before.origin_x, >, after.origin_x);

  /* Zoom stays within the viewport's range. */
  for (guint i = 0; i < 40; i++)
    gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (kts_map_canvas_get_zoom (f.canvas),
                                  KTS_MAP_VIEWPORT_MAX_SCALE / KTS_MAP_CANVAS_PIXELS_PER_POINT,
                                  1e-9);

  fixture_teardown (&f);
}

static void
test_zoom_fit (void)
{
  Fixture        f;
  KtsMapLayout  *layout;
  KtsMapViewport vp;
  double         x0, y0, x1, y1;
  guint          notified = 0;

  fixture_setup (&f, "case-b.txt", 1000, 700, FALSE);
  g_signal_connect_swapped (f.canvas, "notify::zoom", G_CALLBACK (count_cb), &notified);
  kts_map_canvas_set_zoom (f.canvas, 2.0);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-fit", NULL);
  g_assert_cmpuint (notified, ==, 2);

  layout = kts_map_canvas_get_layout (f.canvas);
  kts_map_canvas_get_viewport (f.canvas, &vp);
  map_to_view (&f, 0, 0, &x0, &y0);
  map_to_view (&f, layout->width, layout->height, &x1, &y1);
  g_assert_cmpfloat (x0, >=, -0.5);
  g_assert_cmpfloat (y0, >=, -0.5);
  g_assert_cmpfloat (x1, <=, vp.view_width + 0.5);
  g_assert_cmpfloat (y1, <=, vp.view_height + 0.5);
  /* …and fills one direction up to the margin. */
  g_assert_true (fabs ((x1 - x0) - (vp.view_width - 2 * MARGIN)) < 1
                 || fabs ((y1 - y0) - (vp.view_height - 2 * MARGIN)) < 1);

  fixture_teardown (&f);
}

static void
test_scrollable (void)
{
  Fixture        f;
  GtkAdjustment *h, *v;
  KtsMapViewport vp;
  KtsMapLayout  *layout;
  double         value;

  fixture_setup (&f, "case-e.txt", 1000, 700, TRUE);
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f.canvas));
  v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f.canvas));
  g_assert_true (h == gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (f.scrolled)));
  layout = kts_map_canvas_get_layout (f.canvas);
  kts_map_canvas_get_viewport (f.canvas, &vp);

  g_assert_cmpfloat_with_epsilon (vp.scale, KTS_MAP_CANVAS_PIXELS_PER_POINT, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_upper (h),
                                  layout->width * vp.scale + 2 * MARGIN, 1e-6);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_upper (v),
                                  layout->height * vp.scale + 2 * MARGIN, 1e-6);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_page_size (h), vp.view_width, 1e-6);

  /* Scrollbar to viewport. */
  gtk_adjustment_set_value (h, 400);
  kts_map_canvas_get_viewport (f.canvas, &vp);
  g_assert_cmpfloat_with_epsilon (vp.origin_x, (400 - MARGIN) / vp.scale, 1e-6);

  /* Viewport to scrollbar: a drag pans and the scrollbar follows. */
  value = gtk_adjustment_get_value (h);
  kts_map_canvas_test_drag (f.canvas, 2, 500, 300, -120, 0, 2, 0);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (h), value + 120, 1e-6);

  /* Zoom changes the range. */
  kts_map_canvas_set_zoom (f.canvas, 2.0);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_upper (h),
                                  2 * KTS_MAP_CANVAS_PIXELS_PER_POINT * layout->width + 2 * MARGIN,
                                  1e-6);

  /* Panning stops at the map's edge. */
  kts_map_canvas_test_drag (f.canvas, 2, 500, 300, 5000, 5000, 2, 0);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (h), 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (v), 0, 1e-6);
  kts_map_canvas_get_viewport (f.canvas, &vp);
  g_assert_cmpfloat_with_epsilon (vp.origin_x, -MARGIN / vp.scale, 1e-6);

  fixture_teardown (&f);
}

/* ---- Selection ------------------------------------------------------------------ */

static void
test_select_clicks (void)
{
  Fixture       f;
  guint         changes = 0;
  double        x, y;
  KtsMapLayout *layout;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-fit", NULL);
  g_signal_connect_swapped (f.canvas, "selection-changed", G_CALLBACK (count_cb), &changes);

  click_card (&f, "e4", 0);
  assert_selection (&f, (const char *[]){ "e4", NULL });
  g_assert_cmpuint (changes, ==, 1);

  /* Clicking the selected card again changes nothing. */
  click_card (&f, "e4", 0);
  g_assert_cmpuint (changes, ==, 1);

  click_card (&f, "e9", GDK_SHIFT_MASK);
  click_card (&f, "e1", GDK_CONTROL_MASK);
  assert_selection (&f, (const char *[]){ "e4", "e9", "e1", NULL });
  g_assert_cmpuint (changes, ==, 3);

  /* Ctrl-click on a selected card removes it. */
  click_card (&f, "e9", GDK_CONTROL_MASK);
  assert_selection (&f, (const char *[]){ "e4", "e1", NULL });

  /* A plain click on one of several selected cards selects it alone. */
  click_card (&f, "e1", 0);
  assert_selection (&f, (const char *[]){ "e1", NULL });

  /* The twin card of a two-lane move selects the same move. */
  {
    KtsMapLayout     *l = kts_map_canvas_get_layout (f.canvas);
    const KtsMapCard *first = card_of (&f, "e9");
    const KtsMapCard *twin = &g_array_index (l->cards, KtsMapCard, first->twin);

    g_assert_cmpint (first->twin, >=, 0);
    map_to_view (&f, twin->x + 10, twin->y + 10, &x, &y);
    kts_map_canvas_test_click (f.canvas, x, y, 0);
    assert_selection (&f, (const char *[]){ "e9", NULL });
  }

  /* Scrolled sideways, the lane names stay in view over the map, and a
   * click on them does not reach the card below. */
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  {
    KtsMapViewport vp;
    double         cx, cy;

    kts_map_canvas_select_move (f.canvas, NULL, FALSE);
    map_to_view (&f, card_of (&f, "e4")->x, card_of (&f, "e4")->y, &cx, &cy);
    kts_map_canvas_test_drag (f.canvas, 2, 600, 400, -(cx - 30), 0, 2, 0);
    kts_map_canvas_get_viewport (f.canvas, &vp);
    g_assert_cmpfloat (vp.origin_x, >, 0);
    map_to_view (&f, card_of (&f, "e4")->x, card_of (&f, "e4")->y, &cx, &cy);
    g_assert_cmpfloat_with_epsilon (cx, 30, 1e-6);
    kts_map_canvas_test_click (f.canvas, 60, cy + 10, 0);
    assert_selection (&f, NULL);
    kts_map_canvas_test_click (f.canvas, cx + card_of (&f, "e4")->width * vp.scale - 10, cy + 10,
                               0);
    assert_selection (&f, (const char *[]){ "e4", NULL });

    /* Selecting the card by keyboard brings it out from under them. */
    gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.select-next", NULL);
    gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.select-previous", NULL);
    map_to_view (&f, card_of (&f, "e4")->x, card_of (&f, "e4")->y, &cx, &cy);
    kts_map_canvas_get_viewport (f.canvas, &vp);
    g_assert_true (vp.origin_x <= 0 || cx >= 130 * vp.scale);
  }
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-fit", NULL);

  /* Empty space (the lane names on the left) clears. */
  layout = kts_map_canvas_get_layout (f.canvas);
  map_to_view (&f, 20, layout->lanes[KTS_LANE_C_SD].y + 4, &x, &y);
  kts_map_canvas_test_click (f.canvas, x, y, 0);
  assert_selection (&f, NULL);

  /* kts_map_canvas_select_move(). */
  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e2"), FALSE);
  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e3"), TRUE);
  assert_selection (&f, (const char *[]){ "e2", "e3", NULL });
  kts_map_canvas_select_move (f.canvas, NULL, FALSE);
  assert_selection (&f, NULL);

  fixture_teardown (&f);
}

static void
test_rubber_band (void)
{
  Fixture       f;
  KtsMapLayout *layout;
  double        x0, y0, x1, y1;
  double        right;
  g_autoptr (GPtrArray) selected = NULL;
  guint expected = 0;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-fit", NULL);
  layout = kts_map_canvas_get_layout (f.canvas);

  /* From the lane names to the middle of the third column. */
  right = card_of (&f, "e3")->x + 50;
  map_to_view (&f, 15, 5, &x0, &y0);
  map_to_view (&f, right, layout->height - 5, &x1, &y1);
  kts_map_canvas_test_drag (f.canvas, 1, x0, y0, x1 - x0, y1 - y0, 5, GDK_SHIFT_MASK);

  selected = kts_map_canvas_get_selected_moves (f.canvas);
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
      gboolean          inside = card->x < right;

      g_assert_cmpint (g_ptr_array_find (selected, card->move, NULL), ==, inside);
      if (inside && card->twin < (int)i)
        expected++;
    }
  g_assert_cmpuint (selected->len, ==, expected);
  g_assert_cmpuint (expected, ==, 3);

  fixture_teardown (&f);
}

static void
test_keyboard (void)
{
  Fixture           f;
  GtkWidget        *w;
  KtsMapLayout     *layout;
  const KtsMapCard *from;
  double            vx, vy;
  KtsMapViewport    vp;

  fixture_setup (&f, "case-e.txt", 1000, 700, FALSE);
  w = GTK_WIDGET (f.canvas);
  g_assert_true (gtk_widget_get_focusable (w));
  kts_map_canvas_set_zoom (f.canvas, 1.0);

  /* Left/Right walk the moves in event order. */
  gtk_widget_activate_action (w, "map.select-first", NULL);
  assert_selection (&f, (const char *[]){ "e1", NULL });
  for (guint i = 1; i < n_moves (&f); i++)
    {
      g_autoptr (KtsMove) expected = g_list_model_get_item (kts_episode_get_moves (f.episode), i);
      g_autoptr (GPtrArray) selected = NULL;

      gtk_widget_activate_action (w, "map.select-next", NULL);
      selected = kts_map_canvas_get_selected_moves (f.canvas);
      g_assert_cmpuint (selected->len, ==, 1);
      g_assert_true (g_ptr_array_index (selected, 0) == expected);

      /* The selected card is scrolled into view. */
      {
        const KtsMapCard *card = card_of (&f, kts_move_get_ident (expected));
        double            cx0, cy0, cx1, cy1;

        kts_map_canvas_get_viewport (f.canvas, &vp);
        map_to_view (&f, card->x, card->y, &cx0, &cy0);
        map_to_view (&f, card->x + card->width, card->y + card->height, &cx1, &cy1);
        g_assert_cmpfloat (cx0, >=, 0);
        g_assert_cmpfloat (cx1, <=, vp.view_width);
      }
    }
  gtk_widget_activate_action (w, "map.select-next", NULL);
  assert_selection (&f, (const char *[]){ "e14", NULL });
  gtk_widget_activate_action (w, "map.select-previous", NULL);
  assert_selection (&f, (const char *[]){ "e13", NULL });
  gtk_widget_activate_action (w, "map.select-first", NULL);
  gtk_widget_activate_action (w, "map.select-last", NULL);
  assert_selection (&f, (const char *[]){ "e14", NULL });

  /* Up/Down go to the nearest card of the next lane that has one. */
  layout = kts_map_canvas_get_layout (f.canvas);
  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e5"), FALSE);
  from = card_of (&f, "e5");
  g_assert_cmpint (from->lane, ==, KTS_LANE_C_SD);
  gtk_widget_activate_action (w, "map.select-above", NULL);
  {
    g_autoptr (GPtrArray) selected = kts_map_canvas_get_selected_moves (f.canvas);
    const KtsMapCard *to = &g_array_index (layout->cards, KtsMapCard,
                                           card_index (layout, g_ptr_array_index (selected, 0)));
    double            best = G_MAXDOUBLE;

    g_assert_cmpint (to->lane, ==, KTS_LANE_T_SD);
    for (guint i = 0; i < layout->cards->len; i++)
      {
        const KtsMapCard *c = &g_array_index (layout->cards, KtsMapCard, i);
        if (c->lane == KTS_LANE_T_SD)
          best = MIN (best, fabs (c->x - from->x));
      }
    g_assert_cmpfloat (fabs (to->x - from->x), ==, best);
    assert_selection (&f, (const char *[]){ "e4", NULL });
  }
  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e5"), FALSE);
  gtk_widget_activate_action (w, "map.select-below", NULL);
  assert_selection (&f, (const char *[]){ "e6", NULL }); /* on the spine */
  gtk_widget_activate_action (w, "map.select-below", NULL);
  {
    g_autoptr (GPtrArray) selected = kts_map_canvas_get_selected_moves (f.canvas);
    KtsMove  *move = g_ptr_array_index (selected, 0);
    KtsLaneId lanes[2];
    guint     n = kts_map_lanes_for_move (move, lanes);

    g_assert_true (lanes[0] == KTS_LANE_T_REL || (n == 2 && lanes[1] == KTS_LANE_T_REL)
                   || lanes[0] == KTS_LANE_C_REL);
  }

  /* Enter on a selected card shows its anchor. */
  {
    KtsCoding *anchor = NULL;

    kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e5"), FALSE);
    g_signal_connect (f.canvas, "anchor-activated", G_CALLBACK (pointer_cb), &anchor);
    gtk_widget_activate_action (w, "map.activate", NULL);
    g_assert_true (
        anchor == g_ptr_array_index (kts_move_get_anchors (move_by_ident (f.episode, "e5")), 0));
  }

  /* Selecting a card far away scrolls to it. */
  kts_map_canvas_set_zoom (f.canvas, 2.0);
  gtk_widget_activate_action (w, "map.select-first", NULL);
  gtk_widget_activate_action (w, "map.select-last", NULL);
  card_point (&f, "e14", &vx, &vy);
  kts_map_canvas_get_viewport (f.canvas, &vp);
  g_assert_cmpfloat (vx, >, 0);
  g_assert_cmpfloat (vx, <, vp.view_width);

  fixture_teardown (&f);
}

/* ---- Editing --------------------------------------------------------------------- */

static void
test_drag_cards (void)
{
  Fixture          f;
  KtsMove         *e4, *e5;
  KtsMapViewport   vp;
  double           dx, dy;
  double           e4x, e4y, e5x, e5y, x, y;
  double           px, py;
  gboolean         has;
  g_autofree char *label = NULL;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  e4 = move_by_ident (f.episode, "e4");
  e5 = move_by_ident (f.episode, "e5");
  kts_map_canvas_select_move (f.canvas, e4, FALSE);
  click_card (&f, "e5", GDK_SHIFT_MASK);
  assert_selection (&f, (const char *[]){ "e4", "e5", NULL });
  e4x = card_of (&f, "e4")->x;
  e4y = card_of (&f, "e4")->y;
  e5x = card_of (&f, "e5")->x;
  e5y = card_of (&f, "e5")->y;

  /* Drag e4 by (30, 200) pixels at zoom 1: both selected cards move. */
  kts_map_canvas_get_viewport (f.canvas, &vp);
  dx = 30 / vp.scale;
  dy = 200 / vp.scale;
  card_point (&f, "e4", &x, &y);
  kts_map_canvas_test_drag (f.canvas, 1, x, y, 30, 200, 6, 0);
  g_assert_true (kts_move_get_position (e4, &px, &py));
  g_assert_cmpfloat (px, ==, round (e4x + dx));
  g_assert_cmpfloat (py, ==, round (e4y + dy));
  g_assert_true (kts_move_get_position (e5, &px, &py));
  g_assert_cmpfloat (px, ==, round (e5x + dx));
  g_assert_cmpfloat (py, ==, round (e5y + dy));
  g_object_get (f.project, "undo-label", &label, NULL);
  g_assert_cmpstr (label, ==, "Move cards");

  /* The layout follows the stored position. */
  kts_map_canvas_flush (f.canvas);
  g_assert_cmpfloat (card_of (&f, "e4")->x, ==, round (e4x + dx));
  g_assert_cmpfloat (card_of (&f, "e4")->y, ==, round (e4y + dy));
  g_assert_true (card_of (&f, "e4")->manual);

  /* One undo step takes both back. */
  g_assert_true (kts_project_undo (f.project));
  g_assert_false (kts_move_get_position (e4, NULL, NULL));
  g_assert_false (kts_move_get_position (e5, NULL, NULL));
  g_assert_false (kts_project_can_undo (f.project));
  kts_map_canvas_flush (f.canvas);
  g_assert_cmpfloat (card_of (&f, "e4")->x, ==, e4x);
  g_assert_true (kts_project_redo (f.project));
  g_object_get (e4, "has-position", &has, NULL);
  g_assert_true (has);

  /* A click without movement stores nothing. */
  kts_map_canvas_flush (f.canvas);
  card_point (&f, "e9", &x, &y);
  kts_map_canvas_test_drag (f.canvas, 1, x, y, 1, 1, 1, 0);
  g_assert_false (kts_move_get_position (move_by_ident (f.episode, "e9"), NULL, NULL));
  assert_selection (&f, (const char *[]){ "e9", NULL });

  /* Relayout forgets every manual position, in one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.relayout", NULL));
  g_assert_false (kts_move_get_position (e4, NULL, NULL));
  g_assert_false (kts_move_get_position (e5, NULL, NULL));
  g_clear_pointer (&label, g_free);
  g_object_get (f.project, "undo-label", &label, NULL);
  g_assert_cmpstr (label, ==, "Arrange cards automatically");
  g_assert_true (kts_project_undo (f.project));
  g_assert_true (kts_move_get_position (e4, NULL, NULL));
  g_assert_true (kts_move_get_position (e5, NULL, NULL));

  fixture_teardown (&f);
}

static void
test_delete (void)
{
  Fixture  f;
  guint    moves_before, edges_before;
  KtsEdge *informs = NULL;
  int      route = -1;
  double   x, y;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-fit", NULL);
  moves_before = n_moves (&f);
  edges_before = n_edges (&f);

  /* e8 carries the informs edge to e9. */
  click_card (&f, "e7", 0);
  click_card (&f, "e8", GDK_SHIFT_MASK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.delete", NULL));
  g_assert_cmpuint (n_moves (&f), ==, moves_before - 2);
  g_assert_cmpuint (n_edges (&f), ==, edges_before - 1);
  kts_map_canvas_flush (f.canvas);
  assert_selection (&f, NULL);
  g_assert_true (kts_project_undo (f.project));
  g_assert_cmpuint (n_moves (&f), ==, moves_before);
  g_assert_cmpuint (n_edges (&f), ==, edges_before);
  g_assert_false (kts_project_can_undo (f.project));
  kts_map_canvas_flush (f.canvas);

  /* Click on an edge selects it; Delete removes it. */
  {
    KtsMapLayout *layout = kts_map_canvas_get_layout (f.canvas);
    double        longest = 0;

    for (guint i = 0; i < layout->routes->len; i++)
      {
        const KtsMapRoute *r = &g_array_index (layout->routes, KtsMapRoute, i);
        if (r->edge != NULL && r->type == KTS_EDGE_INFORMS)
          route = (int)i;
      }
    g_assert_cmpint (route, >=, 0);
    {
      const KtsMapRoute *r = &g_array_index (layout->routes, KtsMapRoute, route);

      informs = r->edge;
      for (guint k = 1; k < r->n_points; k++)
        {
          double len
              = hypot (r->points[k].x - r->points[k - 1].x, r->points[k].y - r->points[k - 1].y);
          if (len > longest)
            {
              longest = len;
              map_to_view (&f, (r->points[k].x + r->points[k - 1].x) / 2,
                           (r->points[k].y + r->points[k - 1].y) / 2, &x, &y);
            }
        }
    }
  }
  kts_map_canvas_test_click (f.canvas, x + 1, y + 1, 0);
  g_assert_true (kts_map_canvas_get_selected_edge (f.canvas) == informs);
  assert_selection (&f, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.delete", NULL));
  g_assert_cmpuint (n_edges (&f), ==, edges_before - 1);
  g_assert_cmpuint (n_moves (&f), ==, moves_before);
  kts_map_canvas_flush (f.canvas);
  g_assert_null (kts_map_canvas_get_selected_edge (f.canvas));
  g_assert_true (kts_project_undo (f.project));
  g_assert_cmpuint (n_edges (&f), ==, edges_before);

  fixture_teardown (&f);
}

static void
test_connect (void)
{
  Fixture f;
  guint   edges_before;
  g_autoptr (KtsEdge) edge = NULL;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-fit", NULL);
  edges_before = n_edges (&f);

  click_card (&f, "e11", 0);
  click_card (&f, "e2", GDK_SHIFT_MASK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.connect", "s", "veils"));
  g_assert_cmpuint (n_edges (&f), ==, edges_before + 1);
  edge = g_list_model_get_item (kts_episode_get_edges (f.episode), edges_before);
  g_assert_cmpint (kts_edge_get_edge_type (edge), ==, KTS_EDGE_VEILS);
  g_assert_true (kts_edge_get_source (edge) == move_by_ident (f.episode, "e11"));
  g_assert_true (kts_edge_get_target (edge) == move_by_ident (f.episode, "e2"));

  /* The new edge is drawn: the layout has a route for it. */
  kts_map_canvas_flush (f.canvas);
  {
    KtsMapLayout *layout = kts_map_canvas_get_layout (f.canvas);
    gboolean      routed = FALSE;

    for (guint i = 0; i < layout->routes->len; i++)
      routed |= g_array_index (layout->routes, KtsMapRoute, i).edge == edge;
    g_assert_true (routed);
  }
  g_assert_true (kts_project_undo (f.project));
  g_assert_cmpuint (n_edges (&f), ==, edges_before);

  /* Responds-to, the other way round. */
  kts_map_canvas_flush (f.canvas);
  click_card (&f, "e2", 0);
  click_card (&f, "e11", GDK_CONTROL_MASK);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.connect", "s", "responds-to");
  g_clear_object (&edge);
  edge = g_list_model_get_item (kts_episode_get_edges (f.episode), edges_before);
  g_assert_cmpint (kts_edge_get_edge_type (edge), ==, KTS_EDGE_RESPONDS_TO);
  g_assert_true (kts_edge_get_source (edge) == move_by_ident (f.episode, "e2"));

  /* With one card selected there is nothing to connect. */
  click_card (&f, "e2", 0);
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.connect", "s", "responds-to");
  g_assert_cmpuint (n_edges (&f), ==, edges_before + 1);

  fixture_teardown (&f);
}

static void
test_add_move (void)
{
  Fixture f;
  guint   before;
  g_autoptr (KtsMove) added = NULL;
  KtsMove *e4;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  before = n_moves (&f);
  e4 = move_by_ident (f.episode, "e4");
  kts_map_canvas_select_move (f.canvas, e4, FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.add-move", NULL));
  g_assert_cmpuint (n_moves (&f), ==, before + 1);
  added = g_list_model_get_item (kts_episode_get_moves (f.episode), 4); /* after e4 */
  g_assert_cmpstr (kts_move_get_label (added), ==, "New move");
  g_assert_cmpstr (kts_move_get_ident (added), ==, "e15");
  g_assert_cmpint (kts_move_get_actor (added), ==, KTS_ACTOR_THERAPIST);
  g_assert_cmpint (kts_move_get_dimension (added), ==, KTS_DIMENSION_SELF_DEFINITION);
  g_assert_cmpint (kts_move_get_phase (added), ==, KTS_PHASE_RUPTURE);
  assert_selection (&f, (const char *[]){ "e15", NULL });

  g_assert_true (kts_project_undo (f.project));
  g_assert_cmpuint (n_moves (&f), ==, before);
  kts_map_canvas_flush (f.canvas);
  assert_selection (&f, NULL);

  fixture_teardown (&f);
}

static void
test_activate (void)
{
  Fixture           f;
  KtsCoding        *anchor = NULL;
  KtsMove          *activated = NULL;
  cairo_rectangle_t area;
  KtsMapLayout     *layout;
  const KtsMapCard *card;
  KtsMapStyle       style;
  g_autoptr (KtsMapPainter) painter = NULL;
  double x, y;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  g_signal_connect (f.canvas, "anchor-activated", G_CALLBACK (pointer_cb), &anchor);
  g_signal_connect (f.canvas, "move-activated", G_CALLBACK (pointer_cb), &activated);
  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e5"), FALSE);

  /* A painter of the same style lays the episode out identically. */
  kts_map_style_init (&style);
  painter = kts_map_painter_new (f.episode, &style);
  layout = kts_map_canvas_get_layout (f.canvas);
  card = card_of (&f, "e5");
  g_assert_true (kts_map_painter_get_anchor_area (
      painter, card_index (layout, move_by_ident (f.episode, "e5")), &area));
  g_assert_cmpfloat (area.y, >, card->y + 20);
  g_assert_cmpfloat (area.y + area.height, <, card->y + card->height);

  map_to_view (&f, area.x + area.width / 2, area.y + area.height / 2, &x, &y);
  kts_map_canvas_test_double_click (f.canvas, x, y);
  g_assert_nonnull (anchor);
  g_assert_true (anchor == g_ptr_array_index (kts_move_get_anchors (card->move), 0));
  g_assert_null (activated);

  anchor = NULL;
  card_point (&f, "e5", &x, &y);
  kts_map_canvas_test_double_click (f.canvas, x, y);
  g_assert_null (anchor);
  g_assert_true (activated == move_by_ident (f.episode, "e5"));

  /* Tooltips: the full quote and where it comes from. */
  {
    g_autofree char *tip = kts_map_canvas_test_tooltip (f.canvas, x, y);

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, "<b>e5 · Angry for the first time; wants to stop</b>"));
    g_assert_nonnull (strstr (tip, "She said I wasn&apos;t helping and that she wanted to quit."));
    g_assert_nonnull (strstr (tip, "▸ Interview e-1, turn 10, T"));
  }

  fixture_teardown (&f);
}

/* ---- Observing the model ------------------------------------------------------------ */

static void
test_model_changes (void)
{
  Fixture  f;
  double   height;
  KtsMove *e1;
  guint    changes = 0;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  e1 = move_by_ident (f.episode, "e1");
  height = card_of (&f, "e1")->height;

  /* A longer label makes a taller card, once the canvas has caught up. */
  kts_project_set_string (f.project, e1, "label",
                          "Rarely does the agreed tasks between sessions; cancels now and then");
  kts_map_canvas_flush (f.canvas);
  /* (Not the layout's address: a new layout may well reuse the old memory.) */
  g_assert_cmpfloat (card_of (&f, "e1")->height, >, height);

  /* A selected move removed by someone else leaves the selection. */
  kts_map_canvas_select_move (f.canvas, e1, FALSE);
  g_signal_connect_swapped (f.canvas, "selection-changed", G_CALLBACK (count_cb), &changes);
  kts_project_remove_move (f.project, f.episode, e1);
  kts_map_canvas_flush (f.canvas);
  assert_selection (&f, NULL);
  g_assert_cmpuint (changes, ==, 1);

  /* The arrangement switches the lanes. */
  kts_map_canvas_set_arrangement (f.canvas, KTS_MAP_ARRANGEMENT_DYAD);
  {
    KtsMapLayout *layout = kts_map_canvas_get_layout (f.canvas);
    g_assert_cmpfloat (layout->lanes[KTS_LANE_T_REL].y, <, layout->lanes[KTS_LANE_T_SD].y);
  }

  /* The episode leaving the project empties the canvas. */
  kts_project_remove_episode (f.project, f.episode);
  g_assert_null (kts_map_canvas_get_episode (f.canvas));
  g_assert_null (kts_map_canvas_get_layout (f.canvas));

  fixture_teardown (&f);
}

static void
test_accessible (void)
{
  Fixture          f;
  g_autofree char *error = NULL;

  fixture_setup (&f, "case-e.txt", 1000, 700, FALSE);
  g_assert_true (
      gtk_test_accessible_has_role (GTK_ACCESSIBLE (f.canvas), GTK_ACCESSIBLE_ROLE_GROUP));
  error = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (f.canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, "Process map of episode e-1");
  g_assert_null (error);

  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e4"), FALSE);
  error = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (f.canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
      "Selected card: therapist, self-definition, rupture: Irritated: nothing improves unless C "
      "takes part");
  g_assert_null (error);

  fixture_teardown (&f);
}

/* ---- Rendering ------------------------------------------------------------------------- */

typedef struct
{
  guchar *data;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

static void
render (Fixture *f, Pixels *out)
{
  GtkSnapshot   *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer   *renderer = gsk_cairo_renderer_new ();
  GdkTexture    *texture;
  g_autoptr (GError) error = NULL;

  out->width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  out->height = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  gtk_widget_snapshot_child (f->window, GTK_WIDGET (f->canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, out->width, out->height));
  out->stride = 4 * out->width;
  out->data = g_malloc (out->stride * out->height);
  gdk_texture_download (texture, out->data, out->stride);

  if (g_getenv ("KTS_TEST_SAVE_PNG") != NULL)
    {
      static guint     n = 0;
      g_autofree char *path
          = g_strdup_printf ("%s/map-canvas-%u.png", g_getenv ("KTS_TEST_SAVE_PNG"), n++);
      gdk_texture_save_to_png (texture, path);
    }

  g_object_unref (texture);
  gsk_render_node_unref (node);
  gsk_renderer_unrealize (renderer);
  g_object_unref (renderer);
}

static guint32
pixel (const Pixels *p, double x, double y)
{
  int ix = CLAMP ((int)x, 0, p->width - 1), iy = CLAMP ((int)y, 0, p->height - 1);

  return *(const guint32 *)(p->data + iy * p->stride + ix * 4) & 0xffffff;
}

static double
luminance (guint32 argb)
{
  return (0.2126 * ((argb >> 16) & 0xff) + 0.7152 * ((argb >> 8) & 0xff) + 0.0722 * (argb & 0xff))
         / 255.0;
}

/* Every card fully in view has its border where the layout says: the pixel
 * just inside the left edge differs from the lane a few pixels to its left. */
static guint
check_cards (Fixture *f, const Pixels *p)
{
  KtsMapLayout *layout = kts_map_canvas_get_layout (f->canvas);
  guint         checked = 0;

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
      double            x0, y0, x1, y1;

      map_to_view (f, card->x, card->y, &x0, &y0);
      map_to_view (f, card->x + card->width, card->y + card->height, &x1, &y1);
      if (x0 < 6 || y0 < 0 || x1 > p->width || y1 > p->height)
        continue;
      g_assert_cmphex (pixel (p, x0 + 0.5, (y0 + y1) / 2), !=, pixel (p, x0 - 5, (y0 + y1) / 2));
      checked++;
    }
  return checked;
}

static void
test_render (void)
{
  Fixture          f;
  Pixels           p;
  KtsMapLayout    *layout;
  double           x, y;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  fixture_setup (&f, "case-e.txt", 1000, 700, FALSE);
  layout = kts_map_canvas_get_layout (f.canvas);

  /* The whole map, below the detail zoom: simplified cards. */
  gtk_widget_activate_action (GTK_WIDGET (f.canvas), "map.zoom-fit", NULL);
  {
    KtsMapViewport vp;

    kts_map_canvas_get_viewport (f.canvas, &vp);
    g_assert_cmpfloat (vp.scale, <, KTS_MAP_CANVAS_DETAIL_SCALE);
  }
  render (&f, &p);
  g_assert_cmpuint (check_cards (&f, &p), ==, layout->cards->len);
  /* Outside the map is the desk, not the paper. */
  map_to_view (&f, layout->width, layout->height, &x, &y);
  g_assert_cmphex (pixel (&p, x + 10, y + 10), !=, pixel (&p, x - 3, y - 3));
  g_free (p.data);

  /* At full detail, only part of it. */
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e5"), FALSE);
  render (&f, &p);
  g_assert_cmpuint (check_cards (&f, &p), >=, 2);
  /* The selection ring around e5, in the accent colour. */
  {
    const KtsMapCard *card = card_of (&f, "e5");
    guint32           ring;

    map_to_view (&f, card->x - 3, card->y + card->height / 2, &x, &y);
    ring = pixel (&p, x, y);
    g_assert_cmpint ((ring & 0xff), >, ((ring >> 16) & 0xff) + 60); /* blue */
  }
  g_assert_cmpfloat (luminance (pixel (&p, 5, p.height / 2.0)), >, 0.5);
  g_free (p.data);

  /* Dark mode follows the style manager (with a new painter and layout). */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  iterate ();
  layout = kts_map_canvas_get_layout (f.canvas);
  render (&f, &p);
  g_assert_cmpuint (check_cards (&f, &p), >=, 2);
  map_to_view (&f, 20, layout->lanes[KTS_LANE_SPINE].y - 4, &x, &y);
  g_assert_cmpfloat (luminance (pixel (&p, x, y)), <, 0.3);
  g_free (p.data);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  iterate ();

  fixture_teardown (&f);
}

/* ---- Looking at it -------------------------------------------------------------------- */

static gboolean
quit_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
destroy_cb (GtkWidget *widget, gboolean *done)
{
  *done = TRUE;
}

/* KTS_MAP_CANVAS_DEMO=case-e.txt, optional KTS_MAP_CANVAS_DEMO_DARK=1,
 * _ZOOM=fit|number, _SELECT=ident, _SECONDS=n (else until closed),
 * _DYAD=1, _X: the map x to show at the left edge. */
static int
run_demo (const char *name)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  KtsEpisode      *episode = kts_map_canvas_fixture_add (project, name, TRUE);
  GtkWidget       *window = gtk_window_new ();
  GtkWidget       *header = gtk_header_bar_new ();
  GtkWidget       *scrolled = gtk_scrolled_window_new ();
  GtkWidget       *canvas = kts_map_canvas_new ();
  const char      *zoom = g_getenv ("KTS_MAP_CANVAS_DEMO_ZOOM");
  const char      *select = g_getenv ("KTS_MAP_CANVAS_DEMO_SELECT");
  const char      *seconds = g_getenv ("KTS_MAP_CANVAS_DEMO_SECONDS");
  g_autofree char *title
      = g_strdup_printf ("Process map — episode %s", kts_episode_get_name (episode));
  gboolean done = FALSE;

  if (g_getenv ("KTS_MAP_CANVAS_DEMO_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  kts_map_canvas_set_episode (KTS_MAP_CANVAS (canvas), project, episode);
  if (g_getenv ("KTS_MAP_CANVAS_DEMO_DYAD") != NULL)
    kts_map_canvas_set_arrangement (KTS_MAP_CANVAS (canvas), KTS_MAP_ARRANGEMENT_DYAD);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), canvas);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  g_signal_connect (window, "destroy", G_CALLBACK (destroy_cb), &done);
  gtk_window_maximize (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_size (canvas);

  if (zoom != NULL && g_str_equal (zoom, "fit"))
    kts_map_canvas_zoom_to_fit (KTS_MAP_CANVAS (canvas));
  else if (zoom != NULL)
    kts_map_canvas_set_zoom (KTS_MAP_CANVAS (canvas), g_ascii_strtod (zoom, NULL));
  if (select != NULL)
    {
      g_auto (GStrv) idents = g_strsplit (select, ",", -1);
      for (guint i = 0; idents[i] != NULL; i++)
        kts_map_canvas_select_move (KTS_MAP_CANVAS (canvas), move_by_ident (episode, idents[i]),
                                    i > 0);
    }
  if (g_getenv ("KTS_MAP_CANVAS_DEMO_X") != NULL)
    {
      KtsMapViewport vp;
      double         vx;

      kts_map_canvas_get_viewport (KTS_MAP_CANVAS (canvas), &vp);
      kts_map_viewport_to_view (&vp, g_ascii_strtod (g_getenv ("KTS_MAP_CANVAS_DEMO_X"), NULL), 0,
                                &vx, NULL);
      kts_map_canvas_test_drag (KTS_MAP_CANVAS (canvas), 2, 100, 100, -vx, 0, 1, 0);
    }
  gtk_widget_grab_focus (canvas);

  if (seconds != NULL)
    g_timeout_add_seconds (atoi (seconds), quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_getenv ("KTS_MAP_CANVAS_DEMO_SECONDS") || gtk_widget_get_realized (window))
    gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* The flowchart in the canvas (brief B.3.1): selecting, the anchor line back
 * to the transcript, tooltips without codes; a drag pans, never stores a
 * position (positions belong to the process map). */
static void
test_flowchart (void)
{
  Fixture           f;
  KtsCoding        *anchor = NULL;
  cairo_rectangle_t area;
  KtsMapLayout     *layout;
  const KtsMapCard *card;
  KtsMapStyle       style;
  KtsMapViewport    before, after;
  g_autoptr (KtsMapPainter) painter = NULL;
  double x, y;

  fixture_setup (&f, "case-e.txt", 1400, 900, FALSE);
  kts_map_canvas_set_arrangement (f.canvas, KTS_MAP_ARRANGEMENT_FLOWCHART);
  kts_map_canvas_set_zoom (f.canvas, 1.0);
  kts_map_canvas_flush (f.canvas);
  g_signal_connect (f.canvas, "anchor-activated", G_CALLBACK (pointer_cb), &anchor);
  layout = kts_map_canvas_get_layout (f.canvas);
  g_assert_cmpuint (layout->cards->len, ==,
                    g_list_model_get_n_items (kts_episode_get_moves (f.episode)));

  /* e9 is in both dimensions: one box, in the therapist's lane. */
  card = card_of (&f, "e9");
  g_assert_cmpint (card->lane, ==, KTS_LANE_THERAPIST);
  kts_map_canvas_select_move (f.canvas, move_by_ident (f.episode, "e9"), FALSE);
  click_card (&f, "e5", 0);
  assert_selection (&f, (const char *const[]){ "e5", NULL });

  /* The anchor line, where a painter of the same arrangement puts it. */
  kts_map_style_init (&style);
  style.arrangement = KTS_MAP_ARRANGEMENT_FLOWCHART;
  painter = kts_map_painter_new (f.episode, &style);
  card = card_of (&f, "e5");
  g_assert_true (kts_map_painter_get_anchor_area (
      painter, card_index (layout, move_by_ident (f.episode, "e5")), &area));
  map_to_view (&f, area.x + area.width / 2, area.y + area.height / 2, &x, &y);
  kts_map_canvas_test_double_click (f.canvas, x, y);
  g_assert_true (anchor == g_ptr_array_index (kts_move_get_anchors (card->move), 0));

  /* The tooltip names where the quote comes from, not its codes. */
  {
    g_autofree char *tip = NULL;

    card_point (&f, "e5", &x, &y);
    tip = kts_map_canvas_test_tooltip (f.canvas, x, y);
    g_assert_nonnull (strstr (tip, "▸ Interview e-1, turn 10, T"));
    g_assert_null (strstr (tip, "RUP."));
    g_assert_null (strstr (tip, "<small>"));
  }

  /* Dragging a box pans the view and stores nothing. */
  kts_map_canvas_get_viewport (f.canvas, &before);
  kts_map_canvas_test_drag (f.canvas, 1, x, y, -200, 0, 5, 0);
  kts_map_canvas_get_viewport (f.canvas, &after);
  g_assert_false (kts_move_get_position (move_by_ident (f.episode, "e5"), NULL, NULL));
  g_assert_false (kts_project_can_undo (f.project));
  g_assert_cmpfloat (after.origin_x, >, before.origin_x);

  /* Back to the process map: two cards for e9 again. */
  kts_map_canvas_set_arrangement (f.canvas, KTS_MAP_ARRANGEMENT_SURFACE);
  kts_map_canvas_flush (f.canvas);
  layout = kts_map_canvas_get_layout (f.canvas);
  g_assert_cmpuint (layout->cards->len, >,
                    g_list_model_get_n_items (kts_episode_get_moves (f.episode)));

  fixture_teardown (&f);
}

int
main (int argc, char *argv[])
{
  /* The test AT context records accessible properties without a bus; with
   * GTK_A11Y=none there would be nothing to check. */
  if (g_getenv ("KTS_MAP_CANVAS_DEMO") == NULL)
    g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (g_getenv ("KTS_MAP_CANVAS_DEMO") != NULL)
    return run_demo (g_getenv ("KTS_MAP_CANVAS_DEMO"));

  g_test_add_func ("/map-canvas/zoom/actions", test_zoom_actions);
  g_test_add_func ("/map-canvas/zoom/fit", test_zoom_fit);
  g_test_add_func ("/map-canvas/scrollable", test_scrollable);
  g_test_add_func ("/map-canvas/select/clicks", test_select_clicks);
  g_test_add_func ("/map-canvas/select/rubber-band", test_rubber_band);
  g_test_add_func ("/map-canvas/select/keyboard", test_keyboard);
  g_test_add_func ("/map-canvas/edit/drag", test_drag_cards);
  g_test_add_func ("/map-canvas/edit/delete", test_delete);
  g_test_add_func ("/map-canvas/edit/connect", test_connect);
  g_test_add_func ("/map-canvas/edit/add-move", test_add_move);
  g_test_add_func ("/map-canvas/activate", test_activate);
  g_test_add_func ("/map-canvas/flowchart", test_flowchart);
  g_test_add_func ("/map-canvas/model-changes", test_model_changes);
  g_test_add_func ("/map-canvas/accessible", test_accessible);
  g_test_add_func ("/map-canvas/render", test_render);

  return g_test_run ();
}
