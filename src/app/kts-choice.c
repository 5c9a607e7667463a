/* kts-choice.c: one entry of an analysis drop-down ("All coders", a coder, a layer).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-choice"

#include "config.h"

#include "kts-choice.h"

struct _KtsChoice
{
  GObject  parent_instance;
  char    *label;
  GObject *item;
  char    *value;
};

G_DEFINE_FINAL_TYPE (KtsChoice, kts_choice, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LABEL,
  PROP_ITEM,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_choice_finalize (GObject *object)
{
  KtsChoice *self = KTS_CHOICE (object);

  g_free (self->label);
  g_clear_object (&self->item);
  g_free (self->value);
  G_OBJECT_CLASS (kts_choice_parent_class)->finalize (object);
}

static void
kts_choice_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsChoice *self = KTS_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_choice_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsChoice *self = KTS_CHOICE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    case PROP_VALUE:
      self->value = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_choice_class_init (KtsChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kts_choice_finalize;
  object_class->get_property = kts_choice_get_property;
  object_class->set_property = kts_choice_set_property;

  properties[PROP_LABEL]
      = g_param_spec_string ("label", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM]
      = g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE]
      = g_param_spec_string ("value", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_choice_init (KtsChoice *self)
{
}

KtsChoice *
kts_choice_new (const char *label, gpointer item, const char *value)
{
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (item == NULL || G_IS_OBJECT (item), NULL);

  return g_object_new (KTS_TYPE_CHOICE, "label", label, "item", item, "value", value, NULL);
}

const char *
kts_choice_get_label (KtsChoice *self)
{
  g_return_val_if_fail (KTS_IS_CHOICE (self), NULL);
  return self->label;
}

gpointer
kts_choice_get_item (KtsChoice *self)
{
  g_return_val_if_fail (KTS_IS_CHOICE (self), NULL);
  return self->item;
}

const char *
kts_choice_get_value (KtsChoice *self)
{
  g_return_val_if_fail (KTS_IS_CHOICE (self), NULL);
  return self->value;
}

gboolean
kts_choice_equal (KtsChoice *a, KtsChoice *b)
{
  g_return_val_if_fail (KTS_IS_CHOICE (a), FALSE);
  g_return_val_if_fail (KTS_IS_CHOICE (b), FALSE);

  return a->item == b->item && g_strcmp0 (a->value, b->value) == 0;
}

/* ---- drop-downs ------------------------------------------------------------------ */

GtkWidget *
kts_choice_drop_down_new (const char *accessible_label, gboolean search)
{
  GtkExpression *expression = gtk_property_expression_new (KTS_TYPE_CHOICE, NULL, "label");
  GtkWidget     *drop_down = gtk_drop_down_new (NULL, expression);

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), search);
  if (accessible_label != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible_label, -1);
      gtk_widget_set_tooltip_text (drop_down, accessible_label);
    }
  return drop_down;
}

KtsChoice *
kts_choice_drop_down_get_selected (GtkDropDown *drop_down)
{
  gpointer item;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), NULL);

  item = gtk_drop_down_get_selected_item (drop_down);
  return KTS_IS_CHOICE (item) ? item : NULL;
}

static guint
find_choice (GListModel *model, KtsChoice *wanted)
{
  for (guint i = 0; wanted != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsChoice) choice = g_list_model_get_item (model, i);
      if (kts_choice_equal (choice, wanted))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

gboolean
kts_choice_drop_down_set_choices (GtkDropDown *drop_down, GListModel *choices)
{
  g_autoptr (KtsChoice) old = NULL;
  KtsChoice *now;
  guint      position;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (choices), FALSE);

  old = kts_choice_drop_down_get_selected (drop_down);
  if (old != NULL)
    g_object_ref (old);

  position = find_choice (choices, old);
  gtk_drop_down_set_model (drop_down, choices);
  if (position == GTK_INVALID_LIST_POSITION)
    position = g_list_model_get_n_items (choices) > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  gtk_drop_down_set_selected (drop_down, position);

  now = kts_choice_drop_down_get_selected (drop_down);
  if (old == NULL || now == NULL)
    return old != now;
  return !kts_choice_equal (old, now);
}

gboolean
kts_choice_drop_down_select (GtkDropDown *drop_down, gpointer item, const char *value)
{
  GListModel *model;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), FALSE);

  model = gtk_drop_down_get_model (drop_down);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsChoice) choice = g_list_model_get_item (model, i);
      if (choice->item == item && g_strcmp0 (choice->value, value) == 0)
        {
          gtk_drop_down_set_selected (drop_down, i);
          return TRUE;
        }
    }
  return FALSE;
}
