/* kts-code-row.h: one row of the codebook panel: swatch, name, key, digit, count.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODE_ROW (kts_code_row_get_type ())
G_DECLARE_FINAL_TYPE (KtsCodeRow, kts_code_row, KTS, CODE_ROW, GtkWidget)

/* The row triggers the panel's "codebook.*" actions with the code's GUID as
 * target: "codebook.click" when clicked (applies the code when transcript text
 * is selected), "codebook.apply" when transcript text is dropped on it, "codebook.move-into"
 * (target "(ss)": moved code, new parent) when another code is dropped on it, and the context
 * menu's actions. */
GtkWidget *kts_code_row_new (void);
/* @tree_row may be NULL for the flat (search) list; @show_path shows the
 * parent's name under the code's name. */
void     kts_code_row_bind (KtsCodeRow     *self,
                            KtsProject     *project,
                            GtkTreeListRow *tree_row,
                            KtsCode        *code,
                            gboolean        show_path);
void     kts_code_row_unbind (KtsCodeRow *self);
KtsCode *kts_code_row_get_code (KtsCodeRow *self);
/* Pops up the context menu. */
void kts_code_row_popup_menu (KtsCodeRow *self);

/* Tooltip markup with the code's description fields, newly allocated. */
char *kts_code_describe_markup (KtsCode *code);

G_END_DECLS
