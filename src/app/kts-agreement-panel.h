/* kts-agreement-panel.h: the agreement page of the Analysis view (brief C.3, docs/agreement.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-agreement.h"
#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_AGREEMENT_PANEL (kts_agreement_panel_get_type ())
G_DECLARE_FINAL_TYPE (KtsAgreementPanel, kts_agreement_panel, KTS, AGREEMENT_PANEL, GtkWidget)

/*
 * Compares a reference coder with a test coder (and further coders for
 * alpha) with kts_agreement_compute(): overall and per layer, dimension and
 * maturity, per code, and the most frequent confusions, each linked to the
 * contrast card that tells the two codes apart when there is one. Benchmarks
 * are shown as guidance only; nothing rewards coding more.
 *
 * The value labels of the overall row are named "overall-percent",
 * "overall-kappa", "overall-pabak", "overall-positive", "overall-alpha",
 * "overall-precision", "overall-recall", "overall-f1", "overall-iou" and
 * "overall-lenient" (gtk_widget_get_name()).
 */
GtkWidget *kts_agreement_panel_new (void);
void       kts_agreement_panel_set_project (KtsAgreementPanel *self, KtsProject *project);
/* @coders: KtsCoder, at least two: the reference, the test coder, then any
 * further coders for alpha. */
void kts_agreement_panel_set_coders (KtsAgreementPanel *self, GPtrArray *coders);
/* Only codes of @layer ("RUP", "SD", …), or NULL for all. */
void kts_agreement_panel_set_layer (KtsAgreementPanel *self, const char *layer);
/* Share of the shorter span two spans must overlap to match, 0.05–1. */
void kts_agreement_panel_set_overlap (KtsAgreementPanel *self, double overlap);
/* Loads @file in the background and merges its codings into the project
 * (kts_project_merge_codings()) as one undoable step, then reports in a
 * dialog. When the file's codings all belong to one coder whose name the
 * project already has, they go to a new coder "NAME (FILE NAME)", which
 * becomes the coder compared with the reference. */
void kts_agreement_panel_merge (KtsAgreementPanel *self, GFile *file);
/* The report shown, or NULL (fewer than two coders, or nothing to compare). */
const KtsAgreementReport *kts_agreement_panel_get_report (KtsAgreementPanel *self);
void                      kts_agreement_panel_refresh (KtsAgreementPanel *self);

/* Formats a measure as the panel shows it: two decimals, "–" when undefined. */
char *kts_agreement_panel_format (double value);
/* The conventional reading of a kappa ("substantial" for ≥ .60), translated;
 * NULL when undefined. Guidance only (brief C.3.10). */
const char *kts_agreement_panel_benchmark (double kappa);
/* What is shown: "results", "one-coder" (fewer than two coders in
 * the project) or "error" (nothing to compare; the status page says why). */
const char *kts_agreement_panel_get_state (KtsAgreementPanel *self);

G_END_DECLS
