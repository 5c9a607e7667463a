/* kts-map-painter.c: draws process maps: lanes, phase bands, the spine with
 * rupture bars, typed edges, cards, the title block and the legend.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is carried by colour alone: dimensions differ by corner shape,
 * maturity by fill, interpretation by border dash, rupture types by pattern
 * and letters, edges by dash, head and label.
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "kts-map-painter.h"
#include "kts-svg-private.h"

#define CARD_PAD 6.0
#define BAND_HEADER 26.0
#define COLUMN_GAP 36.0

/* Font sizes in layout units (KtsMapStyle may change them; see painter_new). */
#define HEADER_SIZE (self->small_size)
#define LABEL_SIZE (self->label_size)
/* Lane and phase names, the analyst reading's heading: a step above card labels. */
#define HEADING_SIZE (self->label_size * 1.2)
#define QUOTE_SIZE (self->quote_size)
#define SMALL_SIZE (self->small_size)
#define BADGE_SIZE (self->badge_size)
#define BADGE_W (self->badge_width)         /* narrowest badge */
#define BADGE_W_MAX (self->badge_width_max) /* widest; longer badge text is ellipsized */

struct _KtsMapPainter
{
  KtsEpisode   *episode;
  KtsMapStyle   style;
  char         *font_family;
  PangoContext *context;
  KtsMapLayout *layout;
  double        label_size;
  double        quote_size;
  double        small_size;
  double        badge_size;
  double        badge_width;
  double        badge_width_max;
  GArray       *texts;        /* CardText per card of the layout, shaped on first draw */
  GHashTable   *badge_widths; /* badge text → its width (double) */
  GHashTable   *heights;      /* what a card says → its height (double) */
  double        header_line_h;
  double        small_line_h;
  gboolean      legible_small; /* small text is big enough on the target to read */
  double        name_size;     /* lane and phase names: HEADING_SIZE, larger in the overview */
  double        reading_size;  /* the analyst lane's formula: LABEL_SIZE, larger in the overview */
  guint8       *row_starts;    /* kts_map_painter_set_row_starts() */
  guint         n_row_starts;
};

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  Rgb ink;     /* text and strokes */
  Rgb dim_ink; /* secondary text */
  Rgb paper;   /* background */
  Rgb sd_stroke, sd_fill, sd_fill_mm, sd_lane;
  Rgb rel_stroke, rel_fill, rel_fill_mm, rel_lane;
  Rgb none_stroke, none_fill;
  Rgb outside_lane, spine_lane;
  Rgb repairs;
  Rgb rupture; /* the flowchart's rupture bracket */
  Rgb selection;
} Palette;

static const Palette light_palette = {
  .ink = { 0.12, 0.12, 0.14 },
  .dim_ink = { 0.36, 0.36, 0.40 },
  .paper = { 1, 1, 1 },
  .sd_stroke = { 0.70, 0.29, 0.02 },
  .sd_fill = { 1.00, 0.96, 0.92 },
  .sd_fill_mm = { 0.99, 0.85, 0.71 },
  .sd_lane = { 0.995, 0.975, 0.955 },
  .rel_stroke = { 0.10, 0.37, 0.71 },
  .rel_fill = { 0.93, 0.96, 1.00 },
  .rel_fill_mm = { 0.76, 0.86, 0.97 },
  .rel_lane = { 0.955, 0.970, 0.995 },
  .none_stroke = { 0.37, 0.36, 0.39 },
  .none_fill = { 0.96, 0.96, 0.96 },
  .outside_lane = { 0.965, 0.960, 0.975 },
  .spine_lane = { 0.93, 0.93, 0.94 },
  .repairs = { 0.25, 0.47, 0.40 },
  .rupture = { 0.72, 0.18, 0.14 },
  .selection = { 0.21, 0.52, 0.89 },
};

static const Palette dark_palette = {
  .ink = { 0.94, 0.94, 0.95 },
  .dim_ink = { 0.70, 0.70, 0.74 },
  .paper = { 0.14, 0.14, 0.15 },
  .sd_stroke = { 1.00, 0.60, 0.30 },
  .sd_fill = { 0.22, 0.17, 0.13 },
  .sd_fill_mm = { 0.40, 0.25, 0.13 },
  .sd_lane = { 0.17, 0.155, 0.145 },
  .rel_stroke = { 0.47, 0.68, 0.98 },
  .rel_fill = { 0.13, 0.17, 0.23 },
  .rel_fill_mm = { 0.15, 0.27, 0.43 },
  .rel_lane = { 0.145, 0.155, 0.175 },
  .none_stroke = { 0.70, 0.70, 0.74 },
  .none_fill = { 0.20, 0.20, 0.22 },
  .outside_lane = { 0.165, 0.16, 0.18 },
  .spine_lane = { 0.20, 0.20, 0.22 },
  .repairs = { 0.48, 0.78, 0.66 },
  .rupture = { 0.98, 0.50, 0.44 },
  .selection = { 0.47, 0.68, 0.98 },
};

static const Palette *
palette (KtsMapPainter *self)
{
  return self->style.dark ? &dark_palette : &light_palette;
}

/* The flowchart of brief B.3.1: no dimensions, codes or analyst reading. */
static gboolean
flowchart (KtsMapPainter *self)
{
  return self->style.arrangement == KTS_MAP_ARRANGEMENT_FLOWCHART;
}

static void
set_rgb (cairo_t *cr, const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static void
set_rgba (cairo_t *cr, const Rgb *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

void
kts_map_style_init (KtsMapStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (KtsMapStyle){
    .arrangement = KTS_MAP_ARRANGEMENT_SURFACE,
    .dark = FALSE,
    .show_quotes = TRUE,
    .card_width = 200,
    .font_family = NULL,
    .label_size = 0,
    .quote_size = 0,
    .small_size = 0,
    .mark_truncated = FALSE,
    .quote_max_chars = 0,
    .detail_scale = 0,
  };
}

/* ---- Text ---------------------------------------------------------------- */

static PangoLayout *
text_layout (KtsMapPainter *self,
             const char    *text,
             double         size,
             PangoWeight    weight,
             gboolean       italic,
             double         width,
             int            max_lines)
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
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)w / PANGO_SCALE;
}

static void
show_layout (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  kts_svg_show_layout (cr, layout);
}

/* ---- What a card says ------------------------------------------------------ */

static const char *
actor_short (KtsActor actor)
{
  switch (actor)
    {
    case KTS_ACTOR_THERAPIST:
      return C_ ("map actor", "T");
    case KTS_ACTOR_CLIENT:
      return C_ ("map actor", "C");
    case KTS_ACTOR_DYAD:
      return C_ ("map actor", "T+C");
    case KTS_ACTOR_THIRD:
      return C_ ("map actor", "3rd");
    case KTS_ACTOR_UNSET:
    default:
      return "–";
    }
}

static const char *
dimension_short (KtsDimension dimension)
{
  switch (dimension)
    {
    case KTS_DIMENSION_SELF_DEFINITION:
      return C_ ("map dimension", "SD");
    case KTS_DIMENSION_RELATEDNESS:
      return C_ ("map dimension", "REL");
    case KTS_DIMENSION_BOTH:
      return C_ ("map dimension", "SD+REL");
    case KTS_DIMENSION_NONE:
    default:
      return "–";
    }
}

static const char *
phase_name (KtsPhase phase)
{
  switch (phase)
    {
    case KTS_PHASE_BEFORE:
      return C_ ("map phase", "Before");
    case KTS_PHASE_RUPTURE:
      return C_ ("map phase", "Rupture");
    case KTS_PHASE_REPAIR:
      return C_ ("map phase", "Repair");
    case KTS_PHASE_AFTER:
      return C_ ("map phase", "After");
    case KTS_PHASE_UNSET:
    default:
      return "";
    }
}

static const char *
location_badge (KtsMove *move)
{
  switch (kts_move_get_channel (move))
    {
    case KTS_CHANNEL_PHONE:
      return C_ ("map badge", "phone");
    case KTS_CHANNEL_TEXT:
      return C_ ("map badge", "SMS");
    case KTS_CHANNEL_ONLINE:
      return C_ ("map badge", "online");
    case KTS_CHANNEL_FACE_TO_FACE:
    case KTS_CHANNEL_UNSET:
    default:
      break;
    }

  if (kts_move_get_actor (move) == KTS_ACTOR_THIRD)
    {
      const char *role = kts_move_get_third_role (move);
      return role != NULL ? role : C_ ("map badge", "third");
    }

  switch (kts_move_get_location (move))
    {
    case KTS_LOCATION_OUTSIDE:
      return C_ ("map badge", "outside");
    case KTS_LOCATION_BETWEEN_SESSIONS:
      return C_ ("map badge", "between");
    case KTS_LOCATION_IN_SESSION:
    case KTS_LOCATION_UNSET:
    default:
      return NULL;
    }
}

/* The part of @key after @prefix up to the next '_' or '.', e.g. "MC.3_accept"
 * with prefix "MC." gives "3". */
static char *
key_segment (const char *key, const char *prefix)
{
  const char *start = key + strlen (prefix);
  gsize       n = strcspn (start, "_.");

  return g_strndup (start, n);
}

static int
badge_rank (const char *key)
{
  if (g_str_has_prefix (key, "RUP."))
    return 0;
  if (g_str_has_prefix (key, "KS.1") || g_str_has_prefix (key, "KS.2"))
    return 1;
  if (g_str_has_prefix (key, "STR."))
    return 2;
  if (g_str_has_prefix (key, "MC."))
    return 3;
  if (g_str_has_prefix (key, "RES.4S.") || g_str_has_prefix (key, "RES.6S.")
      || g_str_has_prefix (key, "RES.8S."))
    return 4;
  if (g_str_has_prefix (key, "JSR."))
    return 5;
  return -1;
}

static char *
badge_for_key (const char *key)
{
  /* The marker's first word is enough on a badge ("RUP.C.exit_threat" is
   * "CF:exit"); the tooltip has the whole code. */
  if (g_str_has_prefix (key, "RUP.W."))
    return g_strdup_printf ("WD:%.*s", (int)strcspn (key + 6, "_."), key + 6);
  if (g_str_has_prefix (key, "RUP.C."))
    return g_strdup_printf ("CF:%.*s", (int)strcspn (key + 6, "_."), key + 6);
  if (g_str_has_prefix (key, "RUP.T"))
    return g_strdup ("T-trig");
  if (g_str_has_prefix (key, "KS.1") || g_str_has_prefix (key, "KS.2"))
    return g_strndup (key + 3, 2);
  if (g_str_has_prefix (key, "STR.IMM.direct"))
    return g_strdup ("IMM-D");
  if (g_str_has_prefix (key, "STR.IMM.indirect"))
    return g_strdup ("IMM-I");
  if (g_str_has_prefix (key, "STR.EXP"))
    return g_strdup ("EXP");
  if (g_str_has_prefix (key, "MC."))
    {
      g_autofree char *n = key_segment (key, "MC.");
      return g_strdup_printf ("MC%s", n);
    }
  if (g_str_has_prefix (key, "RES.4S."))
    {
      g_autofree char *n = key_segment (key, "RES.4S.");
      return g_strdup_printf ("S%s", n);
    }
  if (g_str_has_prefix (key, "RES.6S.") || g_str_has_prefix (key, "RES.8S."))
    {
      g_autofree char *n = key_segment (key, "RES.6S.");
      return g_strdup_printf ("%.2s.%s", key + 4, n);
    }
  if (g_str_has_prefix (key, "JSR."))
    {
      const char *leaf = strrchr (key, '.');
      return g_strdup_printf ("JSR:%.10s", leaf != NULL ? leaf + 1 : key);
    }
  return NULL;
}

static gboolean
move_has_key_prefix (KtsMove *move, const char *prefix)
{
  GPtrArray *anchors = kts_move_get_anchors (move);

  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      KtsCode    *code = kts_coding_get_code (g_ptr_array_index (anchors, i));
      const char *key = code != NULL ? kts_code_get_key (code) : NULL;

      if (key != NULL && g_str_has_prefix (key, prefix))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
kts_map_move_badges (KtsMove *move)
{
  GPtrArray *anchors;
  g_autoptr (GPtrArray) keyed = g_ptr_array_new ();
  GPtrArray *badges = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (KTS_IS_MOVE (move), badges);

  anchors = kts_move_get_anchors (move);
  for (int rank = 0; rank <= 5; rank++)
    for (guint i = 0; anchors != NULL && i < anchors->len; i++)
      {
        KtsCode         *code = kts_coding_get_code (g_ptr_array_index (anchors, i));
        const char      *key = code != NULL ? kts_code_get_key (code) : NULL;
        g_autofree char *badge = NULL;
        gboolean         seen = FALSE;

        if (key == NULL || badge_rank (key) != rank)
          continue;
        badge = badge_for_key (key);
        if (badge == NULL)
          continue;
        for (guint j = 0; j < badges->len; j++)
          seen |= g_str_equal (g_ptr_array_index (badges, j), badge);
        if (!seen)
          g_ptr_array_add (badges, g_steal_pointer (&badge));
      }

  return badges;
}

/* Blatt codes of the anchors with maturity tag: "SD.isolation LM". */
static char *
move_footer (KtsMove *move)
{
  GPtrArray *anchors = kts_move_get_anchors (move);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      KtsCode    *code = kts_coding_get_code (g_ptr_array_index (anchors, i));
      const char *key = code != NULL ? kts_code_get_key (code) : NULL;

      if (key == NULL || !(g_str_has_prefix (key, "SD.") || g_str_has_prefix (key, "REL.")))
        continue;
      if (strstr (out->str, key) != NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, key);
      if (kts_code_get_maturity (code) == KTS_MATURITY_LESS_MATURE)
        g_string_append (out, " LM");
      else if (kts_code_get_maturity (code) == KTS_MATURITY_MORE_MATURE)
        g_string_append (out, " MM");
    }

  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, kts_move_get_interpretation (move) == KTS_INTERPRETATION_ANALYST
                            ? C_ ("map footer", "analyst")
                            : C_ ("map footer", "participant"));
  if (kts_move_get_explicitness (move) == KTS_EXPLICITNESS_EXPLICIT)
    g_string_append_printf (out, " · %s", C_ ("map footer", "explicit"));
  else if (kts_move_get_explicitness (move) == KTS_EXPLICITNESS_IMPLICIT)
    g_string_append_printf (out, " · %s", C_ ("map footer", "implicit"));
  if (kts_move_get_awareness (move) == KTS_AWARENESS_OUT_OF_AWARENESS)
    g_string_append_printf (out, " · %s", C_ ("map footer", "out of awareness"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static KtsMaturity
move_maturity (KtsMove *move)
{
  GPtrArray *anchors = kts_move_get_anchors (move);

  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      KtsCode *code = kts_coding_get_code (g_ptr_array_index (anchors, i));
      if (code != NULL && kts_code_get_maturity (code) != KTS_MATURITY_UNSET)
        return kts_code_get_maturity (code);
    }
  return KTS_MATURITY_UNSET;
}

/* "Session 7 · turn 42 · C" for the first anchor. */
static char *
move_anchor_line (KtsMove *move)
{
  GPtrArray   *anchors = kts_move_get_anchors (move);
  KtsCoding   *coding;
  KtsDocument *document;
  int          turn;
  g_autoptr (GString) out = g_string_new ("▸ ");

  if (anchors == NULL || anchors->len == 0)
    return NULL;

  coding = g_ptr_array_index (anchors, 0);
  document = kts_coding_get_document (coding);
  if (document == NULL)
    return NULL;

  g_string_append (out, kts_document_get_title (document));
  turn = kts_document_find_turn (document, kts_coding_get_start (coding));
  if (turn >= 0)
    {
      const KtsTurn *t = kts_document_get_turn (document, turn);

      g_string_append_printf (out, " · %s %d", C_ ("map anchor", "turn"), turn + 1);
      if (t->speaker >= 0)
        g_string_append_printf (out, " · %s %s", C_ ("map anchor", "speaker"),
                                kts_document_get_speaker (document, t->speaker)->label);
    }
  if (anchors->len > 1)
    g_string_append_printf (out, " (+%u)", anchors->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Badges repeat from card to card: their widths are measured once. */
static double
badge_text_width (KtsMapPainter *self, const char *badge)
{
  double      *cached = g_hash_table_lookup (self->badge_widths, badge);
  double       width;
  PangoLayout *pl;

  if (cached != NULL)
    return *cached;
  pl = text_layout (self, badge, BADGE_SIZE, PANGO_WEIGHT_BOLD, FALSE, -1, 0);
  width = layout_width (pl);
  g_object_unref (pl);
  g_hash_table_insert (self->badge_widths, g_strdup (badge), g_memdup2 (&width, sizeof width));
  return width;
}

/* What a card says, before any text is shaped. */
typedef struct
{
  char       *header;
  const char *ident;
  const char *label;
  char       *quoted; /* NULL without a quote */
  char       *anchor; /* NULL without an anchor */
  char       *footer;
  GPtrArray  *badges;  /* char*, at most five */
  double      badge_w; /* width of the badge column */
} CardStrings;

static void
card_strings_clear (CardStrings *strings)
{
  g_free (strings->header);
  g_free (strings->quoted);
  g_free (strings->anchor);
  g_free (strings->footer);
  g_clear_pointer (&strings->badges, g_ptr_array_unref);
}

static const char *
location_name (KtsLocation location)
{
  switch (location)
    {
    case KTS_LOCATION_IN_SESSION:
      return C_ ("map footer", "in session");
    case KTS_LOCATION_BETWEEN_SESSIONS:
      return C_ ("map footer", "between sessions");
    case KTS_LOCATION_OUTSIDE:
      return C_ ("map footer", "outside therapy");
    case KTS_LOCATION_UNSET:
    default:
      return NULL;
    }
}

static const char *
channel_name (KtsChannel channel)
{
  switch (channel)
    {
    case KTS_CHANNEL_FACE_TO_FACE:
      return C_ ("map footer", "face to face");
    case KTS_CHANNEL_PHONE:
      return C_ ("map footer", "phone");
    case KTS_CHANNEL_TEXT:
      return C_ ("map footer", "text message");
    case KTS_CHANNEL_ONLINE:
      return C_ ("map footer", "online");
    case KTS_CHANNEL_UNSET:
    default:
      return NULL;
    }
}

/* The flowchart's footer: when and where, and whose account; no codes.
 * "S5 · between sessions · phone · participant". */
static char *
flowchart_footer (KtsMove *move)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *parts[3]
      = { kts_move_get_session_ref (move), location_name (kts_move_get_location (move)),
          channel_name (kts_move_get_channel (move)) };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (out, "%s · ", parts[i]);
  g_string_append (out, kts_move_get_interpretation (move) == KTS_INTERPRETATION_ANALYST
                            ? C_ ("map footer", "analyst")
                            : C_ ("map footer", "participant"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The badge of a move whose case attribution is uncertain. */
#define ATTRIBUTION_BADGE "?"

static void
card_strings_build (KtsMapPainter *self, KtsMove *move, KtsLaneId lane, CardStrings *strings)
{
  g_autofree char *quote = NULL;
  const char      *place;
  const char      *doubt = kts_move_get_attribution_doubt (move);

  memset (strings, 0, sizeof *strings);
  /* The flowchart shows no codes: only where it happened. */
  strings->badges
      = flowchart (self) ? g_ptr_array_new_with_free_func (g_free) : kts_map_move_badges (move);
  place = location_badge (move);
  if (place != NULL)
    g_ptr_array_insert (strings->badges, 0, g_strdup (place));
  if (doubt != NULL && *doubt != '\0')
    g_ptr_array_insert (strings->badges, 0, g_strdup (ATTRIBUTION_BADGE));
  if (strings->badges->len > 5)
    {
      g_autofree char *more = g_strdup_printf ("+%u", strings->badges->len - 4);
      g_ptr_array_set_size (strings->badges, 4);
      g_ptr_array_add (strings->badges, g_steal_pointer (&more));
    }
  strings->badge_w = BADGE_W;
  for (guint i = 0; i < strings->badges->len; i++)
    strings->badge_w = MAX (
        strings->badge_w,
        MIN (badge_text_width (self, g_ptr_array_index (strings->badges, i)) + 8, BADGE_W_MAX));

  if (flowchart (self))
    strings->header = kts_move_get_phase (move) != KTS_PHASE_UNSET
                          ? g_strdup_printf ("%s · %s", actor_short (kts_move_get_actor (move)),
                                             phase_name (kts_move_get_phase (move)))
                          : g_strdup (actor_short (kts_move_get_actor (move)));
  else
    strings->header = g_strdup_printf ("%s · %s · %s", actor_short (kts_move_get_actor (move)),
                                       lane == KTS_LANE_T_REL || lane == KTS_LANE_C_REL
                                           ? dimension_short (KTS_DIMENSION_RELATEDNESS)
                                       : lane == KTS_LANE_T_SD || lane == KTS_LANE_C_SD
                                           ? dimension_short (KTS_DIMENSION_SELF_DEFINITION)
                                           : dimension_short (kts_move_get_dimension (move)),
                                       phase_name (kts_move_get_phase (move)));
  strings->ident = kts_move_get_ident (move);
  strings->label = kts_move_get_label (move);

  quote = self->style.show_quotes ? kts_move_dup_primary_quote (move) : NULL;
  if (quote != NULL && *quote != '\0')
    {
      guint max
          = self->style.quote_max_chars > 0 ? self->style.quote_max_chars : KTS_MAP_QUOTE_MAX_CHARS;

      /* The card shows the quote verbatim up to its limit; a poster
       * continues longer ones on its appendix page. (The same test as
       * kts_map_move_quote_is_truncated(), on the quote we already hold.) */
      if (g_utf8_strlen (quote, -1) > max)
        {
          g_autofree char *cut = g_utf8_substring (quote, 0, max - 1);

          if (self->style.mark_truncated)
            /* Translators: a quote cut on a poster card; the rest is printed
             * on the appendix page. */
            strings->quoted
                = g_strdup_printf (C_ ("map quote", "“%s…” (continued in the appendix)"), cut);
          else
            strings->quoted = g_strdup_printf ("“%s…”", cut);
        }
      else
        strings->quoted = g_strdup_printf ("“%s”", quote);
    }
  strings->anchor = move_anchor_line (move);
  strings->footer = flowchart (self) ? flowchart_footer (move) : move_footer (move);
}

gboolean
kts_map_move_quote_is_truncated (KtsMove *move, guint max_chars)
{
  g_autofree char *quote = NULL;

  g_return_val_if_fail (KTS_IS_MOVE (move), FALSE);

  quote = kts_move_dup_primary_quote (move);
  return quote != NULL
         && g_utf8_strlen (quote, -1) > (max_chars > 0 ? max_chars : KTS_MAP_QUOTE_MAX_CHARS);
}

/* The shaped text of a card and where its parts go, from the card's top. */
typedef struct
{
  gboolean     built;
  PangoLayout *header;
  PangoLayout *ident;
  PangoLayout *label;
  PangoLayout *quote;
  PangoLayout *anchor;
  PangoLayout *footer;
  GPtrArray   *badges; /* PangoLayout */
  double       badge_w;
  double       header_h;
  double       label_y;
  double       quote_y;
  double       anchor_y;
  double       footer_y;
  double       height;
} CardText;

static void
card_text_clear (gpointer data)
{
  CardText *text = data;

  g_clear_object (&text->header);
  g_clear_object (&text->ident);
  g_clear_object (&text->label);
  g_clear_object (&text->quote);
  g_clear_object (&text->anchor);
  g_clear_object (&text->footer);
  g_clear_pointer (&text->badges, g_ptr_array_unref);
  text->built = FALSE;
}

static double
label_width (double width, const CardStrings *strings)
{
  double inner = width - 2 * CARD_PAD;
  return strings->badges->len > 0 ? inner - strings->badge_w - 4 : inner;
}

/* Positions of a card's parts from the heights of its wrapped parts
 * (@quote_h < 0: no quote). The one-line parts (header, anchor) use the
 * painter's fixed line heights, so measuring and drawing agree exactly. */
static void
card_geometry (KtsMapPainter *self,
               guint          n_badges,
               double         label_h,
               double         quote_h,
               gboolean       anchor,
               double         footer_h,
               CardText      *text)
{
  double y;

  text->header_h = self->header_line_h + 4;
  text->label_y = text->header_h + CARD_PAD / 2;
  y = text->label_y + MAX (label_h, n_badges * (SMALL_SIZE + 5.0));
  if (quote_h >= 0)
    {
      text->quote_y = y + 4;
      y = text->quote_y + quote_h;
    }
  if (anchor)
    {
      text->anchor_y = y + 3;
      y = text->anchor_y + self->small_line_h;
    }
  text->footer_y = y + 3;
  y = text->footer_y + footer_h;
  text->height = ceil (y + 1.5 * CARD_PAD);
}

static void
card_text_build (KtsMapPainter *self, KtsMove *move, KtsLaneId lane, double width, CardText *text)
{
  CardStrings strings;
  double      inner = width - 2 * CARD_PAD;

  card_text_clear (text);
  card_strings_build (self, move, lane, &strings);

  text->header
      = text_layout (self, strings.header, HEADER_SIZE, PANGO_WEIGHT_BOLD, FALSE, inner * 0.75, 1);
  text->ident = text_layout (self, strings.ident, HEADER_SIZE, PANGO_WEIGHT_NORMAL, FALSE, -1, 0);
  text->label = text_layout (self, strings.label, LABEL_SIZE, PANGO_WEIGHT_BOLD, FALSE,
                             label_width (width, &strings), 0);
  if (strings.quoted != NULL)
    text->quote
        = text_layout (self, strings.quoted, QUOTE_SIZE, PANGO_WEIGHT_NORMAL, TRUE, inner, 0);
  if (strings.anchor != NULL)
    text->anchor
        = text_layout (self, strings.anchor, SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, inner, 1);
  text->footer
      = text_layout (self, strings.footer, SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, inner, 0);

  text->badges = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < strings.badges->len; i++)
    g_ptr_array_add (text->badges,
                     text_layout (self, g_ptr_array_index (strings.badges, i), BADGE_SIZE,
                                  PANGO_WEIGHT_BOLD, FALSE, strings.badge_w - 4, 1));
  text->badge_w = strings.badge_w;

  card_geometry (self, strings.badges->len, layout_height (text->label),
                 text->quote != NULL ? layout_height (text->quote) : -1, text->anchor != NULL,
                 layout_height (text->footer), text);
  text->built = TRUE;
  card_strings_clear (&strings);
}

/* The text of card @index of the current layout, shaped once per layout. */
static CardText *
card_text (KtsMapPainter *self, guint index)
{
  const KtsMapCard *card = &g_array_index (self->layout->cards, KtsMapCard, index);
  CardText         *text;

  g_assert (index < self->texts->len);
  text = &g_array_index (self->texts, CardText, index);
  if (!text->built)
    card_text_build (self, card->move, card->lane, card->width, text);
  return text;
}

gboolean
kts_map_painter_prepare (KtsMapPainter *self, gint64 budget_us)
{
  gint64 deadline;

  g_return_val_if_fail (self != NULL, TRUE);

  deadline = g_get_monotonic_time () + budget_us;
  kts_map_painter_get_layout (self);
  for (guint i = 0; i < self->texts->len; i++)
    {
      if (g_array_index (self->texts, CardText, i).built)
        continue;
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      card_text (self, i);
    }
  return TRUE;
}

/* Heights are remembered by what the card says, so a relayout after an
 * edit shapes only the cards that changed. Only the wrapped parts are shaped
 * here; drawing shapes the rest when a card comes into view. */
static double
measure_card_cb (KtsMove *move, KtsLaneId lane, double width, gpointer user_data)
{
  KtsMapPainter *self = user_data;
  CardStrings    strings;
  CardText       text = { 0 };
  char          *key;
  gpointer       cached;
  double         label_h, quote_h = -1, footer_h;

  card_strings_build (self, move, lane, &strings);
  key = g_strdup_printf ("%.3f\x1f%u\x1f%.3f\x1f%d\x1f%s\x1f%s\x1f%s", width, strings.badges->len,
                         strings.badge_w, strings.anchor != NULL,
                         strings.label != NULL ? strings.label : "",
                         strings.quoted != NULL ? strings.quoted : "\x01", strings.footer);
  cached = g_hash_table_lookup (self->heights, key);
  if (cached != NULL)
    {
      g_free (key);
      card_strings_clear (&strings);
      return *(double *)cached;
    }

  {
    g_autoptr (PangoLayout) label = text_layout (self, strings.label, LABEL_SIZE, PANGO_WEIGHT_BOLD,
                                                 FALSE, label_width (width, &strings), 0);
    g_autoptr (PangoLayout) footer = text_layout (
        self, strings.footer, SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, width - 2 * CARD_PAD, 0);

    label_h = layout_height (label);
    footer_h = layout_height (footer);
    if (strings.quoted != NULL)
      {
        g_autoptr (PangoLayout) quote = text_layout (
            self, strings.quoted, QUOTE_SIZE, PANGO_WEIGHT_NORMAL, TRUE, width - 2 * CARD_PAD, 0);
        quote_h = layout_height (quote);
      }
  }
  card_geometry (self, strings.badges->len, label_h, quote_h, strings.anchor != NULL, footer_h,
                 &text);
  g_hash_table_insert (self->heights, key, g_memdup2 (&text.height, sizeof text.height));
  card_strings_clear (&strings);
  return text.height;
}

/* ---- Life cycle ------------------------------------------------------------ */

KtsMapPainter *
kts_map_painter_new (KtsEpisode *episode, const KtsMapStyle *style)
{
  KtsMapPainter        *self;
  PangoFontMap         *font_map;
  cairo_font_options_t *options;

  g_return_val_if_fail (KTS_IS_EPISODE (episode), NULL);

  self = g_new0 (KtsMapPainter, 1);
  self->episode = g_object_ref (episode);
  if (style != NULL)
    self->style = *style;
  else
    kts_map_style_init (&self->style);
  if (self->style.card_width <= 0)
    self->style.card_width = 200;
  self->font_family
      = g_strdup (self->style.font_family != NULL ? self->style.font_family
                                                  : "Cantarell, DejaVu Sans, sans-serif");
  self->style.font_family = self->font_family;
  self->label_size = self->style.label_size > 0 ? self->style.label_size : 9.5;
  self->quote_size = self->style.quote_size > 0 ? self->style.quote_size : 8.5;
  self->small_size = self->style.small_size > 0 ? self->style.small_size : 7.0;
  /* Badges are set a little tighter than the other small print. */
  self->badge_size = self->small_size * 13.0 / 14.0;
  /* The badge column is as wide as its widest badge needs, within these. */
  self->badge_width = 38.0 * self->small_size / 7.0;
  self->badge_width_max = 64.0 * self->small_size / 7.0;

  /* One point per unit, and metrics that do not depend on the device, so
   * the layout is the same on screen, on paper and in tests. */
  font_map = pango_cairo_font_map_get_default ();
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->legible_small = TRUE;
  self->name_size = HEADING_SIZE;
  self->reading_size = LABEL_SIZE;
  self->texts = g_array_new (FALSE, TRUE, sizeof (CardText));
  g_array_set_clear_func (self->texts, card_text_clear);
  self->badge_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    g_autoptr (PangoLayout) header
        = text_layout (self, "T · SD+REL · Rupture", HEADER_SIZE, PANGO_WEIGHT_BOLD, FALSE, -1, 0);
    g_autoptr (PangoLayout) anchor = text_layout (self, "▸ Interview · turn 12 · speaker T (+2)",
                                                  SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, -1, 0);

    self->header_line_h = layout_height (header);
    self->small_line_h = layout_height (anchor);
  }

  return self;
}

void
kts_map_painter_free (KtsMapPainter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->texts, g_array_unref);
  g_clear_pointer (&self->layout, kts_map_layout_free);
  g_clear_pointer (&self->heights, g_hash_table_unref);
  g_clear_pointer (&self->badge_widths, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->episode);
  g_free (self->font_family);
  g_free (self->row_starts);
  g_free (self);
}

void
kts_map_painter_set_row_starts (KtsMapPainter *self, const guint8 *starts, guint n)
{
  gboolean any = FALSE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (starts != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    any = any || starts[i];
  if (!any)
    n = 0;
  if (n == self->n_row_starts && (n == 0 || memcmp (starts, self->row_starts, n) == 0))
    return;
  g_free (self->row_starts);
  self->row_starts = n > 0 ? g_memdup2 (starts, n) : NULL;
  self->n_row_starts = n;
  kts_map_painter_invalidate (self);
}

void
kts_map_painter_invalidate (KtsMapPainter *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->texts, 0);
  g_clear_pointer (&self->layout, kts_map_layout_free);
}

KtsMapLayout *
kts_map_painter_get_layout (KtsMapPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->layout == NULL)
    {
      KtsMapLayoutOptions options;

      kts_map_layout_options_init (&options);
      options.arrangement = self->style.arrangement;
      options.card_width = self->style.card_width;
      options.column_gap = COLUMN_GAP;
      options.band_header_height = BAND_HEADER;
      if (flowchart (self))
        {
          /* The axis carries only session ticks and dyad moves. */
          options.spine_height = 34;
          options.spine_top_reserve = 4;
          options.spine_bottom_reserve = 14;
        }
      else
        {
          options.spine_top_reserve = 26;
          options.spine_bottom_reserve = 14;
        }
      options.measure = measure_card_cb;
      options.measure_data = self;
      options.row_starts = self->row_starts;
      options.n_row_starts = self->n_row_starts;
      /* Edited labels leave old entries behind; start afresh now and then. */
      if (g_hash_table_size (self->heights) > 8192)
        g_hash_table_remove_all (self->heights);
      self->layout = kts_map_layout_compute (self->episode, &options);
      g_array_set_size (self->texts, 0);
      g_array_set_size (self->texts, self->layout->cards->len);
    }
  return self->layout;
}

/* ---- Shapes ----------------------------------------------------------------- */

static gboolean
intersects (const cairo_rectangle_t *clip, double x, double y, double w, double h)
{
  if (clip == NULL)
    return TRUE;
  return x < clip->x + clip->width && clip->x < x + w && y < clip->y + clip->height
         && clip->y < y + h;
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Diagonal hatching of a rectangle; only the strokes that can touch @clip
 * (a rupture bar may be thousands of strokes long). */
static void
hatch (cairo_t                 *cr,
       const cairo_rectangle_t *clip,
       double                   x,
       double                   y,
       double                   w,
       double                   h,
       double                   step,
       const Rgb               *color,
       double                   alpha,
       double                   line_width)
{
  double first = -h, last = w;

  if (clip != NULL)
    {
      first = MAX (first, floor ((clip->x - x - h) / step) * step);
      last = MIN (last, clip->x + clip->width - x + step);
    }
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_rgba (cr, color, alpha);
  cairo_set_line_width (cr, line_width);
  for (double d = first; d < last; d += step)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
arrow_head (cairo_t *cr, double x0, double y0, double x1, double y1, double size, gboolean open)
{
  double angle = atan2 (y1 - y0, x1 - x0);
  double a1 = angle + G_PI * 0.85;
  double a2 = angle - G_PI * 0.85;

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, x1 + size * cos (a1), y1 + size * sin (a1));
  cairo_line_to (cr, x1, y1);
  cairo_line_to (cr, x1 + size * cos (a2), y1 + size * sin (a2));
  if (open)
    cairo_stroke (cr);
  else
    {
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
cross_mark (cairo_t *cr, double x, double y, double size)
{
  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 1.8);
  cairo_move_to (cr, x - size, y - size);
  cairo_line_to (cr, x + size, y + size);
  cairo_move_to (cr, x - size, y + size);
  cairo_line_to (cr, x + size, y - size);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
triangle_mark (cairo_t *cr, double x, double y, double size)
{
  cairo_move_to (cr, x, y - size);
  cairo_line_to (cr, x + size, y + size * 0.8);
  cairo_line_to (cr, x - size, y + size * 0.8);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* ---- Edges ------------------------------------------------------------------- */

static void
edge_style (KtsMapPainter *self, cairo_t *cr, KtsEdgeType type)
{
  const Palette      *p = palette (self);
  static const double dashed[] = { 5, 3 };
  static const double dotted[] = { 1, 2.5 };

  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  switch (type)
    {
    case KTS_EDGE_NEXT:
      /* The flowchart's chain is its backbone. */
      if (flowchart (self))
        {
          set_rgb (cr, &p->dim_ink);
          cairo_set_line_width (cr, 1.2);
          break;
        }
      set_rgba (cr, &p->dim_ink, 0.55);
      cairo_set_line_width (cr, 0.8);
      break;
    case KTS_EDGE_RESPONDS_TO:
      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.3);
      break;
    case KTS_EDGE_VEILS:
      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.2);
      cairo_set_dash (cr, dashed, 2, 0);
      break;
    case KTS_EDGE_INFORMS:
      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.4);
      cairo_set_dash (cr, dotted, 2, 0);
      break;
    case KTS_EDGE_ESCALATES:
      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.6);
      break;
    case KTS_EDGE_REPAIRS:
      set_rgb (cr, &p->repairs);
      cairo_set_line_width (cr, 1.8);
      break;
    case KTS_EDGE_SAME_EVENT:
      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 3.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case KTS_EDGE_FAILS:
    default:
      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.2);
      break;
    }
}

/* A polyline with rounded corners (repairs arrows are drawn curved). */
static void
route_path (cairo_t *cr, const KtsMapRoute *route, double radius)
{
  cairo_move_to (cr, route->points[0].x, route->points[0].y);
  for (guint i = 1; i < route->n_points; i++)
    {
      const KtsMapPoint *a = &route->points[i - 1];
      const KtsMapPoint *b = &route->points[i];

      if (radius > 0 && i + 1 < route->n_points)
        {
          const KtsMapPoint *c = &route->points[i + 1];
          double             l1 = hypot (b->x - a->x, b->y - a->y);
          double             l2 = hypot (c->x - b->x, c->y - b->y);
          double             r = MIN (radius, MIN (l1, l2) / 2.0);

          if (r > 0.5)
            {
              double ax = b->x - (b->x - a->x) / l1 * r;
              double ay = b->y - (b->y - a->y) / l1 * r;
              double cx = b->x + (c->x - b->x) / l2 * r;
              double cy = b->y + (c->y - b->y) / l2 * r;

              cairo_line_to (cr, ax, ay);
              cairo_curve_to (cr, b->x, b->y, b->x, b->y, cx, cy);
              continue;
            }
        }
      cairo_line_to (cr, b->x, b->y);
    }
}

static void
draw_route (KtsMapPainter *self, cairo_t *cr, const KtsMapRoute *route)
{
  const KtsMapPoint *last, *before;

  if (route->n_points < 2)
    return;

  cairo_save (cr);
  edge_style (self, cr, route->type);
  route_path (cr, route, route->type == KTS_EDGE_REPAIRS ? 14 : 4);
  cairo_stroke (cr);

  last = &route->points[route->n_points - 1];
  before = &route->points[route->n_points - 2];
  switch (route->type)
    {
    case KTS_EDGE_SAME_EVENT:
      break;
    case KTS_EDGE_FAILS:
      cross_mark (cr,
                  last->x
                      - 4
                            * (last->x > before->x   ? 1
                               : last->x < before->x ? -1
                                                     : 0),
                  last->y
                      - 4
                            * (last->y > before->y   ? 1
                               : last->y < before->y ? -1
                                                     : 0),
                  4);
      break;
    case KTS_EDGE_REPAIRS:
      arrow_head (cr, before->x, before->y, last->x, last->y, 7, TRUE);
      break;
    case KTS_EDGE_NEXT:
      arrow_head (cr, before->x, before->y, last->x, last->y, flowchart (self) ? 5.5 : 4, FALSE);
      break;
    case KTS_EDGE_ESCALATES:
    case KTS_EDGE_RESPONDS_TO:
    case KTS_EDGE_VEILS:
    case KTS_EDGE_INFORMS:
    default:
      arrow_head (cr, before->x, before->y, last->x, last->y, 6, FALSE);
      break;
    }

  /* Escalating loops get a loop glyph and their count at the midpoint. */
  if (self->legible_small
      && (route->type == KTS_EDGE_ESCALATES || route->type == KTS_EDGE_VEILS
          || route->type == KTS_EDGE_INFORMS || route->type == KTS_EDGE_REPAIRS
          || route->type == KTS_EDGE_FAILS))
    {
      guint            mid = route->n_points / 2;
      double           mx = (route->points[mid - 1].x + route->points[mid].x) / 2;
      double           my = (route->points[mid - 1].y + route->points[mid].y) / 2;
      g_autofree char *label = NULL;
      g_autoptr (PangoLayout) pl = NULL;
      const char *name = route->type == KTS_EDGE_ESCALATES ? "⟲"
                         : route->type == KTS_EDGE_VEILS   ? C_ ("map edge", "veils")
                         : route->type == KTS_EDGE_INFORMS ? C_ ("map edge", "informs")
                         : route->type == KTS_EDGE_REPAIRS ? C_ ("map edge", "repairs")
                                                           : C_ ("map edge", "fails");
      int         count = route->edge != NULL ? kts_edge_get_count (route->edge) : 0;

      if (route->type == KTS_EDGE_ESCALATES && count > 0)
        label = g_strdup_printf ("%s ×%d", name, count);
      else
        label = g_strdup (name);
      pl = text_layout (self, label, SMALL_SIZE, PANGO_WEIGHT_BOLD, FALSE, -1, 0);
      cairo_set_dash (cr, NULL, 0, 0);
      set_rgb (cr, &palette (self)->paper);
      cairo_rectangle (cr, mx - layout_width (pl) / 2 - 2, my - layout_height (pl) / 2 - 1,
                       layout_width (pl) + 4, layout_height (pl) + 2);
      cairo_fill (cr);
      edge_style (self, cr, route->type);
      cairo_set_dash (cr, NULL, 0, 0);
      show_layout (cr, pl, mx - layout_width (pl) / 2, my - layout_height (pl) / 2);
    }
  cairo_restore (cr);
}

/* ---- Cards -------------------------------------------------------------------- */

static gboolean
lane_is_rel (KtsLaneId lane)
{
  return lane == KTS_LANE_T_REL || lane == KTS_LANE_C_REL;
}

static gboolean
lane_is_sd (KtsLaneId lane)
{
  return lane == KTS_LANE_T_SD || lane == KTS_LANE_C_SD;
}

/* How a card looks, whatever its level of detail: corner shape by
 * dimension, fill by maturity, border by interpretation and role. */
typedef struct
{
  const Rgb *stroke;
  const Rgb *fill;
  double     radius;
  gboolean   failed;
  gboolean   ostensive;
  gboolean   analyst;
} CardLook;

static void
card_look (KtsMapPainter *self, const KtsMapCard *card, CardLook *look)
{
  const Palette *p = palette (self);
  KtsMove       *move = card->move;
  KtsDimension   dim = kts_move_get_dimension (move);
  gboolean       rel
      = lane_is_rel (card->lane) || (!lane_is_sd (card->lane) && dim == KTS_DIMENSION_RELATEDNESS);
  gboolean sd = lane_is_sd (card->lane)
                || (!lane_is_rel (card->lane) && dim == KTS_DIMENSION_SELF_DEFINITION);
  KtsMoveRole role = kts_move_get_role (move);

  if (flowchart (self))
    {
      /* No dimension: the box takes the colour of its bracket, and its
       * header says the phase in words. */
      KtsPhase phase = kts_move_get_phase (move);

      rel = sd = FALSE;
      look->stroke = phase == KTS_PHASE_RUPTURE  ? &p->rupture
                     : phase == KTS_PHASE_REPAIR ? &p->repairs
                                                 : &p->none_stroke;
    }
  else
    look->stroke = rel ? &p->rel_stroke : sd ? &p->sd_stroke : &p->none_stroke;
  look->fill = rel ? &p->rel_fill : sd ? &p->sd_fill : &p->none_fill;
  if ((rel || sd) && move_maturity (move) == KTS_MATURITY_MORE_MATURE)
    look->fill = rel ? &p->rel_fill_mm : &p->sd_fill_mm;
  look->radius = rel ? 9 : sd ? 0 : 4;
  look->failed = role == KTS_MOVE_ROLE_FAILED_REPAIR;
  look->ostensive = role == KTS_MOVE_ROLE_OSTENSIVE;
  look->analyst = kts_move_get_interpretation (move) == KTS_INTERPRETATION_ANALYST;
}

/* The card's shape: body, header strip of @header_h, border, selection ring
 * and the failed-repair cap. Leaves the source undefined. */
static void
draw_card_frame (KtsMapPainter    *self,
                 cairo_t          *cr,
                 const KtsMapCard *card,
                 const CardLook   *look,
                 double            header_h,
                 gboolean          selected)
{
  const Palette *p = palette (self);
  double         x = card->x, y = card->y, w = card->width, h = card->height;

  /* Body: filled, or hollow for a failed repair. */
  rounded_rect (cr, x, y, w, h, look->radius);
  set_rgb (cr, look->failed ? &p->paper : look->fill);
  cairo_fill_preserve (cr);

  /* Header strip. */
  cairo_save (cr);
  cairo_clip (cr);
  set_rgba (cr, look->stroke, look->failed ? 0.15 : 0.22);
  cairo_rectangle (cr, x, y, w, header_h);
  cairo_fill (cr);
  cairo_restore (cr);

  /* Border: dashed for analyst inferences, heavy for the ostensive moment. */
  rounded_rect (cr, x, y, w, h, look->radius);
  set_rgb (cr, look->stroke);
  cairo_set_line_width (cr, look->ostensive ? 3.0 : 1.2);
  if (look->analyst)
    {
      static const double dash[] = { 5, 3 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (selected)
    {
      rounded_rect (cr, x - 3, y - 3, w + 6, h + 6, look->radius > 0 ? look->radius + 3 : 0);
      set_rgba (cr, &p->selection, 0.9);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }

  /* Failed repair: × end-cap on the right edge. */
  if (look->failed)
    {
      set_rgb (cr, look->stroke);
      cross_mark (cr, x + w, y + h / 2, 5);
    }
}

/* Semantic zoom: at a small scale a card shows its shape, its id and its
 * label in type large enough to read; the rest would be a grey blur. */
static void
draw_card_simple (
    KtsMapPainter *self, cairo_t *cr, const KtsMapCard *card, gboolean selected, double scale)
{
  const Palette   *p = palette (self);
  KtsMove         *move = card->move;
  CardLook         look;
  double           label_size = MAX (LABEL_SIZE, MIN (7.5 / scale, 26.0));
  double           head_size = MAX (HEADER_SIZE, MIN (6.0 / scale, 20.0));
  double           header_h = head_size * 1.25 + 4;
  double           inner = card->width - 2 * CARD_PAD;
  g_autofree char *header = NULL;

  card_look (self, card, &look);
  cairo_save (cr);
  draw_card_frame (self, cr, card, &look, MIN (header_h, card->height / 2), selected);

  /* Below about five device pixels a label is noise: boxes only. */
  if (label_size * scale >= 5.0 && header_h < card->height / 2)
    {
      g_autoptr (PangoLayout) head = NULL;
      g_autoptr (PangoLayout) label = NULL;
      int max_lines = (int)floor ((card->height - header_h - CARD_PAD) / (label_size * 1.22));

      header = g_strdup_printf ("%s  %s",
                                kts_move_get_ident (move) != NULL ? kts_move_get_ident (move) : "",
                                actor_short (kts_move_get_actor (move)));
      head = text_layout (self, header, head_size, PANGO_WEIGHT_BOLD, FALSE, inner, 1);
      set_rgb (cr, &p->ink);
      show_layout (cr, head, card->x + CARD_PAD, card->y + 2);

      if (max_lines >= 1)
        {
          label = text_layout (self, kts_move_get_label (move), label_size, PANGO_WEIGHT_BOLD,
                               FALSE, inner, max_lines);
          show_layout (cr, label, card->x + CARD_PAD, card->y + header_h + CARD_PAD / 2);
        }
    }
  cairo_restore (cr);
}

static void
draw_card (KtsMapPainter *self, cairo_t *cr, guint index, gboolean selected)
{
  const Palette    *p = palette (self);
  const KtsMapCard *card = &g_array_index (self->layout->cards, KtsMapCard, index);
  KtsMove          *move = card->move;
  CardLook          look;
  double            x = card->x, y = card->y, w = card->width;
  const Rgb        *stroke;
  const CardText   *text = card_text (self, index);

  card_look (self, card, &look);
  stroke = look.stroke;

  cairo_save (cr);
  draw_card_frame (self, cr, card, &look, text->header_h, selected);

  /* Header text. */
  set_rgb (cr, &p->ink);
  show_layout (cr, text->header, x + CARD_PAD, y + 2);
  set_rgb (cr, &p->dim_ink);
  show_layout (cr, text->ident, x + w - CARD_PAD - layout_width (text->ident), y + 2);

  /* The third: a triangle after the header. */
  if ((!flowchart (self) && move_has_key_prefix (move, "KS.third"))
      || kts_move_get_actor (move) == KTS_ACTOR_THIRD)
    {
      set_rgb (cr, stroke);
      triangle_mark (cr, x + w - CARD_PAD - layout_width (text->ident) - 9, y + text->header_h / 2,
                     4);
    }

  set_rgb (cr, &p->ink);
  show_layout (cr, text->label, x + CARD_PAD, y + text->label_y);

  /* Badges: a column of small outlined pills on the right. */
  for (guint i = 0; i < text->badges->len; i++)
    {
      PangoLayout *pl = g_ptr_array_index (text->badges, i);
      double       bx = x + w - CARD_PAD - text->badge_w;
      double       by = y + text->label_y + i * (SMALL_SIZE + 5.0);

      rounded_rect (cr, bx, by, text->badge_w, SMALL_SIZE + 3.5, 2.5);
      set_rgb (cr, &p->paper);
      cairo_fill_preserve (cr);
      set_rgb (cr, stroke);
      cairo_set_line_width (cr, 0.7);
      cairo_stroke (cr);
      set_rgb (cr, &p->ink);
      show_layout (cr, pl, bx + (text->badge_w - layout_width (pl)) / 2, by + 0.5);
    }

  if (text->quote != NULL)
    {
      set_rgb (cr, &p->ink);
      show_layout (cr, text->quote, x + CARD_PAD, y + text->quote_y);
    }
  if (text->anchor != NULL)
    {
      set_rgb (cr, &p->dim_ink);
      show_layout (cr, text->anchor, x + CARD_PAD, y + text->anchor_y);
    }
  set_rgb (cr, &p->dim_ink);
  show_layout (cr, text->footer, x + CARD_PAD, y + text->footer_y);

  cairo_restore (cr);
}

/* ---- Lanes, bands, spine -------------------------------------------------------- */

static const Rgb *
lane_background (const Palette *p, KtsLaneId lane)
{
  return lane_is_sd (lane)                                       ? &p->sd_lane
         : lane_is_rel (lane)                                    ? &p->rel_lane
         : lane == KTS_LANE_SPINE                                ? &p->spine_lane
         : lane == KTS_LANE_THERAPIST || lane == KTS_LANE_CLIENT ? &p->paper
                                                                 : &p->outside_lane;
}

/* The name of @lane at the left edge @x0, centred on [@y, @y + @height];
 * HEADING_SIZE, larger in the overview (name_size). */
static void
draw_lane_label (KtsMapPainter *self,
                 cairo_t       *cr,
                 KtsMapLayout  *layout,
                 KtsLaneId      lane,
                 double         x0,
                 double         y,
                 double         height)
{
  g_autoptr (PangoLayout) label = text_layout (self, kts_map_lane_label (lane), self->name_size,
                                               PANGO_WEIGHT_BOLD, FALSE, layout->content_x - 24, 0);

  set_rgb (cr, &palette (self)->ink);
  show_layout (cr, label, x0 + 10, y + height / 2 - layout_height (label) / 2);
}

/* Lane backgrounds and rules over [@x0, @x0 + @width]; with @labels the
 * names too, at the left of that range. */
static void
draw_lanes (KtsMapPainter *self,
            cairo_t       *cr,
            KtsMapLayout  *layout,
            double         x0,
            double         width,
            gboolean       labels)
{
  const Palette *p = palette (self);

  for (guint i = 0; i < KTS_N_LANES; i++)
    {
      const KtsMapLane *lane = &layout->lanes[i];

      if (!lane->visible)
        continue;

      set_rgb (cr, lane_background (p, lane->id));
      cairo_rectangle (cr, x0, lane->y, width, lane->height);
      cairo_fill (cr);

      set_rgba (cr, &p->dim_ink, 0.35);
      cairo_set_line_width (cr, 0.6);
      cairo_move_to (cr, x0, lane->y + 0.3);
      cairo_line_to (cr, x0 + width, lane->y + 0.3);
      cairo_stroke (cr);

      if (labels)
        draw_lane_label (self, cr, layout, lane->id, x0, lane->y, lane->height);
    }

  /* The waterline: self-definition above is what shows, relatedness below.
   * The flowchart has no dimensions: its axis is one line. */
  if (flowchart (self))
    {
      const KtsMapLane *spine = &layout->lanes[KTS_LANE_SPINE];

      set_rgba (cr, &p->dim_ink, 0.8);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x0, spine->y + spine->height / 2);
      cairo_line_to (cr, x0 + width, spine->y + spine->height / 2);
      cairo_stroke (cr);
    }
  else
    {
      const KtsMapLane *spine = &layout->lanes[KTS_LANE_SPINE];

      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x0, spine->y + 2);
      cairo_line_to (cr, x0 + width, spine->y + 2);
      cairo_move_to (cr, x0, spine->y + spine->height - 2);
      cairo_line_to (cr, x0 + width, spine->y + spine->height - 2);
      cairo_stroke (cr);
    }
}

double
kts_map_painter_get_lane_labels_width (KtsMapPainter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return kts_map_painter_get_layout (self)->content_x - 10;
}

void
kts_map_painter_draw_lane_labels (KtsMapPainter *self, cairo_t *cr, double x)
{
  const Palette *p;
  KtsMapLayout  *layout;
  double         width;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  p = palette (self);
  layout = kts_map_painter_get_layout (self);
  width = kts_map_painter_get_lane_labels_width (self);

  cairo_save (cr);

  /* A soft shadow to the right: the column floats over the map. */
  {
    cairo_pattern_t *shade = cairo_pattern_create_linear (x + width, 0, x + width + 8, 0);

    cairo_pattern_add_color_stop_rgba (shade, 0, 0, 0, 0, self->style.dark ? 0.35 : 0.12);
    cairo_pattern_add_color_stop_rgba (shade, 1, 0, 0, 0, 0);
    cairo_set_source (cr, shade);
    cairo_rectangle (cr, x + width, 0, 8, layout->height);
    cairo_fill (cr);
    cairo_pattern_destroy (shade);
  }

  cairo_rectangle (cr, x, 0, width, layout->height);
  cairo_clip (cr);
  set_rgb (cr, &p->paper);
  cairo_paint (cr);
  draw_lanes (self, cr, layout, x, width, TRUE);

  set_rgb (cr, &p->ink);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x, BAND_HEADER);
  cairo_line_to (cr, x + width, BAND_HEADER);
  cairo_stroke (cr);
  set_rgba (cr, &p->dim_ink, 0.6);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, x + width - 0.4, 0);
  cairo_line_to (cr, x + width - 0.4, layout->height);
  cairo_stroke (cr);

  cairo_restore (cr);
}

/* @vis_x0: the left edge of what is shown (a poster row); a band that starts
 * before it repeats its name there. */
static void
draw_bands (KtsMapPainter           *self,
            cairo_t                 *cr,
            KtsMapLayout            *layout,
            const cairo_rectangle_t *clip,
            double                   vis_x0)
{
  const Palette *p = palette (self);
  guint          counts[KTS_PHASE_AFTER + 1] = { 0 };

  for (guint i = 0; i < layout->bands->len; i++)
    counts[g_array_index (layout->bands, KtsMapBand, i).phase]++;

  for (guint i = 0; i < layout->bands->len; i++)
    {
      const KtsMapBand *band = &g_array_index (layout->bands, KtsMapBand, i);
      g_autofree char  *name = NULL;
      g_autoptr (PangoLayout) label = NULL;
      double label_x = MAX (band->x0, vis_x0);

      if (!intersects (clip, band->x0 - 2, 0, band->x1 - band->x0 + 4, layout->height))
        continue;

      /* Alternate a faint veil so neighbouring bands read as separate; the
       * flowchart tints rupture and repair in their bracket's colour. */
      if (flowchart (self) && (band->phase == KTS_PHASE_RUPTURE || band->phase == KTS_PHASE_REPAIR))
        {
          set_rgba (cr, band->phase == KTS_PHASE_RUPTURE ? &p->rupture : &p->repairs, 0.05);
          cairo_rectangle (cr, band->x0, BAND_HEADER, band->x1 - band->x0,
                           layout->height - BAND_HEADER);
          cairo_fill (cr);
        }
      else if (i % 2 == 1)
        {
          set_rgba (cr, &p->ink, 0.035);
          cairo_rectangle (cr, band->x0, 0, band->x1 - band->x0, layout->height);
          cairo_fill (cr);
        }
      set_rgba (cr, &p->dim_ink, 0.6);
      cairo_set_line_width (cr, 0.8);
      {
        static const double dash[] = { 2, 3 };
        cairo_set_dash (cr, dash, 2, 0);
      }
      cairo_move_to (cr, band->x0, 0);
      cairo_line_to (cr, band->x0, layout->height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* The name only where the band itself shows: a band that ends where
       * a poster row starts would repeat it over the next band's. */
      if (!intersects (clip, band->x0, 0, band->x1 - band->x0, layout->height))
        continue;

      if (counts[band->phase] > 1)
        name = g_strdup_printf ("%s %u", phase_name (band->phase), band->ordinal);
      else
        name = g_strdup (phase_name (band->phase));
      {
        char *upper = g_utf8_strup (name, -1);
        g_free (name);
        name = upper;
      }
      if (label_x > band->x0)
        {
          /* Translators: a phase band that goes on from the row above. */
          char *cont = g_strdup_printf (C_ ("map phase", "%s (continued)"), name);
          g_free (name);
          name = cont;
        }
      if (flowchart (self) && (band->phase == KTS_PHASE_RUPTURE || band->phase == KTS_PHASE_REPAIR))
        {
          /* Brief B.3.1: a coloured bracket spans the rupture steps and
           * another the repair steps; its name says which (greyscale). */
          const Rgb *c = band->phase == KTS_PHASE_RUPTURE ? &p->rupture : &p->repairs;
          gboolean   continued = label_x > band->x0;
          double     bx0 = continued ? label_x : band->x0 + 5;
          double     bx1 = band->x1 - 5;
          double     mid = BAND_HEADER / 2.0;
          double     lx;

          label = text_layout (self, name, MIN (self->name_size, BAND_HEADER * 0.6),
                               PANGO_WEIGHT_BOLD, FALSE, MAX (bx1 - bx0 - 28, 20), 1);
          set_rgb (cr, c);
          cairo_set_line_width (cr, 2.2);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
          cairo_move_to (cr, bx0, mid + (continued ? 0 : 8));
          cairo_line_to (cr, bx0, mid);
          cairo_line_to (cr, bx1, mid);
          cairo_line_to (cr, bx1, mid + 8);
          cairo_stroke (cr);
          lx = bx0 + 12;
          set_rgb (cr, &p->paper);
          cairo_rectangle (cr, lx - 4, mid - layout_height (label) / 2, layout_width (label) + 8,
                           layout_height (label));
          cairo_fill (cr);
          set_rgb (cr, c);
          show_layout (cr, label, lx, mid - layout_height (label) / 2);
          continue;
        }

      /* HEADING_SIZE, larger in the overview, but within the band header. */
      label = text_layout (self, name, MIN (self->name_size, BAND_HEADER * 0.7), PANGO_WEIGHT_BOLD,
                           FALSE, band->x1 - label_x - 8, 1);
      set_rgb (cr, &p->ink);
      show_layout (cr, label, label_x + 6, (BAND_HEADER - layout_height (label)) / 2);
    }

  set_rgb (cr, &p->ink);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, BAND_HEADER);
  cairo_line_to (cr, layout->width, BAND_HEADER);
  cairo_stroke (cr);
}

/* Rupture type of each rupture segment: "W>C" gives W then C; the type
 * changes at a move anchored to EP.type_shift, else at the next rupture band. */
static void
draw_rupture_bar (KtsMapPainter           *self,
                  cairo_t                 *cr,
                  KtsMapLayout            *layout,
                  const cairo_rectangle_t *clip,
                  double                   vis_x0)
{
  const Palette    *p = palette (self);
  const KtsMapLane *spine = &layout->lanes[KTS_LANE_SPINE];
  const char       *types = kts_episode_get_rupture_types (self->episode);
  g_auto (GStrv) seq = NULL;
  double  x0 = -1, x1 = -1;
  GArray *shifts = g_array_new (FALSE, FALSE, sizeof (double));
  double  bar_y = spine->y + 8;
  double  bar_h = 9;
  guint   n_types;

  /* The flowchart marks phases with brackets; rupture types are codes. */
  if (types == NULL || *types == '\0' || flowchart (self))
    {
      g_array_unref (shifts);
      return;
    }
  seq = g_strsplit_set (types, ">→ ", -1);
  n_types = g_strv_length (seq);

  for (guint i = 0; i < layout->bands->len; i++)
    {
      const KtsMapBand *band = &g_array_index (layout->bands, KtsMapBand, i);

      if (band->phase == KTS_PHASE_RUPTURE || band->phase == KTS_PHASE_REPAIR)
        {
          if (x0 < 0)
            x0 = band->x0;
          x1 = band->x1;
          if (band->phase == KTS_PHASE_RUPTURE && band->ordinal > 1)
            g_array_append_val (shifts, band->x0);
        }
    }
  if (x0 < 0)
    {
      g_array_unref (shifts);
      return;
    }

  /* Shifts named by landmarks win over band boundaries. */
  {
    GArray *named = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < layout->cards->len; i++)
      {
        const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
        if (card->twin >= 0 && card->twin < (int)i)
          continue;
        if (move_has_key_prefix (card->move, "EP.type_shift"))
          {
            double sx = card->x - 4;
            g_array_append_val (named, sx);
          }
      }
    if (named->len > 0)
      {
        g_array_unref (shifts);
        shifts = named;
      }
    else
      g_array_unref (named);
  }

  for (guint seg = 0; seg < n_types; seg++)
    {
      double sx
          = seg == 0 ? x0 : (seg - 1 < shifts->len ? g_array_index (shifts, double, seg - 1) : x1);
      double ex = seg < shifts->len && seg + 1 < n_types ? g_array_index (shifts, double, seg) : x1;
      gboolean withdrawal = g_ascii_strncasecmp (seq[seg], "W", 1) == 0;
      g_autoptr (PangoLayout) tag = NULL;

      if (ex <= sx)
        continue;

      if (withdrawal)
        {
          set_rgb (cr, &p->paper);
          cairo_rectangle (cr, sx, bar_y, ex - sx, bar_h);
          cairo_fill (cr);
          hatch (cr, clip, sx, bar_y, ex - sx, bar_h, 4, &p->none_stroke, 0.9, 1.1);
          set_rgb (cr, &p->none_stroke);
          cairo_set_line_width (cr, 0.8);
          cairo_rectangle (cr, sx, bar_y, ex - sx, bar_h);
          cairo_stroke (cr);
        }
      else
        {
          set_rgb (cr, &p->ink);
          cairo_rectangle (cr, sx, bar_y, ex - sx, bar_h);
          cairo_fill (cr);
        }

      tag = text_layout (self, withdrawal ? C_ ("rupture", "WD ↤") : C_ ("rupture", "CF →|"),
                         SMALL_SIZE, PANGO_WEIGHT_BOLD, FALSE, -1, 0);
      {
        /* A row that starts inside the bar repeats its letters. */
        double tx = sx < vis_x0 && ex > vis_x0 ? vis_x0 : sx;

        set_rgb (cr, &p->paper);
        cairo_rectangle (cr, tx + 3, bar_y + bar_h + 1, layout_width (tag) + 4,
                         layout_height (tag));
        cairo_fill (cr);
        set_rgb (cr, &p->ink);
        show_layout (cr, tag, tx + 5, bar_y + bar_h + 1);
      }

      if (seg > 0)
        {
          g_autofree char *flag_text = g_strdup_printf ("%s→%s", seq[seg - 1], seq[seg]);
          g_autoptr (PangoLayout) flag
              = text_layout (self, flag_text, SMALL_SIZE, PANGO_WEIGHT_BOLD, FALSE, -1, 0);
          double fx = sx;

          set_rgb (cr, &p->ink);
          cairo_set_line_width (cr, 1.2);
          cairo_move_to (cr, fx, bar_y + bar_h);
          cairo_line_to (cr, fx, bar_y - 10);
          cairo_stroke (cr);
          cairo_rectangle (cr, fx, bar_y - 10, layout_width (flag) + 6, layout_height (flag));
          set_rgb (cr, &p->paper);
          cairo_fill_preserve (cr);
          set_rgb (cr, &p->ink);
          cairo_set_line_width (cr, 0.8);
          cairo_stroke (cr);
          show_layout (cr, flag, fx + 3, bar_y - 10);
        }
    }
  g_array_unref (shifts);
}

static void
draw_spine_marks (KtsMapPainter           *self,
                  cairo_t                 *cr,
                  KtsMapLayout            *layout,
                  const cairo_rectangle_t *clip)
{
  const Palette    *p = palette (self);
  const KtsMapLane *spine = &layout->lanes[KTS_LANE_SPINE];

  /* Session ticks along the bottom edge of the spine. */
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const KtsMapTick *tick = &g_array_index (layout->ticks, KtsMapTick, i);
      g_autoptr (PangoLayout) pl = NULL;
      double base = spine->y + spine->height - 2;

      if (!intersects (clip, tick->x - 2, spine->y, 190, spine->height))
        continue;
      pl = text_layout (self, tick->text, SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, 180, 1);

      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, tick->x, base);
      cairo_line_to (cr, tick->x, base - 7);
      cairo_stroke (cr);
      set_rgb (cr, &p->dim_ink);
      show_layout (cr, pl, tick->x + 3, base - 6 - layout_height (pl));
    }

  /* The ostensive "!" where the rupture became unmistakable. */
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
      g_autoptr (PangoLayout) bang = NULL;
      double cx, cy;

      if (card->twin >= 0 && card->twin < (int)i)
        continue;
      if (kts_move_get_role (card->move) != KTS_MOVE_ROLE_OSTENSIVE)
        continue;

      cx = card->x + card->width / 2;
      cy = spine->y + 12.5;
      set_rgb (cr, &p->paper);
      cairo_arc (cr, cx, cy, 9.5, 0, 2 * G_PI);
      cairo_fill (cr);
      set_rgb (cr, &p->ink);
      cairo_arc (cr, cx, cy, 8, 0, 2 * G_PI);
      cairo_fill (cr);
      bang = text_layout (self, "!", 11, PANGO_WEIGHT_HEAVY, FALSE, -1, 0);
      set_rgb (cr, &p->paper);
      show_layout (cr, bang, cx - layout_width (bang) / 2, cy - layout_height (bang) / 2);
    }
}

static void
draw_analyst_band (KtsMapPainter *self, cairo_t *cr, KtsMapLayout *layout)
{
  const KtsMapLane *lane = &layout->lanes[KTS_LANE_ANALYST];
  const char       *formula = kts_episode_get_pattern_formula (self->episode);
  g_autoptr (PangoLayout) pl = NULL;

  if (!lane->visible || formula == NULL)
    return;

  pl = text_layout (self, formula, self->reading_size, PANGO_WEIGHT_NORMAL, TRUE,
                    layout->width - layout->content_x - 20, 3);
  set_rgb (cr, &palette (self)->ink);
  show_layout (cr, pl, layout->content_x, lane->y + (lane->height - layout_height (pl)) / 2);
}

/* @vis_x0: the left edge of what is shown (a poster row); @whole: the whole
 * map with lane names and analyst lane (not a row); @simple_scale > 0: cards
 * in the overview's simple form for a target of that many device units per
 * layout unit. */
static void
draw_content (KtsMapPainter           *self,
              cairo_t                 *cr,
              KtsMapLayout            *layout,
              const cairo_rectangle_t *clip,
              const GArray            *selected,
              double                   vis_x0,
              gboolean                 whole,
              double                   simple_scale)
{
  draw_lanes (self, cr, layout, 0, layout->width, whole);
  draw_bands (self, cr, layout, clip, vis_x0);
  draw_rupture_bar (self, cr, layout, clip, vis_x0);
  draw_spine_marks (self, cr, layout, clip);
  if (whole)
    draw_analyst_band (self, cr, layout);

  for (guint i = 0; i < layout->routes->len; i++)
    {
      const KtsMapRoute *route = &g_array_index (layout->routes, KtsMapRoute, i);
      double minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, maxy = -G_MAXDOUBLE;

      for (guint k = 0; k < route->n_points; k++)
        {
          minx = MIN (minx, route->points[k].x);
          maxx = MAX (maxx, route->points[k].x);
          miny = MIN (miny, route->points[k].y);
          maxy = MAX (maxy, route->points[k].y);
        }
      if (intersects (clip, minx - 10, miny - 10, maxx - minx + 20, maxy - miny + 20))
        draw_route (self, cr, route);
    }

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);
      gboolean          is_selected = FALSE;

      if (!intersects (clip, card->x - 4, card->y - 4, card->width + 8, card->height + 8))
        continue;
      for (guint k = 0; selected != NULL && k < selected->len; k++)
        is_selected |= g_array_index (selected, int, k) == (int)i;
      if (simple_scale > 0)
        draw_card_simple (self, cr, card, is_selected, simple_scale);
      else
        draw_card (self, cr, i, is_selected);
    }
}

void
kts_map_painter_draw (KtsMapPainter           *self,
                      cairo_t                 *cr,
                      const cairo_rectangle_t *clip,
                      const GArray            *selected)
{
  KtsMapLayout *layout;
  double        scale;
  gboolean      simple;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  layout = kts_map_painter_get_layout (self);
  {
    double dx = 1, dy = 0;

    cairo_user_to_device_distance (cr, &dx, &dy);
    scale = hypot (dx, dy);
  }
  simple = self->style.detail_scale > 0 && scale < self->style.detail_scale;
  /* On screen, labels of a few device pixels are noise and cost time; the
   * names of lanes and phases (and the analyst's formula) grow to stay
   * readable in the overview. */
  self->legible_small = self->style.detail_scale <= 0 || SMALL_SIZE * scale >= 4.0;
  if (simple)
    {
      self->name_size = MAX (HEADING_SIZE, MIN (7.0 / scale, 20.0));
      self->reading_size = MAX (LABEL_SIZE, MIN (7.0 / scale, 16.0));
    }

  cairo_save (cr);
  /* Paper where no lane covers it: above the first and below the last
   * (each full-size fill costs a software renderer a pass over the view). */
  {
    double top = layout->height, bottom = 0;

    for (guint i = 0; i < KTS_N_LANES; i++)
      if (layout->lanes[i].visible)
        {
          top = MIN (top, layout->lanes[i].y);
          bottom = MAX (bottom, layout->lanes[i].y + layout->lanes[i].height);
        }
    set_rgb (cr, &palette (self)->paper);
    if (top >= bottom)
      cairo_rectangle (cr, 0, 0, layout->width, layout->height);
    else
      {
        cairo_rectangle (cr, 0, 0, layout->width, top);
        cairo_rectangle (cr, 0, bottom, layout->width, layout->height - bottom);
      }
    cairo_fill (cr);
  }
  draw_content (self, cr, layout, clip, selected, 0, TRUE, simple ? scale : 0);
  cairo_restore (cr);

  self->legible_small = TRUE;
  self->name_size = HEADING_SIZE;
  self->reading_size = LABEL_SIZE;
}

gboolean
kts_map_painter_get_anchor_area (KtsMapPainter *self, guint card_index, cairo_rectangle_t *area)
{
  KtsMapLayout     *layout;
  const KtsMapCard *card;
  const CardText   *text;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  layout = kts_map_painter_get_layout (self);
  g_return_val_if_fail (card_index < layout->cards->len, FALSE);

  card = &g_array_index (layout->cards, KtsMapCard, card_index);
  text = card_text (self, card_index);
  if (text->anchor == NULL)
    return FALSE;
  area->x = card->x + CARD_PAD;
  area->y = card->y + text->anchor_y;
  area->width = card->width - 2 * CARD_PAD;
  area->height = self->small_line_h;
  return TRUE;
}

void
kts_map_painter_get_font_sizes (
    KtsMapPainter *self, double *heading, double *label, double *quote, double *detail)
{
  g_return_if_fail (self != NULL);

  if (heading != NULL)
    *heading = HEADING_SIZE;
  if (label != NULL)
    *label = self->label_size;
  if (quote != NULL)
    *quote = self->quote_size;
  if (detail != NULL)
    *detail = MIN (self->small_size, self->badge_size);
}

/* ---- Rows (posters) ------------------------------------------------------------ */

/* A horizontal strip of the layout (@src, @height) shown at @dst in a row. */
typedef struct
{
  KtsLaneId lane; /* KTS_N_LANES for the band header */
  double    src;
  double    height;
  double    dst;
} RowSlice;

void
kts_map_painter_column_extent (KtsMapPainter *self, guint column, double *x0, double *x1)
{
  KtsMapLayout *layout;
  double        lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  g_return_if_fail (self != NULL);

  layout = kts_map_painter_get_layout (self);
  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);

      if (card->column != column)
        continue;
      lo = MIN (lo, card->x);
      hi = MAX (hi, card->x + card->width);
    }
  if (lo > hi)
    lo = hi = layout->content_x;
  if (x0 != NULL)
    *x0 = lo - COLUMN_GAP / 2;
  if (x1 != NULL)
    *x1 = hi + COLUMN_GAP / 2;
}

static void
row_range (KtsMapPainter *self, guint first, guint last, double *x0, double *x1)
{
  double unused;

  kts_map_painter_column_extent (self, first, x0, &unused);
  kts_map_painter_column_extent (self, last, &unused, x1);
  /* Manually placed cards may sit out of order; never a negative width. */
  *x1 = MAX (*x1, *x0 + COLUMN_GAP);
}

/* Where the lane labels end and the columns begin in a row. */
static double
row_label_width (KtsMapLayout *layout)
{
  return layout->content_x - COLUMN_GAP / 2;
}

static GArray *
row_slices (KtsMapPainter *self, guint first, guint last, gboolean compact, double *height)
{
  KtsMapLayout    *layout = kts_map_painter_get_layout (self);
  const KtsLaneId *order = kts_map_lane_order (self->style.arrangement);
  GArray          *slices = g_array_new (FALSE, FALSE, sizeof (RowSlice));
  double           pad = 14; /* the layout's lane padding */
  double           dst = 0;
  RowSlice         header = { KTS_N_LANES, 0, BAND_HEADER, 0 };

  g_array_append_val (slices, header);
  dst = BAND_HEADER;

  for (guint i = 0; i < KTS_N_LANES; i++)
    {
      const KtsMapLane *lane = &layout->lanes[order[i]];
      double            content = lane->id == KTS_LANE_SPINE ? 30 : 0;
      double            bottom = lane->id == KTS_LANE_SPINE ? pad + 14 : pad;
      double            top;

      if (!lane->visible || lane->id == KTS_LANE_ANALYST)
        continue;

      for (guint k = 0; compact && k < layout->cards->len; k++)
        {
          const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, k);

          if (card->lane == lane->id && card->column >= first && card->column <= last)
            content = MAX (content, card->y + card->height - lane->y);
        }

      top = content + pad;
      if (!compact || top + bottom >= lane->height)
        {
          RowSlice whole = { lane->id, lane->y, lane->height, dst };

          g_array_append_val (slices, whole);
          dst += lane->height;
        }
      else
        {
          /* The cards of this row and the routing strip at the top, then the
           * strip at the bottom where backward edges run. */
          RowSlice upper = { lane->id, lane->y, top, dst };
          RowSlice lower = { lane->id, lane->y + lane->height - bottom, bottom, dst + top };

          g_array_append_val (slices, upper);
          g_array_append_val (slices, lower);
          dst += top + bottom;
        }
    }

  if (height != NULL)
    *height = dst;
  return slices;
}

void
kts_map_painter_measure_row (KtsMapPainter *self,
                             guint          first_column,
                             guint          last_column,
                             gboolean       compact,
                             double        *width,
                             double        *height,
                             GArray        *lane_tops)
{
  KtsMapLayout *layout;
  double        x0, x1;
  g_autoptr (GArray) slices = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (first_column <= last_column);

  layout = kts_map_painter_get_layout (self);
  row_range (self, first_column, last_column, &x0, &x1);
  if (width != NULL)
    *width = row_label_width (layout) + (x1 - x0);
  slices = row_slices (self, first_column, last_column, compact, height);
  if (lane_tops != NULL)
    {
      KtsLaneId last_lane = KTS_N_LANES;

      for (guint i = 0; i < slices->len; i++)
        {
          const RowSlice *slice = &g_array_index (slices, RowSlice, i);

          if (slice->lane != last_lane && slice->lane != KTS_N_LANES)
            g_array_append_val (lane_tops, slice->dst);
          last_lane = slice->lane;
        }
    }
}

/* The y in the row where layout y @y is shown, or -1 if it is not. */
static double
row_map_y (GArray *slices, double y)
{
  for (guint i = 0; i < slices->len; i++)
    {
      const RowSlice *slice = &g_array_index (slices, RowSlice, i);

      if (y >= slice->src && y <= slice->src + slice->height)
        return slice->dst + (y - slice->src);
    }
  return -1;
}

/* First point where the polyline of @route crosses the vertical line @x. */
static gboolean
route_crossing (const KtsMapRoute *route, double x, double *y)
{
  for (guint k = 1; k < route->n_points; k++)
    {
      const KtsMapPoint *a = &route->points[k - 1];
      const KtsMapPoint *b = &route->points[k];

      if ((a->x - x) * (b->x - x) <= 0 && fabs (b->x - a->x) > 1e-9)
        {
          *y = a->y + (b->y - a->y) * (x - a->x) / (b->x - a->x);
          return TRUE;
        }
    }
  return FALSE;
}

static void
draw_row_tag (KtsMapPainter     *self,
              cairo_t           *cr,
              const KtsMapRoute *route,
              const char        *text,
              double             x,
              double             y,
              gboolean           right_aligned)
{
  const Palette *p = palette (self);
  g_autoptr (PangoLayout) pl
      = text_layout (self, text, SMALL_SIZE, PANGO_WEIGHT_BOLD, FALSE, -1, 0);
  double w = layout_width (pl), h = layout_height (pl);
  double tx = right_aligned ? x - w - 4 : x + 4;
  double ty = y - h - 2;

  cairo_save (cr);
  set_rgb (cr, &p->paper);
  cairo_rectangle (cr, tx - 2, ty, w + 4, h);
  cairo_fill (cr);
  edge_style (self, cr, route->type);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, tx - 2, ty, w + 4, h);
  cairo_stroke (cr);
  show_layout (cr, pl, tx, ty);
  cairo_restore (cr);
}

void
kts_map_painter_draw_row (
    KtsMapPainter *self, cairo_t *cr, guint first_column, guint last_column, gboolean compact)
{
  const Palette *p;
  KtsMapLayout  *layout;
  double         x0, x1, lx, height;
  g_autoptr (GArray) slices = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (first_column <= last_column);

  p = palette (self);
  layout = kts_map_painter_get_layout (self);
  row_range (self, first_column, last_column, &x0, &x1);
  lx = row_label_width (layout);
  slices = row_slices (self, first_column, last_column, compact, &height);

  cairo_save (cr);
  set_rgb (cr, &p->paper);
  cairo_rectangle (cr, 0, 0, lx + x1 - x0, height);
  cairo_fill (cr);

  for (guint i = 0; i < slices->len; i++)
    {
      const RowSlice   *slice = &g_array_index (slices, RowSlice, i);
      cairo_rectangle_t clip = { x0, slice->src, x1 - x0, slice->height };

      /* The columns of this row … */
      cairo_save (cr);
      cairo_rectangle (cr, lx, slice->dst, x1 - x0, slice->height);
      cairo_clip (cr);
      cairo_translate (cr, lx - x0, slice->dst - slice->src);
      draw_content (self, cr, layout, &clip, NULL, x0, FALSE, 0);
      cairo_restore (cr);

      /* … and the lane backgrounds under the labels. */
      cairo_save (cr);
      cairo_rectangle (cr, 0, slice->dst, lx, slice->height);
      cairo_clip (cr);
      cairo_translate (cr, 0, slice->dst - slice->src);
      draw_lanes (self, cr, layout, 0, layout->width, FALSE);
      cairo_restore (cr);
    }

  /* Lane labels, centred on the lane as tall as it is in this row. */
  for (guint i = 0; i < slices->len;)
    {
      const RowSlice *slice = &g_array_index (slices, RowSlice, i);
      double          top = slice->dst, bottom = slice->dst + slice->height;
      guint           j = i + 1;

      for (; j < slices->len && g_array_index (slices, RowSlice, j).lane == slice->lane; j++)
        bottom
            = g_array_index (slices, RowSlice, j).dst + g_array_index (slices, RowSlice, j).height;
      if (slice->lane != KTS_N_LANES)
        draw_lane_label (self, cr, layout, slice->lane, 0, top, bottom - top);
      i = j;
    }

  /* The band header rule under the label column too. */
  set_rgb (cr, &p->ink);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, BAND_HEADER);
  cairo_line_to (cr, lx, BAND_HEADER);
  cairo_stroke (cr);

  /* Edges that leave the row: name the card at the other end. */
  for (guint i = 0; i < layout->routes->len; i++)
    {
      const KtsMapRoute *route = &g_array_index (layout->routes, KtsMapRoute, i);
      const KtsMapCard  *from = &g_array_index (layout->cards, KtsMapCard, route->from_card);
      const KtsMapCard  *to = &g_array_index (layout->cards, KtsMapCard, route->to_card);
      gboolean           from_in = from->column >= first_column && from->column <= last_column;
      gboolean           to_in = to->column >= first_column && to->column <= last_column;
      const KtsMapCard  *other = from_in ? to : from;
      g_autofree char   *text = NULL;
      gboolean           right;
      double             y, ry;

      if (from_in == to_in || route->n_points < 2)
        continue;
      right = other->column > last_column;
      if (!route_crossing (route, right ? x1 : x0, &y))
        continue;
      ry = row_map_y (slices, y);
      if (ry < 0)
        continue;
      if (from_in)
        /* Translators: an edge that goes on in another row of a poster. */
        text = g_strdup_printf (C_ ("map row edge", "to %s"), kts_move_get_ident (other->move));
      else
        /* Translators: an edge that comes from another row of a poster. */
        text = g_strdup_printf (C_ ("map row edge", "from %s"), kts_move_get_ident (other->move));
      draw_row_tag (self, cr, route, text, right ? lx + x1 - x0 : lx, ry, right);
    }

  /* A frame so stacked rows read as separate strips. */
  set_rgba (cr, &p->dim_ink, 0.8);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 0.4, 0.4, lx + x1 - x0 - 0.8, height - 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);
}

double
kts_map_painter_draw_reading (KtsMapPainter *self, cairo_t *cr, double width)
{
  const Palette *p;
  const char    *formula;
  g_autoptr (PangoLayout) head = NULL;
  g_autoptr (PangoLayout) body = NULL;
  double height;

  g_return_val_if_fail (self != NULL, 0);

  p = palette (self);
  formula = kts_episode_get_pattern_formula (self->episode);
  head = text_layout (self, C_ ("map lane", "Analyst reading"), HEADING_SIZE, PANGO_WEIGHT_BOLD,
                      FALSE, -1, 0);
  body = text_layout (
      self,
      formula != NULL && *formula != '\0'
          ? formula
          : C_ ("map reading", "No pattern formula has been written for this episode yet."),
      LABEL_SIZE, PANGO_WEIGHT_NORMAL, TRUE, width - 24 - layout_width (head) - 18, 0);
  height = ceil (MAX (layout_height (head), layout_height (body)) + 20);

  if (cr != NULL)
    {
      cairo_save (cr);
      set_rgb (cr, &p->outside_lane);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      set_rgb (cr, &p->ink);
      cairo_set_line_width (cr, 1.0);
      cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
      cairo_stroke (cr);
      show_layout (cr, head, 12, 10);
      show_layout (cr, body, 12 + layout_width (head) + 18, 10);
      cairo_restore (cr);
    }
  return height;
}

/* ---- Title block ------------------------------------------------------------------ */

static char *
title_line_1 (KtsMapPainter *self)
{
  KtsCase *kase = kts_episode_get_case (self->episode);
  g_autoptr (GString) s = g_string_new (NULL);

  if (kase != NULL)
    {
      g_string_append_printf (s, C_ ("title block", "Case (%s)"), kts_case_get_label (kase));
      if (kts_case_get_therapist_pseudonym (kase) != NULL)
        {
          g_string_append_printf (s, "  %s (T", kts_case_get_therapist_pseudonym (kase));
          if (kts_case_get_therapist_age (kase) > 0)
            g_string_append_printf (s, ", %d", kts_case_get_therapist_age (kase));
          if (kts_case_get_therapist_gender (kase) != NULL)
            g_string_append_printf (s, ", %s", kts_case_get_therapist_gender (kase));
          g_string_append (s, ")");
        }
      if (kts_case_get_client_pseudonym (kase) != NULL)
        {
          g_string_append_printf (s, " – %s (C", kts_case_get_client_pseudonym (kase));
          if (kts_case_get_client_age (kase) > 0)
            g_string_append_printf (s, ", %d", kts_case_get_client_age (kase));
          if (kts_case_get_client_gender (kase) != NULL)
            g_string_append_printf (s, ", %s", kts_case_get_client_gender (kase));
          g_string_append (s, ")");
        }
    }
  else
    g_string_append (s, C_ ("title block", "Vignette (no named case)"));

  g_string_append_printf (s, "  ·  %s %s", C_ ("title block", "Episode"),
                          kts_episode_get_name (self->episode));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
append_field (GString *s, const char *name, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (s->len > 0)
    g_string_append (s, "   ·   ");
  g_string_append_printf (s, "%s: %s", name, value);
}

static char *
title_line_2 (KtsMapPainter *self)
{
  KtsEpisode *e = self->episode;
  KtsCase    *kase = kts_episode_get_case (e);
  g_autoptr (GString) s = g_string_new (NULL);
  const char *initiator = NULL;
  const char *resolution = NULL;

  switch (kts_episode_get_initiator (e))
    {
    case KTS_INITIATOR_THERAPIST:
      initiator = C_ ("initiator", "therapist");
      break;
    case KTS_INITIATOR_CLIENT:
      initiator = C_ ("initiator", "client");
      break;
    case KTS_INITIATOR_BOTH:
      initiator = C_ ("initiator", "both");
      break;
    case KTS_INITIATOR_UNCLEAR:
      initiator = C_ ("initiator", "unclear");
      break;
    case KTS_INITIATOR_UNSET:
    default:
      break;
    }
  switch (kts_episode_get_resolution (e))
    {
    case KTS_RESOLUTION_RESOLVED:
      resolution = C_ ("resolution", "resolved");
      break;
    case KTS_RESOLUTION_PARTIAL:
      resolution = C_ ("resolution", "partly resolved");
      break;
    case KTS_RESOLUTION_UNRESOLVED:
      resolution = C_ ("resolution", "unresolved");
      break;
    case KTS_RESOLUTION_UNKNOWN:
    default:
      break;
    }

  if (kase != NULL)
    {
      append_field (s, C_ ("title block", "Orientation"), kts_case_get_orientation (kase));
      append_field (s, C_ ("title block", "Setting"), kts_case_get_setting (kase));
      append_field (s, C_ ("title block", "Treatment"), kts_case_get_treatment_length (kase));
    }
  append_field (s, C_ ("title block", "Rupture type"), kts_episode_get_rupture_types (e));
  append_field (s, C_ ("title block", "Initiator"), initiator);
  append_field (s, C_ ("title block", "Pattern"), kts_episode_get_temporal_pattern (e));
  append_field (s, C_ ("title block", "Course"), kts_episode_get_course (e));
  append_field (s, C_ ("title block", "Intensity"), kts_episode_get_intensity (e));
  append_field (s, C_ ("title block", "Alliance"), kts_episode_get_alliance_component (e));
  append_field (s, C_ ("title block", "Resolution"), resolution);
  if (flowchart (self))
    append_field (s, C_ ("title block", "Analysis step"),
                  C_ ("title block", "3, flowchart (no theory codes)"));
  else
    append_field (s, C_ ("title block", "Themes"), kts_episode_get_themes (e));
  append_field (s, C_ ("title block", "Status"),
                kts_episode_get_status (e) == KTS_EPISODE_STATUS_VALIDATED
                    ? C_ ("status", "validated against the transcript")
                    : C_ ("status", "draft, not yet validated"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
kts_map_painter_dup_title (KtsMapPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return title_line_1 (self);
}

double
kts_map_painter_measure_title (KtsMapPainter *self, double width)
{
  g_autofree char *l1 = title_line_1 (self);
  g_autofree char *l2 = title_line_2 (self);
  g_autoptr (PangoLayout) a = text_layout (self, l1, 16, PANGO_WEIGHT_BOLD, FALSE, width - 24, 0);
  g_autoptr (PangoLayout) b
      = text_layout (self, l2, LABEL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, width - 24, 0);

  return ceil (12 + layout_height (a) + 6 + layout_height (b) + 12);
}

void
kts_map_painter_draw_title (KtsMapPainter *self, cairo_t *cr, double width)
{
  const Palette   *p = palette (self);
  g_autofree char *l1 = title_line_1 (self);
  g_autofree char *l2 = title_line_2 (self);
  g_autoptr (PangoLayout) a = text_layout (self, l1, 16, PANGO_WEIGHT_BOLD, FALSE, width - 24, 0);
  g_autoptr (PangoLayout) b
      = text_layout (self, l2, LABEL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, width - 24, 0);
  double h = kts_map_painter_measure_title (self, width);

  cairo_save (cr);
  set_rgb (cr, &p->paper);
  cairo_rectangle (cr, 0, 0, width, h);
  cairo_fill (cr);
  set_rgb (cr, &p->ink);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, h - 1);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  show_layout (cr, a, 12, 12);
  set_rgb (cr, &p->dim_ink);
  show_layout (cr, b, 12, 12 + layout_height (a) + 6);
  cairo_restore (cr);
}

/* ---- Legend ------------------------------------------------------------------------- */

typedef struct
{
  const char *key;
  const char *text;
} LegendEntry;

static double
legend_column (KtsMapPainter     *self,
               cairo_t           *cr,
               double             x,
               double             y,
               double             w,
               const char        *title,
               const LegendEntry *entries,
               guint              n)
{
  g_autoptr (PangoLayout) head
      = text_layout (self, title, SMALL_SIZE + 1, PANGO_WEIGHT_BOLD, FALSE, w, 0);
  double y0 = y;

  if (cr != NULL)
    {
      set_rgb (cr, &palette (self)->ink);
      show_layout (cr, head, x, y);
    }
  y += layout_height (head) + 3;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = g_strdup_printf ("<b>%s</b>  %s", entries[i].key, entries[i].text);
      g_autoptr (PangoLayout) pl
          = text_layout (self, "", SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, w, 0);

      pango_layout_set_markup (pl, line, -1);
      if (cr != NULL)
        {
          set_rgb (cr, &palette (self)->ink);
          show_layout (cr, pl, x, y);
        }
      y += layout_height (pl) + 1.5;
    }
  return y - y0;
}

static double
legend_samples (KtsMapPainter *self, cairo_t *cr, double x, double y, double w, gboolean arrows)
{
  const Palette *p = palette (self);
  static const struct
  {
    KtsEdgeType type;
    const char *name;
  } edges[] = {
    { KTS_EDGE_NEXT, N_ ("next (sequence)") },
    { KTS_EDGE_RESPONDS_TO, N_ ("responds to") },
    { KTS_EDGE_VEILS, N_ ("veils (SD carries a REL need)") },
    { KTS_EDGE_INFORMS, N_ ("informs (from outside)") },
    { KTS_EDGE_ESCALATES, N_ ("escalates (×n loop)") },
    { KTS_EDGE_REPAIRS, N_ ("repairs (back to the marker)") },
    { KTS_EDGE_SAME_EVENT, N_ ("same event in SD and REL") },
    { KTS_EDGE_FAILS, N_ ("fails (repair did not take)") },
  };
  g_autoptr (PangoLayout) head
      = text_layout (self, arrows ? C_ ("legend", "Arrows") : C_ ("legend", "Cards and marks"),
                     SMALL_SIZE + 1, PANGO_WEIGHT_BOLD, FALSE, w, 0);
  double y0 = y;
  double row = MAX (13.0, SMALL_SIZE * 1.25 + 4);

  if (cr != NULL)
    {
      set_rgb (cr, &p->ink);
      show_layout (cr, head, x, y);
    }
  y += layout_height (head) + 4;

  if (!arrows && flowchart (self))
    {
      static const double dash[] = { 4, 2 };
      const char         *texts[] = {
                C_ ("legend", "RUPTURE: bracket over the rupture steps"),
                C_ ("legend", "REPAIR: bracket over the repair steps"),
                C_ ("legend", "box: one step; its header names actor and phase"),
                C_ ("legend", "dashed: analyst inference"),
                C_ ("legend", "hollow ×: failed repair"),
                C_ ("legend", "heavy border and !: ostensive moment"),
                C_ ("legend", "?: case attribution of the quote uncertain"),
                C_ ("legend", "phone, SMS, between, outside: where it happened"),
      };

      for (guint i = 0; cr != NULL && i < G_N_ELEMENTS (texts); i++)
        {
          g_autoptr (PangoLayout) pl
              = text_layout (self, texts[i], SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, w - 30, 1);
          double sy = y + i * row;

          cairo_save (cr);
          switch (i)
            {
            case 0:
            case 1:
              set_rgb (cr, i == 0 ? &p->rupture : &p->repairs);
              cairo_set_line_width (cr, 2.0);
              cairo_move_to (cr, x + 1, sy + 10);
              cairo_line_to (cr, x + 1, sy + 4);
              cairo_line_to (cr, x + 21, sy + 4);
              cairo_line_to (cr, x + 21, sy + 10);
              cairo_stroke (cr);
              break;
            case 6:
            case 7:
              rounded_rect (cr, x, sy + 1, i == 6 ? 12 : 20, 10, 2.5);
              set_rgb (cr, &p->paper);
              cairo_fill_preserve (cr);
              set_rgb (cr, &p->none_stroke);
              cairo_set_line_width (cr, 0.7);
              cairo_stroke (cr);
              break;
            default:
              rounded_rect (cr, x, sy + 1, 20, 10, 4);
              set_rgb (cr, i == 4 ? &p->paper : &p->none_fill);
              cairo_fill_preserve (cr);
              set_rgb (cr, &p->none_stroke);
              cairo_set_line_width (cr, i == 5 ? 2.5 : 1);
              if (i == 3)
                cairo_set_dash (cr, dash, 2, 0);
              cairo_stroke (cr);
              if (i == 4)
                cross_mark (cr, x + 20, sy + 6, 3);
              break;
            }
          cairo_restore (cr);
          set_rgb (cr, &p->ink);
          show_layout (cr, pl, x + 28, sy);
        }
      return y + G_N_ELEMENTS (texts) * row - y0;
    }

  /* Card shapes. */
  if (cr != NULL && !arrows)
    {
      static const double dash[] = { 4, 2 };
      struct
      {
        const Rgb    *stroke, *fill;
        double        radius;
        const double *dash;
        const char   *text;
      } shapes[] = {
        { &p->sd_stroke, &p->sd_fill, 0, NULL, C_ ("legend", "SD: square corners") },
        { &p->rel_stroke, &p->rel_fill, 5, NULL, C_ ("legend", "REL: rounded") },
        { &p->sd_stroke, &p->sd_fill, 0, NULL, C_ ("legend", "LM: outlined (pale)") },
        { &p->sd_stroke, &p->sd_fill_mm, 0, NULL, C_ ("legend", "MM: filled") },
        { &p->none_stroke, &p->none_fill, 2, dash, C_ ("legend", "dashed: analyst inference") },
        { &p->none_stroke, &p->paper, 2, NULL, C_ ("legend", "hollow ×: failed repair") },
      };

      for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
        {
          g_autoptr (PangoLayout) pl = text_layout (self, shapes[i].text, SMALL_SIZE,
                                                    PANGO_WEIGHT_NORMAL, FALSE, w - 30, 1);
          double sy = y + i * row;

          rounded_rect (cr, x, sy + 1, 20, 10, shapes[i].radius);
          set_rgb (cr, shapes[i].fill);
          cairo_fill_preserve (cr);
          set_rgb (cr, shapes[i].stroke);
          cairo_set_line_width (cr, 1);
          if (shapes[i].dash != NULL)
            cairo_set_dash (cr, shapes[i].dash, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          if (i == 5)
            cross_mark (cr, x + 20, sy + 6, 3);
          set_rgb (cr, &p->ink);
          show_layout (cr, pl, x + 28, sy);
        }
    }
  if (!arrows)
    y += 6 * row;

  if (arrows && flowchart (self))
    {
      /* Only the arrows the flowchart draws, in a column of their own. */
      guint k = 0;

      for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
        {
          KtsMapRoute route = { 0 };
          double      ry = y + k * row;

          if (!kts_map_flowchart_shows_edge (edges[i].type))
            continue;
          k++;
          if (cr == NULL)
            continue;
          {
            g_autoptr (PangoLayout) pl
                = text_layout (self,
                               edges[i].type == KTS_EDGE_NEXT
                                   ? C_ ("legend", "the chain, one step to the next")
                                   : g_dpgettext2 (GETTEXT_PACKAGE, "legend", edges[i].name),
                               SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, w - 40, 1);

            route.type = edges[i].type;
            route.n_points = 2;
            route.points[0] = (KtsMapPoint){ x, ry + 6 };
            route.points[1] = (KtsMapPoint){ x + 30, ry + 6 };
            cairo_save (cr);
            edge_style (self, cr, route.type);
            route_path (cr, &route, 0);
            cairo_stroke (cr);
            if (route.type == KTS_EDGE_FAILS)
              cross_mark (cr, x + 27, ry + 6, 3);
            else
              arrow_head (cr, x, ry + 6, x + 30, ry + 6, 5, route.type == KTS_EDGE_REPAIRS);
            cairo_restore (cr);
            set_rgb (cr, &p->ink);
            show_layout (cr, pl, x + 38, ry);
          }
        }
      return y + k * row - y0;
    }

  for (guint i = 0; arrows && i < G_N_ELEMENTS (edges); i++)
    {
      if (cr != NULL)
        {
          KtsMapRoute route = { 0 };
          g_autoptr (PangoLayout) pl
              = text_layout (self, g_dpgettext2 (GETTEXT_PACKAGE, "legend", edges[i].name),
                             SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, w - 40, 1);

          route.type = edges[i].type;
          route.n_points = 2;
          if (edges[i].type == KTS_EDGE_SAME_EVENT)
            {
              route.points[0] = (KtsMapPoint){ x + 14, y + i * row };
              route.points[1] = (KtsMapPoint){ x + 14, y + i * row + 11 };
            }
          else
            {
              route.points[0] = (KtsMapPoint){ x, y + i * row + 6 };
              route.points[1] = (KtsMapPoint){ x + 30, y + i * row + 6 };
            }
          cairo_save (cr);
          edge_style (self, cr, route.type);
          route_path (cr, &route, 0);
          cairo_stroke (cr);
          if (route.type == KTS_EDGE_FAILS)
            cross_mark (cr, x + 27, y + i * row + 6, 3);
          else if (route.type != KTS_EDGE_SAME_EVENT)
            arrow_head (cr, x, y + i * row + 6, x + 30, y + i * row + 6, 5,
                        route.type == KTS_EDGE_REPAIRS);
          cairo_restore (cr);
          set_rgb (cr, &p->ink);
          show_layout (cr, pl, x + 38, y + i * row);
        }
    }
  if (arrows)
    return y + G_N_ELEMENTS (edges) * row - y0;

  /* Rupture bars and spine glyphs. */
  if (cr != NULL)
    {
      g_autoptr (PangoLayout) wd = text_layout (self, C_ ("legend", "WD withdrawal: hatched"),
                                                SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, w - 40, 1);
      g_autoptr (PangoLayout) cf = text_layout (self, C_ ("legend", "CF confrontation: solid"),
                                                SMALL_SIZE, PANGO_WEIGHT_NORMAL, FALSE, w - 40, 1);
      g_autoptr (PangoLayout) os
          = text_layout (self, C_ ("legend", "ostensive moment; ▲ the third"), SMALL_SIZE,
                         PANGO_WEIGHT_NORMAL, FALSE, w - 40, 1);

      set_rgb (cr, &p->paper);
      cairo_rectangle (cr, x, y + 2, 30, 8);
      cairo_fill (cr);
      hatch (cr, NULL, x, y + 2, 30, 8, 4, &p->none_stroke, 0.9, 1.1);
      set_rgb (cr, &p->ink);
      show_layout (cr, wd, x + 38, y);
      cairo_rectangle (cr, x, y + row + 2, 30, 8);
      cairo_fill (cr);
      show_layout (cr, cf, x + 38, y + row);
      cairo_arc (cr, x + 8, y + 2 * row + 6, 6, 0, 2 * G_PI);
      cairo_fill (cr);
      {
        g_autoptr (PangoLayout) bang = text_layout (self, "!", 8, PANGO_WEIGHT_HEAVY, FALSE, -1, 0);
        set_rgb (cr, &p->paper);
        show_layout (cr, bang, x + 8 - layout_width (bang) / 2,
                     y + 2 * row + 6 - layout_height (bang) / 2);
      }
      set_rgb (cr, &p->ink);
      triangle_mark (cr, x + 24, y + 2 * row + 6, 4);
      show_layout (cr, os, x + 38, y + 2 * row);
    }
  y += 3 * row;

  return y - y0;
}

static const LegendEntry lane_entries[] = {
  { N_ ("Outside"), N_ ("supervision, colleagues, phone, text messages, planning, third persons") },
  { N_ ("T · SD, C · SD"), N_ ("surface: self-definition expressions of therapist and client") },
  { N_ ("Interaction"),
    N_ ("the spine: session ticks, rupture bars, the ostensive moment, dyad loops") },
  { N_ ("T · REL, C · REL"), N_ ("undercurrent: relatedness expressions") },
  { N_ ("Analyst reading"), N_ ("the pattern formula of the episode") },
};

static const LegendEntry flowchart_lane_entries[] = {
  { N_ ("Outside"), N_ ("supervision, colleagues, phone, text messages, planning, third persons") },
  { N_ ("Therapist"), N_ ("the therapist's steps, above the axis") },
  { N_ ("Interaction"), N_ ("the axis: session ticks; steps of both together") },
  { N_ ("Client"), N_ ("the client's steps, below the axis") },
};

static const LegendEntry badge_entries[] = {
  { "?", N_ ("case attribution of the quote uncertain") },
  { "WD:… CF:…", N_ ("rupture marker (withdrawal, confrontation)") },
  { "T-trig", N_ ("therapist-side contribution to the rupture") },
  { "2a", N_ ("therapist strengthens own self-definition outside therapy") },
  { "2b", N_ ("therapist strengthens the client's self-definition") },
  { "2c", N_ ("therapist softens own display of self-definition") },
  { "2d", N_ ("therapist regulates relatedness") },
  { "2e", N_ ("balance of self-definition and relatedness") },
  { "IMM-D IMM-I", N_ ("immediate strategy, direct / indirect") },
  { "EXP", N_ ("expressive strategy") },
  { "S1–S4", N_ ("stage of the four-stage resolution model") },
  { "JSR:…", N_ ("scoping-review repair code") },
};

static const LegendEntry mc_entries[] = {
  { "MC1", N_ ("tentative, owns its subjectivity") },
  { "MC2", N_ ("no assumed parallel with other relationships") },
  { "MC3", N_ ("accepts responsibility for one's part") },
  { "MC4", N_ ("starts from what is felt here and now") },
  { "MC5", N_ ("concrete and specific") },
  { "MC6", N_ ("explores how the response landed") },
  { "MC7", N_ ("looks for the relational meaning") },
  { "MC8", N_ ("speaks of a shared 'we'") },
  { "MC9", N_ ("discloses the therapist's own experience") },
  { "MC10", N_ ("expects the theme to come back") },
};

/* One block of the legend at (@x, @y), @w wide; returns its height. */
static double
legend_section (KtsMapPainter *self, cairo_t *cr, guint section, double x, double y, double w)
{
  LegendEntry        entries[G_N_ELEMENTS (badge_entries)];
  const LegendEntry *source;
  const char        *title;
  guint              n;

  switch (section)
    {
    case 0:
      if (flowchart (self))
        source = flowchart_lane_entries, n = G_N_ELEMENTS (flowchart_lane_entries);
      else
        source = lane_entries, n = G_N_ELEMENTS (lane_entries);
      title = C_ ("legend", "Lanes");
      break;
    case 1:
      return legend_samples (self, cr, x, y, w, FALSE);
    case 2:
      return legend_samples (self, cr, x, y, w, TRUE);
    case 3:
      source = badge_entries, n = G_N_ELEMENTS (badge_entries);
      title = C_ ("legend", "Badges");
      break;
    case 4:
    default:
      source = mc_entries, n = G_N_ELEMENTS (mc_entries);
      title = C_ ("legend", "Metacommunication principles");
      break;
    }
  for (guint i = 0; i < n; i++)
    entries[i]
        = (LegendEntry){ section == 0 ? g_dpgettext2 (GETTEXT_PACKAGE, "legend", source[i].key)
                                      : source[i].key,
                         g_dpgettext2 (GETTEXT_PACKAGE, "legend", source[i].text) };
  return legend_column (self, cr, x, y, w, title, entries, n);
}

#define LEGEND_SECTIONS 5
#define LEGEND_GAP 16.0

/* The flowchart's legend has lanes, cards and marks, and arrows: no badge
 * keys, which are codes. */
static guint
legend_n_sections (KtsMapPainter *self)
{
  return flowchart (self) ? 3 : LEGEND_SECTIONS;
}

/* The five blocks (lanes, cards and marks, arrows, badges, metacommunication)
 * in as many columns as fit, at least 190 units each; consecutive blocks
 * share a column when there are fewer columns than blocks. */
static double
draw_legend_at (KtsMapPainter *self, cairo_t *cr, double width)
{
  guint n_sections = legend_n_sections (self);
  guint n_cols
      = CLAMP ((guint)floor ((width - 24 + LEGEND_GAP) / (190 + LEGEND_GAP)), 1, n_sections);
  double col_w = (width - 24 - (n_cols - 1) * LEGEND_GAP) / n_cols;
  double heights[LEGEND_SECTIONS];
  guint  column_of[LEGEND_SECTIONS];
  double total = 0, target, filled = 0, h = 0, y = 12;
  guint  col = 0;

  for (guint i = 0; i < n_sections; i++)
    {
      heights[i] = legend_section (self, NULL, i, 0, 0, col_w);
      total += heights[i] + 10;
    }

  /* Fill columns in order up to about an even share of the height. */
  target = total / n_cols;
  for (guint i = 0; i < n_sections; i++)
    {
      guint left_sections = n_sections - i;

      if (filled > 0 && col + 1 < n_cols
          && (filled + heights[i] / 2 > target || left_sections <= n_cols - col - 1))
        {
          col++;
          filled = 0;
        }
      column_of[i] = col;
      filled += heights[i] + 10;
    }

  for (guint i = 0; i < n_sections; i++)
    {
      if (i > 0 && column_of[i] != column_of[i - 1])
        y = 12;
      else if (i > 0)
        y += 10;
      y += legend_section (self, cr, i, 12 + column_of[i] * (col_w + LEGEND_GAP), y, col_w);
      h = MAX (h, y - 12);
    }
  return ceil (h + 24);
}

double
kts_map_painter_measure_legend (KtsMapPainter *self, double width)
{
  return draw_legend_at (self, NULL, width);
}

void
kts_map_painter_draw_legend (KtsMapPainter *self, cairo_t *cr, double width)
{
  const Palette *p = palette (self);
  double         h = kts_map_painter_measure_legend (self, width);

  cairo_save (cr);
  set_rgb (cr, &p->paper);
  cairo_rectangle (cr, 0, 0, width, h);
  cairo_fill (cr);
  set_rgb (cr, &p->ink);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, h - 1);
  cairo_stroke (cr);
  draw_legend_at (self, cr, width);
  cairo_restore (cr);
}

double
kts_map_painter_draw_figure (KtsMapPainter *self, cairo_t *cr)
{
  KtsMapLayout *layout = kts_map_painter_get_layout (self);
  double        width = MAX (layout->width, 900);
  double        title_h = kts_map_painter_measure_title (self, width);
  double        legend_h = kts_map_painter_measure_legend (self, width);
  double        gap = 12;

  if (cr != NULL)
    {
      cairo_save (cr);
      set_rgb (cr, &palette (self)->paper);
      cairo_paint (cr);
      kts_map_painter_draw_title (self, cr, width);
      cairo_translate (cr, 0, title_h + gap);
      kts_map_painter_draw (self, cr, NULL, NULL);
      cairo_translate (cr, 0, layout->height + gap);
      kts_map_painter_draw_legend (self, cr, width);
      cairo_restore (cr);
    }
  return title_h + gap + layout->height + gap + legend_h;
}
