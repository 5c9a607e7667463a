/* kts-practice-compare.h: a submitted practice set against its reference: every
 * span classified, linked to contrast cards, and the score card.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classes follow brief C.2.4 and the scores brief C.3, restricted to the
 * practised layers; docs/practice.md defines them. The statistics come from
 * kts_agreement_compute() (reference = coder A, student = coder B).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kts-agreement.h"
#include "kts-codebook-guide.h"
#include "kts-practice.h"

G_BEGIN_DECLS

/* One span of the comparison (a pair, or a span left alone). */
typedef struct
{
  KtsPracticeOutcome outcome;
  KtsCoding         *reference; /* (owned) NULL for an extra */
  KtsCoding         *student;   /* (owned) NULL for a miss */
  char              *layer;     /* the practised layer the item counts in */
  int                turn;      /* 0-based turn where it starts, -1 without turns */
  double             iou;       /* overlap of a pair (intersection over union); 0 alone */
  GPtrArray         *cards;     /* KtsContrastCard* (of the guide) naming either code;
                                 * for a pair, only those naming both when there are
                                 * such; empty for hits */
} KtsPracticeItem;

/* A row of the score card: one practised layer, or all of them. Strict
 * measures count exact codes only (the recall is the strict score); lenient
 * gives partial credit (sibling 0.5, same branch 0.25). */
typedef struct
{
  char  *layer; /* NULL for the overall row */
  guint  n_reference;
  guint  n_student;
  guint  hits;
  guint  partials;
  guint  wrong_codes;
  guint  misses;
  guint  extras;
  double precision;
  double recall;
  double f1;
  double lenient;
  double mean_iou; /* how well the boundaries of the hits agree */
} KtsPracticeScore;

typedef struct
{
  KtsPracticeSet   *set; /* (owned) */
  double            overlap_threshold;
  gboolean          same_turn;
  GPtrArray        *items;  /* KtsPracticeItem*, in text order */
  GPtrArray        *scores; /* KtsPracticeScore*, one per practised layer */
  KtsPracticeScore *overall;
  KtsCodebookGuide *guide; /* the cards the items point into */
  gboolean          owns_guide;
} KtsPracticeReport;

void kts_practice_report_free (KtsPracticeReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsPracticeReport, kts_practice_report_free)

/* Compares the student's codings of a submitted @set with the reference,
 * within the practised layers. @guide gives the contrast cards (borrowed: it
 * must outlive the report); NULL loads the default cards. Of @options (NULL
 * for the defaults) the overlap threshold, same_turn and the credits count;
 * documents, layer and layers are the set's. Fails when the set is still
 * open, or another open set on the same transcript still hides the
 * reference (the report waits until that set is submitted too). */
KtsPracticeReport *kts_practice_compare (KtsProject                *project,
                                         KtsPracticeSet            *set,
                                         KtsCodebookGuide          *guide,
                                         const KtsAgreementOptions *options,
                                         GError                   **error);

/* The report as JSON: the set, every item (outcome, layer, turn, both spans
 * with code key, name, definition and text, contrast cards) and the score card. */
JsonNode *kts_practice_report_to_json (KtsPracticeReport *report);
/* A plain-text report for terminals. */
char *kts_practice_report_to_text (KtsPracticeReport *report);

/* ---- The trend across practice sets (brief C.2.5) ------------------------- */

/* One submitted set of a student, with its score card. */
typedef struct
{
  KtsPracticeSet   *set;       /* (owned) */
  gint64            submitted; /* the set's submission time, seconds since the epoch (UTC) */
  GPtrArray        *scores;    /* KtsPracticeScore*, one per practised layer */
  KtsPracticeScore *overall;
} KtsPracticeTrendPoint;

void kts_practice_trend_point_free (KtsPracticeTrendPoint *point);

/* The score cards of every SUBMITTED practice set whose student coder is
 * called @student_name (compared case-insensitively, so "kim" finds the sets
 * of "Kim"), oldest submission first (sets submitted in the same second stay
 * in the project's order). Open sets and other students' sets are left out,
 * and so is a submitted set whose comparison must wait because another open
 * set on its transcript still hides the reference. @guide and @options as for
 * kts_practice_compare() (the guide is loaded once when NULL). Returns an
 * array of KtsPracticeTrendPoint* (transfer full), empty when nothing
 * matches; NULL with @error only when the comparison itself fails. */
GPtrArray *kts_practice_trend (KtsProject                *project,
                               const char                *student_name,
                               KtsCodebookGuide          *guide,
                               const KtsAgreementOptions *options,
                               GError                   **error);

/* The trend as JSON: {"student": NAME, "sets": [{"title", "document", "guid",
 * "submitted", "layers", "overall": SCORE, "scores": [SCORE…]}…]}, a SCORE as
 * in kts_practice_report_to_json(). */
JsonNode *kts_practice_trend_to_json (const char *student_name, GPtrArray *trend);
/* A plain-text table for terminals: one line per set. */
char *kts_practice_trend_to_text (const char *student_name, GPtrArray *trend);

G_END_DECLS
