/* kts-map-viewport.h: zoom and pan of a map view, as plain numbers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Map units are the layout's points; view units are widget pixels. The
 * viewport maps one to the other: view = (map - origin) * scale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KTS_MAP_VIEWPORT_MIN_SCALE 0.05
#define KTS_MAP_VIEWPORT_MAX_SCALE 8.0

typedef struct
{
  double scale;    /* view pixels per map unit */
  double origin_x; /* map point shown at the view's top-left corner */
  double origin_y;
  double view_width; /* pixels */
  double view_height;
} KtsMapViewport;

void kts_map_viewport_init (KtsMapViewport *self);
void kts_map_viewport_set_size (KtsMapViewport *self, double width, double height);
void kts_map_viewport_to_view (
    const KtsMapViewport *self, double map_x, double map_y, double *view_x, double *view_y);
void kts_map_viewport_to_map (
    const KtsMapViewport *self, double view_x, double view_y, double *map_x, double *map_y);
/* Multiplies the scale by @factor (clamped), keeping the map point under the
 * view point (@view_x, @view_y) where it is — zooming about the pointer. */
void kts_map_viewport_zoom_at (KtsMapViewport *self, double factor, double view_x, double view_y);
/* Sets an absolute scale about the view's centre. */
void kts_map_viewport_set_scale (KtsMapViewport *self, double scale);
/* Moves the content by a distance in view pixels (a drag). */
void kts_map_viewport_pan_by (KtsMapViewport *self, double dx, double dy);
/* Shows the whole rectangle with @margin pixels around it, centred. */
void kts_map_viewport_fit (
    KtsMapViewport *self, double x, double y, double width, double height, double margin);
/* Scrolls the least amount that brings the rectangle fully into view. */
void kts_map_viewport_reveal (
    KtsMapViewport *self, double x, double y, double width, double height, double margin);
/* The part of the map that is visible, in map units. */
void kts_map_viewport_get_visible (
    const KtsMapViewport *self, double *x, double *y, double *width, double *height);

G_END_DECLS
