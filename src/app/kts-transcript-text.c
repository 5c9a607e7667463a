/* kts-transcript-text.c: the GtkTextView inside KtsTranscriptView.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-transcript"

#include "config.h"

#include "kts-transcript-text.h"

struct _KtsTranscriptText
{
  GtkTextView parent_instance;

  KtsTranscriptLayerFunc   layer_func;
  KtsTranscriptOverlayFunc overlay_func;
  KtsTranscriptStyleFunc   style_func;
  gpointer                 user_data;
};

G_DEFINE_FINAL_TYPE (KtsTranscriptText, kts_transcript_text, GTK_TYPE_TEXT_VIEW)

static void
kts_transcript_text_snapshot_layer (GtkTextView     *text_view,
                                    GtkTextViewLayer layer,
                                    GtkSnapshot     *snapshot)
{
  KtsTranscriptText *self = KTS_TRANSCRIPT_TEXT (text_view);

  if (self->layer_func != NULL)
    self->layer_func (text_view, layer, snapshot, self->user_data);
}

/* Gutters are painted here rather than by their own widgets so they always
 * match the text drawn in the same frame (scrolling, relayout, new tags). */
static void
kts_transcript_text_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KtsTranscriptText *self = KTS_TRANSCRIPT_TEXT (widget);

  GTK_WIDGET_CLASS (kts_transcript_text_parent_class)->snapshot (widget, snapshot);

  if (self->overlay_func != NULL)
    self->overlay_func (GTK_TEXT_VIEW (self), snapshot, self->user_data);
}

static void
kts_transcript_text_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  KtsTranscriptText *self = KTS_TRANSCRIPT_TEXT (widget);

  GTK_WIDGET_CLASS (kts_transcript_text_parent_class)->css_changed (widget, change);

  if (self->style_func != NULL)
    self->style_func (GTK_TEXT_VIEW (self), self->user_data);
}

static void
kts_transcript_text_class_init (KtsTranscriptTextClass *klass)
{
  GtkWidgetClass   *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  widget_class->css_changed = kts_transcript_text_css_changed;
  widget_class->snapshot = kts_transcript_text_snapshot;
  text_view_class->snapshot_layer = kts_transcript_text_snapshot_layer;
}

static void
kts_transcript_text_init (KtsTranscriptText *self)
{
}

GtkWidget *
kts_transcript_text_new (void)
{
  return g_object_new (KTS_TYPE_TRANSCRIPT_TEXT, NULL);
}

void
kts_transcript_text_set_delegate (KtsTranscriptText       *self,
                                  KtsTranscriptLayerFunc   layer_func,
                                  KtsTranscriptOverlayFunc overlay_func,
                                  KtsTranscriptStyleFunc   style_func,
                                  gpointer                 user_data)
{
  g_return_if_fail (KTS_IS_TRANSCRIPT_TEXT (self));

  self->layer_func = layer_func;
  self->overlay_func = overlay_func;
  self->style_func = style_func;
  self->user_data = user_data;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
