/* kts-edge.c: a typed link between two moves of an episode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-edge"

#include "config.h"

#include "kts-edge.h"
#include "kts-enum-types.h"
#include "kts-model-private.h"

struct _KtsEdge
{
  KtsItem parent_instance;

  KtsEdgeType type;
  KtsMove    *source;
  KtsMove    *target;
  int         count;
  char       *label;
};

G_DEFINE_FINAL_TYPE (KtsEdge, kts_edge, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  PROP_EDGE_TYPE,
  PROP_SOURCE,
  PROP_TARGET,
  PROP_COUNT,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_edge_finalize (GObject *object)
{
  KtsEdge *self = KTS_EDGE (object);

  g_clear_object (&self->source);
  g_clear_object (&self->target);
  g_free (self->label);

  G_OBJECT_CLASS (kts_edge_parent_class)->finalize (object);
}

static void
kts_edge_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsEdge *self = KTS_EDGE (object);

  switch (prop_id)
    {
    case PROP_EDGE_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;

    case PROP_COUNT:
      g_value_set_int (value, self->count);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_edge_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsEdge *self = KTS_EDGE (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_EDGE_TYPE:
      changed = self->type != (KtsEdgeType)g_value_get_enum (value);
      self->type = g_value_get_enum (value);
      break;

    case PROP_SOURCE:
      g_assert (self->source == NULL);
      self->source = g_value_dup_object (value);
      break;

    case PROP_TARGET:
      g_assert (self->target == NULL);
      self->target = g_value_dup_object (value);
      break;

    case PROP_COUNT:
      changed = self->count != g_value_get_int (value);
      self->count = g_value_get_int (value);
      break;

    case PROP_LABEL:
      changed = _kts_set_string (&self->label, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_edge_class_init (KtsEdgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kts_edge_finalize;
  object_class->get_property = kts_edge_get_property;
  object_class->set_property = kts_edge_set_property;

  properties[PROP_EDGE_TYPE]
      = g_param_spec_enum ("edge-type", NULL, NULL, KTS_TYPE_EDGE_TYPE, KTS_EDGE_NEXT, rw);
  properties[PROP_SOURCE] = g_param_spec_object ("source", NULL, NULL, KTS_TYPE_MOVE, co);
  properties[PROP_TARGET] = g_param_spec_object ("target", NULL, NULL, KTS_TYPE_MOVE, co);
  properties[PROP_COUNT] = g_param_spec_int ("count", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_edge_init (KtsEdge *self)
{
}

KtsEdge *
kts_edge_new (const char *guid, KtsEdgeType type, KtsMove *source, KtsMove *target)
{
  g_return_val_if_fail (KTS_IS_MOVE (source), NULL);
  g_return_val_if_fail (KTS_IS_MOVE (target), NULL);

  return g_object_new (KTS_TYPE_EDGE, "guid", guid, "edge-type", type, "source", source, "target",
                       target, NULL);
}

KtsEdgeType
kts_edge_get_edge_type (KtsEdge *self)
{
  g_return_val_if_fail (KTS_IS_EDGE (self), KTS_EDGE_NEXT);
  return self->type;
}

KtsMove *
kts_edge_get_source (KtsEdge *self)
{
  g_return_val_if_fail (KTS_IS_EDGE (self), NULL);
  return self->source;
}

KtsMove *
kts_edge_get_target (KtsEdge *self)
{
  g_return_val_if_fail (KTS_IS_EDGE (self), NULL);
  return self->target;
}

int
kts_edge_get_count (KtsEdge *self)
{
  g_return_val_if_fail (KTS_IS_EDGE (self), 0);
  return self->count;
}

const char *
kts_edge_get_label (KtsEdge *self)
{
  g_return_val_if_fail (KTS_IS_EDGE (self), NULL);
  return self->label;
}
