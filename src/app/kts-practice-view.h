/* kts-practice-view.h: the Practice view: practice sets, coding one, submitting, the comparison.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-practice-compare-view.h"
#include "kts-practice.h"

G_BEGIN_DECLS

#define KTS_TYPE_PRACTICE_VIEW (kts_practice_view_get_type ())
G_DECLARE_FINAL_TYPE (KtsPracticeView, kts_practice_view, KTS, PRACTICE_VIEW, GtkWidget)

/*
 * Lists the project's practice sets (kts_project_get_practice_sets(), live)
 * with title, transcript, layers, student and state. Without sets, a status
 * page explains them. An open set shows its instructions, "Code This
 * Transcript" (activates "win.code-practice-set" with the set's GUID) and
 * "Submit…"; a submitted one its comparison (KtsPracticeCompareView).
 *
 * Actions (group "practice"): new (the New Practice Set dialog), import
 * (asks for the two files of brief C.5), code, submit (asks first), remove
 * (asks first; undoable) — the last three on the selected set.
 *
 * Pages (kts_practice_view_get_page()): "empty" (no sets), "none" (none
 * chosen), "open", "compare", "error" (a submitted set whose comparison
 * waits for another set on the transcript).
 */
GtkWidget              *kts_practice_view_new (void);
void                    kts_practice_view_set_project (KtsPracticeView *self, KtsProject *project);
KtsPracticeSet         *kts_practice_view_get_selected_set (KtsPracticeView *self);
void                    kts_practice_view_select_set (KtsPracticeView *self, KtsPracticeSet *set);
const char             *kts_practice_view_get_page (KtsPracticeView *self);
KtsPracticeCompareView *kts_practice_view_get_compare_view (KtsPracticeView *self);

/* What the actions open, returned for tests to answer (transfer none): the
 * New Practice Set dialog, and the confirmations of Submit and Remove
 * (responses "cancel" and "submit" / "remove"); NULL without a set. */
GtkWidget *kts_practice_view_new_set (KtsPracticeView *self);
GtkWidget *kts_practice_view_submit (KtsPracticeView *self);
GtkWidget *kts_practice_view_remove (KtsPracticeView *self);
/* Imports the two files of brief C.5 as a new set and selects it; errors
 * in a dialog. */
gboolean kts_practice_view_import_files (KtsPracticeView *self,
                                         GFile           *transcript,
                                         GFile           *reference,
                                         GError         **error);

G_END_DECLS
