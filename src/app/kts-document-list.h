/* kts-document-list.h: the documents sidebar.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_DOCUMENT_LIST (kts_document_list_get_type ())
G_DECLARE_FINAL_TYPE (KtsDocumentList, kts_document_list, KTS, DOCUMENT_LIST, GtkWidget)

/*
 * Lists the project's documents (title, turns, codings). Rename, delete and
 * reorder go through the project's operations, so they can be undone.
 * Actions (group "documents"): rename(s), set-title((ss)), move-up(s),
 * move-down(s), move((ss)), delete(s).
 * Properties: project, selected-document (KtsDocument, read-write).
 */
GtkWidget   *kts_document_list_new (void);
void         kts_document_list_set_project (KtsDocumentList *self, KtsProject *project);
KtsDocument *kts_document_list_get_selected_document (KtsDocumentList *self);
void         kts_document_list_set_selected_document (KtsDocumentList *self, KtsDocument *document);

G_END_DECLS
