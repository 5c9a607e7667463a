/* kts-import-dialog.h: the dialog that reads transcript files and previews them before import.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-import-item.h"
#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_IMPORT_DIALOG (kts_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtsImportDialog, kts_import_dialog, KTS, IMPORT_DIALOG, AdwWindow)

/*
 * Reads @files in a thread as soon as it is created, showing progress; then
 * shows each file's title, format, size, turns, warnings or error, its
 * speakers with a role each, and a preview of its first turns. A role chosen
 * for a speaker applies to every file of the dialog with that label and
 * detects the turns again.
 *
 * Actions ("import-dialog."): import — adds the included, readable files to
 * @project (a new project when @project is NULL) as one undo step, emits
 * "imported" and closes. Closing otherwise (Cancel, Escape) stops the reading
 * and adds nothing.
 *
 * Signals:
 *   imported (KtsProject *project, KtsDocument *last, guint n_documents)
 *
 * Properties: busy (gboolean, read-only): files are still being read or
 * turns detected again; Import waits for it. project (KtsProject, may be
 * NULL): where Import adds the documents; read when Import is pressed.
 */
KtsImportDialog *
kts_import_dialog_new (GtkWindow *transient_for, KtsProject *project, GFile **files, guint n_files);

KtsProject *kts_import_dialog_get_project (KtsImportDialog *self);
void        kts_import_dialog_set_project (KtsImportDialog *self, KtsProject *project);
/* The files, as a GListModel of KtsImportItem. */
GListModel *kts_import_dialog_get_items (KtsImportDialog *self);
gboolean    kts_import_dialog_get_busy (KtsImportDialog *self);
/* Shows the details of item @index. */
void kts_import_dialog_select (KtsImportDialog *self, guint index);
/* The role chosen for speakers labelled @label (case-insensitive) in all
 * files; what the speaker rows' role choosers do. */
void kts_import_dialog_set_speaker_role (KtsImportDialog *self, const char *label, KtsRole role);
/* Marks every file as pseudonymised or not. */
void kts_import_dialog_set_all_pseudonymised (KtsImportDialog *self, gboolean pseudonymised);

G_END_DECLS
