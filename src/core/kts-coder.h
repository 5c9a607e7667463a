/* kts-coder.h: a person who codes (analyst, student, reference).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-item.h"

G_BEGIN_DECLS

#define KTS_TYPE_CODER (kts_coder_get_type ())
G_DECLARE_FINAL_TYPE (KtsCoder, kts_coder, KTS, CODER, KtsItem)

/* Properties: guid (construct-only), name (string), initials (string). */

KtsCoder   *kts_coder_new (const char *guid, const char *name);
const char *kts_coder_get_name (KtsCoder *self);
const char *kts_coder_get_initials (KtsCoder *self);

G_END_DECLS
