/* kts-sequence.h: lag-1 sequential analysis of coded turns and map moves.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-project.h"

G_BEGIN_DECLS

/* What a state of an episode's sequence is. */
typedef enum
{
  KTS_SEQUENCE_BY_LANE,  /* "T·SD", "C·REL", "Outside", "Dyad" */
  KTS_SEQUENCE_BY_CODE,  /* the keys of the move's anchor codes */
  KTS_SEQUENCE_BY_ACTOR, /* "T", "C", "Dyad", "Third" */
} KtsSequenceUnit;

/* Lag-1 transitions between states. An event may hold several states (a turn
 * coded with two codes); every state of one event is followed by every state
 * of the next. Matrices are row-major, n_states × n_states; row = the state
 * at t ("given"), column = the state at t + 1 ("target"). */
typedef struct
{
  guint   n_events;
  guint   n_states;
  char  **labels; /* n_states, sorted */
  guint  *counts;
  guint  *row_totals;
  guint  *column_totals;
  guint   total;       /* all transitions */
  double *probability; /* p(target | given) = n_ij / n_i+ ; NAN if n_i+ = 0 */
  double *expected;    /* n_i+ · n_+j / N */
  double *residual;    /* adjusted residual z; NAN when undefined */
  double *yules_q;     /* Yule's Q of the 2 × 2 table of (given, target); NAN when undefined */
} KtsTransitions;

void kts_transitions_free (KtsTransitions *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsTransitions, kts_transitions_free)

/* From events given as NULL-terminated arrays of state labels; events with no
 * state are skipped (they neither start nor end a transition). */
KtsTransitions *kts_transitions_from_events (const char *const *const *events, guint n_events);

/* The moves of @episode in event order. */
KtsTransitions *
kts_transitions_for_episode (KtsEpisode *episode, KtsSequenceUnit unit, GError **error);
/* The turns of @document in order, each the set of code keys (or names)
 * present in it; @coder and @layer (the key prefix, e.g. "RUP") filter the
 * codings when not NULL. Turns without a coding are left out. */
KtsTransitions *kts_transitions_for_document (KtsDocument *document,
                                              KtsCoder    *coder,
                                              const char  *layer,
                                              GError     **error);

/* CSV, one row per (given, target) pair with a count:
 * given,target,count,probability,expected,adjusted_residual,yules_q */
GString *kts_transitions_to_csv (KtsTransitions *self);

int kts_transitions_state_index (KtsTransitions *self, const char *label);

G_END_DECLS
