/* kts-recovery.c: autosaved recovery copies of open projects, for after a crash.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-recovery"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kts-error.h"
#include "kts-file-util.h"
#include "kts-item.h"
#include "kts-project-io.h"
#include "kts-recovery.h"

#define PROJECT_SUFFIX ".kintsugi"
#define SIDECAR_SUFFIX ".recovery"
#define SIDECAR_GROUP "Recovery"

struct _KtsRecoveryEntry
{
  gatomicrefcount ref_count;
  char           *id;
  char           *path;
  GFile          *original;
  char           *title;
  gint64          saved;
  GPid            pid;
};

G_DEFINE_BOXED_TYPE (KtsRecoveryEntry,
                     kts_recovery_entry,
                     kts_recovery_entry_ref,
                     kts_recovery_entry_unref)

KtsRecoveryEntry *
kts_recovery_entry_ref (KtsRecoveryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kts_recovery_entry_unref (KtsRecoveryEntry *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->id);
      g_free (self->path);
      g_clear_object (&self->original);
      g_free (self->title);
      g_free (self);
    }
}

const char *
kts_recovery_entry_get_id (KtsRecoveryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
kts_recovery_entry_get_path (KtsRecoveryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

GFile *
kts_recovery_entry_get_original (KtsRecoveryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->original;
}

const char *
kts_recovery_entry_get_title (KtsRecoveryEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

gint64
kts_recovery_entry_get_saved (KtsRecoveryEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->saved;
}

GPid
kts_recovery_entry_get_pid (KtsRecoveryEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pid;
}

char *
kts_recovery_get_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "kintsugi", "recovery", NULL);
}

static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 128)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

char *
kts_recovery_make_id (GFile *file, const char *untitled_id)
{
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (file != NULL || kts_guid_is_valid (untitled_id), NULL);

  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);

      /* 128 bits of the hash are plenty to keep files apart. */
      sum[32] = '\0';
      return g_steal_pointer (&sum);
    }

  return g_strconcat ("untitled-", untitled_id, NULL);
}

static char *
slot_path (const char *dir, const char *id, const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);
  return g_build_filename (dir, name, NULL);
}

gboolean
kts_recovery_write_bytes (const char *dir,
                          const char *id,
                          GBytes     *bytes,
                          GFile      *original,
                          const char *title,
                          GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr (GKeyFile) keyfile = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GBytes) sidecar = NULL;
  gsize len = 0;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (id_is_valid (id), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (original == NULL || G_IS_FILE (original), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO,
                   _ ("Could not create the recovery folder “%s”: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  path = slot_path (dir, id, PROJECT_SUFFIX);
  if (!kts_file_write_atomic (path, bytes, NULL, error))
    return FALSE;

  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  keyfile = g_key_file_new ();
  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      g_key_file_set_string (keyfile, SIDECAR_GROUP, "original", uri);
    }
  if (title != NULL)
    g_key_file_set_string (keyfile, SIDECAR_GROUP, "title", title);
  g_key_file_set_string (keyfile, SIDECAR_GROUP, "saved", stamp);
  g_key_file_set_int64 (keyfile, SIDECAR_GROUP, "saved-unix", g_date_time_to_unix (now));
  g_key_file_set_int64 (keyfile, SIDECAR_GROUP, "pid", (gint64)getpid ());

  data = g_key_file_to_data (keyfile, &len, NULL);
  sidecar = g_bytes_new_take (g_steal_pointer (&data), len);
  sidecar_path = slot_path (dir, id, SIDECAR_SUFFIX);

  return kts_file_write_atomic (sidecar_path, sidecar, NULL, error);
}

gboolean
kts_recovery_write (const char *dir, const char *id, KtsProject *project, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (project), FALSE);

  bytes = kts_project_serialize (project);
  return kts_recovery_write_bytes (dir, id, bytes, kts_project_get_file (project),
                                   kts_project_get_title (project), error);
}

static KtsRecoveryEntry *
entry_read (const char *dir, const char *id)
{
  g_autoptr (KtsRecoveryEntry) entry = g_new0 (KtsRecoveryEntry, 1);
  g_autofree char *sidecar_path = slot_path (dir, id, SIDECAR_SUFFIX);
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  GStatBuf st;

  g_atomic_ref_count_init (&entry->ref_count);
  entry->id = g_strdup (id);
  entry->path = slot_path (dir, id, PROJECT_SUFFIX);

  if (g_stat (entry->path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  entry->saved = st.st_mtime;

  if (g_key_file_load_from_file (keyfile, sidecar_path, G_KEY_FILE_NONE, NULL))
    {
      g_autofree char *uri = g_key_file_get_string (keyfile, SIDECAR_GROUP, "original", NULL);
      g_autoptr (GError) local_error = NULL;
      gint64 saved;

      if (uri != NULL && *uri != '\0')
        entry->original = g_file_new_for_uri (uri);
      entry->title = g_key_file_get_string (keyfile, SIDECAR_GROUP, "title", NULL);

      saved = g_key_file_get_int64 (keyfile, SIDECAR_GROUP, "saved-unix", &local_error);
      if (local_error == NULL && saved > 0)
        entry->saved = saved;
      entry->pid = (GPid)g_key_file_get_int64 (keyfile, SIDECAR_GROUP, "pid", NULL);
    }

  return g_steal_pointer (&entry);
}

static int
entry_compare_newest_first (gconstpointer a, gconstpointer b)
{
  const KtsRecoveryEntry *ea = *(KtsRecoveryEntry *const *)a;
  const KtsRecoveryEntry *eb = *(KtsRecoveryEntry *const *)b;

  if (ea->saved != eb->saved)
    return ea->saved > eb->saved ? -1 : 1;
  return strcmp (ea->id, eb->id);
}

GPtrArray *
kts_recovery_list (const char *dir, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GDir) gdir = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)kts_recovery_entry_unref);

  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO,
                   _ ("Could not read the recovery folder “%s”: %s"), dir, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char  *id = NULL;
      KtsRecoveryEntry *entry;

      if (!g_str_has_suffix (name, PROJECT_SUFFIX))
        continue;
      id = g_strndup (name, strlen (name) - strlen (PROJECT_SUFFIX));
      if (!id_is_valid (id))
        continue;
      entry = entry_read (dir, id);
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, entry_compare_newest_first);
  return g_steal_pointer (&entries);
}

static gboolean
remove_if_exists (const char *path, GError **error)
{
  if (g_remove (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not remove “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
kts_recovery_discard (const char *dir, const char *id, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *sidecar_path = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (id_is_valid (id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = slot_path (dir, id, PROJECT_SUFFIX);
  sidecar_path = slot_path (dir, id, SIDECAR_SUFFIX);

  /* The copy first: a sidecar without a copy is ignored by the listing. */
  if (!remove_if_exists (path, error))
    return FALSE;
  return remove_if_exists (sidecar_path, error);
}

KtsProject *
kts_recovery_load (KtsRecoveryEntry *entry, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (KtsProject) project = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = kts_file_read_all (entry->path, KTS_PROJECT_MAX_FILE_SIZE, error);
  if (bytes == NULL)
    return NULL;

  display = g_path_get_basename (entry->path);
  project = kts_project_deserialize (bytes, display, error);
  if (project == NULL)
    return NULL;

  kts_project_set_file (project, entry->original);
  return g_steal_pointer (&project);
}
