/* kts-episode-dialog.h: New Episode: a name, a transcript and a range of its turns.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-core.h"

G_BEGIN_DECLS

#define KTS_TYPE_EPISODE_DIALOG (kts_episode_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtsEpisodeDialog, kts_episode_dialog, KTS, EPISODE_DIALOG, AdwMessageDialog)

/*
 * Responses "cancel" and "create". On "create" the episode is added to the
 * project (with its moves drafted from the codings if asked) as one undoable
 * step, before handlers connected by the caller run; they find it with
 * kts_episode_dialog_get_episode().
 *
 * @document and @start < @end (code points) preset the transcript and the
 * turns from a selection in the transcript; without them the first
 * transcript and all its turns are offered.
 */
GtkWidget *kts_episode_dialog_new (
    GtkWindow *parent, KtsProject *project, KtsDocument *document, guint start, guint end);
/* The episode made on "create" (transfer none), or NULL. */
KtsEpisode *kts_episode_dialog_get_episode (KtsEpisodeDialog *self);

/* For tests: the form's values. */
void kts_episode_dialog_set_name (KtsEpisodeDialog *self, const char *name);
void kts_episode_dialog_set_turns (KtsEpisodeDialog *self, guint first_turn, guint last_turn);
void kts_episode_dialog_get_turns (KtsEpisodeDialog *self, guint *first_turn, guint *last_turn);
void kts_episode_dialog_set_build (KtsEpisodeDialog *self, gboolean build);

G_END_DECLS
