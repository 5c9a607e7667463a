/* kts-codebook-guide.c: contrast cards and the stage-model crosswalk.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both files are shipped data (docs/codebook-data.md), read with the same
 * hardened parser as project files; an unexpected element is an error,
 * because a silently skipped card would leave students without it.
 */
#define G_LOG_DOMAIN "kts-codebook-guide"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-codebook-guide.h"
#include "kts-error.h"
#include "kts-project-io.h"
#include "kts-xml-private.h"

GResource *kts_io_get_resource (void);

static void
side_free (gpointer data)
{
  KtsContrastSide *side = data;

  g_free (side->label);
  g_ptr_array_unref (side->keys);
  g_ptr_array_unref (side->actors);
  g_ptr_array_unref (side->veils);
  g_free (side->cue);
  g_free (side->example);
  g_free (side);
}

static void
card_free (gpointer data)
{
  KtsContrastCard *card = data;

  g_free (card->id);
  g_free (card->title);
  g_free (card->tell_apart);
  g_ptr_array_unref (card->rules);
  g_ptr_array_unref (card->sides);
  g_free (card);
}

static void
model_free (gpointer data)
{
  KtsStageModel *model = data;

  g_free (model->id);
  g_free (model->name);
  g_free (model->heading);
  g_free (model);
}

static void
cell_clear (KtsCrosswalkCell *cell)
{
  g_free (cell->as_given);
  g_clear_pointer (&cell->keys, g_ptr_array_unref);
  g_clear_pointer (&cell->within, g_ptr_array_unref);
  g_clear_pointer (&cell->texts, g_ptr_array_unref);
}

static void
row_free (gpointer data)
{
  KtsCrosswalkRow *row = data;

  for (guint i = 0; i < row->n_cells; i++)
    cell_clear (&row->cells[i]);
  g_free (row->cells);
  g_free (row->function);
  g_free (row);
}

static void
crosswalk_free (KtsCrosswalk *crosswalk)
{
  if (crosswalk == NULL)
    return;
  g_free (crosswalk->name);
  g_ptr_array_unref (crosswalk->rows);
  g_ptr_array_unref (crosswalk->models);
  g_free (crosswalk);
}

void
kts_codebook_guide_free (KtsCodebookGuide *guide)
{
  if (guide == NULL)
    return;
  g_clear_pointer (&guide->cards, g_ptr_array_unref);
  g_clear_pointer (&guide->crosswalk, crosswalk_free);
  g_free (guide);
}

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *)node->name, name) == 0;
}

static char *
prop (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char    *copy = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
content (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char    *copy = g_strdup (value != NULL ? (const char *)value : "");

  xmlFree (value);
  return g_strstrip (copy);
}

static gboolean
fail (GError **error, const char *filename, xmlNode *node, const char *what)
{
  g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_FILE, _ ("%s, line %ld: %s"), filename,
               node != NULL ? xmlGetLineNo (node) : 1L, what);
  return FALSE;
}

static xmlNode *
checked_root (xmlDoc *doc, const char *name, const char *filename, GError **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL || !is_element (root, name) || root->ns == NULL
      || strcmp ((const char *)root->ns->href, KTS_PROJECT_NAMESPACE) != 0)
    {
      g_autofree char *what = g_strdup_printf (_ ("a “%s” element was expected"), name);
      fail (error, filename, root, what);
      return NULL;
    }
  return root;
}

static KtsContrastSide *
read_side (xmlNode *node, const char *filename, GError **error)
{
  KtsContrastSide *side = g_new0 (KtsContrastSide, 1);

  side->label = prop (node, "label");
  side->keys = g_ptr_array_new_with_free_func (g_free);
  side->actors = g_ptr_array_new_with_free_func (g_free);
  side->veils = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, "code-ref"))
        {
          char *key = prop (child, "key");

          if (key == NULL)
            {
              g_free (key);
              side_free (side);
              fail (error, filename, child, _ ("a code reference has no key"));
              return NULL;
            }
          g_ptr_array_add (side->keys, key);
          g_ptr_array_add (side->actors, prop (child, "actor"));
          g_ptr_array_add (side->veils, prop (child, "veils"));
        }
      else if (is_element (child, "cue"))
        side->cue = content (child);
      else if (is_element (child, "example"))
        side->example = content (child);
      else
        {
          side_free (side);
          fail (error, filename, child, _ ("unexpected element in a card side"));
          return NULL;
        }
    }

  if (side->label == NULL || side->cue == NULL || side->example == NULL)
    {
      side_free (side);
      fail (error, filename, node, _ ("a card side needs a label, a cue and an example"));
      return NULL;
    }
  return side;
}

static GPtrArray *
read_cards (GBytes *bytes, GError **error)
{
  const char *filename = "contrast-cards.xml";
  g_autoptr (xmlDoc) doc = _kts_xml_parse (bytes, filename, error);
  g_autoptr (GPtrArray) cards = g_ptr_array_new_with_free_func (card_free);
  xmlNode *root;

  if (doc == NULL || (root = checked_root (doc, "contrast-cards", filename, error)) == NULL)
    return NULL;

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      KtsContrastCard *card;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (!is_element (node, "card"))
        {
          fail (error, filename, node, _ ("only “card” elements may stand here"));
          return NULL;
        }

      card = g_new0 (KtsContrastCard, 1);
      card->id = prop (node, "id");
      card->rules = g_ptr_array_new_with_free_func (g_free);
      card->sides = g_ptr_array_new_with_free_func (side_free);
      g_ptr_array_add (cards, card);

      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          if (child->type != XML_ELEMENT_NODE)
            continue;
          if (is_element (child, "title"))
            card->title = content (child);
          else if (is_element (child, "tell-apart"))
            card->tell_apart = content (child);
          else if (is_element (child, "rule"))
            g_ptr_array_add (card->rules, content (child));
          else if (is_element (child, "side"))
            {
              KtsContrastSide *side = read_side (child, filename, error);
              if (side == NULL)
                return NULL;
              g_ptr_array_add (card->sides, side);
            }
          else
            {
              fail (error, filename, child, _ ("unexpected element in a card"));
              return NULL;
            }
        }

      if (card->id == NULL || card->title == NULL || card->tell_apart == NULL
          || card->sides->len < 2)
        {
          fail (error, filename, node,
                _ ("a card needs an id, a title, a tell-apart text and two sides"));
          return NULL;
        }
    }

  return g_steal_pointer (&cards);
}

static KtsCrosswalk *
read_crosswalk (GBytes *bytes, GError **error)
{
  const char *filename = "crosswalk.xml";
  g_autoptr (xmlDoc) doc = _kts_xml_parse (bytes, filename, error);
  KtsCrosswalk *crosswalk;
  xmlNode      *root;

  if (doc == NULL || (root = checked_root (doc, "crosswalk", filename, error)) == NULL)
    return NULL;

  crosswalk = g_new0 (KtsCrosswalk, 1);
  crosswalk->name = prop (root, "name");
  crosswalk->models = g_ptr_array_new_with_free_func (model_free);
  crosswalk->rows = g_ptr_array_new_with_free_func (row_free);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (is_element (node, "models"))
        {
          for (xmlNode *m = node->children; m != NULL; m = m->next)
            if (is_element (m, "model"))
              {
                KtsStageModel *model = g_new0 (KtsStageModel, 1);
                model->id = prop (m, "id");
                model->name = prop (m, "name");
                model->heading = prop (m, "heading");
                g_ptr_array_add (crosswalk->models, model);
              }
        }
      else if (is_element (node, "row"))
        {
          KtsCrosswalkRow *row = g_new0 (KtsCrosswalkRow, 1);
          guint            n_models = crosswalk->models->len;
          guint            c = 0;

          row->function = prop (node, "function");
          row->cells = g_new0 (KtsCrosswalkCell, MAX (n_models, 1));
          row->n_cells = n_models;
          g_ptr_array_add (crosswalk->rows, row);

          for (xmlNode *cn = node->children; cn != NULL; cn = cn->next)
            {
              KtsCrosswalkCell *cell;

              if (!is_element (cn, "cell"))
                continue;
              if (c >= n_models)
                {
                  crosswalk_free (crosswalk);
                  fail (error, filename, cn, _ ("a row has more cells than there are models"));
                  return NULL;
                }
              cell = &row->cells[c++];
              cell->as_given = prop (cn, "as-given");
              cell->keys = g_ptr_array_new_with_free_func (g_free);
              cell->within = g_ptr_array_new ();
              cell->texts = g_ptr_array_new_with_free_func (g_free);
              for (xmlNode *r = cn->children; r != NULL; r = r->next)
                {
                  if (is_element (r, "ref"))
                    {
                      g_autofree char *within = prop (r, "within");
                      g_ptr_array_add (cell->keys, prop (r, "key"));
                      g_ptr_array_add (cell->within,
                                       GINT_TO_POINTER (g_strcmp0 (within, "true") == 0));
                    }
                  else if (is_element (r, "text"))
                    g_ptr_array_add (cell->texts, content (r));
                }
            }
          for (; c < n_models; c++)
            {
              row->cells[c].keys = g_ptr_array_new_with_free_func (g_free);
              row->cells[c].within = g_ptr_array_new ();
              row->cells[c].texts = g_ptr_array_new_with_free_func (g_free);
            }
        }
    }

  return crosswalk;
}

KtsCodebookGuide *
kts_codebook_guide_load (GBytes *cards, GBytes *crosswalk, GError **error)
{
  g_autoptr (KtsCodebookGuide) guide = g_new0 (KtsCodebookGuide, 1);

  g_return_val_if_fail (cards != NULL && crosswalk != NULL, NULL);

  guide->cards = read_cards (cards, error);
  if (guide->cards == NULL)
    return NULL;
  guide->crosswalk = read_crosswalk (crosswalk, error);
  if (guide->crosswalk == NULL)
    return NULL;
  return g_steal_pointer (&guide);
}

KtsCodebookGuide *
kts_codebook_guide_load_default (GError **error)
{
  g_autoptr (GBytes) cards = NULL;
  g_autoptr (GBytes) crosswalk = NULL;

  cards = g_resource_lookup_data (
      kts_io_get_resource (), "/io/github/kintsugi_qda/Kintsugi/core/codebooks/contrast-cards.xml",
      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (cards == NULL)
    return NULL;
  crosswalk = g_resource_lookup_data (
      kts_io_get_resource (), "/io/github/kintsugi_qda/Kintsugi/core/codebooks/crosswalk.xml",
      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (crosswalk == NULL)
    return NULL;
  return kts_codebook_guide_load (cards, crosswalk, error);
}

GPtrArray *
kts_codebook_guide_cards_for (KtsCodebookGuide *guide, const char *key)
{
  GPtrArray *result = g_ptr_array_new ();

  g_return_val_if_fail (guide != NULL, result);

  for (guint i = 0; key != NULL && i < guide->cards->len; i++)
    {
      KtsContrastCard *card = g_ptr_array_index (guide->cards, i);
      gboolean         found = FALSE;

      for (guint s = 0; s < card->sides->len && !found; s++)
        {
          KtsContrastSide *side = g_ptr_array_index (card->sides, s);
          for (guint k = 0; k < side->keys->len && !found; k++)
            found = g_str_equal (g_ptr_array_index (side->keys, k), key);
        }
      if (found)
        g_ptr_array_add (result, card);
    }
  return result;
}
