/* kts-map-viewport.c: zoom and pan of a map view, as plain numbers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include "kts-map-viewport.h"

void
kts_map_viewport_init (KtsMapViewport *self)
{
  g_return_if_fail (self != NULL);

  *self = (KtsMapViewport){ .scale = 1.0 };
}

void
kts_map_viewport_set_size (KtsMapViewport *self, double width, double height)
{
  g_return_if_fail (self != NULL);

  self->view_width = MAX (width, 0);
  self->view_height = MAX (height, 0);
}

void
kts_map_viewport_to_view (
    const KtsMapViewport *self, double map_x, double map_y, double *view_x, double *view_y)
{
  if (view_x != NULL)
    *view_x = (map_x - self->origin_x) * self->scale;
  if (view_y != NULL)
    *view_y = (map_y - self->origin_y) * self->scale;
}

void
kts_map_viewport_to_map (
    const KtsMapViewport *self, double view_x, double view_y, double *map_x, double *map_y)
{
  if (map_x != NULL)
    *map_x = self->origin_x + view_x / self->scale;
  if (map_y != NULL)
    *map_y = self->origin_y + view_y / self->scale;
}

void
kts_map_viewport_zoom_at (KtsMapViewport *self, double factor, double view_x, double view_y)
{
  double mx, my, scale;

  g_return_if_fail (self != NULL);
  g_return_if_fail (factor > 0);

  kts_map_viewport_to_map (self, view_x, view_y, &mx, &my);
  scale = CLAMP (self->scale * factor, KTS_MAP_VIEWPORT_MIN_SCALE, KTS_MAP_VIEWPORT_MAX_SCALE);
  self->scale = scale;
  self->origin_x = mx - view_x / scale;
  self->origin_y = my - view_y / scale;
}

void
kts_map_viewport_set_scale (KtsMapViewport *self, double scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scale > 0);

  kts_map_viewport_zoom_at (self, scale / self->scale, self->view_width / 2, self->view_height / 2);
}

void
kts_map_viewport_pan_by (KtsMapViewport *self, double dx, double dy)
{
  g_return_if_fail (self != NULL);

  self->origin_x -= dx / self->scale;
  self->origin_y -= dy / self->scale;
}

void
kts_map_viewport_fit (
    KtsMapViewport *self, double x, double y, double width, double height, double margin)
{
  double avail_w, avail_h, scale;

  g_return_if_fail (self != NULL);

  avail_w = MAX (self->view_width - 2 * margin, 1);
  avail_h = MAX (self->view_height - 2 * margin, 1);
  if (width <= 0 || height <= 0)
    return;

  scale = MIN (avail_w / width, avail_h / height);
  self->scale = CLAMP (scale, KTS_MAP_VIEWPORT_MIN_SCALE, KTS_MAP_VIEWPORT_MAX_SCALE);
  self->origin_x = x + width / 2 - self->view_width / 2 / self->scale;
  self->origin_y = y + height / 2 - self->view_height / 2 / self->scale;
}

void
kts_map_viewport_reveal (
    KtsMapViewport *self, double x, double y, double width, double height, double margin)
{
  double vx, vy, vw, vh, m;

  g_return_if_fail (self != NULL);

  kts_map_viewport_get_visible (self, &vx, &vy, &vw, &vh);
  m = margin / self->scale;

  if (width + 2 * m > vw || x - m < vx)
    self->origin_x = x - m;
  else if (x + width + m > vx + vw)
    self->origin_x = x + width + m - vw;

  if (height + 2 * m > vh || y - m < vy)
    self->origin_y = y - m;
  else if (y + height + m > vy + vh)
    self->origin_y = y + height + m - vh;
}

void
kts_map_viewport_get_visible (
    const KtsMapViewport *self, double *x, double *y, double *width, double *height)
{
  if (x != NULL)
    *x = self->origin_x;
  if (y != NULL)
    *y = self->origin_y;
  if (width != NULL)
    *width = self->view_width / self->scale;
  if (height != NULL)
    *height = self->view_height / self->scale;
}
