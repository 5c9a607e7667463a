/* kts-csv.h: RFC 4180 CSV reading and writing, and the codings CSV exchange.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kts-project.h"

G_BEGIN_DECLS

typedef struct _KtsCsvReader KtsCsvReader;

/* Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM
 * is skipped). The reader does not copy @data, which must outlive it. A lone
 * CR also ends a line. Errors (KTS_ERROR_PARSE, or KTS_ERROR_ENCODING for
 * invalid UTF-8 or NUL bytes) start with "line N: ". */
KtsCsvReader *kts_csv_reader_new (const char *data, gsize size);
void          kts_csv_reader_free (KtsCsvReader *reader);
/* Next record as a NULL-terminated array (transfer full); NULL at the end or
 * on error (then @error is set, naming the line). */
char **kts_csv_reader_next (KtsCsvReader *reader, GError **error);
/* Line number (1-based) where the last returned record started. */
guint kts_csv_reader_get_line (KtsCsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsCsvReader, kts_csv_reader_free)

/* Appends one record, quoting fields that need it (those containing a comma,
 * quote, CR or LF), ending in CRLF. A NULL field is written empty. */
void kts_csv_append_record (GString *out, const char *const *fields, guint n_fields);

/* Imports codings from CSV with header columns document,start,end,code and
 * optional actor,coder,memo. document is a guid or title; code a guid, key or
 * unique name; coder a name (created if new). All-or-nothing: on any bad row
 * @error names its line and reason and the project is unchanged. The import
 * is one undo step. Returns the number of codings added, or -1.
 * Column names are case-insensitive and may come in any order. The export's
 * columns turn, speaker, role and text are accepted and ignored; code_key,
 * when present and not empty, picks the code and must agree with code.
 * Unknown columns are an error. Error messages start with "line N: ".
 * See docs/cli.md for the full rules. */
int kts_codings_import_csv (KtsProject *project, const char *data, gsize size, GError **error);

/* The coded segments as CSV with the columns
 * document,turn,speaker,role,actor,code_key,code,start,end,text,coder,memo.
 * @filter may be NULL (all codings). Codings an open practice set hides
 * (kts_project_coding_is_hidden()) are left out. */
typedef gboolean (*KtsCodingFilter) (KtsCoding *coding, gpointer user_data);
GString *kts_codings_export_csv (KtsProject *project, KtsCodingFilter filter, gpointer user_data);

typedef enum
{
  KTS_CODINGS_EXPORT_DEFAULT = 0,
  /* Also the codings an open practice set hides (for the instructor). */
  KTS_CODINGS_EXPORT_INCLUDE_HIDDEN = 1 << 0,
} KtsCodingsExportFlags;

GString *kts_codings_export_csv_full (KtsProject           *project,
                                      KtsCodingsExportFlags flags,
                                      KtsCodingFilter       filter,
                                      gpointer              user_data);

G_END_DECLS
