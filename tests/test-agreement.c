/* test-agreement.c: agreement statistics against published worked examples,
 * and the project-level comparison of two coders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kts-agreement.h"
#include "kts-core.h"
#include "kts-merge.h"

#define M -1 /* missing */

static void
test_cohen_known (void)
{
  /* The usual textbook example: 50 items, both yes 20, only A yes 5, only B
   * yes 10, both no 15: po = .70, pe = .50, kappa = .40. */
  g_assert_cmpfloat_with_epsilon (kts_cohen_kappa_2x2 (20, 5, 10, 15), 0.4, 1e-12);

  /* Perfect agreement, and agreement exactly at chance. */
  g_assert_cmpfloat_with_epsilon (kts_cohen_kappa_2x2 (7, 0, 0, 3), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (kts_cohen_kappa_2x2 (25, 25, 25, 25), 0.0, 1e-12);
  /* Undefined when both raters always say the same category. */
  g_assert_true (isnan (kts_cohen_kappa_2x2 (0, 0, 0, 10)));

  /* Three categories: rows rater A, columns rater B, 100 items.
   * po = (25 + 30 + 15) / 100 = .70; row and column totals .35, .40, .25, so
   * pe = .35² + .40² + .25² = .345 and kappa = (.70 − .345) / (1 − .345). */
  {
    const guint table[9] = { 25, 5, 5, 5, 30, 5, 5, 5, 15 };
    g_assert_cmpfloat_with_epsilon (kts_cohen_kappa_table (table, 3), (0.70 - 0.345) / (1 - 0.345),
                                    1e-12);
  }
}

static void
test_alpha_known (void)
{
  /* Krippendorff's reliability data with missing values: four observers,
   * twelve units, nominal metric; the published value is 0.743. */
  const int data[12 * 4] = {
    /* A  B  C  D */
    1, 1, M, 1, /* unit 1 */
    2, 2, 3, 2, /* 2 */
    3, 3, 3, 3, /* 3 */
    3, 3, 3, 3, /* 4 */
    2, 2, 2, 2, /* 5 */
    1, 2, 3, 4, /* 6 */
    4, 4, 4, 4, /* 7 */
    1, 1, 2, 1, /* 8 */
    2, 2, 2, 2, /* 9 */
    M, 5, 5, 5, /* 10 */
    M, M, 1, 1, /* 11 */
    M, 3, M, M, /* 12: one value only, not pairable */
  };
  /* Two observers, binary data, no missing values: 0.095. */
  const int binary[10 * 2] = {
    0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0,
  };
  double alpha = kts_krippendorff_alpha_nominal (data, 12, 4, M);
  double alpha_binary = kts_krippendorff_alpha_nominal (binary, 10, 2, M);

  g_test_message ("alpha = %.6f, binary alpha = %.6f", alpha, alpha_binary);
  g_assert_cmpfloat_with_epsilon (alpha, 0.743, 0.0005);
  g_assert_cmpfloat_with_epsilon (alpha_binary, 0.095, 0.0005);

  /* No variation: undefined. Perfect agreement with variation: 1. */
  {
    const int same[6] = { 1, 1, 1, 1, 1, 1 };
    const int perfect[6] = { 1, 1, 2, 2, 3, 3 };
    g_assert_true (isnan (kts_krippendorff_alpha_nominal (same, 3, 2, M)));
    g_assert_cmpfloat_with_epsilon (kts_krippendorff_alpha_nominal (perfect, 3, 2, M), 1.0, 1e-12);
  }
}

/* ---- A small project coded by a reference and a student ---------------------- */

static const char transcript[] = "T: How was the week?\n"
                                 "C: Fine.\n"
                                 "T: Only fine?\n"
                                 "C: I kept to myself. I did not want to bother you.\n"
                                 "T: You can bother me.\n"
                                 "C: I know. I wanted to do it my way.\n";

typedef struct
{
  KtsProject  *project;
  KtsDocument *document;
  KtsCoder    *reference;
  KtsCoder    *student;
  GHashTable  *codes;
} Fixture;

static KtsCode *
add_code (Fixture     *f,
          const char  *key,
          const char  *parent_key,
          KtsDimension dimension,
          KtsMaturity  maturity)
{
  g_autoptr (KtsCode) code = kts_code_new (NULL, key);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "dimension", dimension, "maturity", maturity, NULL);
  g_assert_true (kts_project_add_code (
      f->project, code, parent_key ? g_hash_table_lookup (f->codes, parent_key) : NULL, -1,
      &error));
  g_assert_no_error (error);
  g_hash_table_insert (f->codes, (gpointer)kts_code_get_key (code), code);
  return code;
}

static void
code_span (Fixture *f, KtsCoder *coder, const char *span, const char *key)
{
  const char *text = kts_document_get_text (f->document);
  const char *at = strstr (text, span);
  g_autoptr (GError) error = NULL;
  guint start;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  g_assert_nonnull (
      kts_project_apply_code (f->project, f->document, start, start + g_utf8_strlen (span, -1),
                              g_hash_table_lookup (f->codes, key), coder, KTS_ACTOR_UNSET, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "Session", transcript);
  g_autoptr (GArray) speakers = NULL;
  g_autoptr (GArray) turns = NULL;
  g_autoptr (KtsCoder) reference = kts_coder_new (NULL, "Reference");
  g_autoptr (KtsCoder) student = kts_coder_new (NULL, "Student");
  g_autoptr (GError) error = NULL;

  f->project = kts_project_new ();
  f->codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_assert_true (kts_turns_detect (transcript, NULL, 0, &speakers, &turns, &error));
  g_assert_true (kts_document_set_turns (document, (KtsSpeaker *)speakers->data, speakers->len,
                                         (KtsTurn *)turns->data, turns->len, &error));
  g_assert_true (kts_project_add_document (f->project, document, -1, &error));
  g_assert_true (kts_project_add_coder (f->project, reference, &error));
  g_assert_true (kts_project_add_coder (f->project, student, &error));
  g_assert_no_error (error);
  f->document = document;
  f->reference = reference;
  f->student = student;

  add_code (f, "RUP", NULL, KTS_DIMENSION_NONE, KTS_MATURITY_UNSET);
  add_code (f, "RUP.W", "RUP", KTS_DIMENSION_NONE, KTS_MATURITY_UNSET);
  add_code (f, "RUP.W.minimal_response", "RUP.W", KTS_DIMENSION_NONE, KTS_MATURITY_UNSET);
  add_code (f, "RUP.W.withholding", "RUP.W", KTS_DIMENSION_NONE, KTS_MATURITY_UNSET);
  add_code (f, "RUP.C", "RUP", KTS_DIMENSION_NONE, KTS_MATURITY_UNSET);
  add_code (f, "RUP.C.complaint_personal", "RUP.C", KTS_DIMENSION_NONE, KTS_MATURITY_UNSET);
  add_code (f, "SD", NULL, KTS_DIMENSION_SELF_DEFINITION, KTS_MATURITY_UNSET);
  add_code (f, "SD.isolation", "SD", KTS_DIMENSION_SELF_DEFINITION, KTS_MATURITY_LESS_MATURE);
  add_code (f, "SD.agency", "SD", KTS_DIMENSION_SELF_DEFINITION, KTS_MATURITY_MORE_MATURE);
  add_code (f, "REL", NULL, KTS_DIMENSION_RELATEDNESS, KTS_MATURITY_UNSET);
  add_code (f, "REL.submission", "REL", KTS_DIMENSION_RELATEDNESS, KTS_MATURITY_LESS_MATURE);

  /* Reference: four spans. */
  code_span (f, f->reference, "Fine.", "RUP.W.minimal_response");
  code_span (f, f->reference, "I kept to myself.", "SD.isolation");
  code_span (f, f->reference, "I did not want to bother you.", "REL.submission");
  code_span (f, f->reference, "I wanted to do it my way.", "SD.agency");

  /* Student: the first exactly; the second with a shorter span (overlap 100%
   * of the shorter one); the third as a sibling-less other-layer code
   * (a confusion REL → SD, no credit); the fourth with a sibling code; plus an
   * extra span. */
  code_span (f, f->student, "Fine.", "RUP.W.minimal_response");
  code_span (f, f->student, "kept to myself", "SD.isolation");
  code_span (f, f->student, "I did not want to bother you.", "SD.isolation");
  code_span (f, f->student, "I wanted to do it my way.", "SD.isolation");
  code_span (f, f->student, "Only fine?", "RUP.C.complaint_personal");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_hash_table_unref (f->codes);
  g_object_unref (f->project);
}

static const KtsPresenceRow *
presence_row (GPtrArray *rows, const char *label)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((KtsPresenceRow *)g_ptr_array_index (rows, i))->label, label))
      return g_ptr_array_index (rows, i);
  g_error ("no presence row %s", label);
}

static const KtsSpanRow *
span_row (GPtrArray *rows, const char *label)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((KtsSpanRow *)g_ptr_array_index (rows, i))->label, label))
      return g_ptr_array_index (rows, i);
  g_error ("no span row %s", label);
}

static void
test_project (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) coders = g_ptr_array_new ();
  g_autoptr (KtsAgreementReport) report = NULL;
  g_autoptr (GError) error = NULL;
  const KtsPresenceRow *row;
  const KtsSpanRow     *span;

  g_ptr_array_add (coders, f->reference);
  g_ptr_array_add (coders, f->student);
  report = kts_agreement_compute (f->project, coders, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (report->n_documents, ==, 1);
  g_assert_cmpuint (report->n_turns, ==, 6);
  g_assert_cmpuint (report->n_codes, ==, 5);

  /* SD.isolation: reference in turn 4; student in turns 4 and 6 (both spans
   * in turn 4 count once). */
  row = presence_row (report->presence_codes, "SD.isolation");
  g_assert_cmpuint (row->both, ==, 1);
  g_assert_cmpuint (row->only_a, ==, 0);
  g_assert_cmpuint (row->only_b, ==, 1);
  g_assert_cmpuint (row->neither, ==, 4);
  g_assert_cmpfloat_with_epsilon (row->percent, 5.0 / 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->kappa, kts_cohen_kappa_2x2 (1, 0, 1, 4), 1e-12);
  g_assert_cmpfloat_with_epsilon (row->pabak, 2 * 5.0 / 6.0 - 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (row->positive, 2.0 / 3.0, 1e-12);
  g_assert_false (isnan (row->alpha));

  /* The minimal response: perfect. */
  row = presence_row (report->presence_codes, "RUP.W.minimal_response");
  g_assert_cmpfloat_with_epsilon (row->kappa, 1.0, 1e-12);

  /* Pooled over all (turn, code) units: 5 codes × 6 turns. */
  g_assert_cmpuint (report->presence_all->both + report->presence_all->only_a
                        + report->presence_all->only_b + report->presence_all->neither,
                    ==, 30);

  /* Dimension only: SD present in turns 4, 6 for both (the reference's REL
   * in turn 4 does not change SD); REL only for the reference in turn 4. */
  row = presence_row (report->dimension, "SD");
  g_assert_cmpuint (row->both, ==, 2);
  g_assert_cmpuint (row->only_a + row->only_b, ==, 0);
  row = presence_row (report->dimension, "REL");
  g_assert_cmpuint (row->only_a, ==, 1);
  g_assert_cmpuint (row->both, ==, 0);

  /* Spans: matched = minimal response + isolation = 2 of 4 reference, 5 test. */
  span = report->span_all;
  g_assert_cmpuint (span->n_reference, ==, 4);
  g_assert_cmpuint (span->n_test, ==, 5);
  g_assert_cmpuint (span->matched, ==, 2);
  g_assert_cmpfloat_with_epsilon (span->precision, 2.0 / 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (span->recall, 2.0 / 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (span->f1, 2 * 0.4 * 0.5 / 0.9, 1e-12);
  /* IoU: 1 for "Fine.", 14/17 for "kept to myself" in "I kept to myself." */
  g_assert_cmpfloat_with_epsilon (span->mean_iou, (1.0 + 14.0 / 17.0) / 2, 1e-12);
  /* Lenient: 1 + 1 + 0 (REL vs SD: other branch) + 0.5 (sibling) over 4. */
  g_assert_cmpfloat_with_epsilon (span->lenient, 2.5 / 4.0, 1e-12);

  span = span_row (report->span_codes, "SD.agency");
  g_assert_cmpuint (span->matched, ==, 0);
  g_assert_cmpfloat_with_epsilon (span->lenient, 0.5, 1e-12);
  span = span_row (report->span_layers, "SD");
  g_assert_cmpuint (span->n_reference, ==, 2);
  g_assert_cmpuint (span->n_test, ==, 3);
  g_assert_cmpuint (span->matched, ==, 1);

  /* Confusion: SD.agency was read as SD.isolation; the REL span was missed;
   * the confrontation span is an extra. */
  {
    gboolean agency_as_isolation = FALSE, rel_missed = FALSE, extra = FALSE;

    for (guint i = 0; i < report->confusion->len; i++)
      {
        KtsConfusionCell *cell = g_ptr_array_index (report->confusion, i);
        const char       *r = cell->reference ? kts_code_get_key (cell->reference) : NULL;
        const char       *t = cell->test ? kts_code_get_key (cell->test) : NULL;

        agency_as_isolation
            |= g_strcmp0 (r, "SD.agency") == 0 && g_strcmp0 (t, "SD.isolation") == 0;
        rel_missed |= g_strcmp0 (r, "REL.submission") == 0 && t == NULL;
        extra |= r == NULL && g_strcmp0 (t, "RUP.C.complaint_personal") == 0;
      }
    g_assert_true (agency_as_isolation);
    g_assert_true (rel_missed);
    g_assert_true (extra);
  }

  /* JSON and text render and name the measures. */
  {
    g_autoptr (JsonNode) node = kts_agreement_report_to_json (report);
    g_autofree char *json = json_to_string (node, TRUE);
    g_autofree char *text = kts_agreement_report_to_text (report);

    g_assert_nonnull (strstr (json, "\"kappa\""));
    g_assert_nonnull (strstr (json, "\"lenient\""));
    g_assert_nonnull (strstr (text, "SD.isolation"));
  }
}

static void
test_threshold_and_layer (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) coders = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  KtsAgreementOptions options;

  g_ptr_array_add (coders, f->reference);
  g_ptr_array_add (coders, f->student);

  /* Requiring the whole of the shorter span still matches "kept to myself";
   * so does a stricter reading of the same pair. */
  kts_agreement_options_init (&options);
  options.layer = "RUP";
  {
    g_autoptr (KtsAgreementReport) report
        = kts_agreement_compute (f->project, coders, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_codes, ==, 2);
    g_assert_cmpuint (report->span_all->n_reference, ==, 1);
    g_assert_cmpuint (report->span_all->matched, ==, 1);
  }

  /* Invalid options and coders fail clearly. */
  options.layer = NULL;
  options.overlap_threshold = 0;
  g_assert_null (kts_agreement_compute (f->project, coders, &options, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_ptr_array_set_size (coders, 1);
  g_assert_null (kts_agreement_compute (f->project, coders, NULL, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A coder who coded nothing: nothing to compare. */
  {
    g_autoptr (KtsCoder) nobody = kts_coder_new (NULL, "Nobody");
    g_assert_true (kts_project_add_coder (f->project, nobody, NULL));
    g_ptr_array_add (coders, nobody);
    g_assert_null (kts_agreement_compute (f->project, coders, NULL, &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
  }
}

/* A second coder's project with the same transcript under another title and
 * its own copy of the codebook: merged by text, codes matched by key. */
static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsProject) other = kts_project_new ();
  g_autoptr (KtsDocument) copy = kts_document_new (NULL, "int-2 final", transcript);
  g_autoptr (KtsDocument) stranger = kts_document_new (NULL, "Another session", "T: Hello.\n");
  g_autoptr (KtsCode) isolation = kts_code_new (NULL, "Isolation");
  g_autoptr (KtsCode) unknown = kts_code_new (NULL, "Not in the target");
  g_autoptr (KtsCoder) bo = kts_coder_new (NULL, "Bo");
  g_autoptr (KtsMergeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  KtsCoder   *merged;
  guint       before = kts_project_get_n_codings (f->project);
  const char *text = transcript;
  guint       start = g_utf8_pointer_to_offset (text, strstr (text, "kept to myself"));

  g_object_set (isolation, "key", "SD.isolation", NULL);
  kts_project_set_title (other, "Bo's coding");
  g_assert_true (kts_project_add_document (other, copy, -1, &error));
  g_assert_true (kts_project_add_document (other, stranger, -1, &error));
  g_assert_true (kts_project_add_code (other, isolation, NULL, -1, &error));
  g_assert_true (kts_project_add_code (other, unknown, NULL, -1, &error));
  g_assert_true (kts_project_add_coder (other, bo, &error));
  g_assert_nonnull (kts_project_apply_code (other, copy, start, start + 14, isolation, bo,
                                            KTS_ACTOR_CLIENT, &error));
  g_assert_nonnull (
      kts_project_apply_code (other, copy, 0, 5, unknown, bo, KTS_ACTOR_UNSET, &error));
  g_assert_nonnull (
      kts_project_apply_code (other, stranger, 0, 5, isolation, bo, KTS_ACTOR_UNSET, &error));
  g_assert_no_error (error);

  report = kts_project_merge_codings (f->project, other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->documents_matched, ==, 1);
  g_assert_cmpuint (report->documents_unmatched, ==, 1);
  g_assert_cmpuint (report->codings_added, ==, 1);
  g_assert_cmpuint (report->codings_skipped, ==, 2);
  g_assert_cmpuint (kts_project_get_n_codings (f->project), ==, before + 1);
  merged = kts_project_find_coder (f->project, "Bo");
  g_assert_nonnull (merged);

  /* The merged coding is in the right place, with its actor. */
  {
    GListModel *codings = kts_document_get_codings (f->document);
    gboolean    found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
      {
        g_autoptr (KtsCoding) c = g_list_model_get_item (codings, i);
        if (kts_coding_get_coder (c) == merged)
          {
            g_autofree char *t = kts_coding_dup_text (c);
            g_assert_cmpstr (t, ==, "kept to myself");
            g_assert_cmpint (kts_coding_get_actor (c), ==, KTS_ACTOR_CLIENT);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* One undo step. */
  g_assert_true (kts_project_undo (f->project));
  g_assert_cmpuint (kts_project_get_n_codings (f->project), ==, before);

  /* Nothing in common: a clear error, nothing changed. */
  {
    g_autoptr (KtsProject) unrelated = kts_project_new ();
    g_autoptr (KtsDocument) doc = kts_document_new (NULL, "x", "T: Something else.\n");

    g_assert_true (kts_project_add_document (unrelated, doc, -1, NULL));
    g_assert_null (kts_project_merge_codings (f->project, unrelated, NULL, &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
    g_assert_cmpuint (kts_project_get_n_codings (f->project), ==, before);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/cohen", test_cohen_known);
  g_test_add_func ("/agreement/alpha", test_alpha_known);
  g_test_add ("/agreement/project", Fixture, NULL, fixture_set_up, test_project, fixture_tear_down);
  g_test_add ("/agreement/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/agreement/options", Fixture, NULL, fixture_set_up, test_threshold_and_layer,
              fixture_tear_down);

  return g_test_run ();
}
