/* kts-bench-map.c: process-map layout time and canvas frame times for a long episode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: kts-bench-map [--moves N] [--runs N] [--no-check]
 * Needs a display (xvfb-run -a) and GSK_RENDERER=cairo. Prints median and
 * 95th percentile of: the layout with Pango measurement (budget 50 ms), and
 * the canvas's snapshot plus a cairo render into a texture at 1600×1000 for
 * a sequence of pan and zoom steps (budget 16 ms at the 95th percentile).
 * Exits 1 when a budget is exceeded, unless --no-check.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kts-map-canvas-fixture.h"
#include "kts-map-canvas-private.h"
#include "kts-map-painter.h"

#define VIEW_W 1600
#define VIEW_H 1000

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *samples, double p)
{
  g_autoptr (GArray) sorted = g_array_copy (samples);
  double rank;
  guint  lo;

  g_array_sort (sorted, compare_doubles);
  rank = p * (sorted->len - 1);
  lo = (guint)floor (rank);
  if (lo + 1 >= sorted->len)
    return g_array_index (sorted, double, sorted->len - 1);
  return g_array_index (sorted, double, lo)
         + (rank - lo)
               * (g_array_index (sorted, double, lo + 1) - g_array_index (sorted, double, lo));
}

/* Wall and CPU time of this thread: the machine running benchmarks may be
 * shared, and CPU time is what the work costs without waiting for a core. */
typedef struct
{
  gint64 wall;
  gint64 cpu;
} Stamp;

static Stamp
stamp (void)
{
  struct timespec ts;
  Stamp           s;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  s.cpu = (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
  s.wall = g_get_monotonic_time ();
  return s;
}

static void
record (Stamp start, GArray *wall, GArray *cpu)
{
  Stamp  end = stamp ();
  double w = (end.wall - start.wall) / 1000.0;
  double c = (end.cpu - start.cpu) / 1000.0;

  g_array_append_val (wall, w);
  g_array_append_val (cpu, c);
}

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* One frame as GTK would make it: the canvas's snapshot, rendered by the
 * cairo renderer into a texture. */
static void
frame (GtkWidget *window, GtkWidget *canvas, GskRenderer *renderer, GArray *wall, GArray *cpu)
{
  Stamp          t0 = stamp ();
  GtkSnapshot   *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture    *texture;

  gtk_widget_snapshot_child (window, canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture
      = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, VIEW_W, VIEW_H));
  g_object_unref (texture);
  if (node != NULL)
    gsk_render_node_unref (node);
  if (wall != NULL)
    record (t0, wall, cpu);
}

typedef struct
{
  const char *name;
  double      budget;
  gboolean    median; /* budget applies to the median, else the p95 */
  GArray     *wall;
  GArray     *cpu;
} Series;

static Series *
series_new (const char *name, double budget, gboolean median)
{
  Series *series = g_new0 (Series, 1);

  series->name = name;
  series->budget = budget;
  series->median = median;
  series->wall = g_array_new (FALSE, FALSE, sizeof (double));
  series->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  return series;
}

static void
series_free (gpointer data)
{
  Series *series = data;

  g_array_unref (series->wall);
  g_array_unref (series->cpu);
  g_free (series);
}

/* Prints a row; the budget is checked against CPU time (see stamp()). */
static gboolean
series_report (const Series *series)
{
  double   wall_med = percentile (series->wall, 0.5), wall_p95 = percentile (series->wall, 0.95);
  double   cpu_med = percentile (series->cpu, 0.5), cpu_p95 = percentile (series->cpu, 0.95);
  double   checked = series->median ? cpu_med : cpu_p95;
  gboolean pass = checked <= series->budget;

  printf ("%-34s %4u  %8.2f %8.2f  %8.2f %8.2f  %s %2.0f ms  %s\n", series->name, series->wall->len,
          wall_med, wall_p95, cpu_med, cpu_p95, series->median ? "median" : "p95   ",
          series->budget, pass ? "ok" : "OVER");
  return pass;
}

int
main (int argc, char *argv[])
{
  int          n_moves_arg = 500;
  int          runs = 20;
  gboolean     no_check = FALSE;
  gboolean     ok = TRUE;
  GOptionEntry entries[] = {
    { "moves", 0, 0, G_OPTION_ARG_INT, &n_moves_arg, "Moves in the episode (500)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Layout runs (20)", "N" },
    { "no-check", 0, 0, G_OPTION_ARG_NONE, &no_check, "Do not fail over budget", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) options = g_option_context_new ("- process-map benchmark");
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = NULL;
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (series_free);
  Series      *cold, *edit, *pan, *zoom, *overview, *frames;
  KtsEpisode  *episode;
  GtkWidget   *window, *canvas;
  GskRenderer *renderer;
  KtsMapStyle  style;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  gtk_init ();
  adw_init ();

  cold = series_new ("layout, new painter (cold)", 50, TRUE);
  edit = series_new ("layout after editing a label", 50, TRUE);
  pan = series_new ("pan frames, zoom 1", 16, FALSE);
  zoom = series_new ("zoom frames, 1 -> 0.05 -> 5", 16, FALSE);
  overview = series_new ("overview pan frames, zoom 0.12", 16, FALSE);
  frames = series_new ("all frames", 16, FALSE);
  g_ptr_array_add (all, cold);
  g_ptr_array_add (all, edit);
  g_ptr_array_add (all, pan);
  g_ptr_array_add (all, zoom);
  g_ptr_array_add (all, overview);
  g_ptr_array_add (all, frames);

  project = kts_project_new ();
  episode = kts_map_canvas_fixture_add_long (project, (guint)n_moves_arg);
  printf ("episode: %u moves, %u edges, %u codings\n",
          g_list_model_get_n_items (kts_episode_get_moves (episode)),
          g_list_model_get_n_items (kts_episode_get_edges (episode)),
          kts_project_get_n_codings (project));

  /* 1. Layout with the painter's Pango measurement: from scratch with a new
   * painter, and again after an edit (the painter remembers the heights of
   * cards whose text did not change). */
  kts_map_style_init (&style);
  {
    g_autoptr (KtsMapPainter) warmup = kts_map_painter_new (episode, &style);
    KtsMapLayout *layout = kts_map_painter_get_layout (warmup); /* font caches */

    printf ("layout: %u cards, %u routes, %.0f × %.0f points\n", layout->cards->len,
            layout->routes->len, layout->width, layout->height);
  }
  for (int i = 0; i < runs; i++)
    {
      KtsMapPainter *painter;
      Stamp          t0 = stamp ();

      painter = kts_map_painter_new (episode, &style);
      kts_map_painter_get_layout (painter);
      record (t0, cold->wall, cold->cpu);
      kts_map_painter_free (painter);
    }
  {
    g_autoptr (KtsMapPainter) painter = kts_map_painter_new (episode, &style);
    GListModel *moves = kts_episode_get_moves (episode);

    kts_map_painter_get_layout (painter);
    for (int i = 0; i < runs; i++)
      {
        g_autoptr (KtsMove) move
            = g_list_model_get_item (moves, (guint)(i * 37) % g_list_model_get_n_items (moves));
        g_autofree char *label = g_strdup_printf ("Edited label, version %d", i);
        Stamp            t0;

        kts_project_set_string (project, move, "label", label);
        t0 = stamp ();
        kts_map_painter_invalidate (painter);
        kts_map_painter_get_layout (painter);
        record (t0, edit->wall, edit->cpu);
      }
  }

  /* 2. Frames of the canvas at 1600 × 1000. */
  window = gtk_window_new ();
  canvas = kts_map_canvas_new ();
  kts_map_canvas_set_episode (KTS_MAP_CANVAS (canvas), project, episode);
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_W, VIEW_H);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (gtk_widget_get_width (canvas) < VIEW_W && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  iterate ();
  kts_map_canvas_flush (KTS_MAP_CANVAS (canvas));
  printf ("canvas: %d × %d pixels\n", gtk_widget_get_width (canvas),
          gtk_widget_get_height (canvas));

  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      g_printerr ("cannot realize the cairo renderer: %s\n", error->message);
      return 2;
    }

  kts_map_canvas_set_zoom (KTS_MAP_CANVAS (canvas), 1.0);
  frame (window, canvas, renderer, NULL, NULL); /* first frame: glyph caches */
  /* What the canvas does in idle time before anyone starts zooming. */
  {
    gint64 t0 = g_get_monotonic_time ();

    iterate ();
    printf ("cards shaped in idle time: %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  }

  /* Pan along the episode at full detail, as a drag would: 40 px a frame,
   * with a little vertical drift. */
  for (int i = 0; i < 120; i++)
    {
      kts_map_canvas_test_drag (KTS_MAP_CANVAS (canvas), 2, 800, 500, -40, i % 20 < 10 ? 6 : -6, 1,
                                0);
      frame (window, canvas, renderer, pan->wall, pan->cpu);
    }

  /* Zoom out about the pointer to the smallest zoom and in again, 8 % a step. */
  for (int i = 0; i < 120; i++)
    {
      kts_map_canvas_test_scroll (KTS_MAP_CANVAS (canvas), 700 + (i % 7) * 20, 450, 0,
                                  i < 60 ? 0.55 : -0.55, GDK_CONTROL_MASK);
      frame (window, canvas, renderer, zoom->wall, zoom->cpu);
    }

  /* Pan over the overview, where most cards are in view. */
  kts_map_canvas_set_zoom (KTS_MAP_CANVAS (canvas), 0.12);
  for (int i = 0; i < 60; i++)
    {
      kts_map_canvas_test_drag (KTS_MAP_CANVAS (canvas), 2, 800, 500, -60, 0, 1, 0);
      frame (window, canvas, renderer, overview->wall, overview->cpu);
    }

  for (guint i = 2; i < 5; i++)
    {
      Series *series = g_ptr_array_index (all, i);

      g_array_append_vals (frames->wall, series->wall->data, series->wall->len);
      g_array_append_vals (frames->cpu, series->cpu->data, series->cpu->len);
    }

  printf ("\n%-34s %4s  %17s  %17s  %s\n", "", "n", "wall ms: median  p95", "cpu ms: median  p95",
          "budget (cpu)");
  for (guint i = 0; i < all->len; i++)
    ok &= series_report (g_ptr_array_index (all, i));

  gsk_renderer_unrealize (renderer);
  g_object_unref (renderer);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();

  return ok || no_check ? 0 : 1;
}
