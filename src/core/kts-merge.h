/* kts-merge.h: bringing another project's codings of the same transcripts in.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-project.h"

G_BEGIN_DECLS

typedef struct
{
  guint      documents_matched;   /* source documents whose text is in the target */
  guint      documents_unmatched; /* source documents with codings but no match */
  guint      codings_added;
  guint      codings_skipped; /* their code is not in the target's codebook */
  GPtrArray *messages;        /* char*, translated, one line each */
} KtsMergeReport;

void kts_merge_report_free (KtsMergeReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsMergeReport, kts_merge_report_free)

/* Copies the codings of @source into @target, as one undo step. Documents
 * are matched by their text (not their title); codes by guid, then key, then
 * unique name. Every copied coding is attributed to @as_coder (a coder of
 * @target) if given, else to the target coder with the source coder's name
 * (created when missing; codings without a coder go to a coder named after
 * the source project's title). Codings whose document or code has no match
 * are skipped and reported, and so are codings an open practice set of
 * @source hides. Returns the report, or NULL with @error when
 * nothing could be matched at all. */
KtsMergeReport *kts_project_merge_codings (KtsProject *target,
                                           KtsProject *source,
                                           KtsCoder   *as_coder,
                                           GError    **error);

G_END_DECLS
