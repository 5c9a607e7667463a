/* kts-coder-switcher.h: the coder switcher of the Transcripts view: who new
 * codings are made as, and whose codings show.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-transcript-view.h"

G_BEGIN_DECLS

typedef struct _KtsWindow KtsWindow;

#define KTS_TYPE_CODER_SWITCHER (kts_coder_switcher_get_type ())
G_DECLARE_FINAL_TYPE (KtsCoderSwitcher, kts_coder_switcher, KTS, CODER_SWITCHER, GtkWidget)

/* A menu button showing the coder new codings are made as ("Coding as:
 * Anna"). Its popover lists the project's coders, each with a radio button
 * (code as this coder: kts_window_set_coder()), a check button (show this
 * coder's codings in @view: kts_transcript_view_set_visible_coders()) and its
 * name, which can be edited in place (an undoable rename); "Show All" and
 * "Only Mine" set the checks at once; "New Coder…" adds a coder (undoable)
 * and codes as them. It follows the project's list of coders, renames and the
 * view's visible coders as they change. */
GtkWidget *kts_coder_switcher_new (KtsWindow *window, KtsTranscriptView *view);
void       kts_coder_switcher_set_project (KtsCoderSwitcher *self, KtsProject *project);
/* Shows the current coder again (after kts_window_set_coder()). */
void kts_coder_switcher_update (KtsCoderSwitcher *self);
void kts_coder_switcher_popup (KtsCoderSwitcher *self);
/* The menu button's text, e.g. "Coding as: Anna". */
const char *kts_coder_switcher_get_label (KtsCoderSwitcher *self);

G_END_DECLS
