/* kts-project.c: a Kintsugi project, its undo stack and every operation a
 * user can do to it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-project"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-command-private.h"
#include "kts-error.h"
#include "kts-practice.h"
#include "kts-project.h"

struct _KtsProject
{
  GObject parent_instance;

  char        *title;
  GFile       *file;
  gboolean     theory_locked;
  KtsCodebook *codebook;
  GListStore  *documents;
  GListStore  *coders;
  GListStore  *cases;
  GListStore  *episodes;
  GListStore  *practice_sets;

  GHashTable *items;  /* guid → KtsItem, not owned: every item of the project */
  GHashTable *counts; /* KtsCode → number of codings (GUINT_TO_POINTER) */
  guint       n_codings;

  GPtrArray  *undo_stack;  /* of KtsCommand, oldest first */
  GPtrArray  *redo_stack;  /* of KtsCommand, the next to redo last */
  KtsCommand *group;       /* the open group, or NULL */
  GArray     *group_marks; /* per nesting level: group length at its begin */
  guint64     next_id;
  guint64     clean_id; /* id of the top undo command when last clean */
  guint64     change_serial;
  gboolean    disposing;

  /* Last notified state, so notifies go out only on change. */
  gboolean state_dirty;
  gboolean state_can_undo;
  gboolean state_can_redo;
  char    *state_undo_label;
  char    *state_redo_label;
};

G_DEFINE_FINAL_TYPE (KtsProject, kts_project, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_FILE,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_CHANGE_SERIAL,
  PROP_THEORY_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  ITEM_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define NEVER_CLEAN G_MAXUINT64

static void update_state (KtsProject *self);

/* ---- GObject ------------------------------------------------------------ */

static void
free_commands (GPtrArray *stack)
{
  /* Newest first, so commands are released in the reverse order of doing. */
  while (stack->len > 0)
    kts_command_free (g_ptr_array_steal_index (stack, stack->len - 1));
}

static void
kts_project_dispose (GObject *object)
{
  KtsProject *self = KTS_PROJECT (object);

  self->disposing = TRUE;

  g_clear_pointer (&self->group, kts_command_free);
  if (self->group_marks != NULL)
    g_array_set_size (self->group_marks, 0);
  if (self->redo_stack != NULL)
    free_commands (self->redo_stack);
  if (self->undo_stack != NULL)
    free_commands (self->undo_stack);

  if (self->items != NULL)
    g_hash_table_remove_all (self->items);
  if (self->counts != NULL)
    g_hash_table_remove_all (self->counts);

  if (self->practice_sets != NULL)
    g_list_store_remove_all (self->practice_sets);
  if (self->episodes != NULL)
    g_list_store_remove_all (self->episodes);
  if (self->cases != NULL)
    g_list_store_remove_all (self->cases);
  if (self->documents != NULL)
    g_list_store_remove_all (self->documents);
  if (self->coders != NULL)
    g_list_store_remove_all (self->coders);
  g_clear_object (&self->codebook);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (kts_project_parent_class)->dispose (object);
}

static void
kts_project_finalize (GObject *object)
{
  KtsProject *self = KTS_PROJECT (object);

  g_free (self->title);
  g_clear_object (&self->documents);
  g_clear_object (&self->coders);
  g_clear_object (&self->cases);
  g_clear_object (&self->episodes);
  g_clear_object (&self->practice_sets);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->group_marks, g_array_unref);
  g_free (self->state_undo_label);
  g_free (self->state_redo_label);

  G_OBJECT_CLASS (kts_project_parent_class)->finalize (object);
}

static void
kts_project_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsProject *self = KTS_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, kts_project_get_dirty (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, kts_project_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, kts_project_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, kts_project_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, kts_project_get_redo_label (self));
      break;

    case PROP_CHANGE_SERIAL:
      g_value_set_uint64 (value, self->change_serial);
      break;

    case PROP_THEORY_LOCKED:
      g_value_set_boolean (value, self->theory_locked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_project_set_property_impl (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KtsProject *self = KTS_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      if (_kts_set_string (&self->title, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_FILE:
      kts_project_set_file (self, g_value_get_object (value));
      break;

    case PROP_THEORY_LOCKED:
      if (self->theory_locked != g_value_get_boolean (value))
        {
          self->theory_locked = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_project_class_init (KtsProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = kts_project_dispose;
  object_class->finalize = kts_project_finalize;
  object_class->get_property = kts_project_get_property;
  object_class->set_property = kts_project_set_property_impl;

  /* Writable for the undo machinery; front ends use kts_project_set_title(). */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, rw);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  properties[PROP_CHANGE_SERIAL]
      = g_param_spec_uint64 ("change-serial", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  /* Writable for the undo machinery; front ends use kts_project_set_boolean(). */
  properties[PROP_THEORY_LOCKED] = g_param_spec_boolean ("theory-locked", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  signals[ITEM_REMOVED]
      = g_signal_new ("item-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, KTS_TYPE_ITEM);
}

static void
kts_project_init (KtsProject *self)
{
  self->codebook = kts_codebook_new ();
  self->documents = g_list_store_new (KTS_TYPE_DOCUMENT);
  self->coders = g_list_store_new (KTS_TYPE_CODER);
  self->cases = g_list_store_new (KTS_TYPE_CASE);
  self->episodes = g_list_store_new (KTS_TYPE_EPISODE);
  self->practice_sets = g_list_store_new (KTS_TYPE_PRACTICE_SET);
  self->items = g_hash_table_new (g_str_hash, g_str_equal);
  self->counts = g_hash_table_new (NULL, NULL);
  self->undo_stack = g_ptr_array_new ();
  self->redo_stack = g_ptr_array_new ();
  self->group_marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

KtsProject *
kts_project_new (void)
{
  return g_object_new (KTS_TYPE_PROJECT, NULL);
}

/* ---- Simple accessors ----------------------------------------------------- */

const char *
kts_project_get_title (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return self->title;
}

GFile *
kts_project_get_file (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return self->file;
}

gboolean
kts_project_get_theory_locked (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  return self->theory_locked;
}

gboolean
kts_project_hides_code (KtsProject *self, KtsCode *code)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODE (code), FALSE);
  return self->theory_locked && kts_code_is_theory_layer (code);
}

void
kts_project_set_file (KtsProject *self, GFile *file)
{
  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static guint64
top_id (KtsProject *self)
{
  if (self->undo_stack->len == 0)
    return 0;
  return ((KtsCommand *)g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->id;
}

gboolean
kts_project_get_dirty (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);

  if (self->group != NULL && kts_command_group_get_length (self->group) > 0)
    return TRUE;
  return top_id (self) != self->clean_id;
}

void
kts_project_mark_clean (KtsProject *self)
{
  g_return_if_fail (KTS_IS_PROJECT (self));

  self->clean_id = top_id (self);
  update_state (self);
}

guint64
kts_project_get_change_serial (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), 0);
  return self->change_serial;
}

KtsCodebook *
kts_project_get_codebook (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return self->codebook;
}

GListModel *
kts_project_get_documents (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->documents);
}

GListModel *
kts_project_get_coders (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->coders);
}

GListModel *
kts_project_get_cases (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->cases);
}

GListModel *
kts_project_get_episodes (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->episodes);
}

GListModel *
kts_project_get_practice_sets (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->practice_sets);
}

KtsItem *
kts_project_lookup (KtsProject *self, const char *guid)
{
  KtsItem *item;

  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);

  if (guid == NULL)
    return NULL;

  item = g_hash_table_lookup (self->items, guid);
  if (item == NULL && kts_guid_is_valid (guid))
    {
      g_autofree char *lower = g_ascii_strdown (guid, -1);
      item = g_hash_table_lookup (self->items, lower);
    }
  return item;
}

/* TRUE if @item is this very object in the project (not just a guid twin). */
static gboolean
contains (KtsProject *self, gpointer item)
{
  return item != NULL && KTS_IS_ITEM (item)
         && g_hash_table_lookup (self->items, kts_item_get_guid (item)) == item;
}

static gpointer
find_in_store (GListStore *store, const char *guid_or_name, const char *name_property)
{
  GListModel *model = G_LIST_MODEL (store);
  guint       n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;

      g_object_get (item, name_property, &name, NULL);
      if (g_strcmp0 (name, guid_or_name) == 0)
        return item;
    }
  return NULL;
}

/* An item of @type by its guid, else by the value of its @property. */
static gpointer
find_item (KtsProject *self, GListStore *store, GType type, const char *key, const char *property)
{
  KtsItem *item = kts_project_lookup (self, key);

  if (item != NULL && G_TYPE_CHECK_INSTANCE_TYPE (item, type))
    return item;
  return find_in_store (store, key, property);
}

KtsDocument *
kts_project_find_document (KtsProject *self, const char *guid_or_title)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid_or_title != NULL, NULL);

  return find_item (self, self->documents, KTS_TYPE_DOCUMENT, guid_or_title, "title");
}

KtsEpisode *
kts_project_find_episode (KtsProject *self, const char *guid_or_name)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid_or_name != NULL, NULL);

  return find_item (self, self->episodes, KTS_TYPE_EPISODE, guid_or_name, "name");
}

KtsCoder *
kts_project_find_coder (KtsProject *self, const char *guid_or_name)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid_or_name != NULL, NULL);

  return find_item (self, self->coders, KTS_TYPE_CODER, guid_or_name, "name");
}

KtsPracticeSet *
kts_project_find_practice_set (KtsProject *self, const char *guid_or_title)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid_or_title != NULL, NULL);

  return find_item (self, self->practice_sets, KTS_TYPE_PRACTICE_SET, guid_or_title, "title");
}

guint
kts_project_get_n_codings (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), 0);
  return self->n_codings;
}

guint
kts_project_count_codings (KtsProject *self, KtsCode *code)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), 0);
  g_return_val_if_fail (KTS_IS_CODE (code), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, code));
}

/* ---- Bookkeeping for commands -------------------------------------------- */

static void
count_coding (KtsProject *self, KtsCode *code, int delta)
{
  guint n;

  if (code == NULL)
    return;

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, code));
  g_assert (delta > 0 || n > 0);
  n += delta;
  if (n == 0)
    g_hash_table_remove (self->counts, code);
  else
    g_hash_table_insert (self->counts, code, GUINT_TO_POINTER (n));
}

static void
index_item (KtsProject *self, KtsItem *item)
{
  const char *guid = kts_item_get_guid (item);

  g_assert (!g_hash_table_contains (self->items, guid));
  g_hash_table_insert (self->items, (gpointer)guid, item);
}

static void
unindex_item (KtsProject *self, KtsItem *item)
{
  g_hash_table_remove (self->items, kts_item_get_guid (item));
  if (!self->disposing)
    g_signal_emit (self, signals[ITEM_REMOVED], 0, item);
}

/* Calls @func on every item of @model. */
static void
foreach_in_model (GListModel *model, void (*func) (KtsProject *, KtsItem *), KtsProject *self)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsItem) item = g_list_model_get_item (model, i);
      func (self, item);
    }
}

static void
register_coding (KtsProject *self, KtsItem *item)
{
  index_item (self, item);
  count_coding (self, kts_coding_get_code (KTS_CODING (item)), 1);
  self->n_codings++;
}

static void
unregister_coding (KtsProject *self, KtsItem *item)
{
  count_coding (self, kts_coding_get_code (KTS_CODING (item)), -1);
  self->n_codings--;
  unindex_item (self, item);
}

/* Indexes @item and everything it contains. */
static void
register_item (KtsProject *self, KtsItem *item)
{
  index_item (self, item);

  if (KTS_IS_CODE (item))
    foreach_in_model (kts_code_get_children (KTS_CODE (item)), register_item, self);
  else if (KTS_IS_DOCUMENT (item))
    foreach_in_model (kts_document_get_codings (KTS_DOCUMENT (item)), register_coding, self);
  else if (KTS_IS_EPISODE (item))
    {
      foreach_in_model (kts_episode_get_moves (KTS_EPISODE (item)), register_item, self);
      foreach_in_model (kts_episode_get_edges (KTS_EPISODE (item)), register_item, self);
    }
}

static void
unregister_item (KtsProject *self, KtsItem *item)
{
  if (KTS_IS_CODE (item))
    foreach_in_model (kts_code_get_children (KTS_CODE (item)), unregister_item, self);
  else if (KTS_IS_DOCUMENT (item))
    foreach_in_model (kts_document_get_codings (KTS_DOCUMENT (item)), unregister_coding, self);
  else if (KTS_IS_EPISODE (item))
    {
      foreach_in_model (kts_episode_get_edges (KTS_EPISODE (item)), unregister_item, self);
      foreach_in_model (kts_episode_get_moves (KTS_EPISODE (item)), unregister_item, self);
    }

  unindex_item (self, item);
}

GListStore *
_kts_project_get_store (KtsProject *self, KtsListKind kind, gpointer owner)
{
  switch (kind)
    {
    case KTS_LIST_DOCUMENTS:
      return self->documents;
    case KTS_LIST_CODERS:
      return self->coders;
    case KTS_LIST_CASES:
      return self->cases;
    case KTS_LIST_EPISODES:
      return self->episodes;
    case KTS_LIST_CODES:
      return owner != NULL ? _kts_code_get_children_store (owner)
                           : _kts_codebook_get_roots_store (self->codebook);
    case KTS_LIST_CODINGS:
      return _kts_document_get_codings_store (owner);
    case KTS_LIST_MOVES:
      return _kts_episode_get_moves_store (owner);
    case KTS_LIST_EDGES:
      return _kts_episode_get_edges_store (owner);
    case KTS_LIST_PRACTICE_SETS:
      return self->practice_sets;
    default:
      g_assert_not_reached ();
    }
}

void
_kts_project_attach (
    KtsProject *self, KtsListKind kind, gpointer owner, gpointer item, guint position)
{
  GListStore *store = _kts_project_get_store (self, kind, owner);

  g_assert (position <= g_list_model_get_n_items (G_LIST_MODEL (store)));

  switch (kind)
    {
    case KTS_LIST_CODINGS:
      register_coding (self, item);
      _kts_document_add_coding (owner, item);
      break;

    case KTS_LIST_CODES:
      register_item (self, item);
      _kts_codebook_index_add (self->codebook, item);
      _kts_code_set_parent (item, owner);
      g_list_store_insert (store, position, item);
      _kts_codebook_emit_changed (self->codebook);
      break;

    default:
      register_item (self, item);
      g_list_store_insert (store, position, item);
      break;
    }
}

void
_kts_project_detach (
    KtsProject *self, KtsListKind kind, gpointer owner, gpointer item, guint position)
{
  GListStore *store = _kts_project_get_store (self, kind, owner);
  g_autoptr (GObject) keep = g_object_ref (item);

  switch (kind)
    {
    case KTS_LIST_CODINGS:
      if (!_kts_document_remove_coding (owner, item))
        g_assert_not_reached ();
      unregister_coding (self, item);
      break;

    case KTS_LIST_CODES:
      {
        g_autoptr (GObject) at = g_list_model_get_item (G_LIST_MODEL (store), position);

        g_assert (at == item);
        g_list_store_remove (store, position);
        _kts_code_set_parent (item, NULL);
        _kts_codebook_index_remove (self->codebook, item);
        unregister_item (self, item);
        _kts_codebook_emit_changed (self->codebook);
      }
      break;

    default:
      {
        g_autoptr (GObject) at = g_list_model_get_item (G_LIST_MODEL (store), position);

        g_assert (at == item);
        g_list_store_remove (store, position);
        unregister_item (self, item);
      }
      break;
    }
}

void
_kts_project_property_changed (KtsProject   *self,
                               GObject      *object,
                               GParamSpec   *pspec,
                               const GValue *previous)
{
  if (KTS_IS_CODE (object))
    {
      if (strcmp (pspec->name, "key") == 0)
        _kts_codebook_rekey (self->codebook, KTS_CODE (object), g_value_get_string (previous));
      _kts_codebook_emit_changed (self->codebook);
    }
  else if (KTS_IS_CODING (object) && strcmp (pspec->name, "code") == 0 && contains (self, object))
    {
      count_coding (self, g_value_get_object (previous), -1);
      count_coding (self, kts_coding_get_code (KTS_CODING (object)), 1);
    }
  else if ((gpointer)object == (gpointer)self->codebook)
    _kts_codebook_emit_changed (self->codebook);
}

guint
_kts_project_get_n_indexed (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), 0);
  return g_hash_table_size (self->items);
}

/* ---- Undo stack ------------------------------------------------------------ */

static void
update_label (KtsProject *self, char **cache, const char *label, GParamSpec *pspec)
{
  if (g_strcmp0 (*cache, label) == 0)
    return;
  g_free (*cache);
  *cache = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
update_state (KtsProject *self)
{
  gboolean dirty = kts_project_get_dirty (self);
  gboolean can_undo = kts_project_can_undo (self);
  gboolean can_redo = kts_project_can_redo (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (dirty != self->state_dirty)
    {
      self->state_dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
  if (can_undo != self->state_can_undo)
    {
      self->state_can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->state_can_redo)
    {
      self->state_can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  update_label (self, &self->state_undo_label, kts_project_get_undo_label (self),
                properties[PROP_UNDO_LABEL]);
  update_label (self, &self->state_redo_label, kts_project_get_redo_label (self),
                properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
emit_changed (KtsProject *self)
{
  self->change_serial++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE_SERIAL]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Records @command, which has been applied already. */
static void
record (KtsProject *self, KtsCommand *command)
{
  if (self->group != NULL)
    kts_command_group_append (self->group, command);
  else
    {
      command->id = ++self->next_id;
      g_ptr_array_add (self->undo_stack, command);
      free_commands (self->redo_stack);
    }

  emit_changed (self);
  update_state (self);
}

/* Applies and records @command under @label. */
static void
run (KtsProject *self, KtsCommand *command, const char *label)
{
  if (label != NULL)
    kts_command_set_label (command, label);
  kts_command_apply (command, self);
  record (self, command);
}

gboolean
kts_project_can_undo (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  return self->group == NULL && self->undo_stack->len > 0;
}

gboolean
kts_project_can_redo (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  return self->group == NULL && self->redo_stack->len > 0;
}

const char *
kts_project_get_undo_label (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);

  if (!kts_project_can_undo (self))
    return NULL;
  return ((KtsCommand *)g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
kts_project_get_redo_label (KtsProject *self)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);

  if (!kts_project_can_redo (self))
    return NULL;
  return ((KtsCommand *)g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

gboolean
kts_project_undo (KtsProject *self)
{
  KtsCommand *command;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->undo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  kts_command_revert (command, self);
  g_ptr_array_add (self->redo_stack, command);

  emit_changed (self);
  update_state (self);
  return TRUE;
}

gboolean
kts_project_redo (KtsProject *self)
{
  KtsCommand *command;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (self->redo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  kts_command_apply (command, self);
  g_ptr_array_add (self->undo_stack, command);

  emit_changed (self);
  update_state (self);
  return TRUE;
}

void
kts_project_begin_group (KtsProject *self, const char *label)
{
  guint mark = 0;

  g_return_if_fail (KTS_IS_PROJECT (self));

  if (self->group == NULL)
    self->group = kts_command_group_new (label);
  else
    mark = kts_command_group_get_length (self->group);
  g_array_append_val (self->group_marks, mark);

  update_state (self);
}

void
kts_project_end_group (KtsProject *self)
{
  KtsCommand *group;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (self->group != NULL);

  g_array_set_size (self->group_marks, self->group_marks->len - 1);
  if (self->group_marks->len > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (kts_command_group_get_length (group) == 0)
    kts_command_free (group);
  else
    {
      kts_command_group_adopt_label (group);
      group->id = ++self->next_id;
      g_ptr_array_add (self->undo_stack, group);
      free_commands (self->redo_stack);
    }

  update_state (self);
}

void
kts_project_abort_group (KtsProject *self)
{
  guint mark;
  guint length;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (self->group != NULL);

  mark = g_array_index (self->group_marks, guint, self->group_marks->len - 1);
  g_array_set_size (self->group_marks, self->group_marks->len - 1);

  length = kts_command_group_get_length (self->group);
  kts_command_group_truncate (self->group, self, mark);
  if (self->group_marks->len == 0)
    g_clear_pointer (&self->group, kts_command_free);

  if (length > mark)
    emit_changed (self);
  update_state (self);
}

void
kts_project_clear_undo (KtsProject *self)
{
  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (self->group == NULL);

  /* A dirty project stays dirty: no state reachable from here is the saved one. */
  self->clean_id = kts_project_get_dirty (self) ? NEVER_CLEAN : 0;
  free_commands (self->redo_stack);
  free_commands (self->undo_stack);

  update_state (self);
}

/* ---- Helpers for operations -------------------------------------------------- */

/* What to call an object in messages and undo labels. */
static const char *
display_name (gpointer object)
{
  const char *name = NULL;

  if (KTS_IS_CODE (object))
    name = kts_code_get_name (object);
  else if (KTS_IS_DOCUMENT (object))
    name = kts_document_get_title (object);
  else if (KTS_IS_CODER (object))
    name = kts_coder_get_name (object);
  else if (KTS_IS_CASE (object))
    name = kts_case_get_label (object);
  else if (KTS_IS_EPISODE (object))
    name = kts_episode_get_name (object);
  else if (KTS_IS_MOVE (object))
    {
      name = kts_move_get_label (object);
      if (name == NULL)
        name = kts_move_get_ident (object);
    }
  else if (KTS_IS_CODING (object))
    {
      KtsCode *code = kts_coding_get_code (object);
      name = code != NULL ? kts_code_get_name (code) : NULL;
    }
  else if (KTS_IS_PRACTICE_SET (object))
    name = kts_practice_set_get_title (object);
  else if (KTS_IS_CODEBOOK (object))
    name = kts_codebook_get_name (object);
  else if (KTS_IS_PROJECT (object))
    name = kts_project_get_title (object);

  if (name == NULL && KTS_IS_ITEM (object))
    name = kts_item_get_guid (object);
  return name != NULL ? name : "";
}

static gboolean
check_guid_free (KtsProject *self, KtsItem *item, GError **error)
{
  const char *guid = kts_item_get_guid (item);
  KtsItem    *other = g_hash_table_lookup (self->items, guid);

  if (other == NULL)
    return TRUE;

  if (other == item)
    g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                 _ ("“%s” is already part of this project"), display_name (item));
  else
    g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                 _ ("Cannot add “%s”: its identifier %s is already used by “%s”"),
                 display_name (item), guid, display_name (other));
  return FALSE;
}

/* ---- Practice rules (docs/practice.md) ------------------------------------------ */

/* The practice set in @state whose document is @document and whose reference
 * (@reference) or student (!@reference) is @coder, or NULL. */
static KtsPracticeSet *
find_practice_rule (KtsProject      *self,
                    KtsDocument     *document,
                    KtsCoder        *coder,
                    KtsPracticeState state,
                    gboolean         reference)
{
  GListModel *sets = G_LIST_MODEL (self->practice_sets);
  guint       n = g_list_model_get_n_items (sets);

  if (document == NULL || coder == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);
      KtsCoder *who = reference ? kts_practice_set_get_reference_coder (set)
                                : kts_practice_set_get_student_coder (set);

      if (kts_practice_set_get_state (set) == state
          && kts_practice_set_get_document (set) == document && who == coder)
        return set; /* the store holds a reference */
    }
  return NULL;
}

/* The submitted set that locks the codings of @coder in @document. */
static KtsPracticeSet *
locking_set (KtsProject *self, KtsDocument *document, KtsCoder *coder)
{
  return find_practice_rule (self, document, coder, KTS_PRACTICE_STATE_SUBMITTED, FALSE);
}

static void
set_locked_error (GError **error, KtsPracticeSet *set)
{
  g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
               _ ("This practice set (“%s”) was submitted; its codings can no longer change"),
               display_name (set));
}

gboolean
kts_project_coding_is_hidden (KtsProject *self, KtsCoding *coding)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODING (coding), FALSE);

  return find_practice_rule (self, kts_coding_get_document (coding), kts_coding_get_coder (coding),
                             KTS_PRACTICE_STATE_OPEN, TRUE)
         != NULL;
}

/* The codings of @code (NULL = any) in @document hidden by open sets. */
static guint
count_hidden_in (KtsProject *self, KtsDocument *document, KtsCode *code)
{
  GListModel *codings = kts_document_get_codings (document);
  guint       n = g_list_model_get_n_items (codings);
  guint       hidden = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      if ((code == NULL || kts_coding_get_code (coding) == code)
          && kts_project_coding_is_hidden (self, coding))
        hidden++;
    }
  return hidden;
}

guint
kts_project_count_visible_codings (KtsProject *self, KtsCode *code)
{
  GListModel *sets;
  guint       n, n_sets;
  g_autoptr (GPtrArray) seen = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), 0);
  g_return_val_if_fail (KTS_IS_CODE (code), 0);

  n = kts_project_count_codings (self, code);
  sets = G_LIST_MODEL (self->practice_sets);
  n_sets = g_list_model_get_n_items (sets);
  /* Each transcript once: two open sets may share one. */
  seen = g_ptr_array_new ();
  for (guint i = 0; n > 0 && i < n_sets; i++)
    {
      g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);
      KtsDocument *document = kts_practice_set_get_document (set);

      if (kts_practice_set_get_state (set) != KTS_PRACTICE_STATE_OPEN || document == NULL
          || g_ptr_array_find (seen, document, NULL))
        continue;
      g_ptr_array_add (seen, document);
      n -= MIN (n, count_hidden_in (self, document, code));
    }
  return n;
}

guint
kts_project_count_visible_document_codings (KtsProject *self, KtsDocument *document)
{
  guint n;

  g_return_val_if_fail (KTS_IS_PROJECT (self), 0);
  g_return_val_if_fail (KTS_IS_DOCUMENT (document), 0);

  n = g_list_model_get_n_items (kts_document_get_codings (document));
  return n - MIN (n, count_hidden_in (self, document, NULL));
}

gboolean
kts_project_coding_is_locked (KtsProject *self, KtsCoding *coding)
{
  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODING (coding), FALSE);

  return locking_set (self, kts_coding_get_document (coding), kts_coding_get_coder (coding))
         != NULL;
}

/* Whether setting @pspec of @object to @value keeps the practice rules. */
static gboolean
check_practice_rules (
    KtsProject *self, GObject *object, GParamSpec *pspec, const GValue *value, GError **error)
{
  if (KTS_IS_CODING (object))
    {
      KtsCoding      *coding = KTS_CODING (object);
      KtsDocument    *document = kts_coding_get_document (coding);
      KtsPracticeSet *set = locking_set (self, document, kts_coding_get_coder (coding));

      /* Nor may a coding join a submitted set by changing its coder. */
      if (set == NULL && strcmp (pspec->name, "coder") == 0)
        set = locking_set (self, document, g_value_get_object (value));
      if (set != NULL)
        {
          set_locked_error (error, set);
          return FALSE;
        }
    }
  else if (KTS_IS_PRACTICE_SET (object))
    {
      KtsPracticeSet *set = KTS_PRACTICE_SET (object);
      gboolean        is_document = strcmp (pspec->name, "document") == 0;
      gboolean        is_reference = strcmp (pspec->name, "reference-coder") == 0;
      gboolean        is_student = strcmp (pspec->name, "student-coder") == 0;

      if (!is_document && !is_reference && !is_student && strcmp (pspec->name, "layers") != 0)
        return TRUE;
      if (kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_SUBMITTED)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("The practice set “%s” was submitted; its transcript, layers and coders "
                          "can no longer change"),
                       display_name (set));
          return FALSE;
        }
      if ((is_document || is_reference || is_student) && g_value_get_object (value) == NULL)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("The practice set “%s” needs a transcript, a reference coder and a "
                          "student"),
                       display_name (set));
          return FALSE;
        }
      if ((is_reference
           && g_value_get_object (value) == (gpointer)kts_practice_set_get_student_coder (set))
          || (is_student
              && g_value_get_object (value)
                     == (gpointer)kts_practice_set_get_reference_coder (set)))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("The reference and the student of “%s” must be different coders"),
                       display_name (set));
          return FALSE;
        }
    }
  return TRUE;
}

/* Equality of two property values; string lists compare by content (NULL and
 * empty alike), which GParamSpecBoxed does not. */
static gboolean
values_equal (GParamSpec *pspec, const GValue *a, const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV) && G_VALUE_HOLDS (b, G_TYPE_STRV))
    {
      const char *const *x = g_value_get_boxed (a);
      const char *const *y = g_value_get_boxed (b);

      if (x == NULL || x[0] == NULL)
        return y == NULL || y[0] == NULL;
      return y != NULL && y[0] != NULL && g_strv_equal (x, y);
    }
  return g_param_values_cmp (pspec, a, b) == 0;
}

static guint
store_position (GListStore *store, gpointer item)
{
  guint position = 0;

  if (!g_list_store_find (store, item, &position))
    g_assert_not_reached ();
  return position;
}

static guint
clamp_position (GListStore *store, int position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  return position < 0 || (guint)position > n ? n : (guint)position;
}

/* Records a property change without validation (for compound operations). */
static void
run_set (KtsProject *self, gpointer object, const char *property, const GValue *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto (GValue) old_value = G_VALUE_INIT;

  g_assert (pspec != NULL);

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (object, property, &old_value);
  if (values_equal (pspec, &old_value, value))
    return;

  run (self, kts_command_set_property_new (object, pspec, &old_value, value), NULL);
}

static void
run_set_object (KtsProject *self, gpointer object, const char *property, gpointer value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, pspec->value_type);
  g_value_set_object (&v, value);
  run_set (self, object, property, &v);
}

static void
run_set_int (KtsProject *self, gpointer object, const char *property, int value)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  run_set (self, object, property, &v);
}

static char *
property_label (gpointer object, GParamSpec *pspec)
{
  g_autofree char *words = NULL;

  if (strcmp (pspec->name, "name") == 0 || strcmp (pspec->name, "title") == 0
      || strcmp (pspec->name, "label") == 0)
    return g_strdup_printf (_ ("Rename “%s”"), display_name (object));
  if (KTS_IS_PROJECT (object) && strcmp (pspec->name, "theory-locked") == 0)
    return g_strdup (KTS_PROJECT (object)->theory_locked ? _ ("Show theory layers")
                                                         : _ ("Hide theory layers"));

  words = g_strdup (pspec->name);
  g_strdelimit (words, "-", ' ');
  /* Translators: "Change memo of “Silence”"; the first %s is a property name */
  return g_strdup_printf (_ ("Change %s of “%s”"), words, display_name (object));
}

/* ---- Generic edits -------------------------------------------------------------- */

static gboolean
object_in_project (KtsProject *self, gpointer object)
{
  return object == (gpointer)self || object == (gpointer)self->codebook || contains (self, object);
}

gboolean
kts_project_try_set_property (
    KtsProject *self, gpointer object, const char *property, const GValue *value, GError **error)
{
  GParamSpec *pspec;
  g_auto (GValue) new_value = G_VALUE_INIT;
  g_auto (GValue) old_value = G_VALUE_INIT;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (object_in_project (self, object), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Of the project itself only the title and the bracketing lock are
   * content; "file" and the undo state are not undoable. */
  g_return_val_if_fail (object != (gpointer)self || strcmp (property, "title") == 0
                            || strcmp (property, "theory-locked") == 0,
                        FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_val_if_fail (pspec != NULL, FALSE);
  g_return_val_if_fail ((pspec->flags & G_PARAM_WRITABLE) != 0, FALSE);
  g_return_val_if_fail ((pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0, FALSE);

  g_value_init (&new_value, pspec->value_type);
  if (G_TYPE_IS_OBJECT (pspec->value_type) && G_VALUE_HOLDS_OBJECT (value))
    {
      GObject *v = g_value_get_object (value);

      g_return_val_if_fail (v == NULL || g_type_is_a (G_OBJECT_TYPE (v), pspec->value_type), FALSE);
      g_value_set_object (&new_value, v);
    }
  else if (!g_value_transform (value, &new_value))
    {
      g_critical ("%s: cannot set property “%s” of %s from a %s", G_STRFUNC, property,
                  G_OBJECT_TYPE_NAME (object), G_VALUE_TYPE_NAME (value));
      return FALSE;
    }

  if (G_VALUE_HOLDS_STRING (&new_value) && g_value_get_string (&new_value) != NULL
      && g_value_get_string (&new_value)[0] == '\0')
    g_value_set_string (&new_value, NULL);

  if (g_param_value_validate (pspec, &new_value))
    {
      g_critical ("%s: value out of range for property “%s” of %s", G_STRFUNC, property,
                  G_OBJECT_TYPE_NAME (object));
      return FALSE;
    }

  /* Rules of the model that a plain property cannot express. */
  if (KTS_IS_CODE (object))
    {
      if (strcmp (pspec->name, "shortcut") == 0)
        {
          kts_project_set_code_shortcut (self, object, g_value_get_int (&new_value));
          return TRUE;
        }
      if (strcmp (pspec->name, "name") == 0)
        g_return_val_if_fail (g_value_get_string (&new_value) != NULL, FALSE);
      if (strcmp (pspec->name, "key") == 0 && g_value_get_string (&new_value) != NULL)
        {
          KtsCode *other
              = kts_codebook_lookup_key (self->codebook, g_value_get_string (&new_value));
          g_return_val_if_fail (other == NULL || other == object, FALSE);
        }
    }
  if (G_VALUE_HOLDS_OBJECT (&new_value) && g_value_get_object (&new_value) != NULL)
    {
      gpointer target = g_value_get_object (&new_value);

      /* References must stay inside the project. */
      g_return_val_if_fail (!KTS_IS_ITEM (target) || contains (self, target), FALSE);
      if (KTS_IS_CODING (object) && KTS_IS_CODE (target))
        g_return_val_if_fail (kts_code_get_codable (target), FALSE);
    }

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (object, pspec->name, &old_value);
  if (values_equal (pspec, &old_value, &new_value))
    return TRUE;

  if (!check_practice_rules (self, object, pspec, &new_value, error))
    return FALSE;

  label = property_label (object, pspec);
  run (self, kts_command_set_property_new (object, pspec, &old_value, &new_value), label);
  return TRUE;
}

void
kts_project_set_property (KtsProject   *self,
                          gpointer      object,
                          const char   *property,
                          const GValue *value)
{
  g_autoptr (GError) error = NULL;

  if (!kts_project_try_set_property (self, object, property, value, &error) && error != NULL)
    g_warning ("%s", error->message);
}

void
kts_project_set_string (KtsProject *self, gpointer object, const char *property, const char *value)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  kts_project_set_property (self, object, property, &v);
}

void
kts_project_set_int (KtsProject *self, gpointer object, const char *property, int value)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  kts_project_set_property (self, object, property, &v);
}

void
kts_project_set_enum (KtsProject *self, gpointer object, const char *property, int value)
{
  GParamSpec *pspec;
  g_auto (GValue) v = G_VALUE_INIT;

  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (pspec != NULL && G_IS_PARAM_SPEC_ENUM (pspec));

  g_value_init (&v, pspec->value_type);
  g_value_set_enum (&v, value);
  kts_project_set_property (self, object, property, &v);
}

void
kts_project_set_boolean (KtsProject *self, gpointer object, const char *property, gboolean value)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  kts_project_set_property (self, object, property, &v);
}

void
kts_project_set_double (KtsProject *self, gpointer object, const char *property, double value)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  kts_project_set_property (self, object, property, &v);
}

void
kts_project_set_object (KtsProject *self, gpointer object, const char *property, gpointer value)
{
  g_auto (GValue) v = G_VALUE_INIT;

  g_return_if_fail (value == NULL || G_IS_OBJECT (value));

  g_value_init (&v, G_TYPE_OBJECT);
  g_value_set_object (&v, value);
  kts_project_set_property (self, object, property, &v);
}

void
kts_project_set_title (KtsProject *self, const char *title)
{
  kts_project_set_string (self, self, "title", title);
}

/* ---- Removing codings (shared by several operations) --------------------------- */

/* Removes @codings (KtsCoding, in the order given) from the move anchors that
 * name them and then from their documents. Must run inside a group. */
static void
remove_codings (KtsProject *self, GPtrArray *codings)
{
  GListModel *episodes = G_LIST_MODEL (self->episodes);
  guint       n_episodes = g_list_model_get_n_items (episodes);
  g_autoptr (GHashTable) set = NULL;

  if (codings->len == 0)
    return;

  set = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < codings->len; i++)
    g_hash_table_add (set, codings->pdata[i]);

  for (guint e = 0; e < n_episodes; e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      GListModel *moves = kts_episode_get_moves (episode);
      guint       n_moves = g_list_model_get_n_items (moves);

      for (guint m = 0; m < n_moves; m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          GPtrArray *anchors = kts_move_get_anchors (move);
          g_autoptr (GPtrArray) kept = g_ptr_array_new ();

          for (guint a = 0; a < anchors->len; a++)
            if (!g_hash_table_contains (set, anchors->pdata[a]))
              g_ptr_array_add (kept, anchors->pdata[a]);

          if (kept->len != anchors->len)
            run (self, kts_command_anchors_new (move, (KtsCoding **)kept->pdata, kept->len), NULL);
        }
    }

  for (guint i = 0; i < codings->len; i++)
    {
      KtsCoding   *coding = codings->pdata[i];
      KtsDocument *document = kts_coding_get_document (coding);
      guint        position = 0;

      if (!_kts_document_find_coding (document, coding, &position))
        g_assert_not_reached ();
      run (self, kts_command_list_new (FALSE, KTS_LIST_CODINGS, document, coding, position), NULL);
    }
}

/* Appends the codings of @document whose code is in @codes (all when NULL),
 * last first, so each removal takes the end of the sorted list. */
static void
collect_codings (KtsDocument *document, GHashTable *codes, GPtrArray *out)
{
  GListModel *model = kts_document_get_codings (document);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (model, i - 1);

      if (codes == NULL || g_hash_table_contains (codes, kts_coding_get_code (coding)))
        g_ptr_array_add (out, coding);
    }
}

/* ---- Documents ----------------------------------------------------------------- */

gboolean
kts_project_add_document (KtsProject *self, KtsDocument *document, int position, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_guid_free (self, KTS_ITEM (document), error))
    return FALSE;
  if (g_list_model_get_n_items (kts_document_get_codings (document)) > 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add “%s”: it already has codings; add the document first, then its "
                      "codings"),
                   display_name (document));
      return FALSE;
    }

  label = g_strdup_printf (_ ("Add document “%s”"), display_name (document));
  run (self,
       kts_command_list_new (TRUE, KTS_LIST_DOCUMENTS, NULL, document,
                             clamp_position (self->documents, position)),
       label);
  return TRUE;
}

void
kts_project_remove_document (KtsProject *self, KtsDocument *document)
{
  g_autofree char *label = NULL;
  g_autoptr (GPtrArray) codings = NULL;
  GListModel *model;
  guint       n;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_DOCUMENT (document));
  g_return_if_fail (contains (self, document));

  label = g_strdup_printf (_ ("Remove document “%s”"), display_name (document));
  kts_project_begin_group (self, label);

  /* Episodes that come from this transcript lose the link. */
  model = G_LIST_MODEL (self->episodes);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (model, i);

      if (kts_episode_get_document (episode) == document)
        run_set_object (self, episode, "document", NULL);
    }

  /* Its practice sets go with it, from the end so positions stay valid. */
  model = G_LIST_MODEL (self->practice_sets);
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr (KtsPracticeSet) set = g_list_model_get_item (model, i - 1);

      if (kts_practice_set_get_document (set) == document)
        run (self, kts_command_list_new (FALSE, KTS_LIST_PRACTICE_SETS, NULL, set, i - 1), NULL);
    }

  codings = g_ptr_array_new ();
  collect_codings (document, NULL, codings);
  remove_codings (self, codings);

  run (self,
       kts_command_list_new (FALSE, KTS_LIST_DOCUMENTS, NULL, document,
                             store_position (self->documents, document)),
       NULL);

  kts_project_end_group (self);
}

void
kts_project_move_document (KtsProject *self, KtsDocument *document, guint new_position)
{
  g_autofree char *label = NULL;
  guint            from, n;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_DOCUMENT (document));
  g_return_if_fail (contains (self, document));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  new_position = MIN (new_position, n - 1);
  from = store_position (self->documents, document);
  if (from == new_position)
    return;

  label = g_strdup_printf (_ ("Move document “%s”"), display_name (document));
  run (self, kts_command_reorder_new (KTS_LIST_DOCUMENTS, NULL, document, from, new_position),
       label);
}

void
kts_project_set_speaker_role (KtsProject *self, KtsDocument *document, guint speaker, KtsRole role)
{
  const KtsSpeaker *s;
  g_autofree char  *label = NULL;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_DOCUMENT (document));
  g_return_if_fail (contains (self, document));
  g_return_if_fail (speaker < kts_document_get_n_speakers (document));

  s = kts_document_get_speaker (document, speaker);
  if (s->role == role)
    return;

  label = g_strdup_printf (_ ("Change the role of speaker “%s” in “%s”"), s->label,
                           display_name (document));
  run (self, kts_command_speaker_role_new (document, speaker, s->role, role), label);
}

void
kts_project_set_document_attribute (KtsProject  *self,
                                    KtsDocument *document,
                                    const char  *name,
                                    const char  *value)
{
  const char      *old_value;
  g_autofree char *label = NULL;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_DOCUMENT (document));
  g_return_if_fail (contains (self, document));
  g_return_if_fail (name != NULL && name[0] != '\0');

  if (value != NULL && value[0] == '\0')
    value = NULL;
  old_value = kts_document_get_attribute (document, name);
  if (g_strcmp0 (old_value, value) == 0)
    return;

  if (value == NULL)
    label = g_strdup_printf (_ ("Remove attribute “%s” of “%s”"), name, display_name (document));
  else
    label = g_strdup_printf (_ ("Set attribute “%s” of “%s”"), name, display_name (document));
  run (self,
       kts_command_attribute_new (document, name, old_value,
                                  _kts_document_get_attribute_position (document, name), value),
       label);
}

/* ---- Codebook ------------------------------------------------------------------ */

static gboolean
in_codebook (KtsProject *self, KtsCode *code)
{
  return kts_codebook_lookup_guid (self->codebook, kts_item_get_guid (KTS_ITEM (code))) == code;
}

gboolean
kts_project_add_code (
    KtsProject *self, KtsCode *code, KtsCode *parent, int position, GError **error)
{
  GListStore      *store;
  const char      *key;
  int              shortcut;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODE (code), FALSE);
  g_return_val_if_fail (parent == NULL || KTS_IS_CODE (parent), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kts_code_get_name (code) == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the code %s: a code needs a name"),
                   kts_item_get_guid (KTS_ITEM (code)));
      return FALSE;
    }
  if (!check_guid_free (self, KTS_ITEM (code), error))
    return FALSE;
  if (kts_code_get_parent (code) != NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the code “%s”: it already belongs to “%s”"), display_name (code),
                   display_name (kts_code_get_parent (code)));
      return FALSE;
    }
  if (g_list_model_get_n_items (kts_code_get_children (code)) > 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the code “%s”: it already has sub-codes; add it first, then "
                      "its sub-codes"),
                   display_name (code));
      return FALSE;
    }
  if (parent != NULL && !in_codebook (self, parent))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the code “%s” under “%s”, which is not in this codebook"),
                   display_name (code), display_name (parent));
      return FALSE;
    }
  key = kts_code_get_key (code);
  if (key != NULL && kts_codebook_lookup_key (self->codebook, key) != NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the code “%s”: the key “%s” is already used by “%s”"),
                   display_name (code), key,
                   display_name (kts_codebook_lookup_key (self->codebook, key)));
      return FALSE;
    }
  shortcut = kts_code_get_shortcut (code);
  if (shortcut != 0 && kts_codebook_lookup_shortcut (self->codebook, shortcut) != NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the code “%s”: the shortcut %d is already used by “%s”"),
                   display_name (code), shortcut,
                   display_name (kts_codebook_lookup_shortcut (self->codebook, shortcut)));
      return FALSE;
    }

  store = _kts_project_get_store (self, KTS_LIST_CODES, parent);
  label = g_strdup_printf (_ ("Add code “%s”"), display_name (code));
  run (self,
       kts_command_list_new (TRUE, KTS_LIST_CODES, parent, code, clamp_position (store, position)),
       label);
  return TRUE;
}

static void
collect_subtree (KtsCode *code, GHashTable *set)
{
  GListModel *children = kts_code_get_children (code);
  guint       n = g_list_model_get_n_items (children);

  g_hash_table_add (set, code);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      collect_subtree (child, set);
    }
}

/* Records the removal of @code, its sub-codes and all their codings. */
static void
remove_code_in_group (KtsProject *self, KtsCode *code)
{
  g_autoptr (GHashTable) subtree = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) codings = g_ptr_array_new ();
  GListModel    *documents = G_LIST_MODEL (self->documents);
  guint          n_documents = g_list_model_get_n_items (documents);
  KtsCode       *parent = kts_code_get_parent (code);
  guint          n_counted = 0;
  GHashTableIter iter;
  gpointer       member;

  collect_subtree (code, subtree);

  g_hash_table_iter_init (&iter, subtree);
  while (g_hash_table_iter_next (&iter, &member, NULL))
    n_counted += kts_project_count_codings (self, member);

  /* One pass over all codings, only when some are affected. */
  for (guint d = 0; n_counted > 0 && d < n_documents; d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      collect_codings (document, subtree, codings);
    }
  remove_codings (self, codings);

  run (self,
       kts_command_list_new (
           FALSE, KTS_LIST_CODES, parent, code,
           store_position (_kts_project_get_store (self, KTS_LIST_CODES, parent), code)),
       NULL);
}

void
kts_project_remove_code (KtsProject *self, KtsCode *code)
{
  g_autofree char *label = NULL;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_CODE (code));
  g_return_if_fail (in_codebook (self, code));

  label = g_strdup_printf (_ ("Remove code “%s”"), display_name (code));
  kts_project_begin_group (self, label);
  remove_code_in_group (self, code);
  kts_project_end_group (self);
}

/* Records moving @code to @position under @new_parent (-1 = at the end). */
static void
run_move_code (
    KtsProject *self, KtsCode *code, KtsCode *new_parent, int position, const char *label)
{
  KtsCode    *old_parent = kts_code_get_parent (code);
  GListStore *old_store = _kts_project_get_store (self, KTS_LIST_CODES, old_parent);
  GListStore *new_store = _kts_project_get_store (self, KTS_LIST_CODES, new_parent);
  guint       old_position = store_position (old_store, code);
  guint       n = g_list_model_get_n_items (G_LIST_MODEL (new_store));
  guint       new_position;

  /* Positions count in the new list after the code has left the old one. */
  if (old_store == new_store)
    n--;
  new_position = position < 0 || (guint)position > n ? n : (guint)position;
  if (old_store == new_store && old_position == new_position)
    return;

  run (self, kts_command_move_code_new (code, old_parent, old_position, new_parent, new_position),
       label);
}

gboolean
kts_project_move_code (
    KtsProject *self, KtsCode *code, KtsCode *new_parent, int position, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODE (code), FALSE);
  g_return_val_if_fail (new_parent == NULL || KTS_IS_CODE (new_parent), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!in_codebook (self, code) || (new_parent != NULL && !in_codebook (self, new_parent)))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot move “%s”: the code or its new parent is not in this codebook"),
                   display_name (code));
      return FALSE;
    }
  if (new_parent != NULL && kts_code_is_descendant_of (new_parent, code))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot move “%s” into “%s”: a code cannot go inside itself or one of its "
                      "sub-codes"),
                   display_name (code), display_name (new_parent));
      return FALSE;
    }

  label = g_strdup_printf (_ ("Move code “%s”"), display_name (code));
  run_move_code (self, code, new_parent, position, label);
  return TRUE;
}

gboolean
kts_project_merge_codes (KtsProject *self, KtsCode *source, KtsCode *target, GError **error)
{
  g_autofree char *label = NULL;
  GListModel      *children;
  GListModel      *documents = G_LIST_MODEL (self->documents);
  guint            n_documents = g_list_model_get_n_items (documents);

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODE (source), FALSE);
  g_return_val_if_fail (KTS_IS_CODE (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!in_codebook (self, source) || !in_codebook (self, target))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot merge “%s” into “%s”: both codes must be in this codebook"),
                   display_name (source), display_name (target));
      return FALSE;
    }
  if (source == target)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot merge “%s” into itself"), display_name (source));
      return FALSE;
    }
  if (kts_code_is_descendant_of (target, source))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot merge “%s” into its own sub-code “%s”"), display_name (source),
                   display_name (target));
      return FALSE;
    }
  if (kts_project_count_codings (self, source) > 0 && !kts_code_get_codable (target))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot merge “%s” into “%s”: “%s” only groups other codes and cannot be "
                      "applied to text"),
                   display_name (source), display_name (target), display_name (target));
      return FALSE;
    }

  /* Merging re-points codings: not those a submitted practice set locks. */
  for (guint d = 0; kts_project_count_codings (self, source) > 0 && d < n_documents; d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      GListModel *model = kts_document_get_codings (document);
      guint       n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (model, i);
          KtsPracticeSet *set = kts_coding_get_code (coding) == source
                                    ? locking_set (self, document, kts_coding_get_coder (coding))
                                    : NULL;

          if (set != NULL)
            {
              set_locked_error (error, set);
              return FALSE;
            }
        }
    }

  label
      = g_strdup_printf (_ ("Merge “%s” into “%s”"), display_name (source), display_name (target));
  kts_project_begin_group (self, label);

  for (guint d = 0; kts_project_count_codings (self, source) > 0 && d < n_documents; d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      GListModel *model = kts_document_get_codings (document);
      guint       n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (model, i);

          if (kts_coding_get_code (coding) == source)
            run_set_object (self, coding, "code", target);
        }
    }

  children = kts_code_get_children (source);
  while (g_list_model_get_n_items (children) > 0)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, 0);
      run_move_code (self, child, target, -1, NULL);
    }

  remove_code_in_group (self, source);
  kts_project_end_group (self);
  return TRUE;
}

void
kts_project_set_code_shortcut (KtsProject *self, KtsCode *code, int digit)
{
  g_autofree char *label = NULL;
  g_autoptr (GPtrArray) codes = NULL;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_CODE (code));
  g_return_if_fail (in_codebook (self, code));
  g_return_if_fail (digit >= 0 && digit <= 9);

  if (kts_code_get_shortcut (code) == digit)
    return;

  label = g_strdup_printf (_ ("Set the shortcut of “%s”"), display_name (code));
  kts_project_begin_group (self, label);
  codes = kts_codebook_list_codes (self->codebook);
  for (guint i = 0; digit != 0 && i < codes->len; i++)
    if (codes->pdata[i] != code && kts_code_get_shortcut (codes->pdata[i]) == digit)
      run_set_int (self, codes->pdata[i], "shortcut", 0);
  run_set_int (self, code, "shortcut", digit);
  kts_project_end_group (self);
}

void
kts_project_bump_codebook_version (KtsProject *self, const char *text)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;
  int              version;

  g_return_if_fail (KTS_IS_PROJECT (self));

  now = g_date_time_new_now_utc ();
  date = g_date_time_format (now, "%Y-%m-%d");
  version = kts_codebook_get_version (self->codebook);

  label = g_strdup_printf (_ ("Raise the codebook version to %d"), version + 1);
  run (self,
       kts_command_codebook_version_new (self->codebook, version, version + 1, date,
                                         text != NULL && text[0] != '\0' ? text : NULL),
       label);
}

/* ---- Coders and codings --------------------------------------------------------- */

gboolean
kts_project_add_coder (KtsProject *self, KtsCoder *coder, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODER (coder), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_guid_free (self, KTS_ITEM (coder), error))
    return FALSE;

  label = g_strdup_printf (_ ("Add coder “%s”"), display_name (coder));
  run (self,
       kts_command_list_new (TRUE, KTS_LIST_CODERS, NULL, coder,
                             g_list_model_get_n_items (G_LIST_MODEL (self->coders))),
       label);
  return TRUE;
}

gboolean
kts_project_add_coding (KtsProject *self, KtsCoding *coding, GError **error)
{
  KtsDocument     *document;
  KtsCode         *code;
  KtsCoder        *coder;
  guint            start, end, n;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODING (coding), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = kts_coding_get_document (coding);
  code = kts_coding_get_code (coding);
  coder = kts_coding_get_coder (coding);
  start = kts_coding_get_start (coding);
  end = kts_coding_get_end (coding);

  if (document == NULL || !contains (self, document))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the coding %s: its document “%s” is not in this project"),
                   kts_item_get_guid (KTS_ITEM (coding)),
                   document != NULL ? display_name (document) : "");
      return FALSE;
    }
  if (code == NULL || !in_codebook (self, code))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot code %u–%u of “%s”: the code “%s” is not in this project’s "
                      "codebook"),
                   start, end, display_name (document), code != NULL ? display_name (code) : "");
      return FALSE;
    }
  if (!kts_code_get_codable (code))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot code %u–%u of “%s” with “%s”: this code only groups other codes"),
                   start, end, display_name (document), display_name (code));
      return FALSE;
    }
  if (coder != NULL && !contains (self, coder))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot code %u–%u of “%s”: the coder “%s” is not in this project"), start,
                   end, display_name (document), display_name (coder));
      return FALSE;
    }
  if (start >= end)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot code %u–%u of “%s”: the passage is empty"), start, end,
                   display_name (document));
      return FALSE;
    }
  n = kts_document_get_n_characters (document);
  if (end > n)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot code %u–%u of “%s”: the document has only %u characters"), start, end,
                   display_name (document), n);
      return FALSE;
    }
  if (!check_guid_free (self, KTS_ITEM (coding), error))
    return FALSE;
  if (locking_set (self, document, coder) != NULL)
    {
      set_locked_error (error, locking_set (self, document, coder));
      return FALSE;
    }

  label = g_strdup_printf (_ ("Apply code “%s”"), display_name (code));
  /* The codings list is sorted; the position is found on insertion. */
  run (self, kts_command_list_new (TRUE, KTS_LIST_CODINGS, document, coding, 0), label);
  return TRUE;
}

KtsCoding *
kts_project_apply_code (KtsProject  *self,
                        KtsDocument *document,
                        guint        start,
                        guint        end,
                        KtsCode     *code,
                        KtsCoder    *coder,
                        KtsActor     actor,
                        GError     **error)
{
  g_autoptr (KtsCoding) coding = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (KTS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (KTS_IS_CODE (code), NULL);
  g_return_val_if_fail (coder == NULL || KTS_IS_CODER (coder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  coding = g_object_new (KTS_TYPE_CODING, "document", document, "start", start, "end", end, "code",
                         code, "coder", coder, "actor", actor, "created",
                         g_get_real_time () / G_USEC_PER_SEC, NULL);
  if (!kts_project_add_coding (self, coding, error))
    return NULL;
  return coding; /* the project holds a reference */
}

gboolean
kts_project_try_remove_coding (KtsProject *self, KtsCoding *coding, GError **error)
{
  g_autofree char *label = NULL;
  g_autoptr (GPtrArray) one = NULL;
  KtsPracticeSet *set;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODING (coding), FALSE);
  g_return_val_if_fail (contains (self, coding), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set = locking_set (self, kts_coding_get_document (coding), kts_coding_get_coder (coding));
  if (set != NULL)
    {
      set_locked_error (error, set);
      return FALSE;
    }

  label = g_strdup_printf (_ ("Remove coding of “%s”"), display_name (coding));
  one = g_ptr_array_new ();
  g_ptr_array_add (one, coding);

  kts_project_begin_group (self, label);
  remove_codings (self, one);
  kts_project_end_group (self);
  return TRUE;
}

void
kts_project_remove_coding (KtsProject *self, KtsCoding *coding)
{
  g_autoptr (GError) error = NULL;

  if (!kts_project_try_remove_coding (self, coding, &error) && error != NULL)
    g_warning ("%s", error->message);
}

/* ---- Practice sets ---------------------------------------------------------------- */

gboolean
kts_project_add_practice_set (KtsProject *self, KtsPracticeSet *set, GError **error)
{
  g_autofree char *label = NULL;
  KtsDocument     *document;
  KtsCoder        *reference, *student;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (set), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_guid_free (self, KTS_ITEM (set), error))
    return FALSE;

  document = kts_practice_set_get_document (set);
  reference = kts_practice_set_get_reference_coder (set);
  student = kts_practice_set_get_student_coder (set);
  if (document == NULL || reference == NULL || student == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The practice set “%s” needs a transcript, a reference coder and a student"),
                   display_name (set));
      return FALSE;
    }
  if (!contains (self, document) || !contains (self, reference) || !contains (self, student))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the practice set “%s”: its transcript or coders are not in this "
                      "project"),
                   display_name (set));
      return FALSE;
    }
  if (reference == student)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The reference and the student of “%s” must be different coders"),
                   display_name (set));
      return FALSE;
    }

  label = g_strdup_printf (_ ("Add practice set “%s”"), display_name (set));
  run (self,
       kts_command_list_new (TRUE, KTS_LIST_PRACTICE_SETS, NULL, set,
                             g_list_model_get_n_items (G_LIST_MODEL (self->practice_sets))),
       label);
  return TRUE;
}

void
kts_project_remove_practice_set (KtsProject *self, KtsPracticeSet *set)
{
  g_autofree char *label = NULL;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_PRACTICE_SET (set));
  g_return_if_fail (contains (self, set));

  label = g_strdup_printf (_ ("Remove practice set “%s”"), display_name (set));
  run (self,
       kts_command_list_new (FALSE, KTS_LIST_PRACTICE_SETS, NULL, set,
                             store_position (self->practice_sets, set)),
       label);
}

gboolean
kts_project_submit_practice_set (KtsProject *self, KtsPracticeSet *set, GError **error)
{
  KtsDocument *document;
  KtsCoder    *student;
  GListModel  *codings;
  guint        n, n_coded = 0;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (set), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!contains (self, set))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The practice set “%s” is not in this project"), display_name (set));
      return FALSE;
    }
  if (kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_SUBMITTED)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The practice set “%s” was submitted already"), display_name (set));
      return FALSE;
    }

  document = kts_practice_set_get_document (set);
  student = kts_practice_set_get_student_coder (set);
  codings = kts_document_get_codings (document);
  n = g_list_model_get_n_items (codings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      if (kts_coding_get_coder (coding) == student && kts_coding_get_code (coding) != NULL
          && kts_practice_set_includes_code (set, kts_coding_get_code (coding)))
        n_coded++;
    }
  if (n_coded == 0)
    {
      g_autofree char *layers = kts_practice_set_dup_layers_label (set);

      g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY,
                   _ ("Nothing to submit: “%s” has not coded any passage of “%s” with the codes "
                      "of %s"),
                   display_name (student), display_name (document), layers);
      return FALSE;
    }

  _kts_practice_set_mark_submitted (set, g_get_real_time () / G_USEC_PER_SEC);

  /* Not a command, and no history survives it: see kts-project.h. */
  free_commands (self->redo_stack);
  free_commands (self->undo_stack);
  self->clean_id = NEVER_CLEAN;

  emit_changed (self);
  update_state (self);
  return TRUE;
}

/* ---- Cases, episodes, moves, edges -------------------------------------------- */

gboolean
kts_project_add_case (KtsProject *self, KtsCase *kase, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_guid_free (self, KTS_ITEM (kase), error))
    return FALSE;

  label = g_strdup_printf (_ ("Add case “%s”"), display_name (kase));
  run (self,
       kts_command_list_new (TRUE, KTS_LIST_CASES, NULL, kase,
                             g_list_model_get_n_items (G_LIST_MODEL (self->cases))),
       label);
  return TRUE;
}

void
kts_project_remove_case (KtsProject *self, KtsCase *kase)
{
  g_autofree char *label = NULL;
  GListModel      *episodes = G_LIST_MODEL (self->episodes);
  guint            n = g_list_model_get_n_items (episodes);

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_CASE (kase));
  g_return_if_fail (contains (self, kase));

  label = g_strdup_printf (_ ("Remove case “%s”"), display_name (kase));
  kts_project_begin_group (self, label);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, i);

      if (kts_episode_get_case (episode) == kase)
        run_set_object (self, episode, "case", NULL);
    }
  run (self,
       kts_command_list_new (FALSE, KTS_LIST_CASES, NULL, kase, store_position (self->cases, kase)),
       NULL);
  kts_project_end_group (self);
}

/* Checks that the anchors of @move are codings of this project. */
static gboolean
check_anchors (KtsProject *self, KtsMove *move, KtsCoding **anchors, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      if (!KTS_IS_CODING (anchors[i]) || !contains (self, anchors[i]))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("The move “%s” cannot rest on a coding that is not in this project"),
                       display_name (move));
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (anchors[j] == anchors[i])
          {
            g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                         _ ("The move “%s” lists the coding %s twice"), display_name (move),
                         kts_item_get_guid (KTS_ITEM (anchors[i])));
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
check_new_move (KtsProject *self, KtsMove *move, GHashTable *seen, GError **error)
{
  GPtrArray *anchors = kts_move_get_anchors (move);

  if (contains (self, move))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The move “%s” is already in an episode"), display_name (move));
      return FALSE;
    }
  if (!check_guid_free (self, KTS_ITEM (move), error))
    return FALSE;
  if (seen != NULL && !g_hash_table_add (seen, (gpointer)kts_item_get_guid (KTS_ITEM (move))))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The identifier %s is used twice"), kts_item_get_guid (KTS_ITEM (move)));
      return FALSE;
    }
  return check_anchors (self, move, (KtsCoding **)anchors->pdata, anchors->len, error);
}

static gboolean
episode_has_move (KtsEpisode *episode, KtsMove *move)
{
  guint position;

  return move != NULL
         && g_list_store_find (_kts_episode_get_moves_store (episode), move, &position);
}

static gboolean
check_edge (KtsEpisode *episode, KtsEdge *edge, GError **error)
{
  KtsMove *source = kts_edge_get_source (edge);
  KtsMove *target = kts_edge_get_target (edge);

  if (!episode_has_move (episode, source) || !episode_has_move (episode, target))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("A link in “%s” must join two moves of that episode"),
                   display_name (episode));
      return FALSE;
    }
  if (source == target)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("A link in “%s” cannot lead from the move “%s” to itself"),
                   display_name (episode), display_name (source));
      return FALSE;
    }
  return TRUE;
}

gboolean
kts_project_add_episode (KtsProject *self, KtsEpisode *episode, GError **error)
{
  g_autofree char *label = NULL;
  g_autoptr (GHashTable) seen = NULL;
  KtsCase     *kase;
  KtsDocument *document;
  GListModel  *model;
  guint        n;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_guid_free (self, KTS_ITEM (episode), error))
    return FALSE;

  kase = kts_episode_get_case (episode);
  document = kts_episode_get_document (episode);
  if ((kase != NULL && !contains (self, kase)) || (document != NULL && !contains (self, document)))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the episode “%s”: its case or document is not in this project"),
                   display_name (episode));
      return FALSE;
    }

  /* An episode may arrive with its moves and edges (from a loader). */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (seen, (gpointer)kts_item_get_guid (KTS_ITEM (episode)));
  model = kts_episode_get_moves (episode);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (model, i);

      if (!check_new_move (self, move, seen, error))
        return FALSE;
    }
  model = kts_episode_get_edges (episode);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsEdge) edge = g_list_model_get_item (model, i);

      if (!check_guid_free (self, KTS_ITEM (edge), error) || !check_edge (episode, edge, error))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer)kts_item_get_guid (KTS_ITEM (edge))))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("The identifier %s is used twice"), kts_item_get_guid (KTS_ITEM (edge)));
          return FALSE;
        }
    }

  label = g_strdup_printf (_ ("Add episode “%s”"), display_name (episode));
  run (self,
       kts_command_list_new (TRUE, KTS_LIST_EPISODES, NULL, episode,
                             g_list_model_get_n_items (G_LIST_MODEL (self->episodes))),
       label);
  return TRUE;
}

void
kts_project_remove_episode (KtsProject *self, KtsEpisode *episode)
{
  g_autofree char *label = NULL;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_EPISODE (episode));
  g_return_if_fail (contains (self, episode));

  label = g_strdup_printf (_ ("Remove episode “%s”"), display_name (episode));
  run (self,
       kts_command_list_new (FALSE, KTS_LIST_EPISODES, NULL, episode,
                             store_position (self->episodes, episode)),
       label);
}

gboolean
kts_project_add_move (
    KtsProject *self, KtsEpisode *episode, KtsMove *move, int position, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (KTS_IS_MOVE (move), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!contains (self, episode))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add the move “%s”: the episode “%s” is not in this project"),
                   display_name (move), display_name (episode));
      return FALSE;
    }
  if (!check_new_move (self, move, NULL, error))
    return FALSE;

  label = g_strdup_printf (_ ("Add move “%s”"), display_name (move));
  run (self,
       kts_command_list_new (TRUE, KTS_LIST_MOVES, episode, move,
                             clamp_position (_kts_episode_get_moves_store (episode), position)),
       label);
  return TRUE;
}

void
kts_project_remove_move (KtsProject *self, KtsEpisode *episode, KtsMove *move)
{
  g_autofree char *label = NULL;
  GListStore      *edges;
  GListStore      *moves;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_EPISODE (episode));
  g_return_if_fail (KTS_IS_MOVE (move));
  g_return_if_fail (contains (self, episode));
  g_return_if_fail (episode_has_move (episode, move));

  edges = _kts_episode_get_edges_store (episode);
  moves = _kts_episode_get_moves_store (episode);

  label = g_strdup_printf (_ ("Remove move “%s”"), display_name (move));
  kts_project_begin_group (self, label);
  /* From the end, so earlier positions stay valid. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (edges)); i > 0; i--)
    {
      g_autoptr (KtsEdge) edge = g_list_model_get_item (G_LIST_MODEL (edges), i - 1);

      if (kts_edge_get_source (edge) == move || kts_edge_get_target (edge) == move)
        run (self, kts_command_list_new (FALSE, KTS_LIST_EDGES, episode, edge, i - 1), NULL);
    }
  run (self,
       kts_command_list_new (FALSE, KTS_LIST_MOVES, episode, move, store_position (moves, move)),
       NULL);
  kts_project_end_group (self);
}

void
kts_project_reorder_move (KtsProject *self, KtsEpisode *episode, KtsMove *move, guint new_position)
{
  g_autofree char *label = NULL;
  GListStore      *moves;
  guint            from, n;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_EPISODE (episode));
  g_return_if_fail (KTS_IS_MOVE (move));
  g_return_if_fail (contains (self, episode));
  g_return_if_fail (episode_has_move (episode, move));

  moves = _kts_episode_get_moves_store (episode);
  n = g_list_model_get_n_items (G_LIST_MODEL (moves));
  new_position = MIN (new_position, n - 1);
  from = store_position (moves, move);
  if (from == new_position)
    return;

  label = g_strdup_printf (_ ("Reorder move “%s”"), display_name (move));
  run (self, kts_command_reorder_new (KTS_LIST_MOVES, episode, move, from, new_position), label);
}

gboolean
kts_project_set_move_anchors (
    KtsProject *self, KtsMove *move, KtsCoding **anchors, guint n_anchors, GError **error)
{
  g_autofree char *label = NULL;
  GPtrArray       *current;
  gboolean         same;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_MOVE (move), FALSE);
  g_return_val_if_fail (n_anchors == 0 || anchors != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!contains (self, move))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("The move “%s” is not in this project"), display_name (move));
      return FALSE;
    }
  if (!check_anchors (self, move, anchors, n_anchors, error))
    return FALSE;

  current = kts_move_get_anchors (move);
  same = current->len == n_anchors;
  for (guint i = 0; same && i < n_anchors; i++)
    same = current->pdata[i] == anchors[i];
  if (same)
    return TRUE;

  label = g_strdup_printf (_ ("Change the evidence of “%s”"), display_name (move));
  run (self, kts_command_anchors_new (move, anchors, n_anchors), label);
  return TRUE;
}

gboolean
kts_project_add_edge (KtsProject *self, KtsEpisode *episode, KtsEdge *edge, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (KTS_IS_EPISODE (episode), FALSE);
  g_return_val_if_fail (KTS_IS_EDGE (edge), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!contains (self, episode))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot add a link: the episode “%s” is not in this project"),
                   display_name (episode));
      return FALSE;
    }
  if (!check_guid_free (self, KTS_ITEM (edge), error) || !check_edge (episode, edge, error))
    return FALSE;

  label = g_strdup_printf (_ ("Link “%s” to “%s”"), display_name (kts_edge_get_source (edge)),
                           display_name (kts_edge_get_target (edge)));
  run (self,
       kts_command_list_new (
           TRUE, KTS_LIST_EDGES, episode, edge,
           g_list_model_get_n_items (G_LIST_MODEL (_kts_episode_get_edges_store (episode)))),
       label);
  return TRUE;
}

void
kts_project_remove_edge (KtsProject *self, KtsEpisode *episode, KtsEdge *edge)
{
  g_autofree char *label = NULL;
  GListStore      *edges;
  guint            position;

  g_return_if_fail (KTS_IS_PROJECT (self));
  g_return_if_fail (KTS_IS_EPISODE (episode));
  g_return_if_fail (KTS_IS_EDGE (edge));
  g_return_if_fail (contains (self, episode));

  edges = _kts_episode_get_edges_store (episode);
  g_return_if_fail (g_list_store_find (edges, edge, &position));

  label = g_strdup_printf (_ ("Remove the link from “%s” to “%s”"),
                           display_name (kts_edge_get_source (edge)),
                           display_name (kts_edge_get_target (edge)));
  run (self, kts_command_list_new (FALSE, KTS_LIST_EDGES, episode, edge, position), label);
}
