/* kts-poster-dialog.h: Export Poster: paper, layout, format and tiling, with a live preview.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-core.h"
#include "kts-poster.h"

G_BEGIN_DECLS

#define KTS_TYPE_POSTER_DIALOG (kts_poster_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtsPosterDialog, kts_poster_dialog, KTS, POSTER_DIALOG, AdwWindow)

/*
 * The preview is the poster code's own rendering of a sheet, made in a
 * worker thread a moment after the options last changed (the dialog is
 * modal, so the episode does not change meanwhile).
 *
 * Properties (read-only):
 *   preview   GdkTexture of the sheet shown, NULL until the first is ready
 *   summary   string: "3 sheets on A1 landscape · text 13 pt or larger"
 *   busy      gboolean: a preview or an export is being made
 * Signals:
 *   exported (GFile *file): the poster was written (the dialog then closes).
 */

GtkWidget *kts_poster_dialog_new (GtkWindow        *parent,
                                  KtsEpisode       *episode,
                                  KtsMapArrangement arrangement,
                                  const char       *codebook_version);

/* Bracketing: while the theory layers are locked only the flowchart (brief
 * B.3.1) may be printed; the layout choice says so and cannot change. */
void        kts_poster_dialog_set_flowchart_only (KtsPosterDialog *self, gboolean flowchart_only);
GdkTexture *kts_poster_dialog_get_preview (KtsPosterDialog *self);
const char *kts_poster_dialog_get_summary (KtsPosterDialog *self);
gboolean    kts_poster_dialog_get_busy (KtsPosterDialog *self);
/* The options the form describes now. Strings in @options point into the
 * dialog and stay valid until the form changes. */
void kts_poster_dialog_get_options (KtsPosterDialog  *self,
                                    KtsPosterOptions *options,
                                    KtsPosterFormat  *format);

/* Form setters, as a user would choose (for tests): a paper name of
 * kts_poster_parse_paper(), a tile paper ("a4", "a3", "letter" or NULL). */
void kts_poster_dialog_set_paper (KtsPosterDialog *self, const char *paper, gboolean landscape);
void kts_poster_dialog_set_format (KtsPosterDialog *self, KtsPosterFormat format);
void kts_poster_dialog_set_tiling (KtsPosterDialog *self, const char *tile_paper);
void kts_poster_dialog_set_date (KtsPosterDialog *self, const char *date);

/* Writes the poster to @file as the Export button does after its file
 * chooser: first asking (in an AdwMessageDialog) whether to go on if the
 * episode quotes transcripts not marked pseudonymised. */
void kts_poster_dialog_export_to (KtsPosterDialog *self, GFile *file);

G_END_DECLS
