/* kts-refi-dialogs.h: the window's exchange commands: REFI-QDA codebooks and projects, CSV.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-window.h"

G_BEGIN_DECLS

/*
 * Each command asks for a file with a GtkFileChooserNative when @file is
 * NULL, reads or writes it in a thread, and reports: a KtsRefiReportDialog
 * after an import, a toast after an export, an AdwMessageDialog on failure
 * (the project is then unchanged).
 */

/* Reads a REFI-QDA codebook into the window's project as one undo step (a
 * new project when the window has none). An empty codebook is filled; a
 * codebook with codes is merged into, after the user agrees. */
void kts_refi_dialogs_import_codebook (KtsWindow *window, GFile *file);
/* Opens a REFI-QDA project as a new, unsaved project: in @window when it is
 * pristine, else in a new window. */
void kts_refi_dialogs_open_project (KtsWindow *window, GFile *file);
/* Export the window's project. */
void kts_refi_dialogs_export_codebook (KtsWindow *window, GFile *file);
void kts_refi_dialogs_export_project (KtsWindow *window, GFile *file);
/* The coded segments as CSV; @with_bom starts the file with a UTF-8 byte
 * order mark, which Microsoft Excel needs (the file chooser offers it). */
void kts_refi_dialogs_export_codings (KtsWindow *window, GFile *file, gboolean with_bom);

G_END_DECLS
