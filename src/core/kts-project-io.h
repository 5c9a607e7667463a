/* kts-project-io.h: reading and writing *.kintsugi project files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is described in docs/file-format.md and data/kintsugi-project.rng.
 */
#pragma once

#include <gio/gio.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_PROJECT_NAMESPACE "https://kintsugi-qda.github.io/ns/project/1"
#define KTS_PROJECT_FORMAT_VERSION 1
/* Files larger than this are refused before parsing. */
#define KTS_PROJECT_MAX_FILE_SIZE ((gsize)1024 * 1024 * 1024)

/* Serialises @project to UTF-8 XML. Deterministic: the same project gives the
 * same bytes. */
GBytes *kts_project_serialize (KtsProject *project);

/* Builds a project from XML bytes. @filename names the file in messages
 * ("interview.kintsugi, line 12: …"); may be NULL. Never trusts its input.
 * Returns a clean project with an empty undo history, or NULL with @error:
 * KTS_ERROR_PARSE (not well-formed, not a Kintsugi project),
 * KTS_ERROR_INVALID_FILE (breaks a rule of docs/file-format.md),
 * KTS_ERROR_NEWER_VERSION, KTS_ERROR_UNSAFE (a DOCTYPE), KTS_ERROR_ENCODING,
 * KTS_ERROR_TOO_LARGE or KTS_ERROR_EMPTY. Safe to call from any thread. */
KtsProject *kts_project_deserialize (GBytes *bytes, const char *filename, GError **error);

/* Loads a project; on success the project's "file" is @file and it is clean. */
KtsProject *kts_project_load (GFile *file, GCancellable *cancellable, GError **error);
/* Saves atomically (temporary file, fsync, rename), keeping the previous
 * version as "NAME.kintsugi~". On success sets "file" and marks clean. On
 * failure the file on disk is untouched and the project stays dirty. */
gboolean
kts_project_save (KtsProject *project, GFile *file, GCancellable *cancellable, GError **error);

void        kts_project_load_async (GFile              *file,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
KtsProject *kts_project_load_finish (GAsyncResult *result, GError **error);
/* Serialises on the calling thread (the model is not thread-safe), writes in
 * a worker thread. On success the project's "file" is set and, unless it was
 * changed while the file was being written, it is marked clean, on the
 * calling thread before @callback runs. */
void     kts_project_save_async (KtsProject         *project,
                                 GFile              *file,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gboolean kts_project_save_finish (KtsProject *project, GAsyncResult *result, GError **error);

/* Checks @bytes against the RELAX NG schema and the reference rules; fills
 * @problems (transfer full, of char*) with one message per problem, each
 * naming the line, sorted by line (empty when valid; may be NULL). Returns
 * TRUE if the file is valid. */
gboolean kts_project_validate_bytes (GBytes *bytes, const char *filename, GPtrArray **problems);

/* Adds the codes of a stand-alone codebook file (root element `codebook` in
 * the project namespace, like the files in data/codebooks) to @project's codebook as
 * one undo step, and takes its name and version when the codebook was
 * empty. Codes keep their guids; a guid or key already in the codebook is an
 * error and nothing is added. Returns the number of codes added, or -1. */
int kts_project_load_codebook_bytes (KtsProject *project,
                                     GBytes     *bytes,
                                     const char *filename,
                                     GError    **error);

/* The codebooks shipped with Kintsugi: "default" (the full rupture–repair
 * scheme, 213 codes), "blatt" (self-definition and relatedness only),
 * "markers-repair" (rupture markers, landmarks, repair and metacommunication)
 * or "empty". */
int kts_project_load_codebook_preset (KtsProject *project, const char *preset, GError **error);

/* Names of the presets, NULL-terminated. */
const char *const *kts_codebook_preset_names (void);

G_END_DECLS
