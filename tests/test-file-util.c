/* test-file-util.c: tests of atomic saving with backups and bounded reading.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kts-error.h"
#include "kts-file-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("kts-file-util-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "study.kintsugi", NULL);
  kts_file_set_fault_injection (0);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  g_chmod (dir, 0700);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR) && !g_file_test (p, G_FILE_TEST_IS_SYMLINK))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  kts_file_set_fault_injection (0);
  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

/* Names in @dir other than the expected ones: temporary files left behind. */
static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_file_equals (const char *path, const char *expected, gsize expected_len)
{
  g_autofree char *contents = NULL;
  gsize            len = 0;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, expected, expected_len);
}

static GBytes *
make_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_write_new (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_bytes ("<kintsugi/>\n");
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_strconcat (fx->path, "~", NULL);

  g_assert_true (kts_file_write_atomic (fx->path, bytes, "~", &error));
  g_assert_no_error (error);
  assert_file_equals (fx->path, "<kintsugi/>\n", 12);
  /* No previous version, so no backup; no temporary file left. */
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
}

static void
test_backup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) one = make_bytes ("version one");
  g_autoptr (GBytes) two = make_bytes ("version two, longer");
  g_autoptr (GBytes) three = make_bytes ("3");
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_strconcat (fx->path, "~", NULL);

  g_assert_true (kts_file_write_atomic (fx->path, one, "~", &error));
  g_assert_true (kts_file_write_atomic (fx->path, two, "~", &error));
  g_assert_no_error (error);
  assert_file_equals (fx->path, "version two, longer", 19);
  assert_file_equals (backup, "version one", 11);

  g_assert_true (kts_file_write_atomic (fx->path, three, "~", &error));
  g_assert_no_error (error);
  assert_file_equals (fx->path, "3", 1);
  assert_file_equals (backup, "version two, longer", 19);
  g_assert_cmpuint (count_entries (fx->dir), ==, 2);

  /* Without a suffix the backup is left alone. */
  g_assert_true (kts_file_write_atomic (fx->path, one, NULL, &error));
  assert_file_equals (fx->path, "version one", 11);
  assert_file_equals (backup, "version two, longer", 19);
}

static void
test_keeps_mode (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_bytes ("x");
  g_autoptr (GError) error = NULL;
  struct stat st;

  g_assert_true (kts_file_write_atomic (fx->path, bytes, "~", &error));
  g_assert_cmpint (g_chmod (fx->path, 0640), ==, 0);
  g_assert_true (kts_file_write_atomic (fx->path, bytes, "~", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
}

static void
test_symlink (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) one = make_bytes ("one");
  g_autoptr (GBytes) two = make_bytes ("two");
  g_autoptr (GError) error = NULL;
  g_autofree char *real = g_build_filename (fx->dir, "real.kintsugi", NULL);
  struct stat      st;

  g_assert_true (kts_file_write_atomic (real, one, NULL, &error));
  g_assert_cmpint (symlink ("real.kintsugi", fx->path), ==, 0);
  g_assert_true (kts_file_write_atomic (fx->path, two, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (fx->path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_file_equals (real, "two", 3);
}

/* Each injected failure leaves the previous file byte-identical, removes the
 * temporary file, and says what went wrong. */
static void
test_fault_injection (Fixture *fx, gconstpointer data)
{
  static const char *reasons[]
      = { NULL, "No space left on device", "Input/output error", "Input/output error" };
  g_autoptr (GBytes) old = make_bytes ("the previous project");
  g_autoptr (GString) big = g_string_new (NULL);
  g_autoptr (GBytes) fresh = NULL;
  g_autofree char *backup = g_strconcat (fx->path, "~", NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (big, 'a' + i % 26);
  fresh = g_string_free_to_bytes (g_steal_pointer (&big));

  for (int step = 1; step <= 3; step++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *expected = NULL;

      g_assert_true (kts_file_write_atomic (fx->path, old, NULL, &error));
      g_assert_no_error (error);
      g_unlink (backup);

      kts_file_set_fault_injection (step);
      g_assert_false (kts_file_write_atomic (fx->path, fresh, "~", &error));
      kts_file_set_fault_injection (0);

      g_assert_error (error, KTS_ERROR, KTS_ERROR_IO);
      expected = g_strdup_printf ("Could not save “study.kintsugi”: %s", reasons[step]);
      g_assert_cmpstr (error->message, ==, expected);
      assert_file_equals (fx->path, "the previous project", 20);
      /* Only the file itself, and a backup when the failure came after it. */
      g_assert_cmpuint (count_entries (fx->dir), ==, step == 3 ? 2 : 1);
      if (step == 3)
        assert_file_equals (backup, "the previous project", 20);
    }

  /* The next save works again. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (kts_file_write_atomic (fx->path, fresh, "~", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_entries (fx->dir), ==, 2);
  }
}

/* A child killed between writing and renaming leaves the previous file. */
static void
test_killed_before_rename (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) old = make_bytes ("safe and sound");
  g_autoptr (GBytes) fresh = make_bytes ("never seen");
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_strconcat (fx->path, "~", NULL);
  g_autoptr (GDir) d = NULL;
  const char *name;
  gboolean    saw_temp = FALSE;
  int         status = 0;
  pid_t       pid;

  g_assert_true (kts_file_write_atomic (fx->path, old, "~", &error));
  g_assert_no_error (error);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      kts_file_set_fault_injection (4);
      kts_file_write_atomic (fx->path, fresh, "~", NULL);
      _exit (0); /* not reached */
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  assert_file_equals (fx->path, "safe and sound", 14);
  assert_file_equals (backup, "safe and sound", 14);

  /* The complete temporary file is what a crash leaves behind. */
  d = g_dir_open (fx->dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "study.kintsugi.")
        && strlen (name) == strlen ("study.kintsugi.") + 6)
      {
        g_autofree char *p = g_build_filename (fx->dir, name, NULL);

        assert_file_equals (p, "never seen", 10);
        saw_temp = TRUE;
      }
  g_assert_true (saw_temp);

  /* Saving again afterwards works. */
  g_assert_true (kts_file_write_atomic (fx->path, fresh, "~", &error));
  g_assert_no_error (error);
  assert_file_equals (fx->path, "never seen", 10);
}

static void
test_read_only_folder (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) old = make_bytes ("old");
  g_autoptr (GBytes) fresh = make_bytes ("new");
  g_autoptr (GError) error = NULL;
  int   status = 0;
  pid_t pid;

  g_assert_true (kts_file_write_atomic (fx->path, old, "~", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (fx->dir, 0555), ==, 0);
  g_assert_cmpint (g_chmod (fx->path, 0644), ==, 0);

  /* root writes anywhere: check as an unprivileged user in a child. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr (GError) child_error = NULL;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (3);
      if (kts_file_write_atomic (fx->path, fresh, "~", &child_error))
        _exit (1);
      if (!g_error_matches (child_error, KTS_ERROR, KTS_ERROR_IO)
          || g_strcmp0 (child_error->message, "Could not save “study.kintsugi”: Permission denied")
                 != 0)
        {
          g_printerr ("unexpected error: %s\n", child_error->message);
          _exit (2);
        }
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 3)
    {
      g_test_skip ("cannot drop privileges");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_file_equals (fx->path, "old", 3);
  g_assert_cmpuint (count_entries (fx->dir), ==, 1);
}

static void
test_missing_folder (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_bytes ("x");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "nowhere", "p.kintsugi", NULL);

  g_assert_false (kts_file_write_atomic (path, bytes, "~", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "Could not save “p.kintsugi”: No such file or directory");
}

static void
test_read_all (Fixture *fx, gconstpointer data)
{
  g_autoptr (GBytes) bytes = make_bytes ("0123456789");
  g_autoptr (GBytes) read = NULL;
  g_autoptr (GBytes) empty = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *empty_path = g_build_filename (fx->dir, "empty", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "missing.kintsugi", NULL);

  g_assert_true (kts_file_write_atomic (fx->path, bytes, NULL, &error));

  read = kts_file_read_all (fx->path, 10, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, bytes));

  g_assert_null (kts_file_read_all (fx->path, 9, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "study.kintsugi"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  empty = kts_file_read_all (empty_path, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);

  g_assert_null (kts_file_read_all (missing, 10, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Could not read “missing.kintsugi”: No such file or directory");
  g_clear_error (&error);

  g_assert_null (kts_file_read_all (fx->dir, 10, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_IO);
}

/* A file of unknown size (a pipe) is still bounded. */
static void
test_read_pipe_bounded (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fifo = g_build_filename (fx->dir, "fifo", NULL);
  char             chunk[4096];
  pid_t            pid;
  int              status = 0;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  memset (chunk, 'x', sizeof chunk);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int fd = open (fifo, O_WRONLY);

      signal (SIGPIPE, SIG_DFL);
      for (int i = 0; i < 1000; i++)
        if (write (fd, chunk, sizeof chunk) < 0)
          break;
      _exit (0);
    }

  g_assert_null (kts_file_read_all (fifo, 100000, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
  waitpid (pid, &status, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/file-util/write-new", test_write_new);
  ADD ("/file-util/backup", test_backup);
  ADD ("/file-util/keeps-mode", test_keeps_mode);
  ADD ("/file-util/symlink", test_symlink);
  ADD ("/file-util/fault-injection", test_fault_injection);
  ADD ("/file-util/killed-before-rename", test_killed_before_rename);
  ADD ("/file-util/read-only-folder", test_read_only_folder);
  ADD ("/file-util/missing-folder", test_missing_folder);
  ADD ("/file-util/read-all", test_read_all);
  ADD ("/file-util/read-pipe-bounded", test_read_pipe_bounded);

  return g_test_run ();
}
