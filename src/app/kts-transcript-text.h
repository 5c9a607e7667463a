/* kts-transcript-text.h: the GtkTextView inside KtsTranscriptView, which lets
 * its owner paint below and above the text and hear about style changes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KTS_TYPE_TRANSCRIPT_TEXT (kts_transcript_text_get_type ())
G_DECLARE_FINAL_TYPE (KtsTranscriptText, kts_transcript_text, KTS, TRANSCRIPT_TEXT, GtkTextView)

/* Called from GtkTextViewClass.snapshot_layer, in buffer coordinates. */
typedef void (*KtsTranscriptLayerFunc) (GtkTextView     *text,
                                        GtkTextViewLayer layer,
                                        GtkSnapshot     *snapshot,
                                        gpointer         user_data);
/* Called after the text view painted itself and its gutters, in widget
 * coordinates: paints what must move with the text in the gutters. */
typedef void (*KtsTranscriptOverlayFunc) (GtkTextView *text,
                                          GtkSnapshot *snapshot,
                                          gpointer     user_data);
/* Called after the CSS style (and so possibly the font) changed. */
typedef void (*KtsTranscriptStyleFunc) (GtkTextView *text, gpointer user_data);

GtkWidget *kts_transcript_text_new (void);
void       kts_transcript_text_set_delegate (KtsTranscriptText       *self,
                                             KtsTranscriptLayerFunc   layer_func,
                                             KtsTranscriptOverlayFunc overlay_func,
                                             KtsTranscriptStyleFunc   style_func,
                                             gpointer                 user_data);

G_END_DECLS
