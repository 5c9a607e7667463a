/* kts-practice-compare-view.h: a submitted practice set against its reference: two coding rails,
 * the spans and the score card. SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-practice-compare.h"
#include "kts-practice-trend-view.h"

G_BEGIN_DECLS

#define KTS_TYPE_PRACTICE_COMPARE_VIEW (kts_practice_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (
    KtsPracticeCompareView, kts_practice_compare_view, KTS, PRACTICE_COMPARE_VIEW, GtkWidget)

/*
 * Shows a KtsPracticeReport (brief C.2.4):
 *  - the transcript's turns (a list view, so long sessions stay fast) with
 *    two coding rails beside the text, the student's and the reference's:
 *    every span a bar in its code's colour over the turns it covers, marked
 *    where it starts with its outcome as a symbol and a word (✓ hit,
 *    ◐ partial, ✗ wrong code, ○ miss, + extra);
 *  - the list of spans, each with its outcome, both codes, the passage and
 *    links to the codes' definitions ("win.show-code") and to the contrast
 *    cards that tell them apart ("win.show-card");
 *  - filters by layer, speaker, code and outcome, for rails and list alike;
 *  - the score card: per practised layer and overall, the counts, strict
 *    precision, recall and F1, the lenient score and the mean IoU.
 * Clicking a span in a rail or a row of the list selects it in both and
 * scrolls the turns to it.
 */

/* Filter values: */
#define KTS_PRACTICE_FILTER_ALL (-1)
#define KTS_PRACTICE_FILTER_DISCREPANCIES (-2) /* outcome: everything but hits */

GtkWidget *kts_practice_compare_view_new (void);
/* Shows @report (the view takes it over; NULL clears), with @project for
 * names and colours. Filters are reset. */
void               kts_practice_compare_view_set_report (KtsPracticeCompareView *self,
                                                         KtsProject             *project,
                                                         KtsPracticeReport      *report);
KtsPracticeReport *kts_practice_compare_view_get_report (KtsPracticeCompareView *self);

/* The filters, as the drop-downs set them: @layer NULL = all; @speaker a
 * speaker index of the transcript or KTS_PRACTICE_FILTER_ALL; @code NULL =
 * all; @outcome a KtsPracticeOutcome, KTS_PRACTICE_FILTER_ALL or
 * KTS_PRACTICE_FILTER_DISCREPANCIES. A value the drop-downs do not offer
 * counts as "all". */
void kts_practice_compare_view_set_filter (
    KtsPracticeCompareView *self, const char *layer, int speaker, KtsCode *code, int outcome);

/* The spans the filters let through: indexes into the report's items. */
GArray *kts_practice_compare_view_dup_shown_items (KtsPracticeCompareView *self);
/* Selects the report's item @index (in the list and the rails) and scrolls to it. */
void kts_practice_compare_view_select_item (KtsPracticeCompareView *self, guint index);
/* The selected item's index, or -1. */
int kts_practice_compare_view_get_selected_item (KtsPracticeCompareView *self);

/* Beside the score card: the student's trend across their submitted sets
 * (kts_practice_trend(); a reference is taken, NULL clears) with @current
 * highlighted. */
void                  kts_practice_compare_view_set_trend (KtsPracticeCompareView *self,
                                                           GPtrArray              *trend,
                                                           KtsPracticeSet         *current);
KtsPracticeTrendView *kts_practice_compare_view_get_trend_view (KtsPracticeCompareView *self);

/* The score card's line on the set's pass threshold ("✓ Passed — …" or
 * "Not yet — …"), or NULL when the set has none. */
const char *kts_practice_compare_view_get_pass_text (KtsPracticeCompareView *self);

/* "✓", "◐", "✗", "○", "+" and "hit", "partial", "wrong code", "miss", "extra". */
const char *kts_practice_outcome_get_symbol (KtsPracticeOutcome outcome);
const char *kts_practice_outcome_get_label (KtsPracticeOutcome outcome);

G_END_DECLS
