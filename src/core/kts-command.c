/* kts-command.c: undoable commands of a project.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-command"

#include "config.h"

#include "kts-command-private.h"

void
kts_command_apply (KtsCommand *command, KtsProject *project)
{
  command->klass->apply (command, project);
}

void
kts_command_revert (KtsCommand *command, KtsProject *project)
{
  command->klass->revert (command, project);
}

void
kts_command_free (KtsCommand *command)
{
  if (command == NULL)
    return;
  command->klass->finalize (command);
  g_free (command->label);
  g_free (command);
}

void
kts_command_set_label (KtsCommand *command, const char *label)
{
  g_free (command->label);
  command->label = g_strdup (label);
}

static gpointer
command_alloc (gsize size, const KtsCommandClass *klass)
{
  KtsCommand *command = g_malloc0 (size);

  command->klass = klass;
  return command;
}

/* ---- Group ------------------------------------------------------------- */

typedef struct
{
  KtsCommand parent;
  GPtrArray *children;
} GroupCommand;

static void
group_apply (KtsCommand *command, KtsProject *project)
{
  GroupCommand *self = (GroupCommand *)command;

  for (guint i = 0; i < self->children->len; i++)
    kts_command_apply (g_ptr_array_index (self->children, i), project);
}

static void
group_revert (KtsCommand *command, KtsProject *project)
{
  GroupCommand *self = (GroupCommand *)command;

  for (guint i = self->children->len; i > 0; i--)
    kts_command_revert (g_ptr_array_index (self->children, i - 1), project);
}

static void
group_finalize (KtsCommand *command)
{
  GroupCommand *self = (GroupCommand *)command;

  /* Free the newest first, mirroring the order things were done in. */
  while (self->children->len > 0)
    kts_command_free (g_ptr_array_steal_index (self->children, self->children->len - 1));
  g_ptr_array_unref (self->children);
}

static const KtsCommandClass group_class = { group_apply, group_revert, group_finalize };

KtsCommand *
kts_command_group_new (const char *label)
{
  GroupCommand *self = command_alloc (sizeof (GroupCommand), &group_class);

  self->parent.label = g_strdup (label);
  self->children = g_ptr_array_new ();
  return &self->parent;
}

void
kts_command_group_append (KtsCommand *group, KtsCommand *child)
{
  g_assert (group->klass == &group_class);
  g_ptr_array_add (((GroupCommand *)group)->children, child);
}

guint
kts_command_group_get_length (KtsCommand *group)
{
  g_assert (group->klass == &group_class);
  return ((GroupCommand *)group)->children->len;
}

void
kts_command_group_adopt_label (KtsCommand *group)
{
  GroupCommand *self = (GroupCommand *)group;

  g_assert (group->klass == &group_class);

  if (group->label == NULL && self->children->len > 0)
    kts_command_set_label (group, ((KtsCommand *)self->children->pdata[0])->label);
}

void
kts_command_group_truncate (KtsCommand *group, KtsProject *project, guint index)
{
  GroupCommand *self = (GroupCommand *)group;

  g_assert (group->klass == &group_class);

  while (self->children->len > index)
    {
      KtsCommand *child = g_ptr_array_steal_index (self->children, self->children->len - 1);

      kts_command_revert (child, project);
      kts_command_free (child);
    }
}

/* ---- Set a property ------------------------------------------------------ */

typedef struct
{
  KtsCommand  parent;
  GObject    *object;
  GParamSpec *pspec;
  GValue      old_value;
  GValue      new_value;
} SetPropertyCommand;

static void
set_property_apply (KtsCommand *command, KtsProject *project)
{
  SetPropertyCommand *self = (SetPropertyCommand *)command;

  g_object_set_property (self->object, self->pspec->name, &self->new_value);
  _kts_project_property_changed (project, self->object, self->pspec, &self->old_value);
}

static void
set_property_revert (KtsCommand *command, KtsProject *project)
{
  SetPropertyCommand *self = (SetPropertyCommand *)command;

  g_object_set_property (self->object, self->pspec->name, &self->old_value);
  _kts_project_property_changed (project, self->object, self->pspec, &self->new_value);
}

static void
set_property_finalize (KtsCommand *command)
{
  SetPropertyCommand *self = (SetPropertyCommand *)command;

  g_value_unset (&self->old_value);
  g_value_unset (&self->new_value);
  g_param_spec_unref (self->pspec);
  g_object_unref (self->object);
}

static const KtsCommandClass set_property_class
    = { set_property_apply, set_property_revert, set_property_finalize };

KtsCommand *
kts_command_set_property_new (GObject      *object,
                              GParamSpec   *pspec,
                              const GValue *old_value,
                              const GValue *new_value)
{
  SetPropertyCommand *self = command_alloc (sizeof (SetPropertyCommand), &set_property_class);

  self->object = g_object_ref (object);
  self->pspec = g_param_spec_ref (pspec);
  g_value_init (&self->old_value, G_VALUE_TYPE (old_value));
  g_value_copy (old_value, &self->old_value);
  g_value_init (&self->new_value, G_VALUE_TYPE (new_value));
  g_value_copy (new_value, &self->new_value);
  return &self->parent;
}

/* ---- Insert into or remove from a list ------------------------------------ */

typedef struct
{
  KtsCommand  parent;
  gboolean    insert;
  KtsListKind kind;
  gpointer    owner;
  gpointer    item;
  guint       position;
} ListCommand;

static void
list_apply (KtsCommand *command, KtsProject *project)
{
  ListCommand *self = (ListCommand *)command;

  if (self->insert)
    _kts_project_attach (project, self->kind, self->owner, self->item, self->position);
  else
    _kts_project_detach (project, self->kind, self->owner, self->item, self->position);
}

static void
list_revert (KtsCommand *command, KtsProject *project)
{
  ListCommand *self = (ListCommand *)command;

  if (self->insert)
    _kts_project_detach (project, self->kind, self->owner, self->item, self->position);
  else
    _kts_project_attach (project, self->kind, self->owner, self->item, self->position);
}

static void
list_finalize (KtsCommand *command)
{
  ListCommand *self = (ListCommand *)command;

  g_object_unref (self->item);
  g_clear_object (&self->owner);
}

static const KtsCommandClass list_class = { list_apply, list_revert, list_finalize };

KtsCommand *
kts_command_list_new (
    gboolean insert, KtsListKind kind, gpointer owner, gpointer item, guint position)
{
  ListCommand *self = command_alloc (sizeof (ListCommand), &list_class);

  self->insert = insert;
  self->kind = kind;
  self->owner = owner != NULL ? g_object_ref (owner) : NULL;
  self->item = g_object_ref (item);
  self->position = position;
  return &self->parent;
}

/* ---- Reorder within a list ------------------------------------------------ */

typedef struct
{
  KtsCommand  parent;
  KtsListKind kind;
  gpointer    owner;
  gpointer    item;
  guint       from;
  guint       to;
} ReorderCommand;

static void
reorder (ReorderCommand *self, KtsProject *project, guint from, guint to)
{
  GListStore *store = _kts_project_get_store (project, self->kind, self->owner);
  g_autoptr (GObject) at = g_list_model_get_item (G_LIST_MODEL (store), from);

  g_assert (at == self->item);
  g_list_store_remove (store, from);
  g_list_store_insert (store, to, self->item);
}

static void
reorder_apply (KtsCommand *command, KtsProject *project)
{
  ReorderCommand *self = (ReorderCommand *)command;

  reorder (self, project, self->from, self->to);
}

static void
reorder_revert (KtsCommand *command, KtsProject *project)
{
  ReorderCommand *self = (ReorderCommand *)command;

  reorder (self, project, self->to, self->from);
}

static void
reorder_finalize (KtsCommand *command)
{
  ReorderCommand *self = (ReorderCommand *)command;

  g_object_unref (self->item);
  g_clear_object (&self->owner);
}

static const KtsCommandClass reorder_class = { reorder_apply, reorder_revert, reorder_finalize };

KtsCommand *
kts_command_reorder_new (KtsListKind kind, gpointer owner, gpointer item, guint from, guint to)
{
  ReorderCommand *self = command_alloc (sizeof (ReorderCommand), &reorder_class);

  self->kind = kind;
  self->owner = owner != NULL ? g_object_ref (owner) : NULL;
  self->item = g_object_ref (item);
  self->from = from;
  self->to = to;
  return &self->parent;
}

/* ---- Re-parent a code ------------------------------------------------------ */

typedef struct
{
  KtsCommand parent;
  KtsCode   *code;
  KtsCode   *old_parent;
  guint      old_position;
  KtsCode   *new_parent;
  guint      new_position;
} MoveCodeCommand;

static void
move_code (KtsProject *project,
           KtsCode    *code,
           KtsCode    *from_parent,
           guint       from,
           KtsCode    *to_parent,
           guint       to)
{
  GListStore *from_store = _kts_project_get_store (project, KTS_LIST_CODES, from_parent);
  GListStore *to_store = _kts_project_get_store (project, KTS_LIST_CODES, to_parent);
  g_autoptr (KtsCode) keep = g_object_ref (code);

  g_assert (kts_code_get_parent (code) == from_parent);

  g_list_store_remove (from_store, from);
  _kts_code_set_parent (code, to_parent);
  g_list_store_insert (to_store, to, code);
  _kts_codebook_emit_changed (kts_project_get_codebook (project));
}

static void
move_code_apply (KtsCommand *command, KtsProject *project)
{
  MoveCodeCommand *self = (MoveCodeCommand *)command;

  move_code (project, self->code, self->old_parent, self->old_position, self->new_parent,
             self->new_position);
}

static void
move_code_revert (KtsCommand *command, KtsProject *project)
{
  MoveCodeCommand *self = (MoveCodeCommand *)command;

  move_code (project, self->code, self->new_parent, self->new_position, self->old_parent,
             self->old_position);
}

static void
move_code_finalize (KtsCommand *command)
{
  MoveCodeCommand *self = (MoveCodeCommand *)command;

  g_object_unref (self->code);
  g_clear_object (&self->old_parent);
  g_clear_object (&self->new_parent);
}

static const KtsCommandClass move_code_class
    = { move_code_apply, move_code_revert, move_code_finalize };

KtsCommand *
kts_command_move_code_new (
    KtsCode *code, KtsCode *old_parent, guint old_position, KtsCode *new_parent, guint new_position)
{
  MoveCodeCommand *self = command_alloc (sizeof (MoveCodeCommand), &move_code_class);

  self->code = g_object_ref (code);
  self->old_parent = old_parent != NULL ? g_object_ref (old_parent) : NULL;
  self->old_position = old_position;
  self->new_parent = new_parent != NULL ? g_object_ref (new_parent) : NULL;
  self->new_position = new_position;
  return &self->parent;
}

/* ---- Speaker role ------------------------------------------------------------ */

typedef struct
{
  KtsCommand   parent;
  KtsDocument *document;
  guint        speaker;
  KtsRole      old_role;
  KtsRole      role;
} SpeakerRoleCommand;

static void
speaker_role_apply (KtsCommand *command, KtsProject *project)
{
  SpeakerRoleCommand *self = (SpeakerRoleCommand *)command;

  _kts_document_set_speaker_role (self->document, self->speaker, self->role);
}

static void
speaker_role_revert (KtsCommand *command, KtsProject *project)
{
  SpeakerRoleCommand *self = (SpeakerRoleCommand *)command;

  _kts_document_set_speaker_role (self->document, self->speaker, self->old_role);
}

static void
speaker_role_finalize (KtsCommand *command)
{
  SpeakerRoleCommand *self = (SpeakerRoleCommand *)command;

  g_object_unref (self->document);
}

static const KtsCommandClass speaker_role_class
    = { speaker_role_apply, speaker_role_revert, speaker_role_finalize };

KtsCommand *
kts_command_speaker_role_new (KtsDocument *document, guint speaker, KtsRole old_role, KtsRole role)
{
  SpeakerRoleCommand *self = command_alloc (sizeof (SpeakerRoleCommand), &speaker_role_class);

  self->document = g_object_ref (document);
  self->speaker = speaker;
  self->old_role = old_role;
  self->role = role;
  return &self->parent;
}

/* ---- Document attribute ------------------------------------------------------- */

typedef struct
{
  KtsCommand   parent;
  KtsDocument *document;
  char        *name;
  char        *old_value;
  int          old_position;
  char        *value;
} AttributeCommand;

static void
attribute_apply (KtsCommand *command, KtsProject *project)
{
  AttributeCommand *self = (AttributeCommand *)command;

  _kts_document_set_attribute (self->document, self->name, self->value);
}

static void
attribute_revert (KtsCommand *command, KtsProject *project)
{
  AttributeCommand *self = (AttributeCommand *)command;

  if (self->old_value != NULL && self->value == NULL)
    _kts_document_insert_attribute (self->document, self->name, self->old_value,
                                    self->old_position);
  else
    _kts_document_set_attribute (self->document, self->name, self->old_value);
}

static void
attribute_finalize (KtsCommand *command)
{
  AttributeCommand *self = (AttributeCommand *)command;

  g_object_unref (self->document);
  g_free (self->name);
  g_free (self->old_value);
  g_free (self->value);
}

static const KtsCommandClass attribute_class
    = { attribute_apply, attribute_revert, attribute_finalize };

KtsCommand *
kts_command_attribute_new (KtsDocument *document,
                           const char  *name,
                           const char  *old_value,
                           int          old_position,
                           const char  *value)
{
  AttributeCommand *self = command_alloc (sizeof (AttributeCommand), &attribute_class);

  self->document = g_object_ref (document);
  self->name = g_strdup (name);
  self->old_value = g_strdup (old_value);
  self->old_position = old_position;
  self->value = g_strdup (value);
  return &self->parent;
}

/* ---- Move anchors ----------------------------------------------------------- */

typedef struct
{
  KtsCommand parent;
  KtsMove   *move;
  GPtrArray *old_anchors; /* of KtsCoding, owned */
  GPtrArray *anchors;     /* of KtsCoding, owned */
} AnchorsCommand;

static void
anchors_apply (KtsCommand *command, KtsProject *project)
{
  AnchorsCommand *self = (AnchorsCommand *)command;

  _kts_move_set_anchors (self->move, (KtsCoding **)self->anchors->pdata, self->anchors->len);
}

static void
anchors_revert (KtsCommand *command, KtsProject *project)
{
  AnchorsCommand *self = (AnchorsCommand *)command;

  _kts_move_set_anchors (self->move, (KtsCoding **)self->old_anchors->pdata,
                         self->old_anchors->len);
}

static void
anchors_finalize (KtsCommand *command)
{
  AnchorsCommand *self = (AnchorsCommand *)command;

  g_object_unref (self->move);
  g_ptr_array_unref (self->old_anchors);
  g_ptr_array_unref (self->anchors);
}

static const KtsCommandClass anchors_class = { anchors_apply, anchors_revert, anchors_finalize };

static GPtrArray *
ref_codings (KtsCoding **codings, guint n)
{
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_object_ref (codings[i]));
  return array;
}

KtsCommand *
kts_command_anchors_new (KtsMove *move, KtsCoding **anchors, guint n_anchors)
{
  AnchorsCommand *self = command_alloc (sizeof (AnchorsCommand), &anchors_class);
  GPtrArray      *current = kts_move_get_anchors (move);

  self->move = g_object_ref (move);
  self->old_anchors = ref_codings ((KtsCoding **)current->pdata, current->len);
  self->anchors = ref_codings (anchors, n_anchors);
  return &self->parent;
}

/* ---- Codebook version --------------------------------------------------------- */

typedef struct
{
  KtsCommand   parent;
  KtsCodebook *codebook;
  int          old_version;
  int          version;
  char        *date;
  char        *text;
} VersionCommand;

static void
version_apply (KtsCommand *command, KtsProject *project)
{
  VersionCommand *self = (VersionCommand *)command;

  _kts_codebook_set_version (self->codebook, self->version);
  _kts_codebook_add_changelog (self->codebook, self->version, self->date, self->text);
  _kts_codebook_emit_changed (self->codebook);
}

static void
version_revert (KtsCommand *command, KtsProject *project)
{
  VersionCommand *self = (VersionCommand *)command;

  _kts_codebook_pop_changelog (self->codebook);
  _kts_codebook_set_version (self->codebook, self->old_version);
  _kts_codebook_emit_changed (self->codebook);
}

static void
version_finalize (KtsCommand *command)
{
  VersionCommand *self = (VersionCommand *)command;

  g_object_unref (self->codebook);
  g_free (self->date);
  g_free (self->text);
}

static const KtsCommandClass version_class = { version_apply, version_revert, version_finalize };

KtsCommand *
kts_command_codebook_version_new (
    KtsCodebook *codebook, int old_version, int version, const char *date, const char *text)
{
  VersionCommand *self = command_alloc (sizeof (VersionCommand), &version_class);

  self->codebook = g_object_ref (codebook);
  self->old_version = old_version;
  self->version = version;
  self->date = g_strdup (date);
  self->text = g_strdup (text);
  return &self->parent;
}
