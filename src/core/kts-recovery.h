/* kts-recovery.h: autosaved recovery copies of open projects, for after a crash.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recovery copy is a complete project file written atomically to
 * DIR/ID.kintsugi, with a sidecar DIR/ID.recovery (a GKeyFile) that notes the
 * project's own file (if it has one), its title, the time of writing and the
 * writing process. DIR is normally $XDG_DATA_HOME/kintsugi/recovery.
 * ID is derived from the project's file (so each file has one slot) or, for
 * a project never saved, from an "untitled" id chosen by the front end.
 */
#pragma once

#include <gio/gio.h>

#include "kts-project.h"

G_BEGIN_DECLS

#define KTS_TYPE_RECOVERY_ENTRY (kts_recovery_entry_get_type ())

typedef struct _KtsRecoveryEntry KtsRecoveryEntry;

GType             kts_recovery_entry_get_type (void) G_GNUC_CONST;
KtsRecoveryEntry *kts_recovery_entry_ref (KtsRecoveryEntry *self);
void              kts_recovery_entry_unref (KtsRecoveryEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsRecoveryEntry, kts_recovery_entry_unref)

/* The slot id ("3f2a…" or "untitled-…"). */
const char *kts_recovery_entry_get_id (KtsRecoveryEntry *self);
/* Path of the recovery copy. */
const char *kts_recovery_entry_get_path (KtsRecoveryEntry *self);
/* The project's own file, or NULL for a project that was never saved. */
GFile *kts_recovery_entry_get_original (KtsRecoveryEntry *self);
/* Project title as it was when the copy was written; may be NULL. */
const char *kts_recovery_entry_get_title (KtsRecoveryEntry *self);
/* When the copy was written, seconds since the Unix epoch (UTC). */
gint64 kts_recovery_entry_get_saved (KtsRecoveryEntry *self);
/* Process that wrote the copy, 0 if unknown. */
GPid kts_recovery_entry_get_pid (KtsRecoveryEntry *self);

/* $XDG_DATA_HOME/kintsugi/recovery (not created). */
char *kts_recovery_get_default_dir (void);

/* The slot id for a project: a hash of @file's URI when @file is not NULL,
 * else "untitled-" + @untitled_id (which must then be a GUID). */
char *kts_recovery_make_id (GFile *file, const char *untitled_id);

/* Writes @bytes (a serialised project) as the recovery copy of slot @id in
 * @dir (created if missing), atomically, and then its sidecar. @original and
 * @title may be NULL. */
gboolean kts_recovery_write_bytes (const char *dir,
                                   const char *id,
                                   GBytes     *bytes,
                                   GFile      *original,
                                   const char *title,
                                   GError    **error);

/* Serialises @project and writes it with kts_recovery_write_bytes(), using
 * the project's file and title. */
gboolean kts_recovery_write (const char *dir, const char *id, KtsProject *project, GError **error);

/* Every recovery copy in @dir, newest first ((transfer full) of
 * KtsRecoveryEntry). A missing folder gives an empty array. Copies without a
 * readable sidecar are listed with the file's modification time. */
GPtrArray *kts_recovery_list (const char *dir, GError **error);

/* Removes the copy and sidecar of slot @id. Missing files are not an error. */
gboolean kts_recovery_discard (const char *dir, const char *id, GError **error);

/* Reads a recovery copy back. The project's "file" is set to the entry's
 * original file (or NULL); the caller treats it as unsaved. */
KtsProject *kts_recovery_load (KtsRecoveryEntry *entry, GError **error);

G_END_DECLS
