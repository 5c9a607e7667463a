/* kts-code.c: one code of a codebook (a node of the code tree).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-code"

#include "config.h"

#include <string.h>

#include "kts-code.h"
#include "kts-enum-types.h"
#include "kts-model-private.h"

/* The string properties, in the order of their property ids. */
enum
{
  STR_KEY,
  STR_NAME,
  STR_COLOR,
  STR_DEFINITION,
  STR_EXAMPLE,
  STR_INCLUDE,
  STR_EXCLUDE,
  STR_NOTES,
  STR_SOURCE,
  STR_BASIS,
  STR_MAPS_TO,
  STR_UNIT,
  STR_FAMILY,
  N_STRINGS
};

struct _KtsCode
{
  KtsItem parent_instance;

  char        *strings[N_STRINGS];
  KtsDimension dimension;
  KtsMaturity  maturity;
  int          blatt_rank;
  gboolean     codable;
  int          shortcut;

  KtsCode    *parent; /* not owned: the parent owns its children */
  GListStore *children;
};

G_DEFINE_FINAL_TYPE (KtsCode, kts_code, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_COLOR,
  PROP_DEFINITION,
  PROP_EXAMPLE,
  PROP_INCLUDE,
  PROP_EXCLUDE,
  PROP_NOTES,
  PROP_SOURCE,
  PROP_BASIS,
  PROP_MAPS_TO,
  PROP_UNIT,
  PROP_FAMILY,
  PROP_DIMENSION,
  PROP_MATURITY,
  PROP_BLATT_RANK,
  PROP_CODABLE,
  PROP_SHORTCUT,
  PROP_PARENT,
  PROP_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_code_dispose (GObject *object)
{
  KtsCode *self = KTS_CODE (object);
  guint    n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

  /* Children that outlive us must not point at a dead parent. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      child->parent = NULL;
    }
  g_list_store_remove_all (self->children);

  G_OBJECT_CLASS (kts_code_parent_class)->dispose (object);
}

static void
kts_code_finalize (GObject *object)
{
  KtsCode *self = KTS_CODE (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (kts_code_parent_class)->finalize (object);
}

static void
kts_code_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCode *self = KTS_CODE (object);

  switch (prop_id)
    {
    case PROP_KEY ... PROP_FAMILY:
      g_value_set_string (value, self->strings[prop_id - PROP_KEY]);
      break;

    case PROP_DIMENSION:
      g_value_set_enum (value, self->dimension);
      break;

    case PROP_MATURITY:
      g_value_set_enum (value, self->maturity);
      break;

    case PROP_BLATT_RANK:
      g_value_set_int (value, self->blatt_rank);
      break;

    case PROP_CODABLE:
      g_value_set_boolean (value, self->codable);
      break;

    case PROP_SHORTCUT:
      g_value_set_int (value, self->shortcut);
      break;

    case PROP_PARENT:
      g_value_set_object (value, self->parent);
      break;

    case PROP_CHILDREN:
      g_value_set_object (value, self->children);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_code_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsCode *self = KTS_CODE (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_KEY ... PROP_FAMILY:
      changed = _kts_set_string (&self->strings[prop_id - PROP_KEY], g_value_get_string (value));
      break;

    case PROP_DIMENSION:
      changed = self->dimension != (KtsDimension)g_value_get_enum (value);
      self->dimension = g_value_get_enum (value);
      break;

    case PROP_MATURITY:
      changed = self->maturity != (KtsMaturity)g_value_get_enum (value);
      self->maturity = g_value_get_enum (value);
      break;

    case PROP_BLATT_RANK:
      changed = self->blatt_rank != g_value_get_int (value);
      self->blatt_rank = g_value_get_int (value);
      break;

    case PROP_CODABLE:
      changed = self->codable != g_value_get_boolean (value);
      self->codable = g_value_get_boolean (value);
      break;

    case PROP_SHORTCUT:
      changed = self->shortcut != g_value_get_int (value);
      self->shortcut = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_code_class_init (KtsCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  static const char *const string_names[N_STRINGS] = {
    "key",   "name",   "color", "definition", "example", "include", "exclude",
    "notes", "source", "basis", "maps-to",    "unit",    "family",
  };

  object_class->dispose = kts_code_dispose;
  object_class->finalize = kts_code_finalize;
  object_class->get_property = kts_code_get_property;
  object_class->set_property = kts_code_set_property;

  for (guint i = 0; i < N_STRINGS; i++)
    properties[PROP_KEY + i] = g_param_spec_string (string_names[i], NULL, NULL, NULL, rw);

  properties[PROP_DIMENSION]
      = g_param_spec_enum ("dimension", NULL, NULL, KTS_TYPE_DIMENSION, KTS_DIMENSION_NONE, rw);
  properties[PROP_MATURITY]
      = g_param_spec_enum ("maturity", NULL, NULL, KTS_TYPE_MATURITY, KTS_MATURITY_UNSET, rw);
  properties[PROP_BLATT_RANK] = g_param_spec_int ("blatt-rank", NULL, NULL, 0, G_MAXINT, 0, rw);
  properties[PROP_CODABLE] = g_param_spec_boolean ("codable", NULL, NULL, TRUE, rw);
  properties[PROP_SHORTCUT] = g_param_spec_int ("shortcut", NULL, NULL, 0, 9, 0, rw);
  properties[PROP_PARENT] = g_param_spec_object ("parent", NULL, NULL, KTS_TYPE_CODE, ro);
  properties[PROP_CHILDREN] = g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_code_init (KtsCode *self)
{
  self->codable = TRUE;
  self->children = g_list_store_new (KTS_TYPE_CODE);
}

KtsCode *
kts_code_new (const char *guid, const char *name)
{
  return g_object_new (KTS_TYPE_CODE, "guid", guid, "name", name, NULL);
}

#define STRING_GETTER(field, INDEX)                                                                \
  const char *kts_code_get_##field (KtsCode *self)                                                 \
  {                                                                                                \
    g_return_val_if_fail (KTS_IS_CODE (self), NULL);                                               \
    return self->strings[INDEX];                                                                   \
  }

/* clang-format off */
STRING_GETTER (key, STR_KEY)
STRING_GETTER (name, STR_NAME)
STRING_GETTER (color, STR_COLOR)
STRING_GETTER (definition, STR_DEFINITION)
STRING_GETTER (example, STR_EXAMPLE)
STRING_GETTER (include, STR_INCLUDE)
STRING_GETTER (exclude, STR_EXCLUDE)
STRING_GETTER (notes, STR_NOTES)
STRING_GETTER (source, STR_SOURCE)
STRING_GETTER (basis, STR_BASIS)
STRING_GETTER (maps_to, STR_MAPS_TO)
STRING_GETTER (unit, STR_UNIT)
STRING_GETTER (family, STR_FAMILY)
/* clang-format on */

KtsDimension
kts_code_get_dimension (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), KTS_DIMENSION_NONE);
  return self->dimension;
}

KtsMaturity
kts_code_get_maturity (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), KTS_MATURITY_UNSET);
  return self->maturity;
}

int
kts_code_get_blatt_rank (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), 0);
  return self->blatt_rank;
}

gboolean
kts_code_get_codable (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), FALSE);
  return self->codable;
}

int
kts_code_get_shortcut (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), 0);
  return self->shortcut;
}

KtsCode *
kts_code_get_parent (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), NULL);
  return self->parent;
}

GListModel *
kts_code_get_children (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), NULL);
  return G_LIST_MODEL (self->children);
}

const char *
kts_code_get_display_key (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), NULL);

  if (self->strings[STR_KEY] != NULL)
    return self->strings[STR_KEY];
  return self->strings[STR_NAME] != NULL ? self->strings[STR_NAME] : "";
}

guint
kts_code_get_depth (KtsCode *self)
{
  guint depth = 0;

  g_return_val_if_fail (KTS_IS_CODE (self), 0);

  for (KtsCode *c = self->parent; c != NULL; c = c->parent)
    depth++;
  return depth;
}

gboolean
kts_code_is_descendant_of (KtsCode *self, KtsCode *ancestor)
{
  g_return_val_if_fail (KTS_IS_CODE (self), FALSE);
  g_return_val_if_fail (ancestor == NULL || KTS_IS_CODE (ancestor), FALSE);

  if (ancestor == NULL)
    return FALSE;

  for (KtsCode *c = self; c != NULL; c = c->parent)
    if (c == ancestor)
      return TRUE;
  return FALSE;
}

static gboolean
key_in_layer (const char *key, const char *prefix)
{
  gsize n = strlen (prefix);

  return key != NULL && strncmp (key, prefix, n) == 0 && (key[n] == '\0' || key[n] == '.');
}

gboolean
kts_code_is_theory_layer (KtsCode *self)
{
  g_return_val_if_fail (KTS_IS_CODE (self), FALSE);

  for (KtsCode *c = self; c != NULL; c = c->parent)
    {
      if (g_strcmp0 (c->strings[STR_FAMILY], "blatt") == 0
          || g_strcmp0 (c->strings[STR_FAMILY], "theme") == 0)
        return TRUE;
      if (key_in_layer (c->strings[STR_KEY], "SD") || key_in_layer (c->strings[STR_KEY], "REL")
          || key_in_layer (c->strings[STR_KEY], "KS"))
        return TRUE;
      if (c->dimension != KTS_DIMENSION_NONE)
        return TRUE;
    }
  return FALSE;
}

GListStore *
_kts_code_get_children_store (KtsCode *self)
{
  g_assert (KTS_IS_CODE (self));
  return self->children;
}

void
_kts_code_set_parent (KtsCode *self, KtsCode *parent)
{
  g_assert (KTS_IS_CODE (self));

  if (self->parent == parent)
    return;
  self->parent = parent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT]);
}
