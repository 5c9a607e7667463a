/* kts-transcript-view.c: the transcript reading and coding widget.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkTextView (read-only, with a cursor for keyboard selection) in a
 * scrolled window, clamped to a comfortable line length, with a search bar
 * above. Coded passages are painted by us below the text, for the visible
 * lines only, so overlapping codings blend; the turn numbers and coding
 * stripes live in the text view's left and right gutters and are painted in
 * the same frame as the text. Speaker labels and timestamps are styled with
 * tags, visible turns first and the rest in idle time.
 */
#define G_LOG_DOMAIN "kts-transcript"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-transcript-resources.h"
#include "kts-transcript-gutter.h"
#include "kts-transcript-index.h"
#include "kts-transcript-text.h"
#include "kts-transcript-turns.h"
#include "kts-transcript-view-private.h"
#include "kts-transcript-view.h"

#define CSS_RESOURCE "/io/github/kintsugi_qda/Kintsugi/transcript/transcript-view.css"

/* Layout, in pixels unless said otherwise. */
#define LINE_CHARS 80 /* text column width in average characters */
#define TEXT_MARGIN_LEFT 20
#define TEXT_MARGIN_RIGHT 28
#define TEXT_MARGIN_TOP 18
#define TEXT_MARGIN_BOTTOM 72
#define TURN_SPACING 14  /* pixels above each paragraph */
#define WRAP_SPACING 4   /* pixels between wrapped lines */
#define STRIPE_PAD 8     /* left of the first stripe */
#define STRIPE_STEP 6    /* one stripe column: bar and gap */
#define STRIPE_BAR 4     /* bar width */
#define STRIPE_COLUMNS 5 /* columns before bars get thinner */
#define LABEL_WIDTH 150  /* code names beside the stripes */
#define NUMBERS_PAD 10
#define LANE_WIDTH 24      /* one coder's group of stripe columns, when several coded */
#define LANES_MAX_WIDTH 96 /* all coders' groups together, beside code names */
#define LANE_HEADER_HEIGHT 18
#define LABELS_SHOW_FROM 720 /* view width that has room for code names */
#define LABELS_HIDE_BELOW 680

#define STYLE_SLICE_USEC 5000    /* idle styling works this long per slice */
#define SCREENFUL_CHARS 16000    /* more than any window shows at once */
#define FLASH_USEC (1200 * 1000) /* a revealed coding flashes this long */
#define HIGHLIGHT_ALPHA_LIGHT 0.30
#define HIGHLIGHT_ALPHA_DARK 0.36

typedef enum
{
  ROLE_TAG_OTHER,
  ROLE_TAG_THERAPIST,
  ROLE_TAG_CLIENT,
  ROLE_TAG_INTERVIEWER,
  N_ROLE_TAGS
} RoleTag;

typedef struct
{
  guint start;
  guint end;
} Match;

typedef struct
{
  GdkRectangle rect;   /* view coordinates */
  KtsCoding   *coding; /* NULL for a coder's lane header */
  guint        lane;
} StripeHit;

/* A coder whose codings are in the document, and whether they show. */
typedef struct
{
  KtsCoder *coder; /* NULL: codings without a coder */
  gboolean  shown;
  int       lane; /* -1 when not shown, or when there is one lane */
} CoderEntry;

struct _KtsTranscriptView
{
  GtkWidget parent_instance;

  GtkWidget     *search_bar;
  GtkWidget     *search_entry;
  GtkWidget     *match_label;
  GtkWidget     *scroller;
  GtkWidget     *clamp;
  GtkTextView   *text;
  GtkWidget     *numbers;
  GtkWidget     *stripes;
  GtkTextBuffer *buffer;
  GtkTextTag    *role_tags[N_ROLE_TAGS];
  GtkTextTag    *time_tag;

  KtsProject  *project;
  KtsDocument *document;
  GListModel  *codings;
  GPtrArray   *mirror; /* KtsCoding, the document's codings list as we last saw it */
  gulong       items_changed_id;
  gulong       project_changed_id;
  gulong       item_removed_id;
  gulong       codebook_changed_id;
  gulong       practice_sets_id;
  KtsRole     *speaker_roles; /* as styled */
  guint        n_speaker_roles;

  KtsTranscriptIndex *index;
  gboolean            index_dirty;
  GPtrArray          *visible_coders; /* KtsCoder; NULL = everyone's codings */
  GPtrArray          *hidden_refs;    /* KtsCoder: references of open practice sets here */
  GHashTable         *coder_counts;   /* KtsCoder (or NULL) -> codings in the document */
  GArray             *coder_entries;  /* CoderEntry, of the last index rebuild */
  GPtrArray          *lane_coders;    /* KtsCoder or NULL, one per lane; empty with one lane */
  KtsCode            *filter_code;
  KtsCoding          *current_coding;
  GArray             *scratch; /* guint positions */
  GArray             *rects;   /* GdkRectangle */
  GArray             *stripe_hits;
  GArray             *lane_rects; /* GdkRectangle per lane in the last paint, view coordinates */

  /* Turn styling. */
  guint8 *turn_styled; /* one bit per turn */
  guint   n_turns;
  guint   style_cursor;
  guint   style_idle_id;

  /* Selection. */
  gboolean snap_to_words;
  gboolean pointer_down;
  gboolean in_selection_update;
  gboolean programmatic_selection;
  int      last_insert_offset;
  gboolean has_selection;
  guint    sel_start;
  guint    sel_end;

  /* Clicks and dragging out. */
  double   press_x;
  double   press_y;
  gboolean press_in_selection;
  gboolean drag_started;
  guint    activate_timeout_id;
  guint    activate_offset;

  /* Search. */
  char   *lowered_text;
  GArray *matches; /* Match */
  int     current_match;

  /* Look. */
  gboolean show_labels; /* code names beside the stripes: not on narrow views */
  gboolean dark;
  GdkRGBA  fg;
  GdkRGBA  dim;
  GdkRGBA  accent;
  GdkRGBA  view_bg;
  GdkRGBA  role_colors[N_ROLE_TAGS];
  int      char_width;
  int      body_ascent;

  /* Flash of a revealed coding. */
  KtsCoding *flash_coding;
  gint64     flash_start;
  guint      flash_tick_id;

  KtsTranscriptViewStats stats;
};

G_DEFINE_FINAL_TYPE (KtsTranscriptView, kts_transcript_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SNAP_TO_WORDS,
  PROP_HAS_SELECTION,
  PROP_DOCUMENT,
  PROP_PROJECT,
  PROP_VISIBLE_CODERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CODING_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void style_visible_turns (KtsTranscriptView *self);
static void ensure_index (KtsTranscriptView *self);
static void update_selection_state (KtsTranscriptView *self);
static void search_run (KtsTranscriptView *self, const char *needle);
static void search_clear (KtsTranscriptView *self);

/* ---- Helpers ------------------------------------------------------------- */

static guint
n_chars (KtsTranscriptView *self)
{
  return self->document != NULL ? kts_document_get_n_characters (self->document) : 0;
}

static void
iter_at (KtsTranscriptView *self, GtkTextIter *iter, guint offset)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, iter, (int)MIN (offset, n_chars (self)));
}

/* The code points on screen, and the visible rectangle (buffer coordinates). */
static void
get_visible_range (KtsTranscriptView *self, GdkRectangle *rect, guint *start, guint *end)
{
  GtkTextIter s, e;

  /* Without a layout there is nothing on screen yet: take the top. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self->text)))
    {
      *rect = (GdkRectangle){ 0, 0, 0, 0 };
      *start = 0;
      *end = MIN (n_chars (self), SCREENFUL_CHARS);
      return;
    }

  /* From the start of the top display line to the end of the bottom one:
   * bounded by what shows even inside a very long paragraph. */
  gtk_text_view_get_visible_rect (self->text, rect);
  gtk_text_view_get_iter_at_location (self->text, &s, 0, rect->y);
  gtk_text_view_backward_display_line_start (self->text, &s);
  gtk_text_view_get_iter_at_location (self->text, &e, rect->x + rect->width,
                                      rect->y + rect->height);
  gtk_text_view_forward_display_line_end (self->text, &e);
  gtk_text_iter_forward_char (&e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
}

static gboolean
coding_passes_filter (KtsTranscriptView *self, KtsCoding *coding)
{
  KtsCode *code;

  if (self->filter_code == NULL)
    return TRUE;
  code = kts_coding_get_code (coding);
  return code != NULL && kts_code_is_descendant_of (code, self->filter_code);
}

static void
mix_rgba (GdkRGBA *out, const GdkRGBA *a, const GdkRGBA *b, float t)
{
  out->red = a->red * (1 - t) + b->red * t;
  out->green = a->green * (1 - t) + b->green * t;
  out->blue = a->blue * (1 - t) + b->blue * t;
  out->alpha = a->alpha * (1 - t) + b->alpha * t;
}

/* The code's colour as it is painted: lighter on dark backgrounds. */
static void
code_rgba (KtsTranscriptView *self, KtsCode *code, GdkRGBA *out)
{
  static const GdkRGBA white = { 1, 1, 1, 1 };
  const char          *color = code != NULL ? kts_code_get_color (code) : NULL;

  if (color == NULL || !gdk_rgba_parse (out, color))
    *out = (GdkRGBA){ 0.6, 0.6, 0.6, 1 };
  out->alpha = 1;
  if (self->dark)
    mix_rgba (out, out, &white, 0.25f);
}

/* Rectangles (buffer coordinates) covering [@start, @end), one per display
 * line, the trailing newline left out. */
static void
collect_segments (KtsTranscriptView *self, guint start, guint end, GArray *rects)
{
  GtkTextIter it, stop;

  iter_at (self, &it, start);
  iter_at (self, &stop, end);
  while (gtk_text_iter_compare (&it, &stop) < 0)
    {
      GtkTextIter  next = it, seg_end, last;
      GdkRectangle a, b, r;
      gboolean     more = gtk_text_view_forward_display_line (self->text, &next);
      int          x2;

      seg_end = (!more || gtk_text_iter_compare (&next, &stop) > 0) ? stop : next;
      last = seg_end;
      gtk_text_iter_backward_char (&last);
      gtk_text_view_get_iter_location (self->text, &last, &b);
      if (gtk_text_iter_get_char (&last) == '\n')
        {
          if (gtk_text_iter_equal (&last, &it))
            goto next_line;
          x2 = b.x;
        }
      else
        x2 = b.x + b.width;

      gtk_text_view_get_iter_location (self->text, &it, &a);
      r.x = MIN (a.x, x2);
      r.width = MAX (ABS (x2 - a.x), 1);
      r.y = a.y;
      r.height = MAX (a.height, b.y + b.height - a.y);
      g_array_append_val (rects, r);

    next_line:
      if (!more || gtk_text_iter_compare (&next, &stop) >= 0)
        break;
      it = next;
    }
}

static void
queue_text_draw (KtsTranscriptView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->text));
}

/* ---- Look ----------------------------------------------------------------- */

static void
lookup_color (GtkWidget *widget, const char *name, const char *fallback, GdkRGBA *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, out))
    gdk_rgba_parse (out, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
set_tag_color (GtkTextTag *tag, const GdkRGBA *color)
{
  GdkRGBA *old = NULL;

  g_object_get (tag, "foreground-rgba", &old, NULL);
  if (old == NULL || !gdk_rgba_equal (old, color))
    g_object_set (tag, "foreground-rgba", color, NULL);
  g_clear_pointer (&old, gdk_rgba_free);
}

/* Role colours come from libadwaita's palette: blue for therapists, orange
 * for clients (told apart with every kind of colour blindness), purple for
 * interviewers; the light variants on dark backgrounds. All of them reach
 * 4.5:1 against the view background. */
static void
update_colors (KtsTranscriptView *self)
{
  GtkWidget *w = GTK_WIDGET (self->text);

  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (w), &self->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  self->dim = self->fg;
  self->dim.alpha *= 0.55f;
  lookup_color (w, "accent_color", self->dark ? "#78aeed" : "#1c71d8", &self->accent);
  lookup_color (w, "view_bg_color", self->dark ? "#1e1e1e" : "#ffffff", &self->view_bg);

  if (self->dark)
    {
      lookup_color (w, "blue_1", "#99c1f1", &self->role_colors[ROLE_TAG_THERAPIST]);
      lookup_color (w, "orange_1", "#ffbe6f", &self->role_colors[ROLE_TAG_CLIENT]);
      lookup_color (w, "purple_1", "#dc8add", &self->role_colors[ROLE_TAG_INTERVIEWER]);
    }
  else
    {
      lookup_color (w, "blue_4", "#1c71d8", &self->role_colors[ROLE_TAG_THERAPIST]);
      lookup_color (w, "orange_5", "#c64600", &self->role_colors[ROLE_TAG_CLIENT]);
      lookup_color (w, "purple_3", "#9141ac", &self->role_colors[ROLE_TAG_INTERVIEWER]);
    }
  self->role_colors[ROLE_TAG_OTHER] = self->fg;
  self->role_colors[ROLE_TAG_OTHER].alpha *= 0.8f;

  for (guint i = 0; i < N_ROLE_TAGS; i++)
    set_tag_color (self->role_tags[i], &self->role_colors[i]);
  set_tag_color (self->time_tag, &self->dim);
}

static void
update_metrics (KtsTranscriptView *self)
{
  PangoContext     *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int               numbers_width, stripes_width, text_width;
  char              digits[16];
  PangoLayout      *layout;
  int               w;

  self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE, 4);
  self->body_ascent = pango_font_metrics_get_ascent (metrics) / PANGO_SCALE;
  pango_font_metrics_unref (metrics);

  /* Room for the largest turn number, in the gutter's own (smaller) font. */
  g_snprintf (digits, sizeof digits, "%u", MAX (self->n_turns, 99u));
  for (char *p = digits; *p != '\0'; p++)
    *p = '8';
  layout = gtk_widget_create_pango_layout (self->numbers, digits);
  pango_layout_get_pixel_size (layout, &w, NULL);
  g_object_unref (layout);
  numbers_width = w + 2 * NUMBERS_PAD;
  kts_transcript_gutter_set_width (KTS_TRANSCRIPT_GUTTER (self->numbers), numbers_width);

  stripes_width
      = STRIPE_PAD + STRIPE_COLUMNS * STRIPE_STEP + 6 + (self->show_labels ? LABEL_WIDTH : 0);
  kts_transcript_gutter_set_width (KTS_TRANSCRIPT_GUTTER (self->stripes), stripes_width);

  text_width = LINE_CHARS * self->char_width;
  w = numbers_width + TEXT_MARGIN_LEFT + text_width + TEXT_MARGIN_RIGHT + stripes_width;
  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (self->clamp), w);
  adw_clamp_scrollable_set_tightening_threshold (ADW_CLAMP_SCROLLABLE (self->clamp), w);
}

static void
text_style_changed_cb (GtkTextView *text, gpointer user_data)
{
  KtsTranscriptView *self = user_data;

  update_colors (self);
  update_metrics (self);
}

static void
dark_changed_cb (AdwStyleManager *manager, GParamSpec *pspec, KtsTranscriptView *self)
{
  update_colors (self);
  queue_text_draw (self);
}

static void
ensure_css (GtkWidget *widget)
{
  static gsize    registered = 0;
  GdkDisplay     *display = gtk_widget_get_display (widget);
  GtkCssProvider *provider;

  /* Registered by hand: a constructor in a static library may be dropped by
   * the linker. */
  if (g_once_init_enter (&registered))
    {
      kts_transcript_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  if (display == NULL || g_object_get_data (G_OBJECT (display), "kts-transcript-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "kts-transcript-css", provider, g_object_unref);
}

/* ---- Painting --------------------------------------------------------------- */

static void
append_rect (GtkSnapshot *snapshot, const GdkRGBA *color, float x, float y, float w, float h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
paint_highlights (KtsTranscriptView *self, GtkSnapshot *snapshot, guint vstart, guint vend)
{
  float alpha = self->dark ? HIGHLIGHT_ALPHA_DARK : HIGHLIGHT_ALPHA_LIGHT;
  float half_gap = WRAP_SPACING / 2.0f;

  ensure_index (self);
  g_array_set_size (self->scratch, 0);
  kts_transcript_index_query (self->index, vstart, vend, self->scratch);
  self->stats.n_painted_codings = self->scratch->len;
  self->stats.n_highlight_rects = 0;

  for (guint i = 0; i < self->scratch->len; i++)
    {
      guint      pos = g_array_index (self->scratch, guint, i);
      KtsCoding *coding = kts_transcript_index_get_coding (self->index, pos);
      guint      column = kts_transcript_index_get_column (self->index, pos);
      guint      cs = kts_coding_get_start (coding), ce = kts_coding_get_end (coding);
      guint      s = MAX (cs, vstart);
      guint      e = MIN (ce, vend);
      gboolean   overlapped = FALSE;
      GdkRGBA    color, fill, line;

      /* Overlapping passages also get an underline each, offset by their
       * stripe column, so every code stays identifiable in the blend. The
       * positions are sorted by start: look back and ahead. */
      for (guint j = 0; j < self->scratch->len && !overlapped; j++)
        {
          guint other = g_array_index (self->scratch, guint, j);

          if (j != i && kts_transcript_index_get_start (self->index, other) < ce
              && kts_transcript_index_get_end (self->index, other) > cs)
            overlapped = TRUE;
          if (j > i && kts_transcript_index_get_start (self->index, other) >= ce)
            break;
        }

      code_rgba (self, kts_coding_get_code (coding), &color);
      fill = color;
      fill.alpha = alpha;
      line = color;
      line.alpha = 0.9f;

      g_array_set_size (self->rects, 0);
      collect_segments (self, s, e, self->rects);
      for (guint r = 0; r < self->rects->len; r++)
        {
          const GdkRectangle *rect = &g_array_index (self->rects, GdkRectangle, r);

          append_rect (snapshot, &fill, rect->x, rect->y - half_gap, rect->width,
                       rect->height + 2 * half_gap);
          if (overlapped)
            append_rect (snapshot, &line, rect->x,
                         rect->y + rect->height + half_gap - 1.5f - (column % 3) * 2.5f,
                         rect->width, 1.5f);
        }
      self->stats.n_highlight_rects += self->rects->len;
    }
}

static guint
first_match_ending_after (KtsTranscriptView *self, guint offset)
{
  guint lo = 0, hi = self->matches->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->matches, Match, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
paint_matches (KtsTranscriptView *self, GtkSnapshot *snapshot, guint vstart, guint vend)
{
  GdkRGBA all, current;

  if (self->matches->len == 0)
    return;

  gdk_rgba_parse (&all, "#f6d32d");
  all.alpha = self->dark ? 0.35f : 0.55f;
  gdk_rgba_parse (&current, "#ff7800");
  current.alpha = self->dark ? 0.6f : 0.55f;

  for (guint i = first_match_ending_after (self, vstart); i < self->matches->len; i++)
    {
      const Match *m = &g_array_index (self->matches, Match, i);

      if (m->start >= vend)
        break;
      g_array_set_size (self->rects, 0);
      collect_segments (self, m->start, m->end, self->rects);
      for (guint r = 0; r < self->rects->len; r++)
        {
          const GdkRectangle *rect = &g_array_index (self->rects, GdkRectangle, r);

          append_rect (snapshot, (int)i == self->current_match ? &current : &all, rect->x - 1,
                       rect->y, rect->width + 2, rect->height);
        }
    }
}

/* The selection is painted here, like the highlights, to the text's line
 * boxes: GTK's own would also fill the spacing above each turn. */
static void
paint_selection (KtsTranscriptView *self, GtkSnapshot *snapshot, guint vstart, guint vend)
{
  float   half_gap = WRAP_SPACING / 2.0f;
  GdkRGBA color;

  if (!self->has_selection || self->sel_end <= vstart || self->sel_start >= vend)
    return;

  if (gtk_widget_has_focus (GTK_WIDGET (self->text)))
    {
      color = self->accent;
      color.alpha = self->dark ? 0.45f : 0.3f;
    }
  else
    {
      color = self->fg;
      color.alpha = 0.14f;
    }

  g_array_set_size (self->rects, 0);
  collect_segments (self, MAX (self->sel_start, vstart), MIN (self->sel_end, vend), self->rects);
  for (guint r = 0; r < self->rects->len; r++)
    {
      const GdkRectangle *rect = &g_array_index (self->rects, GdkRectangle, r);

      append_rect (snapshot, &color, rect->x, rect->y - half_gap, rect->width,
                   rect->height + 2 * half_gap);
    }
}

static void
paint_flash (KtsTranscriptView *self, GtkSnapshot *snapshot)
{
  gint64  elapsed = g_get_monotonic_time () - self->flash_start;
  float   t = (float)elapsed / FLASH_USEC;
  GdkRGBA color = self->accent;

  if (self->flash_coding == NULL || t >= 1)
    return;

  /* Two pulses, fading out. */
  color.alpha
      = (1 - t) * (0.55f + 0.45f * (float)ABS (G_PI_2 - fmod (t * 2 * G_PI, G_PI)) / G_PI_2);
  g_array_set_size (self->rects, 0);
  collect_segments (self, kts_coding_get_start (self->flash_coding),
                    kts_coding_get_end (self->flash_coding), self->rects);
  for (guint r = 0; r < self->rects->len; r++)
    {
      const GdkRectangle *rect = &g_array_index (self->rects, GdkRectangle, r);
      GskRoundedRect      outline;
      float               widths[4] = { 2, 2, 2, 2 };
      GdkRGBA             colors[4] = { color, color, color, color };

      gsk_rounded_rect_init_from_rect (
          &outline,
          &GRAPHENE_RECT_INIT (rect->x - 3, rect->y - 2, rect->width + 6, rect->height + 4), 3);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
text_layer_cb (GtkTextView *text, GtkTextViewLayer layer, GtkSnapshot *snapshot, gpointer user_data)
{
  KtsTranscriptView *self = user_data;
  GdkRectangle       visible;
  guint              vstart, vend;
  gint64             t0;

  if (self->document == NULL)
    return;

  t0 = g_get_monotonic_time ();
  get_visible_range (self, &visible, &vstart, &vend);
  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      self->stats.n_below_paints++;
      self->stats.paint_usec = 0;
      paint_highlights (self, snapshot, vstart, vend);
      paint_matches (self, snapshot, vstart, vend);
      paint_selection (self, snapshot, vstart, vend);
    }
  else
    paint_flash (self, snapshot);
  self->stats.paint_usec += g_get_monotonic_time () - t0;
}

/* y in gutter coordinates of a buffer y. */
static int
gutter_y (KtsTranscriptView *self, int buffer_y)
{
  int wy;

  gtk_text_view_buffer_to_window_coords (self->text, GTK_TEXT_WINDOW_RIGHT, 0, buffer_y, NULL, &wy);
  return wy;
}

static guint
first_turn_from (KtsTranscriptView *self, guint offset)
{
  guint lo = 0, hi = self->n_turns;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (kts_document_get_turn (self->document, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
paint_numbers (KtsTranscriptView *self, GtkSnapshot *snapshot, int width, guint vstart, guint vend)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (self->numbers, NULL);
  int          baseline;

  self->stats.n_painted_numbers = 0;
  for (guint t = first_turn_from (self, vstart); t < self->n_turns; t++)
    {
      const KtsTurn *turn = kts_document_get_turn (self->document, t);
      GtkTextIter    iter;
      GdkRectangle   loc;
      char           label[16];
      int            w;

      if (turn->start >= vend)
        break;
      iter_at (self, &iter, turn->start);
      gtk_text_view_get_iter_location (self->text, &iter, &loc);
      g_snprintf (label, sizeof label, "%u", t + 1);
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (
          snapshot, &GRAPHENE_POINT_INIT (width - NUMBERS_PAD - w,
                                          gutter_y (self, loc.y) + self->body_ascent - baseline));
      gtk_snapshot_append_layout (snapshot, layout, &self->dim);
      gtk_snapshot_restore (snapshot);
      self->stats.n_painted_numbers++;
    }
  g_object_unref (layout);
}

typedef struct
{
  guint      position;
  KtsCoding *coding;
  guint      column;
  guint      lane;
  int        top;
  int        bottom;
} Stripe;

static int
compare_stripes (gconstpointer a, gconstpointer b)
{
  const Stripe *x = a, *y = b;

  if (x->top != y->top)
    return x->top < y->top ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

/* A coder's short name for a lane header: their initials, else the first
 * letters of their first two names, else the first two letters. */
static char *
coder_initials (KtsCoder *coder)
{
  const char *initials, *name;
  g_auto (GStrv) words = NULL;
  GString *s;

  if (coder == NULL)
    return g_strdup ("—");
  initials = kts_coder_get_initials (coder);
  if (initials != NULL && *initials != '\0')
    return g_strdup (initials);
  name = kts_coder_get_name (coder);
  if (name == NULL || *name == '\0')
    return g_strdup ("?");

  s = g_string_new (NULL);
  words = g_strsplit_set (name, " \t-", -1);
  for (guint i = 0; words[i] != NULL && s->len < 8; i++)
    if (*words[i] != '\0')
      {
        g_string_append_unichar (s, g_unichar_toupper (g_utf8_get_char (words[i])));
        if (g_utf8_strlen (s->str, -1) == 2)
          break;
      }
  if (g_utf8_strlen (s->str, -1) == 1)
    {
      const char *second = g_utf8_next_char (name);

      if (*second != '\0' && *second != ' ')
        g_string_append_unichar (s, g_utf8_get_char (second));
    }
  return g_string_free (s, FALSE);
}

/* The lanes' headers, told apart by their number when two coders share
 * initials. */
static GPtrArray *
lane_labels (KtsTranscriptView *self)
{
  g_autoptr (GPtrArray) base = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  guint      n = self->lane_coders->len;

  for (guint l = 0; l < n; l++)
    g_ptr_array_add (base, coder_initials (g_ptr_array_index (self->lane_coders, l)));
  for (guint l = 0; l < n; l++)
    {
      gboolean shared = FALSE;

      for (guint m = 0; m < n && !shared; m++)
        shared = m != l && g_str_equal (base->pdata[m], base->pdata[l]);
      g_ptr_array_add (labels, shared ? g_strdup_printf ("%s%u", (char *)base->pdata[l], l + 1)
                                      : g_strdup (base->pdata[l]));
    }
  return labels;
}

static void
paint_lane_headers (KtsTranscriptView     *self,
                    GtkSnapshot           *snapshot,
                    const graphene_rect_t *bounds,
                    GPtrArray             *labels,
                    float                  lane_w)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (self->stripes, NULL);
  GdkRGBA      chip = self->fg, text = self->fg;

  chip.alpha *= 0.10f;
  text.alpha *= 0.85f;
  for (guint l = 0; l < labels->len; l++)
    {
      float          x = STRIPE_PAD + l * lane_w + 1;
      float          w = lane_w - 2;
      const char    *label = g_ptr_array_index (labels, l);
      GskRoundedRect rounded;
      StripeHit      hit;
      int            tw, th;

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (tw > w - 2)
        {
          /* Too narrow for both letters: the first one. */
          pango_layout_set_text (layout, label, (int)(g_utf8_next_char (label) - label));
          pango_layout_get_pixel_size (layout, &tw, &th);
        }

      /* Opaque, so it stays legible over the bars it sits on. */
      gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (x, 2, w, LANE_HEADER_HEIGHT),
                                       4);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      append_rect (snapshot, &self->view_bg, x, 2, w, LANE_HEADER_HEIGHT);
      append_rect (snapshot, &chip, x, 2, w, LANE_HEADER_HEIGHT);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (
          snapshot, &GRAPHENE_POINT_INIT (x + (w - tw) / 2, 2 + (LANE_HEADER_HEIGHT - th) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &text);
      gtk_snapshot_restore (snapshot);

      hit.rect.x = (int)(bounds->origin.x + x);
      hit.rect.y = (int)bounds->origin.y + 2;
      hit.rect.width = (int)w;
      hit.rect.height = LANE_HEADER_HEIGHT;
      hit.coding = NULL;
      hit.lane = l;
      g_array_append_val (self->stripe_hits, hit);
    }
  g_object_unref (layout);
}

static void
paint_stripes (KtsTranscriptView     *self,
               GtkSnapshot           *snapshot,
               const graphene_rect_t *bounds,
               const GdkRectangle    *visible,
               guint                  vstart,
               guint                  vend)
{
  g_autoptr (GArray) stripes = g_array_new (FALSE, FALSE, sizeof (Stripe));
  g_autoptr (GPtrArray) labels = NULL;
  PangoLayout *layout;
  guint        n_lanes, *lane_max;
  float        bars_w, lane_w;
  int          label_x, label_w, next_label_y = G_MININT;
  int          height = (int)bounds->size.height;
  GdkRGBA      text_color = self->fg;

  ensure_index (self);
  g_array_set_size (self->stripe_hits, 0);
  g_array_set_size (self->lane_rects, 0);
  g_array_set_size (self->scratch, 0);
  kts_transcript_index_query (self->index, vstart, vend, self->scratch);
  self->stats.n_painted_stripes = 0;
  self->stats.n_painted_lanes = 0;

  /* With several coders, each gets a lane of columns; beside the code names
   * the lanes may take more room than one coder's columns do. */
  n_lanes = MAX (self->lane_coders->len, 1);
  bars_w = STRIPE_COLUMNS * STRIPE_STEP;
  if (n_lanes > 1 && self->show_labels)
    bars_w = MIN (n_lanes * LANE_WIDTH, LANES_MAX_WIDTH);
  lane_w = bars_w / n_lanes;
  lane_max = g_newa (guint, n_lanes);
  memset (lane_max, 0, n_lanes * sizeof (guint));
  label_x = STRIPE_PAD + (int)bars_w + 6;
  label_w = (int)bounds->size.width - label_x - 4;

  if (n_lanes > 1)
    {
      GdkRGBA tint = self->fg, rule = self->fg;

      tint.alpha *= 0.035f;
      rule.alpha *= 0.14f;
      for (guint l = 0; l < n_lanes; l++)
        {
          GdkRectangle r = { (int)(bounds->origin.x + STRIPE_PAD + l * lane_w),
                             (int)bounds->origin.y, (int)lane_w, height };

          if (l % 2 == 1)
            append_rect (snapshot, &tint, STRIPE_PAD + l * lane_w, 0, lane_w, height);
          if (l > 0)
            append_rect (snapshot, &rule, STRIPE_PAD + l * lane_w, 0, 1, height);
          g_array_append_val (self->lane_rects, r);
        }
      self->stats.n_painted_lanes = n_lanes;
      labels = lane_labels (self);
    }

  if (self->scratch->len == 0)
    {
      if (labels != NULL)
        paint_lane_headers (self, snapshot, bounds, labels, lane_w);
      return;
    }

  for (guint i = 0; i < self->scratch->len; i++)
    {
      Stripe       s;
      GtkTextIter  iter;
      GdkRectangle loc;

      s.position = g_array_index (self->scratch, guint, i);
      s.coding = kts_transcript_index_get_coding (self->index, s.position);
      s.column = kts_transcript_index_get_column (self->index, s.position);
      s.lane = MIN (kts_transcript_index_get_group (self->index, s.position), n_lanes - 1);

      if (kts_coding_get_start (s.coding) < vstart)
        s.top = -4;
      else
        {
          iter_at (self, &iter, kts_coding_get_start (s.coding));
          gtk_text_view_get_iter_location (self->text, &iter, &loc);
          s.top = gutter_y (self, loc.y);
        }
      if (kts_coding_get_end (s.coding) > vend)
        s.bottom = height + 4;
      else
        {
          iter_at (self, &iter, kts_coding_get_end (s.coding) - 1);
          gtk_text_view_get_iter_location (self->text, &iter, &loc);
          s.bottom = gutter_y (self, loc.y + loc.height);
        }
      if (s.bottom < 0 || s.top > height)
        continue;
      lane_max[s.lane] = MAX (lane_max[s.lane], s.column);
      g_array_append_val (stripes, s);
    }
  g_array_sort (stripes, compare_stripes);

  layout = gtk_widget_create_pango_layout (self->stripes, NULL);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, MAX (label_w - 10, 10) * PANGO_SCALE);
  text_color.alpha *= 0.8f;

  for (guint i = 0; i < stripes->len; i++)
    {
      const Stripe  *s = &g_array_index (stripes, Stripe, i);
      KtsCode       *code = kts_coding_get_code (s->coding);
      GdkRGBA        color;
      float          step, x, bar;
      int            top = MAX (s->top, -4), bottom = MIN (s->bottom, height + 4);
      GskRoundedRect rounded;
      StripeHit      hit;
      int            label_h, label_y;

      /* Deep overlaps squeeze the bars rather than widen the gutter. */
      if (n_lanes == 1)
        {
          step = STRIPE_STEP;
          if (lane_max[0] + 1 > STRIPE_COLUMNS)
            step = (float)(STRIPE_COLUMNS * STRIPE_STEP) / (lane_max[0] + 1);
          x = STRIPE_PAD + s->column * step;
        }
      else
        {
          step = MIN ((float)STRIPE_STEP, (lane_w - 3) / (lane_max[s->lane] + 1));
          x = STRIPE_PAD + s->lane * lane_w + 2 + s->column * step;
        }
      bar = MAX (MIN (STRIPE_BAR, step - 1), 1.5f);

      code_rgba (self, code, &color);
      gsk_rounded_rect_init_from_rect (
          &rounded, &GRAPHENE_RECT_INIT (x, top + 1, bar, MAX (bottom - top - 2, 2)), bar / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      append_rect (snapshot, &color, x, top, bar, bottom - top);
      gtk_snapshot_pop (snapshot);
      self->stats.n_painted_stripes++;

      hit.rect.x = (int)(bounds->origin.x + x - 1);
      hit.rect.y = (int)bounds->origin.y + top;
      hit.rect.width = (int)MAX (step, 3) + 1;
      hit.rect.height = bottom - top;
      hit.coding = s->coding;
      hit.lane = s->lane;
      g_array_append_val (self->stripe_hits, hit);

      /* The code's name beside the top of its stripe (or the top of the view
       * while the passage started above), pushed down past the name above
       * and joined to its bar by a thin line; left out when that would take
       * it far from its stripe. With lanes, the coder's initials go first, so
       * the lane shows without colour. */
      if (code == NULL || !self->show_labels)
        continue;
      if (labels != NULL)
        {
          g_autofree char *text = g_strdup_printf (
              "%s · %s", (char *)g_ptr_array_index (labels, s->lane), kts_code_get_name (code));

          pango_layout_set_text (layout, text, -1);
        }
      else
        pango_layout_set_text (layout, kts_code_get_name (code), -1);
      pango_layout_get_pixel_size (layout, NULL, &label_h);
      label_y = MAX (MAX (s->top, 2), next_label_y);
      if (label_y > bottom + 2 * label_h || label_y + label_h > height)
        continue;
      next_label_y = label_y + label_h + 1;

      {
        float mid = label_y + label_h / 2.0f;
        float join = x + bar;

        if (mid > bottom - 2)
          {
            /* An elbow down from the end of the bar. */
            append_rect (snapshot, &color, join, bottom - 3, 1, mid - bottom + 3.5f);
          }
        append_rect (snapshot, &color, join, mid - 0.5f, label_x - join + 2, 1);
      }
      gsk_rounded_rect_init_from_rect (
          &rounded, &GRAPHENE_RECT_INIT (label_x + 2, label_y + label_h / 2.0f - 3, 6, 6), 3);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      append_rect (snapshot, &color, label_x + 2, label_y + label_h / 2.0f - 3, 6, 6);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (label_x + 11, label_y));
      gtk_snapshot_append_layout (snapshot, layout, &text_color);
      gtk_snapshot_restore (snapshot);

      hit.rect.x = (int)(bounds->origin.x + x - 1);
      hit.rect.y = (int)bounds->origin.y + label_y;
      hit.rect.width = (int)bounds->size.width - (int)x;
      hit.rect.height = label_h;
      g_array_append_val (self->stripe_hits, hit);
    }
  g_object_unref (layout);

  if (labels != NULL)
    paint_lane_headers (self, snapshot, bounds, labels, lane_w);
}

static void
text_overlay_cb (GtkTextView *text, GtkSnapshot *snapshot, gpointer user_data)
{
  KtsTranscriptView *self = user_data;
  graphene_rect_t    bounds;
  GdkRectangle       visible;
  guint              vstart, vend;
  gint64             t0;

  if (self->document == NULL)
    return;

  t0 = g_get_monotonic_time ();
  get_visible_range (self, &visible, &vstart, &vend);

  if (gtk_widget_compute_bounds (self->numbers, GTK_WIDGET (text), &bounds))
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_push_clip (snapshot, &bounds);
      gtk_snapshot_translate (snapshot, &bounds.origin);
      paint_numbers (self, snapshot, (int)bounds.size.width, vstart, vend);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_restore (snapshot);
    }

  if (gtk_widget_compute_bounds (self->stripes, GTK_WIDGET (text), &bounds))
    {
      graphene_rect_t in_view;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_push_clip (snapshot, &bounds);
      gtk_snapshot_translate (snapshot, &bounds.origin);
      /* Hit rectangles are kept in the view's coordinates. */
      if (!gtk_widget_compute_bounds (self->stripes, GTK_WIDGET (self), &in_view))
        in_view = bounds;
      paint_stripes (self, snapshot, &in_view, &visible, vstart, vend);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_restore (snapshot);
    }
  self->stats.paint_usec += g_get_monotonic_time () - t0;
}

/* ---- Turn styling ------------------------------------------------------------- */

static RoleTag
role_tag_for (KtsRole role)
{
  switch (role)
    {
    case KTS_ROLE_THERAPIST:
      return ROLE_TAG_THERAPIST;
    case KTS_ROLE_CLIENT:
      return ROLE_TAG_CLIENT;
    case KTS_ROLE_INTERVIEWER:
      return ROLE_TAG_INTERVIEWER;
    case KTS_ROLE_OTHER:
    default:
      return ROLE_TAG_OTHER;
    }
}

static void
style_turn (KtsTranscriptView *self, guint t)
{
  KtsTurnPrefix prefix;
  GtkTextIter   s, e;

  if (self->turn_styled[t / 8] & (1u << (t % 8)))
    return;
  self->turn_styled[t / 8] |= 1u << (t % 8);
  self->stats.n_turns_styled++;

  kts_transcript_scan_turn (self->document, t, &prefix);
  if (prefix.label_end > prefix.label_start)
    {
      iter_at (self, &s, prefix.label_start);
      iter_at (self, &e, prefix.label_end);
      gtk_text_buffer_apply_tag (
          self->buffer,
          self->role_tags[role_tag_for (kts_document_get_turn_role (self->document, t))], &s, &e);
    }
  if (prefix.time_end > prefix.time_start)
    {
      iter_at (self, &s, prefix.time_start);
      iter_at (self, &e, prefix.time_end);
      gtk_text_buffer_apply_tag (self->buffer, self->time_tag, &s, &e);
    }
}

/* Styles turns until @deadline (monotonic µs, 0 = none); TRUE when all are. */
static gboolean
style_more_turns (KtsTranscriptView *self, gint64 deadline)
{
  while (self->style_cursor < self->n_turns)
    {
      style_turn (self, self->style_cursor++);
      if (deadline != 0 && (self->style_cursor & 63) == 0 && g_get_monotonic_time () > deadline)
        return FALSE;
    }
  return TRUE;
}

static gboolean
style_idle_cb (gpointer user_data)
{
  KtsTranscriptView *self = user_data;

  if (!style_more_turns (self, g_get_monotonic_time () + STYLE_SLICE_USEC))
    return G_SOURCE_CONTINUE;
  self->style_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
style_visible_turns (KtsTranscriptView *self)
{
  GdkRectangle visible;
  guint        vstart, vend;

  if (self->document == NULL || self->n_turns == 0)
    return;

  get_visible_range (self, &visible, &vstart, &vend);
  /* Lines not laid out yet count as empty, so right after the text went in
   * the "visible" range runs to the end: style what a tall window can show. */
  vend = MIN (vend, vstart + SCREENFUL_CHARS);

  for (guint t = first_turn_from (self, vstart) > 0 ? first_turn_from (self, vstart) - 1 : 0;
       t < self->n_turns && kts_document_get_turn (self->document, t)->start < vend; t++)
    style_turn (self, t);
}

static void
restart_styling (KtsTranscriptView *self)
{
  GtkTextIter s, e;

  g_clear_handle_id (&self->style_idle_id, g_source_remove);
  g_clear_pointer (&self->turn_styled, g_free);
  g_clear_pointer (&self->speaker_roles, g_free);
  self->n_speaker_roles = 0;
  self->style_cursor = 0;
  self->stats.n_turns_styled = 0;

  gtk_text_buffer_get_bounds (self->buffer, &s, &e);
  for (guint i = 0; i < N_ROLE_TAGS; i++)
    gtk_text_buffer_remove_tag (self->buffer, self->role_tags[i], &s, &e);
  gtk_text_buffer_remove_tag (self->buffer, self->time_tag, &s, &e);

  self->n_turns = self->document != NULL ? kts_document_get_n_turns (self->document) : 0;
  if (self->n_turns == 0)
    return;

  self->n_speaker_roles = kts_document_get_n_speakers (self->document);
  self->speaker_roles = g_new0 (KtsRole, MAX (self->n_speaker_roles, 1));
  for (guint i = 0; i < self->n_speaker_roles; i++)
    self->speaker_roles[i] = kts_document_get_speaker (self->document, i)->role;

  self->turn_styled = g_new0 (guint8, (self->n_turns + 7) / 8);
  style_visible_turns (self);
  /* Above the text view's own background validation, below redrawing. */
  self->style_idle_id
      = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1, style_idle_cb, self, NULL);
}

static gboolean
speaker_roles_changed (KtsTranscriptView *self)
{
  if (self->document == NULL || self->n_turns == 0)
    return FALSE;
  if (kts_document_get_n_speakers (self->document) != self->n_speaker_roles)
    return TRUE;
  for (guint i = 0; i < self->n_speaker_roles; i++)
    if (kts_document_get_speaker (self->document, i)->role != self->speaker_roles[i])
      return TRUE;
  return FALSE;
}

static void
vadjustment_changed_cb (GtkAdjustment *adjustment, KtsTranscriptView *self)
{
  if (self->style_idle_id != 0)
    style_visible_turns (self);
}

/* ---- Codings ------------------------------------------------------------------- */

/* The index is rebuilt when next needed, so a burst of changes (removing a
 * code with its codings, undoing an import) costs one rebuild. */
static void
invalidate_index (KtsTranscriptView *self)
{
  self->index_dirty = TRUE;
  g_array_set_size (self->stripe_hits, 0);
}

static gboolean
coder_chosen (KtsTranscriptView *self, KtsCoder *coder)
{
  /* Codings without a coder are nobody's: shown only with everyone's. */
  if (self->visible_coders == NULL)
    return TRUE;
  return coder != NULL && g_ptr_array_find (self->visible_coders, coder, NULL);
}

static int
coder_position (KtsTranscriptView *self, KtsCoder *coder)
{
  GListModel *coders;
  guint       n;

  if (coder == NULL || self->project == NULL)
    return G_MAXINT;
  coders = kts_project_get_coders (self->project);
  n = g_list_model_get_n_items (coders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoder) c = g_list_model_get_item (coders, i);

      if (c == coder)
        return (int)i;
    }
  return G_MAXINT - 1;
}

static CoderEntry *
find_coder_entry (KtsTranscriptView *self, KtsCoder *coder)
{
  for (guint i = 0; i < self->coder_entries->len; i++)
    {
      CoderEntry *e = &g_array_index (self->coder_entries, CoderEntry, i);

      if (e->coder == coder)
        return e;
    }
  return NULL;
}

/* Which coders' codings show, and whether each gets a lane of its own in the
 * stripes: only when the codings of two or more coders show. Whether a coding
 * is hidden by a practice set depends only on its coder within one document,
 * so the core is asked once per coder. */
static void
compute_lanes (KtsTranscriptView *self)
{
  KtsCoder *last = NULL;
  gboolean  have_last = FALSE;
  guint     n_shown = 0;

  g_array_set_size (self->coder_entries, 0);
  g_ptr_array_set_size (self->lane_coders, 0);
  for (guint i = 0; i < self->mirror->len; i++)
    {
      KtsCoding *coding = g_ptr_array_index (self->mirror, i);
      KtsCoder  *coder = kts_coding_get_coder (coding);
      CoderEntry e;

      if (have_last && coder == last)
        continue;
      last = coder;
      have_last = TRUE;
      if (find_coder_entry (self, coder) != NULL)
        continue;
      e.coder = coder;
      e.shown = coder_chosen (self, coder)
                && !(self->hidden_refs->len > 0
                     && kts_project_coding_is_hidden (self->project, coding));
      e.lane = -1;
      n_shown += e.shown;
      g_array_append_val (self->coder_entries, e);
    }
  if (n_shown < 2)
    return;

  /* Lanes in the project's order of coders, codings without one last. */
  for (guint i = 0; i < self->coder_entries->len; i++)
    {
      CoderEntry *e = &g_array_index (self->coder_entries, CoderEntry, i);

      if (e->shown)
        g_ptr_array_add (self->lane_coders, e->coder);
    }
  for (guint i = 1; i < self->lane_coders->len; i++)
    for (guint j = i; j > 0; j--)
      {
        gpointer *p = self->lane_coders->pdata;

        if (coder_position (self, p[j - 1]) <= coder_position (self, p[j]))
          break;
        gpointer tmp = p[j - 1];
        p[j - 1] = p[j];
        p[j] = tmp;
      }
  for (guint l = 0; l < self->lane_coders->len; l++)
    {
      CoderEntry *e = find_coder_entry (self, g_ptr_array_index (self->lane_coders, l));

      g_assert (e != NULL);
      e->lane = (int)l;
    }
}

static int
index_filter_cb (KtsCoding *coding, gpointer user_data)
{
  KtsTranscriptView *self = user_data;
  CoderEntry        *e = find_coder_entry (self, kts_coding_get_coder (coding));

  if (e == NULL || !e->shown)
    return -1;
  return MAX (e->lane, 0);
}

static void
ensure_index (KtsTranscriptView *self)
{
  if (!self->index_dirty)
    return;
  self->index_dirty = FALSE;
  compute_lanes (self);
  kts_transcript_index_rebuild (self->index, (KtsCoding **)self->mirror->pdata, self->mirror->len,
                                index_filter_cb, self);
  self->stats.n_index_rebuilds++;
  self->stats.n_indexed = kts_transcript_index_get_n_items (self->index);
  self->stats.n_columns = kts_transcript_index_get_n_columns (self->index);
  self->stats.n_lanes = self->lane_coders->len;
}

/* Counts codings per coder; TRUE when a coder got their first coding in the
 * document or lost their last, which may add or take away a lane. */
static gboolean
count_coder (KtsTranscriptView *self, KtsCoding *coding, int delta)
{
  KtsCoder *coder = kts_coding_get_coder (coding);
  gpointer  value = NULL;
  guint     n;

  g_hash_table_lookup_extended (self->coder_counts, coder, NULL, &value);
  n = GPOINTER_TO_UINT (value);
  if (delta < 0 && n == 0)
    return FALSE;
  n = delta > 0 ? n + 1 : n - 1;
  if (n == 0)
    g_hash_table_remove (self->coder_counts, coder);
  else
    g_hash_table_insert (self->coder_counts, coder, GUINT_TO_POINTER (n));
  return n == (delta > 0 ? 1u : 0u);
}

/* The reference coders that open practice sets hide in this document: their
 * codings must not show (docs/practice.md). TRUE when that changed. */
static gboolean
update_hidden_refs (KtsTranscriptView *self)
{
  g_autoptr (GPtrArray) refs = g_ptr_array_new ();
  gboolean same;

  if (self->project != NULL && self->document != NULL)
    {
      GListModel *sets = kts_project_get_practice_sets (self->project);
      guint       n = g_list_model_get_n_items (sets);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);
          KtsCoder *ref = kts_practice_set_get_reference_coder (set);

          if (kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_OPEN
              && kts_practice_set_get_document (set) == self->document
              && !g_ptr_array_find (refs, ref, NULL))
            g_ptr_array_add (refs, ref);
        }
    }

  same = refs->len == self->hidden_refs->len;
  for (guint i = 0; same && i < refs->len; i++)
    same = g_ptr_array_index (refs, i) == g_ptr_array_index (self->hidden_refs, i);
  if (same)
    return FALSE;
  g_ptr_array_set_size (self->hidden_refs, 0);
  for (guint i = 0; i < refs->len; i++)
    g_ptr_array_add (self->hidden_refs, g_object_ref (g_ptr_array_index (refs, i)));
  return TRUE;
}

static void
practice_changed (KtsTranscriptView *self)
{
  if (!update_hidden_refs (self))
    return;
  invalidate_index (self);
  queue_text_draw (self);
}

static void
practice_sets_changed_cb (
    GListModel *sets, guint position, guint removed, guint added, KtsTranscriptView *self)
{
  practice_changed (self);
}

static void
codings_items_changed_cb (
    GListModel *list, guint position, guint removed, guint added, KtsTranscriptView *self)
{
  guint        lo = G_MAXUINT, hi = 0, vstart, vend;
  GdkRectangle visible;
  gboolean     coders_changed = FALSE;

  g_assert (position + removed <= self->mirror->len);

  for (guint i = position; i < position + removed; i++)
    {
      KtsCoding *coding = g_ptr_array_index (self->mirror, i);

      lo = MIN (lo, kts_coding_get_start (coding));
      hi = MAX (hi, kts_coding_get_end (coding));
      coders_changed |= count_coder (self, coding, -1);
      if (coding == self->current_coding)
        g_clear_object (&self->current_coding);
      if (coding == self->flash_coding)
        g_clear_object (&self->flash_coding);
    }
  g_ptr_array_remove_range (self->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      KtsCoding *coding = g_list_model_get_item (list, position + i);

      lo = MIN (lo, kts_coding_get_start (coding));
      hi = MAX (hi, kts_coding_get_end (coding));
      coders_changed |= count_coder (self, coding, +1);
      g_ptr_array_insert (self->mirror, position + i, coding);
    }

  invalidate_index (self);

  /* Only a change on screen needs painting; stripes beside it may have
   * moved to other columns, and they are painted in the same frame. A coder
   * coming or going may add or remove a lane of stripes anywhere. */
  get_visible_range (self, &visible, &vstart, &vend);
  if ((lo < vend && hi > vstart) || coders_changed)
    {
      self->stats.n_coding_redraws++;
      queue_text_draw (self);
    }
}

static void
project_changed_cb (KtsProject *project, KtsTranscriptView *self)
{
  /* Code colours and names, memos, coders, speaker roles: cheap to repaint. */
  if (speaker_roles_changed (self))
    restart_styling (self);
  /* A practice set submitted, or its reference or transcript changed. */
  practice_changed (self);
  queue_text_draw (self);
}

static void
item_removed_cb (KtsProject *project, KtsItem *item, KtsTranscriptView *self)
{
  if ((gpointer)item == (gpointer)self->document)
    kts_transcript_view_set_document (self, NULL, NULL);
  else if (KTS_IS_CODER (item) && self->visible_coders != NULL
           && g_ptr_array_find (self->visible_coders, item, NULL))
    {
      g_autoptr (GPtrArray) rest = g_ptr_array_copy (self->visible_coders, NULL, NULL);

      g_ptr_array_remove (rest, item);
      kts_transcript_view_set_visible_coders (self, rest->len > 0 ? rest : NULL);
    }
  else if ((gpointer)item == (gpointer)self->filter_code)
    kts_transcript_view_set_filter_code (self, NULL);
}

static void
codebook_changed_cb (KtsCodebook *codebook, KtsTranscriptView *self)
{
  queue_text_draw (self);
}

/* ---- Selection -------------------------------------------------------------------- */

static gboolean
mid_word (const GtkTextIter *iter)
{
  return gtk_text_iter_inside_word (iter) && !gtk_text_iter_starts_word (iter);
}

static void
snap_back (GtkTextIter *iter)
{
  if (mid_word (iter))
    gtk_text_iter_backward_word_start (iter);
}

static void
snap_forward (GtkTextIter *iter)
{
  if (mid_word (iter))
    gtk_text_iter_forward_word_end (iter);
}

/* Grows the selection to whole words. The anchor snaps away from the moving
 * end; the moving end snaps outwards while the pointer drags, and in the
 * direction it moved for the keyboard, so Shift+Left can still shrink it. */
static void
snap_selection (KtsTranscriptView *self)
{
  GtkTextIter ins, bound, new_ins, new_bound;
  gboolean    forward;
  int         offset;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &ins, gtk_text_buffer_get_insert (self->buffer));
  gtk_text_buffer_get_iter_at_mark (self->buffer, &bound,
                                    gtk_text_buffer_get_selection_bound (self->buffer));
  offset = gtk_text_iter_get_offset (&ins);

  if (gtk_text_iter_equal (&ins, &bound))
    {
      self->last_insert_offset = offset;
      return;
    }

  forward = gtk_text_iter_compare (&ins, &bound) > 0;
  new_ins = ins;
  new_bound = bound;
  if (forward)
    snap_back (&new_bound);
  else
    snap_forward (&new_bound);

  if (self->pointer_down ? forward : offset > self->last_insert_offset)
    snap_forward (&new_ins);
  else if (self->pointer_down || offset < self->last_insert_offset)
    snap_back (&new_ins);

  self->last_insert_offset = gtk_text_iter_get_offset (&new_ins);
  if (!gtk_text_iter_equal (&new_ins, &ins) || !gtk_text_iter_equal (&new_bound, &bound))
    {
      self->in_selection_update = TRUE;
      gtk_text_buffer_select_range (self->buffer, &new_ins, &new_bound);
      self->in_selection_update = FALSE;
    }
}

static void
update_selection_state (KtsTranscriptView *self)
{
  GtkTextIter s, e;
  gboolean    has;
  guint       start, end;

  has = gtk_text_buffer_get_selection_bounds (self->buffer, &s, &e);
  start = gtk_text_iter_get_offset (&s);
  end = gtk_text_iter_get_offset (&e);
  if (!has)
    start = end = 0;

  if (has == self->has_selection && start == self->sel_start && end == self->sel_end)
    return;

  self->sel_start = start;
  self->sel_end = end;
  if (has != self->has_selection)
    {
      self->has_selection = has;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
    }
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
buffer_mark_set_cb (GtkTextBuffer     *buffer,
                    const GtkTextIter *location,
                    GtkTextMark       *mark,
                    KtsTranscriptView *self)
{
  if (mark != gtk_text_buffer_get_insert (buffer)
      && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  if (self->in_selection_update)
    return;

  if (!self->programmatic_selection)
    {
      if (self->snap_to_words)
        snap_selection (self);
      else if (mark == gtk_text_buffer_get_insert (buffer))
        self->last_insert_offset = gtk_text_iter_get_offset (location);
    }
  update_selection_state (self);
}

static void
select_exact (KtsTranscriptView *self, guint start, guint end)
{
  GtkTextIter s, e;

  iter_at (self, &s, start);
  iter_at (self, &e, end);
  self->programmatic_selection = TRUE;
  gtk_text_buffer_select_range (self->buffer, &e, &s);
  self->programmatic_selection = FALSE;
  self->last_insert_offset = gtk_text_iter_get_offset (&e);
  update_selection_state (self);
}

static void
scroll_to_offset (KtsTranscriptView *self, guint offset, gboolean center)
{
  GtkTextMark *mark = gtk_text_buffer_get_mark (self->buffer, "kts-scroll");
  GtkTextIter  iter;

  iter_at (self, &iter, offset);
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (self->buffer, "kts-scroll", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (self->buffer, mark, &iter);
  /* A mark, not an iter: the target may lie in lines not laid out yet. */
  if (center)
    gtk_text_view_scroll_to_mark (self->text, mark, 0.0, TRUE, 0.0, 0.3);
  else
    gtk_text_view_scroll_to_mark (self->text, mark, 0.15, FALSE, 0.0, 0.0);
}

/* ---- Pointer: clicks on highlights, dragging the selection out ------------------------ */

static gboolean
offset_at_point (KtsTranscriptView *self, double x, double y, guint *offset, gboolean exact)
{
  GtkTextIter iter;
  int         bx, by;
  gboolean    over;

  gtk_text_view_window_to_buffer_coords (self->text, GTK_TEXT_WINDOW_WIDGET, (int)x, (int)y, &bx,
                                         &by);
  over = gtk_text_view_get_iter_at_location (self->text, &iter, bx, by);
  *offset = gtk_text_iter_get_offset (&iter);
  return over || !exact;
}

/* The narrowest visible coding at @offset. */
static KtsCoding *
coding_at (KtsTranscriptView *self, guint offset)
{
  g_autoptr (GPtrArray) codings = kts_transcript_view_codings_at (self, offset);

  return codings->len > 0 ? g_ptr_array_index (codings, 0) : NULL;
}

static void
emit_activated (KtsTranscriptView *self, KtsCoding *coding, guint offset)
{
  GdkRectangle area = { 0, 0, 1, 1 };
  GtkTextIter  iter;
  int          wx, wy;
  double       vx, vy;

  /* Point at the clicked display line of the passage. */
  iter_at (self, &iter, offset);
  gtk_text_view_get_iter_location (self->text, &iter, &area);
  g_array_set_size (self->rects, 0);
  collect_segments (self, kts_coding_get_start (coding), kts_coding_get_end (coding), self->rects);
  for (guint r = 0; r < self->rects->len; r++)
    {
      const GdkRectangle *rect = &g_array_index (self->rects, GdkRectangle, r);

      if (area.y >= rect->y && area.y < rect->y + rect->height)
        {
          area = *rect;
          break;
        }
    }
  gtk_text_view_buffer_to_window_coords (self->text, GTK_TEXT_WINDOW_WIDGET, area.x, area.y, &wx,
                                         &wy);
  if (gtk_widget_translate_coordinates (GTK_WIDGET (self->text), GTK_WIDGET (self), wx, wy, &vx,
                                        &vy))
    {
      area.x = (int)vx;
      area.y = (int)vy;
    }
  g_signal_emit (self, signals[CODING_ACTIVATED], 0, coding, &area);
}

static gboolean
activate_timeout_cb (gpointer user_data)
{
  KtsTranscriptView *self = user_data;
  KtsCoding         *coding;

  self->activate_timeout_id = 0;
  if (self->has_selection)
    return G_SOURCE_REMOVE;
  coding = coding_at (self, self->activate_offset);
  if (coding != NULL)
    emit_activated (self, coding, self->activate_offset);
  return G_SOURCE_REMOVE;
}

static gboolean
text_legacy_event_cb (GtkEventControllerLegacy *controller,
                      GdkEvent                 *event,
                      KtsTranscriptView        *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  GtkWidget   *widget = GTK_WIDGET (self->text);
  GtkNative   *native;
  double       x, y, nx, ny, wx, wy;

  if (type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE)
    return FALSE;
  if (gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return FALSE;

  native = gtk_widget_get_native (widget);
  gdk_event_get_position (event, &x, &y);
  gtk_native_get_surface_transform (native, &nx, &ny);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (native), widget, x - nx, y - ny, &wx, &wy))
    return FALSE;

  if (type == GDK_BUTTON_PRESS)
    {
      g_clear_handle_id (&self->activate_timeout_id, g_source_remove);
      self->pointer_down = TRUE;
      self->press_x = wx;
      self->press_y = wy;
      self->drag_started = FALSE;
      return FALSE;
    }

  self->pointer_down = FALSE;
  if (self->drag_started)
    return FALSE;
  if (ABS (wx - self->press_x) > 4 || ABS (wy - self->press_y) > 4)
    return FALSE;

  {
    guint offset;

    /* A press inside the selection was taken by the drag source; without a
     * drag it is a plain click that puts the cursor there. */
    if (self->press_in_selection && offset_at_point (self, wx, wy, &offset, FALSE))
      {
        GtkTextIter iter;

        self->press_in_selection = FALSE;
        iter_at (self, &iter, offset);
        gtk_text_buffer_place_cursor (self->buffer, &iter);
      }

    /* Wait out a double click, which selects a word instead. */
    if (offset_at_point (self, wx, wy, &offset, TRUE) && coding_at (self, offset) != NULL)
      {
        int double_click_time = 400;

        g_object_get (gtk_widget_get_settings (widget), "gtk-double-click-time", &double_click_time,
                      NULL);
        self->activate_offset = offset;
        self->activate_timeout_id
            = g_timeout_add (MAX (double_click_time, 100), activate_timeout_cb, self);
      }
  }
  return FALSE;
}

static void
drag_source_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, KtsTranscriptView *self)
{
  GdkModifierType state;
  double          x, y;
  guint           offset;

  self->press_in_selection = FALSE;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (!self->has_selection || self->document == NULL || (state & GDK_SHIFT_MASK) != 0
      || !gtk_gesture_get_point (gesture, sequence, &x, &y)
      || !offset_at_point (self, x, y, &offset, TRUE) || offset < self->sel_start
      || offset >= self->sel_end)
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  /* Inside the selection: this press drags it out rather than starting a
   * new selection. */
  self->press_in_selection = TRUE;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

static GdkContentProvider *
drag_source_prepare_cb (GtkDragSource *source, double x, double y, KtsTranscriptView *self)
{
  g_autofree char *range = NULL;

  if (!self->press_in_selection || !self->has_selection || self->document == NULL)
    return NULL;

  range = g_strdup_printf ("kintsugi-range:%s:%u:%u", kts_item_get_guid (KTS_ITEM (self->document)),
                           self->sel_start, self->sel_end);
  return gdk_content_provider_new_typed (G_TYPE_STRING, range);
}

static void
drag_source_drag_begin_cb (GtkDragSource *source, GdkDrag *drag, KtsTranscriptView *self)
{
  g_autofree char *excerpt = NULL;
  g_autofree char *shown = NULL;
  GtkWidget       *label;

  self->drag_started = TRUE;
  self->press_in_selection = FALSE;

  excerpt = kts_document_dup_slice (self->document, self->sel_start,
                                    MIN (self->sel_end, self->sel_start + 60));
  g_strdelimit (excerpt, "\n\t", ' ');
  shown = self->sel_end - self->sel_start > 60 ? g_strconcat (excerpt, "…", NULL)
                                               : g_steal_pointer (&excerpt);
  label = gtk_label_new (shown);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "kts-transcript-drag");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), label);
}

/* ---- Gutters: turn numbers select turns, stripes activate codings ---------------------------- */

static void
numbers_pressed_cb (
    GtkGestureClick *gesture, int n_press, double x, double y, KtsTranscriptView *self)
{
  GtkTextIter iter;
  int         by;
  int         t;

  if (self->document == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  gtk_text_view_window_to_buffer_coords (self->text, GTK_TEXT_WINDOW_LEFT, 0, (int)y, NULL, &by);
  gtk_text_view_get_line_at_y (self->text, &iter, by, NULL);
  t = kts_document_find_turn (self->document, gtk_text_iter_get_offset (&iter));
  if (t >= 0)
    {
      const KtsTurn *turn = kts_document_get_turn (self->document, t);
      guint          end = turn->end;

      /* A whole turn, without its line break. */
      while (end > turn->start)
        {
          GtkTextIter last;

          iter_at (self, &last, end - 1);
          if (gtk_text_iter_get_char (&last) != '\n')
            break;
          end--;
        }
      select_exact (self, turn->start, end);
      gtk_widget_grab_focus (GTK_WIDGET (self->text));
    }
}

static const StripeHit *
stripe_hit_at (KtsTranscriptView *self, double x, double y)
{
  for (guint i = self->stripe_hits->len; i > 0; i--)
    {
      const StripeHit *hit = &g_array_index (self->stripe_hits, StripeHit, i - 1);

      if (x >= hit->rect.x && x < hit->rect.x + hit->rect.width && y >= hit->rect.y
          && y < hit->rect.y + hit->rect.height)
        return hit;
    }
  return NULL;
}

static gboolean
gutter_to_view (
    KtsTranscriptView *self, GtkWidget *gutter, double x, double y, double *vx, double *vy)
{
  return gtk_widget_translate_coordinates (gutter, GTK_WIDGET (self), x, y, vx, vy);
}

static void
stripes_pressed_cb (
    GtkGestureClick *gesture, int n_press, double x, double y, KtsTranscriptView *self)
{
  /* Keep the text view from starting a selection from the gutter. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
stripes_released_cb (
    GtkGestureClick *gesture, int n_press, double x, double y, KtsTranscriptView *self)
{
  const StripeHit *hit;
  double           vx, vy;

  if (!gutter_to_view (self, self->stripes, x, y, &vx, &vy))
    return;
  hit = stripe_hit_at (self, vx, vy);
  if (hit != NULL && hit->coding != NULL)
    {
      GdkRectangle area = hit->rect;

      g_signal_emit (self, signals[CODING_ACTIVATED], 0, hit->coding, &area);
    }
}

static void
stripes_motion_cb (GtkEventControllerMotion *controller,
                   double                    x,
                   double                    y,
                   KtsTranscriptView        *self)
{
  double           vx, vy;
  const StripeHit *hit
      = gutter_to_view (self, self->stripes, x, y, &vx, &vy) ? stripe_hit_at (self, vx, vy) : NULL;
  gboolean over = hit != NULL && hit->coding != NULL;

  gtk_widget_set_cursor_from_name (self->stripes, over ? "pointer" : NULL);
}

static const char *
actor_name (KtsActor actor)
{
  switch (actor)
    {
    case KTS_ACTOR_THERAPIST:
      return _ ("Therapist");
    case KTS_ACTOR_CLIENT:
      return _ ("Client");
    case KTS_ACTOR_DYAD:
      return _ ("Dyad");
    case KTS_ACTOR_THIRD:
      return _ ("Third person");
    case KTS_ACTOR_UNSET:
    default:
      return NULL;
    }
}

static char *
coding_tooltip_markup (KtsTranscriptView *self, KtsCoding *coding)
{
  GString         *s = g_string_new (NULL);
  KtsCode         *code = kts_coding_get_code (coding);
  KtsCoder        *coder = kts_coding_get_coder (coding);
  const char      *actor = actor_name (kts_coding_get_actor (coding));
  const char      *memo = kts_coding_get_memo (coding);
  g_autofree char *excerpt = NULL;
  g_autofree char *part = NULL;
  guint            start = kts_coding_get_start (coding), end = kts_coding_get_end (coding);

  part = g_markup_printf_escaped ("<b>%s</b>",
                                  code != NULL ? kts_code_get_name (code) : _ ("(no code)"));
  g_string_append (s, part);
  g_clear_pointer (&part, g_free);

  if (actor != NULL)
    {
      part = g_markup_printf_escaped ("\n%s %s", _ ("Actor:"), actor);
      g_string_append (s, part);
      g_clear_pointer (&part, g_free);
    }
  if (coder != NULL)
    {
      part = g_markup_printf_escaped ("\n%s %s", _ ("Coder:"), kts_coder_get_name (coder));
      g_string_append (s, part);
      g_clear_pointer (&part, g_free);
    }
  if (memo != NULL && memo[0] != '\0')
    {
      part = g_markup_printf_escaped ("\n%s %s", _ ("Memo:"), memo);
      g_string_append (s, part);
      g_clear_pointer (&part, g_free);
    }

  excerpt = kts_document_dup_slice (self->document, start, MIN (end, start + 80));
  g_strdelimit (excerpt, "\n\t", ' ');
  part = g_markup_printf_escaped ("\n<i>“%s%s”</i>", excerpt, end - start > 80 ? "…" : "");
  g_string_append (s, part);

  return g_string_free (s, FALSE);
}

static gboolean
stripes_query_tooltip_cb (GtkWidget         *widget,
                          int                x,
                          int                y,
                          gboolean           keyboard,
                          GtkTooltip        *tooltip,
                          KtsTranscriptView *self)
{
  const StripeHit *hit;
  g_autofree char *markup = NULL;
  double           vx, vy;

  if (keyboard || !gutter_to_view (self, widget, x, y, &vx, &vy))
    return FALSE;
  hit = stripe_hit_at (self, vx, vy);
  if (hit == NULL)
    return FALSE;
  if (hit->coding != NULL)
    markup = coding_tooltip_markup (self, hit->coding);
  else if (hit->lane < self->lane_coders->len)
    {
      KtsCoder *coder = g_ptr_array_index (self->lane_coders, hit->lane);

      /* Translators: the tooltip of a coder's lane of coding stripes */
      markup = coder != NULL ? g_markup_printf_escaped (_ ("Codings by <b>%s</b>"),
                                                        kts_coder_get_name (coder))
                             : g_strdup (_ ("Codings without a coder"));
    }
  else
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle){ (int)(hit->rect.x - vx + x),
                                                      (int)(hit->rect.y - vy + y), hit->rect.width,
                                                      hit->rect.height });
  return TRUE;
}

static gboolean
text_query_tooltip_cb (GtkWidget         *widget,
                       int                x,
                       int                y,
                       gboolean           keyboard,
                       GtkTooltip        *tooltip,
                       KtsTranscriptView *self)
{
  g_autoptr (GPtrArray) codings = NULL;
  GString *s;
  guint    offset;

  if (keyboard || self->document == NULL || !offset_at_point (self, x, y, &offset, TRUE))
    return FALSE;
  codings = kts_transcript_view_codings_at (self, offset);
  if (codings->len == 0)
    return FALSE;

  s = g_string_new (NULL);
  for (guint i = 0; i < codings->len && i < 8; i++)
    {
      KtsCoding       *coding = g_ptr_array_index (codings, i);
      KtsCode         *code = kts_coding_get_code (coding);
      KtsCoder        *coder = kts_coding_get_coder (coding);
      GdkRGBA          color;
      g_autofree char *rgb = NULL;
      g_autofree char *line = NULL;

      code_rgba (self, code, &color);
      rgb = g_strdup_printf ("#%02x%02x%02x", (int)(color.red * 255), (int)(color.green * 255),
                             (int)(color.blue * 255));
      line = g_markup_printf_escaped (
          "%s<span foreground=\"%s\">●</span> %s%s%s", i > 0 ? "\n" : "", rgb,
          code != NULL ? kts_code_get_name (code) : "", coder != NULL ? " — " : "",
          coder != NULL ? kts_coder_get_name (coder) : "");
      g_string_append (s, line);
    }
  if (codings->len > 8)
    g_string_append_printf (s, "\n%s", _ ("and more…"));
  gtk_tooltip_set_markup (tooltip, s->str);
  g_string_free (s, TRUE);
  return TRUE;
}

/* ---- Search ------------------------------------------------------------------------ */

/* Lower-cases code point by code point, so offsets stay the same. */
static char *
lower_text (const char *text, gssize size)
{
  GString    *s = g_string_sized_new (size >= 0 ? (gsize)size + 16 : 64);
  const char *end = size >= 0 ? text + size : NULL;

  for (const char *p = text; (end == NULL ? *p != '\0' : p < end); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        g_string_append_c (s, g_ascii_tolower ((char)c));
      else
        g_string_append_unichar (s, g_unichar_tolower (c));
    }
  return g_string_free (s, FALSE);
}

static void
update_match_label (KtsTranscriptView *self, const char *needle)
{
  g_autofree char *text = NULL;
  gboolean         any = self->matches->len > 0;

  if (needle == NULL || needle[0] == '\0')
    text = g_strdup ("");
  else if (!any)
    text = g_strdup (_ ("No matches"));
  else if (self->current_match >= 0)
    /* Translators: the current search match and how many there are */
    text = g_strdup_printf (_ ("%u of %u"), (guint)self->current_match + 1, self->matches->len);
  else
    text = g_strdup_printf (g_dngettext (NULL, "%u match", "%u matches", self->matches->len),
                            self->matches->len);
  gtk_label_set_text (GTK_LABEL (self->match_label), text);

  if (needle != NULL && needle[0] != '\0' && !any)
    gtk_widget_add_css_class (self->search_entry, "error");
  else
    gtk_widget_remove_css_class (self->search_entry, "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.next-match", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.previous-match", any);
  self->stats.n_matches = self->matches->len;
  self->stats.current_match = self->current_match;
}

static void
show_current_match (KtsTranscriptView *self)
{
  const Match *m;

  if (self->current_match < 0 || (guint)self->current_match >= self->matches->len)
    return;
  m = &g_array_index (self->matches, Match, self->current_match);
  select_exact (self, m->start, m->end);
  scroll_to_offset (self, m->start, FALSE);
  queue_text_draw (self);
}

static void
search_clear (KtsTranscriptView *self)
{
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
  update_match_label (self, NULL);
  queue_text_draw (self);
}

static void
search_run (KtsTranscriptView *self, const char *needle)
{
  g_autofree char *lowered_needle = NULL;
  const char      *hay, *p, *last;
  gsize            needle_bytes;
  guint            needle_chars, offset = 0, from;
  gboolean         ascii;

  g_array_set_size (self->matches, 0);
  self->current_match = -1;
  if (self->document == NULL || needle == NULL || needle[0] == '\0')
    {
      update_match_label (self, needle);
      queue_text_draw (self);
      return;
    }

  if (self->lowered_text == NULL)
    self->lowered_text = lower_text (kts_document_get_text (self->document),
                                     kts_document_get_text_size (self->document));

  lowered_needle = lower_text (needle, -1);
  needle_bytes = strlen (lowered_needle);
  needle_chars = g_utf8_strlen (lowered_needle, -1);
  ascii = kts_document_get_n_characters (self->document)
          == kts_document_get_text_size (self->document);

  hay = self->lowered_text;
  last = hay;
  for (p = strstr (hay, lowered_needle); p != NULL; p = strstr (p + needle_bytes, lowered_needle))
    {
      Match m;

      offset = ascii ? (guint)(p - hay) : offset + g_utf8_strlen (last, p - last);
      last = p;
      m.start = offset;
      m.end = offset + needle_chars;
      g_array_append_val (self->matches, m);
    }

  /* Start from the cursor, like a text editor. */
  from = self->has_selection ? self->sel_start : (guint)MAX (self->last_insert_offset, 0);
  if (self->matches->len > 0)
    {
      guint i = first_match_ending_after (self, from);

      while (i < self->matches->len && g_array_index (self->matches, Match, i).start < from)
        i++;
      self->current_match = i < self->matches->len ? (int)i : 0;
    }
  update_match_label (self, needle);
  show_current_match (self);
  queue_text_draw (self);
}

static void
search_step (KtsTranscriptView *self, gboolean forward)
{
  guint n = self->matches->len;

  if (n == 0)
    return;
  if (self->current_match < 0)
    self->current_match = 0;
  else if (forward)
    self->current_match = (self->current_match + 1) % n;
  else
    self->current_match = (self->current_match + n - 1) % n;
  update_match_label (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  show_current_match (self);
}

static void
search_changed_cb (GtkSearchEntry *entry, KtsTranscriptView *self)
{
  search_run (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_activate_cb (GtkSearchEntry *entry, KtsTranscriptView *self)
{
  search_step (self, TRUE);
}

static void
search_next_cb (GtkSearchEntry *entry, KtsTranscriptView *self)
{
  search_step (self, TRUE);
}

static void
search_previous_cb (GtkSearchEntry *entry, KtsTranscriptView *self)
{
  search_step (self, FALSE);
}

static void
search_stop_cb (GtkSearchEntry *entry, KtsTranscriptView *self)
{
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
}

static void
search_mode_changed_cb (GtkSearchBar *bar, GParamSpec *pspec, KtsTranscriptView *self)
{
  if (gtk_search_bar_get_search_mode (bar))
    return;
  search_clear (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

static void
search_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (widget);

  /* A short selection on one line is what one looks for next. */
  if (self->has_selection && self->sel_end - self->sel_start <= 60)
    {
      g_autofree char *selected
          = kts_document_dup_slice (self->document, self->sel_start, self->sel_end);

      if (strchr (selected, '\n') == NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), selected);
    }
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
match_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (widget);

  search_step (self, g_str_equal (action_name, "transcript.next-match"));
}

/* ---- Flash -------------------------------------------------------------------------- */

static gboolean
flash_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  KtsTranscriptView *self = user_data;

  gtk_widget_queue_draw (widget);
  if (self->flash_coding == NULL || g_get_monotonic_time () - self->flash_start > FLASH_USEC)
    {
      g_clear_object (&self->flash_coding);
      self->flash_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_flash (KtsTranscriptView *self, KtsCoding *coding)
{
  g_set_object (&self->flash_coding, coding);
  self->flash_start = g_get_monotonic_time ();
  if (self->flash_tick_id == 0)
    self->flash_tick_id
        = gtk_widget_add_tick_callback (GTK_WIDGET (self->text), flash_tick_cb, self, NULL);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
disconnect_document (KtsTranscriptView *self)
{
  if (self->codings != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->codings);
  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->project_changed_id, self->project);
      g_clear_signal_handler (&self->item_removed_id, self->project);
      g_clear_signal_handler (&self->codebook_changed_id, kts_project_get_codebook (self->project));
      g_clear_signal_handler (&self->practice_sets_id,
                              kts_project_get_practice_sets (self->project));
    }
  g_clear_handle_id (&self->style_idle_id, g_source_remove);
  g_clear_handle_id (&self->activate_timeout_id, g_source_remove);
  if (self->flash_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->text), self->flash_tick_id);
      self->flash_tick_id = 0;
    }
  g_clear_object (&self->flash_coding);
  g_clear_object (&self->current_coding);
  g_clear_object (&self->codings);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_pointer (&self->lowered_text, g_free);
  g_clear_pointer (&self->turn_styled, g_free);
  g_clear_pointer (&self->speaker_roles, g_free);
  self->n_turns = 0;
  self->n_speaker_roles = 0;
  g_ptr_array_set_size (self->mirror, 0);
  g_hash_table_remove_all (self->coder_counts);
  g_ptr_array_set_size (self->hidden_refs, 0);
  g_array_set_size (self->coder_entries, 0);
  g_ptr_array_set_size (self->lane_coders, 0);
  kts_transcript_index_clear (self->index);
  g_array_set_size (self->stripe_hits, 0);
  g_array_set_size (self->lane_rects, 0);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
}

static void
kts_transcript_view_dispose (GObject *object)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (object);

  if (self->text != NULL)
    {
      disconnect_document (self);
      g_signal_handlers_disconnect_by_data (
          gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), self);
      g_signal_handlers_disconnect_by_data (self->buffer, self);
    }
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->search_bar, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->text = NULL;
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->visible_coders, g_ptr_array_unref);
  g_clear_object (&self->filter_code);

  G_OBJECT_CLASS (kts_transcript_view_parent_class)->dispose (object);
}

static void
kts_transcript_view_finalize (GObject *object)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (object);

  kts_transcript_index_free (self->index);
  g_ptr_array_unref (self->mirror);
  g_array_unref (self->scratch);
  g_array_unref (self->rects);
  g_array_unref (self->stripe_hits);
  g_array_unref (self->lane_rects);
  g_array_unref (self->matches);
  g_ptr_array_unref (self->hidden_refs);
  g_hash_table_unref (self->coder_counts);
  g_array_unref (self->coder_entries);
  g_ptr_array_unref (self->lane_coders);

  G_OBJECT_CLASS (kts_transcript_view_parent_class)->finalize (object);
}

static void
kts_transcript_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;
    case PROP_HAS_SELECTION:
      g_value_set_boolean (value, self->has_selection);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_VISIBLE_CODERS:
      g_value_set_boxed (value, self->visible_coders);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_transcript_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SNAP_TO_WORDS:
      kts_transcript_view_set_snap_to_words (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_transcript_view_measure (GtkWidget     *widget,
                             GtkOrientation orientation,
                             int            for_size,
                             int           *minimum,
                             int           *natural,
                             int           *minimum_baseline,
                             int           *natural_baseline)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (widget);
  int                bar_min, bar_nat, view_min, view_nat;

  gtk_widget_measure (self->search_bar, orientation, -1, &bar_min, &bar_nat, NULL, NULL);
  gtk_widget_measure (self->scroller, orientation, -1, &view_min, &view_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = bar_min + view_min;
      *natural = bar_nat + view_nat;
    }
  else
    {
      *minimum = MAX (bar_min, view_min);
      *natural = MAX (bar_nat, view_nat);
    }
}

/* The search bar on top, the text below. Narrow views give up the code
 * names beside the stripes, so the text keeps a readable width. */
static void
kts_transcript_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (widget);
  gboolean           labels = width >= (self->show_labels ? LABELS_HIDE_BELOW : LABELS_SHOW_FROM);
  int                bar_height;

  if (labels != self->show_labels)
    {
      self->show_labels = labels;
      update_metrics (self);
    }

  gtk_widget_measure (self->search_bar, GTK_ORIENTATION_VERTICAL, width, NULL, &bar_height, NULL,
                      NULL);
  bar_height = MIN (bar_height, height);
  gtk_widget_size_allocate (self->search_bar, &(GtkAllocation){ 0, 0, width, bar_height }, -1);
  gtk_widget_size_allocate (self->scroller,
                            &(GtkAllocation){ 0, bar_height, width, height - bar_height }, -1);
}

static gboolean
kts_transcript_view_grab_focus (GtkWidget *widget)
{
  KtsTranscriptView *self = KTS_TRANSCRIPT_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text));
}

static void
kts_transcript_view_class_init (KtsTranscriptViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_transcript_view_dispose;
  object_class->finalize = kts_transcript_view_finalize;
  object_class->get_property = kts_transcript_view_get_property;
  object_class->set_property = kts_transcript_view_set_property;
  widget_class->grab_focus = kts_transcript_view_grab_focus;
  widget_class->measure = kts_transcript_view_measure;
  widget_class->size_allocate = kts_transcript_view_size_allocate;

  properties[PROP_SNAP_TO_WORDS]
      = g_param_spec_boolean ("snap-to-words", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_SELECTION] = g_param_spec_boolean ("has-selection", NULL, NULL, FALSE,
                                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KTS_TYPE_DOCUMENT,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT] = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_CODERS]
      = g_param_spec_boxed ("visible-coders", NULL, NULL, G_TYPE_PTR_ARRAY,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CODING_ACTIVATED]
      = g_signal_new ("coding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, KTS_TYPE_CODING, GDK_TYPE_RECTANGLE);
  signals[SELECTION_CHANGED]
      = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "transcript.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "transcript.next-match", NULL, match_action_cb);
  gtk_widget_class_install_action (widget_class, "transcript.previous-match", NULL,
                                   match_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "transcript.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "transcript.next-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "transcript.previous-match", NULL);

  gtk_widget_class_set_css_name (widget_class, "ktstranscriptview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
build_search_bar (KtsTranscriptView *self)
{
  GtkWidget          *bar = gtk_search_bar_new ();
  GtkWidget          *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget          *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget          *prev = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget          *next = gtk_button_new_from_icon_name ("go-down-symbolic");
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->search_entry = gtk_search_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry), 28);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Search the transcript"), -1);
  self->match_label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (self->match_label), 12);
  gtk_label_set_xalign (GTK_LABEL (self->match_label), 0);
  gtk_widget_add_css_class (self->match_label, "dim-label");
  gtk_widget_add_css_class (self->match_label, "numeric");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (prev), "transcript.previous-match");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (next), "transcript.next-match");
  gtk_widget_set_tooltip_text (prev, _ ("Previous Match"));
  gtk_widget_set_tooltip_text (next, _ ("Next Match"));
  gtk_widget_add_css_class (buttons, "linked");
  gtk_box_append (GTK_BOX (buttons), prev);
  gtk_box_append (GTK_BOX (buttons), next);

  gtk_box_append (GTK_BOX (box), self->search_entry);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), self->match_label);
  gtk_search_bar_set_child (GTK_SEARCH_BAR (bar), box);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (bar), GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_show_close_button (GTK_SEARCH_BAR (bar), TRUE);

  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                        gtk_named_action_new ("transcript.previous-match")));
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_SHIFT_MASK),
                        gtk_named_action_new ("transcript.previous-match")));
  gtk_widget_add_controller (self->search_entry, shortcuts);

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect (self->search_entry, "next-match", G_CALLBACK (search_next_cb), self);
  g_signal_connect (self->search_entry, "previous-match", G_CALLBACK (search_previous_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (search_stop_cb), self);
  g_signal_connect (bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_changed_cb), self);
  return bar;
}

static void
kts_transcript_view_init (KtsTranscriptView *self)
{
  GtkTextTagTable    *table;
  GtkEventController *controller;
  GtkDragSource      *source;
  GtkGesture         *click;

  self->snap_to_words = TRUE;
  self->show_labels = TRUE;
  self->current_match = -1;
  self->index = kts_transcript_index_new ();
  self->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rects = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  self->stripe_hits = g_array_new (FALSE, FALSE, sizeof (StripeHit));
  self->lane_rects = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));
  self->hidden_refs = g_ptr_array_new_with_free_func (g_object_unref);
  self->coder_counts = g_hash_table_new (NULL, NULL);
  self->coder_entries = g_array_new (FALSE, FALSE, sizeof (CoderEntry));
  self->lane_coders = g_ptr_array_new ();

  ensure_css (GTK_WIDGET (self));

  /* Tags live in one table shared by every buffer this view shows. */
  table = gtk_text_tag_table_new ();
  self->role_tags[ROLE_TAG_OTHER] = gtk_text_tag_new ("speaker-other");
  self->role_tags[ROLE_TAG_THERAPIST] = gtk_text_tag_new ("speaker-therapist");
  self->role_tags[ROLE_TAG_CLIENT] = gtk_text_tag_new ("speaker-client");
  self->role_tags[ROLE_TAG_INTERVIEWER] = gtk_text_tag_new ("speaker-interviewer");
  for (guint i = 0; i < N_ROLE_TAGS; i++)
    {
      g_object_set (self->role_tags[i], "weight", PANGO_WEIGHT_BOLD, NULL);
      gtk_text_tag_table_add (table, self->role_tags[i]);
      g_object_unref (self->role_tags[i]);
    }
  self->time_tag = gtk_text_tag_new ("timestamp");
  g_object_set (self->time_tag, "font-features", "tnum=1", "scale", 0.92, NULL);
  gtk_text_tag_table_add (table, self->time_tag);
  g_object_unref (self->time_tag);
  self->buffer = gtk_text_buffer_new (table);
  g_object_unref (table);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (buffer_mark_set_cb), self);

  self->search_bar = build_search_bar (self);
  gtk_widget_set_parent (self->search_bar, GTK_WIDGET (self));

  self->text = GTK_TEXT_VIEW (kts_transcript_text_new ());
  gtk_text_view_set_buffer (self->text, self->buffer);
  gtk_text_view_set_editable (self->text, FALSE);
  gtk_text_view_set_cursor_visible (self->text, TRUE);
  gtk_text_view_set_wrap_mode (self->text, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->text, TEXT_MARGIN_LEFT);
  gtk_text_view_set_right_margin (self->text, TEXT_MARGIN_RIGHT);
  gtk_text_view_set_top_margin (self->text, TEXT_MARGIN_TOP);
  gtk_text_view_set_bottom_margin (self->text, TEXT_MARGIN_BOTTOM);
  gtk_text_view_set_pixels_above_lines (self->text, TURN_SPACING);
  gtk_text_view_set_pixels_inside_wrap (self->text, WRAP_SPACING);
  gtk_widget_add_css_class (GTK_WIDGET (self->text), "kts-transcript");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Transcript"), -1);
  g_signal_connect (self->text, "query-tooltip", G_CALLBACK (text_query_tooltip_cb), self);

  self->numbers = kts_transcript_gutter_new ("turn-numbers");
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->numbers), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Turn numbers"),
      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
      _ ("The number of each speaker turn; click one to select the turn"), -1);
  gtk_widget_set_tooltip_text (self->numbers, _ ("Click a turn number to select the turn"));
  gtk_text_view_set_gutter (self->text, GTK_TEXT_WINDOW_LEFT, self->numbers);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (numbers_pressed_cb), self);
  gtk_widget_add_controller (self->numbers, GTK_EVENT_CONTROLLER (click));

  self->stripes = kts_transcript_gutter_new ("coding-stripes");
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self->stripes), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Coding stripes"),
      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
      _ ("One bar per coded passage, in its code’s colour and with its code’s name; with "
         "several coders, one lane of bars per coder, headed by the coder’s initials"),
      -1);
  gtk_widget_set_has_tooltip (self->stripes, TRUE);
  g_signal_connect (self->stripes, "query-tooltip", G_CALLBACK (stripes_query_tooltip_cb), self);
  gtk_text_view_set_gutter (self->text, GTK_TEXT_WINDOW_RIGHT, self->stripes);
  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (stripes_motion_cb), self);
  gtk_widget_add_controller (self->stripes, controller);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (stripes_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (stripes_released_cb), self);
  gtk_widget_add_controller (self->stripes, GTK_EVENT_CONTROLLER (click));

  /* Sees presses and releases before the text view's own gestures claim
   * them: for word snapping, and for clicks on highlights. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (text_legacy_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text), controller);

  /* A drag that starts inside the selection carries the range out (to a
   * code, say); anywhere else it selects. */
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (source), GTK_PHASE_CAPTURE);
  g_signal_connect (source, "begin", G_CALLBACK (drag_source_begin_cb), self);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_source_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_source_drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text), GTK_EVENT_CONTROLLER (source));

  kts_transcript_text_set_delegate (KTS_TRANSCRIPT_TEXT (self->text), text_layer_cb,
                                    text_overlay_cb, text_style_changed_cb, self);

  self->clamp = adw_clamp_scrollable_new ();
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (self->clamp), GTK_WIDGET (self->text));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->clamp);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_widget_add_css_class (self->scroller, "view");
  gtk_widget_add_css_class (self->scroller, "kts-transcript-scroller");
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                    "value-changed", G_CALLBACK (vadjustment_changed_cb), self);

  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb),
                    self);

  update_colors (self);
  update_metrics (self);
  update_match_label (self, NULL);
}

/* ---- Public API -------------------------------------------------------------------------------
 */

GtkWidget *
kts_transcript_view_new (void)
{
  return g_object_new (KTS_TYPE_TRANSCRIPT_VIEW, NULL);
}

void
kts_transcript_view_set_document (KtsTranscriptView *self,
                                  KtsProject        *project,
                                  KtsDocument       *document)
{
  GtkTextIter start;

  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));
  g_return_if_fail (document == NULL || KTS_IS_DOCUMENT (document));
  g_return_if_fail ((project == NULL) == (document == NULL));

  if (self->document == document && self->project == project)
    return;

  disconnect_document (self);
  if (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)))
    gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);

  /* The text goes in with one call; the view keeps its one buffer (swapping
   * buffers under a GtkTextView with gutters crashes GTK 4.8). */
  self->in_selection_update = TRUE;
  if (document != NULL)
    gtk_text_buffer_set_text (self->buffer, kts_document_get_text (document),
                              (int)kts_document_get_text_size (document));
  else
    gtk_text_buffer_set_text (self->buffer, "", 0);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  self->in_selection_update = FALSE;
  self->last_insert_offset = 0;
  update_selection_state (self);

  if (document != NULL)
    {
      KtsCodebook *codebook = kts_project_get_codebook (project);
      guint        n;

      self->project = g_object_ref (project);
      self->document = g_object_ref (document);
      self->codings = g_object_ref (kts_document_get_codings (document));
      n = g_list_model_get_n_items (self->codings);
      for (guint i = 0; i < n; i++)
        {
          KtsCoding *coding = g_list_model_get_item (self->codings, i);

          g_ptr_array_add (self->mirror, coding);
          count_coder (self, coding, +1);
        }
      self->items_changed_id = g_signal_connect (self->codings, "items-changed",
                                                 G_CALLBACK (codings_items_changed_cb), self);
      self->project_changed_id
          = g_signal_connect (project, "changed", G_CALLBACK (project_changed_cb), self);
      self->item_removed_id
          = g_signal_connect (project, "item-removed", G_CALLBACK (item_removed_cb), self);
      self->codebook_changed_id
          = g_signal_connect (codebook, "changed", G_CALLBACK (codebook_changed_cb), self);
      self->practice_sets_id
          = g_signal_connect (kts_project_get_practice_sets (project), "items-changed",
                              G_CALLBACK (practice_sets_changed_cb), self);
      update_hidden_refs (self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kts_document_get_title (document), -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _ ("Transcript"), -1);

  invalidate_index (self);
  restart_styling (self);
  update_metrics (self);
  update_match_label (self, NULL);
  queue_text_draw (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

KtsDocument *
kts_transcript_view_get_document (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->document;
}

KtsProject *
kts_transcript_view_get_project (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->project;
}

gboolean
kts_transcript_view_get_snap_to_words (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), FALSE);
  return self->snap_to_words;
}

void
kts_transcript_view_set_snap_to_words (KtsTranscriptView *self, gboolean snap_to_words)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));

  snap_to_words = !!snap_to_words;
  if (self->snap_to_words == snap_to_words)
    return;
  self->snap_to_words = snap_to_words;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_WORDS]);
}

gboolean
kts_transcript_view_get_selection (KtsTranscriptView *self, guint *start, guint *end)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (start != NULL)
    *start = self->has_selection ? self->sel_start : 0;
  if (end != NULL)
    *end = self->has_selection ? self->sel_end : 0;
  return self->has_selection;
}

gboolean
kts_transcript_view_get_has_selection (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), FALSE);
  return self->has_selection;
}

void
kts_transcript_view_select_range (KtsTranscriptView *self, guint start, guint end)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));

  start = MIN (start, n_chars (self));
  end = MIN (MAX (start, end), n_chars (self));
  select_exact (self, start, end);
  scroll_to_offset (self, start, FALSE);
}

void
kts_transcript_view_reveal_coding (KtsTranscriptView *self, KtsCoding *coding)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (KTS_IS_CODING (coding));

  if (self->document == NULL || kts_coding_get_document (coding) != self->document)
    return;

  g_set_object (&self->current_coding, coding);
  select_exact (self, kts_coding_get_start (coding), kts_coding_get_end (coding));
  scroll_to_offset (self, kts_coding_get_start (coding), TRUE);
  start_flash (self, coding);
}

void
kts_transcript_view_reveal_offset (KtsTranscriptView *self, guint offset)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));

  offset = MIN (offset, n_chars (self));
  select_exact (self, offset, offset);
  scroll_to_offset (self, offset, TRUE);
}

void
kts_transcript_view_set_visible_coders (KtsTranscriptView *self, GPtrArray *coders)
{
  g_autoptr (GPtrArray) chosen = NULL;

  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));

  if (coders != NULL)
    {
      chosen = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < coders->len; i++)
        {
          KtsCoder *coder = g_ptr_array_index (coders, i);

          g_return_if_fail (KTS_IS_CODER (coder));
          if (!g_ptr_array_find (chosen, coder, NULL))
            g_ptr_array_add (chosen, g_object_ref (coder));
        }
    }

  /* The same set, in any order, is no change. */
  if ((chosen == NULL) == (self->visible_coders == NULL))
    {
      gboolean same = TRUE;

      if (chosen != NULL)
        {
          same = chosen->len == self->visible_coders->len;
          for (guint i = 0; same && i < chosen->len; i++)
            same = g_ptr_array_find (self->visible_coders, g_ptr_array_index (chosen, i), NULL);
        }
      if (same)
        return;
    }

  g_clear_pointer (&self->visible_coders, g_ptr_array_unref);
  self->visible_coders = g_steal_pointer (&chosen);
  invalidate_index (self);
  queue_text_draw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_CODERS]);
}

static gpointer
copy_ref (gconstpointer object, gpointer user_data)
{
  return g_object_ref ((gpointer)object);
}

GPtrArray *
kts_transcript_view_dup_visible_coders (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);

  if (self->visible_coders == NULL)
    return NULL;
  return g_ptr_array_copy (self->visible_coders, copy_ref, NULL);
}

gboolean
kts_transcript_view_get_coder_visible (KtsTranscriptView *self, KtsCoder *coder)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), FALSE);
  g_return_val_if_fail (coder == NULL || KTS_IS_CODER (coder), FALSE);

  return coder_chosen (self, coder);
}

void
kts_transcript_view_set_visible_coder (KtsTranscriptView *self, KtsCoder *coder)
{
  g_autoptr (GPtrArray) one = NULL;

  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (coder == NULL || KTS_IS_CODER (coder));

  if (coder != NULL)
    {
      one = g_ptr_array_new ();
      g_ptr_array_add (one, coder);
    }
  kts_transcript_view_set_visible_coders (self, one);
}

KtsCoder *
kts_transcript_view_get_visible_coder (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);

  if (self->visible_coders == NULL || self->visible_coders->len != 1)
    return NULL;
  return g_ptr_array_index (self->visible_coders, 0);
}

void
kts_transcript_view_set_filter_code (KtsTranscriptView *self, KtsCode *code)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (code == NULL || KTS_IS_CODE (code));

  g_set_object (&self->filter_code, code);
}

KtsCode *
kts_transcript_view_get_filter_code (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->filter_code;
}

KtsCoding *
kts_transcript_view_next_coding (KtsTranscriptView *self, gboolean forward)
{
  guint      n, cursor;
  int        from = -1;
  KtsCoding *found = NULL;

  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);

  ensure_index (self);
  n = kts_transcript_index_get_n_items (self->index);
  if (self->document == NULL || n == 0)
    return NULL;

  cursor = self->has_selection ? self->sel_start : (guint)MAX (self->last_insert_offset, 0);
  /* Step from the coding last revealed while the cursor is still on it, so
   * codings sharing a start are all visited. */
  if (self->current_coding != NULL && kts_coding_get_start (self->current_coding) == cursor)
    from = kts_transcript_index_find (self->index, self->current_coding);

  if (forward)
    {
      guint i = from >= 0 ? (guint)from + 1
                          : kts_transcript_index_lower_bound (self->index, cursor + 1);

      for (; i < n && found == NULL; i++)
        if (coding_passes_filter (self, kts_transcript_index_get_coding (self->index, i)))
          found = kts_transcript_index_get_coding (self->index, i);
    }
  else
    {
      guint i = from >= 0 ? (guint)from : kts_transcript_index_lower_bound (self->index, cursor);

      for (; i > 0 && found == NULL; i--)
        if (coding_passes_filter (self, kts_transcript_index_get_coding (self->index, i - 1)))
          found = kts_transcript_index_get_coding (self->index, i - 1);
    }

  if (found != NULL)
    kts_transcript_view_reveal_coding (self, found);
  return found;
}

static int
compare_by_length (gconstpointer a, gconstpointer b)
{
  KtsCoding *x = *(KtsCoding **)a, *y = *(KtsCoding **)b;
  guint      lx = kts_coding_get_end (x) - kts_coding_get_start (x);
  guint      ly = kts_coding_get_end (y) - kts_coding_get_start (y);

  if (lx != ly)
    return lx < ly ? -1 : 1;
  return kts_coding_compare (x, y, NULL);
}

GPtrArray *
kts_transcript_view_codings_at (KtsTranscriptView *self, guint offset)
{
  GPtrArray *result;

  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->document == NULL)
    return result;

  ensure_index (self);
  g_array_set_size (self->scratch, 0);
  kts_transcript_index_query (self->index, offset, offset + 1, self->scratch);
  for (guint i = 0; i < self->scratch->len; i++)
    g_ptr_array_add (result, g_object_ref (kts_transcript_index_get_coding (
                                 self->index, g_array_index (self->scratch, guint, i))));
  g_ptr_array_sort (result, compare_by_length);
  return result;
}

void
kts_transcript_view_set_extra_menu (KtsTranscriptView *self, GMenuModel *model)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_MENU_MODEL (model));

  gtk_text_view_set_extra_menu (self->text, model);
}

/* ---- Private, for tests and the benchmark ------------------------------------------------------
 */

void
_kts_transcript_view_get_stats (KtsTranscriptView *self, KtsTranscriptViewStats *stats)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));
  ensure_index (self);
  *stats = self->stats;
}

GtkTextView *
_kts_transcript_view_get_text_view (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->text;
}

void
_kts_transcript_view_style_all_turns (KtsTranscriptView *self)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));

  if (self->style_idle_id != 0)
    {
      style_more_turns (self, 0);
      g_clear_handle_id (&self->style_idle_id, g_source_remove);
    }
}

void
_kts_transcript_view_search (KtsTranscriptView *self, const char *needle)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_VIEW (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), needle);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  search_run (self, needle);
}

KtsCoding *
_kts_transcript_view_activate_offset (KtsTranscriptView *self, guint offset)
{
  KtsCoding *coding;

  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);

  coding = coding_at (self, offset);
  if (coding != NULL)
    emit_activated (self, coding, offset);
  return coding;
}

char *
_kts_transcript_view_dup_drag_string (KtsTranscriptView *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);

  if (!self->has_selection || self->document == NULL)
    return NULL;
  return g_strdup_printf ("kintsugi-range:%s:%u:%u", kts_item_get_guid (KTS_ITEM (self->document)),
                          self->sel_start, self->sel_end);
}

KtsCoding *
_kts_transcript_view_stripe_at (KtsTranscriptView *self, double x, double y)
{
  const StripeHit *hit;

  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), NULL);

  hit = stripe_hit_at (self, x, y);
  return hit != NULL ? hit->coding : NULL;
}

gboolean
_kts_transcript_view_get_lane (
    KtsTranscriptView *self, guint lane, KtsCoder **coder, double *x, double *width)
{
  const GdkRectangle *rect;

  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (lane >= self->lane_rects->len || lane >= self->lane_coders->len)
    return FALSE;
  rect = &g_array_index (self->lane_rects, GdkRectangle, lane);
  if (coder != NULL)
    *coder = g_ptr_array_index (self->lane_coders, lane);
  if (x != NULL)
    *x = rect->x;
  if (width != NULL)
    *width = rect->width;
  return TRUE;
}
