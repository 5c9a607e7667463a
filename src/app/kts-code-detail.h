/* kts-code-detail.h: the page about one code in the Codebook view: read it, or edit every field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-codebook-guide.h"
#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODE_DETAIL (kts_code_detail_get_type ())
G_DECLARE_FINAL_TYPE (KtsCodeDetail, kts_code_detail, KTS, CODE_DETAIL, GtkWidget)

/*
 * Reading: the code's name, key and colour; dimension, maturity with the rank
 * in Blatt's list, family, whether it is applied to text; definition, example
 * (as a quote), when to use and when not to use, notes; sub-codes, maps-to
 * links both ways, the contrast cards that involve it; source, basis and the
 * number of codings in the project. Links activate
 * "codebook-view.show-code".
 *
 * Editing ("editing" property, the Edit and Done buttons): every field is an
 * entry, a text view, a switch or a list. Changes go to the project as they
 * are made (typing is applied after a short pause and when the field loses
 * the focus), each through kts_project_set_*(), so they are undoable; the
 * typing in one field until it loses the focus is one undo step.
 *
 * Properties: editing (gboolean).
 */
GtkWidget *kts_code_detail_new (void);
/* Shows @code of @project (both may be NULL); @guide (borrowed, may be NULL)
 * gives the contrast cards. Leaves editing mode, applying what was typed. */
void     kts_code_detail_set_code (KtsCodeDetail          *self,
                                   KtsProject             *project,
                                   const KtsCodebookGuide *guide,
                                   KtsCode                *code);
KtsCode *kts_code_detail_get_code (KtsCodeDetail *self);
gboolean kts_code_detail_get_editing (KtsCodeDetail *self);
void     kts_code_detail_set_editing (KtsCodeDetail *self, gboolean editing);
/* Applies whatever was typed and not yet applied. */
void kts_code_detail_commit (KtsCodeDetail *self);
/* The editor of a code property ("definition", "name", "dimension", …) while
 * editing: an AdwEntryRow, GtkTextView, AdwComboRow, GtkSpinButton or
 * GtkSwitch; NULL otherwise. */
GtkWidget *kts_code_detail_get_editor (KtsCodeDetail *self, const char *property);

/* Words for a code's classification, shared with the coding side. */
const char *kts_code_family_label (const char *family);
const char *kts_code_basis_label (const char *basis);
const char *kts_code_basis_explanation (const char *basis);

G_END_DECLS
