/* kts-archive.h: reading zip archives (.docx, .odt) safely, entirely in memory.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is ever extracted to disk: entries are inflated into memory with
 * libarchive, within limits that stop zip bombs. Opening an archive checks its
 * table of contents first: too many entries, entry names that point outside
 * the archive ("../", absolute paths, backslashes, drive letters), duplicate
 * names and encrypted entries are refused before anything is inflated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint   max_entries;     /* entries in the archive, directories included */
  guint64 max_total_size;  /* uncompressed bytes read from all entries together */
  guint64 max_entry_size;  /* uncompressed bytes of one entry */
  guint   max_ratio;       /* uncompressed : compressed, for one entry ... */
  guint64 ratio_threshold; /* ... once it has more than this many bytes */
} KtsArchiveLimits;

/* The defaults: 10,000 entries, 256 MiB in all and per entry, and at most
 * 200:1 beyond 1 MiB. */
void kts_archive_limits_init (KtsArchiveLimits *limits);

typedef struct _KtsArchive KtsArchive;

/* Opens the zip archive in @bytes (kept, not copied). @name is the file's
 * display name, used in messages. @limits NULL = the defaults.
 *
 * Errors: KTS_ERROR_PARSE (not a zip archive, or damaged), KTS_ERROR_TOO_LARGE
 * (more than max_entries entries), KTS_ERROR_UNSAFE (an entry name that
 * points outside the archive, or two entries of the same name),
 * KTS_ERROR_INVALID_FILE (an encrypted entry: the file is password-protected).
 * Messages name the file and the entry. */
KtsArchive *
kts_archive_new (GBytes *bytes, const char *name, const KtsArchiveLimits *limits, GError **error);
void kts_archive_free (KtsArchive *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsArchive, kts_archive_free)

guint kts_archive_get_n_entries (KtsArchive *self);
/* The path of entry @index as stored (made valid UTF-8). */
const char *kts_archive_get_path (KtsArchive *self, guint index);
/* The index of the entry whose path equals @path ignoring ASCII case (zip
 * packages such as .docx compare part names that way), or -1. */
int kts_archive_lookup (KtsArchive *self, const char *path);

/* Inflates entry @index into memory. KTS_ERROR_TOO_LARGE if it is larger than
 * max_entry_size, if it expands more than max_ratio times its compressed size
 * (a zip bomb) or if all entries read from this archive so far add up to more
 * than max_total_size; KTS_ERROR_PARSE if its data are damaged. */
GBytes *kts_archive_read_entry (KtsArchive *self, guint index, GError **error);
/* Inflates several entries in one pass; returns a GPtrArray of GBytes in the
 * order of @indexes. The same limits and errors as kts_archive_read_entry(). */
GPtrArray *
kts_archive_read_entries (KtsArchive *self, const guint *indexes, guint n_indexes, GError **error);

/* TRUE if @path, an entry name, stays inside the archive when extracted: not
 * empty, no leading '/', no backslash, no drive letter ("C:"), no ".."
 * component. */
gboolean kts_archive_path_is_safe (const char *path);

G_END_DECLS
