/* kts-test-util.c: helpers shared by the core tests (project dumps, checks).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-test"

#include "config.h"

#include <string.h>

#include "kts-test-util.h"
#include "kts-model-private.h"
#include "kts-project-private.h"

static int
compare_pspec_names (gconstpointer a, gconstpointer b)
{
  const GParamSpec *pa = *(const GParamSpec *const *)a;
  const GParamSpec *pb = *(const GParamSpec *const *)b;

  return strcmp (pa->name, pb->name);
}

static void
append_value (GString *out, const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *s = g_value_get_string (value);

      if (s == NULL)
        g_string_append (out, "(null)");
      else
        {
          g_autofree char *escaped = g_strescape (s, NULL);
          g_string_append_printf (out, "\"%s\"", escaped);
        }
    }
  else if (G_VALUE_HOLDS_ENUM (value))
    {
      const char *nick = kts_enum_to_nick (G_VALUE_TYPE (value), g_value_get_enum (value));
      g_string_append (out, nick != NULL ? nick : "(invalid)");
    }
  else if (G_VALUE_HOLDS_OBJECT (value))
    {
      GObject *object = g_value_get_object (value);

      if (object == NULL)
        g_string_append (out, "(null)");
      else if (KTS_IS_ITEM (object))
        g_string_append (out, kts_item_get_guid (KTS_ITEM (object)));
      else
        g_string_append (out, G_OBJECT_TYPE_NAME (object));
    }
  else if (G_VALUE_HOLDS_DOUBLE (value))
    g_string_append_printf (out, "%.17g", g_value_get_double (value));
  else
    {
      g_auto (GValue) string = G_VALUE_INIT;

      g_value_init (&string, G_TYPE_STRING);
      g_assert_true (g_value_transform (value, &string));
      g_string_append (out, g_value_get_string (&string));
    }
}

static void
dump_object (GString *out, GObject *object, const char *indent)
{
  guint                   n = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);

  qsort (pspecs, n, sizeof (GParamSpec *), compare_pspec_names);

  g_string_append_printf (out, "%s%s", indent, G_OBJECT_TYPE_NAME (object));
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READABLE) == 0)
        continue;
      /* Lists are dumped structurally by the caller. */
      if (g_type_is_a (pspecs[i]->value_type, G_TYPE_LIST_MODEL)
          || G_TYPE_IS_BOXED (pspecs[i]->value_type))
        continue;
      /* Transcripts are long; their identity is the guid plus the length. */
      if (KTS_IS_DOCUMENT (object) && strcmp (pspecs[i]->name, "text") == 0)
        continue;
      /* Volatile state of the project, not its content. */
      if (KTS_IS_PROJECT (object)
          && (strcmp (pspecs[i]->name, "title") != 0 && strcmp (pspecs[i]->name, "file") != 0
              && strcmp (pspecs[i]->name, "theory-locked") != 0))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      g_string_append_printf (out, " %s=", pspecs[i]->name);
      append_value (out, &value);
    }
  g_string_append_c (out, '\n');
}

char *
kts_test_dump_object (GObject *object)
{
  GString *out = g_string_new (NULL);

  dump_object (out, object, "");
  return g_string_free (out, FALSE);
}

static void
dump_codes (GString *out, KtsProject *project, GListModel *codes, guint depth)
{
  guint n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (codes, i);
      g_autofree char *indent = g_strnfill (2 + 2 * depth, ' ');

      dump_object (out, G_OBJECT (code), indent);
      g_string_append_printf (out, "%s  (codings: %u)\n", indent,
                              kts_project_count_codings (project, code));
      dump_codes (out, project, kts_code_get_children (code), depth + 1);
    }
}

static void
dump_list (GString *out, GListModel *model, const char *indent)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      dump_object (out, item, indent);
    }
}

static void
dump_document (GString *out, KtsDocument *document)
{
  g_autoptr (GPtrArray) names = kts_document_list_attributes (document);
  g_autofree char *text = g_strescape (kts_document_get_text (document), NULL);

  dump_object (out, G_OBJECT (document), "  ");
  g_string_append_printf (out, "    text=\"%s\"\n", text);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "    attribute %s=%s\n", (char *)names->pdata[i],
                            kts_document_get_attribute (document, names->pdata[i]));
  for (guint i = 0; i < kts_document_get_n_speakers (document); i++)
    {
      const KtsSpeaker *s = kts_document_get_speaker (document, i);
      g_string_append_printf (out, "    speaker %u label=%s role=%s\n", i, s->label,
                              kts_enum_to_nick (KTS_TYPE_ROLE, s->role));
    }
  for (guint i = 0; i < kts_document_get_n_turns (document); i++)
    {
      const KtsTurn *t = kts_document_get_turn (document, i);
      g_string_append_printf (out, "    turn %u speaker=%d %u-%u time=%" G_GINT64_FORMAT "\n", i,
                              t->speaker, t->start, t->end, t->timestamp_ms);
    }
  dump_list (out, kts_document_get_codings (document), "    ");
}

static void
dump_episode (GString *out, KtsEpisode *episode)
{
  GListModel *moves = kts_episode_get_moves (episode);
  guint       n = g_list_model_get_n_items (moves);

  dump_object (out, G_OBJECT (episode), "  ");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      GPtrArray *anchors = kts_move_get_anchors (move);

      dump_object (out, G_OBJECT (move), "    ");
      g_string_append (out, "      anchors:");
      for (guint a = 0; a < anchors->len; a++)
        g_string_append_printf (out, " %s", kts_item_get_guid (anchors->pdata[a]));
      g_string_append_c (out, '\n');
    }
  dump_list (out, kts_episode_get_edges (episode), "    ");
}

char *
kts_test_dump_project (KtsProject *project)
{
  GString         *out = g_string_new (NULL);
  KtsCodebook     *codebook = kts_project_get_codebook (project);
  const GPtrArray *changelog = kts_codebook_get_changelog (codebook);
  GListModel      *model;
  guint            n;

  dump_object (out, G_OBJECT (project), "");

  dump_object (out, G_OBJECT (codebook), "");
  for (guint i = 0; i < changelog->len; i++)
    {
      const KtsChangelogEntry *e = changelog->pdata[i];
      g_string_append_printf (out, "  changelog version=%d date=%s text=%s\n", e->version, e->date,
                              e->text);
    }
  dump_codes (out, project, kts_codebook_get_roots (codebook), 0);

  g_string_append (out, "coders\n");
  dump_list (out, kts_project_get_coders (project), "  ");

  g_string_append (out, "documents\n");
  model = kts_project_get_documents (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (model, i);
      dump_document (out, document);
    }

  g_string_append (out, "cases\n");
  dump_list (out, kts_project_get_cases (project), "  ");

  g_string_append (out, "episodes\n");
  model = kts_project_get_episodes (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (model, i);
      dump_episode (out, episode);
    }

  g_string_append_printf (out, "codings in total: %u\n", kts_project_get_n_codings (project));
  return g_string_free (out, FALSE);
}

void
kts_test_assert_dumps_equal_impl (const char *file,
                                  int         line,
                                  const char *a_expr,
                                  const char *b_expr,
                                  const char *a,
                                  const char *b)
{
  g_auto (GStrv) la = NULL;
  g_auto (GStrv) lb = NULL;
  guint i = 0;

  if (g_strcmp0 (a, b) == 0)
    return;

  la = g_strsplit (a != NULL ? a : "", "\n", -1);
  lb = g_strsplit (b != NULL ? b : "", "\n", -1);
  while (la[i] != NULL && lb[i] != NULL && strcmp (la[i], lb[i]) == 0)
    i++;

  g_error ("%s:%d: dumps differ (%s != %s) at line %u:\n- %s\n+ %s\n(next: - %s\n        + %s)",
           file, line, a_expr, b_expr, i + 1, la[i] != NULL ? la[i] : "(end)",
           lb[i] != NULL ? lb[i] : "(end)",
           la[i] != NULL && la[i + 1] != NULL ? la[i + 1] : "(end)",
           lb[i] != NULL && lb[i + 1] != NULL ? lb[i + 1] : "(end)");
}

/* ---- Consistency ----------------------------------------------------------- */

typedef struct
{
  KtsProject *project;
  guint       n_items;
  GHashTable *counts; /* KtsCode → number of codings */
  guint       n_codings;
} Check;

static void
check_item (Check *check, gpointer item)
{
  g_assert_true (kts_project_lookup (check->project, kts_item_get_guid (item)) == item);
  check->n_items++;
}

static void
check_codes (Check *check, GListModel *codes, KtsCode *parent)
{
  KtsCodebook *codebook = kts_project_get_codebook (check->project);
  guint        n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (codes, i);

      check_item (check, code);
      g_assert_true (kts_code_get_parent (code) == parent);
      g_assert_true (kts_codebook_lookup_guid (codebook, kts_item_get_guid (KTS_ITEM (code)))
                     == code);
      if (kts_code_get_key (code) != NULL)
        g_assert_true (kts_codebook_lookup_key (codebook, kts_code_get_key (code)) == code);
      check_codes (check, kts_code_get_children (code), code);
    }
}

void
kts_test_assert_consistent (KtsProject *project)
{
  Check       check = { project, 0, g_hash_table_new (NULL, NULL), 0 };
  GListModel *model;
  guint       n;
  g_autoptr (GPtrArray) codes = NULL;

  check_codes (&check, kts_codebook_get_roots (kts_project_get_codebook (project)), NULL);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==,
                    check.n_items);

  model = kts_project_get_coders (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      check_item (&check, item);
    }

  model = kts_project_get_cases (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      check_item (&check, item);
    }

  model = kts_project_get_documents (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (model, i);
      GListModel *codings = kts_document_get_codings (document);
      guint       n_codings = g_list_model_get_n_items (codings);
      g_autoptr (KtsCoding) previous = NULL;

      check_item (&check, document);
      for (guint c = 0; c < n_codings; c++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, c);
          KtsCode *code = kts_coding_get_code (coding);

          check_item (&check, coding);
          g_assert_true (kts_coding_get_document (coding) == document);
          g_assert_true (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (code)))
                         == KTS_ITEM (code));
          if (previous != NULL)
            g_assert_cmpint (kts_coding_compare (previous, coding, NULL), <, 0);
          g_hash_table_insert (
              check.counts, code,
              GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (check.counts, code)) + 1));
          check.n_codings++;
          g_set_object (&previous, coding);
        }
    }

  model = kts_project_get_episodes (project);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (model, i);
      GListModel *moves = kts_episode_get_moves (episode);
      GListModel *edges = kts_episode_get_edges (episode);

      check_item (&check, episode);
      for (guint m = 0; m < g_list_model_get_n_items (moves); m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          GPtrArray *anchors = kts_move_get_anchors (move);

          check_item (&check, move);
          for (guint a = 0; a < anchors->len; a++)
            g_assert_true (kts_project_lookup (project, kts_item_get_guid (anchors->pdata[a]))
                           == anchors->pdata[a]);
        }
      for (guint e = 0; e < g_list_model_get_n_items (edges); e++)
        {
          g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, e);

          check_item (&check, edge);
          g_assert_nonnull (kts_episode_lookup_move (
              episode, kts_item_get_guid (KTS_ITEM (kts_edge_get_source (edge)))));
          g_assert_nonnull (kts_episode_lookup_move (
              episode, kts_item_get_guid (KTS_ITEM (kts_edge_get_target (edge)))));
        }
      if (kts_episode_get_document (episode) != NULL)
        g_assert_true (kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (
                                                        kts_episode_get_document (episode))))
                       == KTS_ITEM (kts_episode_get_document (episode)));
      if (kts_episode_get_case (episode) != NULL)
        g_assert_true (kts_project_lookup (
                           project, kts_item_get_guid (KTS_ITEM (kts_episode_get_case (episode))))
                       == KTS_ITEM (kts_episode_get_case (episode)));
    }

  g_assert_cmpuint (_kts_project_get_n_indexed (project), ==, check.n_items);
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, check.n_codings);

  codes = kts_codebook_list_codes (kts_project_get_codebook (project));
  for (guint i = 0; i < codes->len; i++)
    g_assert_cmpuint (kts_project_count_codings (project, codes->pdata[i]), ==,
                      GPOINTER_TO_UINT (g_hash_table_lookup (check.counts, codes->pdata[i])));

  g_hash_table_unref (check.counts);
}

/* ---- A sample project ------------------------------------------------------------ */

static KtsCode *
add_code (KtsProject *project,
          KtsCode    *parent,
          const char *guid,
          const char *key,
          const char *name,
          int         shortcut)
{
  g_autoptr (KtsCode) code = kts_code_new (guid, name);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "color", "#c8641e", "shortcut", shortcut, NULL);
  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
  return code; /* the codebook holds it */
}

static KtsCoding *
add_coding (KtsProject  *project,
            KtsDocument *document,
            guint        start,
            guint        end,
            KtsCode     *code,
            KtsCoder    *coder)
{
  g_autoptr (GError) error = NULL;
  KtsCoding *coding;

  coding = kts_project_apply_code (project, document, start, end, code, coder, KTS_ACTOR_CLIENT,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (coding);
  /* Deterministic dumps need a fixed creation time. */
  _kts_coding_set_created (coding, 1700000000);
  return coding;
}

KtsProject *
kts_test_make_project (void)
{
  KtsProject *project = kts_project_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsCoder) coder = kts_coder_new ("00000000-0000-4000-8000-00000000c0de", "Ada");
  g_autoptr (KtsDocument) doc1 = NULL;
  g_autoptr (KtsDocument) doc2 = NULL;
  g_autoptr (KtsCase) kase = kts_case_new ("00000000-0000-4000-8000-0000000ca5e0", "a");
  g_autoptr (KtsEpisode) episode = NULL;
  g_autoptr (KtsMove) m1 = NULL;
  g_autoptr (KtsMove) m2 = NULL;
  g_autoptr (KtsMove) m3 = NULL;
  g_autoptr (KtsEdge) e1 = NULL;
  g_autoptr (KtsEdge) e2 = NULL;
  KtsCode   *sd, *sd_iso, *sd_aut, *rel, *rel_close, *rup, *rup_w, *rup_w_sil;
  KtsCoding *c1, *c2, *c3, *c4, *c5;
  KtsSpeaker speakers[] = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  KtsTurn    turns1[] = { { 0, 0, 19, -1 }, { 1, 19, 36, 754000 }, { 0, 36, 57, -1 } };

  kts_project_set_title (project, "Rupture study");
  kts_project_set_string (project, kts_project_get_codebook (project), "name", "Default");

  sd = add_code (project, NULL, "00000000-0000-4000-8000-000000000001", "SD", "Self-definition", 0);
  kts_project_set_boolean (project, sd, "codable", FALSE);
  kts_project_set_enum (project, sd, "dimension", KTS_DIMENSION_SELF_DEFINITION);
  sd_iso = add_code (project, sd, "00000000-0000-4000-8000-000000000002", "SD.isolation",
                     "Isolation", 1);
  kts_project_set_string (project, sd_iso, "definition", "Being cut off.");
  sd_aut = add_code (project, sd, "00000000-0000-4000-8000-000000000003", "SD.autonomy", "Autonomy",
                     2);
  rel = add_code (project, NULL, "00000000-0000-4000-8000-000000000004", "REL", "Relatedness", 0);
  rel_close = add_code (project, rel, "00000000-0000-4000-8000-000000000005", "REL.closeness",
                        "Closeness", 3);
  rup = add_code (project, NULL, "00000000-0000-4000-8000-000000000006", "RUP", "Rupture", 0);
  rup_w = add_code (project, rup, "00000000-0000-4000-8000-000000000007", "RUP.W", "Withdrawal", 0);
  rup_w_sil = add_code (project, rup_w, "00000000-0000-4000-8000-000000000008", "RUP.W.silence",
                        "Silence", 4);

  g_assert_true (kts_project_add_coder (project, coder, &error));
  g_assert_no_error (error);

  doc1 = kts_document_new ("00000000-0000-4000-8000-00000000d001", "Session 4",
                           "T: Shall we start?\nC: I suppose so.\nT: How was the week?\n");
  g_assert_true (kts_document_set_turns (doc1, speakers, 2, turns1, 3, &error));
  g_assert_no_error (error);
  g_assert_true (kts_project_add_document (project, doc1, -1, &error));
  g_assert_no_error (error);
  kts_project_set_document_attribute (project, doc1, "case", "a");
  kts_project_set_document_attribute (project, doc1, "session", "4");

  doc2 = kts_document_new ("00000000-0000-4000-8000-00000000d002", "Sitzung 5",
                           "T: Grüß Gott 👋\nC: … ich weiß nicht.\n");
  g_assert_true (kts_project_add_document (project, doc2, -1, &error));
  g_assert_no_error (error);
  kts_project_set_document_attribute (project, doc2, "case", "a");

  c1 = add_coding (project, doc1, 22, 35, sd_aut, coder);
  c2 = add_coding (project, doc1, 19, 36, rup_w_sil, coder);
  c3 = add_coding (project, doc1, 3, 18, rel_close, NULL);
  c4 = add_coding (project, doc2, 17, 35, rup_w_sil, coder);
  c5 = add_coding (project, doc2, 3, 15, sd_iso, coder);
  kts_project_set_string (project, c2, "memo", "long pause");
  (void)c5;

  g_assert_true (kts_project_add_case (project, kase, &error));
  g_assert_no_error (error);

  episode = kts_episode_new ("00000000-0000-4000-8000-0000000e0001", "a-1");
  g_assert_true (kts_project_add_episode (project, episode, &error));
  g_assert_no_error (error);
  kts_project_set_object (project, episode, "case", kase);
  kts_project_set_object (project, episode, "document", doc1);
  kts_project_set_int (project, episode, "end", 57);
  kts_project_set_string (project, episode, "rupture-types", "W");

  m1 = kts_move_new ("00000000-0000-4000-8000-0000000f0001", "Asks to start");
  m2 = kts_move_new ("00000000-0000-4000-8000-0000000f0002", "Withdraws");
  m3 = kts_move_new ("00000000-0000-4000-8000-0000000f0003", "Checks in");
  g_assert_true (kts_project_add_move (project, episode, m1, -1, &error));
  g_assert_true (kts_project_add_move (project, episode, m2, -1, &error));
  g_assert_true (kts_project_add_move (project, episode, m3, -1, &error));
  g_assert_no_error (error);
  kts_project_set_enum (project, m2, "actor", KTS_ACTOR_CLIENT);
  kts_project_set_enum (project, m2, "phase", KTS_PHASE_RUPTURE);
  {
    KtsCoding *a2[] = { c2, c4 };
    KtsCoding *a1[] = { c3 };

    g_assert_true (kts_project_set_move_anchors (project, m2, a2, 2, &error));
    g_assert_true (kts_project_set_move_anchors (project, m1, a1, 1, &error));
    g_assert_no_error (error);
  }

  e1 = kts_edge_new ("00000000-0000-4000-8000-0000000ed001", KTS_EDGE_RESPONDS_TO, m2, m1);
  e2 = kts_edge_new ("00000000-0000-4000-8000-0000000ed002", KTS_EDGE_NEXT, m2, m3);
  g_assert_true (kts_project_add_edge (project, episode, e1, &error));
  g_assert_true (kts_project_add_edge (project, episode, e2, &error));
  g_assert_no_error (error);
  (void)c1;

  kts_project_clear_undo (project);
  kts_project_mark_clean (project);
  kts_test_assert_consistent (project);
  return project;
}
