/* test-cli.c: drives the kintsugi-cli binary through whole workflows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kts-core.h"

typedef struct
{
  char *dir;
  char *project; /* path of study.kintsugi in @dir */
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("KTS_CLI");

  if (path == NULL)
    g_error ("KTS_CLI is not set; run this test through meson");
  return path;
}

/* Runs kintsugi-cli with the NULL-terminated arguments, in @dir, with English
 * messages. */
static void
run_cli (Run *run, const char *dir, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  int         wait_status = 0;
  const char *arg;
  va_list     args;

  g_ptr_array_add (argv, (char *)cli_path ());
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  memset (run, 0, sizeof *run);
  if (!g_spawn_sync (dir, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                     &run->err, &wait_status, &error))
    g_error ("cannot run %s: %s", cli_path (), error->message);

  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    g_error ("kintsugi-cli did not exit normally: %s", error->message);

  g_test_message ("kintsugi-cli … → %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static void
write_file (const char *dir, const char *name, const char *data, gssize size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize size = 0;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static void
assert_same_bytes (GBytes *before, const char *path)
{
  g_autoptr (GBytes) after = read_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kintsugi-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project = g_build_filename (fixture->dir, "study.kintsugi", NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
}

static JsonObject *
parse_json (JsonParser *parser, const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

/* Adds codes to the project file as the application would. */
static void
add_codes (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = kts_project_load (file, NULL, &error);
  struct
  {
    const char *key;
    const char *name;
  } codes[] = { { "RUP.W", "Withdrawal" }, { "RUP.C", "Confrontation" }, { NULL, "Humour" } };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *guid = kts_guid_new ();
      g_autoptr (KtsCode) code = kts_code_new (guid, codes[i].name);

      g_object_set (code, "key", codes[i].key, NULL);
      g_assert_true (kts_project_add_code (project, code, NULL, -1, &error));
      g_assert_no_error (error);
    }
  g_assert_true (kts_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
}

static const char s1_text[] = "T: Hello, how are you?\n"
                              "C: Grüße 😀 — I'm \"fine\", thanks.\n"
                              "T: Good.\n";
/* Windows-1252: é = E9, è = E8, “ ” = 93 94. */
static const char s2_text[] = "Interviewer: Caf\xe9 first?\r\n"
                              "Anna: Oui, tr\xe8s \x93"
                              "bien\x94.\r\n"
                              "Interviewer: Merci.\r\n";

static void
test_workflow (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) before = NULL;
  JsonObject      *info;
  JsonArray       *documents;
  JsonObject      *doc;
  JsonObject      *roles;
  g_autofree char *out_csv = NULL;

  /* new */
  run_cli (&run, fixture->dir, "new", "study.kintsugi", "--title", "Rupture study", "--codebook",
           "empty", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (fixture->project, G_FILE_TEST_IS_REGULAR));
  run_clear (&run);

  /* import: UTF-8 and Windows-1252, with a speaker override */
  write_file (fixture->dir, "s1.txt", s1_text, -1);
  write_file (fixture->dir, "s2.txt", s2_text, -1);
  run_cli (&run, fixture->dir, "import", "study.kintsugi", "s1.txt", "s2.txt", "--speaker",
           "Anna=client", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "“s1”"));
  g_assert_nonnull (strstr (run.out, "“s2”"));
  g_assert_nonnull (strstr (run.out, "Windows-1252"));
  g_assert_nonnull (strstr (run.out, "Anna: client, 1 turn"));
  g_assert_nonnull (strstr (run.out, "T: therapist, 2 turns"));
  run_clear (&run);

  /* info --json */
  run_cli (&run, fixture->dir, "info", "study.kintsugi", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  info = parse_json (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (info, "title"), ==, "Rupture study");
  documents = json_object_get_array_member (info, "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 2);

  doc = json_array_get_object_element (documents, 0);
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "s1");
  g_assert_cmpint (json_object_get_int_member (doc, "characters"), ==, g_utf8_strlen (s1_text, -1));
  g_assert_cmpint (json_object_get_int_member (doc, "turns"), ==, 3);
  roles = json_object_get_object_member (doc, "roles");
  g_assert_cmpint (json_object_get_int_member (roles, "therapist"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (roles, "client"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (roles, "interviewer"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (roles, "other"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (doc, "codings"), ==, 0);

  doc = json_array_get_object_element (documents, 1);
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "s2");
  g_assert_cmpint (json_object_get_int_member (doc, "turns"), ==, 3);
  roles = json_object_get_object_member (doc, "roles");
  g_assert_cmpint (json_object_get_int_member (roles, "interviewer"), ==, 2);
  /* Anna would be "other" without --speaker. */
  g_assert_cmpint (json_object_get_int_member (roles, "client"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (roles, "other"), ==, 0);

  g_assert_cmpint (json_object_get_int_member (info, "codes"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (info, "codings"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "episodes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "coders")), ==, 0);
  run_clear (&run);

  /* The human summary names the documents too. */
  run_cli (&run, fixture->dir, "info", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Rupture study"));
  g_assert_nonnull (strstr (run.out, "3 turns: 0 therapist, 1 client, 2 interviewer, 0 other"));
  run_clear (&run);

  /* The codebook comes from the application (or a later --codebook). */
  add_codes (fixture->project);

  /* import-codings */
  {
    g_autofree char *csv
        = g_strdup_printf ("document,start,end,code,actor,coder,memo\r\n"
                           "s1,%ld,%ld,RUP.W,C,Ada,\"tired, \"\"really\"\"\"\r\n"
                           "s2,0,11,Humour,,Ben,\r\n"
                           "s1,0,2,Confrontation,T,Ada,\r\n",
                           (long)g_utf8_pointer_to_offset (s1_text, strstr (s1_text, "Grüße")),
                           (long)g_utf8_pointer_to_offset (s1_text, strstr (s1_text, " —")));

    write_file (fixture->dir, "codings.csv", csv, -1);
  }
  run_cli (&run, fixture->dir, "import-codings", "study.kintsugi", "codings.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Added 3 codings"));
  g_assert_nonnull (strstr (run.out, "Added 2 new coders"));
  run_clear (&run);

  run_cli (&run, fixture->dir, "info", "--json", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  info = parse_json (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (info, "codes"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (info, "codings"), ==, 3);
  documents = json_object_get_array_member (info, "documents");
  g_assert_cmpint (
      json_object_get_int_member (json_array_get_object_element (documents, 0), "codings"), ==, 2);
  {
    JsonArray *coders = json_object_get_array_member (info, "coders");

    g_assert_cmpuint (json_array_get_length (coders), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (coders, 0), ==, "Ada");
    g_assert_cmpstr (json_array_get_string_element (coders, 1), ==, "Ben");
  }
  run_clear (&run);

  /* export-codings, to standard output and to a file */
  run_cli (&run, fixture->dir, "export-codings", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (
      run.out, "document,turn,speaker,role,actor,code_key,code,start,end,text,coder,memo\r\n"
               "s1,1,T,therapist,therapist,RUP.C,Confrontation,0,2,T:,Ada,\r\n"));
  g_assert_nonnull (strstr (run.out, ",RUP.W,Withdrawal,"));
  g_assert_nonnull (strstr (run.out, ",Grüße 😀,Ada,\"tired, \"\"really\"\"\"\r\n"));
  /* The Windows-1252 text arrives as UTF-8. */
  g_assert_nonnull (
      strstr (run.out, "s2,1,Interviewer,interviewer,,,Humour,0,11,Interviewer,Ben,\r\n"));
  out_csv = g_steal_pointer (&run.out);
  run_clear (&run);

  run_cli (&run, fixture->dir, "export-codings", "study.kintsugi", "-o", "out.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Wrote 3 codings"));
  {
    g_autofree char *path = g_build_filename (fixture->dir, "out.csv", NULL);
    g_autoptr (GBytes) written = read_bytes (path);

    g_assert_cmpuint (g_bytes_get_size (written), ==, strlen (out_csv));
    g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written), out_csv,
                     strlen (out_csv));
  }
  run_clear (&run);

  run_cli (&run, fixture->dir, "export-codings", "study.kintsugi", "--bom", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "\xEF\xBB\xBF"
                                            "document,"));
  run_clear (&run);

  /* Importing the export again is refused (the codings exist), unchanged. */
  before = read_bytes (fixture->project);
  run_cli (&run, fixture->dir, "import-codings", "study.kintsugi", "out.csv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "kintsugi-cli: out.csv: line 2: the project already has"));
  assert_same_bytes (before, fixture->project);
  run_clear (&run);

  /* validate */
  run_cli (&run, fixture->dir, "validate", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "valid"));
  run_clear (&run);
}

static void
test_failures_leave_project (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autoptr (GBytes) before = NULL;
  const char binary[] = "T: hello\0\0\0\x01\x02\x03\0\0binary\0data";

  run_cli (&run, fixture->dir, "new", "study.kintsugi", "--codebook", "empty", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  write_file (fixture->dir, "s1.txt", s1_text, -1);
  run_cli (&run, fixture->dir, "import", "study.kintsugi", "s1.txt", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  add_codes (fixture->project);
  before = read_bytes (fixture->project);

  /* new over an existing file */
  run_cli (&run, fixture->dir, "new", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==,
                   "kintsugi-cli: study.kintsugi: the file already exists; not overwriting it\n");
  assert_same_bytes (before, fixture->project);
  run_clear (&run);

  /* a bad last row */
  write_file (fixture->dir, "bad.csv",
              "document,start,end,code\n"
              "s1,0,2,RUP.W\n"
              "s1,2,4,RUP.C\n"
              "s1,4,6,RUP.X\n",
              -1);
  run_cli (&run, fixture->dir, "import-codings", "study.kintsugi", "bad.csv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "kintsugi-cli: bad.csv: line 4: code “RUP.X” does not exist\n");
  g_assert_cmpstr (run.out, ==, "");
  assert_same_bytes (before, fixture->project);
  run_clear (&run);

  /* a range beyond the end */
  write_file (fixture->dir, "long.csv", "document,start,end,code\ns1,0,5123,RUP.W\n", -1);
  run_cli (&run, fixture->dir, "import-codings", "study.kintsugi", "long.csv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "line 2: end 5123 is beyond the end of “s1”"));
  assert_same_bytes (before, fixture->project);
  run_clear (&run);

  /* a missing CSV file, a missing project */
  run_cli (&run, fixture->dir, "import-codings", "study.kintsugi", "nothing.csv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "kintsugi-cli: nothing.csv: no such file\n");
  assert_same_bytes (before, fixture->project);
  run_clear (&run);
  run_cli (&run, fixture->dir, "info", "other.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "kintsugi-cli: other.kintsugi: no such file\n");
  run_clear (&run);

  /* a missing transcript, a binary one, and a good one with a binary one:
   * nothing is imported */
  write_file (fixture->dir, "binary.txt", binary, sizeof binary - 1);
  run_cli (&run, fixture->dir, "import", "study.kintsugi", "missing.txt", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "kintsugi-cli: missing.txt: no such file\n");
  assert_same_bytes (before, fixture->project);
  run_clear (&run);
  run_cli (&run, fixture->dir, "import", "study.kintsugi", "s1.txt", "binary.txt", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "kintsugi-cli: binary.txt"));
  g_assert_cmpstr (run.out, ==, "");
  assert_same_bytes (before, fixture->project);
  run_clear (&run);

  /* usage errors */
  run_cli (&run, fixture->dir, "import", "study.kintsugi", "s1.txt", "s1.txt", "--title", "X",
           NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "kintsugi-cli: --title can only be used"));
  assert_same_bytes (before, fixture->project);
  run_clear (&run);
  run_cli (&run, fixture->dir, "import", "study.kintsugi", "s1.txt", "--speaker", "Anna", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_same_bytes (before, fixture->project);
  run_clear (&run);
  run_cli (&run, fixture->dir, "import", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "kintsugi-cli import --help"));
  run_clear (&run);
  run_cli (&run, fixture->dir, "frobnicate", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "kintsugi-cli: unknown command “frobnicate”\n"));
  assert_same_bytes (before, fixture->project);
  run_clear (&run);
  run_cli (&run, fixture->dir, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, fixture->dir, "info", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, fixture->dir, "info", "--bogus", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, fixture->dir, "new", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* the project was never rewritten: no backup either */
  {
    g_autofree char *backup = g_strconcat (fixture->project, "~", NULL);
    g_autoptr (GBytes) after = read_bytes (fixture->project);

    g_assert_true (g_bytes_equal (before, after));
    if (g_file_test (backup, G_FILE_TEST_EXISTS))
      {
        /* Left by the earlier successful saves only: older than @before. */
        g_autoptr (GBytes) old = read_bytes (backup);

        g_assert_false (g_bytes_equal (old, before));
      }
  }
}

static void
test_validate_and_load_errors (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.kintsugi", NULL);
  g_autoptr (GBytes) before = NULL;

  write_file (fixture->dir, "broken.kintsugi", "<kintsugi><oops></kintsugi>", -1);
  before = read_bytes (broken);

  run_cli (&run, fixture->dir, "validate", "broken.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, !=, "");
  g_assert_nonnull (strstr (run.err, "not valid"));
  run_clear (&run);

  run_cli (&run, fixture->dir, "info", "broken.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "kintsugi-cli: broken.kintsugi"));
  run_clear (&run);

  write_file (fixture->dir, "s1.txt", s1_text, -1);
  run_cli (&run, fixture->dir, "import", "broken.kintsugi", "s1.txt", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_same_bytes (before, broken);
  run_clear (&run);

  run_cli (&run, fixture->dir, "validate", "absent.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "kintsugi-cli: absent.kintsugi: no such file\n");
  run_clear (&run);
}

static void
test_help_and_version (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  const char *const names[]
      = { "new", "import", "info", "validate", "import-codings", "export-codings" };

  run_cli (&run, fixture->dir, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "kintsugi-cli " PACKAGE_VERSION "\n");
  run_clear (&run);

  run_cli (&run, fixture->dir, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", names[i]);

      g_assert_nonnull (strstr (run.out, line));
    }
  run_clear (&run);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *usage = g_strdup_printf ("kintsugi-cli %s [OPTION", names[i]);

      run_cli (&run, fixture->dir, names[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, usage));
      g_assert_nonnull (strstr (run.out, "Example:"));
      run_clear (&run);
    }

  run_cli (&run, fixture->dir, "help", "import", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--speaker"));
  run_clear (&run);
}

/* Two analysts code the same transcript in two project files; agreement
 * compares them directly, and merge-codings brings one into the other. */
static void
test_agreement (Fixture *fixture, gconstpointer data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "second.kintsugi", NULL);
  g_auto (Run) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root, *spans, *overall;
  const char *projects[2] = { fixture->project, other };
  /* "Grüße 😀 — I'm" starts at 26; both mark the greeting as withdrawal, A
   * also marks "Good." as confrontation, B marks "Hello" as humour. */
  const char *csv[2] = { "document,start,end,code,coder\r\ns1,26,40,RUP.W,Ann\r\n"
                         "s1,59,64,RUP.C,Ann\r\n",
                         "document,start,end,code,coder\r\ns1,26,38,RUP.W,Bo\r\n"
                         "s1,3,8,Humour,Bo\r\n" };

  write_file (fixture->dir, "s1.txt", s1_text, -1);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("codings-%u.csv", i);

      run_cli (&run, fixture->dir, "new", projects[i], "--codebook", "empty", NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      run_cli (&run, fixture->dir, "import", projects[i], "s1.txt", NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      add_codes (projects[i]);
      write_file (fixture->dir, name, csv[i], -1);
      run_cli (&run, fixture->dir, "import-codings", projects[i], name, NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
    }

  run_cli (&run, fixture->dir, "agreement", fixture->project, other, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (root, "turns"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "codes"), ==, 3);
  spans = json_object_get_object_member (root, "spans");
  overall = json_object_get_object_member (spans, "overall");
  g_assert_cmpint (json_object_get_int_member (overall, "reference"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (overall, "test"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (overall, "matched"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (overall, "recall"), 0.5, 1e-9);
  run_clear (&run);

  /* Plain text names the measures. */
  run_cli (&run, fixture->dir, "agreement", fixture->project, other, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "kappa"));
  g_assert_nonnull (strstr (run.out, "RUP.W"));
  run_clear (&run);

  /* Merge, then compare the coders of one project. */
  run_cli (&run, fixture->dir, "merge-codings", fixture->project, other, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, fixture->dir, "agreement", fixture->project, "--coders", "Ann,Bo", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (parser, run.out);
  overall
      = json_object_get_object_member (json_object_get_object_member (root, "spans"), "overall");
  g_assert_cmpint (json_object_get_int_member (overall, "matched"), ==, 1);
  run_clear (&run);

  /* Usage and lookup errors. */
  run_cli (&run, fixture->dir, "agreement", fixture->project, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, fixture->dir, "agreement", fixture->project, "--coders", "Ann,Nobody", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Nobody"));
}

static void
test_sequence (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *csv_path = g_build_filename (fixture->dir, "lag.csv", NULL);
  g_autofree char *csv = NULL;
  /* Humour in turn 1, withdrawal in turn 2, confrontation in turn 3. */
  const char *codings = "document,start,end,code\r\ns1,3,8,Humour\r\ns1,26,38,RUP.W\r\n"
                        "s1,59,64,RUP.C\r\n";

  write_file (fixture->dir, "s1.txt", s1_text, -1);
  write_file (fixture->dir, "c.csv", codings, -1);
  run_cli (&run, fixture->dir, "new", fixture->project, "--codebook", "empty", NULL);
  run_clear (&run);
  run_cli (&run, fixture->dir, "import", fixture->project, "s1.txt", NULL);
  run_clear (&run);
  add_codes (fixture->project);
  run_cli (&run, fixture->dir, "import-codings", fixture->project, "c.csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, fixture->dir, "sequence", fixture->project, "--document", "s1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 events, 2 transitions"));
  run_clear (&run);

  run_cli (&run, fixture->dir, "sequence", fixture->project, "--document", "s1", "-o", "lag.csv",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "given,target,count,probability,expected,"));
  g_assert_nonnull (strstr (csv, "RUP.W,RUP.C,1,1.0000,"));
  run_clear (&run);

  run_cli (&run, fixture->dir, "sequence", fixture->project, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, fixture->dir, "sequence", fixture->project, "--episode", "nope", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

static void
test_episode (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root, *episode;
  g_autoptr (GBytes) before = NULL;
  const char *codings = "document,start,end,code\r\ns1,3,8,Humour\r\ns1,26,38,RUP.W\r\n"
                        "s1,59,64,RUP.C\r\n";

  write_file (fixture->dir, "s1.txt", s1_text, -1);
  write_file (fixture->dir, "c.csv", codings, -1);
  run_cli (&run, fixture->dir, "new", fixture->project, "--codebook", "empty", NULL);
  run_clear (&run);
  run_cli (&run, fixture->dir, "import", fixture->project, "s1.txt", NULL);
  run_clear (&run);
  add_codes (fixture->project);
  run_cli (&run, fixture->dir, "import-codings", fixture->project, "c.csv", NULL);
  run_clear (&run);

  run_cli (&run, fixture->dir, "add-episode", fixture->project, "e-1", "--document", "s1",
           "--turns", "2-3", "--rupture-types", "W>C", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, fixture->dir, "build-map", fixture->project, "--episode", "e-1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2 moves drafted"));
  run_clear (&run);

  run_cli (&run, fixture->dir, "info", fixture->project, "--json", NULL);
  root = parse_json (parser, run.out);
  episode = json_array_get_object_element (json_object_get_array_member (root, "episodes"), 0);
  g_assert_cmpstr (json_object_get_string_member (episode, "name"), ==, "e-1");
  g_assert_cmpint (json_object_get_int_member (episode, "moves"), ==, 2);
  run_clear (&run);

  /* Failures leave the file as it was. */
  before = read_bytes (fixture->project);
  run_cli (&run, fixture->dir, "build-map", fixture->project, "--episode", "e-1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already has 2 moves"));
  run_clear (&run);
  run_cli (&run, fixture->dir, "add-episode", fixture->project, "e-2", "--document", "s1",
           "--turns", "2-9", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_cli (&run, fixture->dir, "add-episode", fixture->project, "e-2", "--document", "s1",
           "--turns", "x", NULL);
  g_assert_cmpint (run.status, ==, 2);
  assert_same_bytes (before, fixture->project);
  run_clear (&run);

  run_cli (&run, fixture->dir, "build-map", fixture->project, "--episode", "e-1", "--replace",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* The sample's curated episode table still matches the sample's transcript
 * and reference codings (import-episode --replace on a copy). */
static void
test_sample_episode (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  const char      *src = g_getenv ("KTS_SOURCE_DIR");
  g_autofree char *sample = NULL;
  g_autofree char *table = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (src);
  sample = g_build_filename (src, "data", "sample", "sample.kintsugi", NULL);
  table = g_build_filename (src, "data", "sample", "episode.txt", NULL);
  bytes = read_bytes (sample);
  g_file_set_contents (fixture->project, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);

  run_cli (&run, fixture->dir, "import-episode", fixture->project, table, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already an episode"));
  run_clear (&run);

  run_cli (&run, fixture->dir, "import-episode", fixture->project, table, "--replace", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "21 moves"));
  run_clear (&run);
  run_cli (&run, fixture->dir, "validate", fixture->project, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  write_file (fixture->dir, "bad.txt", "episode|name|x\nanchor|m1|1|SD.x|y\n", -1);
  run_cli (&run, fixture->dir, "import-episode", fixture->project, "bad.txt", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "bad.txt, line 2: there is no move"));
}

static void
test_codebook_presets (Fixture *fixture, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  struct
  {
    const char *preset;
    int         codes;
  } cases[] = {
    { NULL, 213 }, { "default", 213 }, { "blatt", 29 }, { "markers-repair", 82 }, { "empty", 0 }
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u.kintsugi", i);
      JsonObject      *info;

      if (cases[i].preset != NULL)
        run_cli (&run, fixture->dir, "new", name, "--codebook", cases[i].preset, NULL);
      else
        run_cli (&run, fixture->dir, "new", name, NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      run_cli (&run, fixture->dir, "info", name, "--json", NULL);
      info = parse_json (parser, run.out);
      g_assert_cmpint (json_object_get_int_member (info, "codes"), ==, cases[i].codes);
      run_clear (&run);
      run_cli (&run, fixture->dir, "validate", name, NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
    }

  /* A codebook file, and failures that create nothing. */
  {
    g_autofree char *path = g_build_filename (g_getenv ("KTS_SOURCE_DIR"), "data", "codebooks",
                                              "preset-blatt.xml", NULL);
    g_autofree char *bad = g_build_filename (fixture->dir, "bad.kintsugi", NULL);
    JsonObject      *info;

    run_cli (&run, fixture->dir, "new", "file.kintsugi", "--codebook", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    run_cli (&run, fixture->dir, "info", "file.kintsugi", "--json", NULL);
    info = parse_json (parser, run.out);
    g_assert_cmpint (json_object_get_int_member (info, "codes"), ==, 29);
    run_clear (&run);

    /* A REFI-QDA codebook exported from one project starts another. */
    run_cli (&run, fixture->dir, "export-qdc", "file.kintsugi", "-o", "blatt.qdc", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    run_cli (&run, fixture->dir, "new", "from-qdc.kintsugi", "--codebook", "blatt.qdc", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    run_cli (&run, fixture->dir, "info", "from-qdc.kintsugi", "--json", NULL);
    info = parse_json (parser, run.out);
    g_assert_cmpint (json_object_get_int_member (info, "codes"), ==, 29);
    run_clear (&run);

    run_cli (&run, fixture->dir, "new", "bad.kintsugi", "--codebook", "nonsense", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "nonsense"));
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    run_clear (&run);
    write_file (fixture->dir, "broken.xml", "<codebook xmlns='x'/>", -1);
    run_cli (&run, fixture->dir, "new", "bad.kintsugi", "--codebook", "broken.xml", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/workflow", Fixture, NULL, fixture_set_up, test_workflow, fixture_tear_down);
  g_test_add ("/cli/codebook-presets", Fixture, NULL, fixture_set_up, test_codebook_presets,
              fixture_tear_down);
  g_test_add ("/cli/episode", Fixture, NULL, fixture_set_up, test_episode, fixture_tear_down);
  g_test_add ("/cli/sample-episode", Fixture, NULL, fixture_set_up, test_sample_episode,
              fixture_tear_down);
  g_test_add ("/cli/sequence", Fixture, NULL, fixture_set_up, test_sequence, fixture_tear_down);
  g_test_add ("/cli/agreement", Fixture, NULL, fixture_set_up, test_agreement, fixture_tear_down);
  g_test_add ("/cli/failures-leave-project", Fixture, NULL, fixture_set_up,
              test_failures_leave_project, fixture_tear_down);
  g_test_add ("/cli/validate-and-load-errors", Fixture, NULL, fixture_set_up,
              test_validate_and_load_errors, fixture_tear_down);
  g_test_add ("/cli/help-and-version", Fixture, NULL, fixture_set_up, test_help_and_version,
              fixture_tear_down);

  return g_test_run ();
}
