/* kts-refi-report-dialog.h: what a REFI-QDA import added, matched, skipped and read differently.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-refi.h"

G_BEGIN_DECLS

#define KTS_TYPE_REFI_REPORT_DIALOG (kts_refi_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    KtsRefiReportDialog, kts_refi_report_dialog, KTS, REFI_REPORT_DIALOG, AdwWindow)

/* Shows @report under @heading ("Codebook Imported"); @filename is the
 * window's subtitle. The lines come grouped: how the file was read, added,
 * matched, skipped, warnings. A button copies the whole report as text. */
KtsRefiReportDialog *kts_refi_report_dialog_new (GtkWindow     *transient_for,
                                                 const char    *heading,
                                                 const char    *filename,
                                                 KtsRefiReport *report);
KtsRefiReport       *kts_refi_report_dialog_get_report (KtsRefiReportDialog *self);
const char          *kts_refi_report_dialog_get_heading (KtsRefiReportDialog *self);
/* The summary line: "12 added, 3 matched, 1 skipped". */
const char *kts_refi_report_dialog_get_summary (KtsRefiReportDialog *self);

G_END_DECLS
