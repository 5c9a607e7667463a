/* kts-project-private.h: the project's bookkeeping, used by its commands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-project.h"

G_BEGIN_DECLS

/* The lists of a project that commands insert into and remove from. */
typedef enum
{
  KTS_LIST_DOCUMENTS,     /* owner: NULL */
  KTS_LIST_CODERS,        /* owner: NULL */
  KTS_LIST_CASES,         /* owner: NULL */
  KTS_LIST_EPISODES,      /* owner: NULL */
  KTS_LIST_CODES,         /* owner: the parent code, NULL for the roots */
  KTS_LIST_CODINGS,       /* owner: the document; the store is kept sorted */
  KTS_LIST_MOVES,         /* owner: the episode */
  KTS_LIST_EDGES,         /* owner: the episode */
  KTS_LIST_PRACTICE_SETS, /* owner: NULL */
} KtsListKind;

GListStore *_kts_project_get_store (KtsProject *self, KtsListKind kind, gpointer owner);
/* Inserts @item into its list at @position and indexes it (and everything
 * it contains): guid index, codebook index, coding counts. */
void _kts_project_attach (
    KtsProject *self, KtsListKind kind, gpointer owner, gpointer item, guint position);
/* The reverse of _kts_project_attach(); emits "item-removed". */
void _kts_project_detach (
    KtsProject *self, KtsListKind kind, gpointer owner, gpointer item, guint position);
/* Bookkeeping after property @pspec of @object changed from @previous
 * (codebook key index, coding counts, the codebook's "changed"). */
void _kts_project_property_changed (KtsProject   *self,
                                    GObject      *object,
                                    GParamSpec   *pspec,
                                    const GValue *previous);
/* Number of entries of the guid index (for consistency checks in tests). */
guint _kts_project_get_n_indexed (KtsProject *self);

G_END_DECLS
