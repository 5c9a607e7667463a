/* kts-archive.c: reading zip archives safely and entirely in memory with libarchive.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-archive"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kts-archive.h"
#include "kts-error.h"

typedef struct archive ZipReader;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZipReader, archive_read_free)

#define READ_CHUNK (64 * 1024)

typedef struct
{
  char   *path;
  gint64  size;  /* declared uncompressed size, -1 if unknown */
  guint64 bound; /* the compressed size, or the archive's size if unknown */
} Entry;

struct _KtsArchive
{
  GBytes          *bytes;
  char            *name;
  KtsArchiveLimits limits;
  GArray          *entries; /* of Entry */
  guint64          total_read;
};

void
kts_archive_limits_init (KtsArchiveLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_entries = 10000;
  limits->max_total_size = (guint64)256 * 1024 * 1024;
  limits->max_entry_size = (guint64)256 * 1024 * 1024;
  limits->max_ratio = 200;
  limits->ratio_threshold = 1024 * 1024;
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->path, g_free);
}

gboolean
kts_archive_path_is_safe (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (path[0] == '\0' || path[0] == '/' || strchr (path, '\\') != NULL)
    return FALSE;
  if (g_ascii_isalpha (path[0]) && path[1] == ':')
    return FALSE;

  for (const char *p = path; *p != '\0';)
    {
      const char *slash = strchr (p, '/');
      gsize       len = slash != NULL ? (gsize)(slash - p) : strlen (p);

      if (len == 2 && p[0] == '.' && p[1] == '.')
        return FALSE;
      if (slash == NULL)
        break;
      p = slash + 1;
    }
  return TRUE;
}

/* Counts central-directory signatures: every entry libarchive would list has
 * one, so this refuses archives with too many entries before libarchive
 * allocates a record for each. */
static guint64
count_central_records (const guint8 *data, gsize size, guint64 stop_after)
{
  static const guint8 signature[4] = { 'P', 'K', 1, 2 };
  const guint8       *p = data;
  const guint8       *end = data + size;
  guint64             n = 0;

  while (p + 4 <= end)
    {
      const guint8 *hit = memchr (p, 'P', (end - 3) - p);

      if (hit == NULL)
        break;
      if (memcmp (hit, signature, sizeof signature) == 0 && ++n > stop_after)
        break;
      p = hit + 1;
    }
  return n;
}

static struct archive *
open_reader (KtsArchive *self, GError **error)
{
  struct archive *a = archive_read_new ();
  gsize           size;
  gconstpointer   data = g_bytes_get_data (self->bytes, &size);

  archive_read_support_format_zip_seekable (a);
  if (archive_read_open_memory (a, data, size) != ARCHIVE_OK)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                   _ ("%s is not a zip archive, or it is damaged (%s)."), self->name,
                   archive_error_string (a) != NULL ? archive_error_string (a) : "?");
      archive_read_free (a);
      return NULL;
    }
  return a;
}

static char *
entry_path (struct archive_entry *entry)
{
  const char *path = archive_entry_pathname_utf8 (entry);

  if (path == NULL)
    path = archive_entry_pathname (entry);
  if (path == NULL)
    return NULL;
  return g_utf8_make_valid (path, -1);
}

static guint64
read_le (const guint8 *p, guint n)
{
  guint64 v = 0;

  for (guint i = n; i > 0; i--)
    v = v << 8 | p[i - 1];
  return v;
}

/* Reads the compressed size of each entry from the zip's central directory
 * (libarchive does not tell it), as entry name → size. Best effort: names it
 * cannot find get the archive's size as their bound, which the total limit
 * still backs up. Every read is checked against @size. */
static GHashTable *
read_compressed_sizes (const guint8 *data, gsize size, guint max_entries)
{
  GHashTable *sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize       eocd = 0;
  guint64     cd_offset, cd_size, n_entries;
  gboolean    found = FALSE;

  if (size < 22)
    return sizes;
  /* The end-of-central-directory record is in the last 22 + 65535 bytes. */
  for (gsize i = size - 22 + 1; i > 0 && size - (i - 1) <= 22 + 65535; i--)
    if (memcmp (data + i - 1, "PK\x05\x06", 4) == 0)
      {
        eocd = i - 1;
        found = TRUE;
        break;
      }
  if (!found)
    return sizes;

  n_entries = read_le (data + eocd + 10, 2);
  cd_size = read_le (data + eocd + 12, 4);
  cd_offset = read_le (data + eocd + 16, 4);
  if ((n_entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) && eocd >= 20
      && memcmp (data + eocd - 20, "PK\x06\x07", 4) == 0)
    {
      guint64 eocd64 = read_le (data + eocd - 20 + 8, 8);

      if (size >= 56 && eocd64 <= size - 56 && memcmp (data + eocd64, "PK\x06\x06", 4) == 0)
        {
          n_entries = read_le (data + eocd64 + 32, 8);
          cd_size = read_le (data + eocd64 + 40, 8);
          cd_offset = read_le (data + eocd64 + 48, 8);
        }
    }
  if (cd_offset > size || cd_size > size - cd_offset || n_entries > max_entries)
    return sizes;

  for (guint64 p = cd_offset, n = 0; n < n_entries && p + 46 <= cd_offset + cd_size; n++)
    {
      const guint8    *r = data + p;
      guint64          compressed = read_le (r + 20, 4);
      guint64          uncompressed = read_le (r + 24, 4);
      guint            name_len = (guint)read_le (r + 28, 2);
      guint            extra_len = (guint)read_le (r + 30, 2);
      guint            comment_len = (guint)read_le (r + 32, 2);
      g_autofree char *raw = NULL;
      char            *name;

      if (memcmp (r, "PK\x01\x02", 4) != 0
          || p + 46 + name_len + extra_len + comment_len > cd_offset + cd_size)
        break;

      /* ZIP64: the sizes that do not fit are in extra field 0x0001, in this
       * order. */
      if (compressed == 0xFFFFFFFF)
        {
          const guint8 *x = r + 46 + name_len, *x_end = x + extra_len;

          compressed = G_MAXUINT64;
          while (x + 4 <= x_end)
            {
              guint id = (guint)read_le (x, 2), len = (guint)read_le (x + 2, 2);

              if (x + 4 + len > x_end)
                break;
              if (id == 1)
                {
                  guint at = uncompressed == 0xFFFFFFFF ? 8 : 0;

                  if (at + 8 <= len)
                    compressed = read_le (x + 4 + at, 8);
                  break;
                }
              x += 4 + len;
            }
        }

      raw = g_strndup ((const char *)r + 46, name_len);
      name = g_utf8_make_valid (raw, -1);
      g_strdelimit (name, "\\", '/');
      if (compressed != G_MAXUINT64)
        g_hash_table_replace (sizes, name, GSIZE_TO_POINTER (MAX (compressed, 1)));
      else
        g_free (name);
      p += 46 + name_len + extra_len + comment_len;
    }
  return sizes;
}

KtsArchive *
kts_archive_new (GBytes *bytes, const char *name, const KtsArchiveLimits *limits, GError **error)
{
  g_autoptr (KtsArchive) self = NULL;
  g_autoptr (ZipReader) a = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GHashTable) compressed = NULL;
  struct archive_entry *ae;
  gsize                 size;
  const guint8         *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (KtsArchive, 1);
  self->bytes = g_bytes_ref (bytes);
  self->name = g_strdup (name);
  if (limits != NULL)
    self->limits = *limits;
  else
    kts_archive_limits_init (&self->limits);
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL || size == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("%s is empty, not a zip archive."), name);
      return NULL;
    }
  if (count_central_records (data, size, self->limits.max_entries) > self->limits.max_entries)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   _ ("%s has more than %u entries inside; it was refused as unsafe."), name,
                   self->limits.max_entries);
      return NULL;
    }

  compressed = read_compressed_sizes (data, size, self->limits.max_entries);

  a = open_reader (self, error);
  if (a == NULL)
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (;;)
    {
      int              r = archive_read_next_header (a, &ae);
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;
      Entry            entry = { 0 };

      if (r == ARCHIVE_EOF)
        break;
      if (r < ARCHIVE_WARN)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("%s is a damaged zip archive (%s)."),
                       name, archive_error_string (a) != NULL ? archive_error_string (a) : "?");
          return NULL;
        }

      if (self->entries->len >= self->limits.max_entries)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                       _ ("%s has more than %u entries inside; it was refused as unsafe."), name,
                       self->limits.max_entries);
          return NULL;
        }

      path = entry_path (ae);
      if (path == NULL || !kts_archive_path_is_safe (path))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_UNSAFE,
                       _ ("%s contains an entry named “%s”, which points outside the document; "
                          "the file was refused as unsafe."),
                       name, path != NULL ? path : "");
          return NULL;
        }

      key = g_ascii_strdown (path, -1);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_UNSAFE,
                       _ ("%s contains two entries named “%s”; the file was refused as unsafe."),
                       name, path);
          return NULL;
        }

      if (archive_entry_is_encrypted (ae))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE,
                       _ ("%s is password-protected (its part “%s” is encrypted). Remove the "
                          "password and import it again."),
                       name, path);
          return NULL;
        }

      entry.bound = GPOINTER_TO_SIZE (g_hash_table_lookup (compressed, path));
      if (entry.bound == 0)
        entry.bound = size;
      entry.path = g_steal_pointer (&path);
      entry.size = archive_entry_size_is_set (ae) ? archive_entry_size (ae) : -1;
      g_array_append_val (self->entries, entry);
    }

  return g_steal_pointer (&self);
}

void
kts_archive_free (KtsArchive *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_free (self);
}

guint
kts_archive_get_n_entries (KtsArchive *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

const char *
kts_archive_get_path (KtsArchive *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_array_index (self->entries, Entry, index).path;
}

int
kts_archive_lookup (KtsArchive *self, const char *path)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (path != NULL, -1);

  for (guint i = 0; i < self->entries->len; i++)
    {
      if (g_ascii_strcasecmp (g_array_index (self->entries, Entry, i).path, path) == 0)
        return (int)i;
    }
  return -1;
}

static GBytes *
read_data (KtsArchive *self, struct archive *a, const Entry *entry, GError **error)
{
  g_autoptr (GByteArray) buffer = NULL;
  g_autofree guint8 *chunk = NULL;
  guint64            ratio_limit;

  if (entry->size > 0 && (guint64)entry->size > self->limits.max_entry_size)
    {
      g_autofree char *limit
          = g_format_size_full (self->limits.max_entry_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   _ ("%s: its part “%s” is larger than %s; the file was refused."), self->name,
                   entry->path, limit);
      return NULL;
    }

  ratio_limit = entry->bound > G_MAXUINT64 / self->limits.max_ratio
                    ? G_MAXUINT64
                    : entry->bound * self->limits.max_ratio;
  buffer = g_byte_array_sized_new (
      entry->size > 0 && entry->size < 64 * 1024 * 1024 ? (guint)entry->size : READ_CHUNK);
  chunk = g_malloc (READ_CHUNK);
  for (;;)
    {
      la_ssize_t n = archive_read_data (a, chunk, READ_CHUNK);
      guint64    got;

      if (n == 0)
        break;
      if (n < 0)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                       _ ("%s is damaged: its part “%s” cannot be read (%s)."), self->name,
                       entry->path,
                       archive_error_string (a) != NULL ? archive_error_string (a) : "?");
          return NULL;
        }

      got = (guint64)buffer->len + (guint64)n;
      if (got > self->limits.max_entry_size)
        {
          g_autofree char *limit
              = g_format_size_full (self->limits.max_entry_size, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                       _ ("%s: its part “%s” is larger than %s; the file was refused."), self->name,
                       entry->path, limit);
          return NULL;
        }
      if (self->total_read + (guint64)n > self->limits.max_total_size)
        {
          g_autofree char *limit
              = g_format_size_full (self->limits.max_total_size, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                       _ ("%s expands to more than %s; the file was refused as too large."),
                       self->name, limit);
          return NULL;
        }
      if (got > self->limits.ratio_threshold && got > ratio_limit)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                       _ ("%s: its part “%s” expands to more than %u times its compressed size; "
                          "the file was refused as a possible zip bomb."),
                       self->name, entry->path, self->limits.max_ratio);
          return NULL;
        }

      self->total_read += (guint64)n;
      g_byte_array_append (buffer, chunk, (guint)n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GPtrArray *
kts_archive_read_entries (KtsArchive *self, const guint *indexes, guint n_indexes, GError **error)
{
  g_autoptr (ZipReader) a = NULL;
  g_autoptr (GPtrArray) out = NULL;
  guint                 n_found = 0;
  struct archive_entry *ae;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (indexes != NULL || n_indexes == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = g_ptr_array_new_full (n_indexes, (GDestroyNotify)g_bytes_unref);
  g_ptr_array_set_size (out, n_indexes);
  for (guint i = 0; i < n_indexes; i++)
    g_return_val_if_fail (indexes[i] < self->entries->len, NULL);
  if (n_indexes == 0)
    return g_steal_pointer (&out);

  a = open_reader (self, error);
  if (a == NULL)
    return NULL;

  /* The second pass lists the same entries in the same order as the first. */
  for (guint index = 0; n_found < n_indexes; index++)
    {
      int r = archive_read_next_header (a, &ae);

      if (r == ARCHIVE_EOF || index >= self->entries->len)
        break;
      if (r < ARCHIVE_WARN)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE, _ ("%s is a damaged zip archive (%s)."),
                       self->name,
                       archive_error_string (a) != NULL ? archive_error_string (a) : "?");
          return NULL;
        }

      {
        GBytes *data = NULL;

        for (guint i = 0; i < n_indexes; i++)
          {
            if (indexes[i] != index)
              continue;
            if (data == NULL)
              {
                data = read_data (self, a, &g_array_index (self->entries, Entry, index), error);
                if (data == NULL)
                  return NULL;
                g_ptr_array_index (out, i) = data;
              }
            else
              g_ptr_array_index (out, i) = g_bytes_ref (data);
            n_found++;
          }
      }
    }

  if (n_found < n_indexes)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_PARSE,
                   _ ("%s is a damaged zip archive: some of its parts cannot be found."),
                   self->name);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GBytes *
kts_archive_read_entry (KtsArchive *self, guint index, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = kts_archive_read_entries (self, &index, 1, error);
  if (entries == NULL)
    return NULL;
  return g_bytes_ref (g_ptr_array_index (entries, 0));
}
