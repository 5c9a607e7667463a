/* test-report.c: the HTML project report, read back with libxml2's HTML parser.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Set KTS_REPORT_OUTPUT_DIR to keep the reports for a look.
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <sys/wait.h>

#include "kts-map-painter.h"
#include "kts-report.h"

/* Text that HTML must escape, with characters beyond ASCII. */
#define NASTY "<b>&amp; \"quoted\" 'single' </p><script>alert(1)</script> 🙂 Zoë"

/* ---- Tools --------------------------------------------------------------------------------- */

static char *tmp = NULL;

static char *
tmp_path (const char *name)
{
  const char *dir = g_getenv ("KTS_REPORT_OUTPUT_DIR");

  if (dir != NULL)
    {
      g_mkdir_with_parents (dir, 0755);
      return g_build_filename (dir, name, NULL);
    }
  if (tmp == NULL)
    {
      g_autoptr (GError) error = NULL;
      tmp = g_dir_make_tmp ("kts-report-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return g_build_filename (tmp, name, NULL);
}

static void
keep (const char *name, GBytes *bytes)
{
  g_autofree char *path = NULL;
  gsize            size;
  const char      *data = g_bytes_get_data (bytes, &size);

  if (g_getenv ("KTS_REPORT_OUTPUT_DIR") == NULL)
    return;
  path = tmp_path (name);
  g_assert_true (g_file_set_contents (path, data, size, NULL));
}

static htmlDocPtr
parse (GBytes *bytes)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  htmlDocPtr  doc;

  g_assert_true (g_utf8_validate (data, size, NULL));
  doc = htmlReadMemory (data, (int)size, NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                            | HTML_PARSE_NOBLANKS | XML_PARSE_HUGE);
  g_assert_nonnull (doc);
  return doc;
}

typedef void (*VisitFunc) (xmlNodePtr node, gpointer user_data);

static void
walk (xmlNodePtr node, VisitFunc func, gpointer user_data)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        func (node, user_data);
      walk (node->children, func, user_data);
    }
}

static char *
attribute (xmlNodePtr node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char    *copy = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
has_class (xmlNodePtr node, const char *klass)
{
  g_autofree char *value = attribute (node, "class");
  g_auto (GStrv) classes = NULL;

  if (value == NULL)
    return FALSE;
  classes = g_strsplit (value, " ", -1);
  return g_strv_contains ((const char *const *)classes, klass);
}

static gboolean
is (xmlNodePtr node, const char *tag)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && g_ascii_strcasecmp ((const char *)node->name, tag) == 0;
}

/* The text of @node and everything in it. */
static char *
text_of (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char    *copy = g_strdup ((const char *)content);

  xmlFree (content);
  return copy;
}

typedef struct
{
  GHashTable *ids; /* id → node */
  GPtrArray  *references;
  GPtrArray  *duplicates;
} Ids;

static void
collect_ids_cb (xmlNodePtr node, gpointer user_data)
{
  Ids *ids = user_data;

  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    {
      g_autofree char *value = attribute (node, (const char *)a->name);
      const char      *name = (const char *)a->name;

      if (value == NULL)
        continue;
      if (g_str_equal (name, "id"))
        {
          if (g_hash_table_contains (ids->ids, value))
            g_ptr_array_add (ids->duplicates, g_strdup (value));
          g_hash_table_insert (ids->ids, g_strdup (value), node);
        }
      else if ((g_str_equal (name, "href") || g_str_has_suffix (name, ":href")) && value[0] == '#')
        g_ptr_array_add (ids->references, g_strdup (value + 1));
      else
        {
          const char *url = strstr (value, "url(#");

          if (url != NULL)
            {
              const char *end = strchr (url, ')');
              g_assert_nonnull (end);
              g_ptr_array_add (ids->references, g_strndup (url + 5, end - url - 5));
            }
        }
    }
}

static Ids *
ids_new (htmlDocPtr doc)
{
  Ids *ids = g_new0 (Ids, 1);

  ids->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ids->references = g_ptr_array_new_with_free_func (g_free);
  ids->duplicates = g_ptr_array_new_with_free_func (g_free);
  walk (xmlDocGetRootElement (doc), collect_ids_cb, ids);
  return ids;
}

static void
ids_free (Ids *ids)
{
  g_hash_table_unref (ids->ids);
  g_ptr_array_unref (ids->references);
  g_ptr_array_unref (ids->duplicates);
  g_free (ids);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ids, ids_free)

static xmlNodePtr
by_id (Ids *ids, const char *id)
{
  return g_hash_table_lookup (ids->ids, id);
}

typedef struct
{
  const char *tag;
  const char *klass; /* NULL = any */
  GPtrArray  *found;
} Find;

static void
find_cb (xmlNodePtr node, gpointer user_data)
{
  Find *find = user_data;

  if (is (node, find->tag) && (find->klass == NULL || has_class (node, find->klass)))
    g_ptr_array_add (find->found, node);
}

/* Elements TAG (with class KLASS) at or below @node. */
static GPtrArray *
find_all (xmlNodePtr node, const char *tag, const char *klass)
{
  Find find = { tag, klass, g_ptr_array_new () };

  if (node != NULL)
    {
      find_cb (node, &find);
      walk (node->children, find_cb, &find);
    }
  return find.found;
}

static void
no_external_cb (xmlNodePtr node, gpointer user_data)
{
  static const char *const banned[] = { "script", "img",   "iframe", "object", "embed", "link",
                                        "audio",  "video", "source", "base",   "form" };

  for (guint i = 0; i < G_N_ELEMENTS (banned); i++)
    if (is (node, banned[i]))
      g_error ("the report has a <%s> element", banned[i]);
  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    {
      g_autofree char *value = attribute (node, (const char *)a->name);
      g_autofree char *lower = value != NULL ? g_ascii_strdown (value, -1) : NULL;
      const char      *name = (const char *)a->name;

      if (lower == NULL)
        continue;
      if (g_str_equal (name, "src") || g_str_equal (name, "href") || g_str_has_suffix (name, "href")
          || g_str_equal (name, "action"))
        g_assert_true (lower[0] == '#');
      g_assert_null (strstr (lower, "url(http"));
      g_assert_null (strstr (lower, "javascript:"));
      g_assert_false (g_str_has_prefix (name, "on")); /* no event handlers */
    }
  if (is (node, "style"))
    {
      g_autofree char *css = text_of (node);

      /* Only the maps' fonts, embedded as data. */
      for (const char *u = strstr (css, "url("); u != NULL; u = strstr (u + 4, "url("))
        g_assert_true (g_str_has_prefix (u, "url(data:font/"));
      g_assert_null (strstr (css, "@import"));
    }
}

/* Well-formed enough for a browser, and nothing is loaded from elsewhere. */
static void
assert_self_contained (GBytes *bytes, htmlDocPtr doc)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr (Ids) ids = ids_new (doc);
  g_autofree char *lower = g_ascii_strdown (data, size);

  g_assert_true (g_str_has_prefix (data, "<!DOCTYPE html>\n<html lang=\""));
  g_assert_true (g_str_has_suffix (lower, "</html>\n"));
  g_assert_nonnull (strstr (lower, "<meta charset=\"utf-8\">"));
  g_assert_null (strstr (lower, "src="));
  g_assert_null (strstr (lower, "http:"));
  g_assert_null (strstr (lower, "https:"));
  g_assert_null (strstr (lower, "<?xml"));
  walk (xmlDocGetRootElement (doc), no_external_cb, NULL);

  /* Every id once; every reference (links, glyphs, clips) resolves. */
  for (guint i = 0; i < ids->duplicates->len; i++)
    g_error ("id “%s” is used twice", (char *)g_ptr_array_index (ids->duplicates, i));
  for (guint i = 0; i < ids->references->len; i++)
    {
      const char *ref = g_ptr_array_index (ids->references, i);
      if (!g_hash_table_contains (ids->ids, ref))
        g_error ("nothing has the id “%s”", ref);
    }
}

static guint
count_substring (GBytes *bytes, const char *needle)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize       n = strlen (needle);
  guint       count = 0;

  for (const char *p = data; (p = g_strstr_len (p, data + size - p, needle)) != NULL; p += n)
    count++;
  return count;
}

/* ---- Projects -------------------------------------------------------------------------------- */

static KtsProject *
load_sample (void)
{
  const char      *root = g_getenv ("KTS_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  KtsProject *project;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "sample", "sample.kintsugi", NULL);
  file = g_file_new_for_path (path);
  project = kts_project_load (file, NULL, &error);
  g_assert_no_error (error);
  return project;
}

static KtsDocument *
add_document (KtsProject *project, const char *title, const char *text, gboolean pseudonymised)
{
  g_autoptr (KtsDocument) document = kts_document_new (NULL, title, text);
  g_autoptr (GError) error = NULL;
  KtsSpeaker speakers[] = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  GArray    *turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  guint      offset = 0;

  /* One turn per line, speakers alternating. */
  for (const char *p = text; *p != '\0';)
    {
      const char *end = strchr (p, '\n');
      guint       length = end != NULL ? (guint)g_utf8_strlen (p, end - p) : g_utf8_strlen (p, -1);
      KtsTurn     turn = { (int)(turns->len % 2), offset, offset + length, -1 };

      g_array_append_val (turns, turn);
      offset += length + 1;
      if (end == NULL)
        break;
      p = end + 1;
    }
  g_assert_true (
      kts_document_set_turns (document, speakers, 2, (KtsTurn *)turns->data, turns->len, &error));
  g_array_unref (turns);
  g_object_set (document, "pseudonymised", pseudonymised, NULL);
  g_assert_true (kts_project_add_document (project, document, -1, &error));
  g_assert_no_error (error);
  return document;
}

static KtsCode *
add_code (KtsProject *project, const char *key, const char *name, KtsCode *parent)
{
  g_autoptr (KtsCode) code = kts_code_new (NULL, name);
  g_autoptr (GError) error = NULL;

  g_object_set (code, "key", key, "color", "#3584e4", NULL);
  g_assert_true (kts_project_add_code (project, code, parent, -1, &error));
  g_assert_no_error (error);
  return code;
}

static KtsEpisode *
add_episode (KtsProject *project, const char *name, KtsCoding **anchors, guint n_anchors)
{
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, name);
  g_autoptr (GError) error = NULL;

  g_object_set (episode, "rupture-types", "W>C", "pattern-formula", "C·SD " NASTY, "themes",
                "1a 2c", "initiator", KTS_INITIATOR_CLIENT, "resolution", KTS_RESOLUTION_PARTIAL,
                NULL);
  g_assert_true (kts_project_add_episode (project, episode, &error));
  for (guint i = 0; i < n_anchors; i++)
    {
      g_autofree char *label = g_strdup_printf ("Move %u " NASTY, i + 1);
      g_autofree char *ident = g_strdup_printf ("m-%02u", i + 1);
      g_autoptr (KtsMove) move = kts_move_new (NULL, label);

      g_object_set (move, "ident", ident, "actor", i % 2 ? KTS_ACTOR_THERAPIST : KTS_ACTOR_CLIENT,
                    "dimension",
                    i % 3 == 0 ? KTS_DIMENSION_SELF_DEFINITION : KTS_DIMENSION_RELATEDNESS, "phase",
                    i < n_anchors / 2 ? KTS_PHASE_RUPTURE : KTS_PHASE_REPAIR, NULL);
      g_assert_true (kts_project_add_move (project, episode, move, -1, &error));
      g_assert_true (kts_project_set_move_anchors (project, move, &anchors[i], 1, &error));
      g_assert_no_error (error);
    }
  return episode;
}

/* A small project whose every user text needs escaping. Documents: "Open"
 * (not pseudonymised, coded, quoted by no episode) and "Safe" (pseudonymised,
 * quoted by episode "E " NASTY). */
static KtsProject *
nasty_project (void)
{
  KtsProject *project = kts_project_new ();
  g_autoptr (KtsCoder) coder = kts_coder_new (NULL, "Coder " NASTY);
  g_autoptr (GError) error = NULL;
  KtsDocument *open, *safe;
  KtsCode     *parent, *child, *unused;
  KtsCoding   *anchors[4];
  KtsCoding   *coding;

  kts_project_set_title (project, "Title " NASTY);
  g_assert_true (kts_project_add_coder (project, coder, &error));
  open = add_document (project, "Open " NASTY, "Hello <there> & \"you\"\nI said 'no' 🙂\nFine.\n",
                       FALSE);
  safe = add_document (project, "Safe",
                       "We <start>.\nA & B\nquiet \"again\"\nYes 🙂 yes\nmore\nend\n", TRUE);
  parent = add_code (project, "P<1>", "Parent " NASTY, NULL);
  child = add_code (project, "P.c&d", "Child " NASTY, parent);
  unused = add_code (project, "U", "Unused", parent);
  kts_project_set_string (project, child, "definition", "Definition " NASTY);
  kts_project_set_string (project, child, "example", "Example " NASTY);
  kts_project_set_string (project, child, "exclude", "Exclude " NASTY);
  kts_project_set_string (project, unused, "definition", "Never applied.");

  coding = kts_project_apply_code (project, open, 0, 5, child, coder, KTS_ACTOR_CLIENT, &error);
  g_assert_no_error (error);
  kts_project_set_string (project, coding, "memo", "Memo " NASTY);
  kts_project_apply_code (project, open, kts_document_get_turn (open, 1)->start,
                          kts_document_get_turn (open, 1)->end, child, coder, KTS_ACTOR_THERAPIST,
                          &error);
  kts_project_apply_code (project, open, kts_document_get_turn (open, 2)->start,
                          kts_document_get_turn (open, 2)->end, parent, NULL, KTS_ACTOR_UNSET,
                          &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      guint start = kts_document_get_turn (safe, i)->start;
      guint end = kts_document_get_turn (safe, i)->end;

      anchors[i] = kts_project_apply_code (project, safe, start, end, child, coder,
                                           KTS_ACTOR_CLIENT, &error);
      g_assert_no_error (error);
    }
  add_episode (project, "E " NASTY, anchors, 4);
  return project;
}

static GBytes *
render (KtsProject *project, gboolean segments, GPtrArray *episodes)
{
  KtsReportOptions options;

  kts_report_options_init (&options);
  options.date = "2026-11-22";
  options.segments = segments;
  options.episodes = episodes;
  return kts_report_render (project, &options);
}

/* ---- Tests -------------------------------------------------------------------------------------
 */

static void
test_sample (void)
{
  g_autoptr (KtsProject) project = load_sample ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (project));
  g_autoptr (Ids) ids = NULL;
  GListModel *episodes = kts_project_get_episodes (project);
  htmlDocPtr  doc;
  guint       n_segments = 0;
  gint64      start = g_get_monotonic_time ();

  bytes = render (project, TRUE, NULL);
  g_test_message ("sample report: %zu bytes in %.2f s", g_bytes_get_size (bytes),
                  (g_get_monotonic_time () - start) / 1e6);
  keep ("sample.html", bytes);
  doc = parse (bytes);
  assert_self_contained (bytes, doc);
  ids = ids_new (doc);

  for (const char *const *id
       = (const char *const[]){ "title", "contents", "codebook", "segments", "episodes", NULL };
       *id != NULL; id++)
    g_assert_nonnull (by_id (ids, *id));
  /* The sample is pseudonymised: no banner. */
  g_assert_null (by_id (ids, "identifiable"));
  {
    g_autoptr (GPtrArray) h1 = find_all (xmlDocGetRootElement (doc), "h1", NULL);
    g_autofree char *title = NULL;

    g_assert_cmpuint (h1->len, ==, 1);
    title = text_of (g_ptr_array_index (h1, 0));
    g_assert_cmpstr (title, ==, kts_project_get_title (project));
  }

  /* Each code: its row with its count; each code with codings: as many
   * segments, each with the coded text. */
  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode         *code = g_ptr_array_index (codes, i);
      guint            direct = kts_project_count_codings (project, code);
      guint            total = 0;
      g_autofree char *row_id = g_strdup_printf ("code-%u", i + 1);
      g_autofree char *seg_id = g_strdup_printf ("seg-%u", i + 1);
      xmlNodePtr       row = by_id (ids, row_id);
      g_autoptr (GPtrArray) cells = NULL;
      g_autofree char *count = NULL;
      g_autofree char *name = NULL;
      g_autofree char *expected = g_strdup_printf ("%u", direct);

      for (guint k = 0; k < codes->len; k++)
        if (kts_code_is_descendant_of (g_ptr_array_index (codes, k), code))
          total += kts_project_count_codings (project, g_ptr_array_index (codes, k));

      g_assert_nonnull (row);
      cells = find_all (row, "td", "num");
      g_assert_cmpuint (cells->len, ==, 2);
      count = text_of (g_ptr_array_index (cells, 0));
      g_assert_cmpstr (count, ==, expected);
      if (g_list_model_get_n_items (kts_code_get_children (code)) > 0)
        {
          g_autofree char *with = text_of (g_ptr_array_index (cells, 1));
          g_autofree char *want = g_strdup_printf ("%u", total);
          g_assert_cmpstr (with, ==, want);
        }
      {
        g_autoptr (GPtrArray) names = find_all (row, "span", "name");
        g_assert_cmpuint (names->len, ==, 1);
        name = text_of (g_ptr_array_index (names, 0));
        g_assert_cmpstr (name, ==, kts_code_get_name (code));
      }

      if (direct == 0)
        g_assert_null (by_id (ids, seg_id));
      else
        {
          g_autoptr (GPtrArray) items = find_all (by_id (ids, seg_id), "li", "segment");

          g_assert_cmpuint (items->len, ==, direct);
          n_segments += items->len;
          for (guint k = 0; k < items->len; k++)
            {
              g_autoptr (GPtrArray) quotes
                  = find_all (g_ptr_array_index (items, k), "blockquote", NULL);
              g_autofree char *text = NULL;

              g_assert_cmpuint (quotes->len, ==, 1);
              text = text_of (g_ptr_array_index (quotes, 0));
              g_assert_cmpuint (strlen (text), >, 0);
            }
        }
    }
  g_assert_cmpuint (n_segments, ==, kts_project_get_n_codings (project));
  g_assert_cmpuint (n_segments, ==, 148);

  /* Each episode: a map of inline SVGs with a viewBox, and every move in
   * its table. */
  g_assert_cmpuint (g_list_model_get_n_items (episodes), >=, 1);
  for (guint e = 0; e < g_list_model_get_n_items (episodes); e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      g_autofree char *id = g_strdup_printf ("episode-%u", e + 1);
      g_autofree char *moves_id = g_strdup_printf ("episode-%u-moves", e + 1);
      xmlNodePtr       section = by_id (ids, id);
      g_autoptr (GPtrArray) svgs = find_all (section, "svg", NULL);
      g_autoptr (GPtrArray) rows = NULL;
      guint n_rows = 0;

      g_assert_nonnull (section);
      g_assert_cmpuint (svgs->len, >=, 3);
      for (guint k = 0; k < svgs->len; k++)
        {
          xmlNodePtr       svg = g_ptr_array_index (svgs, k);
          g_autofree char *view_box = attribute (svg, "viewbox");
          g_autofree char *label = attribute (svg, "aria-label");
          g_autoptr (GPtrArray) texts = find_all (svg, "text", NULL);

          if (view_box == NULL)
            view_box = attribute (svg, "viewBox");
          g_assert_nonnull (view_box);
          g_assert_true (g_str_has_prefix (view_box, "0 0 "));
          g_assert_nonnull (label);
          g_assert_cmpuint (texts->len, >, 0); /* it has text, as text */
          n_rows += has_class (svg, "row") ? 1 : 0;
        }
      g_assert_cmpuint (n_rows, >=, 2);
      rows = find_all (by_id (ids, moves_id), "tr", NULL);
      /* The header row and one per move. */
      g_assert_cmpuint (rows->len, ==,
                        1 + g_list_model_get_n_items (kts_episode_get_moves (episode)));
    }
  xmlFreeDoc (doc);
}

static void
test_escaping (void)
{
  g_autoptr (KtsProject) project = nasty_project ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (Ids) ids = NULL;
  g_autoptr (GPtrArray) memos = NULL;
  g_autoptr (GPtrArray) quotes = NULL;
  g_autoptr (GPtrArray) cells = NULL;
  g_autofree char *text = NULL;
  htmlDocPtr       doc;
  gsize            size;
  const char      *data;
  gboolean         found;

  /* The file loader refuses such a colour; the model takes it. */
  kts_project_set_string (project,
                          kts_codebook_lookup_key (kts_project_get_codebook (project), "U"),
                          "color", "red;background:url(http://x)");
  bytes = render (project, TRUE, NULL);
  data = g_bytes_get_data (bytes, &size);
  keep ("escaping.html", bytes);
  /* Nothing of the user's text survives as markup. */
  g_assert_null (strstr (data, "<script"));
  g_assert_null (strstr (data, "<b>&amp;"));
  g_assert_null (strstr (data, "<there>"));
  g_assert_nonnull (strstr (data, "&lt;script&gt;"));
  g_assert_nonnull (strstr (data, "🙂"));
  /* A colour that is not #rrggbb does not reach the style sheet. */
  g_assert_null (strstr (data, "url(http"));

  doc = parse (bytes);
  assert_self_contained (bytes, doc);
  ids = ids_new (doc);

  /* Titles, names and texts read back exactly as they were written. */
  {
    g_autoptr (GPtrArray) h1 = find_all (xmlDocGetRootElement (doc), "h1", NULL);
    text = text_of (g_ptr_array_index (h1, 0));
    g_assert_cmpstr (text, ==, "Title " NASTY);
    g_clear_pointer (&text, g_free);
  }
  memos = find_all (by_id (ids, "segments"), "p", "memo");
  g_assert_cmpuint (memos->len, ==, 1);
  text = text_of (g_ptr_array_index (memos, 0));
  g_assert_cmpstr (text, ==, "Memo: Memo " NASTY);
  g_clear_pointer (&text, g_free);

  quotes = find_all (by_id (ids, "segments"), "blockquote", NULL);
  g_assert_cmpuint (quotes->len, ==, 7);
  found = FALSE;
  for (guint i = 0; i < quotes->len; i++)
    {
      g_autofree char *q = text_of (g_ptr_array_index (quotes, i));
      found |= g_str_equal (q, "I said 'no' 🙂");
    }
  g_assert_true (found);

  cells = find_all (by_id (ids, "code-2"), "div", "definition");
  g_assert_cmpuint (cells->len, ==, 1);
  text = text_of (g_ptr_array_index (cells, 0));
  g_assert_cmpstr (text, ==, "Definition " NASTY);
  g_clear_pointer (&text, g_free);
  {
    g_autoptr (GPtrArray) dd = find_all (by_id (ids, "code-2"), "dd", NULL);
    g_assert_cmpuint (dd->len, ==, 2);
    text = text_of (g_ptr_array_index (dd, 0));
    g_assert_cmpstr (text, ==, "Example " NASTY);
    g_clear_pointer (&text, g_free);
  }

  /* The moves table: labels, the pattern formula and the anchors. */
  {
    g_autoptr (GPtrArray) tds = find_all (by_id (ids, "episode-1-moves"), "td", "quote");
    g_autoptr (GPtrArray) dds = find_all (by_id (ids, "episode-1"), "dd", NULL);

    g_assert_cmpuint (tds->len, ==, 4);
    text = text_of (g_ptr_array_index (tds, 0));
    g_assert_cmpstr (text, ==, "We <start>.");
    g_clear_pointer (&text, g_free);
    found = FALSE;
    for (guint i = 0; i < dds->len; i++)
      {
        g_autofree char *v = text_of (g_ptr_array_index (dds, i));
        found |= g_str_equal (v, "C·SD " NASTY);
      }
    g_assert_true (found);
  }
  {
    g_autoptr (GPtrArray) h3 = find_all (by_id (ids, "episode-1"), "h3", NULL);
    text = text_of (g_ptr_array_index (h3, 0));
    g_assert_cmpstr (text, ==, "E " NASTY);
    g_clear_pointer (&text, g_free);
  }
  /* The SVG labels are attributes: escaped as well. */
  {
    g_autoptr (GPtrArray) svgs = find_all (by_id (ids, "episode-1"), "svg", "row");
    g_autofree char *label = attribute (g_ptr_array_index (svgs, 0), "aria-label");

    g_assert_nonnull (strstr (label, "Move 1 " NASTY));
  }
  xmlFreeDoc (doc);
}

static void
test_privacy (void)
{
  g_autoptr (KtsProject) project = nasty_project ();
  GListModel *documents = kts_project_get_documents (project);
  g_autoptr (KtsDocument) open = g_list_model_get_item (documents, 0);
  g_autoptr (KtsDocument) safe = g_list_model_get_item (documents, 1);
  g_autoptr (KtsEpisode) episode = g_list_model_get_item (kts_project_get_episodes (project), 0);
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autoptr (GPtrArray) just = g_ptr_array_new ();
  KtsReportOptions options;

  g_ptr_array_add (just, episode);
  kts_report_options_init (&options);

  /* The segments quote "Open". */
  {
    g_autoptr (GPtrArray) docs = kts_report_identifiable_documents (project, &options);
    g_autoptr (GBytes) bytes = render (project, TRUE, NULL);
    htmlDocPtr doc = parse (bytes);
    g_autoptr (Ids) ids = ids_new (doc);
    g_autofree char *banner = NULL;

    g_assert_cmpuint (docs->len, ==, 1);
    g_assert_true (g_ptr_array_index (docs, 0) == open);
    g_assert_nonnull (by_id (ids, "identifiable"));
    banner = text_of (by_id (ids, "identifiable"));
    g_assert_nonnull (strstr (banner, "Open " NASTY));
    g_assert_null (strstr (banner, "Safe"));
    xmlFreeDoc (doc);
  }
  /* Without segments, only the episode quotes, from "Safe": no banner. */
  {
    g_autoptr (GBytes) bytes = render (project, FALSE, NULL);
    htmlDocPtr doc = parse (bytes);
    g_autoptr (Ids) ids = ids_new (doc);

    g_autoptr (GPtrArray) docs = NULL;

    options.segments = FALSE;
    docs = kts_report_identifiable_documents (project, &options);
    g_assert_cmpuint (docs->len, ==, 0);
    g_assert_null (by_id (ids, "identifiable"));
    g_assert_null (by_id (ids, "segments"));
    g_assert_nonnull (by_id (ids, "episode-1"));
    xmlFreeDoc (doc);
  }
  /* Once "Safe" is not pseudonymised, the episode quotes it. */
  kts_project_set_boolean (project, safe, "pseudonymised", FALSE);
  kts_project_set_boolean (project, open, "pseudonymised", TRUE);
  {
    g_autoptr (GPtrArray) docs = NULL;
    g_autoptr (GBytes) bytes = render (project, FALSE, just);
    g_autoptr (GBytes) without = render (project, FALSE, none);

    options.episodes = just;
    docs = kts_report_identifiable_documents (project, &options);
    g_assert_cmpuint (docs->len, ==, 1);
    g_assert_true (g_ptr_array_index (docs, 0) == safe);
    g_assert_cmpuint (count_substring (bytes, "id=\"identifiable\""), ==, 1);
    /* No episode and no segments: nothing is quoted. */
    g_assert_cmpuint (count_substring (without, "id=\"identifiable\""), ==, 0);
    g_assert_cmpuint (count_substring (without, "id=\"episodes\""), ==, 0);
    g_assert_cmpuint (count_substring (without, "<svg"), ==, 0);
  }
  /* All pseudonymised: no banner. */
  kts_project_set_boolean (project, safe, "pseudonymised", TRUE);
  {
    g_autoptr (GBytes) bytes = render (project, TRUE, NULL);
    g_assert_cmpuint (count_substring (bytes, "id=\"identifiable\""), ==, 0);
  }
}

static void
test_deterministic (void)
{
  g_autoptr (KtsProject) project = load_sample ();
  g_autoptr (GBytes) first = render (project, TRUE, NULL);
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GBytes) other_day = NULL;
  KtsReportOptions options;

  /* cairo counts SVG surfaces per process: draw one in between. */
  {
    cairo_surface_t *surface = cairo_svg_surface_create_for_stream (NULL, NULL, 10, 10);
    cairo_t         *cr = cairo_create (surface);

    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  second = render (project, TRUE, NULL);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_cmpuint (count_substring (first, "2026-11-22"), >=, 1);

  kts_report_options_init (&options);
  options.date = "2027-01-02";
  other_day = kts_report_render (project, &options);
  g_assert_false (g_bytes_equal (first, other_day));
  g_assert_cmpuint (count_substring (other_day, "2027-01-02"), >=, 1);
  g_assert_cmpuint (count_substring (other_day, "2026-11-22"), ==, 0);
}

static void
test_capped (void)
{
  g_autoptr (KtsProject) project = nasty_project ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (Ids) ids = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autofree char *note = NULL;
  KtsReportOptions options;
  htmlDocPtr       doc;

  kts_report_options_init (&options);
  options.date = "2026-11-22";
  options.max_segments_per_code = 2;
  bytes = kts_report_render (project, &options);
  doc = parse (bytes);
  ids = ids_new (doc);
  /* The child code has six codings: two are listed, the note says so. */
  items = find_all (by_id (ids, "seg-2"), "li", "segment");
  g_assert_cmpuint (items->len, ==, 2);
  notes = find_all (by_id (ids, "seg-2"), "p", "capped");
  g_assert_cmpuint (notes->len, ==, 1);
  note = text_of (g_ptr_array_index (notes, 0));
  g_assert_nonnull (strstr (note, "2 of 6"));
  g_assert_nonnull (strstr (note, "4 segments"));
  /* The codebook still counts them all. */
  {
    g_autoptr (GPtrArray) cells = find_all (by_id (ids, "code-2"), "td", "num");
    g_autofree char *count = text_of (g_ptr_array_index (cells, 0));
    g_assert_cmpstr (count, ==, "6");
  }
  /* A code under the cap gets no note. */
  g_assert_cmpuint (count_substring (bytes, "class=\"note capped\""), ==, 1);
  xmlFreeDoc (doc);
}

/* An empty project, and an episode without moves. */
static void
test_empty (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (KtsEpisode) episode = kts_episode_new (NULL, "Nothing yet");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) empty = render (project, TRUE, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (Ids) ids = NULL;
  htmlDocPtr doc = parse (empty);

  assert_self_contained (empty, doc);
  ids = ids_new (doc);
  g_assert_nonnull (by_id (ids, "codebook"));
  g_assert_nonnull (by_id (ids, "segments"));
  g_assert_null (by_id (ids, "episodes"));
  g_assert_cmpuint (count_substring (empty, "Untitled project"), >=, 1);
  g_clear_pointer (&ids, ids_free);
  xmlFreeDoc (doc);

  g_assert_true (kts_project_add_episode (project, episode, &error));
  bytes = render (project, FALSE, NULL);
  doc = parse (bytes);
  assert_self_contained (bytes, doc);
  ids = ids_new (doc);
  g_assert_nonnull (by_id (ids, "episode-1"));
  g_assert_nonnull (by_id (ids, "episode-1-moves"));
  /* The title block and the legend, no rows. */
  {
    g_autoptr (GPtrArray) svgs = find_all (by_id (ids, "episode-1"), "svg", NULL);
    g_autoptr (GPtrArray) rows = find_all (by_id (ids, "episode-1"), "svg", "row");

    g_assert_cmpuint (svgs->len, ==, 2);
    g_assert_cmpuint (rows->len, ==, 0);
  }
  g_assert_cmpuint (count_substring (bytes, "no moves yet"), ==, 1);
  xmlFreeDoc (doc);
}

/* 50,000 codings over 200 codes: seconds, not minutes. */
static void
test_large (void)
{
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  KtsDocument *document;
  KtsCode     *top = NULL;
  gint64       start;
  double       seconds;
  guint        n = 50000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "turn %u says something <short> & plain\n", i);
  document = add_document (project, "Long", text->str, TRUE);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *key = g_strdup_printf ("K%u", i);
      g_autofree char *name = g_strdup_printf ("Code %u", i);

      if (i % 20 == 0)
        top = add_code (project, key, name, NULL);
      else
        g_ptr_array_add (codes, add_code (project, key, name, top));
    }

  kts_project_begin_group (project, "fill");
  for (guint i = 0; i < n; i++)
    {
      const KtsTurn *turn = kts_document_get_turn (document, i);

      kts_project_apply_code (project, document, turn->start, turn->end,
                              g_ptr_array_index (codes, i % codes->len), NULL, KTS_ACTOR_CLIENT,
                              &error);
      g_assert_no_error (error);
    }
  kts_project_end_group (project);
  g_assert_cmpuint (kts_project_get_n_codings (project), ==, n);

  start = g_get_monotonic_time ();
  bytes = render (project, TRUE, NULL);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("50,000 codings: %zu bytes in %.2f s", g_bytes_get_size (bytes), seconds);
  g_assert_cmpuint (count_substring (bytes, "<li class=\"segment\">"), ==, n);
  g_assert_cmpfloat (seconds, <, 10.0);
}

/* ---- The command line
 * ---------------------------------------------------------------------------- */

static int
run_cli (char **out, char **err, ...)
{
  const char *cli = g_getenv ("KTS_CLI");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int         status = 0;
  va_list     args;
  const char *arg;

  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  g_ptr_array_add (argv, (gpointer)cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_cli (void)
{
  g_autoptr (KtsProject) project = nasty_project ();
  g_autofree char *path = tmp_path ("cli.kintsugi");
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "kts-report-cli-XXXXXX", NULL);
  g_autofree char *html = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  guint n_files;

  if (g_getenv ("KTS_CLI") == NULL)
    {
      g_test_skip ("KTS_CLI is not set; run this test through meson");
      return;
    }
  g_assert_true (kts_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (g_mkdtemp (dir));
  html = g_build_filename (dir, "report.html", NULL);

  /* Usage errors: 2. */
  g_assert_cmpint (run_cli (&out, &err, "report", NULL), ==, 2);
  g_assert_cmpint (run_cli (&out, &err, "report", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--output"));
  g_assert_cmpint (run_cli (&out, &err, "report", path, "-o", html, "--date", "2026-13-01", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "2026-13-01"));
  g_assert_cmpint (run_cli (&out, &err, "report", path, "-o", html, "--max-segments", "-1", NULL),
                   ==, 2);
  g_assert_false (g_file_test (html, G_FILE_TEST_EXISTS));

  /* Failures: 1. */
  g_assert_cmpint (run_cli (&out, &err, "report", "/nonexistent/x.kintsugi", "-o", html, NULL), ==,
                   1);
  g_assert_cmpint (
      run_cli (&out, &err, "report", path, "-o", html, "-e", "nope", "--allow-identifiable", NULL),
      ==, 1);
  g_assert_nonnull (strstr (err, "nope"));

  /* The segments quote a transcript not marked pseudonymised: refused, and
   * a report already there is left alone. */
  g_assert_true (g_file_set_contents (html, "old report", -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "report", path, "-o", html, "--date", "2026-11-22", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "Open <b>&amp;"));
  g_assert_nonnull (strstr (err, "--allow-identifiable"));
  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old report");
  g_clear_pointer (&contents, g_free);

  /* Without the segments only the episode quotes, from a pseudonymised
   * transcript: allowed. */
  g_assert_cmpint (run_cli (&out, &err, "report", path, "-o", html, "--no-segments", "--date",
                            "2026-11-22", NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "id=\"identifiable\""));
  g_assert_null (strstr (contents, "id=\"segments\""));
  g_assert_nonnull (strstr (contents, "id=\"episode-1\""));
  g_clear_pointer (&contents, g_free);

  /* With --allow-identifiable: written, with the banner and a warning. */
  g_assert_cmpint (run_cli (&out, &err, "report", path, "-o", html, "--allow-identifiable",
                            "--date", "2026-11-22", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (err, "warning"));
  g_assert_nonnull (strstr (out, "report.html"));
  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "id=\"identifiable\""));
  g_assert_nonnull (strstr (contents, "id=\"segments\""));
  /* The same bytes as the library writes. */
  {
    g_autoptr (GBytes) bytes = render (project, TRUE, NULL);
    g_assert_cmpstr (contents, ==, g_bytes_get_data (bytes, NULL));
  }
  g_clear_pointer (&contents, g_free);
  /* Written atomically: no temporary file is left beside it. */
  n_files = count_files (dir);
  g_assert_cmpuint (n_files, ==, 1);

  /* Standard output, and a selected episode. */
  g_assert_cmpint (run_cli (&out, &err, "report", path, "-o", "-", "--no-segments", "--episode",
                            "E " NASTY, "--date", "2026-11-22", NULL),
                   ==, 0);
  g_assert_true (g_str_has_prefix (out, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (out, "id=\"episode-1\""));

  /* A folder that does not exist: 1, nothing written. */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "r.html", NULL);
    g_assert_cmpint (run_cli (&out, &err, "report", path, "-o", bad, "--allow-identifiable", NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "r.html"));
  }

  g_unlink (html);
  g_rmdir (dir);
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
      G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

/* The sample's report printed by Chromium, when it is installed. */
static void
test_print (void)
{
  g_autoptr (KtsProject) project = load_sample ();
  g_autoptr (GBytes) bytes = render (project, TRUE, NULL);
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "kts-report-print-XXXXXX", NULL);
  g_autofree char *html = NULL, *pdf = NULL, *arg = NULL, *out = NULL, *info = NULL;
  g_autofree char *profile = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (chromium == NULL)
    chromium = g_find_program_in_path ("chromium-browser");
  if (chromium == NULL || pdftotext == NULL)
    {
      g_test_skip ("needs chromium and poppler-utils");
      return;
    }
  g_assert_nonnull (g_mkdtemp (dir));
  html = g_build_filename (dir, "sample.html", NULL);
  pdf = g_build_filename (dir, "sample.pdf", NULL);
  g_assert_true (
      g_file_set_contents (html, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  arg = g_strdup_printf ("--print-to-pdf=%s", pdf);
  /* A profile of its own: the tests may have no writable home. */
  profile = g_strdup_printf ("--user-data-dir=%s", dir);
  {
    const char *argv[] = { chromium,
                           "--headless",
                           "--no-sandbox",
                           "--disable-gpu",
                           "--no-pdf-header-footer",
                           profile,
                           arg,
                           html,
                           NULL };
    g_spawn_sync (dir, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                  NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
  }
  /* The HTML text is real text, and so is the maps' text (SVG <text> in
   * the report's embedded fonts). */
  g_assert_nonnull (strstr (out, kts_project_get_title (project)));
  g_assert_nonnull (strstr (out, "T · SD · Rupture")); /* a card's header: only on a map */
  g_assert_nonnull (strstr (out, "Coded segments by code"));
  g_assert_nonnull (strstr (out, "Minimal response"));
  /* The episode is printed on landscape pages, the rest portrait. */
  {
    const char *argv[] = { "pdfinfo", "-f", "1", "-l", "999", pdf, NULL };
    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                  NULL, &info, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (info, "size:  594.96 x 841.92 pts (A4)"));
    g_assert_nonnull (strstr (info, "size:  841.92 x 594.96 pts (A4)"));
  }
  {
    g_autoptr (GFile) folder = g_file_new_for_path (dir);
    remove_tree (folder);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/report/sample", test_sample);
  g_test_add_func ("/map/report/escaping", test_escaping);
  g_test_add_func ("/map/report/privacy", test_privacy);
  g_test_add_func ("/map/report/deterministic", test_deterministic);
  g_test_add_func ("/map/report/capped", test_capped);
  g_test_add_func ("/map/report/empty", test_empty);
  g_test_add_func ("/map/report/large", test_large);
  g_test_add_func ("/map/report/cli", test_cli);
  g_test_add_func ("/map/report/print", test_print);

  status = g_test_run ();
  if (tmp != NULL)
    {
      g_autoptr (GFile) folder = g_file_new_for_path (tmp);
      remove_tree (folder);
    }
  return status;
}
