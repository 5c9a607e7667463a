/* kts-enums.c: token helpers over the registered enums.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kts-enums.h"
#include "kts-enum-types.h"

const char *
kts_enum_to_nick (GType enum_type, int value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
kts_enum_from_nick (GType enum_type, const char *nick, int *value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  if (value != NULL)
    *value = ev->value;
  return TRUE;
}
