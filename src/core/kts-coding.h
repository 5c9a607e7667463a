/* kts-coding.h: one highlighted passage with the code applied to it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-item.h"
#include "kts-enums.h"
#include "kts-code.h"
#include "kts-coder.h"
#include "kts-document.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODING (kts_coding_get_type ())
G_DECLARE_FINAL_TYPE (KtsCoding, kts_coding, KTS, CODING, KtsItem)

/*
 * Properties:
 *   guid        construct-only
 *   document    KtsDocument, construct-only (weak: the document owns its codings)
 *   start, end  uint, construct-only, code points, end exclusive
 *   code        KtsCode, writable
 *   coder       KtsCoder, writable, may be NULL
 *   actor       KtsActor, writable: who expresses the need (not the speaker)
 *   third-role  string, writable: "supervisor", "colleague", … when actor is THIRD
 *   memo        string, writable, may be NULL
 *   created     int64, construct-only: seconds since the Unix epoch, UTC
 */

KtsCoding *
kts_coding_new (const char *guid, KtsDocument *document, guint start, guint end, KtsCode *code);

KtsDocument *kts_coding_get_document (KtsCoding *self);
guint        kts_coding_get_start (KtsCoding *self);
guint        kts_coding_get_end (KtsCoding *self);
KtsCode     *kts_coding_get_code (KtsCoding *self);
KtsCoder    *kts_coding_get_coder (KtsCoding *self);
KtsActor     kts_coding_get_actor (KtsCoding *self);
const char  *kts_coding_get_third_role (KtsCoding *self);
const char  *kts_coding_get_memo (KtsCoding *self);
gint64       kts_coding_get_created (KtsCoding *self);
/* The coded text, newly allocated. */
char *kts_coding_dup_text (KtsCoding *self);

/* Sort order of codings within a document: start, then end, then guid. */
int kts_coding_compare (gconstpointer a, gconstpointer b, gpointer user_data);

G_END_DECLS
