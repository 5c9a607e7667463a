/* kts-coding.c: one highlighted passage with the code applied to it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-coding"

#include "config.h"

#include <string.h>

#include "kts-coding.h"
#include "kts-enum-types.h"
#include "kts-model-private.h"

struct _KtsCoding
{
  KtsItem parent_instance;

  /* Strong reference while detached, plain pointer while the document's
   * codings store holds us (see kts-model-private.h). */
  KtsDocument *document;
  gboolean     attached;

  guint     start;
  guint     end;
  KtsCode  *code;
  KtsCoder *coder;
  KtsActor  actor;
  char     *third_role;
  char     *memo;
  gint64    created;
};

G_DEFINE_FINAL_TYPE (KtsCoding, kts_coding, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_START,
  PROP_END,
  PROP_CODE,
  PROP_CODER,
  PROP_ACTOR,
  PROP_THIRD_ROLE,
  PROP_MEMO,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_coding_finalize (GObject *object)
{
  KtsCoding *self = KTS_CODING (object);

  if (!self->attached)
    g_clear_object (&self->document);
  g_clear_object (&self->code);
  g_clear_object (&self->coder);
  g_free (self->third_role);
  g_free (self->memo);

  G_OBJECT_CLASS (kts_coding_parent_class)->finalize (object);
}

static void
kts_coding_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCoding *self = KTS_CODING (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_CODE:
      g_value_set_object (value, self->code);
      break;

    case PROP_CODER:
      g_value_set_object (value, self->coder);
      break;

    case PROP_ACTOR:
      g_value_set_enum (value, self->actor);
      break;

    case PROP_THIRD_ROLE:
      g_value_set_string (value, self->third_role);
      break;

    case PROP_MEMO:
      g_value_set_string (value, self->memo);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_coding_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsCoding *self = KTS_CODING (object);
  gboolean   changed = FALSE;

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_assert (self->document == NULL);
      self->document = g_value_dup_object (value);
      break;

    case PROP_START:
      self->start = g_value_get_uint (value);
      break;

    case PROP_END:
      self->end = g_value_get_uint (value);
      break;

    case PROP_CODE:
      changed = g_set_object (&self->code, g_value_get_object (value));
      break;

    case PROP_CODER:
      changed = g_set_object (&self->coder, g_value_get_object (value));
      break;

    case PROP_ACTOR:
      changed = self->actor != (KtsActor)g_value_get_enum (value);
      self->actor = g_value_get_enum (value);
      break;

    case PROP_THIRD_ROLE:
      changed = _kts_set_string (&self->third_role, g_value_get_string (value));
      break;

    case PROP_MEMO:
      changed = _kts_set_string (&self->memo, g_value_get_string (value));
      break;

    case PROP_CREATED:
      self->created = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_coding_class_init (KtsCodingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kts_coding_finalize;
  object_class->get_property = kts_coding_get_property;
  object_class->set_property = kts_coding_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KTS_TYPE_DOCUMENT, co);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, co);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, co);
  properties[PROP_CODE] = g_param_spec_object ("code", NULL, NULL, KTS_TYPE_CODE, rw);
  properties[PROP_CODER] = g_param_spec_object ("coder", NULL, NULL, KTS_TYPE_CODER, rw);
  properties[PROP_ACTOR]
      = g_param_spec_enum ("actor", NULL, NULL, KTS_TYPE_ACTOR, KTS_ACTOR_UNSET, rw);
  properties[PROP_THIRD_ROLE] = g_param_spec_string ("third-role", NULL, NULL, NULL, rw);
  properties[PROP_MEMO] = g_param_spec_string ("memo", NULL, NULL, NULL, rw);
  properties[PROP_CREATED]
      = g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0, co);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_coding_init (KtsCoding *self)
{
}

KtsCoding *
kts_coding_new (const char *guid, KtsDocument *document, guint start, guint end, KtsCode *code)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (code == NULL || KTS_IS_CODE (code), NULL);

  return g_object_new (KTS_TYPE_CODING, "guid", guid, "document", document, "start", start, "end",
                       end, "code", code, NULL);
}

KtsDocument *
kts_coding_get_document (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), NULL);
  return self->document;
}

guint
kts_coding_get_start (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), 0);
  return self->start;
}

guint
kts_coding_get_end (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), 0);
  return self->end;
}

KtsCode *
kts_coding_get_code (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), NULL);
  return self->code;
}

KtsCoder *
kts_coding_get_coder (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), NULL);
  return self->coder;
}

KtsActor
kts_coding_get_actor (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), KTS_ACTOR_UNSET);
  return self->actor;
}

const char *
kts_coding_get_third_role (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), NULL);
  return self->third_role;
}

const char *
kts_coding_get_memo (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), NULL);
  return self->memo;
}

gint64
kts_coding_get_created (KtsCoding *self)
{
  g_return_val_if_fail (KTS_IS_CODING (self), 0);
  return self->created;
}

char *
kts_coding_dup_text (KtsCoding *self)
{
  guint n, start, end;

  g_return_val_if_fail (KTS_IS_CODING (self), NULL);

  if (self->document == NULL)
    return NULL;

  n = kts_document_get_n_characters (self->document);
  end = MIN (self->end, n);
  start = MIN (self->start, end);
  return kts_document_dup_slice (self->document, start, end);
}

int
kts_coding_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const KtsCoding *ca = a;
  const KtsCoding *cb = b;

  if (ca->start != cb->start)
    return ca->start < cb->start ? -1 : 1;
  if (ca->end != cb->end)
    return ca->end < cb->end ? -1 : 1;
  return g_strcmp0 (kts_item_get_guid (KTS_ITEM ((gpointer)ca)),
                    kts_item_get_guid (KTS_ITEM ((gpointer)cb)));
}

void
_kts_coding_set_created (KtsCoding *self, gint64 created)
{
  g_assert (KTS_IS_CODING (self));

  if (self->created == created)
    return;
  self->created = created;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

void
_kts_coding_set_attached (KtsCoding *self, gboolean attached)
{
  g_assert (KTS_IS_CODING (self));
  g_assert (self->document != NULL);

  if (self->attached == attached)
    return;

  self->attached = attached;
  if (attached)
    g_object_unref (self->document);
  else
    g_object_ref (self->document);
}

void
_kts_coding_forget_document (KtsCoding *self)
{
  g_assert (KTS_IS_CODING (self));
  g_assert (self->attached);

  self->document = NULL;
  self->attached = FALSE;
}
