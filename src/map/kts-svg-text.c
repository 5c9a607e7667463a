/* kts-svg-text.c: text in SVG as <text> elements (searchable, selectable,
 * editable) with the fonts embedded as subsets, instead of cairo's glyph outlines.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every piece of text the painters show goes through kts_svg_show_layout().
 * With no recorder attached to the cairo_t it is pango_cairo_show_layout().
 * With one, each line of the layout is recorded as SVG text (its string,
 * Pango's position for every cluster, the font, the colour and the current
 * transformation) and cairo draws in its place a marker: a faint rectangle
 * over the line whose colour is the line's number. cairo writes the marker
 * where the text belongs in paint order and inside the clip groups in force,
 * and leaves it out where the clip hides the line altogether; the merge then
 * swaps each marker for its text. So text stays above what was drawn before
 * it and below what was drawn after it, and is clipped exactly as the glyphs
 * would have been.
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include <hb-subset.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "kts-svg-private.h"

/* Marker colour: red, green and blue carry the line number, the opacity
 * says that it is a marker (nothing else is drawn at 1 %). */
#define MARKER_ALPHA 0.01
#define MAX_LINES 0xffffff

static const cairo_user_data_key_t recorder_key;

typedef struct
{
  hb_face_t  *face;
  hb_set_t   *unicodes;
  char       *family; /* the family name the system knows */
  int         weight; /* what the text asks for (Pango's description) */
  const char *style;
  int         face_weight; /* what the font file is: a bold or slanted style */
  gboolean    face_italic; /* (what Pango synthesises, the renderer must too) */
  guint       number;      /* kts-fN in the document */
} FontEntry;

struct _KtsSvgText
{
  gboolean    embed_fonts;
  GPtrArray  *lines; /* char *: the SVG of each recorded line, by number */
  GHashTable *fonts; /* "face weight style" → FontEntry */
  GPtrArray  *font_order;
  guint       n_embedded;
  GPtrArray  *not_embedded; /* char *: families that could not be embedded */
};

static void
font_entry_free (gpointer data)
{
  FontEntry *entry = data;

  hb_face_destroy (entry->face);
  hb_set_destroy (entry->unicodes);
  g_free (entry->family);
  g_free (entry);
}

KtsSvgText *
kts_svg_text_new (gboolean embed_fonts)
{
  KtsSvgText *self = g_new0 (KtsSvgText, 1);

  self->embed_fonts = embed_fonts;
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->font_order = g_ptr_array_new_with_free_func (font_entry_free);
  self->not_embedded = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
kts_svg_text_free (KtsSvgText *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->lines);
  g_hash_table_unref (self->fonts);
  g_ptr_array_unref (self->font_order);
  g_ptr_array_unref (self->not_embedded);
  g_free (self);
}

void
kts_svg_text_attach (KtsSvgText *self, cairo_t *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_set_user_data (cr, &recorder_key, self, NULL);
}

guint
kts_svg_text_get_n_embedded_fonts (KtsSvgText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_embedded;
}

const GPtrArray *
kts_svg_text_get_unembedded_families (KtsSvgText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->not_embedded;
}

/* ---- Recording ------------------------------------------------------------- */

static FontEntry *
font_entry (KtsSvgText *self, PangoFont *font)
{
  g_autoptr (PangoFontDescription) desc = pango_font_describe (font);
  hb_font_t       *hb = pango_font_get_hb_font (font);
  hb_face_t       *face = hb != NULL ? hb_font_get_face (hb) : NULL;
  int              weight = pango_font_description_get_weight (desc);
  PangoStyle       style = pango_font_description_get_style (desc);
  const char      *style_name = style == PANGO_STYLE_ITALIC    ? "italic"
                                : style == PANGO_STYLE_OBLIQUE ? "oblique"
                                                               : "normal";
  g_autofree char *key = g_strdup_printf ("%p %d %s", (void *)face, weight, style_name);
  FontEntry       *entry = g_hash_table_lookup (self->fonts, key);

  if (entry == NULL)
    {
      entry = g_new0 (FontEntry, 1);
      entry->face = face != NULL ? hb_face_reference (face) : NULL;
      entry->unicodes = hb_set_create ();
      entry->family = g_strdup (pango_font_description_get_family (desc));
      entry->weight = weight;
      entry->style = style_name;
      entry->face_weight = hb != NULL ? (int)hb_style_get_value (hb, HB_STYLE_TAG_WEIGHT) : weight;
      entry->face_italic = hb != NULL && hb_style_get_value (hb, HB_STYLE_TAG_ITALIC) > 0.5;
      if (entry->face_weight < 100 || entry->face_weight > 1000)
        entry->face_weight = weight;
      entry->number = self->font_order->len + 1;
      g_ptr_array_add (self->font_order, entry);
      g_hash_table_insert (self->fonts, g_steal_pointer (&key), entry);
    }
  return entry;
}

/* A character as XML text; control characters (never shown) become spaces. */
static void
append_char (GString *out, FontEntry *font, gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xfffe || c == 0xffff)
    c = ' ';
  hb_set_add (font->unicodes, c);
  switch (c)
    {
    case '&':
      g_string_append (out, "&amp;");
      break;
    case '<':
      g_string_append (out, "&lt;");
      break;
    case '>':
      g_string_append (out, "&gt;");
      break;
    case '"':
      /* Escaped too, so that no text looks like an attribute to
       * kts_svg_tidy()'s renaming of ids. */
      g_string_append (out, "&quot;");
      break;
    default:
      g_string_append_unichar (out, c);
    }
}

/* Appends @text (@length bytes) escaped for XML, noting its characters as
 * used in @font and where each begins in @starts (may be NULL). */
static void
append_chars (GString *out, FontEntry *font, const char *text, gsize length, GArray *starts)
{
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      if (starts != NULL)
        g_array_append_val (starts, p);
      append_char (out, font, g_utf8_get_char (p));
    }
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *)a - *(const int *)b;
}

/* One run of a line: one font, one direction. Left-to-right runs whose
 * clusters are single characters get Pango's x for every character, so the
 * text lands exactly where the PDF puts it; other runs (right to left,
 * combining marks, ligatures) are placed as a whole and shaped by the
 * renderer, which keeps joining and mark placement intact. */
static void
append_run (KtsSvgText     *self,
            GString        *out,
            const char     *text,
            PangoGlyphItem *run,
            double          x,
            double          baseline,
            const double    rgba[4])
{
  PangoItem        *item = run->item;
  PangoGlyphString *glyphs = run->glyphs;
  FontEntry        *font;
  g_autoptr (PangoFontDescription) desc = NULL;
  g_autoptr (GString) chars = g_string_new (NULL);
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (const char *));
  g_autoptr (GArray) clusters = g_array_new (FALSE, FALSE, sizeof (int));
  double   size;
  gboolean rtl = (item->analysis.level & 1) != 0;
  gboolean simple = !rtl;

  if (glyphs->num_glyphs == 0 || item->analysis.font == NULL)
    return;
  font = font_entry (self, item->analysis.font);
  desc = pango_font_describe_with_absolute_size (item->analysis.font);
  size = (double)pango_font_description_get_size (desc) / PANGO_SCALE;

  if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
    {
      /* The run stands for the text the ellipsis hides. */
      append_chars (chars, font, "…", strlen ("…"), NULL);
      simple = FALSE;
    }
  else
    {
      append_chars (chars, font, text + item->offset, item->length, starts);
      /* Cluster starts in logical order; a simple run has one character each. */
      for (int i = 0; i < glyphs->num_glyphs; i++)
        if (i == 0 || glyphs->log_clusters[i] != glyphs->log_clusters[i - 1])
          g_array_append_val (clusters, glyphs->log_clusters[i]);
      g_array_sort (clusters, compare_int);
      if (clusters->len != starts->len)
        simple = FALSE;
      for (guint i = 0; simple && i < clusters->len; i++)
        if (i > 0 && g_array_index (clusters, int, i) == g_array_index (clusters, int, i - 1))
          simple = FALSE;
    }

  g_string_append_printf (out, "<text xml:space=\"preserve\" font-family=\"");
  if (self->embed_fonts)
    g_string_append_printf (out, "'kts-f%u',", font->number);
  {
    g_autofree char *family = g_markup_escape_text (font->family != NULL ? font->family : "", -1);
    g_string_append_printf (out, "'%s',sans-serif\"", family);
  }
  {
    char size_s[G_ASCII_DTOSTR_BUF_SIZE], y_s[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_formatd (size_s, sizeof size_s, "%.3f", size);
    g_ascii_formatd (y_s, sizeof y_s, "%.3f", baseline);
    g_string_append_printf (out, " font-size=\"%s\"", size_s);
    if (font->weight != PANGO_WEIGHT_NORMAL)
      g_string_append_printf (out, " font-weight=\"%d\"", font->weight);
    if (!g_str_equal (font->style, "normal"))
      g_string_append_printf (out, " font-style=\"%s\"", font->style);
    if (rgba[0] != 0 || rgba[1] != 0 || rgba[2] != 0)
      g_string_append_printf (out, " fill=\"#%02x%02x%02x\"", (int)(rgba[0] * 255 + 0.5),
                              (int)(rgba[1] * 255 + 0.5), (int)(rgba[2] * 255 + 0.5));
    if (rgba[3] < 1)
      {
        char a_s[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append_printf (out, " fill-opacity=\"%s\"",
                                g_ascii_formatd (a_s, sizeof a_s, "%.3f", rgba[3]));
      }
    g_string_append_printf (out, " y=\"%s\"", y_s);
  }

  if (simple)
    {
      /* The x of each cluster (one character each), visual order = logical
       * order here. Each word is a <tspan> with its own x as well: renderers
       * that take only the first x of a list (librsvg) then still place
       * every word where Pango did. */
      g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
      double   gx = x;
      int      previous = -1;
      gboolean words = FALSE;

      for (int i = 0; i < glyphs->num_glyphs; i++)
        {
          if (glyphs->log_clusters[i] != previous)
            {
              double at = gx + (double)glyphs->glyphs[i].geometry.x_offset / PANGO_SCALE;

              g_array_append_val (xs, at);
              previous = glyphs->log_clusters[i];
            }
          gx += (double)glyphs->glyphs[i].geometry.width / PANGO_SCALE;
        }
      for (guint i = 0; i + 1 < starts->len; i++)
        words = words || g_utf8_get_char (g_array_index (starts, const char *, i)) == ' ';
      if (words)
        g_string_append_c (out, '>');
      for (guint i = 0; i < starts->len;)
        {
          guint end = i;

          /* A word and the space after it. */
          while (end + 1 < starts->len
                 && g_utf8_get_char (g_array_index (starts, const char *, end)) != ' ')
            end++;
          g_string_append (out, words ? "<tspan x=\"" : " x=\"");
          for (guint k = i; k <= end; k++)
            {
              char n[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append_printf (
                  out, "%s%s", k > i ? " " : "",
                  g_ascii_formatd (n, sizeof n, "%.2f", g_array_index (xs, double, k)));
            }
          g_string_append (out, "\">");
          for (guint k = i; k <= end; k++)
            append_char (out, font, g_utf8_get_char (g_array_index (starts, const char *, k)));
          if (words)
            g_string_append (out, "</tspan>");
          i = end + 1;
        }
      g_string_append (out, "</text>");
    }
  else
    {
      char s[G_ASCII_DTOSTR_BUF_SIZE];

      /* Right to left: the run starts at its right edge. */
      if (rtl)
        x += (double)pango_glyph_string_get_width (glyphs) / PANGO_SCALE;
      g_string_append_printf (out, " x=\"%s\"%s>%s</text>",
                              g_ascii_formatd (s, sizeof s, "%.2f", x),
                              rtl ? " direction=\"rtl\" unicode-bidi=\"embed\"" : "", chars->str);
    }
}

typedef struct
{
  PangoGlyphItem *run;
  double          x;
} PlacedRun;

static int
compare_runs (gconstpointer a, gconstpointer b)
{
  return ((const PlacedRun *)a)->run->item->offset - ((const PlacedRun *)b)->run->item->offset;
}

/* Records one line at layout origin (@x0, @y0) and returns its number. */
static guint
record_line (KtsSvgText      *self,
             cairo_t         *cr,
             PangoLayout     *layout,
             PangoLayoutIter *iter,
             double           x0,
             double           y0,
             const double     rgba[4])
{
  PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
  const char      *text = pango_layout_get_text (layout);
  PangoRectangle   logical;
  double           baseline = y0 + (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
  double           x;
  cairo_matrix_t   m;
  g_autoptr (GString) out = g_string_new (NULL);
  char s[6][G_ASCII_DTOSTR_BUF_SIZE];

  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  x = x0 + (double)logical.x / PANGO_SCALE;
  cairo_get_matrix (cr, &m);
  g_string_append_printf (out, "<g transform=\"matrix(%s %s %s %s %s %s)\">",
                          g_ascii_formatd (s[0], sizeof s[0], "%.6g", m.xx),
                          g_ascii_formatd (s[1], sizeof s[1], "%.6g", m.yx),
                          g_ascii_formatd (s[2], sizeof s[2], "%.6g", m.xy),
                          g_ascii_formatd (s[3], sizeof s[3], "%.6g", m.yy),
                          g_ascii_formatd (s[4], sizeof s[4], "%.4f", m.x0),
                          g_ascii_formatd (s[5], sizeof s[5], "%.4f", m.y0));
  /* Runs are in visual order with their x; the elements go in logical
   * order, so that text selected or searched in the SVG reads as written. */
  {
    g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (PlacedRun));

    for (GSList *l = line->runs; l != NULL; l = l->next)
      {
        PlacedRun placed = { l->data, x };

        g_array_append_val (runs, placed);
        x += (double)pango_glyph_string_get_width (placed.run->glyphs) / PANGO_SCALE;
      }
    g_array_sort (runs, compare_runs);
    for (guint i = 0; i < runs->len; i++)
      {
        const PlacedRun *placed = &g_array_index (runs, PlacedRun, i);

        append_run (self, out, text, placed->run, placed->x, baseline, rgba);
      }
  }
  g_string_append (out, "</g>\n");
  g_ptr_array_add (self->lines, g_string_free (g_steal_pointer (&out), FALSE));
  return self->lines->len;
}

void
kts_svg_show_layout (cairo_t *cr, PangoLayout *layout)
{
  KtsSvgText      *self;
  cairo_pattern_t *source;
  double           rgba[4] = { 0, 0, 0, 1 };
  double           x0, y0;
  PangoLayoutIter *iter;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  self = cairo_get_user_data (cr, &recorder_key);
  source = cairo_get_source (cr);
  if (self == NULL || !cairo_has_current_point (cr) || self->lines->len >= MAX_LINES
      || cairo_pattern_get_rgba (source, &rgba[0], &rgba[1], &rgba[2], &rgba[3])
             != CAIRO_STATUS_SUCCESS)
    {
      /* Not recording, or text in a pattern: the glyphs themselves. */
      pango_cairo_show_layout (cr, layout);
      return;
    }

  cairo_get_current_point (cr, &x0, &y0);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      guint          number;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (pango_layout_iter_get_line_readonly (iter)->runs == NULL || logical.width <= 0)
        continue;
      number = record_line (self, cr, layout, iter, x0, y0, rgba);

      /* The marker: where the line is, in paint order. */
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_set_source_rgba (cr, ((number >> 16) & 0xff) / 255.0, ((number >> 8) & 0xff) / 255.0,
                             (number & 0xff) / 255.0, MARKER_ALPHA);
      cairo_rectangle (cr, x0 + (double)logical.x / PANGO_SCALE,
                       y0 + (double)logical.y / PANGO_SCALE, (double)logical.width / PANGO_SCALE,
                       MAX (1.0, (double)logical.height / PANGO_SCALE));
      cairo_fill (cr);
      cairo_restore (cr);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_move_to (cr, x0, y0);
}

/* ---- Merging --------------------------------------------------------------- */

char *
kts_svg_text_dup_font_css (KtsSvgText *self)
{
  GString *css;

  g_return_val_if_fail (self != NULL, NULL);

  css = g_string_new (NULL);
  self->n_embedded = 0;
  g_ptr_array_set_size (self->not_embedded, 0);

  for (guint i = 0; i < self->font_order->len; i++)
    {
      FontEntry         *font = g_ptr_array_index (self->font_order, i);
      hb_subset_input_t *input;
      hb_face_t         *subset = NULL;
      hb_blob_t         *blob;
      const char        *data;
      unsigned int       length = 0;

      if (font->face == NULL || hb_set_is_empty (font->unicodes))
        goto not_embedded;
      input = hb_subset_input_create_or_fail ();
      if (input == NULL)
        goto not_embedded;
      hb_set_union (hb_subset_input_unicode_set (input), font->unicodes);
      /* Hinting is for screens at small sizes; a poster does not need it. */
      hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);
      subset = hb_subset_or_fail (font->face, input);
      hb_subset_input_destroy (input);
      if (subset == NULL)
        goto not_embedded;
      blob = hb_face_reference_blob (subset);
      data = hb_blob_get_data (blob, &length);
      if (length > 4)
        {
          gboolean         cff = memcmp (data, "OTTO", 4) == 0;
          g_autofree char *base64 = g_base64_encode ((const guchar *)data, length);

          g_string_append_printf (css,
                                  "@font-face{font-family:'kts-f%u';font-weight:%d;font-style:%s;"
                                  "src:url(data:font/%s;base64,%s) format('%s');}\n",
                                  font->number, font->face_weight,
                                  font->face_italic ? "italic" : "normal", cff ? "otf" : "ttf",
                                  base64, cff ? "opentype" : "truetype");
          self->n_embedded++;
        }
      hb_blob_destroy (blob);
      hb_face_destroy (subset);
      if (length > 4)
        continue;

    not_embedded:
      g_ptr_array_add (self->not_embedded, g_strdup (font->family));
    }
  return g_string_free (css, FALSE);
}

static gboolean
marker_cb (const GMatchInfo *match, GString *result, gpointer user_data)
{
  KtsSvgText      *self = user_data;
  g_autofree char *all = g_match_info_fetch (match, 0);
  g_autofree char *r = g_match_info_fetch (match, 1);
  g_autofree char *g = g_match_info_fetch (match, 2);
  g_autofree char *b = g_match_info_fetch (match, 3);
  g_autofree char *a = g_match_info_fetch (match, 4);
  guint            number;

  if (ABS (g_ascii_strtod (a, NULL) - MARKER_ALPHA) > 0.002)
    {
      g_string_append (result, all);
      return FALSE;
    }
  number = ((guint)(g_ascii_strtod (r, NULL) * 2.55 + 0.5) << 16)
           | ((guint)(g_ascii_strtod (g, NULL) * 2.55 + 0.5) << 8)
           | (guint)(g_ascii_strtod (b, NULL) * 2.55 + 0.5);
  if (number >= 1 && number <= self->lines->len)
    g_string_append (result, g_ptr_array_index (self->lines, number - 1));
  return FALSE;
}

char *
kts_svg_text_merge (KtsSvgText *self, const char *svg, gsize length, gboolean with_fonts)
{
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GString) out = NULL;
  g_autofree char *merged = NULL;
  const char      *defs;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (svg != NULL, NULL);

  regex = g_regex_new ("<path style=\"[^\"]*fill:rgb\\(([0-9.]+)%,([0-9.]+)%,([0-9.]+)%\\);"
                       "fill-opacity:([0-9.]+);\"[^>]*/>\\n?",
                       G_REGEX_OPTIMIZE, 0, NULL);
  merged = g_regex_replace_eval (regex, svg, length, 0, 0, marker_cb, self, NULL);
  if (merged == NULL)
    return g_strndup (svg, length);

  /* The fonts go first in the document, in a <style> of their own. */
  out = g_string_sized_new (strlen (merged) + 1024);
  defs = strstr (merged, "<svg");
  defs = defs != NULL ? strchr (defs, '>') : NULL;
  if (defs == NULL)
    return g_steal_pointer (&merged);
  g_string_append_len (out, merged, defs + 1 - merged);
  g_string_append_c (out, '\n');
  if (self->embed_fonts && with_fonts)
    {
      g_autofree char *css = kts_svg_text_dup_font_css (self);

      if (css[0] != '\0')
        g_string_append_printf (out, "<style type=\"text/css\"><![CDATA[\n%s]]></style>\n", css);
    }
  g_string_append (out, defs + 1 + (defs[1] == '\n' ? 1 : 0));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
