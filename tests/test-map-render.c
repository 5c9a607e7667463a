/* test-map-render.c: the map painter's output compared with reference images.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case paints a fixture episode onto an image surface of a fixed size
 * and compares it with a PNG in tests/data/render/ (see the README there,
 * which also says how to regenerate them). The comparison forgives what
 * anti-aliasing and hinting change — a pixel passes if a pixel within one
 * pixel of it in the other image matches it — but not a moved card or a
 * missing edge, which the last test proves by breaking a render on purpose.
 * The painter's font is pinned to DejaVu Sans and meson points fontconfig at
 * a configuration with only that family (tests/data/render/fonts.conf.in).
 */
#include "config.h"

#include <cairo.h>
#include <math.h>

#include "kts-map-fixture.h"
#include "kts-map-layout.h"
#include "kts-map-painter.h"

#define RENDER_WIDTH 1200
#define RENDER_HEIGHT 640
#define RENDER_FONT "DejaVu Sans"

/* A channel differing by at most this much is the same colour. */
#define CHANNEL_TOLERANCE 48
/* After the neighbourhood search, at most this share of pixels may still
 * differ (0.2 %, scattered noise) ... */
#define MAX_BAD_FRACTION 0.002
/* ... and no more than this many of them may touch each other: noise is
 * specks, a missing edge or a moved card is a line of bad pixels. */
#define MAX_CLUSTER 24

typedef struct
{
  const char       *name;
  const char       *fixture;
  KtsMapArrangement arrangement;
  gboolean          dark;
} RenderCase;

static const RenderCase render_cases[] = {
  { "case-b-surface", "case-b.txt", KTS_MAP_ARRANGEMENT_SURFACE, FALSE },
  { "case-e-dyad", "case-e.txt", KTS_MAP_ARRANGEMENT_DYAD, FALSE },
  { "case-e-surface-dark", "case-e.txt", KTS_MAP_ARRANGEMENT_SURFACE, TRUE },
  { "toto-1-surface", "vignette-toto-1.txt", KTS_MAP_ARRANGEMENT_SURFACE, FALSE },
  { "case-d-flowchart", "case-d.txt", KTS_MAP_ARRANGEMENT_FLOWCHART, FALSE },
  { "case-c-flowchart-dark", "case-c.txt", KTS_MAP_ARRANGEMENT_FLOWCHART, TRUE },
};

static KtsMapPainter *
painter_for (const RenderCase *rc, KtsEpisode **episode)
{
  KtsMapStyle style;

  *episode = kts_map_fixture_load (rc->fixture);
  kts_map_style_init (&style);
  style.arrangement = rc->arrangement;
  style.dark = rc->dark;
  style.font_family = RENDER_FONT;
  return kts_map_painter_new (*episode, &style);
}

/* The whole map scaled to fit RENDER_WIDTH × RENDER_HEIGHT, at the top
 * left, on a mid-grey ground (so the map's own paper shows); @dx shifts it
 * by a fraction of a pixel. */
static cairo_surface_t *
render (KtsMapPainter *painter, double dx)
{
  cairo_surface_t *surface
      = cairo_image_surface_create (CAIRO_FORMAT_RGB24, RENDER_WIDTH, RENDER_HEIGHT);
  cairo_t      *cr = cairo_create (surface);
  KtsMapLayout *layout = kts_map_painter_get_layout (painter);
  double        scale = MIN (RENDER_WIDTH / layout->width, RENDER_HEIGHT / layout->height);

  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  cairo_translate (cr, dx, 0);
  cairo_scale (cr, scale, scale);
  kts_map_painter_draw (painter, cr, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static gboolean
pixels_match (guint32 a, guint32 b)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int ca = (a >> shift) & 0xff, cb = (b >> shift) & 0xff;

      if (ABS (ca - cb) > CHANNEL_TOLERANCE)
        return FALSE;
    }
  return TRUE;
}

static guint32
pixel (const guint8 *data, int stride, int x, int y)
{
  return ((const guint32 *)(data + (gsize)y * stride))[x] & 0xffffff;
}

/* Whether some pixel of @img within one pixel of (@x, @y) matches @value. */
static gboolean
near_match (const guint8 *img, int stride, int w, int h, int x, int y, guint32 value)
{
  for (int j = MAX (0, y - 1); j <= MIN (h - 1, y + 1); j++)
    for (int i = MAX (0, x - 1); i <= MIN (w - 1, x + 1); i++)
      if (pixels_match (pixel (img, stride, i, j), value))
        return TRUE;
  return FALSE;
}

/* The pixels that neither image explains in the other: TRUE in @mask. */
static guint
find_bad_pixels (cairo_surface_t *expected, cairo_surface_t *actual, guint8 *mask)
{
  int           w = cairo_image_surface_get_width (expected);
  int           h = cairo_image_surface_get_height (expected);
  int           es = cairo_image_surface_get_stride (expected);
  int           as = cairo_image_surface_get_stride (actual);
  const guint8 *e = cairo_image_surface_get_data (expected);
  const guint8 *a = cairo_image_surface_get_data (actual);
  guint         bad = 0;

  g_assert_cmpint (cairo_image_surface_get_width (actual), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (actual), ==, h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 ep = pixel (e, es, x, y), ap = pixel (a, as, x, y);

        mask[y * w + x]
            = !pixels_match (ep, ap)
              && !(near_match (e, es, w, h, x, y, ap) && near_match (a, as, w, h, x, y, ep));
        bad += mask[y * w + x];
      }
  return bad;
}

/* The size of the largest 8-connected group of bad pixels: noise leaves
 * specks along glyph and line edges, a real change leaves a line or a
 * strip. Clears @mask. */
static guint
largest_cluster (guint8 *mask, int w, int h)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  guint largest = 0;

  for (int start = 0; start < w * h; start++)
    {
      guint size = 0;

      if (!mask[start])
        continue;
      mask[start] = 0;
      g_array_append_val (stack, start);
      while (stack->len > 0)
        {
          int p = g_array_index (stack, int, stack->len - 1);
          int px = p % w, py = p / w;

          g_array_set_size (stack, stack->len - 1);
          size++;
          for (int j = MAX (0, py - 1); j <= MIN (h - 1, py + 1); j++)
            for (int i = MAX (0, px - 1); i <= MIN (w - 1, px + 1); i++)
              if (mask[j * w + i])
                {
                  int q = j * w + i;

                  mask[q] = 0;
                  g_array_append_val (stack, q);
                }
        }
      largest = MAX (largest, size);
    }
  return largest;
}

typedef struct
{
  guint bad;     /* pixels outside the tolerance */
  guint cluster; /* the largest group of them */
} Difference;

static gboolean
images_agree (cairo_surface_t *expected, cairo_surface_t *actual, Difference *out)
{
  int                w = cairo_image_surface_get_width (expected);
  int                h = cairo_image_surface_get_height (expected);
  g_autofree guint8 *mask = g_malloc0 ((gsize)w * h);
  Difference         d;

  d.bad = find_bad_pixels (expected, actual, mask);
  d.cluster = largest_cluster (mask, w, h);
  if (out != NULL)
    *out = d;
  return d.bad <= MAX_BAD_FRACTION * w * h && d.cluster <= MAX_CLUSTER;
}

/* The bad pixels red over a pale copy of @expected. */
static cairo_surface_t *
diff_image (cairo_surface_t *expected, cairo_surface_t *actual)
{
  int                w = cairo_image_surface_get_width (expected);
  int                h = cairo_image_surface_get_height (expected);
  int                es = cairo_image_surface_get_stride (expected);
  const guint8      *e = cairo_image_surface_get_data (expected);
  cairo_surface_t   *diff = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guint8            *d = cairo_image_surface_get_data (diff);
  int                ds = cairo_image_surface_get_stride (diff);
  g_autofree guint8 *mask = g_malloc0 ((gsize)w * h);

  cairo_surface_flush (diff);
  find_bad_pixels (expected, actual, mask);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 ep = pixel (e, es, x, y);
        guint32 grey = (((ep >> 16) & 0xff) + ((ep >> 8) & 0xff) + (ep & 0xff)) / 3;
        guint32 pale = 192 + grey / 4;

        ((guint32 *)(d + (gsize)y * ds))[x]
            = mask[y * w + x] ? 0xffff0000u : (0xffu << 24) | (pale << 16) | (pale << 8) | pale;
      }
  cairo_surface_mark_dirty (diff);
  return diff;
}

static char *
reference_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  return g_test_build_filename (G_TEST_DIST, "data", "render", file, NULL);
}

/* The reference as an RGB24 surface, or NULL if there is none. */
static cairo_surface_t *
load_reference (const char *name)
{
  g_autofree char *path = reference_path (name);
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  cairo_surface_t *rgb;
  cairo_t         *cr;

  if (cairo_surface_status (png) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (png);
      return NULL;
    }
  rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (png),
                                    cairo_image_surface_get_height (png));
  cr = cairo_create (rgb);
  cairo_set_source_surface (cr, png, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (png);
  cairo_surface_flush (rgb);
  return rgb;
}

static gboolean
updating_references (void)
{
  return g_strcmp0 (g_getenv ("KTS_UPDATE_REFERENCES"), "1") == 0;
}

static void
test_render (gconstpointer data)
{
  const RenderCase *rc = data;
  g_autoptr (KtsEpisode) episode = NULL;
  g_autoptr (KtsMapPainter) painter = painter_for (rc, &episode);
  cairo_surface_t *actual = render (painter, 0);
  cairo_surface_t *expected;
  Difference       d = { 0 };

  if (updating_references ())
    {
      /* Written into the source tree, on purpose only. */
      g_autofree char *dir
          = g_build_filename (g_getenv ("G_TEST_SRCDIR") != NULL ? g_getenv ("G_TEST_SRCDIR")
                                                                 : g_test_get_dir (G_TEST_DIST),
                              "data", "render", NULL);
      g_autofree char *file = g_strconcat (rc->name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_assert_cmpint (cairo_surface_write_to_png (actual, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
    }

  expected = load_reference (rc->name);
  if (expected == NULL)
    {
      g_autofree char *path = reference_path (rc->name);
      cairo_surface_destroy (actual);
      g_error ("no reference image %s; make it with KTS_UPDATE_REFERENCES=1 (see "
               "tests/data/render/README.md)",
               path);
    }

  if (!images_agree (expected, actual, &d))
    {
      g_autofree char *actual_name = g_strdup_printf ("render-%s-actual.png", rc->name);
      g_autofree char *diff_name = g_strdup_printf ("render-%s-diff.png", rc->name);
      g_autofree char *actual_path
          = g_build_filename (g_test_get_dir (G_TEST_BUILT), actual_name, NULL);
      g_autofree char *diff_path
          = g_build_filename (g_test_get_dir (G_TEST_BUILT), diff_name, NULL);
      cairo_surface_t *diff = diff_image (expected, actual);

      cairo_surface_write_to_png (actual, actual_path);
      cairo_surface_write_to_png (diff, diff_path);
      cairo_surface_destroy (diff);
      g_printerr ("%s: %u pixels differ from the reference (at most %.0f may), %u of them "
                  "together (at most %d may)\n  actual: %s\n  diff:   %s\n",
                  rc->name, d.bad, MAX_BAD_FRACTION * RENDER_WIDTH * RENDER_HEIGHT, d.cluster,
                  MAX_CLUSTER, actual_path, diff_path);
      g_test_fail ();
    }
  else
    g_test_message ("%s: %u pixels outside the tolerance, at most %u together", rc->name, d.bad,
                    d.cluster);

  cairo_surface_destroy (expected);
  cairo_surface_destroy (actual);
}

/* The comparison itself: sub-pixel noise passes; a card moved by a few
 * pixels, a missing edge or the other palette fail. */
static void
test_comparison_catches_changes (void)
{
  const RenderCase *rc = &render_cases[0];
  g_autoptr (KtsEpisode) episode = NULL;
  g_autoptr (KtsMapPainter) painter = painter_for (rc, &episode);
  cairo_surface_t *reference = render (painter, 0);
  cairo_surface_t *shifted = render (painter, 0.2);
  KtsMapLayout    *layout = kts_map_painter_get_layout (painter);
  double           scale = MIN (RENDER_WIDTH / layout->width, RENDER_HEIGHT / layout->height);
  Difference       d = { 0 };

  /* Anti-aliasing and hinting noise: every edge and glyph rasterised a
   * fifth of a pixel further right (it changes about 40 % of the pixels)... */
  g_assert_true (images_agree (reference, shifted, &d));
  g_test_message ("shifted by 0.2 px: %u pixels outside the tolerance, at most %u together", d.bad,
                  d.cluster);
  cairo_surface_destroy (shifted);

  /* ... and every channel of every pixel off by up to 20. */
  {
    cairo_surface_t *noisy = render (painter, 0);
    g_autoptr (GRand) rand = g_rand_new_with_seed (5);
    guint8 *data = cairo_image_surface_get_data (noisy);
    int     stride = cairo_image_surface_get_stride (noisy);

    for (int y = 0; y < RENDER_HEIGHT; y++)
      for (int x = 0; x < RENDER_WIDTH * 4; x++)
        if (x % 4 != 3)
          {
            int value = data[y * stride + x] + g_rand_int_range (rand, -20, 21);

            data[y * stride + x] = (guint8)CLAMP (value, 0, 255);
          }
    cairo_surface_mark_dirty (noisy);
    g_assert_true (images_agree (reference, noisy, &d));
    g_assert_cmpuint (d.bad, ==, 0);
    g_assert_cmpuint (d.bad, ==, 0);
    cairo_surface_destroy (noisy);
  }

  /* A missing edge (the painter draws what its layout holds). */
  {
    KtsMapRoute      removed = { 0 };
    guint            index = G_MAXUINT;
    cairo_surface_t *broken;

    for (guint i = 0; i < layout->routes->len && index == G_MAXUINT; i++)
      if (g_array_index (layout->routes, KtsMapRoute, i).type == KTS_EDGE_RESPONDS_TO)
        index = i;
    g_assert_cmpuint (index, !=, G_MAXUINT);
    removed = g_array_index (layout->routes, KtsMapRoute, index);
    g_array_remove_index (layout->routes, index);
    broken = render (painter, 0);
    g_assert_false (images_agree (reference, broken, &d));
    g_test_message ("one responds-to edge missing: %u pixels differ, %u together", d.bad,
                    d.cluster);
    cairo_surface_destroy (broken);
    g_array_insert_val (layout->routes, index, removed);
  }

  /* A card moved by four pixels. */
  {
    KtsMapCard      *card = &g_array_index (layout->cards, KtsMapCard, 3);
    cairo_surface_t *broken;

    card->x += 4 / scale;
    broken = render (painter, 0);
    g_assert_false (images_agree (reference, broken, &d));
    g_test_message ("one card moved by 4 px: %u pixels differ, %u together", d.bad, d.cluster);
    cairo_surface_destroy (broken);
    card->x -= 4 / scale;
  }

  /* After undoing both, the render agrees again. */
  {
    cairo_surface_t *again = render (painter, 0);

    g_assert_true (images_agree (reference, again, &d));
    g_assert_cmpuint (d.bad, ==, 0);
    cairo_surface_destroy (again);
  }

  /* The dark palette is a different picture altogether. */
  {
    RenderCase dark = *rc;
    g_autoptr (KtsEpisode) dark_episode = NULL;
    g_autoptr (KtsMapPainter) dark_painter = NULL;
    cairo_surface_t *other;

    dark.dark = TRUE;
    dark_painter = painter_for (&dark, &dark_episode);
    other = render (dark_painter, 0);
    g_assert_false (images_agree (reference, other, &d));
    cairo_surface_destroy (other);
  }

  cairo_surface_destroy (reference);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/map/render/%s", render_cases[i].name);
      g_test_add_data_func (path, &render_cases[i], test_render);
    }
  g_test_add_func ("/map/render/comparison", test_comparison_catches_changes);

  return g_test_run ();
}
