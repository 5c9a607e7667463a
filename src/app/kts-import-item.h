/* kts-import-item.h: one file of the import dialog: its reading, document, title and options.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kts-import.h"

G_BEGIN_DECLS

typedef enum
{
  KTS_IMPORT_ITEM_WAITING,
  KTS_IMPORT_ITEM_READING,
  KTS_IMPORT_ITEM_READY,
  KTS_IMPORT_ITEM_FAILED,
} KtsImportItemState;

#define KTS_TYPE_IMPORT_ITEM_STATE (kts_import_item_state_get_type ())
GType kts_import_item_state_get_type (void) G_GNUC_CONST;

#define KTS_TYPE_IMPORT_ITEM (kts_import_item_get_type ())
G_DECLARE_FINAL_TYPE (KtsImportItem, kts_import_item, KTS, IMPORT_ITEM, GObject)

/*
 * Properties:
 *   file           GFile, construct-only
 *   name           string, read-only: the file's display name ("s4.docx")
 *   state          KtsImportItemState, read-only
 *   title          string: the title the document gets (default: the file's
 *                  name without extension)
 *   pseudonymised  gboolean
 *   included       gboolean: import this file (FALSE and fixed once it failed)
 *   document       KtsDocument, read-only, NULL until read
 *   error-message  string, read-only, set when reading failed
 *   busy           gboolean, read-only: turns are being detected again
 *
 * The item lives on the main thread; only kts_import_transcript() and
 * kts_turns_detect() run in threads, on copies or immutable data.
 */
KtsImportItem *kts_import_item_new (GFile *file);

GFile             *kts_import_item_get_file (KtsImportItem *self);
const char        *kts_import_item_get_name (KtsImportItem *self);
KtsImportItemState kts_import_item_get_state (KtsImportItem *self);
const char        *kts_import_item_get_title (KtsImportItem *self);
void               kts_import_item_set_title (KtsImportItem *self, const char *title);
gboolean           kts_import_item_get_pseudonymised (KtsImportItem *self);
void               kts_import_item_set_pseudonymised (KtsImportItem *self, gboolean pseudonymised);
gboolean           kts_import_item_get_included (KtsImportItem *self);
void               kts_import_item_set_included (KtsImportItem *self, gboolean included);
KtsDocument       *kts_import_item_get_document (KtsImportItem *self);
const char        *kts_import_item_get_error_message (KtsImportItem *self);
gboolean           kts_import_item_get_busy (KtsImportItem *self);
/* Translated warnings of the reader (never NULL). */
GPtrArray *kts_import_item_get_warnings (KtsImportItem *self);
/* "Word document", "Plain text, UTF-16LE", … */
char *kts_import_item_dup_format_label (KtsImportItem *self);
/* TRUE when the item is read and included. */
gboolean kts_import_item_is_importable (KtsImportItem *self);

/* State changes, from the reader. */
void kts_import_item_mark_reading (KtsImportItem *self);
void kts_import_item_take_result (KtsImportItem *self, KtsImportResult *result);
void kts_import_item_take_error (KtsImportItem *self, GError *error);

/* Finds the turns of the document again with @overrides, in a thread; the
 * document's turns change (and "speakers-changed" is emitted) when done. A
 * new call supersedes one still running. Does nothing unless the item is
 * read. */
void kts_import_item_detect_turns (KtsImportItem        *self,
                                   const KtsSpeakerRole *overrides,
                                   guint                 n_overrides);

G_END_DECLS
