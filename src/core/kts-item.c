/* kts-item.c: base class of every identified thing in a project.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-item"

#include "config.h"

#include <string.h>

#include "kts-item.h"
#include "kts-model-private.h"

typedef struct
{
  char *guid;
} KtsItemPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KtsItem, kts_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_GUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_item_finalize (GObject *object)
{
  KtsItemPrivate *priv = kts_item_get_instance_private (KTS_ITEM (object));

  g_free (priv->guid);

  G_OBJECT_CLASS (kts_item_parent_class)->finalize (object);
}

static void
kts_item_constructed (GObject *object)
{
  KtsItemPrivate *priv = kts_item_get_instance_private (KTS_ITEM (object));

  G_OBJECT_CLASS (kts_item_parent_class)->constructed (object);

  if (priv->guid == NULL)
    priv->guid = kts_guid_new ();
}

static void
kts_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsItemPrivate *priv = kts_item_get_instance_private (KTS_ITEM (object));

  switch (prop_id)
    {
    case PROP_GUID:
      g_value_set_string (value, priv->guid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_item_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsItemPrivate *priv = kts_item_get_instance_private (KTS_ITEM (object));

  switch (prop_id)
    {
    case PROP_GUID:
      g_assert (priv->guid == NULL);
      priv->guid
          = g_ascii_strdown (g_value_get_string (value) ? g_value_get_string (value) : "", -1);
      if (priv->guid[0] == '\0')
        g_clear_pointer (&priv->guid, g_free);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_item_class_init (KtsItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kts_item_finalize;
  object_class->constructed = kts_item_constructed;
  object_class->get_property = kts_item_get_property;
  object_class->set_property = kts_item_set_property;

  properties[PROP_GUID]
      = g_param_spec_string ("guid", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_item_init (KtsItem *self)
{
}

const char *
kts_item_get_guid (KtsItem *self)
{
  KtsItemPrivate *priv;

  g_return_val_if_fail (KTS_IS_ITEM (self), NULL);

  priv = kts_item_get_instance_private (self);
  return priv->guid;
}

char *
kts_guid_new (void)
{
  return g_uuid_string_random ();
}

gboolean
kts_guid_is_valid (const char *str)
{
  static const int dash_at[] = { 8, 13, 18, 23 };
  guint            d = 0;

  if (str == NULL || strlen (str) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      if (d < G_N_ELEMENTS (dash_at) && (int)i == dash_at[d])
        {
          if (str[i] != '-')
            return FALSE;
          d++;
        }
      else if (!g_ascii_isxdigit (str[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
_kts_set_string (char **field, const char *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}
