/* kts-svg-private.h: tidies the SVG that cairo writes, for posters and reports,
 * and puts text in it as text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* One copy of every glyph outline of several SVGs that end up in one HTML
 * document (cairo writes text as glyph symbols in each SVG). */
typedef struct _KtsSvgGlyphs KtsSvgGlyphs;

/* Shared glyphs get the ids @id_prefix + "1", "2", … */
KtsSvgGlyphs *kts_svg_glyphs_new (const char *id_prefix);
void          kts_svg_glyphs_free (KtsSvgGlyphs *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsSvgGlyphs, kts_svg_glyphs_free)
guint kts_svg_glyphs_get_n_glyphs (KtsSvgGlyphs *self);
/* Appends the shared glyphs as <symbol> elements (for a <defs>). */
void kts_svg_glyphs_append_symbols (KtsSvgGlyphs *self, GString *out);

/* Returns @svg with cairo's surfaces numbered from 1 in order of appearance
 * (cairo counts them per process), so the same drawing gives the same bytes.
 * With @id_prefix, every id becomes @id_prefix and a number (in order of
 * appearance), and so does every reference to it, so several SVGs can share
 * one HTML document. With @glyphs, the glyph symbols
 * move into @glyphs (one copy of each outline) and the references point at
 * the shared ids. (transfer full) */
char *kts_svg_tidy (const char *svg, gsize length, const char *id_prefix, KtsSvgGlyphs *glyphs);

/* Tidies the SVG file at @path in place (kts_svg_tidy() without a prefix). */
gboolean kts_svg_tidy_file (const char *path, GError **error);

/* ---- Text as text (kts-svg-text.c) ---- */

/* Records the text drawn on a cairo_t for an SVG surface so that the SVG
 * can carry it as <text> elements (see kts-svg-text.c). */
typedef struct _KtsSvgText KtsSvgText;

/* @embed_fonts: put the fonts used in the SVG as subsets (@font-face with a
 * data: URI); otherwise the text names the font family only. */
KtsSvgText *kts_svg_text_new (gboolean embed_fonts);
void        kts_svg_text_free (KtsSvgText *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsSvgText, kts_svg_text_free)
/* From now on, text shown on @cr with kts_svg_show_layout() is recorded
 * (@self must outlive the drawing). */
void kts_svg_text_attach (KtsSvgText *self, cairo_t *cr);
/* Shows @layout at the current point: pango_cairo_show_layout(), or, on a
 * cairo_t with a recorder attached, a recorded line and a marker per line.
 * Every text of the map painter and the poster goes through here. */
void kts_svg_show_layout (cairo_t *cr, PangoLayout *layout);
/* Returns @svg (as cairo wrote it from the recorded drawing) with the
 * markers replaced by the text and, when embedding and @with_fonts, a
 * <style> with the fonts. (transfer full) */
char *kts_svg_text_merge (KtsSvgText *self, const char *svg, gsize length, gboolean with_fonts);
/* The @font-face rules for all the text recorded so far (each font a subset
 * as a data: URI), for several SVGs in one HTML document. (transfer full) */
char *kts_svg_text_dup_font_css (KtsSvgText *self);
/* After the fonts were written: fonts embedded, and the families that could not be. */
guint            kts_svg_text_get_n_embedded_fonts (KtsSvgText *self);
const GPtrArray *kts_svg_text_get_unembedded_families (KtsSvgText *self);

G_END_DECLS
