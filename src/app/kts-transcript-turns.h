/* kts-transcript-turns.h: finds the speaker label ("T:", "Therapist:") and
 * the timestamp ("[00:12:34]") at the start of a turn, for styling them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

/* Absolute code point ranges; an absent part has start == end. */
typedef struct
{
  guint label_start;
  guint label_end;
  guint time_start;
  guint time_end;
} KtsTurnPrefix;

/* Scans the first line of turn @turn_index of @document. The label may lie
 * just before the turn's start when the turn covers only the utterance. */
void kts_transcript_scan_turn (KtsDocument *document, guint turn_index, KtsTurnPrefix *prefix);

G_END_DECLS
