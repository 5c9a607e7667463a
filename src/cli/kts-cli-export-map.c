/* kts-cli-export-map.c: kintsugi-cli export-map: an episode's process map as a poster.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kintsugi-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-cli.h"
#include "kts-poster.h"

int
kts_cli_export_map (const KtsCliCommand *command, int argc, char **argv)
{
  g_autofree char   *episode_name = NULL;
  g_autofree char   *output = NULL;
  g_autofree char   *paper = NULL;
  g_autofree char   *tile = NULL;
  g_autofree char   *arrangement = NULL;
  g_autofree char   *date = NULL;
  gboolean           landscape = FALSE, portrait = FALSE, allow_identifiable = FALSE;
  int                dpi = 300;
  const GOptionEntry entries[]
      = { { "episode", 'e', 0, G_OPTION_ARG_STRING, &episode_name,
            N_ ("The episode to print, by name or id (required)"), N_ ("NAME") },
          { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
            N_ ("The poster file: .pdf, .svg or .png (required)"), N_ ("FILE") },
          { "paper", 0, 0, G_OPTION_ARG_STRING, &paper,
            N_ ("A0, A1 (default), A2, A3, A4, letter, tabloid or WIDTHxHEIGHTmm"), N_ ("PAPER") },
          { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, N_ ("Landscape (the default)"),
            NULL },
          { "portrait", 0, 0, G_OPTION_ARG_NONE, &portrait, N_ ("Portrait"), NULL },
          { "tile", 0, 0, G_OPTION_ARG_STRING, &tile,
            N_ ("Split the poster over a4, a3 or letter pages (PDF only)"), N_ ("PAGE") },
          { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi, N_ ("PNG resolution (default 300)"), N_ ("N") },
          { "layout", 0, 0, G_OPTION_ARG_STRING, &arrangement,
            N_ ("Layout: surface (default), dyad or flowchart"), N_ ("LAYOUT") },
          { "date", 0, 0, G_OPTION_ARG_STRING, &date,
            N_ ("Date printed in the footer, YYYY-MM-DD (default today)"), N_ ("DATE") },
          { "allow-identifiable", 0, 0, G_OPTION_ARG_NONE, &allow_identifiable,
            N_ ("Export even if a quoted transcript is not marked pseudonymised"), NULL },
          { NULL } };
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (KtsPoster) poster = NULL;
  g_autoptr (GPtrArray) identifiable = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) files = NULL;
  KtsPosterOptions options;
  KtsPosterFormat  format;
  KtsEpisode      *episode;
  KtsCodebook     *codebook;
  g_autofree char *version = NULL;
  double           w, h;

  if (!kts_cli_parse_options (command, entries, &argc, &argv))
    return KTS_CLI_EXIT_USAGE;
  if (argc != 2)
    return kts_cli_usage_error (command, _ ("expected exactly one PROJECT file"));
  if (episode_name == NULL)
    return kts_cli_usage_error (command, _ ("--episode is required"));
  if (output == NULL)
    return kts_cli_usage_error (command, _ ("--output is required"));
  if (landscape && portrait)
    return kts_cli_usage_error (command, _ ("--landscape and --portrait exclude each other"));
  if (!kts_poster_format_from_path (output, &format, &error))
    return kts_cli_usage_error (command, "%s", error->message);
  if (dpi < 10 || dpi > 2400)
    return kts_cli_usage_error (command, _ ("--dpi must be between 10 and 2400"));
  if (date != NULL && !kts_cli_date_is_valid (date))
    return kts_cli_usage_error (command, _ ("--date must be YYYY-MM-DD, not “%s”"), date);

  kts_poster_options_init (&options);
  options.dpi = dpi;
  options.date = date;
  if (paper != NULL && !kts_poster_parse_paper (paper, &w, &h, &error))
    return kts_cli_usage_error (command, "%s", error->message);
  if (paper == NULL)
    kts_poster_parse_paper ("A1", &w, &h, NULL);
  /* A custom size is taken as written unless an orientation is asked for. */
  if (portrait || landscape || paper == NULL || g_str_has_suffix (paper, "mm") == FALSE)
    {
      options.paper_width = portrait ? MIN (w, h) : MAX (w, h);
      options.paper_height = portrait ? MAX (w, h) : MIN (w, h);
    }
  else
    {
      options.paper_width = w;
      options.paper_height = h;
    }

  if (tile != NULL)
    {
      if (g_ascii_strcasecmp (tile, "a4") != 0 && g_ascii_strcasecmp (tile, "a3") != 0
          && g_ascii_strcasecmp (tile, "letter") != 0)
        return kts_cli_usage_error (command, _ ("--tile must be a4, a3 or letter, not “%s”"), tile);
      if (format != KTS_POSTER_FORMAT_PDF)
        return kts_cli_usage_error (command, _ ("--tile needs a .pdf output file"));
      kts_poster_parse_paper (tile, &options.tile_width, &options.tile_height, NULL);
    }

  if (arrangement == NULL || g_str_equal (arrangement, "surface"))
    options.arrangement = KTS_MAP_ARRANGEMENT_SURFACE;
  else if (g_str_equal (arrangement, "dyad"))
    options.arrangement = KTS_MAP_ARRANGEMENT_DYAD;
  else if (g_str_equal (arrangement, "flowchart"))
    options.arrangement = KTS_MAP_ARRANGEMENT_FLOWCHART;
  else
    return kts_cli_usage_error (
        command, _ ("--layout must be surface, dyad or flowchart, not “%s”"), arrangement);

  project = kts_cli_load_project (argv[1]);
  if (project == NULL)
    return KTS_CLI_EXIT_FAILED;

  episode = kts_project_find_episode (project, episode_name);
  if (episode == NULL)
    return kts_cli_file_message (argv[1], _ ("no episode “%s” (see “kintsugi-cli info”)"),
                                 episode_name);

  identifiable = kts_poster_identifiable_documents (episode);
  {
    /* TRANSLATORS: the subject of "… quotes “S1”, which is not marked pseudonymised" */
    g_autofree char *subject = g_strdup_printf (_ ("episode “%s”"), kts_episode_get_name (episode));

    if (!kts_cli_check_identifiable (argv[1], subject, identifiable, allow_identifiable))
      return KTS_CLI_EXIT_FAILED;
  }

  codebook = kts_project_get_codebook (project);
  if (codebook != NULL)
    version = g_strdup_printf ("%s v%d",
                               kts_codebook_get_name (codebook) != NULL
                                   ? kts_codebook_get_name (codebook)
                                   : _ ("codebook"),
                               kts_codebook_get_version (codebook));
  options.codebook_version = version;

  poster = kts_poster_new (episode, &options);
  if (!kts_poster_export (poster, output, format, &error))
    return kts_cli_file_error (output, error);

  files = kts_poster_output_files (poster, output, format);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_name (files[i]);
      g_print ("%s\n", display);
    }
  {
    guint            sheets = kts_poster_get_n_sheets (poster);
    guint            appendix = kts_poster_get_n_appendix_sheets (poster);
    guint            pages = kts_poster_get_n_pages (poster);
    g_autofree char *n_sheets
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet", "%u sheets", sheets), sheets);
    g_autofree char *n_appendix
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of them the appendix of full quotes",
                                        "%u of them the appendix of full quotes", appendix),
                           appendix);
    g_autofree char *n_pages
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", pages), pages);

    /* Translators: "3 sheets (1 of them the appendix of full quotes), 3 pages; move
     * labels 14.0 pt, quotes 12.0 pt, small print 10.0 pt or larger". */
    g_print (_ ("%s (%s), %s; move labels %.1f pt, quotes %.1f pt, small print %.1f pt or "
                "larger\n"),
             n_sheets, n_appendix, n_pages, kts_poster_get_font_size (poster, KTS_POSTER_TEXT_BODY),
             kts_poster_get_font_size (poster, KTS_POSTER_TEXT_QUOTE),
             kts_poster_get_font_size (poster, KTS_POSTER_TEXT_DETAIL));
  }
  return KTS_CLI_EXIT_OK;
}
