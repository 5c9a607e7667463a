/* kts-file-util.c: atomic file replacement with a backup, and bounded reads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-file-util"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kts-error.h"
#include "kts-file-util.h"

static int fault_injection_step;

void
kts_file_set_fault_injection (int step)
{
  g_atomic_int_set (&fault_injection_step, step);
}

static void
set_save_error (GError **error, const char *path, int saved_errno)
{
  g_autofree char *name = g_filename_display_basename (path);

  /* Translators: the first %s is a file name, the second why saving failed */
  g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not save “%s”: %s"), name,
               g_strerror (saved_errno));
}

static gboolean
write_all (int fd, const guint8 *data, gsize size, int fault, int *saved_errno)
{
  gsize done = 0;
  gsize limit = size;

  if (fault == 1)
    limit = size / 2;

  while (done < limit)
    {
      gsize   chunk = MIN (limit - done, (gsize)1 << 30);
      ssize_t n = write (fd, data + done, chunk);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      done += (gsize)n;
    }

  if (fault == 1)
    {
      *saved_errno = ENOSPC;
      return FALSE;
    }

  return TRUE;
}

/* Copies @from to @to by way of a temporary file, so @to is either the old
 * backup or a complete new one. Used where hard links are not possible. */
static gboolean
copy_to_backup (const char *from, const char *to, int *saved_errno)
{
  g_autofree char *tmp = NULL;
  guint8           buf[65536];
  int              in_fd;
  int              out_fd;

  in_fd = open (from, O_RDONLY | O_CLOEXEC);
  if (in_fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  tmp = g_strconcat (to, ".XXXXXX", NULL);
  out_fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (out_fd < 0)
    {
      *saved_errno = errno;
      close (in_fd);
      return FALSE;
    }

  for (;;)
    {
      ssize_t n = read (in_fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *saved_errno = errno;
          goto fail;
        }
      if (n == 0)
        break;
      if (!write_all (out_fd, buf, (gsize)n, 0, saved_errno))
        goto fail;
    }

  if (fsync (out_fd) != 0)
    {
      *saved_errno = errno;
      goto fail;
    }
  close (in_fd);
  in_fd = -1;
  if (close (out_fd) != 0)
    {
      out_fd = -1;
      *saved_errno = errno;
      goto fail;
    }
  out_fd = -1;

  if (g_rename (tmp, to) != 0)
    {
      *saved_errno = errno;
      goto fail;
    }

  return TRUE;

fail:
  if (in_fd >= 0)
    close (in_fd);
  if (out_fd >= 0)
    close (out_fd);
  g_unlink (tmp);
  return FALSE;
}

/* Keeps the current @path as @backup. A hard link costs nothing and cannot
 * leave a half-written backup; file systems without links get a copy. */
static gboolean
make_backup (const char *path, const char *backup, int *saved_errno)
{
  if (g_unlink (backup) != 0 && errno != ENOENT)
    {
      *saved_errno = errno;
      return FALSE;
    }

  if (link (path, backup) == 0)
    return TRUE;

  switch (errno)
    {
    case EPERM:
    case EXDEV:
    case EMLINK:
    case ENOTSUP:
    case ENOSYS:
      return copy_to_backup (path, backup, saved_errno);

    default:
      *saved_errno = errno;
      return FALSE;
    }
}

static void
sync_folder (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;

  /* The new file is in place already: a folder that cannot be synced (some
   * file systems answer EINVAL) is no reason to report a failed save. */
  if (fsync (fd) != 0)
    g_debug ("Could not sync folder %s: %s", dir, g_strerror (errno));
  close (fd);
}

gboolean
kts_file_write_atomic (const char *path, GBytes *bytes, const char *backup_suffix, GError **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  const guint8    *data;
  gsize            size;
  struct stat      st;
  gboolean         exists;
  int              fault;
  int              saved_errno = 0;
  int              fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fault = g_atomic_int_get (&fault_injection_step);

  /* Replace the file a symbolic link points to, not the link. */
  target = g_strdup (path);
  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      char *real = realpath (path, NULL);

      if (real != NULL)
        {
          g_free (target);
          target = g_strdup (real);
          free (real);
        }
    }

  exists = g_stat (target, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      set_save_error (error, path, EISDIR);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  tmp = g_strconcat (target, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_save_error (error, path, errno);
      return FALSE;
    }

  /* Keep the permissions of the file being replaced. */
  if (exists)
    (void)fchmod (fd, st.st_mode & 07777);

  data = g_bytes_get_data (bytes, &size);
  if (!write_all (fd, data, size, fault, &saved_errno))
    goto fail;

  if (fault == 2)
    {
      saved_errno = EIO;
      goto fail;
    }
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto fail;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto fail;
    }
  fd = -1;

  if (exists && backup_suffix != NULL && backup_suffix[0] != '\0')
    {
      g_autofree char *backup = g_strconcat (target, backup_suffix, NULL);

      if (!make_backup (target, backup, &saved_errno))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *backup_name = g_filename_display_basename (backup);

          g_unlink (tmp);
          /* Translators: %s are two file names and the reason */
          g_set_error (error, KTS_ERROR, KTS_ERROR_IO,
                       _ ("Could not save “%s”: could not keep the previous version as “%s”: %s"),
                       name, backup_name, g_strerror (saved_errno));
          return FALSE;
        }
    }

  if (fault == 4)
    {
      /* Testing: a crash (power cut, kill -9) between writing and renaming. */
      raise (SIGKILL);
      _exit (137);
    }

  if (fault == 3)
    {
      saved_errno = EIO;
      goto fail;
    }
  if (g_rename (tmp, target) != 0)
    {
      saved_errno = errno;
      goto fail;
    }

  sync_folder (dir);
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  set_save_error (error, path, saved_errno != 0 ? saved_errno : EIO);
  return FALSE;
}

static void
set_read_error (GError **error, const char *path, int saved_errno)
{
  g_autofree char *name = g_filename_display_basename (path);

  /* Translators: the first %s is a file name, the second why reading failed */
  g_set_error (error, KTS_ERROR, saved_errno == ENOENT ? KTS_ERROR_NOT_FOUND : KTS_ERROR_IO,
               _ ("Could not read “%s”: %s"), name, g_strerror (saved_errno));
}

static void
set_too_large_error (GError **error, const char *path, gsize max_size)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *limit = g_format_size (max_size);

  /* Translators: %s are a file name and a size such as "1.1 GB" */
  g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
               _ ("Could not read “%s”: the file is larger than %s"), name, limit);
}

GBytes *
kts_file_read_all (const char *path, gsize max_size, GError **error)
{
  struct stat st;
  guint8     *buf = NULL;
  gsize       alloc;
  gsize       len = 0;
  int         fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      set_read_error (error, path, errno);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_read_error (error, path, errno);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      set_read_error (error, path, EISDIR);
      close (fd);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && (guint64)st.st_size > (guint64)max_size)
    {
      set_too_large_error (error, path, max_size);
      close (fd);
      return NULL;
    }

  /* The size is a hint only: files can grow while we read, and pipes or
   * /proc files report 0. One spare byte tells us we reached the end. */
  alloc = S_ISREG (st.st_mode) && st.st_size > 0 ? (gsize)st.st_size + 1 : 65536;
  buf = g_malloc (alloc);

  for (;;)
    {
      ssize_t n;

      if (len == alloc)
        {
          if (alloc > max_size)
            {
              set_too_large_error (error, path, max_size);
              goto fail;
            }
          alloc = alloc > G_MAXSIZE / 2 ? G_MAXSIZE : alloc * 2;
          buf = g_realloc (buf, alloc);
        }

      n = read (fd, buf + len, alloc - len);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_read_error (error, path, errno);
          goto fail;
        }
      if (n == 0)
        break;
      len += (gsize)n;
      if (len > max_size)
        {
          set_too_large_error (error, path, max_size);
          goto fail;
        }
    }

  close (fd);
  return g_bytes_new_take (g_realloc (buf, MAX (len, 1)), len);

fail:
  close (fd);
  g_free (buf);
  return NULL;
}
