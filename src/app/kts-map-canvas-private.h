/* kts-map-canvas-private.h: internals of KtsMapCanvas that tests and benchmarks drive.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinates are widget pixels. The test hooks run the same code as the
 * canvas's gestures, without synthesising input events.
 */
#pragma once

#include "kts-map-canvas.h"
#include "kts-map-viewport.h"

G_BEGIN_DECLS

/* A press and release at (@x, @y) with @modifiers (GDK_SHIFT_MASK, GDK_CONTROL_MASK). */
void kts_map_canvas_test_click (KtsMapCanvas *self, double x, double y, GdkModifierType modifiers);
/* A double-click of the primary button. */
void kts_map_canvas_test_double_click (KtsMapCanvas *self, double x, double y);
/* A drag with @button (1 primary, 2 middle) from (@x, @y) by (@dx, @dy) in
 * @n_steps motion steps, then a release. */
void kts_map_canvas_test_drag (KtsMapCanvas   *self,
                               guint           button,
                               double          x,
                               double          y,
                               double          dx,
                               double          dy,
                               guint           n_steps,
                               GdkModifierType modifiers);
/* A scroll of (@dx, @dy) wheel steps with the pointer at (@x, @y). */
void kts_map_canvas_test_scroll (
    KtsMapCanvas *self, double x, double y, double dx, double dy, GdkModifierType modifiers);
/* A pinch: the fingers' centre at (@x, @y), @scale relative to the start. */
void kts_map_canvas_test_pinch (KtsMapCanvas *self, double x, double y, double scale);

/* The tooltip markup of the card at (@x, @y), or NULL. */
char *kts_map_canvas_test_tooltip (KtsMapCanvas *self, double x, double y);

/* The current zoom and pan, in the viewport's terms. */
void kts_map_canvas_get_viewport (KtsMapCanvas *self, KtsMapViewport *viewport);
/* The layout being shown (transfer none), or NULL without an episode. */
KtsMapLayout *kts_map_canvas_get_layout (KtsMapCanvas *self);
/* Runs a pending model refresh now instead of in an idle. */
void kts_map_canvas_flush (KtsMapCanvas *self);
/* View pixels per map point below which cards are drawn as box and label
 * only (semantic zoom). */
#define KTS_MAP_CANVAS_DETAIL_SCALE 0.5

G_END_DECLS
