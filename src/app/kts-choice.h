/* kts-choice.h: one entry of an analysis drop-down ("All coders", a coder, a layer).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KTS_TYPE_CHOICE (kts_choice_get_type ())
G_DECLARE_FINAL_TYPE (KtsChoice, kts_choice, KTS, CHOICE, GObject)

/*
 * Properties (construct-only):
 *   label  string, shown in the drop-down
 *   item   GObject, may be NULL: the thing chosen (a coder, a document, …)
 *   value  string, may be NULL: an id when there is no object (a layer, a nick)
 * An entry with neither item nor value stands for "all".
 */
KtsChoice  *kts_choice_new (const char *label, gpointer item, const char *value);
const char *kts_choice_get_label (KtsChoice *self);
gpointer    kts_choice_get_item (KtsChoice *self);
const char *kts_choice_get_value (KtsChoice *self);
gboolean    kts_choice_equal (KtsChoice *a, KtsChoice *b);

/* A drop-down listing KtsChoice entries by label, searchable when @search. */
GtkWidget *kts_choice_drop_down_new (const char *accessible_label, gboolean search);
/* Replaces the entries of @drop_down by @choices (a GListModel of KtsChoice),
 * keeping the selected entry when an equal one is among them, else selecting
 * the first. Returns TRUE when the selected entry changed. */
gboolean kts_choice_drop_down_set_choices (GtkDropDown *drop_down, GListModel *choices);
/* The selected entry, or NULL. (transfer none) */
KtsChoice *kts_choice_drop_down_get_selected (GtkDropDown *drop_down);
/* Selects the entry whose item is @item (or whose value is @value); FALSE if
 * there is none. */
gboolean kts_choice_drop_down_select (GtkDropDown *drop_down, gpointer item, const char *value);

G_END_DECLS
