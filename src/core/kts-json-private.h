/* kts-json-private.h: members of the JSON reports (agreement, practice) written one way.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @name: @value rounded to four decimals, or null when it is NaN (undefined). */
void _kts_json_add_number (JsonBuilder *b, const char *name, double value);
/* @name: @value, or null when it is NULL. */
void _kts_json_add_string (JsonBuilder *b, const char *name, const char *value);
void _kts_json_add_int (JsonBuilder *b, const char *name, gint64 value);

G_END_DECLS
