/* test-project-io.c: tests of reading, writing and validating project files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Round trips, saving, loading, hostile and broken input, the schema.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "kts-core.h"
#include "kts-model-private.h"

/* ---- building a project with everything in it ------------------------------ */

static const char doc1_text[] = "T: Shall we start? Let’s see – “today” & <tomorrow>.\n"
                                "C: I suppose… 😶 Ça va.\tTabbed.\n"
                                "[00:12:34] T: Mm-hm.\n"
                                "Note: no speaker here.\n"
                                "C: Emoji 👩‍👩‍👧 and ] ]> \"quotes\" 'apos'.";

static const char *tricky = "  Tab\there & \"quotes\" <angle> 'apos' ]]>\nnew line\r\nCR  ";

static KtsCode *
add_code (KtsProject *project, KtsCode *parent, const char *key, const char *name)
{
  g_autoptr (GError) error = NULL;
  KtsCode *code = g_object_new (KTS_TYPE_CODE, "key", key, "name", name, NULL);

  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
  g_object_unref (code);
  return code;
}

/* Every kind of item with every property set, and the awkward characters. */
static KtsProject *
make_full_project (void)
{
  g_autoptr (GError) error = NULL;
  KtsProject  *project = kts_project_new ();
  KtsCodebook *codebook = kts_project_get_codebook (project);
  KtsCoder    *ada, *bob;
  KtsCode     *group, *iso, *rup, *later_group;
  KtsDocument *doc1, *doc2;
  KtsCoding   *c1, *c2, *c3, *c4;
  KtsCase     *kase;
  KtsEpisode  *ep, *ep2;
  KtsMove     *m1, *m2, *m3;
  KtsEdge     *edge;
  KtsSpeaker   speakers[] = { { "T", KTS_ROLE_THERAPIST },
                              { "C", KTS_ROLE_CLIENT },
                              { "Ïñtérvïéwer & <co>", KTS_ROLE_INTERVIEWER },
                              { "", KTS_ROLE_OTHER } };
  KtsTurn      turns[] = { { 0, 0, 52, -1 },
                           { 1, 53, 83, 754000 },
                           { 0, 84, 104, 0 },
                           { -1, 105, 127, -1 },
                           { 1, 128, 168, 1234567890123 } };

  kts_project_set_title (project, "Rupture study – “Ω” & <co> 🧪");

  ada = g_object_new (KTS_TYPE_CODER, "name", "Ada Analyst", "initials", "AA", NULL);
  bob = g_object_new (KTS_TYPE_CODER, "name", tricky, NULL);
  g_assert_true (kts_project_add_coder (project, ada, &error));
  g_assert_true (kts_project_add_coder (project, bob, &error));

  kts_project_set_string (project, codebook, "name", "Rupture–repair (default)");
  kts_project_bump_codebook_version (project, "Split RUP.W.silence & <more>");
  kts_project_bump_codebook_version (project, NULL);

  group = add_code (project, NULL, "SD", "Self-definition (Blatt)");
  kts_project_set_boolean (project, group, "codable", FALSE);
  kts_project_set_string (project, group, "color", "#c8641e");
  kts_project_set_enum (project, group, "dimension", KTS_DIMENSION_SELF_DEFINITION);
  kts_project_set_string (project, group, "family", "blatt");
  kts_project_set_string (project, group, "definition", "Grouping\n\tcode");

  iso = add_code (project, group, "SD.isolation", "Isolation ✓");
  kts_project_set_string (project, iso, "color", "#d9782d");
  kts_project_set_enum (project, iso, "dimension", KTS_DIMENSION_BOTH);
  kts_project_set_enum (project, iso, "maturity", KTS_MATURITY_LESS_MATURE);
  kts_project_set_int (project, iso, "blatt-rank", 1);
  kts_project_set_string (project, iso, "family", "blatt");
  kts_project_set_code_shortcut (project, iso, 1);
  {
    static const char *fields[] = { "definition", "example", "include", "exclude", "notes",
                                    "source",     "basis",   "maps-to", "unit" };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autofree char *value = g_strdup_printf ("%s: %s", fields[i], tricky);

        kts_project_set_string (project, iso, fields[i], value);
      }
  }
  rup = add_code (project, NULL, NULL, "Rupture marker");
  kts_project_set_enum (project, rup, "maturity", KTS_MATURITY_MORE_MATURE);
  kts_project_set_enum (project, rup, "dimension", KTS_DIMENSION_RELATEDNESS);
  kts_project_set_code_shortcut (project, rup, 9);
  later_group = add_code (project, rup, "RUP.later", "Applied, then made a group");

  doc1 = kts_document_new (NULL, tricky, doc1_text);
  g_assert_cmpuint (kts_document_get_n_characters (doc1), ==, 168);
  g_assert_true (kts_document_set_turns (doc1, speakers, G_N_ELEMENTS (speakers), turns,
                                         G_N_ELEMENTS (turns), &error));
  g_assert_no_error (error);
  g_object_set (doc1, "pseudonymised", TRUE, "source-name", "s4 – “final”.txt", NULL);
  _kts_document_set_attribute (doc1, "case", "a");
  _kts_document_set_attribute (doc1, "session", "12");
  _kts_document_set_attribute (doc1, "note & <x>", tricky);
  g_assert_true (kts_project_add_document (project, doc1, -1, &error));
  doc2 = kts_document_new (NULL, "Empty", "");
  g_assert_true (kts_project_add_document (project, doc2, -1, &error));
  g_assert_no_error (error);

  c1 = kts_project_apply_code (project, doc1, 53, 83, iso, ada, KTS_ACTOR_CLIENT, &error);
  g_assert_no_error (error);
  kts_project_set_string (project, c1, "memo", tricky);
  c2 = kts_project_apply_code (project, doc1, 128, 168, rup, bob, KTS_ACTOR_THIRD, &error);
  kts_project_set_string (project, c2, "third-role", "supervisor & “co”");
  c3 = kts_project_apply_code (project, doc1, 0, 3, rup, NULL, KTS_ACTOR_UNSET, &error);
  c4 = kts_project_apply_code (project, doc1, 0, 3, later_group, NULL, KTS_ACTOR_DYAD, &error);
  g_assert_no_error (error);
  _kts_coding_set_created (c1, 1795341600); /* 2026-11-22T10:00:00Z */
  _kts_coding_set_created (c3, 0);
  kts_project_set_boolean (project, later_group, "codable", FALSE);

  kase
      = g_object_new (KTS_TYPE_CASE, "label", "a", "therapist-pseudonym", "Thomas", "therapist-age",
                      50, "therapist-gender", "m", "client-pseudonym", "Clara", "client-age", 34,
                      "client-gender", "f", "orientation", "psychodynamic", "setting", "outpatient",
                      "treatment-length", "40 sessions", "notes", tricky, NULL);
  g_assert_true (kts_project_add_case (project, kase, &error));

  ep = g_object_new (
      KTS_TYPE_EPISODE, "name", "a-1", "case", kase, "document", doc1, "start", 0, "end", 168,
      "rupture-types", "W>C", "initiator", KTS_INITIATOR_THERAPIST, "temporal-pattern", "early",
      "course", "zig-zag", "intensity", "high", "alliance-component", "bond", "repair-mode",
      "immediate", "detected-by", "client", "resolution", KTS_RESOLUTION_PARTIAL, "themes", "1a 2c",
      "pattern-formula", "W → C & <R>", "status", KTS_EPISODE_STATUS_VALIDATED, NULL);
  g_assert_true (kts_project_add_episode (project, ep, &error));
  m1 = g_object_new (
      KTS_TYPE_MOVE, "ident", "a-3", "label", "Grows less responsive", "actor", KTS_ACTOR_THIRD,
      "third-role", "supervisor", "dimension", KTS_DIMENSION_SELF_DEFINITION, "phase",
      KTS_PHASE_RUPTURE, "role", KTS_MOVE_ROLE_REPAIR_ATTEMPT, "session-ref", "between S12 and S13",
      "time-certainty", KTS_TIME_CERTAINTY_UNKNOWN, "location", KTS_LOCATION_BETWEEN_SESSIONS,
      "channel", KTS_CHANNEL_FACE_TO_FACE, "interpretation", KTS_INTERPRETATION_ANALYST,
      "explicitness", KTS_EXPLICITNESS_IMPLICIT, "awareness", KTS_AWARENESS_OUT_OF_AWARENESS,
      "quote", tricky, "memo", "memo\twith tab", "has-position", TRUE, "x", 0.1, "y", -1234.5e10,
      "attribution-doubt", "Quoted as Thomas, \"not labelled\" a & <b>", NULL);
  g_assert_true (kts_project_add_move (project, ep, m1, -1, &error));
  m2 = g_object_new (KTS_TYPE_MOVE, "label", "", "awareness", KTS_AWARENESS_UNKNOWN, NULL);
  g_assert_true (kts_project_add_move (project, ep, m2, -1, &error));
  m3 = g_object_new (KTS_TYPE_MOVE, "label", "Third", "has-position", TRUE, "x", 0.0, "y", 3.0,
                     NULL);
  g_assert_true (kts_project_add_move (project, ep, m3, 0, &error));
  {
    KtsCoding *anchors[] = { c2, c1 };

    g_assert_true (kts_project_set_move_anchors (project, m1, anchors, 2, &error));
  }
  edge = kts_edge_new (NULL, KTS_EDGE_RESPONDS_TO, m1, m2);
  g_object_set (edge, "count", 3, "label", "×3 & more", NULL);
  g_assert_true (kts_project_add_edge (project, ep, edge, &error));
  g_object_unref (edge);
  edge = kts_edge_new (NULL, KTS_EDGE_SAME_EVENT, m2, m3);
  g_assert_true (kts_project_add_edge (project, ep, edge, &error));
  g_object_unref (edge);
  ep2 = kts_episode_new (NULL, "vignette");
  g_assert_true (kts_project_add_episode (project, ep2, &error));
  g_assert_no_error (error);

  g_object_unref (ada);
  g_object_unref (bob);
  g_object_unref (doc1);
  g_object_unref (doc2);
  g_object_unref (kase);
  g_object_unref (ep);
  g_object_unref (ep2);
  g_object_unref (m1);
  g_object_unref (m2);
  g_object_unref (m3);
  (void)c4;
  return project;
}

/* ---- a dump of everything, independent of the file format ------------------- */

static void
dump_value (GString *s, const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *str = g_value_get_string (value);

      if (str == NULL)
        g_string_append (s, "(null)");
      else
        {
          g_autofree char *escaped = g_strescape (str, NULL);

          g_string_append_printf (s, "\"%s\"", escaped);
        }
    }
  else if (G_VALUE_HOLDS_OBJECT (value))
    {
      GObject *obj = g_value_get_object (value);

      if (obj == NULL)
        g_string_append (s, "(none)");
      else if (KTS_IS_ITEM (obj))
        g_string_append (s, kts_item_get_guid (KTS_ITEM (obj)));
      else if (G_IS_LIST_MODEL (obj))
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (obj));

          g_string_append (s, "[");
          for (guint i = 0; i < n; i++)
            {
              g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (obj), i);

              g_string_append_printf (s, "%s ",
                                      KTS_IS_ITEM (item) ? kts_item_get_guid (KTS_ITEM (item))
                                                         : G_OBJECT_TYPE_NAME (item));
            }
          g_string_append (s, "]");
        }
      else
        g_string_append (s, G_OBJECT_TYPE_NAME (obj));
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_PTR_ARRAY))
    {
      GPtrArray *array = g_value_get_boxed (value);

      g_string_append (s, "[");
      for (guint i = 0; array != NULL && i < array->len; i++)
        {
          gpointer item = g_ptr_array_index (array, i);

          g_string_append_printf (s, "%s ", KTS_IS_ITEM (item) ? kts_item_get_guid (item) : "?");
        }
      g_string_append (s, "]");
    }
  else if (G_VALUE_HOLDS_DOUBLE (value))
    g_string_append_printf (s, "%.17g", g_value_get_double (value));
  else
    {
      g_autofree char *contents = g_strdup_value_contents (value);

      g_string_append (s, contents);
    }
}

static void
dump_object (GString *s, gpointer object, const char *indent)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint                   n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  g_string_append_printf (s, "%s%s\n", indent, G_OBJECT_TYPE_NAME (object));
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      g_string_append_printf (s, "%s  %s = ", indent, pspecs[i]->name);
      dump_value (s, &value);
      g_string_append_c (s, '\n');
    }
}

static void
dump_list (GString *s, GListModel *list, const char *indent)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);

      dump_object (s, item, indent);
    }
}

static char *
dump_project (KtsProject *project)
{
  GString         *s = g_string_new (NULL);
  KtsCodebook     *codebook = kts_project_get_codebook (project);
  const GPtrArray *changelog = kts_codebook_get_changelog (codebook);
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (codebook);
  GListModel *documents = kts_project_get_documents (project);
  GListModel *episodes = kts_project_get_episodes (project);

  g_string_append_printf (s, "title %s\n", kts_project_get_title (project));
  dump_list (s, kts_project_get_coders (project), "");
  dump_object (s, codebook, "");
  for (guint i = 0; changelog != NULL && i < changelog->len; i++)
    {
      const KtsChangelogEntry *e = g_ptr_array_index (changelog, i);

      g_string_append_printf (s, "changelog %d %s %s\n", e->version, e->date,
                              e->text ? e->text : "(null)");
    }
  for (guint i = 0; i < codes->len; i++)
    dump_object (s, g_ptr_array_index (codes, i), "  ");
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) doc = g_list_model_get_item (documents, i);
      g_autoptr (GPtrArray) names = kts_document_list_attributes (doc);

      dump_object (s, doc, "");
      for (guint j = 0; j < kts_document_get_n_speakers (doc); j++)
        g_string_append_printf (s, "  speaker %s %d\n", kts_document_get_speaker (doc, j)->label,
                                kts_document_get_speaker (doc, j)->role);
      for (guint j = 0; j < kts_document_get_n_turns (doc); j++)
        {
          const KtsTurn *t = kts_document_get_turn (doc, j);

          g_string_append_printf (s, "  turn %d %u %u %" G_GINT64_FORMAT "\n", t->speaker, t->start,
                                  t->end, t->timestamp_ms);
        }
      for (guint j = 0; names != NULL && j < names->len; j++)
        g_string_append_printf (s, "  attribute %s = %s\n", (char *)g_ptr_array_index (names, j),
                                kts_document_get_attribute (doc, g_ptr_array_index (names, j)));
      dump_list (s, kts_document_get_codings (doc), "  ");
    }
  dump_list (s, kts_project_get_cases (project), "");
  for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr (KtsEpisode) ep = g_list_model_get_item (episodes, i);

      dump_object (s, ep, "");
      dump_list (s, kts_episode_get_moves (ep), "  ");
      dump_list (s, kts_episode_get_edges (ep), "  ");
    }

  return g_string_free (s, FALSE);
}

/* ---- helpers -------------------------------------------------------------------- */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "project", name, NULL);
}

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static GBytes *
bytes_from_string (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize       len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strndup (data, len);
}

static char *
make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("kts-project-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (dir);
}

/* Validates @bytes with the schema in the source tree, independently of
 * the copy compiled into the core. */
static void
assert_schema_valid (GBytes *bytes)
{
  g_autofree char *schema_path
      = g_build_filename (g_getenv ("KTS_SOURCE_DIR"), "data", "kintsugi-project.rng", NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (schema_path);
  xmlRelaxNGPtr           schema = xmlRelaxNGParse (pctxt);
  xmlRelaxNGValidCtxtPtr  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int)g_bytes_get_size (bytes),
                                 "test.kintsugi", NULL, XML_PARSE_NONET);

  g_assert_nonnull (schema);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlRelaxNGValidateDoc (vctxt, doc), ==, 0);

  xmlFreeDoc (doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlRelaxNGFree (schema);
  xmlRelaxNGFreeParserCtxt (pctxt);
}

/* ---- round trips ------------------------------------------------------------------ */

static void
test_round_trip (void)
{
  g_autoptr (KtsProject) project = make_full_project ();
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dump1 = NULL;
  g_autofree char *dump2 = NULL;
  g_autofree char *text = NULL;

  first = kts_project_serialize (project);
  text = bytes_to_string (first);
  if (g_test_verbose ())
    g_printerr ("%s", text);

  loaded = kts_project_deserialize (first, "round-trip.kintsugi", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_false (kts_project_get_dirty (loaded));
  g_assert_false (kts_project_can_undo (loaded));
  g_assert_false (kts_project_can_redo (loaded));

  dump1 = dump_project (project);
  dump2 = dump_project (loaded);
  g_assert_cmpstr (dump1, ==, dump2);

  second = kts_project_serialize (loaded);
  g_assert_true (g_bytes_equal (first, second));

  /* Deterministic: the same project twice gives the same bytes. */
  {
    g_autoptr (GBytes) again = kts_project_serialize (project);

    g_assert_true (g_bytes_equal (first, again));
  }

  /* Things the format promises about its text. */
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kintsugi "
                                         "xmlns=\"https://kintsugi-qda.github.io/ns/project/1\" "
                                         "format=\"1\" generator=\"Kintsugi "));
  g_assert_nonnull (strstr (text, "\n  <project title="));
  g_assert_nonnull (strstr (text, "\n  <codings>\n    <coding "));
  g_assert_nonnull (strstr (text, "&#10;")); /* new lines in attributes survive */
  g_assert_nonnull (strstr (text, "&#9;"));
  g_assert_nonnull (strstr (text, "&#13;"));
  g_assert_nonnull (strstr (text, "created=\"2026-11-22T10:00:00Z\""));
  /* Empty optional values are left out: the only empty attributes are the
   * required labels of a speaker and a move. */
  g_assert_nonnull (strstr (text, "<speaker label=\"\" role=\"other\"/>"));
  {
    g_auto (GStrv) parts = g_strsplit (text, "=\"\"", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 3);
  }
  g_assert_null (strstr (text, "unset"));
  g_assert_nonnull (strstr (text, "<text>T: Shall we start? Let’s see – “today” &amp; "
                                  "&lt;tomorrow&gt;.\nC: I suppose… 😶"));

  assert_schema_valid (first);
  {
    g_autoptr (GPtrArray) problems = NULL;

    g_assert_true (kts_project_validate_bytes (first, "round-trip.kintsugi", &problems));
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_round_trip_empty (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (GBytes) first = kts_project_serialize (project);
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = bytes_to_string (first);

  /* Every section is there, even when empty. */
  for (const char *const *s
       = (const char *const[]){ "<project ", "<coders/>", "<codebook ", "<documents/>",
                                "<codings/>", "<cases/>", "<episodes/>", NULL };
       *s != NULL; s++)
    g_assert_nonnull (strstr (text, *s));

  loaded = kts_project_deserialize (first, NULL, &error);
  g_assert_no_error (error);
  second = kts_project_serialize (loaded);
  g_assert_true (g_bytes_equal (first, second));
  assert_schema_valid (first);
}

/* The bracketing lock is saved on the project element, only when set, and
 * read back without leaving an undo step. */
static void
test_round_trip_theory_locked (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (KtsProject) unlocked = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GBytes) plain = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain_text = NULL;
  g_autoptr (GBytes) bad = NULL;
  const char *bad_xml = "<?xml version=\"1.0\"?>\n"
                        "<kintsugi xmlns=\"" KTS_PROJECT_NAMESPACE "\" format=\"1\">\n"
                        "<project title=\"x\" theory-locked=\"yes\"/><coders/>"
                        "<codebook version=\"1\"/><documents/><codings/><cases/><episodes/>"
                        "</kintsugi>\n";

  plain = kts_project_serialize (project);
  plain_text = bytes_to_string (plain);
  g_assert_null (strstr (plain_text, "theory-locked"));

  kts_project_set_title (project, "Bracketed study");
  kts_project_set_boolean (project, project, "theory-locked", TRUE);
  g_assert_true (kts_project_get_theory_locked (project));
  bytes = kts_project_serialize (project);
  text = bytes_to_string (bytes);
  g_assert_nonnull (strstr (text, "<project title=\"Bracketed study\" theory-locked=\"true\"/>"));
  assert_schema_valid (bytes);

  loaded = kts_project_deserialize (bytes, "locked.kintsugi", &error);
  g_assert_no_error (error);
  g_assert_true (kts_project_get_theory_locked (loaded));
  g_assert_false (kts_project_can_undo (loaded));
  g_assert_false (kts_project_get_dirty (loaded));
  again = kts_project_serialize (loaded);
  g_assert_true (g_bytes_equal (bytes, again));

  /* Undoing the lock takes it out of the file again. */
  g_assert_true (kts_project_undo (project));
  g_assert_false (kts_project_get_theory_locked (project));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = kts_project_serialize (project);
  unlocked = kts_project_deserialize (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kts_project_get_theory_locked (unlocked));

  /* Only true and false are values. */
  bad = g_bytes_new_static (bad_xml, strlen (bad_xml));
  g_assert_null (kts_project_deserialize (bad, "bad.kintsugi", &error));
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "theory-locked"));
}

/* Characters XML 1.0 cannot carry are replaced, so the file stays readable. */
/* Brief B.13: several episodes of one case, two vignettes with no named
 * case, and a move whose case attribution is uncertain, saved and loaded. */
static void
test_round_trip_episodes_per_case (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (KtsCase) kase = g_object_new (KTS_TYPE_CASE, "label", "d", NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  static const char *const names[] = { "d-1", "d-2", "Toto 1", "Toto 2" };
  KtsCase                 *loaded_case = NULL;

  g_assert_true (kts_project_add_case (project, kase, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, names[i]);
      g_autoptr (KtsMove) move = kts_move_new (NULL, "A step");

      if (i < 2)
        g_object_set (episode, "case", kase, NULL);
      if (i == 0)
        g_object_set (move, "attribution-doubt", "Not labelled case d", NULL);
      g_assert_true (kts_project_add_episode (project, episode, &error));
      g_assert_true (kts_project_add_move (project, episode, move, -1, &error));
    }
  g_assert_no_error (error);

  bytes = kts_project_serialize (project);
  assert_schema_valid (bytes);
  loaded = kts_project_deserialize (bytes, "episodes.kintsugi", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_episodes (loaded)), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      KtsEpisode *episode = kts_project_find_episode (loaded, names[i]);
      g_autoptr (KtsMove) move = NULL;

      g_assert_nonnull (episode);
      move = g_list_model_get_item (kts_episode_get_moves (episode), 0);
      if (i < 2)
        {
          g_assert_nonnull (kts_episode_get_case (episode));
          g_assert_cmpstr (kts_case_get_label (kts_episode_get_case (episode)), ==, "d");
          /* Both episodes name the one case. */
          if (loaded_case == NULL)
            loaded_case = kts_episode_get_case (episode);
          g_assert_true (kts_episode_get_case (episode) == loaded_case);
        }
      else
        g_assert_null (kts_episode_get_case (episode));
      g_assert_cmpstr (kts_move_get_attribution_doubt (move), ==,
                       i == 0 ? "Not labelled case d" : NULL);
    }
}

static void
test_unwritable_characters (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;

  kts_project_set_title (project, "bell\a and \x1b escape \xef\xbf\xbe");
  bytes = kts_project_serialize (project);
  loaded = kts_project_deserialize (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kts_project_get_title (loaded), ==, "bell� and � escape �");
}

/* Hand-written files may differ in layout; they load the same. */
static void
test_load_hand_written (void)
{
  g_autoptr (GBytes) bytes = read_data ("valid.kintsugi");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = kts_project_deserialize (bytes, "valid.kintsugi", &error);
  g_autoptr (GPtrArray) problems = NULL;
  KtsDocument *doc;
  KtsCode     *code;
  KtsEpisode  *ep;

  g_assert_no_error (error);
  g_assert_cmpstr (kts_project_get_title (project), ==, "Rupture study");
  g_assert_cmpuint (g_list_model_get_n_items (kts_project_get_coders (project)), ==, 1);
  g_assert_cmpuint (kts_codebook_get_n_codes (kts_project_get_codebook (project)), ==, 3);
  g_assert_cmpint (kts_codebook_get_version (kts_project_get_codebook (project)), ==, 2);
  doc = kts_project_find_document (project, "33333333-0b4d-4e5f-9a6b-7c8d9e0f1a2b");
  g_assert_nonnull (doc);
  g_assert_cmpstr (kts_document_get_text (doc), ==, "T: Shall we start?\nC: I suppose.");
  g_assert_cmpuint (kts_document_get_n_turns (doc), ==, 2);
  g_assert_cmpint (kts_document_get_turn (doc, 1)->timestamp_ms, ==, 754000);
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, 2);
  /* Upper-case guids are read, and compared, as lower case. */
  code = kts_codebook_lookup_guid (kts_project_get_codebook (project),
                                   "22222222-0b4d-4e5f-9a6b-7c8d9e0f1a2b");
  g_assert_nonnull (code);
  g_assert_cmpint (kts_code_get_shortcut (code), ==, 1);
  ep = kts_project_find_episode (project, "a-1");
  g_assert_nonnull (ep);
  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_moves (ep)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kts_episode_get_edges (ep)), ==, 1);

  g_assert_true (kts_project_validate_bytes (bytes, "valid.kintsugi", &problems));
}

/* ---- saving and loading files ------------------------------------------------------- */

static void
test_save_load (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "study.kintsugi", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KtsProject) project = make_full_project ();
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) on_disk = NULL;
  g_autoptr (GBytes) expected = NULL;
  g_autofree char *first_contents = NULL;

  g_assert_true (kts_project_get_dirty (project));
  g_assert_true (kts_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kts_project_get_dirty (project));
  g_assert_true (g_file_equal (kts_project_get_file (project), file));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_file_get_contents (path, &first_contents, NULL, NULL);

  loaded = kts_project_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (kts_project_get_file (loaded), file));
  g_assert_false (kts_project_get_dirty (loaded));

  /* A second save keeps the first as the backup. */
  kts_project_set_title (loaded, "Changed");
  g_assert_true (kts_project_get_dirty (loaded));
  g_assert_true (kts_project_save (loaded, file, NULL, &error));
  g_assert_no_error (error);
  on_disk = kts_file_read_all (path, G_MAXSIZE, &error);
  expected = kts_project_serialize (loaded);
  g_assert_true (g_bytes_equal (on_disk, expected));
  {
    g_autofree char *backup_contents = NULL;

    g_file_get_contents (backup, &backup_contents, NULL, NULL);
    g_assert_cmpstr (backup_contents, ==, first_contents);
  }

  /* A failed save leaves the file and the dirty flag alone. */
  kts_project_set_title (loaded, "Changed again");
  for (int step = 1; step <= 3; step++)
    {
      g_autoptr (GBytes) after = NULL;

      kts_file_set_fault_injection (step);
      g_assert_false (kts_project_save (loaded, file, NULL, &error));
      kts_file_set_fault_injection (0);
      g_assert_error (error, KTS_ERROR, KTS_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, "Could not save “study.kintsugi”: "));
      g_clear_error (&error);
      g_assert_true (kts_project_get_dirty (loaded));
      after = kts_file_read_all (path, G_MAXSIZE, NULL);
      g_assert_true (g_bytes_equal (after, on_disk));
      g_clear_object (&project);
      project = kts_project_load (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kts_project_get_title (project), ==, "Changed");
    }

  remove_dir (dir);
}

static void
test_load_missing (void)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/folder/gone.kintsugi");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = kts_project_load (file, NULL, &error);

  g_assert_null (project);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Could not read “gone.kintsugi”: No such file or directory");
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncData;

static void
async_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "async.kintsugi", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (KtsProject) project = make_full_project ();
  g_autoptr (KtsProject) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dump1 = dump_project (project);
  g_autofree char *dump2 = NULL;
  AsyncData        data = { g_main_loop_new (NULL, FALSE), NULL };

  kts_project_save_async (project, file, NULL, async_done_cb, &data);
  /* Serialised already: changes now are not part of this save. */
  g_main_loop_run (data.loop);
  g_assert_true (kts_project_save_finish (project, data.result, &error));
  g_assert_no_error (error);
  g_assert_false (kts_project_get_dirty (project));
  g_clear_object (&data.result);

  kts_project_load_async (file, NULL, async_done_cb, &data);
  g_main_loop_run (data.loop);
  loaded = kts_project_load_finish (data.result, &error);
  g_assert_no_error (error);
  g_clear_object (&data.result);
  dump2 = dump_project (loaded);
  g_assert_cmpstr (dump1, ==, dump2);
  g_assert_false (kts_project_get_dirty (loaded));

  /* An edit during the write: the project stays dirty. */
  kts_project_save_async (loaded, file, NULL, async_done_cb, &data);
  kts_project_set_title (loaded, "Edited while saving");
  g_main_loop_run (data.loop);
  g_assert_true (kts_project_save_finish (loaded, data.result, &error));
  g_assert_true (kts_project_get_dirty (loaded));
  g_clear_object (&data.result);

  /* A failing load reports through the callback. */
  {
    g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/x.kintsugi");

    kts_project_load_async (missing, NULL, async_done_cb, &data);
    g_main_loop_run (data.loop);
    g_assert_null (kts_project_load_finish (data.result, &error));
    g_assert_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_clear_object (&data.result);
  }

  g_main_loop_unref (data.loop);
  remove_dir (dir);
}

/* ---- hostile and broken input -------------------------------------------------------- */

typedef struct
{
  const char *file;
  int         code;
  const char *message; /* the whole message after "NAME, " */
} BadFile;

static const BadFile bad_files[] = {
  { "billion-laughs.kintsugi", KTS_ERROR_UNSAFE,
    "line 2: document type declarations are not allowed" },
  { "xxe-file.kintsugi", KTS_ERROR_UNSAFE, "line 3: document type declarations are not allowed" },
  { "xxe-http.kintsugi", KTS_ERROR_UNSAFE, "line 2: document type declarations are not allowed" },
  { "parameter-entities.kintsugi", KTS_ERROR_UNSAFE,
    "line 2: document type declarations are not allowed" },
  { "doctype-plain.kintsugi", KTS_ERROR_UNSAFE,
    "line 2: document type declarations are not allowed" },
  { "doctype-after-comment.kintsugi", KTS_ERROR_UNSAFE,
    "line 4: document type declarations are not allowed" },
  { "utf16.kintsugi", KTS_ERROR_ENCODING, "line 1: the file is not in UTF-8" },
  { "latin1-declared.kintsugi", KTS_ERROR_ENCODING, "line 1: the file is not in UTF-8" },
  { "not-xml.kintsugi", KTS_ERROR_PARSE,
    "line 1: this is not an XML file (it does not begin with “<”)" },
  { "ebcdic.kintsugi", KTS_ERROR_PARSE,
    "line 1: this is not an XML file (it does not begin with “<”)" },
  { "utf32.kintsugi", KTS_ERROR_ENCODING, "line 1: the file is not in UTF-8" },
  { "wrong-root.kintsugi", KTS_ERROR_PARSE,
    "line 2: this is not a Kintsugi project (the root element is “html”)" },
  { "wrong-namespace.kintsugi", KTS_ERROR_PARSE,
    "line 2: this is not a Kintsugi project (the namespace is “https://example.org/other”; "
    "“https://kintsugi-qda.github.io/ns/project/1” expected)" },
  { "no-namespace.kintsugi", KTS_ERROR_PARSE,
    "line 2: this is not a Kintsugi project (the root element has no namespace; "
    "“https://kintsugi-qda.github.io/ns/project/1” expected)" },
  { "missing-format.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 2: the format version (“format”) is missing" },
  { "format-2.kintsugi", KTS_ERROR_NEWER_VERSION,
    "line 2: the file was written by a newer version of Kintsugi (format 2; this version reads "
    "format 1)" },
  { "format-bad.kintsugi", KTS_ERROR_INVALID_FILE, "line 2: “one” is not a valid format version" },
  { "missing-section.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 29: “codings” is missing before "
    "“cases”" },
  { "dangling-document.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: there is no document with the identifier “33333333-0b4d-4e5f-9a6b-000000000000”" },
  { "dangling-code.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: there is no code with the identifier “22222222-0b4d-4e5f-9a6b-000000000000”" },
  { "dangling-coder.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: there is no coder with the identifier “8a3f1c2e-0b4d-4e5f-9a6b-000000000000”" },
  { "dangling-case.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 39: there is no case with the identifier “55555555-0b4d-4e5f-9a6b-000000000000”" },
  { "dangling-move.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 46: there is no move with the identifier “88888888-0b4d-4e5f-9a6b-000000000000” in "
    "this episode" },
  { "dangling-anchor.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 42: there is no coding with the identifier “44444444-0b4d-4e5f-9a6b-000000000000”" },
  { "anchor-is-a-code.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 42: there is no coding with the identifier “22222222-0b4d-4e5f-9a6b-7c8d9e0f1a2b”" },
  { "duplicate-guid.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 33: the identifier “44444444-0b4d-4e5f-9a6b-7c8d9e0f1a2b” is already used on line 30" },
  { "duplicate-guid-across.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 36: the identifier “8a3f1c2e-0b4d-4e5f-9a6b-7c8d9e0f1a2b” is already used on line 5" },
  { "coding-past-end.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: the coding ends at 33, past the end of its document’s text (32 characters)" },
  { "coding-empty.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: the coding is empty or ends before it starts (21–21)" },
  { "coding-backwards.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: the coding is empty or ends before it starts (30–21)" },
  { "bad-enum.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: “patient” is not a valid value of “actor”" },
  { "unset-token.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: “unset” is not a valid value of “actor”" },
  { "non-numeric-offset.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: “2l” is not a valid “start” (a whole number ≥ 0 expected)" },
  { "negative-offset.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: “-1” is not a valid “start” (a whole number ≥ 0 expected)" },
  { "huge-offset.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: “99999999999999999999999” is not a valid “end” (a whole number ≥ 0 expected)" },
  { "bad-guid.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 5: “not-a-guid” is not a valid identifier in “guid”" },
  { "missing-attribute.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 33: “coding” has no “end” attribute" },
  { "unknown-attribute.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 5: unknown attribute “colour” on “coder”" },
  { "unknown-element.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 6: unexpected element “script” in “coders”" },
  { "turn-bad-speaker.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 25: the turn names speaker 2, but the document has 2 speakers (numbered from 0)" },
  { "turn-overlap.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 25: the turn 10–32 overlaps the one before or is out of order" },
  { "turn-past-end.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 25: the turn ends at 40, past the end of the text (32 characters)" },
  { "edge-to-itself.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 46: an edge cannot join a move to itself" },
  { "duplicate-key.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 15: the key “SD” is already used on line 9" },
  { "duplicate-shortcut.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 15: the shortcut 1 is already used on line 11" },
  { "bad-time.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 30: “2026-02-30T10:00:00Z” is not a valid time (YYYY-MM-DDTHH:MM:SSZ expected)" },
  { "bad-position.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 41: “NaN” is not a valid “x” (a number expected)" },
  { "text-with-element.kintsugi", KTS_ERROR_INVALID_FILE,
    "line 21: unexpected element “b” in “text”" },
  { "truncated.kintsugi", KTS_ERROR_PARSE,
    "line 31: not a well-formed XML file: Premature end of data in tag memo line 31" },
  { "undefined-entity.kintsugi", KTS_ERROR_PARSE,
    "line 3: not a well-formed XML file: Entity 'nbsp' not defined" },
};

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr (GBytes) bytes = read_data (bad_files[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (KtsProject) project = NULL;
      g_autofree char *expected
          = g_strdup_printf ("%s, %s", bad_files[i].file, bad_files[i].message);
      g_autoptr (GPtrArray) problems = NULL;

      g_test_message ("%s", bad_files[i].file);
      project = kts_project_deserialize (bytes, bad_files[i].file, &error);
      g_assert_null (project);
      g_assert_nonnull (error);
      g_test_message ("  got: %s", error->message);
      if (g_getenv ("KTS_TEST_LIST_ONLY") != NULL)
        continue;
      g_assert_error (error, KTS_ERROR, bad_files[i].code);
      g_assert_true (g_str_has_prefix (error->message, expected));

      /* Validation finds the problem too, with a line number. */
      g_assert_false (kts_project_validate_bytes (bytes, bad_files[i].file, &problems));
      g_assert_cmpuint (problems->len, >, 0);
      for (guint j = 0; j < problems->len; j++)
        {
          g_test_message ("  %s", (char *)g_ptr_array_index (problems, j));
          g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, j), bad_files[i].file));
          g_assert_nonnull (strstr (g_ptr_array_index (problems, j), ", line "));
        }
    }
}

/* Every well-formed fixture that breaks a rule is also caught by the
 * schema or the reference checks when validating, and the messages of
 * reference problems are the loader's. */
static void
test_validate_reports_all (void)
{
  g_autoptr (GBytes) bytes = read_data ("many-problems.kintsugi");
  g_autoptr (GPtrArray) problems = NULL;
  static const char *expected[] = {
    "many-problems.kintsugi, line 5: “coder” has no “name” attribute",
    "many-problems.kintsugi, line 30: there is no document with the identifier "
    "“33333333-0b4d-4e5f-9a6b-000000000000”",
    "many-problems.kintsugi, line 33: “nobody” is not a valid value of “actor”",
    "many-problems.kintsugi, line 33: the coding ends at 99, past the end of its document’s text "
    "(32 characters)",
    "many-problems.kintsugi, line 34: the identifier “44444444-0b4d-4e5f-9a6b-7c8d9e0f1a2b” is "
    "already used on line 30",
    "many-problems.kintsugi, line 47: there is no move with the identifier "
    "“88888888-0b4d-4e5f-9a6b-000000000000” in this episode",
  };

  g_assert_false (kts_project_validate_bytes (bytes, "many-problems.kintsugi", &problems));
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (problems, i), ==, expected[i]);
}

/* The schema's view counts where the loader's walk saw nothing: here inside
 * a code the walk skipped because its parent was broken. Codings of the
 * skipped codes add no messages. */
static void
test_validate_schema_problems (void)
{
  g_autoptr (GBytes) bytes = read_data ("schema-problems.kintsugi");
  g_autoptr (GPtrArray) problems = NULL;
  static const char *expected[] = {
    "schema-problems.kintsugi, line 9: “red” is not a colour (#rrggbb expected)",
    "schema-problems.kintsugi, line 11: does not match the schema: Invalid attribute colour for "
    "element code",
    "schema-problems.kintsugi, line 15: element “notes” is out of place in “code”",
  };

  g_assert_false (kts_project_validate_bytes (bytes, "schema-problems.kintsugi", &problems));
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (problems, i), ==, expected[i]);
}

/* Cut a real file anywhere: always an error naming a line, never a crash. */
static void
test_truncated_everywhere (void)
{
  g_autoptr (KtsProject) project = make_full_project ();
  g_autoptr (GBytes) bytes = kts_project_serialize (project);
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *root_end = g_strrstr (data, "</kintsugi>");
  gsize       step = g_test_thorough () ? 1 : 3;

  g_assert_nonnull (root_end);
  for (gsize cut = 0; cut < size; cut += (cut < 300 ? 1 : step))
    {
      g_autoptr (GBytes) part = g_bytes_new_from_bytes (bytes, 0, cut);
      g_autoptr (GError) error = NULL;
      g_autoptr (KtsProject) loaded = kts_project_deserialize (part, "cut.kintsugi", &error);

      if (cut >= (gsize)(root_end - data) + strlen ("</kintsugi>"))
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_null (loaded);
      g_assert_nonnull (error);
      if (cut == 0)
        g_assert_error (error, KTS_ERROR, KTS_ERROR_EMPTY);
      else
        {
          g_assert_error (error, KTS_ERROR, KTS_ERROR_PARSE);
          g_assert_true (g_str_has_prefix (error->message, "cut.kintsugi, line "));
        }
    }
}

/* Random damage to a real file: no crash, and an error or a project. */
static void
test_fuzz_bytes (void)
{
  g_autoptr (KtsProject) project = make_full_project ();
  g_autoptr (GBytes) bytes = kts_project_serialize (project);
  gsize             size;
  const char       *data = g_bytes_get_data (bytes, &size);
  GRand            *rand = g_rand_new_with_seed (20261122);
  guint             rounds = g_test_thorough () ? 20000 : 1500;
  static const char pieces[] = "<>&\"'/=:#;!?- \n\t0123456789abcdef\xc3\xa9\xf0\x9f\x98\xb6";

  for (guint r = 0; r < rounds; r++)
    {
      g_autofree char *copy = g_memdup2 (data, size);
      g_autoptr (GBytes) damaged = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (KtsProject) loaded = NULL;
      guint changes = g_rand_int_range (rand, 1, 4);

      for (guint c = 0; c < changes; c++)
        copy[g_rand_int_range (rand, 0, (gint32)size)]
            = pieces[g_rand_int_range (rand, 0, sizeof pieces - 1)];
      damaged = g_bytes_new_take (g_steal_pointer (&copy), size);
      loaded = kts_project_deserialize (damaged, "fuzz.kintsugi", &error);
      g_assert_true ((loaded == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (g_str_has_prefix (error->message, "fuzz.kintsugi, line "));
    }
  g_rand_free (rand);
}

static void
test_deep_nesting (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\"?>\n<kintsugi "
                             "xmlns=\"https://kintsugi-qda.github.io/ns/project/1\" format=\"1\">"
                             "<project title=\"x\"/><coders/><codebook version=\"1\">\n");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = NULL;

  /* Elements nested deeper than libxml2 allows. */
  for (int i = 0; i < 100000; i++)
    g_string_append (s, "<a>");
  bytes = g_string_free_to_bytes (s);
  project = kts_project_deserialize (bytes, "deep.kintsugi", &error);
  g_assert_null (project);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "deep.kintsugi, line 3: elements are nested more than 256 deep");
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Codes nested deeper than we accept, in a well-formed file. */
  s = g_string_new ("<?xml version=\"1.0\"?>\n<kintsugi "
                    "xmlns=\"https://kintsugi-qda.github.io/ns/project/1\" format=\"1\">"
                    "<project title=\"x\"/><coders/><codebook version=\"1\">\n");
  for (int i = 0; i < 200; i++)
    g_string_append_printf (s, "<code guid=\"00000000-0000-4000-8000-%012d\" name=\"c%d\">\n", i,
                            i);
  for (int i = 0; i < 200; i++)
    g_string_append (s, "</code>");
  g_string_append (s, "</codebook><documents/><codings/><cases/><episodes/></kintsugi>\n");
  bytes = g_string_free_to_bytes (s);
  project = kts_project_deserialize (bytes, "deep.kintsugi", &error);
  g_assert_null (project);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==,
                   "deep.kintsugi, line 67: codes are nested more than 64 deep");
}

/* Line numbers stay exact past 65535 lines, where libxml2's own stop. */
static void
test_big_line_numbers (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsDocument) doc = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (KtsProject) loaded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *expected = NULL;
  GString         *s = g_string_new (NULL);
  const char      *at;
  long             line = 1;

  for (int i = 0; i < 70000; i++)
    g_string_append_printf (s, "%c: line %d\n", i % 2 ? 'C' : 'T', i);
  doc = kts_document_new (NULL, "long", s->str);
  g_string_free (s, TRUE);
  g_assert_true (kts_project_add_document (project, doc, -1, &error));
  bytes = kts_project_serialize (project);
  text = bytes_to_string (bytes);

  /* A dangling coding after the long text. */
  at = strstr (text, "<codings/>");
  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  broken = g_strdup_printf ("%.*s<codings><coding guid=\"44444444-0b4d-4e5f-9a6b-7c8d9e0f1a2b\" "
                            "document=\"%s\" code=\"22222222-0b4d-4e5f-9a6b-7c8d9e0f1a2b\" "
                            "start=\"0\" end=\"1\"/></codings>%s",
                            (int)(at - text), text, kts_item_get_guid (KTS_ITEM (doc)),
                            at + strlen ("<codings/>"));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = bytes_from_string (broken);
  loaded = kts_project_deserialize (bytes, "long.kintsugi", &error);
  g_assert_null (loaded);
  g_assert_cmpint (line, >, 70000);
  expected = g_strdup_printf ("long.kintsugi, line %ld: there is no code with the identifier "
                              "“22222222-0b4d-4e5f-9a6b-7c8d9e0f1a2b”",
                              line);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_too_large (void)
{
  /* Not allocated: a GBytes can claim any size over a small buffer only
   * through the API, so check the limit with a file instead. */
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sparse.kintsugi", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = NULL;
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, (long)KTS_PROJECT_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', f), ==, 'x');
  fclose (f);

  project = kts_project_load (file, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE);
  remove_dir (dir);
}

static void
test_empty_input (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("", 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = kts_project_deserialize (bytes, "empty.kintsugi", &error);

  g_assert_null (project);
  g_assert_error (error, KTS_ERROR, KTS_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "empty.kintsugi: the file is empty");
}

/* Parsing and validating print nothing of libxml2's own. */
static void
test_quiet (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GBytes) bytes = bytes_from_string ("<kintsugi><unclosed></kintsugi>");
      g_autoptr (GError) error = NULL;

      g_autoptr (GBytes) invalid = read_data ("schema-problems.kintsugi");
      g_autoptr (GPtrArray) problems = NULL;

      g_assert_null (kts_project_deserialize (bytes, "q.kintsugi", &error));
      g_assert_error (error, KTS_ERROR, KTS_ERROR_PARSE);
      g_assert_false (kts_project_validate_bytes (bytes, "q.kintsugi", &problems));
      g_clear_pointer (&problems, g_ptr_array_unref);
      g_assert_false (kts_project_validate_bytes (invalid, "s.kintsugi", &problems));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* Loads in parallel threads do not disturb each other's error reports. */
static gpointer
parallel_load_thread (gpointer data)
{
  guint n = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < 30; i++)
    {
      const BadFile *bad = &bad_files[(n + i) % G_N_ELEMENTS (bad_files)];
      g_autoptr (GBytes) bytes = read_data (bad->file);
      g_autoptr (GError) error = NULL;
      g_autoptr (KtsProject) project = kts_project_deserialize (bytes, bad->file, &error);
      g_autofree char *expected = g_strdup_printf ("%s, %s", bad->file, bad->message);

      if (project != NULL || error == NULL || g_strcmp0 (error->message, expected) != 0)
        return GUINT_TO_POINTER (1);
    }
  return NULL;
}

static void
test_parallel (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("load", parallel_load_thread, GUINT_TO_POINTER (i * 7));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

/* Every file we write validates with xmllint as well, when it is there. */
static void
test_xmllint (void)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed");
      return;
    }

  dir = make_tmp_dir ();
  path = g_build_filename (dir, "lint.kintsugi", NULL);
  file = g_file_new_for_path (path);
  project = make_full_project ();
  g_assert_true (kts_project_save (project, file, NULL, &error));
  schema = g_build_filename (g_getenv ("KTS_SOURCE_DIR"), "data", "kintsugi-project.rng", NULL);

  {
    const char *argv[] = { xmllint, "--noout", "--relaxng", schema, path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "validates"));
  remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-io/round-trip", test_round_trip);
  g_test_add_func ("/project-io/round-trip-empty", test_round_trip_empty);
  g_test_add_func ("/project-io/round-trip-theory-locked", test_round_trip_theory_locked);
  g_test_add_func ("/project-io/round-trip-episodes-per-case", test_round_trip_episodes_per_case);
  g_test_add_func ("/project-io/unwritable-characters", test_unwritable_characters);
  g_test_add_func ("/project-io/load-hand-written", test_load_hand_written);
  g_test_add_func ("/project-io/save-load", test_save_load);
  g_test_add_func ("/project-io/load-missing", test_load_missing);
  g_test_add_func ("/project-io/async", test_async);
  g_test_add_func ("/project-io/bad-files", test_bad_files);
  g_test_add_func ("/project-io/validate-reports-all", test_validate_reports_all);
  g_test_add_func ("/project-io/validate-schema-problems", test_validate_schema_problems);
  g_test_add_func ("/project-io/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/project-io/fuzz-bytes", test_fuzz_bytes);
  g_test_add_func ("/project-io/deep-nesting", test_deep_nesting);
  g_test_add_func ("/project-io/big-line-numbers", test_big_line_numbers);
  g_test_add_func ("/project-io/too-large", test_too_large);
  g_test_add_func ("/project-io/empty-input", test_empty_input);
  g_test_add_func ("/project-io/quiet", test_quiet);
  g_test_add_func ("/project-io/parallel", test_parallel);
  g_test_add_func ("/project-io/xmllint", test_xmllint);

  return g_test_run ();
}
