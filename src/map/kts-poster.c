/* kts-poster.c: process-map posters: scale, row wrapping, sheets, appendix,
 * tiling, and PDF/SVG/PNG output.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is planned in layout units (the painter's points) and drawn on
 * a sheet at scale s. The scale is the smallest that keeps each kind of text
 * at its B.11 minimum for the paper; if the whole poster then fits on one
 * sheet with room to spare, it grows until it fills the sheet.
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <stdio.h>
#include <string.h>

#include "kts-map-painter.h"
#include "kts-map-rows.h"
#include "kts-poster.h"
#include "kts-svg-private.h"

#define MM (72.0 / 25.4)
#define A1_SHORT_SIDE 594.0
#define BLOCK_GAP 12.0

/* Poster type sizes in layout units, in the proportions of B.11's minimums
 * (body 14 : quotes 12 : small print 10, badges being 13/14 of the small
 * print), so that at the least legible scale every kind of text sits at its
 * minimum together and none takes more room than it must. On A1 that scale
 * is 14 / 9.5 ≈ 1.47: move labels 14 pt, lane and phase names 16.8 pt,
 * quotes 12 pt, badges 10 pt and the rest of the small print 10.8 pt. */
#define POSTER_LABEL 9.5
#define POSTER_QUOTE (POSTER_LABEL * 12.0 / 14.0)
#define POSTER_SMALL (POSTER_LABEL * 10.0 / 13.0)
/* A card shows about three lines of its quote; the appendix has the rest. */
#define POSTER_QUOTE_CHARS 150

static const char *const theme_ids[7] = { "1a", "1b", "2a", "2b", "2c", "2d", "2e" };

typedef enum
{
  BLOCK_TITLE,
  BLOCK_ROW,
  BLOCK_READING, /* analyst reading and theme tally */
  BLOCK_BOTTOM,  /* the legend */
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint     row;
  double    part_y0; /* the part of a row shown (a row split over sheets) */
  double    part_y1;
  double    height;
  guint     sheet;
  double    y;
  double    x;      /* left within the width: 0, or beside a row */
  double    width;  /* what the block is laid out for */
  int       anchor; /* the row block this one stands beside, or -1 */
  double    dy;     /* its offset from the top of that row */
} Block;

typedef struct
{
  KtsMove *move;
  guint    sheet;
  double   x;
  double   y;
  double   height;
} AppendixEntry;

struct _KtsPoster
{
  KtsEpisode      *episode;
  KtsPosterOptions options;
  char            *codebook_version;
  char            *date;
  KtsMapPainter   *painter;
  PangoContext    *context;
  char            *font_family;

  double sheet_w, sheet_h; /* points */
  double margin;           /* points */
  double scale;
  double width;  /* usable width in layout units */
  double height; /* usable height above the footer, layout units */
  double footer_h;
  double continued_h;
  double rows_x; /* left of the stacked rows within the width */

  KtsMapRowPlanner *row_planner;

  GArray *rows;   /* KtsMapRow */
  GArray *blocks; /* Block */
  guint   n_map_sheets;
  guint   last_plan; /* which of plan_at_scale()'s plans was chosen last */

  GPtrArray *truncated; /* KtsMove */
  GArray    *appendix;  /* AppendixEntry */
  guint      n_appendix_sheets;
  double     app_w, app_h, app_scale, app_margin, app_col_w;

  gboolean tiled;
  double   tile_w, tile_h; /* points, in the chosen orientation */
  double   tile_margin, tile_overlap;
  guint    tile_rows, tile_cols;
};

/* ---- Paper and options ---------------------------------------------------------- */

void
kts_poster_options_init (KtsPosterOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (KtsPosterOptions){
    .paper_width = 841,
    .paper_height = 594,
    .arrangement = KTS_MAP_ARRANGEMENT_SURFACE,
    .codebook_version = NULL,
    .date = NULL,
    .dpi = 300,
    .tile_width = 0,
    .tile_height = 0,
    .tile_overlap = 10,
    .tile_margin = 10,
  };
}

gboolean
kts_poster_parse_paper (const char *name, double *width_mm, double *height_mm, GError **error)
{
  static const struct
  {
    const char *name;
    double      w, h;
  } papers[] = {
    { "a0", 841, 1189 },         { "a1", 594, 841 },         { "a2", 420, 594 },
    { "a3", 297, 420 },          { "a4", 210, 297 },         { "a5", 148, 210 },
    { "a6", 105, 148 },          { "letter", 215.9, 279.4 }, { "legal", 215.9, 355.6 },
    { "tabloid", 279.4, 431.8 },
  };
  g_autofree char *lower = NULL;
  double           w, h;
  char            *end;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (lower, papers[i].name))
      {
        *width_mm = papers[i].w;
        *height_mm = papers[i].h;
        return TRUE;
      }

  /* WIDTHxHEIGHTmm */
  w = g_ascii_strtod (lower, &end);
  if (end != lower && (*end == 'x' || *end == '*'))
    {
      const char *rest = end + 1;

      h = g_ascii_strtod (rest, &end);
      if (end != rest && g_str_equal (end, "mm") && w >= 50 && h >= 50 && w <= 5000 && h <= 5000)
        {
          *width_mm = w;
          *height_mm = h;
          return TRUE;
        }
    }

  g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
               _ ("Unknown paper “%s”: use A0–A6, letter, legal, tabloid or WIDTHxHEIGHTmm "
                  "(50 to 5000 mm, e.g. 500x700mm)"),
               name);
  return FALSE;
}

gboolean
kts_poster_format_from_path (const char *path, KtsPosterFormat *format, GError **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    *format = KTS_POSTER_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = KTS_POSTER_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *format = KTS_POSTER_FORMAT_PNG;
  else
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("%s: the file name must end in .pdf, .svg or .png"), path);
      return FALSE;
    }
  return TRUE;
}

double
kts_poster_minimum_font_size (double short_side_mm, KtsPosterText text)
{
  double a1;

  switch (text)
    {
    case KTS_POSTER_TEXT_LABEL:
      a1 = 16;
      break;
    case KTS_POSTER_TEXT_QUOTE:
      a1 = 12;
      break;
    case KTS_POSTER_TEXT_DETAIL:
      /* B.11 names no size for the small print of a card; it must still be
       * read at arm's length. */
      return MAX (7.0, 10.0 * MIN (short_side_mm, A1_SHORT_SIDE) / A1_SHORT_SIDE);
    case KTS_POSTER_TEXT_BODY:
    default:
      a1 = 14;
      break;
    }
  /* Legibility at a metre does not depend on the paper: A0 keeps A1's
   * sizes and holds more; smaller sheets are read closer and scale down. */
  return MAX (7.0, a1 * MIN (short_side_mm, A1_SHORT_SIDE) / A1_SHORT_SIDE);
}

/* ---- What the poster reports ------------------------------------------------------ */

GPtrArray *
kts_poster_identifiable_documents (KtsEpisode *episode)
{
  GPtrArray  *documents = g_ptr_array_new ();
  GListModel *moves;

  g_return_val_if_fail (KTS_IS_EPISODE (episode), documents);

  moves = kts_episode_get_moves (episode);
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      GPtrArray *anchors = kts_move_get_anchors (move);

      for (guint k = 0; anchors != NULL && k < anchors->len; k++)
        {
          KtsDocument *document = kts_coding_get_document (g_ptr_array_index (anchors, k));

          if (document != NULL && !kts_document_get_pseudonymised (document)
              && !g_ptr_array_find (documents, document, NULL))
            g_ptr_array_add (documents, document);
        }
    }
  return documents;
}

/* Documents the moves quote, pseudonymised or not. */
static guint
count_quoted_documents (KtsEpisode *episode)
{
  g_autoptr (GPtrArray) documents = g_ptr_array_new ();
  GListModel *moves = kts_episode_get_moves (episode);

  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      GPtrArray *anchors = kts_move_get_anchors (move);

      for (guint k = 0; anchors != NULL && k < anchors->len; k++)
        {
          KtsDocument *document = kts_coding_get_document (g_ptr_array_index (anchors, k));

          if (document != NULL && !g_ptr_array_find (documents, document, NULL))
            g_ptr_array_add (documents, document);
        }
    }
  return documents->len;
}

void
kts_poster_theme_tally (KtsEpisode *episode, guint counts[7])
{
  GListModel *moves;

  memset (counts, 0, 7 * sizeof (guint));
  g_return_if_fail (KTS_IS_EPISODE (episode));

  moves = kts_episode_get_moves (episode);
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      GPtrArray *anchors = kts_move_get_anchors (move);
      gboolean   seen[7] = { FALSE };

      for (guint k = 0; anchors != NULL && k < anchors->len; k++)
        {
          KtsCode    *code = kts_coding_get_code (g_ptr_array_index (anchors, k));
          const char *key = code != NULL ? kts_code_get_key (code) : NULL;

          if (key == NULL || !g_str_has_prefix (key, "KS."))
            continue;
          for (guint t = 0; t < 7; t++)
            if (strncmp (key + 3, theme_ids[t], 2) == 0 && (key[5] == '\0' || key[5] == '.'))
              seen[t] = TRUE;
        }
      for (guint t = 0; t < 7; t++)
        counts[t] += seen[t] ? 1 : 0;
    }
}

/* ---- Text ------------------------------------------------------------------------------ */

static PangoLayout *
text_layout (KtsPoster  *self,
             const char *text,
             double      size,
             PangoWeight weight,
             gboolean    italic,
             double      width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string (self->font_family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  if (italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static double
text_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

static double
text_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)w / PANGO_SCALE;
}

static void
show_text (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  kts_svg_show_layout (cr, layout);
}

static void
ink (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
}

static void
dim_ink (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 0.36, 0.36, 0.40);
}

/* ---- Footer, continuation line, tally ---------------------------------------------- */

static char *
footer_left (KtsPoster *self)
{
  const char *status = kts_episode_get_status (self->episode) == KTS_EPISODE_STATUS_VALIDATED
                           ? _ ("Validated: checked against the transcripts")
                           : _ ("Draft: not yet validated against the transcripts");

  return g_strdup_printf (_ ("Codebook %s   ·   %s   ·   Exported %s"),
                          self->codebook_version != NULL ? self->codebook_version : _ ("unknown"),
                          status, self->date);
}

static char *
pseudonym_stamp (KtsPoster *self)
{
  g_autoptr (GPtrArray) identifiable = kts_poster_identifiable_documents (self->episode);
  guint n = count_quoted_documents (self->episode);

  if (identifiable->len > 0)
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < identifiable->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                kts_document_get_title (g_ptr_array_index (identifiable, i)));
      return g_strdup_printf (_ ("NOT PSEUDONYMISED: %s (do not circulate)"), names->str);
    }
  if (n == 0)
    return g_strdup (_ ("Pseudonymisation: no transcript anchors to check"));
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Pseudonymised: the quoted transcript is de-identified",
                   "Pseudonymised: all %u quoted transcripts are de-identified", n),
      n);
}

static double
draw_footer (KtsPoster *self, cairo_t *cr, double width, guint sheet, guint n_sheets, double size)
{
  g_autofree char *left = footer_left (self);
  g_autofree char *stamp = pseudonym_stamp (self);
  g_autofree char *right = g_strdup_printf (_ ("Kintsugi %s   ·   sheet %u of %u"), PACKAGE_VERSION,
                                            sheet + 1, n_sheets);
  g_autoptr (PangoLayout) r = text_layout (self, right, size, PANGO_WEIGHT_NORMAL, FALSE, -1);
  g_autoptr (PangoLayout) st = text_layout (self, stamp, size, PANGO_WEIGHT_BOLD, FALSE, -1);
  double pad = size * 0.4;
  double stamp_w = text_width (st) + 2 * pad;
  g_autoptr (PangoLayout) l
      = text_layout (self, left, size, PANGO_WEIGHT_NORMAL, FALSE,
                     MAX (width * 0.3, width - text_width (r) - stamp_w - 4 * size));
  double h = MAX (text_height (l), text_height (st) + 2 * pad) + size * 0.6;

  if (cr != NULL)
    {
      cairo_save (cr);
      ink (cr);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, 0, 0);
      cairo_line_to (cr, width, 0);
      cairo_stroke (cr);
      show_text (cr, l, 0, size * 0.6);
      dim_ink (cr);
      show_text (cr, r, width - text_width (r), size * 0.6);
      /* The stamp: boxed, between the two. */
      {
        double sx = width - text_width (r) - 2 * size - stamp_w;

        ink (cr);
        cairo_set_line_width (cr, 1.2);
        cairo_rectangle (cr, sx, size * 0.6 - pad, stamp_w, text_height (st) + 2 * pad);
        cairo_stroke (cr);
        show_text (cr, st, sx + pad, size * 0.6);
      }
      cairo_restore (cr);
    }
  return h + pad;
}

static double
draw_continued (KtsPoster *self, cairo_t *cr, guint sheet, guint n_sheets, gboolean appendix)
{
  g_autofree char *title = kts_map_painter_dup_title (self->painter);
  g_autofree char *text = appendix ? g_strdup_printf (_ ("%s   ·   Appendix: full quotes"), title)
                                   : g_strdup_printf (_ ("%s   ·   continued (sheet %u of %u)"),
                                                      title, sheet + 1, n_sheets);
  g_autoptr (PangoLayout) pl
      = text_layout (self, text, POSTER_LABEL + 2, PANGO_WEIGHT_BOLD, FALSE, -1);

  if (cr != NULL)
    {
      ink (cr);
      show_text (cr, pl, 0, 0);
    }
  return text_height (pl);
}

static const char *
theme_name (guint t)
{
  switch (t)
    {
    case 0:
      return C_ ("theme", "relatedness imbalance");
    case 1:
      return C_ ("theme", "self-definition struggle");
    case 2:
      return C_ ("theme", "T strengthens own SD outside therapy");
    case 3:
      return C_ ("theme", "T strengthens the client's SD");
    case 4:
      return C_ ("theme", "T softens own display of SD");
    case 5:
      return C_ ("theme", "T regulates relatedness");
    case 6:
    default:
      return C_ ("theme", "balance of SD and relatedness");
    }
}

/* The count of moves per theme: seven cells side by side, each with the
 * theme id, its count as a number and a bar, and its name. */
static double
draw_tally (KtsPoster *self, cairo_t *cr, double width, double height)
{
  guint  counts[7];
  guint  max = 1;
  double cell_gap = 10;
  double cell_w = (width - 24 - 6 * cell_gap) / 7;
  double y = 10, cells_h = 0;
  g_autoptr (PangoLayout) head
      = text_layout (self, _ ("Theme tally: moves per theme"), POSTER_SMALL + 1, PANGO_WEIGHT_BOLD,
                     FALSE, width - 24);

  kts_poster_theme_tally (self->episode, counts);
  for (guint t = 0; t < 7; t++)
    max = MAX (max, counts[t]);

  if (cr != NULL)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      ink (cr);
      cairo_set_line_width (cr, 1.0);
      cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
      cairo_stroke (cr);
      show_text (cr, head, 12, y);
    }
  y += text_height (head) + 5;

  for (guint t = 0; t < 7; t++)
    {
      g_autofree char *num = g_strdup_printf ("%u", counts[t]);
      g_autoptr (PangoLayout) id
          = text_layout (self, theme_ids[t], POSTER_LABEL, PANGO_WEIGHT_BOLD, FALSE, -1);
      g_autoptr (PangoLayout) n
          = text_layout (self, num, POSTER_LABEL, PANGO_WEIGHT_BOLD, FALSE, -1);
      g_autoptr (PangoLayout) name
          = text_layout (self, theme_name (t), POSTER_SMALL, PANGO_WEIGHT_NORMAL, FALSE, cell_w);
      double x = 12 + t * (cell_w + cell_gap);
      double line = text_height (id);

      if (cr != NULL)
        {
          ink (cr);
          show_text (cr, id, x, y);
          show_text (cr, n, x + cell_w - text_width (n), y);
          /* The count as a bar and a number: never colour alone. */
          cairo_rectangle (cr, x, y + line + 2, cell_w * counts[t] / max, 5);
          cairo_fill (cr);
          cairo_set_line_width (cr, 0.5);
          cairo_rectangle (cr, x, y + line + 2, cell_w, 5);
          cairo_stroke (cr);
          dim_ink (cr);
          show_text (cr, name, x, y + line + 10);
        }
      cells_h = MAX (cells_h, line + 10 + text_height (name));
    }
  if (cr != NULL)
    cairo_restore (cr);
  return ceil (y + cells_h + 10);
}

/* The analyst reading and, beside it or under it, the theme tally. */
static double
tally_width (double width)
{
  return width >= 1100 ? MIN (640.0, width * 0.5) : width;
}

static double
draw_reading (KtsPoster *self, cairo_t *cr, double width)
{
  double tw = tally_width (width);
  double reading_w = tw < width ? width - tw - BLOCK_GAP : width;
  double rh = kts_map_painter_draw_reading (self->painter, NULL, reading_w);
  double th = draw_tally (self, NULL, tw, 0);
  double h = tw < width ? MAX (rh, th) : rh + BLOCK_GAP + th;

  if (cr != NULL)
    {
      cairo_save (cr);
      if (tw < width)
        {
          /* Same height side by side: the reading box grows to match. */
          cairo_save (cr);
          cairo_rectangle (cr, 0, 0, reading_w, h);
          cairo_clip (cr);
          cairo_set_source_rgb (cr, 0.965, 0.960, 0.975);
          cairo_paint (cr);
          cairo_restore (cr);
          kts_map_painter_draw_reading (self->painter, cr, reading_w);
          ink (cr);
          cairo_set_line_width (cr, 1.0);
          cairo_rectangle (cr, 0.5, 0.5, reading_w - 1, h - 1);
          cairo_stroke (cr);
          cairo_translate (cr, reading_w + BLOCK_GAP, 0);
          draw_tally (self, cr, tw, h);
        }
      else
        {
          kts_map_painter_draw_reading (self->painter, cr, width);
          cairo_translate (cr, 0, rh + BLOCK_GAP);
          draw_tally (self, cr, tw, th);
        }
      cairo_restore (cr);
    }
  return h;
}

/* ---- Planning ------------------------------------------------------------------------ */

/* The narrowest room beside a row that the reading or the legend may use. */
#define MIN_SLOT_WIDTH 420.0

static void
plan_rows (KtsPoster *self, double width)
{
  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = kts_map_row_planner_plan (self->row_planner, width);
}

static void
place_block (KtsPoster *self, Block *block, guint *sheet, double *y)
{
  double gap = *y > 0 ? BLOCK_GAP : 0;

  if (*y + gap + block->height > self->height && *y > self->continued_h + BLOCK_GAP + 1e-6)
    {
      (*sheet)++;
      *y = self->continued_h + BLOCK_GAP;
      gap = 0;
    }
  block->sheet = *sheet;
  block->y = *y + gap;
  *y = block->y + block->height;
  g_array_append_val (self->blocks, *block);
}

/* Puts @block beside a row with room on its right (the last such row
 * first), if it fits there at that width; returns whether it did. */
static gboolean
place_beside_row (KtsPoster *self, Block *block, double *slot_used)
{
  for (int i = (int)self->blocks->len - 1; i >= 0; i--)
    {
      const Block     *row_block = &g_array_index (self->blocks, Block, i);
      const KtsMapRow *row;
      double           w, h;

      if (row_block->kind != BLOCK_ROW)
        continue;
      row = &g_array_index (self->rows, KtsMapRow, row_block->row);
      if (row_block->part_y0 > 0 || row_block->part_y1 < row->height)
        continue;
      w = self->width - row->width - 2 * BLOCK_GAP;
      if (w < MIN_SLOT_WIDTH)
        continue;
      h = block->kind == BLOCK_READING ? draw_reading (self, NULL, w)
                                       : kts_map_painter_measure_legend (self->painter, w);
      if (slot_used[i] + h > row_block->height)
        continue;
      block->sheet = row_block->sheet;
      block->x = row->width + 2 * BLOCK_GAP;
      block->width = w;
      block->height = h;
      block->anchor = i;
      block->dy = slot_used[i];
      slot_used[i] += h + BLOCK_GAP;
      g_array_append_val (self->blocks, *block);
      return TRUE;
    }
  return FALSE;
}

/* Puts @block (laid out at the full width) under the rows of the map
 * sheet that has the most room left below them, if it fits on one of the
 * sheets up to @last: a sheet that the rows fill little takes the reading
 * or the legend rather than the fullest one. Returns whether it did. */
static gboolean
place_on_emptiest_sheet (KtsPoster *self, Block *block, guint last)
{
  guint  best = G_MAXUINT;
  double best_room = 0, best_y = 0;

  for (guint sh = 0; sh <= last; sh++)
    {
      double bottom = sh > 0 ? self->continued_h : 0, room;

      for (guint i = 0; i < self->blocks->len; i++)
        {
          const Block *b = &g_array_index (self->blocks, Block, i);

          if (b->sheet == sh && b->anchor < 0)
            bottom = MAX (bottom, b->y + b->height);
        }
      room = self->height - bottom - BLOCK_GAP - block->height;
      if (room >= 0 && (best == G_MAXUINT || room > best_room + 1e-6))
        {
          best = sh;
          best_room = room;
          best_y = bottom + BLOCK_GAP;
        }
    }
  if (best == G_MAXUINT)
    return FALSE;
  block->sheet = best;
  block->y = best_y;
  g_array_append_val (self->blocks, *block);
  return TRUE;
}

/* Lays the poster out at @scale with rows at most @row_width wide;
 * returns the number of map sheets. */
static guint
plan_with_rows (KtsPoster *self, double scale, double row_width)
{
  double             fresh; /* room on a sheet after the continuation line */
  guint              sheet = 0;
  double             y = 0;
  Block              block = { 0 };
  double             max_row = 0;
  g_autofree double *slot_used = NULL;
  gboolean           beside = FALSE;

  self->scale = scale;
  self->width = (self->sheet_w - 2 * self->margin) / scale;
  self->footer_h = draw_footer (self, NULL, self->width, 99, 99, POSTER_SMALL);
  self->height = (self->sheet_h - 2 * self->margin) / scale - self->footer_h - BLOCK_GAP;
  self->continued_h = draw_continued (self, NULL, 99, 99, FALSE);
  fresh = self->height - self->continued_h - BLOCK_GAP;
  g_array_set_size (self->blocks, 0);

  plan_rows (self, MIN (row_width, self->width));

  block.anchor = -1;
  block.width = self->width;
  block.kind = BLOCK_TITLE;
  block.height = kts_map_painter_measure_title (self->painter, self->width);
  place_block (self, &block, &sheet, &y);

  for (guint r = 0; r < self->rows->len; r++)
    {
      const KtsMapRow *row = &g_array_index (self->rows, KtsMapRow, r);
      double           y0 = 0;

      max_row = MAX (max_row, row->width);
      block.kind = BLOCK_ROW;
      block.row = r;
      /* A row taller than a sheet goes on over several, split between lanes
       * where possible. */
      while (row->height - y0 > fresh)
        {
          double cut = kts_map_row_cut (row, y0, fresh);

          block.part_y0 = y0;
          block.part_y1 = cut;
          block.height = cut - y0;
          place_block (self, &block, &sheet, &y);
          y0 = cut;
        }
      block.part_y0 = y0;
      block.part_y1 = row->height;
      block.height = row->height - y0;
      place_block (self, &block, &sheet, &y);
    }

  /* The reading and the legend stand beside a row that leaves room on its
   * right, else under the rows at the full width. The flowchart (analysis
   * step 3) has no analyst reading or theme tally: those are theory, still
   * bracketed. */
  slot_used = g_new0 (double, self->blocks->len + 2);
  block.part_y0 = block.part_y1 = 0;
  block.kind = BLOCK_READING;
  if (kts_map_arrangement_shows_theory (self->options.arrangement)
      && !(beside = place_beside_row (self, &block, slot_used)))
    {
      block.height = draw_reading (self, NULL, self->width);
      if (!place_on_emptiest_sheet (self, &block, sheet))
        place_block (self, &block, &sheet, &y);
    }
  block.kind = BLOCK_BOTTOM;
  block.x = 0;
  block.width = self->width;
  block.anchor = -1;
  if (!place_beside_row (self, &block, slot_used))
    {
      block.x = 0;
      block.width = self->width;
      block.anchor = -1;
      block.height = kts_map_painter_measure_legend (self->painter, self->width);
      if (!place_on_emptiest_sheet (self, &block, sheet))
        place_block (self, &block, &sheet, &y);
    }
  else
    beside = TRUE;

  /* Rows are centred, or to the left when something stands beside them. */
  self->rows_x = beside ? 0 : MAX (0.0, (self->width - max_row) / 2);
  /* Share the spare height of each sheet out: wider gaps between blocks
   * (up to three times the normal gap), then centre what follows the title
   * or the continuation line between it and the footer. */
  for (guint sh = 0; sh <= sheet; sh++)
    {
      guint  n = 0;
      double bottom = 0, spare, extra, shift;

      for (guint i = 0; i < self->blocks->len; i++)
        {
          const Block *b = &g_array_index (self->blocks, Block, i);

          if (b->sheet != sh || b->anchor >= 0)
            continue;
          n++;
          bottom = b->y + b->height;
        }
      if (n == 0)
        continue;
      spare = MAX (0.0, self->height - bottom);
      extra = n > 1 ? MIN (spare / (n - 1), 2 * BLOCK_GAP) : 0;
      shift = (spare - extra * (n - 1)) / 2;
      for (guint i = 0, k = 0; i < self->blocks->len; i++)
        {
          Block *b = &g_array_index (self->blocks, Block, i);

          if (b->sheet != sh || b->anchor >= 0)
            continue;
          b->y += k * extra;
          if (b->kind != BLOCK_TITLE)
            b->y += shift;
          k++;
        }
    }
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);

      if (b->anchor >= 0)
        b->y = g_array_index (self->blocks, Block, b->anchor).y + b->dy;
    }
  return sheet + 1;
}

/* How evenly the plan fills its map sheets: the share of the usable area
 * of its emptiest map sheet that blocks cover (rows at their own width, the
 * title, the reading and the legend at the width they are laid out for). */
static double
sheet_fill (KtsPoster *self, guint sheet)
{
  double area = 0;

  for (guint k = 0; k < self->blocks->len; k++)
    {
      const Block *b = &g_array_index (self->blocks, Block, k);
      double       w = b->width;

      if (b->sheet != sheet)
        continue;
      if (b->kind == BLOCK_ROW)
        w = g_array_index (self->rows, KtsMapRow, b->row).width;
      area += w * b->height;
    }
  return self->width > 0 && self->height > 0 ? area / (self->width * self->height) : 0;
}

static double
least_sheet_fill (KtsPoster *self, guint n_sheets)
{
  double least = G_MAXDOUBLE;

  for (guint sh = 0; sh < n_sheets; sh++)
    least = MIN (least, sheet_fill (self, sh));
  return n_sheets > 0 ? least : 0;
}

/* The rows as even as they go: the narrowest row width (bisected) that
 * keeps the plan at its number of rows and @n_sheets sheets, so that no
 * row is a stub beside full ones. Leaves the poster planned. */
static guint
balance_rows (KtsPoster *self, double scale, double row_width, guint n_sheets)
{
  guint  n_rows = self->rows->len;
  double lo, hi = MIN (row_width, self->width);

  if (n_rows < 2)
    return n_sheets;
  /* R rows at width w hold less than R × w, more than (R − 1) × w: the
   * even width is above half of w. */
  lo = hi / 2;
  for (guint step = 0; step < 6; step++)
    {
      double mid = (lo + hi) / 2;

      if (plan_with_rows (self, scale, mid) == n_sheets && self->rows->len <= n_rows)
        hi = mid;
      else
        lo = mid;
    }
  return plan_with_rows (self, scale, hi);
}

/* Lays the poster out at @scale: rows as wide as the sheet, or narrower
 * when that leaves room beside them for the reading and the legend and so
 * takes fewer sheets. Of the plans with the fewest sheets it keeps the one
 * whose emptiest sheet is fullest (breaks at phase boundaries preferred),
 * then evens the rows out (balance_rows). With @target > 0 it only asks
 * whether @target sheets or fewer can do: it stops at the first plan that
 * does. Without @finish it only counts. In both cases the poster is then
 * left in some plan. Returns the number of map sheets. */
static guint
plan_at_scale (KtsPoster *self, double scale, guint target, gboolean finish)
{
  static const double fractions[] = { 1.0, 0.8, 0.65, 0.5 };
  double              full = (self->sheet_w - 2 * self->margin) / scale;
  guint               best = G_MAXUINT, best_i = 0, n = 0, total;
  double              best_score = -G_MAXDOUBLE;

  /* Rows break at phase boundaries (and inside phases too wide for a row);
   * breaking inside a phase anywhere is taken when it saves a sheet or
   * fills the sheets clearly better. */
  total = 2 * G_N_ELEMENTS (fractions);
  for (guint j = 0; j < total; j++)
    {
      /* The plan chosen last time first: when only asked for a target, it
       * is likely to meet it at once. */
      guint  i = j == 0 ? self->last_plan : j == self->last_plan ? 0 : j;
      double score;

      kts_map_row_planner_set_break_inside_phases (self->row_planner,
                                                   i >= G_N_ELEMENTS (fractions));
      n = plan_with_rows (self, scale, full * fractions[i % G_N_ELEMENTS (fractions)]);
      if (target > 0 && n <= target)
        return n;
      score = least_sheet_fill (self, n) - (i >= G_N_ELEMENTS (fractions) ? 0.05 : 0);
      if (n < best || (n == best && score > best_score + 1e-6))
        {
          best = n;
          best_i = i;
          best_score = score;
        }
    }
  self->last_plan = best_i;
  if (!finish)
    return best;
  kts_map_row_planner_set_break_inside_phases (self->row_planner,
                                               best_i >= G_N_ELEMENTS (fractions));
  n = plan_with_rows (self, scale, full * fractions[best_i % G_N_ELEMENTS (fractions)]);
  return balance_rows (self, scale, full * fractions[best_i % G_N_ELEMENTS (fractions)], n);
}

static double
scale_for_paper (KtsPoster *self, double short_side_mm)
{
  double heading, label, quote, detail;

  kts_map_painter_get_font_sizes (self->painter, &heading, &label, &quote, &detail);
  return MAX (MAX (kts_poster_minimum_font_size (short_side_mm, KTS_POSTER_TEXT_LABEL) / heading,
                   kts_poster_minimum_font_size (short_side_mm, KTS_POSTER_TEXT_BODY) / label),
              MAX (kts_poster_minimum_font_size (short_side_mm, KTS_POSTER_TEXT_QUOTE) / quote,
                   kts_poster_minimum_font_size (short_side_mm, KTS_POSTER_TEXT_DETAIL) / detail));
}

/* ---- Appendix --------------------------------------------------------------------------- */

static char *
anchor_text (KtsCoding *coding)
{
  KtsDocument *document = kts_coding_get_document (coding);
  g_autoptr (GString) out = g_string_new ("▸ ");
  int turn;

  if (document == NULL)
    return NULL;
  g_string_append (out, kts_document_get_title (document));
  turn = kts_document_find_turn (document, kts_coding_get_start (coding));
  if (turn >= 0)
    {
      const KtsTurn *t = kts_document_get_turn (document, turn);

      g_string_append_printf (out, _ (" · turn %d"), turn + 1);
      if (t->speaker >= 0)
        g_string_append_printf (out, _ (" · speaker %s"),
                                kts_document_get_speaker (document, t->speaker)->label);
    }
  g_string_append_printf (out, _ (" · characters %u–%u"), kts_coding_get_start (coding),
                          kts_coding_get_end (coding));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  PangoLayout *head;
  PangoLayout *quote;
  PangoLayout *anchors;
} EntryText;

static void
entry_text (KtsPoster *self, KtsMove *move, double width, EntryText *text)
{
  g_autofree char *quote = kts_move_dup_primary_quote (move);
  g_autofree char *quoted = g_strdup_printf ("“%s”", quote != NULL ? quote : "");
  g_autofree char *head
      = g_strdup_printf ("%s   %s", kts_move_get_ident (move), kts_move_get_label (move));
  GPtrArray *anchors = kts_move_get_anchors (move);
  g_autoptr (GString) lines = g_string_new (NULL);

  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      g_autofree char *line = anchor_text (g_ptr_array_index (anchors, i));
      if (line != NULL)
        g_string_append_printf (lines, "%s%s", lines->len > 0 ? "\n" : "", line);
    }
  if (lines->len == 0)
    g_string_append (lines, _ ("▸ no transcript anchor (quote entered by hand)"));

  text->head = text_layout (self, head, POSTER_LABEL, PANGO_WEIGHT_BOLD, FALSE, width);
  text->quote = text_layout (self, quoted, POSTER_QUOTE, PANGO_WEIGHT_NORMAL, TRUE, width);
  text->anchors = text_layout (self, lines->str, POSTER_SMALL, PANGO_WEIGHT_NORMAL, FALSE, width);
}

static void
entry_text_clear (EntryText *text)
{
  g_clear_object (&text->head);
  g_clear_object (&text->quote);
  g_clear_object (&text->anchors);
}

static double
entry_height (EntryText *text)
{
  return text_height (text->head) + 3 + text_height (text->quote) + 3 + text_height (text->anchors);
}

static void
plan_appendix (KtsPoster *self)
{
  GListModel *moves = kts_episode_get_moves (self->episode);
  double      width, height, top, col_gap = 24, x = 0, y;
  guint       n_cols, col = 0, sheet = 0;
  double      footer;

  g_ptr_array_set_size (self->truncated, 0);
  g_array_set_size (self->appendix, 0);
  self->n_appendix_sheets = 0;
  for (guint i = 0; i < g_list_model_get_n_items (moves); i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      if (kts_map_move_quote_is_truncated (move, POSTER_QUOTE_CHARS))
        g_ptr_array_add (self->truncated, move);
    }
  if (self->truncated->len == 0)
    return;

  /* Tiled posters print the appendix on the tile paper itself. */
  self->app_w = self->tiled ? self->tile_w : self->sheet_w;
  self->app_h = self->tiled ? self->tile_h : self->sheet_h;
  self->app_margin = MAX (10 * MM, MIN (self->app_w, self->app_h) * 0.025);
  self->app_scale
      = self->tiled ? scale_for_paper (self, MIN (self->app_w, self->app_h) / MM) : self->scale;
  width = (self->app_w - 2 * self->app_margin) / self->app_scale;
  footer = draw_footer (self, NULL, width, 99, 99, POSTER_SMALL);
  height = (self->app_h - 2 * self->app_margin) / self->app_scale - footer - BLOCK_GAP;
  top = draw_continued (self, NULL, 0, 1, TRUE) + BLOCK_GAP;

  /* Columns of about 70 characters of quote. */
  n_cols = MAX (1, (guint)floor ((width + col_gap) / (280 + col_gap)));
  self->app_col_w = (width - (n_cols - 1) * col_gap) / n_cols;
  y = top;

  for (guint i = 0; i < self->truncated->len; i++)
    {
      KtsMove      *move = g_ptr_array_index (self->truncated, i);
      EntryText     text;
      AppendixEntry entry = { move, 0, 0, 0, 0 };

      entry_text (self, move, self->app_col_w, &text);
      entry.height = entry_height (&text);
      entry_text_clear (&text);

      if (y > top && y + entry.height > height)
        {
          if (++col >= n_cols)
            {
              col = 0;
              sheet++;
            }
          y = top;
        }
      x = col * (self->app_col_w + col_gap);
      entry.sheet = sheet;
      entry.x = x;
      entry.y = y;
      g_array_append_val (self->appendix, entry);
      y += entry.height + BLOCK_GAP * 1.5;
    }
  self->n_appendix_sheets = sheet + 1;
}

static void
draw_appendix_sheet (KtsPoster *self, cairo_t *cr, guint sheet)
{
  double width = (self->app_w - 2 * self->app_margin) / self->app_scale;
  double footer = draw_footer (self, NULL, width, 99, 99, POSTER_SMALL);
  guint  n_sheets = kts_poster_get_n_sheets (self);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, self->app_margin, self->app_margin);
  cairo_scale (cr, self->app_scale, self->app_scale);
  draw_continued (self, cr, 0, 1, TRUE);

  for (guint i = 0; i < self->appendix->len; i++)
    {
      const AppendixEntry *entry = &g_array_index (self->appendix, AppendixEntry, i);
      EntryText            text;
      double               y = entry->y;

      if (entry->sheet != sheet)
        continue;
      entry_text (self, entry->move, self->app_col_w, &text);
      ink (cr);
      show_text (cr, text.head, entry->x, y);
      y += text_height (text.head) + 3;
      show_text (cr, text.quote, entry->x, y);
      y += text_height (text.quote) + 3;
      dim_ink (cr);
      show_text (cr, text.anchors, entry->x, y);
      entry_text_clear (&text);
    }

  cairo_translate (cr, 0, (self->app_h - 2 * self->app_margin) / self->app_scale - footer);
  draw_footer (self, cr, width, self->n_map_sheets + sheet, n_sheets, POSTER_SMALL);
  cairo_restore (cr);
}

/* ---- Life cycle --------------------------------------------------------------------------- */

static void
plan_tiles (KtsPoster *self)
{
  double tw = self->options.tile_width * MM, th = self->options.tile_height * MM;
  double m = self->tile_margin, o = self->tile_overlap;
  guint  best = G_MAXUINT;

  for (guint flip = 0; flip < 2; flip++)
    {
      double w = flip ? MAX (tw, th) : MIN (tw, th);
      double h = flip ? MIN (tw, th) : MAX (tw, th);
      double iw = w - 2 * m, ih = h - 2 * m;
      guint  cols = MAX (1, (guint)ceil ((self->sheet_w - o) / (iw - o) - 1e-9));
      guint  rows = MAX (1, (guint)ceil ((self->sheet_h - o) / (ih - o) - 1e-9));

      if (rows * cols < best)
        {
          best = rows * cols;
          self->tile_w = w;
          self->tile_h = h;
          self->tile_rows = rows;
          self->tile_cols = cols;
        }
    }
}

KtsPoster *
kts_poster_new (KtsEpisode *episode, const KtsPosterOptions *options)
{
  KtsPoster            *self;
  KtsMapStyle           style;
  PangoFontMap         *font_map;
  cairo_font_options_t *font_options;
  double                s_min, s;
  guint                 n_min;

  g_return_val_if_fail (KTS_IS_EPISODE (episode), NULL);

  self = g_new0 (KtsPoster, 1);
  self->episode = g_object_ref (episode);
  if (options != NULL)
    self->options = *options;
  else
    kts_poster_options_init (&self->options);
  if (self->options.paper_width <= 0 || self->options.paper_height <= 0)
    {
      self->options.paper_width = 841;
      self->options.paper_height = 594;
    }
  if (self->options.dpi <= 0)
    self->options.dpi = 300;
  self->codebook_version = g_strdup (self->options.codebook_version);
  self->options.codebook_version = self->codebook_version;
  if (self->options.date != NULL)
    self->date = g_strdup (self->options.date);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      self->date = g_date_time_format (now, "%Y-%m-%d");
    }
  self->options.date = self->date;

  kts_map_style_init (&style);
  style.arrangement = self->options.arrangement;
  style.label_size = POSTER_LABEL;
  style.quote_size = POSTER_QUOTE;
  style.small_size = POSTER_SMALL;
  style.mark_truncated = TRUE;
  style.quote_max_chars = POSTER_QUOTE_CHARS;
  self->painter = kts_map_painter_new (episode, &style);
  self->font_family = g_strdup ("Cantarell, DejaVu Sans, sans-serif");

  font_map = pango_cairo_font_map_get_default ();
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->sheet_w = self->options.paper_width * MM;
  self->sheet_h = self->options.paper_height * MM;
  self->margin = MAX (10 * MM, MIN (self->sheet_w, self->sheet_h) * 0.025);

  self->row_planner = kts_map_row_planner_new (self->painter);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  self->truncated = g_ptr_array_new ();
  self->appendix = g_array_new (FALSE, TRUE, sizeof (AppendixEntry));

  /* The smallest legible scale gives the fewest sheets; then the scale
   * grows as far as that many sheets still hold everything: in 2 % steps
   * for one sheet, bisected (a bounded search) for more. */
  s_min = scale_for_paper (self, MIN (self->options.paper_width, self->options.paper_height));
  n_min = plan_at_scale (self, s_min, 0, FALSE);
  s = s_min;
  if (n_min == 1)
    {
      for (double t = s_min * 1.02; t < s_min * 12; t *= 1.02)
        {
          if (plan_at_scale (self, t, 1, FALSE) != 1)
            break;
          s = t;
        }
    }
  else
    {
      /* A poster of n sheets grows by about the spare room of its last
       * sheet spread over all n (area n / (n − 1) at most, plus what
       * other breaks gain); none when 2 % more does not fit. */
      double hi = s_min * MIN (1.6, 1.1 * sqrt ((double)n_min / (n_min - 1)));

      if (plan_at_scale (self, s_min * 1.02, n_min, FALSE) > n_min)
        hi = s;
      /* Fewer steps for long posters, whose every plan is dearer. */
      for (guint step = 0; step < (n_min <= 4 ? 6u : 3u) && hi > s * 1.01; step++)
        {
          double mid = (s + hi) / 2;

          if (plan_at_scale (self, mid, n_min, FALSE) <= n_min)
            s = mid;
          else
            hi = mid;
        }
    }
  self->n_map_sheets = plan_at_scale (self, s, 0, TRUE);

  self->tiled = self->options.tile_width > 0 && self->options.tile_height > 0;
  if (self->tiled)
    {
      self->tile_margin = MAX (0.0, self->options.tile_margin) * MM;
      self->tile_overlap = MAX (0.0, self->options.tile_overlap) * MM;
      plan_tiles (self);
    }
  plan_appendix (self);

  return self;
}

void
kts_poster_free (KtsPoster *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->row_planner, kts_map_row_planner_free);
  g_clear_pointer (&self->painter, kts_map_painter_free);
  g_clear_object (&self->context);
  g_clear_object (&self->episode);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->truncated, g_ptr_array_unref);
  g_clear_pointer (&self->appendix, g_array_unref);
  g_free (self->codebook_version);
  g_free (self->date);
  g_free (self->font_family);
  g_free (self);
}

/* ---- Accessors ---------------------------------------------------------------------------- */

double
kts_poster_get_scale (KtsPoster *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->scale;
}

double
kts_poster_get_font_size (KtsPoster *self, KtsPosterText text)
{
  double heading, label, quote, detail, scale;

  g_return_val_if_fail (self != NULL, 0);

  /* The appendix may be printed at its own (tile paper) scale. */
  scale = self->n_appendix_sheets > 0 ? MIN (self->scale, self->app_scale) : self->scale;
  kts_map_painter_get_font_sizes (self->painter, &heading, &label, &quote, &detail);
  switch (text)
    {
    case KTS_POSTER_TEXT_LABEL:
      return heading * scale;
    case KTS_POSTER_TEXT_QUOTE:
      return quote * scale;
    case KTS_POSTER_TEXT_DETAIL:
      return detail * scale;
    case KTS_POSTER_TEXT_BODY:
    default:
      return label * scale;
    }
}

guint
kts_poster_get_n_rows (KtsPoster *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows != NULL ? self->rows->len : 0;
}

void
kts_poster_get_row (KtsPoster *self, guint row, guint *first, guint *last)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (row < kts_poster_get_n_rows (self));

  if (first != NULL)
    *first = g_array_index (self->rows, KtsMapRow, row).first;
  if (last != NULL)
    *last = g_array_index (self->rows, KtsMapRow, row).last;
}

void
kts_poster_get_row_extent (KtsPoster *self, guint row, guint *sheet, double *width, double *height)
{
  const KtsMapRow *r;

  g_return_if_fail (self != NULL);
  g_return_if_fail (row < kts_poster_get_n_rows (self));

  r = &g_array_index (self->rows, KtsMapRow, row);
  if (sheet != NULL)
    {
      *sheet = 0;
      for (guint i = 0; i < self->blocks->len; i++)
        {
          const Block *b = &g_array_index (self->blocks, Block, i);

          if (b->kind == BLOCK_ROW && b->row == row)
            {
              *sheet = b->sheet;
              break;
            }
        }
    }
  if (width != NULL)
    *width = r->width * self->scale;
  if (height != NULL)
    *height = r->height * self->scale;
}

double
kts_poster_get_sheet_fill (KtsPoster *self, guint sheet)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (sheet < self->n_map_sheets, 0);

  return sheet_fill (self, sheet);
}

guint
kts_poster_get_n_sheets (KtsPoster *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_map_sheets + self->n_appendix_sheets;
}

guint
kts_poster_get_n_appendix_sheets (KtsPoster *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_appendix_sheets;
}

GPtrArray *
kts_poster_get_truncated_moves (KtsPoster *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->truncated;
}

void
kts_poster_get_tiling (
    KtsPoster *self, guint *rows, guint *columns, double *page_width, double *page_height)
{
  g_return_if_fail (self != NULL);

  if (rows != NULL)
    *rows = self->tiled ? self->tile_rows : 0;
  if (columns != NULL)
    *columns = self->tiled ? self->tile_cols : 0;
  if (page_width != NULL)
    *page_width = self->tiled ? self->tile_w : self->sheet_w;
  if (page_height != NULL)
    *page_height = self->tiled ? self->tile_h : self->sheet_h;
}

void
kts_poster_get_tile_rect (
    KtsPoster *self, guint row, guint column, double *x, double *y, double *width, double *height)
{
  double iw, ih, ox, oy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->tiled);

  iw = self->tile_w - 2 * self->tile_margin;
  ih = self->tile_h - 2 * self->tile_margin;
  ox = column * (iw - self->tile_overlap);
  oy = row * (ih - self->tile_overlap);
  if (x != NULL)
    *x = ox;
  if (y != NULL)
    *y = oy;
  if (width != NULL)
    *width = MIN (iw, self->sheet_w - ox);
  if (height != NULL)
    *height = MIN (ih, self->sheet_h - oy);
}

guint
kts_poster_get_n_pages (KtsPoster *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!self->tiled)
    return kts_poster_get_n_sheets (self);
  return self->n_map_sheets * self->tile_rows * self->tile_cols + self->n_appendix_sheets;
}

/* ---- Drawing a sheet ------------------------------------------------------------------------- */

void
kts_poster_draw_sheet (KtsPoster *self, cairo_t *cr, guint sheet)
{
  guint n_sheets;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  n_sheets = kts_poster_get_n_sheets (self);
  g_return_if_fail (sheet < n_sheets);

  if (sheet >= self->n_map_sheets)
    {
      draw_appendix_sheet (self, cr, sheet - self->n_map_sheets);
      return;
    }

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, self->margin, self->margin);
  cairo_scale (cr, self->scale, self->scale);

  if (sheet > 0)
    draw_continued (self, cr, sheet, n_sheets, FALSE);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      if (block->sheet != sheet)
        continue;
      cairo_save (cr);
      cairo_translate (cr, block->x, block->y);
      switch (block->kind)
        {
        case BLOCK_TITLE:
          kts_map_painter_draw_title (self->painter, cr, self->width);
          break;
        case BLOCK_ROW:
          {
            const KtsMapRow *row = &g_array_index (self->rows, KtsMapRow, block->row);

            cairo_translate (cr, self->rows_x, 0);
            cairo_rectangle (cr, -2, 0, row->width + 4, block->height);
            cairo_clip (cr);
            cairo_translate (cr, 0, -block->part_y0);
            kts_map_painter_draw_row (self->painter, cr, row->first, row->last, TRUE);
          }
          break;
        case BLOCK_READING:
          draw_reading (self, cr, block->width);
          break;
        case BLOCK_BOTTOM:
        default:
          kts_map_painter_draw_legend (self->painter, cr, block->width);
          break;
        }
      cairo_restore (cr);
    }

  cairo_translate (cr, 0, (self->sheet_h - 2 * self->margin) / self->scale - self->footer_h);
  draw_footer (self, cr, self->width, sheet, n_sheets, POSTER_SMALL);
  cairo_restore (cr);
}

/* ---- Tiles -------------------------------------------------------------------------------------
 */

static void
crop_mark (cairo_t *cr, double x, double y, double dx, double dy, double gap, double len)
{
  cairo_move_to (cr, x + dx * gap, y + dy * gap);
  cairo_line_to (cr, x + dx * (gap + len), y + dy * (gap + len));
}

static void
draw_tile (KtsPoster *self, cairo_t *cr, guint sheet, guint r, guint c)
{
  double           m = self->tile_margin, o = self->tile_overlap;
  double           iw = self->tile_w - 2 * m;
  double           ox, oy, w, h;
  double           gap = 2 * MM, len = MIN (m - gap - 1, 6 * MM);
  double           label_size = MAX (7.0, MIN (9.0, m * 0.35));
  g_autofree char *label = NULL;
  g_autofree char *hint = NULL;
  g_autoptr (PangoLayout) pl = NULL;
  g_autoptr (PangoLayout) ph = NULL;

  kts_poster_get_tile_rect (self, r, c, &ox, &oy, &w, &h);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* The piece of the sheet. */
  cairo_save (cr);
  cairo_rectangle (cr, m, m, w, h);
  cairo_clip (cr);
  cairo_translate (cr, m - ox, m - oy);
  kts_poster_draw_sheet (self, cr, sheet);
  cairo_restore (cr);

  /* Crop marks at the corners of the piece, in the margin. */
  ink (cr);
  cairo_set_line_width (cr, 0.5);
  if (len > 0)
    {
      crop_mark (cr, m, m, -1, 0, gap, len);
      crop_mark (cr, m, m, 0, -1, gap, len);
      crop_mark (cr, m + w, m, 1, 0, gap, len);
      crop_mark (cr, m + w, m, 0, -1, gap, len);
      crop_mark (cr, m, m + h, -1, 0, gap, len);
      crop_mark (cr, m, m + h, 0, 1, gap, len);
      crop_mark (cr, m + w, m + h, 1, 0, gap, len);
      crop_mark (cr, m + w, m + h, 0, 1, gap, len);
      cairo_stroke (cr);

      /* Where the next tile's piece begins: dashed ticks in the margin. */
      {
        static const double dash[] = { 2, 1.5 };

        cairo_save (cr);
        cairo_set_dash (cr, dash, 2, 0);
        if (c + 1 < self->tile_cols)
          {
            crop_mark (cr, m + w - o, m, 0, -1, gap, len);
            crop_mark (cr, m + w - o, m + h, 0, 1, gap, len);
          }
        if (r + 1 < self->tile_rows)
          {
            crop_mark (cr, m, m + h - o, -1, 0, gap, len);
            crop_mark (cr, m + w, m + h - o, 1, 0, gap, len);
          }
        cairo_stroke (cr);
        cairo_restore (cr);
      }
    }

  /* Label and assembly hint. */
  if (self->n_map_sheets > 1)
    label = g_strdup_printf (_ ("Sheet %u of %u   ·   Row %u, column %u of %u×%u"), sheet + 1,
                             self->n_map_sheets, r + 1, c + 1, self->tile_rows, self->tile_cols);
  else
    label = g_strdup_printf (_ ("Row %u, column %u of %u×%u"), r + 1, c + 1, self->tile_rows,
                             self->tile_cols);
  hint = g_strdup_printf (
      _ ("Overlap %.0f mm: trim the left and top edges at the crop marks and lay "
         "the tile over its neighbours up to the dashed marks."),
      o / MM);
  pl = text_layout (self, label, label_size, PANGO_WEIGHT_BOLD, FALSE, -1);
  ph = text_layout (self, hint, 7, PANGO_WEIGHT_NORMAL, FALSE, MAX (50.0, iw * 0.6));
  ink (cr);
  show_text (cr, pl, m + gap + len + 4, MAX (1.0, (m - text_height (pl)) / 2));
  dim_ink (cr);
  show_text (cr, ph, m + gap + len + 4, m + h + MAX (1.0, (m - text_height (ph)) / 2));

  /* The assembly thumbnail: the grid of tiles with this one filled. */
  {
    double th = MAX (8.0, m - 6), tw = th * self->sheet_w / self->sheet_h;
    double tx = m + w - tw - gap - len - 4, ty = m + h + (m - th) / 2;
    double cw = tw / self->tile_cols, ch = th / self->tile_rows;

    if (tw > iw / 3)
      {
        tw = iw / 3;
        th = tw * self->sheet_h / self->sheet_w;
        cw = tw / self->tile_cols;
        ch = th / self->tile_rows;
        tx = m + w - tw - gap - len - 4;
        ty = m + h + (m - th) / 2;
      }
    cairo_set_line_width (cr, 0.4);
    for (guint rr = 0; rr < self->tile_rows; rr++)
      for (guint cc = 0; cc < self->tile_cols; cc++)
        {
          cairo_rectangle (cr, tx + cc * cw, ty + rr * ch, cw, ch);
          if (rr == r && cc == c)
            {
              ink (cr);
              cairo_fill_preserve (cr);
            }
          dim_ink (cr);
          cairo_stroke (cr);
        }
  }
  cairo_restore (cr);
}

/* ---- Output
 * -------------------------------------------------------------------------------------- */

void
kts_poster_get_page_size (KtsPoster *self, guint page, double *width, double *height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (page < kts_poster_get_n_pages (self));

  if (self->tiled)
    {
      /* Tiles and the appendix (printed on the tile paper) alike. */
      if (width != NULL)
        *width = self->tile_w;
      if (height != NULL)
        *height = self->tile_h;
      return;
    }
  if (width != NULL)
    *width = page < self->n_map_sheets ? self->sheet_w : self->app_w;
  if (height != NULL)
    *height = page < self->n_map_sheets ? self->sheet_h : self->app_h;
}

void
kts_poster_draw_page (KtsPoster *self, cairo_t *cr, guint page)
{
  guint tiles;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < kts_poster_get_n_pages (self));

  if (!self->tiled)
    {
      kts_poster_draw_sheet (self, cr, page);
      return;
    }
  tiles = self->tile_rows * self->tile_cols;
  if (page >= self->n_map_sheets * tiles)
    {
      kts_poster_draw_sheet (self, cr, self->n_map_sheets + (page - self->n_map_sheets * tiles));
      return;
    }
  draw_tile (self, cr, page / tiles, (page % tiles) / self->tile_cols, page % self->tile_cols);
}

GStrv
kts_poster_output_files (KtsPoster *self, const char *path, KtsPosterFormat format)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  n = format == KTS_POSTER_FORMAT_PDF ? 1 : kts_poster_get_n_sheets (self);
  g_strv_builder_add (builder, path);
  for (guint i = 1; i < n; i++)
    {
      const char      *dot = strrchr (path, '.');
      const char      *slash = strrchr (path, G_DIR_SEPARATOR);
      g_autofree char *name = NULL;

      if (dot == NULL || (slash != NULL && dot < slash))
        name = g_strdup_printf ("%s-%u", path, i + 1);
      else
        name = g_strdup_printf ("%.*s-%u%s", (int)(dot - path), path, i + 1, dot);
      g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static gboolean
check_surface (cairo_surface_t *surface, const char *path, GError **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("%s: cannot write the poster: %s"), path,
               status == CAIRO_STATUS_WRITE_ERROR || status == CAIRO_STATUS_FILE_NOT_FOUND
                   ? g_strerror (errno != 0 ? errno : EIO)
                   : cairo_status_to_string (status));
  return FALSE;
}

static gboolean
write_pdf (KtsPoster *self, const char *path, GError **error)
{
  double           w = self->tiled ? self->tile_w : self->sheet_w;
  double           h = self->tiled ? self->tile_h : self->sheet_h;
  cairo_surface_t *surface;
  cairo_t         *cr;
  g_autofree char *title = kts_map_painter_dup_title (self->painter);
  g_autofree char *creator = g_strdup_printf ("Kintsugi %s", PACKAGE_VERSION);
  g_autofree char *date = g_strdup_printf ("%sT00:00:00Z", self->date);
  gboolean         ok;

  errno = 0;
  surface = cairo_pdf_surface_create (path, w, h);
  /* Fixed metadata: the same poster gives the same bytes. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cr = cairo_create (surface);

  for (guint page = 0; page < kts_poster_get_n_pages (self); page++)
    {
      kts_poster_draw_page (self, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

static cairo_status_t
svg_write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One sheet as SVG with its text as <text> and the fonts embedded
 * (kts-svg-text.c); the glyphs themselves only for what cannot be text. */
static gboolean
write_svg (KtsPoster *self, const char *path, guint sheet, GError **error)
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           w = sheet < self->n_map_sheets ? self->sheet_w : self->app_w;
  double           h = sheet < self->n_map_sheets ? self->sheet_h : self->app_h;
  g_autoptr (GString) raw = g_string_new (NULL);
  g_autoptr (KtsSvgText) text = kts_svg_text_new (TRUE);
  g_autofree char *merged = NULL;
  g_autofree char *tidy = NULL;
  const GPtrArray *missing;

  surface = cairo_svg_surface_create_for_stream (svg_write_cb, raw, w, h);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  cr = cairo_create (surface);
  kts_svg_text_attach (text, cr);
  kts_poster_draw_sheet (self, cr, sheet);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_surface_destroy (surface);

  merged = kts_svg_text_merge (text, raw->str, raw->len, TRUE);
  missing = kts_svg_text_get_unembedded_families (text);
  for (guint i = 0; i < missing->len; i++)
    g_message (_ ("%s: the font “%s” could not be embedded; the SVG names it only"), path,
               (const char *)g_ptr_array_index (missing, i));
  /* cairo numbers SVG surfaces with a counter shared by the whole process:
   * number them from 1 in each file so the same poster gives the same bytes. */
  tidy = kts_svg_tidy (merged, strlen (merged), NULL, NULL);
  if (!g_file_set_contents (path, tidy, -1, error))
    {
      g_prefix_error (error, _ ("%s: cannot write the poster: "), path);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  KtsPoster  *poster;
  guint       sheet;
  guint       width;
  guint       height;
  double      dpi;
  FILE       *file;
  png_structp png;
  png_infop   info;
  guchar     *row;
} PngJob;

static void
png_write_sheet (PngJob *job)
{
  guint strip = MAX (16u, MIN (job->height, (guint)(64 * 1024 * 1024 / 4 / MAX (job->width, 1u))));
  guint ppm = (guint)round (job->dpi / 0.0254);

  png_init_io (job->png, job->file);
  png_set_IHDR (job->png, job->info, job->width, job->height, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs (job->png, job->info, ppm, ppm, PNG_RESOLUTION_METER);
  png_set_compression_level (job->png, 6);
  png_write_info (job->png, job->info);

  /* Render in strips so a large poster never needs the whole image. */
  job->row = g_malloc ((gsize)job->width * 3);
  for (guint y0 = 0; y0 < job->height; y0 += strip)
    {
      guint            n = MIN (strip, job->height - y0);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, job->width, n);
      cairo_t         *cr = cairo_create (surface);
      const guchar    *data;
      int              stride;

      cairo_translate (cr, 0, -(double)y0);
      cairo_scale (cr, job->dpi / 72.0, job->dpi / 72.0);
      kts_poster_draw_sheet (job->poster, cr, job->sheet);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (guint y = 0; y < n; y++)
        {
          const guint32 *src = (const guint32 *)(data + (gsize)y * stride);

          for (guint x = 0; x < job->width; x++)
            {
              job->row[3 * x] = (src[x] >> 16) & 0xff;
              job->row[3 * x + 1] = (src[x] >> 8) & 0xff;
              job->row[3 * x + 2] = src[x] & 0xff;
            }
          png_write_row (job->png, job->row);
        }
      cairo_surface_destroy (surface);
    }
  png_write_end (job->png, NULL);
}

/* libpng reports errors by longjmp: keep the jump target free of locals. */
static gboolean
png_guarded (PngJob *job)
{
  if (setjmp (png_jmpbuf (job->png)))
    return FALSE;
  png_write_sheet (job);
  return TRUE;
}

static gboolean
write_png (KtsPoster *self, const char *path, guint sheet, GError **error)
{
  double   w_mm = (sheet < self->n_map_sheets ? self->sheet_w : self->app_w) / MM;
  double   h_mm = (sheet < self->n_map_sheets ? self->sheet_h : self->app_h) / MM;
  PngJob   job = { self, sheet, 0, 0, self->options.dpi, NULL, NULL, NULL, NULL };
  gboolean ok;

  job.width = (guint)MAX (1.0, round (w_mm / 25.4 * job.dpi));
  job.height = (guint)MAX (1.0, round (h_mm / 25.4 * job.dpi));
  if (job.width > 100000 || job.height > 100000)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   _ ("%s: %u × %u pixels is too large for a PNG; lower the resolution"), path,
                   job.width, job.height);
      return FALSE;
    }

  job.file = g_fopen (path, "wb");
  if (job.file == NULL)
    {
      int saved = errno;
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("%s: cannot write the poster: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  job.png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  job.info = job.png != NULL ? png_create_info_struct (job.png) : NULL;
  ok = job.info != NULL && png_guarded (&job);
  png_destroy_write_struct (&job.png, job.info != NULL ? &job.info : NULL);
  g_free (job.row);
  if (fclose (job.file) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("%s: cannot write the poster: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  if (!ok)
    g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("%s: cannot write the poster as PNG"), path);
  return ok;
}

gboolean
kts_poster_export (KtsPoster *self, const char *path, KtsPosterFormat format, GError **error)
{
  g_auto (GStrv) files = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == KTS_POSTER_FORMAT_PDF)
    return write_pdf (self, path, error);

  if (self->tiled)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("%s: tiled posters are written as PDF only"), path);
      return FALSE;
    }

  files = kts_poster_output_files (self, path, format);
  for (guint i = 0; files[i] != NULL; i++)
    {
      gboolean ok = format == KTS_POSTER_FORMAT_SVG ? write_svg (self, files[i], i, error)
                                                    : write_png (self, files[i], i, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
