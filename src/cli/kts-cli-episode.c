/* kts-cli-episode.c: the kintsugi-cli commands add-episode, build-map and import-episode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "kts-cli.h"
#include "kts-episode-build.h"
#include "kts-episode-table.h"

static gboolean
parse_turn_range (const char *text, guint *first, guint *last)
{
  char   *end = NULL;
  guint64 a, b;

  a = g_ascii_strtoull (text, &end, 10);
  if (end == text)
    return FALSE;
  if (*end == '\0')
    b = a;
  else if (*end == '-' || *end == ':')
    {
      const char *rest = end + 1;
      b = g_ascii_strtoull (rest, &end, 10);
      if (end == rest || *end != '\0')
        return FALSE;
    }
  else
    return FALSE;
  if (a == 0 || b < a || b > G_MAXUINT)
    return FALSE;
  *first = (guint)a;
  *last = (guint)b;
  return TRUE;
}

int
kts_cli_add_episode (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *document_name = NULL;
  g_autofree char   *turns = NULL;
  g_autofree char   *rupture_types = NULL;
  gboolean           build = FALSE;
  const GOptionEntry entries[]
      = { { "document", 0, 0, G_OPTION_ARG_STRING, &document_name,
            N_ ("The transcript the episode is in (title or guid)"), N_ ("TITLE") },
          { "turns", 0, 0, G_OPTION_ARG_STRING, &turns,
            N_ ("Its first and last speaker turn, counted from 1"), N_ ("A-B") },
          { "rupture-types", 0, 0, G_OPTION_ARG_STRING, &rupture_types,
            N_ ("Rupture type sequence, e.g. W, C or W>C"), N_ ("TYPES") },
          { "build", 0, 0, G_OPTION_ARG_NONE, &build,
            N_ ("Also draft the moves from the codings (as build-map does)"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  KtsDocument *document;
  KtsEpisode  *episode;
  guint        first, last;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 3)
    return kts_cli_usage_error (command, _ ("expected a PROJECT file and an episode NAME"));
  if (document_name == NULL || turns == NULL)
    return kts_cli_usage_error (command, _ ("--document and --turns are required"));
  if (!parse_turn_range (turns, &first, &last))
    return kts_cli_usage_error (command, _ ("--turns takes a range like 12-40"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  document = kts_project_find_document (project, document_name);
  if (document == NULL)
    return kts_cli_file_message (argv[1], _ ("there is no transcript “%s”"), document_name);

  episode = kts_project_add_episode_for_turns (project, argv[2], document, first, last, &error);
  if (episode == NULL)
    return kts_cli_file_error (argv[1], error);
  if (rupture_types != NULL)
    kts_project_set_string (project, episode, "rupture-types", rupture_types);
  if (build)
    {
      int n = kts_episode_build_from_codings (project, episode, FALSE, &error);
      if (n < 0)
        return kts_cli_file_error (argv[1], error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Episode “%s”: turns %u–%u, %d move drafted.\n",
                            "Episode “%s”: turns %u–%u, %d moves drafted.\n", n),
               argv[2], first, last, n);
    }
  else
    g_print (_ ("Episode “%s”: turns %u–%u of “%s”.\n"), argv[2], first, last,
             kts_document_get_title (document));

  return kts_cli_save_project (project, argv[1]) ? KTS_CLI_EXIT_OK : KTS_CLI_EXIT_FAILED;
}

int
kts_cli_build_map (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *episode_name = NULL;
  gboolean           replace = FALSE;
  const GOptionEntry entries[] = { { "episode", 0, 0, G_OPTION_ARG_STRING, &episode_name,
                                     N_ ("The episode (name or guid)"), N_ ("NAME") },
                                   { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
                                     N_ ("Replace moves the episode already has"), NULL },
                                   { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  KtsEpisode *episode;
  GListModel *moves;
  int         n;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if (episode_name == NULL)
    return kts_cli_usage_error (command, _ ("--episode is required"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  episode = kts_project_find_episode (project, episode_name);
  if (episode == NULL)
    return kts_cli_file_message (argv[1], _ ("there is no episode “%s”"), episode_name);

  n = kts_episode_build_from_codings (project, episode, replace, &error);
  if (n < 0)
    return kts_cli_file_error (argv[1], error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Episode “%s”: %d move drafted from its codings.\n",
                        "Episode “%s”: %d moves drafted from its codings.\n", n),
           kts_episode_get_name (episode), n);
  moves = kts_episode_get_moves (episode);
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      const char *phase = kts_enum_to_nick (KTS_TYPE_PHASE, kts_move_get_phase (move));
      const char *actor = kts_enum_to_nick (KTS_TYPE_ACTOR, kts_move_get_actor (move));
      const char *dim = kts_enum_to_nick (KTS_TYPE_DIMENSION, kts_move_get_dimension (move));

      g_print ("  %-5s %-8s %-10s %-16s %s\n", kts_move_get_ident (move), phase, actor, dim,
               kts_move_get_label (move));
    }

  return kts_cli_save_project (project, argv[1]) ? KTS_CLI_EXIT_OK : KTS_CLI_EXIT_FAILED;
}

int
kts_cli_import_episode (const KtsCliCommand *command, int argc, char **argv)
{
  gboolean           replace = FALSE;
  const GOptionEntry entries[] = { { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
                                     N_ ("Replace an episode of the same name"), NULL },
                                   { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize            length = 0;
  KtsEpisode      *episode;
  guint            n_anchors = 0;
  GListModel      *moves;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 3)
    return kts_cli_usage_error (command, _ ("expected a PROJECT file and an episode table FILE"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;
  if (!g_file_get_contents (argv[2], &text, &length, &error))
    return kts_cli_file_error (argv[2], error);

  episode
      = kts_project_import_episode_table (project, text, (gssize)length, argv[2], replace, &error);
  if (episode == NULL)
    return kts_cli_file_error (
        g_error_matches (error, KTS_ERROR, KTS_ERROR_PARSE) ? argv[2] : argv[1], error);

  moves = kts_episode_get_moves (episode);
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      n_anchors += kts_move_get_anchors (move)->len;
    }
  /* Translators: "Episode “e-1”: 20 moves, 64 anchors, 15 edges." */
  g_print (_ ("Episode “%s”: %u moves, %u anchors, %u edges.\n"), kts_episode_get_name (episode),
           g_list_model_get_n_items (moves), n_anchors,
           g_list_model_get_n_items (kts_episode_get_edges (episode)));

  return kts_cli_save_project (project, argv[1]) ? KTS_CLI_EXIT_OK : KTS_CLI_EXIT_FAILED;
}
