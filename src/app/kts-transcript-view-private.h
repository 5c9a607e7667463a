/* kts-transcript-view-private.h: internals of KtsTranscriptView that tests and
 * the benchmark look at.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-transcript-view.h"

G_BEGIN_DECLS

typedef struct
{
  guint  n_below_paints;    /* BELOW_TEXT layers painted */
  guint  n_highlight_rects; /* highlight rectangles in the last paint */
  guint  n_painted_codings; /* codings highlighted in the last paint */
  guint  n_painted_stripes; /* stripes in the last gutter paint */
  guint  n_painted_numbers; /* turn numbers in the last gutter paint */
  guint  n_index_rebuilds;  /* times the coding index was rebuilt */
  guint  n_coding_redraws;  /* redraws queued because codings changed */
  guint  n_indexed;         /* codings in the index (visible coder only) */
  guint  n_columns;         /* stripe columns of the index, summed over the lanes */
  guint  n_lanes;           /* lanes of stripes, one per coder; 0 when one coder shows */
  guint  n_painted_lanes;   /* lanes in the last gutter paint */
  guint  n_turns_styled;    /* turns whose label and timestamp are styled */
  guint  n_matches;         /* search matches */
  int    current_match;     /* -1 when none */
  gint64 paint_usec;        /* our painting in the last frame: highlights, matches, gutters */
} KtsTranscriptViewStats;

void _kts_transcript_view_get_stats (KtsTranscriptView *self, KtsTranscriptViewStats *stats);
GtkTextView *_kts_transcript_view_get_text_view (KtsTranscriptView *self);
/* Styles every remaining turn now instead of in idle time. */
void _kts_transcript_view_style_all_turns (KtsTranscriptView *self);
/* Runs the search as if @needle was typed in the search entry. */
void _kts_transcript_view_search (KtsTranscriptView *self, const char *needle);
/* What a click at @offset would activate (emits "coding-activated" and
 * returns the coding, or returns NULL). */
KtsCoding *_kts_transcript_view_activate_offset (KtsTranscriptView *self, guint offset);
/* What dragging the selection out carries: "kintsugi-range:GUID:START:END",
 * or NULL without a selection. */
char *_kts_transcript_view_dup_drag_string (KtsTranscriptView *self);
/* The coding under the stripe at (@x, @y) in the view's coordinates, from
 * the last paint, or NULL. */
KtsCoding *_kts_transcript_view_stripe_at (KtsTranscriptView *self, double x, double y);

/* Lane @lane of the stripes in the last paint: its coder (NULL for codings
 * without one) and where it is, in the view's coordinates. FALSE when there is
 * no such lane. */
gboolean _kts_transcript_view_get_lane (
    KtsTranscriptView *self, guint lane, KtsCoder **coder, double *x, double *width);

G_END_DECLS
