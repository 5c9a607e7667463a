/* test-practice.c: practice sets: hiding and locking, undo, the comparison with
 * the reference, the file format, the CLI workflow and the shipped practice set.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-practice"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kts-agreement.h"
#include "kts-core.h"
#include "kts-episode-build.h"
#include "kts-merge.h"
#include "kts-model-private.h"
#include "kts-practice-compare.h"

#define LOCKED_MESSAGE "was submitted; its codings can no longer change"

/* ---- A small hand-made example ------------------------------------------------------ */

static const char mini_transcript[]
    = "T: Last week we agreed on the diary. How did it go?\n"
      "C: [long pause] Fine. I did not really get to it.\n"
      "T: Half a diary is not much to work with, is it.\n"
      "C: Whatever you say. You are the expert.\n"
      "T: I think I sounded critical just now, and I am sorry for that.\n"
      "C: It did sting a bit. I felt like a pupil again.\n";

/* One of each class for the student below: hit, partial (siblings), wrong
 * code (SD for REL), wrong code (a contrast card's pair across layers), miss. */
static const char mini_reference[] = "turn\tspan\tcode\n"
                                     "2\t[long pause] Fine.\tRUP.W.minimal_response\n"
                                     "3\tHalf a diary is not much to work with, is it.\t"
                                     "RUP.T.dismissive_remark\n"
                                     "4\tWhatever you say.\tREL.submission\n"
                                     "4\tYou are the expert.\tRUP.W.appeasing\n"
                                     "5\tI am sorry for that.\tMC.3_accept_responsibility\n";

static KtsProject *
new_project (void)
{
  g_autoptr (GError) error = NULL;
  KtsProject *project = kts_project_new ();

  kts_project_set_title (project, "Practice tests");
  g_assert_cmpint (kts_project_load_codebook_preset (project, "default", &error), >, 0);
  g_assert_no_error (error);
  kts_project_clear_undo (project);
  return project;
}

static KtsPracticeSet *
import_mini (KtsProject *project, const char *layers_text)
{
  g_autoptr (GBytes) transcript = g_bytes_new_static (mini_transcript, strlen (mini_transcript));
  g_autoptr (GBytes) reference = g_bytes_new_static (mini_reference, strlen (mini_reference));
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) layers = NULL;
  KtsPracticeImportOptions options = { 0 };
  KtsPracticeSet          *set;

  if (layers_text != NULL)
    {
      layers = kts_practice_parse_layers (layers_text, &error);
      g_assert_no_error (error);
    }
  options.document_title = "Mini";
  options.layers = (const char *const *)layers;
  options.student_name = "Ann";
  set = kts_practice_set_import (project, transcript, "mini.txt", reference, "mini.tsv", &options,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

/* Codes the only occurrence of @text in @document. */
static KtsCoding *
code_text (KtsProject  *project,
           KtsDocument *document,
           KtsCoder    *coder,
           const char  *text,
           const char  *key,
           GError     **error)
{
  const char *all = kts_document_get_text (document);
  const char *at = strstr (all, text);
  KtsCode    *code = kts_codebook_lookup_key (kts_project_get_codebook (project), key);
  guint       start;

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, text));
  g_assert_nonnull (code);
  start = (guint)g_utf8_pointer_to_offset (all, at);
  return kts_project_apply_code (project, document, start, start + (guint)g_utf8_strlen (text, -1),
                                 code, coder, KTS_ACTOR_UNSET, error);
}

static void
student_codes (KtsProject *project, KtsPracticeSet *set)
{
  KtsDocument *document = kts_practice_set_get_document (set);
  KtsCoder    *student = kts_practice_set_get_student_coder (set);
  struct
  {
    const char *text;
    const char *key;
  } rows[] = {
    { "[long pause] Fine.", "RUP.W.minimal_response" },                             /* hit */
    { "Half a diary is not much to work with, is it.", "RUP.T.pushing_expertise" }, /* partial */
    { "Whatever you say.", "SD.control" },                                          /* wrong code */
    { "You are the expert.", "REL.affiliation" },                                   /* wrong code */
    { "I felt like a pupil again.", "REL.dependence" },                             /* extra */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_nonnull (code_text (project, document, student, rows[i].text, rows[i].key, &error));
      g_assert_no_error (error);
    }
}

static KtsCoding *
find_coding (KtsDocument *document, KtsCoder *coder, const char *key)
{
  GListModel *codings = kts_document_get_codings (document);

  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      if (kts_coding_get_coder (coding) == coder
          && g_strcmp0 (kts_code_get_key (kts_coding_get_code (coding)), key) == 0)
        return coding;
    }
  return NULL;
}

static guint
count_codings (KtsDocument *document, KtsCoder *coder)
{
  GListModel *codings = kts_document_get_codings (document);
  guint       n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
      n += kts_coding_get_coder (coding) == coder;
    }
  return n;
}

/* ---- Layers -------------------------------------------------------------------------- */

static void
test_layers (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsCodebook *codebook = kts_project_get_codebook (project);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) layers = kts_practice_parse_layers (" RUP, SD  REL,RES.4S,RUP ", &error);
  const char *const rup[] = { "RUP", NULL };
  const char *const res4[] = { "RES.4S", NULL };

  g_assert_no_error (error);
  g_assert_cmpstrv (layers, ((const char *const[]){ "RUP", "SD", "REL", "RES.4S", NULL }));

  g_assert_null (kts_practice_parse_layers (" , ", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (kts_practice_parse_layers ("RUP;SD", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (kts_code_in_layers (kts_codebook_lookup_key (codebook, "RUP.W.silence"), rup));
  g_assert_false (kts_code_in_layers (kts_codebook_lookup_key (codebook, "SD.control"), rup));
  g_assert_true (
      kts_code_in_layers (kts_codebook_lookup_key (codebook, "RES.4S.2_collab_exploration"), res4));
  g_assert_false (
      kts_code_in_layers (kts_codebook_lookup_key (codebook, "RES.6S.2_analyze"), res4));
  g_assert_true (
      kts_code_in_layers (kts_codebook_lookup_key (codebook, "MC.3_accept_responsibility"), NULL));
}

/* ---- Hiding -------------------------------------------------------------------------------- */

static gboolean
count_cb (KtsCoding *coding, gpointer user_data)
{
  (*(guint *)user_data)++;
  return TRUE;
}

static void
test_hidden (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *set = import_mini (project, "RUP,SD,REL,MC");
  KtsDocument    *document = kts_practice_set_get_document (set);
  KtsCoder       *reference = kts_practice_set_get_reference_coder (set);
  KtsCoder       *student = kts_practice_set_get_student_coder (set);
  KtsCoding      *ref_coding = find_coding (document, reference, "RUP.W.minimal_response");
  g_autoptr (GPtrArray) coders = g_ptr_array_new ();
  g_autoptr (KtsAgreementReport) agreement = NULL;
  g_autoptr (GError) error = NULL;
  KtsAgreementOptions options;
  GString            *csv;
  guint               seen = 0;

  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_OPEN);
  g_assert_cmpstr (kts_practice_set_get_title (set), ==, "Practice: Mini");
  g_assert_cmpstr (kts_coder_get_name (student), ==, "Ann");
  g_assert_cmpstr (kts_coder_get_name (reference), ==, "Reference");
  g_assert_cmpuint (count_codings (document, reference), ==, 5);
  g_assert_nonnull (ref_coding);
  g_assert_true (kts_project_coding_is_hidden (project, ref_coding));
  g_assert_false (kts_project_coding_is_locked (project, ref_coding));

  student_codes (project, set);
  {
    KtsCoding *mine = find_coding (document, student, "RUP.W.minimal_response");
    KtsCode   *minimal = kts_coding_get_code (mine);
    KtsCode   *mc = kts_codebook_lookup_key (kts_project_get_codebook (project),
                                             "MC.3_accept_responsibility");

    /* Counts for views leave the hidden reference out. */
    g_assert_cmpuint (kts_project_count_codings (project, minimal), ==, 2);
    g_assert_cmpuint (kts_project_count_visible_codings (project, minimal), ==, 1);
    g_assert_cmpuint (kts_project_count_visible_codings (project, mc), ==, 0);
    g_assert_cmpuint (kts_project_count_visible_document_codings (project, document), ==, 5);

    g_assert_false (kts_project_coding_is_hidden (project, mine));
    g_assert_false (kts_project_coding_is_locked (project, mine));
  }

  /* The CSV export leaves the hidden reference out unless asked. */
  csv = kts_codings_export_csv (project, count_cb, &seen);
  g_assert_null (strstr (csv->str, ",Reference,"));
  g_assert_nonnull (strstr (csv->str, ",Ann,"));
  g_assert_cmpuint (seen, ==, 5);
  g_string_free (csv, TRUE);
  csv = kts_codings_export_csv_full (project, KTS_CODINGS_EXPORT_INCLUDE_HIDDEN, NULL, NULL);
  g_assert_nonnull (strstr (csv->str, ",Reference,"));
  g_string_free (csv, TRUE);

  /* Agreement does not see it either: the reference has coded nothing there. */
  g_ptr_array_add (coders, reference);
  g_ptr_array_add (coders, student);
  kts_agreement_options_init (&options);
  agreement = kts_agreement_compute (project, coders, &options, &error);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
  g_assert_null (agreement);
  g_clear_error (&error);
  options.include_hidden = TRUE;
  agreement = kts_agreement_compute (project, coders, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agreement->span_all->n_reference, ==, 5);

  /* A map drafted from the transcript does not rest on the hidden reference. */
  {
    KtsEpisode *episode
        = kts_project_add_episode_for_turns (project, "e-1", document, 1, 6, &error);
    GListModel *moves;

    g_assert_no_error (error);
    g_assert_cmpint (kts_episode_build_from_codings (project, episode, FALSE, &error), ==, 5);
    g_assert_no_error (error);
    moves = kts_episode_get_moves (episode);
    for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
      {
        g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
        GPtrArray *anchors = kts_move_get_anchors (move);

        for (guint a = 0; a < anchors->len; a++)
          g_assert_true (kts_coding_get_coder (anchors->pdata[a]) == student);
      }
  }

  /* No report while the set is open. */
  g_assert_null (kts_practice_compare (project, set, NULL, NULL, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Merging the codings into another project does not reveal them. */
  {
    g_autoptr (KtsProject) other = new_project ();
    g_autoptr (KtsDocument) copy = kts_document_new (NULL, "Copy", mini_transcript);
    g_autoptr (KtsMergeReport) merge = NULL;

    g_assert_true (kts_project_add_document (other, copy, -1, &error));
    merge = kts_project_merge_codings (other, project, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (merge->codings_added, ==, 5);
    g_assert_cmpuint (merge->codings_skipped, ==, 5);
    g_assert_null (kts_project_find_coder (other, "Reference"));
  }

  g_assert_true (kts_project_submit_practice_set (project, set, &error));
  g_assert_no_error (error);
  g_assert_false (kts_project_coding_is_hidden (project, ref_coding));
  g_assert_cmpuint (kts_project_count_visible_codings (project, kts_coding_get_code (ref_coding)),
                    ==, 2);
  g_assert_cmpuint (kts_project_count_visible_document_codings (project, document), ==, 10);
  csv = kts_codings_export_csv (project, NULL, NULL);
  g_assert_nonnull (strstr (csv->str, ",Reference,"));
  g_string_free (csv, TRUE);
}

/* A second student's open set on the same transcript keeps the reference
 * hidden, and the first student's report waits for it. */
static void
test_hidden_by_other_set (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *first = import_mini (project, NULL);
  KtsDocument    *document = kts_practice_set_get_document (first);
  KtsCoder       *reference = kts_practice_set_get_reference_coder (first);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsPracticeReport) report = NULL;
  KtsPracticeSet *second;

  second = kts_practice_set_create_from_coding (project, document, reference, NULL, NULL, "Bo",
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_practice_set_get_title (second), ==, "Practice: Mini (2)");
  /* Without layers: the layers the reference coded, in text order. */
  g_assert_cmpstrv (kts_practice_set_get_layers (second),
                    ((const char *const[]){ "RUP", "REL", "MC", NULL }));

  /* The same student twice on one transcript is refused. */
  g_assert_null (
      kts_practice_set_create_from_coding (project, document, reference, NULL, NULL, "Bo", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* So is the reference as its own student, and a layer it never coded. */
  g_assert_null (kts_practice_set_create_from_coding (project, document, reference, NULL, NULL,
                                                      "Reference", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (kts_practice_set_create_from_coding (
      project, document, reference, (const char *const[]){ "KS", NULL }, NULL, "Cy", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  student_codes (project, first);
  g_assert_true (kts_project_submit_practice_set (project, first, &error));
  g_assert_no_error (error);

  report = kts_practice_compare (project, first, NULL, NULL, &error);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_null (report);
  g_clear_error (&error);

  kts_project_remove_practice_set (project, second);
  report = kts_practice_compare (project, first, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

/* ---- Locking ------------------------------------------------------------------------------ */

static void
test_locked (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *set = import_mini (project, "RUP,SD,REL,MC");
  KtsDocument    *document = kts_practice_set_get_document (set);
  KtsCoder       *reference = kts_practice_set_get_reference_coder (set);
  KtsCoder       *student = kts_practice_set_get_student_coder (set);
  KtsCodebook    *codebook = kts_project_get_codebook (project);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsCoder) other = kts_coder_new (NULL, "Other");
  g_autoptr (KtsDocument) elsewhere = NULL;
  KtsCoding *mine, *ref_coding, *theirs;
  guint      n_student;
  g_auto (GValue) value = G_VALUE_INIT;

  g_assert_true (kts_project_add_coder (project, other, &error));
  student_codes (project, set);
  theirs = code_text (project, document, other, "How did it go?", "MC.6_explore_response", &error);
  g_assert_no_error (error);

  /* Nothing of the practised layers coded: nothing to submit. */
  {
    g_autoptr (KtsProject) empty = new_project ();
    KtsPracticeSet *untouched = import_mini (empty, NULL);

    g_assert_false (kts_project_submit_practice_set (empty, untouched, &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_EMPTY);
    g_clear_error (&error);
    g_assert_cmpuint (kts_practice_set_get_state (untouched), ==, KTS_PRACTICE_STATE_OPEN);
  }

  g_assert_true (kts_project_submit_practice_set (project, set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_SUBMITTED);
  g_assert_cmpint (kts_practice_set_get_submitted (set), >, 0);
  g_assert_false (kts_project_submit_practice_set (project, set, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  n_student = count_codings (document, student);
  mine = find_coding (document, student, "REL.dependence");
  ref_coding = find_coding (document, reference, "MC.3_accept_responsibility");
  g_assert_true (kts_project_coding_is_locked (project, mine));
  g_assert_false (kts_project_coding_is_locked (project, ref_coding));

  /* Adding, removing, changing: refused with a clear error. */
  g_assert_null (
      code_text (project, document, student, "It did sting a bit.", "REL.intimacy", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, LOCKED_MESSAGE));
  g_clear_error (&error);

  g_assert_false (kts_project_try_remove_coding (project, mine, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, LOCKED_MESSAGE));
  g_clear_error (&error);

  g_test_expect_message ("kts-project", G_LOG_LEVEL_WARNING, "*" LOCKED_MESSAGE "*");
  kts_project_remove_coding (project, mine);
  g_test_assert_expected_messages ();

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "second thoughts");
  g_assert_false (kts_project_try_set_property (project, mine, "memo", &value, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_test_expect_message ("kts-project", G_LOG_LEVEL_WARNING, "*" LOCKED_MESSAGE "*");
  kts_project_set_object (project, mine, "code",
                          kts_codebook_lookup_key (codebook, "REL.intimacy"));
  g_test_assert_expected_messages ();

  /* Nor can another coder's coding be handed to the student. */
  g_test_expect_message ("kts-project", G_LOG_LEVEL_WARNING, "*" LOCKED_MESSAGE "*");
  kts_project_set_object (project, theirs, "coder", student);
  g_test_assert_expected_messages ();
  g_assert_true (kts_coding_get_coder (theirs) == other);

  /* Merging a code would re-point a locked coding. */
  g_assert_false (
      kts_project_merge_codes (project, kts_codebook_lookup_key (codebook, "REL.dependence"),
                               kts_codebook_lookup_key (codebook, "REL.intimacy"), &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The set's transcript, layers and coders are fixed now; its title is not. */
  {
    g_auto (GValue) coder_value = G_VALUE_INIT;

    g_value_init (&coder_value, KTS_TYPE_CODER);
    g_value_set_object (&coder_value, other);
    g_assert_false (
        kts_project_try_set_property (project, set, "student-coder", &coder_value, &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  kts_project_set_string (project, set, "title", "Renamed");
  g_assert_cmpstr (kts_practice_set_get_title (set), ==, "Renamed");

  /* Nothing changed the student's codings. */
  g_assert_cmpuint (count_codings (document, student), ==, n_student);
  g_assert_true (kts_coding_get_code (mine)
                 == kts_codebook_lookup_key (codebook, "REL.dependence"));
  g_assert_null (kts_coding_get_memo (mine));

  /* The reference, other coders and the student elsewhere are free. */
  kts_project_set_string (project, ref_coding, "memo", "model answer");
  g_assert_cmpstr (kts_coding_get_memo (ref_coding), ==, "model answer");
  g_assert_true (kts_project_try_remove_coding (project, theirs, &error));
  g_assert_no_error (error);
  elsewhere = kts_document_new (NULL, "Elsewhere", "T: Another session.\n");
  g_assert_true (kts_project_add_document (project, elsewhere, -1, &error));
  g_assert_nonnull (
      code_text (project, elsewhere, student, "Another session.", "MC.8_we_ness", &error));
  g_assert_no_error (error);
}

/* ---- Undo ------------------------------------------------------------------------------- */

static void
test_undo (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *set = import_mini (project, NULL);
  KtsDocument    *document = kts_practice_set_get_document (set);
  KtsCoder       *reference = kts_practice_set_get_reference_coder (set);
  KtsCoder       *student = kts_practice_set_get_student_coder (set);
  KtsCoding      *ref_coding = find_coding (document, reference, "RUP.W.appeasing");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsPracticeSet) keep = g_object_ref (set);
  guint64 serial;

  /* The import is one undo step, and so is creating a set from it. */
  g_assert_cmpstr (kts_project_get_undo_label (project), ==, "Import practice set “Mini”");
  g_assert_true (kts_project_undo (project));
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_documents (project)), ==, 0);
  g_assert_true (kts_project_redo (project));
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (project)), ==, 1);
  g_assert_true (kts_project_coding_is_hidden (project, ref_coding));

  /* Removing an open set reveals the reference; undo hides it again. */
  kts_project_remove_practice_set (project, set);
  g_assert_false (kts_project_coding_is_hidden (project, ref_coding));
  g_assert_true (kts_project_undo (project));
  g_assert_true (kts_project_coding_is_hidden (project, ref_coding));

  student_codes (project, set);
  g_assert_true (kts_project_can_undo (project));
  kts_project_mark_clean (project);
  serial = kts_project_get_change_serial (project);

  g_assert_true (kts_project_submit_practice_set (project, set, &error));
  g_assert_no_error (error);
  /* Not undoable, and nothing from before it can be undone either. */
  g_assert_false (kts_project_can_undo (project));
  g_assert_false (kts_project_can_redo (project));
  g_assert_false (kts_project_undo (project));
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_SUBMITTED);
  g_assert_cmpuint (count_codings (document, student), ==, 5);
  /* The state belongs to the file: the project must be saved. */
  g_assert_true (kts_project_get_dirty (project));
  g_assert_cmpuint (kts_project_get_change_serial (project), >, serial);

  /* Removing a submitted set unlocks; undo locks again. */
  kts_project_remove_practice_set (project, set);
  g_assert_false (
      kts_project_coding_is_locked (project, find_coding (document, student, "SD.control")));
  g_assert_true (kts_project_undo (project));
  g_assert_true (
      kts_project_coding_is_locked (project, find_coding (document, student, "SD.control")));

  /* Removing the transcript removes its set; undo brings both back. */
  kts_project_remove_document (project, document);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (project)), ==, 0);
  g_assert_true (kts_project_undo (project));
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (project)), ==, 1);
  g_assert_true (kts_project_find_practice_set (project, "Practice: Mini") == set);
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_SUBMITTED);
}

/* ---- Comparison --------------------------------------------------------------------------- */

static KtsPracticeItem *
item_for (KtsPracticeReport *report, const char *reference_key, const char *student_key)
{
  for (guint i = 0; i < report->items->len; i++)
    {
      KtsPracticeItem *item = g_ptr_array_index (report->items, i);
      const char      *r
          = item->reference ? kts_code_get_key (kts_coding_get_code (item->reference)) : NULL;
      const char *s = item->student ? kts_code_get_key (kts_coding_get_code (item->student)) : NULL;

      if (g_strcmp0 (r, reference_key) == 0 && g_strcmp0 (s, student_key) == 0)
        return item;
    }
  g_error ("no item %s / %s", reference_key, student_key);
}

static gboolean
has_card (KtsPracticeItem *item, const char *id)
{
  for (guint i = 0; i < item->cards->len; i++)
    if (g_str_equal (((KtsContrastCard *)g_ptr_array_index (item->cards, i))->id, id))
      return TRUE;
  return FALSE;
}

static void
test_compare (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *set = import_mini (project, "RUP,SD,REL,MC");
  g_autoptr (KtsPracticeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autofree char  *text = NULL;
  KtsPracticeItem  *item;
  KtsPracticeScore *rup = NULL;
  guint             outcomes[KTS_PRACTICE_OUTCOME_EXTRA + 1] = { 0 };

  student_codes (project, set);
  g_assert_true (kts_project_submit_practice_set (project, set, &error));
  g_assert_no_error (error);
  report = kts_practice_compare (project, set, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (report->items->len, ==, 6);
  for (guint i = 0; i < report->items->len; i++)
    outcomes[((KtsPracticeItem *)g_ptr_array_index (report->items, i))->outcome]++;
  g_assert_cmpuint (outcomes[KTS_PRACTICE_OUTCOME_HIT], ==, 1);
  g_assert_cmpuint (outcomes[KTS_PRACTICE_OUTCOME_PARTIAL], ==, 1);
  g_assert_cmpuint (outcomes[KTS_PRACTICE_OUTCOME_WRONG_CODE], ==, 2);
  g_assert_cmpuint (outcomes[KTS_PRACTICE_OUTCOME_MISS], ==, 1);
  g_assert_cmpuint (outcomes[KTS_PRACTICE_OUTCOME_EXTRA], ==, 1);

  item = item_for (report, "RUP.W.minimal_response", "RUP.W.minimal_response");
  g_assert_cmpuint (item->outcome, ==, KTS_PRACTICE_OUTCOME_HIT);
  g_assert_cmpint (item->turn, ==, 1);
  g_assert_cmpfloat (item->iou, ==, 1.0);
  g_assert_cmpuint (item->cards->len, ==, 0);

  item = item_for (report, "RUP.T.dismissive_remark", "RUP.T.pushing_expertise");
  g_assert_cmpuint (item->outcome, ==, KTS_PRACTICE_OUTCOME_PARTIAL);
  g_assert_cmpstr (item->layer, ==, "RUP");

  item = item_for (report, "REL.submission", "SD.control");
  g_assert_cmpuint (item->outcome, ==, KTS_PRACTICE_OUTCOME_WRONG_CODE);
  g_assert_cmpstr (item->layer, ==, "REL");

  /* Across layers, because a contrast card sets the two side by side. */
  item = item_for (report, "RUP.W.appeasing", "REL.affiliation");
  g_assert_cmpuint (item->outcome, ==, KTS_PRACTICE_OUTCOME_WRONG_CODE);
  g_assert_true (has_card (item, "appeasing-affiliation"));

  item = item_for (report, "MC.3_accept_responsibility", NULL);
  g_assert_cmpuint (item->outcome, ==, KTS_PRACTICE_OUTCOME_MISS);
  g_assert_cmpint (item->turn, ==, 4);

  item = item_for (report, NULL, "REL.dependence");
  g_assert_cmpuint (item->outcome, ==, KTS_PRACTICE_OUTCOME_EXTRA);
  g_assert_true (has_card (item, "intimacy-dependence"));

  /* The score card: the agreement's figures, per practised layer and overall. */
  g_assert_cmpuint (report->scores->len, ==, 4);
  for (guint i = 0; i < report->scores->len; i++)
    {
      KtsPracticeScore *score = g_ptr_array_index (report->scores, i);
      if (g_strcmp0 (score->layer, "RUP") == 0)
        rup = score;
    }
  g_assert_nonnull (rup);
  g_assert_cmpuint (rup->n_reference, ==, 3);
  g_assert_cmpuint (rup->n_student, ==, 2);
  g_assert_cmpuint (rup->hits, ==, 1);
  g_assert_cmpuint (rup->partials, ==, 1);
  g_assert_cmpuint (rup->wrong_codes, ==, 1);
  g_assert_cmpfloat_with_epsilon (rup->precision, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (rup->recall, 1.0 / 3, 1e-9);
  /* minimal_response 1, dismissive/pushing siblings 0.5, appeasing 0. */
  g_assert_cmpfloat_with_epsilon (rup->lenient, 1.5 / 3, 1e-9);

  g_assert_cmpuint (report->overall->n_reference, ==, 5);
  g_assert_cmpuint (report->overall->n_student, ==, 5);
  g_assert_cmpuint (report->overall->hits, ==, 1);
  g_assert_cmpuint (report->overall->misses, ==, 1);
  g_assert_cmpuint (report->overall->extras, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->overall->precision, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->overall->recall, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->overall->f1, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->overall->lenient, 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->overall->mean_iou, 1.0, 1e-9);

  json = kts_practice_report_to_json (report);
  {
    JsonObject *root = json_node_get_object (json);
    JsonArray  *items = json_object_get_array_member (root, "items");
    JsonObject *overall
        = json_object_get_object_member (json_object_get_object_member (root, "scores"), "overall");

    g_assert_cmpuint (json_array_get_length (items), ==, 6);
    g_assert_cmpstr (
        json_object_get_string_member (json_array_get_object_element (items, 0), "outcome"), ==,
        "hit");
    g_assert_cmpint (json_object_get_int_member (overall, "extras"), ==, 1);
    g_assert_cmpfloat_with_epsilon (
        json_object_get_double_member (json_object_get_object_member (overall, "strict"), "recall"),
        0.2, 1e-9);
  }
  text = kts_practice_report_to_text (report);
  g_assert_nonnull (strstr (text, "Appeasing, warmth, or appeasing with submission?"));
  g_assert_nonnull (strstr (text, "wrong code"));
}

/* ---- No score rewards coding more metacommunication (brief 0.6) ------------------------- */

typedef struct
{
  const char *text;
  const char *key;
} Extra;

/* The example, with @extras coded by the student before submitting. */
static KtsPracticeReport *
compare_with_extras (KtsProject *project, const Extra *extras, guint n_extras, GArray *random)
{
  KtsPracticeSet *set = import_mini (project, "RUP,SD,REL,MC");
  KtsDocument    *document = kts_practice_set_get_document (set);
  KtsCoder       *student = kts_practice_set_get_student_coder (set);
  g_autoptr (GError) error = NULL;
  KtsPracticeReport *report;

  student_codes (project, set);
  for (guint i = 0; i < n_extras; i++)
    {
      g_assert_nonnull (
          code_text (project, document, student, extras[i].text, extras[i].key, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; random != NULL && i + 2 < random->len; i += 3)
    {
      g_autofree char *key = g_strdup_printf ("MC.%u", g_array_index (random, guint, i + 2));
      KtsCode         *code = NULL;
      g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (project));

      for (guint c = 0; c < codes->len && code == NULL; c++)
        if (g_str_has_prefix (
                kts_code_get_key (codes->pdata[c]) ? kts_code_get_key (codes->pdata[c]) : "", key)
            && kts_code_get_key (codes->pdata[c])[strlen (key)] == '_')
          code = codes->pdata[c];
      g_assert_nonnull (code);
      g_assert_nonnull (kts_project_apply_code (project, document, g_array_index (random, guint, i),
                                                g_array_index (random, guint, i + 1), code, student,
                                                KTS_ACTOR_UNSET, &error));
      g_assert_no_error (error);
    }

  g_assert_true (kts_project_submit_practice_set (project, set, &error));
  g_assert_no_error (error);
  report = kts_practice_compare (project, set, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

/* @after is no better than @before on any figure. */
static void
assert_no_better (const KtsPracticeScore *before, const KtsPracticeScore *after)
{
  const double b[]
      = { before->precision, before->recall, before->f1, before->lenient, before->mean_iou };
  const double a[]
      = { after->precision, after->recall, after->f1, after->lenient, after->mean_iou };

  g_assert_cmpstr (before->layer, ==, after->layer);
  for (guint i = 0; i < G_N_ELEMENTS (a); i++)
    {
      if (isnan (a[i]))
        g_assert_true (isnan (b[i]));
      else if (!isnan (b[i]))
        g_assert_cmpfloat (a[i], <=, b[i] + 1e-12);
      else
        g_assert_cmpfloat (a[i], <=, 0.0); /* undefined before (no span): at most 0 now */
    }
  g_assert_cmpuint (after->hits, ==, before->hits);
  g_assert_cmpuint (after->partials, ==, before->partials);
  g_assert_cmpuint (after->wrong_codes, ==, before->wrong_codes);
  g_assert_cmpuint (after->misses, ==, before->misses);
  g_assert_cmpuint (after->extras, >=, before->extras);
}

static void
assert_reports_no_better (KtsPracticeReport *before, KtsPracticeReport *after, guint n_added)
{
  g_assert_cmpuint (before->scores->len, ==, after->scores->len);
  for (guint i = 0; i < before->scores->len; i++)
    assert_no_better (g_ptr_array_index (before->scores, i), g_ptr_array_index (after->scores, i));
  assert_no_better (before->overall, after->overall);
  g_assert_cmpuint (after->overall->extras, ==, before->overall->extras + n_added);
  g_assert_cmpuint (after->overall->n_student, ==, before->overall->n_student + n_added);
}

static void
test_mc_extras (void)
{
  static const Extra extras[] = {
    { "How did it go?", "MC.6_explore_response" },
    /* In the turn of the reference's MC span, next to it: a turn-level
     * measure would count this as agreement; span matching does not. */
    { "I think I sounded critical just now", "MC.1_tentative_subjective" },
    { "It did sting a bit.", "MC.4_start_where_you_are" },
    { "I did not really get to it.", "MC.9_self_disclosure" },
  };
  g_autoptr (KtsProject) base_project = new_project ();
  g_autoptr (KtsProject) more_project = new_project ();
  g_autoptr (KtsPracticeReport) before = compare_with_extras (base_project, NULL, 0, NULL);
  g_autoptr (KtsPracticeReport) after = NULL;
  KtsPracticeScore *mc_before = NULL, *mc_after = NULL;

  after = compare_with_extras (more_project, extras, G_N_ELEMENTS (extras), NULL);
  assert_reports_no_better (before, after, G_N_ELEMENTS (extras));

  /* And it does cost: precision falls in MC and overall. */
  for (guint i = 0; i < before->scores->len; i++)
    if (g_strcmp0 (((KtsPracticeScore *)g_ptr_array_index (before->scores, i))->layer, "MC") == 0)
      {
        mc_before = g_ptr_array_index (before->scores, i);
        mc_after = g_ptr_array_index (after->scores, i);
      }
  g_assert_nonnull (mc_before);
  g_assert_nonnull (mc_after);
  g_assert_true (isnan (mc_before->precision));
  g_assert_cmpfloat (mc_after->precision, ==, 0.0);
  g_assert_cmpfloat (after->overall->precision, <, before->overall->precision);
  g_assert_cmpfloat (after->overall->f1, <, before->overall->f1);
}

/* Random MC codings anywhere that no reference MC span overlaps. */
static void
test_mc_extras_random (void)
{
  g_autoptr (KtsProject) base_project = new_project ();
  g_autoptr (KtsPracticeReport) before = compare_with_extras (base_project, NULL, 0, NULL);
  const char *mc_at = strstr (mini_transcript, "I am sorry for that.");
  guint       mc_start = (guint)(mc_at - mini_transcript);
  guint       mc_end = mc_start + (guint)strlen ("I am sorry for that.");
  guint       length = (guint)strlen (mini_transcript);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr (KtsProject) project = new_project ();
      g_autoptr (GArray) random = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (KtsPracticeReport) after = NULL;
      guint n = (guint)g_test_rand_int_range (1, 8);
      guint added = 0;

      while (added < n)
        {
          guint start = (guint)g_test_rand_int_range (0, (gint32)length - 2);
          guint end = start + (guint)g_test_rand_int_range (1, 30);
          guint mc = (guint)g_test_rand_int_range (1, 11);

          end = MIN (end, length - 1);
          if (end <= start || (start < mc_end && end > mc_start))
            continue;
          g_array_append_val (random, start);
          g_array_append_val (random, end);
          g_array_append_val (random, mc);
          added++;
        }
      after = compare_with_extras (project, NULL, 0, random);
      assert_reports_no_better (before, after, added);
    }
}

/* ---- File format ------------------------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *submitted = import_mini (project, "RUP,SD,REL,MC");
  KtsPracticeSet *open;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  KtsPracticeSet *set;
  const char     *xml;

  student_codes (project, submitted);
  g_assert_true (kts_project_submit_practice_set (project, submitted, &error));
  open = kts_practice_set_create_from_coding (project, kts_practice_set_get_document (submitted),
                                              kts_practice_set_get_reference_coder (submitted),
                                              NULL, "Second <try> & \"more\"", "Bo", &error);
  g_assert_no_error (error);
  kts_project_set_string (project, open, "instructions", "Line one.\nLine two.");
  kts_project_set_double (project, submitted, "pass-threshold", 0.65);
  g_assert_true (kts_project_can_undo (project));

  bytes = kts_project_serialize (project);
  xml = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (xml, "<practice-sets>"));
  g_assert_nonnull (strstr (xml, "layers=\"RUP SD REL MC\" state=\"submitted\" submitted=\""));
  g_assert_true (kts_project_validate_bytes (bytes, "round.kintsugi", &problems));
  g_assert_cmpuint (problems->len, ==, 0);

  loaded = kts_project_deserialize (bytes, "round.kintsugi", &error);
  g_assert_no_error (error);
  again = kts_project_serialize (loaded);
  g_assert_true (g_bytes_equal (bytes, again));

  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_practice_sets (loaded)), ==, 2);
  set = kts_project_find_practice_set (loaded, "Practice: Mini");
  g_assert_nonnull (set);
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_SUBMITTED);
  g_assert_cmpint (kts_practice_set_get_submitted (set), ==,
                   kts_practice_set_get_submitted (submitted));
  g_assert_cmpstrv (kts_practice_set_get_layers (set),
                    ((const char *const[]){ "RUP", "SD", "REL", "MC", NULL }));
  g_assert_cmpstr (kts_coder_get_name (kts_practice_set_get_student_coder (set)), ==, "Ann");
  g_assert_cmpfloat (kts_practice_set_get_pass_threshold (set), ==, 0.65);
  g_assert_nonnull (strstr (xml, " pass-threshold=\"0.65\""));
  g_assert_true (kts_project_coding_is_locked (
      loaded, find_coding (kts_practice_set_get_document (set),
                           kts_practice_set_get_student_coder (set), "SD.control")));

  set = kts_project_find_practice_set (loaded, "Second <try> & \"more\"");
  g_assert_nonnull (set);
  g_assert_cmpuint (kts_practice_set_get_state (set), ==, KTS_PRACTICE_STATE_OPEN);
  g_assert_cmpstrv (kts_practice_set_get_layers (set),
                    ((const char *const[]){ "RUP", "REL", "MC", NULL }));
  g_assert_cmpstr (kts_practice_set_get_instructions (set), ==, "Line one.\nLine two.");
  g_assert_cmpfloat (kts_practice_set_get_pass_threshold (set), <, 0); /* none */
  g_assert_true (
      kts_project_coding_is_hidden (loaded, find_coding (kts_practice_set_get_document (set),
                                                         kts_practice_set_get_reference_coder (set),
                                                         "MC.3_accept_responsibility")));
  /* A loaded project has no history: the submission stays submitted. */
  g_assert_false (kts_project_can_undo (loaded));

  /* Without practice sets, nothing new is written. */
  {
    g_autoptr (KtsProject) plain = new_project ();
    g_autoptr (GBytes) plain_bytes = kts_project_serialize (plain);

    g_assert_null (strstr (g_bytes_get_data (plain_bytes, NULL), "practice"));
  }
}

/* Replaces the first @old in @bytes with @new. */
static GBytes *
replace_once (GBytes *bytes, const char *old, const char *new)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  char            *at = strstr (text, old);
  GString         *out;

  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, new);
  g_string_append (out, at + strlen (old));
  return g_string_free_to_bytes (out);
}

static char *
attribute_of (GBytes *bytes, const char *element, const char *name)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *pattern = g_strdup_printf ("<%s [^>]*%s=\"([^\"]*)\"", element, name);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  g_assert_true (g_regex_match (regex, text, 0, &match));
  return g_match_info_fetch (match, 1);
}

static void
assert_refused (GBytes *bytes, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = kts_project_deserialize (bytes, "bad.kintsugi", &error);
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_null (project);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "bad.kintsugi, line "));
  g_assert_nonnull (strstr (error->message, message));
  g_assert_false (kts_project_validate_bytes (bytes, "bad.kintsugi", &problems));
  g_assert_cmpuint (problems->len, >, 0);
}

static void
test_malformed (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *set = import_mini (project, "RUP,MC");
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *student = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *dangling = kts_guid_new ();

  bytes = kts_project_serialize (project);
  student = attribute_of (bytes, "practice-set", "student");
  reference = attribute_of (bytes, "practice-set", "reference");
  g_assert_cmpstr (student, ==,
                   kts_item_get_guid (KTS_ITEM (kts_practice_set_get_student_coder (set))));

  {
    g_autofree char *old = g_strdup_printf ("student=\"%s\"", student);
    g_autofree char *new = g_strdup_printf ("student=\"%s\"", dangling);
    g_autoptr (GBytes) bad = replace_once (bytes, old, new);

    assert_refused (bad, "there is no coder with the identifier");
  }
  {
    g_autofree char *old = g_strdup_printf ("student=\"%s\"", student);
    g_autofree char *new = g_strdup_printf ("student=\"%s\"", reference);
    g_autoptr (GBytes) bad = replace_once (bytes, old, new);

    assert_refused (bad, "must be different coders");
  }
  {
    g_autoptr (GBytes) bad
        = replace_once (bytes, "state=\"open\"", "state=\"open\" pass-threshold=\"1.5\"");

    assert_refused (bad, "“1.5” is not a valid pass threshold");
  }
  {
    g_autoptr (GBytes) bad = replace_once (bytes, "state=\"open\"", "state=\"finished\"");

    assert_refused (bad, "is not a valid value of “state”");
  }
  {
    g_autoptr (GBytes) bad = replace_once (bytes, "state=\"open\"", "state=\"submitted\"");

    assert_refused (bad, "needs the time it was submitted");
  }
  {
    g_autoptr (GBytes) bad = replace_once (bytes, "state=\"open\"",
                                           "state=\"open\" submitted=\"2026-01-01T10:00:00Z\"");

    assert_refused (bad, "cannot have a “submitted” time");
  }
  {
    g_autoptr (GBytes) bad = replace_once (bytes, "layers=\"RUP MC\"", "layers=\"RUP M;C\"");

    assert_refused (bad, "is not a valid list of layers");
  }
  {
    g_autoptr (GBytes) bad
        = replace_once (bytes, "<practice-set ", "<practice-set colour=\"red\" ");

    assert_refused (bad, "unknown attribute “colour”");
  }
  {
    g_autoptr (GBytes) bad
        = replace_once (bytes, "</practice-sets>", "<practice-set/></practice-sets>");

    assert_refused (bad, "has no “guid” attribute");
  }
}

/* ---- Import of practice-set files -------------------------------------------------------- */

static void
assert_import_fails (const char *transcript, const char *tsv, const char *message)
{
  g_autoptr (KtsProject) project = new_project ();
  g_autoptr (GBytes) t = g_bytes_new (transcript, strlen (transcript));
  g_autoptr (GBytes) r = g_bytes_new (tsv, strlen (tsv));
  g_autoptr (GError) error = NULL;
  guint64 serial = kts_project_get_change_serial (project);

  g_assert_null (kts_practice_set_import (project, t, "t.txt", r, "r.tsv", NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
  g_assert_cmpuint (kts_project_get_change_serial (project), ==, serial);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_documents (project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_coders (project)), ==, 0);
}

static void
test_import_errors (void)
{
  static const char ok_tsv[] = "turn\tspan\tcode\n1\tHello\tREL.affiliation\n";

  assert_import_fails ("T: Hello\n\nC: Hi\n", ok_tsv, "t.txt, line 2: the line is empty");
  assert_import_fails ("T: Hello\nAnna: Hi\n", ok_tsv, "t.txt, line 2: a turn must start with");
  assert_import_fails ("T: Hello\n", "turn\tspan\n1\tHello\n", "r.tsv, line 1: the header");
  assert_import_fails ("T: Hello\n", "turn\tspan\tcode\n3\tHello\tREL.affiliation\n",
                       "r.tsv, line 2: there is no turn “3”");
  assert_import_fails ("T: Hello hello Hello\n", "turn\tspan\tcode\n1\tHello\tREL.affiliation\n",
                       "occurs more than once in turn 1");
  assert_import_fails ("T: Hello\n", "turn\tspan\tcode\n1\tT: Hello\tREL.affiliation\n",
                       "does not occur in turn 1");
  assert_import_fails ("T: Hello\n", "turn\tspan\tcode\n1\tHello\tREL.nonsense\n",
                       "“REL.nonsense” is not a code of the codebook");
  assert_import_fails ("T: Hello\n", "turn\tspan\tcode\n1\tHello\tREL\n",
                       "only groups other codes");
  assert_import_fails ("T: Hello\n", "turn\tspan\tcode\n", "has no rows");
  /* Every problem is listed, not only the first. */
  assert_import_fails ("T: Hello\n",
                       "turn\tspan\tcode\n1\tHello\tREL.nonsense\n1\tBye\tREL.affiliation\n",
                       "r.tsv, line 3: the span “Bye” does not occur");

  /* Offsets: the span after the prefix, in code points; an actor column. */
  {
    g_autoptr (KtsProject) project = new_project ();
    static const char text[] = "T: Grüß dich.\nC: Schön, hallo.\n";
    static const char tsv[] = "turn\tspan\tcode\tactor\n2\thallo\tREL.affiliation\tclient\n";
    g_autoptr (GBytes) t = g_bytes_new_static (text, strlen (text));
    g_autoptr (GBytes) r = g_bytes_new_static (tsv, strlen (tsv));
    g_autoptr (GError) error = NULL;
    KtsPracticeSet *set
        = kts_practice_set_import (project, t, "gruss.txt", r, "g.tsv", NULL, &error);
    KtsDocument     *document;
    KtsCoding       *coding;
    g_autofree char *quote = NULL;

    g_assert_no_error (error);
    document = kts_practice_set_get_document (set);
    g_assert_cmpstr (kts_document_get_title (document), ==, "gruss");
    g_assert_cmpuint (kts_document_get_n_turns (document), ==, 2);
    g_assert_cmpint (kts_document_get_turn_role (document, 1), ==, KTS_ROLE_CLIENT);
    coding = find_coding (document, kts_practice_set_get_reference_coder (set), "REL.affiliation");
    quote = kts_coding_dup_text (coding);
    g_assert_cmpstr (quote, ==, "hallo");
    g_assert_cmpuint (kts_coding_get_start (coding), ==, 24);
    g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_CLIENT);
  }
}

/* ---- The CLI workflow ----------------------------------------------------------------------- */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run, const char *dir, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("KTS_CLI");
  int         wait_status = 0;
  const char *arg;
  va_list     args;

  if (cli == NULL)
    g_error ("KTS_CLI is not set; run this test through meson");
  g_ptr_array_add (argv, (char *)cli);
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  memset (run, 0, sizeof *run);
  if (!g_spawn_sync (dir, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                     &run->err, &wait_status, &error))
    g_error ("cannot run %s: %s", cli, error->message);
  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    g_error ("kintsugi-cli did not exit normally: %s", error->message);
  g_test_message ("kintsugi-cli … → %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize size = 0;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static void
write_text (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* A failing command leaves the project file as it was. */
static void
assert_fails_untouched (const char *dir, const char *project, const char *message, ...)
{
  g_autoptr (GBytes) before = read_bytes (project);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (Run) run = { 0 };
  const char *arg;
  va_list     args;

  va_start (args, message);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_assert_cmpuint (argv->len, <=, 8);
  while (argv->len < 8)
    g_ptr_array_add (argv, NULL);

  run_cli (&run, dir, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3],
           argv->pdata[4], argv->pdata[5], argv->pdata[6], argv->pdata[7], NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, message));
  after = read_bytes (project);
  g_assert_true (g_bytes_equal (before, after));
}

static char *
student_csv (void)
{
  struct
  {
    const char *text;
    const char *key;
  } rows[] = {
    { "[long pause] Fine.", "RUP.W.minimal_response" },
    { "Half a diary is not much to work with, is it.", "RUP.T.pushing_expertise" },
    { "I felt like a pupil again.", "REL.dependence" },
  };
  GString *csv = g_string_new ("document,start,end,code,coder\n");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint start = (guint)(strstr (mini_transcript, rows[i].text) - mini_transcript);

      g_string_append_printf (csv, "Mini,%u,%u,%s,Ann\n", start,
                              start + (guint)strlen (rows[i].text), rows[i].key);
    }
  return g_string_free (csv, FALSE);
}

static void
test_cli_workflow (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kintsugi-practice-XXXXXX", &error);
  g_autofree char *project = NULL;
  g_autofree char *csv = student_csv ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (Run) run = { 0 };
  JsonObject *root;
  JsonArray  *items;

  g_assert_no_error (error);
  project = g_build_filename (dir, "class.kintsugi", NULL);
  write_text (dir, "mini.txt", mini_transcript);
  write_text (dir, "mini.tsv", mini_reference);
  write_text (dir, "ann.csv", csv);
  write_text (dir, "late.csv", "document,start,end,code,coder\nMini,0,2,MC.8_we_ness,Ann\n");

  run_cli (&run, dir, "new", "class.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, dir, "practice", "import", "class.kintsugi", "mini.txt", "mini.tsv", "--document",
           "Mini", "--layers", "RUP,REL,MC", "--student", "Ann", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported the practice set “Practice: Mini”: 6 turns, 5"));
  run_clear (&run);

  /* A second set, made from the coded transcript in the project. */
  run_cli (&run, dir, "practice", "create", "class.kintsugi", "--document", "Mini", "--reference",
           "Reference", "--layers", "RUP", "--student", "Bo", "--title", "RUP only", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, dir, "practice", "list", "class.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Practice: Mini\topen\tMini\tReference\tAnn\tRUP, REL, MC\n"));
  g_assert_nonnull (strstr (run.out, "RUP only\topen\tMini\tReference\tBo\tRUP\n"));
  run_clear (&run);

  /* While open, the reference is not exported, nor counted. */
  run_cli (&run, dir, "export-codings", "class.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "Reference"));
  run_clear (&run);
  run_cli (&run, dir, "info", "class.kintsugi", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "codings"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "practice_sets")),
                    ==, 2);
  run_clear (&run);

  assert_fails_untouched (dir, project, "has not been submitted yet", "practice", "report",
                          "class.kintsugi", "--set", "Practice: Mini", NULL);
  assert_fails_untouched (dir, project, "Nothing to submit", "practice", "submit", "class.kintsugi",
                          "--set", "Practice: Mini", NULL);
  assert_fails_untouched (dir, project, "there is no coder “Nobody”", "practice", "create",
                          "class.kintsugi", "--document", "Mini", "--reference", "Nobody", NULL);
  assert_fails_untouched (dir, project, "there is no practice set “Nope”", "practice", "submit",
                          "class.kintsugi", "--set", "Nope", NULL);
  assert_fails_untouched (dir, project, "several practice sets", "practice", "submit",
                          "class.kintsugi", NULL);

  run_cli (&run, dir, "import-codings", "class.kintsugi", "ann.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, dir, "practice", "submit", "class.kintsugi", "--set", "Practice: Mini", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "are locked now"));
  run_clear (&run);

  assert_fails_untouched (dir, project, LOCKED_MESSAGE, "import-codings", "class.kintsugi",
                          "late.csv", NULL);
  assert_fails_untouched (dir, project, "was submitted already", "practice", "submit",
                          "class.kintsugi", "--set", "Practice: Mini", NULL);
  /* Bo's set is still open and hides the same reference. */
  assert_fails_untouched (dir, project, "still open", "practice", "report", "class.kintsugi",
                          "--set", "Practice: Mini", NULL);

  run_cli (&run, dir, "practice", "submit", "class.kintsugi", "--set", "RUP only", NULL);
  g_assert_cmpint (run.status, ==, 1); /* Bo coded nothing */
  run_clear (&run);
  {
    guint            at = (guint)(strstr (mini_transcript, "[long pause] Fine.") - mini_transcript);
    g_autofree char *bo = g_strdup_printf (
        "document,start,end,code,coder\nMini,%u,%u,RUP.W.silence,Bo\n", at, at + 18);

    write_text (dir, "bo.csv", bo);
  }
  run_cli (&run, dir, "import-codings", "class.kintsugi", "bo.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, dir, "practice", "submit", "class.kintsugi", "--set", "RUP only", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, dir, "practice", "report", "class.kintsugi", "--set", "Practice: Mini", "--json",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (root, "set"), "state"), ==,
      "submitted");
  items = json_object_get_array_member (root, "items");
  /* hit, partial, miss (submission), miss (appeasing), miss (MC.3), extra */
  g_assert_cmpuint (json_array_get_length (items), ==, 6);
  {
    guint hits = 0, partials = 0, misses = 0, extras = 0;

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        const char *outcome
            = json_object_get_string_member (json_array_get_object_element (items, i), "outcome");

        hits += g_str_equal (outcome, "hit");
        partials += g_str_equal (outcome, "partial");
        misses += g_str_equal (outcome, "miss");
        extras += g_str_equal (outcome, "extra");
      }
    g_assert_cmpuint (hits, ==, 1);
    g_assert_cmpuint (partials, ==, 1);
    g_assert_cmpuint (misses, ==, 3);
    g_assert_cmpuint (extras, ==, 1);
  }
  {
    JsonArray *layers
        = json_object_get_array_member (json_object_get_object_member (root, "scores"), "layers");

    g_assert_cmpuint (json_array_get_length (layers), ==, 3);
    g_assert_cmpstr (
        json_object_get_string_member (json_array_get_object_element (layers, 0), "layer"), ==,
        "RUP");
  }
  run_clear (&run);

  /* The trend of Ann's submitted sets (the name in any case). */
  run_cli (&run, dir, "practice", "trend", "class.kintsugi", "--student", "ANN", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sets")), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (
          json_array_get_object_element (json_object_get_array_member (root, "sets"), 0), "title"),
      ==, "Practice: Mini");
  run_clear (&run);
  run_cli (&run, dir, "practice", "trend", "class.kintsugi", "--student", "Bo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Practice trend of Bo: 1 submitted set\n"));
  g_assert_nonnull (strstr (run.out, "RUP only"));
  run_clear (&run);
  run_cli (&run, dir, "practice", "trend", "class.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--student is required"));
  run_clear (&run);

  /* The set made with "practice create": Bo's silence for the reference's
   * minimal response is a partial hit. */
  run_cli (&run, dir, "practice", "report", "class.kintsugi", "--set", "RUP only", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  items = json_object_get_array_member (root, "items");
  {
    JsonObject *first = json_array_get_object_element (items, 0);
    JsonObject *overall
        = json_object_get_object_member (json_object_get_object_member (root, "scores"), "overall");

    g_assert_cmpstr (json_object_get_string_member (first, "outcome"), ==, "partial");
    g_assert_cmpstr (
        json_object_get_string_member (json_object_get_object_member (first, "student"), "code"),
        ==, "RUP.W.silence");
    g_assert_cmpint (json_object_get_int_member (overall, "reference"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (overall, "student"), ==, 1);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (overall, "lenient"), 0.5 / 3,
                                    1e-4);
  }
  run_clear (&run);

  run_cli (&run, dir, "practice", "report", "class.kintsugi", "--set", "Practice: Mini", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Score card"));
  g_assert_nonnull (strstr (run.out, "Contrast card:"));
  run_clear (&run);

  run_cli (&run, dir, "validate", "class.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, dir, "practice", "frobnicate", "class.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  remove_tree (dir);
}

/* ---- The shipped practice set --------------------------------------------------------------- */

static char *
practice_path (const char *name)
{
  const char *source = g_getenv ("KTS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "data", "practice", name, NULL);
}

static void
test_shipped (void)
{
  g_autofree char *transcript_path = practice_path ("practice-transcript.txt");
  g_autofree char *reference_path = practice_path ("practice-reference.tsv");
  g_autoptr (GBytes) transcript = read_bytes (transcript_path);
  g_autoptr (GBytes) reference = read_bytes (reference_path);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kintsugi-shipped-XXXXXX", &error);
  g_autofree char *project_path = NULL;
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GFile) file = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) rows = NULL;
  g_autoptr (GHashTable) layers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (Run) run = { 0 };
  g_autofree char *text_copy = NULL;
  g_autofree char *tsv_copy = NULL;
  KtsPracticeSet  *set;
  KtsDocument     *document;
  KtsCoder        *ref;
  guint            n_turns, n_rows = 0, n_jsr = 0;
  const char      *text = g_bytes_get_data (transcript, NULL);
  const char      *tsv = g_bytes_get_data (reference, NULL);

  g_assert_no_error (error);

  /* The C.5 conventions: plain ASCII, no double quotes, one turn per line. */
  for (gsize i = 0; i < g_bytes_get_size (transcript); i++)
    {
      g_assert_cmpuint ((guchar)text[i], <, 0x80);
      g_assert_cmpint (text[i], !=, '"');
      g_assert_cmpint (text[i], !=, '\r');
    }
  for (gsize i = 0; i < g_bytes_get_size (reference); i++)
    {
      g_assert_cmpuint ((guchar)tsv[i], <, 0x80);
      g_assert_cmpint (tsv[i], !=, '"');
    }
  text_copy = g_strndup (text, g_bytes_get_size (transcript));
  lines = g_strsplit (text_copy, "\n", -1);
  n_turns = g_strv_length (lines) - 1; /* the file ends with a line break */
  g_assert_cmpstr (lines[n_turns], ==, "");
  g_assert_cmpuint (n_turns, >=, 60);
  g_assert_cmpuint (n_turns, <=, 90);
  for (guint i = 0; i < n_turns; i++)
    g_assert_true (g_str_has_prefix (lines[i], "T: ") || g_str_has_prefix (lines[i], "C: "));

  /* Through the CLI, as an instructor would. */
  project_path = g_build_filename (dir, "class.kintsugi", NULL);
  run_cli (&run, dir, "new", "class.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, dir, "practice", "import", "class.kintsugi", transcript_path, reference_path,
           "--document", "Practice session", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  file = g_file_new_for_path (project_path);
  project = kts_project_load (file, NULL, &error);
  g_assert_no_error (error);
  set = kts_project_find_practice_set (project, "Practice: Practice session");
  g_assert_nonnull (set);
  document = kts_practice_set_get_document (set);
  ref = kts_practice_set_get_reference_coder (set);
  g_assert_cmpuint (kts_document_get_n_turns (document), ==, n_turns);

  /* Every row: a codable key of the default codebook, a span found once. */
  tsv_copy = g_strndup (tsv, g_bytes_get_size (reference));
  rows = g_strsplit (tsv_copy, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "turn\tspan\tcode");
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;
      KtsCode    *code;
      guint64     turn;
      const char *body;
      const char *found;
      gboolean    resolved = FALSE;
      GListModel *codings = kts_document_get_codings (document);

      if (rows[i][0] == '\0')
        continue;
      n_rows++;
      fields = g_strsplit (rows[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_true (g_ascii_string_to_unsigned (fields[0], 10, 1, n_turns, &turn, NULL));
      code = kts_codebook_lookup_key (kts_project_get_codebook (project), fields[2]);
      if (code == NULL)
        g_error ("line %u: %s is not in the default codebook", i + 1, fields[2]);
      g_assert_true (kts_code_get_codable (code));
      g_assert_false (g_str_has_prefix (fields[2], "RES.6S")
                      || g_str_has_prefix (fields[2], "RES.8S"));
      /* KS at subtheme level only (1a, 2b, …, veiled relatedness, the third). */
      if (g_str_has_prefix (fields[2], "KS."))
        g_assert_null (strchr (fields[2] + 3, '.'));
      n_jsr += g_str_has_prefix (fields[2], "JSR.");
      g_hash_table_add (layers, kts_code_dup_layer (code));

      body = lines[turn - 1] + 3;
      found = strstr (body, fields[1]);
      if (found == NULL || strstr (found + 1, fields[1]) != NULL)
        g_error ("line %u: the span “%s” is not exactly once in turn %s", i + 1, fields[1],
                 fields[0]);
      for (guint k = 0; k < g_list_model_get_n_items (codings) && !resolved; k++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, k);
          g_autofree char *quote = kts_coding_dup_text (coding);

          resolved = kts_coding_get_coder (coding) == ref && kts_coding_get_code (coding) == code
                     && g_str_equal (quote, fields[1])
                     && kts_document_find_turn (document, kts_coding_get_start (coding))
                            == (int)turn - 1;
        }
      g_assert_true (resolved);
    }
  g_assert_cmpuint (count_codings (document, ref), ==, n_rows);
  g_assert_cmpuint (n_rows, >=, 60);
  g_assert_cmpuint (n_jsr, >=, 2);
  for (const char *const *layer
       = (const char *const[]){ "RUP", "EP", "SD", "REL", "MC", "RES", "STR", "KS", "JSR", NULL };
       *layer != NULL; layer++)
    if (!g_hash_table_contains (layers, *layer))
      g_error ("the reference has no code of the layer %s", *layer);

  remove_tree (dir);
}

/* ---- The pass threshold ---------------------------------------------------------------- */

static void
test_pass_threshold (void)
{
  g_autoptr (KtsProject) project = new_project ();
  KtsPracticeSet *set = import_mini (project, "RUP,SD,REL,MC");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsPracticeReport) report = NULL;
  g_autoptr (JsonNode) json = NULL;
  JsonObject *root;

  g_assert_cmpfloat (kts_practice_set_get_pass_threshold (set), ==, -1.0);
  g_assert_false (kts_practice_set_passes (set, 1.0));

  /* Set and undone like any property. */
  kts_project_set_double (project, set, "pass-threshold", 0.5);
  g_assert_cmpfloat (kts_practice_set_get_pass_threshold (set), ==, 0.5);
  kts_project_undo (project);
  g_assert_cmpfloat (kts_practice_set_get_pass_threshold (set), ==, -1.0);
  kts_project_redo (project);
  g_assert_cmpfloat (kts_practice_set_get_pass_threshold (set), ==, 0.5);
  g_assert_true (kts_practice_set_passes (set, 0.5));
  g_assert_false (kts_practice_set_passes (set, 0.49));
  g_assert_false (kts_practice_set_passes (set, NAN));

  /* Still writable once submitted; the report says passed or not yet. */
  student_codes (project, set);
  g_assert_true (kts_project_submit_practice_set (project, set, &error));
  g_assert_no_error (error);
  {
    GValue v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_DOUBLE);
    g_value_set_double (&v, 0.2);
    g_assert_true (kts_project_try_set_property (project, set, "pass-threshold", &v, &error));
    g_assert_no_error (error);
  }
  report = kts_practice_compare (project, set, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (report->overall->f1, 0.2, 1e-9);
  json = kts_practice_report_to_json (report);
  root = json_node_get_object (json);
  g_assert_true (json_object_get_boolean_member (root, "passed"));
  g_assert_cmpfloat (
      json_object_get_double_member (json_object_get_object_member (root, "set"), "pass_threshold"),
      ==, 0.2);
  {
    g_autofree char *text = kts_practice_report_to_text (report);

    g_assert_nonnull (strstr (text, "Passed: F1 reaches this set’s pass mark of 0.20."));
  }
  kts_project_set_double (project, set, "pass-threshold", 0.7);
  g_clear_pointer (&json, json_node_unref);
  json = kts_practice_report_to_json (report);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json), "passed"));
  /* None: null. */
  kts_project_set_double (project, set, "pass-threshold", -1.0);
  g_clear_pointer (&json, json_node_unref);
  json = kts_practice_report_to_json (report);
  g_assert_true (json_object_get_null_member (json_node_get_object (json), "passed"));
}

/* ---- The trend across sets ------------------------------------------------------------- */

static KtsPracticeSet *
import_mini_for (KtsProject *project, const char *student, const char *document_title)
{
  g_autoptr (GBytes) transcript = g_bytes_new_static (mini_transcript, strlen (mini_transcript));
  g_autoptr (GBytes) reference = g_bytes_new_static (mini_reference, strlen (mini_reference));
  g_autoptr (GError) error = NULL;
  KtsPracticeImportOptions options = { 0 };
  KtsPracticeSet          *set;

  options.document_title = document_title;
  options.title = document_title;
  options.student_name = student;
  set = kts_practice_set_import (project, transcript, "mini.txt", reference, "mini.tsv", &options,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static void
code_one_hit (KtsProject *project, KtsPracticeSet *set)
{
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (code_text (project, kts_practice_set_get_document (set),
                               kts_practice_set_get_student_coder (set), "[long pause] Fine.",
                               "RUP.W.minimal_response", &error));
  g_assert_no_error (error);
}

static void
test_trend (void)
{
  g_autoptr (KtsProject) project = new_project ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) trend = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autofree char       *text = NULL;
  KtsPracticeSet        *first = import_mini_for (project, "Kim", "Week 1");
  KtsPracticeSet        *second = import_mini_for (project, "Kim", "Week 2");
  KtsPracticeSet        *open = import_mini_for (project, "Kim", "Week 3");
  KtsPracticeSet        *other = import_mini_for (project, "Ann", "Week 1 (Ann)");
  KtsPracticeTrendPoint *point;
  JsonArray             *sets;

  /* Week 2 is made and coded later but submitted first: one hit, nothing else
   * (precision 1, recall 1/5, F1 1/3). Week 1 has the codings of
   * student_codes(): one hit in four spans of the practised layers RUP, REL
   * and MC against five (precision 1/4, recall 1/5, F1 2/9). */
  student_codes (project, first);
  code_one_hit (project, second);
  code_one_hit (project, open);
  code_one_hit (project, other);
  g_assert_true (kts_project_submit_practice_set (project, second, &error));
  g_assert_true (kts_project_submit_practice_set (project, first, &error));
  g_assert_true (kts_project_submit_practice_set (project, other, &error));
  g_assert_no_error (error);
  _kts_practice_set_mark_submitted (second, 1700000000);
  _kts_practice_set_mark_submitted (first, 1700086400);
  _kts_practice_set_mark_submitted (other, 1690000000);

  trend = kts_practice_trend (project, "kIM", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trend);
  g_assert_cmpuint (trend->len, ==, 2);

  point = g_ptr_array_index (trend, 0);
  g_assert_true (point->set == second);
  g_assert_cmpint (point->submitted, ==, 1700000000);
  g_assert_cmpuint (point->overall->hits, ==, 1);
  g_assert_cmpuint (point->overall->n_student, ==, 1);
  g_assert_cmpfloat_with_epsilon (point->overall->precision, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->overall->recall, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->overall->f1, 1.0 / 3.0, 1e-9);
  g_assert_cmpuint (point->scores->len, ==, 3); /* the layers the reference coded: MC, REL, RUP */

  point = g_ptr_array_index (trend, 1);
  g_assert_true (point->set == first);
  g_assert_cmpuint (point->overall->n_student, ==, 4); /* SD is not practised here */
  g_assert_cmpuint (point->overall->partials, ==, 1);
  g_assert_cmpfloat_with_epsilon (point->overall->f1, 2.0 / 9.0, 1e-9);
  {
    /* The same figures as the set's own report. */
    g_autoptr (KtsPracticeReport) report
        = kts_practice_compare (project, first, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (point->overall->lenient, ==, report->overall->lenient);
    g_assert_cmpuint (point->scores->len, ==, report->scores->len);
    for (guint i = 0; i < report->scores->len; i++)
      {
        KtsPracticeScore *a = g_ptr_array_index (point->scores, i);
        KtsPracticeScore *b = g_ptr_array_index (report->scores, i);

        g_assert_cmpstr (a->layer, ==, b->layer);
        g_assert_cmpuint (a->hits, ==, b->hits);
      }
  }

  /* Another student, and nobody. */
  none = kts_practice_trend (project, "Nobody", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = kts_practice_trend (project, "ann", NULL, NULL, &error);
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_true (((KtsPracticeTrendPoint *)g_ptr_array_index (none, 0))->set == other);

  /* JSON and text. */
  json = kts_practice_trend_to_json ("Kim", trend);
  sets = json_object_get_array_member (json_node_get_object (json), "sets");
  g_assert_cmpuint (json_array_get_length (sets), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sets, 0), "title"),
                   ==, "Week 2");
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (sets, 0), "submitted"), ==,
      "2023-11-14T22:13:20Z");
  g_assert_cmpfloat_with_epsilon (
      json_object_get_double_member (
          json_object_get_object_member (
              json_object_get_object_member (json_array_get_object_element (sets, 1), "overall"),
              "strict"),
          "f1"),
      0.2222, 1e-9);
  text = kts_practice_trend_to_text ("Kim", trend);
  g_assert_nonnull (strstr (text, "Week 1"));
  g_assert_true (strstr (text, "Week 2") < strstr (text, "Week 1"));
  (void)open;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/practice/layers", test_layers);
  g_test_add_func ("/practice/hidden", test_hidden);
  g_test_add_func ("/practice/hidden-by-other-set", test_hidden_by_other_set);
  g_test_add_func ("/practice/locked", test_locked);
  g_test_add_func ("/practice/undo", test_undo);
  g_test_add_func ("/practice/compare", test_compare);
  g_test_add_func ("/practice/mc-extras", test_mc_extras);
  g_test_add_func ("/practice/mc-extras-random", test_mc_extras_random);
  g_test_add_func ("/practice/round-trip", test_round_trip);
  g_test_add_func ("/practice/malformed", test_malformed);
  g_test_add_func ("/practice/import-errors", test_import_errors);
  g_test_add_func ("/practice/cli-workflow", test_cli_workflow);
  g_test_add_func ("/practice/shipped", test_shipped);
  g_test_add_func ("/practice/trend", test_trend);
  g_test_add_func ("/practice/pass-threshold", test_pass_threshold);

  return g_test_run ();
}
