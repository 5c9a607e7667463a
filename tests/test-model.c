/* test-model.c: the item types of the core model, documents and the codebook.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-test"

#include "config.h"

#include <string.h>

#include "kts-core.h"
#include "kts-model-private.h"
#include "kts-test-util.h"

/* ---- Properties of every item type ------------------------------------------ */

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *)user_data)++;
}

/* Sets @value on @object and returns how many notifies it caused. */
static guint
set_and_count (GObject *object, GParamSpec *pspec, const GValue *value)
{
  g_autofree char *signal = g_strdup_printf ("notify::%s", pspec->name);
  guint            count = 0;
  gulong           id = g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), &count);

  g_object_set_property (object, pspec->name, value);
  g_signal_handler_disconnect (object, id);
  return count;
}

/* A value of @pspec's type that differs from @old. FALSE if the type is not
 * handled here (objects are checked by the callers). */
static gboolean
make_other_value (GParamSpec *pspec, const GValue *old, GValue *out)
{
  GType type = pspec->value_type;

  g_value_init (out, type);
  if (type == G_TYPE_STRING)
    {
      g_autofree char *s = g_strdup_printf ("value of %s ✓", pspec->name);
      g_value_set_string (out, s);
    }
  else if (type == G_TYPE_INT)
    {
      GParamSpecInt *p = G_PARAM_SPEC_INT (pspec);
      g_value_set_int (out,
                       g_value_get_int (old) < p->maximum ? g_value_get_int (old) + 1 : p->minimum);
    }
  else if (type == G_TYPE_UINT)
    g_value_set_uint (out, g_value_get_uint (old) + 7);
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (out, !g_value_get_boolean (old));
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (out, g_value_get_double (old) + 1.5);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (type);
      int v = klass->values[0].value;

      if (v == g_value_get_enum (old))
        v = klass->values[1].value;
      g_value_set_enum (out, v);
    }
  else
    {
      g_value_unset (out);
      return FALSE;
    }
  return TRUE;
}

/* Every writable property notifies exactly once per real change, never on
 * a no-op set; strings store NULL for "". */
static void
check_properties (GObject *object)
{
  guint                   n = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  guint                   n_checked = 0;

  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto (GValue) old = G_VALUE_INIT;
      g_auto (GValue) other = G_VALUE_INIT;
      g_auto (GValue) now = G_VALUE_INIT;

      if ((pspec->flags & G_PARAM_WRITABLE) == 0 || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_assert_true ((pspec->flags & G_PARAM_EXPLICIT_NOTIFY) != 0);

      g_value_init (&old, pspec->value_type);
      g_object_get_property (object, pspec->name, &old);
      if (!make_other_value (pspec, &old, &other))
        continue;

      g_assert_cmpuint (set_and_count (object, pspec, &other), ==, 1);
      g_value_init (&now, pspec->value_type);
      g_object_get_property (object, pspec->name, &now);
      g_assert_cmpint (g_param_values_cmp (pspec, &now, &other), ==, 0);
      /* The same value again changes nothing. */
      g_assert_cmpuint (set_and_count (object, pspec, &other), ==, 0);

      if (pspec->value_type == G_TYPE_STRING)
        {
          g_auto (GValue) empty = G_VALUE_INIT;
          g_auto (GValue) after = G_VALUE_INIT;

          g_value_init (&empty, G_TYPE_STRING);
          g_value_set_static_string (&empty, "");
          g_assert_cmpuint (set_and_count (object, pspec, &empty), ==, 1);
          g_value_init (&after, G_TYPE_STRING);
          g_object_get_property (object, pspec->name, &after);
          g_assert_null (g_value_get_string (&after));
          g_assert_cmpuint (set_and_count (object, pspec, &empty), ==, 0);
        }
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

static void
test_item_guid (void)
{
  g_autoptr (KtsCode) random = kts_code_new (NULL, "A");
  g_autoptr (KtsCode) upper = kts_code_new ("6F9619FF-8B86-D011-B42D-00C04FC964FF", "B");
  g_autoptr (KtsCode) other = kts_code_new (NULL, "C");
  g_autofree char *fresh = kts_guid_new ();

  g_assert_true (kts_guid_is_valid (kts_item_get_guid (KTS_ITEM (random))));
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (random)), !=, kts_item_get_guid (KTS_ITEM (other)));
  g_assert_cmpstr (kts_item_get_guid (KTS_ITEM (upper)), ==,
                   "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  g_assert_true (kts_guid_is_valid (fresh));
  g_assert_false (kts_guid_is_valid ("not-a-guid"));
}

static void
test_code_properties (void)
{
  g_autoptr (KtsCode) code = kts_code_new (NULL, "Silence");
  g_autoptr (KtsCode) child = kts_code_new (NULL, "Long silence");

  g_assert_cmpstr (kts_code_get_name (code), ==, "Silence");
  g_assert_null (kts_code_get_key (code));
  g_assert_cmpstr (kts_code_get_display_key (code), ==, "Silence");
  g_assert_true (kts_code_get_codable (code));
  g_assert_cmpint (kts_code_get_shortcut (code), ==, 0);
  g_assert_cmpint (kts_code_get_dimension (code), ==, KTS_DIMENSION_NONE);
  g_assert_null (kts_code_get_parent (code));
  g_assert_cmpuint (g_list_model_get_n_items (kts_code_get_children (code)), ==, 0);

  g_object_set (code, "key", "RUP.W.silence", "maps-to", "x", "unit", "turn", "family", "landmark",
                "blatt-rank", 3, NULL);
  g_assert_cmpstr (kts_code_get_display_key (code), ==, "RUP.W.silence");
  g_assert_cmpstr (kts_code_get_maps_to (code), ==, "x");
  g_assert_cmpstr (kts_code_get_unit (code), ==, "turn");
  g_assert_cmpstr (kts_code_get_family (code), ==, "landmark");
  g_assert_cmpint (kts_code_get_blatt_rank (code), ==, 3);

  check_properties (G_OBJECT (code));

  /* Tree links (normally made by the project). */
  g_list_store_append (_kts_code_get_children_store (code), child);
  _kts_code_set_parent (child, code);
  g_assert_true (kts_code_get_parent (child) == code);
  g_assert_cmpuint (kts_code_get_depth (child), ==, 1);
  g_assert_true (kts_code_is_descendant_of (child, code));
  g_assert_true (kts_code_is_descendant_of (code, code));
  g_assert_false (kts_code_is_descendant_of (code, child));

  /* A child that outlives its parent does not point at it. */
  g_clear_object (&code);
  g_assert_null (kts_code_get_parent (child));
}

static void
test_simple_item_properties (void)
{
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, "Ada Analyst");
  g_autoptr (KtsCase) kase = kts_case_new (NULL, "a");
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, "a-1");
  g_autoptr (KtsMove) move = kts_move_new (NULL, "Withdraws");
  g_autoptr (KtsMove) move2 = kts_move_new (NULL, "Responds");
  g_autoptr (KtsEdge) edge = kts_edge_new (NULL, KTS_EDGE_ESCALATES, move, move2);
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "S1", "text");
  g_autoptr (KtsCodebook) codebook = kts_codebook_new ();
  double x = -1, y = -1;

  g_assert_cmpstr (kts_coder_get_name (coder), ==, "Ada Analyst");
  g_assert_cmpstr (kts_case_get_label (kase), ==, "a");
  g_assert_cmpint (kts_case_get_client_age (kase), ==, 0);
  g_assert_cmpstr (kts_episode_get_name (episode), ==, "a-1");
  g_assert_cmpint (kts_episode_get_status (episode), ==, KTS_EPISODE_STATUS_DRAFT);
  g_assert_cmpstr (kts_move_get_label (move), ==, "Withdraws");
  g_assert_cmpint (kts_move_get_interpretation (move), ==, KTS_INTERPRETATION_PARTICIPANT);
  g_assert_false (kts_move_get_position (move, &x, &y));
  g_assert_cmpfloat (x, ==, 0);
  g_assert_true (kts_edge_get_source (edge) == move);
  g_assert_true (kts_edge_get_target (edge) == move2);
  g_assert_cmpint (kts_edge_get_edge_type (edge), ==, KTS_EDGE_ESCALATES);
  g_assert_cmpint (kts_codebook_get_version (codebook), ==, 1);

  check_properties (G_OBJECT (coder));
  check_properties (G_OBJECT (kase));
  check_properties (G_OBJECT (episode));
  check_properties (G_OBJECT (move));
  check_properties (G_OBJECT (edge));
  check_properties (G_OBJECT (document));
  check_properties (G_OBJECT (codebook));

  g_object_set (move, "has-position", TRUE, "x", 12.5, "y", -3.0, NULL);
  g_assert_true (kts_move_get_position (move, &x, &y));
  g_assert_cmpfloat (x, ==, 12.5);
  g_assert_cmpfloat (y, ==, -3.0);

  /* Episode links are objects. */
  g_object_set (episode, "case", kase, "document", document, NULL);
  g_assert_true (kts_episode_get_case (episode) == kase);
  g_assert_true (kts_episode_get_document (episode) == document);
}

static void
test_coding_properties (void)
{
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "S1", "Hello, wörld!");
  g_autoptr (KtsCode) code = kts_code_new (NULL, "Greeting");
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, "Ada");
  g_autoptr (KtsCoding) coding = kts_coding_new (NULL, document, 7, 12, code);
  g_autoptr (KtsCoding) same_range = kts_coding_new (NULL, document, 7, 12, code);
  g_autoptr (KtsCoding) later = kts_coding_new (NULL, document, 8, 9, code);
  g_autoptr (KtsCoding) longer = kts_coding_new (NULL, document, 7, 13, code);
  g_autofree char *text = NULL;
  guint            count = 0;

  g_assert_true (kts_coding_get_document (coding) == document);
  g_assert_cmpuint (kts_coding_get_start (coding), ==, 7);
  g_assert_cmpuint (kts_coding_get_end (coding), ==, 12);
  g_assert_true (kts_coding_get_code (coding) == code);
  g_assert_null (kts_coding_get_coder (coding));
  g_assert_cmpint (kts_coding_get_actor (coding), ==, KTS_ACTOR_UNSET);
  text = kts_coding_dup_text (coding);
  g_assert_cmpstr (text, ==, "wörld");

  check_properties (G_OBJECT (coding));

  g_signal_connect (coding, "notify::coder", G_CALLBACK (count_notify_cb), &count);
  g_object_set (coding, "coder", coder, NULL);
  g_object_set (coding, "coder", coder, NULL);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (kts_coding_get_coder (coding) == coder);

  _kts_coding_set_created (coding, 1700000000);
  g_assert_cmpint (kts_coding_get_created (coding), ==, 1700000000);

  /* Order: start, then end, then guid. */
  g_assert_cmpint (kts_coding_compare (coding, later, NULL), <, 0);
  g_assert_cmpint (kts_coding_compare (coding, longer, NULL), <, 0);
  g_assert_cmpint (kts_coding_compare (later, longer, NULL), >, 0);
  g_assert_cmpint (kts_coding_compare (coding, coding, NULL), ==, 0);
  g_assert_cmpint (kts_coding_compare (coding, same_range, NULL), ==,
                   -kts_coding_compare (same_range, coding, NULL));
  g_assert_cmpint (kts_coding_compare (coding, same_range, NULL), !=, 0);
}

/* A coding outside its document keeps it alive; inside it does not (no
 * reference cycle), and it forgets a document that goes away. */
static void
test_coding_document_link (void)
{
  KtsDocument *document = kts_document_new (NULL, "S1", "abcdef");
  KtsCoding   *coding = kts_coding_new (NULL, document, 1, 3, NULL);
  gpointer     weak_document = document;
  gpointer     weak_coding = coding;

  g_object_add_weak_pointer (G_OBJECT (document), &weak_document);
  g_object_add_weak_pointer (G_OBJECT (coding), &weak_coding);

  /* Detached: the coding keeps its document alive. */
  g_object_unref (document);
  g_assert_nonnull (weak_document);
  g_assert_cmpstr (kts_document_get_title (kts_coding_get_document (coding)), ==, "S1");

  g_object_ref (document);
  _kts_document_add_coding (document, coding);
  g_assert_cmpuint (g_list_model_get_n_items (kts_document_get_codings (document)), ==, 1);
  g_assert_true (_kts_document_remove_coding (document, coding));
  g_assert_cmpuint (g_list_model_get_n_items (kts_document_get_codings (document)), ==, 0);
  _kts_document_add_coding (document, coding);

  /* Attached: only the store holds the coding, only we hold the document. */
  g_object_unref (coding);
  g_assert_nonnull (weak_coding);
  g_object_unref (document);
  g_assert_null (weak_document);
  g_assert_null (weak_coding);
}

/* A coding that outlives its document (held elsewhere) forgets it. */
static void
test_coding_outlives_document (void)
{
  KtsDocument     *document = kts_document_new (NULL, "S1", "abcdef");
  KtsCoding       *coding = kts_coding_new (NULL, document, 1, 3, NULL);
  g_autofree char *text = NULL;

  _kts_document_add_coding (document, coding);
  g_object_unref (document);
  g_assert_null (kts_coding_get_document (coding));
  text = kts_coding_dup_text (coding);
  g_assert_null (text);
  g_object_unref (coding);
}

/* ---- Documents -------------------------------------------------------------- */

static void
check_offsets (const char *text)
{
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "T", text);
  guint n = g_utf8_strlen (text, -1);

  g_assert_cmpuint (kts_document_get_n_characters (document), ==, n);
  g_assert_cmpuint (kts_document_get_text_size (document), ==, strlen (text));
  g_assert_cmpstr (kts_document_get_text (document), ==, text);
  g_assert_true (kts_document_get_text (document) != text);

  for (guint i = 0; i <= n; i++)
    g_assert_cmpuint (kts_document_offset_to_byte (document, i), ==,
                      (gsize)(g_utf8_offset_to_pointer (text, i) - text));

  for (guint start = 0; start <= n; start += 1 + start / 3)
    for (guint end = start; end <= n; end += 1 + end / 5)
      {
        g_autofree char *slice = kts_document_dup_slice (document, start, end);
        g_autofree char *expected = g_utf8_substring (text, start, end);

        g_assert_cmpstr (slice, ==, expected);
      }
}

static void
test_document_offsets_ascii (void)
{
  g_autoptr (GString) text = g_string_new (NULL);

  check_offsets ("");
  check_offsets ("T: Hello\nC: Hi\n");
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "line %u\n", i);
  check_offsets (text->str);
}

static void
test_document_offsets_unicode (void)
{
  static const char *pieces[] = { "a", "é", "€", "👋", "中", "\n", "ß", "𝄞", " ", "x" };
  g_autoptr (GString) text = g_string_new (NULL);

  check_offsets ("é");
  check_offsets ("👋");
  check_offsets ("Grüß Gott 👋 🙂\n");

  /* Long enough to cross many index steps, with non-BMP characters at and
   * around the step boundaries. */
  for (guint i = 0; i < 1500; i++)
    g_string_append (text, pieces[(i * 7 + i / 13) % G_N_ELEMENTS (pieces)]);
  check_offsets (text->str);

  /* Exactly a multiple of the index step. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 128; i++)
    g_string_append (text, "👋");
  check_offsets (text->str);
}

/* A transcript of three million characters: offsets are right everywhere
 * (checked against one linear walk, so the test stays linear too). */
static void
test_document_offsets_large (void)
{
  static const char *pieces[] = { "Mm, ", "ja. ", "weiß ", "👋", "\n", "é", "ok " };
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (KtsDocument) document = NULL;
  g_autoptr (KtsDocument) ascii = NULL;
  const char *p;
  guint       n = 0;

  while (n < 3000000)
    {
      const char *piece = pieces[(n * 31 + n / 7) % G_N_ELEMENTS (pieces)];

      g_string_append (text, piece);
      n += g_utf8_strlen (piece, -1);
    }
  document = kts_document_new (NULL, "long", text->str);
  g_assert_cmpuint (kts_document_get_n_characters (document), ==, n);

  p = text->str;
  for (guint offset = 0; offset <= n; offset++)
    {
      if (offset % 1009 == 0 || offset + 70 > n || (offset % 64) < 2 || (offset % 64) > 62)
        g_assert_cmpuint (kts_document_offset_to_byte (document, offset), ==,
                          (gsize)(p - text->str));
      if (offset < n)
        p = g_utf8_next_char (p);
    }

  {
    g_autofree char *tail = kts_document_dup_slice (document, n - 3, n);
    g_autofree char *expected = g_utf8_substring (text->str, n - 3, n);

    g_assert_cmpstr (tail, ==, expected);
  }

  /* Pure ASCII: the identity. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 375000; i++)
    g_string_append (text, "T: ok.\n\n");
  ascii = kts_document_new (NULL, "ascii", text->str);
  g_assert_cmpuint (kts_document_get_n_characters (ascii), ==, 3000000);
  g_assert_cmpuint (kts_document_offset_to_byte (ascii, 2999999), ==, 2999999);
  g_assert_cmpuint (kts_document_offset_to_byte (ascii, 3000000), ==, 3000000);
}

static void
test_document_invalid_utf8 (void)
{
  g_autoptr (KtsDocument) document = NULL;

  g_test_expect_message ("kts-document", G_LOG_LEVEL_WARNING, "*not valid UTF-8*");
  document = kts_document_new (NULL, "bad",
                               "ab\xff"
                               "cd");
  g_test_assert_expected_messages ();
  g_assert_true (g_utf8_validate (kts_document_get_text (document), -1, NULL));
}

static void
test_document_turns (void)
{
  /* 0         1         2
   * 0123456789012345678901234 */
  const char *text = "T: Hi.\nC: Hello.\n[note]\nX";
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "Session 1", text);
  g_autoptr (GError) error = NULL;
  KtsSpeaker speakers[] = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  KtsTurn    turns[] = { { 0, 0, 7, -1 }, { 1, 7, 17, 1500 }, { -1, 17, 24, -1 } };
  KtsTurn    bad[3];
  guint      n = kts_document_get_n_characters (document);

  g_assert_cmpuint (n, ==, 25);
  g_assert_true (kts_document_set_turns (document, speakers, 2, turns, 3, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (kts_document_get_n_speakers (document), ==, 2);
  g_assert_cmpstr (kts_document_get_speaker (document, 1)->label, ==, "C");
  g_assert_true (kts_document_get_speaker (document, 1)->label != speakers[1].label);
  g_assert_cmpint (kts_document_find_speaker (document, "C"), ==, 1);
  g_assert_cmpint (kts_document_find_speaker (document, "Z"), ==, -1);
  g_assert_cmpuint (kts_document_get_n_turns (document), ==, 3);
  g_assert_cmpint (kts_document_get_turn (document, 1)->timestamp_ms, ==, 1500);
  g_assert_cmpint (kts_document_get_turn_role (document, 0), ==, KTS_ROLE_THERAPIST);
  g_assert_cmpint (kts_document_get_turn_role (document, 1), ==, KTS_ROLE_CLIENT);
  g_assert_cmpint (kts_document_get_turn_role (document, 2), ==, KTS_ROLE_OTHER);

  g_assert_cmpint (kts_document_find_turn (document, 0), ==, 0);
  g_assert_cmpint (kts_document_find_turn (document, 6), ==, 0);
  g_assert_cmpint (kts_document_find_turn (document, 7), ==, 1);
  g_assert_cmpint (kts_document_find_turn (document, 16), ==, 1);
  g_assert_cmpint (kts_document_find_turn (document, 17), ==, 2);
  g_assert_cmpint (kts_document_find_turn (document, 24), ==, -1);
  g_assert_cmpint (kts_document_find_turn (document, 25), ==, -1);
  g_assert_cmpint (kts_document_find_turn (document, 1000), ==, -1);

  /* Every kind of bad turn list is refused and changes nothing. */
  memcpy (bad, turns, sizeof bad);
  bad[1].end = bad[1].start;
  g_assert_false (kts_document_set_turns (document, speakers, 2, bad, 3, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Session 1"));
  g_clear_error (&error);

  memcpy (bad, turns, sizeof bad);
  bad[2].end = n + 1;
  g_assert_false (kts_document_set_turns (document, speakers, 2, bad, 3, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "25"));
  g_clear_error (&error);

  memcpy (bad, turns, sizeof bad);
  bad[1].start = 5; /* overlaps turn 0 */
  g_assert_false (kts_document_set_turns (document, speakers, 2, bad, 3, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  memcpy (bad, turns, sizeof bad);
  bad[0] = turns[1];
  bad[1] = turns[0]; /* unsorted */
  g_assert_false (kts_document_set_turns (document, speakers, 2, bad, 3, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  memcpy (bad, turns, sizeof bad);
  bad[0].speaker = 2;
  g_assert_false (kts_document_set_turns (document, speakers, 2, bad, 3, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  memcpy (bad, turns, sizeof bad);
  bad[0].speaker = -2;
  g_assert_false (kts_document_set_turns (document, speakers, 2, bad, 3, &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_cmpuint (kts_document_get_n_turns (document), ==, 3);
  g_assert_cmpuint (kts_document_get_n_speakers (document), ==, 2);
  g_assert_cmpuint (kts_document_get_turn (document, 1)->start, ==, 7);

  /* Replacing with nothing is fine. */
  g_assert_true (kts_document_set_turns (document, NULL, 0, NULL, 0, &error));
  g_assert_cmpuint (kts_document_get_n_turns (document), ==, 0);
  g_assert_cmpint (kts_document_find_turn (document, 0), ==, -1);

  /* Speaker roles (private setter used by the project's command). */
  g_assert_true (kts_document_set_turns (document, speakers, 2, turns, 3, &error));
  _kts_document_set_speaker_role (document, 0, KTS_ROLE_INTERVIEWER);
  g_assert_cmpint (kts_document_get_turn_role (document, 0), ==, KTS_ROLE_INTERVIEWER);
}

static void
test_document_find_turn_many (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (KtsDocument) document = NULL;
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (GError) error = NULL;
  KtsSpeaker speaker = { (char *)"T", KTS_ROLE_THERAPIST };

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "T: ok\n");
  document = kts_document_new (NULL, "long", text->str);
  /* Turns cover the first 5 of every 6 characters; the newline is outside. */
  for (guint i = 0; i < 1000; i++)
    {
      KtsTurn t = { 0, i * 6, i * 6 + 5, -1 };
      g_array_append_val (turns, t);
    }
  g_assert_true (
      kts_document_set_turns (document, &speaker, 1, (KtsTurn *)turns->data, turns->len, &error));
  for (guint offset = 0; offset < 6000; offset++)
    g_assert_cmpint (kts_document_find_turn (document, offset), ==,
                     offset % 6 == 5 ? -1 : (int)(offset / 6));
}

static void
test_document_attributes (void)
{
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "S", "x");
  g_autoptr (GPtrArray) names = NULL;

  g_assert_null (kts_document_get_attribute (document, "case"));
  _kts_document_set_attribute (document, "case", "a");
  _kts_document_set_attribute (document, "session", "4");
  _kts_document_set_attribute (document, "date", "2026-01-02");
  _kts_document_set_attribute (document, "session", "5");
  g_assert_cmpstr (kts_document_get_attribute (document, "session"), ==, "5");

  names = kts_document_list_attributes (document);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (names->pdata[0], ==, "case");
  g_assert_cmpstr (names->pdata[1], ==, "session");
  g_assert_cmpstr (names->pdata[2], ==, "date");
  g_clear_pointer (&names, g_ptr_array_unref);

  _kts_document_set_attribute (document, "session", NULL);
  g_assert_null (kts_document_get_attribute (document, "session"));
  g_assert_cmpint (_kts_document_get_attribute_position (document, "date"), ==, 1);
  _kts_document_insert_attribute (document, "session", "5", 1);
  names = kts_document_list_attributes (document);
  g_assert_cmpstr (names->pdata[1], ==, "session");
  g_assert_cmpstr (names->pdata[2], ==, "date");
}

static void
test_document_codings_sorted (void)
{
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "S", "0123456789");
  GListModel *codings = kts_document_get_codings (document);
  guint       starts[] = { 5, 1, 9, 1, 0, 3 };
  guint       ends[] = { 6, 4, 10, 2, 10, 4 };
  KtsCoding  *all[G_N_ELEMENTS (starts)];
  guint       position;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      all[i] = kts_coding_new (NULL, document, starts[i], ends[i], NULL);
      _kts_document_add_coding (document, all[i]);
    }
  for (guint i = 1; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) a = g_list_model_get_item (codings, i - 1);
      g_autoptr (KtsCoding) b = g_list_model_get_item (codings, i);

      g_assert_cmpint (kts_coding_compare (a, b, NULL), <, 0);
    }
  g_assert_true (_kts_document_find_coding (document, all[4], &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (_kts_document_remove_coding (document, all[4]));
  g_assert_false (_kts_document_find_coding (document, all[4], &position));
  g_assert_false (_kts_document_remove_coding (document, all[4]));
  g_assert_cmpuint (g_list_model_get_n_items (codings), ==, G_N_ELEMENTS (starts) - 1);

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    g_object_unref (all[i]);
}

/* ---- Moves ------------------------------------------------------------------ */

static void
test_move_anchors (void)
{
  g_autoptr (KtsDocument) document = kts_document_new (NULL, "S", "Ich weiß nicht.");
  g_autoptr (KtsCoding) a = kts_coding_new (NULL, document, 4, 8, NULL);
  g_autoptr (KtsCoding) b = kts_coding_new (NULL, document, 0, 3, NULL);
  g_autoptr (KtsMove) move = kts_move_new (NULL, "Hesitates");
  g_autofree char *quote = NULL;
  KtsCoding       *anchors[] = { a, b };
  guint            count = 0;

  g_assert_null (kts_move_dup_primary_quote (move));
  g_signal_connect (move, "notify::anchors", G_CALLBACK (count_notify_cb), &count);
  _kts_move_set_anchors (move, anchors, 2);
  _kts_move_set_anchors (move, anchors, 2);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (kts_move_get_anchors (move)->len, ==, 2);
  g_assert_true (g_ptr_array_index (kts_move_get_anchors (move), 1) == b);

  quote = kts_move_dup_primary_quote (move);
  g_assert_cmpstr (quote, ==, "weiß");
  g_clear_pointer (&quote, g_free);

  g_object_set (move, "quote", "I don't know.", NULL);
  quote = kts_move_dup_primary_quote (move);
  g_assert_cmpstr (quote, ==, "I don't know.");
}

/* ---- Codebook ---------------------------------------------------------------- */

static void
test_codebook_indexes (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  KtsCodebook *codebook = kts_project_get_codebook (project);
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (codebook);
  static const char *order[] = { "SD",  "SD.isolation", "SD.autonomy",  "REL", "REL.closeness",
                                 "RUP", "RUP.W",        "RUP.W.silence" };
  KtsCode           *silence;

  g_assert_cmpuint (kts_codebook_get_n_codes (codebook), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (kts_codebook_get_roots (codebook)), ==, 3);
  g_assert_cmpuint (codes->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpstr (kts_code_get_key (codes->pdata[i]), ==, order[i]);

  silence = kts_codebook_lookup_key (codebook, "RUP.W.silence");
  g_assert_nonnull (silence);
  g_assert_cmpstr (kts_code_get_name (silence), ==, "Silence");
  g_assert_cmpuint (kts_code_get_depth (silence), ==, 2);
  g_assert_true (kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000008")
                 == silence);
  g_assert_null (kts_codebook_lookup_key (codebook, "nope"));
  g_assert_null (kts_codebook_lookup_guid (codebook, "00000000-0000-4000-8000-000000000099"));
  g_assert_true (kts_codebook_lookup_shortcut (codebook, 4) == silence);
  g_assert_null (kts_codebook_lookup_shortcut (codebook, 9));
  g_assert_null (kts_codebook_lookup_shortcut (codebook, 0));
}

static void
test_codebook_resolve (void)
{
  g_autoptr (KtsProject) project = kts_test_make_project ();
  KtsCodebook *codebook = kts_project_get_codebook (project);
  KtsCode     *silence = kts_codebook_lookup_key (codebook, "RUP.W.silence");
  KtsCode     *closeness = kts_codebook_lookup_key (codebook, "REL.closeness");
  g_autoptr (KtsCode) twin = kts_code_new (NULL, "Silence");
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_codebook_resolve (codebook, "00000000-0000-4000-8000-000000000008", &error)
                 == silence);
  g_assert_true (kts_codebook_resolve (codebook, "RUP.W.silence", &error) == silence);
  g_assert_true (kts_codebook_resolve (codebook, "Silence", &error) == silence);
  g_assert_true (kts_codebook_resolve (codebook, "closeness", &error) == closeness);
  g_assert_no_error (error);

  g_assert_null (kts_codebook_resolve (codebook, "Nothing like it", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nothing like it"));
  g_clear_error (&error);

  /* A second code named "Silence" makes the name ambiguous. */
  g_object_set (twin, "key", "SD.silence", NULL);
  g_assert_true (kts_project_add_code (project, twin, NULL, -1, &error));
  g_assert_null (kts_codebook_resolve (codebook, "Silence", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "RUP.W.silence"));
  g_assert_nonnull (strstr (error->message, "SD.silence"));
  g_clear_error (&error);

  /* Keys still resolve. */
  g_assert_true (kts_codebook_resolve (codebook, "SD.silence", &error) == twin);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/item/guid", test_item_guid);
  g_test_add_func ("/model/code/properties", test_code_properties);
  g_test_add_func ("/model/items/properties", test_simple_item_properties);
  g_test_add_func ("/model/coding/properties", test_coding_properties);
  g_test_add_func ("/model/coding/document-link", test_coding_document_link);
  g_test_add_func ("/model/coding/outlives-document", test_coding_outlives_document);
  g_test_add_func ("/model/document/offsets-ascii", test_document_offsets_ascii);
  g_test_add_func ("/model/document/offsets-unicode", test_document_offsets_unicode);
  g_test_add_func ("/model/document/offsets-large", test_document_offsets_large);
  g_test_add_func ("/model/document/invalid-utf8", test_document_invalid_utf8);
  g_test_add_func ("/model/document/turns", test_document_turns);
  g_test_add_func ("/model/document/find-turn-many", test_document_find_turn_many);
  g_test_add_func ("/model/document/attributes", test_document_attributes);
  g_test_add_func ("/model/document/codings-sorted", test_document_codings_sorted);
  g_test_add_func ("/model/move/anchors", test_move_anchors);
  g_test_add_func ("/model/codebook/indexes", test_codebook_indexes);
  g_test_add_func ("/model/codebook/resolve", test_codebook_resolve);

  return g_test_run ();
}
