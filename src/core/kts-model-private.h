/* kts-model-private.h: internals shared by the model types, the project's
 * commands and the file loader. Not for front ends.
 * SPDX-License-Identifier: GPL-3.0-or-later
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
#include "kts-practice.h"

G_BEGIN_DECLS

/* Stores @value in *@field, NULL for NULL or empty. Returns TRUE if the stored
 * value changed (so the caller notifies). */
gboolean _kts_set_string (char **field, const char *value);

/* KtsCode: tree links. The children store holds KtsCode. */
GListStore *_kts_code_get_children_store (KtsCode *self);
void        _kts_code_set_parent (KtsCode *self, KtsCode *parent);

/* KtsCodebook: the root store and the lookup indexes. Index add/remove walk
 * the sub-tree of @code. */
GListStore *_kts_codebook_get_roots_store (KtsCodebook *self);
void        _kts_codebook_index_add (KtsCodebook *self, KtsCode *code);
void        _kts_codebook_index_remove (KtsCodebook *self, KtsCode *code);
/* Re-indexes @code's key after it changed from @old_key. */
void _kts_codebook_rekey (KtsCodebook *self, KtsCode *code, const char *old_key);
void _kts_codebook_set_version (KtsCodebook *self, int version);
void
_kts_codebook_add_changelog (KtsCodebook *self, int version, const char *date, const char *text);
/* Drops the last changelog entry (undo of a version bump). */
void _kts_codebook_pop_changelog (KtsCodebook *self);
void _kts_codebook_emit_changed (KtsCodebook *self);

/* KtsDocument. The codings store is sorted by kts_coding_compare(); read it
 * freely, but change it only with _kts_document_add_coding() and
 * _kts_document_remove_coding(), which also manage the coding's link to its
 * document (a coding outside the store keeps its document alive; one inside
 * does not, so there is no reference cycle). */
GListStore *_kts_document_get_codings_store (KtsDocument *self);
/* Inserts @coding (whose document is @self) in sort order; O(log n).
 * Returns its position. */
guint _kts_document_add_coding (KtsDocument *self, KtsCoding *coding);
/* Removes @coding; O(log² n). Returns FALSE if it is not in the store. */
gboolean _kts_document_remove_coding (KtsDocument *self, KtsCoding *coding);
/* Position of @coding in the codings store by binary search. */
gboolean _kts_document_find_coding (KtsDocument *self, KtsCoding *coding, guint *position);
void     _kts_document_set_speaker_role (KtsDocument *self, guint speaker, KtsRole role);
/* @value NULL removes the attribute. A new attribute is appended. */
void _kts_document_set_attribute (KtsDocument *self, const char *name, const char *value);
/* Position of attribute @name in the ordered list, or -1. */
int _kts_document_get_attribute_position (KtsDocument *self, const char *name);
/* Adds attribute @name (not present yet) at @position (clamped). */
void _kts_document_insert_attribute (KtsDocument *self,
                                     const char  *name,
                                     const char  *value,
                                     guint        position);

/* KtsCoding */
void _kts_coding_set_created (KtsCoding *self, gint64 created);
/* Called by the document only: an attached coding holds no reference to its
 * document; a detached one holds a strong one. */
void _kts_coding_set_attached (KtsCoding *self, gboolean attached);
/* Called by a disposing document for its attached codings. */
void _kts_coding_forget_document (KtsCoding *self);

/* KtsEpisode */
GListStore *_kts_episode_get_moves_store (KtsEpisode *self);
GListStore *_kts_episode_get_edges_store (KtsEpisode *self);

/* KtsMove: replaces the anchors with copies of the references. */
void _kts_move_set_anchors (KtsMove *self, KtsCoding **anchors, guint n_anchors);

/* KtsPracticeSet: the one way its state changes (see
 * kts_project_submit_practice_set()). */
void _kts_practice_set_mark_submitted (KtsPracticeSet *self, gint64 when);

G_END_DECLS
