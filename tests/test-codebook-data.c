/* test-codebook-data.c: checks the shipped codebook data, presets, contrast cards, crosswalk and
 * sample coding. SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-codebook-data"

#include "config.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NS "https://kintsugi-qda.github.io/ns/project/1"
/* uuid5(NAMESPACE_URL, "https://kintsugi-qda.github.io/ns/codebook/rupture-repair"),
 * the namespace build-aux/gen-codebook.py derives code guids from. */
#define GUID_NAMESPACE "85be53a1-4544-535c-82df-c108e7c8cadb"

#define EXPECTED_CODES 213
#define EXPECTED_CODABLE 181
#define EXPECTED_BLATT 27

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

typedef struct
{
  char    *guid;
  char    *key;
  char    *name;
  char    *color;
  gboolean codable;
  gboolean has_children;
} CodeInfo;

static void
code_info_free (CodeInfo *info)
{
  g_free (info->guid);
  g_free (info->key);
  g_free (info->name);
  g_free (info->color);
  g_free (info);
}

static char *
data_path (const char *relative)
{
  const char *srcdir = g_getenv ("KTS_SOURCE_DIR");

  g_assert_nonnull (srcdir);
  return g_build_filename (srcdir, "data", relative, NULL);
}

static xmlDoc *
load_xml (const char *relative)
{
  g_autofree char *path = data_path (relative);
  xmlDoc          *doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);

  if (doc == NULL)
    g_error ("%s: not well-formed XML", path);
  return doc;
}

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL
         && g_strcmp0 ((const char *)node->ns->href, NS) == 0
         && g_strcmp0 ((const char *)node->name, name) == 0;
}

static char *
get_prop (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char    *ret = g_strdup ((const char *)value);

  xmlFree (value);
  return ret;
}

static xmlNode *
find_child (xmlNode *node, const char *name)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_element (c, name))
      return c;
  return NULL;
}

/* Name-based (version 5, SHA-1) UUID of @name in @ns, as RFC 4122 describes. */
static char *
uuid5 (const char *ns, const char *name)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 ns_bytes[16];
  guint8 digest[20];
  gsize  len = sizeof digest;
  guint  j = 0;

  for (const char *p = ns; *p != '\0' && j < 16; p++)
    {
      if (*p == '-')
        continue;
      ns_bytes[j++] = (guint8)(g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      p++;
    }
  g_assert_cmpuint (j, ==, 16);
  g_checksum_update (sum, ns_bytes, sizeof ns_bytes);
  g_checksum_update (sum, (const guchar *)name, strlen (name));
  g_checksum_get_digest (sum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static void
collect_codes (xmlNode *parent, GPtrArray *out)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      if (is_element (c, "code"))
        {
          g_ptr_array_add (out, c);
          collect_codes (c, out);
        }
    }
}

/* All <code> elements of a codebook file, in document order. */
static GPtrArray *
codebook_codes (xmlDoc *doc)
{
  xmlNode   *root = xmlDocGetRootElement (doc);
  GPtrArray *codes = g_ptr_array_new ();

  g_assert_true (is_element (root, "codebook"));
  collect_codes (root, codes);
  return codes;
}

/* key → CodeInfo for the default codebook. */
static GHashTable *
default_codebook_index (void)
{
  g_autoptr (xmlDoc) doc = load_xml ("codebooks/rupture-repair.xml");
  g_autoptr (GPtrArray) codes = codebook_codes (doc);
  GHashTable *index
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)code_info_free);

  for (guint i = 0; i < codes->len; i++)
    {
      xmlNode         *node = g_ptr_array_index (codes, i);
      CodeInfo        *info = g_new0 (CodeInfo, 1);
      g_autofree char *codable = get_prop (node, "codable");

      info->guid = get_prop (node, "guid");
      info->key = get_prop (node, "key");
      info->name = get_prop (node, "name");
      info->color = get_prop (node, "color");
      info->codable = g_strcmp0 (codable, "false") != 0;
      info->has_children = find_child (node, "code") != NULL;
      g_assert_nonnull (info->key);
      g_hash_table_insert (index, info->key, info);
    }
  return index;
}

/* ---- colour helpers ------------------------------------------------------- */

static double
channel_linear (double c)
{
  c /= 255.0;
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * channel_linear (rgb[0]) + 0.7152 * channel_linear (rgb[1])
         + 0.0722 * channel_linear (rgb[2]);
}

static double
contrast_ratio (const double a[3], const double b[3])
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static gboolean
parse_color (const char *color, double rgb[3])
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (color[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (color[2 + 2 * i]);

      if (hi < 0 || lo < 0 || g_ascii_isupper (color[1 + 2 * i])
          || g_ascii_isupper (color[2 + 2 * i]))
        return FALSE;
      rgb[i] = hi * 16 + lo;
    }
  return TRUE;
}

/* ---- tests ------------------------------------------------------------------ */

static void
test_default_codebook (void)
{
  g_autoptr (xmlDoc) doc = load_xml ("codebooks/rupture-repair.xml");
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr (GPtrArray) codes = codebook_codes (doc);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *format = get_prop (root, "format");
  g_autofree char *version = get_prop (root, "version");
  guint            n_codable = 0;
  guint            n_without_definition = 0;

  g_assert_cmpstr (format, ==, "1");
  g_assert_cmpstr (version, ==, "1");
  g_assert_cmpuint (codes->len, ==, EXPECTED_CODES);

  for (guint i = 0; i < codes->len; i++)
    {
      xmlNode         *node = g_ptr_array_index (codes, i);
      g_autofree char *guid = get_prop (node, "guid");
      g_autofree char *key = get_prop (node, "key");
      g_autofree char *name = get_prop (node, "name");
      g_autofree char *color = get_prop (node, "color");
      g_autofree char *codable = get_prop (node, "codable");
      g_autofree char *family = get_prop (node, "family");
      g_autofree char *expected_guid = NULL;
      double           rgb[3];

      g_assert_nonnull (key);
      g_assert_nonnull (guid);
      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      g_assert_nonnull (family);
      g_assert_true (codable == NULL || g_str_equal (codable, "false"));
      if (codable == NULL)
        n_codable++;

      g_assert_true (g_uuid_string_is_valid (guid));
      expected_guid = uuid5 (GUID_NAMESPACE, key);
      g_assert_cmpstr (guid, ==, expected_guid); /* stable: derived from the key */

      if (!g_hash_table_add (keys, g_strdup (key)))
        g_error ("key %s occurs twice", key);
      if (!g_hash_table_add (guids, g_strdup (guid)))
        g_error ("guid %s occurs twice", guid);

      if (!parse_color (color, rgb))
        g_error ("%s: colour %s is not #rrggbb", key, color);

      if (find_child (node, "definition") == NULL)
        {
          /* Only the AFT/BRT reference principles come without a definition:
           * their whole statement is the name (brief A.3). */
          g_assert_cmpstr (family, ==, "reference");
          g_assert_cmpstr (codable, ==, "false");
          g_assert_null (find_child (node, "code"));
          n_without_definition++;
        }
    }
  g_assert_cmpuint (n_codable, ==, EXPECTED_CODABLE);
  g_assert_cmpuint (n_without_definition, ==, 7);
  g_assert_cmpuint (g_hash_table_size (keys), ==, EXPECTED_CODES);
  g_assert_cmpuint (g_hash_table_size (guids), ==, EXPECTED_CODES);
}

static void
test_family_and_children_order (void)
{
  static const struct
  {
    const char *prefix;
    const char *family;
  } families[] = {
    { "SD", "blatt" },
    { "REL", "blatt" },
    { "RUP", "rupture-marker" },
    { "EP", "landmark" },
    { "RES", "repair" },
    { "STR", "strategy" },
    { "MC", "metacommunication" },
    { "KS", "theme" },
    { "JSR", "review" },
    { "REF", "reference" },
  };
  static const char *order[] = { "definition", "example", "include", "exclude", "notes",
                                 "source",     "basis",   "maps-to", "unit",    "code" };
  g_autoptr (xmlDoc) doc = load_xml ("codebooks/rupture-repair.xml");
  g_autoptr (GPtrArray) codes = codebook_codes (doc);

  for (guint i = 0; i < codes->len; i++)
    {
      xmlNode         *node = g_ptr_array_index (codes, i);
      g_autofree char *key = get_prop (node, "key");
      g_autofree char *family = get_prop (node, "family");
      g_auto (GStrv) parts = g_strsplit (key, ".", 2);
      const char *expected = NULL;
      guint       last = 0;

      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        if (g_str_equal (parts[0], families[f].prefix))
          expected = families[f].family;
      g_assert_cmpstr (family, ==, expected);

      /* Child elements appear in the order docs/file-format.md gives. */
      for (xmlNode *c = node->children; c != NULL; c = c->next)
        {
          guint pos = G_N_ELEMENTS (order);

          if (c->type != XML_ELEMENT_NODE)
            continue;
          for (guint o = 0; o < G_N_ELEMENTS (order); o++)
            if (is_element (c, order[o]))
              pos = o;
          if (pos == G_N_ELEMENTS (order))
            g_error ("%s: unexpected child element <%s>", key, c->name);
          g_assert_cmpuint (pos, >=, last);
          last = pos;
        }

      /* Nested codes extend their parent's key ("KS.1" → "KS.1a", "RUP.W" →
       * "RUP.W.silence"). */
      if (is_element (node->parent, "code"))
        {
          g_autofree char *parent_key = get_prop (node->parent, "key");

          if (!g_str_has_prefix (key, parent_key) || strlen (key) <= strlen (parent_key))
            g_error ("%s is nested in %s but does not extend its key", key, parent_key);
        }
    }
}

static void
test_blatt_leaves (void)
{
  g_autoptr (xmlDoc) doc = load_xml ("codebooks/rupture-repair.xml");
  g_autoptr (GPtrArray) codes = codebook_codes (doc);
  guint n_leaves = 0;
  int   next_rank[2] = { 1, 1 };

  for (guint i = 0; i < codes->len; i++)
    {
      xmlNode         *node = g_ptr_array_index (codes, i);
      g_autofree char *key = get_prop (node, "key");
      g_autofree char *dimension = get_prop (node, "dimension");
      g_autofree char *maturity = get_prop (node, "maturity");
      g_autofree char *rank_s = get_prop (node, "blatt-rank");
      gboolean         sd = g_str_has_prefix (key, "SD.");
      int              rank;
      int              last_less_mature;

      if (!sd && !g_str_has_prefix (key, "REL."))
        {
          g_assert_null (rank_s);
          g_assert_null (maturity);
          continue;
        }
      n_leaves++;
      g_assert_cmpstr (dimension, ==, sd ? "self-definition" : "relatedness");
      g_assert_nonnull (maturity);
      g_assert_nonnull (rank_s);
      rank = atoi (rank_s);
      /* Ranks follow Blatt's list without gaps, in document order. */
      g_assert_cmpint (rank, ==, next_rank[sd ? 0 : 1]);
      next_rank[sd ? 0 : 1]++;
      /* The maturity cut: SD after dominance (6), REL after merging (3). */
      last_less_mature = sd ? 6 : 3;
      g_assert_cmpstr (maturity, ==, rank <= last_less_mature ? "less-mature" : "more-mature");
    }
  g_assert_cmpuint (n_leaves, ==, EXPECTED_BLATT);
  g_assert_cmpint (next_rank[0], ==, 14);
  g_assert_cmpint (next_rank[1], ==, 15);
}

static void
test_colors_readable (void)
{
  static const double white[3] = { 255, 255, 255 };
  static const double black[3] = { 0, 0, 0 };
  static const double dark[3] = { 0x24, 0x24, 0x24 };
  const double        alpha = 0.35;
  g_autoptr (GHashTable) index = default_codebook_index ();
  GHashTableIter iter;
  CodeInfo      *info;
  guint          n_orange = 0, n_blue = 0;

  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&info))
    {
      double rgb[3], on_white[3], on_dark[3];

      g_assert_true (parse_color (info->color, rgb));
      for (int i = 0; i < 3; i++)
        {
          on_white[i] = alpha * rgb[i] + (1 - alpha) * white[i];
          on_dark[i] = alpha * rgb[i] + (1 - alpha) * dark[i];
        }
      /* Translucent highlight under black text on white, under white text on
       * a dark background, and a solid swatch with black or white text. */
      g_assert_cmpfloat (contrast_ratio (black, on_white), >=, 4.5);
      g_assert_cmpfloat (contrast_ratio (white, on_dark), >=, 4.5);
      g_assert_cmpfloat (MAX (contrast_ratio (black, rgb), contrast_ratio (white, rgb)), >=, 4.5);

      /* B.9: self-definition in an orange family, relatedness in a blue one. */
      if (g_str_has_prefix (info->key, "SD"))
        {
          g_assert_cmpfloat (rgb[0], >, rgb[2] + 60);
          g_assert_cmpfloat (rgb[0], >=, rgb[1]);
          n_orange++;
        }
      else if (g_str_has_prefix (info->key, "REL"))
        {
          g_assert_cmpfloat (rgb[2], >, rgb[0] + 60);
          g_assert_cmpfloat (rgb[2], >=, rgb[1]);
          n_blue++;
        }
    }
  g_assert_cmpuint (n_orange, ==, 14);
  g_assert_cmpuint (n_blue, ==, 15);
}

static void
check_preset (const char *file, const char *const *roots, guint expected_codes)
{
  g_autoptr (GHashTable) index = default_codebook_index ();
  g_autoptr (xmlDoc) doc = load_xml (file);
  g_autoptr (GPtrArray) codes = codebook_codes (doc);
  xmlNode *root = xmlDocGetRootElement (doc);
  guint    n_roots = 0;

  g_assert_cmpuint (codes->len, ==, expected_codes);
  for (guint i = 0; i < codes->len; i++)
    {
      xmlNode         *node = g_ptr_array_index (codes, i);
      g_autofree char *key = get_prop (node, "key");
      g_autofree char *guid = get_prop (node, "guid");
      g_autofree char *name = get_prop (node, "name");
      g_autofree char *color = get_prop (node, "color");
      CodeInfo        *full = g_hash_table_lookup (index, key);

      if (full == NULL)
        g_error ("%s: code %s is not in the default codebook", file, key);
      g_assert_cmpstr (guid, ==, full->guid);
      g_assert_cmpstr (name, ==, full->name);
      g_assert_cmpstr (color, ==, full->color);
    }
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      g_autofree char *key = NULL;

      if (!is_element (c, "code"))
        continue;
      key = get_prop (c, "key");
      g_assert_true (g_strv_contains (roots, key));
      n_roots++;
    }
  g_assert_cmpuint (n_roots, ==, g_strv_length ((char **)roots));
}

static void
test_presets (void)
{
  static const char *blatt[] = { "SD", "REL", NULL };
  static const char *markers[] = { "RUP", "EP", "RES", "STR", "MC", NULL };

  /* SD and REL with their leaves: 1 + 13 + 1 + 14. */
  check_preset ("codebooks/preset-blatt.xml", blatt, 29);
  /* RUP 30, EP 10, RES 25, STR 6, MC 11. */
  check_preset ("codebooks/preset-markers-repair.xml", markers, 82);
}

static void
test_contrast_cards (void)
{
  g_autoptr (GHashTable) index = default_codebook_index ();
  g_autoptr (xmlDoc) doc = load_xml ("codebooks/contrast-cards.xml");
  xmlNode *root = xmlDocGetRootElement (doc);
  guint    n_cards = 0, n_refs = 0;

  g_assert_true (is_element (root, "contrast-cards"));
  for (xmlNode *card = root->children; card != NULL; card = card->next)
    {
      guint n_sides = 0;

      if (!is_element (card, "card"))
        continue;
      n_cards++;
      g_assert_nonnull (find_child (card, "title"));
      g_assert_nonnull (find_child (card, "tell-apart"));
      for (xmlNode *side = card->children; side != NULL; side = side->next)
        {
          if (!is_element (side, "side"))
            continue;
          n_sides++;
          g_assert_nonnull (find_child (side, "example"));
          for (xmlNode *ref = side->children; ref != NULL; ref = ref->next)
            {
              g_autofree char *key = NULL;
              g_autofree char *veils = NULL;

              if (!is_element (ref, "code-ref"))
                continue;
              key = get_prop (ref, "key");
              veils = get_prop (ref, "veils");
              if (!g_hash_table_contains (index, key))
                g_error ("contrast card names unknown code %s", key);
              if (veils != NULL && !g_hash_table_contains (index, veils))
                g_error ("contrast card veils unknown code %s", veils);
              n_refs++;
            }
        }
      g_assert_cmpuint (n_sides, >=, 2);
    }
  /* One card per distinction in brief C.4. */
  g_assert_cmpuint (n_cards, ==, 14);
  g_assert_cmpuint (n_refs, >=, 28);
}

static void
test_crosswalk (void)
{
  g_autoptr (GHashTable) index = default_codebook_index ();
  g_autoptr (xmlDoc) doc = load_xml ("codebooks/crosswalk.xml");
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *models = find_child (root, "models");
  guint    n_models = 0, n_rows = 0, n_refs = 0;

  g_assert_true (is_element (root, "crosswalk"));
  if (models == NULL)
    g_error ("crosswalk.xml: no <models>");
  for (xmlNode *m = models->children; m != NULL; m = m->next)
    if (is_element (m, "model"))
      n_models++;
  g_assert_cmpuint (n_models, ==, 5);

  for (xmlNode *row = root->children; row != NULL; row = row->next)
    {
      guint n_cells = 0;

      if (!is_element (row, "row"))
        continue;
      n_rows++;
      for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
        {
          if (!is_element (cell, "cell"))
            continue;
          n_cells++;
          for (xmlNode *ref = cell->children; ref != NULL; ref = ref->next)
            {
              g_autofree char *key = NULL;

              if (!is_element (ref, "ref"))
                {
                  /* Anything that is not a resolved key is marked free text. */
                  g_assert_true (ref->type != XML_ELEMENT_NODE || is_element (ref, "text"));
                  continue;
                }
              key = get_prop (ref, "key");
              if (!g_hash_table_contains (index, key))
                g_error ("crosswalk names unknown code %s", key);
              n_refs++;
            }
        }
      g_assert_cmpuint (n_cells, ==, n_models);
    }
  g_assert_cmpuint (n_rows, ==, 14);
  g_assert_cmpuint (n_refs, >=, 40);
}

/* Turn bodies of the sample session: the text after "[hh:mm:ss] T: ",
 * including continuation lines, as Kintsugi's importer groups them. */
static GPtrArray *
read_turns (const char *text)
{
  g_autoptr (GRegex) turn_start
      = g_regex_new ("^(?:\\[\\d{1,2}:\\d{2}:\\d{2}\\] )?[A-Za-z][\\w.]*: ", 0, 0, NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *turns = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GMatchInfo) match = NULL;

      if (g_regex_match (turn_start, lines[i], 0, &match))
        {
          int end;

          g_match_info_fetch_pos (match, 0, NULL, &end);
          g_ptr_array_add (turns, g_strdup (lines[i] + end));
        }
      else if (turns->len > 0 && lines[i][0] != '\0')
        {
          char *prev = g_ptr_array_index (turns, turns->len - 1);

          turns->pdata[turns->len - 1] = g_strconcat (prev, "\n", lines[i], NULL);
          g_free (prev);
        }
      else
        g_assert_true (lines[i][0] == '\0');
    }
  return turns;
}

static guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  g_assert_cmpuint (strlen (needle), >, 0);
  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static const char *
layer_of (const char *key)
{
  static const char *layers[]
      = { "SD.", "REL.", "RUP.", "EP.", "MC.", "RES.4S.", "STR.", "KS.", "JSR." };

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    if (g_str_has_prefix (key, layers[i]))
      return layers[i];
  return "other";
}

static void
test_sample_coding (void)
{
  static const char *required_layers[]
      = { "SD.", "REL.", "RUP.", "EP.", "MC.", "RES.4S.", "STR.", "KS.", "JSR." };
  g_autoptr (GHashTable) index = default_codebook_index ();
  g_autofree char *session_path = data_path ("sample/session.txt");
  g_autofree char *tsv_path = data_path ("sample/session-codings.tsv");
  g_autofree char *text = NULL;
  g_autofree char *tsv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) turns = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) layers = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = 0;

  g_file_get_contents (session_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (tsv_path, &tsv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\r'));

  turns = read_turns (text);
  g_assert_cmpuint (turns->len, >=, 120);
  g_assert_cmpuint (turns->len, <=, 180);

  lines = g_strsplit (tsv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "turn\tspan\tcode\tactor");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      CodeInfo *info;
      guint64   turn;

      if (lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) != 4)
        g_error ("session-codings.tsv, line %u: %u fields", i + 1, g_strv_length (f));
      n_rows++;

      g_assert_true (g_ascii_string_to_unsigned (f[0], 10, 1, turns->len, &turn, NULL));
      info = g_hash_table_lookup (index, f[2]);
      if (info == NULL || !info->codable)
        g_error ("session-codings.tsv, line %u: %s is not a codable code", i + 1, f[2]);
      g_assert_true (g_str_equal (f[3], "therapist") || g_str_equal (f[3], "client")
                     || g_str_equal (f[3], "dyad") || g_str_equal (f[3], "third"));
      if (count_occurrences (g_ptr_array_index (turns, turn - 1), f[1]) != 1)
        g_error ("session-codings.tsv, line %u: span \"%s\" is not exactly once in turn %s", i + 1,
                 f[1], f[0]);
      g_hash_table_add (layers, (gpointer)layer_of (f[2]));
    }
  g_assert_cmpuint (n_rows, >=, 80);
  g_assert_cmpuint (n_rows, <=, 150);
  /* The reference exercises every layer the brief's practice sets use. */
  for (guint i = 0; i < G_N_ELEMENTS (required_layers); i++)
    g_assert_true (g_hash_table_contains (layers, required_layers[i]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codebook-data/default/codes", test_default_codebook);
  g_test_add_func ("/codebook-data/default/families-and-order", test_family_and_children_order);
  g_test_add_func ("/codebook-data/default/blatt-leaves", test_blatt_leaves);
  g_test_add_func ("/codebook-data/default/colors", test_colors_readable);
  g_test_add_func ("/codebook-data/presets", test_presets);
  g_test_add_func ("/codebook-data/contrast-cards", test_contrast_cards);
  g_test_add_func ("/codebook-data/crosswalk", test_crosswalk);
  g_test_add_func ("/codebook-data/sample-coding", test_sample_coding);

  return g_test_run ();
}
