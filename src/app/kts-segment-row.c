/* kts-segment-row.c: one row of the coded segments table: a coding and its sort keys.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-segment-row"

#include "config.h"

#include "kts-segment-row.h"

/* Enough of a passage to sort by. */
#define TEXT_KEY_CHARS 48

G_DEFINE_FINAL_TYPE (KtsSegmentRow, kts_segment_row, G_TYPE_OBJECT)

static void
kts_segment_row_finalize (GObject *object)
{
  KtsSegmentRow *self = KTS_SEGMENT_ROW (object);

  g_clear_object (&self->coding);
  g_free (self->text_key);
  g_free (self->memo_key);
  G_OBJECT_CLASS (kts_segment_row_parent_class)->finalize (object);
}

static void
kts_segment_row_class_init (KtsSegmentRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kts_segment_row_finalize;
}

static void
kts_segment_row_init (KtsSegmentRow *self)
{
  self->turn = -1;
}

KtsSegmentRow *
kts_segment_row_new (KtsCoding *coding)
{
  KtsSegmentRow *self;

  g_return_val_if_fail (KTS_IS_CODING (coding), NULL);

  self = g_object_new (KTS_TYPE_SEGMENT_ROW, NULL);
  self->coding = g_object_ref (coding);
  return self;
}

KtsCoding *
kts_segment_row_get_coding (KtsSegmentRow *self)
{
  g_return_val_if_fail (KTS_IS_SEGMENT_ROW (self), NULL);
  return self->coding;
}

const char *
kts_segment_row_get_text_key (KtsSegmentRow *self)
{
  g_return_val_if_fail (KTS_IS_SEGMENT_ROW (self), NULL);

  if (self->text_key == NULL)
    {
      KtsDocument     *document = kts_coding_get_document (self->coding);
      guint            start = kts_coding_get_start (self->coding);
      guint            end = MIN (kts_coding_get_end (self->coding), start + TEXT_KEY_CHARS);
      g_autofree char *slice = kts_document_dup_slice (document, start, end);

      self->text_key = g_utf8_casefold (slice, -1);
    }
  return self->text_key;
}

const char *
kts_segment_row_get_memo_key (KtsSegmentRow *self)
{
  g_return_val_if_fail (KTS_IS_SEGMENT_ROW (self), NULL);

  if (self->memo_key == NULL)
    {
      const char *memo = kts_coding_get_memo (self->coding);
      self->memo_key = g_utf8_casefold (memo != NULL ? memo : "", -1);
    }
  return self->memo_key;
}
