/* test-import-office.c: tests of .docx and .odt transcript import and of safe zip reading.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kts-archive.h"
#include "kts-error.h"
#include "kts-import-private.h"
#include "kts-import.h"

/* --- helpers ------------------------------------------------------------------- */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", "office", name, NULL);
}

static KtsImportResult *
import_fixture (const char *name, GError **error)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return kts_import_transcript (file, NULL, NULL, 0, error);
}

static KtsImportResult *
import_bytes (GBytes *bytes, const char *name, GError **error)
{
  return kts_import_transcript_bytes (bytes, name, NULL, NULL, 0, error);
}

typedef struct
{
  const char *label; /* NULL: no speaker */
  KtsRole     role;
  const char *text;
  gint64      timestamp_ms;
} ExpectTurn;

#define NO_TS ((gint64)-1)

static void
assert_turns (KtsDocument *doc, const ExpectTurn *expect, guint n_expect)
{
  for (guint i = 0; i < kts_document_get_n_turns (doc); i++)
    {
      const KtsTurn   *turn = kts_document_get_turn (doc, i);
      g_autofree char *got = kts_document_dup_slice (doc, turn->start, turn->end);

      g_test_message ("turn %u: speaker %d ts %" G_GINT64_FORMAT " “%s”", i, turn->speaker,
                      turn->timestamp_ms, got);
    }
  g_assert_cmpuint (kts_document_get_n_turns (doc), ==, n_expect);

  for (guint i = 0; i < n_expect; i++)
    {
      const KtsTurn   *turn = kts_document_get_turn (doc, i);
      g_autofree char *got = kts_document_dup_slice (doc, turn->start, turn->end);

      g_assert_cmpstr (got, ==, expect[i].text);
      g_assert_cmpint (turn->timestamp_ms, ==, expect[i].timestamp_ms);
      if (expect[i].label == NULL)
        g_assert_cmpint (turn->speaker, ==, -1);
      else
        {
          const KtsSpeaker *speaker;

          g_assert_cmpint (turn->speaker, >=, 0);
          speaker = kts_document_get_speaker (doc, (guint)turn->speaker);
          g_assert_cmpstr (speaker->label, ==, expect[i].label);
          g_assert_cmpint (speaker->role, ==, expect[i].role);
        }
    }
}

/* Asserts that the warnings are exactly @expected, in order. */
static void
assert_warnings (KtsImportResult *result, const char *const *expected, guint n_expected)
{
  for (guint i = 0; i < result->warnings->len; i++)
    g_test_message ("warning: %s", (const char *)g_ptr_array_index (result->warnings, i));
  g_assert_cmpuint (result->warnings->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpstr (g_ptr_array_index (result->warnings, i), ==, expected[i]);
}

static void
assert_absent (const char *text, const char *const *words, guint n_words)
{
  for (guint i = 0; i < n_words; i++)
    if (strstr (text, words[i]) != NULL)
      g_error ("“%s” should not be in the imported text:\n%s", words[i], text);
}

/* Everything that must never reach the transcript in the fixtures. */
static const char *const left_out[] = {
  "HEADER-TEXT",   "FOOTER-TEXT", "COMMENT-TEXT", "FOOTNOTE-TEXT",   "DELETED-WORDS",
  "ALSO-DELETED",  "DELETED-ROW", "MOVED-AWAY",   "TEXTBOX-TEXT",    "HIDDEN-TEXT",
  "DELETED-RANGE", "NOT-HERE",    "IMAGE-TITLE",  "SOURCE-TEMPLATE", "DATE \\@",
  "MERGEFORMAT",   "PAGE",        "Analyst",
};

/* A zip archive in memory, written with libarchive. */
typedef struct
{
  const char *path;
  const void *data;
  gsize       size;
} ZipEntry;

static la_ssize_t
zip_write_cb (struct archive *a, void *data, const void *buffer, size_t length)
{
  g_byte_array_append (data, buffer, (guint)length);
  return (la_ssize_t)length;
}

static GBytes *
make_zip (const ZipEntry *entries, guint n_entries, gboolean deflate)
{
  GByteArray     *out = g_byte_array_new ();
  struct archive *a = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (
      archive_write_set_options (a, deflate ? "zip:compression=deflate" : "zip:compression=store"),
      ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open (a, out, NULL, zip_write_cb, NULL), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, entries[i].path);
      archive_entry_set_size (entry, (la_int64_t)entries[i].size);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, entries[i].data, entries[i].size), ==,
                       (la_ssize_t)entries[i].size);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_byte_array_free_to_bytes (out);
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* A minimal .docx whose body is @body (w:p elements). */
static GBytes *
make_docx (const char *body)
{
  g_autofree char *document
      = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                         "<w:document xmlns:w=\"" W_NS "\"><w:body>%s</w:body></w:document>",
                         body);
  ZipEntry entries[] = {
    { "word/document.xml", document, strlen (document) },
  };

  return make_zip (entries, G_N_ELEMENTS (entries), TRUE);
}

#define ODF_NS                                                                                     \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                             \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""

static GBytes *
make_odt (const char *body)
{
  g_autofree char *content
      = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<office:document-content " ODF_NS "><office:body><office:text>%s"
                         "</office:text></office:body></office:document-content>",
                         body);
  const char *mimetype = "application/vnd.oasis.opendocument.text";
  ZipEntry    entries[] = {
       { "mimetype", mimetype, strlen (mimetype) },
       { "content.xml", content, strlen (content) },
  };

  return make_zip (entries, G_N_ELEMENTS (entries), TRUE);
}

static char *
import_text (GBytes *bytes, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_bytes (bytes, name, &error);

  g_assert_no_error (error);
  return g_strdup (kts_document_get_text (result->document));
}

/* --- LibreOffice fixtures -------------------------------------------------------- */

static const char lo_session_text[] = "Sitzung 4 – Transkript (pseudonymisiert)\n"
                                      "Grüße aus Köln 😀 – „Ünïcödé“\n"
                                      "[00:00:05] T: Wie geht’s Ihnen heute?\n"
                                      "[00:00:12] C: Ehrlich gesagt … nicht so gut.\n"
                                      "Die Woche war schwer.\n"
                                      "[00:00:30] T: Ein\tTab und drei   Leerzeichen.\n"
                                      "[00:00:41] C: Ich habe wirklich keine Lust, darüber zu "
                                      "reden.\n"
                                      "T: Erster Punkt als Aufzählung.\n"
                                      "C: Zweiter Punkt.\n"
                                      "T: Nummeriert eins.\n"
                                      "C: Nummeriert zwei.\n"
                                      "T: Eine Fußnote hier.\n"
                                      "C: Selbstkritik und Ich-Bezug.\n";

static void
check_lo_session (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_fixture (name, &error);
  g_autofree char *w_deletions = g_strdup_printf (
      "%s: 2 tracked deletions were left out (the text reads as if all changes were accepted).",
      name);
  g_autofree char *w_comments = g_strdup_printf ("%s: 1 comment was not imported.", name);
  g_autofree char *w_notes = g_strdup_printf ("%s: 1 footnote or endnote was not imported.", name);
  g_autofree char *w_headers = g_strdup_printf ("%s: headers and footers were not imported.", name);
  const char *const warnings[] = { w_deletions, w_comments, w_notes, w_headers };
  const ExpectTurn  turns[] = {
     { NULL, KTS_ROLE_OTHER,
       "Sitzung 4 – Transkript (pseudonymisiert)\nGrüße aus Köln 😀 – „Ünïcödé“", NO_TS },
     { "T", KTS_ROLE_THERAPIST, "[00:00:05] T: Wie geht’s Ihnen heute?", 5000 },
     { "C", KTS_ROLE_CLIENT, "[00:00:12] C: Ehrlich gesagt … nicht so gut.\nDie Woche war schwer.",
       12000 },
     { "T", KTS_ROLE_THERAPIST, "[00:00:30] T: Ein\tTab und drei   Leerzeichen.", 30000 },
     { "C", KTS_ROLE_CLIENT, "[00:00:41] C: Ich habe wirklich keine Lust, darüber zu reden.",
       41000 },
     { "T", KTS_ROLE_THERAPIST, "T: Erster Punkt als Aufzählung.", NO_TS },
     { "C", KTS_ROLE_CLIENT, "C: Zweiter Punkt.", NO_TS },
     { "T", KTS_ROLE_THERAPIST, "T: Nummeriert eins.", NO_TS },
     { "C", KTS_ROLE_CLIENT, "C: Nummeriert zwei.", NO_TS },
     { "T", KTS_ROLE_THERAPIST, "T: Eine Fußnote hier.", NO_TS },
     { "C", KTS_ROLE_CLIENT, "C: Selbstkritik und Ich-Bezug.", NO_TS },
  };
  KtsDocument *doc;

  g_assert_no_error (error);
  doc = result->document;
  g_assert_cmpstr (kts_document_get_text (doc), ==, lo_session_text);
  g_assert_cmpint (result->encoding, ==, KTS_TEXT_ENCODING_UTF8);
  g_assert_cmpstr (kts_document_get_title (doc), ==, "lo-session");
  g_assert_cmpstr (kts_document_get_source_name (doc), ==, name);
  assert_warnings (result, warnings, G_N_ELEMENTS (warnings));
  assert_absent (kts_document_get_text (doc), left_out, G_N_ELEMENTS (left_out));

  assert_turns (doc, turns, G_N_ELEMENTS (turns));
  g_assert_cmpuint (kts_document_get_n_speakers (doc), ==, 2);
  /* Offsets count code points: the emoji before the first turn is one. */
  g_assert_cmpuint (kts_document_get_turn (doc, 1)->start, ==,
                    g_utf8_strlen ("Sitzung 4 – Transkript (pseudonymisiert)\n"
                                   "Grüße aus Köln 😀 – „Ünïcödé“\n",
                                   -1));
}

static void
test_lo_session_docx (void)
{
  check_lo_session ("lo-session.docx");
}

static void
test_lo_session_odt (void)
{
  check_lo_session ("lo-session.odt");
}

static void
check_lo_table (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_fixture (name, &error);
  const ExpectTurn turns[] = {
    { NULL, KTS_ROLE_OTHER, "Interview 2 (table transcript)\nSpeaker: Utterance", NO_TS },
    { "Interviewer", KTS_ROLE_INTERVIEWER, "Interviewer: How was the last session?", NO_TS },
    { "Anna", KTS_ROLE_OTHER, "Anna: Difficult.\nI didn’t say much.", NO_TS },
    { "Interviewer", KTS_ROLE_INTERVIEWER, "Interviewer: Why?", NO_TS },
    { "Anna", KTS_ROLE_OTHER, "Anna: She wasn’t listening. 😶\nSecond part, with times:", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "00:10:02\tT: Let’s go back to that.", 602000 },
    { "C", KTS_ROLE_CLIENT, "00:10:15\tC: Okay.", 615000 },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_text (result->document), ==,
                   "Interview 2 (table transcript)\n"
                   "Speaker: Utterance\n"
                   "Interviewer: How was the last session?\n"
                   "Anna: Difficult.\n"
                   "I didn’t say much.\n"
                   "Interviewer: Why?\n"
                   "Anna: She wasn’t listening. 😶\n"
                   "Second part, with times:\n"
                   "00:10:02\tT: Let’s go back to that.\n"
                   "00:10:15\tC: Okay.\n"
                   "\n");
  assert_warnings (result, NULL, 0);
  assert_turns (result->document, turns, G_N_ELEMENTS (turns));
  g_assert_cmpuint (kts_document_get_n_speakers (result->document), ==, 4);
}

static void
test_lo_table_docx (void)
{
  check_lo_table ("lo-table.docx");
}

static void
test_lo_table_odt (void)
{
  check_lo_table ("lo-table.odt");
}

/* --- Word-like fixtures ---------------------------------------------------------- */

static void
test_word_features (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_fixture ("word-features.docx", &error);
  const char *const warnings[] = {
    "word-features.docx: 3 tracked deletions were left out (the text reads as if all changes "
    "were accepted).",
    "word-features.docx: 1 comment was not imported.",
    "word-features.docx: 1 footnote or endnote was not imported.",
    "word-features.docx: headers and footers were not imported.",
    "word-features.docx: the text of 1 text box was not imported.",
    "word-features.docx: text formatted as hidden was left out.",
    "word-features.docx: 1 symbol from a symbol font could not be converted and was replaced "
    "with “�”.",
  };
  const ExpectTurn turns[] = {
    { NULL, KTS_ROLE_OTHER, "Session 7 – Transcript (Ünïcödé 😀)", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "[00:00:03] T: Good morning, how are you?", 3000 },
    { "C", KTS_ROLE_CLIENT, "[00:00:09] C: Not so good.", 9000 },
    { "T", KTS_ROLE_THERAPIST, "T: Well…\tI see.\nGo on.", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: Symbols ☺ α �", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: self-critical, hyperactive", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: I really think so.", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: This line continues here.", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: Moved here.", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: Page 3", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: Date: 12.03.2024", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: Inside a content control.", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: My name is Anna.", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: A remark.", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: See the note.", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: Before the box and after.", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: Visible again text.", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: Link here in Berlin.\nSpeaker: Text", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: In a table.", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: Two\nparagraphs.", NO_TS },
    { "T", KTS_ROLE_THERAPIST, "T: The end.", NO_TS },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_text (result->document), ==,
                   "Session 7 – Transcript (Ünïcödé 😀)\n"
                   "[00:00:03] T: Good morning, how are you?\n"
                   "[00:00:09] C: Not so good.\n"
                   "T: Well…\tI see.\nGo on.\n"
                   "C: Symbols ☺ α �\n"
                   "T: self-critical, hyperactive\n"
                   "C: I really think so.\n"
                   "T: This line continues here.\n"
                   "C: Moved here.\n"
                   "T: Page 3\n"
                   "C: Date: 12.03.2024\n"
                   "T: Inside a content control.\n"
                   "C: My name is Anna.\n"
                   "T: A remark.\n"
                   "C: See the note.\n"
                   "T: Before the box and after.\n"
                   "C: Visible again text.\n"
                   "T: Link here in Berlin.\n"
                   "Speaker: Text\n"
                   "T: In a table.\n"
                   "C: Two\nparagraphs.\n"
                   "\n"
                   "T: The end.\n");
  assert_warnings (result, warnings, G_N_ELEMENTS (warnings));
  assert_absent (kts_document_get_text (result->document), left_out, G_N_ELEMENTS (left_out));
  assert_turns (result->document, turns, G_N_ELEMENTS (turns));
}

static void
test_word_relocated (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_fixture ("word-relocated.docx", &error);
  const ExpectTurn turns[] = {
    { "T", KTS_ROLE_THERAPIST, "T: Hello.", NO_TS },
    { "C", KTS_ROLE_CLIENT, "C: Hi.", NO_TS },
  };

  /* The main part is found through _rels/.rels; its empty headers give no
   * warning, and comments.xml alone (no reference in the text) none either. */
  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_text (result->document), ==, "T: Hello.\nC: Hi.\n");
  assert_warnings (result, NULL, 0);
  assert_turns (result->document, turns, G_N_ELEMENTS (turns));
}

static void
test_odt_features (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_fixture ("odt-features.odt", &error);
  const char *const warnings[] = {
    "odt-features.odt: 1 tracked deletion was left out (the text reads as if all changes were "
    "accepted).",
    "odt-features.odt: the text of 1 text box was not imported.",
  };

  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_text (result->document), ==,
                   "Contents: Session 9\n"
                   "Session 9\n"
                   "T: Spaces are collapsed,    kept.\n"
                   "  C: Leading spaces kept.\n"
                   "T: One two.\n"
                   "C: Look here.\n"
                   "T: A list header.\n"
                   "C: A nested span and a link.\n"
                   "T: Merged cells.\n"
                   "C: Nested:\nx: y\n"
                   "T: Hidden no more.\n");
  assert_warnings (result, warnings, G_N_ELEMENTS (warnings));
  assert_absent (kts_document_get_text (result->document), left_out, G_N_ELEMENTS (left_out));
  g_assert_cmpuint (kts_document_get_n_turns (result->document), ==, 10);
  g_assert_cmpuint (kts_document_get_n_speakers (result->document), ==, 2);
}

/* --- details, on documents made here ------------------------------------------- */

static void
test_docx_runs (void)
{
  struct
  {
    const char *body;
    const char *text;
  } cases[] = {
    /* Runs join without spaces; xml:space decides about white space. */
    { "<w:p><w:r><w:t>T: wo</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>rd</w:t></w:r></w:p>",
      "T: word\n" },
    { "<w:p><w:r><w:t xml:space=\"preserve\">T:  a </w:t><w:t> b </w:t><w:t>c</w:t></w:r></w:p>",
      "T:  a bc\n" },
    /* A line break in w:t is white space, not a new line. */
    { "<w:p><w:r><w:t xml:space=\"preserve\">T: one\ntwo</w:t></w:r></w:p>", "T: one two\n" },
    /* Tab stops in paragraph properties are not tabs. */
    { "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
      "<w:r><w:t>T:</w:t><w:tab/><w:t>x</w:t></w:r></w:p>",
      "T:\tx\n" },
    /* Nested fields: only the outer result shows. */
    { "<w:p><w:r><w:t xml:space=\"preserve\">T: </w:t><w:fldChar w:fldCharType=\"begin\"/>"
      "<w:instrText>IF </w:instrText><w:fldChar w:fldCharType=\"begin\"/>"
      "<w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType=\"separate\"/><w:t>1</w:t>"
      "<w:fldChar w:fldCharType=\"end\"/><w:instrText> = 1 \"yes\"</w:instrText>"
      "<w:fldChar w:fldCharType=\"separate\"/><w:t>yes</w:t><w:fldChar w:fldCharType=\"end\"/>"
      "<w:t>.</w:t></w:r></w:p>",
      "T: yes.\n" },
    /* Page and column breaks are line breaks too. */
    { "<w:p><w:r><w:br w:type=\"page\"/><w:t>T: after</w:t></w:r></w:p>", "\nT: after\n" },
    /* Symbols in a normal font are the character itself. */
    { "<w:p><w:r><w:sym w:font=\"Arial\" w:char=\"00E9\"/><w:sym w:font=\"Symbol\" "
      "w:char=\"F0B3\"/></w:r></w:p>",
      "é≥\n" },
    /* A comment's anchor range keeps its text. */
    { "<w:p><w:commentRangeStart w:id=\"1\"/><w:r><w:t>T: kept</w:t></w:r>"
      "<w:commentRangeEnd w:id=\"1\"/></w:p>",
      "T: kept\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) docx = make_docx (cases[i].body);
      g_autofree char *text = import_text (docx, "case.docx");

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_odt_spaces (void)
{
  struct
  {
    const char *body;
    const char *text;
  } cases[] = {
    { "<text:p>T: a<text:span>  </text:span> b </text:p>", "T: a b\n" },
    { "<text:p>T:<text:tab/> x<text:line-break/> y</text:p>", "T:\t x\n y\n" },
    /* text:c is clamped, so a few bytes cannot make gigabytes. */
    { "<text:p>T:<text:s text:c=\"99999999999\"/>x</text:p>", NULL },
    { "<text:h>T: heading</text:h><text:p/><text:p>C: p</text:p>", "T: heading\n\nC: p\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) odt = make_odt (cases[i].body);
      g_autofree char *text = import_text (odt, "case.odt");

      if (cases[i].text != NULL)
        g_assert_cmpstr (text, ==, cases[i].text);
      else
        {
          g_assert_cmpuint (strlen (text), ==, strlen ("T:x\n") + 1000);
          g_assert_true (g_str_has_suffix (text, " x\n"));
        }
    }
}

static void
test_table_rows (void)
{
  struct
  {
    const char *cells[4];
    const char *line;
  } cases[] = {
    { { "T", "Hello." }, "T: Hello.\n" },
    { { "Therapist:", "Hello." }, "Therapist: Hello.\n" },
    { { "00:01:02", "T", "Hello." }, "00:01:02\tT: Hello.\n" },
    { { "T", "Hello.", "", "" }, "T: Hello.\n" },
    /* Not labels: a number, a long cell, text with a colon inside. */
    { { "12", "Hello." }, "12\tHello.\n" },
    { { "A cell that is much too long to be a speaker label", "x" },
      "A cell that is much too long to be a speaker label\tx\n" },
    { { "a:b", "x" }, "a:b\tx\n" },
    { { "T", "" }, "T\n" },
    { { "", "" }, "" },
    { { "Only one cell" }, "Only one cell\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KtsOfficeText    text;
      g_autofree char *out = NULL;

      _kts_office_text_init (&text, 16);
      _kts_office_text_table_start (&text);
      _kts_office_text_row_start (&text);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].cells) && cases[i].cells[j] != NULL; j++)
        {
          _kts_office_text_cell_start (&text);
          _kts_office_text_append (&text, " ", 1, FALSE);
          _kts_office_text_append (&text, cases[i].cells[j], strlen (cases[i].cells[j]), FALSE);
          _kts_office_text_append_c (&text, '\n');
          _kts_office_text_cell_end (&text);
        }
      _kts_office_text_row_end (&text, FALSE);
      /* A deleted row leaves nothing. */
      _kts_office_text_row_start (&text);
      _kts_office_text_cell_start (&text);
      _kts_office_text_append (&text, "gone", 4, FALSE);
      _kts_office_text_cell_end (&text);
      _kts_office_text_row_end (&text, TRUE);
      _kts_office_text_table_end (&text);
      out = _kts_office_text_steal (&text);
      g_assert_cmpstr (out, ==, cases[i].line);
      _kts_office_text_clear (&text);
    }
}

static void
test_text_limit (void)
{
  KtsOfficeText    text;
  g_autofree char *out = NULL;

  _kts_office_text_init (&text, 16);
  text.max_size = 10;
  _kts_office_text_append (&text, "12345", 5, FALSE);
  _kts_office_text_append_spaces (&text, 5);
  g_assert_true (_kts_office_text_check_size (&text, "big.docx", NULL));
  _kts_office_text_append_c (&text, 'x');
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (_kts_office_text_check_size (&text, "big.docx", &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
    g_assert_true (g_str_has_prefix (error->message, "big.docx: "));
  }

  /* Soft hyphens go; non-breaking hyphens become '-'. */
  _kts_office_text_append (&text,
                           "a\xC2\xAD"
                           "b\xE2\x80\x91"
                           "c\nd",
                           10, TRUE);
  out = _kts_office_text_steal (&text);
  g_assert_cmpstr (out, ==, "12345     xab-c d");
  _kts_office_text_clear (&text);
}

/* --- hostile and broken files ----------------------------------------------------- */

typedef struct
{
  const char *file;
  int         code;
  const char *in_message;
} ExpectFailure;

static const ExpectFailure failures[] = {
  { "bomb.docx", KTS_ERROR_TOO_LARGE, "possible zip bomb" },
  { "traversal-dotdot.docx", KTS_ERROR_UNSAFE, "“../../evil.txt”, which points outside" },
  { "traversal-absolute.docx", KTS_ERROR_UNSAFE, "“/tmp/evil.txt”, which points outside" },
  { "traversal-backslash.docx", KTS_ERROR_UNSAFE, "evil.txt”, which points outside" },
  { "doctype.docx", KTS_ERROR_UNSAFE, "“word/document.xml” contains a document type declaration" },
  { "doctype-utf16.docx", KTS_ERROR_UNSAFE, "document type declaration (DOCTYPE)" },
  { "many-entries.docx", KTS_ERROR_TOO_LARGE, "more than 10000 entries" },
  { "encrypted-entry.docx", KTS_ERROR_INVALID_FILE,
    "password-protected (its part “word/document.xml” is encrypted)" },
  { "not-a-zip.docx", KTS_ERROR_PARSE, "is not a Word document (.docx): it is not a zip archive" },
  { "ole-encrypted.docx", KTS_ERROR_PARSE,
    "is encrypted (password-protected) or is not a Word document (.docx)" },
  { "no-document.docx", KTS_ERROR_INVALID_FILE, "without “word/document.xml”" },
  { "malformed.docx", KTS_ERROR_PARSE, "“word/document.xml” is not well-formed XML (line 3:" },
  { "truncated.docx", KTS_ERROR_PARSE, "damaged" },
  { "duplicate.docx", KTS_ERROR_UNSAFE, "two entries named “word/document.xml”" },
  { "odt-doctype.odt", KTS_ERROR_UNSAFE, "“content.xml” contains a document type declaration" },
  { "odt-encrypted.odt", KTS_ERROR_INVALID_FILE, "is password-protected (encrypted)" },
  { "odt-spreadsheet.odt", KTS_ERROR_INVALID_FILE,
    "not a text document (it is “application/vnd.oasis.opendocument.spreadsheet”)" },
  { "odt-no-content.odt", KTS_ERROR_INVALID_FILE, "without “content.xml”" },
};

static void
assert_fails (KtsImportResult *result, GError *error, const ExpectFailure *expect)
{
  g_assert_null (result);
  g_assert_error (error, KTS_ERROR, expect->code);
  if (!g_str_has_prefix (error->message, expect->file))
    g_error ("the message does not start with the file name %s: “%s”", expect->file,
             error->message);
  if (strstr (error->message, expect->in_message) == NULL)
    g_error ("“%s” not in the message “%s”", expect->in_message, error->message);
}

static void
test_hostile_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KtsImportResult) result = NULL;

      g_test_message ("%s", failures[i].file);
      result = import_fixture (failures[i].file, &error);
      assert_fails (result, error, &failures[i]);
    }
}

static void
test_hostile_bytes (void)
{
  const ExpectFailure short_zip = { "x.docx", KTS_ERROR_PARSE, "damaged" };
  const ExpectFailure odt_not_zip
      = { "x.odt", KTS_ERROR_PARSE, "is not an OpenDocument text (.odt): it is not a zip" };
  const ExpectFailure upper = { "X.DOCX", KTS_ERROR_PARSE, "not a zip archive" };
  g_autoptr (GBytes) pk = g_bytes_new_static ("PK\x03\x04", 4);
  g_autoptr (GBytes) text = g_bytes_new_static ("T: Hello.\n", 10);
  g_autoptr (GError) error = NULL;
  KtsImportResult *result;

  result = import_bytes (pk, "x.docx", &error);
  assert_fails (result, error, &short_zip);
  g_clear_error (&error);
  result = import_bytes (text, "x.odt", &error);
  assert_fails (result, error, &odt_not_zip);
  g_clear_error (&error);
  /* The extension is matched without case. */
  result = import_bytes (text, "X.DOCX", &error);
  assert_fails (result, error, &upper);
  g_clear_error (&error);
}

/* Headers are parsed only to warn about them: a damaged header does not
 * stop the import, but one with a DOCTYPE is refused like the document. */
static void
test_docx_bad_headers (void)
{
  const char    *document = "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>T: Hi."
                            "</w:t></w:r></w:p></w:body></w:document>";
  const char    *broken = "<w:hdr xmlns:w=\"" W_NS "\"><w:p>";
  const char    *doctype = "<!DOCTYPE w:hdr [<!ENTITY e \"x\">]><w:hdr xmlns:w=\"" W_NS "\"/>";
  const ZipEntry damaged_entries[] = {
    { "word/header1.xml", broken, strlen (broken) },
    { "word/document.xml", document, strlen (document) },
  };
  const ZipEntry unsafe_entries[] = {
    { "word/document.xml", document, strlen (document) },
    { "word/footer2.xml", doctype, strlen (doctype) },
  };
  g_autoptr (GBytes) damaged = make_zip (damaged_entries, 2, TRUE);
  g_autoptr (GBytes) unsafe = make_zip (unsafe_entries, 2, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_bytes (damaged, "h.docx", &error);
  KtsImportResult *refused;

  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_text (result->document), ==, "T: Hi.\n");
  assert_warnings (result, NULL, 0);

  refused = import_bytes (unsafe, "f.docx", &error);
  g_assert_null (refused);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "f.docx: its part “word/footer2.xml” contains a "
                                            "document type declaration"));
}

/* Empty text in a well-formed document is refused like an empty .txt. */
static void
test_empty_document (void)
{
  g_autoptr (GBytes) docx = make_docx ("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = import_bytes (docx, "empty.docx", &error);

  g_assert_null (result);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.docx"));
}

/* Importing, even hostile files, writes nothing: not in the current folder,
 * not in TMPDIR. */
static void
test_nothing_written (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kts-office-XXXXXX", &error);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *old_tmpdir = g_strdup (g_getenv ("TMPDIR"));
  const char      *good[]
      = { "lo-session.docx", "lo-session.odt", "word-features.docx", "odt-features.odt" };
  GDir *listing;

  g_assert_no_error (error);
  g_assert_cmpint (g_chdir (dir), ==, 0);
  g_setenv ("TMPDIR", dir, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr (KtsImportResult) result = import_fixture (failures[i].file, &error);

      g_assert_null (result);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (KtsImportResult) result = import_fixture (good[i], &error);

      g_assert_no_error (error);
    }

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (listing));
  g_dir_close (listing);

  if (old_tmpdir != NULL)
    g_setenv ("TMPDIR", old_tmpdir, TRUE);
  else
    g_unsetenv ("TMPDIR");
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* --- the archive reader ------------------------------------------------------------ */

static void
test_archive_paths (void)
{
  const char *safe[] = { "word/document.xml",  "a", "a/b/c", "..a/b", "a/..b", "a/b..", "./a",
                         "[Content_Types].xml" };
  const char *unsafe[]
      = { "", "/etc/passwd", "../a", "a/../../b", "a/..", "..", "a\\b", "C:/x", "c:x" };

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    g_assert_true (kts_archive_path_is_safe (safe[i]));
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    g_assert_false (kts_archive_path_is_safe (unsafe[i]));
}

static void
test_archive_read (void)
{
  const ZipEntry entries[] = {
    { "mimetype", "text", 4 },
    { "Word/Document.xml", "<doc/>", 6 },
    { "empty", "", 0 },
  };
  g_autoptr (GBytes) zip = make_zip (entries, G_N_ELEMENTS (entries), TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsArchive) archive = kts_archive_new (zip, "x.zip", NULL, &error);
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GBytes) one = NULL;
  const guint indexes[] = { 2, 1, 1 };

  g_assert_no_error (error);
  g_assert_cmpuint (kts_archive_get_n_entries (archive), ==, 3);
  g_assert_cmpstr (kts_archive_get_path (archive, 1), ==, "Word/Document.xml");
  g_assert_cmpint (kts_archive_lookup (archive, "word/document.xml"), ==, 1);
  g_assert_cmpint (kts_archive_lookup (archive, "word/document"), ==, -1);

  parts = kts_archive_read_entries (archive, indexes, G_N_ELEMENTS (indexes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 3);
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (parts, 0)), ==, 0);
  g_assert_cmpmem (g_bytes_get_data (g_ptr_array_index (parts, 1), NULL), 6, "<doc/>", 6);
  g_assert_true (g_bytes_equal (g_ptr_array_index (parts, 1), g_ptr_array_index (parts, 2)));

  one = kts_archive_read_entry (archive, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (one, NULL), g_bytes_get_size (one), "text", 4);
}

static void
test_archive_limits (void)
{
  g_autofree char *zeros = g_malloc0 (3 * 1024 * 1024);
  g_autofree char *noise = g_malloc (64 * 1024);
  const ZipEntry   entries[] = {
      { "zeros", zeros, 3 * 1024 * 1024 },
      { "noise", noise, 64 * 1024 },
      { "noise2", noise, 64 * 1024 },
  };
  g_autoptr (GBytes) zip = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  KtsArchiveLimits limits;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 64 * 1024; i++)
    noise[i] = (char)g_rand_int_range (rand, 0, 256);
  zip = make_zip (entries, G_N_ELEMENTS (entries), TRUE);

  /* Defaults: the zeros expand about a thousand times: a bomb. */
  {
    g_autoptr (KtsArchive) archive = kts_archive_new (zip, "z.zip", NULL, &error);
    g_autoptr (GBytes) data = NULL;

    g_assert_no_error (error);
    data = kts_archive_read_entry (archive, 0, &error);
    g_assert_null (data);
    g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "“zeros” expands to more than 200 times"));
    g_clear_error (&error);

    /* Random bytes do not compress: fine. */
    data = kts_archive_read_entry (archive, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (data), ==, 64 * 1024);
  }

  /* Text that compresses well (but not like a bomb), among other entries,
   * is read: each entry's own compressed size counts, not its neighbours'. */
  {
    g_autoptr (GString) words = g_string_new (NULL);
    g_autoptr (GBytes) text_zip = NULL;
    g_autoptr (KtsArchive) archive = NULL;
    g_autoptr (GBytes) data = NULL;
    const char *vocabulary[] = { "T:",    "C:", "I",     "don’t", "know", "what",  "to", "say",
                                 "maybe", "we", "could", "go",    "back", "Grüße", "\n" };
    ZipEntry    text_entries[] = {
         { "a", "x", 1 },
         { "b", noise, 4096 },
         { "text", NULL, 0 },
         { "c", "y", 1 },
    };

    while (words->len < 2 * 1024 * 1024)
      {
        g_string_append (words, vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
        g_string_append_c (words, ' ');
      }
    text_entries[2].data = words->str;
    text_entries[2].size = words->len;
    text_zip = make_zip (text_entries, G_N_ELEMENTS (text_entries), TRUE);
    archive = kts_archive_new (text_zip, "t.zip", NULL, &error);
    g_assert_no_error (error);
    data = kts_archive_read_entry (archive, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (data), ==, words->len);

    /* With a strict ratio the same text is refused although the whole
     * archive (with 1 MiB of noise) is not even twice as large unpacked:
     * the ratio is the entry's own, from the central directory. */
    {
      g_autofree char *big_noise = g_malloc (1024 * 1024);
      ZipEntry         mixed[] = {
                { "noise", big_noise, 1024 * 1024 },
                { "text", words->str, words->len },
      };
      g_autoptr (GBytes) mixed_zip = NULL;
      g_autoptr (KtsArchive) strict = NULL;
      g_autoptr (GBytes) refused = NULL;

      for (guint i = 0; i < 1024 * 1024; i++)
        big_noise[i] = (char)g_rand_int_range (rand, 0, 256);
      mixed_zip = make_zip (mixed, G_N_ELEMENTS (mixed), TRUE);
      g_assert_cmpuint (g_bytes_get_size (mixed_zip) * 2, >, words->len);
      kts_archive_limits_init (&limits);
      limits.max_ratio = 2;
      strict = kts_archive_new (mixed_zip, "m.zip", &limits, &error);
      g_assert_no_error (error);
      refused = kts_archive_read_entry (strict, 1, &error);
      g_assert_null (refused);
      g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "“text” expands to more than 2 times"));
      g_clear_error (&error);
    }
  }

  /* One entry larger than allowed. */
  kts_archive_limits_init (&limits);
  limits.max_entry_size = 1000;
  {
    g_autoptr (KtsArchive) archive = kts_archive_new (zip, "z.zip", &limits, &error);
    g_autoptr (GBytes) data = NULL;

    g_assert_no_error (error);
    data = kts_archive_read_entry (archive, 1, &error);
    g_assert_null (data);
    g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "its part “noise” is larger than"));
    g_clear_error (&error);
  }

  /* All entries together larger than allowed. */
  kts_archive_limits_init (&limits);
  limits.max_total_size = 100 * 1024;
  {
    g_autoptr (KtsArchive) archive = kts_archive_new (zip, "z.zip", &limits, &error);
    g_autoptr (GBytes) data = NULL;
    const guint indexes[] = { 1, 2 };
    g_autoptr (GPtrArray) parts = NULL;

    g_assert_no_error (error);
    data = kts_archive_read_entry (archive, 1, &error);
    g_assert_no_error (error);
    parts = kts_archive_read_entries (archive, indexes, 2, &error);
    g_assert_null (parts);
    g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "z.zip expands to more than"));
    g_clear_error (&error);
  }

  /* Too many entries. */
  kts_archive_limits_init (&limits);
  limits.max_entries = 2;
  {
    g_autoptr (KtsArchive) archive = kts_archive_new (zip, "z.zip", &limits, &error);

    g_assert_null (archive);
    g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "more than 2 entries"));
    g_clear_error (&error);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-office/libreoffice/session-docx", test_lo_session_docx);
  g_test_add_func ("/import-office/libreoffice/session-odt", test_lo_session_odt);
  g_test_add_func ("/import-office/libreoffice/table-docx", test_lo_table_docx);
  g_test_add_func ("/import-office/libreoffice/table-odt", test_lo_table_odt);
  g_test_add_func ("/import-office/word/features", test_word_features);
  g_test_add_func ("/import-office/word/relocated", test_word_relocated);
  g_test_add_func ("/import-office/odt/features", test_odt_features);
  g_test_add_func ("/import-office/docx/runs", test_docx_runs);
  g_test_add_func ("/import-office/odt/spaces", test_odt_spaces);
  g_test_add_func ("/import-office/text/table-rows", test_table_rows);
  g_test_add_func ("/import-office/text/limit", test_text_limit);
  g_test_add_func ("/import-office/hostile/files", test_hostile_files);
  g_test_add_func ("/import-office/hostile/bytes", test_hostile_bytes);
  g_test_add_func ("/import-office/hostile/empty", test_empty_document);
  g_test_add_func ("/import-office/hostile/headers", test_docx_bad_headers);
  g_test_add_func ("/import-office/hostile/nothing-written", test_nothing_written);
  g_test_add_func ("/import-office/archive/paths", test_archive_paths);
  g_test_add_func ("/import-office/archive/read", test_archive_read);
  g_test_add_func ("/import-office/archive/limits", test_archive_limits);

  return g_test_run ();
}
