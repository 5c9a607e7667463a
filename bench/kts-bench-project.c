/* kts-bench-project.c: builds a large, realistic project for the benchmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * T:/C: transcripts with some non-ASCII text, a codebook tree, codings,
 * cases and episodes.
 */
#include "config.h"

#include "kts-bench-project.h"

static const char *const therapist_lines[] = {
  "How was the week for you?",
  "You went quiet just now. What happened there?",
  "I notice I pushed quite hard a moment ago.",
  "Mm-hm. Go on.",
  "It sounds as if you felt dismissed by me.",
  "Can we stay with that feeling for a moment?",
  "I wonder whether my question felt like criticism.",
  "You said “it doesn’t matter” – but your voice changed.",
  "Let’s look at what just happened between us.",
  "That makes sense, given what you told me about your father.",
  "I’m sorry, I got that wrong.",
  "What would you have needed from me right then?",
  "We have about ten minutes left today.",
  "Shall we come back to the homework from last session?",
};

static const char *const client_lines[] = {
  "I don’t know. Fine, I guess.",
  "…",
  "It’s just that nobody listens, you know?",
  "I suppose. Maybe. I don’t really want to talk about it.",
  "My mother called again on Sunday and it was the same thing all over again.",
  "You always ask that. What’s the point?",
  "No, that’s not it at all.",
  "I felt stupid, to be honest, like a child being told off.",
  "Okay. Yes. That’s actually right.",
  "At work they moved me to the Zürich office without asking.",
  "I wrote it down, but I didn’t bring it.",
  "It was better this week – a little.",
  "Sometimes I think you’re just doing your job 😶",
  "Ça va, really, it’s fine. I mean it.",
  "I tried the breathing thing and it helped for a bit.",
};

static const char *const families[]
    = { "blatt", "rupture-marker", "landmark", "repair", "strategy", "theme", "review" };

static char *
make_transcript (GRand *rand, guint n_characters, GArray *turns)
{
  GString *s = g_string_sized_new (n_characters * 11 / 10);
  guint    chars = 0;
  gboolean therapist = TRUE;
  gint64   time_ms = 0;

  while (chars < n_characters)
    {
      guint   n_sentences = (guint)g_rand_int_range (rand, 1, therapist ? 4 : 7);
      KtsTurn turn = { therapist ? 0 : 1, chars, 0, -1 };

      g_string_append (s, therapist ? "T: " : "C: ");
      chars += 3;
      for (guint i = 0; i < n_sentences; i++)
        {
          const char *line
              = therapist
                    ? therapist_lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (therapist_lines))]
                    : client_lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (client_lines))];

          if (i > 0)
            {
              g_string_append_c (s, ' ');
              chars++;
            }
          g_string_append (s, line);
          chars += (guint)g_utf8_strlen (line, -1);
        }
      turn.end = chars;
      if (g_rand_int_range (rand, 0, 3) == 0)
        turn.timestamp_ms = time_ms;
      time_ms += g_rand_int_range (rand, 2000, 60000);
      g_array_append_val (turns, turn);
      g_string_append_c (s, '\n');
      chars++;
      therapist = !therapist;
    }

  return g_string_free (s, FALSE);
}

KtsProject *
kts_bench_make_project (const KtsBenchSize *size)
{
  KtsProject *project = kts_project_new ();
  GRand      *rand = g_rand_new_with_seed (size->seed);
  g_autoptr (GPtrArray) codable = g_ptr_array_new ();
  g_autoptr (GPtrArray) coders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) codings = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  KtsSpeaker speakers[] = { { "T", KTS_ROLE_THERAPIST }, { "C", KTS_ROLE_CLIENT } };
  guint      n_groups = MAX (size->n_codes / 20, 1);
  KtsCode   *group = NULL;

  kts_project_begin_group (project, "Generate");
  kts_project_set_title (project, "Benchmark – Rupture and repair in 200 sessions");

  for (guint i = 0; i < 3; i++)
    {
      static const char *const names[] = { "Ada Analyst", "Björn Berg", "Chloé Carré" };
      KtsCoder                *coder = g_object_new (KTS_TYPE_CODER, "name", names[i], NULL);

      kts_project_add_coder (project, coder, &error);
      g_assert_no_error (error);
      g_ptr_array_add (coders, coder);
    }

  for (guint i = 0; i < size->n_codes; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;
      g_autofree char *color = g_strdup_printf ("#%06x", g_rand_int (rand) & 0xffffff);
      g_autoptr (KtsCode) code = NULL;
      gboolean is_group = i % (size->n_codes / n_groups) == 0;

      if (is_group)
        {
          key = g_strdup_printf ("G%u", i);
          name = g_strdup_printf ("Group %u – %s", i, families[i % G_N_ELEMENTS (families)]);
        }
      else
        {
          key = g_strdup_printf ("G%u.c%u", group != NULL ? i / 20 * 20 : 0, i);
          name = g_strdup_printf ("Code %u: withdrawal marker “%u”", i, i);
        }
      code = g_object_new (KTS_TYPE_CODE, "key", key, "name", name, "color", color, "codable",
                           !is_group, "family", families[i % G_N_ELEMENTS (families)], "dimension",
                           (int)(i % 4), "definition",
                           "The client withdraws from the therapist or the task: falls silent, "
                           "answers minimally, changes the topic, or complies without "
                           "engagement.",
                           NULL);
      kts_project_add_code (project, code, is_group ? NULL : group, -1, &error);
      g_assert_no_error (error);
      if (is_group)
        group = code;
      else
        g_ptr_array_add (codable, code);
    }
  g_assert (codable->len > 0);

  for (guint d = 0; d < size->n_documents; d++)
    {
      g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
      g_autofree char *text = make_transcript (rand, size->n_characters, turns);
      g_autofree char *title = g_strdup_printf ("Session %u (case %c)", d + 1, 'a' + d % 10);
      g_autofree char *session = g_strdup_printf ("%u", d / 10 + 1);
      KtsDocument     *doc = kts_document_new (NULL, title, text);

      kts_document_set_turns (doc, speakers, 2, (KtsTurn *)(void *)turns->data, turns->len, &error);
      g_assert_no_error (error);
      g_object_set (doc, "pseudonymised", TRUE, "source-name", "session.docx", NULL);
      kts_project_add_document (project, doc, -1, &error);
      g_assert_no_error (error);
      kts_project_set_document_attribute (project, doc, "session", session);
      g_ptr_array_add (documents, doc);
    }

  for (guint i = 0; i < size->n_codings && size->n_documents > 0; i++)
    {
      KtsDocument *doc = g_ptr_array_index (documents, i % size->n_documents);
      guint        n = kts_document_get_n_characters (doc);
      guint        start = (guint)g_rand_int_range (rand, 0, (gint32)MAX (n - 1, 1));
      guint        length = (guint)g_rand_int_range (rand, 20, 400);
      guint        end = MIN (n, start + length);
      KtsCoding   *coding;

      if (end <= start)
        continue;
      coding = kts_project_apply_code (
          project, doc, start, end,
          g_ptr_array_index (codable, g_rand_int_range (rand, 0, (gint32)codable->len)),
          g_ptr_array_index (coders, i % 3), (KtsActor)(i % 5), &error);
      g_assert_no_error (error);
      if (i % 10 == 0)
        kts_project_set_string (project, coding, "memo",
                                "Possible withdrawal rupture; compare with session 3 – “same "
                                "pattern”?");
      g_ptr_array_add (codings, coding);
    }

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *label = g_strdup_printf ("%c", 'a' + i);
      KtsCase *kase = g_object_new (KTS_TYPE_CASE, "label", label, "therapist-pseudonym", "Thomas",
                                    "therapist-age", 40 + (int)i, "client-pseudonym", "Clara",
                                    "client-age", 30 + (int)i, NULL);

      kts_project_add_case (project, kase, &error);
      g_assert_no_error (error);
      g_ptr_array_add (cases, kase);
    }

  for (guint e = 0; e < size->n_episodes && codings->len > 0; e++)
    {
      g_autofree char *name = g_strdup_printf ("%c-%u", 'a' + e % 10, e + 1);
      g_autoptr (KtsEpisode) ep = g_object_new (
          KTS_TYPE_EPISODE, "name", name, "case", g_ptr_array_index (cases, e % 10), "document",
          g_ptr_array_index (documents, e % MAX (size->n_documents, 1)), "rupture-types", "W>C",
          "initiator", KTS_INITIATOR_THERAPIST, "resolution", KTS_RESOLUTION_RESOLVED, NULL);
      KtsMove *previous = NULL;

      kts_project_add_episode (project, ep, &error);
      g_assert_no_error (error);
      for (guint m = 0; m < 12; m++)
        {
          g_autofree char *ident = g_strdup_printf ("%s-%02u", name, m + 1);
          g_autoptr (KtsMove) move
              = g_object_new (KTS_TYPE_MOVE, "ident", ident, "label",
                              "Falls silent after the interpretation", "actor", (int)(1 + m % 2),
                              "dimension", (int)(1 + m % 3), "phase", (int)(1 + m / 3), NULL);
          KtsCoding *anchor = g_ptr_array_index (codings, (e * 12 + m) % codings->len);

          kts_project_add_move (project, ep, move, -1, &error);
          g_assert_no_error (error);
          kts_project_set_move_anchors (project, move, &anchor, 1, &error);
          g_assert_no_error (error);
          if (previous != NULL)
            {
              g_autoptr (KtsEdge) edge = kts_edge_new (NULL, KTS_EDGE_NEXT, previous, move);

              kts_project_add_edge (project, ep, edge, &error);
              g_assert_no_error (error);
            }
          previous = move;
        }
    }

  kts_project_end_group (project);
  kts_project_clear_undo (project);
  g_rand_free (rand);
  return project;
}
