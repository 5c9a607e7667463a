/* kts-document.h: a transcript: immutable UTF-8 text, speakers, speaker turns,
 * attributes, and its codings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offsets count Unicode code points from 0, end exclusive, exactly as
 * gtk_text_iter_get_offset() and the REFI-QDA standard do. The text of a
 * document never changes after construction; it has only '\n' line breaks,
 * and no characters that XML 1.0 cannot carry.
 */
#pragma once

#include <gio/gio.h>

#include "kts-item.h"
#include "kts-enums.h"

G_BEGIN_DECLS

#define KTS_TYPE_DOCUMENT (kts_document_get_type ())
G_DECLARE_FINAL_TYPE (KtsDocument, kts_document, KTS, DOCUMENT, KtsItem)

/* One speaker of a document: a label as written in the transcript ("T",
 * "Therapist", "Anna") and the role it plays. */
typedef struct
{
  char   *label;
  KtsRole role;
} KtsSpeaker;

/* One speaker turn: a range of the text. @speaker indexes the document's
 * speakers, or is -1 for text that belongs to no speaker (a heading, a note).
 * @timestamp_ms is -1 when the turn has no timestamp. */
typedef struct
{
  int    speaker;
  guint  start;
  guint  end;
  gint64 timestamp_ms;
} KtsTurn;

/*
 * Properties:
 *   guid           construct-only
 *   title          string, writable
 *   text           string, construct-only
 *   n-characters   uint, read-only (code points)
 *   pseudonymised  gboolean, writable: the text has been de-identified
 *   source-name    string, writable: file name it was imported from
 *   codings        GListModel of KtsCoding sorted by (start, end, guid), read-only
 * Signals:
 *   speakers-changed    after set_turns() or a speaker's role changed
 *   attributes-changed  after an attribute was set or removed
 */

/* Creates a document owning a copy of @text, which must be valid UTF-8 with
 * '\n' line breaks (see kts_text_normalize() in kts-import.h). */
KtsDocument *kts_document_new (const char *guid, const char *title, const char *text);

const char *kts_document_get_title (KtsDocument *self);
const char *kts_document_get_text (KtsDocument *self);
/* Length of the text in bytes. */
gsize       kts_document_get_text_size (KtsDocument *self);
guint       kts_document_get_n_characters (KtsDocument *self);
gboolean    kts_document_get_pseudonymised (KtsDocument *self);
const char *kts_document_get_source_name (KtsDocument *self);
GListModel *kts_document_get_codings (KtsDocument *self);

/* Byte offset of code point @offset (@offset may equal n-characters). O(1) for
 * ASCII text, O(log n + 64) otherwise. */
gsize kts_document_offset_to_byte (KtsDocument *self, guint offset);
/* A newly allocated copy of the code points [@start, @end). */
char *kts_document_dup_slice (KtsDocument *self, guint start, guint end);

/* Speakers and turns. Turns are sorted, do not overlap, and lie in the text. */
guint             kts_document_get_n_speakers (KtsDocument *self);
const KtsSpeaker *kts_document_get_speaker (KtsDocument *self, guint index);
int               kts_document_find_speaker (KtsDocument *self, const char *label);
guint             kts_document_get_n_turns (KtsDocument *self);
const KtsTurn    *kts_document_get_turn (KtsDocument *self, guint index);
/* Index of the turn containing @offset, or -1. Binary search. */
int kts_document_find_turn (KtsDocument *self, guint offset);
/* Role of the speaker of turn @index, KTS_ROLE_OTHER without a speaker. */
KtsRole kts_document_get_turn_role (KtsDocument *self, guint index);

/* Replaces speakers and turns wholesale (used by importers and the loader
 * before a document joins a project; afterwards use the project operations).
 * Takes copies. Returns FALSE with @error if a turn is out of range,
 * unsorted, overlapping, or names a missing speaker. */
gboolean kts_document_set_turns (KtsDocument      *self,
                                 const KtsSpeaker *speakers,
                                 guint             n_speakers,
                                 const KtsTurn    *turns,
                                 guint             n_turns,
                                 GError          **error);

/* Attributes (case, session number, …): an ordered name → value list. */
const char *kts_document_get_attribute (KtsDocument *self, const char *name);
/* (transfer container) names in insertion order */
GPtrArray *kts_document_list_attributes (KtsDocument *self);

G_END_DECLS
