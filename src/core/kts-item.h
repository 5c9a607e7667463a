/* kts-item.h: base class of every identified thing in a project.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A KtsItem has a GUID (lower-case, RFC 4122 form) fixed at construction.
 * Items are plain data holders with GObject properties; the project changes
 * them only through undoable commands (see kts-project.h), so front ends must
 * not call g_object_set() on items of a project directly.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KTS_TYPE_ITEM (kts_item_get_type ())
G_DECLARE_DERIVABLE_TYPE (KtsItem, kts_item, KTS, ITEM, GObject)

struct _KtsItemClass
{
  GObjectClass parent_class;
};

const char *kts_item_get_guid (KtsItem *self);

/* A fresh random GUID, lower-case. */
char *kts_guid_new (void);
/* TRUE if @str is a GUID in 8-4-4-4-12 hex form (either case). */
gboolean kts_guid_is_valid (const char *str);

G_END_DECLS
