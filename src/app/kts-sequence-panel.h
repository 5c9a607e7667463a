/* kts-sequence-panel.h: the sequences page of the Analysis view (docs/sequence.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"
#include "kts-sequence-matrix.h"
#include "kts-sequence.h"

G_BEGIN_DECLS

#define KTS_TYPE_SEQUENCE_PANEL (kts_sequence_panel_get_type ())
G_DECLARE_FINAL_TYPE (KtsSequencePanel, kts_sequence_panel, KTS, SEQUENCE_PANEL, GtkWidget)

/*
 * Lag-1 transitions of an episode's moves (by lane, code or actor) or of a
 * transcript's coded turns (optionally one layer, one coder), as a heatmap
 * (KtsSequenceMatrix), with CSV export (kts_transitions_to_csv()).
 * What is shown is one of the states "matrix", "nothing" (no episode and no
 * coding), "no-episodes" and "error" (nothing to analyse in the choice).
 */
GtkWidget *kts_sequence_panel_new (void);
void       kts_sequence_panel_set_project (KtsSequencePanel *self, KtsProject *project);
void
kts_sequence_panel_show_episode (KtsSequencePanel *self, KtsEpisode *episode, KtsSequenceUnit unit);
/* @coder and @layer may be NULL (all). */
void               kts_sequence_panel_show_document (KtsSequencePanel *self,
                                                     KtsDocument      *document,
                                                     KtsCoder         *coder,
                                                     const char       *layer);
KtsSequenceMatrix *kts_sequence_panel_get_matrix (KtsSequencePanel *self);
const char        *kts_sequence_panel_get_state (KtsSequencePanel *self);
void               kts_sequence_panel_refresh (KtsSequencePanel *self);

G_END_DECLS
