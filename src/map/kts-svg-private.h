/* kts-svg-private.h: tidies the SVG that cairo writes, for posters and reports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
