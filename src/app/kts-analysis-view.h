/* kts-analysis-view.h: the Analysis view of the window: coded segments, frequencies,
 * agreement and sequences.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_ANALYSIS_VIEW (kts_analysis_view_get_type ())
G_DECLARE_FINAL_TYPE (KtsAnalysisView, kts_analysis_view, KTS, ANALYSIS_VIEW, GtkWidget)

/*
 * A sidebar with four pages: "segments", "frequencies", "agreement" and
 * "sequences". Each page follows the project's "changed" signal while it is
 * shown and catches up when it is shown again. Codings are revealed in the
 * transcript through the window action "win.reveal-coding" (s: coding guid).
 *
 * Property: page (string), the name of the page shown.
 */
GtkWidget  *kts_analysis_view_new (void);
void        kts_analysis_view_set_project (KtsAnalysisView *self, KtsProject *project);
const char *kts_analysis_view_get_page (KtsAnalysisView *self);
void        kts_analysis_view_set_page (KtsAnalysisView *self, const char *page);
/* The page widgets: KtsSegmentList, KtsFrequencyTable, KtsAgreementPanel,
 * KtsSequencePanel. (transfer none) */
GtkWidget *kts_analysis_view_get_page_widget (KtsAnalysisView *self, const char *page);

/* Helpers for the pages. */
/* A toast in the window's toast overlay (a g_message() without one). */
void kts_analysis_toast (GtkWidget *widget, const char *title);
void kts_analysis_show_error (GtkWidget *widget, const char *heading, const char *body);
/* Asks where to save @bytes (a save dialog titled @title, proposing
 * @suggested_name), writes them there and toasts @done_message. */
void kts_analysis_save_bytes (GtkWidget  *widget,
                              const char *title,
                              const char *suggested_name,
                              GBytes     *bytes,
                              const char *done_message);

G_END_DECLS
