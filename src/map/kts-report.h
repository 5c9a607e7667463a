/* kts-report.h: a project report for supervisors as one self-contained,
 * printable HTML file: codebook with counts, coded segments by code, and
 * every episode's process map as inline SVG.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report needs no network and no other file: the style sheet is inline
 * and the maps are inline <svg> elements drawn by the map painter. The same
 * project and options always give the same bytes. See docs/report.md.
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

typedef struct
{
  /* The date on the title page, "YYYY-MM-DD"; NULL = today. Give one for
   * byte-identical output. */
  const char *date;
  /* The "Coded segments by code" section; default TRUE. */
  gboolean segments;
  /* The episodes to include, in this order (KtsEpisode); NULL = all of the
   * project's, in project order. An empty array leaves the section out. */
  GPtrArray *episodes;
  /* Segments listed per code before the rest are left out with a note that
   * says how many; 0 (the default) lists them all. */
  guint max_segments_per_code;
} KtsReportOptions;

void kts_report_options_init (KtsReportOptions *options);

/* Documents that the report quotes (through segments, or through the anchors
 * of the episodes' moves) and that are not marked pseudonymised, in project
 * order; (transfer container), empty when there are none. The report shows a
 * warning banner when this is not empty. */
GPtrArray *kts_report_identifiable_documents (KtsProject *project, const KtsReportOptions *options);

/* The report as UTF-8 HTML; (transfer full). */
GBytes *kts_report_render (KtsProject *project, const KtsReportOptions *options);

/* Writes the report to @path atomically (a failed write leaves @path as it
 * was). Errors are KTS_ERROR_IO. */
gboolean kts_report_export (KtsProject             *project,
                            const KtsReportOptions *options,
                            const char             *path,
                            GError                **error);

G_END_DECLS
