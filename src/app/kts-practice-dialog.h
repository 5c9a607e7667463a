/* kts-practice-dialog.h: New Practice Set: a coded transcript, its reference coder, the layers and
 * the student. SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-practice.h"

G_BEGIN_DECLS

#define KTS_TYPE_PRACTICE_DIALOG (kts_practice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    KtsPracticeDialog, kts_practice_dialog, KTS, PRACTICE_DIALOG, AdwMessageDialog)

/*
 * Offers the transcripts that have codings; for the chosen one, the coders
 * who coded it (with their counts) as the reference, and check buttons for
 * the layers that coder used (all on; SD and REL come together); a title (prefilled "Practice:
 * TRANSCRIPT"), the student's name and an optional pass threshold ("Pass at
 * F1 ≥", off by default). Responses "cancel" and "create". On "create" the
 * set is made with kts_practice_set_create_from_coding() and its threshold
 * set (one undo step) before handlers connected by the caller run; they find it with
 * kts_practice_dialog_get_set(). A failure is shown in an error dialog.
 */
GtkWidget *kts_practice_dialog_new (GtkWindow *parent, KtsProject *project, KtsDocument *document);
/* The set made on "create" (transfer none), or NULL. */
KtsPracticeSet *kts_practice_dialog_get_set (KtsPracticeDialog *self);

/* The form, for tests (each sets its widget). */
gboolean kts_practice_dialog_set_document (KtsPracticeDialog *self, KtsDocument *document);
gboolean kts_practice_dialog_set_reference (KtsPracticeDialog *self, KtsCoder *coder);
/* The reference coders offered, as their labels show ("Reference (5 codings)"). */
GStrv kts_practice_dialog_dup_reference_labels (KtsPracticeDialog *self);
/* The layers offered, in order. */
GStrv kts_practice_dialog_dup_layers (KtsPracticeDialog *self);
gboolean
kts_practice_dialog_set_layer_active (KtsPracticeDialog *self, const char *layer, gboolean active);
void kts_practice_dialog_set_title (KtsPracticeDialog *self, const char *title);
void kts_practice_dialog_set_student (KtsPracticeDialog *self, const char *name);
/* The optional "Pass at F1 ≥" (off by default): a negative @threshold turns it off. */
void kts_practice_dialog_set_pass_threshold (KtsPracticeDialog *self, double threshold);

G_END_DECLS
