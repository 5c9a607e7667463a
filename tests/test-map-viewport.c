/* test-map-viewport.c: zoom and pan arithmetic of the map canvas.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kts-map-viewport.h"

static void
test_round_trip (void)
{
  KtsMapViewport vp;
  double         vx, vy, mx, my;

  kts_map_viewport_init (&vp);
  kts_map_viewport_set_size (&vp, 800, 600);
  vp.scale = 2.5;
  vp.origin_x = 100;
  vp.origin_y = -40;
  kts_map_viewport_to_view (&vp, 130, 10, &vx, &vy);
  g_assert_cmpfloat_with_epsilon (vx, 75, 1e-9);
  g_assert_cmpfloat_with_epsilon (vy, 125, 1e-9);
  kts_map_viewport_to_map (&vp, vx, vy, &mx, &my);
  g_assert_cmpfloat_with_epsilon (mx, 130, 1e-9);
  g_assert_cmpfloat_with_epsilon (my, 10, 1e-9);
}

static void
test_zoom_keeps_pointer (void)
{
  KtsMapViewport vp;
  double         before_x, before_y, after_x, after_y;

  kts_map_viewport_init (&vp);
  kts_map_viewport_set_size (&vp, 800, 600);
  kts_map_viewport_to_map (&vp, 321, 123, &before_x, &before_y);
  kts_map_viewport_zoom_at (&vp, 1.7, 321, 123);
  kts_map_viewport_zoom_at (&vp, 1.3, 321, 123);
  kts_map_viewport_to_map (&vp, 321, 123, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (vp.scale, 1.7 * 1.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-9);

  /* Clamped at both ends. */
  for (int i = 0; i < 50; i++)
    kts_map_viewport_zoom_at (&vp, 2, 0, 0);
  g_assert_cmpfloat (vp.scale, ==, KTS_MAP_VIEWPORT_MAX_SCALE);
  for (int i = 0; i < 100; i++)
    kts_map_viewport_zoom_at (&vp, 0.5, 0, 0);
  g_assert_cmpfloat (vp.scale, ==, KTS_MAP_VIEWPORT_MIN_SCALE);
}

static void
test_pan (void)
{
  KtsMapViewport vp;
  double         x, y;

  kts_map_viewport_init (&vp);
  kts_map_viewport_set_size (&vp, 800, 600);
  vp.scale = 2;
  kts_map_viewport_pan_by (&vp, 50, -20);
  /* Dragging right by 50 px shows what was 25 map units further left. */
  g_assert_cmpfloat_with_epsilon (vp.origin_x, -25, 1e-9);
  g_assert_cmpfloat_with_epsilon (vp.origin_y, 10, 1e-9);
  kts_map_viewport_get_visible (&vp, &x, &y, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (x, -25, 1e-9);
}

static void
test_fit_and_reveal (void)
{
  KtsMapViewport vp;
  double         x, y, w, h;

  kts_map_viewport_init (&vp);
  kts_map_viewport_set_size (&vp, 1000, 500);
  kts_map_viewport_fit (&vp, 0, 0, 4000, 1000, 20);
  g_assert_cmpfloat_with_epsilon (vp.scale, 960.0 / 4000.0, 1e-9);
  kts_map_viewport_get_visible (&vp, &x, &y, &w, &h);
  g_assert_cmpfloat (x, <=, 0);
  g_assert_cmpfloat (x + w, >=, 4000);
  g_assert_cmpfloat (y, <=, 0);
  g_assert_cmpfloat (y + h, >=, 1000);
  /* Centred. */
  g_assert_cmpfloat_with_epsilon (x + w / 2, 2000, 1e-6);

  vp.scale = 1;
  vp.origin_x = 0;
  vp.origin_y = 0;
  kts_map_viewport_reveal (&vp, 1500, 100, 200, 100, 10);
  kts_map_viewport_get_visible (&vp, &x, &y, &w, &h);
  g_assert_cmpfloat (x, <=, 1490);
  g_assert_cmpfloat (x + w, >=, 1710);
  g_assert_cmpfloat_with_epsilon (x + w, 1710, 1e-9); /* the least scroll */
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);        /* already visible vertically */
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/viewport/round-trip", test_round_trip);
  g_test_add_func ("/map/viewport/zoom", test_zoom_keeps_pointer);
  g_test_add_func ("/map/viewport/pan", test_pan);
  g_test_add_func ("/map/viewport/fit-reveal", test_fit_and_reveal);

  return g_test_run ();
}
