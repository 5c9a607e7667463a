/* kts-code-editor-dialog.h: the dialog that creates or edits a code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODE_EDITOR_DIALOG (kts_code_editor_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    KtsCodeEditorDialog, kts_code_editor_dialog, KTS, CODE_EDITOR_DIALOG, AdwWindow)

/* Edits @code, or creates a new code under @parent when @code is NULL. The
 * dialog applies its changes as one undoable step through the project's
 * operations when the user confirms, then closes. Signal "applied" (KtsCode*)
 * tells which code was created or edited. */
KtsCodeEditorDialog *kts_code_editor_dialog_new (GtkWindow  *transient_for,
                                                 KtsProject *project,
                                                 KtsCode    *code,
                                                 KtsCode    *parent);

/* Field access for keyboard-less callers (tests). */
void kts_code_editor_dialog_set_name (KtsCodeEditorDialog *self, const char *name);
void kts_code_editor_dialog_set_key (KtsCodeEditorDialog *self, const char *key);
void kts_code_editor_dialog_set_color (KtsCodeEditorDialog *self, const char *color);
/* What the Create/Save button does: validates, applies, and returns the code,
 * or NULL with @error (the dialog stays open and shows the message). */
KtsCode *kts_code_editor_dialog_apply (KtsCodeEditorDialog *self, GError **error);

G_END_DECLS
