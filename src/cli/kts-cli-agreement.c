/* kts-cli-agreement.c: the kintsugi-cli commands agreement and merge-codings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kts-agreement.h"
#include "kts-cli.h"
#include "kts-merge.h"

static void
print_merge_report (const char *path, KtsMergeReport *report)
{
  g_autofree char *display = g_filename_display_name (path);

  g_printerr (_ ("%s: %u transcripts matched, %u codings merged, %u skipped.\n"), display,
              report->documents_matched, report->codings_added, report->codings_skipped);
  for (guint i = 0; i < report->messages->len; i++)
    g_printerr ("  %s\n", (const char *)g_ptr_array_index (report->messages, i));
}

/* The one coder of all codings of @project, giving codings without a coder
 * one named @fallback; NULL with a message when there are several. */
static KtsCoder *
single_coder (KtsProject *project, const char *path, const char *fallback)
{
  GListModel *documents = kts_project_get_documents (project);
  KtsCoder   *found = NULL;
  gboolean    unassigned = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      GListModel *codings = kts_document_get_codings (document);

      for (guint k = 0; k < g_list_model_get_n_items (codings); k++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, k);
          KtsCoder *coder = kts_coding_get_coder (coding);

          if (coder == NULL)
            unassigned = TRUE;
          else if (found == NULL)
            found = coder;
          else if (found != coder)
            {
              kts_cli_file_message (path,
                                    _ ("has codings by several coders (“%s”, “%s”, …); compare "
                                       "them with --coders instead"),
                                    kts_coder_get_name (found), kts_coder_get_name (coder));
              return NULL;
            }
        }
    }

  if (unassigned)
    {
      /* Give the unattributed codings a coder, in memory only. */
      g_autoptr (KtsCoder) coder = NULL;

      if (found != NULL)
        {
          kts_cli_file_message (path, _ ("has codings with and without a coder; compare them with "
                                         "--coders instead"));
          return NULL;
        }
      coder = kts_coder_new (NULL, fallback);
      kts_project_add_coder (project, coder, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
        {
          g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
          GListModel *codings = kts_document_get_codings (document);

          for (guint k = 0; k < g_list_model_get_n_items (codings); k++)
            {
              g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, k);
              kts_project_set_object (project, coding, "coder", coder);
            }
        }
      found = coder;
    }

  if (found == NULL)
    kts_cli_file_message (path, _ ("has no codings to compare"));
  return found;
}

int
kts_cli_agreement (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *coders_arg = NULL;
  g_autofree char   *layer = NULL;
  gboolean           json = FALSE;
  double             overlap = 0.5;
  gboolean           any_turn = FALSE;
  gboolean           include_hidden = FALSE;
  const GOptionEntry entries[]
      = { { "coders", 0, 0, G_OPTION_ARG_STRING, &coders_arg,
            N_ ("Compare these coders of one project; the first is the reference"),
            N_ ("A,B[,…]") },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Write the figures as JSON"), NULL },
          { "layer", 0, 0, G_OPTION_ARG_STRING, &layer,
            N_ ("Only codes of this layer (RUP, SD, REL, MC, …)"), N_ ("LAYER") },
          { "overlap", 0, 0, G_OPTION_ARG_DOUBLE, &overlap,
            N_ ("Share of the shorter span two spans must overlap to match (default 0.5)"),
            N_ ("SHARE") },
          { "any-turn", 0, 0, G_OPTION_ARG_NONE, &any_turn,
            N_ ("Let spans match across speaker turns"), NULL },
          { "include-hidden", 0, 0, G_OPTION_ARG_NONE, &include_hidden,
            N_ ("Also count the reference codings that open practice sets hide"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GPtrArray) coders = g_ptr_array_new ();
  g_autoptr (KtsAgreementReport) report = NULL;
  g_autoptr (GError) error = NULL;
  KtsAgreementOptions options;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;

  if (coders_arg != NULL)
    {
      g_auto (GStrv) names = NULL;

      if (argc != 2)
        return kts_cli_usage_error (command, _ ("with --coders, give exactly one PROJECT"));
      project = kts_cli_load_project (argv[1]);
      if (project == NULL)
        return KTS_CLI_EXIT_FAILED;
      names = g_strsplit (coders_arg, ",", -1);
      for (guint i = 0; names[i] != NULL; i++)
        {
          KtsCoder *coder = kts_project_find_coder (project, g_strstrip (names[i]));

          if (coder == NULL)
            return kts_cli_file_message (argv[1], _ ("there is no coder “%s”"), names[i]);
          g_ptr_array_add (coders, coder);
        }
      if (coders->len < 2)
        return kts_cli_usage_error (command, _ ("--coders needs at least two names"));
    }
  else
    {
      g_autoptr (KtsProject) other = NULL;
      g_autoptr (KtsMergeReport) merge = NULL;
      g_autofree char *name_a = NULL;
      g_autofree char *name_b = NULL;
      KtsCoder        *a, *b;

      if (argc != 3)
        return kts_cli_usage_error (command,
                                    _ ("give two PROJECT files, or one with --coders A,B"));
      project = kts_cli_load_project (argv[1]);
      other = project != NULL ? kts_cli_load_project (argv[2]) : NULL;
      if (project == NULL || other == NULL)
        return KTS_CLI_EXIT_FAILED;

      name_a = g_path_get_basename (argv[1]);
      name_b = g_path_get_basename (argv[2]);
      a = single_coder (project, argv[1], name_a);
      b = single_coder (other, argv[2], name_b);
      if (a == NULL || b == NULL)
        return KTS_CLI_EXIT_FAILED;

      /* Both sides in one project: B's codings as a coder of their own. */
      if (kts_project_find_coder (project, kts_coder_get_name (b)) != NULL)
        {
          g_autofree char *renamed = g_strdup_printf ("%s (%s)", kts_coder_get_name (b), name_b);
          g_autoptr (KtsCoder) coder = kts_coder_new (NULL, renamed);
          kts_project_add_coder (project, coder, NULL);
          b = coder;
        }
      else
        {
          g_autoptr (KtsCoder) coder = kts_coder_new (NULL, kts_coder_get_name (b));
          kts_project_add_coder (project, coder, NULL);
          b = coder;
        }
      merge = kts_project_merge_codings (project, other, b, &error);
      if (merge == NULL)
        return kts_cli_file_error (argv[2], error);
      if (merge->codings_skipped > 0 || merge->documents_unmatched > 0)
        print_merge_report (argv[2], merge);

      g_ptr_array_add (coders, a);
      g_ptr_array_add (coders, b);
    }

  kts_agreement_options_init (&options);
  options.overlap_threshold = overlap;
  options.same_turn = !any_turn;
  options.layer = layer;
  options.include_hidden = include_hidden;
  report = kts_agreement_compute (project, coders, &options, &error);
  if (report == NULL)
    return kts_cli_file_error (argv[1], error);

  if (json)
    {
      g_autoptr (JsonNode) node = kts_agreement_report_to_json (report);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = kts_agreement_report_to_text (report);
      g_print ("%s", text);
    }
  return KTS_CLI_EXIT_OK;
}

int
kts_cli_merge_codings (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *coder_name = NULL;
  const GOptionEntry entries[]
      = { { "as-coder", 0, 0, G_OPTION_ARG_STRING, &coder_name,
            N_ ("Attribute every merged coding to this coder (created if new)"), N_ ("NAME") },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (KtsProject) other = NULL;
  g_autoptr (KtsMergeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  KtsCoder *coder = NULL;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 3)
    return kts_cli_usage_error (command, _ ("expected a PROJECT and the OTHER project"));

  project = kts_cli_load_project (argv[1]);
  other = project != NULL ? kts_cli_load_project (argv[2]) : NULL;
  if (project == NULL || other == NULL)
    return KTS_CLI_EXIT_FAILED;

  if (coder_name != NULL)
    {
      coder = kts_project_find_coder (project, coder_name);
      if (coder == NULL)
        {
          g_autoptr (KtsCoder) created = kts_coder_new (NULL, coder_name);
          if (!kts_project_add_coder (project, created, &error))
            return kts_cli_file_error (argv[1], error);
          coder = created;
        }
    }

  report = kts_project_merge_codings (project, other, coder, &error);
  if (report == NULL)
    return kts_cli_file_error (argv[2], error);
  print_merge_report (argv[2], report);

  if (!kts_cli_save_project (project, argv[1]))
    return KTS_CLI_EXIT_FAILED;
  return KTS_CLI_EXIT_OK;
}
