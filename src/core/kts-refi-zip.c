/* kts-refi-zip.c: reading .qdpx archives in memory (never extracting to
 * disk) with limits against path traversal and zip bombs, and writing them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kts-error.h"
#include "kts-refi-private.h"

/* An entry that expands to more than this many times the whole archive (and
 * more than BOMB_MIN_SIZE) is taken for a zip bomb. Text compresses about
 * 3–10 times; a bomb thousands of times. */
#define BOMB_RATIO 200
#define BOMB_MIN_SIZE ((gsize)4 * 1024 * 1024)

typedef struct archive Archive;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Archive, archive_free)

struct _KtsRefiZip
{
  GBytes     *bytes;
  char       *filename;
  GPtrArray  *names;     /* of char*, '/' separators */
  GHashTable *preloaded; /* name → GBytes */
  gsize       total_read;
};

static Archive *
open_archive (KtsRefiZip *zip, GError **error)
{
  g_autoptr (Archive) a = archive_read_new ();
  gsize         size;
  gconstpointer data = g_bytes_get_data (zip->bytes, &size);

  archive_read_support_format_zip (a);
  if (archive_read_open_memory (a, data, size) != ARCHIVE_OK)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("%s: not a zip archive (%s)"),
                   zip->filename, archive_error_string (a) != NULL ? archive_error_string (a) : "");
      return NULL;
    }
  return g_steal_pointer (&a);
}

/* The entry's name with '/' separators, or NULL when it has none we can read. */
static char *
entry_name (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  return g_strdelimit (g_strdup (name), "\\", '/');
}

/* TRUE if @name stays inside the archive's folder when extracted. */
static gboolean
name_is_safe (const char *name)
{
  g_auto (GStrv) parts = NULL;

  if (name[0] == '/' || (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return FALSE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      return FALSE;
  return TRUE;
}

static gboolean
has_suffix_ci (const char *name, const char *suffix)
{
  gsize n = strlen (name);
  gsize m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (name + n - m, suffix) == 0;
}

/* Reads the data of the current entry of @a. */
static GBytes *
read_data (KtsRefiZip           *zip,
           Archive              *a,
           struct archive_entry *entry,
           const char           *name,
           gsize                 max_size,
           GError              **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  gsize  archive_size = g_bytes_get_size (zip->bytes);
  gsize  bomb_size = MAX (BOMB_MIN_SIZE, archive_size * BOMB_RATIO);
  guint8 buffer[64 * 1024];

  if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > 0
      && (guint64)archive_entry_size (entry) > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   /* Translators: archive name, entry name, a size such as "64.0 MB" */
                   _ ("%s: %s is larger than %s"), zip->filename, name, limit);
      return NULL;
    }

  for (;;)
    {
      la_ssize_t n = archive_read_data (a, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("%s: cannot read %s: %s"),
                       zip->filename, name,
                       archive_error_string (a) != NULL ? archive_error_string (a) : "");
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint)n);
      zip->total_read += (gsize)n;
      if (data->len > bomb_size)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_UNSAFE,
                       _ ("%s: %s expands to far more than the archive’s size; refusing it as a "
                          "zip bomb"),
                       zip->filename, name);
          return NULL;
        }
      if (data->len > max_size || zip->total_read > KTS_REFI_MAX_TOTAL_SIZE)
        {
          g_autofree char *limit
              = g_format_size (data->len > max_size ? max_size : KTS_REFI_MAX_TOTAL_SIZE);

          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("%s: %s expands to more than %s"),
                       zip->filename, name, limit);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

KtsRefiZip *
_kts_refi_zip_open (GBytes *bytes, const char *filename, GError **error)
{
  g_autoptr (KtsRefiZip) zip = g_new0 (KtsRefiZip, 1);
  g_autoptr (Archive) a = NULL;
  struct archive_entry *entry;
  int                   status;

  g_return_val_if_fail (bytes != NULL, NULL);

  zip->bytes = g_bytes_ref (bytes);
  zip->filename = g_strdup (filename != NULL ? filename : _ ("the archive"));
  zip->names = g_ptr_array_new_with_free_func (g_free);
  zip->preloaded
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);

  if (g_bytes_get_size (bytes) > KTS_REFI_MAX_QDPX_SIZE)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("%s: the file is too large"),
                   zip->filename);
      return NULL;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("%s: the file is empty"), zip->filename);
      return NULL;
    }

  a = open_archive (zip, error);
  if (a == NULL)
    return NULL;

  while ((status = archive_read_next_header (a, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN)
    {
      g_autofree char *name = entry_name (entry);

      if (zip->names->len >= KTS_REFI_MAX_ENTRIES)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                       _ ("%s: the archive has more than %d entries"), zip->filename,
                       KTS_REFI_MAX_ENTRIES);
          return NULL;
        }
      if (name == NULL)
        continue;
      if (!name_is_safe (name))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_UNSAFE,
                       _ ("%s: the entry “%s” points outside the archive; refusing the file"),
                       zip->filename, name);
          return NULL;
        }
      if (archive_entry_filetype (entry) != AE_IFREG || g_str_has_suffix (name, "/"))
        continue;
      /* The project and the text sources are read in this one pass;
       * anything else only when asked for. */
      if (has_suffix_ci (name, ".qde") || has_suffix_ci (name, ".txt"))
        {
          gsize max
              = has_suffix_ci (name, ".txt") ? KTS_REFI_MAX_SOURCE_SIZE : KTS_REFI_MAX_QDE_SIZE;
          GBytes *data = read_data (zip, a, entry, name, max, error);

          if (data == NULL)
            return NULL;
          g_hash_table_replace (zip->preloaded, g_strdup (name), data);
        }
      g_ptr_array_add (zip->names, g_steal_pointer (&name));
    }
  if (status != ARCHIVE_EOF)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("%s: not a readable zip archive (%s)"),
                   zip->filename, archive_error_string (a) != NULL ? archive_error_string (a) : "");
      return NULL;
    }
  return g_steal_pointer (&zip);
}

void
_kts_refi_zip_free (KtsRefiZip *zip)
{
  g_clear_pointer (&zip->bytes, g_bytes_unref);
  g_clear_pointer (&zip->names, g_ptr_array_unref);
  g_clear_pointer (&zip->preloaded, g_hash_table_unref);
  g_free (zip->filename);
  g_free (zip);
}

const GPtrArray *
_kts_refi_zip_get_names (KtsRefiZip *zip)
{
  return zip->names;
}

const char *
_kts_refi_zip_find (KtsRefiZip *zip, const char *name)
{
  for (guint i = 0; i < zip->names->len; i++)
    {
      const char *entry = g_ptr_array_index (zip->names, i);

      if (g_ascii_strcasecmp (entry, name) == 0)
        return entry;
    }
  return NULL;
}

GBytes *
_kts_refi_zip_read (KtsRefiZip *zip, const char *name, gsize max_size, GError **error)
{
  g_autoptr (Archive) a = NULL;
  struct archive_entry *entry;
  GBytes               *data = g_hash_table_lookup (zip->preloaded, name);

  if (data != NULL)
    {
      if (g_bytes_get_size (data) > max_size)
        {
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("%s: %s is larger than %s"),
                       zip->filename, name, limit);
          return NULL;
        }
      return g_bytes_ref (data);
    }

  a = open_archive (zip, error);
  if (a == NULL)
    return NULL;
  for (int status = archive_read_next_header (a, &entry);
       status == ARCHIVE_OK || status == ARCHIVE_WARN;
       status = archive_read_next_header (a, &entry))
    {
      g_autofree char *entry_path = entry_name (entry);

      if (entry_path != NULL && strcmp (entry_path, name) == 0
          && archive_entry_filetype (entry) == AE_IFREG)
        return read_data (zip, a, entry, name, max_size, error);
    }
  g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND, _ ("%s: %s is not in the archive"),
               zip->filename, name);
  return NULL;
}

/* ---- Writing ---------------------------------------------------------------------- */

static la_ssize_t
write_cb (struct archive *a, void *client_data, const void *buffer, size_t length)
{
  GByteArray *out = client_data;

  g_byte_array_append (out, buffer, (guint)length);
  return (la_ssize_t)length;
}

GBytes *
_kts_refi_zip_write (const char *const *names,
                     GBytes *const     *contents,
                     guint              n_entries,
                     GError           **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  struct archive *a = archive_write_new ();
  const char     *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  gint64          mtime = g_get_real_time () / G_USEC_PER_SEC;
  gboolean        ok = TRUE;

  if (epoch != NULL)
    g_ascii_string_to_signed (epoch, 10, 315532800 /* 1980, the first zip time */, G_MAXINT32,
                              &mtime, NULL);

  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  archive_write_set_bytes_in_last_block (a, 1);
  if (archive_write_open (a, out, NULL, write_cb, NULL) != ARCHIVE_OK)
    ok = FALSE;

  for (guint i = 0; ok && i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize                 size;
      gconstpointer         data = g_bytes_get_data (contents[i], &size);

      archive_entry_set_pathname_utf8 (entry, names[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t)size);
      archive_entry_set_mtime (entry, (time_t)mtime, 0);
      if (archive_write_header (a, entry) != ARCHIVE_OK
          || (size > 0 && archive_write_data (a, data, size) != (la_ssize_t)size))
        ok = FALSE;
      archive_entry_free (entry);
    }
  if (archive_write_close (a) != ARCHIVE_OK)
    ok = FALSE;
  if (!ok)
    g_set_error (error, KTS_ERROR, KTS_ERROR_FAILED, _ ("Could not write the archive: %s"),
                 archive_error_string (a) != NULL ? archive_error_string (a) : "");
  archive_write_free (a);
  if (!ok)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
