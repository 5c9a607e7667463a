/* kts-svg.c: tidies the SVG that cairo writes, for posters and reports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include <string.h>

#include "kts-svg-private.h"

struct _KtsSvgGlyphs
{
  char       *prefix;
  GHashTable *ids;     /* outline → shared id (owned by @symbols' order) */
  GPtrArray  *symbols; /* the outlines in order of first use */
};

KtsSvgGlyphs *
kts_svg_glyphs_new (const char *id_prefix)
{
  KtsSvgGlyphs *self = g_new0 (KtsSvgGlyphs, 1);

  self->prefix = g_strdup (id_prefix != NULL ? id_prefix : "glyph");
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->symbols = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
kts_svg_glyphs_free (KtsSvgGlyphs *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->ids);
  g_ptr_array_unref (self->symbols);
  g_free (self->prefix);
  g_free (self);
}

guint
kts_svg_glyphs_get_n_glyphs (KtsSvgGlyphs *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->symbols->len;
}

void
kts_svg_glyphs_append_symbols (KtsSvgGlyphs *self, GString *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < self->symbols->len; i++)
    g_string_append_printf (out, "<symbol overflow=\"visible\" id=\"%s%u\">%s</symbol>\n",
                            self->prefix, i + 1,
                            (const char *)g_ptr_array_index (self->symbols, i));
}

/* The shared number of an outline, added if new. */
static guint
glyphs_intern (KtsSvgGlyphs *self, const char *outline, gsize length)
{
  g_autofree char *key = g_strndup (outline, length);
  gpointer         id = g_hash_table_lookup (self->ids, key);

  if (id == NULL)
    {
      char *owned = g_steal_pointer (&key);

      g_ptr_array_add (self->symbols, owned);
      id = GUINT_TO_POINTER (self->symbols->len);
      g_hash_table_insert (self->ids, owned, id);
    }
  return GPOINTER_TO_UINT (id);
}

typedef struct
{
  const char   *prefix;
  KtsSvgGlyphs *glyphs;
  GHashTable   *renamed;   /* cairo's id (or surface number) → new number */
  GHashTable   *glyph_ids; /* cairo's glyph id → shared number */
} Tidy;

static guint
tidy_number (Tidy *tidy, const char *old)
{
  gpointer number = g_hash_table_lookup (tidy->renamed, old);

  if (number == NULL)
    {
      number = GUINT_TO_POINTER (g_hash_table_size (tidy->renamed) + 1);
      g_hash_table_insert (tidy->renamed, g_strdup (old), number);
    }
  return GPOINTER_TO_UINT (number);
}

/* Rewrites the id in an id="…", href="#…" or url(#…). */
static gboolean
rename_cb (const GMatchInfo *match, GString *result, gpointer user_data)
{
  Tidy            *tidy = user_data;
  g_autofree char *lead = g_match_info_fetch (match, 1);
  g_autofree char *id = g_match_info_fetch (match, 2);
  gpointer         shared;

  g_string_append (result, lead);
  if (tidy->glyph_ids != NULL && (shared = g_hash_table_lookup (tidy->glyph_ids, id)) != NULL)
    g_string_append_printf (result, "%s%u", tidy->glyphs->prefix, GPOINTER_TO_UINT (shared));
  else if (tidy->prefix != NULL)
    /* Every id numbered in order of appearance: whatever counters cairo
     * keeps, the same drawing gives the same ids. */
    g_string_append_printf (result, "%s%u", tidy->prefix, tidy_number (tidy, id));
  else if (g_str_has_prefix (id, "surface") && g_ascii_isdigit (id[strlen ("surface")]))
    g_string_append_printf (result, "surface%u", tidy_number (tidy, id + strlen ("surface")));
  else
    g_string_append (result, id);
  return FALSE;
}

char *
kts_svg_tidy (const char *svg, gsize length, const char *id_prefix, KtsSvgGlyphs *glyphs)
{
  g_autoptr (GRegex) ids_regex = NULL;
  g_autoptr (GString) kept = NULL;
  Tidy  tidy = { id_prefix, glyphs, NULL, NULL };
  char *result;

  g_return_val_if_fail (svg != NULL, NULL);

  ids_regex = g_regex_new ("(id=\"|href=\"#|url\\(#)([A-Za-z_][A-Za-z0-9_.-]*)", G_REGEX_OPTIMIZE,
                           0, NULL);
  if (glyphs != NULL)
    {
      g_autoptr (GRegex) symbol_regex = NULL;
      g_autoptr (GMatchInfo) match = NULL;
      gsize done = 0;

      symbol_regex = g_regex_new ("<symbol overflow=\"visible\" id=\"([^\"]+)\">(.*?)</symbol>\\n?",
                                  G_REGEX_DOTALL, 0, NULL);

      /* Take the symbols out, remembering which shared glyph each one is. */
      tidy.glyph_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      kept = g_string_sized_new (length);
      g_regex_match_full (symbol_regex, svg, length, 0, 0, &match, NULL);
      while (g_match_info_matches (match))
        {
          int start, end, body_start, body_end;

          g_match_info_fetch_pos (match, 0, &start, &end);
          g_match_info_fetch_pos (match, 2, &body_start, &body_end);
          g_string_append_len (kept, svg + done, start - done);
          g_hash_table_insert (
              tidy.glyph_ids, g_match_info_fetch (match, 1),
              GUINT_TO_POINTER (glyphs_intern (glyphs, svg + body_start, body_end - body_start)));
          done = end;
          g_match_info_next (match, NULL);
        }
      g_string_append_len (kept, svg + done, length - done);
      svg = kept->str;
      length = kept->len;
    }

  tidy.renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  result = g_regex_replace_eval (ids_regex, svg, length, 0, 0, rename_cb, &tidy, NULL);
  g_hash_table_unref (tidy.renamed);
  g_clear_pointer (&tidy.glyph_ids, g_hash_table_unref);
  return result;
}

gboolean
kts_svg_tidy_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *fixed = NULL;
  gsize            length;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  fixed = kts_svg_tidy (contents, length, NULL, NULL);
  return g_file_set_contents (path, fixed, -1, error);
}
