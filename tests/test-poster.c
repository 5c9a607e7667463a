/* test-poster.c: poster export checked with poppler, cairo and libxml2.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Set KTS_POSTER_OUTPUT_DIR to keep the files for a look.
 */
#include "config.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "kts-map-fixture.h"
#include "kts-map-painter.h"
#include "kts-map-rows.h"
#include "kts-model-private.h"
#include "kts-poster.h"
#include "kts-svg-private.h"
#include "kts-project-io.h"

#define MM (72.0 / 25.4)

/* ---- Fixtures ------------------------------------------------------------------------ */

static const char *const words[] = {
  "I",     "said",  "that",    "we",    "could", "not",    "go",      "on",   "like",  "this",
  "every", "week",  "nothing", "moved", "and",   "she",    "looked",  "away", "then",  "asked",
  "how",   "it",    "felt",    "quiet", "for",   "a",      "long",    "time", "maybe", "angry",
  "hurt",  "sorry", "later",   "again", "tired", "little", "careful", "room", "door",  "window",
};

/* A deterministic quote of about @length characters for move @index. */
static char *
make_quote (guint index, guint length, const char *ident)
{
  GString *s = g_string_new (NULL);
  guint    k = index * 7;

  g_string_append_printf (s, "Q%s ", ident);
  while (s->len < length)
    {
      g_string_append (s, words[k % G_N_ELEMENTS (words)]);
      g_string_append_c (s, ' ');
      k = k * 31 + 11;
    }
  g_string_append_printf (s, "end%s.", ident);
  return g_string_free (s, FALSE);
}

typedef struct
{
  KtsEpisode  *episode;
  KtsDocument *document;
  GPtrArray   *codes; /* keep the codes alive */
} Fixture;

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->episode);
  g_clear_object (&f->document);
  g_clear_pointer (&f->codes, g_ptr_array_unref);
}

static KtsCode *
code_with_key (Fixture *f, const char *key)
{
  KtsCode *code = kts_code_new (NULL, key);

  g_object_set (code, "key", key, NULL);
  g_ptr_array_add (f->codes, code);
  return code;
}

/* Gives every move a quote (the first one longer than a card shows) and one
 * anchor into a pseudonymised transcript, coded with a theme. */
static void
fixture_init (Fixture *f, const char *name)
{
  static const char *const themes[]
      = { "KS.1a", "KS.2a.self_talk", "KS.2c", "SD.autonomy", "KS.2e", "REL.closeness" };
  GListModel *moves;
  GString    *text = g_string_new (NULL);
  guint       n;

  f->episode = kts_map_fixture_load (name);
  f->codes = g_ptr_array_new_with_free_func (g_object_unref);
  moves = kts_episode_get_moves (f->episode);
  n = g_list_model_get_n_items (moves);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "T: turn %u of the interview, with some words.\n", i);
  f->document = kts_document_new (NULL, "Interview-1", text->str);
  g_string_free (text, TRUE);
  g_object_set (f->document, "pseudonymised", TRUE, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      const char      *ident = kts_move_get_ident (move);
      g_autofree char *quote = make_quote (i, i == 0 ? 420 : 60 + (i * 37) % 170, ident);
      KtsCode         *code = code_with_key (f, themes[i % G_N_ELEMENTS (themes)]);
      g_autoptr (KtsCoding) coding = kts_coding_new (NULL, f->document, i * 40, i * 40 + 20, code);

      g_object_set (move, "quote", quote, NULL);
      _kts_move_set_anchors (move, &coding, 1);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

/* ---- Tools -------------------------------------------------------------------------------- */

static char *
tmp_path (const char *name)
{
  const char  *dir = g_getenv ("KTS_POSTER_OUTPUT_DIR");
  static char *tmp = NULL;

  if (dir != NULL)
    {
      g_mkdir_with_parents (dir, 0755);
      return g_build_filename (dir, name, NULL);
    }
  if (tmp == NULL)
    {
      g_autoptr (GError) error = NULL;
      tmp = g_dir_make_tmp ("kts-poster-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return g_build_filename (tmp, name, NULL);
}

static char *
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int   status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
pdf_info (const char *path, guint *pages, double *width, double *height)
{
  const char      *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run (argv);
  const char      *p = strstr (out, "\nPages:");
  const char      *s = strstr (out, "\nPage size:");

  g_assert_nonnull (p);
  g_assert_nonnull (s);
  *pages = (guint)g_ascii_strtoull (p + strlen ("\nPages:") + strspn (p + 7, " "), NULL, 10);
  s += strlen ("\nPage size:");
  *width = g_ascii_strtod (s, (char **)&s);
  s = strstr (s, "x ");
  g_assert_nonnull (s);
  *height = g_ascii_strtod (s + 2, NULL);
}

/* The text of pages @first … @last (1-based; 0 = all) without white space. */
static char *
pdf_text (const char *path, guint first, guint last)
{
  g_autofree char *f = g_strdup_printf ("%u", first);
  g_autofree char *l = g_strdup_printf ("%u", last);
  /* -raw: text in drawing order, so a card's lines stay together even where
   * staggered cards and edge labels share a line of the page. */
  const char *all[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  const char *some[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL };
  g_autofree char *out = run (first == 0 ? all : some);
  GString         *s = g_string_new (NULL);

  /* pdftotext joins a word broken at a hyphen: compare without either. */
  for (const char *c = out; *c; c++)
    if (!g_ascii_isspace (*c) && *c != '-')
      g_string_append_c (s, *c);
  return g_string_free (s, FALSE);
}

static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *c = text; *c; c++)
    if (!g_ascii_isspace (*c) && *c != '-')
      g_string_append_c (s, *c);
  return g_string_free (s, FALSE);
}

static void
assert_contains (const char *haystack, const char *text, const char *what)
{
  g_autofree char *needle = squeeze (text);

  if (strstr (haystack, needle) == NULL)
    g_error ("%s: “%s” is missing from the PDF text", what, text);
}

static KtsPoster *
poster_for (KtsEpisode *episode, const char *paper, gboolean landscape)
{
  KtsPosterOptions options;
  double           w, h;
  g_autoptr (GError) error = NULL;

  kts_poster_options_init (&options);
  g_assert_true (kts_poster_parse_paper (paper, &w, &h, &error));
  g_assert_no_error (error);
  options.paper_width = landscape ? MAX (w, h) : MIN (w, h);
  options.paper_height = landscape ? MIN (w, h) : MAX (w, h);
  options.codebook_version = "rupture-repair v1";
  options.date = "2024-05-01";
  return kts_poster_new (episode, &options);
}

static void
assert_min_fonts (KtsPoster *poster, double w_mm, double h_mm)
{
  double shorter = MIN (w_mm, h_mm);

  for (int t = KTS_POSTER_TEXT_LABEL; t <= KTS_POSTER_TEXT_DETAIL; t++)
    {
      double size = kts_poster_get_font_size (poster, t);

      g_assert_cmpfloat (size, >=, kts_poster_minimum_font_size (shorter, t) - 1e-9);
      g_assert_cmpfloat (size, >=, 7.0 - 1e-9);
    }
  if (fabs (shorter - 594) < 1)
    {
      g_assert_cmpfloat (kts_poster_get_font_size (poster, KTS_POSTER_TEXT_LABEL), >=, 16 - 1e-9);
      g_assert_cmpfloat (kts_poster_get_font_size (poster, KTS_POSTER_TEXT_BODY), >=, 14 - 1e-9);
      g_assert_cmpfloat (kts_poster_get_font_size (poster, KTS_POSTER_TEXT_QUOTE), >=, 12 - 1e-9);
      g_assert_cmpfloat (kts_poster_get_font_size (poster, KTS_POSTER_TEXT_DETAIL), >=, 10 - 1e-9);
    }
}

/* ---- Tests -------------------------------------------------------------------------------- */

static void
test_paper (void)
{
  double w = 0, h = 0;
  g_autoptr (GError) error = NULL;
  KtsPosterFormat format;

  g_assert_true (kts_poster_parse_paper ("A1", &w, &h, NULL));
  g_assert_cmpfloat (w, ==, 594);
  g_assert_cmpfloat (h, ==, 841);
  g_assert_true (kts_poster_parse_paper ("letter", &w, &h, NULL));
  g_assert_cmpfloat_with_epsilon (w * MM, 612, 0.01);
  g_assert_cmpfloat_with_epsilon (h * MM, 792, 0.01);
  g_assert_true (kts_poster_parse_paper ("tabloid", &w, &h, NULL));
  g_assert_cmpfloat_with_epsilon (h * MM, 1224, 0.01);
  g_assert_true (kts_poster_parse_paper ("500x700mm", &w, &h, NULL));
  g_assert_cmpfloat (w, ==, 500);
  g_assert_cmpfloat (h, ==, 700);
  g_assert_false (kts_poster_parse_paper ("B5", &w, &h, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (kts_poster_parse_paper ("500x700", &w, &h, &error));
  g_clear_error (&error);

  g_assert_true (kts_poster_format_from_path ("x/y.PDF", &format, NULL));
  g_assert_cmpint (format, ==, KTS_POSTER_FORMAT_PDF);
  g_assert_true (kts_poster_format_from_path ("y.svg", &format, NULL));
  g_assert_cmpint (format, ==, KTS_POSTER_FORMAT_SVG);
  g_assert_true (kts_poster_format_from_path ("y.png", &format, NULL));
  g_assert_cmpint (format, ==, KTS_POSTER_FORMAT_PNG);
  g_assert_false (kts_poster_format_from_path ("y.jpg", &format, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);

  g_assert_cmpfloat (kts_poster_minimum_font_size (594, KTS_POSTER_TEXT_LABEL), ==, 16);
  /* A0 is read from as close as A1: the same sizes, more room. */
  g_assert_cmpfloat (kts_poster_minimum_font_size (841, KTS_POSTER_TEXT_BODY), ==, 14);
  g_assert_cmpfloat (kts_poster_minimum_font_size (420, KTS_POSTER_TEXT_BODY), <, 14);
  g_assert_cmpfloat (kts_poster_minimum_font_size (210, KTS_POSTER_TEXT_QUOTE), ==, 7);
}

/* PDF at several papers: page size, pages, every label and quote, the long
 * quote in full on the appendix, legible sizes. */
static void
test_pdf_cases (void)
{
  static const struct
  {
    const char *paper;
    gboolean    landscape;
  } papers[] = { { "A1", TRUE }, { "A0", FALSE }, { "A3", TRUE }, { "letter", FALSE } };

  for (guint i = 0; i < 5; i++)
    for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
      {
        const char *name = kts_map_fixture_names[i];
        g_auto (Fixture) f = { 0 };
        g_autoptr (KtsPoster) poster = NULL;
        g_autoptr (GError) error = NULL;
        g_autofree char *file = g_strdup_printf ("%.6s-%s-%s.pdf", name, papers[p].paper,
                                                 papers[p].landscape ? "landscape" : "portrait");
        g_autofree char *path = tmp_path (file);
        g_autofree char *text = NULL;
        g_autofree char *appendix = NULL;
        GListModel      *moves;
        double           w_mm, h_mm, pw, ph;
        guint            pages;

        fixture_init (&f, name);
        poster = poster_for (f.episode, papers[p].paper, papers[p].landscape);
        g_assert_true (kts_poster_parse_paper (papers[p].paper, &w_mm, &h_mm, NULL));
        if (papers[p].landscape)
          {
            double t = w_mm;
            w_mm = h_mm;
            h_mm = t;
          }
        assert_min_fonts (poster, w_mm, h_mm);

        g_assert_true (kts_poster_export (poster, path, KTS_POSTER_FORMAT_PDF, &error));
        g_assert_no_error (error);
        pdf_info (path, &pages, &pw, &ph);
        g_assert_cmpuint (pages, ==, kts_poster_get_n_sheets (poster));
        g_assert_cmpfloat_with_epsilon (pw, w_mm * MM, 0.02);
        g_assert_cmpfloat_with_epsilon (ph, h_mm * MM, 0.02);

        /* The first move's quote is longer than a card allows (and others
         * may be: a poster card shows about three lines). */
        g_assert_cmpuint (kts_poster_get_n_appendix_sheets (poster), >=, 1);
        g_assert_cmpuint (kts_poster_get_truncated_moves (poster)->len, >=, 1);

        text = pdf_text (path, 0, 0);
        appendix = pdf_text (path, pages - kts_poster_get_n_appendix_sheets (poster) + 1, pages);
        moves = kts_episode_get_moves (f.episode);
        for (guint m = 0; m < g_list_model_get_n_items (moves); m++)
          {
            g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
            g_autofree char *quote = kts_move_dup_primary_quote (move);

            assert_contains (text, kts_move_get_label (move), file);
            if (g_ptr_array_find (kts_poster_get_truncated_moves (poster), move, NULL))
              {
                assert_contains (appendix, quote, file);
                assert_contains (text, "(continued in the appendix)", file);
              }
            else
              assert_contains (text, quote, file);
          }
        assert_contains (text, "T · SD", file);
        assert_contains (text, "Analyst reading", file);
        assert_contains (text, kts_episode_get_pattern_formula (f.episode), file);
        assert_contains (text, "Theme tally", file);
        assert_contains (text, "Codebook rupture-repair v1", file);
        assert_contains (text, "2024-05-01", file);
        assert_contains (text, "Pseudonymised", file);
        assert_contains (text, "Metacommunication principles", file);
      }
}

static void
test_png_svg (void)
{
  for (guint i = 0; i < 5; i++)
    {
      const char *name = kts_map_fixture_names[i];
      g_auto (Fixture) f = { 0 };
      g_autoptr (KtsPoster) poster = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *base = g_strdup_printf ("%.6s", name);
      g_autofree char *png = NULL;
      g_autofree char *svg = NULL;
      g_auto (GStrv) pngs = NULL;
      g_auto (GStrv) svgs = NULL;
      gboolean    landscape = i % 2 == 0;
      const char *paper = i < 3 ? "A2" : "500x300mm";
      double      w_mm, h_mm;
      double      dpi = 20 + 5 * i;

      fixture_init (&f, name);
      g_assert_true (kts_poster_parse_paper (paper, &w_mm, &h_mm, NULL));
      if (landscape != (w_mm > h_mm))
        {
          double t = w_mm;
          w_mm = h_mm;
          h_mm = t;
        }
      {
        KtsPosterOptions options;

        kts_poster_options_init (&options);
        options.paper_width = w_mm;
        options.paper_height = h_mm;
        options.dpi = dpi;
        options.date = "2024-05-01";
        options.arrangement = i % 2 ? KTS_MAP_ARRANGEMENT_DYAD : KTS_MAP_ARRANGEMENT_SURFACE;
        poster = kts_poster_new (f.episode, &options);
      }
      assert_min_fonts (poster, w_mm, h_mm);

      {
        g_autofree char *png_name = g_strdup_printf ("%s.png", base);
        g_autofree char *svg_name = g_strdup_printf ("%s.svg", base);

        png = tmp_path (png_name);
        svg = tmp_path (svg_name);
      }

      g_assert_true (kts_poster_export (poster, png, KTS_POSTER_FORMAT_PNG, &error));
      g_assert_no_error (error);
      pngs = kts_poster_output_files (poster, png, KTS_POSTER_FORMAT_PNG);
      g_assert_cmpuint (g_strv_length (pngs), ==, kts_poster_get_n_sheets (poster));
      for (guint k = 0; pngs[k] != NULL; k++)
        {
          cairo_surface_t *image = cairo_image_surface_create_from_png (pngs[k]);

          g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
          if (k < kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster))
            {
              g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                               (int)round (w_mm / 25.4 * dpi));
              g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                               (int)round (h_mm / 25.4 * dpi));
            }
          cairo_surface_destroy (image);
        }

      g_assert_true (kts_poster_export (poster, svg, KTS_POSTER_FORMAT_SVG, &error));
      g_assert_no_error (error);
      svgs = kts_poster_output_files (poster, svg, KTS_POSTER_FORMAT_SVG);
      for (guint k = 0; svgs[k] != NULL; k++)
        {
          xmlDoc          *doc = xmlReadFile (svgs[k], NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
          xmlNode         *root;
          xmlChar         *width;
          g_autofree char *check = g_strdup_printf ("%s.check.png", svgs[k]);
          const char      *argv[] = { "rsvg-convert", "-w", "400", "-o", check, svgs[k], NULL };

          g_assert_nonnull (doc);
          root = xmlDocGetRootElement (doc);
          g_assert_cmpstr ((const char *)root->name, ==, "svg");
          width = xmlGetProp (root, (const xmlChar *)"width");
          g_assert_nonnull (width);
          if (k == 0)
            g_assert_cmpfloat_with_epsilon (g_ascii_strtod ((const char *)width, NULL), w_mm * MM,
                                            0.01);
          xmlFree (width);
          xmlFreeDoc (doc);
          {
            g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");

            /* librsvg renders it (librsvg2-bin is in the build packages). */
            if (rsvg != NULL)
              {
                cairo_surface_t *image;

                g_free (run (argv));
                image = cairo_image_surface_create_from_png (check);
                g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
                g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400);
                cairo_surface_destroy (image);
                g_unlink (check);
              }
          }
        }
    }
}

static void
test_deterministic (void)
{
  g_auto (Fixture) f = { 0 };
  g_autofree char *a = tmp_path ("same-a.pdf");
  g_autofree char *b = tmp_path ("same-b.pdf");
  g_autofree char *c = tmp_path ("same-a.svg");
  g_autofree char *d = tmp_path ("same-b.svg");
  const char      *pairs[2][2] = { { a, b }, { c, d } };

  fixture_init (&f, "case-e.txt");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *x = NULL, *y = NULL;
      gsize            nx, ny;

      for (guint k = 0; k < 2; k++)
        {
          g_autoptr (KtsPoster) poster = poster_for (f.episode, "A2", TRUE);
          g_assert_true (kts_poster_export (
              poster, pairs[i][k], i == 0 ? KTS_POSTER_FORMAT_PDF : KTS_POSTER_FORMAT_SVG, NULL));
        }
      g_assert_true (g_file_get_contents (pairs[i][0], &x, &nx, NULL));
      g_assert_true (g_file_get_contents (pairs[i][1], &y, &ny, NULL));
      g_assert_cmpmem (x, nx, y, ny);
    }
}

/* ---- SVG text ---------------------------------------------------------------------------- */

/* The text of every <text> of an SVG file in document order, without white
 * space or hyphens; @fonts (may be NULL) gets the decoded @font-face data. */
static char *
svg_text (const char *path, GPtrArray *fonts)
{
  xmlDoc  *doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
  GString *out = g_string_new (NULL);
  GQueue   todo = G_QUEUE_INIT;

  g_assert_nonnull (doc);
  g_queue_push_tail (&todo, xmlDocGetRootElement (doc));
  while (!g_queue_is_empty (&todo))
    {
      xmlNode *node = g_queue_pop_head (&todo);

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_str_equal ((const char *)node->name, "text"))
        {
          xmlChar         *content = xmlNodeGetContent (node);
          g_autofree char *squeezed = squeeze ((const char *)content);

          g_string_append (out, squeezed);
          xmlFree (content);
          continue;
        }
      if (g_str_equal ((const char *)node->name, "style") && fonts != NULL)
        {
          xmlChar    *css = xmlNodeGetContent (node);
          const char *p = (const char *)css;

          while ((p = strstr (p, "base64,")) != NULL)
            {
              g_autofree char *data = NULL;
              gsize   n = strspn (p + 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789+/=");
              guchar *font;
              gsize   length;

              data = g_strndup (p + 7, n);
              font = g_base64_decode (data, &length);
              g_ptr_array_add (fonts, g_bytes_new_take (font, length));
              p += 7 + n;
            }
          xmlFree (css);
        }
      /* Children in document order: push them in front, last first. */
      {
        GList *children = NULL;

        for (xmlNode *child = node->children; child != NULL; child = child->next)
          children = g_list_prepend (children, child);
        for (GList *l = children; l != NULL; l = l->next)
          g_queue_push_head (&todo, l->data);
        g_list_free (children);
      }
    }
  xmlFreeDoc (doc);
  return g_string_free (out, FALSE);
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

/* The share of 4 × 4 pixel blocks whose average colour differs by more than
 * @tolerance (0–255) in some channel: tolerant of anti-aliasing, not of text
 * or shapes in the wrong place. */
static double
image_difference (cairo_surface_t *a, cairo_surface_t *b, int tolerance)
{
  int     w = MIN (cairo_image_surface_get_width (a), cairo_image_surface_get_width (b));
  int     h = MIN (cairo_image_surface_get_height (a), cairo_image_surface_get_height (b));
  int     sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  guchar *da, *db;
  guint   differ = 0, blocks = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);
  for (int by = 0; by + 4 <= h; by += 4)
    for (int bx = 0; bx + 4 <= w; bx += 4)
      {
        int sum[2][3] = { { 0 } };

        for (int y = by; y < by + 4; y++)
          for (int x = bx; x < bx + 4; x++)
            {
              guint32 pa = ((guint32 *)(da + y * sa))[x];
              guint32 pb = ((guint32 *)(db + y * sb))[x];

              for (int c = 0; c < 3; c++)
                {
                  sum[0][c] += (pa >> (8 * c)) & 0xff;
                  sum[1][c] += (pb >> (8 * c)) & 0xff;
                }
            }
        blocks++;
        for (int c = 0; c < 3; c++)
          if (ABS (sum[0][c] - sum[1][c]) / 16 > tolerance)
            {
              differ++;
              break;
            }
      }
  return blocks > 0 ? (double)differ / blocks : 1.0;
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The text recorder on its own: clipped lines, right-to-left text,
 * combining marks, ellipsized lines and characters XML must escape. */
/* Draws the recorder test's text on @cr (recorded if a recorder is attached). */
static void
draw_recorder_text (cairo_t *cr)
{
  PangoLayout          *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 10");
  cairo_font_options_t *options = cairo_font_options_create ();
  static const struct
  {
    const char *text;
    double      x, y;
  } shown[] = {
    { "Inside the clip", 20, 20 },
    { "Outside the clip", 20, 250 },
    { "Crosses the clip edge", 150, 80 },
    { "שלום עולם and مرحبا", 20, 40 },
    { "Cafe\xcc\x81 re\xcc\x81sume\xcc\x81 <&> \"quoted\"", 20, 60 },
  };

  /* Unhinted metrics, as the painters use. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_rectangle (cr, 0, 0, 200, 200);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.2, 0.4, 0.6);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      pango_layout_set_text (layout, shown[i].text, -1);
      cairo_move_to (cr, shown[i].x, shown[i].y);
      kts_svg_show_layout (cr, layout);
    }
  /* An ellipsized line says so. */
  pango_layout_set_text (layout, "A label far too long for its narrow box", -1);
  pango_layout_set_width (layout, 80 * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, 20, 120);
  kts_svg_show_layout (cr, layout);
  g_object_unref (layout);
}

/* The text recorder on its own: clipped lines, right-to-left text,
 * combining marks, ellipsized lines and characters XML must escape; the
 * SVG (rendered by librsvg) puts them where cairo puts the glyphs. */
static void
test_svg_text_recorder (void)
{
  g_autoptr (GString) raw = g_string_new (NULL);
  g_autoptr (KtsSvgText) text = kts_svg_text_new (TRUE);
  g_autofree char *merged = NULL;
  g_autofree char *file = tmp_path ("recorder.svg");
  g_autofree char *png = tmp_path ("recorder.svg.png");
  g_autofree char *content = NULL;
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_cb, raw, 400, 300);
  cairo_t         *cr = cairo_create (surface);

  kts_svg_text_attach (text, cr);
  draw_recorder_text (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  merged = kts_svg_text_merge (text, raw->str, raw->len, TRUE);
  g_assert_true (g_file_set_contents (file, merged, -1, NULL));
  content = svg_text (file, NULL);
  g_assert_nonnull (strstr (content, "Insidetheclip"));
  g_assert_null (strstr (content, "Outside")); /* clipped away entirely */
  g_assert_nonnull (strstr (content, "Crossestheclipedge"));
  /* In logical order, as written. */
  g_assert_nonnull (strstr (content, "שלוםעולםandمرحبا"));
  g_assert_nonnull (strstr (content, "Cafe\xcc\x81re\xcc\x81sume\xcc\x81<&>\"quoted\""));
  g_assert_nonnull (strstr (content, "…"));
  g_assert_null (strstr (content, "narrowbox"));
  g_assert_null (strstr (merged, "fill-opacity:0.01;"));
  g_assert_nonnull (strstr (merged, "fill=\"#336699\""));
  /* The partly visible line stays inside cairo's clip group. */
  {
    const char *line = strstr (merged, ">Crosses");
    const char *clip = strstr (merged, "clip-path=");

    g_assert_nonnull (line);
    g_assert_nonnull (clip);
    g_assert_true (clip < line);
  }
  g_assert_cmpuint (kts_svg_text_get_n_embedded_fonts (text), >=, 1);
  g_assert_cmpuint (kts_svg_text_get_unembedded_families (text)->len, ==, 0);

  /* librsvg draws the SVG as cairo draws the glyphs. */
  {
    const char *argv[]
        = { "rsvg-convert", "-d", "72", "-p", "72", "-z", "3", "-o", png, file, NULL };
    cairo_surface_t *svg_image, *image;
    double           diff;

    g_free (run (argv));
    svg_image = load_png (png);
    image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1200, 900);
    cr = cairo_create (image);
    cairo_scale (cr, 3, 3);
    draw_recorder_text (cr);
    cairo_destroy (cr);
    if (g_getenv ("KTS_POSTER_OUTPUT_DIR") != NULL)
      {
        g_autofree char *ref = tmp_path ("recorder.cairo.png");
        cairo_surface_write_to_png (image, ref);
      }
    diff = image_difference (svg_image, image, 40);
    g_test_message ("recorder: %.2f %% of blocks differ", diff * 100);
    g_assert_cmpfloat (diff, <, 0.01);
    cairo_surface_destroy (svg_image);
    cairo_surface_destroy (image);
  }
}

/* SVG posters carry their text as text: every label and quote of the
 * episode is in <text> elements, the fonts are embedded, and the SVG looks
 * like the PDF. */
static void
test_svg_text (void)
{
  static const char *const cases[] = { "case-b.txt", "case-e.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Fixture) f = { 0 };
      g_autoptr (KtsPoster) poster = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GString) all = g_string_new (NULL);
      g_autoptr (GString) map = g_string_new (NULL);
      g_autoptr (GPtrArray) fonts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_autofree char *base = g_strdup_printf ("text-%.6s", cases[i]);
      g_autofree char *svg_name = g_strdup_printf ("%s.svg", base);
      g_autofree char *pdf_name = g_strdup_printf ("%s.pdf", base);
      g_autofree char *svg = tmp_path (svg_name);
      g_autofree char *pdf = tmp_path (pdf_name);
      g_auto (GStrv) svgs = NULL;
      GListModel *moves;
      guint       n_map;

      fixture_init (&f, cases[i]);
      poster = poster_for (f.episode, i == 0 ? "A0" : "A2", TRUE);
      g_assert_true (kts_poster_export (poster, svg, KTS_POSTER_FORMAT_SVG, &error));
      g_assert_no_error (error);
      g_assert_true (kts_poster_export (poster, pdf, KTS_POSTER_FORMAT_PDF, &error));
      g_assert_no_error (error);
      svgs = kts_poster_output_files (poster, svg, KTS_POSTER_FORMAT_SVG);
      n_map = kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster);
      for (guint k = 0; svgs[k] != NULL; k++)
        {
          g_autofree char *text = svg_text (svgs[k], fonts);
          g_autofree char *raw = NULL;

          g_string_append (all, text);
          if (k < n_map)
            g_string_append (map, text);
          /* No glyph outlines left: the text is all text. */
          g_assert_true (g_file_get_contents (svgs[k], &raw, NULL, NULL));
          g_assert_null (strstr (raw, "<symbol"));
          g_assert_null (strstr (raw, "fill-opacity:0.01;"));
        }

      moves = kts_episode_get_moves (f.episode);
      for (guint m = 0; m < g_list_model_get_n_items (moves); m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          g_autofree char *quote = kts_move_dup_primary_quote (move);
          g_autofree char *start = g_utf8_substring (quote, 0, 40);

          assert_contains (map->str, kts_move_get_label (move), svg);
          assert_contains (map->str, kts_move_get_ident (move), svg);
          /* The card shows the quote (its start, when the appendix has the rest) … */
          assert_contains (map->str, start, svg);
          /* … and the SVG has all of it. */
          assert_contains (all->str, quote, svg);
        }
      assert_contains (map->str, kts_episode_get_pattern_formula (f.episode), svg);
      assert_contains (map->str, "Metacommunication principles", svg);
      assert_contains (map->str, "Theme tally", svg);
      assert_contains (map->str, "Codebook rupture-repair v1", svg);

      /* Fonts embedded as subsets: OpenType or TrueType data, not whole fonts. */
      g_assert_cmpuint (fonts->len, >=, 2);
      for (guint k = 0; k < fonts->len; k++)
        {
          gsize         length;
          const guchar *data = g_bytes_get_data (g_ptr_array_index (fonts, k), &length);

          g_assert_cmpuint (length, >, 1000);
          g_assert_cmpuint (length, <, 200000);
          g_assert_true (memcmp (data, "OTTO", 4) == 0 || memcmp (data, "\0\1\0\0", 4) == 0
                         || memcmp (data, "true", 4) == 0);
        }

      /* rsvg-convert renders the first sheet at its exact size, and it looks
       * like the PDF page rendered by pdftoppm at the same resolution. */
      {
        g_autofree char *svg_png = g_strdup_printf ("%s.svg.png", svg);
        g_autofree char *pdf_base = g_strdup_printf ("%s.page", pdf);
        g_autofree char *pdf_png = g_strdup_printf ("%s.png", pdf_base);
        const char      *rsvg[]
            = { "rsvg-convert", "-d", "30", "-p", "30", "-o", svg_png, svgs[0], NULL };
        const char      *ppm[] = { "pdftoppm", "-r", "30",          "-png", "-f",     "1",
                                   "-l",       "1",  "-singlefile", pdf,    pdf_base, NULL };
        cairo_surface_t *a, *b;
        double           w_pt, h_pt, diff;

        kts_poster_get_page_size (poster, 0, &w_pt, &h_pt);
        g_free (run (rsvg));
        g_free (run (ppm));
        a = load_png (svg_png);
        b = load_png (pdf_png);
        g_assert_cmpint (ABS (cairo_image_surface_get_width (a) - (int)round (w_pt / 72 * 30)), <=,
                         1);
        g_assert_cmpint (ABS (cairo_image_surface_get_height (a) - (int)round (h_pt / 72 * 30)), <=,
                         1);
        g_assert_cmpint (
            ABS (cairo_image_surface_get_width (a) - cairo_image_surface_get_width (b)), <=, 1);
        /* Anti-aliasing differs a little between librsvg and poppler; a
         * line of text out of place or missing changes whole blocks. */
        diff = image_difference (a, b, 40);
        g_test_message ("%s: %.2f %% of blocks differ", cases[i], diff * 100);
        g_assert_cmpfloat (diff, <, 0.025);
        cairo_surface_destroy (b);
        /* The measure tells pages apart: the appendix page is far off. */
        {
          g_autofree char *last = g_strdup_printf ("%u", kts_poster_get_n_pages (poster));
          const char      *other[] = { "pdftoppm", "-r", "30",          "-png", "-f",     last,
                                       "-l",       last, "-singlefile", pdf,    pdf_base, NULL };

          g_free (run (other));
          b = load_png (pdf_png);
          g_assert_cmpfloat (image_difference (a, b, 40), >, 0.05);
          cairo_surface_destroy (b);
        }
        cairo_surface_destroy (a);
      }
    }
}

/* A0 landscape over A4 with 10 mm overlap and 10 mm margins: 1189 × 841 mm
 * on 277 × 190 mm of image per landscape A4 page is 5 × 5 pages; portrait
 * would need 4 × 7. */
static void
test_tiles (void)
{
  g_auto (Fixture) f = { 0 };
  g_autoptr (KtsPoster) poster = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("tiled-a0-on-a4.pdf");
  g_autofree char *text = NULL;
  KtsPosterOptions options;
  guint            rows, cols, pages, sheets;
  double           pw, ph, tw, th;

  fixture_init (&f, "case-b.txt");
  kts_poster_options_init (&options);
  options.paper_width = 1189;
  options.paper_height = 841;
  options.tile_width = 210;
  options.tile_height = 297;
  options.date = "2024-05-01";
  poster = kts_poster_new (f.episode, &options);

  kts_poster_get_tiling (poster, &rows, &cols, &tw, &th);
  g_assert_cmpuint (rows, ==, 5);
  g_assert_cmpuint (cols, ==, 5);
  g_assert_cmpfloat_with_epsilon (tw, 297 * MM, 1e-6);
  g_assert_cmpfloat_with_epsilon (th, 210 * MM, 1e-6);

  /* Neighbours share exactly the overlap; together they cover the sheet. */
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        double x, y, w, h, x2, y2;

        kts_poster_get_tile_rect (poster, r, c, &x, &y, &w, &h);
        if (c + 1 < cols)
          {
            kts_poster_get_tile_rect (poster, r, c + 1, &x2, NULL, NULL, NULL);
            g_assert_cmpfloat_with_epsilon (x + w - x2, 10 * MM, 1e-6);
          }
        else
          g_assert_cmpfloat_with_epsilon (x + w, 1189 * MM, 1e-6);
        if (r + 1 < rows)
          {
            kts_poster_get_tile_rect (poster, r + 1, c, NULL, &y2, NULL, NULL);
            g_assert_cmpfloat_with_epsilon (y + h - y2, 10 * MM, 1e-6);
          }
        else
          g_assert_cmpfloat_with_epsilon (y + h, 841 * MM, 1e-6);
      }

  g_assert_true (kts_poster_export (poster, path, KTS_POSTER_FORMAT_PDF, &error));
  g_assert_no_error (error);
  sheets = kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster);
  pdf_info (path, &pages, &pw, &ph);
  g_assert_cmpuint (pages, ==, sheets * 25 + kts_poster_get_n_appendix_sheets (poster));
  g_assert_cmpuint (pages, ==, kts_poster_get_n_pages (poster));
  g_assert_cmpfloat_with_epsilon (pw, 297 * MM, 0.02);
  g_assert_cmpfloat_with_epsilon (ph, 210 * MM, 0.02);

  text = pdf_text (path, 8, 8);
  assert_contains (text, sheets > 1 ? "Row 2, column 3 of 5×5" : "Row 2, column 3 of 5×5",
                   "tile 8");
  g_free (text);
  text = pdf_text (path, pages, pages);
  assert_contains (text, "Appendix: full quotes", "tiled appendix");

  /* Not as SVG or PNG. */
  g_autofree char *svg = tmp_path ("tiled.svg");
  g_assert_false (kts_poster_export (poster, svg, KTS_POSTER_FORMAT_SVG, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
}

static void
test_privacy_and_tally (void)
{
  g_auto (Fixture) f = { 0 };
  g_autoptr (GPtrArray) identifiable = NULL;
  guint counts[7];

  fixture_init (&f, "case-a.txt");
  identifiable = kts_poster_identifiable_documents (f.episode);
  g_assert_cmpuint (identifiable->len, ==, 0);
  g_clear_pointer (&identifiable, g_ptr_array_unref);

  g_object_set (f.document, "pseudonymised", FALSE, NULL);
  identifiable = kts_poster_identifiable_documents (f.episode);
  g_assert_cmpuint (identifiable->len, ==, 1);
  g_assert_true (g_ptr_array_index (identifiable, 0) == f.document);

  {
    g_autoptr (KtsPoster) poster = poster_for (f.episode, "A3", TRUE);
    g_autofree char *path = tmp_path ("identifiable.pdf");
    g_autofree char *text = NULL;

    g_assert_true (kts_poster_export (poster, path, KTS_POSTER_FORMAT_PDF, NULL));
    text = pdf_text (path, 1, 1);
    assert_contains (text, "NOT PSEUDONYMISED: Interview-1", "stamp");
  }

  /* Themes cycle 1a, 2a (a leaf under it), 2c, none, 2e, none over the moves. */
  kts_poster_theme_tally (f.episode, counts);
  {
    guint n = g_list_model_get_n_items (kts_episode_get_moves (f.episode));
    guint expect_1a = (n + 5) / 6, expect_2a = (n + 4) / 6, expect_2c = (n + 3) / 6;
    guint expect_2e = (n + 1) / 6;

    g_assert_cmpuint (counts[0], ==, expect_1a);
    g_assert_cmpuint (counts[1], ==, 0);
    g_assert_cmpuint (counts[2], ==, expect_2a);
    g_assert_cmpuint (counts[3], ==, 0);
    g_assert_cmpuint (counts[4], ==, expect_2c);
    g_assert_cmpuint (counts[5], ==, 0);
    g_assert_cmpuint (counts[6], ==, expect_2e);
  }
}

/* An episode of @n moves in phase runs of @run moves. */
static KtsEpisode *
long_episode (guint n, guint run)
{
  KtsEpisode           *episode = kts_episode_new (NULL, "long");
  GListStore           *moves = _kts_episode_get_moves_store (episode);
  static const KtsPhase phases[]
      = { KTS_PHASE_BEFORE, KTS_PHASE_RUPTURE, KTS_PHASE_REPAIR, KTS_PHASE_AFTER };

  g_object_set (episode, "pattern-formula", "REL imbalance → C·SD isolation [WD] → T 2a → 2e",
                "rupture-types", "W>C", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("Move number %u of the long episode", i + 1);
      g_autofree char *ident = g_strdup_printf ("m%u", i + 1);
      g_autofree char *quote = make_quote (i, 80 + (i * 53) % 150, ident);
      g_autoptr (KtsMove) move = kts_move_new (NULL, label);

      g_object_set (move, "ident", ident, "quote", quote, "phase", phases[(i / run) % 4], "actor",
                    i % 2 ? KTS_ACTOR_CLIENT : KTS_ACTOR_THERAPIST, "dimension",
                    (i / 3) % 2 ? KTS_DIMENSION_RELATEDNESS : KTS_DIMENSION_SELF_DEFINITION,
                    "location", KTS_LOCATION_IN_SESSION, NULL);
      g_list_store_append (moves, move);
    }
  return episode;
}

static void
test_row_wrapping (void)
{
  g_autoptr (KtsEpisode) episode = long_episode (300, 3);
  g_autoptr (KtsPoster) poster = poster_for (episode, "A1", TRUE);
  GListModel *moves = kts_episode_get_moves (episode);
  guint       n_rows = kts_poster_get_n_rows (poster);
  guint       next = 0;

  assert_min_fonts (poster, 841, 594);
  g_assert_cmpuint (n_rows, >, 3);
  g_assert_cmpuint (kts_poster_get_n_sheets (poster), >, 1);
  for (guint r = 0; r < n_rows; r++)
    {
      guint first, last;

      kts_poster_get_row (poster, r, &first, &last);
      g_assert_cmpuint (first, ==, next);
      g_assert_cmpuint (last, >=, first);
      next = last + 1;
      if (r + 1 < n_rows)
        {
          g_autoptr (KtsMove) a = g_list_model_get_item (moves, last);
          g_autoptr (KtsMove) b = g_list_model_get_item (moves, last + 1);

          /* Every band is narrower than a row, so every break is at a phase boundary. */
          g_assert_cmpint (kts_move_get_phase (a), !=, kts_move_get_phase (b));
        }
    }
  g_assert_cmpuint (next, ==, 300);

  /* A row that starts where a band starts names that band, and not the one
   * that ended at its left edge as "… (continued)" over it. */
  {
    g_autofree char *path = tmp_path ("rows.pdf");
    g_autofree char *text = NULL;

    g_assert_true (kts_poster_export (poster, path, KTS_POSTER_FORMAT_PDF, NULL));
    text = pdf_text (path, 0, 0);
    assert_contains (text, "REPAIR", "rows");
    g_assert_null (strstr (text, "(continued)"));
  }
}

/* The flowchart (brief B.3.1) as a poster: the cases on A1 and A3 keep the
 * minimum sizes, every move's label and quote, the brackets; no dimension
 * lanes, codes, analyst reading or tally. A long one wraps into rows at phase
 * boundaries like the process map. */
static void
test_flowchart (void)
{
  for (guint i = 0; i < 5; i++)
    for (guint p = 0; p < 2; p++)
      {
        const char *name = kts_map_fixture_names[i];
        const char *paper = p == 0 ? "A1" : "A3";
        g_auto (Fixture) f = { 0 };
        KtsPosterOptions options;
        g_autoptr (KtsPoster) poster = NULL;
        g_autoptr (GError) error = NULL;
        g_autofree char *file = g_strdup_printf ("flow-%.6s-%s.pdf", name, paper);
        g_autofree char *path = tmp_path (file);
        g_autofree char *text = NULL;
        GListModel      *moves;
        double           w, h;
        guint            pages;

        fixture_init (&f, name);
        kts_poster_options_init (&options);
        g_assert_true (kts_poster_parse_paper (paper, &w, &h, NULL));
        options.paper_width = MAX (w, h);
        options.paper_height = MIN (w, h);
        options.arrangement = KTS_MAP_ARRANGEMENT_FLOWCHART;
        options.codebook_version = "rupture-repair v1";
        options.date = "2024-05-01";
        poster = kts_poster_new (f.episode, &options);
        assert_min_fonts (poster, MAX (w, h), MIN (w, h));
        g_assert_true (kts_poster_export (poster, path, KTS_POSTER_FORMAT_PDF, &error));
        g_assert_no_error (error);
        pdf_info (path, &pages, &w, &h);
        text = pdf_text (path, 1, pages - kts_poster_get_n_appendix_sheets (poster));

        moves = kts_episode_get_moves (f.episode);
        for (guint m = 0; m < g_list_model_get_n_items (moves); m++)
          {
            g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);

            assert_contains (text, kts_move_get_label (move), file);
          }
        assert_contains (text, "RUPTURE", file);
        assert_contains (text, "REPAIR", file);
        assert_contains (text, "Therapist", file);
        assert_contains (text, "Analysis step: 3, flowchart", file);
        g_assert_null (strstr (text, "T · SD"));
        g_assert_null (strstr (text, "C · REL"));
        g_assert_null (strstr (text, "Analyst reading"));
        g_assert_null (strstr (text, "Theme tally"));
        g_assert_null (strstr (text, "Metacommunication principles"));
        g_assert_null (strstr (text, "Themes:"));
      }

  /* A long flowchart wraps into rows at phase boundaries. */
  {
    g_autoptr (KtsEpisode) episode = long_episode (120, 3);
    KtsPosterOptions options;
    g_autoptr (KtsPoster) poster = NULL;
    GListModel *moves = kts_episode_get_moves (episode);
    guint       next = 0;

    kts_poster_options_init (&options);
    options.arrangement = KTS_MAP_ARRANGEMENT_FLOWCHART;
    poster = kts_poster_new (episode, &options);
    assert_min_fonts (poster, 841, 594);
    g_assert_cmpuint (kts_poster_get_n_rows (poster), >, 2);
    for (guint r = 0; r < kts_poster_get_n_rows (poster); r++)
      {
        guint first, last;

        kts_poster_get_row (poster, r, &first, &last);
        g_assert_cmpuint (first, ==, next);
        next = last + 1;
        if (r + 1 < kts_poster_get_n_rows (poster))
          {
            g_autoptr (KtsMove) a = g_list_model_get_item (moves, last);
            g_autoptr (KtsMove) b = g_list_model_get_item (moves, last + 1);

            g_assert_cmpint (kts_move_get_phase (a), !=, kts_move_get_phase (b));
          }
      }
    g_assert_cmpuint (next, ==, 120);
  }
}

/* One band wider than the sheet is broken between its columns. */
static void
test_wide_band (void)
{
  g_autoptr (KtsEpisode) episode = long_episode (30, 30);
  g_autoptr (KtsPoster) poster = poster_for (episode, "A3", TRUE);
  g_autofree char *path = tmp_path ("wide-band.pdf");
  g_autofree char *text = NULL;
  guint            next = 0;

  g_assert_cmpuint (kts_poster_get_n_rows (poster), >, 1);
  for (guint r = 0; r < kts_poster_get_n_rows (poster); r++)
    {
      guint first, last;

      kts_poster_get_row (poster, r, &first, &last);
      g_assert_cmpuint (first, ==, next);
      next = last + 1;
    }
  g_assert_cmpuint (next, ==, 30);
  g_assert_true (kts_poster_export (poster, path, KTS_POSTER_FORMAT_PDF, NULL));
  text = pdf_text (path, 0, 0);
  assert_contains (text, "BEFORE (continued)", "wide band");
  assert_contains (text, "Move number 30 of the long episode", "wide band");
}

/* A small episode grows to fill a big sheet. */
static void
test_scale_up (void)
{
  g_autoptr (KtsEpisode) episode = long_episode (3, 3);
  g_autoptr (KtsPoster) poster = poster_for (episode, "A0", TRUE);
  double min_scale;

  g_assert_cmpuint (kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster),
                    ==, 1);
  g_assert_cmpuint (kts_poster_get_n_rows (poster), ==, 1);
  /* The scale that gives body text its minimum on A0 … */
  min_scale
      = kts_poster_minimum_font_size (841, KTS_POSTER_TEXT_BODY)
        / (kts_poster_get_font_size (poster, KTS_POSTER_TEXT_BODY) / kts_poster_get_scale (poster));
  /* … is below the one chosen, which fills the sheet. */
  g_assert_cmpfloat (kts_poster_get_scale (poster), >, min_scale * 1.02);
}

/* The published cases pack densely: on A0 each fits one sheet at B.11's
 * minimum sizes or larger; on A1 case b takes at most three sheets (it
 * took four before rows were packed, three before the reading and the
 * legend could go on the emptiest sheet; now two). */
static void
test_dense (void)
{
  for (guint i = 0; i < 5; i++)
    for (guint a = 0; a < 2; a++)
      {
        g_auto (Fixture) f = { 0 };
        KtsPosterOptions options;
        g_autoptr (KtsPoster) poster = NULL;

        fixture_init (&f, kts_map_fixture_names[i]);
        kts_poster_options_init (&options);
        options.paper_width = 1189;
        options.paper_height = 841;
        options.arrangement = a == 0 ? KTS_MAP_ARRANGEMENT_SURFACE : KTS_MAP_ARRANGEMENT_DYAD;
        options.date = "2024-05-01";
        poster = kts_poster_new (f.episode, &options);
        assert_min_fonts (poster, 1189, 841);
        g_assert_cmpuint (
            kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster), ==, 1);
      }

  {
    g_auto (Fixture) f = { 0 };
    g_autoptr (KtsPoster) poster = NULL;

    fixture_init (&f, "case-b.txt");
    poster = poster_for (f.episode, "A1", TRUE);
    assert_min_fonts (poster, 841, 594);
    /* At the least legible scale or larger: the scale grows as far as
     * three sheets still hold everything. */
    g_assert_cmpfloat (kts_poster_get_font_size (poster, KTS_POSTER_TEXT_BODY), >=, 14 - 1e-6);
    g_assert_cmpuint (kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster),
                      <=, 3);
  }
}

/* Whether every move of row @row shares one phase that no other row has. */
static gboolean
row_is_whole_phase (KtsPoster *poster, KtsEpisode *episode, guint row)
{
  GListModel *moves = kts_episode_get_moves (episode);
  guint       first, last;
  KtsPhase    phase;

  kts_poster_get_row (poster, row, &first, &last);
  {
    g_autoptr (KtsMove) move = g_list_model_get_item (moves, first);
    phase = kts_move_get_phase (move);
  }
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      gboolean inside = i >= first && i <= last;

      if (inside != (kts_move_get_phase (move) == phase))
        return FALSE;
    }
  return TRUE;
}

/* A poster of more than one sheet looks deliberate: no more sheets than
 * before, the scale grown past the minimum where it can, every map sheet
 * well filled and the rows even (none under half the widest unless it is
 * a phase by itself). */
static double
assert_balanced (KtsEpisode       *episode,
                 KtsMapArrangement arrangement,
                 guint             max_sheets,
                 double            min_fill)
{
  KtsPosterOptions options;
  g_autoptr (KtsPoster) poster = NULL;
  guint  n_map;
  double widest = 0;

  kts_poster_options_init (&options);
  options.paper_width = 841;
  options.paper_height = 594;
  options.arrangement = arrangement;
  options.date = "2024-05-01";
  poster = kts_poster_new (episode, &options);
  assert_min_fonts (poster, 841, 594);
  n_map = kts_poster_get_n_sheets (poster) - kts_poster_get_n_appendix_sheets (poster);
  g_assert_cmpuint (n_map, >, 1);
  g_assert_cmpuint (n_map, <=, max_sheets);
  for (guint sh = 0; sh < n_map; sh++)
    {
      if (g_getenv ("KTS_DEBUG_BALANCE"))
        g_printerr ("sheet %u fill %.2f\n", sh, kts_poster_get_sheet_fill (poster, sh));
      g_assert_cmpfloat (kts_poster_get_sheet_fill (poster, sh), >=, min_fill);
    }
  for (guint r = 0; r < kts_poster_get_n_rows (poster); r++)
    {
      double w;
      guint  sheet;

      kts_poster_get_row_extent (poster, r, &sheet, &w, NULL);
      g_assert_cmpuint (sheet, <, n_map);
      widest = MAX (widest, w);
    }
  for (guint r = 0; r < kts_poster_get_n_rows (poster); r++)
    {
      double w;

      kts_poster_get_row_extent (poster, r, NULL, &w, NULL);
      if (g_getenv ("KTS_DEBUG_BALANCE"))
        g_printerr ("row %u width %.0f of %.0f\n", r, w, widest);
      if (!row_is_whole_phase (poster, episode, r))
        g_assert_cmpfloat (w, >=, widest / 2);
    }
  return kts_poster_get_font_size (poster, KTS_POSTER_TEXT_BODY);
}

static void
test_balanced (void)
{
  const char      *root = g_getenv ("KTS_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = NULL;
  KtsEpisode *sample;
  g_auto (Fixture) f = { 0 };

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "sample", "sample.kintsugi", NULL);
  file = g_file_new_for_path (path);
  project = kts_project_load (file, NULL, &error);
  g_assert_no_error (error);
  sample = kts_project_find_episode (project, "Session 7: the role-play");
  g_assert_nonnull (sample);
  /* Sheets before this packing: 3 (surface, dyad), 2 (flowchart), all at
   * the least legible scale (move labels 14 pt); now the scale grows while
   * the sheets hold everything. */
  g_assert_cmpfloat (assert_balanced (sample, KTS_MAP_ARRANGEMENT_SURFACE, 3, 0.6), >, 15);
  assert_balanced (sample, KTS_MAP_ARRANGEMENT_DYAD, 3, 0.6);
  g_assert_cmpfloat (assert_balanced (sample, KTS_MAP_ARRANGEMENT_FLOWCHART, 2, 0.6), >, 15);

  fixture_init (&f, "case-b.txt");
  assert_balanced (f.episode, KTS_MAP_ARRANGEMENT_SURFACE, 3, 0.6);
  assert_balanced (f.episode, KTS_MAP_ARRANGEMENT_DYAD, 3, 0.6);
  assert_balanced (f.episode, KTS_MAP_ARRANGEMENT_FLOWCHART, 2, 0.6);
}

/* Rows from the planner: in order, each at most the width asked for, each
 * starting clean so that no card crosses from one row into another; a phase
 * too long for a row breaks between moves. */
static void
test_row_planner (void)
{
  static const guint runs[] = { 3, 30 };

  for (guint k = 0; k < G_N_ELEMENTS (runs); k++)
    {
      g_autoptr (KtsEpisode) episode = long_episode (40, runs[k]);
      KtsMapStyle style;
      g_autoptr (KtsMapPainter) painter = NULL;
      g_autoptr (KtsMapRowPlanner) planner = NULL;
      g_autoptr (GArray) rows = NULL;
      KtsMapLayout *layout;
      guint         next = 0, mid_band = 0;
      double        limit = 1300;

      kts_map_style_init (&style);
      painter = kts_map_painter_new (episode, &style);
      planner = kts_map_row_planner_new (painter);
      rows = kts_map_row_planner_plan (planner, limit);
      layout = kts_map_painter_get_layout (painter);
      g_assert_cmpuint (rows->len, >, 1);

      for (guint r = 0; r < rows->len; r++)
        {
          const KtsMapRow *row = &g_array_index (rows, KtsMapRow, r);
          double           x0, x1, unused;

          g_assert_cmpuint (row->first, ==, next);
          next = row->last + 1;
          g_assert_true (row->width <= limit + 1e-6 || row->first == row->last);
          kts_map_painter_column_extent (painter, row->first, &x0, &unused);
          kts_map_painter_column_extent (painter, row->last, &unused, &x1);
          for (guint c = 0; c < layout->cards->len; c++)
            {
              const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, c);
              gboolean          in = card->column >= row->first && card->column <= row->last;

              if (in)
                {
                  g_assert_cmpfloat (card->x, >=, x0);
                  g_assert_cmpfloat (card->x + card->width, <=, x1);
                }
              else
                g_assert_true (card->x + card->width <= x0 || card->x >= x1);
            }
          if (r > 0)
            {
              g_autoptr (KtsMove) a
                  = g_list_model_get_item (kts_episode_get_moves (episode), row->first - 1);
              g_autoptr (KtsMove) b
                  = g_list_model_get_item (kts_episode_get_moves (episode), row->first);

              mid_band += kts_move_get_phase (a) == kts_move_get_phase (b);
            }
        }
      g_assert_cmpuint (next, ==, 40);
      /* Short phases break at their boundaries; a 30-move phase cannot. */
      if (runs[k] == 3)
        g_assert_cmpuint (mid_band, ==, 0);
      else
        g_assert_cmpuint (mid_band, >, 0);
    }
}

/* A project file with one episode quoting a transcript not marked pseudonymised. */
static char *
write_project (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsDocument) document = kts_document_new (
      NULL, "Interview-c", "I: How was it?\nT: She walked out and slammed the door.\n");
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, "c-1");
  g_autoptr (KtsCode) code = kts_code_new (NULL, "2d regulates relatedness");
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  char      *path = tmp_path ("cli.kintsugi");
  KtsCoding *coding;

  g_object_set (code, "key", "KS.2d", NULL);
  g_assert_true (kts_project_add_code (project, code, NULL, -1, &error));
  g_assert_true (kts_project_add_document (project, document, -1, &error));
  g_assert_no_error (error);
  coding = kts_project_apply_code (project, document, 18, 54, code, NULL, KTS_ACTOR_CLIENT, &error);
  g_assert_no_error (error);
  g_object_set (episode, "pattern-formula", "C·SD walk-out → T 2d whiteboard", NULL);
  g_assert_true (kts_project_add_episode (project, episode, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("Walks out, comes back %u", i + 1);
      g_autoptr (KtsMove) move = kts_move_new (NULL, label);

      g_object_set (move, "actor", KTS_ACTOR_CLIENT, "dimension", KTS_DIMENSION_SELF_DEFINITION,
                    "phase", KTS_PHASE_RUPTURE, NULL);
      g_assert_true (kts_project_add_move (project, episode, move, -1, &error));
      g_assert_true (kts_project_set_move_anchors (project, move, &coding, 1, &error));
    }
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  g_assert_true (kts_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static int
run_cli (char **out, char **err, ...)
{
  const char *cli = g_getenv ("KTS_CLI");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int         status = 0;
  va_list     args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer)cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *project = NULL;
  g_autofree char *pdf = tmp_path ("cli-c-1.pdf");
  g_autofree char *png = tmp_path ("cli-c-1.png");
  g_autofree char *text = NULL;
  char            *out = NULL, *err = NULL;
  guint            pages;
  double           w, h;

  if (g_getenv ("KTS_CLI") == NULL)
    {
      g_test_skip ("KTS_CLI is not set; run this test through meson");
      return;
    }
  project = write_project ();

  /* Refuses quotes from a transcript not marked pseudonymised. */
  g_assert_cmpint (run_cli (&out, &err, "export-map", project, "--episode", "c-1", "-o", pdf, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "Interview-c"));
  g_assert_nonnull (strstr (err, "--allow-identifiable"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "export-map", project, "--episode", "c-1", "-o", pdf,
                            "--paper", "A2", "--portrait", "--allow-identifiable", "--date",
                            "2024-05-01", NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  pdf_info (pdf, &pages, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 420 * MM, 0.02);
  g_assert_cmpfloat_with_epsilon (h, 594 * MM, 0.02);
  text = pdf_text (pdf, 0, 0);
  assert_contains (text, "Walks out, comes back 3", "cli");
  assert_contains (text, "She walked out and slammed the door.", "cli");
  assert_contains (text, "NOT PSEUDONYMISED", "cli");

  g_assert_cmpint (run_cli (&out, &err, "export-map", project, "-e", "c-1", "-o", png, "--paper",
                            "A4", "--dpi", "40", "--allow-identifiable", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);

    g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int)round (297 / 25.4 * 40));
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int)round (210 / 25.4 * 40));
    cairo_surface_destroy (image);
  }

  /* Usage errors exit with 2, a missing episode with 1. */
  g_assert_cmpint (run_cli (&out, &err, "export-map", project, "-e", "c-1", "-o", "x.jpg", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, ".pdf, .svg or .png"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      run_cli (&out, &err, "export-map", project, "-e", "c-1", "-o", png, "--tile", "a4", NULL), ==,
      2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      run_cli (&out, &err, "export-map", project, "-e", "c-1", "-o", pdf, "--paper", "B7", NULL),
      ==, 2);
  g_assert_nonnull (strstr (err, "B7"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export-map", project, "-o", pdf, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export-map", project, "-e", "nope", "-o", pdf, NULL), ==,
                   1);
  g_assert_nonnull (strstr (err, "nope"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/poster/paper", test_paper);
  g_test_add_func ("/map/poster/pdf", test_pdf_cases);
  g_test_add_func ("/map/poster/png-svg", test_png_svg);
  g_test_add_func ("/map/poster/deterministic", test_deterministic);
  g_test_add_func ("/map/poster/svg-text", test_svg_text);
  g_test_add_func ("/map/poster/svg-text-recorder", test_svg_text_recorder);
  g_test_add_func ("/map/poster/tiles", test_tiles);
  g_test_add_func ("/map/poster/privacy-tally", test_privacy_and_tally);
  g_test_add_func ("/map/poster/rows", test_row_wrapping);
  g_test_add_func ("/map/poster/wide-band", test_wide_band);
  g_test_add_func ("/map/poster/scale-up", test_scale_up);
  g_test_add_func ("/map/poster/dense", test_dense);
  g_test_add_func ("/map/poster/row-planner", test_row_planner);
  g_test_add_func ("/map/poster/balanced", test_balanced);
  g_test_add_func ("/map/poster/cli", test_cli);
  g_test_add_func ("/map/poster/flowchart", test_flowchart);

  return g_test_run ();
}
