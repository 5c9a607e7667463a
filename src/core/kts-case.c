/* kts-case.c: a therapist–client dyad whose episodes are analysed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-case"

#include "config.h"

#include "kts-case.h"
#include "kts-model-private.h"

enum
{
  STR_LABEL,
  STR_THERAPIST_PSEUDONYM,
  STR_THERAPIST_GENDER,
  STR_CLIENT_PSEUDONYM,
  STR_CLIENT_GENDER,
  STR_ORIENTATION,
  STR_SETTING,
  STR_TREATMENT_LENGTH,
  STR_NOTES,
  N_STRINGS
};

struct _KtsCase
{
  KtsItem parent_instance;

  char *strings[N_STRINGS];
  int   therapist_age;
  int   client_age;
};

G_DEFINE_FINAL_TYPE (KtsCase, kts_case, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  /* the string properties, in the order of STR_* */
  PROP_LABEL,
  PROP_THERAPIST_PSEUDONYM,
  PROP_THERAPIST_GENDER,
  PROP_CLIENT_PSEUDONYM,
  PROP_CLIENT_GENDER,
  PROP_ORIENTATION,
  PROP_SETTING,
  PROP_TREATMENT_LENGTH,
  PROP_NOTES,
  PROP_THERAPIST_AGE,
  PROP_CLIENT_AGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_case_finalize (GObject *object)
{
  KtsCase *self = KTS_CASE (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (kts_case_parent_class)->finalize (object);
}

static void
kts_case_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCase *self = KTS_CASE (object);

  switch (prop_id)
    {
    case PROP_LABEL ... PROP_NOTES:
      g_value_set_string (value, self->strings[prop_id - PROP_LABEL]);
      break;

    case PROP_THERAPIST_AGE:
      g_value_set_int (value, self->therapist_age);
      break;

    case PROP_CLIENT_AGE:
      g_value_set_int (value, self->client_age);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_case_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsCase *self = KTS_CASE (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_LABEL ... PROP_NOTES:
      changed = _kts_set_string (&self->strings[prop_id - PROP_LABEL], g_value_get_string (value));
      break;

    case PROP_THERAPIST_AGE:
      changed = self->therapist_age != g_value_get_int (value);
      self->therapist_age = g_value_get_int (value);
      break;

    case PROP_CLIENT_AGE:
      changed = self->client_age != g_value_get_int (value);
      self->client_age = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_case_class_init (KtsCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  static const char *const string_names[N_STRINGS] = {
    "label",         "therapist-pseudonym", "therapist-gender", "client-pseudonym",
    "client-gender", "orientation",         "setting",          "treatment-length",
    "notes",
  };

  object_class->finalize = kts_case_finalize;
  object_class->get_property = kts_case_get_property;
  object_class->set_property = kts_case_set_property;

  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_LABEL + i] = g_param_spec_string (string_names[i], NULL, NULL, NULL, rw);
  properties[PROP_THERAPIST_AGE]
      = g_param_spec_int ("therapist-age", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_CLIENT_AGE] = g_param_spec_int ("client-age", NULL, NULL, 0, G_MAXINT, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_case_init (KtsCase *self)
{
}

KtsCase *
kts_case_new (const char *guid, const char *label)
{
  return g_object_new (KTS_TYPE_CASE, "guid", guid, "label", label, NULL);
}

#define STRING_GETTER(field, INDEX)                                                                \
  const char *kts_case_get_##field (KtsCase *self)                                                 \
  {                                                                                                \
    g_return_val_if_fail (KTS_IS_CASE (self), NULL);                                               \
    return self->strings[INDEX];                                                                   \
  }

/* clang-format off */
STRING_GETTER (label, STR_LABEL)
STRING_GETTER (therapist_pseudonym, STR_THERAPIST_PSEUDONYM)
STRING_GETTER (therapist_gender, STR_THERAPIST_GENDER)
STRING_GETTER (client_pseudonym, STR_CLIENT_PSEUDONYM)
STRING_GETTER (client_gender, STR_CLIENT_GENDER)
STRING_GETTER (orientation, STR_ORIENTATION)
STRING_GETTER (setting, STR_SETTING)
STRING_GETTER (treatment_length, STR_TREATMENT_LENGTH)
STRING_GETTER (notes, STR_NOTES)
/* clang-format on */

int
kts_case_get_therapist_age (KtsCase *self)
{
  g_return_val_if_fail (KTS_IS_CASE (self), 0);
  return self->therapist_age;
}

int
kts_case_get_client_age (KtsCase *self)
{
  g_return_val_if_fail (KTS_IS_CASE (self), 0);
  return self->client_age;
}
