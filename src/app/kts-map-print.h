/* kts-map-print.h: printing a process map through GtkPrintOperation with the poster code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kts-core.h"
#include "kts-map-layout.h"

G_BEGIN_DECLS

typedef enum
{
  /* The poster laid out for the printer's paper: rows of the map on as many
   * pages as it needs, text at that paper's legible minimum. */
  KTS_MAP_PRINT_FIT_PAPER,
  /* The whole figure (title, map, legend) shrunk onto one page. */
  KTS_MAP_PRINT_ONE_PAGE,
  /* A poster of a larger paper (A1 by default) cut into pieces the size of
   * the printer's paper, with crop marks, overlap and labels. */
  KTS_MAP_PRINT_TILE,
} KtsMapPrintMode;

#define KTS_TYPE_MAP_PRINT (kts_map_print_get_type ())
G_DECLARE_FINAL_TYPE (KtsMapPrint, kts_map_print, KTS, MAP_PRINT, GtkPrintOperation)

/*
 * A print operation for one episode. The print dialog gets a "Process Map"
 * tab to choose the mode (and the poster paper for tiling); print preview
 * and "Print to File" work as for any GtkPrintOperation. Pages are drawn on
 * the full paper (use-full-page), as the PDF export draws them.
 */
KtsMapPrint    *kts_map_print_new (KtsEpisode       *episode,
                                   KtsMapArrangement arrangement,
                                   const char       *codebook_version);
void            kts_map_print_set_mode (KtsMapPrint *self, KtsMapPrintMode mode);
KtsMapPrintMode kts_map_print_get_mode (KtsMapPrint *self);
/* The poster paper for KTS_MAP_PRINT_TILE: a name of kts_poster_parse_paper(),
 * printed landscape. */
void kts_map_print_set_poster_paper (KtsMapPrint *self, const char *paper);

G_END_DECLS
