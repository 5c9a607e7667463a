/* kts-transcript-index.h: an interval index over a document's codings, with
 * stripe columns, for drawing only what is visible.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index holds the codings of one document (those a filter lets through)
 * in the document's order (start, end, guid). It answers "which codings
 * overlap [start, end)" in O(log n + n / 64 + k) and gives every coding a
 * stripe column: codings are placed greedily by start in the lowest column
 * free at that point, so overlapping codings get different columns and the
 * assignment is the same for the same set of codings. The filter may sort
 * codings into groups (one per coder, say); columns are then counted in each
 * group on its own.
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

typedef struct _KtsTranscriptIndex KtsTranscriptIndex;

KtsTranscriptIndex *kts_transcript_index_new (void);
void                kts_transcript_index_free (KtsTranscriptIndex *self);

/* The group of @coding (0, 1, …), or -1 to leave it out of the index. */
typedef int (*KtsTranscriptIndexFilter) (KtsCoding *coding, gpointer user_data);

/* Rebuilds from the @n_codings codings at @codings (sorted by start). With
 * @filter NULL every coding is kept, in group 0. */
void kts_transcript_index_rebuild (KtsTranscriptIndex      *self,
                                   KtsCoding              **codings,
                                   guint                    n_codings,
                                   KtsTranscriptIndexFilter filter,
                                   gpointer                 user_data);
void kts_transcript_index_clear (KtsTranscriptIndex *self);

guint      kts_transcript_index_get_n_items (KtsTranscriptIndex *self);
KtsCoding *kts_transcript_index_get_coding (KtsTranscriptIndex *self, guint position);
guint      kts_transcript_index_get_start (KtsTranscriptIndex *self, guint position);
guint      kts_transcript_index_get_end (KtsTranscriptIndex *self, guint position);
/* The stripe column of a coding, counted within its group. */
guint kts_transcript_index_get_column (KtsTranscriptIndex *self, guint position);
guint kts_transcript_index_get_group (KtsTranscriptIndex *self, guint position);
/* Number of columns in use (the deepest overlap), summed over the groups. */
guint kts_transcript_index_get_n_columns (KtsTranscriptIndex *self);
/* Number of groups (the largest group + 1), and the columns of one. */
guint kts_transcript_index_get_n_groups (KtsTranscriptIndex *self);
guint kts_transcript_index_get_group_columns (KtsTranscriptIndex *self, guint group);
/* Position of @coding, or -1. */
int kts_transcript_index_find (KtsTranscriptIndex *self, KtsCoding *coding);

/* Appends to @positions (a GArray of guint) the positions of the codings
 * overlapping [@start, @end), in index order. An empty query range
 * (@start == @end) finds the codings that contain @start. */
void
kts_transcript_index_query (KtsTranscriptIndex *self, guint start, guint end, GArray *positions);

/* First position whose start is >= @offset (n-items if none). */
guint kts_transcript_index_lower_bound (KtsTranscriptIndex *self, guint offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsTranscriptIndex, kts_transcript_index_free)

G_END_DECLS
