/* kts-episode.c: one rupture-and-repair episode, its moves and edges.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-episode"

#include "config.h"

#include "kts-episode.h"
#include "kts-enum-types.h"
#include "kts-model-private.h"

enum
{
  STR_NAME,
  STR_RUPTURE_TYPES,
  STR_TEMPORAL_PATTERN,
  STR_COURSE,
  STR_INTENSITY,
  STR_ALLIANCE_COMPONENT,
  STR_REPAIR_MODE,
  STR_DETECTED_BY,
  STR_THEMES,
  STR_PATTERN_FORMULA,
  N_STRINGS
};

struct _KtsEpisode
{
  KtsItem parent_instance;

  char            *strings[N_STRINGS];
  KtsCase         *kase;
  KtsDocument     *document;
  guint            start;
  guint            end;
  KtsInitiator     initiator;
  KtsResolution    resolution;
  KtsEpisodeStatus status;
  GListStore      *moves;
  GListStore      *edges;
};

G_DEFINE_FINAL_TYPE (KtsEpisode, kts_episode, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  /* strings, in the order of STR_* */
  PROP_NAME,
  PROP_RUPTURE_TYPES,
  PROP_TEMPORAL_PATTERN,
  PROP_COURSE,
  PROP_INTENSITY,
  PROP_ALLIANCE_COMPONENT,
  PROP_REPAIR_MODE,
  PROP_DETECTED_BY,
  PROP_THEMES,
  PROP_PATTERN_FORMULA,
  PROP_CASE,
  PROP_DOCUMENT,
  PROP_START,
  PROP_END,
  PROP_INITIATOR,
  PROP_RESOLUTION,
  PROP_STATUS,
  PROP_MOVES,
  PROP_EDGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_episode_dispose (GObject *object)
{
  KtsEpisode *self = KTS_EPISODE (object);

  g_clear_object (&self->kase);
  g_clear_object (&self->document);
  g_list_store_remove_all (self->edges);
  g_list_store_remove_all (self->moves);

  G_OBJECT_CLASS (kts_episode_parent_class)->dispose (object);
}

static void
kts_episode_finalize (GObject *object)
{
  KtsEpisode *self = KTS_EPISODE (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  g_clear_object (&self->moves);
  g_clear_object (&self->edges);

  G_OBJECT_CLASS (kts_episode_parent_class)->finalize (object);
}

static void
kts_episode_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsEpisode *self = KTS_EPISODE (object);

  switch (prop_id)
    {
    case PROP_NAME ... PROP_PATTERN_FORMULA:
      g_value_set_string (value, self->strings[prop_id - PROP_NAME]);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_INITIATOR:
      g_value_set_enum (value, self->initiator);
      break;

    case PROP_RESOLUTION:
      g_value_set_enum (value, self->resolution);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_MOVES:
      g_value_set_object (value, self->moves);
      break;

    case PROP_EDGES:
      g_value_set_object (value, self->edges);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_episode_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsEpisode *self = KTS_EPISODE (object);
  gboolean    changed = FALSE;

  switch (prop_id)
    {
    case PROP_NAME ... PROP_PATTERN_FORMULA:
      changed = _kts_set_string (&self->strings[prop_id - PROP_NAME], g_value_get_string (value));
      break;

    case PROP_CASE:
      changed = g_set_object (&self->kase, g_value_get_object (value));
      break;

    case PROP_DOCUMENT:
      changed = g_set_object (&self->document, g_value_get_object (value));
      break;

    case PROP_START:
      changed = self->start != g_value_get_uint (value);
      self->start = g_value_get_uint (value);
      break;

    case PROP_END:
      changed = self->end != g_value_get_uint (value);
      self->end = g_value_get_uint (value);
      break;

    case PROP_INITIATOR:
      changed = self->initiator != (KtsInitiator)g_value_get_enum (value);
      self->initiator = g_value_get_enum (value);
      break;

    case PROP_RESOLUTION:
      changed = self->resolution != (KtsResolution)g_value_get_enum (value);
      self->resolution = g_value_get_enum (value);
      break;

    case PROP_STATUS:
      changed = self->status != (KtsEpisodeStatus)g_value_get_enum (value);
      self->status = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_episode_class_init (KtsEpisodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const char *const string_names[N_STRINGS] = {
    "name",      "rupture-types",      "temporal-pattern", "course",
    "intensity", "alliance-component", "repair-mode",      "detected-by",
    "themes",    "pattern-formula",
  };

  object_class->dispose = kts_episode_dispose;
  object_class->finalize = kts_episode_finalize;
  object_class->get_property = kts_episode_get_property;
  object_class->set_property = kts_episode_set_property;

  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_NAME + i] = g_param_spec_string (string_names[i], NULL, NULL, NULL, rw);
  properties[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, KTS_TYPE_CASE, rw);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KTS_TYPE_DOCUMENT, rw);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_INITIATOR]
      = g_param_spec_enum ("initiator", NULL, NULL, KTS_TYPE_INITIATOR, KTS_INITIATOR_UNSET, rw);
  properties[PROP_RESOLUTION] = g_param_spec_enum ("resolution", NULL, NULL, KTS_TYPE_RESOLUTION,
                                                   KTS_RESOLUTION_UNKNOWN, rw);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, KTS_TYPE_EPISODE_STATUS,
                                               KTS_EPISODE_STATUS_DRAFT, rw);
  properties[PROP_MOVES] = g_param_spec_object ("moves", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_EDGES] = g_param_spec_object ("edges", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_episode_init (KtsEpisode *self)
{
  self->moves = g_list_store_new (KTS_TYPE_MOVE);
  self->edges = g_list_store_new (KTS_TYPE_EDGE);
}

KtsEpisode *
kts_episode_new (const char *guid, const char *name)
{
  return g_object_new (KTS_TYPE_EPISODE, "guid", guid, "name", name, NULL);
}

#define STRING_GETTER(field, INDEX)                                                                \
  const char *kts_episode_get_##field (KtsEpisode *self)                                           \
  {                                                                                                \
    g_return_val_if_fail (KTS_IS_EPISODE (self), NULL);                                            \
    return self->strings[INDEX];                                                                   \
  }

/* clang-format off */
STRING_GETTER (name, STR_NAME)
STRING_GETTER (rupture_types, STR_RUPTURE_TYPES)
STRING_GETTER (temporal_pattern, STR_TEMPORAL_PATTERN)
STRING_GETTER (course, STR_COURSE)
STRING_GETTER (intensity, STR_INTENSITY)
STRING_GETTER (alliance_component, STR_ALLIANCE_COMPONENT)
STRING_GETTER (repair_mode, STR_REPAIR_MODE)
STRING_GETTER (detected_by, STR_DETECTED_BY)
STRING_GETTER (themes, STR_THEMES)
STRING_GETTER (pattern_formula, STR_PATTERN_FORMULA)
/* clang-format on */

KtsCase *
kts_episode_get_case (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), NULL);
  return self->kase;
}

KtsDocument *
kts_episode_get_document (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), NULL);
  return self->document;
}

guint
kts_episode_get_start (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), 0);
  return self->start;
}

guint
kts_episode_get_end (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), 0);
  return self->end;
}

KtsInitiator
kts_episode_get_initiator (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), KTS_INITIATOR_UNSET);
  return self->initiator;
}

KtsResolution
kts_episode_get_resolution (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), KTS_RESOLUTION_UNKNOWN);
  return self->resolution;
}

KtsEpisodeStatus
kts_episode_get_status (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), KTS_EPISODE_STATUS_DRAFT);
  return self->status;
}

GListModel *
kts_episode_get_moves (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), NULL);
  return G_LIST_MODEL (self->moves);
}

GListModel *
kts_episode_get_edges (KtsEpisode *self)
{
  g_return_val_if_fail (KTS_IS_EPISODE (self), NULL);
  return G_LIST_MODEL (self->edges);
}

KtsMove *
kts_episode_lookup_move (KtsEpisode *self, const char *guid)
{
  guint n;

  g_return_val_if_fail (KTS_IS_EPISODE (self), NULL);

  if (guid == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->moves));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (G_LIST_MODEL (self->moves), i);

      if (g_ascii_strcasecmp (kts_item_get_guid (KTS_ITEM (move)), guid) == 0)
        return move;
    }
  return NULL;
}

GListStore *
_kts_episode_get_moves_store (KtsEpisode *self)
{
  g_assert (KTS_IS_EPISODE (self));
  return self->moves;
}

GListStore *
_kts_episode_get_edges_store (KtsEpisode *self)
{
  g_assert (KTS_IS_EPISODE (self));
  return self->edges;
}
