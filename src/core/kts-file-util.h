/* kts-file-util.h: safe file writing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @bytes to @path atomically: a temporary file in the same folder,
 * write, fsync, rename over @path, fsync the folder. If @backup_suffix is not
 * NULL and @path exists, the previous file is kept as @path + @backup_suffix
 * (by hard link where possible, else by copy) before the rename. On failure
 * @path is unchanged, the temporary file is removed, and @error (KTS_ERROR_IO)
 * says "Could not save “NAME”: REASON". A symbolic link at @path is kept: the
 * file it points to is replaced. The permissions of a replaced file are kept. */
gboolean
kts_file_write_atomic (const char *path, GBytes *bytes, const char *backup_suffix, GError **error);

/* Reads a whole file, refusing files larger than @max_size with
 * KTS_ERROR_TOO_LARGE. A missing file gives KTS_ERROR_NOT_FOUND, other
 * failures KTS_ERROR_IO. */
GBytes *kts_file_read_all (const char *path, gsize max_size, GError **error);

/* Testing hook: make kts_file_write_atomic() fail at a given step.
 * 0 = never; 1 = the write fails (as on a full disk) after half the bytes;
 * 2 = fsync fails; 3 = the rename fails; 4 = the process kills itself with
 * SIGKILL after the temporary file is written and synced and the backup made,
 * just before the rename (a crash test, for a forked child only).
 * The value is read once per call. */
void kts_file_set_fault_injection (int step);

G_END_DECLS
