/* kts-codebook-guide.h: the training material around the codebook: contrast
 * cards for easily confused codes and the crosswalk between stage models.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char      *label;  /* what this side is */
  GPtrArray *keys;   /* char*: code keys; several = a co-coding */
  GPtrArray *actors; /* char* or NULL per key: who acts, where it matters */
  GPtrArray *veils;  /* char* or NULL per key: the REL key a veiled-relatedness code names */
  char      *cue;
  char      *example;
} KtsContrastSide;

typedef struct
{
  char      *id;
  char      *title;
  char      *tell_apart;
  GPtrArray *rules; /* char* */
  GPtrArray *sides; /* KtsContrastSide* */
} KtsContrastCard;

typedef struct
{
  char *id; /* "4S", "6S", "8S", "JSR", "other" */
  char *name;
  char *heading;
} KtsStageModel;

typedef struct
{
  char      *as_given; /* the brief's wording; NULL for an empty cell */
  GPtrArray *keys;     /* char* */
  GPtrArray *within;   /* GINT_TO_POINTER (TRUE) where the function is part of that stage */
  GPtrArray *texts;    /* char*: free text that is not a key */
} KtsCrosswalkCell;

typedef struct
{
  char             *function;
  KtsCrosswalkCell *cells; /* one per model, in model order */
  guint             n_cells;
} KtsCrosswalkRow;

typedef struct
{
  char      *name;
  GPtrArray *models; /* KtsStageModel* */
  GPtrArray *rows;   /* KtsCrosswalkRow* */
} KtsCrosswalk;

typedef struct
{
  GPtrArray    *cards; /* KtsContrastCard* */
  KtsCrosswalk *crosswalk;
} KtsCodebookGuide;

void kts_codebook_guide_free (KtsCodebookGuide *guide);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsCodebookGuide, kts_codebook_guide_free)

/* The guide shipped with the default codebook (from the core's resources). */
KtsCodebookGuide *kts_codebook_guide_load_default (GError **error);
/* From the bytes of a contrast-cards file and a crosswalk file. */
KtsCodebookGuide *kts_codebook_guide_load (GBytes *cards, GBytes *crosswalk, GError **error);
/* The cards that contrast @key (transfer container, of KtsContrastCard). */
GPtrArray *kts_codebook_guide_cards_for (KtsCodebookGuide *guide, const char *key);

G_END_DECLS
