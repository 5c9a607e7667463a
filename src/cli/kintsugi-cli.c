/* kintsugi-cli.c: the command-line tool: dispatches to one command per verb.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kts-cli.h"

static int help_run (const KtsCliCommand *command, int argc, char **argv);

static const KtsCliCommand commands[] = {
  { "new", "PROJECT", N_ ("Create a project file, with the default codebook."),
    N_ ("Refuses to overwrite an existing file. The title defaults to the file name;\n"
        "the codebook to the rupture–repair scheme (--codebook blatt, markers-repair,\n"
        "empty, a .qdc or a Kintsugi codebook file chooses another).\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli new study.kintsugi --title \"Rupture study\""),
    kts_cli_new },
  { "import", "PROJECT FILE…", N_ ("Import transcripts into a project."),
    N_ ("Reads plain-text transcripts (UTF-8, UTF-16 with a byte order mark, or\n"
        "Windows-1252), finds the speaker turns and adds one document per file.\n"
        "Either every file is imported or none is.\n"
        "\n"
        "Roles: therapist, client, interviewer, other.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli import study.kintsugi s1.txt s2.txt --speaker Anna=client"),
    kts_cli_import },
  { "info", "PROJECT", N_ ("Summarise a project."),
    N_ ("Shows the title, the documents with their characters, turns per role and\n"
        "codings, the number of codes and codings, the episodes and the coders.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli info study.kintsugi --json"),
    kts_cli_info },
  { "validate", "PROJECT", N_ ("Check a project file against the format."),
    N_ ("Checks the file against the schema and the reference rules and prints one\n"
        "line per problem. Exits with 0 only if the file is valid.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli validate study.kintsugi"),
    kts_cli_validate },
  { "import-codings", "PROJECT FILE.csv", N_ ("Add codings from a CSV file."),
    N_ ("The CSV file needs a header with the columns document, start, end and code,\n"
        "and may have actor, coder, memo and code_key. Either every row is added\n"
        "or none is. See docs/cli.md for the rules.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli import-codings study.kintsugi codings.csv"),
    kts_cli_import_codings },
  { "export-codings", "PROJECT", N_ ("Write the coded segments as CSV."),
    N_ ("Columns: document, turn, speaker, role, actor, code_key, code, start, end,\n"
        "text, coder, memo. Writes to standard output unless --output is given.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli export-codings study.kintsugi -o codings.csv"),
    kts_cli_export_codings },
  { "add-episode", "PROJECT NAME", N_ ("Mark a rupture–repair episode in a transcript."),
    N_ ("The episode covers speaker turns A to B of the transcript; with --build its\n"
        "moves are drafted from the codings in it right away.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli add-episode study.kintsugi e-1 --document \"Session 7\" --turns 40-120"),
    kts_cli_add_episode },
  { "build-map", "PROJECT", N_ ("Draft an episode's process map from its codings."),
    N_ ("Codings that overlap within one turn become one move, in text order; actor,\n"
        "dimension, phase and role are read from the codings and the episode landmark\n"
        "codes (EP.*). The analyst then edits the draft in the Process map view.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli build-map study.kintsugi --episode e-1"),
    kts_cli_build_map },
  { "import-episode", "PROJECT FILE", N_ ("Add a curated episode from an episode table."),
    N_ ("The table gives the episode's attributes and case, its moves with every field,\n"
        "anchors to existing codings (turn, code key and coded text) and typed edges;\n"
        "see docs/episode-table.md. Either all of it is added or nothing is. With\n"
        "--replace an episode of the same name is replaced.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli import-episode study.kintsugi data/sample/episode.txt"),
    kts_cli_import_episode },
  { "merge-codings", "PROJECT OTHER",
    N_ ("Merge another project's codings of the same transcripts."),
    N_ ("Transcripts are matched by their text, not their title; codes by guid, key or\n"
        "name. Codings whose transcript or code has no match are skipped and reported.\n"
        "Without --as-coder, codings keep their coder's name.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli merge-codings study.kintsugi study-second-coder.kintsugi --as-coder Bo"),
    kts_cli_merge_codings },
  { "agreement", "PROJECT [OTHER]", N_ ("Measure agreement between coders."),
    N_ ("Turn-level presence (percent agreement, Cohen's kappa, PABAK, positive\n"
        "agreement, Krippendorff's alpha), span matching against the first coder as the\n"
        "reference (precision, recall, F1, IoU, partial credit) and confusions, per\n"
        "code, per layer and overall. See docs/agreement.md for the definitions.\n"
        "\n"
        "Examples:\n"
        "  kintsugi-cli agreement study.kintsugi --coders Reference,Student --json\n"
        "  kintsugi-cli agreement teacher.kintsugi student.kintsugi"),
    kts_cli_agreement },
  { "sequence", "PROJECT", N_ ("Lag-1 sequential analysis of an episode or a transcript."),
    N_ ("Counts which state follows which (lanes, codes or actors of an episode's\n"
        "moves; or the codes of consecutive coded turns of a transcript) and gives the\n"
        "conditional probability, the adjusted residual z and Yule's Q of each\n"
        "transition. See docs/sequence.md.\n"
        "\n"
        "Examples:\n"
        "  kintsugi-cli sequence study.kintsugi --episode e-1 --by lane\n"
        "  kintsugi-cli sequence study.kintsugi --document \"Session 7\" --layer RUP -o lag1.csv"),
    kts_cli_sequence },
  { "practice", "create|import|list|submit|report|trend PROJECT …",
    N_ ("Practice sets for students: a hidden reference, then a comparison."),
    N_ ("Commands:\n"
        "  create   Make a practice set from a coded transcript\n"
        "  import   Make a practice set from a transcript and a reference TSV\n"
        "  list     List the practice sets\n"
        "  submit   Submit a set: lock the student’s codings, reveal the reference\n"
        "  report   Compare a submitted set with the reference (--json)\n"
        "  trend    A student’s scores across their submitted sets (--json)\n"
        "\n"
        "Run “kintsugi-cli practice COMMAND --help” for the options of each. See\n"
        "docs/practice.md.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli practice create class.kintsugi --document \"Session 12\" --reference "
        "Teacher"),
    kts_cli_practice },
  { "export-map", "PROJECT", N_ ("Print an episode's process map as a poster."),
    N_ ("Writes PDF (searchable, every sheet a page), SVG or PNG (one file per sheet)\n"
        "by the extension of --output. Text never gets smaller than brief B.11 allows\n"
        "(14 pt body text on A1, scaled with the paper): a long episode wraps into rows\n"
        "at phase boundaries and goes on over further sheets. Quotes longer than a card\n"
        "holds are printed in full on an appendix sheet. Refuses to print quotes from\n"
        "transcripts not marked pseudonymised unless --allow-identifiable is given.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli export-map study.kintsugi --episode e-1 -o e-1.pdf --paper A0\n"
        "  kintsugi-cli export-map study.kintsugi --episode e-1 -o e-1.pdf --tile a4"),
    kts_cli_export_map },
  { "report", "PROJECT", N_ ("Write a printable HTML report of the project."),
    N_ ("One self-contained HTML file for supervisors: the transcripts, the codebook\n"
        "with the number of codings per code, the coded segments by code, and each\n"
        "episode with its attributes, its process map (inline SVG) and a table of its\n"
        "moves. Open it in a browser and print it from there (A4; episodes landscape).\n"
        "Refuses to quote transcripts not marked pseudonymised unless\n"
        "--allow-identifiable is given; such a report carries a warning banner.\n"
        "\n"
        "Examples:\n"
        "  kintsugi-cli report study.kintsugi -o report.html\n"
        "  kintsugi-cli report study.kintsugi -o e-1.html --episode e-1 --no-segments"),
    kts_cli_report },
  { "export-qdc", "PROJECT", N_ ("Write the codebook as a REFI-QDA codebook (.qdc)."),
    N_ ("Codes keep their tree, names, colours and guids; the key and the description\n"
        "fields go into each code's Description under headings, so import-qdc reads\n"
        "them back. Writes to standard output unless --output is given.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli export-qdc study.kintsugi -o codebook.qdc"),
    kts_cli_export_qdc },
  { "import-qdc", "PROJECT FILE.qdc", N_ ("Read a REFI-QDA codebook (.qdc) into a project."),
    N_ ("Without --merge the project must have no codes yet. With --merge, codes are\n"
        "matched by guid, else key, else name under the same parent; matched codes\n"
        "keep their texts (empty fields are filled in), the rest are added. Prints what\n"
        "was added, matched and skipped. One undo step in the window.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli import-qdc study.kintsugi colleague.qdc --merge"),
    kts_cli_import_qdc },
  { "import-qdpx", "FILE.qdpx", N_ ("Make a project from a REFI-QDA project (.qdpx)."),
    N_ ("Reads the codebook, users (as coders), text sources with their coded\n"
        "selections, notes (as memos), cases and variables (as document attributes),\n"
        "and the episodes of projects that Kintsugi exported. Detects how the other\n"
        "program counted text positions and says so. Picture, PDF, audio and video\n"
        "sources and anything else Kintsugi cannot keep are listed as skipped.\n"
        "Refuses to overwrite PROJECT unless --force is given.\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli import-qdpx export.qdpx -o study.kintsugi"),
    kts_cli_import_qdpx },
  { "export-qdpx", "PROJECT", N_ ("Write a project as a REFI-QDA project (.qdpx)."),
    N_ ("Writes project.qde and the transcripts as sources/GUID.txt; codings become\n"
        "coded selections, memos notes, attributes variables, and each episode a set,\n"
        "a graph and notes (see docs/refi.md).\n"
        "\n"
        "Example:\n"
        "  kintsugi-cli export-qdpx study.kintsugi -o study.qdpx"),
    kts_cli_export_qdpx },
  { "help", "[COMMAND]", N_ ("Show the help of a command."), NULL, help_run },
};

static const KtsCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].name, name) == 0)
        return &commands[i];
    }
  return NULL;
}

static char *
commands_description (void)
{
  GString *text = g_string_new (_ ("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-16s %s\n", commands[i].name, _ (commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append (text, _ ("Run “kintsugi-cli COMMAND --help” for the options of a command.\n"
                            "Exit status: 0 on success, 1 on failure, 2 on a usage error."));
  return g_string_free (text, FALSE);
}

static GOptionContext *
main_context_new (gboolean *version)
{
  const GOptionEntry entries[]
      = { { "version", 0, 0, G_OPTION_ARG_NONE, version, N_ ("Show the version and exit"), NULL },
          { NULL } };
  GOptionContext  *context = g_option_context_new (_ ("COMMAND [ARGUMENT…]"));
  g_autofree char *description = commands_description ();

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Work with Kintsugi project files without a display."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  return context;
}

static int
help_run (const KtsCliCommand *command, int argc, char **argv)
{
  const KtsCliCommand *target;
  char                *help_argv[3];
  int                  help_argc = 2;
  char                 help_option[] = "--help";

  if (!kts_cli_parse_options (command, NULL, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      gboolean version = FALSE;
      g_autoptr (GOptionContext) context = main_context_new (&version);
      g_autofree char *help = NULL;

      g_set_prgname ("kintsugi-cli");
      help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      return KTS_CLI_EXIT_OK;
    }
  if (argc > 2)
    return kts_cli_usage_error (command, _ ("expected at most one COMMAND"));

  target = find_command (argv[1]);
  if (target == NULL)
    return kts_cli_usage_error (NULL, _ ("unknown command “%s”"), argv[1]);

  /* "help COMMAND" is "COMMAND --help", which prints and exits. */
  help_argv[0] = argv[1];
  help_argv[1] = help_option;
  help_argv[2] = NULL;
  return target->run (target, help_argc, help_argv);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  const KtsCliCommand *command;
  gboolean             version = FALSE;
  int                  status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("kintsugi-cli");

  context = main_context_new (&version);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kts_cli_usage_error (NULL, "%s", error->message);

  if (version)
    {
      g_print ("kintsugi-cli %s\n", PACKAGE_VERSION);
      return KTS_CLI_EXIT_OK;
    }

  if (argc < 2)
    return kts_cli_usage_error (NULL, _ ("no command given"));

  command = find_command (argv[1]);
  if (command == NULL)
    return kts_cli_usage_error (NULL, _ ("unknown command “%s”"), argv[1]);

  status = command->run (command, argc - 1, argv + 1);

  /* Report a full disk or a closed pipe instead of exiting 0. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr (_ ("kintsugi-cli: cannot write to standard output: %s\n"), g_strerror (errno));
      if (status == KTS_CLI_EXIT_OK)
        status = KTS_CLI_EXIT_FAILED;
    }
  return status;
}
