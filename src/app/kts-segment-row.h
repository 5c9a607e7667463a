/* kts-segment-row.h: one row of the coded segments table: a coding and its sort keys.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kts-coding.h"

G_BEGIN_DECLS

#define KTS_TYPE_SEGMENT_ROW (kts_segment_row_get_type ())
G_DECLARE_FINAL_TYPE (KtsSegmentRow, kts_segment_row, KTS, SEGMENT_ROW, GObject)

/* The keys are worked out once, when the table is built, so that sorting
 * 50,000 rows compares numbers rather than looking things up. The fields are
 * public for KtsSegmentList's sort functions; treat them as read-only. */
struct _KtsSegmentRow
{
  GObject parent_instance;

  KtsCoding *coding;
  guint      document_order; /* position of the transcript in the project */
  int        turn;           /* index of the turn it starts in, -1 for none */
  guint      speaker_order;  /* rank of the speaker's label, 0 for none */
  guint      code_order;     /* pre-order position of the code in the codebook */
  guint      coder_order;    /* rank of the coder's name, 0 for none */
  char      *text_key;       /* case-folded start of the passage, made on demand */
  char      *memo_key;       /* case-folded memo, made on demand */
};

KtsSegmentRow *kts_segment_row_new (KtsCoding *coding);
KtsCoding     *kts_segment_row_get_coding (KtsSegmentRow *self);
/* The keys made on demand. */
const char *kts_segment_row_get_text_key (KtsSegmentRow *self);
const char *kts_segment_row_get_memo_key (KtsSegmentRow *self);

G_END_DECLS
