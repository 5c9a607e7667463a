/* kts-poster.h: process-map posters at any paper size as PDF, SVG and PNG,
 * on one sheet or tiled over smaller pages.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A poster is planned once (kts_poster_new): the scale from layout units to
 * paper is the smallest that keeps every text at the legible minimum of
 * brief B.11 for that paper (or larger, to fill the sheet); a map too wide
 * for the sheet wraps into stacked rows at phase boundaries; what does not
 * fit on one sheet continues on the next. Units are points (1/72 inch).
 */
#pragma once

#include <cairo.h>

#include "kts-map-layout.h"

G_BEGIN_DECLS

typedef enum
{
  KTS_POSTER_FORMAT_PDF,
  KTS_POSTER_FORMAT_SVG,
  KTS_POSTER_FORMAT_PNG,
} KtsPosterFormat;

/* The kinds of text of B.11, each with its own minimum size. */
typedef enum
{
  KTS_POSTER_TEXT_LABEL,  /* lane labels, phase names, headings: 16 pt at A1 */
  KTS_POSTER_TEXT_BODY,   /* the label of a move, the body of its card (B.6): 14 pt at A1 */
  KTS_POSTER_TEXT_QUOTE,  /* quotes: 12 pt at A1 */
  KTS_POSTER_TEXT_DETAIL, /* card headers, anchor lines, footers, badges, legend: 10 pt at A1 */
} KtsPosterText;

typedef struct
{
  double            paper_width;  /* mm; default A1 landscape, 841 × 594 */
  double            paper_height; /* mm */
  KtsMapArrangement arrangement;
  /* Printed in the footer; NULL prints "unknown". */
  const char *codebook_version;
  /* The date printed in the footer and written as the PDF creation date,
   * "YYYY-MM-DD"; NULL = today. Give one for byte-identical output. */
  const char *date;
  double      dpi; /* PNG resolution, default 300 */
  /* Tiling: tile_width > 0 splits every sheet over pages of this size (mm)
   * in one PDF, in whichever orientation needs fewer pages. */
  double tile_width;
  double tile_height;
  double tile_overlap; /* mm shared by neighbouring tiles, default 10 */
  double tile_margin;  /* mm around the image on a tile for marks and labels, default 10 */
} KtsPosterOptions;

typedef struct _KtsPoster KtsPoster;

void kts_poster_options_init (KtsPosterOptions *options);

/* Paper by name: A0–A6, letter, legal, tabloid (case-insensitive), or
 * "WIDTHxHEIGHTmm" (e.g. "500x700mm"). Sizes are portrait (width ≤ height)
 * except a custom size, which is taken as written. */
gboolean
kts_poster_parse_paper (const char *name, double *width_mm, double *height_mm, GError **error);
/* The format an output file name asks for (.pdf, .svg, .png). */
gboolean kts_poster_format_from_path (const char *path, KtsPosterFormat *format, GError **error);

/* The legible minimum (points) of @text on paper whose shorter side is
 * @short_side_mm: B.11's A1 minimum scaled by short side / 594 mm, never
 * below 7 pt. */
double kts_poster_minimum_font_size (double short_side_mm, KtsPosterText text);

/* Documents that the episode's moves quote (through their anchors) and that
 * are not marked pseudonymised; (transfer container) of KtsDocument, empty
 * when all are. */
GPtrArray *kts_poster_identifiable_documents (KtsEpisode *episode);
/* Moves per theme 1a, 1b, 2a, 2b, 2c, 2d, 2e (in that order) from the KS.*
 * codes of their anchors; a move counts once per theme. */
void kts_poster_theme_tally (KtsEpisode *episode, guint counts[7]);

KtsPoster *kts_poster_new (KtsEpisode *episode, const KtsPosterOptions *options);
void       kts_poster_free (KtsPoster *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsPoster, kts_poster_free)

/* Points per layout unit on the sheet. */
double kts_poster_get_scale (KtsPoster *self);
/* The smallest size (points) text of this kind is printed at. */
double kts_poster_get_font_size (KtsPoster *self, KtsPosterText text);
/* The stacked rows of the map: columns (move indexes) @first … @last. */
guint kts_poster_get_n_rows (KtsPoster *self);
void  kts_poster_get_row (KtsPoster *self, guint row, guint *first, guint *last);
/* Where row @row is: the map sheet it begins on (a row taller than a sheet
 * goes on over the next), its width and its whole height, in points. */
void
kts_poster_get_row_extent (KtsPoster *self, guint row, guint *sheet, double *width, double *height);
/* The share (0–1) of map sheet @sheet's usable area (inside the margins,
 * above the footer) that the title block, the rows (at their own width),
 * the reading and the legend cover. */
double kts_poster_get_sheet_fill (KtsPoster *self, guint sheet);
/* Sheets of the poster (before tiling), the appendix included. */
guint kts_poster_get_n_sheets (KtsPoster *self);
guint kts_poster_get_n_appendix_sheets (KtsPoster *self);
/* Moves whose quote the cards cut and the appendix prints in full. */
GPtrArray *kts_poster_get_truncated_moves (KtsPoster *self);
/* Tiles per sheet (0 × 0 when not tiled), and the tile page in points. */
void kts_poster_get_tiling (
    KtsPoster *self, guint *rows, guint *columns, double *page_width, double *page_height);
/* The part of the sheet (points) that tile @row, @column shows. */
void kts_poster_get_tile_rect (
    KtsPoster *self, guint row, guint column, double *x, double *y, double *width, double *height);
/* Pages of a PDF export (sheets × tiles). */
guint kts_poster_get_n_pages (KtsPoster *self);

/* Draws sheet @sheet (0-based) at one unit per point. */
void kts_poster_draw_sheet (KtsPoster *self, cairo_t *cr, guint sheet);
/* Page @page (0-based) of the PDF export: a sheet, a tile of a sheet (with
 * its marks and label) or an appendix sheet, at one unit per point on a page
 * of kts_poster_get_page_size() points; for printing. */
void kts_poster_get_page_size (KtsPoster *self, guint page, double *width, double *height);
void kts_poster_draw_page (KtsPoster *self, cairo_t *cr, guint page);

/* Writes the poster. PDF: one file, every sheet (or tile) a page. SVG and
 * PNG: one file per sheet, the second and later named "NAME-2.svg" …
 * Tiling needs PDF. */
gboolean
kts_poster_export (KtsPoster *self, const char *path, KtsPosterFormat format, GError **error);
/* The file names kts_poster_export() writes for @path. (transfer full) */
GStrv kts_poster_output_files (KtsPoster *self, const char *path, KtsPosterFormat format);

G_END_DECLS
