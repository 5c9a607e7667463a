/* kts-transcript-gutter.h: a gutter of the transcript view (turn numbers,
 * coding stripes). It reserves a width and takes pointer events and tooltips;
 * the transcript view paints its content together with the text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KTS_TYPE_TRANSCRIPT_GUTTER (kts_transcript_gutter_get_type ())
G_DECLARE_FINAL_TYPE (KtsTranscriptGutter, kts_transcript_gutter, KTS, TRANSCRIPT_GUTTER, GtkWidget)

GtkWidget *kts_transcript_gutter_new (const char *css_class);
void       kts_transcript_gutter_set_width (KtsTranscriptGutter *self, int width);
int        kts_transcript_gutter_get_width (KtsTranscriptGutter *self);

G_END_DECLS
