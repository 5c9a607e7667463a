/* kts-quick-code-popover.h: the Ctrl+K popover that finds a code by typing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_QUICK_CODE_POPOVER (kts_quick_code_popover_get_type ())
G_DECLARE_FINAL_TYPE (
    KtsQuickCodePopover, kts_quick_code_popover, KTS, QUICK_CODE_POPOVER, GtkPopover)

/* Lists the applicable codes of @project ranked by a fuzzy match of the typed
 * text on name and key; Enter or a click emits "code-chosen" (KtsCode *) and
 * closes the popover. */
GtkWidget *kts_quick_code_popover_new (void);
void       kts_quick_code_popover_set_project (KtsQuickCodePopover *self, KtsProject *project);
void       kts_quick_code_popover_set_heading (KtsQuickCodePopover *self, const char *heading);
/* Ranked matches for @query (transfer container, of KtsCode). */
GPtrArray *kts_quick_code_popover_rank (KtsProject *project, const char *query);

G_END_DECLS
