/* kts-frequency-table.h: the frequencies page of the Analysis view: codes by actor or phase.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_FREQUENCY_TABLE (kts_frequency_table_get_type ())
G_DECLARE_FINAL_TYPE (KtsFrequencyTable, kts_frequency_table, KTS, FREQUENCY_TABLE, GtkWidget)

/* Columns of the two tables. A coding's phase is the phase of the map move
 * it is an anchor of; a coding anchored in moves of two phases counts in
 * both; codings in no move, or in moves without a phase, are "no phase". */
typedef enum
{
  KTS_FREQUENCY_BY_ACTOR,
  KTS_FREQUENCY_BY_PHASE,
} KtsFrequencyMode;

#define KTS_FREQUENCY_N_COLUMNS 5

GtkWidget *kts_frequency_table_new (void);
void       kts_frequency_table_set_project (KtsFrequencyTable *self, KtsProject *project);
void       kts_frequency_table_set_mode (KtsFrequencyTable *self, KtsFrequencyMode mode);
/* Only @document's codings (NULL: the whole project), only @coder's (NULL: all). */
void
kts_frequency_table_set_scope (KtsFrequencyTable *self, KtsDocument *document, KtsCoder *coder);
/* Count of @code's codings (not its sub-codes') in column @column (actor
 * order: therapist, client, dyad, third, not set; phase order: before,
 * rupture, repair, after, no phase), or the row total when @column is -1. */
guint kts_frequency_table_get_count (KtsFrequencyTable *self, KtsCode *code, int column);
/* The codes with at least one coding in the scope, in codebook order. */
GListModel *kts_frequency_table_get_codes (KtsFrequencyTable *self);
void        kts_frequency_table_refresh (KtsFrequencyTable *self);
/* What is shown: "table" or "empty" (nothing counted). */
const char *kts_frequency_table_get_state (KtsFrequencyTable *self);

G_END_DECLS
