/* kts-frequency-bar.c: a count with a bar proportional to it, for frequency tables.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-frequency-bar"

#include "config.h"

#include "kts-frequency-bar.h"

#define BAR_HEIGHT 10
#define GAP 8
#define MIN_BAR 40
#define NUMBER_TEXT "0000"

struct _KtsFrequencyBar
{
  GtkWidget parent_instance;

  guint    value;
  guint    maximum;
  gboolean neutral;
};

G_DEFINE_FINAL_TYPE (KtsFrequencyBar, kts_frequency_bar, GTK_TYPE_WIDGET)

static PangoLayout *
make_layout (KtsFrequencyBar *self, const char *text)
{
  PangoLayout   *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Digits of one width keep the numbers of a column aligned. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int
number_width (KtsFrequencyBar *self)
{
  g_autoptr (PangoLayout) layout = make_layout (self, NUMBER_TEXT);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
kts_frequency_bar_measure (GtkWidget     *widget,
                           GtkOrientation orientation,
                           int            for_size,
                           int           *minimum,
                           int           *natural,
                           int           *minimum_baseline,
                           int           *natural_baseline)
{
  KtsFrequencyBar *self = KTS_FREQUENCY_BAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int number = number_width (self);
      *minimum = number + GAP + MIN_BAR / 2;
      *natural = number + GAP + MIN_BAR * 2;
    }
  else
    {
      g_autoptr (PangoLayout) layout = make_layout (self, NUMBER_TEXT);
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      *minimum = *natural = MAX (height, BAR_HEIGHT) + 4;
    }
}

static void
lookup_color (GtkWidget *widget, const char *name, GdkRGBA *color, const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
kts_frequency_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KtsFrequencyBar *self = KTS_FREQUENCY_BAR (widget);
  int              width = gtk_widget_get_width (widget);
  int              height = gtk_widget_get_height (widget);
  int              number = number_width (self);
  g_autofree char *text = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  GdkRGBA fg;
  int     text_width, text_height;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  if (self->value == 0)
    {
      text = g_strdup ("–");
      fg.alpha *= 0.35f;
    }
  else
    text = g_strdup_printf ("%u", self->value);
  layout = make_layout (self, text);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  /* The bar first, in the space before the number. */
  if (self->value > 0 && self->maximum > 0)
    {
      int            bar_space = MAX (0, width - number - GAP);
      double         share = MIN (1.0, (double)self->value / self->maximum);
      float          bar_width = MAX (2.f, (float)(share * bar_space));
      GskRoundedRect rect;
      GdkRGBA        color;

      if (self->neutral)
        {
          color = fg;
          color.alpha = 0.28f;
        }
      else
        {
          lookup_color (widget, "accent_bg_color", &color, "#3584e4");
          color.alpha = 0.85f;
        }
      gsk_rounded_rect_init_from_rect (
          &rect, &GRAPHENE_RECT_INIT (0, (height - BAR_HEIGHT) / 2.f, bar_width, BAR_HEIGHT), 3.f);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &color, &rect.bounds);
      gtk_snapshot_pop (snapshot);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (width - text_width, (height - text_height) / 2.f));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);
}

static void
kts_frequency_bar_class_init (KtsFrequencyBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = kts_frequency_bar_measure;
  widget_class->snapshot = kts_frequency_bar_snapshot;

  gtk_widget_class_set_css_name (widget_class, "frequencybar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
kts_frequency_bar_init (KtsFrequencyBar *self)
{
}

GtkWidget *
kts_frequency_bar_new (void)
{
  return g_object_new (KTS_TYPE_FREQUENCY_BAR, NULL);
}

void
kts_frequency_bar_set_value (KtsFrequencyBar *self, guint value, guint maximum)
{
  g_return_if_fail (KTS_IS_FREQUENCY_BAR (self));

  if (self->value == value && self->maximum == maximum)
    return;
  self->value = value;
  self->maximum = maximum;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double)MAX (maximum, value),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double)value, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
kts_frequency_bar_get_value (KtsFrequencyBar *self)
{
  g_return_val_if_fail (KTS_IS_FREQUENCY_BAR (self), 0);
  return self->value;
}

void
kts_frequency_bar_set_neutral (KtsFrequencyBar *self, gboolean neutral)
{
  g_return_if_fail (KTS_IS_FREQUENCY_BAR (self));

  neutral = !!neutral;
  if (self->neutral == neutral)
    return;
  self->neutral = neutral;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
