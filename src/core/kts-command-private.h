/* kts-command-private.h: undoable commands of a project.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A command knows how to apply itself (do and redo) and how to revert itself
 * (undo). Commands hold references to everything they touch, so a command on
 * the undo or redo stack can always run again and restore exactly the same
 * objects at the same positions.
 */
#pragma once

#include "kts-model-private.h"
#include "kts-project-private.h"

G_BEGIN_DECLS

typedef struct _KtsCommand KtsCommand;

typedef struct
{
  void (*apply) (KtsCommand *command, KtsProject *project);
  void (*revert) (KtsCommand *command, KtsProject *project);
  void (*finalize) (KtsCommand *command);
} KtsCommandClass;

struct _KtsCommand
{
  const KtsCommandClass *klass;
  char                  *label; /* translated, may be NULL inside a group */
  guint64                id;    /* set when it reaches the undo stack */
};

void kts_command_apply (KtsCommand *command, KtsProject *project);
void kts_command_revert (KtsCommand *command, KtsProject *project);
void kts_command_free (KtsCommand *command);
void kts_command_set_label (KtsCommand *command, const char *label);

/* A sequence of commands done, undone and redone as one. */
KtsCommand *kts_command_group_new (const char *label);
void        kts_command_group_append (KtsCommand *group, KtsCommand *child);
guint       kts_command_group_get_length (KtsCommand *group);
/* A group begun without a label takes the label of its first command. */
void kts_command_group_adopt_label (KtsCommand *group);
/* Reverts and frees the children from @index on, last first. */
void kts_command_group_truncate (KtsCommand *group, KtsProject *project, guint index);

/* Changes property @pspec of @object from @old_value to @new_value. */
KtsCommand *kts_command_set_property_new (GObject      *object,
                                          GParamSpec   *pspec,
                                          const GValue *old_value,
                                          const GValue *new_value);
/* Inserts (@insert) or removes @item at @position of a list of the project. */
KtsCommand *kts_command_list_new (
    gboolean insert, KtsListKind kind, gpointer owner, gpointer item, guint position);
/* Moves @item within its list from @from to @to (both positions in the full list). */
KtsCommand *
kts_command_reorder_new (KtsListKind kind, gpointer owner, gpointer item, guint from, guint to);
/* Re-parents @code; @new_position is its index in the new parent after the move. */
KtsCommand *kts_command_move_code_new (KtsCode *code,
                                       KtsCode *old_parent,
                                       guint    old_position,
                                       KtsCode *new_parent,
                                       guint    new_position);
KtsCommand *
kts_command_speaker_role_new (KtsDocument *document, guint speaker, KtsRole old_role, KtsRole role);
/* Sets (@value non-NULL) or removes attribute @name; @old_position is where
 * the attribute was (-1 when absent). */
KtsCommand *kts_command_attribute_new (KtsDocument *document,
                                       const char  *name,
                                       const char  *old_value,
                                       int          old_position,
                                       const char  *value);
KtsCommand *kts_command_anchors_new (KtsMove *move, KtsCoding **anchors, guint n_anchors);
KtsCommand *kts_command_codebook_version_new (
    KtsCodebook *codebook, int old_version, int version, const char *date, const char *text);

G_END_DECLS
