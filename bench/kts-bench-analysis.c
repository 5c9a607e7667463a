/* kts-bench-analysis.c: times the Analysis view on the benchmark project (50,000
 * codings in 200 transcripts, three coders): building and filtering the coded
 * segments, sorting them, counting frequencies, comparing coders and a
 * transcript's transitions. Run under Xvfb with GSK_RENDERER=cairo. The
 * budgets are for a loaded two-core machine; most of a filter's or a sort's
 * time is GtkColumnView taking in 50,000 changed rows, not our code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-bench-analysis"

#include "config.h"

#include <adwaita.h>

#include "kts-agreement-panel.h"
#include "kts-analysis-view.h"
#include "kts-bench-project.h"
#include "kts-frequency-table.h"
#include "kts-segment-list.h"
#include "kts-sequence-panel.h"

static gint64 t0;

static void
start (void)
{
  t0 = g_get_monotonic_time ();
}

static double
stop (const char *what, double budget_ms)
{
  double ms = (g_get_monotonic_time () - t0) / 1000.0;

  g_print ("%-44s %8.1f ms  (budget %.0f ms)%s\n", what, ms, budget_ms,
           ms > budget_ms ? "  OVER" : "");
  return ms > budget_ms;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  KtsBenchSize size = KTS_BENCH_SIZE_DEFAULT;
  g_autoptr (KtsProject) project = NULL;
  GtkWidget         *window, *view;
  KtsSegmentList    *segments;
  KtsFrequencyTable *frequencies;
  KtsAgreementPanel *agreement;
  KtsSequencePanel  *sequences;
  GtkColumnView     *column_view;
  GListModel        *columns;
  int                over = 0;

  gtk_init ();
  adw_init ();
  project = kts_bench_make_project (&size);
  g_print ("%u codings in %u transcripts\n", kts_project_get_n_codings (project),
           g_list_model_get_n_items (kts_project_get_documents (project)));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  view = kts_analysis_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  segments
      = KTS_SEGMENT_LIST (kts_analysis_view_get_page_widget (KTS_ANALYSIS_VIEW (view), "segments"));
  frequencies = KTS_FREQUENCY_TABLE (
      kts_analysis_view_get_page_widget (KTS_ANALYSIS_VIEW (view), "frequencies"));
  agreement = KTS_AGREEMENT_PANEL (
      kts_analysis_view_get_page_widget (KTS_ANALYSIS_VIEW (view), "agreement"));
  sequences = KTS_SEQUENCE_PANEL (
      kts_analysis_view_get_page_widget (KTS_ANALYSIS_VIEW (view), "sequences"));

  start ();
  kts_analysis_view_set_project (KTS_ANALYSIS_VIEW (view), project);
  spin ();
  over += stop ("segments: build the table, first frame", 500);

  {
    g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (project));
    KtsCode *code = g_ptr_array_index (codes, 0);

    start ();
    kts_segment_list_set_filter (segments, code, -1, NULL, NULL, NULL);
    spin ();
    g_print ("  (%u rows)\n", g_list_model_get_n_items (kts_segment_list_get_model (segments)));
    over += stop ("segments: filter by a code with sub-codes", 400);
    start ();
    kts_segment_list_set_filter (segments, NULL, -1, NULL, NULL, NULL);
    spin ();
    over += stop ("segments: clear the filter", 400);
  }

  column_view = GTK_COLUMN_VIEW (gtk_widget_get_first_child (gtk_widget_get_first_child (
      gtk_widget_get_last_child (gtk_widget_get_first_child (GTK_WIDGET (segments))))));
  if (GTK_IS_COLUMN_VIEW (column_view))
    {
      columns = gtk_column_view_get_columns (column_view);
      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          g_autofree char *what
              = g_strdup_printf ("segments: sort by %s", gtk_column_view_column_get_title (column));

          start ();
          gtk_column_view_sort_by_column (column_view, column, GTK_SORT_ASCENDING);
          spin ();
          over += stop (what, 500);
        }
    }

  start ();
  kts_project_set_title (project, "Changed");
  spin ();
  over += stop ("segments: a change while shown (rebuild)", 800);

  kts_analysis_view_set_page (KTS_ANALYSIS_VIEW (view), "frequencies");
  start ();
  spin ();
  kts_frequency_table_get_state (frequencies);
  over += stop ("frequencies: count and draw", 500);

  kts_analysis_view_set_page (KTS_ANALYSIS_VIEW (view), "agreement");
  start ();
  spin ();
  g_print ("  (%s)\n", kts_agreement_panel_get_state (agreement));
  over += stop ("agreement: compute and show", 3000);

  kts_analysis_view_set_page (KTS_ANALYSIS_VIEW (view), "sequences");
  start ();
  spin ();
  g_print ("  (%s)\n", kts_sequence_panel_get_state (sequences));
  over += stop ("sequences: first episode", 500);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return over > 0 ? 1 : 0;
}
