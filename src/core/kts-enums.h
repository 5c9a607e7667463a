/* kts-enums.h: the closed vocabularies of the Kintsugi model.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every enum here is registered as a GEnum by glib-mkenums; its value nicks are
 * the tokens written to the project file and to exports, so a nick never
 * changes once released.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The role a speaker plays in a transcript. */
typedef enum
{
  KTS_ROLE_OTHER,
  KTS_ROLE_THERAPIST,
  KTS_ROLE_CLIENT,
  KTS_ROLE_INTERVIEWER,
} KtsRole;

/* Who expresses the need in a coded passage or a map move (not who speaks). */
typedef enum
{
  KTS_ACTOR_UNSET,
  KTS_ACTOR_THERAPIST,
  KTS_ACTOR_CLIENT,
  KTS_ACTOR_DYAD,
  KTS_ACTOR_THIRD,
} KtsActor;

typedef enum
{
  KTS_DIMENSION_NONE,
  KTS_DIMENSION_SELF_DEFINITION,
  KTS_DIMENSION_RELATEDNESS,
  KTS_DIMENSION_BOTH,
} KtsDimension;

typedef enum
{
  KTS_MATURITY_UNSET,
  KTS_MATURITY_LESS_MATURE,
  KTS_MATURITY_MORE_MATURE,
} KtsMaturity;

typedef enum
{
  KTS_PHASE_UNSET,
  KTS_PHASE_BEFORE,
  KTS_PHASE_RUPTURE,
  KTS_PHASE_REPAIR,
  KTS_PHASE_AFTER,
} KtsPhase;

typedef enum
{
  KTS_LOCATION_UNSET,
  KTS_LOCATION_IN_SESSION,
  KTS_LOCATION_BETWEEN_SESSIONS,
  KTS_LOCATION_OUTSIDE,
} KtsLocation;

typedef enum
{
  KTS_CHANNEL_UNSET,
  KTS_CHANNEL_FACE_TO_FACE,
  KTS_CHANNEL_PHONE,
  KTS_CHANNEL_TEXT,
  KTS_CHANNEL_ONLINE,
} KtsChannel;

typedef enum
{
  KTS_INTERPRETATION_PARTICIPANT,
  KTS_INTERPRETATION_ANALYST,
} KtsInterpretation;

typedef enum
{
  KTS_EXPLICITNESS_UNSET,
  KTS_EXPLICITNESS_EXPLICIT,
  KTS_EXPLICITNESS_IMPLICIT,
} KtsExplicitness;

typedef enum
{
  KTS_AWARENESS_UNSET,
  KTS_AWARENESS_AWARE,
  KTS_AWARENESS_OUT_OF_AWARENESS,
  KTS_AWARENESS_UNKNOWN,
} KtsAwareness;

typedef enum
{
  KTS_TIME_CERTAINTY_UNSET,
  KTS_TIME_CERTAINTY_EXACT,
  KTS_TIME_CERTAINTY_APPROX,
  KTS_TIME_CERTAINTY_UNKNOWN,
} KtsTimeCertainty;

/* What a move does in its episode (brief B.2 "role"). */
typedef enum
{
  KTS_MOVE_ROLE_NONE,
  KTS_MOVE_ROLE_TRIGGER,
  KTS_MOVE_ROLE_MARKER,
  KTS_MOVE_ROLE_OSTENSIVE,
  KTS_MOVE_ROLE_REPAIR_ATTEMPT,
  KTS_MOVE_ROLE_FAILED_REPAIR,
  KTS_MOVE_ROLE_RESOLUTION,
  KTS_MOVE_ROLE_CONSOLIDATION,
} KtsMoveRole;

typedef enum
{
  KTS_EDGE_NEXT,
  KTS_EDGE_RESPONDS_TO,
  KTS_EDGE_VEILS,
  KTS_EDGE_INFORMS,
  KTS_EDGE_ESCALATES,
  KTS_EDGE_REPAIRS,
  KTS_EDGE_SAME_EVENT,
  KTS_EDGE_FAILS,
} KtsEdgeType;

typedef enum
{
  KTS_INITIATOR_UNSET,
  KTS_INITIATOR_THERAPIST,
  KTS_INITIATOR_CLIENT,
  KTS_INITIATOR_BOTH,
  KTS_INITIATOR_UNCLEAR,
} KtsInitiator;

typedef enum
{
  KTS_RESOLUTION_UNKNOWN,
  KTS_RESOLUTION_RESOLVED,
  KTS_RESOLUTION_PARTIAL,
  KTS_RESOLUTION_UNRESOLVED,
} KtsResolution;

typedef enum
{
  KTS_EPISODE_STATUS_DRAFT,
  KTS_EPISODE_STATUS_VALIDATED,
} KtsEpisodeStatus;

/* Where a practice set stands: the student is coding (the reference is hidden),
 * or has submitted (the student's codings are locked, the reference shown). */
typedef enum
{
  KTS_PRACTICE_STATE_OPEN,
  KTS_PRACTICE_STATE_SUBMITTED,
} KtsPracticeState;

/* How one span of a submitted practice set compares with the reference
 * (brief C.2.4; docs/practice.md). */
typedef enum
{
  KTS_PRACTICE_OUTCOME_HIT,
  KTS_PRACTICE_OUTCOME_PARTIAL,
  KTS_PRACTICE_OUTCOME_WRONG_CODE,
  KTS_PRACTICE_OUTCOME_MISS,
  KTS_PRACTICE_OUTCOME_EXTRA,
} KtsPracticeOutcome;

/* Token helpers over the registered GEnum nicks. */
const char *kts_enum_to_nick (GType enum_type, int value);
gboolean    kts_enum_from_nick (GType enum_type, const char *nick, int *value);

G_END_DECLS
