/* kts-project.h: a Kintsugi project and every operation a user can do to it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The project owns the codebook, documents (with their codings), coders,
 * cases and episodes. Every change goes through one of the operations below,
 * each of which records a command on the undo stack, marks the project dirty
 * and emits "changed". Operations that can fail validate first and change
 * nothing on failure.
 */
#pragma once

#include <gio/gio.h>

#include "kts-case.h"
#include "kts-code.h"
#include "kts-codebook.h"
#include "kts-coder.h"
#include "kts-coding.h"
#include "kts-document.h"
#include "kts-edge.h"
#include "kts-episode.h"
#include "kts-move.h"

G_BEGIN_DECLS

/* Declared in kts-practice.h, which includes this header. */
typedef struct _KtsPracticeSet KtsPracticeSet;

#define KTS_TYPE_PROJECT (kts_project_get_type ())
G_DECLARE_FINAL_TYPE (KtsProject, kts_project, KTS, PROJECT, GObject)

/*
 * Properties:
 *   title        string, writable through kts_project_set_title()
 *   file         GFile, the file it was loaded from or saved to, may be NULL
 *   dirty        gboolean, read-only: changed since load or last save
 *   can-undo, can-redo       gboolean, read-only
 *   undo-label, redo-label   string, read-only: translated name of the change
 *                            ("Apply code “Silence”"), NULL when none
 *   change-serial            guint64, read-only: see kts_project_get_change_serial()
 *   theory-locked            gboolean: bracketing (brief 0.5, C.2.2): the front
 *                            ends hide the theory layers (kts_code_is_theory_layer())
 *                            and do not offer them for coding until step 5 of the
 *                            analysis. Set with kts_project_set_boolean()
 *                            (undoable); saved in the project file.
 * While a group is open, can-undo and can-redo are FALSE.
 * Signals:
 *   changed (KtsProject *self): after any command was done, undone or redone.
 *   item-removed (KtsProject *self, KtsItem *item): an item left the project.
 */

KtsProject *kts_project_new (void);

const char *kts_project_get_title (KtsProject *self);
GFile      *kts_project_get_file (KtsProject *self);
void        kts_project_set_file (KtsProject *self, GFile *file);
gboolean    kts_project_get_dirty (KtsProject *self);
/* Called after a successful save or load. */
void kts_project_mark_clean (KtsProject *self);
/* Increases with every done, undone or redone command; lets autosave tell
 * whether anything changed since it last ran. */
guint64 kts_project_get_change_serial (KtsProject *self);

/* The "theory-locked" property. */
gboolean kts_project_get_theory_locked (KtsProject *self);
/* TRUE when bracketing hides @code: the project is theory-locked and @code
 * belongs to a theory layer. */
gboolean kts_project_hides_code (KtsProject *self, KtsCode *code);

KtsCodebook *kts_project_get_codebook (KtsProject *self);
GListModel  *kts_project_get_documents (KtsProject *self);
GListModel  *kts_project_get_coders (KtsProject *self);
GListModel  *kts_project_get_cases (KtsProject *self);
GListModel  *kts_project_get_episodes (KtsProject *self);
/* The practice sets (KtsPracticeSet), in the order they were made. */
GListModel *kts_project_get_practice_sets (KtsProject *self);

/* Any item of the project by its GUID, or NULL. */
KtsItem        *kts_project_lookup (KtsProject *self, const char *guid);
KtsDocument    *kts_project_find_document (KtsProject *self, const char *guid_or_title);
KtsEpisode     *kts_project_find_episode (KtsProject *self, const char *guid_or_name);
KtsCoder       *kts_project_find_coder (KtsProject *self, const char *guid_or_name);
KtsPracticeSet *kts_project_find_practice_set (KtsProject *self, const char *guid_or_title);
/* Total codings over all documents, and per code (not counting sub-codes). */
guint kts_project_get_n_codings (KtsProject *self);
guint kts_project_count_codings (KtsProject *self, KtsCode *code);
/* The same without the codings an open practice set hides
 * (kts_project_coding_is_hidden()): the count views show. */
guint kts_project_count_visible_codings (KtsProject *self, KtsCode *code);
/* How many codings of @document are not hidden. */
guint kts_project_count_visible_document_codings (KtsProject *self, KtsDocument *document);

/* ---- Undo ------------------------------------------------------------ */
gboolean    kts_project_can_undo (KtsProject *self);
gboolean    kts_project_can_redo (KtsProject *self);
const char *kts_project_get_undo_label (KtsProject *self);
const char *kts_project_get_redo_label (KtsProject *self);
gboolean    kts_project_undo (KtsProject *self);
gboolean    kts_project_redo (KtsProject *self);
/* Groups the operations until the matching end into one undo step. Nests. */
void kts_project_begin_group (KtsProject *self, const char *label);
void kts_project_end_group (KtsProject *self);
/* Ends the open group and undoes everything done in it, leaving no trace on
 * the undo stack (for all-or-nothing imports that fail halfway). */
void kts_project_abort_group (KtsProject *self);
void kts_project_clear_undo (KtsProject *self);

/* ---- Generic edits ----------------------------------------------------- */
/* Sets a writable property of the project's item (code, document, coding,
 * coder, case, episode, move, edge, practice set) or of the codebook, as an
 * undoable change. Does nothing (and records nothing) if the value is
 * unchanged. Strings: "" is stored as NULL. A code's "shortcut" goes through
 * kts_project_set_code_shortcut(); a code's name must not be empty and its
 * key must be unused; object values must be items of this project. A change
 * the practice rules forbid (a locked coding, the coders, transcript or
 * layers of a submitted practice set) is refused with a warning; front ends
 * check first or use kts_project_try_set_property(). */
void kts_project_set_property (KtsProject   *self,
                               gpointer      object,
                               const char   *property,
                               const GValue *value);
/* The same, but a change the practice rules forbid fails with @error
 * (KTS_ERROR_INVALID_ARGUMENT) instead of a warning. */
gboolean kts_project_try_set_property (
    KtsProject *self, gpointer object, const char *property, const GValue *value, GError **error);
void
kts_project_set_string (KtsProject *self, gpointer object, const char *property, const char *value);
void kts_project_set_int (KtsProject *self, gpointer object, const char *property, int value);
void kts_project_set_enum (KtsProject *self, gpointer object, const char *property, int value);
void
kts_project_set_boolean (KtsProject *self, gpointer object, const char *property, gboolean value);
void kts_project_set_double (KtsProject *self, gpointer object, const char *property, double value);
void
kts_project_set_object (KtsProject *self, gpointer object, const char *property, gpointer value);
void kts_project_set_title (KtsProject *self, const char *title);

/* ---- Documents --------------------------------------------------------- */
/* Adds a document (with its turns) at the end, or at @position. */
gboolean
kts_project_add_document (KtsProject *self, KtsDocument *document, int position, GError **error);
/* Removes a document with its codings, its practice sets, and the anchors
 * and episode links that point into it. */
void kts_project_remove_document (KtsProject *self, KtsDocument *document);
void kts_project_move_document (KtsProject *self, KtsDocument *document, guint new_position);
void
kts_project_set_speaker_role (KtsProject *self, KtsDocument *document, guint speaker, KtsRole role);
void kts_project_set_document_attribute (KtsProject  *self,
                                         KtsDocument *document,
                                         const char  *name,
                                         const char  *value);

/* ---- Codebook ---------------------------------------------------------- */
/* Adds @code (which must have no parent and no children yet) under @parent
 * (NULL = top level) at @position (-1 = end). Fails if the guid or key is
 * already used. */
gboolean kts_project_add_code (
    KtsProject *self, KtsCode *code, KtsCode *parent, int position, GError **error);
/* Removes a code, its sub-codes, and every coding of them. */
void kts_project_remove_code (KtsProject *self, KtsCode *code);
/* Re-parents a code. Fails when @new_parent is @code or below it. */
gboolean kts_project_move_code (
    KtsProject *self, KtsCode *code, KtsCode *new_parent, int position, GError **error);
/* Re-points every coding of @source at @target, moves @source's sub-codes
 * under @target, then removes @source. Fails (changing nothing) when a
 * coding of @source is locked by a submitted practice set. */
gboolean
kts_project_merge_codes (KtsProject *self, KtsCode *source, KtsCode *target, GError **error);
/* Gives @code the digit @digit (1–9, 0 = none), taking it from any other code. */
void kts_project_set_code_shortcut (KtsProject *self, KtsCode *code, int digit);
/* Raises the codebook version and records a changelog line. */
void kts_project_bump_codebook_version (KtsProject *self, const char *text);

/* ---- Coders and codings ------------------------------------------------- */
gboolean kts_project_add_coder (KtsProject *self, KtsCoder *coder, GError **error);
/* Adds a coding. Fails (changing nothing) if its document or code is not in
 * this project, the range is empty or beyond the text, the guid is used, or
 * it would be a coding of the student of a submitted practice set in that
 * set's document ("This practice set (…) was submitted; its codings can no
 * longer change"). */
gboolean kts_project_add_coding (KtsProject *self, KtsCoding *coding, GError **error);
/* Convenience: creates and adds a coding; returns it (transfer none) or NULL. */
KtsCoding *kts_project_apply_code (KtsProject  *self,
                                   KtsDocument *document,
                                   guint        start,
                                   guint        end,
                                   KtsCode     *code,
                                   KtsCoder    *coder,
                                   KtsActor     actor,
                                   GError     **error);
/* Removes a coding. A locked coding (kts_project_coding_is_locked()) is not
 * removed: that is refused with a warning; front ends check first or use
 * kts_project_try_remove_coding(). */
void kts_project_remove_coding (KtsProject *self, KtsCoding *coding);
/* The same, but a locked coding fails with @error (KTS_ERROR_INVALID_ARGUMENT). */
gboolean kts_project_try_remove_coding (KtsProject *self, KtsCoding *coding, GError **error);

/* ---- Practice sets (kts-practice.h, docs/practice.md) -------------------------- */
/* Adds a practice set at the end. Its document and coders must be in this
 * project, the reference and the student must differ. */
gboolean kts_project_add_practice_set (KtsProject *self, KtsPracticeSet *set, GError **error);
/* Removes a practice set (undoable): an open set stops hiding its reference,
 * a submitted one stops locking the student's codings. */
void kts_project_remove_practice_set (KtsProject *self, KtsPracticeSet *set);
/* Submits an open practice set: from now on the student's codings in its
 * document are locked and its reference is no longer hidden. Submitting is
 * NOT undoable, and it clears the undo and redo history: otherwise undoing an
 * edit made before the submission would change a locked coding, and undoing
 * the submission itself would let the student revise after seeing the
 * reference. The project becomes dirty (the state is saved in the file).
 * Fails when the set is not in the project, was submitted already, or the
 * student has coded nothing of the practised layers. Must not be called while
 * a group is open. */
gboolean kts_project_submit_practice_set (KtsProject *self, KtsPracticeSet *set, GError **error);
/* TRUE while an open practice set hides @coding: it is a coding of the set's
 * reference coder in the set's document. Views must not show hidden codings
 * (nor their counts); CSV export and agreement leave them out unless asked. */
gboolean kts_project_coding_is_hidden (KtsProject *self, KtsCoding *coding);
/* TRUE if @coding is a coding of the student of a submitted practice set in
 * that set's document: it can no longer be removed or changed. */
gboolean kts_project_coding_is_locked (KtsProject *self, KtsCoding *coding);

/* ---- Cases, episodes, moves, edges ----------------------------------------- */
gboolean kts_project_add_case (KtsProject *self, KtsCase *kase, GError **error);
void     kts_project_remove_case (KtsProject *self, KtsCase *kase);
gboolean kts_project_add_episode (KtsProject *self, KtsEpisode *episode, GError **error);
void     kts_project_remove_episode (KtsProject *self, KtsEpisode *episode);
gboolean kts_project_add_move (
    KtsProject *self, KtsEpisode *episode, KtsMove *move, int position, GError **error);
/* Removes a move and the edges touching it. */
void kts_project_remove_move (KtsProject *self, KtsEpisode *episode, KtsMove *move);
void
kts_project_reorder_move (KtsProject *self, KtsEpisode *episode, KtsMove *move, guint new_position);
gboolean kts_project_set_move_anchors (
    KtsProject *self, KtsMove *move, KtsCoding **anchors, guint n_anchors, GError **error);
/* Both ends must be moves of @episode, and differ. */
gboolean
     kts_project_add_edge (KtsProject *self, KtsEpisode *episode, KtsEdge *edge, GError **error);
void kts_project_remove_edge (KtsProject *self, KtsEpisode *episode, KtsEdge *edge);

G_END_DECLS
