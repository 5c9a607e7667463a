/* kts-bench-transcript.c: measures the transcript view on a 3,000,000
 * character transcript with 20,000 codings (open, code/uncode, scroll), and
 * renders screenshots of it. Run under Xvfb with GSK_RENDERER=cairo.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   kts-bench-transcript [--chars N] [--codings N] [--coders N] [--short-turns]
 *   kts-bench-transcript --screenshot FILE.png [--dark]
 */
#define G_LOG_DOMAIN "kts-bench-transcript"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "kts-core.h"
#include "kts-transcript-view-private.h"
#include "kts-transcript-view.h"

static const char *const THERAPIST[] = {
  "What was that like for you?",
  "It sounds as if part of you wanted to stay, and part of you wanted to leave.",
  "I notice you went quiet just now.",
  "Can we stay with that feeling for a moment?",
  "When you say it was fine, I am not sure I believe that it was entirely fine.",
  "I wonder whether something I said last week left you feeling criticised.",
  "You seem irritated with me right now, and I would like to understand that.",
  "How did you manage to get through the weekend?",
  "Tell me more about what happened after the phone call.",
  "That must have been very lonely.",
  "I hear two things: you want my help, and you are not sure I can give it.",
  "Let us slow down a little.",
  "What do you make of the fact that you cancelled our last session?",
  "I think I pushed too hard earlier, and I am sorry about that.",
  "So the question of whether this is working is a real one for you.",
  "How is it to talk about this with me?",
};

static const char *const CLIENT[] = {
  "I don't know.",
  "It was fine, I guess.",
  "Honestly, I didn't want to come today.",
  "My mother called again, and it was the same argument as always.",
  "I felt like you weren't really listening to me last time.",
  "Sometimes I think this is all a waste of time.",
  "I just get so angry with myself when I can't cope.",
  "At work nobody notices anything I do, and then they complain when something goes wrong.",
  "I keep thinking that I should be over this by now.",
  "It's hard to explain.",
  "When she left the room I just froze and couldn't say anything at all.",
  "I suppose I wanted you to tell me what to do.",
  "Maybe. I'm not sure.",
  "It reminded me of how my father used to talk to me when I was a child.",
  "I slept badly all week and I kept going over it in my head.",
  "I didn't think you'd remember that.",
  "It helps a little, talking about it like this.",
  "I was so embarrassed that I wanted to disappear.",
};

static const char *const BACKCHANNEL[] = {
  "Mm-hm.", "Yeah.", "Right.", "Okay.", "(pause)", "Mm.", "Yes.", "Sure.", "(laughs)", "No.",
};

typedef struct
{
  const char *name;
  const char *color;
} CodeSpec;

static const CodeSpec CODES[] = {
  { "Withdrawal marker", "#1c71d8" },
  { "Confrontation marker", "#e01b24" },
  { "Self-definition", "#9141ac" },
  { "Relatedness", "#2ec27e" },
  { "Repair: clarify", "#e5a50a" },
  { "Repair: validate", "#26a269" },
  { "Metacommunication", "#c64600" },
  { "Therapist self-disclosure", "#613583" },
  { "Silence", "#5e5c64" },
  { "Anger", "#a51d2d" },
  { "Shame", "#c061cb" },
  { "Need for autonomy", "#1a5fb4" },
};

/* ---- Generating a transcript ------------------------------------------------ */

static KtsDocument *
generate_document (guint n_chars, gboolean short_turns, GRand *rand)
{
  g_autoptr (GString) text = g_string_sized_new (n_chars + 1024);
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (GError) error = NULL;
  KtsSpeaker speakers[2]
      = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  KtsDocument *doc;
  guint        offset = 0, t = 0;
  gint64       seconds = 0;

  while (text->len < n_chars)
    {
      gboolean therapist = t % 2 == 0;
      KtsTurn  turn;
      guint    n_sentences;
      gsize    before = text->len;

      turn.speaker = therapist ? 0 : 1;
      turn.start = offset;
      turn.timestamp_ms = -1;
      g_string_append (text, therapist ? "T: " : "C: ");
      if (t % 8 == 0)
        {
          g_string_append_printf (text, "[%02d:%02d:%02d] ", (int)(seconds / 3600),
                                  (int)(seconds / 60 % 60), (int)(seconds % 60));
          turn.timestamp_ms = seconds * 1000;
        }

      if (g_rand_int_range (rand, 0, 100) < (short_turns ? 80 : 25))
        g_string_append (text, BACKCHANNEL[g_rand_int_range (rand, 0, G_N_ELEMENTS (BACKCHANNEL))]);
      else
        {
          n_sentences = g_rand_int_range (rand, 1, therapist ? 4 : 7);
          for (guint s = 0; s < n_sentences; s++)
            {
              if (s > 0)
                g_string_append_c (text, ' ');
              if (therapist)
                g_string_append (text,
                                 THERAPIST[g_rand_int_range (rand, 0, G_N_ELEMENTS (THERAPIST))]);
              else
                g_string_append (text, CLIENT[g_rand_int_range (rand, 0, G_N_ELEMENTS (CLIENT))]);
            }
        }
      /* All ASCII: bytes are code points. */
      offset += text->len - before;
      turn.end = offset;
      g_array_append_val (turns, turn);
      g_string_append_c (text, '\n');
      offset++;
      seconds += g_rand_int_range (rand, 2, 40);
      t++;
    }

  doc = kts_document_new (NULL, "Generated session", text->str);
  if (!kts_document_set_turns (doc, speakers, 2, (KtsTurn *)turns->data, turns->len, &error))
    g_error ("%s", error->message);
  return doc;
}

static GPtrArray *
add_codes (KtsProject *project)
{
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (CODES); i++)
    {
      g_autoptr (GError) error = NULL;
      KtsCode *code = kts_code_new (NULL, CODES[i].name);

      g_object_set (code, "color", CODES[i].color, NULL);
      if (!kts_project_add_code (project, code, NULL, -1, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (codes, code);
      g_object_unref (code);
    }
  return codes;
}

/* Random passages from word starts, 20 to 600 characters, some across turns. */
static void
add_random_codings (
    KtsProject *project, KtsDocument *doc, GPtrArray *codes, guint n, guint n_coders, GRand *rand)
{
  const char *text = kts_document_get_text (doc);
  guint       n_chars = kts_document_get_n_characters (doc);
  g_autoptr (GPtrArray) coders = g_ptr_array_new_with_free_func (g_object_unref);

  /* With --coders, the codings go round the coders: the stripes get a lane each. */
  for (guint c = 0; c < n_coders; c++)
    {
      g_autofree char *name = g_strdup_printf ("Coder %u", c + 1);
      KtsCoder        *coder = kts_coder_new (NULL, name);
      g_autoptr (GError) error = NULL;

      if (!kts_project_add_coder (project, coder, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (coders, coder);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      guint start = g_rand_int_range (rand, 0, n_chars - 700);
      guint len = g_rand_int_range (rand, 0, 100) < 80 ? g_rand_int_range (rand, 20, 160)
                                                       : g_rand_int_range (rand, 160, 600);

      while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\n')
        start--;
      if (!kts_project_apply_code (project, doc, start, start + len,
                                   g_ptr_array_index (codes, i % codes->len),
                                   n_coders > 0 ? g_ptr_array_index (coders, i % n_coders) : NULL,
                                   KTS_ACTOR_UNSET, &error))
        g_error ("%s", error->message);
    }
  kts_project_clear_undo (project);
}

/* ---- Measuring ---------------------------------------------------------------- */

typedef struct
{
  KtsTranscriptView *view;
  GtkWidget         *window;
  GdkFrameClock     *clock;
  gint64             frame_start;
  gint64             last_after_paint;
  GArray            *frame_times;     /* double, ms */
  GArray            *frame_intervals; /* double, ms */
  GArray            *view_paint;      /* double, ms: the view's own painting */
  guint              paints_seen;
  gboolean           recording;
} Bench;

static guint
n_paints (Bench *b)
{
  KtsTranscriptViewStats stats;

  _kts_transcript_view_get_stats (b->view, &stats);
  return stats.n_below_paints;
}

static void
before_paint_cb (GdkFrameClock *clock, Bench *b)
{
  b->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock, Bench *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->recording)
    {
      double frame = (now - b->frame_start) / 1000.0;

      KtsTranscriptViewStats stats;
      double                 ours;

      g_array_append_val (b->frame_times, frame);
      _kts_transcript_view_get_stats (b->view, &stats);
      ours = stats.paint_usec / 1000.0;
      g_array_append_val (b->view_paint, ours);
      if (b->last_after_paint != 0)
        {
          double interval = (now - b->last_after_paint) / 1000.0;

          g_array_append_val (b->frame_intervals, interval);
        }
    }
  b->last_after_paint = now;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values, double p)
{
  g_autoptr (GArray) sorted = NULL;
  guint i;

  if (values->len == 0)
    return 0;
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  i = (guint)(p / 100.0 * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

static void
iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (200);
}

/* Waits until a frame painted the text view after now; returns the time of
 * the end of that frame. */
static gint64
wait_for_paint (Bench *b)
{
  guint  before = n_paints (b);
  gint64 last = b->last_after_paint;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      iterate ();
      if (n_paints (b) > before && b->last_after_paint != last)
        return b->last_after_paint;
    }
  g_error ("no frame was painted");
  return 0;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    iterate ();
}

static gboolean
keep_ticking_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  Bench         *b;
  GtkAdjustment *adjustment;
  double         step;
  gboolean       done;
  guint          steps;
} Scroll;

static gboolean
scroll_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  Scroll *s = user_data;
  double  value = gtk_adjustment_get_value (s->adjustment);
  double  max
      = gtk_adjustment_get_upper (s->adjustment) - gtk_adjustment_get_page_size (s->adjustment);

  if (value >= max - 0.5)
    {
      s->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (s->adjustment, MIN (value + s->step, max));
  s->steps++;
  return G_SOURCE_CONTINUE;
}

static int
run_bench (guint n_chars, guint n_codings, guint n_coders, gboolean short_turns)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GArray) apply_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) remove_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) apply_work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) remove_work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  KtsDocument *doc;
  Bench        b = { 0 };
  Scroll       scroll = { 0 };
  gint64       t0, t1, t_set;
  guint        tick;
  GtkTextView *text;
  GtkWidget   *scroller;

  t0 = g_get_monotonic_time ();
  doc = generate_document (n_chars, short_turns, rand);
  if (!kts_project_add_document (project, doc, -1, &error))
    g_error ("%s", error->message);
  g_object_unref (doc);
  codes = add_codes (project);
  add_random_codings (project, doc, codes, n_codings, n_coders, rand);
  t1 = g_get_monotonic_time ();
  g_print ("transcript: %u characters, %u turns, %u codings (generated in %.0f ms)\n",
           kts_document_get_n_characters (doc), kts_document_get_n_turns (doc),
           g_list_model_get_n_items (kts_document_get_codings (doc)), (t1 - t0) / 1000.0);

  b.frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  b.frame_intervals = g_array_new (FALSE, FALSE, sizeof (double));
  b.view_paint = g_array_new (FALSE, FALSE, sizeof (double));
  b.view = KTS_TRANSCRIPT_VIEW (kts_transcript_view_new ());
  b.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1200, 900);
  gtk_window_set_child (GTK_WINDOW (b.window), GTK_WIDGET (b.view));
  gtk_window_present (GTK_WINDOW (b.window));
  while (gtk_widget_get_frame_clock (b.window) == NULL)
    iterate ();
  b.clock = gtk_widget_get_frame_clock (b.window);
  g_signal_connect (b.clock, "before-paint", G_CALLBACK (before_paint_cb), &b);
  g_signal_connect (b.clock, "after-paint", G_CALLBACK (after_paint_cb), &b);
  spin (300);

  /* 1. Open: from set_document to the end of the first frame showing it. */
  t0 = g_get_monotonic_time ();
  kts_transcript_view_set_document (b.view, project, doc);
  t_set = g_get_monotonic_time ();
  t1 = wait_for_paint (&b);
  g_print ("open: set_document %.1f ms, first frame painted after %.1f ms\n", (t_set - t0) / 1000.0,
           (t1 - t0) / 1000.0);

  /* 2. Interactive while idle work goes on: frames while styling and GTK's
   * background layout run, for three seconds. */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (b.view), keep_ticking_cb, NULL, NULL);
  b.recording = TRUE;
  b.last_after_paint = 0;
  spin (3000);
  b.recording = FALSE;
  gtk_widget_remove_tick_callback (GTK_WIDGET (b.view), tick);
  {
    KtsTranscriptViewStats stats;

    _kts_transcript_view_get_stats (b.view, &stats);
    g_print ("after open: %u frames in 3 s, frame-to-frame p95 %.1f ms, max %.1f ms; "
             "frame work p95 %.1f ms; %u of %u turns styled\n",
             b.frame_intervals->len + 1, percentile (b.frame_intervals, 95),
             percentile (b.frame_intervals, 100), percentile (b.frame_times, 95),
             stats.n_turns_styled, kts_document_get_n_turns (doc));
  }
  g_array_set_size (b.frame_times, 0);
  g_array_set_size (b.frame_intervals, 0);

  /* 3. Coding and uncoding a visible passage: from the model change to the
   * end of the next paint. Changes come at a random moment between frames,
   * as key presses do; also reported: the work alone (the change's handlers
   * plus the frame that shows it). */
  text = _kts_transcript_view_get_text_view (b.view);
  for (guint i = 0; i < 60; i++)
    {
      GdkRectangle visible;
      GtkTextIter  top;
      guint        start;
      KtsCoding   *coding;
      double       ms;
      gint64       t_call;

      gtk_text_view_get_visible_rect (text, &visible);
      gtk_text_view_get_line_at_y (text, &top, visible.y + visible.height / 3, NULL);
      start = gtk_text_iter_get_offset (&top) + 3;

      spin (g_rand_int_range (rand, 0, 17));
      t0 = g_get_monotonic_time ();
      coding = kts_project_apply_code (project, doc, start, start + 40 + i,
                                       g_ptr_array_index (codes, i % codes->len), NULL,
                                       KTS_ACTOR_CLIENT, &error);
      t_call = g_get_monotonic_time ();
      g_assert_nonnull (coding);
      t1 = wait_for_paint (&b);
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (apply_times, ms);
      ms = (t_call - t0 + t1 - b.frame_start) / 1000.0;
      g_array_append_val (apply_work, ms);

      spin (g_rand_int_range (rand, 0, 17));
      t0 = g_get_monotonic_time ();
      kts_project_undo (project);
      t_call = g_get_monotonic_time ();
      t1 = wait_for_paint (&b);
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (remove_times, ms);
      ms = (t_call - t0 + t1 - b.frame_start) / 1000.0;
      g_array_append_val (remove_work, ms);
    }
  g_print ("apply a coding: median %.1f ms, p95 %.1f ms from the model change to the end of the "
           "next paint; work alone median %.1f ms, p95 %.1f ms\n",
           percentile (apply_times, 50), percentile (apply_times, 95), percentile (apply_work, 50),
           percentile (apply_work, 95));
  g_print ("remove a coding: median %.1f ms, p95 %.1f ms; work alone median %.1f ms, p95 %.1f ms\n",
           percentile (remove_times, 50), percentile (remove_times, 95),
           percentile (remove_work, 50), percentile (remove_work, 95));

  /* 4. Scrolling from top to bottom, half a page per frame. */
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (text), GTK_TYPE_SCROLLED_WINDOW);
  scroll.b = &b;
  scroll.adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (scroll.adjustment, 0);
  spin (200);
  scroll.step = gtk_adjustment_get_page_size (scroll.adjustment) / 2;
  g_array_set_size (b.frame_times, 0);
  g_array_set_size (b.frame_intervals, 0);
  g_array_set_size (b.view_paint, 0);
  b.recording = TRUE;
  b.last_after_paint = 0;
  t0 = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (b.view), scroll_tick_cb, &scroll, NULL);
  while (!scroll.done)
    iterate ();
  t1 = g_get_monotonic_time ();
  b.recording = FALSE;
  g_print ("scroll: %u steps of %.0f px in %.1f s; frame work p50 %.1f ms, p95 %.1f ms, max %.1f "
           "ms; frame-to-frame p95 %.1f ms\n",
           scroll.steps, scroll.step, (t1 - t0) / 1e6, percentile (b.frame_times, 50),
           percentile (b.frame_times, 95), percentile (b.frame_times, 100),
           percentile (b.frame_intervals, 95));
  g_print ("scroll: the view's own painting (highlights, stripes, numbers) p50 %.2f ms, p95 %.2f "
           "ms, max %.2f ms per frame\n",
           percentile (b.view_paint, 50), percentile (b.view_paint, 95),
           percentile (b.view_paint, 100));
  {
    KtsTranscriptViewStats stats;

    _kts_transcript_view_get_stats (b.view, &stats);
    g_print ("last frame: %u codings highlighted in %u rectangles, %u stripes, %u turn numbers\n",
             stats.n_painted_codings, stats.n_highlight_rects, stats.n_painted_stripes,
             stats.n_painted_numbers);
    g_print ("lanes of stripes: %u in the index, %u in the last frame\n", stats.n_lanes,
             stats.n_painted_lanes);
  }

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.frame_times);
  g_array_unref (b.frame_intervals);
  g_array_unref (b.view_paint);
  return 0;
}

/* ---- Screenshot ------------------------------------------------------------------ */

static const char *const SESSION[] = {
  "T: [00:41:02] You went quiet when I mentioned your sister. What happened just then?",
  "C: Nothing. I don't know. It's fine.",
  "T: It didn't look fine. You looked away, and your voice dropped.",
  "C: (pause) I just don't see the point of going over it again. We talked about her for weeks "
  "and nothing changed. Honestly, sometimes I wonder whether any of this is helping.",
  "T: So part of you is asking whether coming here is worth it at all.",
  "C: Yeah. And then I feel bad for saying it, because you're trying.",
  "T: I'm glad you said it. I think I pushed us back to your sister because it felt important to "
  "me, not because you were ready. That's on me.",
  "C: Mm. It did feel like you had already decided what we would talk about.",
  "T: What was that like, feeling that I had decided for you?",
  "C: Like with my mother. She always knew what I was feeling better than I did. I'd just go "
  "along with it and then be furious later, alone in my room.",
  "T: [00:43:30] And here, with me, you went along with it too, and then went quiet.",
  "C: I suppose I did. (laughs) That's a bit depressing.",
  "T: Or it's something we can notice together now, while it's happening. How is it to say this "
  "to me?",
  "C: Strange. Kind of good. I didn't think you'd take it so well.",
  "T: What did you expect?",
  "C: That you would explain why you were right.",
};

/* A short session with overlapping codings, for looking at. */
static KtsProject *
make_sample_project (KtsDocument **doc_out)
{
  KtsProject *project = kts_project_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GError) error = NULL;
  KtsSpeaker speakers[2]
      = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  KtsDocument *doc;
  KtsCoder    *coder = kts_coder_new (NULL, "Anna Berger");
  guint        offset = 0;
  struct
  {
    const char *from;
    const char *to;
    guint       code;
    const char *memo;
  } spans[] = {
    { "Nothing. I don't", "It's fine.", 0, "Classic withdrawal: denial plus minimal response." },
    { "I just don't see", "is helping.", 1, NULL },
    { "Honestly, sometimes", "is helping.", 2, "Questions the therapy itself." },
    { "I think I pushed", "That's on me.", 4, NULL },
    { "That's on me.", "That's on me.", 7, NULL },
    { "It did feel like", "talk about.", 6, NULL },
    { "Like with my mother.", "alone in my room.", 3, NULL },
    { "then be furious", "alone in my room.", 9, NULL },
    { "And here, with me,", "went quiet.", 6, "Links the pattern to the here-and-now." },
    { "Or it's something", "to me?", 5, NULL },
    { "Strange. Kind of good.", "so well.", 10, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (SESSION); i++)
    {
      KtsTurn turn = { SESSION[i][0] == 'T' ? 0 : 1, offset, 0, -1 };

      g_string_append (text, SESSION[i]);
      offset += g_utf8_strlen (SESSION[i], -1);
      turn.end = offset;
      g_array_append_val (turns, turn);
      g_string_append_c (text, '\n');
      offset++;
    }
  doc = kts_document_new (NULL, "Session 7 (excerpt)", text->str);
  if (!kts_document_set_turns (doc, speakers, 2, (KtsTurn *)turns->data, turns->len, &error)
      || !kts_project_add_document (project, doc, -1, &error)
      || !kts_project_add_coder (project, coder, &error))
    g_error ("%s", error->message);
  g_object_unref (doc);
  g_object_unref (coder);
  codes = add_codes (project);

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      const char *from = strstr (text->str, spans[i].from);
      const char *to = strstr (from, spans[i].to);
      KtsCoding  *coding;

      g_assert (from != NULL && to != NULL);
      coding = kts_project_apply_code (
          project, doc, g_utf8_pointer_to_offset (text->str, from),
          g_utf8_pointer_to_offset (text->str, to) + g_utf8_strlen (spans[i].to, -1),
          g_ptr_array_index (codes, spans[i].code), coder, KTS_ACTOR_CLIENT, &error);
      g_assert_no_error (error);
      if (spans[i].memo != NULL)
        kts_project_set_string (project, coding, "memo", spans[i].memo);
    }
  *doc_out = doc;
  return project;
}

static int
run_screenshot (
    const char *path, gboolean dark, guint generated_chars, guint generated_codings, int width)
{
  g_autoptr (KtsProject) project = NULL;
  KtsDocument       *doc;
  GtkWidget         *window;
  KtsTranscriptView *view;
  GdkPaintable      *paintable;
  GtkSnapshot       *snapshot;
  GskRenderNode     *node;
  GdkTexture        *texture;
  int                w, h;

  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  if (generated_chars > 0)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (7);
      g_autoptr (GPtrArray) codes = NULL;
      g_autoptr (GError) error = NULL;

      project = kts_project_new ();
      doc = generate_document (generated_chars, FALSE, rand);
      if (!kts_project_add_document (project, doc, -1, &error))
        g_error ("%s", error->message);
      g_object_unref (doc);
      codes = add_codes (project);
      add_random_codings (project, doc, codes, generated_codings, 0, rand);
    }
  else
    project = make_sample_project (&doc);

  view = KTS_TRANSCRIPT_VIEW (kts_transcript_view_new ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  kts_transcript_view_set_document (view, project, doc);
  _kts_transcript_view_style_all_turns (view);
  spin (800);
  if (generated_chars > 0)
    {
      kts_transcript_view_reveal_offset (view, kts_document_get_n_characters (doc) / 2);
      spin (1500);
    }
  /* A search in progress, and the selection of a passage. */
  if (g_getenv ("KTS_SCREENSHOT_SEARCH") != NULL)
    _kts_transcript_view_search (view, g_getenv ("KTS_SCREENSHOT_SEARCH"));
  spin (300);

  w = gtk_widget_get_width (GTK_WIDGET (view));
  h = gtk_widget_get_height (GTK_WIDGET (view));
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window),
                          gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (
      gtk_native_get_renderer (GTK_NATIVE (window)), node,
      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window), gtk_widget_get_height (window)));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  g_print ("wrote %s (%d×%d view)\n", path, w, h);
  g_object_unref (texture);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ---- Demo, for driving with xdotool ------------------------------------------------ */

static void
demo_selection_changed_cb (KtsTranscriptView *view, gpointer user_data)
{
  guint start, end;

  if (kts_transcript_view_get_selection (view, &start, &end))
    {
      g_autofree char *slice
          = kts_document_dup_slice (kts_transcript_view_get_document (view), start, end);

      g_print ("selection %u %u \"%s\"\n", start, end, slice);
    }
  else
    g_print ("selection none\n");
}

static void
demo_activated_cb (KtsTranscriptView *view,
                   KtsCoding         *coding,
                   GdkRectangle      *area,
                   gpointer           user_data)
{
  g_print ("activated \"%s\" at %d,%d %dx%d\n", kts_code_get_name (kts_coding_get_code (coding)),
           area->x, area->y, area->width, area->height);
}

static gboolean
demo_drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer user_data)
{
  g_print ("dropped \"%s\"\n", g_value_get_string (value));
  return TRUE;
}

static gboolean
demo_quit_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Prints where words are (window coordinates), then runs for @seconds. */
static int
run_demo (int seconds)
{
  g_autoptr (KtsProject) project = NULL;
  KtsDocument       *doc;
  GtkWidget         *window, *box, *drop;
  KtsTranscriptView *view;
  GtkTextView       *text;
  GtkDropTarget     *target;
  gboolean           done = FALSE;
  const char *words[] = { "Nothing.", "sometimes", "wonder", "mentioned", "sister.", "quiet" };

  project = make_sample_project (&doc);
  view = KTS_TRANSCRIPT_VIEW (kts_transcript_view_new ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  drop = gtk_label_new ("Drop a passage here");
  gtk_widget_set_size_request (drop, -1, 60);
  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (demo_drop_cb), NULL);
  gtk_widget_add_controller (drop, GTK_EVENT_CONTROLLER (target));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), drop);
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  kts_transcript_view_set_document (view, project, doc);
  g_signal_connect (view, "selection-changed", G_CALLBACK (demo_selection_changed_cb), NULL);
  g_signal_connect (view, "coding-activated", G_CALLBACK (demo_activated_cb), NULL);
  spin (800);

  text = _kts_transcript_view_get_text_view (view);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char  *t = kts_document_get_text (doc);
      const char  *p = strstr (t, words[i]);
      GtkTextIter  iter;
      GdkRectangle loc;
      int          wx, wy;
      double       x, y;

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text), &iter,
                                          g_utf8_pointer_to_offset (t, p) + 2);
      gtk_text_view_get_iter_location (text, &iter, &loc);
      gtk_text_view_buffer_to_window_coords (text, GTK_TEXT_WINDOW_WIDGET, loc.x,
                                             loc.y + loc.height / 2, &wx, &wy);
      gtk_widget_translate_coordinates (GTK_WIDGET (text), window, wx, wy, &x, &y);
      g_print ("word %s %d %d\n", words[i], (int)x, (int)y);
    }
  {
    graphene_rect_t bounds;

    if (gtk_widget_compute_bounds (drop, window, &bounds))
      g_print ("drop %d %d\n", (int)(bounds.origin.x + bounds.size.width / 2),
               (int)(bounds.origin.y + bounds.size.height / 2));
  }

  g_timeout_add_seconds (seconds, demo_quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  {
    KtsTranscriptViewStats stats;
    GtkWidget             *focus = gtk_root_get_focus (GTK_ROOT (window));

    _kts_transcript_view_get_stats (view, &stats);
    g_print ("search: %u matches, current %d; focus %s\n", stats.n_matches, stats.current_match,
             focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int argc, char **argv)
{
  g_autofree char *screenshot = NULL;
  gboolean         dark = FALSE, short_turns = FALSE;
  int              demo = 0;
  gboolean         generated = FALSE;
  int              width = 1100;
  int              n_chars = 3000000, n_codings = 20000, n_coders = 0;
  GOptionEntry     entries[] = {
        { "chars", 0, 0, G_OPTION_ARG_INT, &n_chars, "Characters in the transcript", "N" },
        { "codings", 0, 0, G_OPTION_ARG_INT, &n_codings, "Codings", "N" },
        { "coders", 0, 0, G_OPTION_ARG_INT, &n_coders, "Coders the codings are shared by (0 = none)",
          "N" },
        { "short-turns", 0, 0, G_OPTION_ARG_NONE, &short_turns, "Mostly one-word turns (~100k turns)",
          NULL },
        { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "Render a sample to a PNG", "FILE" },
        { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style (with --screenshot)", NULL },
        { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (with --screenshot)", "PX" },
        { "generated", 0, 0, G_OPTION_ARG_NONE, &generated,
          "Screenshot the middle of a generated transcript (--chars, --codings)", NULL },
        { "demo", 0, 0, G_OPTION_ARG_INT, &demo, "Show a sample for N seconds, printing events", "N" },
        { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  gtk_init ();
  adw_init ();

  if (screenshot != NULL)
    return run_screenshot (screenshot, dark, generated ? (guint)n_chars : 0,
                           generated ? (guint)n_codings : 0, width);
  if (demo > 0)
    return run_demo (demo);
  return run_bench (MAX (n_chars, 10000), MAX (n_codings, 0), MAX (n_coders, 0), short_turns);
}
