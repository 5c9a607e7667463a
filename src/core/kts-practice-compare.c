/* kts-practice-compare.c: a submitted practice set against its reference: every
 * span classified, linked to contrast cards, and the score card.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Classification pairs spans one to one, best overlap first, in three rounds:
 * same code (hits; the same pairs the agreement's span matching finds), then
 * siblings (partial hits), then other codes of the same layer, or codes a
 * contrast card sets side by side (wrong codes). What is left is a miss
 * (reference) or an extra (student). Every figure on the score card comes
 * from kts_agreement_compute(); extras only ever add to the student's span
 * count, so no figure rises when a student codes more (brief 0.6).
 */
#define G_LOG_DOMAIN "kts-practice"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-json-private.h"
#include "kts-practice-compare.h"

/* ---- Life cycle ------------------------------------------------------------- */

static void
item_free (gpointer data)
{
  KtsPracticeItem *item = data;

  g_clear_object (&item->reference);
  g_clear_object (&item->student);
  g_free (item->layer);
  g_ptr_array_unref (item->cards);
  g_free (item);
}

static void
score_free (gpointer data)
{
  KtsPracticeScore *score = data;

  if (score == NULL)
    return;
  g_free (score->layer);
  g_free (score);
}

void
kts_practice_report_free (KtsPracticeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->scores, g_ptr_array_unref);
  g_clear_pointer (&report->overall, score_free);
  if (report->owns_guide)
    g_clear_pointer (&report->guide, kts_codebook_guide_free);
  g_clear_object (&report->set);
  g_free (report);
}

/* ---- Classification --------------------------------------------------------------- */

typedef struct
{
  guint  r;
  guint  s;
  double iou;
} Pair;

/* Best overlap first; ties in text order, as the agreement's span matching. */
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

typedef enum
{
  ROUND_SAME_CODE,
  ROUND_SIBLING,
  ROUND_CONFUSABLE,
} Round;

typedef struct
{
  KtsPracticeSet            *set;
  KtsCodebookGuide          *guide;
  const KtsAgreementOptions *options;
  GPtrArray                 *ref;     /* KtsCoding*, text order */
  GPtrArray                 *student; /* KtsCoding*, text order */
  gboolean                  *r_used;
  gboolean                  *s_used;
  GPtrArray                 *items;
} Classifier;

/* SD and REL are one question (which dimension?), so a span coded SD where the
 * reference says REL is a wrong code, not a miss plus an extra. */
static char *
pairing_group (KtsCode *code)
{
  char *layer = kts_code_dup_layer (code);

  if (g_strcmp0 (layer, "SD") == 0 || g_strcmp0 (layer, "REL") == 0)
    {
      g_free (layer);
      return g_strdup ("SD/REL");
    }
  return layer;
}

static gboolean
card_names (KtsContrastCard *card, const char *key)
{
  for (guint s = 0; s < card->sides->len; s++)
    {
      KtsContrastSide *side = g_ptr_array_index (card->sides, s);

      for (guint k = 0; k < side->keys->len; k++)
        if (g_str_equal (g_ptr_array_index (side->keys, k), key))
          return TRUE;
    }
  return FALSE;
}

/* TRUE if a contrast card sets @a and @b side by side. */
static gboolean
share_card (KtsCodebookGuide *guide, KtsCode *a, KtsCode *b)
{
  g_autoptr (GPtrArray) cards = NULL;
  const char *key_b = kts_code_get_key (b);

  if (guide == NULL || kts_code_get_key (a) == NULL || key_b == NULL)
    return FALSE;
  cards = kts_codebook_guide_cards_for (guide, kts_code_get_key (a));
  for (guint i = 0; i < cards->len; i++)
    if (card_names (g_ptr_array_index (cards, i), key_b))
      return TRUE;
  return FALSE;
}

static gboolean
pairable (Classifier *c, Round round, KtsCode *r, KtsCode *s)
{
  switch (round)
    {
    case ROUND_SAME_CODE:
      return r == s;
    case ROUND_SIBLING:
      return r != s && kts_code_get_parent (r) != NULL
             && kts_code_get_parent (r) == kts_code_get_parent (s);
    case ROUND_CONFUSABLE:
      {
        g_autofree char *gr = NULL;
        g_autofree char *gs = NULL;

        if (r == s)
          return FALSE;
        gr = pairing_group (r);
        gs = pairing_group (s);
        return g_str_equal (gr, gs) || share_card (c->guide, r, s);
      }
    default:
      g_assert_not_reached ();
    }
}

/* The practised layer @code counts in. */
static char *
item_layer (KtsPracticeSet *set, KtsCode *code)
{
  const char *const *layers = kts_practice_set_get_layers (set);

  for (guint i = 0; layers != NULL && layers[i] != NULL; i++)
    {
      const char *one[] = { layers[i], NULL };

      if (kts_code_in_layers (code, one))
        return g_strdup (layers[i]);
    }
  return kts_code_dup_layer (code);
}

static void
add_cards (GPtrArray *into, KtsCodebookGuide *guide, KtsCoding *coding)
{
  g_autoptr (GPtrArray) cards = NULL;
  const char *key;

  if (guide == NULL || coding == NULL || kts_coding_get_code (coding) == NULL)
    return;
  key = kts_code_get_key (kts_coding_get_code (coding));
  if (key == NULL)
    return;
  cards = kts_codebook_guide_cards_for (guide, key);
  for (guint i = 0; i < cards->len; i++)
    if (!g_ptr_array_find (into, g_ptr_array_index (cards, i), NULL))
      g_ptr_array_add (into, g_ptr_array_index (cards, i));
}

static void
add_item (
    Classifier *c, KtsPracticeOutcome outcome, KtsCoding *reference, KtsCoding *student, double iou)
{
  KtsPracticeItem *item = g_new0 (KtsPracticeItem, 1);
  KtsCoding       *first = reference != NULL ? reference : student;

  item->outcome = outcome;
  item->reference = reference != NULL ? g_object_ref (reference) : NULL;
  item->student = student != NULL ? g_object_ref (student) : NULL;
  item->layer = item_layer (c->set, kts_coding_get_code (first));
  item->turn
      = kts_document_find_turn (kts_coding_get_document (first), kts_coding_get_start (first));
  item->iou = iou;
  item->cards = g_ptr_array_new ();
  if (outcome != KTS_PRACTICE_OUTCOME_HIT)
    {
      add_cards (item->cards, c->guide, reference);
      add_cards (item->cards, c->guide, student);
    }
  /* For a pair, the cards that set both codes side by side are the ones
   * that tell them apart; the others only name one of them. */
  if (reference != NULL && student != NULL)
    {
      const char *rk = kts_code_get_key (kts_coding_get_code (reference));
      const char *sk = kts_code_get_key (kts_coding_get_code (student));
      gboolean    any_both = FALSE;

      for (guint i = 0; rk != NULL && sk != NULL && i < item->cards->len; i++)
        any_both
            |= card_names (item->cards->pdata[i], rk) && card_names (item->cards->pdata[i], sk);
      for (guint i = item->cards->len; any_both && i > 0; i--)
        if (!card_names (item->cards->pdata[i - 1], rk)
            || !card_names (item->cards->pdata[i - 1], sk))
          g_ptr_array_remove_index (item->cards, i - 1);
    }
  g_ptr_array_add (c->items, item);
}

static void
pair_round (Classifier *c, Round round)
{
  static const KtsPracticeOutcome outcome[] = {
    [ROUND_SAME_CODE] = KTS_PRACTICE_OUTCOME_HIT,
    [ROUND_SIBLING] = KTS_PRACTICE_OUTCOME_PARTIAL,
    [ROUND_CONFUSABLE] = KTS_PRACTICE_OUTCOME_WRONG_CODE,
  };
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));

  for (guint r = 0; r < c->ref->len; r++)
    {
      KtsCoding *rc = g_ptr_array_index (c->ref, r);

      if (c->r_used[r])
        continue;
      for (guint s = 0; s < c->student->len; s++)
        {
          KtsCoding *sc = g_ptr_array_index (c->student, s);
          double     iou = 0;

          /* Both lists are in text order: nothing later overlaps. */
          if (kts_coding_get_start (sc) >= kts_coding_get_end (rc))
            break;
          if (c->s_used[s]
              || !pairable (c, round, kts_coding_get_code (rc), kts_coding_get_code (sc))
              || !kts_agreement_spans_match (c->options, rc, sc, &iou))
            continue;
          g_array_append_val (pairs, ((Pair){ r, s, iou }));
        }
    }

  g_array_sort (pairs, compare_pairs);
  for (guint p = 0; p < pairs->len; p++)
    {
      Pair *pair = &g_array_index (pairs, Pair, p);

      if (c->r_used[pair->r] || c->s_used[pair->s])
        continue;
      c->r_used[pair->r] = c->s_used[pair->s] = TRUE;
      add_item (c, outcome[round], g_ptr_array_index (c->ref, pair->r),
                g_ptr_array_index (c->student, pair->s), pair->iou);
    }
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const KtsPracticeItem *x = *(const KtsPracticeItem *const *)a;
  const KtsPracticeItem *y = *(const KtsPracticeItem *const *)b;
  KtsCoding             *cx = x->reference != NULL ? x->reference : x->student;
  KtsCoding             *cy = y->reference != NULL ? y->reference : y->student;
  guint                  sx = kts_coding_get_start (cx), sy = kts_coding_get_start (cy);
  guint                  ex = kts_coding_get_end (cx), ey = kts_coding_get_end (cy);

  if (sx != sy)
    return sx < sy ? -1 : 1;
  if (ex != ey)
    return ex < ey ? -1 : 1;
  if (x->outcome != y->outcome)
    return x->outcome < y->outcome ? -1 : 1;
  return g_strcmp0 (kts_item_get_guid (KTS_ITEM (cx)), kts_item_get_guid (KTS_ITEM (cy)));
}

/* ---- Score card ---------------------------------------------------------------------- */

/* Fills @score from the agreement of the reference and the student on
 * @layers (NULL = the set's), and from the items of @layer (NULL = all). */
static gboolean
fill_score (KtsPracticeScore          *score,
            KtsProject                *project,
            KtsPracticeSet            *set,
            const KtsAgreementOptions *base,
            const char *const         *layers,
            GPtrArray                 *items,
            GError                   **error)
{
  g_autoptr (GPtrArray) coders = g_ptr_array_new ();
  g_autoptr (GPtrArray) documents = g_ptr_array_new ();
  g_autoptr (KtsAgreementReport) report = NULL;
  KtsAgreementOptions options = *base;

  g_ptr_array_add (coders, kts_practice_set_get_reference_coder (set));
  g_ptr_array_add (coders, kts_practice_set_get_student_coder (set));
  g_ptr_array_add (documents, kts_practice_set_get_document (set));
  options.documents = documents;
  options.layer = NULL;
  options.layers = layers;
  options.include_hidden = FALSE;

  report = kts_agreement_compute (project, coders, &options, error);
  if (report == NULL)
    return FALSE;

  score->n_reference = report->span_all->n_reference;
  score->n_student = report->span_all->n_test;
  score->precision = report->span_all->precision;
  score->recall = report->span_all->recall;
  score->f1 = report->span_all->f1;
  score->lenient = report->span_all->lenient;
  score->mean_iou = report->span_all->mean_iou;

  for (guint i = 0; i < items->len; i++)
    {
      KtsPracticeItem *item = g_ptr_array_index (items, i);

      if (score->layer != NULL && g_strcmp0 (item->layer, score->layer) != 0)
        continue;
      switch (item->outcome)
        {
        case KTS_PRACTICE_OUTCOME_HIT:
          score->hits++;
          break;
        case KTS_PRACTICE_OUTCOME_PARTIAL:
          score->partials++;
          break;
        case KTS_PRACTICE_OUTCOME_WRONG_CODE:
          score->wrong_codes++;
          break;
        case KTS_PRACTICE_OUTCOME_MISS:
          score->misses++;
          break;
        case KTS_PRACTICE_OUTCOME_EXTRA:
          score->extras++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* The rows of the score card: the set's layers, or every layer coded. */
static GPtrArray *
score_layers (KtsPracticeSet *set, GPtrArray *items)
{
  const char *const *layers = kts_practice_set_get_layers (set);
  GPtrArray         *rows = g_ptr_array_new_with_free_func (g_free);

  if (layers != NULL)
    {
      for (guint i = 0; layers[i] != NULL; i++)
        g_ptr_array_add (rows, g_strdup (layers[i]));
      return rows;
    }
  for (guint i = 0; i < items->len; i++)
    {
      KtsPracticeItem *item = g_ptr_array_index (items, i);

      if (!g_ptr_array_find_with_equal_func (rows, item->layer, g_str_equal, NULL))
        g_ptr_array_add (rows, g_strdup (item->layer));
    }
  g_ptr_array_sort (rows, compare_strings);
  return rows;
}

/* ---- Compare ---------------------------------------------------------------------------- */

static GPtrArray *
codings_of (KtsPracticeSet *set, KtsCoder *coder)
{
  GListModel *codings = kts_document_get_codings (kts_practice_set_get_document (set));
  guint       n = g_list_model_get_n_items (codings);
  GPtrArray  *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      KtsCoding *coding = g_list_model_get_item (codings, i);

      if (kts_coding_get_coder (coding) == coder && kts_coding_get_code (coding) != NULL
          && kts_practice_set_includes_code (set, kts_coding_get_code (coding)))
        g_ptr_array_add (out, coding);
      else
        g_object_unref (coding);
    }
  return out;
}

KtsPracticeReport *
kts_practice_compare (KtsProject                *project,
                      KtsPracticeSet            *set,
                      KtsCodebookGuide          *guide,
                      const KtsAgreementOptions *options,
                      GError                   **error)
{
  g_autoptr (KtsPracticeReport) report = NULL;
  g_autoptr (GPtrArray) ref = NULL;
  g_autoptr (GPtrArray) student = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree gboolean *r_used = NULL;
  g_autofree gboolean *s_used = NULL;
  KtsAgreementOptions  defaults;
  Classifier           c = { 0 };
  KtsDocument         *document;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (set), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      kts_agreement_options_init (&defaults);
      options = &defaults;
    }

  if (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (set))) != KTS_ITEM (set))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The practice set “%s” is not in this project"),
                   kts_practice_set_get_title (set));
      return NULL;
    }
  if (kts_practice_set_get_state (set) != KTS_PRACTICE_STATE_SUBMITTED)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The practice set “%s” has not been submitted yet; the comparison with the "
                      "reference is shown after submitting"),
                   kts_practice_set_get_title (set));
      return NULL;
    }

  document = kts_practice_set_get_document (set);
  ref = codings_of (set, kts_practice_set_get_reference_coder (set));
  student = codings_of (set, kts_practice_set_get_student_coder (set));
  for (guint i = 0; i < ref->len; i++)
    if (kts_project_coding_is_hidden (project, g_ptr_array_index (ref, i)))
      {
        g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                     _ ("Another practice set on “%s” is still open and keeps the reference of "
                        "“%s” hidden; the comparison is shown once that set is submitted too"),
                     kts_document_get_title (document), kts_practice_set_get_title (set));
        return NULL;
      }

  report = g_new0 (KtsPracticeReport, 1);
  report->set = g_object_ref (set);
  report->overlap_threshold = options->overlap_threshold;
  report->same_turn = options->same_turn;
  report->items = g_ptr_array_new_with_free_func (item_free);
  if (guide == NULL)
    {
      guide = kts_codebook_guide_load_default (error);
      if (guide == NULL)
        return NULL;
      report->owns_guide = TRUE;
    }
  report->guide = guide;

  r_used = g_new0 (gboolean, ref->len + 1);
  s_used = g_new0 (gboolean, student->len + 1);
  c.set = set;
  c.guide = guide;
  c.options = options;
  c.ref = ref;
  c.student = student;
  c.r_used = r_used;
  c.s_used = s_used;
  c.items = report->items;

  pair_round (&c, ROUND_SAME_CODE);
  pair_round (&c, ROUND_SIBLING);
  pair_round (&c, ROUND_CONFUSABLE);
  for (guint r = 0; r < ref->len; r++)
    if (!r_used[r])
      add_item (&c, KTS_PRACTICE_OUTCOME_MISS, g_ptr_array_index (ref, r), NULL, 0);
  for (guint s = 0; s < student->len; s++)
    if (!s_used[s])
      add_item (&c, KTS_PRACTICE_OUTCOME_EXTRA, NULL, g_ptr_array_index (student, s), 0);
  g_ptr_array_sort (report->items, compare_items);

  report->scores = g_ptr_array_new_with_free_func (score_free);
  rows = score_layers (set, report->items);
  for (guint i = 0; i < rows->len; i++)
    {
      KtsPracticeScore *score = g_new0 (KtsPracticeScore, 1);
      const char       *one[] = { g_ptr_array_index (rows, i), NULL };

      score->layer = g_strdup (one[0]);
      g_ptr_array_add (report->scores, score);
      if (!fill_score (score, project, set, options, one, report->items, error))
        return NULL;
    }
  report->overall = g_new0 (KtsPracticeScore, 1);
  if (!fill_score (report->overall, project, set, options, kts_practice_set_get_layers (set),
                   report->items, error))
    return NULL;

  return g_steal_pointer (&report);
}

/* ---- Output ---------------------------------------------------------------------------- */

static const char *
outcome_nick (KtsPracticeOutcome outcome)
{
  return kts_enum_to_nick (KTS_TYPE_PRACTICE_OUTCOME, outcome);
}

static const char *
outcome_label (KtsPracticeOutcome outcome)
{
  switch (outcome)
    {
    case KTS_PRACTICE_OUTCOME_HIT:
      return _ ("hit");
    case KTS_PRACTICE_OUTCOME_PARTIAL:
      return _ ("partial");
    case KTS_PRACTICE_OUTCOME_WRONG_CODE:
      return _ ("wrong code");
    case KTS_PRACTICE_OUTCOME_MISS:
      return _ ("miss");
    case KTS_PRACTICE_OUTCOME_EXTRA:
      return _ ("extra");
    default:
      return "?";
    }
}

static char *
format_time (gint64 t)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (t);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
add_coding (JsonBuilder *b, const char *name, KtsCoding *coding)
{
  KtsCode         *code;
  g_autofree char *text = NULL;

  json_builder_set_member_name (b, name);
  if (coding == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  code = kts_coding_get_code (coding);
  text = kts_coding_dup_text (coding);
  json_builder_begin_object (b);
  _kts_json_add_string (b, "code", kts_code_get_display_key (code));
  _kts_json_add_string (b, "name", kts_code_get_name (code));
  _kts_json_add_string (b, "definition", kts_code_get_definition (code));
  _kts_json_add_int (b, "start", kts_coding_get_start (coding));
  _kts_json_add_int (b, "end", kts_coding_get_end (coding));
  _kts_json_add_string (b, "text", text);
  json_builder_end_object (b);
}

static void
add_score (JsonBuilder *b, const KtsPracticeScore *score)
{
  json_builder_begin_object (b);
  _kts_json_add_string (b, "layer", score->layer);
  _kts_json_add_int (b, "reference", score->n_reference);
  _kts_json_add_int (b, "student", score->n_student);
  _kts_json_add_int (b, "hits", score->hits);
  _kts_json_add_int (b, "partials", score->partials);
  _kts_json_add_int (b, "wrong_codes", score->wrong_codes);
  _kts_json_add_int (b, "misses", score->misses);
  _kts_json_add_int (b, "extras", score->extras);
  json_builder_set_member_name (b, "strict");
  json_builder_begin_object (b);
  _kts_json_add_number (b, "precision", score->precision);
  _kts_json_add_number (b, "recall", score->recall);
  _kts_json_add_number (b, "f1", score->f1);
  json_builder_end_object (b);
  _kts_json_add_number (b, "lenient", score->lenient);
  _kts_json_add_number (b, "mean_iou", score->mean_iou);
  json_builder_end_object (b);
}

JsonNode *
kts_practice_report_to_json (KtsPracticeReport *report)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  KtsPracticeSet    *set;
  const char *const *layers;
  g_autofree char   *submitted = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  set = report->set;
  layers = kts_practice_set_get_layers (set);
  submitted = format_time (kts_practice_set_get_submitted (set));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "set");
  json_builder_begin_object (b);
  _kts_json_add_string (b, "title", kts_practice_set_get_title (set));
  _kts_json_add_string (b, "document",
                        kts_document_get_title (kts_practice_set_get_document (set)));
  _kts_json_add_string (b, "reference",
                        kts_coder_get_name (kts_practice_set_get_reference_coder (set)));
  _kts_json_add_string (b, "student",
                        kts_coder_get_name (kts_practice_set_get_student_coder (set)));
  json_builder_set_member_name (b, "layers");
  if (layers == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; layers[i] != NULL; i++)
        json_builder_add_string_value (b, layers[i]);
      json_builder_end_array (b);
    }
  _kts_json_add_string (
      b, "state", kts_enum_to_nick (KTS_TYPE_PRACTICE_STATE, kts_practice_set_get_state (set)));
  _kts_json_add_string (b, "submitted", submitted);
  json_builder_set_member_name (b, "pass_threshold");
  if (kts_practice_set_get_pass_threshold (set) >= 0)
    json_builder_add_double_value (b, kts_practice_set_get_pass_threshold (set));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  /* Passed or not yet, against the set's threshold; null without one. */
  json_builder_set_member_name (b, "passed");
  if (kts_practice_set_get_pass_threshold (set) >= 0)
    json_builder_add_boolean_value (b, kts_practice_set_passes (set, report->overall->f1));
  else
    json_builder_add_null_value (b);
  _kts_json_add_number (b, "overlap_threshold", report->overlap_threshold);
  json_builder_set_member_name (b, "same_turn");
  json_builder_add_boolean_value (b, report->same_turn);

  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->items->len; i++)
    {
      KtsPracticeItem *item = g_ptr_array_index (report->items, i);

      json_builder_begin_object (b);
      _kts_json_add_string (b, "outcome", outcome_nick (item->outcome));
      _kts_json_add_string (b, "layer", item->layer);
      json_builder_set_member_name (b, "turn");
      if (item->turn >= 0)
        json_builder_add_int_value (b, item->turn + 1);
      else
        json_builder_add_null_value (b);
      _kts_json_add_number (b, "overlap", item->iou);
      add_coding (b, "reference", item->reference);
      add_coding (b, "student", item->student);
      json_builder_set_member_name (b, "cards");
      json_builder_begin_array (b);
      for (guint k = 0; k < item->cards->len; k++)
        {
          KtsContrastCard *card = g_ptr_array_index (item->cards, k);

          json_builder_begin_object (b);
          _kts_json_add_string (b, "id", card->id);
          _kts_json_add_string (b, "title", card->title);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "scores");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->scores->len; i++)
    add_score (b, g_ptr_array_index (report->scores, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "overall");
  add_score (b, report->overall);
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
fmt (GString *out, double value)
{
  if (isnan (value))
    g_string_append_printf (out, " %9s", "–");
  else
    g_string_append_printf (out, " %9.3f", value);
}

static void
text_score (GString *out, const KtsPracticeScore *score)
{
  g_string_append_printf (out, "  %-8.8s %5u %5u %5u %5u %5u %5u %5u",
                          score->layer != NULL ? score->layer : _ ("all"), score->n_reference,
                          score->n_student, score->hits, score->partials, score->wrong_codes,
                          score->misses, score->extras);
  fmt (out, score->precision);
  fmt (out, score->recall);
  fmt (out, score->f1);
  fmt (out, score->lenient);
  fmt (out, score->mean_iou);
  g_string_append_c (out, '\n');
}

/* The first sentence of @text, or its first 160 characters. */
static char *
short_text (const char *text)
{
  const char *stop;

  if (text == NULL)
    return NULL;
  stop = strstr (text, ". ");
  if (stop != NULL && g_utf8_strlen (text, stop - text) < 160)
    return g_strndup (text, stop - text + 1);
  if (g_utf8_strlen (text, -1) <= 160)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, 159);
    return g_strconcat (head, "…", NULL);
  }
}

static void
text_definition (GString *out, KtsCoding *coding)
{
  KtsCode         *code = kts_coding_get_code (coding);
  g_autofree char *definition = short_text (kts_code_get_definition (code));

  if (definition != NULL)
    g_string_append_printf (out, "             %s %s: %s\n", _ ("Definition of"),
                            kts_code_get_display_key (code), definition);
}

char *
kts_practice_report_to_text (KtsPracticeReport *report)
{
  GString         *out = g_string_new (NULL);
  KtsPracticeSet  *set;
  g_autofree char *layers = NULL;
  g_autofree char *submitted = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  set = report->set;
  layers = kts_practice_set_dup_layers_label (set);
  submitted = format_time (kts_practice_set_get_submitted (set));

  g_string_append_printf (out, _ ("Practice set “%s”\n"), kts_practice_set_get_title (set));
  g_string_append_printf (out, _ ("Transcript “%s”, reference %s, student %s\n"),
                          kts_document_get_title (kts_practice_set_get_document (set)),
                          kts_coder_get_name (kts_practice_set_get_reference_coder (set)),
                          kts_coder_get_name (kts_practice_set_get_student_coder (set)));
  g_string_append_printf (out, _ ("Layers: %s; submitted %s\n\n"), layers,
                          submitted != NULL ? submitted : "–");

  g_string_append_printf (out, "%s\n", _ ("Spans"));
  for (guint i = 0; i < report->items->len; i++)
    {
      KtsPracticeItem *item = g_ptr_array_index (report->items, i);
      KtsCoding       *shown = item->reference != NULL ? item->reference : item->student;
      g_autofree char *text = kts_coding_dup_text (shown);
      g_autofree char *turn
          = item->turn >= 0 ? g_strdup_printf (_ ("turn %d"), item->turn + 1) : g_strdup ("");

      g_string_append_printf (out, "  %-9s %-11s ", turn, outcome_label (item->outcome));
      switch (item->outcome)
        {
        case KTS_PRACTICE_OUTCOME_HIT:
        case KTS_PRACTICE_OUTCOME_MISS:
        case KTS_PRACTICE_OUTCOME_EXTRA:
          g_string_append (out, kts_code_get_display_key (kts_coding_get_code (shown)));
          break;
        default:
          /* TRANSLATORS: reference code, then the student's code */
          g_string_append_printf (out, _ ("%s (reference), %s (yours)"),
                                  kts_code_get_display_key (kts_coding_get_code (item->reference)),
                                  kts_code_get_display_key (kts_coding_get_code (item->student)));
          break;
        }
      g_string_append_printf (out, "\n             “%s”\n", text);
      if (item->outcome == KTS_PRACTICE_OUTCOME_HIT)
        continue;
      if (item->reference != NULL)
        text_definition (out, item->reference);
      if (item->student != NULL)
        text_definition (out, item->student);
      for (guint k = 0; k < item->cards->len; k++)
        {
          KtsContrastCard *card = g_ptr_array_index (item->cards, k);

          g_string_append_printf (out, "             %s %s\n", _ ("Contrast card:"), card->title);
        }
    }
  if (report->items->len == 0)
    g_string_append_printf (out, "  %s\n", _ ("(no spans in the practised layers)"));

  g_string_append_printf (out, "\n%s\n",
                          _ ("Score card (strict: exact code; lenient: partial credit)"));
  g_string_append_printf (out, "  %-8s %5s %5s %5s %5s %5s %5s %5s %9s %9s %9s %9s %9s\n",
                          _ ("layer"), _ ("ref."), _ ("yours"), _ ("hit"), _ ("part."), _ ("wrong"),
                          _ ("miss"), _ ("extra"), _ ("precision"), _ ("recall"), _ ("F1"),
                          _ ("lenient"), _ ("IoU"));
  for (guint i = 0; i < report->scores->len; i++)
    text_score (out, g_ptr_array_index (report->scores, i));
  text_score (out, report->overall);
  g_string_append_printf (
      out, "\n%s\n",
      _ ("Recall is the strict score. Extra codings lower precision and never raise a score."));
  if (kts_practice_set_get_pass_threshold (report->set) >= 0)
    {
      if (kts_practice_set_passes (report->set, report->overall->f1))
        g_string_append_printf (out, _ ("Passed: F1 reaches this set’s pass mark of %.2f.\n"),
                                kts_practice_set_get_pass_threshold (report->set));
      else
        g_string_append_printf (out, _ ("Not yet: this set passes at F1 %.2f.\n"),
                                kts_practice_set_get_pass_threshold (report->set));
    }

  return g_string_free (out, FALSE);
}

/* ---- The trend across practice sets ------------------------------------------------------ */

void
kts_practice_trend_point_free (KtsPracticeTrendPoint *point)
{
  if (point == NULL)
    return;
  g_clear_object (&point->set);
  g_clear_pointer (&point->scores, g_ptr_array_unref);
  g_clear_pointer (&point->overall, score_free);
  g_free (point);
}

static int
compare_points (gconstpointer a, gconstpointer b)
{
  const KtsPracticeTrendPoint *pa = *(KtsPracticeTrendPoint *const *)a;
  const KtsPracticeTrendPoint *pb = *(KtsPracticeTrendPoint *const *)b;

  return pa->submitted < pb->submitted ? -1 : pa->submitted > pb->submitted;
}

static gboolean
student_is (KtsPracticeSet *set, const char *folded_name)
{
  KtsCoder        *student = kts_practice_set_get_student_coder (set);
  g_autofree char *folded = NULL;

  if (student == NULL || kts_coder_get_name (student) == NULL)
    return FALSE;
  folded = g_utf8_casefold (kts_coder_get_name (student), -1);
  return g_strcmp0 (folded, folded_name) == 0;
}

GPtrArray *
kts_practice_trend (KtsProject                *project,
                    const char                *student_name,
                    KtsCodebookGuide          *guide,
                    const KtsAgreementOptions *options,
                    GError                   **error)
{
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (KtsCodebookGuide) own_guide = NULL;
  g_autofree char *folded_name = NULL;
  GListModel      *sets;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (student_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  points = g_ptr_array_new_with_free_func ((GDestroyNotify)kts_practice_trend_point_free);
  folded_name = g_utf8_casefold (student_name, -1);
  sets = kts_project_get_practice_sets (project);
  for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);
      g_autoptr (KtsPracticeReport) report = NULL;
      g_autoptr (GError) local = NULL;
      KtsPracticeTrendPoint *point;

      if (kts_practice_set_get_state (set) != KTS_PRACTICE_STATE_SUBMITTED
          || !student_is (set, folded_name))
        continue;
      if (guide == NULL)
        {
          own_guide = kts_codebook_guide_load_default (error);
          if (own_guide == NULL)
            return NULL;
          guide = own_guide;
        }
      report = kts_practice_compare (project, set, guide, options, &local);
      if (report == NULL)
        {
          /* Only a reference another open set still hides is left out. */
          if (g_error_matches (local, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT))
            continue;
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      point = g_new0 (KtsPracticeTrendPoint, 1);
      point->set = g_object_ref (set);
      point->submitted = kts_practice_set_get_submitted (set);
      point->scores = g_steal_pointer (&report->scores);
      point->overall = g_steal_pointer (&report->overall);
      g_ptr_array_add (points, point);
    }
  /* g_ptr_array_sort() is not stable; insertion keeps equal times in order. */
  for (guint i = 1; i < points->len; i++)
    for (guint j = i; j > 0 && compare_points (&points->pdata[j - 1], &points->pdata[j]) > 0; j--)
      {
        gpointer t = points->pdata[j];

        points->pdata[j] = points->pdata[j - 1];
        points->pdata[j - 1] = t;
      }
  return g_steal_pointer (&points);
}

JsonNode *
kts_practice_trend_to_json (const char *student_name, GPtrArray *trend)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (trend != NULL, NULL);

  json_builder_begin_object (b);
  _kts_json_add_string (b, "student", student_name);
  json_builder_set_member_name (b, "sets");
  json_builder_begin_array (b);
  for (guint i = 0; i < trend->len; i++)
    {
      KtsPracticeTrendPoint *point = g_ptr_array_index (trend, i);
      const char *const     *layers = kts_practice_set_get_layers (point->set);
      g_autofree char       *submitted = format_time (point->submitted);

      json_builder_begin_object (b);
      _kts_json_add_string (b, "title", kts_practice_set_get_title (point->set));
      _kts_json_add_string (b, "document",
                            kts_document_get_title (kts_practice_set_get_document (point->set)));
      _kts_json_add_string (b, "guid", kts_item_get_guid (KTS_ITEM (point->set)));
      _kts_json_add_string (b, "submitted", submitted);
      json_builder_set_member_name (b, "layers");
      if (layers == NULL)
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_array (b);
          for (guint l = 0; layers[l] != NULL; l++)
            json_builder_add_string_value (b, layers[l]);
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "overall");
      add_score (b, point->overall);
      json_builder_set_member_name (b, "scores");
      json_builder_begin_array (b);
      for (guint s = 0; s < point->scores->len; s++)
        add_score (b, g_ptr_array_index (point->scores, s));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
kts_practice_trend_to_text (const char *student_name, GPtrArray *trend)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (trend != NULL, NULL);

  /* Translators: heading of the trend of a student's practice sets */
  g_string_append_printf (out, _ ("Practice trend of %s: "), student_name);
  g_string_append_printf (out, ngettext ("%u submitted set\n", "%u submitted sets\n", trend->len),
                          trend->len);
  if (trend->len == 0)
    return g_string_free (out, FALSE);
  g_string_append_printf (out, "  %-20s %9s %9s %9s %9s  %s\n", _ ("submitted"), _ ("precision"),
                          _ ("recall"), _ ("F1"), _ ("lenient"), _ ("set"));
  for (guint i = 0; i < trend->len; i++)
    {
      KtsPracticeTrendPoint *point = g_ptr_array_index (trend, i);
      g_autofree char       *submitted = format_time (point->submitted);

      g_string_append_printf (out, "  %-20s %s ", submitted != NULL ? submitted : "",
                              kts_practice_set_get_title (point->set));
      fmt (out, point->overall->precision);
      fmt (out, point->overall->recall);
      fmt (out, point->overall->f1);
      fmt (out, point->overall->lenient);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
