/* kts-practice-trend-view.h: a student's progress across their submitted practice sets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-practice-compare.h"

G_BEGIN_DECLS

#define KTS_TYPE_PRACTICE_TREND_VIEW (kts_practice_trend_view_get_type ())
G_DECLARE_FINAL_TYPE (
    KtsPracticeTrendView, kts_practice_trend_view, KTS, PRACTICE_TREND_VIEW, GtkWidget)

/*
 * Shows the result of kts_practice_trend() (brief C.2.5): a small chart of
 * the overall F1 (solid line, round markers, accent colour) and the lenient
 * score (dashed line, square markers) of each submitted set, oldest first,
 * y from 0 to 1 with gridlines every 0.25, the current set highlighted;
 * each set's title, date and per-layer F1 as a tooltip, and the current
 * set's per-layer F1 in a line under the chart. The chart's accessible
 * description says the values in words. With fewer than two sets it shows
 * a note instead.
 */

GtkWidget *kts_practice_trend_view_new (void);
/* Shows @trend (KtsPracticeTrendPoint*, a reference is taken; NULL clears)
 * with @current (may be NULL) highlighted. */
void kts_practice_trend_view_set_trend (KtsPracticeTrendView *self,
                                        GPtrArray            *trend,
                                        KtsPracticeSet       *current);
/* The number of sets shown in the chart (0 while the note is shown). */
guint kts_practice_trend_view_get_n_points (KtsPracticeTrendView *self);
/* The chart's accessible description, or the note's text. */
const char *kts_practice_trend_view_get_description (KtsPracticeTrendView *self);

G_END_DECLS
