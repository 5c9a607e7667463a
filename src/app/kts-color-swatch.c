/* kts-color-swatch.c: a small rounded square showing a code's colour.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-color-swatch"

#include "config.h"

#include "kts-color-swatch.h"

struct _KtsColorSwatch
{
  GtkWidget parent_instance;
  char     *color;
  GdkRGBA   rgba;
};

G_DEFINE_FINAL_TYPE (KtsColorSwatch, kts_color_swatch, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_color_swatch_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KtsColorSwatch *self = KTS_COLOR_SWATCH (widget);
  int             w = gtk_widget_get_width (widget);
  int             h = gtk_widget_get_height (widget);
  int             size = MIN (w, h);
  GskRoundedRect  rect;
  GdkRGBA         border;
  float           widths[4] = { 1, 1, 1, 1 };
  GdkRGBA         borders[4];

  if (size <= 0)
    return;

  gsk_rounded_rect_init_from_rect (
      &rect, &GRAPHENE_RECT_INIT ((w - size) / 2.f, (h - size) / 2.f, size, size), size / 4.f);

  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);
  gtk_snapshot_pop (snapshot);

  /* A faint outline in the foreground colour keeps light colours visible on
   * light backgrounds and dark ones on dark backgrounds. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &border);
  border.alpha = 0.25f;
  for (guint i = 0; i < 4; i++)
    borders[i] = border;
  gtk_snapshot_append_border (snapshot, &rect, widths, borders);
}

static void
kts_color_swatch_finalize (GObject *object)
{
  KtsColorSwatch *self = KTS_COLOR_SWATCH (object);

  g_free (self->color);

  G_OBJECT_CLASS (kts_color_swatch_parent_class)->finalize (object);
}

static void
kts_color_swatch_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsColorSwatch *self = KTS_COLOR_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_color_swatch_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KtsColorSwatch *self = KTS_COLOR_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      kts_color_swatch_set_color (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_color_swatch_class_init (KtsColorSwatchClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kts_color_swatch_finalize;
  object_class->get_property = kts_color_swatch_get_property;
  object_class->set_property = kts_color_swatch_set_property;
  widget_class->snapshot = kts_color_swatch_snapshot;

  properties[PROP_COLOR]
      = g_param_spec_string ("color", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
  /* Decoration: the code's name is always next to it. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kts_color_swatch_init (KtsColorSwatch *self)
{
  gdk_rgba_parse (&self->rgba, "#9a9996");
  gtk_widget_set_size_request (GTK_WIDGET (self), 14, 14);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
kts_color_swatch_new (const char *color)
{
  return g_object_new (KTS_TYPE_COLOR_SWATCH, "color", color, NULL);
}

const char *
kts_color_swatch_get_color (KtsColorSwatch *self)
{
  g_return_val_if_fail (KTS_IS_COLOR_SWATCH (self), NULL);
  return self->color;
}

void
kts_color_swatch_set_color (KtsColorSwatch *self, const char *color)
{
  g_return_if_fail (KTS_IS_COLOR_SWATCH (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    gdk_rgba_parse (&self->rgba, "#9a9996");
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
