/* kts-document.c: a transcript: immutable UTF-8 text, speakers, speaker turns,
 * attributes, and its codings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-document"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-document.h"
#include "kts-coding.h"
#include "kts-error.h"
#include "kts-model-private.h"

/* Code points between two entries of the byte-offset index. */
#define INDEX_STEP 64

typedef struct
{
  char *name;
  char *value;
} Attribute;

struct _KtsDocument
{
  KtsItem parent_instance;

  char    *title;
  char    *text;
  gsize    text_size;
  guint    n_characters;
  gboolean ascii;
  /* Byte offset of code point k * INDEX_STEP; NULL for ASCII text. */
  GArray *byte_index;

  gboolean pseudonymised;
  char    *source_name;

  GListStore *codings;
  GArray     *speakers;   /* of KtsSpeaker */
  GArray     *turns;      /* of KtsTurn */
  GPtrArray  *attributes; /* of Attribute */
};

G_DEFINE_FINAL_TYPE (KtsDocument, kts_document, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_TEXT,
  PROP_N_CHARACTERS,
  PROP_PSEUDONYMISED,
  PROP_SOURCE_NAME,
  PROP_CODINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SPEAKERS_CHANGED,
  ATTRIBUTES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
attribute_free (gpointer data)
{
  Attribute *attr = data;

  g_free (attr->name);
  g_free (attr->value);
  g_free (attr);
}

static void
speaker_clear (gpointer data)
{
  KtsSpeaker *speaker = data;

  g_clear_pointer (&speaker->label, g_free);
}

static const char *
document_display_title (KtsDocument *self)
{
  return self->title != NULL ? self->title : _ ("untitled document");
}

/* Copies @text, counts its code points and builds the byte-offset index. */
static void
take_text (KtsDocument *self, const char *text)
{
  const char *p;
  guint       n = 0;

  g_assert (self->text == NULL);

  if (text == NULL)
    text = "";

  if (g_utf8_validate (text, -1, NULL))
    self->text = g_strdup (text);
  else
    {
      g_warning ("Document text is not valid UTF-8; invalid bytes replaced");
      self->text = g_utf8_make_valid (text, -1);
    }
  self->text_size = strlen (self->text);

  /* One pass: count code points and remember every INDEX_STEP-th position. */
  self->byte_index = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (p = self->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (n % INDEX_STEP == 0)
        {
          gsize byte = p - self->text;
          g_array_append_val (self->byte_index, byte);
        }
      n++;
    }
  self->n_characters = n;
  self->ascii = (gsize)n == self->text_size;

  if (self->ascii)
    g_clear_pointer (&self->byte_index, g_array_unref);
}

static void
kts_document_dispose (GObject *object)
{
  KtsDocument *self = KTS_DOCUMENT (object);
  guint        n = g_list_model_get_n_items (G_LIST_MODEL (self->codings));

  /* Codings that outlive us must not point at a dead document. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (G_LIST_MODEL (self->codings), i);
      _kts_coding_forget_document (coding);
    }
  g_list_store_remove_all (self->codings);

  G_OBJECT_CLASS (kts_document_parent_class)->dispose (object);
}

static void
kts_document_finalize (GObject *object)
{
  KtsDocument *self = KTS_DOCUMENT (object);

  g_free (self->title);
  g_free (self->text);
  g_clear_pointer (&self->byte_index, g_array_unref);
  g_free (self->source_name);
  g_clear_object (&self->codings);
  g_clear_pointer (&self->speakers, g_array_unref);
  g_clear_pointer (&self->turns, g_array_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);

  G_OBJECT_CLASS (kts_document_parent_class)->finalize (object);
}

static void
kts_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsDocument *self = KTS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_N_CHARACTERS:
      g_value_set_uint (value, self->n_characters);
      break;

    case PROP_PSEUDONYMISED:
      g_value_set_boolean (value, self->pseudonymised);
      break;

    case PROP_SOURCE_NAME:
      g_value_set_string (value, self->source_name);
      break;

    case PROP_CODINGS:
      g_value_set_object (value, self->codings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_document_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsDocument *self = KTS_DOCUMENT (object);
  gboolean     changed = FALSE;

  switch (prop_id)
    {
    case PROP_TITLE:
      changed = _kts_set_string (&self->title, g_value_get_string (value));
      break;

    case PROP_TEXT:
      take_text (self, g_value_get_string (value));
      break;

    case PROP_PSEUDONYMISED:
      changed = self->pseudonymised != g_value_get_boolean (value);
      self->pseudonymised = g_value_get_boolean (value);
      break;

    case PROP_SOURCE_NAME:
      changed = _kts_set_string (&self->source_name, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_document_class_init (KtsDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kts_document_dispose;
  object_class->finalize = kts_document_finalize;
  object_class->get_property = kts_document_get_property;
  object_class->set_property = kts_document_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_TEXT]
      = g_param_spec_string ("text", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CHARACTERS]
      = g_param_spec_uint ("n-characters", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PSEUDONYMISED] = g_param_spec_boolean ("pseudonymised", NULL, NULL, FALSE, rw);
  properties[PROP_SOURCE_NAME] = g_param_spec_string ("source-name", NULL, NULL, NULL, rw);
  properties[PROP_CODINGS] = g_param_spec_object ("codings", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after the speakers or turns changed (a role, or set_turns()). */
  signals[SPEAKERS_CHANGED] = g_signal_new ("speakers-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted after an attribute was set or removed. */
  signals[ATTRIBUTES_CHANGED]
      = g_signal_new ("attributes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
}

static void
kts_document_init (KtsDocument *self)
{
  self->codings = g_list_store_new (KTS_TYPE_CODING);
  self->speakers = g_array_new (FALSE, TRUE, sizeof (KtsSpeaker));
  g_array_set_clear_func (self->speakers, speaker_clear);
  self->turns = g_array_new (FALSE, TRUE, sizeof (KtsTurn));
  self->attributes = g_ptr_array_new_with_free_func (attribute_free);
}

KtsDocument *
kts_document_new (const char *guid, const char *title, const char *text)
{
  return g_object_new (KTS_TYPE_DOCUMENT, "guid", guid, "title", title, "text",
                       text != NULL ? text : "", NULL);
}

const char *
kts_document_get_title (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
kts_document_get_text (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  return self->text;
}

gsize
kts_document_get_text_size (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), 0);
  return self->text_size;
}

guint
kts_document_get_n_characters (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), 0);
  return self->n_characters;
}

gboolean
kts_document_get_pseudonymised (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), FALSE);
  return self->pseudonymised;
}

const char *
kts_document_get_source_name (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  return self->source_name;
}

GListModel *
kts_document_get_codings (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->codings);
}

gsize
kts_document_offset_to_byte (KtsDocument *self, guint offset)
{
  guint       k;
  const char *p;

  g_return_val_if_fail (KTS_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (offset <= self->n_characters, self->text_size);

  if (self->ascii)
    return offset;

  k = MIN (offset / INDEX_STEP, self->byte_index->len - 1);
  p = self->text + g_array_index (self->byte_index, gsize, k);
  for (guint i = k * INDEX_STEP; i < offset; i++)
    p = g_utf8_next_char (p);

  return p - self->text;
}

char *
kts_document_dup_slice (KtsDocument *self, guint start, guint end)
{
  gsize from, to;

  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (end <= self->n_characters, NULL);

  from = kts_document_offset_to_byte (self, start);
  to = kts_document_offset_to_byte (self, end);
  return g_strndup (self->text + from, to - from);
}

guint
kts_document_get_n_speakers (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), 0);
  return self->speakers->len;
}

const KtsSpeaker *
kts_document_get_speaker (KtsDocument *self, guint index)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->speakers->len, NULL);
  return &g_array_index (self->speakers, KtsSpeaker, index);
}

int
kts_document_find_speaker (KtsDocument *self, const char *label)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (label != NULL, -1);

  for (guint i = 0; i < self->speakers->len; i++)
    if (g_strcmp0 (g_array_index (self->speakers, KtsSpeaker, i).label, label) == 0)
      return i;
  return -1;
}

guint
kts_document_get_n_turns (KtsDocument *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), 0);
  return self->turns->len;
}

const KtsTurn *
kts_document_get_turn (KtsDocument *self, guint index)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->turns->len, NULL);
  return &g_array_index (self->turns, KtsTurn, index);
}

int
kts_document_find_turn (KtsDocument *self, guint offset)
{
  guint          lo = 0, hi;
  const KtsTurn *turn;

  g_return_val_if_fail (KTS_IS_DOCUMENT (self), -1);

  /* Find the last turn starting at or before @offset. */
  hi = self->turns->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->turns, KtsTurn, mid).start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return -1;

  turn = &g_array_index (self->turns, KtsTurn, lo - 1);
  return offset < turn->end ? (int)lo - 1 : -1;
}

KtsRole
kts_document_get_turn_role (KtsDocument *self, guint index)
{
  const KtsTurn *turn;

  g_return_val_if_fail (KTS_IS_DOCUMENT (self), KTS_ROLE_OTHER);
  g_return_val_if_fail (index < self->turns->len, KTS_ROLE_OTHER);

  turn = &g_array_index (self->turns, KtsTurn, index);
  if (turn->speaker < 0 || (guint)turn->speaker >= self->speakers->len)
    return KTS_ROLE_OTHER;
  return g_array_index (self->speakers, KtsSpeaker, turn->speaker).role;
}

gboolean
kts_document_set_turns (KtsDocument      *self,
                        const KtsSpeaker *speakers,
                        guint             n_speakers,
                        const KtsTurn    *turns,
                        guint             n_turns,
                        GError          **error)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (n_speakers == 0 || speakers != NULL, FALSE);
  g_return_val_if_fail (n_turns == 0 || turns != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_turns; i++)
    {
      const KtsTurn *t = &turns[i];

      if (t->start >= t->end)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("Turn %u of “%s” is empty or ends before it starts (%u–%u)"), i + 1,
                       document_display_title (self), t->start, t->end);
          return FALSE;
        }
      if (t->end > self->n_characters)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("Turn %u of “%s” (%u–%u) lies beyond the end of the text, which has %u "
                          "characters"),
                       i + 1, document_display_title (self), t->start, t->end, self->n_characters);
          return FALSE;
        }
      if (i > 0 && t->start < turns[i - 1].end)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("Turn %u of “%s” (%u–%u) is out of order or overlaps the turn before "
                          "it (%u–%u)"),
                       i + 1, document_display_title (self), t->start, t->end, turns[i - 1].start,
                       turns[i - 1].end);
          return FALSE;
        }
      if (t->speaker < -1 || (t->speaker >= 0 && (guint)t->speaker >= n_speakers))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("Turn %u of “%s” names speaker %d, but the document has %u speakers"),
                       i + 1, document_display_title (self), t->speaker, n_speakers);
          return FALSE;
        }
    }

  g_array_set_size (self->speakers, 0);
  for (guint i = 0; i < n_speakers; i++)
    {
      KtsSpeaker copy
          = { g_strdup (speakers[i].label != NULL ? speakers[i].label : ""), speakers[i].role };
      g_array_append_val (self->speakers, copy);
    }

  g_array_set_size (self->turns, 0);
  if (n_turns > 0)
    g_array_append_vals (self->turns, turns, n_turns);

  g_signal_emit (self, signals[SPEAKERS_CHANGED], 0);
  return TRUE;
}

const char *
kts_document_get_attribute (KtsDocument *self, const char *name)
{
  int pos;

  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  pos = _kts_document_get_attribute_position (self, name);
  if (pos < 0)
    return NULL;
  return ((Attribute *)g_ptr_array_index (self->attributes, pos))->value;
}

GPtrArray *
kts_document_list_attributes (KtsDocument *self)
{
  GPtrArray *names;

  g_return_val_if_fail (KTS_IS_DOCUMENT (self), NULL);

  names = g_ptr_array_new ();
  for (guint i = 0; i < self->attributes->len; i++)
    g_ptr_array_add (names, ((Attribute *)g_ptr_array_index (self->attributes, i))->name);
  return names;
}

/* ---- Private ------------------------------------------------------------ */

GListStore *
_kts_document_get_codings_store (KtsDocument *self)
{
  g_assert (KTS_IS_DOCUMENT (self));
  return self->codings;
}

guint
_kts_document_add_coding (KtsDocument *self, KtsCoding *coding)
{
  guint position;

  g_assert (KTS_IS_DOCUMENT (self));
  g_assert (KTS_IS_CODING (coding));
  g_assert (kts_coding_get_document (coding) == self);

  position = g_list_store_insert_sorted (self->codings, coding, kts_coding_compare, NULL);
  _kts_coding_set_attached (coding, TRUE);
  return position;
}

gboolean
_kts_document_find_coding (KtsDocument *self, KtsCoding *coding, guint *position)
{
  GListModel *model = G_LIST_MODEL (self->codings);
  guint       lo = 0, hi = g_list_model_get_n_items (model);

  g_assert (KTS_IS_DOCUMENT (self));
  g_assert (KTS_IS_CODING (coding));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr (KtsCoding) item = g_list_model_get_item (model, mid);
      int cmp = kts_coding_compare (item, coding, NULL);

      if (cmp == 0)
        {
          if (item != coding)
            return FALSE;
          if (position != NULL)
            *position = mid;
          return TRUE;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

gboolean
_kts_document_remove_coding (KtsDocument *self, KtsCoding *coding)
{
  g_autoptr (KtsCoding) keep = NULL;
  guint position;

  if (!_kts_document_find_coding (self, coding, &position))
    return FALSE;

  keep = g_object_ref (coding);
  _kts_coding_set_attached (coding, FALSE);
  g_list_store_remove (self->codings, position);
  return TRUE;
}

void
_kts_document_set_speaker_role (KtsDocument *self, guint speaker, KtsRole role)
{
  KtsSpeaker *s;

  g_assert (KTS_IS_DOCUMENT (self));
  g_assert (speaker < self->speakers->len);

  s = &g_array_index (self->speakers, KtsSpeaker, speaker);
  if (s->role == role)
    return;
  s->role = role;
  g_signal_emit (self, signals[SPEAKERS_CHANGED], 0);
}

int
_kts_document_get_attribute_position (KtsDocument *self, const char *name)
{
  g_assert (KTS_IS_DOCUMENT (self));

  for (guint i = 0; i < self->attributes->len; i++)
    if (g_strcmp0 (((Attribute *)g_ptr_array_index (self->attributes, i))->name, name) == 0)
      return i;
  return -1;
}

void
_kts_document_insert_attribute (KtsDocument *self,
                                const char  *name,
                                const char  *value,
                                guint        position)
{
  Attribute *attr;

  g_assert (KTS_IS_DOCUMENT (self));
  g_assert (name != NULL && value != NULL);
  g_assert (_kts_document_get_attribute_position (self, name) < 0);

  attr = g_new0 (Attribute, 1);
  attr->name = g_strdup (name);
  attr->value = g_strdup (value);
  g_ptr_array_insert (self->attributes, MIN (position, self->attributes->len), attr);
  g_signal_emit (self, signals[ATTRIBUTES_CHANGED], 0);
}

void
_kts_document_set_attribute (KtsDocument *self, const char *name, const char *value)
{
  int pos;

  g_assert (KTS_IS_DOCUMENT (self));
  g_assert (name != NULL);

  if (value != NULL && value[0] == '\0')
    value = NULL;

  pos = _kts_document_get_attribute_position (self, name);
  if (pos < 0)
    {
      if (value != NULL)
        _kts_document_insert_attribute (self, name, value, self->attributes->len);
      return;
    }

  if (value == NULL)
    g_ptr_array_remove_index (self->attributes, pos);
  else
    {
      Attribute *attr = g_ptr_array_index (self->attributes, pos);

      if (g_strcmp0 (attr->value, value) == 0)
        return;
      g_free (attr->value);
      attr->value = g_strdup (value);
    }
  g_signal_emit (self, signals[ATTRIBUTES_CHANGED], 0);
}
