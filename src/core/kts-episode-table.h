/* kts-episode-table.h: reading a hand-written episode (moves, anchors, edges) from a text table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-project.h"

G_BEGIN_DECLS

/*
 * An episode table describes one curated episode in a line format (see
 * docs/episode-table.md): its attributes and case, its moves in event order
 * with any field of the model, anchors to existing codings (by turn, code and
 * the exact coded text) and typed edges. Lines look like
 *
 *   episode|name|Session 7: the role-play
 *   move|m1|before|client|self-definition|-|participant|S7|Tells how he kept the lead
 *   anchor|m1|10|SD.integrity|I said, in the meeting, that I'd like to keep it
 *   edge|responds-to|m2|m3
 *
 * Adds the episode (with its case, if the table has one) to @project as one
 * undoable step. An episode of the same name is refused unless @replace,
 * which removes it in the same step. @source_name names the table in error
 * messages ("episode.txt, line 12: …"). On error nothing is changed.
 * Returns the new episode (transfer none) or NULL.
 */
KtsEpisode *kts_project_import_episode_table (KtsProject *project,
                                              const char *text,
                                              gssize      length,
                                              const char *source_name,
                                              gboolean    replace,
                                              GError    **error);

G_END_DECLS
