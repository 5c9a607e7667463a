/* test-transcript-view.c: tests of the transcript view widget, its coding
 * index and its turn styling (suite 'ui', under Xvfb).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-transcript-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kts-core.h"
#include "kts-transcript-index.h"
#include "kts-transcript-turns.h"
#include "kts-transcript-view-private.h"
#include "kts-transcript-view.h"

static const char *const INTRO[] = {
  "T: [00:00:05] Guten Tag, wie geht es Ihnen heute? 🙂",
  "C: Ehrlich gesagt, nicht so gut. Ich habe schlecht geschlafen.",
  "T: Das tut mir leid. Möchten Sie erzählen, was los war?",
  "C: Mein Chef hat mich kritisiert — vor allen anderen. 😞 Ich war wütend.",
  "T (00:01:12): Das klingt verletzend. Was haben Sie in dem Moment gespürt?",
  "C: Scham, glaube ich. Und dann Ärger über mich selbst.",
};

#define N_FILLER 400

typedef struct
{
  KtsProject        *project;
  KtsDocument       *doc;
  KtsCode           *red;
  KtsCode           *blue;
  KtsCode           *green;
  KtsCode           *green_child;
  KtsCoder          *anna;
  KtsCoder          *ben;
  GtkWidget         *window;
  KtsTranscriptView *view;
} Fixture;

/* ---- Helpers ------------------------------------------------------------- */

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

static guint
n_paints (Fixture *f)
{
  KtsTranscriptViewStats stats;

  _kts_transcript_view_get_stats (f->view, &stats);
  return stats.n_below_paints;
}

static void
wait_paint (Fixture *f)
{
  guint  before = n_paints (f);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (_kts_transcript_view_get_text_view (f->view)));
  while (n_paints (f) == before && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  g_assert_cmpuint (n_paints (f), >, before);
}

/* Code point offset of the first @needle in the document. */
static guint
off (Fixture *f, const char *needle)
{
  const char *text = kts_document_get_text (f->doc);
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

static guint
off_end (Fixture *f, const char *needle)
{
  return off (f, needle) + g_utf8_strlen (needle, -1);
}

static KtsCode *
add_code (KtsProject *project, const char *name, const char *color, KtsCode *parent)
{
  g_autoptr (GError) error = NULL;
  KtsCode *code = kts_code_new (NULL, name);

  g_object_set (code, "color", color, NULL);
  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
  g_object_unref (code);
  return code;
}

static KtsCoding *
apply (Fixture *f, guint start, guint end, KtsCode *code, KtsCoder *coder)
{
  g_autoptr (GError) error = NULL;
  KtsCoding *coding = kts_project_apply_code (f->project, f->doc, start, end, code, coder,
                                              KTS_ACTOR_CLIENT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (coding);
  return coding;
}

static KtsDocument *
make_document (const char *title, guint n_filler)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (GError) error = NULL;
  KtsSpeaker speakers[2]
      = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  KtsDocument *doc;
  guint        offset = 0;

  for (guint i = 0; i < G_N_ELEMENTS (INTRO) + n_filler; i++)
    {
      g_autofree char *filler = NULL;
      const char      *line;
      KtsTurn          turn;

      if (i < G_N_ELEMENTS (INTRO))
        line = INTRO[i];
      else
        line = filler = g_strdup_printf ("%s: Filler turn %u, to make the transcript long enough "
                                         "that its end is far below the window.",
                                         i % 2 ? "C" : "T", i);
      turn.speaker = line[0] == 'T' ? 0 : 1;
      turn.start = offset;
      turn.end = offset + g_utf8_strlen (line, -1);
      turn.timestamp_ms = -1;
      g_array_append_val (turns, turn);
      g_string_append (text, line);
      g_string_append_c (text, '\n');
      offset = turn.end + 1;
    }

  doc = kts_document_new (NULL, title, text->str);
  g_assert_true (
      kts_document_set_turns (doc, speakers, 2, (KtsTurn *)turns->data, turns->len, &error));
  g_assert_no_error (error);
  return doc;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->project = kts_project_new ();
  f->red = add_code (f->project, "Confrontation", "#e01b24", NULL);
  f->blue = add_code (f->project, "Withdrawal", "#1c71d8", NULL);
  f->green = add_code (f->project, "Repair", "#2ec27e", NULL);
  f->green_child = add_code (f->project, "Validation", "#26a269", f->green);
  f->anna = kts_coder_new (NULL, "Anna");
  f->ben = kts_coder_new (NULL, "Ben");
  g_assert_true (kts_project_add_coder (f->project, f->anna, &error));
  g_assert_true (kts_project_add_coder (f->project, f->ben, &error));
  g_object_unref (f->anna);
  g_object_unref (f->ben);

  f->doc = make_document ("Session 4", N_FILLER);
  g_assert_true (kts_project_add_document (f->project, f->doc, -1, &error));
  g_assert_no_error (error);
  g_object_unref (f->doc);

  f->view = KTS_TRANSCRIPT_VIEW (kts_transcript_view_new ());
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 640);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
}

static void
fixture_show (Fixture *f)
{
  gtk_window_present (GTK_WINDOW (f->window));
  kts_transcript_view_set_document (f->view, f->project, f->doc);
  wait_paint (f);
  spin (100);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (20);
  g_clear_object (&f->project);
}

/* ---- Index ---------------------------------------------------------------- */

/* kts_coding_compare() takes the items; GPtrArray sorting hands pointers to them. */
static int
compare_codings (gconstpointer a, gconstpointer b)
{
  return kts_coding_compare (*(gpointer *)a, *(gpointer *)b, NULL);
}

static void
test_index_query (void)
{
  g_autoptr (KtsTranscriptIndex) index = kts_transcript_index_new ();
  g_autoptr (KtsDocument) doc = NULL;
  g_autoptr (GPtrArray) codings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (KtsCode) code = kts_code_new (NULL, "X");
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *text = g_strnfill (20000, 'a');

  doc = kts_document_new (NULL, "t", text);
  /* Random intervals, a few very long ones among them. */
  for (guint i = 0; i < 3000; i++)
    {
      guint start = g_rand_int_range (rand, 0, 19990);
      guint len
          = i % 500 == 0 ? g_rand_int_range (rand, 1000, 9000) : g_rand_int_range (rand, 1, 60);

      g_ptr_array_add (codings, kts_coding_new (NULL, doc, start, MIN (start + len, 20000), code));
    }
  g_ptr_array_sort (codings, compare_codings);
  for (guint i = 1; i < codings->len; i++)
    g_assert_cmpuint (kts_coding_get_start (g_ptr_array_index (codings, i - 1)), <=,
                      kts_coding_get_start (g_ptr_array_index (codings, i)));

  kts_transcript_index_rebuild (index, (KtsCoding **)codings->pdata, codings->len, NULL, NULL);
  g_assert_cmpuint (kts_transcript_index_get_n_items (index), ==, codings->len);

  for (guint q = 0; q < 300; q++)
    {
      guint qs = g_rand_int_range (rand, 0, 20000);
      guint qe = qs + g_rand_int_range (rand, 0, 400);
      guint expected = 0;

      g_array_set_size (found, 0);
      kts_transcript_index_query (index, qs, qe, found);
      for (guint i = 0; i < codings->len; i++)
        {
          KtsCoding *c = g_ptr_array_index (codings, i);
          guint      e = qe > qs ? qe : qs + 1;

          if (kts_coding_get_start (c) < e && kts_coding_get_end (c) > qs)
            expected++;
        }
      g_assert_cmpuint (found->len, ==, expected);
      for (guint i = 0; i < found->len; i++)
        {
          guint pos = g_array_index (found, guint, i);
          guint e = qe > qs ? qe : qs + 1;

          g_assert_cmpuint (kts_transcript_index_get_start (index, pos), <, e);
          g_assert_cmpuint (kts_transcript_index_get_end (index, pos), >, qs);
          if (i > 0)
            g_assert_cmpuint (pos, >, g_array_index (found, guint, i - 1));
        }
    }
}

static void
test_index_columns (void)
{
  g_autoptr (KtsTranscriptIndex) index = kts_transcript_index_new ();
  g_autoptr (KtsDocument) doc
      = kts_document_new (NULL, "t", "0123456789012345678901234567890123456789");
  g_autoptr (KtsCode) code = kts_code_new (NULL, "X");
  KtsCoding *c[5];

  /* [0,10) [2,5) [4,8) [6,12) [20,30) */
  c[0] = kts_coding_new (NULL, doc, 0, 10, code);
  c[1] = kts_coding_new (NULL, doc, 2, 5, code);
  c[2] = kts_coding_new (NULL, doc, 4, 8, code);
  c[3] = kts_coding_new (NULL, doc, 6, 12, code);
  c[4] = kts_coding_new (NULL, doc, 20, 30, code);
  kts_transcript_index_rebuild (index, c, 5, NULL, NULL);

  g_assert_cmpuint (kts_transcript_index_get_column (index, 0), ==, 0);
  g_assert_cmpuint (kts_transcript_index_get_column (index, 1), ==, 1);
  g_assert_cmpuint (kts_transcript_index_get_column (index, 2), ==, 2);
  /* [2,5) ended before 6: its column is free again. */
  g_assert_cmpuint (kts_transcript_index_get_column (index, 3), ==, 1);
  g_assert_cmpuint (kts_transcript_index_get_column (index, 4), ==, 0);
  g_assert_cmpuint (kts_transcript_index_get_n_columns (index), ==, 3);
  g_assert_cmpint (kts_transcript_index_find (index, c[3]), ==, 3);
  g_assert_cmpuint (kts_transcript_index_lower_bound (index, 5), ==, 3);

  /* The same set gives the same columns. */
  kts_transcript_index_rebuild (index, c, 5, NULL, NULL);
  g_assert_cmpuint (kts_transcript_index_get_column (index, 3), ==, 1);

  for (guint i = 0; i < 5; i++)
    g_object_unref (c[i]);
}

/* ---- Turn prefixes --------------------------------------------------------------- */

static void
check_prefix (const char *line,
              const char *label,
              const char *expect_label,
              const char *expect_time,
              gboolean    turn_after_label)
{
  g_autoptr (KtsDocument) doc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strconcat ("Intro line\n", line, "\nNext\n", NULL);
  KtsSpeaker       speaker = { (char *)label, KTS_ROLE_CLIENT };
  KtsTurn          turn;
  KtsTurnPrefix    prefix;
  guint            line_start = 11;

  doc = kts_document_new (NULL, "t", text);
  turn.speaker = 0;
  turn.start = line_start;
  if (turn_after_label)
    turn.start += g_utf8_strlen (expect_label, -1) + 1;
  turn.end = line_start + g_utf8_strlen (line, -1);
  turn.timestamp_ms = -1;
  g_assert_true (kts_document_set_turns (doc, &speaker, 1, &turn, 1, &error));

  kts_transcript_scan_turn (doc, 0, &prefix);
  if (expect_label != NULL)
    {
      g_autofree char *got = kts_document_dup_slice (doc, prefix.label_start, prefix.label_end);

      g_assert_cmpstr (got, ==, expect_label);
    }
  else
    g_assert_cmpuint (prefix.label_start, ==, prefix.label_end);
  if (expect_time != NULL)
    {
      g_autofree char *got = kts_document_dup_slice (doc, prefix.time_start, prefix.time_end);

      g_assert_cmpstr (got, ==, expect_time);
    }
  else
    g_assert_cmpuint (prefix.time_start, ==, prefix.time_end);
}

static void
test_turn_prefix (void)
{
  check_prefix ("T: Hello there.", "T", "T:", NULL, FALSE);
  check_prefix ("Therapist: Hello.", "Therapist", "Therapist:", NULL, FALSE);
  check_prefix ("therapist : Hello.", "Therapist", "therapist :", NULL, FALSE);
  check_prefix ("[00:12:34] C: Yes.", "C", "C:", "[00:12:34]", FALSE);
  check_prefix ("C: (01:02) Yes.", "C", "C:", "(01:02)", FALSE);
  check_prefix ("T (00:01:12): Das klingt verletzend.", "T", "T (00:01:12):", "(00:01:12)", FALSE);
  check_prefix ("Thérapeute: Bonjour.", "Thérapeute", "Thérapeute:", NULL, FALSE);
  check_prefix ("Anna: Well, maybe.", "C", "Anna:", NULL, FALSE);
  /* Not a label: a sentence with a colon in it. */
  check_prefix ("I said, listen: no.", "C", NULL, NULL, FALSE);
  /* Time of day is no timestamp token. */
  check_prefix ("C: 3:45pm was late.", "C", "C:", NULL, FALSE);
  /* The turn covers only the utterance; its label is just before it. */
  check_prefix ("C: Yes, I think so.", "C", "C:", NULL, TRUE);
}

/* ---- The widget ------------------------------------------------------------------ */

static void
test_buffer_text (Fixture *f, gconstpointer data)
{
  GtkTextBuffer   *buffer;
  GtkTextIter      s, e;
  g_autofree char *text = NULL;
  g_autofree char *other_text = NULL;
  g_autoptr (KtsDocument) shown = NULL;
  g_autoptr (GError) error = NULL;
  KtsDocument           *other;
  KtsTranscriptViewStats stats;

  fixture_show (f);
  buffer = gtk_text_view_get_buffer (_kts_transcript_view_get_text_view (f->view));
  gtk_text_buffer_get_bounds (buffer, &s, &e);
  text = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  g_assert_cmpstr (text, ==, kts_document_get_text (f->doc));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==,
                   kts_document_get_n_characters (f->doc));
  g_assert_true (kts_transcript_view_get_document (f->view) == f->doc);
  g_assert_true (kts_transcript_view_get_project (f->view) == f->project);
  g_object_get (f->view, "document", &shown, NULL);
  g_assert_true (shown == f->doc);

  /* Swapping documents swaps everything, and the old one is not observed. */
  other = make_document ("Other", 3);
  g_assert_true (kts_project_add_document (f->project, other, -1, &error));
  g_assert_no_error (error);
  g_object_unref (other);
  apply (f, off (f, "Ehrlich"), off_end (f, "gesagt"), f->red, NULL);
  kts_transcript_view_set_document (f->view, f->project, other);
  buffer = gtk_text_view_get_buffer (_kts_transcript_view_get_text_view (f->view));
  gtk_text_buffer_get_bounds (buffer, &s, &e);
  other_text = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
  g_assert_cmpstr (other_text, ==, kts_document_get_text (other));
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_indexed, ==, 0);
  apply (f, off (f, "Guten"), off_end (f, "Guten"), f->red, NULL);
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_indexed, ==, 0);

  kts_transcript_view_set_document (f->view, NULL, NULL);
  g_assert_null (kts_transcript_view_get_document (f->view));
  buffer = gtk_text_view_get_buffer (_kts_transcript_view_get_text_view (f->view));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
}

static void
count_cb (gpointer instance, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_selection_code_points (Fixture *f, gconstpointer data)
{
  GtkTextBuffer *buffer;
  GtkTextIter    s, e;
  guint          start, end, changes = 0, notifies = 0;
  guint          smile = off (f, "🙂");

  fixture_show (f);
  g_signal_connect (f->view, "selection-changed", G_CALLBACK (count_cb), &changes);
  g_signal_connect (f->view, "notify::has-selection", G_CALLBACK (count_notify_cb), &notifies);

  g_assert_false (kts_transcript_view_get_selection (f->view, &start, &end));
  /* "heute? 🙂" — the emoji is one code point, as in the document. */
  kts_transcript_view_select_range (f->view, off (f, "heute"), smile + 1);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, off (f, "heute"));
  g_assert_cmpuint (end, ==, smile + 1);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_true (kts_transcript_view_get_has_selection (f->view));

  buffer = gtk_text_view_get_buffer (_kts_transcript_view_get_text_view (f->view));
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  {
    g_autofree char *selected = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
    g_autofree char *slice = kts_document_dup_slice (f->doc, start, end);

    g_assert_cmpstr (selected, ==, "heute? 🙂");
    g_assert_cmpstr (selected, ==, slice);
  }

  /* After the emoji and an em dash the offsets still agree. */
  kts_transcript_view_select_range (f->view, off (f, "Ich war"), off_end (f, "wütend"));
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  {
    g_autofree char *slice = kts_document_dup_slice (f->doc, start, end);

    g_assert_cmpstr (slice, ==, "Ich war wütend");
  }
  g_assert_cmpuint (changes, ==, 2);

  /* The same range again is no change. */
  kts_transcript_view_select_range (f->view, start, end);
  g_assert_cmpuint (changes, ==, 2);

  kts_transcript_view_reveal_offset (f->view, 3);
  g_assert_false (kts_transcript_view_get_selection (f->view, NULL, NULL));
  g_assert_cmpuint (notifies, ==, 2);

  /* What dragging the selection out carries. */
  kts_transcript_view_select_range (f->view, 10, 20);
  {
    g_autofree char *drag = _kts_transcript_view_dup_drag_string (f->view);
    g_autofree char *expected
        = g_strdup_printf ("kintsugi-range:%s:10:20", kts_item_get_guid (KTS_ITEM (f->doc)));

    g_assert_cmpstr (drag, ==, expected);
  }
}

/* Moves the buffer selection as the user (keyboard) would. */
static void
user_select (Fixture *f, guint insert, guint bound)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (_kts_transcript_view_get_text_view (f->view));
  GtkTextIter    i, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &i, insert);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, bound);
  gtk_text_buffer_select_range (buffer, &i, &b);
}

static void
test_snapping (Fixture *f, gconstpointer data)
{
  guint start, end;
  guint ehrlich = off (f, "Ehrlich");
  guint geschlafen = off (f, "geschlafen");

  fixture_show (f);
  g_assert_true (kts_transcript_view_get_snap_to_words (f->view));

  /* From the middle of "Ehrlich" to the middle of "geschlafen": whole words. */
  user_select (f, ehrlich + 3, ehrlich + 3);
  user_select (f, geschlafen + 4, ehrlich + 3);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, ehrlich);
  g_assert_cmpuint (end, ==, off_end (f, "geschlafen"));

  /* Moving the end back into a word (Shift+Left) gives that word up. */
  user_select (f, off (f, "schlecht") + 3, ehrlich);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, ehrlich);
  g_assert_cmpuint (end, ==, off (f, "schlecht"));

  /* Backwards, with umlauts: "Möchten" to the middle of "erzählen". */
  user_select (f, off (f, "erzählen") + 5, off (f, "erzählen") + 5);
  user_select (f, off (f, "Möchten") + 2, off (f, "erzählen") + 5);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, off (f, "Möchten"));
  g_assert_cmpuint (end, ==, off_end (f, "erzählen"));

  /* Off: selections stay where they are put. */
  g_object_set (f->view, "snap-to-words", FALSE, NULL);
  user_select (f, ehrlich + 3, ehrlich + 3);
  user_select (f, geschlafen + 4, ehrlich + 3);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, ehrlich + 3);
  g_assert_cmpuint (end, ==, geschlafen + 4);

  /* Programmatic ranges are exact even with snapping on. */
  kts_transcript_view_set_snap_to_words (f->view, TRUE);
  kts_transcript_view_select_range (f->view, ehrlich + 1, ehrlich + 4);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, ehrlich + 1);
  g_assert_cmpuint (end, ==, ehrlich + 4);
}

static void
test_codings_at (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) at = NULL;
  KtsCoding *a, *b, *c;
  guint      nicht = off (f, "nicht");

  a = apply (f, off (f, "Ehrlich"), off_end (f, "nicht so gut"), f->red, f->anna);
  b = apply (f, nicht, off_end (f, "geschlafen"), f->blue, f->ben);
  c = apply (f, nicht, off_end (f, "nicht"), f->green, f->anna);
  fixture_show (f);

  at = kts_transcript_view_codings_at (f->view, nicht + 1);
  g_assert_cmpuint (at->len, ==, 3);
  /* Narrowest first. */
  g_assert_true (g_ptr_array_index (at, 0) == c);
  g_assert_true (g_ptr_array_index (at, 1) == a);
  g_assert_true (g_ptr_array_index (at, 2) == b);
  g_clear_pointer (&at, g_ptr_array_unref);

  at = kts_transcript_view_codings_at (f->view, off (f, "Ehrlich"));
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_true (g_ptr_array_index (at, 0) == a);
  g_clear_pointer (&at, g_ptr_array_unref);

  /* End exclusive. */
  at = kts_transcript_view_codings_at (f->view, off_end (f, "geschlafen"));
  g_assert_cmpuint (at->len, ==, 0);
  g_clear_pointer (&at, g_ptr_array_unref);

  /* Only the visible coder's. */
  kts_transcript_view_set_visible_coder (f->view, f->ben);
  g_assert_true (kts_transcript_view_get_visible_coder (f->view) == f->ben);
  at = kts_transcript_view_codings_at (f->view, nicht + 1);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_true (g_ptr_array_index (at, 0) == b);
  g_clear_pointer (&at, g_ptr_array_unref);
  kts_transcript_view_set_visible_coder (f->view, NULL);
}

static void
activated_cb (KtsTranscriptView *view, KtsCoding *coding, GdkRectangle *area, gpointer user_data)
{
  GPtrArray *log = user_data;

  g_ptr_array_add (log, coding);
  g_ptr_array_add (log, g_memdup2 (area, sizeof *area));
}

static void
test_activate (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) log = g_ptr_array_new ();
  KtsCoding    *a, *c;
  GdkRectangle *area;
  guint         nicht = off (f, "nicht");

  a = apply (f, off (f, "Ehrlich"), off_end (f, "nicht so gut"), f->red, f->anna);
  c = apply (f, nicht, off_end (f, "nicht"), f->green, f->anna);
  fixture_show (f);
  g_signal_connect (f->view, "coding-activated", G_CALLBACK (activated_cb), log);

  g_assert_true (_kts_transcript_view_activate_offset (f->view, nicht + 2) == c);
  g_assert_true (_kts_transcript_view_activate_offset (f->view, off (f, "gesagt")) == a);
  g_assert_null (_kts_transcript_view_activate_offset (f->view, off (f, "Guten")));
  g_assert_cmpuint (log->len, ==, 4);
  g_assert_true (g_ptr_array_index (log, 0) == c);
  area = g_ptr_array_index (log, 1);
  g_assert_cmpint (area->width, >, 5);
  g_assert_cmpint (area->height, >, 5);
  g_assert_cmpint (area->x, >=, 0);
  g_assert_cmpint (area->y, >=, 0);
  g_assert_cmpint (area->x + area->width, <=, gtk_widget_get_width (GTK_WIDGET (f->view)));
  g_free (g_ptr_array_index (log, 1));
  g_free (g_ptr_array_index (log, 3));
}

static void
test_next_previous (Fixture *f, gconstpointer data)
{
  KtsCoding *a, *b, *c, *d, *got;
  guint      start, end;

  a = apply (f, off (f, "Ehrlich"), off_end (f, "gut"), f->red, NULL);
  b = apply (f, off (f, "Mein"), off_end (f, "Chef"), f->blue, NULL);
  c = apply (f, off (f, "Mein"), off_end (f, "kritisiert"), f->green, NULL);
  d = apply (f, off (f, "Scham"), off_end (f, "Scham"), f->green_child, NULL);
  fixture_show (f);

  kts_transcript_view_reveal_offset (f->view, 0);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == a);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, kts_coding_get_start (a));
  g_assert_cmpuint (end, ==, kts_coding_get_end (a));
  /* Both codings that start at "Mein", in document order. */
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == b);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == c);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == d);
  g_assert_null (kts_transcript_view_next_coding (f->view, TRUE));
  g_assert_true (kts_transcript_view_next_coding (f->view, FALSE) == c);
  g_assert_true (kts_transcript_view_next_coding (f->view, FALSE) == b);
  g_assert_true (kts_transcript_view_next_coding (f->view, FALSE) == a);
  g_assert_null (kts_transcript_view_next_coding (f->view, FALSE));

  /* Of one code and its sub-codes. */
  kts_transcript_view_set_filter_code (f->view, f->green);
  g_assert_true (kts_transcript_view_get_filter_code (f->view) == f->green);
  kts_transcript_view_reveal_offset (f->view, 0);
  got = kts_transcript_view_next_coding (f->view, TRUE);
  g_assert_true (got == c);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == d);
  g_assert_null (kts_transcript_view_next_coding (f->view, TRUE));
  kts_transcript_view_set_filter_code (f->view, f->blue);
  g_assert_true (kts_transcript_view_next_coding (f->view, FALSE) == b);
}

static void
test_model_updates (Fixture *f, gconstpointer data)
{
  KtsTranscriptViewStats before, after;
  KtsCoding             *far;
  guint                  last_turn = kts_document_get_n_turns (f->doc) - 1;
  const KtsTurn         *turn = kts_document_get_turn (f->doc, last_turn);

  fixture_show (f);
  _kts_transcript_view_get_stats (f->view, &before);
  g_assert_cmpuint (before.n_indexed, ==, 0);
  g_assert_cmpuint (before.n_painted_codings, ==, 0);

  /* On screen: indexed, repainted, drawn. */
  apply (f, off (f, "Ehrlich"), off_end (f, "gut"), f->red, NULL);
  _kts_transcript_view_get_stats (f->view, &after);
  g_assert_cmpuint (after.n_indexed, ==, 1);
  g_assert_cmpuint (after.n_coding_redraws, ==, before.n_coding_redraws + 1);
  wait_paint (f);
  _kts_transcript_view_get_stats (f->view, &after);
  g_assert_cmpuint (after.n_painted_codings, ==, 1);
  g_assert_cmpuint (after.n_highlight_rects, >=, 1);

  /* Undo takes it away again. */
  g_assert_true (kts_project_undo (f->project));
  _kts_transcript_view_get_stats (f->view, &after);
  g_assert_cmpuint (after.n_indexed, ==, 0);
  g_assert_cmpuint (after.n_coding_redraws, ==, before.n_coding_redraws + 2);
  wait_paint (f);
  _kts_transcript_view_get_stats (f->view, &after);
  g_assert_cmpuint (after.n_painted_codings, ==, 0);
  g_assert_true (kts_project_redo (f->project));
  _kts_transcript_view_get_stats (f->view, &after);
  g_assert_cmpuint (after.n_indexed, ==, 1);

  /* Far below the window: indexed, but nothing to repaint. */
  _kts_transcript_view_get_stats (f->view, &before);
  far = apply (f, turn->start + 3, turn->end, f->blue, NULL);
  _kts_transcript_view_get_stats (f->view, &after);
  g_assert_cmpuint (after.n_indexed, ==, 2);
  g_assert_cmpuint (after.n_coding_redraws, ==, before.n_coding_redraws);
  kts_project_remove_coding (f->project, far);
  _kts_transcript_view_get_stats (f->view, &after);
  g_assert_cmpuint (after.n_indexed, ==, 1);
  g_assert_cmpuint (after.n_coding_redraws, ==, before.n_coding_redraws);
}

/* ---- Pixels ------------------------------------------------------------------------ */

typedef struct
{
  guchar *data;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

static void
render (Fixture *f, Pixels *px)
{
  GtkWidget     *widget = GTK_WIDGET (f->view);
  GdkPaintable  *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot   *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture    *texture;
  const char    *save = g_getenv ("KTS_TEST_SAVE_PNG");

  px->width = gtk_widget_get_width (widget);
  px->height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, px->width, px->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, px->width, px->height));
  px->stride = (gsize)px->width * 4;
  px->data = g_malloc (px->stride * px->height);
  gdk_texture_download (texture, px->data, px->stride);
  if (save != NULL)
    gdk_texture_save_to_png (texture, save);
  g_object_unref (texture);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
}

static void
pixel (const Pixels *px, int x, int y, int rgb[3])
{
  const guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, px->width);
  g_assert_cmpint (y, <, px->height);
  /* Cairo's ARGB32, premultiplied; the window is opaque. */
  p = px->data + (gsize)y * px->stride + (gsize)x * 4;
  rgb[0] = p[2];
  rgb[1] = p[1];
  rgb[2] = p[0];
}

/* The middle of the character at @offset (a space: no ink), in the view. */
static void
char_center (Fixture *f, guint offset, int *x, int *y)
{
  GtkTextView *text = _kts_transcript_view_get_text_view (f->view);
  GtkTextIter  iter;
  GdkRectangle loc;
  int          wx, wy;
  double       vx, vy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text), &iter, offset);
  g_assert_cmpuint (gtk_text_iter_get_char (&iter), ==, ' ');
  gtk_text_view_get_iter_location (text, &iter, &loc);
  gtk_text_view_buffer_to_window_coords (text, GTK_TEXT_WINDOW_WIDGET, loc.x + loc.width / 2,
                                         loc.y + loc.height / 2, &wx, &wy);
  g_assert_true (
      gtk_widget_translate_coordinates (GTK_WIDGET (text), GTK_WIDGET (f->view), wx, wy, &vx, &vy));
  *x = (int)vx;
  *y = (int)vy;
}

static void
test_render (Fixture *f, gconstpointer data)
{
  Pixels                 px;
  KtsTranscriptViewStats stats;
  KtsCoding             *a, *b;
  int                    x, y, only_a[3], both[3], only_b[3], plain[3], bar[3];
  int                    red_x = -1, blue_x = -1;

  /* "Ehrlich gesagt, nicht so gut. Ich habe schlecht geschlafen." */
  a = apply (f, off (f, "Ehrlich"), off_end (f, "nicht so gut"), f->red, NULL);
  b = apply (f, off (f, "nicht"), off_end (f, "geschlafen"), f->blue, NULL);
  fixture_show (f);
  _kts_transcript_view_style_all_turns (f->view);
  wait_paint (f);

  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_painted_codings, ==, 2);
  g_assert_cmpuint (stats.n_painted_stripes, ==, 2);
  g_assert_cmpuint (stats.n_painted_numbers, >, 5);
  render (f, &px);

  char_center (f, off_end (f, "Ehrlich"), &x, &y);
  pixel (&px, x, y, only_a);
  char_center (f, off_end (f, "nicht"), &x, &y);
  pixel (&px, x, y, both);
  char_center (f, off_end (f, "habe"), &x, &y);
  pixel (&px, x, y, only_b);
  char_center (f, off_end (f, "Guten"), &x, &y);
  pixel (&px, x, y, plain);

  g_test_message ("plain %d,%d,%d red %d,%d,%d both %d,%d,%d blue %d,%d,%d", plain[0], plain[1],
                  plain[2], only_a[0], only_a[1], only_a[2], both[0], both[1], both[2], only_b[0],
                  only_b[1], only_b[2]);
  /* The page is light; red tints towards red, blue towards blue. */
  g_assert_cmpint (plain[0], >, 230);
  g_assert_cmpint (plain[2], >, 230);
  g_assert_cmpint (only_a[0] - only_a[2], >, 40);
  g_assert_cmpint (only_b[2] - only_b[0], >, 40);
  /* Where they overlap both show. On a white page a tint shows as less of
   * the other channels: the blue takes red away from the red passage, the
   * red takes green away from the blue one, and the blend is bluer than the
   * red alone. */
  g_assert_cmpint (both[0], <, only_a[0] - 30);
  g_assert_cmpint (both[1], <, only_b[1] - 30);
  g_assert_cmpint (both[2], >, only_a[2]);

  /* The stripes: a red and a blue bar side by side beside the line, each in
   * its code's own colour. */
  char_center (f, off_end (f, "Ehrlich"), &x, &y);
  for (int sx = x; sx < px.width; sx++)
    {
      KtsCoding *hit = _kts_transcript_view_stripe_at (f->view, sx, y);

      if (hit == a && red_x < 0)
        red_x = sx;
      if (hit == b && blue_x < 0)
        blue_x = sx;
    }
  g_assert_cmpint (red_x, >, x);
  g_assert_cmpint (blue_x, >, x);
  g_assert_cmpint (red_x, !=, blue_x);
  pixel (&px, red_x + 2, y, bar);
  g_test_message ("red bar %d,%d,%d at %d", bar[0], bar[1], bar[2], red_x + 2);
  g_assert_cmpint (ABS (bar[0] - 0xe0), <, 30);
  g_assert_cmpint (ABS (bar[1] - 0x1b), <, 30);
  g_assert_cmpint (ABS (bar[2] - 0x24), <, 30);
  pixel (&px, blue_x + 2, y, bar);
  g_test_message ("blue bar %d,%d,%d at %d", bar[0], bar[1], bar[2], blue_x + 2);
  g_assert_cmpint (ABS (bar[0] - 0x1c), <, 30);
  g_assert_cmpint (ABS (bar[1] - 0x71), <, 30);
  g_assert_cmpint (ABS (bar[2] - 0xd8), <, 30);
  g_free (px.data);

  /* The selection is painted too (by the view, to the line boxes). */
  kts_transcript_view_select_range (f->view, off (f, "Guten"), off_end (f, "Guten Tag"));
  wait_paint (f);
  render (f, &px);
  char_center (f, off_end (f, "Guten"), &x, &y);
  pixel (&px, x, y, bar);
  g_test_message ("selected %d,%d,%d", bar[0], bar[1], bar[2]);
  g_assert_cmpint (bar[0] + bar[1] + bar[2], <, plain[0] + plain[1] + plain[2] - 30);
  g_free (px.data);
}

/* A code's new colour shows at once, and removing a code with many codings
 * rebuilds the index once. */
static void
test_code_changes (Fixture *f, gconstpointer data)
{
  KtsTranscriptViewStats stats, before;
  Pixels                 px;
  int                    x, y, rgb[3];
  guint                  paints;

  apply (f, off (f, "Ehrlich"), off_end (f, "gut"), f->red, NULL);
  for (guint t = 10; t < 300; t++)
    {
      const KtsTurn *turn = kts_document_get_turn (f->doc, t);

      apply (f, turn->start + 3, turn->end, f->blue, NULL);
    }
  fixture_show (f);

  paints = n_paints (f);
  kts_project_set_string (f->project, f->red, "color", "#33d17a");
  wait_paint (f);
  g_assert_cmpuint (n_paints (f), >, paints);
  render (f, &px);
  char_center (f, off_end (f, "Ehrlich"), &x, &y);
  pixel (&px, x, y, rgb);
  g_test_message ("recoloured %d,%d,%d", rgb[0], rgb[1], rgb[2]);
  g_assert_cmpint (rgb[1] - rgb[0], >, 20);
  g_assert_cmpint (rgb[1] - rgb[2], >, 20);
  g_free (px.data);

  _kts_transcript_view_get_stats (f->view, &before);
  g_assert_cmpuint (before.n_indexed, ==, 291);
  kts_project_remove_code (f->project, f->blue);
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_indexed, ==, 1);
  g_assert_cmpuint (stats.n_index_rebuilds, ==, before.n_index_rebuilds + 1);
  g_assert_true (kts_project_undo (f->project));
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_indexed, ==, 291);
  g_assert_cmpuint (stats.n_index_rebuilds, ==, before.n_index_rebuilds + 2);
}

/* Narrow views drop the code names beside the stripes to keep the text wide;
 * wide ones clamp the text to a reading width. */
static void
test_widths (Fixture *f, gconstpointer data)
{
  GtkTextView *text;
  GtkWidget   *stripes;
  int          wide_gutter;

  fixture_show (f);
  text = _kts_transcript_view_get_text_view (f->view);
  stripes = gtk_text_view_get_gutter (text, GTK_TEXT_WINDOW_RIGHT);
  wide_gutter = gtk_widget_get_width (stripes);
  g_assert_cmpint (wide_gutter, >, 150);
  /* 1000 px window: the text view is clamped, not stretched. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (text)), <,
                   gtk_widget_get_width (GTK_WIDGET (f->view)));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 560, 640);
  wait_paint (f);
  spin (50);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <=, 560);
  g_assert_cmpint (gtk_widget_get_width (stripes), <, 60);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (text)), ==,
                   gtk_widget_get_width (GTK_WIDGET (f->view)));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 640);
  wait_paint (f);
  spin (50);
  g_assert_cmpint (gtk_widget_get_width (stripes), ==, wide_gutter);
}

static void
test_turn_styling (Fixture *f, gconstpointer data)
{
  GtkTextView           *text;
  GtkTextBuffer         *buffer;
  GtkTextTagTable       *table;
  GtkTextIter            iter;
  GdkRGBA               *light = NULL, *dark = NULL;
  KtsTranscriptViewStats stats;

  fixture_show (f);
  text = _kts_transcript_view_get_text_view (f->view);
  buffer = gtk_text_view_get_buffer (text);
  table = gtk_text_buffer_get_tag_table (buffer);

  _kts_transcript_view_style_all_turns (f->view);
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_turns_styled, ==, kts_document_get_n_turns (f->doc));
  /* Finishing early leaves no idle behind (it once outlived the view). */
  g_assert_null (g_main_context_find_source_by_user_data (NULL, f->view));

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, off (f, "T: [00:00:05]"));
  g_assert_true (
      gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "speaker-therapist")));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, off (f, "[00:00:05]") + 1);
  g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "timestamp")));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, off (f, "C: Ehrlich") + 1);
  g_assert_true (
      gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "speaker-client")));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, off (f, "Ehrlich"));
  g_assert_null (gtk_text_iter_get_tags (&iter));

  /* Changing a speaker's role restyles the labels. */
  kts_project_set_speaker_role (f->project, f->doc, 1, KTS_ROLE_INTERVIEWER);
  _kts_transcript_view_style_all_turns (f->view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, off (f, "C: Ehrlich"));
  g_assert_true (
      gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "speaker-interviewer")));
  g_assert_false (
      gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "speaker-client")));

  /* Dark mode brings lighter role colours. */
  g_object_get (gtk_text_tag_table_lookup (table, "speaker-therapist"), "foreground-rgba", &light,
                NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  spin (50);
  g_object_get (gtk_text_tag_table_lookup (table, "speaker-therapist"), "foreground-rgba", &dark,
                NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  spin (50);
  g_assert_nonnull (light);
  g_assert_nonnull (dark);
  g_assert_cmpfloat (dark->red + dark->green + dark->blue, >,
                     light->red + light->green + light->blue + 0.5);
  gdk_rgba_free (light);
  gdk_rgba_free (dark);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  KtsTranscriptViewStats stats;
  guint                  start, end;

  fixture_show (f);

  /* Case-insensitive, counted in code points past emoji and umlauts. */
  _kts_transcript_view_search (f->view, "ich");
  _kts_transcript_view_get_stats (f->view, &stats);
  /* Ehrlich, Ich (x3), mich (x2), "glaube ich", "kritisiert" has none. */
  {
    const char      *text = kts_document_get_text (f->doc);
    g_autofree char *lower = g_utf8_strdown (text, -1);
    guint            expected = 0;

    for (const char *p = strstr (lower, "ich"); p != NULL; p = strstr (p + 3, "ich"))
      expected++;
    g_assert_cmpuint (stats.n_matches, ==, expected);
  }
  g_assert_cmpint (stats.current_match, ==, 0);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, off (f, "Ehrlich") + 4);
  g_assert_cmpuint (end, ==, start + 3);

  _kts_transcript_view_search (f->view, "WÜTEND");
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_matches, ==, 1);
  g_assert_true (kts_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, off (f, "wütend"));
  g_assert_cmpuint (end, ==, off_end (f, "wütend"));

  /* Next and previous go round. */
  _kts_transcript_view_search (f->view, "Filler turn 10");
  _kts_transcript_view_get_stats (f->view, &stats);
  /* Turns 10 and 100 to 109. */
  g_assert_cmpuint (stats.n_matches, ==, 11);
  {
    int first = stats.current_match;

    gtk_widget_activate_action (GTK_WIDGET (f->view), "transcript.next-match", NULL);
    _kts_transcript_view_get_stats (f->view, &stats);
    g_assert_cmpint (stats.current_match, ==, (first + 1) % (int)stats.n_matches);
    gtk_widget_activate_action (GTK_WIDGET (f->view), "transcript.previous-match", NULL);
    gtk_widget_activate_action (GTK_WIDGET (f->view), "transcript.previous-match", NULL);
    _kts_transcript_view_get_stats (f->view, &stats);
    g_assert_cmpint (stats.current_match, ==,
                     (first + (int)stats.n_matches - 1) % (int)stats.n_matches);
  }

  _kts_transcript_view_search (f->view, "no such words");
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_matches, ==, 0);
  g_assert_cmpint (stats.current_match, ==, -1);
}

/* ---- Coders ------------------------------------------------------------------------ */

static KtsCoder *
add_coder (Fixture *f, const char *name)
{
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, name);
  g_autoptr (GError) error = NULL;

  g_assert_true (kts_project_add_coder (f->project, coder, &error));
  g_assert_no_error (error);
  return coder; /* the project holds it */
}

static GPtrArray *
coders (KtsCoder *a, KtsCoder *b)
{
  GPtrArray *array = g_ptr_array_new ();

  g_ptr_array_add (array, a);
  if (b != NULL)
    g_ptr_array_add (array, b);
  return array;
}

static guint
n_indexed (Fixture *f)
{
  KtsTranscriptViewStats stats;

  _kts_transcript_view_get_stats (f->view, &stats);
  return stats.n_indexed;
}

static guint
n_lanes (Fixture *f)
{
  KtsTranscriptViewStats stats;

  _kts_transcript_view_get_stats (f->view, &stats);
  return stats.n_lanes;
}

/* One coder, two of three, all: what is indexed, found at a point and
 * painted follows; only the codings of two or more shown coders make lanes. */
static void
test_visible_coders (Fixture *f, gconstpointer data)
{
  KtsCoder *cleo = add_coder (f, "Cleo Dritte");
  guint     nicht = off (f, "nicht");
  g_autoptr (GPtrArray) two = coders (f->anna, cleo);
  g_autoptr (GPtrArray) shown = NULL;
  g_autoptr (GPtrArray) at = NULL;
  KtsTranscriptViewStats stats;
  KtsCoding             *a, *b, *c;

  a = apply (f, off (f, "Ehrlich"), off_end (f, "nicht so gut"), f->red, f->anna);
  b = apply (f, nicht, off_end (f, "geschlafen"), f->blue, f->ben);
  c = apply (f, nicht, off_end (f, "nicht"), f->green, cleo);
  apply (f, off (f, "Scham"), off_end (f, "Scham"), f->green, f->anna);
  fixture_show (f);

  /* Everyone's: four codings, three lanes. */
  g_assert_null (kts_transcript_view_dup_visible_coders (f->view));
  g_assert_cmpuint (n_indexed (f), ==, 4);
  g_assert_cmpuint (n_lanes (f), ==, 3);
  at = kts_transcript_view_codings_at (f->view, nicht + 1);
  g_assert_cmpuint (at->len, ==, 3);
  g_clear_pointer (&at, g_ptr_array_unref);

  /* One coder: theirs only, and no lanes (the view looks as with one coder). */
  kts_transcript_view_set_visible_coder (f->view, f->anna);
  g_assert_true (kts_transcript_view_get_visible_coder (f->view) == f->anna);
  g_assert_true (kts_transcript_view_get_coder_visible (f->view, f->anna));
  g_assert_false (kts_transcript_view_get_coder_visible (f->view, f->ben));
  g_assert_cmpuint (n_indexed (f), ==, 2);
  g_assert_cmpuint (n_lanes (f), ==, 0);
  at = kts_transcript_view_codings_at (f->view, nicht + 1);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_true (g_ptr_array_index (at, 0) == a);
  g_clear_pointer (&at, g_ptr_array_unref);
  wait_paint (f);
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_painted_codings, ==, 2);
  g_assert_cmpuint (stats.n_painted_lanes, ==, 0);

  /* Two of three. */
  kts_transcript_view_set_visible_coders (f->view, two);
  g_assert_null (kts_transcript_view_get_visible_coder (f->view));
  shown = kts_transcript_view_dup_visible_coders (f->view);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_cmpuint (n_indexed (f), ==, 3);
  g_assert_cmpuint (n_lanes (f), ==, 2);
  at = kts_transcript_view_codings_at (f->view, nicht + 1);
  g_assert_cmpuint (at->len, ==, 2);
  g_assert_true (g_ptr_array_index (at, 0) == c);
  g_assert_true (g_ptr_array_index (at, 1) == a);
  g_clear_pointer (&at, g_ptr_array_unref);
  /* F8 passes over Ben's coding. */
  kts_transcript_view_reveal_offset (f->view, 0);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == a);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == c);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) != b);

  /* Nobody's. */
  g_ptr_array_set_size (two, 0);
  kts_transcript_view_set_visible_coders (f->view, two);
  g_assert_cmpuint (n_indexed (f), ==, 0);

  /* Only Ben shown, and his coding removed: nothing. */
  kts_transcript_view_set_visible_coder (f->view, f->ben);
  kts_project_remove_coding (f->project, b);
  g_assert_cmpuint (n_indexed (f), ==, 0);
  kts_transcript_view_set_visible_coders (f->view, NULL);
  g_assert_cmpuint (n_indexed (f), ==, 3);
}

/* Several coders' codings: a lane per coder, in the project's order of
 * coders, each coder's stripes inside their lane. */
static void
test_lanes (Fixture *f, gconstpointer data)
{
  KtsTranscriptViewStats stats;
  KtsCoding             *a, *b;
  KtsCoder              *coder = NULL;
  double                 x0, w0, x1, w1;
  int                    x, y, ax = -1, bx = -1;

  /* Only Anna coded: however many are shown, one lane as before. */
  a = apply (f, off (f, "Ehrlich"), off_end (f, "nicht so gut"), f->red, f->anna);
  fixture_show (f);
  wait_paint (f);
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_lanes, ==, 0);
  g_assert_cmpuint (stats.n_painted_lanes, ==, 0);
  g_assert_false (_kts_transcript_view_get_lane (f->view, 0, NULL, NULL, NULL));

  /* Ben codes the same line (far down would do as well: a new coder). */
  b = apply (f, off (f, "nicht"), off_end (f, "geschlafen"), f->blue, f->ben);
  wait_paint (f);
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_lanes, ==, 2);
  g_assert_cmpuint (stats.n_painted_lanes, ==, 2);
  g_assert_true (_kts_transcript_view_get_lane (f->view, 0, &coder, &x0, &w0));
  g_assert_true (coder == f->anna);
  g_assert_true (_kts_transcript_view_get_lane (f->view, 1, &coder, &x1, &w1));
  g_assert_true (coder == f->ben);
  g_assert_false (_kts_transcript_view_get_lane (f->view, 2, NULL, NULL, NULL));
  g_assert_cmpfloat (w0, >=, 10);
  g_assert_cmpfloat (x1, >=, x0 + w0 - 1);

  /* Each coding's stripe lies in its coder's lane. */
  char_center (f, off_end (f, "nicht"), &x, &y);
  for (int sx = x; sx < gtk_widget_get_width (GTK_WIDGET (f->view)); sx++)
    {
      KtsCoding *hit = _kts_transcript_view_stripe_at (f->view, sx, y);

      if (hit == a && ax < 0)
        ax = sx;
      if (hit == b && bx < 0)
        bx = sx;
    }
  g_test_message ("lanes at %.0f+%.0f and %.0f+%.0f; stripes at %d and %d", x0, w0, x1, w1, ax, bx);
  g_assert_cmpint (ax, >=, (int)x0 - 1);
  g_assert_cmpint (ax, <, (int)(x0 + w0));
  g_assert_cmpint (bx, >=, (int)x1 - 1);
  g_assert_cmpint (bx, <, (int)(x1 + w1));

  /* The lanes go as soon as Ben's last coding does, though it was off screen. */
  kts_project_remove_coding (f->project, b);
  wait_paint (f);
  _kts_transcript_view_get_stats (f->view, &stats);
  g_assert_cmpuint (stats.n_painted_lanes, ==, 0);
}

/* The reference of an open practice set is hidden: not indexed, not at a
 * point, not reached by F8; after submission it shows. */
static void
test_practice_hidden (Fixture *f, gconstpointer data)
{
  g_autoptr (KtsPracticeSet) set = NULL;
  g_autoptr (GPtrArray) at = NULL;
  g_autoptr (GError) error = NULL;
  KtsCoding *ref, *mine;
  guint      nicht = off (f, "nicht");

  ref = apply (f, off (f, "Ehrlich"), off_end (f, "nicht so gut"), f->red, f->anna);
  mine = apply (f, nicht, off_end (f, "geschlafen"), f->blue, f->ben);
  fixture_show (f);
  g_assert_cmpuint (n_indexed (f), ==, 2);
  g_assert_cmpuint (n_lanes (f), ==, 2);

  /* Anna is the reference, Ben the student. */
  set = kts_practice_set_new (NULL, "Practice: Session 4", f->doc, f->anna, f->ben);
  g_assert_true (kts_project_add_practice_set (f->project, set, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_coding_is_hidden (f->project, ref));
  g_assert_cmpuint (n_indexed (f), ==, 1);
  g_assert_cmpuint (n_lanes (f), ==, 0);
  at = kts_transcript_view_codings_at (f->view, off (f, "Ehrlich"));
  g_assert_cmpuint (at->len, ==, 0);
  g_clear_pointer (&at, g_ptr_array_unref);
  g_assert_null (_kts_transcript_view_activate_offset (f->view, off (f, "gesagt")));
  kts_transcript_view_reveal_offset (f->view, 0);
  g_assert_true (kts_transcript_view_next_coding (f->view, TRUE) == mine);
  g_assert_null (kts_transcript_view_next_coding (f->view, TRUE));
  /* Even when Anna's codings are chosen to show. */
  kts_transcript_view_set_visible_coder (f->view, f->anna);
  g_assert_cmpuint (n_indexed (f), ==, 0);
  kts_transcript_view_set_visible_coders (f->view, NULL);
  wait_paint (f);
  {
    KtsTranscriptViewStats stats;

    _kts_transcript_view_get_stats (f->view, &stats);
    g_assert_cmpuint (stats.n_painted_codings, ==, 1);
    g_assert_cmpuint (stats.n_painted_stripes, ==, 1);
  }

  /* Undoing the set shows the reference; redoing hides it again. */
  g_assert_true (kts_project_undo (f->project));
  g_assert_cmpuint (n_indexed (f), ==, 2);
  g_assert_true (kts_project_redo (f->project));
  g_assert_cmpuint (n_indexed (f), ==, 1);

  /* Submitted: the reference shows, and the student's codings are locked. */
  g_assert_true (kts_project_submit_practice_set (f->project, set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_indexed (f), ==, 2);
  g_assert_cmpuint (n_lanes (f), ==, 2);
  at = kts_transcript_view_codings_at (f->view, nicht + 1);
  g_assert_cmpuint (at->len, ==, 2);
  g_assert_true (kts_project_coding_is_locked (f->project, mine));
}

int
main (int argc, char **argv)
{
  /* Widget tests need a display (the suite runs under xvfb-run). */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/transcript-view/index/query", test_index_query);
  g_test_add_func ("/transcript-view/index/columns", test_index_columns);
  g_test_add_func ("/transcript-view/turn-prefix", test_turn_prefix);
  g_test_add ("/transcript-view/buffer-text", Fixture, NULL, fixture_setup, test_buffer_text,
              fixture_teardown);
  g_test_add ("/transcript-view/selection", Fixture, NULL, fixture_setup,
              test_selection_code_points, fixture_teardown);
  g_test_add ("/transcript-view/snapping", Fixture, NULL, fixture_setup, test_snapping,
              fixture_teardown);
  g_test_add ("/transcript-view/codings-at", Fixture, NULL, fixture_setup, test_codings_at,
              fixture_teardown);
  g_test_add ("/transcript-view/activate", Fixture, NULL, fixture_setup, test_activate,
              fixture_teardown);
  g_test_add ("/transcript-view/next-previous", Fixture, NULL, fixture_setup, test_next_previous,
              fixture_teardown);
  g_test_add ("/transcript-view/model-updates", Fixture, NULL, fixture_setup, test_model_updates,
              fixture_teardown);
  g_test_add ("/transcript-view/render", Fixture, NULL, fixture_setup, test_render,
              fixture_teardown);
  g_test_add ("/transcript-view/code-changes", Fixture, NULL, fixture_setup, test_code_changes,
              fixture_teardown);
  g_test_add ("/transcript-view/widths", Fixture, NULL, fixture_setup, test_widths,
              fixture_teardown);
  g_test_add ("/transcript-view/turn-styling", Fixture, NULL, fixture_setup, test_turn_styling,
              fixture_teardown);
  g_test_add ("/transcript-view/visible-coders", Fixture, NULL, fixture_setup, test_visible_coders,
              fixture_teardown);
  g_test_add ("/transcript-view/lanes", Fixture, NULL, fixture_setup, test_lanes, fixture_teardown);
  g_test_add ("/transcript-view/practice-hidden", Fixture, NULL, fixture_setup,
              test_practice_hidden, fixture_teardown);
  g_test_add ("/transcript-view/search", Fixture, NULL, fixture_setup, test_search,
              fixture_teardown);

  return g_test_run ();
}
