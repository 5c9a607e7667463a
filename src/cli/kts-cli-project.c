/* kts-cli-project.c: the kintsugi-cli commands new, info and validate.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kts-cli.h"

/* ---- new ------------------------------------------------------------------ */

static char *
title_from_path (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  char            *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* A preset name, or a Kintsugi codebook file. */
static gboolean
load_codebook (KtsProject *project, const char *codebook, const char *path)
{
  g_autoptr (GError) error = NULL;

  for (const char *const *name = kts_codebook_preset_names (); *name != NULL; name++)
    if (g_str_equal (*name, codebook))
      {
        if (kts_project_load_codebook_preset (project, codebook, &error) < 0)
          {
            kts_cli_file_error (path, error);
            return FALSE;
          }
        return TRUE;
      }

  if (!g_file_test (codebook, G_FILE_TEST_EXISTS))
    {
      kts_cli_file_message (codebook, _ ("no such codebook file, and not a preset (default, blatt, "
                                         "markers-repair or empty)"));
      return FALSE;
    }
  {
    g_autoptr (GBytes) bytes = kts_file_read_all (codebook, KTS_PROJECT_MAX_FILE_SIZE, &error);
    g_autofree char *display = g_filename_display_basename (codebook);

    gboolean ok;

    if (bytes != NULL && g_str_has_suffix (codebook, ".qdc"))
      ok = kts_refi_import_qdc (project, bytes, display, FALSE, NULL, &error);
    else
      ok = bytes != NULL && kts_project_load_codebook_bytes (project, bytes, display, &error) >= 0;
    if (!ok)
      {
        kts_cli_file_error (codebook, error);
        return FALSE;
      }
  }
  return TRUE;
}

int
kts_cli_new (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *title = NULL;
  g_autofree char   *codebook = NULL;
  const GOptionEntry entries[]
      = { { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_ ("The project’s title"), N_ ("TEXT") },
          { "codebook", 'c', 0, G_OPTION_ARG_STRING, &codebook,
            N_ ("default (the rupture–repair scheme), blatt, markers-repair, empty, or a codebook "
                "file"),
            N_ ("CODEBOOK") },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  const char *path;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  path = argv[1];
  if (path[0] == '\0')
    return kts_cli_usage_error (command, _ ("the PROJECT file name is empty"));

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return kts_cli_file_message (path, _ ("the file already exists; not overwriting it"));

  if (title == NULL)
    title = title_from_path (path);
  else if (g_strstrip (title)[0] == '\0')
    return kts_cli_usage_error (command, _ ("the title must not be empty"));

  project = kts_project_new ();
  kts_project_set_title (project, title);
  if (!load_codebook (project, codebook != NULL ? codebook : "default", path))
    return KTS_CLI_EXIT_FAILED;
  kts_project_clear_undo (project);

  if (!kts_cli_save_project (project, path))
    return KTS_CLI_EXIT_FAILED;

  {
    g_autofree char *display = g_filename_display_name (path);

    g_print (_ ("Created “%s” in %s.\n"), title, display);
  }
  return KTS_CLI_EXIT_OK;
}

/* ---- info ----------------------------------------------------------------- */

typedef struct
{
  guint turns_by_role[KTS_ROLE_INTERVIEWER + 1];
} RoleCounts;

static void
count_turns (KtsDocument *document, RoleCounts *counts)
{
  guint n_turns = kts_document_get_n_turns (document);

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < n_turns; i++)
    {
      KtsRole role = kts_document_get_turn_role (document, i);

      if ((guint)role >= G_N_ELEMENTS (counts->turns_by_role))
        role = KTS_ROLE_OTHER;
      counts->turns_by_role[role]++;
    }
}

/* Codings an open practice set hides are not counted: the count alone would
 * tell the student how much the reference found. */
static guint
count_visible_codings (KtsProject *project, KtsDocument *document)
{
  GListModel *codings = kts_document_get_codings (document);
  guint       n = g_list_model_get_n_items (codings);
  guint       visible = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      visible += !kts_project_coding_is_hidden (project, coding);
    }
  return visible;
}

static guint
count_all_visible_codings (KtsProject *project)
{
  GListModel *documents = kts_project_get_documents (project);
  guint       total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);

      total += count_visible_codings (project, document);
    }
  return total;
}

static JsonNode *
info_json (KtsProject *project)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GListModel *documents = kts_project_get_documents (project);
  GListModel *episodes = kts_project_get_episodes (project);
  GListModel *coders = kts_project_get_coders (project);
  GListModel *sets = kts_project_get_practice_sets (project);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, kts_project_get_title (project));

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      RoleCounts counts;

      count_turns (document, &counts);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, kts_document_get_title (document));
      json_builder_set_member_name (builder, "characters");
      json_builder_add_int_value (builder, kts_document_get_n_characters (document));
      json_builder_set_member_name (builder, "turns");
      json_builder_add_int_value (builder, kts_document_get_n_turns (document));
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "therapist");
      json_builder_add_int_value (builder, counts.turns_by_role[KTS_ROLE_THERAPIST]);
      json_builder_set_member_name (builder, "client");
      json_builder_add_int_value (builder, counts.turns_by_role[KTS_ROLE_CLIENT]);
      json_builder_set_member_name (builder, "interviewer");
      json_builder_add_int_value (builder, counts.turns_by_role[KTS_ROLE_INTERVIEWER]);
      json_builder_set_member_name (builder, "other");
      json_builder_add_int_value (builder, counts.turns_by_role[KTS_ROLE_OTHER]);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "codings");
      json_builder_add_int_value (builder, count_visible_codings (project, document));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "codes");
  json_builder_add_int_value (builder,
                              kts_codebook_get_n_codes (kts_project_get_codebook (project)));
  json_builder_set_member_name (builder, "codings");
  json_builder_add_int_value (builder, count_all_visible_codings (project));

  json_builder_set_member_name (builder, "episodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, kts_episode_get_name (episode));
      json_builder_set_member_name (builder, "moves");
      json_builder_add_int_value (builder,
                                  g_list_model_get_n_items (kts_episode_get_moves (episode)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "coders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (coders); i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);

      json_builder_add_string_value (builder, kts_coder_get_name (coder));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "practice_sets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, kts_practice_set_get_title (set));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (
          builder, kts_enum_to_nick (KTS_TYPE_PRACTICE_STATE, kts_practice_set_get_state (set)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
info_text (KtsProject *project)
{
  GListModel *documents = kts_project_get_documents (project);
  GListModel *episodes = kts_project_get_episodes (project);
  GListModel *coders = kts_project_get_coders (project);
  guint       n_documents = g_list_model_get_n_items (documents);
  guint       n_episodes = g_list_model_get_n_items (episodes);
  guint       n_coders = g_list_model_get_n_items (coders);

  g_print (_ ("Title: %s\n"), kts_project_get_title (project));

  g_print (_ ("Documents: %u\n"), n_documents);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      RoleCounts counts;

      count_turns (document, &counts);
      g_print ("  %s\n", kts_document_get_title (document));
      g_print (_ ("    %u characters, %u codings\n"), kts_document_get_n_characters (document),
               count_visible_codings (project, document));
      g_print (_ ("    %u turns: %u therapist, %u client, %u interviewer, %u other\n"),
               kts_document_get_n_turns (document), counts.turns_by_role[KTS_ROLE_THERAPIST],
               counts.turns_by_role[KTS_ROLE_CLIENT], counts.turns_by_role[KTS_ROLE_INTERVIEWER],
               counts.turns_by_role[KTS_ROLE_OTHER]);
    }

  g_print (_ ("Codes: %u\n"), kts_codebook_get_n_codes (kts_project_get_codebook (project)));
  g_print (_ ("Codings: %u\n"), count_all_visible_codings (project));

  g_print (_ ("Episodes: %u\n"), n_episodes);
  for (guint i = 0; i < n_episodes; i++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, i);

      g_print (_ ("  %s: %u moves\n"), kts_episode_get_name (episode),
               g_list_model_get_n_items (kts_episode_get_moves (episode)));
    }

  g_print (_ ("Coders: %u\n"), n_coders);
  for (guint i = 0; i < n_coders; i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);

      g_print ("  %s\n", kts_coder_get_name (coder));
    }

  /* Only when there are any, so other projects print as before. */
  if (g_list_model_get_n_items (kts_project_get_practice_sets (project)) > 0)
    {
      GListModel *sets = kts_project_get_practice_sets (project);

      g_print (_ ("Practice sets: %u\n"), g_list_model_get_n_items (sets));
      for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
        {
          g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);

          g_print ("  %s (%s)\n", kts_practice_set_get_title (set),
                   kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_OPEN ? _ ("open")
                                                                               : _ ("submitted"));
        }
    }
}

int
kts_cli_info (const KtsCliCommand *command, int argc, char **argv)
{
  gboolean           json = FALSE;
  const GOptionEntry entries[]
      = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the summary as JSON"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  if (json)
    {
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = info_json (project);
      g_autofree char *text = NULL;
      gsize            length = 0;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, &length);
      if (!kts_cli_write_stdout (text, length) || !kts_cli_write_stdout ("\n", 1))
        return KTS_CLI_EXIT_FAILED;
    }
  else
    info_text (project);

  return KTS_CLI_EXIT_OK;
}

/* ---- validate --------------------------------------------------------------- */

int
kts_cli_validate (const KtsCliCommand *command, int argc, char **argv)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *base = NULL;
  const char      *path;

  if (!kts_cli_parse_options (command, NULL, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  path = argv[1];
  display = g_filename_display_name (path);
  base = g_filename_display_basename (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return kts_cli_file_message (path, _ ("no such file"));

  bytes = kts_file_read_all (path, KTS_PROJECT_MAX_FILE_SIZE, &error);
  if (bytes == NULL)
    return kts_cli_file_error (path, error);

  if (kts_project_validate_bytes (bytes, base, &problems))
    {
      g_print (_ ("%s is valid.\n"), display);
      return KTS_CLI_EXIT_OK;
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_print ("%s\n", (const char *)g_ptr_array_index (problems, i));

  {
    guint n = problems != NULL ? problems->len : 0;

    return kts_cli_file_message (
        path, g_dngettext (GETTEXT_PACKAGE, "not valid (%u problem)", "not valid (%u problems)", n),
        n);
  }
}
