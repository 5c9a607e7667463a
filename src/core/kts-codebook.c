/* kts-codebook.c: the tree of codes of a project, with lookup indexes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-codebook"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-codebook.h"
#include "kts-error.h"
#include "kts-model-private.h"

struct _KtsCodebook
{
  GObject parent_instance;

  char       *name;
  int         version;
  GListStore *roots;
  GHashTable *by_guid;   /* guid → KtsCode, not owned */
  GHashTable *by_key;    /* key (owned copy) → KtsCode, not owned */
  GPtrArray  *changelog; /* of KtsChangelogEntry */
};

G_DEFINE_FINAL_TYPE (KtsCodebook, kts_codebook, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_VERSION,
  PROP_N_CODES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changelog_entry_free (gpointer data)
{
  KtsChangelogEntry *entry = data;

  g_free (entry->date);
  g_free (entry->text);
  g_free (entry);
}

static void
kts_codebook_dispose (GObject *object)
{
  KtsCodebook *self = KTS_CODEBOOK (object);

  g_hash_table_remove_all (self->by_guid);
  g_hash_table_remove_all (self->by_key);
  g_list_store_remove_all (self->roots);

  G_OBJECT_CLASS (kts_codebook_parent_class)->dispose (object);
}

static void
kts_codebook_finalize (GObject *object)
{
  KtsCodebook *self = KTS_CODEBOOK (object);

  g_free (self->name);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->by_guid, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->changelog, g_ptr_array_unref);

  G_OBJECT_CLASS (kts_codebook_parent_class)->finalize (object);
}

static void
kts_codebook_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCodebook *self = KTS_CODEBOOK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VERSION:
      g_value_set_int (value, self->version);
      break;

    case PROP_N_CODES:
      g_value_set_uint (value, g_hash_table_size (self->by_guid));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_codebook_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsCodebook *self = KTS_CODEBOOK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      if (_kts_set_string (&self->name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_VERSION:
      _kts_codebook_set_version (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_codebook_class_init (KtsCodebookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = kts_codebook_dispose;
  object_class->finalize = kts_codebook_finalize;
  object_class->get_property = kts_codebook_get_property;
  object_class->set_property = kts_codebook_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_VERSION] = g_param_spec_int ("version", NULL, NULL, 1, G_MAXINT, 1, rw);
  properties[PROP_N_CODES]
      = g_param_spec_uint ("n-codes", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
kts_codebook_init (KtsCodebook *self)
{
  self->version = 1;
  self->roots = g_list_store_new (KTS_TYPE_CODE);
  self->by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->changelog = g_ptr_array_new_with_free_func (changelog_entry_free);
}

KtsCodebook *
kts_codebook_new (void)
{
  return g_object_new (KTS_TYPE_CODEBOOK, NULL);
}

const char *
kts_codebook_get_name (KtsCodebook *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);
  return self->name;
}

int
kts_codebook_get_version (KtsCodebook *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK (self), 1);
  return self->version;
}

GListModel *
kts_codebook_get_roots (KtsCodebook *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);
  return G_LIST_MODEL (self->roots);
}

guint
kts_codebook_get_n_codes (KtsCodebook *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK (self), 0);
  return g_hash_table_size (self->by_guid);
}

KtsCode *
kts_codebook_lookup_guid (KtsCodebook *self, const char *guid)
{
  KtsCode *code;

  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);

  if (guid == NULL)
    return NULL;

  code = g_hash_table_lookup (self->by_guid, guid);
  if (code == NULL && kts_guid_is_valid (guid))
    {
      g_autofree char *lower = g_ascii_strdown (guid, -1);
      code = g_hash_table_lookup (self->by_guid, lower);
    }
  return code;
}

KtsCode *
kts_codebook_lookup_key (KtsCodebook *self, const char *key)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);

  if (key == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_key, key);
}

static void
collect_codes (GListModel *model, GPtrArray *out)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (model, i);

      g_ptr_array_add (out, code);
      collect_codes (kts_code_get_children (code), out);
    }
}

GPtrArray *
kts_codebook_list_codes (KtsCodebook *self)
{
  GPtrArray *codes;

  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);

  codes = g_ptr_array_sized_new (g_hash_table_size (self->by_guid));
  collect_codes (G_LIST_MODEL (self->roots), codes);
  return codes;
}

KtsCode *
kts_codebook_resolve (KtsCodebook *self, const char *guid_key_or_name, GError **error)
{
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GPtrArray) matches = NULL;
  KtsCode *code;

  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);
  g_return_val_if_fail (guid_key_or_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  code = kts_codebook_lookup_guid (self, guid_key_or_name);
  if (code == NULL)
    code = kts_codebook_lookup_key (self, guid_key_or_name);
  if (code != NULL)
    return code;

  codes = kts_codebook_list_codes (self);
  matches = g_ptr_array_new ();
  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (kts_code_get_name (codes->pdata[i]), guid_key_or_name) == 0)
      g_ptr_array_add (matches, codes->pdata[i]);

  /* No exact match: try again ignoring case. */
  if (matches->len == 0)
    {
      g_autofree char *folded = g_utf8_casefold (guid_key_or_name, -1);

      for (guint i = 0; i < codes->len; i++)
        {
          const char      *name = kts_code_get_name (codes->pdata[i]);
          g_autofree char *other = name != NULL ? g_utf8_casefold (name, -1) : NULL;

          if (g_strcmp0 (other, folded) == 0)
            g_ptr_array_add (matches, codes->pdata[i]);
        }
    }

  if (matches->len == 1)
    return matches->pdata[0];

  if (matches->len == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
                   _ ("The codebook has no code with the identifier, key or name “%s”"),
                   guid_key_or_name);
      return NULL;
    }

  {
    g_autoptr (GString) list = g_string_new (NULL);

    for (guint i = 0; i < matches->len; i++)
      {
        KtsCode *m = matches->pdata[i];

        if (i > 0)
          g_string_append (list, ", ");
        if (kts_code_get_key (m) != NULL)
          g_string_append_printf (list, "%s (%s)", kts_code_get_key (m),
                                  kts_item_get_guid (KTS_ITEM (m)));
        else
          g_string_append (list, kts_item_get_guid (KTS_ITEM (m)));
      }
    g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                 _ ("The code name “%s” is ambiguous; it matches %u codes: %s. Use a key or "
                    "identifier instead"),
                 guid_key_or_name, matches->len, list->str);
  }
  return NULL;
}

static KtsCode *
find_shortcut (GListModel *model, int digit)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (model, i);
      KtsCode *found;

      if (kts_code_get_shortcut (code) == digit)
        return code;
      found = find_shortcut (kts_code_get_children (code), digit);
      if (found != NULL)
        return found;
    }
  return NULL;
}

KtsCode *
kts_codebook_lookup_shortcut (KtsCodebook *self, int digit)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);

  if (digit < 1 || digit > 9)
    return NULL;
  return find_shortcut (G_LIST_MODEL (self->roots), digit);
}

const GPtrArray *
kts_codebook_get_changelog (KtsCodebook *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK (self), NULL);
  return self->changelog;
}

/* ---- Private ------------------------------------------------------------ */

GListStore *
_kts_codebook_get_roots_store (KtsCodebook *self)
{
  g_assert (KTS_IS_CODEBOOK (self));
  return self->roots;
}

static void
index_add (KtsCodebook *self, KtsCode *code)
{
  GListModel *children = kts_code_get_children (code);
  guint       n = g_list_model_get_n_items (children);
  const char *key = kts_code_get_key (code);

  g_hash_table_insert (self->by_guid, (gpointer)kts_item_get_guid (KTS_ITEM (code)), code);
  if (key != NULL && !g_hash_table_contains (self->by_key, key))
    g_hash_table_insert (self->by_key, g_strdup (key), code);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      index_add (self, child);
    }
}

static void
index_remove (KtsCodebook *self, KtsCode *code)
{
  GListModel *children = kts_code_get_children (code);
  guint       n = g_list_model_get_n_items (children);
  const char *key = kts_code_get_key (code);

  g_hash_table_remove (self->by_guid, kts_item_get_guid (KTS_ITEM (code)));
  if (key != NULL && g_hash_table_lookup (self->by_key, key) == code)
    g_hash_table_remove (self->by_key, key);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      index_remove (self, child);
    }
}

void
_kts_codebook_index_add (KtsCodebook *self, KtsCode *code)
{
  g_assert (KTS_IS_CODEBOOK (self));
  g_assert (KTS_IS_CODE (code));

  index_add (self, code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODES]);
}

void
_kts_codebook_index_remove (KtsCodebook *self, KtsCode *code)
{
  g_assert (KTS_IS_CODEBOOK (self));
  g_assert (KTS_IS_CODE (code));

  index_remove (self, code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODES]);
}

void
_kts_codebook_rekey (KtsCodebook *self, KtsCode *code, const char *old_key)
{
  const char *key = kts_code_get_key (code);

  g_assert (KTS_IS_CODEBOOK (self));
  g_assert (KTS_IS_CODE (code));

  if (old_key != NULL && g_hash_table_lookup (self->by_key, old_key) == code)
    g_hash_table_remove (self->by_key, old_key);
  if (key != NULL && !g_hash_table_contains (self->by_key, key))
    g_hash_table_insert (self->by_key, g_strdup (key), code);
}

void
_kts_codebook_set_version (KtsCodebook *self, int version)
{
  g_assert (KTS_IS_CODEBOOK (self));

  version = MAX (version, 1);
  if (self->version == version)
    return;
  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

void
_kts_codebook_add_changelog (KtsCodebook *self, int version, const char *date, const char *text)
{
  KtsChangelogEntry *entry;

  g_assert (KTS_IS_CODEBOOK (self));

  entry = g_new0 (KtsChangelogEntry, 1);
  entry->version = version;
  entry->date = g_strdup (date);
  entry->text = g_strdup (text);
  g_ptr_array_add (self->changelog, entry);
}

void
_kts_codebook_pop_changelog (KtsCodebook *self)
{
  g_assert (KTS_IS_CODEBOOK (self));
  g_assert (self->changelog->len > 0);

  g_ptr_array_remove_index (self->changelog, self->changelog->len - 1);
}

void
_kts_codebook_emit_changed (KtsCodebook *self)
{
  g_assert (KTS_IS_CODEBOOK (self));
  g_signal_emit (self, signals[CHANGED], 0);
}
