/* kts-import-item.c: one file of the import dialog: its reading, document, title and options.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-import-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-import-item.h"

struct _KtsImportItem
{
  GObject parent_instance;

  GFile             *file;
  char              *name;
  KtsImportItemState state;
  char              *title;
  gboolean           pseudonymised;
  gboolean           included;
  KtsDocument       *document;
  KtsTextEncoding    encoding;
  GPtrArray         *warnings;
  char              *error_message;

  GCancellable *detect_cancellable;
  guint         n_detecting;
};

G_DEFINE_FINAL_TYPE (KtsImportItem, kts_import_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KtsImportItemState,
                    kts_import_item_state,
                    G_DEFINE_ENUM_VALUE (KTS_IMPORT_ITEM_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (KTS_IMPORT_ITEM_READING, "reading"),
                    G_DEFINE_ENUM_VALUE (KTS_IMPORT_ITEM_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (KTS_IMPORT_ITEM_FAILED, "failed"))

enum
{
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_STATE,
  PROP_TITLE,
  PROP_PSEUDONYMISED,
  PROP_INCLUDED,
  PROP_DOCUMENT,
  PROP_ERROR_MESSAGE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (KtsImportItem *self, KtsImportItemState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* ---- turn detection in a thread ------------------------------------------------ */

typedef struct
{
  KtsDocument    *document;
  KtsSpeakerRole *overrides;
  guint           n_overrides;
  GArray         *speakers;
  GArray         *turns;
} DetectData;

static void
detect_data_free (DetectData *data)
{
  for (guint i = 0; i < data->n_overrides; i++)
    kts_speaker_role_clear (&data->overrides[i]);
  g_free (data->overrides);
  g_clear_object (&data->document);
  g_clear_pointer (&data->speakers, g_array_unref);
  g_clear_pointer (&data->turns, g_array_unref);
  g_free (data);
}

static void
detect_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  DetectData *data = task_data;
  GError     *error = NULL;

  /* The text of a document never changes, so reading it here is safe. */
  if (!kts_turns_detect (kts_document_get_text (data->document), data->overrides, data->n_overrides,
                         &data->speakers, &data->turns, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
detect_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  /* The item is the callback's data, not the task's source object, so it
   * is never released in the worker thread. */
  g_autoptr (KtsImportItem) self = user_data;
  GTask      *task = G_TASK (result);
  DetectData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  gboolean superseded = g_cancellable_is_cancelled (g_task_get_cancellable (task));

  g_assert (self->n_detecting > 0);
  self->n_detecting--;

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!superseded)
        g_warning ("%s: %s", self->name, error->message);
    }
  else if (!superseded && data->document == self->document)
    {
      if (!kts_document_set_turns (
              self->document, (const KtsSpeaker *)(gconstpointer)data->speakers->data,
              data->speakers->len, (const KtsTurn *)(gconstpointer)data->turns->data,
              data->turns->len, &error))
        g_warning ("%s: %s", self->name, error->message);
    }

  if (self->n_detecting == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
kts_import_item_detect_turns (KtsImportItem        *self,
                              const KtsSpeakerRole *overrides,
                              guint                 n_overrides)
{
  g_autoptr (GTask) task = NULL;
  DetectData *data;

  g_return_if_fail (KTS_IS_IMPORT_ITEM (self));
  g_return_if_fail (overrides != NULL || n_overrides == 0);

  if (self->state != KTS_IMPORT_ITEM_READY || self->document == NULL)
    return;

  if (self->detect_cancellable != NULL)
    g_cancellable_cancel (self->detect_cancellable);
  g_clear_object (&self->detect_cancellable);
  self->detect_cancellable = g_cancellable_new ();

  data = g_new0 (DetectData, 1);
  data->document = g_object_ref (self->document);
  data->n_overrides = n_overrides;
  data->overrides = g_new0 (KtsSpeakerRole, MAX (n_overrides, 1));
  for (guint i = 0; i < n_overrides; i++)
    {
      data->overrides[i].label = g_strdup (overrides[i].label);
      data->overrides[i].role = overrides[i].role;
    }

  task = g_task_new (NULL, self->detect_cancellable, detect_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, kts_import_item_detect_turns);
  g_task_set_task_data (task, data, (GDestroyNotify)detect_data_free);
  /* A superseded detection still finishes: its result is just not used. */
  g_task_set_check_cancellable (task, FALSE);

  self->n_detecting++;
  if (self->n_detecting == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_task_run_in_thread (task, detect_thread);
}

/* ---- state from the reader ---------------------------------------------------- */

void
kts_import_item_mark_reading (KtsImportItem *self)
{
  g_return_if_fail (KTS_IS_IMPORT_ITEM (self));

  if (self->state == KTS_IMPORT_ITEM_WAITING)
    set_state (self, KTS_IMPORT_ITEM_READING);
}

void
kts_import_item_take_result (KtsImportItem *self, KtsImportResult *result)
{
  g_return_if_fail (KTS_IS_IMPORT_ITEM (self));
  g_return_if_fail (result != NULL && KTS_IS_DOCUMENT (result->document));

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->document, result->document);
  self->encoding = result->encoding;
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  self->warnings = result->warnings != NULL ? g_ptr_array_ref (result->warnings)
                                            : g_ptr_array_new_with_free_func (g_free);
  if (self->title == NULL)
    kts_import_item_set_title (self, kts_document_get_title (result->document));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  set_state (self, KTS_IMPORT_ITEM_READY);
  g_object_thaw_notify (G_OBJECT (self));
  kts_import_result_free (result);
}

void
kts_import_item_take_error (KtsImportItem *self, GError *error)
{
  g_return_if_fail (KTS_IS_IMPORT_ITEM (self));
  g_return_if_fail (error != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->error_message);
  self->error_message = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  kts_import_item_set_included (self, FALSE);
  set_state (self, KTS_IMPORT_ITEM_FAILED);
  g_object_thaw_notify (G_OBJECT (self));
  g_error_free (error);
}

/* ---- accessors ---------------------------------------------------------------- */

GFile *
kts_import_item_get_file (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), NULL);
  return self->file;
}

const char *
kts_import_item_get_name (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), NULL);
  return self->name;
}

KtsImportItemState
kts_import_item_get_state (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), KTS_IMPORT_ITEM_WAITING);
  return self->state;
}

const char *
kts_import_item_get_title (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), NULL);
  return self->title;
}

void
kts_import_item_set_title (KtsImportItem *self, const char *title)
{
  g_return_if_fail (KTS_IS_IMPORT_ITEM (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
kts_import_item_get_pseudonymised (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), FALSE);
  return self->pseudonymised;
}

void
kts_import_item_set_pseudonymised (KtsImportItem *self, gboolean pseudonymised)
{
  g_return_if_fail (KTS_IS_IMPORT_ITEM (self));

  pseudonymised = !!pseudonymised;
  if (self->pseudonymised == pseudonymised)
    return;
  self->pseudonymised = pseudonymised;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PSEUDONYMISED]);
}

gboolean
kts_import_item_get_included (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), FALSE);
  return self->included;
}

void
kts_import_item_set_included (KtsImportItem *self, gboolean included)
{
  g_return_if_fail (KTS_IS_IMPORT_ITEM (self));

  /* A file that could not be read stays out. */
  included = !!included && self->state != KTS_IMPORT_ITEM_FAILED;
  if (self->included == included)
    return;
  self->included = included;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDED]);
}

KtsDocument *
kts_import_item_get_document (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), NULL);
  return self->document;
}

const char *
kts_import_item_get_error_message (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), NULL);
  return self->error_message;
}

gboolean
kts_import_item_get_busy (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), FALSE);
  return self->n_detecting > 0;
}

GPtrArray *
kts_import_item_get_warnings (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), NULL);
  return self->warnings;
}

char *
kts_import_item_dup_format_label (KtsImportItem *self)
{
  const char      *dot;
  g_autofree char *ext = NULL;

  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), NULL);

  dot = strrchr (self->name, '.');
  ext = dot != NULL ? g_ascii_strdown (dot, -1) : NULL;
  if (g_strcmp0 (ext, ".docx") == 0)
    return g_strdup (_ ("Word document"));
  if (g_strcmp0 (ext, ".odt") == 0)
    return g_strdup (_ ("OpenDocument text"));
  if (self->state != KTS_IMPORT_ITEM_READY)
    return g_strdup (_ ("Plain text"));
  /* Translators: "Plain text, UTF-16LE": the encoding a text file was read in */
  return g_strdup_printf (_ ("Plain text, %s"), kts_text_encoding_get_name (self->encoding));
}

gboolean
kts_import_item_is_importable (KtsImportItem *self)
{
  g_return_val_if_fail (KTS_IS_IMPORT_ITEM (self), FALSE);
  return self->state == KTS_IMPORT_ITEM_READY && self->included;
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
kts_import_item_dispose (GObject *object)
{
  KtsImportItem *self = KTS_IMPORT_ITEM (object);

  if (self->detect_cancellable != NULL)
    g_cancellable_cancel (self->detect_cancellable);
  g_clear_object (&self->detect_cancellable);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (kts_import_item_parent_class)->dispose (object);
}

static void
kts_import_item_finalize (GObject *object)
{
  KtsImportItem *self = KTS_IMPORT_ITEM (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->name);
  g_free (self->title);
  g_free (self->error_message);

  G_OBJECT_CLASS (kts_import_item_parent_class)->finalize (object);
}

static void
kts_import_item_constructed (GObject *object)
{
  KtsImportItem   *self = KTS_IMPORT_ITEM (object);
  g_autofree char *base = NULL;

  G_OBJECT_CLASS (kts_import_item_parent_class)->constructed (object);

  g_assert (G_IS_FILE (self->file));
  base = g_file_get_basename (self->file);
  self->name = base != NULL ? g_filename_display_name (base) : g_file_get_uri (self->file);
}

static void
kts_import_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsImportItem *self = KTS_IMPORT_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PSEUDONYMISED:
      g_value_set_boolean (value, self->pseudonymised);
      break;
    case PROP_INCLUDED:
      g_value_set_boolean (value, self->included);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_detecting > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_import_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KtsImportItem *self = KTS_IMPORT_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_TITLE:
      kts_import_item_set_title (self, g_value_get_string (value));
      break;
    case PROP_PSEUDONYMISED:
      kts_import_item_set_pseudonymised (self, g_value_get_boolean (value));
      break;
    case PROP_INCLUDED:
      kts_import_item_set_included (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_import_item_class_init (KtsImportItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kts_import_item_dispose;
  object_class->finalize = kts_import_item_finalize;
  object_class->constructed = kts_import_item_constructed;
  object_class->get_property = kts_import_item_get_property;
  object_class->set_property = kts_import_item_set_property;

  properties[PROP_FILE]
      = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME]
      = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE]
      = g_param_spec_enum ("state", NULL, NULL, KTS_TYPE_IMPORT_ITEM_STATE, KTS_IMPORT_ITEM_WAITING,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE]
      = g_param_spec_string ("title", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PSEUDONYMISED]
      = g_param_spec_boolean ("pseudonymised", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INCLUDED]
      = g_param_spec_boolean ("included", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KTS_TYPE_DOCUMENT,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_import_item_init (KtsImportItem *self)
{
  self->included = TRUE;
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

KtsImportItem *
kts_import_item_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (KTS_TYPE_IMPORT_ITEM, "file", file, NULL);
}
