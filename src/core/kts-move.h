/* kts-move.h: one step of a rupture–repair episode (a node of the process map).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-item.h"
#include "kts-enums.h"
#include "kts-coding.h"

G_BEGIN_DECLS

#define KTS_TYPE_MOVE (kts_move_get_type ())
G_DECLARE_FINAL_TYPE (KtsMove, kts_move, KTS, MOVE, KtsItem)

/*
 * Properties (all writable but guid):
 *   guid
 *   ident           string  short id shown on the card, e.g. "e-07"
 *   label           string  at most 60 characters in poster mode
 *   actor           KtsActor
 *   third-role      string  when actor is THIRD ("supervisor", …)
 *   dimension       KtsDimension
 *   phase           KtsPhase
 *   role            KtsMoveRole
 *   session-ref     string  "S12", "between S12 and S13", "days later"
 *   time-certainty  KtsTimeCertainty
 *   location        KtsLocation
 *   channel         KtsChannel
 *   interpretation  KtsInterpretation
 *   explicitness    KtsExplicitness
 *   awareness       KtsAwareness
 *   quote           string  the primary quote if set by hand; NULL = the text
 *                           of the first anchor
 *   memo            string
 *   attribution-doubt string  set when it is uncertain that this move (its
 *                           quotes) belongs to the episode's case, saying
 *                           why (brief B.13, cases d and e); NULL = certain
 *   has-position    gboolean  x and y are a manual position
 *   x, y            double    manual position in map units
 *   anchors         read-only; change with kts_project_set_move_anchors()
 */

KtsMove          *kts_move_new (const char *guid, const char *label);
const char       *kts_move_get_ident (KtsMove *self);
const char       *kts_move_get_label (KtsMove *self);
KtsActor          kts_move_get_actor (KtsMove *self);
const char       *kts_move_get_third_role (KtsMove *self);
KtsDimension      kts_move_get_dimension (KtsMove *self);
KtsPhase          kts_move_get_phase (KtsMove *self);
KtsMoveRole       kts_move_get_role (KtsMove *self);
const char       *kts_move_get_session_ref (KtsMove *self);
KtsTimeCertainty  kts_move_get_time_certainty (KtsMove *self);
KtsLocation       kts_move_get_location (KtsMove *self);
KtsChannel        kts_move_get_channel (KtsMove *self);
KtsInterpretation kts_move_get_interpretation (KtsMove *self);
KtsExplicitness   kts_move_get_explicitness (KtsMove *self);
KtsAwareness      kts_move_get_awareness (KtsMove *self);
const char       *kts_move_get_quote (KtsMove *self);
const char       *kts_move_get_memo (KtsMove *self);
const char       *kts_move_get_attribution_doubt (KtsMove *self);
gboolean          kts_move_get_position (KtsMove *self, double *x, double *y);
/* The codings this move rests on, in order; (transfer none) of KtsCoding. */
GPtrArray *kts_move_get_anchors (KtsMove *self);
/* The quote to print: the "quote" property, else the first anchor's text;
 * newly allocated, NULL when there is neither. */
char *kts_move_dup_primary_quote (KtsMove *self);

G_END_DECLS
