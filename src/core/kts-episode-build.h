/* kts-episode-build.h: drafting a process map from the codings of an episode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-project.h"

G_BEGIN_DECLS

/* Creates an episode for turns @first_turn..@last_turn (1-based, inclusive)
 * of @document and adds it to @project (undoable). */
KtsEpisode *kts_project_add_episode_for_turns (KtsProject  *project,
                                               const char  *name,
                                               KtsDocument *document,
                                               guint        first_turn,
                                               guint        last_turn,
                                               GError     **error);

/* Drafts the moves of @episode from the codings inside its transcript range,
 * in text order, as one undoable step:
 * - codings whose spans overlap within one turn form one move (the event),
 *   all of them its anchors;
 * - the actor comes from the codings (else the speaker's role), the dimension
 *   from the codes (SD and REL together make "both");
 * - the phase follows the landmark codes (EP.rupture_onset, EP.repair_start,
 *   EP.resolution, EP.revisit), the role follows landmarks and markers
 *   (EP.ostensive, EP.failed_repair, EP.resolution, RUP.T.*, RUP.W/C.*);
 * - a label is drafted from the code names, for the analyst to rewrite.
 * Codings an open practice set hides (kts_project_coding_is_hidden()) are
 * left out. An episode that already has moves is refused unless @replace, which removes
 * them first (in the same undo step). Returns the number of moves made, or
 * -1 with @error. */
int kts_episode_build_from_codings (KtsProject *project,
                                    KtsEpisode *episode,
                                    gboolean    replace,
                                    GError    **error);

/* One move for @codings (one event: "Add to Map" on a coding in the
 * transcript), added to @episode as one undoable step. It is drafted as
 * kts_episode_build_from_codings() drafts a move (actor, dimension from the
 * Blatt codes only, role, label), placed in event order before the first
 * move whose first anchor starts later in the text, in the phase of the move
 * before it (or after it) unless its codes are a landmark, with the next id
 * in the style of its neighbours' ("m7" → "m22"). Returns the move
 * (transfer none) or NULL with @error. */
KtsMove *kts_episode_add_move_for_codings (
    KtsProject *project, KtsEpisode *episode, KtsCoding **codings, guint n_codings, GError **error);

G_END_DECLS
