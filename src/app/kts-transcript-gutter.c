/* kts-transcript-gutter.c: a gutter of the transcript view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-transcript"

#include "config.h"

#include "kts-transcript-gutter.h"

struct _KtsTranscriptGutter
{
  GtkWidget parent_instance;

  int width;
};

G_DEFINE_FINAL_TYPE (KtsTranscriptGutter, kts_transcript_gutter, GTK_TYPE_WIDGET)

static void
kts_transcript_gutter_measure (GtkWidget     *widget,
                               GtkOrientation orientation,
                               int            for_size,
                               int           *minimum,
                               int           *natural,
                               int           *minimum_baseline,
                               int           *natural_baseline)
{
  KtsTranscriptGutter *self = KTS_TRANSCRIPT_GUTTER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->width;
  else
    *minimum = *natural = 0;
}

static void
kts_transcript_gutter_class_init (KtsTranscriptGutterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = kts_transcript_gutter_measure;

  gtk_widget_class_set_css_name (widget_class, "ktsgutter");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kts_transcript_gutter_init (KtsTranscriptGutter *self)
{
}

GtkWidget *
kts_transcript_gutter_new (const char *css_class)
{
  GtkWidget *self = g_object_new (KTS_TYPE_TRANSCRIPT_GUTTER, NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (self, css_class);
  return self;
}

void
kts_transcript_gutter_set_width (KtsTranscriptGutter *self, int width)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_GUTTER (self));

  width = MAX (width, 0);
  if (self->width == width)
    return;
  self->width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

int
kts_transcript_gutter_get_width (KtsTranscriptGutter *self)
{
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_GUTTER (self), 0);
  return self->width;
}
