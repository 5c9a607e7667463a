/* test-import.c: tests of transcript decoding, normalisation, speaker turns and import.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kts-error.h"
#include "kts-import.h"
#include "kts-item.h"

/* --- helpers ----------------------------------------------------------------- */

static void
assert_decodes (const char     *data,
                gsize           size,
                const char     *expected,
                KtsTextEncoding expected_encoding)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  KtsTextEncoding  encoding = (KtsTextEncoding)-1;

  text = kts_text_decode ((const guint8 *)data, size, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (encoding, ==, expected_encoding);
}

static void
assert_decode_fails (const char *data, gsize size, int code, const char *in_message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  text = kts_text_decode ((const guint8 *)data, size, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, KTS_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” not in the message “%s”", in_message, error->message);
}

/* UTF-16 with a byte-order mark, built from UTF-8. */
static GByteArray *
utf16_bytes (const char *utf8, gboolean big_endian)
{
  g_autofree gunichar2 *units = NULL;
  glong                 n_units = 0;
  GByteArray           *out = g_byte_array_new ();

  units = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);
  g_assert_nonnull (units);
  for (glong i = -1; i < n_units; i++)
    {
      gunichar2 u = i < 0 ? 0xFEFF : units[i];
      guint8    b[2];

      b[big_endian ? 0 : 1] = u >> 8;
      b[big_endian ? 1 : 0] = u & 0xFF;
      g_byte_array_append (out, b, 2);
    }
  return out;
}

/* --- decoding ------------------------------------------------------------------ */

static void
test_decode_utf8 (void)
{
  const char *text = "T: Grüß dich – 😀 “so”.\nC: Ja.\n";

  assert_decodes (text, strlen (text), text, KTS_TEXT_ENCODING_UTF8);
}

static void
test_decode_utf8_bom (void)
{
  g_autofree char *data = g_strconcat ("\xEF\xBB\xBF", "T: Grüß dich.\n", NULL);

  assert_decodes (data, strlen (data), "T: Grüß dich.\n", KTS_TEXT_ENCODING_UTF8_BOM);
}

static void
test_decode_utf16 (void)
{
  const char *text = "T: Hallo 😀 “é” €\r\nC: 𝄞 ok\n";
  g_autoptr (GByteArray) le = utf16_bytes (text, FALSE);
  g_autoptr (GByteArray) be = utf16_bytes (text, TRUE);
  /* "😀" is U+1F600, the surrogate pair D83D DE00. */
  const guint8 emoji_le[] = { 0x3D, 0xD8, 0x00, 0xDE };
  const guint8 emoji_be[] = { 0xD8, 0x3D, 0xDE, 0x00 };

  g_assert_cmpmem (le->data, 2, "\xFF\xFE", 2);
  g_assert_cmpmem (be->data, 2, "\xFE\xFF", 2);
  /* The emoji follows BOM + "T: Hallo " (9 units). */
  g_assert_cmpmem (le->data + 20, 4, emoji_le, 4);
  g_assert_cmpmem (be->data + 20, 4, emoji_be, 4);

  assert_decodes ((const char *)le->data, le->len, text, KTS_TEXT_ENCODING_UTF16LE);
  assert_decodes ((const char *)be->data, be->len, text, KTS_TEXT_ENCODING_UTF16BE);
}

static void
test_decode_utf16_bad (void)
{
  /* "TA" then a stray byte. */
  assert_decode_fails ("\xFF\xFET\0A\0B", 7, KTS_ERROR_ENCODING, "byte 6");
  /* High surrogate followed by "A". */
  assert_decode_fails ("\xFF\xFET\0\x3D\xD8"
                       "A\0",
                       8, KTS_ERROR_ENCODING, "byte 4");
  /* High surrogate at the very end. */
  assert_decode_fails ("\xFE\xFF\0T\xD8\x3D", 6, KTS_ERROR_ENCODING, "byte 4");
  /* A lone low surrogate. */
  assert_decode_fails ("\xFE\xFF\0T\0x\xDE\x00\0y", 10, KTS_ERROR_ENCODING, "byte 6");
  /* UTF-32 is refused, not misread. */
  assert_decode_fails ("\xFF\xFE\0\0T\0\0\0", 8, KTS_ERROR_ENCODING, "UTF-32");
}

static void
test_decode_windows_1252 (void)
{
  const char *data = "T: \x80"
                     "5 \x93quoted\x94 \x91single\x92 caf\xe9 \x85 \x96 \x97 \x99\r\n";
  const char *undefined = "T: a\x81 b\x8D c\x8F d\x90 e\x9D \x9F";

  assert_decodes (data, strlen (data), "T: €5 “quoted” ‘single’ café … – — ™\r\n",
                  KTS_TEXT_ENCODING_WINDOWS_1252);
  assert_decodes (undefined, strlen (undefined), "T: a� b� c� d� e� Ÿ",
                  KTS_TEXT_ENCODING_WINDOWS_1252);

  g_assert_true (kts_text_windows_1252_is_undefined (0x81));
  g_assert_true (kts_text_windows_1252_is_undefined (0x9D));
  g_assert_false (kts_text_windows_1252_is_undefined (0x80));
  g_assert_false (kts_text_windows_1252_is_undefined ('a'));
}

static void
test_decode_utf8_preferred (void)
{
  /* Valid UTF-8 is never read as Windows-1252, even if it would decode. */
  const char *text = "Client: Ã©\n";

  assert_decodes (text, strlen (text), text, KTS_TEXT_ENCODING_UTF8);
  /* A BOM promises UTF-8: broken UTF-8 after it is an error, not a guess. */
  assert_decode_fails ("\xEF\xBB\xBFT: caf\xE9\n", 11, KTS_ERROR_ENCODING, "byte 9");
}

static void
test_decode_empty (void)
{
  g_autoptr (GByteArray) blank16 = utf16_bytes (" \r\n\t ", FALSE);

  assert_decode_fails ("", 0, KTS_ERROR_EMPTY, NULL);
  assert_decode_fails ("\xEF\xBB\xBF", 3, KTS_ERROR_EMPTY, NULL);
  assert_decode_fails ("\xFF\xFE", 2, KTS_ERROR_EMPTY, NULL);
  assert_decode_fails ("  \n\t\r\n \n", 8, KTS_ERROR_EMPTY, "white space");
  assert_decode_fails ("\xC2\xA0\n", 3, KTS_ERROR_EMPTY, "white space"); /* no-break space */
  assert_decode_fails ((const char *)blank16->data, blank16->len, KTS_ERROR_EMPTY, NULL);
}

static void
test_decode_binary (void)
{
  const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10";
  const char nul_text[] = "T: Hello\0 world\n";
  g_autoptr (GString) controls = g_string_new ("");
  g_autoptr (GString) few_controls = g_string_new ("");
  g_autoptr (GByteArray) utf16_nul = g_byte_array_new ();
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  assert_decode_fails (png, sizeof png - 1, KTS_ERROR_BINARY, "byte 8");
  assert_decode_fails (nul_text, sizeof nul_text - 1, KTS_ERROR_BINARY, "byte 8");

  /* Many control characters and no NUL: binary too. */
  for (int i = 0; i < 50; i++)
    g_string_append (controls, "ab\x01\x02\x1B");
  assert_decode_fails (controls->str, controls->len, KTS_ERROR_BINARY, "control characters");

  /* A few stray control characters in real text are kept (normalisation
   * replaces them later). */
  g_string_append (few_controls, "T: This line has a bell\x07 in it, and a form feed.\f\n");
  g_string_append (few_controls, "C: And this one has an escape\x1B character.\n");
  text = kts_text_decode ((const guint8 *)few_controls->str, few_controls->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, few_controls->str);

  /* UTF-16 full of U+0000. */
  g_byte_array_append (utf16_nul, (const guint8 *)"\xFF\xFE", 2);
  for (int i = 0; i < 20; i++)
    g_byte_array_append (utf16_nul, (const guint8 *)"A\0\0\0", 4);
  assert_decode_fails ((const char *)utf16_nul->data, utf16_nul->len, KTS_ERROR_BINARY, NULL);
}

/* --- normalisation ----------------------------------------------------------------- */

static void
test_normalize_newlines (void)
{
  const struct
  {
    const char *in, *out;
  } cases[] = {
    { "a\r\nb\rc\nd", "a\nb\nc\nd" }, { "a\r\r\nb", "a\n\nb" },     { "a\n\r\nb\r", "a\n\nb\n" },
    { "\r\n\r\n", "\n\n" },           { "no breaks", "no breaks" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = kts_text_normalize (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_normalize_xml_chars (void)
{
  g_autofree char *out = NULL;
  g_autofree char *invalid = NULL;

  /* C0 controls other than TAB and LF go; DEL, C1, U+FFFD, U+FFFC and
   * non-BMP characters stay. U+FFFE and U+FFFF go. */
  out = kts_text_normalize ("a\x01"
                            "b\x1F"
                            "c\td\x7F"
                            "e\xC2\x85"
                            "f\f\v"
                            "g\xEF\xBF\xBE"
                            "h\xEF\xBF\xBF"
                            "i\xEF\xBF\xBD\xEF\xBF\xBC😀\xEF\xBB\xBF");
  g_assert_cmpstr (out, ==,
                   "a�b�c\td\x7F"
                   "e\xC2\x85"
                   "f��g�h�i\xEF\xBF\xBD\xEF\xBF\xBC😀\xEF\xBB\xBF");

  /* Invalid UTF-8 is repaired rather than passed on. */
  invalid = kts_text_normalize ("ok \xFF\xFE done");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (g_str_has_prefix (invalid, "ok "));
  g_assert_true (g_str_has_suffix (invalid, " done"));
}

/* --- roles ---------------------------------------------------------------------------- */

static void
test_default_roles (void)
{
  const struct
  {
    const char *label;
    KtsRole     role;
  } cases[] = {
    { "T", KTS_ROLE_THERAPIST },
    { "t", KTS_ROLE_THERAPIST },
    { "Th", KTS_ROLE_THERAPIST },
    { "Th.", KTS_ROLE_THERAPIST },
    { "Therapist", KTS_ROLE_THERAPIST },
    { "THERAPIST", KTS_ROLE_THERAPIST },
    { "Counsellor", KTS_ROLE_THERAPIST },
    { "counselor", KTS_ROLE_THERAPIST },
    { "C", KTS_ROLE_CLIENT },
    { "Cl", KTS_ROLE_CLIENT },
    { "Client", KTS_ROLE_CLIENT },
    { "patient", KTS_ROLE_CLIENT },
    { "Pt", KTS_ROLE_CLIENT },
    { "I", KTS_ROLE_INTERVIEWER },
    { "Int", KTS_ROLE_INTERVIEWER },
    { "INTERVIEWER", KTS_ROLE_INTERVIEWER },
    { "P", KTS_ROLE_OTHER },
    { "Participant", KTS_ROLE_OTHER },
    { "Anna", KTS_ROLE_OTHER },
    { "Dr. Berg", KTS_ROLE_OTHER },
    { " T ", KTS_ROLE_THERAPIST },
    { "Therapists", KTS_ROLE_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kts_speaker_default_role (cases[i].label), ==, cases[i].role);
}

static void
test_role_parse (void)
{
  KtsSpeakerRole role = { NULL, KTS_ROLE_OTHER };
  const char *bad[] = { "Anna", "Anna=", "=client", " = client", "Anna=doctor", "Anna=therapists" };

  g_assert_true (kts_speaker_role_parse ("Anna=client", &role, NULL));
  g_assert_cmpstr (role.label, ==, "Anna");
  g_assert_cmpint (role.role, ==, KTS_ROLE_CLIENT);
  kts_speaker_role_clear (&role);
  g_assert_null (role.label);

  g_assert_true (kts_speaker_role_parse (" Dr. Berg = Therapist ", &role, NULL));
  g_assert_cmpstr (role.label, ==, "Dr. Berg");
  g_assert_cmpint (role.role, ==, KTS_ROLE_THERAPIST);
  kts_speaker_role_clear (&role);

  g_assert_true (kts_speaker_role_parse ("I=interviewer", &role, NULL));
  g_assert_cmpint (role.role, ==, KTS_ROLE_INTERVIEWER);
  kts_speaker_role_clear (&role);
  g_assert_true (kts_speaker_role_parse ("T=other", &role, NULL));
  g_assert_cmpint (role.role, ==, KTS_ROLE_OTHER);
  kts_speaker_role_clear (&role);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (kts_speaker_role_parse (bad[i], &role, &error));
      g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_null (role.label);
    }
}

/* --- turns ------------------------------------------------------------------------------ */

typedef struct
{
  const char *label; /* NULL: no speaker */
  const char *text;  /* exactly the text of the turn */
  gint64      timestamp_ms;
} ExpectTurn;

#define NO_TS ((gint64)-1)

static char *
slice (const char *text, guint start, guint end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, b - a);
}

/* Detects turns in @text and checks them against @expect; returns the
 * speakers for further checks. */
static GArray *
check_turns (const char           *text,
             const KtsSpeakerRole *overrides,
             guint                 n_overrides,
             const ExpectTurn     *expect,
             guint                 n_expect)
{
  g_autoptr (GArray) speakers = NULL;
  g_autoptr (GArray) turns = NULL;
  g_autoptr (GError) error = NULL;
  glong n_chars = g_utf8_strlen (text, -1);

  g_assert_true (kts_turns_detect (text, overrides, n_overrides, &speakers, &turns, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < turns->len; i++)
    {
      const KtsTurn   *turn = &g_array_index (turns, KtsTurn, i);
      g_autofree char *got = slice (text, turn->start, turn->end);

      g_test_message ("turn %u: speaker %d [%u, %u) ts %" G_GINT64_FORMAT " “%s”", i, turn->speaker,
                      turn->start, turn->end, turn->timestamp_ms, got);
    }
  g_assert_cmpuint (turns->len, ==, n_expect);

  for (guint i = 0; i < turns->len; i++)
    {
      const KtsTurn   *turn = &g_array_index (turns, KtsTurn, i);
      g_autofree char *got = slice (text, turn->start, turn->end);

      g_assert_cmpuint (turn->start, <, turn->end);
      g_assert_cmpint (turn->end, <=, n_chars);
      if (i > 0)
        g_assert_cmpuint (g_array_index (turns, KtsTurn, i - 1).end, <, turn->start);

      g_assert_cmpstr (got, ==, expect[i].text);
      g_assert_cmpint (turn->timestamp_ms, ==, expect[i].timestamp_ms);
      if (expect[i].label == NULL)
        g_assert_cmpint (turn->speaker, ==, -1);
      else
        {
          g_assert_cmpint (turn->speaker, >=, 0);
          g_assert_cmpint (turn->speaker, <, speakers->len);
          g_assert_cmpstr (g_array_index (speakers, KtsSpeaker, turn->speaker).label, ==,
                           expect[i].label);
        }
    }

  return g_steal_pointer (&speakers);
}

static void
assert_speaker (GArray *speakers, guint index, const char *label, KtsRole role)
{
  g_assert_cmpuint (index, <, speakers->len);
  g_assert_cmpstr (g_array_index (speakers, KtsSpeaker, index).label, ==, label);
  g_assert_cmpint (g_array_index (speakers, KtsSpeaker, index).role, ==, role);
}

static void
test_turns_t_c (void)
{
  const char      *text = "T: How are you today?\n"
                          "C: Fine.\n"
                          "I mean, not really.\n"
                          "\n"
                          "It has been a hard week.\n"
                          "\n"
                          "\n"
                          "T: Tell me more.   \n"
                          "\n";
  const ExpectTurn expect[] = {
    { "T", "T: How are you today?", NO_TS },
    { "C", "C: Fine.\nI mean, not really.\n\nIt has been a hard week.", NO_TS },
    { "T", "T: Tell me more.   ", NO_TS },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));

  g_assert_cmpuint (speakers->len, ==, 2);
  assert_speaker (speakers, 0, "T", KTS_ROLE_THERAPIST);
  assert_speaker (speakers, 1, "C", KTS_ROLE_CLIENT);
}

static void
test_turns_role_words (void)
{
  const char      *text = "Therapist: Hello.\n"
                          "Client: Hi.\n"
                          "Interviewer: A question.\n"
                          "I: Another one.\n"
                          "Participant: An answer.\n"
                          "P: Short.\n"
                          "Counsellor: Once only.\n"
                          "Pt:\n"
                          "  (silence)\n"
                          "THERAPIST: Loud.";
  const ExpectTurn expect[] = {
    { "Therapist", "Therapist: Hello.", NO_TS },          { "Client", "Client: Hi.", NO_TS },
    { "Interviewer", "Interviewer: A question.", NO_TS }, { "I", "I: Another one.", NO_TS },
    { "Participant", "Participant: An answer.", NO_TS },  { "P", "P: Short.", NO_TS },
    { "Counsellor", "Counsellor: Once only.", NO_TS },    { "Pt", "Pt:\n  (silence)", NO_TS },
    { "THERAPIST", "THERAPIST: Loud.", NO_TS },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));

  g_assert_cmpuint (speakers->len, ==, 9);
  assert_speaker (speakers, 0, "Therapist", KTS_ROLE_THERAPIST);
  assert_speaker (speakers, 1, "Client", KTS_ROLE_CLIENT);
  assert_speaker (speakers, 2, "Interviewer", KTS_ROLE_INTERVIEWER);
  assert_speaker (speakers, 3, "I", KTS_ROLE_INTERVIEWER);
  assert_speaker (speakers, 4, "Participant", KTS_ROLE_OTHER);
  assert_speaker (speakers, 5, "P", KTS_ROLE_OTHER);
  assert_speaker (speakers, 6, "Counsellor", KTS_ROLE_THERAPIST);
  assert_speaker (speakers, 7, "Pt", KTS_ROLE_CLIENT);
  assert_speaker (speakers, 8, "THERAPIST", KTS_ROLE_THERAPIST);
}

static void
test_turns_names (void)
{
  const char      *text = "Anna: I don't know.\n"
                          "Dr. Berg: Take your time.\n"
                          "Anna: Okay.\n"
                          "Dr. Berg: Mm-hm.\n"
                          "J. R. Smith: Sorry to interrupt.\n"
                          "J. R. Smith: Me again.\n"
                          "Thérapeute : ça va 😀 ?\n"
                          "Thérapeute : oui.\n"
                          "anna: lower case is another speaker.\n"
                          "anna: twice.";
  const ExpectTurn expect[] = {
    { "Anna", "Anna: I don't know.", NO_TS },
    { "Dr. Berg", "Dr. Berg: Take your time.", NO_TS },
    { "Anna", "Anna: Okay.", NO_TS },
    { "Dr. Berg", "Dr. Berg: Mm-hm.", NO_TS },
    { "J. R. Smith", "J. R. Smith: Sorry to interrupt.", NO_TS },
    { "J. R. Smith", "J. R. Smith: Me again.", NO_TS },
    { "Thérapeute", "Thérapeute : ça va 😀 ?", NO_TS },
    { "Thérapeute", "Thérapeute : oui.", NO_TS },
    { "anna", "anna: lower case is another speaker.", NO_TS },
    { "anna", "anna: twice.", NO_TS },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));

  g_assert_cmpuint (speakers->len, ==, 5);
  assert_speaker (speakers, 0, "Anna", KTS_ROLE_OTHER);
  assert_speaker (speakers, 1, "Dr. Berg", KTS_ROLE_OTHER);
  assert_speaker (speakers, 2, "J. R. Smith", KTS_ROLE_OTHER);
  assert_speaker (speakers, 3, "Thérapeute", KTS_ROLE_OTHER);
  assert_speaker (speakers, 4, "anna", KTS_ROLE_OTHER);
}

static void
test_turns_timestamps (void)
{
  const char      *text = "[00:12:34] T: One.\n"
                          "[12:35] C: Two.\n"
                          "(12:36) T: Three.\n"
                          "00:12:37 C: Four.\n"
                          "[00:12:38.5] T: Five.\n"
                          "[01:02:03,25] C: Six.\n"
                          "T [00:12:40]: Seven.\n"
                          "C (1:02:03.456): Eight.\n"
                          "  [00:13:00]   T:   Nine.\n"
                          "00:13:01 - C: Ten.\n"
                          "[00:13:02] no label, a continuation.\n"
                          "[00:61:00] T: bad minutes: a continuation.\n"
                          "[00:13:03]T: Eleven.\n";
  const ExpectTurn expect[] = {
    { "T", "[00:12:34] T: One.", 754000 },
    { "C", "[12:35] C: Two.", 755000 },
    { "T", "(12:36) T: Three.", 756000 },
    { "C", "00:12:37 C: Four.", 757000 },
    { "T", "[00:12:38.5] T: Five.", 758500 },
    { "C", "[01:02:03,25] C: Six.", 3723250 },
    { "T", "T [00:12:40]: Seven.", 760000 },
    { "C", "C (1:02:03.456): Eight.", 3723456 },
    { "T", "  [00:13:00]   T:   Nine.", 780000 },
    { "C",
      "00:13:01 - C: Ten.\n[00:13:02] no label, a continuation.\n[00:61:00] T: bad minutes: a "
      "continuation.",
      781000 },
    { "T", "[00:13:03]T: Eleven.", 783000 },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));

  g_assert_cmpuint (speakers->len, ==, 2);
}

static void
test_turns_false_positives (void)
{
  const char      *text = "T: Let us begin.\n"
                          "Note: the client arrived late.\n"
                          "Well: that is how it was.\n"
                          "See http://example.org or C:\\Users for details.\n"
                          "Time: 10:30\n"
                          "Yes, well: commas are not in labels.\n"
                          "Yes, well: commas are not in labels.\n"
                          "He left. Then: sentences are not labels.\n"
                          "He left. Then: sentences are not labels.\n"
                          "One two three four five: too many words.\n"
                          "One two three four five: too many words.\n"
                          "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: too long.\n"
                          "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: too long.\n"
                          "1st: a digit first.\n"
                          "1st: a digit first.\n"
                          "Ratio:2 and Ratio:3 are not labels.\n"
                          "Ratio:2 and Ratio:3 are not labels.\n"
                          "C: Sorry.";
  const ExpectTurn expect[] = {
    { "T",
      "T: Let us begin.\n"
      "Note: the client arrived late.\n"
      "Well: that is how it was.\n"
      "See http://example.org or C:\\Users for details.\n"
      "Time: 10:30\n"
      "Yes, well: commas are not in labels.\n"
      "Yes, well: commas are not in labels.\n"
      "He left. Then: sentences are not labels.\n"
      "He left. Then: sentences are not labels.\n"
      "One two three four five: too many words.\n"
      "One two three four five: too many words.\n"
      "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: too long.\n"
      "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: too long.\n"
      "1st: a digit first.\n"
      "1st: a digit first.\n"
      "Ratio:2 and Ratio:3 are not labels.\n"
      "Ratio:2 and Ratio:3 are not labels.",
      NO_TS },
    { "C", "C: Sorry.", NO_TS },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));

  g_assert_cmpuint (speakers->len, ==, 2);
}

static void
test_turns_repeated_label (void)
{
  /* A label that starts two lines counts, even if unknown. */
  const char      *text = "T: Begin.\n"
                          "Note: first.\n"
                          "C: Hm.\n"
                          "Note: second.";
  const ExpectTurn expect[] = {
    { "T", "T: Begin.", NO_TS },
    { "Note", "Note: first.", NO_TS },
    { "C", "C: Hm.", NO_TS },
    { "Note", "Note: second.", NO_TS },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));

  assert_speaker (speakers, 1, "Note", KTS_ROLE_OTHER);
}

static void
test_turns_tight_colon (void)
{
  const char      *text = "T:Hello there.\n"
                          "C:Hi.\n"
                          "Note:first\n"
                          "Note:second";
  const ExpectTurn expect[] = {
    { "T", "T:Hello there.", NO_TS },
    { "C", "C:Hi.\nNote:first\nNote:second", NO_TS },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));

  g_assert_cmpuint (speakers->len, ==, 2);
}

static void
test_turns_preamble (void)
{
  const char      *text = "\n"
                          "Session 4, 12 March 2024\n"
                          "Transcribed by: R.\n"
                          "\n"
                          "Recording starts late.\n"
                          "\n"
                          "T: Shall we start?\n"
                          "C: Yes.";
  const char      *blank_preamble = "\n  \n\t\nT: Hi.";
  const char      *no_turns = "Just some notes.\nNothing else.\n";
  const ExpectTurn expect[] = {
    { NULL, "Session 4, 12 March 2024\nTranscribed by: R.\n\nRecording starts late.", NO_TS },
    { "T", "T: Shall we start?", NO_TS },
    { "C", "C: Yes.", NO_TS },
  };
  const ExpectTurn expect_blank[] = {
    { "T", "T: Hi.", NO_TS },
  };
  const ExpectTurn expect_none[] = {
    { NULL, "Just some notes.\nNothing else.", NO_TS },
  };
  g_autoptr (GArray) speakers = check_turns (text, NULL, 0, expect, G_N_ELEMENTS (expect));
  g_autoptr (GArray) speakers_blank
      = check_turns (blank_preamble, NULL, 0, expect_blank, G_N_ELEMENTS (expect_blank));
  g_autoptr (GArray) speakers_none
      = check_turns (no_turns, NULL, 0, expect_none, G_N_ELEMENTS (expect_none));

  g_assert_cmpuint (speakers->len, ==, 2);
  g_assert_cmpuint (speakers_blank->len, ==, 1);
  g_assert_cmpuint (speakers_none->len, ==, 0);
}

static void
test_turns_overrides (void)
{
  const char          *text = "Anna: Hello.\n"
                              "Berg: Hello, Anna.\n"
                              "t: Lower-case t.\n"
                              "T: Upper-case T.\n"
                              "C: Client.";
  const KtsSpeakerRole overrides[] = {
    { (char *)"Anna", KTS_ROLE_CLIENT },   { (char *)" berg ", KTS_ROLE_THERAPIST },
    { (char *)"T", KTS_ROLE_INTERVIEWER }, { (char *)"C", KTS_ROLE_OTHER },
    { (char *)"Nobody", KTS_ROLE_CLIENT },
  };
  const ExpectTurn expect[] = {
    { "Anna", "Anna: Hello.", NO_TS },  { "Berg", "Berg: Hello, Anna.", NO_TS },
    { "t", "t: Lower-case t.", NO_TS }, { "T", "T: Upper-case T.", NO_TS },
    { "C", "C: Client.", NO_TS },
  };
  g_autoptr (GArray) speakers
      = check_turns (text, overrides, G_N_ELEMENTS (overrides), expect, G_N_ELEMENTS (expect));

  g_assert_cmpuint (speakers->len, ==, 5);
  /* Named once each, but overrides make them speakers. */
  assert_speaker (speakers, 0, "Anna", KTS_ROLE_CLIENT);
  assert_speaker (speakers, 1, "Berg", KTS_ROLE_THERAPIST);
  /* "T=interviewer" matches "t" ignoring case when nothing matches exactly. */
  assert_speaker (speakers, 2, "t", KTS_ROLE_INTERVIEWER);
  assert_speaker (speakers, 3, "T", KTS_ROLE_INTERVIEWER);
  /* An override beats the default role. */
  assert_speaker (speakers, 4, "C", KTS_ROLE_OTHER);
}

static void
test_turns_offsets_non_ascii (void)
{
  /* Offsets count code points, not bytes or UTF-16 units. */
  const char      *text = "Ünal: Grüße 😀😀\n"
                          "\n"
                          "Zoë: ¿Qué?\n"
                          "…más 𝄞\n"
                          "Ünal: Ja.";
  const ExpectTurn expect[] = {
    { "Ünal", "Ünal: Grüße 😀😀", NO_TS },
    { "Zoë", "Zoë: ¿Qué?\n…más 𝄞", NO_TS },
    { "Ünal", "Ünal: Ja.", NO_TS },
  };
  const KtsSpeakerRole zoe = { (char *)"Zoë", KTS_ROLE_CLIENT };
  g_autoptr (GArray) speakers = check_turns (text, &zoe, 1, expect, G_N_ELEMENTS (expect));
  g_autoptr (GArray) turns = NULL;
  g_autoptr (GArray) speakers2 = NULL;

  g_assert_true (kts_turns_detect (text, &zoe, 1, &speakers2, &turns, NULL));
  g_assert_cmpuint (g_array_index (turns, KtsTurn, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (turns, KtsTurn, 0).end, ==, 14);
  g_assert_cmpuint (g_array_index (turns, KtsTurn, 1).start, ==, 16);
  g_assert_cmpuint (g_array_index (turns, KtsTurn, 1).end, ==, 33);
  g_assert_cmpuint (g_array_index (turns, KtsTurn, 2).start, ==, 34);
  g_assert_cmpuint (g_array_index (turns, KtsTurn, 2).end, ==, 43);
  assert_speaker (speakers, 1, "Zoë", KTS_ROLE_CLIENT);
}

static void
test_turns_invalid_utf8 (void)
{
  g_autoptr (GArray) speakers = NULL;
  g_autoptr (GArray) turns = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (kts_turns_detect ("T: caf\xE9", NULL, 0, &speakers, &turns, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_ENCODING);
  g_assert_null (speakers);
  g_assert_null (turns);
}

/* --- importing files ---------------------------------------------------------------------- */

static gboolean
has_warning (KtsImportResult *result, const char *text)
{
  for (guint i = 0; i < result->warnings->len; i++)
    {
      if (strstr (g_ptr_array_index (result->warnings, i), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
assert_doc_turn (KtsDocument *doc,
                 guint        index,
                 const char  *label,
                 KtsRole      role,
                 const char  *text,
                 gint64       timestamp_ms)
{
  const KtsTurn   *turn;
  g_autofree char *got = NULL;

  g_assert_cmpuint (index, <, kts_document_get_n_turns (doc));
  turn = kts_document_get_turn (doc, index);
  got = kts_document_dup_slice (doc, turn->start, turn->end);
  g_assert_cmpstr (got, ==, text);
  g_assert_cmpint (turn->timestamp_ms, ==, timestamp_ms);
  if (label == NULL)
    g_assert_cmpint (turn->speaker, ==, -1);
  else
    {
      const KtsSpeaker *speaker;

      g_assert_cmpint (turn->speaker, >=, 0);
      speaker = kts_document_get_speaker (doc, turn->speaker);
      g_assert_cmpstr (speaker->label, ==, label);
      g_assert_cmpint (speaker->role, ==, role);
      g_assert_cmpint (kts_document_get_turn_role (doc, index), ==, role);
    }
}

static KtsImportResult *
import_string (const char           *data,
               gssize                size,
               const char           *filename,
               const char           *title,
               const KtsSpeakerRole *overrides,
               guint                 n_overrides,
               GError              **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size < 0 ? strlen (data) : (gsize)size);

  return kts_import_transcript_bytes (bytes, filename, title, overrides, n_overrides, error);
}

static void
test_import_bytes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = NULL;
  g_autoptr (KtsImportResult) titled = NULL;
  KtsDocument *doc;

  result = import_string ("\xEF\xBB\xBF"
                          "T: Hello,\r\nhow are you?\r\n\r\nC: Fine.\r\n",
                          -1, "/some/folder/s4.txt", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->encoding, ==, KTS_TEXT_ENCODING_UTF8_BOM);
  g_assert_cmpuint (result->warnings->len, ==, 0);

  doc = result->document;
  g_assert_true (KTS_IS_DOCUMENT (doc));
  g_assert_cmpstr (kts_document_get_title (doc), ==, "s4");
  g_assert_cmpstr (kts_document_get_source_name (doc), ==, "s4.txt");
  g_assert_cmpstr (kts_document_get_text (doc), ==, "T: Hello,\nhow are you?\n\nC: Fine.\n");
  g_assert_true (kts_guid_is_valid (kts_item_get_guid (KTS_ITEM (doc))));
  g_assert_cmpuint (kts_document_get_n_speakers (doc), ==, 2);
  g_assert_cmpuint (kts_document_get_n_turns (doc), ==, 2);
  assert_doc_turn (doc, 0, "T", KTS_ROLE_THERAPIST, "T: Hello,\nhow are you?", -1);
  assert_doc_turn (doc, 1, "C", KTS_ROLE_CLIENT, "C: Fine.", -1);

  titled = import_string ("T: Hi.\n", -1, "session.notes.txt", "Session 4, Anna", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_title (titled->document), ==, "Session 4, Anna");
  g_assert_cmpstr (kts_document_get_source_name (titled->document), ==, "session.notes.txt");
}

static void
test_import_bytes_warnings (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) cp1252 = NULL;
  g_autoptr (KtsImportResult) controls = NULL;
  g_autoptr (KtsImportResult) no_turns = NULL;
  g_autoptr (KtsImportResult) unused = NULL;
  const KtsSpeakerRole overrides[] = {
    { (char *)"Anna", KTS_ROLE_CLIENT },
    { (char *)"t", KTS_ROLE_INTERVIEWER },
  };

  cp1252 = import_string ("T: caf\xE9 \x80 \x81\r\nC: \x93ja\x94\r\n", -1, "s4.txt", NULL, NULL, 0,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp1252->encoding, ==, KTS_TEXT_ENCODING_WINDOWS_1252);
  g_assert_true (
      has_warning (cp1252, "s4.txt is not UTF-8; read it as Windows-1252 (Western European)"));
  g_assert_true (has_warning (cp1252, "1 byte has no meaning in Windows-1252"));
  g_assert_cmpstr (kts_document_get_text (cp1252->document), ==, "T: café € �\nC: “ja”\n");

  controls = import_string ("T: a bell\x07 here, and text to make it long enough.\n", -1,
                            "bell.txt", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_document_get_text (controls->document), ==,
                   "T: a bell� here, and text to make it long enough.\n");
  g_assert_true (has_warning (controls, "bell.txt: 1 control character"));

  no_turns = import_string ("Just notes.\n", -1, "notes.txt", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (has_warning (no_turns, "notes.txt: no speaker turns were recognised"));
  g_assert_cmpuint (kts_document_get_n_turns (no_turns->document), ==, 1);
  assert_doc_turn (no_turns->document, 0, NULL, KTS_ROLE_OTHER, "Just notes.", -1);

  unused = import_string ("T: Hi.\nC: Hi.\n", -1, "s5.txt", NULL, overrides,
                          G_N_ELEMENTS (overrides), &error);
  g_assert_no_error (error);
  g_assert_true (has_warning (unused, "“Anna”"));
  g_assert_false (has_warning (unused, "“t”"));
  assert_doc_turn (unused->document, 0, "T", KTS_ROLE_INTERVIEWER, "T: Hi.", -1);
}

static void
assert_import_fails (
    const char *data, gssize size, const char *filename, int code, const char *in_message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsImportResult) result = NULL;

  result = import_string (data, size, filename, NULL, NULL, 0, &error);
  g_assert_null (result);
  g_assert_error (error, KTS_ERROR, code);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s” not in the message “%s”", in_message, error->message);
}

static void
test_import_bytes_errors (void)
{
  assert_import_fails ("", 0, "s4.txt", KTS_ERROR_EMPTY, "s4.txt");
  assert_import_fails (" \r\n\t\n", -1, "s4.txt", KTS_ERROR_EMPTY, "s4.txt");
  assert_import_fails ("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, "picture.txt", KTS_ERROR_BINARY,
                       "picture.txt");
  assert_import_fails ("\xFF\xFET\0X", 5, "odd.txt", KTS_ERROR_ENCODING, "odd.txt");
  assert_import_fails ("\xFF\xFET\0X", 5, "odd.txt", KTS_ERROR_ENCODING, "byte 4");
  /* .docx and .odt are zip packages (more in test-import-office.c). */
  assert_import_fails ("PK\x03\x04", 4, "interview.docx", KTS_ERROR_PARSE, "interview.docx");
  assert_import_fails ("T: Hi.\n", -1, "interview.DOCX", KTS_ERROR_PARSE, "not a zip archive");
  assert_import_fails ("T: Hi.\n", -1, "interview.odt", KTS_ERROR_PARSE, "not a zip archive");
}

static void
test_import_fixture_cp1252 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (
      g_test_get_filename (G_TEST_DIST, "data", "import", "session-cp1252-crlf.txt", NULL));
  g_autoptr (KtsImportResult) result = kts_import_transcript (file, NULL, NULL, 0, &error);
  KtsDocument *doc;

  g_assert_no_error (error);
  g_assert_cmpint (result->encoding, ==, KTS_TEXT_ENCODING_WINDOWS_1252);
  g_assert_true (has_warning (result, "session-cp1252-crlf.txt is not UTF-8; read it as "
                                      "Windows-1252 (Western European)"));
  doc = result->document;
  g_assert_cmpstr (kts_document_get_title (doc), ==, "session-cp1252-crlf");
  g_assert_cmpstr (kts_document_get_source_name (doc), ==, "session-cp1252-crlf.txt");
  g_assert_null (strchr (kts_document_get_text (doc), '\r'));

  g_assert_cmpuint (kts_document_get_n_speakers (doc), ==, 2);
  g_assert_cmpuint (kts_document_get_n_turns (doc), ==, 5);
  assert_doc_turn (doc, 0, NULL, KTS_ROLE_OTHER,
                   "Sitzung 4 – Transkript (pseudonymisiert)\nDatum: 12.03.2024", -1);
  assert_doc_turn (doc, 1, "T", KTS_ROLE_THERAPIST, "T: Wie geht’s Ihnen heute?", -1);
  assert_doc_turn (doc, 2, "C", KTS_ROLE_CLIENT,
                   "C: Ehrlich gesagt … nicht so gut. Die Woche war schwer.\n"
                   "Ich habe „eigentlich“ keine Lust, darüber zu reden.",
                   -1);
  assert_doc_turn (doc, 3, "T", KTS_ROLE_THERAPIST,
                   "T: Das ist in Ordnung. Wir können auch mit etwas anderem anfangen.", -1);
  assert_doc_turn (doc, 4, "C", KTS_ROLE_CLIENT,
                   "C: Okay. Vielleicht mit dem Café – das hat 5 € gekostet.", -1);
}

static void
test_import_fixture_utf16 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (
      g_test_get_filename (G_TEST_DIST, "data", "import", "interview-utf16le.txt", NULL));
  const KtsSpeakerRole anna = { (char *)"Anna", KTS_ROLE_CLIENT };
  g_autoptr (KtsImportResult) result
      = kts_import_transcript (file, "Interview 1", &anna, 1, &error);
  KtsDocument *doc;

  g_assert_no_error (error);
  g_assert_cmpint (result->encoding, ==, KTS_TEXT_ENCODING_UTF16LE);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  doc = result->document;
  g_assert_cmpstr (kts_document_get_title (doc), ==, "Interview 1");
  g_assert_cmpstr (kts_document_get_source_name (doc), ==, "interview-utf16le.txt");

  g_assert_cmpuint (kts_document_get_n_speakers (doc), ==, 2);
  g_assert_cmpuint (kts_document_get_n_turns (doc), ==, 4);
  assert_doc_turn (doc, 0, "Interviewer", KTS_ROLE_INTERVIEWER,
                   "[00:00:05] Interviewer: Thank you for coming. Could you tell me about the "
                   "last session?",
                   5000);
  assert_doc_turn (doc, 1, "Anna", KTS_ROLE_CLIENT,
                   "[00:00:12] Anna: It was… difficult. I didn’t say much.\nI just sat there. 😶",
                   12000);
  assert_doc_turn (doc, 2, "Interviewer", KTS_ROLE_INTERVIEWER,
                   "[00:01:03.5] Interviewer: What was going on for you?", 63500);
  assert_doc_turn (doc, 3, "Anna", KTS_ROLE_CLIENT, "[00:01:10] Anna: I felt she wasn’t listening.",
                   70000);
}

static void
test_import_file_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kts-import-XXXXXX", &error);
  g_autofree char *missing = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *huge = NULL;
  g_autoptr (GFile) file = NULL;
  KtsImportResult *result;
  int              fd;

  g_assert_no_error (error);

  /* A missing file. */
  missing = g_build_filename (dir, "missing.txt", NULL);
  file = g_file_new_for_path (missing);
  result = kts_import_transcript (file, NULL, NULL, 0, &error);
  g_assert_null (result);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.txt"));
  g_clear_error (&error);
  g_clear_object (&file);

  /* A folder. */
  file = g_file_new_for_path (dir);
  result = kts_import_transcript (file, NULL, NULL, 0, &error);
  g_assert_null (result);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_IO);
  g_clear_error (&error);
  g_clear_object (&file);

  /* An empty file. */
  empty = g_build_filename (dir, "empty.txt", NULL);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  file = g_file_new_for_path (empty);
  result = kts_import_transcript (file, NULL, NULL, 0, &error);
  g_assert_null (result);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.txt"));
  g_clear_error (&error);
  g_clear_object (&file);

  /* Over 256 MiB, as a sparse file: refused before reading. */
  huge = g_build_filename (dir, "huge.txt", NULL);
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)256 * 1024 * 1024 + 1), ==, 0);
  g_assert_true (g_close (fd, NULL));
  file = g_file_new_for_path (huge);
  result = kts_import_transcript (file, NULL, NULL, 0, &error);
  g_assert_null (result);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.txt"));
  g_clear_error (&error);
  g_clear_object (&file);

  g_assert_cmpint (g_remove (huge), ==, 0);
  g_assert_cmpint (g_remove (empty), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_import_file_written (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kts-import-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (KtsImportResult) result = NULL;
  g_autoptr (GByteArray) be = utf16_bytes ("Therapist: Welcome.\r\nClient: Thanks. 😀\r\n", TRUE);

  g_assert_no_error (error);
  path = g_build_filename (dir, "Session 7.transcript", NULL);
  g_assert_true (g_file_set_contents (path, (const char *)be->data, be->len, NULL));
  file = g_file_new_for_path (path);

  /* An unknown extension is read as text. */
  result = kts_import_transcript (file, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->encoding, ==, KTS_TEXT_ENCODING_UTF16BE);
  g_assert_cmpstr (kts_document_get_title (result->document), ==, "Session 7");
  g_assert_cmpstr (kts_document_get_source_name (result->document), ==, "Session 7.transcript");
  g_assert_cmpstr (kts_document_get_text (result->document), ==,
                   "Therapist: Welcome.\nClient: Thanks. 😀\n");
  assert_doc_turn (result->document, 0, "Therapist", KTS_ROLE_THERAPIST, "Therapist: Welcome.", -1);
  assert_doc_turn (result->document, 1, "Client", KTS_ROLE_CLIENT, "Client: Thanks. 😀", -1);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/decode/utf8", test_decode_utf8);
  g_test_add_func ("/import/decode/utf8-bom", test_decode_utf8_bom);
  g_test_add_func ("/import/decode/utf16", test_decode_utf16);
  g_test_add_func ("/import/decode/utf16-bad", test_decode_utf16_bad);
  g_test_add_func ("/import/decode/windows-1252", test_decode_windows_1252);
  g_test_add_func ("/import/decode/utf8-preferred", test_decode_utf8_preferred);
  g_test_add_func ("/import/decode/empty", test_decode_empty);
  g_test_add_func ("/import/decode/binary", test_decode_binary);
  g_test_add_func ("/import/normalize/newlines", test_normalize_newlines);
  g_test_add_func ("/import/normalize/xml-chars", test_normalize_xml_chars);
  g_test_add_func ("/import/roles/default", test_default_roles);
  g_test_add_func ("/import/roles/parse", test_role_parse);
  g_test_add_func ("/import/turns/t-c", test_turns_t_c);
  g_test_add_func ("/import/turns/role-words", test_turns_role_words);
  g_test_add_func ("/import/turns/names", test_turns_names);
  g_test_add_func ("/import/turns/timestamps", test_turns_timestamps);
  g_test_add_func ("/import/turns/false-positives", test_turns_false_positives);
  g_test_add_func ("/import/turns/repeated-label", test_turns_repeated_label);
  g_test_add_func ("/import/turns/tight-colon", test_turns_tight_colon);
  g_test_add_func ("/import/turns/preamble", test_turns_preamble);
  g_test_add_func ("/import/turns/overrides", test_turns_overrides);
  g_test_add_func ("/import/turns/offsets-non-ascii", test_turns_offsets_non_ascii);
  g_test_add_func ("/import/turns/invalid-utf8", test_turns_invalid_utf8);

  g_test_add_func ("/import/transcript/bytes", test_import_bytes);
  g_test_add_func ("/import/transcript/bytes-warnings", test_import_bytes_warnings);
  g_test_add_func ("/import/transcript/bytes-errors", test_import_bytes_errors);
  g_test_add_func ("/import/transcript/fixture-cp1252", test_import_fixture_cp1252);
  g_test_add_func ("/import/transcript/fixture-utf16", test_import_fixture_utf16);
  g_test_add_func ("/import/transcript/file-errors", test_import_file_errors);
  g_test_add_func ("/import/transcript/file-written", test_import_file_written);

  return g_test_run ();
}
