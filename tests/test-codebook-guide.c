/* test-codebook-guide.c: the shipped contrast cards and crosswalk load, and
 * every code they name is in the default codebook.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kts-codebook-guide.h"
#include "kts-core.h"

static void
test_default (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsCodebookGuide) guide = kts_codebook_guide_load_default (&error);
  g_autoptr (KtsProject) project = kts_project_new ();
  KtsCodebook *codebook = kts_project_get_codebook (project);

  g_assert_no_error (error);
  g_assert_cmpint (kts_project_load_codebook_preset (project, "default", &error), ==, 213);
  g_assert_no_error (error);

  /* Brief C.4 lists fourteen distinctions. */
  g_assert_cmpuint (guide->cards->len, ==, 14);
  for (guint i = 0; i < guide->cards->len; i++)
    {
      KtsContrastCard *card = g_ptr_array_index (guide->cards, i);

      g_assert_nonnull (card->title);
      g_assert_cmpuint (card->sides->len, >=, 2);
      for (guint s = 0; s < card->sides->len; s++)
        {
          KtsContrastSide *side = g_ptr_array_index (card->sides, s);
          for (guint k = 0; k < side->keys->len; k++)
            g_assert_nonnull (
                kts_codebook_lookup_key (codebook, g_ptr_array_index (side->keys, k)));
        }
    }

  /* The autonomy card is found from either side. */
  {
    g_autoptr (GPtrArray) a = kts_codebook_guide_cards_for (guide, "SD.autonomy");
    g_autoptr (GPtrArray) b = kts_codebook_guide_cards_for (guide, "SD.agency");
    g_autoptr (GPtrArray) none = kts_codebook_guide_cards_for (guide, "RUP.W.nonexistent");

    g_assert_cmpuint (a->len, >=, 1);
    g_assert_true (g_ptr_array_find (b, g_ptr_array_index (a, 0), NULL));
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* The crosswalk: five models, fourteen functions, keys that resolve. */
  g_assert_cmpuint (guide->crosswalk->models->len, ==, 5);
  g_assert_cmpuint (guide->crosswalk->rows->len, ==, 14);
  for (guint r = 0; r < guide->crosswalk->rows->len; r++)
    {
      KtsCrosswalkRow *row = g_ptr_array_index (guide->crosswalk->rows, r);

      g_assert_cmpuint (row->n_cells, ==, 5);
      for (guint c = 0; c < row->n_cells; c++)
        for (guint k = 0; k < row->cells[c].keys->len; k++)
          g_assert_nonnull (
              kts_codebook_lookup_key (codebook, g_ptr_array_index (row->cells[c].keys, k)));
    }
}

static void
test_hostile (void)
{
  g_autoptr (GError) error = NULL;
  static const char good_text[]
      = "<crosswalk xmlns='https://kintsugi-qda.github.io/ns/project/1'/>";
  g_autoptr (GBytes) good = g_bytes_new_static (good_text, sizeof good_text - 1);
  const char *bad[] = {
    "<!DOCTYPE x [<!ENTITY a 'b'>]><contrast-cards "
    "xmlns='https://kintsugi-qda.github.io/ns/project/1'/>",
    "<contrast-cards xmlns='urn:other'/>",
    "<contrast-cards xmlns='https://kintsugi-qda.github.io/ns/project/1'><card "
    "id='x'><title>t</title></card></contrast-cards>",
    "<contrast-cards xmlns='https://kintsugi-qda.github.io/ns/project/1'><oops/></contrast-cards>",
    "<contrast-cards",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr (KtsCodebookGuide) guide = kts_codebook_guide_load (bytes, good, &error);

      g_assert_null (guide);
      g_assert_nonnull (error);
      g_assert_true (error->domain == KTS_ERROR);
      g_clear_error (&error);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codebook-guide/default", test_default);
  g_test_add_func ("/codebook-guide/hostile", test_hostile);

  return g_test_run ();
}
