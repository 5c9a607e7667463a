/* kts-coder.c: a person who codes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-coder"

#include "config.h"

#include "kts-coder.h"
#include "kts-model-private.h"

struct _KtsCoder
{
  KtsItem parent_instance;

  char *name;
  char *initials;
};

G_DEFINE_FINAL_TYPE (KtsCoder, kts_coder, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_INITIALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_coder_finalize (GObject *object)
{
  KtsCoder *self = KTS_CODER (object);

  g_free (self->name);
  g_free (self->initials);

  G_OBJECT_CLASS (kts_coder_parent_class)->finalize (object);
}

static void
kts_coder_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCoder *self = KTS_CODER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_INITIALS:
      g_value_set_string (value, self->initials);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_coder_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsCoder *self = KTS_CODER (object);
  gboolean  changed = FALSE;

  switch (prop_id)
    {
    case PROP_NAME:
      changed = _kts_set_string (&self->name, g_value_get_string (value));
      break;

    case PROP_INITIALS:
      changed = _kts_set_string (&self->initials, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_coder_class_init (KtsCoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = kts_coder_finalize;
  object_class->get_property = kts_coder_get_property;
  object_class->set_property = kts_coder_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_INITIALS] = g_param_spec_string ("initials", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_coder_init (KtsCoder *self)
{
}

KtsCoder *
kts_coder_new (const char *guid, const char *name)
{
  return g_object_new (KTS_TYPE_CODER, "guid", guid, "name", name, NULL);
}

const char *
kts_coder_get_name (KtsCoder *self)
{
  g_return_val_if_fail (KTS_IS_CODER (self), NULL);
  return self->name;
}

const char *
kts_coder_get_initials (KtsCoder *self)
{
  g_return_val_if_fail (KTS_IS_CODER (self), NULL);
  return self->initials;
}
