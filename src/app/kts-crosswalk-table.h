/* kts-crosswalk-table.h: the crosswalk between repair stage models (brief A.6) as a table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-codebook-guide.h"
#include "kts-project.h"

G_BEGIN_DECLS

/* A grid: one row per function of repair, one column per stage model, the
 * cells holding code chips of @project's codebook (a function that is part of
 * a stage rather than a stage of its own is marked "within"; an empty cell
 * shows a dash). Each function's label has the CSS class
 * "crosswalk-function". */
GtkWidget *kts_crosswalk_table_new (KtsProject *project, const KtsCrosswalk *crosswalk);

G_END_DECLS
