/* kts-move.c: one step of a rupture–repair episode (a node of the process map).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-move"

#include "config.h"

#include "kts-move.h"
#include "kts-enum-types.h"
#include "kts-model-private.h"

enum
{
  STR_IDENT,
  STR_LABEL,
  STR_THIRD_ROLE,
  STR_SESSION_REF,
  STR_QUOTE,
  STR_MEMO,
  STR_ATTRIBUTION_DOUBT,
  N_STRINGS
};

enum
{
  ENUM_ACTOR,
  ENUM_DIMENSION,
  ENUM_PHASE,
  ENUM_ROLE,
  ENUM_TIME_CERTAINTY,
  ENUM_LOCATION,
  ENUM_CHANNEL,
  ENUM_INTERPRETATION,
  ENUM_EXPLICITNESS,
  ENUM_AWARENESS,
  N_ENUMS
};

struct _KtsMove
{
  KtsItem parent_instance;

  char      *strings[N_STRINGS];
  int        enums[N_ENUMS];
  gboolean   has_position;
  double     x;
  double     y;
  GPtrArray *anchors; /* of KtsCoding, owned */
};

G_DEFINE_FINAL_TYPE (KtsMove, kts_move, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  /* strings, in the order of STR_* */
  PROP_IDENT,
  PROP_LABEL,
  PROP_THIRD_ROLE,
  PROP_SESSION_REF,
  PROP_QUOTE,
  PROP_MEMO,
  PROP_ATTRIBUTION_DOUBT,
  /* enums, in the order of ENUM_* */
  PROP_ACTOR,
  PROP_DIMENSION,
  PROP_PHASE,
  PROP_ROLE,
  PROP_TIME_CERTAINTY,
  PROP_LOCATION,
  PROP_CHANNEL,
  PROP_INTERPRETATION,
  PROP_EXPLICITNESS,
  PROP_AWARENESS,
  PROP_HAS_POSITION,
  PROP_X,
  PROP_Y,
  PROP_ANCHORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_move_finalize (GObject *object)
{
  KtsMove *self = KTS_MOVE (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  g_clear_pointer (&self->anchors, g_ptr_array_unref);

  G_OBJECT_CLASS (kts_move_parent_class)->finalize (object);
}

static void
kts_move_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsMove *self = KTS_MOVE (object);

  switch (prop_id)
    {
    case PROP_IDENT ... PROP_ATTRIBUTION_DOUBT:
      g_value_set_string (value, self->strings[prop_id - PROP_IDENT]);
      break;

    case PROP_ACTOR ... PROP_AWARENESS:
      g_value_set_enum (value, self->enums[prop_id - PROP_ACTOR]);
      break;

    case PROP_HAS_POSITION:
      g_value_set_boolean (value, self->has_position);
      break;

    case PROP_X:
      g_value_set_double (value, self->x);
      break;

    case PROP_Y:
      g_value_set_double (value, self->y);
      break;

    case PROP_ANCHORS:
      g_value_set_boxed (value, self->anchors);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_move_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsMove *self = KTS_MOVE (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_IDENT ... PROP_ATTRIBUTION_DOUBT:
      changed = _kts_set_string (&self->strings[prop_id - PROP_IDENT], g_value_get_string (value));
      break;

    case PROP_ACTOR ... PROP_AWARENESS:
      changed = self->enums[prop_id - PROP_ACTOR] != g_value_get_enum (value);
      self->enums[prop_id - PROP_ACTOR] = g_value_get_enum (value);
      break;

    case PROP_HAS_POSITION:
      changed = self->has_position != g_value_get_boolean (value);
      self->has_position = g_value_get_boolean (value);
      break;

    case PROP_X:
      changed = self->x != g_value_get_double (value);
      self->x = g_value_get_double (value);
      break;

    case PROP_Y:
      changed = self->y != g_value_get_double (value);
      self->y = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_move_class_init (KtsMoveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  static const char *const string_names[N_STRINGS] = {
    "ident", "label", "third-role", "session-ref", "quote", "memo", "attribution-doubt",
  };
  static const char *const enum_names[N_ENUMS] = {
    "actor",    "dimension", "phase",          "role",         "time-certainty",
    "location", "channel",   "interpretation", "explicitness", "awareness",
  };
  GType enum_types[N_ENUMS] = {
    KTS_TYPE_ACTOR,          KTS_TYPE_DIMENSION, KTS_TYPE_PHASE,   KTS_TYPE_MOVE_ROLE,
    KTS_TYPE_TIME_CERTAINTY, KTS_TYPE_LOCATION,  KTS_TYPE_CHANNEL, KTS_TYPE_INTERPRETATION,
    KTS_TYPE_EXPLICITNESS,   KTS_TYPE_AWARENESS,
  };

  object_class->finalize = kts_move_finalize;
  object_class->get_property = kts_move_get_property;
  object_class->set_property = kts_move_set_property;

  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_IDENT + i] = g_param_spec_string (string_names[i], NULL, NULL, NULL, rw);
  /* Every enum's first value (0) is its default. */
  for (guint i = 0; i < N_ENUMS; i++)
    properties[PROP_ACTOR + i]
        = g_param_spec_enum (enum_names[i], NULL, NULL, enum_types[i], 0, rw);
  properties[PROP_HAS_POSITION] = g_param_spec_boolean ("has-position", NULL, NULL, FALSE, rw);
  properties[PROP_X] = g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_Y] = g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_ANCHORS]
      = g_param_spec_boxed ("anchors", NULL, NULL, G_TYPE_PTR_ARRAY,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_move_init (KtsMove *self)
{
  self->anchors = g_ptr_array_new_with_free_func (g_object_unref);
}

KtsMove *
kts_move_new (const char *guid, const char *label)
{
  return g_object_new (KTS_TYPE_MOVE, "guid", guid, "label", label, NULL);
}

#define STRING_GETTER(field, INDEX)                                                                \
  const char *kts_move_get_##field (KtsMove *self)                                                 \
  {                                                                                                \
    g_return_val_if_fail (KTS_IS_MOVE (self), NULL);                                               \
    return self->strings[INDEX];                                                                   \
  }

#define ENUM_GETTER(Type, field, INDEX)                                                            \
  Type kts_move_get_##field (KtsMove *self)                                                        \
  {                                                                                                \
    g_return_val_if_fail (KTS_IS_MOVE (self), 0);                                                  \
    return (Type)self->enums[INDEX];                                                               \
  }

/* clang-format off */
STRING_GETTER (ident, STR_IDENT)
STRING_GETTER (label, STR_LABEL)
STRING_GETTER (third_role, STR_THIRD_ROLE)
STRING_GETTER (session_ref, STR_SESSION_REF)
STRING_GETTER (quote, STR_QUOTE)
STRING_GETTER (memo, STR_MEMO)
STRING_GETTER (attribution_doubt, STR_ATTRIBUTION_DOUBT)
ENUM_GETTER (KtsActor, actor, ENUM_ACTOR)
ENUM_GETTER (KtsDimension, dimension, ENUM_DIMENSION)
ENUM_GETTER (KtsPhase, phase, ENUM_PHASE)
ENUM_GETTER (KtsMoveRole, role, ENUM_ROLE)
ENUM_GETTER (KtsTimeCertainty, time_certainty, ENUM_TIME_CERTAINTY)
ENUM_GETTER (KtsLocation, location, ENUM_LOCATION)
ENUM_GETTER (KtsChannel, channel, ENUM_CHANNEL)
ENUM_GETTER (KtsInterpretation, interpretation, ENUM_INTERPRETATION)
ENUM_GETTER (KtsExplicitness, explicitness, ENUM_EXPLICITNESS)
ENUM_GETTER (KtsAwareness, awareness, ENUM_AWARENESS)
/* clang-format on */

gboolean
kts_move_get_position (KtsMove *self, double *x, double *y)
{
  g_return_val_if_fail (KTS_IS_MOVE (self), FALSE);

  if (x != NULL)
    *x = self->x;
  if (y != NULL)
    *y = self->y;
  return self->has_position;
}

GPtrArray *
kts_move_get_anchors (KtsMove *self)
{
  g_return_val_if_fail (KTS_IS_MOVE (self), NULL);
  return self->anchors;
}

char *
kts_move_dup_primary_quote (KtsMove *self)
{
  g_return_val_if_fail (KTS_IS_MOVE (self), NULL);

  if (self->strings[STR_QUOTE] != NULL)
    return g_strdup (self->strings[STR_QUOTE]);
  if (self->anchors->len > 0)
    return kts_coding_dup_text (g_ptr_array_index (self->anchors, 0));
  return NULL;
}

void
_kts_move_set_anchors (KtsMove *self, KtsCoding **anchors, guint n_anchors)
{
  gboolean same;

  g_assert (KTS_IS_MOVE (self));

  same = n_anchors == self->anchors->len;
  for (guint i = 0; same && i < n_anchors; i++)
    same = g_ptr_array_index (self->anchors, i) == anchors[i];
  if (same)
    return;

  g_ptr_array_set_size (self->anchors, 0);
  for (guint i = 0; i < n_anchors; i++)
    g_ptr_array_add (self->anchors, g_object_ref (anchors[i]));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANCHORS]);
}
