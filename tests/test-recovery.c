/* test-recovery.c: autosave recovery copies: write, list, load, discard, kill.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kts-core.h"
#include "kts-recovery.h"

static char *
make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("kts-recovery-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_rf (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static KtsProject *
make_project (const char *title, const char *code_name)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsCode) code = kts_code_new (NULL, code_name);
  g_autoptr (GError) error = NULL;

  kts_project_set_title (project, title);
  g_assert_true (kts_project_add_code (project, code, NULL, -1, &error));
  g_assert_no_error (error);
  /* A set-title command refers to the project itself; dropping the history
   * lets the project be freed (see the leak check in CI). */
  kts_project_clear_undo (project);
  return g_steal_pointer (&project);
}

static void
test_make_id (void)
{
  g_autoptr (GFile) a = g_file_new_for_path ("/home/ada/study/a.kintsugi");
  g_autoptr (GFile) a2 = g_file_new_for_path ("/home/ada/study/a.kintsugi");
  g_autoptr (GFile) b = g_file_new_for_path ("/home/ada/study/b.kintsugi");
  g_autofree char *guid = kts_guid_new ();
  g_autofree char *ida = kts_recovery_make_id (a, NULL);
  g_autofree char *ida2 = kts_recovery_make_id (a2, guid);
  g_autofree char *idb = kts_recovery_make_id (b, NULL);
  g_autofree char *idu = kts_recovery_make_id (NULL, guid);
  g_autofree char *expected_untitled = g_strconcat ("untitled-", guid, NULL);

  /* The file decides the slot, not the untitled id. */
  g_assert_cmpstr (ida, ==, ida2);
  g_assert_cmpstr (ida, !=, idb);
  g_assert_cmpuint (strlen (ida), ==, 32);
  g_assert_cmpstr (idu, ==, expected_untitled);
}

static void
test_default_dir (void)
{
  g_autofree char *dir = kts_recovery_get_default_dir ();
  g_autofree char *expected
      = g_build_filename (g_get_user_data_dir (), "kintsugi", "recovery", NULL);

  g_assert_cmpstr (dir, ==, expected);
}

static void
test_write_list_load_discard (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "deep", "recovery", NULL);
  g_autoptr (KtsProject) project = make_project ("Rupture study", "Silence");
  g_autoptr (GFile) original = g_file_new_for_path ("/home/ada/study/rupture.kintsugi");
  g_autofree char *id = kts_recovery_make_id (original, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (KtsProject) restored = NULL;
  KtsRecoveryEntry *entry;
  gint64            before = g_get_real_time () / G_USEC_PER_SEC;

  kts_project_set_file (project, original);

  /* A folder that does not exist yet lists as empty. */
  entries = kts_recovery_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (kts_recovery_write (dir, id, project, &error));
  g_assert_no_error (error);

  entries = kts_recovery_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (kts_recovery_entry_get_id (entry), ==, id);
  g_assert_cmpstr (kts_recovery_entry_get_title (entry), ==, "Rupture study");
  g_assert_true (g_file_equal (kts_recovery_entry_get_original (entry), original));
  g_assert_cmpint (kts_recovery_entry_get_saved (entry), >=, before);
  g_assert_cmpint (kts_recovery_entry_get_saved (entry), <=, before + 60);
  g_assert_cmpint (kts_recovery_entry_get_pid (entry), ==, getpid ());
  g_assert_true (g_file_test (kts_recovery_entry_get_path (entry), G_FILE_TEST_IS_REGULAR));

  restored = kts_recovery_load (entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpstr (kts_project_get_title (restored), ==, "Rupture study");
  g_assert_true (g_file_equal (kts_project_get_file (restored), original));
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (restored)), ==, 1);
  g_assert_nonnull (kts_codebook_resolve (kts_project_get_codebook (restored), "Silence", NULL));

  /* Writing the same slot again replaces the copy. */
  kts_project_set_title (project, "Rupture study, second pass");
  kts_project_clear_undo (project);
  g_assert_true (kts_recovery_write (dir, id, project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = kts_recovery_list (dir, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (kts_recovery_entry_get_title (entry), ==, "Rupture study, second pass");

  g_assert_true (kts_recovery_discard (dir, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = kts_recovery_list (dir, &error);
  g_assert_cmpuint (entries->len, ==, 0);

  /* Discarding twice is fine. */
  g_assert_true (kts_recovery_discard (dir, id, &error));
  g_assert_no_error (error);

  rm_rf (tmp);
}

static void
test_untitled_and_order (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr (KtsProject) p1 = make_project ("First", "Withdrawal");
  g_autoptr (KtsProject) p2 = make_project ("Second", "Confrontation");
  g_autofree char *g1 = kts_guid_new ();
  g_autofree char *g2 = kts_guid_new ();
  g_autofree char *id1 = kts_recovery_make_id (NULL, g1);
  g_autofree char *id2 = kts_recovery_make_id (NULL, g2);
  g_autofree char *stray = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) restored = NULL;

  g_assert_true (kts_recovery_write (dir, id1, p1, &error));
  g_assert_true (kts_recovery_write (dir, id2, p2, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (stray, "not a recovery file", -1, NULL));

  /* Make the first one older: rewrite its sidecar time by hand. */
  {
    g_autofree char *sidecar = g_strconcat (dir, G_DIR_SEPARATOR_S, id1, ".recovery", NULL);
    g_autoptr (GKeyFile) kf = g_key_file_new ();
    g_assert_true (g_key_file_load_from_file (kf, sidecar, G_KEY_FILE_NONE, NULL));
    g_key_file_set_int64 (kf, "Recovery", "saved-unix", 1000);
    g_assert_true (g_key_file_save_to_file (kf, sidecar, NULL));
  }

  entries = kts_recovery_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (kts_recovery_entry_get_id (g_ptr_array_index (entries, 0)), ==, id2);
  g_assert_cmpstr (kts_recovery_entry_get_id (g_ptr_array_index (entries, 1)), ==, id1);
  g_assert_cmpint (kts_recovery_entry_get_saved (g_ptr_array_index (entries, 1)), ==, 1000);
  g_assert_null (kts_recovery_entry_get_original (g_ptr_array_index (entries, 0)));

  restored = kts_recovery_load (g_ptr_array_index (entries, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_project_get_title (restored), ==, "First");
  g_assert_null (kts_project_get_file (restored));

  g_assert_true (kts_recovery_discard (dir, id1, NULL));
  g_assert_true (kts_recovery_discard (dir, id2, NULL));
  g_remove (stray);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A copy without its sidecar (a crash between the two writes) is still listed. */
static void
test_missing_sidecar (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr (KtsProject) project = make_project ("Lonely", "Silence");
  g_autofree char *guid = kts_guid_new ();
  g_autofree char *id = kts_recovery_make_id (NULL, guid);
  g_autofree char *sidecar = g_strconcat (dir, G_DIR_SEPARATOR_S, id, ".recovery", NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (KtsProject) restored = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_recovery_write (dir, id, project, &error));
  g_assert_cmpint (g_remove (sidecar), ==, 0);

  entries = kts_recovery_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_null (kts_recovery_entry_get_title (g_ptr_array_index (entries, 0)));
  g_assert_cmpint (kts_recovery_entry_get_saved (g_ptr_array_index (entries, 0)), >, 0);
  restored = kts_recovery_load (g_ptr_array_index (entries, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_project_get_title (restored), ==, "Lonely");

  g_assert_true (kts_recovery_discard (dir, id, NULL));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A failed write (disk full) keeps the previous copy intact. */
static void
test_failed_write_keeps_copy (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr (KtsProject) project = make_project ("Before", "Silence");
  g_autofree char *guid = kts_guid_new ();
  g_autofree char *id = kts_recovery_make_id (NULL, guid);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (KtsProject) restored = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_recovery_write (dir, id, project, &error));
  kts_project_set_title (project, "After");
  kts_project_clear_undo (project);
  kts_file_set_fault_injection (1);
  g_assert_false (kts_recovery_write (dir, id, project, &error));
  kts_file_set_fault_injection (0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  entries = kts_recovery_list (dir, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  restored = kts_recovery_load (g_ptr_array_index (entries, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_project_get_title (restored), ==, "Before");

  g_assert_true (kts_recovery_discard (dir, id, NULL));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The crash test at the core level: a child process autosaves in a loop,
 * alternating two versions of a project, and is killed with SIGKILL at an
 * arbitrary moment. Whatever moment it died, the recovery copy left behind
 * must load and be one of the two versions. */
static void
test_kill_while_autosaving (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr (KtsProject) a = make_project ("Version A", "Silence");
  g_autoptr (KtsProject) b = make_project ("Version B", "Withdrawal");
  g_autoptr (GBytes) bytes_a = kts_project_serialize (a);
  g_autoptr (GBytes) bytes_b = kts_project_serialize (b);
  g_autofree char *guid = kts_guid_new ();
  g_autofree char *id = kts_recovery_make_id (NULL, guid);

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr (GPtrArray) entries = NULL;
      g_autoptr (KtsProject) restored = NULL;
      g_autoptr (GError) error = NULL;
      const char *title;
      int         status = 0;
      pid_t       pid;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (guint i = 0;; i++)
            kts_recovery_write_bytes (dir, id, (i % 2) ? bytes_b : bytes_a, NULL,
                                      (i % 2) ? "Version B" : "Version A", NULL);
          _exit (0);
        }

      /* Let it write a few times, then kill it somewhere in a write. */
      g_usleep (30000 + g_random_int_range (0, 40000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      entries = kts_recovery_list (dir, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, 1);
      g_assert_cmpint (kts_recovery_entry_get_pid (g_ptr_array_index (entries, 0)), ==, pid);

      restored = kts_recovery_load (g_ptr_array_index (entries, 0), &error);
      g_assert_no_error (error);
      title = kts_project_get_title (restored);
      g_assert_true (g_str_equal (title, "Version A") || g_str_equal (title, "Version B"));
    }

  /* No temporary files are listed as copies; clean up everything. */
  g_assert_true (kts_recovery_discard (dir, id, NULL));
  rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;
  int              status;

  /* Our own data folder, not G_TEST_OPTION_ISOLATE_DIRS: that one leaks in
   * GLib 2.74, which the leak check in CI would report. */
  home = make_tmpdir ();
  data = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/make-id", test_make_id);
  g_test_add_func ("/recovery/default-dir", test_default_dir);
  g_test_add_func ("/recovery/write-list-load-discard", test_write_list_load_discard);
  g_test_add_func ("/recovery/untitled-and-order", test_untitled_and_order);
  g_test_add_func ("/recovery/missing-sidecar", test_missing_sidecar);
  g_test_add_func ("/recovery/failed-write-keeps-copy", test_failed_write_keeps_copy);
  g_test_add_func ("/recovery/kill-while-autosaving", test_kill_while_autosaving);

  status = g_test_run ();
  rm_rf (home);
  return status;
}
