/* test-refi.c: REFI-QDA codebook and project exchange: schema validity,
 * round trips, foreign files with their deviations, hostile input.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-refi"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kts-refi-private.h"
#include "kts-test-util.h"

/* ---- Helpers ------------------------------------------------------------------------ */

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "refi", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "refi", name, NULL);
}

/* The schema @name from the shared folder, or NULL (the test is skipped). */
static char *
find_schema (const char *name)
{
  const char *dirs[] = { g_getenv ("KTS_SHARED_DIR"), "/work/shared" };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], "refi", name, NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* Validates @xml with xmllint against the shared schema @schema_name.
 * Returns FALSE (test skipped) when the schema or xmllint is missing. */
static gboolean
assert_validates (GBytes *xml, const char *schema_name)
{
  g_autofree char *schema = find_schema (schema_name);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *tmp_dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (schema == NULL || xmllint == NULL)
    {
      g_test_skip ("the REFI-QDA schemas (KTS_SHARED_DIR/refi) or xmllint are not available");
      return FALSE;
    }
  tmp_dir = g_dir_make_tmp ("test-refi-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (tmp_dir, "file.xml", NULL);
  g_file_set_contents (file, g_bytes_get_data (xml, NULL), (gssize)g_bytes_get_size (xml), &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", schema, file, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xmllint --schema %s failed:\n%s\n%s", schema_name, err,
             (const char *)g_bytes_get_data (xml, NULL));
  g_unlink (file);
  g_rmdir (tmp_dir);
  return TRUE;
}

static GBytes *
zip_entry (GBytes *archive, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsRefiZip) zip = _kts_refi_zip_open (archive, "test.qdpx", &error);
  GBytes *bytes;

  g_assert_no_error (error);
  g_assert_nonnull (_kts_refi_zip_find (zip, name));
  bytes = _kts_refi_zip_read (zip, _kts_refi_zip_find (zip, name), G_MAXSIZE, &error);
  g_assert_no_error (error);
  return bytes;
}

static char *
bytes_to_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A project with every code field set, for the codebook tests. */
static KtsProject *
make_rich_project (void)
{
  KtsProject  *project = kts_test_make_project ();
  KtsCodebook *codebook = kts_project_get_codebook (project);
  KtsCode     *iso = kts_codebook_lookup_key (codebook, "SD.isolation");
  KtsCode     *sil = kts_codebook_lookup_key (codebook, "RUP.W.silence");

  kts_project_set_string (project, iso, "definition",
                          "Being cut off.\nA second line of the definition.");
  kts_project_set_string (project, iso, "example", "“Nobody is there for me.”");
  kts_project_set_string (project, iso, "include", "The client speaks of being alone.");
  kts_project_set_string (project, iso, "exclude", "Chosen solitude.\n\nSee also Autonomy.");
  kts_project_set_string (project, iso, "notes", "Revised in round 2.");
  kts_project_set_string (project, iso, "source", "Blatt (2008)");
  kts_project_set_string (project, iso, "basis", "theory");
  kts_project_set_string (project, iso, "maps-to", "SASB 2-8");
  kts_project_set_string (project, iso, "unit", "turn");
  kts_project_set_string (project, iso, "family", "theme");
  kts_project_set_enum (project, iso, "maturity", KTS_MATURITY_LESS_MATURE);
  kts_project_set_int (project, iso, "blatt-rank", 3);
  kts_project_set_string (project, iso, "color", "#a1b2c3");
  kts_project_set_string (project, sil, "definition", "Silence: a pause of over 5 s.");
  kts_project_set_string (project, sil, "family", "rupture-marker");
  kts_project_set_enum (project, sil, "dimension", KTS_DIMENSION_RELATEDNESS);
  kts_project_clear_undo (project);
  return project;
}

static const char *const code_properties[]
    = { "key",     "name",      "color",    "definition", "example", "include",
        "exclude", "notes",     "source",   "basis",      "maps-to", "unit",
        "family",  "dimension", "maturity", "blatt-rank", "codable" };

/* Every code's guid, parent, position and fields, one line per code. */
static char *
dump_codebook (KtsProject *project)
{
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (project));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);
      KtsCode *parent = kts_code_get_parent (code);

      g_string_append_printf (out, "%s parent=%s", kts_item_get_guid (KTS_ITEM (code)),
                              parent != NULL ? kts_item_get_guid (KTS_ITEM (parent)) : "-");
      for (guint p = 0; p < G_N_ELEMENTS (code_properties); p++)
        {
          g_auto (GValue) value = G_VALUE_INIT;
          g_auto (GValue) text = G_VALUE_INIT;

          g_object_get_property (G_OBJECT (code), code_properties[p], &value);
          g_value_init (&text, G_TYPE_STRING);
          if (G_VALUE_HOLDS_ENUM (&value))
            g_value_set_string (
                &text, kts_enum_to_nick (G_VALUE_TYPE (&value), g_value_get_enum (&value)));
          else
            g_value_transform (&value, &text);
          g_string_append_printf (out, " %s=[%s]", code_properties[p],
                                  g_value_get_string (&text) != NULL ? g_value_get_string (&text)
                                                                     : "(null)");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* "document|code|coded text" for every coding, sorted. */
static GPtrArray *
list_codings (KtsProject *project)
{
  GListModel *documents = kts_project_get_documents (project);
  GPtrArray  *out = g_ptr_array_new_with_free_func (g_free);

  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      GListModel *codings = kts_document_get_codings (document);

      for (guint c = 0; c < g_list_model_get_n_items (codings); c++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, c);
          g_autofree char *text = kts_coding_dup_text (coding);

          g_ptr_array_add (out, g_strdup_printf ("%s|%s|%s", kts_document_get_title (document),
                                                 kts_code_get_name (kts_coding_get_code (coding)),
                                                 text));
        }
    }
  return out;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

static char *
join_sorted (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **)lines->pdata);
}

static KtsDocument *
find_document (KtsProject *project, const char *title)
{
  KtsDocument *document = kts_project_find_document (project, title);

  g_assert_nonnull (document);
  return document;
}

static KtsCoding *
find_coding (KtsProject *project, const char *title, const char *text)
{
  GListModel *codings = kts_document_get_codings (find_document (project, title));

  for (guint c = 0; c < g_list_model_get_n_items (codings); c++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, c);
      g_autofree char *coded = kts_coding_dup_text (coding);

      if (strcmp (coded, text) == 0)
        return coding;
    }
  g_error ("no coding of “%s” in %s", text, title);
  return NULL;
}

static void
assert_report_has (KtsRefiReport *report, KtsRefiLineKind kind, const char *substring)
{
  if (kts_refi_report_find (report, kind, substring) == NULL)
    {
      g_autofree char *text = kts_refi_report_to_string (report);

      g_error ("the report has no line (kind %d) with “%s”:\n%s", kind, substring, text);
    }
}

/* ---- Report ------------------------------------------------------------------------------ */

static void
test_report (void)
{
  g_autoptr (KtsRefiReport) report = kts_refi_report_new ();
  g_autofree char *text = NULL;

  kts_refi_report_add (report, KTS_REFI_ADDED, "code “%s”", "A");
  kts_refi_report_add (report, KTS_REFI_ADDED, "code “%s”", "B");
  kts_refi_report_add (report, KTS_REFI_SKIPPED, "set “S”");
  kts_refi_report_add (report, KTS_REFI_INFO, "positions in code points");
  g_assert_cmpuint (kts_refi_report_get_n_lines (report), ==, 4);
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_ADDED), ==, 2);
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_WARNING), ==, 0);
  g_assert_cmpint (kts_refi_report_get_kind (report, 2), ==, KTS_REFI_SKIPPED);
  g_assert_cmpstr (kts_refi_report_get_text (report, 1), ==, "code “B”");
  g_assert_cmpstr (kts_refi_report_find (report, KTS_REFI_ADDED, "“B”"), ==, "code “B”");
  g_assert_null (kts_refi_report_find (report, KTS_REFI_SKIPPED, "“B”"));

  text = kts_refi_report_to_string (report);
  g_assert_nonnull (strstr (text, "2 added, 0 matched, 1 skipped, 0 warnings\n"));
  g_assert_nonnull (strstr (text, "Added:\n  code “A”\n  code “B”\n"));
  g_assert_nonnull (strstr (text, "Skipped:\n  set “S”\n"));
  g_assert_nonnull (strstr (text, "Notes:\n  positions in code points\n"));
  g_assert_null (strstr (text, "Matched:"));
  /* Notes come first: how the file was read frames the rest. */
  g_assert_true (strstr (text, "Notes:") < strstr (text, "Added:"));
}

/* ---- Codebook export ------------------------------------------------------------------- */

static void
test_qdc_export_validates (void)
{
  g_autoptr (KtsProject) project = make_rich_project ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) qdc = kts_refi_export_qdc (project, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (qdc);
  text = bytes_to_string (qdc);
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  g_assert_nonnull (strstr (text, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""));
  /* Nesting preserved: Isolation is inside Self-definition. */
  g_assert_nonnull (strstr (text, "name=\"Self-definition\" isCodable=\"false\""));
  g_assert_nonnull (strstr (text, "color=\"#a1b2c3\""));
  /* The readable layout. */
  g_assert_nonnull (strstr (text, "<Description>Definition: Being cut off.\nA second line of the "
                                  "definition.\n\nExample: “Nobody is there for me.”\n\nWhen to "
                                  "use: The client speaks of being alone.\n\nWhen not to use: "
                                  "Chosen solitude.\n\nSee also Autonomy.\n\nNotes: Revised in "
                                  "round 2.\n\nSource: Blatt (2008)"));
  g_assert_nonnull (strstr (text, "Key: SD.isolation\nFamily: theme\nMaturity: less-mature\nBlatt "
                                  "rank: 3</Description>"));
  g_assert_nonnull (
      strstr (text, "<Description>Key: SD\nDimension: self-definition</Description>"));
  g_assert_nonnull (strstr (text, "color=\"#c8641e\""));
  assert_validates (qdc, "Codebook.xsd");
}

static void
test_qdc_export_empty (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) qdc = kts_refi_export_qdc (project, &error);

  g_assert_null (qdc);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_EMPTY);
}

/* ---- Codebook round trip ----------------------------------------------------------------- */

static void
test_qdc_round_trip (void)
{
  g_autoptr (KtsProject) project = make_rich_project ();
  g_autoptr (KtsProject) copy = kts_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) qdc = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (KtsRefiReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GPtrArray) codes = NULL;

  codes = kts_codebook_list_codes (kts_project_get_codebook (project));

  qdc = kts_refi_export_qdc (project, &error);
  g_assert_no_error (error);
  g_assert_true (kts_refi_import_qdc (copy, qdc, "/somewhere/book.qdc", FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_ADDED), ==, codes->len);
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_WARNING), ==, 0);
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_SKIPPED), ==, 0);

  before = dump_codebook (project);
  after = dump_codebook (copy);
  kts_test_assert_dumps_equal (before, after);
  kts_test_assert_consistent (copy);

  /* And once more: the export of the import is the export. */
  again = kts_refi_export_qdc (copy, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (qdc, again));
}

static void
test_qdc_import_one_undo_step (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GBytes) qdc = load_fixture ("foreign.qdc");
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_refi_import_qdc (project, qdc, "foreign.qdc", FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 6);
  g_assert_true (kts_project_can_undo (project));
  g_assert_cmpstr (kts_project_get_undo_label (project), ==, "Import codebook “foreign.qdc”");
  g_assert_true (kts_project_undo (project));
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 0);
  g_assert_false (kts_project_can_undo (project));
  g_assert_true (kts_project_redo (project));
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 6);
  kts_test_assert_consistent (project);
}

static void
test_qdc_foreign (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GBytes) qdc = load_fixture ("foreign.qdc");
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (GError) error = NULL;
  KtsCodebook *codebook = kts_project_get_codebook (project);
  GListModel  *roots = kts_codebook_get_roots (codebook);
  KtsCode     *topics, *economy, *health, *no_guid;
  g_autoptr (KtsCode) values1 = NULL;
  g_autoptr (KtsCode) values2 = NULL;

  g_assert_true (kts_refi_import_qdc (project, qdc, "foreign.qdc", FALSE, &report, &error));
  g_assert_no_error (error);

  /* Braces and upper case are normalised. */
  topics = kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000001");
  economy = kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000002");
  health = kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000003");
  g_assert_nonnull (topics);
  g_assert_nonnull (economy);
  g_assert_nonnull (health);
  g_assert_false (kts_code_get_codable (topics));
  g_assert_true (kts_code_get_parent (economy) == topics);
  g_assert_true (kts_code_get_parent (health) == topics);
  g_assert_cmpstr (kts_code_get_color (economy), ==, "#ffff00");
  /* Descriptions without our headings are the definition. */
  g_assert_cmpstr (kts_code_get_definition (economy), ==,
                   "Anything about jobs or taxes or business");
  g_assert_cmpstr (kts_code_get_definition (health), ==,
                   "Health care issues, doctor, patients, etc.\nSecond line.");
  g_assert_null (kts_code_get_example (health));
  /* Missing colours come from the palette. */
  g_assert_cmpstr (kts_code_get_color (topics), ==, _kts_refi_palette_color (0));
  g_assert_cmpstr (kts_code_get_color (health), ==, _kts_refi_palette_color (1));
  assert_report_has (report, KTS_REFI_INFO, "had no colour and got one from the palette");

  /* No guid: a new one; "#3c3" is "#33cc33". */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 4);
  no_guid = g_list_model_get_item (roots, 1);
  g_object_unref (no_guid);
  g_assert_cmpstr (kts_code_get_name (no_guid), ==, "No guid");
  g_assert_true (kts_guid_is_valid (kts_item_get_guid (KTS_ITEM (no_guid))));
  g_assert_cmpstr (kts_code_get_color (no_guid), ==, "#33cc33");
  assert_report_has (report, KTS_REFI_WARNING, "foreign.qdc, line 14: code “No guid” has no guid");

  /* Two codes with one name: both kept, with a warning; a bad colour is
   * replaced. */
  values1 = g_list_model_get_item (roots, 2);
  values2 = g_list_model_get_item (roots, 3);
  g_assert_cmpstr (kts_code_get_name (values1), ==, "Values");
  g_assert_cmpstr (kts_code_get_name (values2), ==, "Values");
  assert_report_has (report, KTS_REFI_WARNING, "two codes named “Values” side by side");
  assert_report_has (report, KTS_REFI_WARNING, "“not-a-colour” is not a colour");
  g_assert_true (g_str_has_prefix (kts_code_get_color (values2), "#"));

  /* Unknown elements are skipped and named with their line. */
  assert_report_has (report, KTS_REFI_SKIPPED, "foreign.qdc, line 11: unknown element <Flag>");
  assert_report_has (report, KTS_REFI_SKIPPED, "foreign.qdc, line 17: unknown element <Gadget>");
  assert_report_has (report, KTS_REFI_INFO, "line 19: an empty <Sets/> was ignored");
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_ADDED), ==, 6);
  assert_report_has (report, KTS_REFI_ADDED, "code “Economy” under “Topics”");
  kts_test_assert_consistent (project);
}

static void
test_qdc_description_parsing (void)
{
  struct
  {
    const char *description;
    const char *definition;
    const char *example;
    const char *include;
    const char *key;
    const char *notes;
  } cases[] = {
    /* Ours. */
    { "Definition: A\n\nExample: B\n\nWhen to use: C\n\nKey: K.1", "A", "B", "C", "K.1", NULL },
    /* Text before the first heading is the definition. */
    { "Plain words first.\n\nExample: B", "Plain words first.", "B", NULL, NULL, NULL },
    /* A heading inside a paragraph is text. */
    { "Definition: see\nExample: not a heading", "see\nExample: not a heading", NULL, NULL, NULL,
      NULL },
    /* Headings out of order are text too. */
    { "Example: B\n\nDefinition: A", NULL, "B\n\nDefinition: A", NULL, NULL, NULL },
    /* Windows line breaks, blank lines around. */
    { "\r\n\r\nDefinition: A\r\nline 2\r\n\r\n\r\nNotes: N\r\n\r\nKey: X\r\n", "A\nline 2", NULL,
      NULL, "X", "N" },
    /* A foreign description that happens to start with a word and a colon. */
    { "Note: this is not ours", "Note: this is not ours", NULL, NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KtsProject) project = kts_project_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *escaped = g_markup_escape_text (cases[i].description, -1);
      g_autofree char *xml = g_strdup_printf (
          "<CodeBook xmlns='urn:QDA-XML:codebook:1.0'><Codes><Code guid='%s' name='c' "
          "isCodable='true'><Description>%s</Description></Code></Codes></CodeBook>",
          "00000000-0000-4000-8000-000000000001", escaped);
      g_autoptr (GBytes) bytes = g_bytes_new (xml, strlen (xml));
      KtsCode *code;

      g_test_message ("case %u", i);
      g_assert_true (kts_refi_import_qdc (project, bytes, "d.qdc", FALSE, NULL, &error));
      g_assert_no_error (error);
      code = kts_codebook_lookup_guid (kts_project_get_codebook (project),
                                       "00000000-0000-4000-8000-000000000001");
      g_assert_cmpstr (kts_code_get_definition (code), ==, cases[i].definition);
      g_assert_cmpstr (kts_code_get_example (code), ==, cases[i].example);
      g_assert_cmpstr (kts_code_get_include (code), ==, cases[i].include);
      g_assert_cmpstr (kts_code_get_key (code), ==, cases[i].key);
      g_assert_cmpstr (kts_code_get_notes (code), ==, cases[i].notes);
    }
}

static void
test_qdc_encodings (void)
{
  g_autoptr (GBytes) qdc = load_fixture ("foreign.qdc");
  g_autoptr (GError) error = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *latin1 = NULL;
  gsize            n_utf16 = 0, n_latin1 = 0;
  const char      *xml = "<?xml version='1.0' encoding='ISO-8859-1'?>"
                         "<CodeBook xmlns='urn:QDA-XML:codebook:1.0'><Codes>"
                         "<Code guid='00000000-0000-4000-8000-000000000001' name='Caf\xc3\xa9' "
                         "isCodable='true'/></Codes></CodeBook>";

  /* UTF-16 with a byte order mark. */
  utf16 = g_convert (g_bytes_get_data (qdc, NULL), (gssize)g_bytes_get_size (qdc), "UTF-16LE",
                     "UTF-8", NULL, &n_utf16, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GByteArray) data = g_byte_array_new ();
    g_autoptr (GBytes) bytes = NULL;
    g_autoptr (KtsProject) project = kts_project_new ();

    g_byte_array_append (data, (const guint8 *)"\xFF\xFE", 2);
    g_byte_array_append (data, (const guint8 *)utf16, (guint)n_utf16);
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
    g_assert_true (kts_refi_import_qdc (project, bytes, "utf16.qdc", FALSE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 6);
  }

  /* A declared legacy encoding. */
  latin1 = g_convert (xml, -1, "ISO-8859-1", "UTF-8", NULL, &n_latin1, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GBytes) bytes = g_bytes_new (latin1, n_latin1);
    g_autoptr (KtsProject) project = kts_project_new ();
    KtsCode *code;

    g_assert_true (kts_refi_import_qdc (project, bytes, "latin1.qdc", FALSE, NULL, &error));
    g_assert_no_error (error);
    code = kts_codebook_lookup_guid (kts_project_get_codebook (project),
                                     "00000000-0000-4000-8000-000000000001");
    g_assert_cmpstr (kts_code_get_name (code), ==, "Caf\xc3\xa9");
  }
}

/* ---- Codebook merge --------------------------------------------------------------------- */

static void
test_qdc_merge (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autoptr (GBytes) qdc = load_fixture ("merge.qdc");
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = kts_test_dump_project (project);
  g_autofree char *undone = NULL;
  KtsCodebook     *codebook = kts_project_get_codebook (project);
  guint            n_codes = kts_codebook_get_n_codes (codebook);
  KtsCode         *sd, *autonomy, *isolation, *rel, *longing;

  g_assert_true (kts_refi_import_qdc (project, qdc, "merge.qdc", TRUE, &report, &error));
  g_assert_no_error (error);

  /* Matched by guid: keeps its own name. */
  sd = kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000001");
  g_assert_cmpstr (kts_code_get_name (sd), ==, "Self-definition");
  assert_report_has (report, KTS_REFI_MATCHED,
                     "code “Self-definition (renamed)” matched “Self-definition” by guid");
  /* Matched by key: empty fields are filled in, the name and colour stay. */
  autonomy = kts_codebook_lookup_key (codebook, "SD.autonomy");
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (autonomy)), ==,
                   "00000000-0000-4000-8000-000000000003");
  g_assert_cmpstr (kts_code_get_name (autonomy), ==, "Autonomy");
  g_assert_cmpstr (kts_code_get_definition (autonomy), ==, "Acting from one's own will.");
  g_assert_cmpstr (kts_code_get_example (autonomy), ==, "\"I decided myself.\"");
  g_assert_cmpstr (kts_code_get_color (autonomy), ==, "#c8641e");
  assert_report_has (report, KTS_REFI_MATCHED,
                     "code “Autonomy (other name)” matched “Autonomy” by key; filled in: "
                     "Definition, Example");
  /* A differing field is kept. */
  isolation = kts_codebook_lookup_key (codebook, "SD.isolation");
  g_assert_cmpstr (kts_code_get_definition (isolation), ==, "Being cut off.");
  g_assert_cmpstr (kts_code_get_include (isolation), ==, "for a test.");
  assert_report_has (report, KTS_REFI_MATCHED, "kept its own: Definition");
  /* Matched by name at the same level. */
  rel = kts_codebook_lookup_key (codebook, "REL");
  assert_report_has (report, KTS_REFI_MATCHED, "code “Relatedness” matched “Relatedness” by name");
  /* New: added under the matched parent, with its guid, key and colour. */
  longing = kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-0000000000dd");
  g_assert_nonnull (longing);
  g_assert_true (kts_code_get_parent (longing) == rel);
  g_assert_cmpstr (kts_code_get_key (longing), ==, "REL.longing");
  g_assert_cmpstr (kts_code_get_color (longing), ==, "#abcdef");
  g_assert_cmpstr (kts_code_get_exclude (longing), ==, "plain requests.");
  assert_report_has (report, KTS_REFI_ADDED, "code “Longing” under “Relatedness”");
  g_assert_cmpuint (kts_codebook_get_n_codes (codebook), ==, n_codes + 1);
  /* Code sets have no place in Kintsugi. */
  assert_report_has (report, KTS_REFI_SKIPPED, "code set “Favourites” with 1 member");
  kts_test_assert_consistent (project);

  /* One undo step takes it all back. */
  g_assert_true (kts_project_undo (project));
  undone = kts_test_dump_project (project);
  kts_test_assert_dumps_equal (before, undone);

  /* Merging our own export changes nothing. */
  {
    g_autoptr (GBytes) own = kts_refi_export_qdc (project, &error);
    g_autoptr (KtsRefiReport) again = NULL;
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    g_assert_true (kts_refi_import_qdc (project, own, "own.qdc", TRUE, &again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (kts_refi_report_count (again, KTS_REFI_MATCHED), ==, n_codes);
    g_assert_cmpuint (kts_refi_report_count (again, KTS_REFI_ADDED), ==, 0);
    after = kts_test_dump_project (project);
    kts_test_assert_dumps_equal (before, after);
  }
}

static void
test_qdc_into_non_empty (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autoptr (GBytes) qdc = load_fixture ("foreign.qdc");
  g_autoptr (GError) error = NULL;
  g_autofree char *before = kts_test_dump_project (project);
  g_autofree char *after = NULL;

  g_assert_false (kts_refi_import_qdc (project, qdc, "foreign.qdc", FALSE, NULL, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "merge"));
  after = kts_test_dump_project (project);
  kts_test_assert_dumps_equal (before, after);
  g_assert_false (kts_project_can_undo (project));
}

/* ---- Hostile codebooks ------------------------------------------------------------------ */

static void
assert_qdc_refused (GBytes *bytes, const char *name, int code, const char *message_part)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsRefiReport) report = NULL;

  g_test_message ("%s", name);
  g_assert_false (kts_refi_import_qdc (project, bytes, name, FALSE, &report, &error));
  g_assert_error (error, KTS_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);
  g_assert_null (report);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 0);
  g_assert_false (kts_project_can_undo (project));
}

static void
test_qdc_hostile (void)
{
  struct
  {
    const char *file;
    int         code;
    const char *message;
  } cases[] = {
    { "hostile-entities.qdc", KTS_ERROR_UNSAFE,
      "hostile-entities.qdc, line 2: document type declarations and entities are not allowed" },
    { "hostile-xxe.qdc", KTS_ERROR_UNSAFE, "hostile-xxe.qdc, line 2: document type" },
    { "hostile-deep.qdc", KTS_ERROR_TOO_LARGE,
      "hostile-deep.qdc, line 257: elements are nested more than 256 deep" },
    { "deep-codes.qdc", KTS_ERROR_TOO_LARGE,
      "deep-codes.qdc, line 67: codes are nested more than 64 deep" },
    { "broken.qdc", KTS_ERROR_PARSE, "broken.qdc, line 5: not a well-formed XML file" },
  };
  g_autofree char *huge = NULL;
  g_autoptr (GBytes) huge_bytes = NULL;
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) wrong = g_bytes_new_static ("<Project name='x'/>", 19);
  g_autoptr (GBytes) no_codes
      = g_bytes_new_static ("<CodeBook xmlns='urn:QDA-XML:codebook:1.0'/>", 44);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = load_fixture (cases[i].file);

      assert_qdc_refused (bytes, cases[i].file, cases[i].code, cases[i].message);
    }

  /* Huge: refused before parsing. */
  huge = g_malloc (KTS_REFI_MAX_QDC_SIZE + 2);
  memset (huge, ' ', KTS_REFI_MAX_QDC_SIZE + 1);
  huge_bytes = g_bytes_new_take (g_steal_pointer (&huge), KTS_REFI_MAX_QDC_SIZE + 1);
  assert_qdc_refused (huge_bytes, "huge.qdc", KTS_ERROR_TOO_LARGE,
                      "huge.qdc: the file is larger than");
  assert_qdc_refused (empty, "empty.qdc", KTS_ERROR_EMPTY, "empty.qdc: the file is empty");
  assert_qdc_refused (wrong, "wrong.qdc", KTS_ERROR_INVALID_FILE, "the root element is <Project>");
  assert_qdc_refused (no_codes, "none.qdc", KTS_ERROR_EMPTY, "none.qdc: the codebook has no codes");
}

/* ---- Project export ------------------------------------------------------------------------ */

static void
test_qdpx_export_validates (void)
{
  g_autoptr (KtsProject) project = make_rich_project ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) qdpx = kts_refi_export_qdpx (project, &error);
  g_autoptr (GBytes) qde = NULL;
  g_autoptr (KtsRefiZip) zip = NULL;
  g_autofree char *text = NULL;
  GListModel      *documents = kts_project_get_documents (project);

  g_assert_no_error (error);
  g_assert_nonnull (qdpx);

  /* project.qde first, then sources/GUID.txt in lower case with the texts. */
  zip = _kts_refi_zip_open (qdpx, "export.qdpx", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_kts_refi_zip_get_names (zip)->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (_kts_refi_zip_get_names (zip), 0), ==, "project.qde");
  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      g_autofree char *name
          = g_strdup_printf ("sources/%s.txt", kts_item_get_guid (KTS_ITEM (document)));
      g_autoptr (GBytes) source = NULL;

      g_assert_cmpstr (g_ptr_array_index (_kts_refi_zip_get_names (zip), d + 1), ==, name);
      source = _kts_refi_zip_read (zip, name, G_MAXSIZE, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (source, NULL), g_bytes_get_size (source),
                       kts_document_get_text (document), kts_document_get_text_size (document));
    }

  qde = zip_entry (qdpx, "project.qde");
  text = bytes_to_string (qde);
  g_assert_nonnull (
      strstr (text, "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Rupture study\""));
  g_assert_nonnull (
      strstr (text, "<User guid=\"00000000-0000-4000-8000-00000000c0de\" name=\"Ada\"/>"));
  /* Code points: "I suppose so." is 22–35 of "Session 4". */
  g_assert_nonnull (
      strstr (text, "name=\"I suppose so.\" startPosition=\"22\" endPosition=\"35\""));
  /* In "Sitzung 5" after an emoji: 17–35 in code points (UTF-16 would be 18–36). */
  g_assert_nonnull (strstr (text, "startPosition=\"17\" endPosition=\"35\""));
  g_assert_nonnull (
      strstr (text, "<CodeRef targetGUID=\"00000000-0000-4000-8000-000000000008\"/>"));
  /* The memo is a note referred to from the coding. */
  g_assert_nonnull (strstr (text, "<PlainTextContent>long pause</PlainTextContent>"));
  /* Attributes are variables. */
  g_assert_nonnull (strstr (text, "name=\"session\" typeOfVariable=\"Text\""));
  g_assert_nonnull (strstr (text, "<TextValue>4</TextValue>"));
  /* The case with its documents. */
  g_assert_nonnull (
      strstr (text, "<Case guid=\"00000000-0000-4000-8000-0000000ca5e0\" name=\"a\">"));
  assert_validates (qde, "Project-mrt2019.xsd");
}

static guint
count_elements (xmlNode *node, const char *name)
{
  guint n = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (strcmp ((const char *)child->name, name) == 0)
        n++;
      n += count_elements (child, name);
    }
  return n;
}

static void
test_qdpx_export_episodes (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) qdpx = kts_refi_export_qdpx (project, &error);
  g_autoptr (GBytes) qde = zip_entry (qdpx, "project.qde");
  g_autoptr (xmlDoc) doc = _kts_refi_parse_xml (qde, "project.qde", G_MAXSIZE, &error);
  g_autofree char *text = bytes_to_string (qde);
  xmlNode         *root;

  g_assert_no_error (error);
  root = xmlDocGetRootElement (doc);
  /* One set and one graph for the episode, a vertex per move and an edge per
   * edge; a note per move and one for the episode (plus the memo); a link per
   * anchor. */
  g_assert_cmpuint (count_elements (root, "Set"), ==, 1);
  g_assert_cmpuint (count_elements (root, "MemberNote"), ==, 4);
  g_assert_cmpuint (count_elements (root, "MemberSource"), ==, 1);
  g_assert_cmpuint (count_elements (root, "Graph"), ==, 1);
  g_assert_cmpuint (count_elements (root, "Vertex"), ==, 3);
  g_assert_cmpuint (count_elements (root, "Edge"), ==, 2);
  g_assert_cmpuint (count_elements (root, "Note"), ==, 5);
  g_assert_cmpuint (count_elements (root, "Link"), ==, 3);
  g_assert_nonnull (strstr (text, "<Set guid=\"00000000-0000-4000-8000-0000000e0001\" "
                                  "name=\"Episode a-1\">"));
  g_assert_nonnull (strstr (text, "representedGUID=\"00000000-0000-4000-8000-0000000f0002\" "
                                  "name=\"Withdraws\""));
  g_assert_nonnull (strstr (text, "name=\"responds-to\""));
  g_assert_nonnull (strstr (text, "Actor: client\nPhase: rupture"));
  g_assert_nonnull (strstr (text, "Edge: Withdraws —responds-to→ Asks to start"));
  assert_validates (qde, "Project-mrt2019.xsd");
}

static void
test_qdpx_export_empty (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) qdpx = kts_refi_export_qdpx (project, &error);
  g_autoptr (GBytes) qde = NULL;
  g_autoptr (KtsProject) back = NULL;

  g_assert_no_error (error);
  qde = zip_entry (qdpx, "project.qde");
  assert_validates (qde, "Project-mrt2019.xsd");
  back = kts_refi_import_qdpx (qdpx, "empty.qdpx", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_documents (back)), ==, 0);
}

/* ---- Project round trip ---------------------------------------------------------------- */

static char *
dump_documents (KtsProject *project)
{
  GListModel *documents = kts_project_get_documents (project);
  GString    *out = g_string_new (NULL);

  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      GListModel *codings = kts_document_get_codings (document);
      g_autoptr (GPtrArray) names = kts_document_list_attributes (document);

      g_string_append_printf (out, "document %s “%s”\n%s\n",
                              kts_item_get_guid (KTS_ITEM (document)),
                              kts_document_get_title (document), kts_document_get_text (document));
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (
            out, "  attribute %s=%s\n", (char *)g_ptr_array_index (names, i),
            kts_document_get_attribute (document, g_ptr_array_index (names, i)));
      for (guint c = 0; c < g_list_model_get_n_items (codings); c++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, c);
          g_autofree char *text = kts_coding_dup_text (coding);
          KtsCoder        *coder = kts_coding_get_coder (coding);

          g_string_append_printf (
              out, "  coding %s %u–%u %s coder=%s memo=%s created=%" G_GINT64_FORMAT " “%s”\n",
              kts_item_get_guid (KTS_ITEM (coding)), kts_coding_get_start (coding),
              kts_coding_get_end (coding),
              kts_item_get_guid (KTS_ITEM (kts_coding_get_code (coding))),
              coder != NULL ? kts_coder_get_name (coder) : "-", kts_coding_get_memo (coding),
              kts_coding_get_created (coding), text);
        }
    }
  return g_string_free (out, FALSE);
}

/* Episodes with every property, their moves (with anchors) and edges. */
static char *
dump_episodes (KtsProject *project)
{
  GListModel *episodes = kts_project_get_episodes (project);
  GString    *out = g_string_new (NULL);

  for (guint e = 0; e < g_list_model_get_n_items (episodes); e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      g_autofree char *text = kts_test_dump_object (G_OBJECT (episode));
      GListModel      *moves = kts_episode_get_moves (episode);
      GListModel      *edges = kts_episode_get_edges (episode);

      g_string_append_printf (out, "episode %s\n", text);
      for (guint m = 0; m < g_list_model_get_n_items (moves); m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          g_autofree char *move_text = kts_test_dump_object (G_OBJECT (move));
          GPtrArray       *anchors = kts_move_get_anchors (move);

          g_string_append_printf (out, "move %s\n", move_text);
          for (guint a = 0; a < anchors->len; a++)
            g_string_append_printf (out, "  anchor %s\n",
                                    kts_item_get_guid (g_ptr_array_index (anchors, a)));
        }
      for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
        {
          g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);
          g_autofree char *edge_text = kts_test_dump_object (G_OBJECT (edge));

          g_string_append_printf (out, "edge %s\n", edge_text);
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_qdpx_round_trip (void)
{
  g_autoptr (KtsProject) project = make_rich_project ();
  g_autoptr (KtsProject) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) qdpx = NULL;
  g_autoptr (KtsRefiReport) report = NULL;
  g_autofree char *codes_before = NULL;
  g_autofree char *codes_after = NULL;
  g_autofree char *docs_before = NULL;
  g_autofree char *docs_after = NULL;
  KtsDocument     *doc1 = kts_project_find_document (project, "Session 4");

  /* A speaker role that is not the default for its label travels too. */
  kts_project_set_speaker_role (project, doc1, 1, KTS_ROLE_INTERVIEWER);
  /* Every field of episodes, moves and edges. */
  {
    KtsEpisode *episode = kts_project_find_episode (project, "a-1");
    GListModel *moves = kts_episode_get_moves (episode);
    GListModel *edges = kts_episode_get_edges (episode);
    g_autoptr (KtsMove) m1 = g_list_model_get_item (moves, 0);
    g_autoptr (KtsMove) m3 = g_list_model_get_item (moves, 2);
    g_autoptr (KtsEdge) e1 = g_list_model_get_item (edges, 0);

    kts_project_set_int (project, episode, "start", 19);
    kts_project_set_enum (project, episode, "initiator", KTS_INITIATOR_THERAPIST);
    kts_project_set_enum (project, episode, "resolution", KTS_RESOLUTION_PARTIAL);
    kts_project_set_enum (project, episode, "status", KTS_EPISODE_STATUS_VALIDATED);
    kts_project_set_string (project, episode, "themes", "1a 2c");
    kts_project_set_string (project, episode, "course", "quick");
    kts_project_set_string (project, episode, "pattern-formula", "W > R");
    kts_project_set_string (project, m1, "ident", "e-01");
    kts_project_set_string (project, m1, "memo", "First line.\nActor: not a heading\n  indented");
    kts_project_set_string (project, m1, "quote", "Shall we …");
    kts_project_set_enum (project, m1, "dimension", KTS_DIMENSION_BOTH);
    kts_project_set_enum (project, m1, "role", KTS_MOVE_ROLE_TRIGGER);
    kts_project_set_enum (project, m1, "interpretation", KTS_INTERPRETATION_ANALYST);
    kts_project_set_enum (project, m3, "actor", KTS_ACTOR_THIRD);
    kts_project_set_string (project, m3, "third-role", "supervisor");
    kts_project_set_enum (project, m3, "location", KTS_LOCATION_OUTSIDE);
    kts_project_set_enum (project, m3, "channel", KTS_CHANNEL_PHONE);
    kts_project_set_string (project, m3, "session-ref", "between S4 and S5");
    kts_project_set_enum (project, m3, "time-certainty", KTS_TIME_CERTAINTY_APPROX);
    kts_project_set_enum (project, m3, "explicitness", KTS_EXPLICITNESS_IMPLICIT);
    kts_project_set_enum (project, m3, "awareness", KTS_AWARENESS_OUT_OF_AWARENESS);
    kts_project_set_double (project, m3, "x", 12.5);
    kts_project_set_double (project, m3, "y", -40.25);
    kts_project_set_boolean (project, m3, "has-position", TRUE);
    kts_project_set_int (project, e1, "count", 3);
    kts_project_set_string (project, e1, "label", "again: and again");
  }
  kts_project_clear_undo (project);

  qdpx = kts_refi_export_qdpx (project, &error);
  g_assert_no_error (error);
  back = kts_refi_import_qdpx (qdpx, "round.qdpx", &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  g_assert_cmpstr (kts_project_get_title (back), ==, "Rupture study");
  codes_before = dump_codebook (project);
  codes_after = dump_codebook (back);
  kts_test_assert_dumps_equal (codes_before, codes_after);
  docs_before = dump_documents (project);
  docs_after = dump_documents (back);
  kts_test_assert_dumps_equal (docs_before, docs_after);
  /* Turns are found again on import; roles that are not the default for
   * their label come from the "Speaker roles" variable. */
  {
    KtsDocument *doc1_back = kts_project_find_document (back, "Session 4");

    g_assert_cmpuint (kts_document_get_n_speakers (doc1_back), ==, 2);
    g_assert_cmpstr (kts_document_get_speaker (doc1_back, 1)->label, ==, "C");
    g_assert_cmpint (kts_document_get_speaker (doc1_back, 1)->role, ==, KTS_ROLE_INTERVIEWER);
    g_assert_cmpint (kts_document_get_speaker (doc1_back, 0)->role, ==, KTS_ROLE_THERAPIST);
    g_assert_cmpuint (kts_document_get_n_turns (doc1_back), ==, kts_document_get_n_turns (doc1));
  }
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_coders (back)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_cases (back)), ==, 1);
  g_assert_false (kts_project_can_undo (back));
  kts_test_assert_consistent (back);

  /* Episodes come back from their notes, set, graph and links. */
  {
    g_autofree char *before = dump_episodes (project);
    g_autofree char *after = dump_episodes (back);

    kts_test_assert_dumps_equal (before, after);
  }
  assert_report_has (report, KTS_REFI_ADDED, "episode “a-1” with 3 moves, 2 edges and 3 anchors");
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_SKIPPED), ==, 0);
  g_assert_cmpuint (kts_refi_report_count (report, KTS_REFI_WARNING), ==, 0);
}

/* ---- Foreign projects ------------------------------------------------------------------- */

/* Imports fixture NAME.qdpx and checks it against NAME.expected.json: the
 * documents' texts and every coding's code and exact coded text. */
static KtsProject *
import_fixture (const char *name, KtsRefiReport **report_out)
{
  g_autofree char *qdpx_name = g_strconcat (name, ".qdpx", NULL);
  g_autofree char *json_name = g_strconcat (name, ".expected.json", NULL);
  g_autofree char *path = fixture_path (qdpx_name);
  g_autofree char *json_path = fixture_path (json_name);
  g_autoptr (GBytes) bytes = load_fixture (qdpx_name);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) actual = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  KtsProject      *project;
  JsonObject      *root;
  JsonArray       *documents;

  g_test_message ("fixture %s", name);
  project = kts_refi_import_qdpx (bytes, path, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  kts_test_assert_consistent (project);

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (kts_project_get_title (project), ==,
                   json_object_get_string_member (root, "title"));

  documents = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_documents (project)), ==,
                    json_array_get_length (documents));
  for (guint d = 0; d < json_array_get_length (documents); d++)
    {
      JsonObject *document = json_array_get_object_element (documents, d);
      const char *title = json_object_get_string_member (document, "title");
      JsonArray  *codings = json_object_get_array_member (document, "codings");
      g_autoptr (KtsDocument) imported
          = g_list_model_get_item (kts_project_get_documents (project), d);

      g_assert_cmpstr (kts_document_get_title (imported), ==, title);
      g_assert_cmpstr (kts_document_get_text (imported), ==,
                       json_object_get_string_member (document, "text"));
      for (guint c = 0; c < json_array_get_length (codings); c++)
        {
          JsonObject *coding = json_array_get_object_element (codings, c);

          g_ptr_array_add (expected,
                           g_strdup_printf ("%s|%s|%s", title,
                                            json_object_get_string_member (coding, "code"),
                                            json_object_get_string_member (coding, "text")));
        }
    }
  actual = list_codings (project);
  expected_text = join_sorted (expected);
  actual_text = join_sorted (actual);
  g_assert_cmpstr (actual_text, ==, expected_text);

  if (!json_object_get_null_member (root, "counting"))
    {
      g_autofree char *found
          = g_strdup_printf ("counted in %s", json_object_get_string_member (root, "counting"));

      assert_report_has (report, KTS_REFI_INFO, found);
    }
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return project;
}

static void
test_qdpx_fixtures (void)
{
  const char *names[] = {
    "deviations",  "utf16-names",     "utf16-no-names", "codepoints-no-names",
    "crlf-two",    "crlf-one",        "bom-counted",    "bom-not-counted",
    "utf16-mixed", "shortened-names", "external",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (KtsProject) project = import_fixture (names[i], NULL);
    }
}

static void
test_qdpx_counting_report (void)
{
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (KtsProject) project = NULL;

  project = import_fixture ("utf16-names", &report);
  assert_report_has (report, KTS_REFI_INFO,
                     "Text positions were counted in UTF-16 code units (the text the file gives "
                     "for 3 of 3 selections matches only this way)");
  g_clear_object (&project);
  g_clear_pointer (&report, kts_refi_report_unref);

  project = import_fixture ("utf16-no-names", &report);
  assert_report_has (report, KTS_REFI_INFO, "other ways put selections outside the text");
  g_clear_object (&project);
  g_clear_pointer (&report, kts_refi_report_unref);

  project = import_fixture ("codepoints-no-names", &report);
  assert_report_has (report, KTS_REFI_INFO,
                     "counted in code points (other ways cut characters in two)");
  g_clear_object (&project);
  g_clear_pointer (&report, kts_refi_report_unref);

  project = import_fixture ("crlf-one", &report);
  assert_report_has (report, KTS_REFI_INFO, "counted in code points, CRLF as one character");
  g_clear_object (&project);
  g_clear_pointer (&report, kts_refi_report_unref);

  /* The source without names follows the one with them. */
  project = import_fixture ("utf16-mixed", &report);
  assert_report_has (report, KTS_REFI_INFO,
                     "positions in “Without names” read as UTF-16 code units, like the rest");
}

static void
test_qdpx_deviations (void)
{
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (KtsProject) project = import_fixture ("deviations", &report);
  KtsCodebook *codebook = kts_project_get_codebook (project);
  KtsCoding   *coding;
  KtsDocument *session;
  KtsCode     *topics, *confrontation;

  /* Users are coders, and codings keep who made them. */
  g_assert_nonnull (kts_project_find_coder (project, "Ada Analyst"));
  g_assert_cmpstr (kts_coder_get_initials (kts_project_find_coder (project, "Ada Analyst")), ==,
                   "AA");
  coding = find_coding (project, "Session 1.docx", "I don't know.");
  g_assert_cmpstr (kts_coder_get_name (kts_coding_get_coder (coding)), ==, "Ada Analyst");
  g_assert_cmpint (kts_coding_get_created (coding), ==, 1709201100); /* 2024-02-29T10:05:00Z */
  /* A comment in the selection's Description and its note make the memo. */
  g_assert_cmpstr (kts_coding_get_memo (coding), ==,
                   "reluctant, looks away\n\nLong pause before answering.");
  /* Two codings on one selection. */
  coding = find_coding (project, "Session 1.docx", "I didn't want to come today, to be honest.");
  g_assert_nonnull (coding);

  /* Codes: upper case and braces normalised, a note on a code in its notes. */
  topics = kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000101");
  g_assert_nonnull (topics);
  g_assert_true (kts_code_get_codable (topics));
  assert_report_has (report, KTS_REFI_WARNING, "code “Topics” is marked as not for coding");
  confrontation = kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000103");
  g_assert_cmpstr (kts_code_get_notes (confrontation), ==, "Use for open disagreement.");
  g_assert_cmpstr (kts_code_get_color (
                       kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000104")),
                   ==, "#33cc33");

  /* Variables and cases become attributes. */
  session = find_document (project, "Session 1.docx");
  g_assert_cmpstr (kts_document_get_attribute (session, "Session"), ==, "1");
  g_assert_cmpstr (kts_document_get_attribute (session, "case"), ==, "Client A");
  g_assert_cmpstr (kts_document_get_attribute (session, "Age"), ==, "34");
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_cases (project)), ==, 1);
  /* Turns are found in imported texts. */
  g_assert_cmpuint (kts_document_get_n_turns (session), ==, 5);
  g_assert_cmpint (kts_document_get_speaker (session, 0)->role, ==, KTS_ROLE_THERAPIST);

  /* Everything left out is in the report. */
  assert_report_has (
      report, KTS_REFI_SKIPPED,
      "source “Lost interview”: its text internal://00000000-0000-4000-8000-0000000002ff.txt "
      "is missing from the archive");
  assert_report_has (report, KTS_REFI_WARNING,
                     "a text source without a name was called "
                     "“6A1F3B2C-0000-4000-8000-0000000000F2.txt”");
  assert_report_has (report, KTS_REFI_WARNING, "has no internal:// prefix");
  assert_report_has (report, KTS_REFI_WARNING,
                     "source “Both”: its text internal://00000000-0000-4000-8000-0000000002fe.txt "
                     "is missing from the archive");
  assert_report_has (report, KTS_REFI_INFO,
                     "source “Both”: used the text given in the project file");
  assert_report_has (report, KTS_REFI_SKIPPED, "picture source “Drawing.jpg” with 1 coding");
  assert_report_has (report, KTS_REFI_SKIPPED, "PDF source “Article.pdf”");
  assert_report_has (report, KTS_REFI_SKIPPED, "audio source “Session 1.m4a”");
  assert_report_has (report, KTS_REFI_SKIPPED, "video source “Session 1.mp4”");
  assert_report_has (report, KTS_REFI_SKIPPED, "unknown element <HologramSource>");
  assert_report_has (report, KTS_REFI_SKIPPED, "unknown element <Frobnicate>");
  assert_report_has (report, KTS_REFI_SKIPPED, "unknown element <VendorData> in source");
  assert_report_has (report, KTS_REFI_SKIPPED, "unknown element <VendorExtension>");
  assert_report_has (report, KTS_REFI_SKIPPED, "refers to a code that is not in the codebook");
  assert_report_has (report, KTS_REFI_SKIPPED, "1 selection in “Session 1.docx” has no code");
  assert_report_has (report, KTS_REFI_SKIPPED,
                     "project note “Research plan” (Kintsugi has no project notes): Code all "
                     "sessions of client A first.");
  g_assert_null (kts_refi_report_find (report, KTS_REFI_SKIPPED, "About confrontation"));
  assert_report_has (report, KTS_REFI_SKIPPED, "note “Loose thought” is not attached to anything");
  assert_report_has (report, KTS_REFI_SKIPPED, "set “Early sessions”");
  assert_report_has (report, KTS_REFI_SKIPPED, "graph “Network”");
  assert_report_has (report, KTS_REFI_SKIPPED, "1 link between items");
  assert_report_has (report, KTS_REFI_SKIPPED, "the project’s description");
  assert_report_has (report, KTS_REFI_SKIPPED, "case “Client A”: 1 link to a selection");
  assert_report_has (report, KTS_REFI_INFO, "read the project from Project.qde");
  assert_report_has (report, KTS_REFI_ADDED, "document “Session 1.docx” with 4 codings");
}

static void
test_qdpx_external (void)
{
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (KtsProject) project = import_fixture ("external", &report);
  g_autofree char *absolute = fixture_path ("external/absolute-source.txt");
  g_autofree char *xml = NULL;
  g_autoptr (GBytes) qde = NULL;
  g_autoptr (GBytes) qdpx = NULL;
  g_autoptr (KtsProject) second = NULL;
  g_autoptr (KtsRefiReport) second_report = NULL;
  g_autoptr (GError) error = NULL;
  const char *names[] = { "project.qde" };

  assert_report_has (report, KTS_REFI_INFO, "read its text from");
  assert_report_has (report, KTS_REFI_INFO, "relative-source.txt, outside the archive");
  assert_report_has (
      report, KTS_REFI_SKIPPED,
      "source “Windows absolute”: its text absolute:///C:/PROJECT/Sources/interview.txt "
      "is not on this computer");
  assert_report_has (report, KTS_REFI_SKIPPED, "source “Unix absolute”");

  /* An absolute path that exists here (made now, as it depends on where the
   * sources are). */
  xml = g_strdup_printf ("<Project xmlns='urn:QDA-XML:project:1.0' name='Abs'><Sources>"
                         "<TextSource guid='00000000-0000-4000-8000-000000000201' name='A' "
                         "plainTextPath='absolute://%s'/></Sources></Project>",
                         absolute);
  qde = g_bytes_new (xml, strlen (xml));
  {
    GBytes *contents[] = { qde };

    qdpx = _kts_refi_zip_write (names, contents, 1, &error);
  }
  g_assert_no_error (error);
  second = kts_refi_import_qdpx (qdpx, "abs.qdpx", &second_report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_text (find_document (second, "A")), ==,
                   "T: This one is read by an absolute path.\nC: Made by the test at run time.\n");
}

/* ---- Hostile projects -------------------------------------------------------------------- */

static void
assert_qdpx_refused (GBytes *bytes, const char *name, int code, const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsRefiReport) report = NULL;
  g_autoptr (KtsProject) project = NULL;

  g_test_message ("%s", name);
  project = kts_refi_import_qdpx (bytes, name, &report, &error);
  g_assert_null (project);
  g_assert_null (report);
  g_assert_error (error, KTS_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);
}

static void
test_qdpx_hostile (void)
{
  struct
  {
    const char *file;
    int         code;
    const char *message;
  } cases[] = {
    { "hostile-traversal.qdpx", KTS_ERROR_UNSAFE,
      "hostile-traversal.qdpx: the entry “sources/../../evil.txt” points outside the archive" },
    { "hostile-absolute.qdpx", KTS_ERROR_UNSAFE, "“/tmp/kintsugi-evil.txt” points outside" },
    { "hostile-bomb.qdpx", KTS_ERROR_UNSAFE, "zip bomb" },
    { "hostile-entities.qdpx", KTS_ERROR_UNSAFE,
      "project.qde, line 2: document type declarations and entities are not allowed" },
    { "no-project.qdpx", KTS_ERROR_INVALID_FILE, "there is no project.qde in the archive" },
    { "not-a-zip.qdpx", KTS_ERROR_PARSE, "not-a-zip.qdpx: not" },
  };
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr (GBytes) many = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = load_fixture (cases[i].file);

      assert_qdpx_refused (bytes, cases[i].file, cases[i].code, cases[i].message);
    }

  /* Too many entries (made now: 20 001 empty files). */
  for (guint i = 0; i <= KTS_REFI_MAX_ENTRIES; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("sources/%u.txt", i));
      g_ptr_array_add (contents, g_bytes_new_static ("", 0));
    }
  many = _kts_refi_zip_write ((const char *const *)names->pdata, (GBytes *const *)contents->pdata,
                              names->len, &error);
  g_assert_no_error (error);
  assert_qdpx_refused (many, "many.qdpx", KTS_ERROR_TOO_LARGE, "more than 20000 entries");
}

/* ---- Positions ---------------------------------------------------------------------------- */

static void
test_positions (void)
{
  /* "a😀\r\nb": code points a 😀 \r \n b; UTF-16 a (2) \r \n b. */
  g_autoptr (KtsRefiText) text = _kts_refi_text_new ("a\xF0\x9F\x98\x80\r\nb", TRUE);
  guint offset = 99;

  g_assert_cmpstr (_kts_refi_text_get_normalized (text), ==, "a\xF0\x9F\x98\x80\nb");
  g_assert_cmpuint (_kts_refi_text_get_relevant (text), ==,
                    KTS_REFI_COUNT_UTF16 | KTS_REFI_COUNT_CRLF_ONE | KTS_REFI_COUNT_BOM);

  /* "b" is at 3 in our text. */
  g_assert_true (_kts_refi_text_convert (text, 0, 4, FALSE, &offset));
  g_assert_cmpuint (offset, ==, 3);
  g_assert_true (_kts_refi_text_convert (text, KTS_REFI_COUNT_CRLF_ONE, 3, FALSE, &offset));
  g_assert_cmpuint (offset, ==, 3);
  g_assert_true (_kts_refi_text_convert (text, KTS_REFI_COUNT_UTF16, 5, FALSE, &offset));
  g_assert_cmpuint (offset, ==, 3);
  g_assert_true (_kts_refi_text_convert (
      text, KTS_REFI_COUNT_UTF16 | KTS_REFI_COUNT_CRLF_ONE | KTS_REFI_COUNT_BOM, 5, FALSE,
      &offset));
  g_assert_cmpuint (offset, ==, 3);
  /* The end of the text, and beyond. */
  g_assert_true (_kts_refi_text_convert (text, KTS_REFI_COUNT_UTF16, 6, TRUE, &offset));
  g_assert_cmpuint (offset, ==, 4);
  g_assert_false (_kts_refi_text_convert (text, KTS_REFI_COUNT_UTF16, 7, TRUE, &offset));
  g_assert_false (_kts_refi_text_convert (text, 0, -1, FALSE, &offset));
  /* Inside the surrogate pair: to the start, or (an end) past the emoji. */
  g_assert_true (_kts_refi_text_convert (text, KTS_REFI_COUNT_UTF16, 2, FALSE, &offset));
  g_assert_cmpuint (offset, ==, 1);
  g_assert_true (_kts_refi_text_convert (text, KTS_REFI_COUNT_UTF16, 2, TRUE, &offset));
  g_assert_cmpuint (offset, ==, 2);

  g_assert_true (_kts_refi_hint_matches ("a  b\n c", "a b c"));
  g_assert_true (_kts_refi_hint_matches ("I have been…", "I have been thinking"));
  g_assert_true (_kts_refi_hint_matches ("I have been ...", "I have been thinking"));
  g_assert_false (_kts_refi_hint_matches ("I have been", "I have been thinking"));
  g_assert_false (_kts_refi_hint_matches ("…", "anything"));
  g_assert_false (_kts_refi_hint_matches ("", ""));
}

/* ---- Command line ------------------------------------------------------------------------ */

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

/* Runs kintsugi-cli (KTS_CLI) in @dir with the NULL-terminated arguments;
 * FALSE (test skipped) when KTS_CLI is not set. */
static gboolean
run_cli (Run *run, const char *dir, ...)
{
  const char *cli = g_getenv ("KTS_CLI");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  int         wait_status = 0;
  const char *arg;
  va_list     args;

  memset (run, 0, sizeof *run);
  if (cli == NULL)
    {
      g_test_skip ("KTS_CLI is not set; run this test through meson");
      return FALSE;
    }
  g_ptr_array_add (argv, (char *)cli);
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  if (!g_spawn_sync (dir, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                     &run->err, &wait_status, &error))
    g_error ("cannot run %s: %s", cli, error->message);
  if (g_spawn_check_wait_status (wait_status, &error))
    run->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->status = error->code;
  else
    g_error ("kintsugi-cli did not exit normally: %s", error->message);
  g_test_message ("kintsugi-cli %s → %d\nstdout: %s\nstderr: %s",
                  (char *)g_ptr_array_index (argv, 1), run->status, run->out, run->err);
  return TRUE;
}

static GBytes *
read_path (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_cli (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-refi-cli-XXXXXX", &error);
  g_autofree char *fixture = fixture_path ("utf16-names.qdpx");
  g_autofree char *bomb = fixture_path ("hostile-bomb.qdpx");
  g_autoptr (GBytes) qdc = NULL;
  g_autoptr (GBytes) qdpx = NULL;
  g_autoptr (KtsProject) back = NULL;
  g_autoptr (GPtrArray) codings = NULL;
  g_autofree char *joined = NULL;
  g_auto (Run) run = { 0 };
  const char *commands[] = { "export-qdc", "import-qdc", "import-qdpx", "export-qdpx" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!run_cli (&run, dir, commands[i], "--help", NULL))
        return;
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, commands[i]));
      g_assert_nonnull (strstr (run.out, "Example:"));
      run_clear (&run);
    }

  /* import-qdpx makes a project and reports the counting. */
  run_cli (&run, dir, "import-qdpx", fixture, "-o", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Text positions were counted in UTF-16 code units"));
  g_assert_nonnull (strstr (run.out, "document “Emoji session” with 3 codings"));
  g_assert_nonnull (
      strstr (run.out, "Wrote study.kintsugi (documents: 1, codes: 2, codings: 3, episodes: 0)."));
  run_clear (&run);
  /* Not over an existing file without --force. */
  run_cli (&run, dir, "import-qdpx", fixture, "-o", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "study.kintsugi: the file exists already"));
  run_clear (&run);
  run_cli (&run, dir, "import-qdpx", fixture, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, dir, "import-qdpx", bomb, "-o", "bomb.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "zip bomb"));
  {
    g_autofree char *bomb_project = g_build_filename (dir, "bomb.kintsugi", NULL);

    g_assert_false (g_file_test (bomb_project, G_FILE_TEST_EXISTS));
  }
  run_clear (&run);

  /* export-qdc writes a valid codebook. */
  run_cli (&run, dir, "export-qdc", "study.kintsugi", "-o", "book.qdc", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Wrote 2 codes to book.qdc."));
  run_clear (&run);
  qdc = read_path (dir, "book.qdc");
  assert_validates (qdc, "Codebook.xsd");

  /* import-qdc: into an empty project, not into a full one, merged. */
  run_cli (&run, dir, "new", "other.kintsugi", "--codebook", "empty", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, dir, "import-qdc", "other.kintsugi", "book.qdc", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2 added, 0 matched, 0 skipped, 0 warnings."));
  run_clear (&run);
  run_cli (&run, dir, "import-qdc", "other.kintsugi", "book.qdc", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "merge"));
  run_clear (&run);
  run_cli (&run, dir, "import-qdc", "other.kintsugi", "book.qdc", "--merge", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "code “Repair” matched “Repair” by guid"));
  g_assert_nonnull (strstr (run.out, "The codebook of other.kintsugi is unchanged."));
  run_clear (&run);

  /* export-qdpx, and the archive reads back to the same coded text. */
  run_cli (&run, dir, "export-qdpx", "study.kintsugi", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, dir, "export-qdpx", "study.kintsugi", "-o", "out.qdpx", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  qdpx = read_path (dir, "out.qdpx");
  back = kts_refi_import_qdpx (qdpx, "out.qdpx", NULL, &error);
  g_assert_no_error (error);
  codings = list_codings (back);
  joined = join_sorted (codings);
  g_assert_cmpstr (joined, ==,
                   "Emoji session|Repair|Tell me more about \xF0\x9F\x98\xAC that feeling.\n"
                   "Emoji session|Withdrawal|I feel \xF0\x9F\x8E\x89 stuck\n"
                   "Emoji session|Withdrawal|a wall \xF0\x9F\xA7\xB1 between us.");

  remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refi/report", test_report);
  g_test_add_func ("/refi/positions", test_positions);
  g_test_add_func ("/refi/qdc/export-validates", test_qdc_export_validates);
  g_test_add_func ("/refi/qdc/export-empty", test_qdc_export_empty);
  g_test_add_func ("/refi/qdc/round-trip", test_qdc_round_trip);
  g_test_add_func ("/refi/qdc/one-undo-step", test_qdc_import_one_undo_step);
  g_test_add_func ("/refi/qdc/foreign", test_qdc_foreign);
  g_test_add_func ("/refi/qdc/description-parsing", test_qdc_description_parsing);
  g_test_add_func ("/refi/qdc/encodings", test_qdc_encodings);
  g_test_add_func ("/refi/qdc/merge", test_qdc_merge);
  g_test_add_func ("/refi/qdc/into-non-empty", test_qdc_into_non_empty);
  g_test_add_func ("/refi/qdc/hostile", test_qdc_hostile);
  g_test_add_func ("/refi/qdpx/export-validates", test_qdpx_export_validates);
  g_test_add_func ("/refi/qdpx/export-episodes", test_qdpx_export_episodes);
  g_test_add_func ("/refi/qdpx/export-empty", test_qdpx_export_empty);
  g_test_add_func ("/refi/qdpx/round-trip", test_qdpx_round_trip);
  g_test_add_func ("/refi/qdpx/fixtures", test_qdpx_fixtures);
  g_test_add_func ("/refi/qdpx/counting-report", test_qdpx_counting_report);
  g_test_add_func ("/refi/qdpx/deviations", test_qdpx_deviations);
  g_test_add_func ("/refi/qdpx/external", test_qdpx_external);
  g_test_add_func ("/refi/qdpx/hostile", test_qdpx_hostile);
  g_test_add_func ("/refi/cli", test_cli);

  return g_test_run ();
}
