/* kts-bench-project.h: a large, realistic project for the benchmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n_documents;  /* transcripts */
  guint   n_characters; /* about this many code points each */
  guint   n_codes;      /* codes in the codebook */
  guint   n_codings;    /* over all transcripts */
  guint   n_episodes;
  guint32 seed;
} KtsBenchSize;

#define KTS_BENCH_SIZE_DEFAULT                                                                     \
  {                                                                                                \
    200, 60000, 200, 50000, 20, 20261122                                                           \
  }

/* Builds the project; the same size and seed give the same content (but
 * fresh guids). */
KtsProject *kts_bench_make_project (const KtsBenchSize *size);

G_END_DECLS
