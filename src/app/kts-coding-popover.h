/* kts-coding-popover.h: the popover listing the codings at a clicked point.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODING_POPOVER (kts_coding_popover_get_type ())
G_DECLARE_FINAL_TYPE (KtsCodingPopover, kts_coding_popover, KTS, CODING_POPOVER, GtkPopover)

/* One card per coding: its code (click to change it through a quick-code
 * search), the quoted passage, actor, memo, coder, and a remove button (the
 * window's action win.remove-coding). All changes go through the project's
 * operations. Codings hidden by an open practice set are left out; a coding
 * locked by a submitted one shows a lock instead of the remove button, and
 * its code, actor and memo cannot be changed (docs/practice.md). */
GtkWidget *kts_coding_popover_new (void);
void       kts_coding_popover_set_codings (KtsCodingPopover *self,
                                           KtsProject       *project,
                                           KtsCoding *const *codings,
                                           guint             n_codings);

/* Translated name of an actor, e.g. "Client". */
const char *kts_actor_get_label (KtsActor actor);

G_END_DECLS
