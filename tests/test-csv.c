/* test-csv.c: tests of the CSV reader and writer and of the codings CSV exchange.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "kts-core.h"

/* ---- Reader ------------------------------------------------------------ */

/* Reads all records of @data; asserts there is no error. */
static GPtrArray *
read_all (const char *data, gsize size, GArray **lines)
{
  g_autoptr (KtsCsvReader) reader = kts_csv_reader_new (data, size);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  char     **record;
  g_autoptr (GError) error = NULL;

  if (lines != NULL)
    *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  while ((record = kts_csv_reader_next (reader, &error)) != NULL)
    {
      guint line = kts_csv_reader_get_line (reader);

      g_ptr_array_add (records, record);
      if (lines != NULL)
        g_array_append_val (*lines, line);
    }
  g_assert_no_error (error);
  return records;
}

static void
assert_record (GPtrArray *records, guint index, const char *const *expected)
{
  char **record;

  g_assert_cmpuint (index, <, records->len);
  record = g_ptr_array_index (records, index);
  g_assert_cmpstrv (record, expected);
}

static void
test_reader_simple (void)
{
  const char *data = "a,b,c\r\n1,2,3\n,,\nlast,row";
  g_autoptr (GArray) lines = NULL;
  g_autoptr (GPtrArray) records = read_all (data, strlen (data), &lines);

  g_assert_cmpuint (records->len, ==, 4);
  assert_record (records, 0, (const char *[]){ "a", "b", "c", NULL });
  assert_record (records, 1, (const char *[]){ "1", "2", "3", NULL });
  assert_record (records, 2, (const char *[]){ "", "", "", NULL });
  assert_record (records, 3, (const char *[]){ "last", "row", NULL });
  g_assert_cmpuint (g_array_index (lines, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 3), ==, 4);
}

static void
test_reader_quoted (void)
{
  const char *data = "\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\r\n"
                     "\"x\ny\nz\",plain\n"
                     "after,\"\"\"\"\n";
  g_autoptr (GArray) lines = NULL;
  g_autoptr (GPtrArray) records = read_all (data, strlen (data), &lines);

  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, (const char *[]){ "a,b", "say \"hi\"", "two\r\nlines", "", NULL });
  assert_record (records, 1, (const char *[]){ "x\ny\nz", "plain", NULL });
  assert_record (records, 2, (const char *[]){ "after", "\"", NULL });
  /* Line numbers count the line breaks inside quoted fields. */
  g_assert_cmpuint (g_array_index (lines, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 6);
}

static void
test_reader_bom_and_line_ends (void)
{
  const char *data = "\xEF\xBB\xBF"
                     "doc,start\rS1,1\r\nS2,2\n\nS3,3";
  g_autoptr (GArray) lines = NULL;
  g_autoptr (GPtrArray) records = read_all (data, strlen (data), &lines);

  g_assert_cmpuint (records->len, ==, 5);
  /* The BOM is not part of the first field. */
  assert_record (records, 0, (const char *[]){ "doc", "start", NULL });
  assert_record (records, 1, (const char *[]){ "S1", "1", NULL });
  assert_record (records, 2, (const char *[]){ "S2", "2", NULL });
  /* An empty line is a record with one empty field. */
  assert_record (records, 3, (const char *[]){ "", NULL });
  assert_record (records, 4, (const char *[]){ "S3", "3", NULL });
  g_assert_cmpuint (g_array_index (lines, guint, 4), ==, 5);

  /* Empty input, and only a BOM: no records. */
  {
    g_autoptr (GPtrArray) none = read_all ("", 0, NULL);
    g_autoptr (GPtrArray) bom_only = read_all ("\xEF\xBB\xBF", 3, NULL);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (bom_only->len, ==, 0);
  }
}

/* Reads @data until an error; asserts it happens after @n_good records, with
 * @code and a message starting "line @line:". */
static void
assert_reader_error (const char *data, gsize size, guint n_good, int code, guint line)
{
  g_autoptr (KtsCsvReader) reader = kts_csv_reader_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("line %u: ", line);
  guint            n = 0;
  char           **record;

  while ((record = kts_csv_reader_next (reader, &error)) != NULL)
    {
      g_strfreev (record);
      n++;
    }
  g_assert_error (error, KTS_ERROR, code);
  g_assert_cmpuint (n, ==, n_good);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected “%s…”, got “%s”", prefix, error->message);

  /* The error is sticky. */
  g_clear_error (&error);
  g_assert_null (kts_csv_reader_next (reader, &error));
  g_assert_error (error, KTS_ERROR, code);
}

static void
test_reader_errors (void)
{
  const char *quote_inside = "a,b\nc,d\"e\n";
  const char *unterminated = "a,b\n\"one\ntwo\nthree,four\n";
  const char *after_quote = "a\n\"x\"y,z\n";
  const char *bad_utf8 = "a,b\n\"multi\nline\",\xC3\x28\n";
  const char  with_nul[] = "a,b\nc,d\0e\n";

  assert_reader_error (quote_inside, strlen (quote_inside), 1, KTS_ERROR_PARSE, 2);
  /* Named by the line where the quote opened. */
  assert_reader_error (unterminated, strlen (unterminated), 1, KTS_ERROR_PARSE, 2);
  assert_reader_error (after_quote, strlen (after_quote), 1, KTS_ERROR_PARSE, 2);
  /* The invalid byte is on line 3, inside a record that starts on line 2. */
  assert_reader_error (bad_utf8, strlen (bad_utf8), 1, KTS_ERROR_ENCODING, 3);
  assert_reader_error (with_nul, sizeof with_nul - 1, 1, KTS_ERROR_ENCODING, 2);
}

/* ---- Writer ------------------------------------------------------------ */

static void
test_writer (void)
{
  const char *fields[]
      = { "plain", "with,comma", "say \"hi\"", "two\nlines", "cr\rhere", "", NULL, "ünïcödé 😀" };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) records = NULL;

  kts_csv_append_record (out, fields, G_N_ELEMENTS (fields));
  kts_csv_append_record (out, fields, 1);
  g_assert_cmpstr (out->str, ==,
                   "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,,"
                   "ünïcödé 😀\r\nplain\r\n");

  /* What the writer writes, the reader reads back. */
  records = read_all (out->str, out->len, NULL);
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0,
                 (const char *[]){ "plain", "with,comma", "say \"hi\"", "two\nlines", "cr\rhere",
                                   "", "", "ünïcödé 😀", NULL });
  assert_record (records, 1, (const char *[]){ "plain", NULL });
}

/* ---- Fixture: a small project ---------------------------------------------- */

#define DOC1_GUID "11111111-1111-4111-8111-111111111111"
#define DOC2_GUID "22222222-2222-4222-8222-222222222222"
#define WITHDRAWAL_GUID "aaaaaaaa-0000-4000-8000-000000000001"
#define CONFRONT_GUID "aaaaaaaa-0000-4000-8000-000000000002"
#define CATEGORY_GUID "aaaaaaaa-0000-4000-8000-000000000003"
#define SILENCE1_GUID "aaaaaaaa-0000-4000-8000-000000000004"
#define SILENCE2_GUID "aaaaaaaa-0000-4000-8000-000000000005"
#define NOKEY_GUID "aaaaaaaa-0000-4000-8000-000000000006"
#define CODER_GUID "cccccccc-0000-4000-8000-000000000001"

static const char doc1_text[] = "T: Wie geht es Ihnen heute?\n"
                                "C: Müde 😴 — \"really\" tired, you know.\n"
                                "T: Mhm.\n";
static const char doc2_text[] = "Heading line\n"
                                "I: And then?\n"
                                "Anna: Then nothing, ok.\n";

/* Code point offset of the first @needle in @text. */
static guint
offset_of (const char *text, const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint)g_utf8_pointer_to_offset (text, found);
}

static guint
length_of (const char *text)
{
  return (guint)g_utf8_strlen (text, -1);
}

static KtsDocument *
make_document (const char *guid, const char *title, const char *text)
{
  KtsDocument *document = kts_document_new (guid, title, text);
  g_autoptr (GError) error = NULL;

  if (strcmp (guid, DOC1_GUID) == 0)
    {
      const KtsSpeaker speakers[] = { { "T", KTS_ROLE_THERAPIST }, { "C", KTS_ROLE_CLIENT } };
      guint            c = offset_of (text, "C: ");
      guint            t2 = offset_of (text, "T: Mhm");
      const KtsTurn    turns[]
          = { { 0, 0, c, -1 }, { 1, c, t2, -1 }, { 0, t2, length_of (text), -1 } };

      g_assert_true (kts_document_set_turns (document, speakers, G_N_ELEMENTS (speakers), turns,
                                             G_N_ELEMENTS (turns), &error));
    }
  else
    {
      const KtsSpeaker speakers[] = { { "I", KTS_ROLE_INTERVIEWER }, { "Anna", KTS_ROLE_CLIENT } };
      guint            i = offset_of (text, "I: ");
      guint            a = offset_of (text, "Anna: ");
      const KtsTurn turns[] = { { -1, 0, i, -1 }, { 0, i, a, -1 }, { 1, a, length_of (text), -1 } };

      g_assert_true (kts_document_set_turns (document, speakers, G_N_ELEMENTS (speakers), turns,
                                             G_N_ELEMENTS (turns), &error));
    }
  g_assert_no_error (error);
  return document;
}

static void
add_code (KtsProject *project,
          const char *guid,
          const char *key,
          const char *name,
          KtsCode    *parent,
          gboolean    codable)
{
  g_autoptr (KtsCode) code = kts_code_new (guid, name);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "codable", codable, NULL);
  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
}

/* Two documents, a codebook and one coder, with an empty undo stack. */
static KtsProject *
make_project (void)
{
  KtsProject  *project = kts_project_new ();
  KtsCodebook *codebook = kts_project_get_codebook (project);
  g_autoptr (KtsDocument) doc1 = make_document (DOC1_GUID, "Session 1", doc1_text);
  g_autoptr (KtsDocument) doc2 = make_document (DOC2_GUID, "Interview “A”, part 2", doc2_text);
  g_autoptr (KtsCoder) coder = kts_coder_new (CODER_GUID, "Ada");
  g_autoptr (GError) error = NULL;

  kts_project_set_title (project, "CSV test");
  g_assert_true (kts_project_add_document (project, doc1, -1, &error));
  g_assert_true (kts_project_add_document (project, doc2, -1, &error));
  g_assert_no_error (error);

  add_code (project, CATEGORY_GUID, "RUP", "Ruptures", NULL, FALSE);
  add_code (project, WITHDRAWAL_GUID, "RUP.W", "Withdrawal",
            kts_codebook_lookup_guid (codebook, CATEGORY_GUID), TRUE);
  add_code (project, CONFRONT_GUID, "RUP.C", "Confrontation",
            kts_codebook_lookup_guid (codebook, CATEGORY_GUID), TRUE);
  add_code (project, SILENCE1_GUID, "W.silence", "Silence",
            kts_codebook_lookup_guid (codebook, WITHDRAWAL_GUID), TRUE);
  add_code (project, SILENCE2_GUID, "C.silence", "Silence",
            kts_codebook_lookup_guid (codebook, CONFRONT_GUID), TRUE);
  add_code (project, NOKEY_GUID, NULL, "Humour, light", NULL, TRUE);

  g_assert_true (kts_project_add_coder (project, coder, &error));
  g_assert_no_error (error);

  kts_project_clear_undo (project);
  return project;
}

static KtsDocument *
project_document (KtsProject *project, guint index)
{
  g_autoptr (KtsDocument) document
      = g_list_model_get_item (kts_project_get_documents (project), index);

  return document;
}

static KtsCoding *
document_coding (KtsDocument *document, guint index)
{
  g_autoptr (KtsCoding) coding = g_list_model_get_item (kts_document_get_codings (document), index);

  return coding;
}

/* ---- Import ------------------------------------------------------------------ */

static void
test_import_resolves (void)
{
  g_autoptr (KtsProject) project = make_project ();
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  guint            muede = offset_of (doc1_text, "Müde");
  guint            emoji = offset_of (doc1_text, "😴");
  KtsDocument     *doc1 = project_document (project, 0);
  KtsDocument     *doc2 = project_document (project, 1);
  KtsCoding       *coding;
  int              n;

  /* Header in another order and letter case, with spaces; code by guid, key
   * and unique name; document by title and guid; actors in every spelling. */
  csv = g_strdup_printf (" Code ,DOCUMENT,Start,END,actor,Coder,Memo\r\n"
                         "RUP.W,Session 1,%u,%u,C,Ada,\"first, with comma\nand a line\"\r\n"
                         "AAAAAAAA-0000-4000-8000-000000000002,Session 1,%u,%u,therapist,Ben,\r\n"
                         "\"Humour, light\"," DOC2_GUID ",0,7,,,\r\n"
                         "W.silence,\"Interview “A”, part 2\",1,3,D,ben,\r\n"
                         ",,,,,,\r\n"
                         "RUP.C,Session 1,0,1,THIRD,Ben,\r\n",
                         muede, emoji + 1, 0, 2);
  n = kts_codings_import_csv (project, csv, strlen (csv), &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 5);
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, 5);

  /* One new coder "Ben", one "ben" (names are exact), and Ada reused. */
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_coders (project)), ==, 3);
  g_assert_nonnull (kts_project_find_coder (project, "Ben"));
  g_assert_nonnull (kts_project_find_coder (project, "ben"));

  /* doc1's codings sorted by (start, end): [0,1) RUP.C, [0,2) RUP.C, [muede, …) RUP.W */
  g_assert_cmpuint (g_list_model_get_n_items (kts_document_get_codings (doc1)), ==, 3);
  coding = document_coding (doc1, 2);
  g_assert_cmpuint (kts_coding_get_start (coding), ==, muede);
  g_assert_cmpuint (kts_coding_get_end (coding), ==, emoji + 1);
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (kts_coding_get_code (coding))), ==,
                   WITHDRAWAL_GUID);
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_CLIENT);
  g_assert_cmpstr (kts_coder_get_name (kts_coding_get_coder (coding)), ==, "Ada");
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (kts_coding_get_coder (coding))), ==, CODER_GUID);
  g_assert_cmpstr (kts_coding_get_memo (coding), ==, "first, with comma\nand a line");
  g_assert_cmpint (kts_coding_get_created (coding), >, 1700000000);
  {
    g_autofree char *text = kts_coding_dup_text (coding);

    g_assert_cmpstr (text, ==, "Müde 😴");
  }

  coding = document_coding (doc1, 1);
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (kts_coding_get_code (coding))), ==, CONFRONT_GUID);
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_THERAPIST);
  g_assert_null (kts_coding_get_memo (coding));

  coding = document_coding (doc1, 0);
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_THIRD);

  g_assert_cmpuint (g_list_model_get_n_items (kts_document_get_codings (doc2)), ==, 2);
  coding = document_coding (doc2, 0);
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (kts_coding_get_code (coding))), ==, NOKEY_GUID);
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_UNSET);
  g_assert_null (kts_coding_get_coder (coding));
  coding = document_coding (doc2, 1);
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (kts_coding_get_code (coding))), ==, SILENCE1_GUID);
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_DYAD);

  /* The whole import is one undo step, coders included. */
  g_assert_true (kts_project_can_undo (project));
  g_assert_true (kts_project_undo (project));
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_coders (project)), ==, 1);
  g_assert_false (kts_project_can_undo (project));
  g_assert_true (kts_project_redo (project));
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, 5);
}

static void
test_import_all_or_nothing (void)
{
  g_autoptr (KtsProject) project = make_project ();
  g_autoptr (GError) error = NULL;
  g_autofree char *undo_label = NULL;
  const char      *first = "document,start,end,code\nSession 1,0,2,RUP.W\n";
  const char      *bad_last = "document,start,end,code,coder\n"
                              "Session 1,0,3,RUP.W,Newcomer\n"
                              "Session 1,3,5,RUP.C,Another\n"
                              "Session 1,5,9,RUP.X,Newcomer\n";
  guint64          serial;

  g_assert_cmpint (kts_codings_import_csv (project, first, strlen (first), &error), ==, 1);
  g_assert_no_error (error);
  undo_label = g_strdup (kts_project_get_undo_label (project));
  serial = kts_project_get_change_serial (project);

  g_assert_cmpint (kts_codings_import_csv (project, bad_last, strlen (bad_last), &error), ==, -1);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "line 4: code “RUP.X” does not exist");

  /* Nothing was added: no codings, no coders, no undo step, no change. */
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_coders (project)), ==, 1);
  g_assert_null (kts_project_find_coder (project, "Newcomer"));
  g_assert_cmpuint (kts_project_get_change_serial (project), ==, serial);
  g_assert_cmpstr (kts_project_get_undo_label (project), ==, undo_label);
  g_assert_true (kts_project_undo (project));
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, 0);
  g_assert_false (kts_project_can_undo (project));
}

typedef struct
{
  const char *csv;
  int         code;
  const char *message;
} ErrorCase;

static void
test_import_errors (void)
{
  const ErrorCase cases[] = {
    { "", KTS_ERROR_EMPTY,
      "the file is empty; expected a header line naming the columns "
      "document, start, end and code" },
    { "\n\n", KTS_ERROR_EMPTY, NULL },
    { "document,start,end\nSession 1,0,1\n", KTS_ERROR_PARSE,
      "line 1: the required column “code” is missing (required: document, start, end, code)" },
    { "document,start,end,code,strat,cod\n", KTS_ERROR_PARSE,
      "line 1: unknown columns “strat”, “cod” (known columns: document, start, end, code, "
      "code_key, actor, coder, memo, turn, speaker, role, text)" },
    { "document,start,end,code,Start\n", KTS_ERROR_PARSE,
      "line 1: the column “start” appears twice" },
    { "document,start,end,code,\n", KTS_ERROR_PARSE, "line 1: column 5 has no name" },
    { "document,start,end,code\n\"Session 1,0,1,RUP.W\n", KTS_ERROR_PARSE,
      "line 2: a quoted field is never closed" },
    { "document,start,end,code\nSession 1,0,1,RUP.W\n\nSession 9,0,1,RUP.W\n", KTS_ERROR_NOT_FOUND,
      "line 4: document “Session 9” does not exist" },
    { "document,start,end,code\n,0,1,RUP.W\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: no document given" },
    { "document,start,end,code\nSession 1,,1,RUP.W\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: no start given" },
    { "document,start,end,code\nSession 1,0,1.5,RUP.W\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: end “1.5” is not a whole number of characters" },
    { "document,start,end,code\nSession 1,-1,1,RUP.W\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: start “-1” is not a whole number of characters" },
    { "document,start,end,code\nSession 1,4,4,RUP.W\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: start 4 is not before end 4; a coding must cover at least one character" },
    { "document,start,end,code\nSession 1,0,5000,RUP.W\n", KTS_ERROR_INVALID_ARGUMENT,
      NULL /* checked below: names the title and length */ },
    { "document,start,end,code\nSession 1,0,1,\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: no code given" },
    { "document,start,end,code\nSession 1,0,1,Silence\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: more than one code is named “Silence”; use its key or guid instead" },
    { "document,start,end,code\nSession 1,0,1,RUP\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: code “RUP” is a category and cannot be applied to text" },
    { "document,start,end,code,code_key\nSession 1,0,1,Confrontation,RUP.W\n",
      KTS_ERROR_INVALID_ARGUMENT,
      "line 2: code_key “RUP.W” and code “Confrontation” name different codes" },
    { "document,start,end,code,actor\nSession 1,0,1,RUP.W,patient\n", KTS_ERROR_INVALID_ARGUMENT,
      "line 2: actor “patient” is not one of therapist, client, dyad, third (or T, C, D)" },
    { "document,start,end,code,coder\nSession 1,0,1,RUP.W,"
      "dddddddd-0000-4000-8000-000000000009\n",
      KTS_ERROR_NOT_FOUND,
      "line 2: there is no coder with the guid “dddddddd-0000-4000-8000-000000000009”" },
    { "document,start,end,code\nSession 1,0,1,RUP.W,extra\n", KTS_ERROR_PARSE,
      "line 2: the row has 5 fields but the header has only 4 columns" },
    { "document,start,end,code\nSession 1,0,1,RUP.W\nSession 1,0,\xff,RUP.W\n", KTS_ERROR_ENCODING,
      "line 3: the text is not valid UTF-8; save the file as UTF-8 and try "
      "again" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KtsProject) project = make_project ();
      g_autoptr (GError) error = NULL;

      g_autofree char *escaped = g_strescape (cases[i].csv, NULL);

      g_test_message ("case %u: %s", i, escaped);
      g_assert_cmpint (
          kts_codings_import_csv (project, cases[i].csv, strlen (cases[i].csv), &error), ==, -1);
      g_assert_error (error, KTS_ERROR, cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (kts_project_get_n_codings (project), ==, 0);
      g_assert_false (kts_project_can_undo (project));
    }

  {
    g_autoptr (KtsProject) project = make_project ();
    g_autoptr (GError) error = NULL;
    const char      *csv = "document,start,end,code\nSession 1,0,5000,RUP.W\n";
    g_autofree char *expected = g_strdup_printf (
        "line 2: end 5000 is beyond the end of “Session 1” (%u characters)", length_of (doc1_text));

    g_assert_cmpint (kts_codings_import_csv (project, csv, strlen (csv), &error), ==, -1);
    g_assert_cmpstr (error->message, ==, expected);
  }

  /* Shorter rows are fine: missing optional cells are empty. */
  {
    g_autoptr (KtsProject) project = make_project ();
    g_autoptr (GError) error = NULL;
    const char *csv = "document,start,end,code,actor,memo\nSession 1,0,1,RUP.W\n";

    g_assert_cmpint (kts_codings_import_csv (project, csv, strlen (csv), &error), ==, 1);
    g_assert_no_error (error);
  }

  /* Only a header: nothing to add, and nothing recorded. */
  {
    g_autoptr (KtsProject) project = make_project ();
    g_autoptr (GError) error = NULL;
    const char *csv = "document,start,end,code\r\n";

    g_assert_cmpint (kts_codings_import_csv (project, csv, strlen (csv), &error), ==, 0);
    g_assert_no_error (error);
    g_assert_false (kts_project_can_undo (project));
  }
}

static void
test_import_twice (void)
{
  g_autoptr (KtsProject) project = make_project ();
  g_autoptr (GError) error = NULL;
  const char *csv = "document,start,end,code,coder\n"
                    "Session 1,0,2,RUP.W,Ada\n"
                    "Session 1,0,2,RUP.W,Ada\n"
                    "Session 1,0,2,RUP.W,Ben\n";

  /* Duplicates within one file are kept (a project may have them)… */
  g_assert_cmpint (kts_codings_import_csv (project, csv, strlen (csv), &error), ==, 3);
  g_assert_no_error (error);
  /* …but importing the same file again is caught. */
  g_assert_cmpint (kts_codings_import_csv (project, csv, strlen (csv), &error), ==, -1);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "line 2: the project already has this coding (same document, range, code "
                   "and coder)");
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, 3);
}

/* ---- Export ------------------------------------------------------------------ */

static KtsCoding *
apply (KtsProject *project,
       guint       document_index,
       guint       start,
       guint       end,
       const char *code_guid,
       KtsCoder   *coder,
       KtsActor    actor)
{
  KtsCode *code = kts_codebook_lookup_guid (kts_project_get_codebook (project), code_guid);
  g_autoptr (GError) error = NULL;
  KtsCoding *coding;

  coding = kts_project_apply_code (project, project_document (project, document_index), start, end,
                                   code, coder, actor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (coding);
  return coding;
}

static void
test_export (void)
{
  g_autoptr (KtsProject) project = make_project ();
  KtsCoder  *ada = kts_project_find_coder (project, "Ada");
  guint      muede = offset_of (doc1_text, "Müde");
  guint      quote_end = offset_of (doc1_text, " tired");
  guint      heading_end = offset_of (doc2_text, "\n");
  guint      anna = offset_of (doc2_text, "Then");
  KtsCoding *coding;
  g_autoptr (GString) csv = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *muede_text = NULL;

  /* Added out of order: the export follows document order, then (start, end). */
  apply (project, 1, anna, anna + 4, NOKEY_GUID, NULL, KTS_ACTOR_UNSET);
  apply (project, 1, 0, heading_end, SILENCE2_GUID, ada, KTS_ACTOR_DYAD);
  coding = apply (project, 0, muede, quote_end, WITHDRAWAL_GUID, ada, KTS_ACTOR_CLIENT);
  kts_project_set_string (project, coding, "memo", "Fatigue, \"quoted\"\nsecond line");
  apply (project, 0, 0, 2, CONFRONT_GUID, NULL, KTS_ACTOR_THERAPIST);

  csv = kts_codings_export_csv (project, NULL, NULL);
  g_assert_true (g_str_has_prefix (
      csv->str, "document,turn,speaker,role,actor,code_key,code,start,end,text,coder,memo\r\n"));
  records = read_all (csv->str, csv->len, NULL);
  g_assert_cmpuint (records->len, ==, 5);

  muede_text = g_utf8_substring (doc1_text, muede, quote_end);
  g_assert_cmpstr (muede_text, ==, "Müde 😴 — \"really\"");
  {
    g_autofree char *start = g_strdup_printf ("%u", muede);
    g_autofree char *end = g_strdup_printf ("%u", quote_end);
    g_autofree char *anna_start = g_strdup_printf ("%u", anna);
    g_autofree char *anna_end = g_strdup_printf ("%u", anna + 4);
    g_autofree char *heading = g_strdup_printf ("%u", heading_end);

    assert_record (records, 1,
                   (const char *[]){ "Session 1", "1", "T", "therapist", "therapist", "RUP.C",
                                     "Confrontation", "0", "2", "T:", "", "", NULL });
    assert_record (records, 2,
                   (const char *[]){ "Session 1", "2", "C", "client", "client", "RUP.W",
                                     "Withdrawal", start, end, muede_text, "Ada",
                                     "Fatigue, \"quoted\"\nsecond line", NULL });
    /* A turn with no speaker: turn number, but no speaker and no role. */
    assert_record (records, 3,
                   (const char *[]){ "Interview “A”, part 2", "1", "", "", "dyad", "C.silence",
                                     "Silence", "0", heading, "Heading line", "Ada", "", NULL });
    assert_record (records, 4,
                   (const char *[]){ "Interview “A”, part 2", "3", "Anna", "client", "", "",
                                     "Humour, light", anna_start, anna_end, "Then", "", "", NULL });
  }

  /* The text column is quoted exactly where needed, byte for byte. */
  g_assert_nonnull (strstr (csv->str, ",\"Müde 😴 — \"\"really\"\"\",Ada,"));
  g_assert_nonnull (strstr (csv->str, ",\"Humour, light\","));
}

static gboolean
only_ada_cb (KtsCoding *coding, gpointer user_data)
{
  return kts_coding_get_coder (coding) == user_data;
}

static void
test_export_filter (void)
{
  g_autoptr (KtsProject) project = make_project ();
  KtsCoder *ada = kts_project_find_coder (project, "Ada");
  g_autoptr (GString) csv = NULL;
  g_autoptr (GPtrArray) records = NULL;

  apply (project, 0, 0, 2, CONFRONT_GUID, NULL, KTS_ACTOR_THERAPIST);
  apply (project, 0, 3, 5, WITHDRAWAL_GUID, ada, KTS_ACTOR_UNSET);

  csv = kts_codings_export_csv (project, only_ada_cb, ada);
  records = read_all (csv->str, csv->len, NULL);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (((char **)g_ptr_array_index (records, 1))[5], ==, "RUP.W");

  /* An empty project exports just the header. */
  {
    g_autoptr (KtsProject) empty = kts_project_new ();
    g_autoptr (GString) header = kts_codings_export_csv (empty, NULL, NULL);

    g_assert_cmpstr (
        header->str, ==,
        "document,turn,speaker,role,actor,code_key,code,start,end,text,coder,memo\r\n");
  }
}

/* "title|start|end|code guid|coder name|actor|memo" for every coding, sorted. */
static GPtrArray *
describe_codings (KtsProject *project)
{
  GPtrArray  *lines = g_ptr_array_new_with_free_func (g_free);
  GListModel *documents = kts_project_get_documents (project);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      KtsDocument *document = project_document (project, i);
      GListModel  *codings = kts_document_get_codings (document);

      for (guint j = 0; j < g_list_model_get_n_items (codings); j++)
        {
          KtsCoding *coding = document_coding (document, j);
          KtsCoder  *coder = kts_coding_get_coder (coding);

          g_ptr_array_add (
              lines,
              g_strdup_printf (
                  "%s|%u|%u|%s|%s|%d|%s", kts_document_get_title (document),
                  kts_coding_get_start (coding), kts_coding_get_end (coding),
                  kts_item_get_guid (KTS_ITEM (kts_coding_get_code (coding))),
                  coder != NULL ? kts_coder_get_name (coder) : "-", kts_coding_get_actor (coding),
                  kts_coding_get_memo (coding) != NULL ? kts_coding_get_memo (coding) : "-"));
        }
    }
  return lines;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* The records of @csv, each joined with U+001F, sorted. */
static GPtrArray *
sorted_rows (GString *csv)
{
  g_autoptr (GPtrArray) records = read_all (csv->str, csv->len, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (rows, g_strjoinv ("\x1f", g_ptr_array_index (records, i)));
  g_ptr_array_sort (rows, compare_strings);
  return rows;
}

static void
test_round_trip (void)
{
  g_autoptr (KtsProject) project = make_project ();
  g_autoptr (KtsProject) copy = make_project ();
  KtsCoder *ada = kts_project_find_coder (project, "Ada");
  g_autoptr (KtsCoder) ben = kts_coder_new ("cccccccc-0000-4000-8000-000000000002", "Ben “B”, jr.");
  g_autoptr (GString) csv = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  guint      emoji = offset_of (doc1_text, "😴");
  KtsCoding *coding;

  g_assert_true (kts_project_add_coder (project, ben, &error));
  g_assert_no_error (error);
  apply (project, 0, emoji, emoji + 1, SILENCE1_GUID, ben, KTS_ACTOR_CLIENT);
  apply (project, 0, emoji, emoji + 1, SILENCE2_GUID, ada, KTS_ACTOR_UNSET);
  coding = apply (project, 0, 0, length_of (doc1_text), NOKEY_GUID, NULL, KTS_ACTOR_DYAD);
  kts_project_set_string (project, coding, "memo", "whole, \"document\"\r\nwith CRLF");
  apply (project, 1, 0, length_of (doc2_text), WITHDRAWAL_GUID, ada, KTS_ACTOR_THIRD);
  apply (project, 1, 5, 6, CONFRONT_GUID, ben, KTS_ACTOR_THERAPIST);

  csv = kts_codings_export_csv (project, NULL, NULL);
  g_assert_cmpint (kts_codings_import_csv (copy, csv->str, csv->len, &error), ==, 5);
  g_assert_no_error (error);

  before = describe_codings (project);
  after = describe_codings (copy);
  g_ptr_array_sort (before, compare_strings);
  g_ptr_array_sort (after, compare_strings);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (before, i), ==, g_ptr_array_index (after, i));

  /* Exporting the copy gives the same rows; codings with the same range are
   * ordered by their guids, which are new, so compare the rows as sets. */
  {
    g_autoptr (GString) again = kts_codings_export_csv (copy, NULL, NULL);
    g_autoptr (GPtrArray) rows = sorted_rows (csv);
    g_autoptr (GPtrArray) rows_again = sorted_rows (again);

    g_assert_cmpuint (rows->len, ==, 6);
    g_assert_cmpuint (rows_again->len, ==, rows->len);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (g_ptr_array_index (rows_again, i), ==, g_ptr_array_index (rows, i));
  }
}

static void
test_export_large (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (KtsDocument) document = NULL;
  g_autoptr (KtsCode) code = kts_code_new ("aaaaaaaa-0000-4000-8000-000000000007", "Theme");
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = NULL;
  g_autoptr (GTimer) timer = NULL;
  const guint n_codings = 50000;
  double      seconds;

  for (guint i = 0; i < n_codings; i++)
    g_string_append_printf (text, "%s: Zeile %u — ünïcödé 😀.\n", i % 2 ? "C" : "T", i);
  document = kts_document_new ("33333333-3333-4333-8333-333333333333", "Long", text->str);
  g_assert_true (kts_project_add_document (project, document, -1, &error));
  g_assert_true (kts_project_add_code (project, code, NULL, -1, &error));
  g_assert_no_error (error);

  kts_project_begin_group (project, "many");
  for (guint i = 0; i < n_codings; i++)
    {
      guint start = i * 10;

      g_assert_nonnull (kts_project_apply_code (project, document, start, start + 8, code, NULL,
                                                KTS_ACTOR_UNSET, &error));
    }
  kts_project_end_group (project);

  timer = g_timer_new ();
  csv = kts_codings_export_csv (project, NULL, NULL);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("exported %u codings in %.3f s", n_codings, seconds);
  g_assert_cmpfloat (seconds, <, 5.0);
  g_assert_cmpuint (csv->len, >, n_codings * 30);

  /* And the import of that many rows into a fresh project. */
  {
    g_autoptr (KtsProject) copy = kts_project_new ();
    g_autoptr (KtsDocument) copy_document
        = kts_document_new (kts_item_get_guid (KTS_ITEM (document)), "Long", text->str);
    g_autoptr (KtsCode) copy_code = kts_code_new (kts_item_get_guid (KTS_ITEM (code)), "Theme");

    g_assert_true (kts_project_add_document (copy, copy_document, -1, &error));
    g_assert_true (kts_project_add_code (copy, copy_code, NULL, -1, &error));
    g_timer_start (timer);
    g_assert_cmpint (kts_codings_import_csv (copy, csv->str, csv->len, &error), ==, n_codings);
    g_assert_no_error (error);
    g_test_message ("imported %u codings in %.3f s", n_codings, g_timer_elapsed (timer, NULL));
    g_assert_cmpuint (kts_project_get_n_codings (copy), ==, n_codings);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/reader/simple", test_reader_simple);
  g_test_add_func ("/csv/reader/quoted", test_reader_quoted);
  g_test_add_func ("/csv/reader/bom-and-line-ends", test_reader_bom_and_line_ends);
  g_test_add_func ("/csv/reader/errors", test_reader_errors);
  g_test_add_func ("/csv/writer", test_writer);
  g_test_add_func ("/csv/import/resolves", test_import_resolves);
  g_test_add_func ("/csv/import/all-or-nothing", test_import_all_or_nothing);
  g_test_add_func ("/csv/import/errors", test_import_errors);
  g_test_add_func ("/csv/import/twice", test_import_twice);
  g_test_add_func ("/csv/export/columns", test_export);
  g_test_add_func ("/csv/export/filter", test_export_filter);
  g_test_add_func ("/csv/export/round-trip", test_round_trip);
  g_test_add_func ("/csv/export/large", test_export_large);

  return g_test_run ();
}
