/* kts-window.h: the main window: one project, its documents, transcript and codebook.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kts-codebook-panel.h"
#include "kts-import-dialog.h"
#include "kts-project.h"
#include "kts-map-view.h"
#include "kts-practice-view.h"

G_BEGIN_DECLS

#define KTS_TYPE_WINDOW (kts_window_get_type ())
G_DECLARE_FINAL_TYPE (KtsWindow, kts_window, KTS, WINDOW, AdwApplicationWindow)

/*
 * Window actions ("win."): save, save-as, import (asks for transcript files,
 * then shows the import dialog), import-file(s: URI; imports at once, no
 * dialog), import-codebook, open-refi-project, export-codebook,
 * export-refi-project, export-codings (see kts-refi-dialogs.h),
 * undo, redo, apply-code(s: code GUID), apply-code-range((ssuu): code GUID,
 * document GUID, start, end), apply-shortcut(i: digit),
 * quick-code, next-coding, previous-coding, next-coding-of(s: code GUID),
 * previous-coding-of(s), next-coding-of-selected, previous-coding-of-selected
 * (of the code selected in the codebook), set-actor(s: actor nick), toggle-sidebar,
 * search, show-import-warnings, reveal-coding(s: coding GUID: show it in the
 * Transcripts view), add-to-map(s: coding GUID: a move anchored to it in the
 * Process map's episode), show-map-move(s: move GUID), new-episode (the
 * Process map's New Episode dialog, with the transcript's selected turns),
 * show-code(s: code GUID: its page in the Codebook view), show-card(s: a
 * contrast card's id: the card in the Codebook view), show-view(s: view
 * name; Ctrl+1…5), code-practice-set(s: practice set GUID: its transcript in
 * the Transcripts view, coded as and showing only its student, with the
 * codebook panel limited to its layers), remove-coding(s: coding GUID; a
 * coding locked by a submitted practice set stays and a toast says why),
 * coders (opens the coder switcher: Ctrl+Shift+K).
 *
 * Properties: project (KtsProject, may be NULL: the welcome page),
 * sidebar-visible (gboolean).
 */

/* @application may be NULL (tests). */
KtsWindow  *kts_window_new (GtkApplication *application);
KtsProject *kts_window_get_project (KtsWindow *self);
/* Shows @project. @recovered marks it as restored from a recovery copy:
 * unsaved, whatever its dirty flag says. */
void kts_window_set_project (KtsWindow *self, KtsProject *project, gboolean recovered);
/* Loads @file in the background and shows it, or shows an error dialog. */
void kts_window_open_file (KtsWindow *self, GFile *file);
/* TRUE when the window shows nothing worth keeping: no project, or a new
 * untitled project without changes. */
gboolean kts_window_is_pristine (KtsWindow *self);
/* TRUE when closing would lose work. */
gboolean kts_window_has_unsaved_changes (KtsWindow *self);

KtsDocument *kts_window_get_document (KtsWindow *self);
void         kts_window_show_document (KtsWindow *self, KtsDocument *document);
/* The selected range of the transcript, in code points. */
gboolean kts_window_get_selection (KtsWindow *self, guint *start, guint *end);
void     kts_window_select_range (KtsWindow *self, guint start, guint end);
/* The coding made last in this window (actor shortcuts act on it). */
KtsCoding *kts_window_get_last_coding (KtsWindow *self);

/* The coder new codings are attributed to: the one chosen in the
 * preferences, else the one named like the user (NULL until the first coding
 * creates it). */
KtsCoder *kts_window_get_coder (KtsWindow *self);
/* The name the user's own coder gets: the real name, else the login. */
const char *kts_window_get_user_coder_name (void);
void        kts_window_set_coder (KtsWindow *self, KtsCoder *coder);
/* Convenience: shows only @coder's codings (NULL = everyone's); the one
 * coder shown, or NULL when everyone's or several coders' codings show. */
KtsCoder *kts_window_get_visible_coder (KtsWindow *self);
void      kts_window_set_visible_coder (KtsWindow *self, KtsCoder *coder);
/* Whose codings the transcript shows (kts_transcript_view_set_visible_coders():
 * NULL = everyone's); the coder switcher in the header sets them too. */
GPtrArray *kts_window_dup_visible_coders (KtsWindow *self);
void       kts_window_set_visible_coders (KtsWindow *self, GPtrArray *coders);

/* Opens the import dialog for @files (what Import Transcripts… and dropped
 * files do); the documents it imports go into this window's project. */
KtsImportDialog *kts_window_import_files (KtsWindow *self, GFile **files, guint n_files);
/* Shows @toast (transfer full) over the window's content. */
void kts_window_add_toast (KtsWindow *self, AdwToast *toast);
/* The Process map view, the Practice view, the codebook panel, and the views
 * by name ("transcripts", "codebook", "map", "analysis", "practice"). */
KtsMapView       *kts_window_get_map_view (KtsWindow *self);
KtsPracticeView  *kts_window_get_practice_view (KtsWindow *self);
KtsCodebookPanel *kts_window_get_codebook_panel (KtsWindow *self);
void              kts_window_show_view (KtsWindow *self, const char *name);
const char       *kts_window_get_visible_view (KtsWindow *self);
/* Shows @coding's transcript in the Transcripts view, scrolled to it and
 * highlighted. */
void kts_window_reveal_coding (KtsWindow *self, KtsCoding *coding);

/* Recovery: the slot this window autosaves to, and an immediate autosave. */
char    *kts_window_dup_recovery_id (KtsWindow *self);
gboolean kts_window_autosave_now (KtsWindow *self, GError **error);

G_END_DECLS
