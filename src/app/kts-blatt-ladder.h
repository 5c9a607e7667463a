/* kts-blatt-ladder.h: one of Blatt's two lists (self-definition or relatedness) as a vertical
 * scale. SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_BLATT_LADDER (kts_blatt_ladder_get_type ())
G_DECLARE_FINAL_TYPE (KtsBlattLadder, kts_blatt_ladder, KTS, BLATT_LADDER, GtkWidget)

/*
 * The codes of one Blatt dimension that have a rank, in Blatt's list order
 * from the top, as rungs joined by a line: the less mature band, the cut,
 * then the more mature band, each band named in words. A rung activates
 * "codebook-view.show-code" with its code's guid.
 */
GtkWidget *kts_blatt_ladder_new (KtsDimension dimension);
/* Rebuilds the rungs from @project's codebook and marks @current (may be
 * NULL); returns the number of rungs. */
guint kts_blatt_ladder_update (KtsBlattLadder *self, KtsProject *project, KtsCode *current);

G_END_DECLS
