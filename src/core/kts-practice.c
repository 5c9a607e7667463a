/* kts-practice.c: practice sets, and how an instructor makes one from a coded
 * transcript or from the practice-set files of brief C.5.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-practice"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <string.h>

#include "kts-agreement.h"
#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-import.h"
#include "kts-model-private.h"
#include "kts-practice.h"

struct _KtsPracticeSet
{
  KtsItem parent_instance;

  char            *title;
  char            *instructions;
  KtsDocument     *document;
  GStrv            layers; /* NULL = every layer; never empty */
  KtsCoder        *reference;
  KtsCoder        *student;
  KtsPracticeState state;
  gint64           submitted;
  double           pass_threshold; /* < 0: none */
};

G_DEFINE_FINAL_TYPE (KtsPracticeSet, kts_practice_set, KTS_TYPE_ITEM)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_INSTRUCTIONS,
  PROP_DOCUMENT,
  PROP_LAYERS,
  PROP_REFERENCE_CODER,
  PROP_STUDENT_CODER,
  PROP_STATE,
  PROP_SUBMITTED,
  PROP_PASS_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kts_practice_set_dispose (GObject *object)
{
  KtsPracticeSet *self = KTS_PRACTICE_SET (object);

  g_clear_object (&self->document);
  g_clear_object (&self->reference);
  g_clear_object (&self->student);

  G_OBJECT_CLASS (kts_practice_set_parent_class)->dispose (object);
}

static void
kts_practice_set_finalize (GObject *object)
{
  KtsPracticeSet *self = KTS_PRACTICE_SET (object);

  g_free (self->title);
  g_free (self->instructions);
  g_strfreev (self->layers);

  G_OBJECT_CLASS (kts_practice_set_parent_class)->finalize (object);
}

static void
kts_practice_set_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsPracticeSet *self = KTS_PRACTICE_SET (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_INSTRUCTIONS:
      g_value_set_string (value, self->instructions);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_LAYERS:
      g_value_set_boxed (value, self->layers);
      break;

    case PROP_REFERENCE_CODER:
      g_value_set_object (value, self->reference);
      break;

    case PROP_STUDENT_CODER:
      g_value_set_object (value, self->student);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SUBMITTED:
      g_value_set_int64 (value, self->submitted);
      break;

    case PROP_PASS_THRESHOLD:
      g_value_set_double (value, self->pass_threshold);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* NULL and an empty list both mean "every layer". */
static gboolean
layers_equal (const char *const *a, const char *const *b)
{
  if (a == NULL || a[0] == NULL)
    return b == NULL || b[0] == NULL;
  if (b == NULL || b[0] == NULL)
    return FALSE;
  return g_strv_equal (a, b);
}

static void
kts_practice_set_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KtsPracticeSet *self = KTS_PRACTICE_SET (object);
  gboolean        changed = FALSE;

  switch (prop_id)
    {
    case PROP_TITLE:
      changed = _kts_set_string (&self->title, g_value_get_string (value));
      break;

    case PROP_INSTRUCTIONS:
      changed = _kts_set_string (&self->instructions, g_value_get_string (value));
      break;

    case PROP_DOCUMENT:
      changed = g_set_object (&self->document, g_value_get_object (value));
      break;

    case PROP_LAYERS:
      {
        const char *const *layers = g_value_get_boxed (value);

        if (!layers_equal ((const char *const *)self->layers, layers))
          {
            g_strfreev (self->layers);
            self->layers = layers != NULL && layers[0] != NULL ? g_strdupv ((GStrv)layers) : NULL;
            changed = TRUE;
          }
      }
      break;

    case PROP_REFERENCE_CODER:
      changed = g_set_object (&self->reference, g_value_get_object (value));
      break;

    case PROP_STUDENT_CODER:
      changed = g_set_object (&self->student, g_value_get_object (value));
      break;

    case PROP_STATE:
      changed = self->state != (KtsPracticeState)g_value_get_enum (value);
      self->state = g_value_get_enum (value);
      break;

    case PROP_SUBMITTED:
      changed = self->submitted != g_value_get_int64 (value);
      self->submitted = g_value_get_int64 (value);
      break;

    case PROP_PASS_THRESHOLD:
      {
        /* Every negative value means "none". */
        double threshold = MAX (g_value_get_double (value), -1.0);

        if (threshold < 0)
          threshold = -1.0;
        changed = self->pass_threshold != threshold;
        self->pass_threshold = threshold;
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kts_practice_set_class_init (KtsPracticeSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  /* Submitting is not an ordinary edit: kts_project_set_property() refuses
   * construct-only properties, so only the project's submit operation (and a
   * loader, at construction) can set these. */
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS
                   | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = kts_practice_set_dispose;
  object_class->finalize = kts_practice_set_finalize;
  object_class->get_property = kts_practice_set_get_property;
  object_class->set_property = kts_practice_set_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_INSTRUCTIONS] = g_param_spec_string ("instructions", NULL, NULL, NULL, rw);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KTS_TYPE_DOCUMENT, rw);
  properties[PROP_LAYERS] = g_param_spec_boxed ("layers", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_REFERENCE_CODER]
      = g_param_spec_object ("reference-coder", NULL, NULL, KTS_TYPE_CODER, rw);
  properties[PROP_STUDENT_CODER]
      = g_param_spec_object ("student-coder", NULL, NULL, KTS_TYPE_CODER, rw);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, KTS_TYPE_PRACTICE_STATE,
                                              KTS_PRACTICE_STATE_OPEN, co);
  properties[PROP_SUBMITTED] = g_param_spec_int64 ("submitted", NULL, NULL, 0, G_MAXINT64, 0, co);
  properties[PROP_PASS_THRESHOLD]
      = g_param_spec_double ("pass-threshold", NULL, NULL, -1.0, 1.0, -1.0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kts_practice_set_init (KtsPracticeSet *self)
{
  self->pass_threshold = -1.0;
}

KtsPracticeSet *
kts_practice_set_new (const char  *guid,
                      const char  *title,
                      KtsDocument *document,
                      KtsCoder    *reference,
                      KtsCoder    *student)
{
  g_return_val_if_fail (document == NULL || KTS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (reference == NULL || KTS_IS_CODER (reference), NULL);
  g_return_val_if_fail (student == NULL || KTS_IS_CODER (student), NULL);

  return g_object_new (KTS_TYPE_PRACTICE_SET, "guid", guid, "title", title, "document", document,
                       "reference-coder", reference, "student-coder", student, NULL);
}

const char *
kts_practice_set_get_title (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), NULL);
  return self->title;
}

double
kts_practice_set_get_pass_threshold (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), -1.0);
  return self->pass_threshold;
}

gboolean
kts_practice_set_passes (KtsPracticeSet *self, double f1)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), FALSE);
  return self->pass_threshold >= 0 && !isnan (f1) && f1 >= self->pass_threshold - 1e-9;
}

const char *
kts_practice_set_get_instructions (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), NULL);
  return self->instructions;
}

KtsDocument *
kts_practice_set_get_document (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), NULL);
  return self->document;
}

const char *const *
kts_practice_set_get_layers (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), NULL);
  return (const char *const *)self->layers;
}

KtsCoder *
kts_practice_set_get_reference_coder (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), NULL);
  return self->reference;
}

KtsCoder *
kts_practice_set_get_student_coder (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), NULL);
  return self->student;
}

KtsPracticeState
kts_practice_set_get_state (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), KTS_PRACTICE_STATE_OPEN);
  return self->state;
}

gint64
kts_practice_set_get_submitted (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), 0);
  return self->submitted;
}

void
_kts_practice_set_mark_submitted (KtsPracticeSet *self, gint64 when)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != KTS_PRACTICE_STATE_SUBMITTED)
    {
      self->state = KTS_PRACTICE_STATE_SUBMITTED;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->submitted != when)
    {
      self->submitted = when;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- Layers ------------------------------------------------------------------ */

gboolean
kts_code_in_layers (KtsCode *code, const char *const *layers)
{
  g_autofree char *layer = NULL;
  const char      *key;

  g_return_val_if_fail (KTS_IS_CODE (code), FALSE);

  if (layers == NULL || layers[0] == NULL)
    return TRUE;

  layer = kts_code_dup_layer (code);
  key = kts_code_get_key (code);
  for (guint i = 0; layers[i] != NULL; i++)
    {
      gsize n = strlen (layers[i]);

      if (g_strcmp0 (layer, layers[i]) == 0)
        return TRUE;
      if (key != NULL && strncmp (key, layers[i], n) == 0 && (key[n] == '\0' || key[n] == '.'))
        return TRUE;
    }
  return FALSE;
}

gboolean
kts_practice_set_includes_code (KtsPracticeSet *self, KtsCode *code)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODE (code), FALSE);

  return kts_code_in_layers (code, (const char *const *)self->layers);
}

char *
kts_practice_set_dup_layers_label (KtsPracticeSet *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_SET (self), NULL);

  if (self->layers == NULL)
    return g_strdup (_ ("all layers"));
  return g_strjoinv (", ", self->layers);
}

static gboolean
layer_name_is_valid (const char *name)
{
  if (name[0] == '\0' || name[0] == '.')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return name[strlen (name) - 1] != '.';
}

GStrv
kts_practice_parse_layers (const char *text, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_regex_split_simple ("[\\s,]+", text, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (!layer_name_is_valid (parts[i]))
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("“%s” is not a layer name (such as RUP, SD, REL or RES.4S)"), parts[i]);
          return NULL;
        }
      if (!g_hash_table_add (seen, parts[i]))
        continue;
      g_strv_builder_add (builder, parts[i]);
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("No layers given; name them like RUP,SD,REL"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

char *
kts_practice_default_instructions (const char *layers_label)
{
  return g_strdup_printf (
      _ ("Code the transcript with the codes of %s. The reference coding stays hidden until you "
         "submit; then your codings are locked and compared with it, span by span."),
      layers_label);
}

/* ---- Instructor: a set from a coded transcript -------------------------------- */

static gboolean
contains_item (KtsProject *project, gpointer item)
{
  return kts_project_lookup (project, kts_item_get_guid (KTS_ITEM (item))) == item;
}

/* The layers @coder coded in @document, in text order. */
static GStrv
layers_coded (KtsDocument *document, KtsCoder *coder)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *codings = kts_document_get_codings (document);
  guint       n = g_list_model_get_n_items (codings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
      char *layer;

      if (kts_coding_get_coder (coding) != coder || kts_coding_get_code (coding) == NULL)
        continue;
      layer = kts_code_dup_layer (kts_coding_get_code (coding));
      if (g_hash_table_add (seen, layer))
        g_strv_builder_add (builder, layer);
    }
  return g_strv_builder_end (builder);
}

static guint
count_coded (KtsDocument *document, KtsCoder *coder, const char *const *layers)
{
  GListModel *codings = kts_document_get_codings (document);
  guint       n = g_list_model_get_n_items (codings);
  guint       count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      if (kts_coding_get_coder (coding) == coder && kts_coding_get_code (coding) != NULL
          && kts_code_in_layers (kts_coding_get_code (coding), layers))
        count++;
    }
  return count;
}

/* @base, or "@base (2)", "(3)", … whichever no practice set has yet. */
static char *
unique_title (KtsProject *project, const char *base)
{
  char *title = g_strdup (base);

  for (guint i = 2; kts_project_find_practice_set (project, title) != NULL; i++)
    {
      g_free (title);
      title = g_strdup_printf ("%s (%u)", base, i);
    }
  return title;
}

KtsPracticeSet *
kts_practice_set_create_from_coding (KtsProject        *project,
                                     KtsDocument       *document,
                                     KtsCoder          *reference,
                                     const char *const *layers,
                                     const char        *title,
                                     const char        *student_name,
                                     GError           **error)
{
  g_auto (GStrv) used = NULL;
  g_autoptr (KtsCoder) new_student = NULL;
  g_autoptr (KtsPracticeSet) set = NULL;
  g_autofree char *set_title = NULL;
  g_autofree char *layers_label = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *label = NULL;
  KtsCoder        *student;
  GListModel      *sets;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (KTS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (KTS_IS_CODER (reference), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!contains_item (project, document) || !contains_item (project, reference))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot make a practice set of “%s”: the transcript or the coder “%s” is "
                      "not in this project"),
                   kts_document_get_title (document), kts_coder_get_name (reference));
      return NULL;
    }

  if (layers == NULL || layers[0] == NULL)
    {
      used = layers_coded (document, reference);
      if (used[0] == NULL)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
                       _ ("“%s” has not coded “%s”, so there is no reference to practise with"),
                       kts_coder_get_name (reference), kts_document_get_title (document));
          return NULL;
        }
      layers = (const char *const *)used;
    }
  /* A layer the reference did not use is fine (SD next to REL: telling
   * them apart is the exercise), but some reference there must be. */
  else if (count_coded (document, reference, layers) == 0)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)layers);

      g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
                   _ ("“%s” has no coding of %s in “%s”, so there is nothing to practise on"),
                   kts_coder_get_name (reference), joined, kts_document_get_title (document));
      return NULL;
    }

  if (student_name == NULL || student_name[0] == '\0')
    student_name = _ ("Student");
  student = kts_project_find_coder (project, student_name);
  if (student == reference)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is the reference of this practice set and cannot also be its student"),
                   kts_coder_get_name (reference));
      return NULL;
    }

  sets = kts_project_get_practice_sets (project);
  for (guint i = 0; student != NULL && i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr (KtsPracticeSet) other = g_list_model_get_item (sets, i);

      if (other->document == document && other->student == student)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                       _ ("“%s” already has the practice set “%s” on “%s”; remove it first or "
                          "choose another student"),
                       kts_coder_get_name (student), other->title,
                       kts_document_get_title (document));
          return NULL;
        }
    }

  if (title == NULL || title[0] == '\0')
    {
      g_autofree char *base
          = g_strdup_printf (_ ("Practice: %s"), kts_document_get_title (document));
      set_title = unique_title (project, base);
    }
  else
    set_title = unique_title (project, title);

  set = kts_practice_set_new (NULL, set_title, document, reference, student);
  g_object_set (set, "layers", layers, NULL);
  layers_label = kts_practice_set_dup_layers_label (set);
  instructions = kts_practice_default_instructions (layers_label);
  g_object_set (set, "instructions", instructions, NULL);

  label = g_strdup_printf (_ ("Create practice set “%s”"), set_title);
  kts_project_begin_group (project, label);
  if (student == NULL)
    {
      new_student = kts_coder_new (NULL, student_name);
      if (!kts_project_add_coder (project, new_student, error))
        {
          kts_project_abort_group (project);
          return NULL;
        }
      g_object_set (set, "student-coder", new_student, NULL);
    }
  if (!kts_project_add_practice_set (project, set, error))
    {
      kts_project_abort_group (project);
      return NULL;
    }
  kts_project_end_group (project);

  return set; /* the project holds a reference */
}

/* ---- Instructor: a set from the files of brief C.5 ------------------------------ */

#define MAX_PROBLEMS 25

typedef struct
{
  GPtrArray *problems; /* char* */
} Problems;

static void problem (Problems *p, const char *name, guint line, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
problem (Problems *p, const char *name, guint line, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list          args;

  if (p->problems->len > MAX_PROBLEMS)
    return;
  if (p->problems->len == MAX_PROBLEMS)
    {
      g_ptr_array_add (p->problems, g_strdup (_ ("(more problems not listed)")));
      return;
    }
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: a file name, a line number and a problem: "x.tsv, line 3: …" */
  g_ptr_array_add (p->problems, g_strdup_printf (_ ("%s, line %u: %s"), name, line, what));
}

static char *
decode_file (GBytes *bytes, const char *name, GError **error)
{
  g_autofree char *decoded = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize         size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  decoded = kts_text_decode (data, size, NULL, &local_error);
  if (decoded == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name,
                   local_error->message);
      return NULL;
    }
  return kts_text_normalize (decoded);
}

typedef struct
{
  guint body;      /* code point offset of the text after "T: " */
  gsize body_byte; /* its byte offset */
  gsize end_byte;  /* byte offset of the end of the line */
} TurnBody;

/* Reads a C.5 transcript: every line one turn, "T: …" or "C: …". */
static KtsDocument *
read_transcript (const char *text, const char *name, const char *title, GArray *bodies, Problems *p)
{
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsDocument) document = NULL;
  KtsSpeaker speakers[2]
      = { { (char *)"T", KTS_ROLE_THERAPIST }, { (char *)"C", KTS_ROLE_CLIENT } };
  int        speaker_index[2] = { -1, -1 };
  KtsSpeaker used[2];
  guint      n_used = 0;
  gsize      len = strlen (text);
  gsize      last = len;
  guint      chars = 0;
  guint      line = 0;

  /* Trailing line breaks end the file, they do not make empty turns. */
  while (last > 0 && text[last - 1] == '\n')
    last--;
  if (last == 0)
    {
      problem (p, name, 1, "%s", _ ("the transcript is empty"));
      return NULL;
    }

  for (gsize at = 0; at <= last;)
    {
      const char *nl = memchr (text + at, '\n', last - at);
      gsize       end = nl != NULL ? (gsize)(nl - text) : last;
      guint       n_chars = (guint)g_utf8_strlen (text + at, (gssize)(end - at));
      int         which = -1;

      line++;
      if (end - at >= 3 && text[at + 2] == ' ' && text[at + 1] == ':')
        which = text[at] == 'T' ? 0 : text[at] == 'C' ? 1 : -1;
      if (which < 0)
        problem (p, name, line, "%s",
                 end == at ? _ ("the line is empty; every line is one turn, “T: …” or “C: …”")
                           : _ ("a turn must start with “T: ” (therapist) or “C: ” (client)"));
      else
        {
          KtsTurn  turn = { 0, chars, chars + n_chars, -1 };
          TurnBody body = { chars + 3, at + 3, end };

          if (speaker_index[which] < 0)
            {
              speaker_index[which] = (int)n_used;
              used[n_used++] = speakers[which];
            }
          turn.speaker = speaker_index[which];
          g_array_append_val (turns, turn);
          g_array_append_val (bodies, body);
        }

      chars += n_chars + 1;
      if (nl == NULL)
        break;
      at = end + 1;
    }
  if (p->problems->len > 0)
    return NULL;

  document
      = g_object_new (KTS_TYPE_DOCUMENT, "title", title, "text", text, "source-name", name, NULL);
  if (!kts_document_set_turns (document, used, n_used, (const KtsTurn *)turns->data, turns->len,
                               &error))
    {
      problem (p, name, 1, "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&document);
}

typedef struct
{
  guint    start;
  guint    end;
  KtsCode *code;
  KtsActor actor;
} PlannedSpan;

/* Reads a C.5 reference TSV against the turns of the transcript. */
static void
read_reference (KtsProject *project,
                const char *tsv,
                const char *name,
                const char *transcript,
                GArray     *bodies,
                GArray     *planned,
                Problems   *p)
{
  KtsCodebook *codebook = kts_project_get_codebook (project);
  g_auto (GStrv) lines = g_strsplit (tsv, "\n", -1);
  gboolean has_actor = FALSE;
  guint    header = 0;

  /* The header: the first line that is not blank. */
  while (lines[header] != NULL && g_strstrip (lines[header])[0] == '\0')
    header++;
  if (lines[header] == NULL)
    {
      problem (p, name, 1, "%s", _ ("the file is empty; expected the header turn, span, code"));
      return;
    }
  {
    g_auto (GStrv) columns = g_strsplit (lines[header], "\t", -1);
    guint n = g_strv_length (columns);

    has_actor = n == 4 && g_ascii_strcasecmp (g_strstrip (columns[3]), "actor") == 0;
    if ((n != 3 && !has_actor) || g_ascii_strcasecmp (g_strstrip (columns[0]), "turn") != 0
        || g_ascii_strcasecmp (columns[1], "span") != 0
        || g_ascii_strcasecmp (g_strstrip (columns[2]), "code") != 0)
      {
        problem (p, name, header + 1, "%s",
                 _ ("the header must be turn, span and code, separated by tabs (and optionally "
                    "actor)"));
        return;
      }
  }

  for (guint i = header + 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;
      guint       line = i + 1;
      guint       n_fields;
      guint64     turn = 0;
      const char *span, *key;
      KtsCode    *code;
      PlannedSpan plan = { 0 };

      if (kts_text_is_blank (lines[i], -1))
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      n_fields = g_strv_length (fields);
      if (n_fields != (has_actor ? 4u : 3u))
        {
          problem (p, name, line, _ ("%u fields instead of %u (fields are separated by tabs)"),
                   n_fields, has_actor ? 4u : 3u);
          continue;
        }
      span = fields[1];
      key = g_strstrip (fields[2]);

      if (!g_ascii_string_to_unsigned (g_strstrip (fields[0]), 10, 1, bodies->len, &turn, NULL))
        {
          problem (p, name, line, _ ("there is no turn “%s” (the transcript has %u)"), fields[0],
                   bodies->len);
          continue;
        }

      code = kts_codebook_lookup_key (codebook, key);
      if (code == NULL)
        problem (p, name, line, _ ("“%s” is not a code of the codebook"), key);
      else if (!kts_code_get_codable (code))
        problem (p, name, line, _ ("“%s” only groups other codes and cannot be applied"), key);
      plan.code = code;

      if (has_actor)
        {
          int         actor = KTS_ACTOR_UNSET;
          const char *nick = g_strstrip (fields[3]);

          if (nick[0] != '\0'
              && (!kts_enum_from_nick (KTS_TYPE_ACTOR, nick, &actor) || actor == KTS_ACTOR_UNSET))
            problem (p, name, line, _ ("“%s” is not an actor (therapist, client, dyad or third)"),
                     nick);
          plan.actor = actor;
        }

      if (span[0] == '\0')
        {
          problem (p, name, line, "%s", _ ("the span is empty"));
          continue;
        }
      {
        const TurnBody *body = &g_array_index (bodies, TurnBody, turn - 1);
        const char     *from = transcript + body->body_byte;
        const char     *stop = transcript + body->end_byte;
        gsize           span_len = strlen (span);
        const char     *found = NULL;
        guint           count = 0;

        for (const char *at = from; at + span_len <= stop;)
          {
            const char *hit = g_strstr_len (at, stop - at, span);

            if (hit == NULL)
              break;
            if (found == NULL)
              found = hit;
            count++;
            at = hit + 1;
          }
        if (count != 1)
          {
            problem (p, name, line,
                     count == 0 ? _ ("the span “%s” does not occur in turn %u")
                                : _ ("the span “%s” occurs more than once in turn %u; make it "
                                     "longer so it is unique"),
                     span, (guint)turn);
            continue;
          }
        plan.start = body->body + (guint)g_utf8_strlen (from, found - from);
        plan.end = plan.start + (guint)g_utf8_strlen (span, (gssize)span_len);
      }
      if (plan.code != NULL)
        g_array_append_val (planned, plan);
    }
}

static char *
title_from_file_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  char            *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

KtsPracticeSet *
kts_practice_set_import (KtsProject                     *project,
                         GBytes                         *transcript,
                         const char                     *transcript_name,
                         GBytes                         *reference,
                         const char                     *reference_file_name,
                         const KtsPracticeImportOptions *options,
                         GError                        **error)
{
  KtsPracticeImportOptions defaults = { 0 };
  g_autofree char         *text = NULL;
  g_autofree char         *tsv = NULL;
  g_autofree char         *document_title = NULL;
  g_autoptr (GArray) bodies = g_array_new (FALSE, FALSE, sizeof (TurnBody));
  g_autoptr (GArray) planned = g_array_new (FALSE, FALSE, sizeof (PlannedSpan));
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (KtsDocument) document = NULL;
  g_autoptr (KtsCoder) new_reference = NULL;
  g_autofree char *label = NULL;
  Problems         p = { problems };
  KtsCoder        *coder;
  KtsPracticeSet  *set;
  const char      *reference_name;
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (transcript != NULL && reference != NULL, NULL);
  g_return_val_if_fail (transcript_name != NULL && reference_file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  text = decode_file (transcript, transcript_name, error);
  if (text == NULL)
    return NULL;
  tsv = decode_file (reference, reference_file_name, error);
  if (tsv == NULL)
    return NULL;

  document_title = options->document_title != NULL && options->document_title[0] != '\0'
                       ? g_strdup (options->document_title)
                       : title_from_file_name (transcript_name);
  document = read_transcript (text, transcript_name, document_title, bodies, &p);
  if (document != NULL)
    read_reference (project, tsv, reference_file_name, text, bodies, planned, &p);
  if (problems->len == 0 && planned->len == 0)
    problem (&p, reference_file_name, 1, "%s", _ ("the reference coding has no rows"));
  if (problems->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("\n", (char **)problems->pdata);
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_INVALID_FILE, joined);
      return NULL;
    }

  reference_name = options->reference_name != NULL && options->reference_name[0] != '\0'
                       ? options->reference_name
                       : _ ("Reference");
  label = g_strdup_printf (_ ("Import practice set “%s”"), document_title);
  kts_project_begin_group (project, label);

  if (!kts_project_add_document (project, document, -1, error))
    goto fail;
  coder = kts_project_find_coder (project, reference_name);
  if (coder == NULL)
    {
      new_reference = kts_coder_new (NULL, reference_name);
      if (!kts_project_add_coder (project, new_reference, error))
        goto fail;
      coder = new_reference;
    }
  for (guint i = 0; i < planned->len; i++)
    {
      PlannedSpan *plan = &g_array_index (planned, PlannedSpan, i);
      g_autoptr (KtsCoding) coding = NULL;

      coding = g_object_new (KTS_TYPE_CODING, "document", document, "start", plan->start, "end",
                             plan->end, "code", plan->code, "coder", coder, "actor", plan->actor,
                             "created", now, NULL);
      if (!kts_project_add_coding (project, coding, error))
        goto fail;
    }

  set = kts_practice_set_create_from_coding (project, document, coder, options->layers,
                                             options->title, options->student_name, error);
  if (set == NULL)
    goto fail;
  if (options->instructions != NULL && options->instructions[0] != '\0')
    kts_project_set_string (project, set, "instructions", options->instructions);

  kts_project_end_group (project);
  return set;

fail:
  kts_project_abort_group (project);
  return NULL;
}
