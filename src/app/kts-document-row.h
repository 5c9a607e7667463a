/* kts-document-row.h: one transcript in the documents sidebar.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_DOCUMENT_ROW (kts_document_row_get_type ())
G_DECLARE_FINAL_TYPE (KtsDocumentRow, kts_document_row, KTS, DOCUMENT_ROW, GtkWidget)

/* Shows the title and "N turns · M codings". Right click (or the menu key
 * through kts_document_row_popup_menu()) opens a menu with the
 * "documents.*" actions; dragging a row onto another reorders (activates
 * "documents.move" with target "(ss)": the dragged document's GUID and
 * the GUID of the document whose place it takes). */
GtkWidget *kts_document_row_new (void);
void       kts_document_row_bind (KtsDocumentRow *self, KtsDocument *document);
void       kts_document_row_unbind (KtsDocumentRow *self);
/* The project whose open practice sets hide codings from the count. */
void         kts_document_row_set_project (KtsDocumentRow *self, KtsProject *project);
KtsDocument *kts_document_row_get_document (KtsDocumentRow *self);
void         kts_document_row_popup_menu (KtsDocumentRow *self);
/* Shows a popover with an entry to rename the document; activating it
 * activates "documents.set-title" with target "(ss)". */
void kts_document_row_start_rename (KtsDocumentRow *self);

G_END_DECLS
