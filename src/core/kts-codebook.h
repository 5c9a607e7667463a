/* kts-codebook.h: the tree of codes of a project, with lookup indexes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kts-code.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODEBOOK (kts_codebook_get_type ())
G_DECLARE_FINAL_TYPE (KtsCodebook, kts_codebook, KTS, CODEBOOK, GObject)

typedef struct
{
  int   version;
  char *date; /* ISO 8601 date, "2026-11-22" */
  char *text;
} KtsChangelogEntry;

/*
 * Properties: name (string), version (int, >= 1), n-codes (uint, read-only).
 * Signal "changed": emitted after any code was added, removed, moved or edited.
 */

KtsCodebook *kts_codebook_new (void);

const char *kts_codebook_get_name (KtsCodebook *self);
int         kts_codebook_get_version (KtsCodebook *self);
/* Top-level codes, a live GListModel of KtsCode. */
GListModel *kts_codebook_get_roots (KtsCodebook *self);
guint       kts_codebook_get_n_codes (KtsCodebook *self);

KtsCode *kts_codebook_lookup_guid (KtsCodebook *self, const char *guid);
KtsCode *kts_codebook_lookup_key (KtsCodebook *self, const char *key);
/* Finds a code by guid, key or unique name, in that order. Sets @error with
 * KTS_ERROR_NOT_FOUND, or KTS_ERROR_INVALID_ARGUMENT when a name is ambiguous. */
KtsCode *kts_codebook_resolve (KtsCodebook *self, const char *guid_key_or_name, GError **error);
KtsCode *kts_codebook_lookup_shortcut (KtsCodebook *self, int digit);
/* Every code in depth-first pre-order, (transfer container) of KtsCode. */
GPtrArray *kts_codebook_list_codes (KtsCodebook *self);

/* Changelog, oldest first; (transfer none). */
const GPtrArray *kts_codebook_get_changelog (KtsCodebook *self);

G_END_DECLS
