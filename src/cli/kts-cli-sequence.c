/* kts-cli-sequence.c: the kintsugi-cli command sequence (lag-1 analysis).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kts-cli.h"
#include "kts-sequence.h"

typedef struct
{
  guint  i;
  guint  j;
  double z;
} Pair;

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  const Pair *x = a, *y = b;
  double      zx = isnan (x->z) ? -INFINITY : x->z;
  double      zy = isnan (y->z) ? -INFINITY : y->z;

  if (zx != zy)
    return zx > zy ? -1 : 1;
  if (x->i != y->i)
    return x->i < y->i ? -1 : 1;
  return x->j < y->j ? -1 : (x->j > y->j);
}

static void
print_table (KtsTransitions *t)
{
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  guint n = t->n_states;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (t->counts[i * n + j] > 0)
        g_array_append_val (pairs, ((Pair){ i, j, t->residual[i * n + j] }));
  g_array_sort (pairs, compare_pairs);

  g_print (_ ("%u events, %u transitions between %u states\n\n"), t->n_events, t->total, n);
  g_print ("  %-28s %-28s %5s %7s %7s %7s\n", _ ("given"), _ ("followed by"), _ ("n"), _ ("p"),
           _ ("z"), _ ("Q"));
  for (guint k = 0; k < pairs->len; k++)
    {
      Pair *p = &g_array_index (pairs, Pair, k);
      guint c = p->i * n + p->j;

      g_print ("  %-28.28s %-28.28s %5u %7.3f %7.2f %7.2f%s\n", t->labels[p->i], t->labels[p->j],
               t->counts[c], t->probability[c], t->residual[c], t->yules_q[c],
               !isnan (t->residual[c]) && fabs (t->residual[c]) >= 1.96 ? "  *" : "");
    }
  g_print (_ ("\n* |z| ≥ 1.96: more (or less) often than chance at the 5%% level, if the\n"
              "  transitions were independent.\n"));
}

int
kts_cli_sequence (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *episode_name = NULL;
  g_autofree char   *document_name = NULL;
  g_autofree char   *by = NULL;
  g_autofree char   *layer = NULL;
  g_autofree char   *coder_name = NULL;
  g_autofree char   *output = NULL;
  const GOptionEntry entries[]
      = { { "episode", 0, 0, G_OPTION_ARG_STRING, &episode_name,
            N_ ("Analyse the moves of this episode"), N_ ("NAME") },
          { "by", 0, 0, G_OPTION_ARG_STRING, &by,
            N_ ("States of an episode: lane (default), code or actor"), N_ ("UNIT") },
          { "document", 0, 0, G_OPTION_ARG_STRING, &document_name,
            N_ ("Analyse the coded turns of this transcript"), N_ ("TITLE") },
          { "layer", 0, 0, G_OPTION_ARG_STRING, &layer,
            N_ ("Only codes of this layer (RUP, SD, …)"), N_ ("LAYER") },
          { "coder", 0, 0, G_OPTION_ARG_STRING, &coder_name, N_ ("Only this coder's codings"),
            N_ ("NAME") },
          { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
            N_ ("Write the transitions as CSV to FILE (“-” for standard output)"), N_ ("FILE") },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (KtsTransitions) t = NULL;
  g_autoptr (GError) error = NULL;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if ((episode_name == NULL) == (document_name == NULL))
    return kts_cli_usage_error (command, _ ("give either --episode or --document"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  if (episode_name != NULL)
    {
      KtsEpisode     *episode = kts_project_find_episode (project, episode_name);
      KtsSequenceUnit unit = KTS_SEQUENCE_BY_LANE;

      if (by != NULL && g_str_equal (by, "code"))
        unit = KTS_SEQUENCE_BY_CODE;
      else if (by != NULL && g_str_equal (by, "actor"))
        unit = KTS_SEQUENCE_BY_ACTOR;
      else if (by != NULL && !g_str_equal (by, "lane"))
        return kts_cli_usage_error (command, _ ("--by takes lane, code or actor"));
      if (episode == NULL)
        return kts_cli_file_message (argv[1], _ ("there is no episode “%s”"), episode_name);
      t = kts_transitions_for_episode (episode, unit, &error);
    }
  else
    {
      KtsDocument *document = kts_project_find_document (project, document_name);
      KtsCoder    *coder = NULL;

      if (document == NULL)
        return kts_cli_file_message (argv[1], _ ("there is no transcript “%s”"), document_name);
      if (coder_name != NULL)
        {
          coder = kts_project_find_coder (project, coder_name);
          if (coder == NULL)
            return kts_cli_file_message (argv[1], _ ("there is no coder “%s”"), coder_name);
        }
      t = kts_transitions_for_document (document, coder, layer, &error);
    }
  if (t == NULL)
    return kts_cli_file_error (argv[1], error);

  if (output != NULL)
    {
      g_autoptr (GString) csv = kts_transitions_to_csv (t);
      g_autoptr (GBytes) bytes = g_bytes_new (csv->str, csv->len);

      if (strcmp (output, "-") == 0)
        return kts_cli_write_stdout (csv->str, csv->len) ? KTS_CLI_EXIT_OK : KTS_CLI_EXIT_FAILED;
      if (!kts_file_write_atomic (output, bytes, NULL, &error))
        return kts_cli_file_error (output, error);
      return KTS_CLI_EXIT_OK;
    }

  print_table (t);
  return KTS_CLI_EXIT_OK;
}
