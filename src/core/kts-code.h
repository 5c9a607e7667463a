/* kts-code.h: one code of a codebook (a node of the code tree).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kts-item.h"
#include "kts-enums.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODE (kts_code_get_type ())
G_DECLARE_FINAL_TYPE (KtsCode, kts_code, KTS, CODE, KtsItem)

/*
 * Properties (all readable; all but "guid", "parent" and "children" writable
 * through kts_project_set_property()):
 *   guid        string   construct-only
 *   key         string   short machine identifier, e.g. "SD.autonomy"; may be NULL
 *   name        string   label shown to users, never empty
 *   color       string   "#rrggbb"
 *   definition, example, include, exclude, notes, source, basis, maps-to,
 *   unit        string   description fields; NULL when absent
 *   dimension   KtsDimension
 *   maturity    KtsMaturity
 *   blatt-rank  int      0 = none
 *   family      string   e.g. "blatt", "rupture-marker", "landmark", "repair",
 *                        "strategy", "metacommunication", "theme", "review",
 *                        "reference"; NULL when absent
 *   codable     gboolean whether the code can be applied to text
 *   shortcut    int      0 = none, 1–9 = digit key
 *   parent      KtsCode  NULL for a top-level code (read-only)
 *   children    GListModel of KtsCode (read-only, live)
 */

KtsCode *kts_code_new (const char *guid, const char *name);

const char  *kts_code_get_key (KtsCode *self);
const char  *kts_code_get_name (KtsCode *self);
const char  *kts_code_get_color (KtsCode *self);
const char  *kts_code_get_definition (KtsCode *self);
const char  *kts_code_get_example (KtsCode *self);
const char  *kts_code_get_include (KtsCode *self);
const char  *kts_code_get_exclude (KtsCode *self);
const char  *kts_code_get_notes (KtsCode *self);
const char  *kts_code_get_source (KtsCode *self);
const char  *kts_code_get_basis (KtsCode *self);
const char  *kts_code_get_maps_to (KtsCode *self);
const char  *kts_code_get_unit (KtsCode *self);
const char  *kts_code_get_family (KtsCode *self);
KtsDimension kts_code_get_dimension (KtsCode *self);
KtsMaturity  kts_code_get_maturity (KtsCode *self);
int          kts_code_get_blatt_rank (KtsCode *self);
gboolean     kts_code_get_codable (KtsCode *self);
int          kts_code_get_shortcut (KtsCode *self);
KtsCode     *kts_code_get_parent (KtsCode *self);
GListModel  *kts_code_get_children (KtsCode *self);
/* "SD.autonomy" when the code has a key, else its name. */
const char *kts_code_get_display_key (KtsCode *self);
/* Depth in the tree: 0 for a top-level code. */
guint kts_code_get_depth (KtsCode *self);
/* TRUE if @ancestor is @self or one of its ancestors. */
gboolean kts_code_is_descendant_of (KtsCode *self, KtsCode *ancestor);
/* TRUE for a code of a theory layer that bracketing hides until step 5
 * (brief 0.5): Blatt's self-definition and relatedness codes and the themes.
 * That is a code which, or an ancestor of which, has the family "blatt" or
 * "theme", a key in the SD, REL or KS layer ("SD", "SD.…"), or a dimension. */
gboolean kts_code_is_theory_layer (KtsCode *self);

G_END_DECLS
