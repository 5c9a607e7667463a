/* kts-refi.h: REFI-QDA exchange: codebooks (.qdc) and projects (.qdpx).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is written and how foreign files are read is described in
 * docs/refi.md. Writers produce files that validate against the REFI-QDA
 * schemas (Codebook.xsd, Project-mrt2019.xsd); readers accept the known
 * deviations of other programs and say in a report what they did.
 */
#pragma once

#include <gio/gio.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_REFI_CODEBOOK_NAMESPACE "urn:QDA-XML:codebook:1.0"
#define KTS_REFI_PROJECT_NAMESPACE "urn:QDA-XML:project:1.0"

/* Safety limits of the readers. */
#define KTS_REFI_MAX_QDC_SIZE ((gsize)64 * 1024 * 1024)
#define KTS_REFI_MAX_QDPX_SIZE ((gsize)2 * 1024 * 1024 * 1024 - 1)
/* The largest project.qde and text source read from a .qdpx, and the most
 * bytes read from one archive in all (after decompression). */
#define KTS_REFI_MAX_QDE_SIZE ((gsize)256 * 1024 * 1024)
#define KTS_REFI_MAX_SOURCE_SIZE ((gsize)64 * 1024 * 1024)
#define KTS_REFI_MAX_TOTAL_SIZE ((gsize)512 * 1024 * 1024)
#define KTS_REFI_MAX_ENTRIES 20000
/* Codes nested deeper than this are refused. */
#define KTS_REFI_MAX_CODE_DEPTH 64

/**
 * KtsRefiLineKind:
 * @KTS_REFI_ADDED: something was added to the project
 * @KTS_REFI_MATCHED: an incoming item matched one already there (merge)
 * @KTS_REFI_SKIPPED: something in the file was left out, and why
 * @KTS_REFI_WARNING: something was read, but not exactly as written
 * @KTS_REFI_INFO: how the file was read (position counting, producer)
 */
typedef enum
{
  KTS_REFI_ADDED,
  KTS_REFI_MATCHED,
  KTS_REFI_SKIPPED,
  KTS_REFI_WARNING,
  KTS_REFI_INFO,
} KtsRefiLineKind;

/* What an import did, one translated line per event, in order. */
typedef struct _KtsRefiReport KtsRefiReport;

#define KTS_TYPE_REFI_REPORT (kts_refi_report_get_type ())
GType kts_refi_report_get_type (void) G_GNUC_CONST;

KtsRefiReport *kts_refi_report_new (void);
KtsRefiReport *kts_refi_report_ref (KtsRefiReport *report);
void           kts_refi_report_unref (KtsRefiReport *report);
/* Appends a line (printf-style). */
void kts_refi_report_add (KtsRefiReport *report, KtsRefiLineKind kind, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
guint           kts_refi_report_get_n_lines (KtsRefiReport *report);
KtsRefiLineKind kts_refi_report_get_kind (KtsRefiReport *report, guint index);
const char     *kts_refi_report_get_text (KtsRefiReport *report, guint index);
/* Number of lines of @kind. */
guint kts_refi_report_count (KtsRefiReport *report, KtsRefiLineKind kind);
/* The first line of @kind containing @substring, or NULL. */
const char *
kts_refi_report_find (KtsRefiReport *report, KtsRefiLineKind kind, const char *substring);
/* The report as text: a summary line, then the lines grouped under the
 * headings "Added", "Matched", "Skipped", "Warnings", "Notes". */
char *kts_refi_report_to_string (KtsRefiReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsRefiReport, kts_refi_report_unref)

/* ---- Codebooks (.qdc) ---------------------------------------------------- */

/* The codebook of @project as a REFI-QDA codebook (UTF-8 XML). The tree,
 * names, colours and codable flags map to attributes; the key and every
 * description field go into the Description in a plain-text layout with
 * headings that kts_refi_import_qdc() reads back. Fails with
 * KTS_ERROR_EMPTY when the codebook has no codes (the schema needs one). */
GBytes *kts_refi_export_qdc (KtsProject *project, GError **error);

/* Reads a REFI-QDA codebook into @project as one undo step. Without @merge
 * the project's codebook must be empty; with @merge each incoming code is
 * matched to an existing one by guid, else key, else name under the same
 * parent; matched codes keep their texts (empty fields are filled in) and
 * unmatched ones are added. @filename names the file in messages. On
 * failure nothing is changed. @report (optional) receives what was done. */
gboolean kts_refi_import_qdc (KtsProject     *project,
                              GBytes         *bytes,
                              const char     *filename,
                              gboolean        merge,
                              KtsRefiReport **report,
                              GError        **error);

/* ---- Projects (.qdpx) ------------------------------------------------------ */

/* @project as a REFI-QDA project archive: project.qde and sources/GUID.txt. */
GBytes *kts_refi_export_qdpx (KtsProject *project, GError **error);

/* Reads a REFI-QDA project archive into a new project (undo history empty).
 * @filename names the file in messages; when it is a path, its folder is
 * also searched for relative:// sources. @report (optional) receives what
 * was read, converted and skipped. */
KtsProject *
kts_refi_import_qdpx (GBytes *bytes, const char *filename, KtsRefiReport **report, GError **error);

G_END_DECLS
