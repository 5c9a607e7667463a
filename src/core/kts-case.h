/* kts-case.h: a therapist–client dyad whose episodes are analysed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-item.h"

G_BEGIN_DECLS

#define KTS_TYPE_CASE (kts_case_get_type ())
G_DECLARE_FINAL_TYPE (KtsCase, kts_case, KTS, CASE, KtsItem)

/*
 * Properties (strings unless said otherwise; all writable but guid):
 *   guid, label (the case id, e.g. "a"),
 *   therapist-pseudonym, therapist-age (int, 0 = unknown), therapist-gender,
 *   client-pseudonym, client-age (int, 0 = unknown), client-gender,
 *   orientation, setting, treatment-length, notes
 */

KtsCase    *kts_case_new (const char *guid, const char *label);
const char *kts_case_get_label (KtsCase *self);
const char *kts_case_get_therapist_pseudonym (KtsCase *self);
int         kts_case_get_therapist_age (KtsCase *self);
const char *kts_case_get_therapist_gender (KtsCase *self);
const char *kts_case_get_client_pseudonym (KtsCase *self);
int         kts_case_get_client_age (KtsCase *self);
const char *kts_case_get_client_gender (KtsCase *self);
const char *kts_case_get_orientation (KtsCase *self);
const char *kts_case_get_setting (KtsCase *self);
const char *kts_case_get_treatment_length (KtsCase *self);
const char *kts_case_get_notes (KtsCase *self);

G_END_DECLS
