/* kts-agreement.c: intercoder agreement and comparison with a reference coding.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presence agreement works on units (turn, code): a code is present in a turn
 * for a coder if any of the coder's spans of that code touches the turn.
 * Span matching pairs reference and test spans one to one, best overlap
 * first. Definitions and worked examples: docs/agreement.md.
 */
#define G_LOG_DOMAIN "kts-agreement"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kts-agreement.h"
#include "kts-error.h"
#include "kts-json-private.h"
#include "kts-practice.h"

/* ---- Plain statistics ------------------------------------------------------ */

double
kts_cohen_kappa_2x2 (guint both, guint only_a, guint only_b, guint neither)
{
  guint table[4] = { both, only_a, only_b, neither };

  return kts_cohen_kappa_table (table, 2);
}

double
kts_cohen_kappa_table (const guint *table, guint k)
{
  double n = 0, po = 0, pe = 0;

  g_return_val_if_fail (table != NULL, NAN);

  for (guint i = 0; i < k * k; i++)
    n += table[i];
  if (n <= 0)
    return NAN;

  for (guint i = 0; i < k; i++)
    {
      double row = 0, col = 0;

      po += table[i * k + i];
      for (guint j = 0; j < k; j++)
        {
          row += table[i * k + j];
          col += table[j * k + i];
        }
      pe += (row / n) * (col / n);
    }
  po /= n;

  if (fabs (1.0 - pe) < 1e-12)
    return NAN;
  return (po - pe) / (1.0 - pe);
}

double
kts_krippendorff_alpha_nominal (const int *values, guint n_units, guint n_coders, int missing)
{
  g_autoptr (GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autofree double *coincidence = NULL;
  g_autoptr (GArray) categories = g_array_new (FALSE, FALSE, sizeof (int));
  guint  k;
  double n = 0, observed = 0, expected = 0;

  g_return_val_if_fail (values != NULL || n_units == 0, NAN);

  /* Categories that occur in pairable units. */
  for (guint u = 0; u < n_units; u++)
    {
      guint m = 0;

      for (guint c = 0; c < n_coders; c++)
        m += values[u * n_coders + c] != missing;
      if (m < 2)
        continue;
      for (guint c = 0; c < n_coders; c++)
        {
          int v = values[u * n_coders + c];

          if (v == missing || g_hash_table_contains (index, GINT_TO_POINTER (v)))
            continue;
          g_hash_table_insert (index, GINT_TO_POINTER (v), GUINT_TO_POINTER (categories->len));
          g_array_append_val (categories, v);
        }
    }

  k = categories->len;
  if (k == 0)
    return NAN;
  coincidence = g_new0 (double, (gsize)k *k);

  /* Coincidence matrix: every ordered pair of values within a unit, weighted
   * by 1 / (m_u − 1). */
  for (guint u = 0; u < n_units; u++)
    {
      guint m = 0;

      for (guint c = 0; c < n_coders; c++)
        m += values[u * n_coders + c] != missing;
      if (m < 2)
        continue;

      for (guint i = 0; i < n_coders; i++)
        for (guint j = 0; j < n_coders; j++)
          {
            int   vi = values[u * n_coders + i];
            int   vj = values[u * n_coders + j];
            guint ci, cj;

            if (i == j || vi == missing || vj == missing)
              continue;
            ci = GPOINTER_TO_UINT (g_hash_table_lookup (index, GINT_TO_POINTER (vi)));
            cj = GPOINTER_TO_UINT (g_hash_table_lookup (index, GINT_TO_POINTER (vj)));
            coincidence[ci * k + cj] += 1.0 / (m - 1);
          }
    }

  {
    g_autofree double *marginal = g_new0 (double, k);

    for (guint c = 0; c < k; c++)
      for (guint d = 0; d < k; d++)
        {
          marginal[c] += coincidence[c * k + d];
          if (c != d)
            observed += coincidence[c * k + d];
        }
    for (guint c = 0; c < k; c++)
      n += marginal[c];
    if (n < 2)
      return NAN;
    for (guint c = 0; c < k; c++)
      for (guint d = 0; d < k; d++)
        if (c != d)
          expected += marginal[c] * marginal[d];
  }

  if (expected <= 0)
    return NAN;
  return 1.0 - (n - 1.0) * observed / expected;
}

/* ---- Options and layers ---------------------------------------------------- */

void
kts_agreement_options_init (KtsAgreementOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (KtsAgreementOptions){
    .overlap_threshold = 0.5,
    .same_turn = TRUE,
    .credit_exact = 1.0,
    .credit_sibling = 0.5,
    .credit_branch = 0.25,
    .layer = NULL,
    .documents = NULL,
    .layers = NULL,
    .include_hidden = FALSE,
  };
}

static KtsCode *
code_root (KtsCode *code)
{
  while (kts_code_get_parent (code) != NULL)
    code = kts_code_get_parent (code);
  return code;
}

char *
kts_code_dup_layer (KtsCode *code)
{
  const char *key;

  g_return_val_if_fail (KTS_IS_CODE (code), NULL);

  key = kts_code_get_key (code);
  if (key == NULL)
    key = kts_code_get_key (code_root (code));
  if (key != NULL)
    {
      const char *dot = strchr (key, '.');
      return dot != NULL ? g_strndup (key, dot - key) : g_strdup (key);
    }
  return g_strdup (kts_code_get_name (code_root (code)));
}

static const char *
code_label (KtsCode *code)
{
  return kts_code_get_display_key (code);
}

static KtsDimension
code_dimension (KtsCode *code)
{
  for (KtsCode *c = code; c != NULL; c = kts_code_get_parent (c))
    if (kts_code_get_dimension (c) != KTS_DIMENSION_NONE)
      return kts_code_get_dimension (c);
  return KTS_DIMENSION_NONE;
}

static KtsMaturity
code_maturity (KtsCode *code)
{
  return kts_code_get_maturity (code);
}

/* ---- Report life cycle --------------------------------------------------------- */

static void
presence_row_free (gpointer data)
{
  KtsPresenceRow *row = data;

  if (row == NULL)
    return;
  g_free (row->label);
  g_free (row->layer);
  g_free (row);
}

static void
span_row_free (gpointer data)
{
  KtsSpanRow *row = data;

  if (row == NULL)
    return;
  g_free (row->label);
  g_free (row->layer);
  g_free (row);
}

static void
confusion_cell_free (gpointer data)
{
  KtsConfusionCell *cell = data;

  g_free (cell->layer);
  g_free (cell);
}

void
kts_agreement_report_free (KtsAgreementReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->coders, g_ptr_array_unref);
  g_clear_pointer (&report->presence_codes, g_ptr_array_unref);
  g_clear_pointer (&report->presence_layers, g_ptr_array_unref);
  g_clear_pointer (&report->presence_all, presence_row_free);
  g_clear_pointer (&report->dimension, g_ptr_array_unref);
  g_clear_pointer (&report->maturity, g_ptr_array_unref);
  g_clear_pointer (&report->span_codes, g_ptr_array_unref);
  g_clear_pointer (&report->span_layers, g_ptr_array_unref);
  g_clear_pointer (&report->span_all, span_row_free);
  g_clear_pointer (&report->confusion, g_ptr_array_unref);
  g_free (report);
}

/* ---- Collecting the codings ---------------------------------------------------- */

typedef struct
{
  KtsDocument *document;
  guint        first_unit; /* units of this document start here */
  guint        n_units;    /* its turns, or 1 without turns */
  gboolean    *covered;    /* per coder: made at least one coding here */
  GPtrArray  **codings;    /* per coder: KtsCoding (transfer none), text order */
} DocScope;

typedef struct
{
  KtsCode *code;
  char    *layer;
  guint8  *present; /* n_coders × n_units flags */
} CodeUse;

static void
code_use_free (gpointer data)
{
  CodeUse *use = data;

  g_free (use->layer);
  g_free (use->present);
  g_free (use);
}

typedef struct
{
  const KtsAgreementOptions *options;
  guint                      n_coders;
  GPtrArray                 *coders;
  GArray                    *docs; /* DocScope */
  guint                      n_units;
  gboolean                  *unit_covered; /* n_coders × n_units */
  GPtrArray                 *uses;         /* CodeUse*, sorted by layer then label */
  GHashTable                *use_of_code;
} Context;

/* First turn whose end lies after @offset. */
static guint
first_turn_after (KtsDocument *document, guint offset)
{
  guint lo = 0, hi = kts_document_get_n_turns (document);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (kts_document_get_turn (document, mid)->end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
turn_of (KtsDocument *document, guint offset)
{
  return kts_document_find_turn (document, offset);
}

static gboolean
coder_in (GPtrArray *coders, KtsCoder *coder, guint *index)
{
  return coder != NULL && g_ptr_array_find (coders, coder, index);
}

static int
compare_uses (gconstpointer a, gconstpointer b)
{
  const CodeUse *x = *(const CodeUse *const *)a;
  const CodeUse *y = *(const CodeUse *const *)b;
  int            r = g_strcmp0 (x->layer, y->layer);

  return r != 0 ? r : g_strcmp0 (code_label (x->code), code_label (y->code));
}

static void
context_clear (Context *ctx)
{
  for (guint i = 0; ctx->docs != NULL && i < ctx->docs->len; i++)
    {
      DocScope *d = &g_array_index (ctx->docs, DocScope, i);

      for (guint c = 0; c < ctx->n_coders; c++)
        g_ptr_array_unref (d->codings[c]);
      g_free (d->codings);
      g_free (d->covered);
    }
  g_clear_pointer (&ctx->docs, g_array_unref);
  g_clear_pointer (&ctx->unit_covered, g_free);
  g_clear_pointer (&ctx->uses, g_ptr_array_unref);
  g_clear_pointer (&ctx->use_of_code, g_hash_table_unref);
}

static gboolean
in_layer (const KtsAgreementOptions *options, KtsCode *code)
{
  g_autofree char *layer = NULL;

  if (options->layers != NULL && !kts_code_in_layers (code, options->layers))
    return FALSE;
  if (options->layer == NULL)
    return TRUE;
  layer = kts_code_dup_layer (code);
  return g_strcmp0 (layer, options->layer) == 0;
}

static void
collect (Context *ctx, KtsProject *project)
{
  GListModel *documents = kts_project_get_documents (project);
  guint       n_docs = g_list_model_get_n_items (documents);

  ctx->docs = g_array_new (FALSE, TRUE, sizeof (DocScope));
  ctx->uses = g_ptr_array_new_with_free_func (code_use_free);
  ctx->use_of_code = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      GListModel *codings = kts_document_get_codings (document);
      guint       n = g_list_model_get_n_items (codings);
      DocScope    d = { 0 };
      guint       n_covering = 0;

      if (ctx->options->documents != NULL
          && !g_ptr_array_find (ctx->options->documents, document, NULL))
        continue;

      d.document = document;
      d.covered = g_new0 (gboolean, ctx->n_coders);
      d.codings = g_new0 (GPtrArray *, ctx->n_coders);
      for (guint c = 0; c < ctx->n_coders; c++)
        d.codings[c] = g_ptr_array_new ();

      for (guint k = 0; k < n; k++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, k);
          guint c;

          if (!coder_in (ctx->coders, kts_coding_get_coder (coding), &c))
            continue;
          /* A hidden coding is not there at all, not even as coverage. */
          if (!ctx->options->include_hidden && kts_project_coding_is_hidden (project, coding))
            continue;
          d.covered[c] = TRUE;
          if (in_layer (ctx->options, kts_coding_get_code (coding)))
            g_ptr_array_add (d.codings[c], coding);
        }

      for (guint c = 0; c < ctx->n_coders; c++)
        n_covering += d.covered[c];
      if (n_covering < 2)
        {
          for (guint c = 0; c < ctx->n_coders; c++)
            g_ptr_array_unref (d.codings[c]);
          g_free (d.codings);
          g_free (d.covered);
          continue;
        }

      d.first_unit = ctx->n_units;
      d.n_units = MAX (kts_document_get_n_turns (document), 1);
      ctx->n_units += d.n_units;
      g_array_append_val (ctx->docs, d);
    }

  ctx->unit_covered = g_new0 (gboolean, (gsize)ctx->n_coders * MAX (ctx->n_units, 1));
  for (guint i = 0; i < ctx->docs->len; i++)
    {
      DocScope *d = &g_array_index (ctx->docs, DocScope, i);

      for (guint c = 0; c < ctx->n_coders; c++)
        for (guint u = 0; u < d->n_units; u++)
          ctx->unit_covered[c * ctx->n_units + d->first_unit + u] = d->covered[c];
    }

  /* Presence flags per code. */
  for (guint i = 0; i < ctx->docs->len; i++)
    {
      DocScope *d = &g_array_index (ctx->docs, DocScope, i);
      gboolean  has_turns = kts_document_get_n_turns (d->document) > 0;

      for (guint c = 0; c < ctx->n_coders; c++)
        for (guint k = 0; k < d->codings[c]->len; k++)
          {
            KtsCoding *coding = g_ptr_array_index (d->codings[c], k);
            KtsCode   *code = kts_coding_get_code (coding);
            CodeUse   *use = g_hash_table_lookup (ctx->use_of_code, code);
            guint      start = kts_coding_get_start (coding);
            guint      end = kts_coding_get_end (coding);

            if (use == NULL)
              {
                use = g_new0 (CodeUse, 1);
                use->code = code;
                use->layer = kts_code_dup_layer (code);
                use->present = g_new0 (guint8, (gsize)ctx->n_coders * MAX (ctx->n_units, 1));
                g_hash_table_insert (ctx->use_of_code, code, use);
                g_ptr_array_add (ctx->uses, use);
              }

            if (!has_turns)
              {
                use->present[c * ctx->n_units + d->first_unit] = 1;
                continue;
              }
            for (guint t = first_turn_after (d->document, start);
                 t < kts_document_get_n_turns (d->document)
                 && kts_document_get_turn (d->document, t)->start < end;
                 t++)
              use->present[c * ctx->n_units + d->first_unit + t] = 1;
          }
    }

  g_ptr_array_sort (ctx->uses, compare_uses);
}

/* ---- Presence rows ---------------------------------------------------------------- */

static void
finish_presence (KtsPresenceRow *row)
{
  double n = (double)row->both + row->only_a + row->only_b + row->neither;
  double disagree = (double)row->only_a + row->only_b;

  row->percent = n > 0 ? (row->both + row->neither) / n : NAN;
  row->kappa = kts_cohen_kappa_2x2 (row->both, row->only_a, row->only_b, row->neither);
  row->pabak = n > 0 ? 2.0 * row->percent - 1.0 : NAN;
  row->positive
      = 2.0 * row->both + disagree > 0 ? 2.0 * row->both / (2.0 * row->both + disagree) : NAN;
}

/* A group is a set of codes whose presence is pooled: with @pool_units the
 * units are (turn, code) over its codes (pooled kappa); otherwise a turn
 * counts as present if any code of the group is present (dimension κ). */
static KtsPresenceRow *
presence_for (Context    *ctx,
              GPtrArray  *group,
              gboolean    pool_units,
              const char *label,
              const char *layer,
              KtsCode    *code)
{
  KtsPresenceRow *row = g_new0 (KtsPresenceRow, 1);
  g_autoptr (GArray) alpha_values = g_array_new (FALSE, FALSE, sizeof (int));
  guint n_sets = pool_units ? group->len : 1;
  guint n_alpha_units = 0;

  row->label = g_strdup (label);
  row->layer = g_strdup (layer);
  row->code = code;

  for (guint s = 0; s < n_sets; s++)
    for (guint u = 0; u < ctx->n_units; u++)
      {
        int      value[64];
        gboolean a_cov = ctx->unit_covered[0 * ctx->n_units + u];
        gboolean b_cov = ctx->unit_covered[1 * ctx->n_units + u];

        for (guint c = 0; c < ctx->n_coders && c < G_N_ELEMENTS (value); c++)
          {
            gboolean present = FALSE;

            if (pool_units)
              present = ((CodeUse *)g_ptr_array_index (group, s))->present[c * ctx->n_units + u];
            else
              for (guint g = 0; g < group->len && !present; g++)
                present = ((CodeUse *)g_ptr_array_index (group, g))->present[c * ctx->n_units + u];

            value[c] = ctx->unit_covered[c * ctx->n_units + u] ? present : -1;
          }

        if (a_cov && b_cov)
          {
            if (value[0] && value[1])
              row->both++;
            else if (value[0])
              row->only_a++;
            else if (value[1])
              row->only_b++;
            else
              row->neither++;
          }

        g_array_append_vals (alpha_values, value, MIN (ctx->n_coders, G_N_ELEMENTS (value)));
        n_alpha_units++;
      }

  finish_presence (row);
  row->alpha = kts_krippendorff_alpha_nominal ((const int *)alpha_values->data, n_alpha_units,
                                               MIN (ctx->n_coders, 64), -1);
  return row;
}

/* ---- Span matching ----------------------------------------------------------------- */

typedef struct
{
  guint  r;
  guint  s;
  double iou;
} Pair;

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  const Pair *x = a, *y = b;

  if (x->iou != y->iou)
    return x->iou > y->iou ? -1 : 1;
  if (x->r != y->r)
    return x->r < y->r ? -1 : 1;
  return x->s < y->s ? -1 : (x->s > y->s);
}

/* Overlap share and IoU of two spans, or FALSE if they do not match. */
static gboolean
spans_match (const KtsAgreementOptions *options, KtsCoding *r, KtsCoding *s, double *iou)
{
  guint rs = kts_coding_get_start (r), re = kts_coding_get_end (r);
  guint ss = kts_coding_get_start (s), se = kts_coding_get_end (s);
  guint lo = MAX (rs, ss), hi = MIN (re, se);
  guint overlap = hi > lo ? hi - lo : 0;
  guint shorter = MIN (re - rs, se - ss);

  if (overlap == 0 || (double)overlap < options->overlap_threshold * shorter - 1e-9)
    return FALSE;
  if (options->same_turn && kts_document_get_n_turns (kts_coding_get_document (r)) > 0
      && turn_of (kts_coding_get_document (r), rs) != turn_of (kts_coding_get_document (s), ss))
    return FALSE;
  if (iou != NULL)
    *iou = (double)overlap / (double)(MAX (re, se) - MIN (rs, ss));
  return TRUE;
}

gboolean
kts_agreement_spans_match (const KtsAgreementOptions *options,
                           KtsCoding                 *reference,
                           KtsCoding                 *test,
                           double                    *iou)
{
  KtsAgreementOptions defaults;

  g_return_val_if_fail (KTS_IS_CODING (reference), FALSE);
  g_return_val_if_fail (KTS_IS_CODING (test), FALSE);

  if (options == NULL)
    {
      kts_agreement_options_init (&defaults);
      options = &defaults;
    }
  return spans_match (options, reference, test, iou);
}

static double
credit_for (const KtsAgreementOptions *options, KtsCode *reference, KtsCode *test)
{
  if (reference == test)
    return options->credit_exact;
  if (kts_code_get_parent (reference) != NULL
      && kts_code_get_parent (reference) == kts_code_get_parent (test))
    return options->credit_sibling;
  if (code_root (reference) == code_root (test))
    return options->credit_branch;
  return 0;
}

static void
finish_span (KtsSpanRow *row, double iou_sum, double credit_sum)
{
  row->precision = row->n_test > 0 ? (double)row->matched / row->n_test : NAN;
  row->recall = row->n_reference > 0 ? (double)row->matched / row->n_reference : NAN;
  row->f1 = row->matched > 0 ? 2.0 * row->precision * row->recall / (row->precision + row->recall)
                             : (row->n_test + row->n_reference > 0 ? 0.0 : NAN);
  row->mean_iou = row->matched > 0 ? iou_sum / row->matched : NAN;
  row->lenient = row->n_reference > 0 ? credit_sum / row->n_reference : NAN;
}

typedef struct
{
  KtsSpanRow *row;
  double      iou_sum;
  double      credit_sum;
} SpanAcc;

/* The accumulator of a code (@code not NULL, keyed by it) or of a layer
 * (keyed by a copy of @layer). */
static SpanAcc *
span_acc_get (
    GHashTable *table, GPtrArray *order, const char *label, const char *layer, KtsCode *code)
{
  gconstpointer key = code != NULL ? (gconstpointer)code : (gconstpointer)layer;
  SpanAcc      *acc = g_hash_table_lookup (table, key);

  if (acc == NULL)
    {
      acc = g_new0 (SpanAcc, 1);
      acc->row = g_new0 (KtsSpanRow, 1);
      acc->row->label = g_strdup (label);
      acc->row->layer = g_strdup (layer);
      acc->row->code = code;
      g_hash_table_insert (table, code != NULL ? (gpointer)code : g_strdup (layer), acc);
      g_ptr_array_add (order, acc);
    }
  return acc;
}

static void
match_spans (Context *ctx, KtsAgreementReport *report)
{
  g_autoptr (GHashTable) by_code = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GHashTable) by_layer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) code_order = g_ptr_array_new ();
  g_autoptr (GPtrArray) layer_order = g_ptr_array_new ();
  g_autoptr (GHashTable) confusion = g_hash_table_new (g_str_hash, g_str_equal);
  SpanAcc all = { 0 };

  all.row = g_new0 (KtsSpanRow, 1);
  all.row->label = g_strdup ("all");
  report->confusion = g_ptr_array_new_with_free_func (confusion_cell_free);

  for (guint i = 0; i < ctx->docs->len; i++)
    {
      DocScope  *d = &g_array_index (ctx->docs, DocScope, i);
      GPtrArray *ref = d->codings[0];
      GPtrArray *test = d->codings[1];
      g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
      g_autoptr (GArray) any_pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
      g_autofree gboolean *r_used = NULL;
      g_autofree gboolean *s_used = NULL;
      g_autofree gboolean *r_conf = NULL;
      g_autofree gboolean *s_conf = NULL;
      g_autofree double   *best_credit = NULL;

      if (!d->covered[0] || !d->covered[1])
        continue;

      r_used = g_new0 (gboolean, ref->len + 1);
      s_used = g_new0 (gboolean, test->len + 1);
      r_conf = g_new0 (gboolean, ref->len + 1);
      s_conf = g_new0 (gboolean, test->len + 1);
      best_credit = g_new0 (double, ref->len + 1);

      /* Candidate pairs. Both lists are sorted by start, so the inner loop
       * stops once test spans start after the reference span ends. */
      for (guint r = 0; r < ref->len; r++)
        {
          KtsCoding *rc = g_ptr_array_index (ref, r);

          for (guint s = 0; s < test->len; s++)
            {
              KtsCoding *sc = g_ptr_array_index (test, s);
              double     iou;

              if (kts_coding_get_start (sc) >= kts_coding_get_end (rc))
                break;
              if (!spans_match (ctx->options, rc, sc, &iou))
                continue;

              best_credit[r]
                  = MAX (best_credit[r], credit_for (ctx->options, kts_coding_get_code (rc),
                                                     kts_coding_get_code (sc)));
              if (kts_coding_get_code (rc) == kts_coding_get_code (sc))
                g_array_append_val (pairs, ((Pair){ r, s, iou }));
              else
                {
                  g_autofree char *lr = kts_code_dup_layer (kts_coding_get_code (rc));
                  g_autofree char *ls = kts_code_dup_layer (kts_coding_get_code (sc));
                  if (g_str_equal (lr, ls))
                    g_array_append_val (any_pairs, ((Pair){ r, s, iou }));
                }
            }
        }

      /* One to one, best overlap first. */
      g_array_sort (pairs, compare_pairs);
      for (guint p = 0; p < pairs->len; p++)
        {
          Pair            *pair = &g_array_index (pairs, Pair, p);
          KtsCode         *code;
          g_autofree char *layer = NULL;
          SpanAcc         *acc, *lacc;

          if (r_used[pair->r] || s_used[pair->s])
            continue;
          r_used[pair->r] = s_used[pair->s] = TRUE;
          r_conf[pair->r] = s_conf[pair->s] = TRUE;

          code = kts_coding_get_code (g_ptr_array_index (ref, pair->r));
          layer = kts_code_dup_layer (code);
          acc = span_acc_get (by_code, code_order, code_label (code), layer, code);
          lacc = span_acc_get (by_layer, layer_order, layer, layer, NULL);
          acc->row->matched++;
          lacc->row->matched++;
          all.row->matched++;
          acc->iou_sum += pair->iou;
          lacc->iou_sum += pair->iou;
          all.iou_sum += pair->iou;

          {
            KtsConfusionCell *cell = g_new0 (KtsConfusionCell, 1);
            cell->layer = g_strdup (layer);
            cell->reference = code;
            cell->test = code;
            cell->count = 1;
            g_ptr_array_add (report->confusion, cell);
          }
        }

      /* Confusions: remaining spans paired within their layer, by overlap. */
      g_array_sort (any_pairs, compare_pairs);
      for (guint p = 0; p < any_pairs->len; p++)
        {
          Pair             *pair = &g_array_index (any_pairs, Pair, p);
          KtsConfusionCell *cell;

          if (r_conf[pair->r] || s_conf[pair->s])
            continue;
          r_conf[pair->r] = s_conf[pair->s] = TRUE;
          cell = g_new0 (KtsConfusionCell, 1);
          cell->reference = kts_coding_get_code (g_ptr_array_index (ref, pair->r));
          cell->test = kts_coding_get_code (g_ptr_array_index (test, pair->s));
          cell->layer = kts_code_dup_layer (cell->reference);
          cell->count = 1;
          g_ptr_array_add (report->confusion, cell);
        }

      /* Totals, misses and extras. */
      for (guint r = 0; r < ref->len; r++)
        {
          KtsCode         *code = kts_coding_get_code (g_ptr_array_index (ref, r));
          g_autofree char *layer = kts_code_dup_layer (code);
          SpanAcc         *acc = span_acc_get (by_code, code_order, code_label (code), layer, code);
          SpanAcc         *lacc = span_acc_get (by_layer, layer_order, layer, layer, NULL);

          acc->row->n_reference++;
          lacc->row->n_reference++;
          all.row->n_reference++;
          acc->credit_sum += best_credit[r];
          lacc->credit_sum += best_credit[r];
          all.credit_sum += best_credit[r];
          if (!r_conf[r])
            {
              KtsConfusionCell *cell = g_new0 (KtsConfusionCell, 1);
              cell->layer = g_strdup (layer);
              cell->reference = code;
              cell->count = 1;
              g_ptr_array_add (report->confusion, cell);
            }
        }
      for (guint s = 0; s < test->len; s++)
        {
          KtsCode         *code = kts_coding_get_code (g_ptr_array_index (test, s));
          g_autofree char *layer = kts_code_dup_layer (code);
          SpanAcc         *acc = span_acc_get (by_code, code_order, code_label (code), layer, code);
          SpanAcc         *lacc = span_acc_get (by_layer, layer_order, layer, layer, NULL);

          acc->row->n_test++;
          lacc->row->n_test++;
          all.row->n_test++;
          if (!s_conf[s])
            {
              KtsConfusionCell *cell = g_new0 (KtsConfusionCell, 1);
              cell->layer = g_strdup (layer);
              cell->test = code;
              cell->count = 1;
              g_ptr_array_add (report->confusion, cell);
            }
        }
    }

  report->span_codes = g_ptr_array_new_with_free_func (span_row_free);
  report->span_layers = g_ptr_array_new_with_free_func (span_row_free);
  for (guint i = 0; i < code_order->len; i++)
    {
      SpanAcc *acc = g_ptr_array_index (code_order, i);
      finish_span (acc->row, acc->iou_sum, acc->credit_sum);
      g_ptr_array_add (report->span_codes, g_steal_pointer (&acc->row));
    }
  for (guint i = 0; i < layer_order->len; i++)
    {
      SpanAcc *acc = g_ptr_array_index (layer_order, i);
      finish_span (acc->row, acc->iou_sum, acc->credit_sum);
      g_ptr_array_add (report->span_layers, g_steal_pointer (&acc->row));
    }
  finish_span (all.row, all.iou_sum, all.credit_sum);
  report->span_all = all.row;
}

static int
compare_span_rows (gconstpointer a, gconstpointer b)
{
  const KtsSpanRow *x = *(const KtsSpanRow *const *)a;
  const KtsSpanRow *y = *(const KtsSpanRow *const *)b;
  int               r = g_strcmp0 (x->layer, y->layer);

  return r != 0 ? r : g_strcmp0 (x->label, y->label);
}

/* Merges the single-count confusion cells into counted cells, sorted. */
static void
fold_confusion (KtsAgreementReport *report)
{
  g_autoptr (GPtrArray) folded = g_ptr_array_new_with_free_func (confusion_cell_free);

  for (guint i = 0; i < report->confusion->len; i++)
    {
      KtsConfusionCell *cell = g_ptr_array_index (report->confusion, i);
      gboolean          merged = FALSE;

      for (guint j = 0; j < folded->len && !merged; j++)
        {
          KtsConfusionCell *f = g_ptr_array_index (folded, j);
          if (f->reference == cell->reference && f->test == cell->test
              && g_strcmp0 (f->layer, cell->layer) == 0)
            {
              f->count += cell->count;
              merged = TRUE;
            }
        }
      if (!merged)
        {
          KtsConfusionCell *copy = g_new0 (KtsConfusionCell, 1);
          *copy = *cell;
          copy->layer = g_strdup (cell->layer);
          g_ptr_array_add (folded, copy);
        }
    }
  g_ptr_array_unref (report->confusion);
  report->confusion = g_steal_pointer (&folded);
}

KtsAgreementReport *
kts_agreement_compute (KtsProject                *project,
                       GPtrArray                 *coders,
                       const KtsAgreementOptions *options,
                       GError                   **error)
{
  KtsAgreementOptions defaults;
  Context             ctx = { 0 };
  KtsAgreementReport *report;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (coders != NULL, NULL);

  if (options == NULL)
    {
      kts_agreement_options_init (&defaults);
      options = &defaults;
    }
  if (coders->len < 2)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Agreement needs at least two coders."));
      return NULL;
    }
  if (coders->len > 64)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Agreement can compare at most 64 coders at once."));
      return NULL;
    }
  if (options->overlap_threshold <= 0 || options->overlap_threshold > 1)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The overlap threshold must be more than 0 and at most 1."));
      return NULL;
    }
  if (coders->pdata[0] == coders->pdata[1])
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Choose two different coders to compare."));
      return NULL;
    }

  ctx.options = options;
  ctx.coders = coders;
  ctx.n_coders = coders->len;
  collect (&ctx, project);

  if (ctx.docs->len == 0)
    {
      g_set_error (
          error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
          _ ("No transcript was coded by both “%s” and “%s”, so there is nothing to compare."),
          kts_coder_get_name (coders->pdata[0]), kts_coder_get_name (coders->pdata[1]));
      context_clear (&ctx);
      return NULL;
    }

  report = g_new0 (KtsAgreementReport, 1);
  report->coder_a = coders->pdata[0];
  report->coder_b = coders->pdata[1];
  report->coders = g_ptr_array_copy (coders, NULL, NULL);
  report->n_documents = ctx.docs->len;
  report->n_turns = ctx.n_units;
  report->n_codes = ctx.uses->len;

  /* Presence per code, per layer (pooled) and overall. */
  report->presence_codes = g_ptr_array_new_with_free_func (presence_row_free);
  report->presence_layers = g_ptr_array_new_with_free_func (presence_row_free);
  for (guint i = 0; i < ctx.uses->len; i++)
    {
      CodeUse *use = g_ptr_array_index (ctx.uses, i);
      g_autoptr (GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, use);
      g_ptr_array_add (
          report->presence_codes,
          presence_for (&ctx, one, FALSE, code_label (use->code), use->layer, use->code));
    }
  for (guint i = 0; i < ctx.uses->len;)
    {
      CodeUse *first = g_ptr_array_index (ctx.uses, i);
      g_autoptr (GPtrArray) layer = g_ptr_array_new ();

      while (i < ctx.uses->len
             && g_strcmp0 (((CodeUse *)g_ptr_array_index (ctx.uses, i))->layer, first->layer) == 0)
        g_ptr_array_add (layer, g_ptr_array_index (ctx.uses, i++));
      g_ptr_array_add (report->presence_layers,
                       presence_for (&ctx, layer, TRUE, first->layer, first->layer, NULL));
    }
  report->presence_all = presence_for (&ctx, ctx.uses, TRUE, "all", NULL, NULL);

  /* Dimension and maturity: codes collapsed into SD/REL and LM/MM. */
  report->dimension = g_ptr_array_new_with_free_func (presence_row_free);
  report->maturity = g_ptr_array_new_with_free_func (presence_row_free);
  {
    static const struct
    {
      const char  *label;
      KtsDimension dimension;
    } dims[] = { { "SD", KTS_DIMENSION_SELF_DEFINITION }, { "REL", KTS_DIMENSION_RELATEDNESS } };
    static const struct
    {
      const char *label;
      KtsMaturity maturity;
    } mats[] = { { "LM", KTS_MATURITY_LESS_MATURE }, { "MM", KTS_MATURITY_MORE_MATURE } };

    for (guint d = 0; d < G_N_ELEMENTS (dims); d++)
      {
        g_autoptr (GPtrArray) group = g_ptr_array_new ();

        for (guint i = 0; i < ctx.uses->len; i++)
          {
            CodeUse     *use = g_ptr_array_index (ctx.uses, i);
            KtsDimension dim = code_dimension (use->code);
            if (dim == dims[d].dimension || dim == KTS_DIMENSION_BOTH)
              g_ptr_array_add (group, use);
          }
        if (group->len > 0)
          g_ptr_array_add (report->dimension,
                           presence_for (&ctx, group, FALSE, dims[d].label, NULL, NULL));
      }
    for (guint m = 0; m < G_N_ELEMENTS (mats); m++)
      {
        g_autoptr (GPtrArray) group = g_ptr_array_new ();

        for (guint i = 0; i < ctx.uses->len; i++)
          {
            CodeUse *use = g_ptr_array_index (ctx.uses, i);
            if (code_maturity (use->code) == mats[m].maturity)
              g_ptr_array_add (group, use);
          }
        if (group->len > 0)
          g_ptr_array_add (report->maturity,
                           presence_for (&ctx, group, FALSE, mats[m].label, NULL, NULL));
      }
  }

  match_spans (&ctx, report);
  g_ptr_array_sort (report->span_codes, compare_span_rows);
  g_ptr_array_sort (report->span_layers, compare_span_rows);
  fold_confusion (report);

  context_clear (&ctx);
  return report;
}

/* ---- Output -------------------------------------------------------------------------- */

static void
add_presence (JsonBuilder *b, const KtsPresenceRow *row)
{
  json_builder_begin_object (b);
  _kts_json_add_string (b, "label", row->label);
  if (row->layer != NULL)
    {
      _kts_json_add_string (b, "layer", row->layer);
    }
  _kts_json_add_int (b, "both", row->both);
  _kts_json_add_int (b, "only_a", row->only_a);
  _kts_json_add_int (b, "only_b", row->only_b);
  _kts_json_add_int (b, "neither", row->neither);
  _kts_json_add_number (b, "percent_agreement", row->percent);
  _kts_json_add_number (b, "kappa", row->kappa);
  _kts_json_add_number (b, "pabak", row->pabak);
  _kts_json_add_number (b, "positive_agreement", row->positive);
  _kts_json_add_number (b, "alpha", row->alpha);
  json_builder_end_object (b);
}

static void
add_span (JsonBuilder *b, const KtsSpanRow *row)
{
  json_builder_begin_object (b);
  _kts_json_add_string (b, "label", row->label);
  if (row->layer != NULL)
    {
      _kts_json_add_string (b, "layer", row->layer);
    }
  _kts_json_add_int (b, "reference", row->n_reference);
  _kts_json_add_int (b, "test", row->n_test);
  _kts_json_add_int (b, "matched", row->matched);
  _kts_json_add_number (b, "precision", row->precision);
  _kts_json_add_number (b, "recall", row->recall);
  _kts_json_add_number (b, "f1", row->f1);
  _kts_json_add_number (b, "mean_iou", row->mean_iou);
  _kts_json_add_number (b, "lenient", row->lenient);
  json_builder_end_object (b);
}

static void
add_presence_list (JsonBuilder *b, const char *name, GPtrArray *rows)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    add_presence (b, g_ptr_array_index (rows, i));
  json_builder_end_array (b);
}

static void
add_span_list (JsonBuilder *b, const char *name, GPtrArray *rows)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    add_span (b, g_ptr_array_index (rows, i));
  json_builder_end_array (b);
}

JsonNode *
kts_agreement_report_to_json (KtsAgreementReport *report)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "coders");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->coders->len; i++)
    json_builder_add_string_value (b, kts_coder_get_name (g_ptr_array_index (report->coders, i)));
  json_builder_end_array (b);
  _kts_json_add_string (b, "reference", kts_coder_get_name (report->coder_a));
  _kts_json_add_int (b, "documents", report->n_documents);
  _kts_json_add_int (b, "turns", report->n_turns);
  _kts_json_add_int (b, "codes", report->n_codes);

  json_builder_set_member_name (b, "presence");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "overall");
  add_presence (b, report->presence_all);
  add_presence_list (b, "layers", report->presence_layers);
  add_presence_list (b, "codes", report->presence_codes);
  add_presence_list (b, "dimension", report->dimension);
  add_presence_list (b, "maturity", report->maturity);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "spans");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "overall");
  add_span (b, report->span_all);
  add_span_list (b, "layers", report->span_layers);
  add_span_list (b, "codes", report->span_codes);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "confusion");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->confusion->len; i++)
    {
      KtsConfusionCell *cell = g_ptr_array_index (report->confusion, i);

      json_builder_begin_object (b);
      _kts_json_add_string (b, "layer", cell->layer);
      json_builder_set_member_name (b, "reference");
      if (cell->reference != NULL)
        json_builder_add_string_value (b, code_label (cell->reference));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "test");
      if (cell->test != NULL)
        json_builder_add_string_value (b, code_label (cell->test));
      else
        json_builder_add_null_value (b);
      _kts_json_add_int (b, "count", cell->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
fmt (GString *out, double value)
{
  if (isnan (value))
    g_string_append_printf (out, " %7s", "–");
  else
    g_string_append_printf (out, " %7.3f", value);
}

static void
text_presence (GString *out, const KtsPresenceRow *row)
{
  g_string_append_printf (out, "  %-34.34s %5u %5u %5u %6u", row->label, row->both, row->only_a,
                          row->only_b, row->neither);
  fmt (out, row->percent);
  fmt (out, row->kappa);
  fmt (out, row->pabak);
  fmt (out, row->positive);
  fmt (out, row->alpha);
  g_string_append_c (out, '\n');
}

static void
text_span (GString *out, const KtsSpanRow *row)
{
  g_string_append_printf (out, "  %-34.34s %5u %5u %5u", row->label, row->n_reference, row->n_test,
                          row->matched);
  fmt (out, row->precision);
  fmt (out, row->recall);
  fmt (out, row->f1);
  fmt (out, row->mean_iou);
  fmt (out, row->lenient);
  g_string_append_c (out, '\n');
}

char *
kts_agreement_report_to_text (KtsAgreementReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (out, _ ("Coders: %s (reference) and %s"),
                          kts_coder_get_name (report->coder_a),
                          kts_coder_get_name (report->coder_b));
  for (guint i = 2; i < report->coders->len; i++)
    g_string_append_printf (out, ", %s",
                            kts_coder_get_name (g_ptr_array_index (report->coders, i)));
  g_string_append_printf (out, _ ("\n%u transcripts, %u turns, %u codes used\n\n"),
                          report->n_documents, report->n_turns, report->n_codes);

  g_string_append_printf (out, "%s\n", _ ("Turn-level presence"));
  g_string_append_printf (out, "  %-34s %5s %5s %5s %6s %7s %7s %7s %7s %7s\n", "", _ ("both"),
                          _ ("A"), _ ("B"), _ ("none"), _ ("agree"), _ ("kappa"), _ ("PABAK"),
                          _ ("pos."), _ ("alpha"));
  text_presence (out, report->presence_all);
  for (guint i = 0; i < report->presence_layers->len; i++)
    text_presence (out, g_ptr_array_index (report->presence_layers, i));
  for (guint i = 0; i < report->dimension->len; i++)
    text_presence (out, g_ptr_array_index (report->dimension, i));
  for (guint i = 0; i < report->maturity->len; i++)
    text_presence (out, g_ptr_array_index (report->maturity, i));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < report->presence_codes->len; i++)
    text_presence (out, g_ptr_array_index (report->presence_codes, i));

  g_string_append_printf (out, "\n%s\n", _ ("Spans against the reference"));
  g_string_append_printf (out, "  %-34s %5s %5s %5s %7s %7s %7s %7s %7s\n", "", _ ("ref."),
                          _ ("test"), _ ("match"), _ ("prec."), _ ("recall"), _ ("F1"), _ ("IoU"),
                          _ ("lenient"));
  text_span (out, report->span_all);
  for (guint i = 0; i < report->span_layers->len; i++)
    text_span (out, g_ptr_array_index (report->span_layers, i));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < report->span_codes->len; i++)
    text_span (out, g_ptr_array_index (report->span_codes, i));

  return g_string_free (out, FALSE);
}
