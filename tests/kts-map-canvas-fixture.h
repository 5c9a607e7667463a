/* kts-map-canvas-fixture.h: puts the map fixtures into a project, with interview excerpts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

/* Adds the episode of tests/data/map/NAME to @project through the project's
 * operations (undoable, like a user's edits). With @excerpts it also adds the
 * interview of tests/data/map-canvas/NAME: a transcript, the codes it uses,
 * one coding per code and move, and the moves' anchors. Returns the episode
 * (transfer none: the project holds it). */
KtsEpisode *kts_map_canvas_fixture_add (KtsProject *project, const char *name, gboolean excerpts);

/* Adds a synthetic episode of @n_moves moves (lanes, phases and sessions
 * varying, labels and quotes of realistic length, anchored in a generated
 * transcript) and about 1.2 × @n_moves edges. Deterministic. */
KtsEpisode *kts_map_canvas_fixture_add_long (KtsProject *project, guint n_moves);

G_END_DECLS
