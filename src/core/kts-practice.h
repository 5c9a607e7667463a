/* kts-practice.h: practice sets: a transcript to code, the layers to practise and a
 * reference coding kept hidden until the student submits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A practice set is an item of a project, like an episode. Its rules live in
 * the project's operations (kts-project.h): while a set is open, the reference
 * coder's codings of its document are hidden (kts_project_coding_is_hidden());
 * once submitted, the student's codings of its document are locked
 * (kts_project_coding_is_locked()). Submitting is not undoable. See
 * docs/practice.md.
 */
#pragma once

#include "kts-item.h"
#include "kts-enums.h"
#include "kts-code.h"
#include "kts-coder.h"
#include "kts-document.h"
#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_PRACTICE_SET (kts_practice_set_get_type ())
G_DECLARE_FINAL_TYPE (KtsPracticeSet, kts_practice_set, KTS, PRACTICE_SET, KtsItem)

/*
 * Properties:
 *   guid             construct-only
 *   title            string, writable
 *   instructions     string, writable, may be NULL
 *   document         KtsDocument, writable while the set is open
 *   layers           GStrv, writable while open: layer names or key prefixes
 *                    ("RUP", "SD", "RES.4S"); NULL (or empty) = every layer
 *   reference-coder  KtsCoder, writable while open
 *   student-coder    KtsCoder, writable while open; never the reference
 *   state            KtsPracticeState, construct-only: only
 *                    kts_project_submit_practice_set() changes it
 *   submitted        int64, construct-only: when it was submitted, seconds
 *                    since the Unix epoch (UTC); 0 while open
 *   pass-threshold   double, writable (also once submitted): the overall
 *                    F1 at which the set counts as passed, 0–1; -1 (any
 *                    negative value) = no threshold, the default
 */

KtsPracticeSet *kts_practice_set_new (const char  *guid,
                                      const char  *title,
                                      KtsDocument *document,
                                      KtsCoder    *reference,
                                      KtsCoder    *student);
const char     *kts_practice_set_get_title (KtsPracticeSet *self);
const char     *kts_practice_set_get_instructions (KtsPracticeSet *self);
KtsDocument    *kts_practice_set_get_document (KtsPracticeSet *self);
/* NULL when every layer is practised. */
const char *const *kts_practice_set_get_layers (KtsPracticeSet *self);
KtsCoder          *kts_practice_set_get_reference_coder (KtsPracticeSet *self);
KtsCoder          *kts_practice_set_get_student_coder (KtsPracticeSet *self);
KtsPracticeState   kts_practice_set_get_state (KtsPracticeSet *self);
gint64             kts_practice_set_get_submitted (KtsPracticeSet *self);
/* The pass threshold on overall F1 (0–1), or -1 when the set has none. */
double kts_practice_set_get_pass_threshold (KtsPracticeSet *self);
/* TRUE if the set has a pass threshold and @f1 (an overall F1) reaches it;
 * an undefined F1 (NaN) never does. */
gboolean kts_practice_set_passes (KtsPracticeSet *self, double f1);

/* TRUE if @code belongs to one of the practised layers. */
gboolean kts_practice_set_includes_code (KtsPracticeSet *self, KtsCode *code);
/* The layers for messages: "RUP, SD, REL", or "all layers". (transfer full) */
char *kts_practice_set_dup_layers_label (KtsPracticeSet *self);

/* TRUE if @code belongs to a layer in @layers (NULL-terminated; NULL or empty =
 * every code): its layer (kts_code_dup_layer()) is the name, or its key is the
 * name or starts with the name and a dot ("RES.4S" takes RES.4S.2_…). */
gboolean kts_code_in_layers (KtsCode *code, const char *const *layers);

/* Splits "RUP,SD, REL" (commas or white space) into layer names; NULL with
 * @error for an empty list or a name with other characters than letters,
 * digits, '.', '_' and '-'. (transfer full) */
GStrv kts_practice_parse_layers (const char *text, GError **error);

/* ---- Instructor --------------------------------------------------------- */

/* Makes a practice set of @document with @reference's codings as the hidden
 * reference, "in a few clicks": @layers NULL = the layers @reference coded in
 * @document; @title NULL = "Practice: DOCUMENT"; @student_name NULL =
 * "Student" (an existing coder of that name is used, else one is created).
 * One undo step. Fails (changing nothing) when @reference has no coding of the
 * layers in @document (a layer without reference codings is allowed: SD next
 * to REL), the student would be the reference, or the student already has a
 * set on @document. Returns the set (transfer
 * none: the project holds it). */
KtsPracticeSet *kts_practice_set_create_from_coding (KtsProject        *project,
                                                     KtsDocument       *document,
                                                     KtsCoder          *reference,
                                                     const char *const *layers,
                                                     const char        *title,
                                                     const char        *student_name,
                                                     GError           **error);

/* What kts_practice_set_import() should call things; every field may be NULL. */
typedef struct
{
  const char        *document_title; /* NULL = the transcript's file name without extension */
  const char        *title;          /* the set's title; NULL = "Practice: DOCUMENT" */
  const char *const *layers;         /* NULL = the layers of the reference coding */
  const char        *reference_name; /* the reference coder; NULL = "Reference" */
  const char        *student_name;   /* NULL = "Student" */
  const char        *instructions;   /* NULL = a standard text */
} KtsPracticeImportOptions;

/* Builds a practice set from the files of brief C.5: @transcript has one turn
 * per line, "T: …" or "C: …" (line number = turn number); @reference is a TSV
 * with the header turn<TAB>span<TAB>code (and optionally a fourth column
 * actor), where span occurs exactly once in its turn after the "T: " prefix
 * and code is a codable key of the project's codebook. The transcript becomes
 * a new document, the rows codings of the reference coder (an existing coder
 * of that name, else a new one), and a practice set is made as by
 * kts_practice_set_create_from_coding(). @transcript_name and
 * @reference_file_name name the files in messages ("practice-reference.tsv,
 * line 12: …"); every problem found is listed. All or nothing, one undo step.
 * Returns the set (transfer none). */
KtsPracticeSet *kts_practice_set_import (KtsProject                     *project,
                                         GBytes                         *transcript,
                                         const char                     *transcript_name,
                                         GBytes                         *reference,
                                         const char                     *reference_file_name,
                                         const KtsPracticeImportOptions *options,
                                         GError                        **error);

/* The standard instructions of a set on @layers_label ("RUP, SD, REL"). (transfer full) */
char *kts_practice_default_instructions (const char *layers_label);

G_END_DECLS
