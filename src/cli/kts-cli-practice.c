/* kts-cli-practice.c: the kintsugi-cli command practice (create, import, list,
 * submit, report) for practice sets with a hidden reference coding.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kts-cli.h"
#include "kts-practice-compare.h"

/* Practice files larger than this are refused before reading. */
#define MAX_PRACTICE_FILE_SIZE ((gsize)64 * 1024 * 1024)

/* The set named @title, or the only set when @title is NULL; NULL with a message. */
static KtsPracticeSet *
find_set (KtsProject *project, const char *path, const char *title)
{
  GListModel     *sets = kts_project_get_practice_sets (project);
  KtsPracticeSet *set;

  if (title != NULL)
    {
      set = kts_project_find_practice_set (project, title);
      if (set == NULL)
        kts_cli_file_message (path, _ ("there is no practice set “%s”"), title);
      return set;
    }
  if (g_list_model_get_n_items (sets) == 1)
    {
      g_autoptr (KtsPracticeSet) only = g_list_model_get_item (sets, 0);
      return only; /* the project holds a reference */
    }
  if (g_list_model_get_n_items (sets) == 0)
    kts_cli_file_message (path, _ ("has no practice sets"));
  else
    kts_cli_file_message (path, _ ("has several practice sets; name one with --set"));
  return NULL;
}

static void
print_set (KtsPracticeSet *set)
{
  g_autofree char *layers = kts_practice_set_dup_layers_label (set);

  g_print (_ ("  Transcript: %s\n"), kts_document_get_title (kts_practice_set_get_document (set)));
  g_print (_ ("  Reference: %s (hidden until the set is submitted)\n"),
           kts_coder_get_name (kts_practice_set_get_reference_coder (set)));
  g_print (_ ("  Student: %s\n"), kts_coder_get_name (kts_practice_set_get_student_coder (set)));
  g_print (_ ("  Layers: %s\n"), layers);
}

/* ---- create ----------------------------------------------------------------------- */

static int
practice_create (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *document_title = NULL;
  g_autofree char   *reference_name = NULL;
  g_autofree char   *layers_text = NULL;
  g_autofree char   *student = NULL;
  g_autofree char   *title = NULL;
  const GOptionEntry entries[]
      = { { "document", 'd', 0, G_OPTION_ARG_STRING, &document_title,
            N_ ("The coded transcript to practise on (title or guid)"), N_ ("TITLE") },
          { "reference", 'r', 0, G_OPTION_ARG_STRING, &reference_name,
            N_ ("The coder whose codings are the reference"), N_ ("CODER") },
          { "layers", 'l', 0, G_OPTION_ARG_STRING, &layers_text,
            N_ ("The layers to practise (default: every layer the reference coded)"),
            N_ ("RUP,SD,REL") },
          { "student", 's', 0, G_OPTION_ARG_STRING, &student,
            N_ ("The student’s coder name (default: Student)"), N_ ("NAME") },
          { "title", 't', 0, G_OPTION_ARG_STRING, &title,
            N_ ("Title of the practice set (default: Practice: TRANSCRIPT)"), N_ ("TEXT") },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) layers = NULL;
  KtsDocument    *document;
  KtsCoder       *reference;
  KtsPracticeSet *set;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if (document_title == NULL || reference_name == NULL)
    return kts_cli_usage_error (command, _ ("--document and --reference are required"));
  if (layers_text != NULL)
    {
      layers = kts_practice_parse_layers (layers_text, &error);
      if (layers == NULL)
        return kts_cli_usage_error (command, "%s", error->message);
    }

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  document = kts_project_find_document (project, document_title);
  if (document == NULL)
    return kts_cli_file_message (argv[1], _ ("there is no transcript “%s”"), document_title);
  reference = kts_project_find_coder (project, reference_name);
  if (reference == NULL)
    return kts_cli_file_message (argv[1], _ ("there is no coder “%s”"), reference_name);

  set = kts_practice_set_create_from_coding (project, document, reference,
                                             (const char *const *)layers, title, student, &error);
  if (set == NULL)
    return kts_cli_file_error (argv[1], error);
  if (!kts_cli_save_project (project, argv[1]))
    return KTS_CLI_EXIT_FAILED;

  g_print (_ ("Created the practice set “%s”.\n"), kts_practice_set_get_title (set));
  print_set (set);
  return KTS_CLI_EXIT_OK;
}

/* ---- import ------------------------------------------------------------------------ */

static int
practice_import (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *layers_text = NULL;
  g_autofree char   *title = NULL;
  g_autofree char   *document_title = NULL;
  g_autofree char   *student = NULL;
  g_autofree char   *reference_name = NULL;
  const GOptionEntry entries[]
      = { { "layers", 'l', 0, G_OPTION_ARG_STRING, &layers_text,
            N_ ("The layers to practise (default: every layer of the reference)"),
            N_ ("RUP,SD,REL") },
          { "title", 't', 0, G_OPTION_ARG_STRING, &title,
            N_ ("Title of the practice set (default: Practice: TRANSCRIPT)"), N_ ("TEXT") },
          { "document", 'd', 0, G_OPTION_ARG_STRING, &document_title,
            N_ ("Title of the new transcript (default: its file name)"), N_ ("TITLE") },
          { "student", 's', 0, G_OPTION_ARG_STRING, &student,
            N_ ("The student’s coder name (default: Student)"), N_ ("NAME") },
          { "reference", 'r', 0, G_OPTION_ARG_STRING, &reference_name,
            N_ ("The reference coder’s name (default: Reference)"), N_ ("CODER") },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) transcript = NULL;
  g_autoptr (GBytes) reference = NULL;
  g_auto (GStrv) layers = NULL;
  g_autofree char         *transcript_name = NULL;
  g_autofree char         *reference_file = NULL;
  KtsPracticeImportOptions options = { 0 };
  KtsPracticeSet          *set;
  KtsDocument             *document;
  guint                    n_reference = 0;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 4)
    return kts_cli_usage_error (command,
                                _ ("expected a PROJECT file, a transcript and a reference TSV"));
  if (layers_text != NULL)
    {
      layers = kts_practice_parse_layers (layers_text, &error);
      if (layers == NULL)
        return kts_cli_usage_error (command, "%s", error->message);
    }

  for (int i = 2; i < 4; i++)
    if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
      return kts_cli_file_message (argv[i], _ ("no such file"));
  transcript = kts_file_read_all (argv[2], MAX_PRACTICE_FILE_SIZE, &error);
  if (transcript == NULL)
    return kts_cli_file_error (argv[2], error);
  reference = kts_file_read_all (argv[3], MAX_PRACTICE_FILE_SIZE, &error);
  if (reference == NULL)
    return kts_cli_file_error (argv[3], error);

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  transcript_name = g_filename_display_basename (argv[2]);
  reference_file = g_filename_display_basename (argv[3]);
  options.document_title = document_title;
  options.title = title;
  options.layers = (const char *const *)layers;
  options.reference_name = reference_name;
  options.student_name = student;
  set = kts_practice_set_import (project, transcript, transcript_name, reference, reference_file,
                                 &options, &error);
  if (set == NULL)
    {
      g_printerr ("kintsugi-cli: %s\n", error->message);
      return KTS_CLI_EXIT_FAILED;
    }
  if (!kts_cli_save_project (project, argv[1]))
    return KTS_CLI_EXIT_FAILED;

  document = kts_practice_set_get_document (set);
  {
    GListModel *codings = kts_document_get_codings (document);

    for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
      {
        g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
        n_reference += kts_coding_get_coder (coding) == kts_practice_set_get_reference_coder (set);
      }
  }
  g_print (_ ("Imported the practice set “%s”: %u turns, %u reference codings.\n"),
           kts_practice_set_get_title (set), kts_document_get_n_turns (document), n_reference);
  print_set (set);
  return KTS_CLI_EXIT_OK;
}

/* ---- list --------------------------------------------------------------------------- */

static int
practice_list (const KtsCliCommand *command, int argc, char **argv)
{
  g_autoptr (KtsProject) project = NULL;
  GListModel *sets;
  guint       n;

  if (!kts_cli_parse_options (command, NULL, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  sets = kts_project_get_practice_sets (project);
  n = g_list_model_get_n_items (sets);
  if (n == 0)
    g_print ("%s\n", _ ("No practice sets."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);
      g_autofree char *layers = kts_practice_set_dup_layers_label (set);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", kts_practice_set_get_title (set),
               kts_enum_to_nick (KTS_TYPE_PRACTICE_STATE, kts_practice_set_get_state (set)),
               kts_document_get_title (kts_practice_set_get_document (set)),
               kts_coder_get_name (kts_practice_set_get_reference_coder (set)),
               kts_coder_get_name (kts_practice_set_get_student_coder (set)), layers);
    }
  return KTS_CLI_EXIT_OK;
}

/* ---- submit -------------------------------------------------------------------------- */

static int
practice_submit (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *title = NULL;
  const GOptionEntry entries[]
      = { { "set", 0, 0, G_OPTION_ARG_STRING, &title,
            N_ ("The practice set (title or guid; may be left out when there is only one)"),
            N_ ("TITLE") },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  KtsPracticeSet *set;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  set = find_set (project, argv[1], title);
  if (set == NULL)
    return KTS_CLI_EXIT_FAILED;

  if (!kts_project_submit_practice_set (project, set, &error))
    return kts_cli_file_error (argv[1], error);
  if (!kts_cli_save_project (project, argv[1]))
    return KTS_CLI_EXIT_FAILED;

  g_print (_ ("Submitted “%s”: the codings of %s in “%s” are locked now.\n"),
           kts_practice_set_get_title (set),
           kts_coder_get_name (kts_practice_set_get_student_coder (set)),
           kts_document_get_title (kts_practice_set_get_document (set)));
  g_print (_ ("See the comparison with: kintsugi-cli practice report %s --set \"%s\"\n"), argv[1],
           kts_practice_set_get_title (set));
  return KTS_CLI_EXIT_OK;
}

/* ---- report --------------------------------------------------------------------------- */

static int
practice_report (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *title = NULL;
  gboolean           json = FALSE;
  double             overlap = 0.5;
  gboolean           any_turn = FALSE;
  const GOptionEntry entries[]
      = { { "set", 0, 0, G_OPTION_ARG_STRING, &title,
            N_ ("The practice set (title or guid; may be left out when there is only one)"),
            N_ ("TITLE") },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Write the report as JSON"), NULL },
          { "overlap", 0, 0, G_OPTION_ARG_DOUBLE, &overlap,
            N_ ("Share of the shorter span two spans must overlap to match (default 0.5)"),
            N_ ("SHARE") },
          { "any-turn", 0, 0, G_OPTION_ARG_NONE, &any_turn,
            N_ ("Let spans match across speaker turns"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsPracticeReport) report = NULL;
  KtsAgreementOptions options;
  KtsPracticeSet     *set;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if (!(overlap > 0 && overlap <= 1))
    return kts_cli_usage_error (command, _ ("--overlap must be more than 0 and at most 1"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  set = find_set (project, argv[1], title);
  if (set == NULL)
    return KTS_CLI_EXIT_FAILED;

  kts_agreement_options_init (&options);
  options.overlap_threshold = overlap;
  options.same_turn = !any_turn;
  report = kts_practice_compare (project, set, NULL, &options, &error);
  if (report == NULL)
    return kts_cli_file_error (argv[1], error);

  if (json)
    {
      g_autoptr (JsonNode) node = kts_practice_report_to_json (report);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = kts_practice_report_to_text (report);
      g_print ("%s", text);
    }
  return KTS_CLI_EXIT_OK;
}

/* ---- trend ---------------------------------------------------------------------------- */

static int
practice_trend (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *student = NULL;
  gboolean           json = FALSE;
  const GOptionEntry entries[]
      = { { "student", 0, 0, G_OPTION_ARG_STRING, &student,
            N_ ("The student’s coder name (any case)"), N_ ("NAME") },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Write the trend as JSON"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) trend = NULL;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if (student == NULL || *student == '\0')
    return kts_cli_usage_error (command, _ ("--student is required"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  trend = kts_practice_trend (project, student, NULL, NULL, &error);
  if (trend == NULL)
    return kts_cli_file_error (argv[1], error);

  if (json)
    {
      g_autoptr (JsonNode) node = kts_practice_trend_to_json (student, trend);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = kts_practice_trend_to_text (student, trend);
      g_print ("%s", text);
    }
  return KTS_CLI_EXIT_OK;
}

/* ---- practice ---------------------------------------------------------------------------- */

static const KtsCliCommand subcommands[] = {
  { "practice create", "PROJECT", N_ ("Make a practice set from a coded transcript."),
    N_ ("The reference coder’s codings of the transcript become the hidden reference;\n"
        "the student codes the same transcript under their own coder name (for example\n"
        "with import-codings). Everything but the transcript and the reference has a\n"
        "default.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli practice create class.kintsugi --document \"Session 12\" \\\n"
        "      --reference Teacher --layers RUP,SD,REL --student Ann"),
    practice_create },
  { "practice import", "PROJECT TRANSCRIPT.txt REFERENCE.tsv",
    N_ ("Make a practice set from practice-set files."),
    N_ ("TRANSCRIPT has one turn per line, “T: …” or “C: …”; REFERENCE.tsv has the\n"
        "header turn, span, code (tab-separated), each span occurring exactly once in\n"
        "its turn after the “T: ” prefix. See docs/practice.md.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli practice import class.kintsugi data/practice/practice-transcript.txt \\\n"
        "      data/practice/practice-reference.tsv --document \"Practice session\""),
    practice_import },
  { "practice list", "PROJECT", N_ ("List the practice sets of a project."),
    N_ ("One line per set: title, state, transcript, reference, student, layers,\n"
        "separated by tabs."),
    practice_list },
  { "practice submit", "PROJECT", N_ ("Submit a practice set."),
    N_ ("Locks the student’s codings of the transcript and reveals the reference.\n"
        "Submitting cannot be undone.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli practice submit class.kintsugi --set \"Practice: Session 12\""),
    practice_submit },
  { "practice report", "PROJECT", N_ ("Compare a submitted practice set with the reference."),
    N_ ("Lists every span as hit, partial, wrong code, miss or extra, with the code’s\n"
        "definition and the contrast cards that tell the codes apart, then the score\n"
        "card per practised layer (strict and lenient). See docs/practice.md.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli practice report class.kintsugi --set \"Practice: Session 12\" --json"),
    practice_report },
  { "practice trend", "PROJECT",
    N_ ("Show a student’s scores across their submitted practice sets."),
    N_ ("One line per submitted set of the student (matched by coder name, any case),\n"
        "oldest first: overall precision, recall, F1 and lenient score. With --json,\n"
        "also the score of every practised layer. Open sets are left out.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli practice trend class.kintsugi --student Kim --json"),
    practice_trend },
};

int
kts_cli_practice (const KtsCliCommand *command, int argc, char **argv)
{
  if (argc >= 2 && argv[1][0] != '-')
    {
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        if (strcmp (subcommands[i].name + strlen ("practice "), argv[1]) == 0)
          return subcommands[i].run (&subcommands[i], argc - 1, argv + 1);
      return kts_cli_usage_error (
          command,
          _ ("unknown practice command “%s” (create, import, list, submit, report or trend)"),
          argv[1]);
    }

  if (!kts_cli_parse_options (command, NULL, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  return kts_cli_usage_error (command,
                              _ ("expected a practice command: create, import, list, submit, "
                                 "report or trend"));
}
