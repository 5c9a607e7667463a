/* kts-practice-trend-view.c: a student's progress across their submitted practice sets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-practice-trend"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "kts-practice-trend-view.h"

#define MARGIN_LEFT 40.0
#define MARGIN_RIGHT 14.0
#define MARGIN_TOP 32.0
#define MARGIN_BOTTOM 22.0

struct _KtsPracticeTrendView
{
  GtkWidget parent_instance;

  GtkWidget      *box;
  GtkWidget      *heading;
  GtkWidget      *chart;
  GtkWidget      *detail; /* the current set's per-layer F1 */
  GtkWidget      *note;
  GPtrArray      *trend;
  KtsPracticeSet *current;
  char           *description;
};

G_DEFINE_FINAL_TYPE (KtsPracticeTrendView, kts_practice_trend_view, GTK_TYPE_WIDGET)

/* ---- text ------------------------------------------------------------------------------ */

static char *
format_value (double value)
{
  /* Translators: a score that cannot be computed (no spans) */
  return isnan (value) ? g_strdup (_ ("–")) : g_strdup_printf ("%.2f", value);
}

static char *
format_date (gint64 t)
{
  g_autoptr (GDateTime) dt = t > 0 ? g_date_time_new_from_unix_local (t) : NULL;

  /* Translators: a short date under a point of the trend chart, see g_date_time_format() */
  return dt != NULL ? g_date_time_format (dt, _ ("%-d %b")) : g_strdup ("");
}

/* "RUP 0.50 · REL 0.33 · MC –" */
static char *
layers_text (const KtsPracticeTrendPoint *point)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < point->scores->len; i++)
    {
      const KtsPracticeScore *score = g_ptr_array_index (point->scores, i);
      g_autofree char        *value = format_value (score->f1);

      if (i > 0)
        g_string_append (out, " · ");
      g_string_append_printf (out, "%s %s", score->layer, value);
    }
  return g_string_free (out, FALSE);
}

static const KtsPracticeTrendPoint *
point_at (KtsPracticeTrendView *self, guint i)
{
  return g_ptr_array_index (self->trend, i);
}

static int
current_index (KtsPracticeTrendView *self)
{
  for (guint i = 0; self->trend != NULL && i < self->trend->len; i++)
    if (point_at (self, i)->set == self->current)
      return (int)i;
  return -1;
}

static char *
series_text (KtsPracticeTrendView *self, gboolean lenient)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->trend->len; i++)
    {
      const KtsPracticeScore *overall = point_at (self, i)->overall;
      g_autofree char        *value = format_value (lenient ? overall->lenient : overall->f1);

      if (i > 0)
        g_string_append (out, " → ");
      g_string_append (out, value);
    }
  return g_string_free (out, FALSE);
}

static void
update_text (KtsPracticeTrendView *self)
{
  g_autofree char *f1 = series_text (self, FALSE);
  g_autofree char *lenient = series_text (self, TRUE);
  int              current = current_index (self);
  g_autofree char *detail = NULL;

  g_free (self->description);
  if (current >= 0)
    {
      const KtsPracticeTrendPoint *point = point_at (self, (guint)current);
      g_autofree char             *layers = layers_text (point);

      /* Translators: under the trend chart: the per-layer F1 of the set shown */
      detail = g_strdup_printf (_ ("This set, F1 by layer: %s"), layers);
    }
  /* Translators: the trend chart in words: "F1 0.33 → 0.62 over 2 sets; lenient 0.40 → 0.70." */
  self->description
      = g_strdup_printf (ngettext ("F1 %s over %u set; lenient %s.",
                                   "F1 %s over %u sets; lenient %s.", self->trend->len),
                         f1, self->trend->len, lenient);
  if (detail != NULL)
    {
      char *both = g_strconcat (self->description, " ", detail, ".", NULL);

      g_free (self->description);
      self->description = both;
    }
  gtk_label_set_text (GTK_LABEL (self->detail), detail != NULL ? detail : "");
  gtk_widget_set_visible (self->detail, detail != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
}

/* ---- drawing ----------------------------------------------------------------------------- */

static void
get_colors (GtkWidget *widget, GdkRGBA *fg, GdkRGBA *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", accent))
    gdk_rgba_parse (accent, "#1c71d8");
}

static double
x_of (KtsPracticeTrendView *self, guint i, double width)
{
  double plot = width - MARGIN_LEFT - MARGIN_RIGHT;

  if (self->trend->len < 2)
    return MARGIN_LEFT + plot / 2;
  return MARGIN_LEFT + 12 + (plot - 24) * i / (self->trend->len - 1);
}

static double
y_of (double value, double height)
{
  return MARGIN_TOP + (height - MARGIN_TOP - MARGIN_BOTTOM) * (1.0 - CLAMP (value, 0.0, 1.0));
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign,
           double       yalign)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_marker (cairo_t *cr, double x, double y, gboolean square, double size)
{
  if (square)
    cairo_rectangle (cr, x - size, y - size, 2 * size, 2 * size);
  else
    cairo_arc (cr, x, y, size, 0, 2 * G_PI);
}

static void
draw_series (KtsPracticeTrendView *self,
             cairo_t              *cr,
             int                   width,
             int                   height,
             gboolean              lenient,
             const GdkRGBA        *color,
             int                   current)
{
  static const double dash[] = { 5.0, 4.0 };
  gboolean            drawing = FALSE;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, lenient ? dash : NULL, lenient ? 2 : 0, 0);
  for (guint i = 0; i < self->trend->len; i++)
    {
      const KtsPracticeScore *overall = point_at (self, i)->overall;
      double                  v = lenient ? overall->lenient : overall->f1;

      if (isnan (v))
        {
          drawing = FALSE; /* a gap where the figure is undefined */
          continue;
        }
      if (drawing)
        cairo_line_to (cr, x_of (self, i, width), y_of (v, height));
      else
        cairo_move_to (cr, x_of (self, i, width), y_of (v, height));
      drawing = TRUE;
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < self->trend->len; i++)
    {
      const KtsPracticeScore *overall = point_at (self, i)->overall;
      double                  v = lenient ? overall->lenient : overall->f1;
      double                  x = x_of (self, i, width), y = y_of (v, height);

      if (isnan (v))
        continue;
      draw_marker (cr, x, y, lenient, (int)i == current ? 5.0 : 3.5);
      cairo_fill (cr);
      if ((int)i == current)
        {
          draw_marker (cr, x, y, lenient, 8.0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }
}

static void
draw_legend_item (cairo_t       *cr,
                  PangoLayout   *layout,
                  const char    *text,
                  double         x,
                  double         y,
                  gboolean       lenient,
                  const GdkRGBA *color,
                  const GdkRGBA *fg)
{
  static const double dash[] = { 4.0, 3.0 };

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, lenient ? dash : NULL, lenient ? 2 : 0, 0);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + 22, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_marker (cr, x + 11, y, lenient, 3.5);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, fg);
  draw_text (cr, layout, text, x + 28, y, 0.0, 0.5);
}

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  KtsPracticeTrendView *self = user_data;
  g_autoptr (PangoLayout) layout = NULL;
  GdkRGBA  fg, accent, dim;
  int      current = current_index (self);
  int      w;
  gboolean numbers = FALSE;

  if (self->trend == NULL || self->trend->len < 2)
    return;
  get_colors (GTK_WIDGET (area), &fg, &accent);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  {
    PangoFontDescription *font = pango_font_description_copy (
        pango_context_get_font_description (pango_layout_get_context (layout)));

    pango_font_description_set_size (font, pango_font_description_get_size (font) * 8 / 10);
    pango_layout_set_font_description (layout, font);
    pango_font_description_free (font);
  }

  /* The current set's column. */
  if (current >= 0)
    {
      dim = fg;
      dim.alpha = 0.07f;
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_rectangle (cr, x_of (self, (guint)current, width) - 14, MARGIN_TOP - 6, 28,
                       height - MARGIN_TOP - MARGIN_BOTTOM + 12);
      cairo_fill (cr);
    }

  /* Gridlines and the y axis labels. */
  cairo_set_line_width (cr, 1.0);
  for (int g = 0; g <= 4; g++)
    {
      double y = round (y_of (g / 4.0, height)) + 0.5;
      char   label[8];

      dim = fg;
      dim.alpha = g == 0 ? 0.35f : 0.15f;
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_move_to (cr, MARGIN_LEFT, y);
      cairo_line_to (cr, width - MARGIN_RIGHT, y);
      cairo_stroke (cr);
      dim.alpha = 0.6f;
      gdk_cairo_set_source_rgba (cr, &dim);
      g_snprintf (label, sizeof label, g % 4 == 0 ? "%.0f" : "%.2f", g / 4.0);
      draw_text (cr, layout, label, MARGIN_LEFT - 5, y, 1.0, 0.5);
    }

  /* X labels: the dates, or the sets' numbers when two dates are the same;
   * the current one in the full colour. */
  for (guint i = 1; i < self->trend->len && !numbers; i++)
    {
      g_autofree char *a = format_date (point_at (self, i - 1)->submitted);
      g_autofree char *b = format_date (point_at (self, i)->submitted);

      numbers = g_str_equal (a, b);
    }
  for (guint i = 0; i < self->trend->len; i++)
    {
      g_autofree char *date
          = numbers ? g_strdup_printf ("%u", i + 1) : format_date (point_at (self, i)->submitted);

      dim = fg;
      dim.alpha = (int)i == current ? 1.0f : 0.6f;
      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, layout, date, x_of (self, i, width), height - MARGIN_BOTTOM + 4, 0.5, 0.0);
    }

  /* Lenient below F1, so F1 stays on top where they meet. */
  dim = fg;
  dim.alpha = 0.75f;
  draw_series (self, cr, width, height, TRUE, &dim, current);
  draw_series (self, cr, width, height, FALSE, &accent, current);

  /* The legend. */
  pango_layout_set_text (layout, _ ("F1"), -1);
  pango_layout_get_pixel_size (layout, &w, NULL);
  draw_legend_item (cr, layout, _ ("F1"), MARGIN_LEFT, 10, FALSE, &accent, &fg);
  draw_legend_item (cr, layout, _ ("Lenient"), MARGIN_LEFT + 28 + w + 18, 10, TRUE, &dim, &fg);
}

static gboolean
query_tooltip_cb (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer user_data)
{
  KtsPracticeTrendView        *self = user_data;
  const KtsPracticeTrendPoint *point;
  int                          width = gtk_widget_get_width (widget);
  int                          best = -1;
  double                       best_distance = 20;
  g_autofree char             *date = NULL;
  g_autofree char             *f1 = NULL;
  g_autofree char             *lenient = NULL;
  g_autofree char             *layers = NULL;
  g_autofree char             *text = NULL;

  if (self->trend == NULL || self->trend->len < 2)
    return FALSE;
  if (keyboard)
    best = MAX (current_index (self), 0);
  for (guint i = 0; !keyboard && i < self->trend->len; i++)
    if (fabs (x_of (self, i, width) - x) < best_distance)
      {
        best_distance = fabs (x_of (self, i, width) - x);
        best = (int)i;
      }
  if (best < 0)
    return FALSE;
  point = point_at (self, (guint)best);
  date = format_date (point->submitted);
  f1 = format_value (point->overall->f1);
  lenient = format_value (point->overall->lenient);
  layers = layers_text (point);
  /* Translators: tooltip of a point of the trend chart: title, date, scores, per-layer F1 */
  text = g_strdup_printf (_ ("%s, %s\nF1 %s · lenient %s\nF1 by layer: %s"),
                          kts_practice_set_get_title (point->set), date, f1, lenient, layers);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- public -------------------------------------------------------------------------------- */

void
kts_practice_trend_view_set_trend (KtsPracticeTrendView *self,
                                   GPtrArray            *trend,
                                   KtsPracticeSet       *current)
{
  gboolean chart;

  g_return_if_fail (KTS_IS_PRACTICE_TREND_VIEW (self));

  if (trend != NULL)
    g_ptr_array_ref (trend);
  g_clear_pointer (&self->trend, g_ptr_array_unref);
  self->trend = trend;
  g_set_object (&self->current, current);
  chart = trend != NULL && trend->len >= 2;
  gtk_widget_set_visible (self->chart, chart);
  gtk_widget_set_visible (self->note, !chart);
  if (chart)
    update_text (self);
  else
    {
      g_free (self->description);
      self->description = g_strdup (gtk_label_get_text (GTK_LABEL (self->note)));
      gtk_widget_set_visible (self->detail, FALSE);
    }
  gtk_widget_queue_draw (self->chart);
}

guint
kts_practice_trend_view_get_n_points (KtsPracticeTrendView *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_TREND_VIEW (self), 0);

  return self->trend != NULL && self->trend->len >= 2 ? self->trend->len : 0;
}

const char *
kts_practice_trend_view_get_description (KtsPracticeTrendView *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_TREND_VIEW (self), NULL);

  return self->description;
}

GtkWidget *
kts_practice_trend_view_new (void)
{
  return g_object_new (KTS_TYPE_PRACTICE_TREND_VIEW, NULL);
}

/* ---- life cycle ---------------------------------------------------------------------------- */

static void
dark_changed_cb (KtsPracticeTrendView *self)
{
  gtk_widget_queue_draw (self->chart);
}

static void
kts_practice_trend_view_dispose (GObject *object)
{
  KtsPracticeTrendView *self = KTS_PRACTICE_TREND_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->trend, g_ptr_array_unref);
  g_clear_object (&self->current);
  G_OBJECT_CLASS (kts_practice_trend_view_parent_class)->dispose (object);
}

static void
kts_practice_trend_view_finalize (GObject *object)
{
  KtsPracticeTrendView *self = KTS_PRACTICE_TREND_VIEW (object);

  g_free (self->description);
  G_OBJECT_CLASS (kts_practice_trend_view_parent_class)->finalize (object);
}

/* The trend is a companion of the score card: it asks for no more width
 * than it needs, so the card beside it gets the rest. */
static void
kts_practice_trend_view_measure (GtkWidget     *widget,
                                 GtkOrientation orientation,
                                 int            for_size,
                                 int           *minimum,
                                 int           *natural,
                                 int           *minimum_baseline,
                                 int           *natural_baseline)
{
  KtsPracticeTrendView *self = KTS_PRACTICE_TREND_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = *minimum;
}

static void
kts_practice_trend_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KtsPracticeTrendView *self = KTS_PRACTICE_TREND_VIEW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
kts_practice_trend_view_class_init (KtsPracticeTrendViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_practice_trend_view_dispose;
  object_class->finalize = kts_practice_trend_view_finalize;
  widget_class->measure = kts_practice_trend_view_measure;
  widget_class->size_allocate = kts_practice_trend_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "practicetrend");
}

static void
kts_practice_trend_view_init (KtsPracticeTrendView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->heading = gtk_label_new (_ ("Progress Across Practice Sets"));
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_box_append (GTK_BOX (self->box), self->heading);

  self->chart = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                              "content-height", 150, "content-width", 240, "has-tooltip", TRUE,
                              "focusable", TRUE, "vexpand", TRUE, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);
  g_signal_connect (self->chart, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Progress across practice sets: overall F1 and lenient score"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->chart);

  self->detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->detail), 0);
  gtk_label_set_wrap (GTK_LABEL (self->detail), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->detail), 20);
  gtk_widget_add_css_class (self->detail, "caption");
  gtk_box_append (GTK_BOX (self->box), self->detail);

  self->note = gtk_label_new (_ ("Submit more practice sets to see a trend."));
  gtk_label_set_xalign (GTK_LABEL (self->note), 0);
  gtk_label_set_wrap (GTK_LABEL (self->note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->note), 20);
  gtk_widget_add_css_class (self->note, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->note);

  self->description = g_strdup (gtk_label_get_text (GTK_LABEL (self->note)));
  gtk_widget_set_visible (self->chart, FALSE);
  gtk_widget_set_visible (self->detail, FALSE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
