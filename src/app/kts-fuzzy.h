/* kts-fuzzy.h: fuzzy (subsequence) matching for the quick-code search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Scores how well @pattern matches @candidate as a case-insensitive
 * subsequence. Returns -1 when it does not match; otherwise a score where
 * higher is better: matches at the start, at word starts ("SD.autonomy",
 * "Self-definition") and in consecutive runs score more, and shorter
 * candidates win ties. An empty pattern matches everything with score 0. */
int kts_fuzzy_score (const char *pattern, const char *candidate);

G_END_DECLS
