/* kts-transcript-view.h: the widget where researchers read a transcript and
 * see, make and follow its codings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offsets are Unicode code points, as everywhere in Kintsugi; the view's
 * buffer holds exactly the document's text.
 *
 * Properties:
 *   snap-to-words  gboolean, default TRUE: selections made with the pointer or
 *                  the keyboard grow to whole words
 *   has-selection  gboolean, read-only
 *   document       KtsDocument, read-only (see kts_transcript_view_set_document())
 *   project        KtsProject, read-only
 *   visible-coders GPtrArray of KtsCoder, read-only (see
 *                  kts_transcript_view_set_visible_coders()); NULL = everyone's
 * Signals:
 *   coding-activated (KtsCoding *coding, GdkRectangle *area): a click on a
 *                  highlight or a coding stripe; @area is in the view's
 *                  coordinates, for pointing a popover at.
 *   selection-changed (): the selection's bounds changed.
 * Actions:
 *   transcript.search          shows the search bar (Ctrl+F)
 *   transcript.next-match      Ctrl+G, Enter in the search entry
 *   transcript.previous-match  Ctrl+Shift+G, Shift+Enter in the search entry
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-core.h"

G_BEGIN_DECLS

#define KTS_TYPE_TRANSCRIPT_VIEW (kts_transcript_view_get_type ())
G_DECLARE_FINAL_TYPE (KtsTranscriptView, kts_transcript_view, KTS, TRANSCRIPT_VIEW, GtkWidget)

GtkWidget *kts_transcript_view_new (void);

/* Shows @document of @project (both NULL to show nothing). */
void         kts_transcript_view_set_document (KtsTranscriptView *self,
                                               KtsProject        *project,
                                               KtsDocument       *document);
KtsDocument *kts_transcript_view_get_document (KtsTranscriptView *self);
KtsProject  *kts_transcript_view_get_project (KtsTranscriptView *self);

gboolean kts_transcript_view_get_snap_to_words (KtsTranscriptView *self);
void     kts_transcript_view_set_snap_to_words (KtsTranscriptView *self, gboolean snap_to_words);

/* The selection in code points, end exclusive; FALSE when nothing is
 * selected. Selections the user makes are snapped to whole words as they are
 * made (if snap-to-words); ranges set with kts_transcript_view_select_range()
 * are kept exactly. */
gboolean kts_transcript_view_get_selection (KtsTranscriptView *self, guint *start, guint *end);
gboolean kts_transcript_view_get_has_selection (KtsTranscriptView *self);
/* Selects [@start, @end) exactly (clamped to the text) and scrolls to it. */
void kts_transcript_view_select_range (KtsTranscriptView *self, guint start, guint end);

/* Scrolls to @coding, selects its passage and flashes it. */
void kts_transcript_view_reveal_coding (KtsTranscriptView *self, KtsCoding *coding);
/* Scrolls to @offset and puts the cursor there. */
void kts_transcript_view_reveal_offset (KtsTranscriptView *self, guint offset);

/* Shows only the codings of the coders in @coders (a GPtrArray of KtsCoder,
 * copied; NULL = everyone's, including codings without a coder; empty =
 * nobody's). When the shown codings of this document are by two or more
 * coders, the stripes get one lane per coder, headed by the coder's initials.
 * Codings an open practice set hides (kts_project_coding_is_hidden()) never
 * show, whoever is chosen here. */
void kts_transcript_view_set_visible_coders (KtsTranscriptView *self, GPtrArray *coders);
/* (transfer full) (nullable) The coders set above; NULL = everyone's. */
GPtrArray *kts_transcript_view_dup_visible_coders (KtsTranscriptView *self);
/* Whether codings of @coder (NULL: codings without a coder) are chosen to show. */
gboolean kts_transcript_view_get_coder_visible (KtsTranscriptView *self, KtsCoder *coder);
/* Convenience: shows only @coder's codings (NULL = everyone's). */
void kts_transcript_view_set_visible_coder (KtsTranscriptView *self, KtsCoder *coder);
/* The one coder whose codings are shown, or NULL when everyone's or several
 * coders' are. */
KtsCoder *kts_transcript_view_get_visible_coder (KtsTranscriptView *self);
/* Restricts kts_transcript_view_next_coding() to codings of @code or of its
 * sub-codes (NULL = any code). */
void     kts_transcript_view_set_filter_code (KtsTranscriptView *self, KtsCode *code);
KtsCode *kts_transcript_view_get_filter_code (KtsTranscriptView *self);
/* Reveals and returns the next (or previous) visible coding from the cursor
 * (after the one last revealed, when the cursor is still on it); NULL at the
 * end of the document, without wrapping around. */
KtsCoding *kts_transcript_view_next_coding (KtsTranscriptView *self, gboolean forward);

/* (transfer full) The visible codings covering @offset, narrowest first. Free
 * with g_ptr_array_unref(). */
GPtrArray *kts_transcript_view_codings_at (KtsTranscriptView *self, guint offset);

/* Extra items for the text's context menu (e.g. "Code Selection…"). */
void kts_transcript_view_set_extra_menu (KtsTranscriptView *self, GMenuModel *model);

G_END_DECLS
