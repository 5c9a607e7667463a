/* kts-move-inspector.h: the Process map's sidebar: every field of the selected move or edge, and
 * the episode's. SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-core.h"

G_BEGIN_DECLS

#define KTS_TYPE_MOVE_INSPECTOR (kts_move_inspector_get_type ())
G_DECLARE_FINAL_TYPE (KtsMoveInspector, kts_move_inspector, KTS, MOVE_INSPECTOR, GtkWidget)

/*
 * Two pages: "selection" (the selected card or cards, or the selected edge)
 * and "episode" (the episode's attributes and its case). Every edit goes
 * through kts_project_set_*() and friends, so it is undoable; an edit that
 * changes several things (a field of three selected cards, a case created
 * for the episode) is one undo step. The inspector follows the project's
 * "changed" signal, so undo and redo show at once.
 *
 * Text fields are committed on Enter, on their apply button and when they
 * lose focus; choices at once.
 *
 * Signals:
 *   coding-activated (KtsCoding *coding): an anchor row was activated (show
 *       it in the transcript).
 *   move-activated (KtsMove *move): "Select" on an edge's source or target.
 * The anchors group's button activates "mapview.add-selected-codings".
 */

GtkWidget *kts_move_inspector_new (void);
void
kts_move_inspector_set_episode (KtsMoveInspector *self, KtsProject *project, KtsEpisode *episode);
KtsEpisode *kts_move_inspector_get_episode (KtsMoveInspector *self);
/* @moves (KtsMove, may be NULL or empty) or @edge; the inspector keeps its
 * own references. Shows the selection page when something is selected. */
void kts_move_inspector_set_selection (KtsMoveInspector *self, GPtrArray *moves, KtsEdge *edge);
/* "selection" or "episode". */
void        kts_move_inspector_set_page (KtsMoveInspector *self, const char *page);
const char *kts_move_inspector_get_page (KtsMoveInspector *self);

/* The editing row (AdwPreferencesRow or a GtkTextView's frame) of @property
 * on the selection page (move or edge fields) or the episode page (episode
 * fields, and case fields as "case:PROPERTY"); for tests and focus. */
GtkWidget *kts_move_inspector_get_field (KtsMoveInspector *self, const char *property);

G_END_DECLS
