/* kts-agreement.h: intercoder agreement and comparison with a reference coding.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The measures follow brief C.3 and are defined in docs/agreement.md.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kts-project.h"

G_BEGIN_DECLS

/* ---- The statistics themselves, on plain numbers ------------------------------ */

/* Cohen's kappa for two raters and two categories: @both present for both,
 * @only_a, @only_b, @neither. NAN when undefined (chance agreement is 1). */
double kts_cohen_kappa_2x2 (guint both, guint only_a, guint only_b, guint neither);
/* Cohen's kappa from a k × k agreement table (row = rater A, column = rater B,
 * row-major). NAN when undefined. */
double kts_cohen_kappa_table (const guint *table, guint k);
/* Krippendorff's alpha for nominal data. @values holds @n_units rows of
 * @n_coders values; @missing marks a missing value. Units with fewer than two
 * values are not pairable and do not count. NAN when undefined (fewer than two
 * pairable values, or no variation at all). */
double
kts_krippendorff_alpha_nominal (const int *values, guint n_units, guint n_coders, int missing);

/* ---- Options -------------------------------------------------------------------- */

typedef struct
{
  /* A test span matches a reference span when they overlap by at least this
   * share of the shorter span (0 < x ≤ 1; default 0.5). */
  double overlap_threshold;
  /* And start in the same speaker turn (default TRUE). */
  gboolean same_turn;
  /* Partial credit for the lenient score (defaults 1, 0.5, 0.25). */
  double credit_exact;
  double credit_sibling;
  double credit_branch;
  /* Only codes of this layer ("RUP", "SD", …), or NULL for all. */
  const char *layer;
  /* Only these documents (KtsDocument), or NULL for all documents that both
   * coders coded. */
  GPtrArray *documents;
  /* Only codes of these layers or key prefixes (NULL-terminated), as
   * kts_code_in_layers() in kts-practice.h reads them ("RUP", "SD",
   * "RES.4S"), or NULL for all. Combines with @layer. */
  const char *const *layers;
  /* Count codings an open practice set hides (kts_project_coding_is_hidden());
   * default FALSE: they are left out, as if they did not exist. */
  gboolean include_hidden;
} KtsAgreementOptions;

void kts_agreement_options_init (KtsAgreementOptions *options);

/* The layer of a code: the part of its key before the first '.', else the
 * name of its top-level ancestor. (transfer full) */
char *kts_code_dup_layer (KtsCode *code);

/* Whether a test span @test matches the reference span @reference (whatever
 * their codes) under @options: they overlap by at least overlap_threshold of
 * the shorter span and, with same_turn, start in the same speaker turn. Gives
 * their intersection over union in @iou (may be NULL). This is the rule of
 * span matching, partial credit and confusions (docs/agreement.md). */
gboolean kts_agreement_spans_match (const KtsAgreementOptions *options,
                                    KtsCoding                 *reference,
                                    KtsCoding                 *test,
                                    double                    *iou);

/* ---- Results ---------------------------------------------------------------------- */

/* Turn-level presence of one code (or a pooled group of codes) between two
 * coders: units are (turn, code); present if any span of the code touches the
 * turn. Measures are NAN when undefined. */
typedef struct
{
  char    *label; /* code key or name, layer name, "SD", or "all" */
  char    *layer;
  KtsCode *code; /* (nullable) */
  guint    both;
  guint    only_a;
  guint    only_b;
  guint    neither;
  double   percent; /* observed agreement, 0–1 */
  double   kappa;
  double   pabak;    /* prevalence- and bias-adjusted kappa, 2·po − 1 */
  double   positive; /* positive agreement, 2a / (2a + b + c) */
  double   alpha;    /* Krippendorff's alpha (nominal) over all coders */
} KtsPresenceRow;

/* Span matching of a test coder (B) against a reference (A). */
typedef struct
{
  char    *label;
  char    *layer;
  KtsCode *code;
  guint    n_reference;
  guint    n_test;
  guint    matched;
  double   precision;
  double   recall;
  double   f1;
  double   mean_iou; /* boundary agreement of matched spans */
  double   lenient;  /* hierarchical partial credit per reference span */
} KtsSpanRow;

/* One cell of a confusion table: reference code × test code; NULL is "none"
 * (a miss when test is NULL, an extra when reference is NULL). */
typedef struct
{
  char    *layer;
  KtsCode *reference;
  KtsCode *test;
  guint    count;
} KtsConfusionCell;

typedef struct
{
  KtsCoder  *coder_a; /* the reference when comparing with one */
  KtsCoder  *coder_b;
  GPtrArray *coders;      /* all coders compared (for alpha) */
  guint      n_documents; /* documents coded by the coders compared */
  guint      n_turns;     /* units per code */
  guint      n_codes;     /* codes used by any coder compared */

  GPtrArray      *presence_codes;  /* KtsPresenceRow*, by layer then label */
  GPtrArray      *presence_layers; /* KtsPresenceRow*, pooled per layer */
  KtsPresenceRow *presence_all;    /* pooled over every (turn, code) */
  GPtrArray      *dimension;       /* KtsPresenceRow* for "SD" and "REL" */
  GPtrArray      *maturity;        /* KtsPresenceRow* for "LM" and "MM" */

  GPtrArray  *span_codes;  /* KtsSpanRow* */
  GPtrArray  *span_layers; /* KtsSpanRow* */
  KtsSpanRow *span_all;

  GPtrArray *confusion; /* KtsConfusionCell*, by layer */
} KtsAgreementReport;

void kts_agreement_report_free (KtsAgreementReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsAgreementReport, kts_agreement_report_free)

/* Compares @coders (at least two KtsCoder of @project); the first is the
 * reference for span matching, partial credit and the confusion tables, and
 * the first two are the pair for kappa; alpha uses all of them. A coder who
 * made no coding in a document counts as missing there, not as absent. */
KtsAgreementReport *kts_agreement_compute (KtsProject                *project,
                                           GPtrArray                 *coders,
                                           const KtsAgreementOptions *options,
                                           GError                   **error);

/* The report as JSON (per code, per layer and overall). */
JsonNode *kts_agreement_report_to_json (KtsAgreementReport *report);
/* A plain-text table for terminals. */
char *kts_agreement_report_to_text (KtsAgreementReport *report);

G_END_DECLS
