/* kts-codebook-panel.c: the codebook side panel (search, code tree, details).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-codebook-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-code-editor-dialog.h"
#include "kts-code-row.h"
#include "kts-codebook-panel.h"
#include "kts-fuzzy.h"
#include "kts-practice.h"

struct _KtsCodebookPanel
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *search_entry;
  GtkWidget *stack;
  GtkWidget *list_view;
  GtkWidget *details_revealer;
  GtkWidget *details_label;

  KtsProject         *project;
  GSignalGroup       *codebook_signals;
  GSignalGroup       *project_signals;
  GtkSingleSelection *selection;
  char               *structure;
  gboolean            flat;
  GHashTable         *rows;         /* KtsCode → KtsCodeRow, the bound rows */
  GStrv               layers;       /* only these layers (a practice set's), or NULL */
  GtkWidget          *layers_label; /* says so while @layers is set */
};

G_DEFINE_FINAL_TYPE (KtsCodebookPanel, kts_codebook_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SELECTED_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (KtsCodebookPanel *self, gboolean force);

static void
toast (KtsCodebookPanel *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static KtsCode *
item_get_code (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    return KTS_CODE (gtk_tree_list_row_get_item (item)); /* transfer full */
  if (KTS_IS_CODE (item))
    return g_object_ref (item);
  return NULL;
}

static KtsCode *
lookup_code (KtsCodebookPanel *self, const char *guid)
{
  if (self->project == NULL || guid == NULL)
    return NULL;
  return kts_codebook_lookup_guid (kts_project_get_codebook (self->project), guid);
}

/* ---- model ------------------------------------------------------------ */

/* TRUE when @code or one of its sub-codes is in the practised layers. */
static gboolean
in_layers_deep (KtsCodebookPanel *self, KtsCode *code)
{
  GListModel *children;

  if (self->layers == NULL || kts_code_in_layers (code, (const char *const *)self->layers))
    return TRUE;
  children = kts_code_get_children (code);
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);

      if (in_layers_deep (self, child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
code_shown (KtsCodebookPanel *self, KtsCode *code)
{
  return self->project == NULL
         || (!kts_project_hides_code (self->project, code) && in_layers_deep (self, code));
}

static gboolean
code_shown_cb (gpointer item, gpointer user_data)
{
  return code_shown (user_data, KTS_CODE (item));
}

/* @codes without those that bracketing hides (the theory layers, while the
 * project is theory-locked) and those outside a practice set's layers;
 * transfer full. */
static GListModel *
shown_codes (KtsCodebookPanel *self, GListModel *codes)
{
  if (self->project == NULL
      || (!kts_project_get_theory_locked (self->project) && self->layers == NULL))
    return g_object_ref (codes);
  return G_LIST_MODEL (gtk_filter_list_model_new (
      g_object_ref (codes), GTK_FILTER (gtk_custom_filter_new (code_shown_cb, self, NULL))));
}

static GListModel *
create_children_cb (gpointer item, gpointer user_data)
{
  KtsCodebookPanel *self = user_data;
  GListModel       *children = kts_code_get_children (KTS_CODE (item));

  /* Expandability of a row never changes, so the tree is rebuilt when the
   * structure changes (see structure_signature()) and when the lock does. */
  if (children == NULL || g_list_model_get_n_items (children) == 0
      || kts_project_hides_code (self->project, KTS_CODE (item)))
    return NULL;
  return shown_codes (self, children);
}

static char *
structure_signature (KtsCodebook *codebook)
{
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (codebook);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);
      KtsCode *parent = kts_code_get_parent (code);

      g_string_append (s, kts_item_get_guid (KTS_ITEM (code)));
      g_string_append_c (s, '<');
      if (parent != NULL)
        g_string_append (s, kts_item_get_guid (KTS_ITEM (parent)));
      g_string_append_c (s, ';');
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  KtsCode *code;
  int      score;
  guint    order;
} Match;

static int
match_compare (gconstpointer a, gconstpointer b)
{
  const Match *ma = a;
  const Match *mb = b;

  if (ma->score != mb->score)
    return mb->score - ma->score;
  return (int)ma->order - (int)mb->order;
}

static GListModel *
build_search_model (KtsCodebookPanel *self, const char *query)
{
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (self->project));
  g_autoptr (GArray) matches = g_array_new (FALSE, FALSE, sizeof (Match));
  GListStore *store = g_list_store_new (KTS_TYPE_CODE);

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);
      int      by_name = kts_fuzzy_score (query, kts_code_get_name (code));
      int      by_key = kts_fuzzy_score (query, kts_code_get_key (code));
      Match    m = { code, MAX (by_name, by_key), i };

      if (m.score >= 0 && code_shown (self, code))
        g_array_append_val (matches, m);
    }
  g_array_sort (matches, match_compare);
  for (guint i = 0; i < matches->len; i++)
    g_list_store_append (store, g_array_index (matches, Match, i).code);

  return G_LIST_MODEL (store);
}

static void
update_details (KtsCodebookPanel *self)
{
  KtsCode *code = kts_codebook_panel_get_selected_code (self);

  if (code != NULL)
    {
      g_autofree char *markup = kts_code_describe_markup (code);
      gtk_label_set_markup (GTK_LABEL (self->details_label), markup);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->details_revealer), code != NULL);
}

static void
selection_changed_cb (KtsCodebookPanel *self)
{
  update_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CODE]);
}

static void
update_stack (KtsCodebookPanel *self)
{
  const char *page = "list";

  if (self->project == NULL
      || kts_codebook_get_n_codes (kts_project_get_codebook (self->project)) == 0)
    page = "empty";
  else if (self->flat && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    page = "no-results";
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
}

static void
rebuild (KtsCodebookPanel *self, gboolean force)
{
  g_autoptr (KtsCode) selected = NULL;
  g_autoptr (GListModel) model = NULL;
  const char      *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *signature = NULL;
  gboolean         flat = query != NULL && *query != '\0';

  if (self->project == NULL)
    {
      gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
      g_clear_object (&self->selection);
      g_clear_pointer (&self->structure, g_free);
      update_stack (self);
      update_details (self);
      return;
    }

  signature = structure_signature (kts_project_get_codebook (self->project));
  if (!force && !flat && !self->flat && g_strcmp0 (signature, self->structure) == 0)
    {
      update_stack (self);
      update_details (self);
      return;
    }
  g_free (self->structure);
  self->structure = g_steal_pointer (&signature);

  selected = kts_codebook_panel_get_selected_code (self);
  if (selected != NULL)
    g_object_ref (selected);

  if (flat)
    model = build_search_model (self, query);
  else
    model = G_LIST_MODEL (gtk_tree_list_model_new (
        shown_codes (self, kts_codebook_get_roots (kts_project_get_codebook (self->project))),
        FALSE, TRUE, create_children_cb, self, NULL));
  self->flat = flat;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  g_clear_object (&self->selection);
  self->selection = gtk_single_selection_new (g_steal_pointer (&model));
  gtk_single_selection_set_autoselect (self->selection, flat);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  if (!flat)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                            self);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));

  if (selected != NULL && !flat)
    kts_codebook_panel_select_code (self, selected);

  update_stack (self);
  selection_changed_cb (self);
}

static void
codebook_changed_cb (KtsCodebookPanel *self)
{
  rebuild (self, FALSE);
}

static void
lock_changed_cb (KtsCodebookPanel *self)
{
  rebuild (self, TRUE);
}

static void
show_in_codebook_cb (KtsCodebookPanel *self)
{
  KtsCode *code = kts_codebook_panel_get_selected_code (self);

  if (code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-code", "s",
                                kts_item_get_guid (KTS_ITEM (code)));
}

static void
search_changed_cb (KtsCodebookPanel *self)
{
  rebuild (self, TRUE);
}

static void
search_activate_cb (KtsCodebookPanel *self)
{
  if (self->selection != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (self->list_view);
    }
}

static void
search_stop_cb (KtsCodebookPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
list_activate_cb (KtsCodebookPanel *self, guint position)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr (KtsCode) code = item_get_code (item);

  if (code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.apply-code", "s",
                                kts_item_get_guid (KTS_ITEM (code)));
}

/* ---- rows --------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsCodebookPanel *self)
{
  gtk_list_item_set_child (item, kts_code_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsCodebookPanel *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  gpointer   obj = gtk_list_item_get_item (item);
  g_autoptr (KtsCode) code = item_get_code (obj);

  if (code == NULL || self->project == NULL)
    return;
  kts_code_row_bind (KTS_CODE_ROW (row), self->project,
                     GTK_IS_TREE_LIST_ROW (obj) ? GTK_TREE_LIST_ROW (obj) : NULL, code, self->flat);
  g_hash_table_insert (self->rows, code, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsCodebookPanel *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  KtsCode   *code = kts_code_row_get_code (KTS_CODE_ROW (row));

  if (code != NULL && g_hash_table_lookup (self->rows, code) == row)
    g_hash_table_remove (self->rows, code);
  kts_code_row_unbind (KTS_CODE_ROW (row));
}

static gboolean
list_drop_cb (
    GtkDropTarget *target, const GValue *value, double x, double y, KtsCodebookPanel *self)
{
  KtsCode *code = g_value_get_object (value);
  g_autoptr (GError) error = NULL;

  if (self->project == NULL || code == NULL || kts_code_get_parent (code) == NULL)
    return FALSE;
  if (!kts_project_move_code (self->project, code, NULL, -1, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- actions --------------------------------------------------------------- */

static GtkWindow *
get_window (KtsCodebookPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_editor (KtsCodebookPanel *self, KtsCode *code, KtsCode *parent)
{
  KtsCodeEditorDialog *dialog;

  if (self->project == NULL)
    return;
  dialog = kts_code_editor_dialog_new (get_window (self), self->project, code, parent);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (kts_codebook_panel_select_code), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_new (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *selected = kts_codebook_panel_get_selected_code (self);

  open_editor (self, NULL, selected != NULL ? kts_code_get_parent (selected) : NULL);
}

static void
action_new_child (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = lookup_code (self, g_variant_get_string (param, NULL));

  if (code != NULL)
    open_editor (self, NULL, code);
}

static void
action_edit (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = lookup_code (self, g_variant_get_string (param, NULL));

  if (code != NULL)
    open_editor (self, code, NULL);
}

static void
action_apply (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = lookup_code (self, g_variant_get_string (param, NULL));

  if (code == NULL)
    return;
  kts_codebook_panel_select_code (self, code);
  gtk_widget_activate_action_variant (widget, "win.apply-code", param);
}

static void
action_click (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = lookup_code (self, g_variant_get_string (param, NULL));

  if (code == NULL)
    return;
  kts_codebook_panel_select_code (self, code);
  gtk_widget_activate_action_variant (widget, "win.apply-code-to-selection", param);
}

static void
action_recolor (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  const char       *guid, *color;
  KtsCode          *code;

  g_variant_get (param, "(&s&s)", &guid, &color);
  code = lookup_code (self, guid);
  if (code != NULL && g_strcmp0 (kts_code_get_color (code), color) != 0)
    kts_project_set_string (self->project, code, "color", color);
}

static void
action_set_shortcut (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  const char       *guid;
  int               digit;
  KtsCode          *code;

  g_variant_get (param, "(&si)", &guid, &digit);
  code = lookup_code (self, guid);
  if (code != NULL && digit >= 0 && digit <= 9 && kts_code_get_shortcut (code) != digit)
    kts_project_set_code_shortcut (self->project, code, digit);
}

static void
move_code (KtsCodebookPanel *self, KtsCode *code, KtsCode *parent)
{
  g_autoptr (GError) error = NULL;

  if (kts_code_get_parent (code) == parent)
    return;
  if (!kts_project_move_code (self->project, code, parent, -1, &error))
    toast (self, error->message);
}

static void
action_move_into (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  const char       *guid, *parent_guid;
  KtsCode          *code, *parent;

  g_variant_get (param, "(&s&s)", &guid, &parent_guid);
  code = lookup_code (self, guid);
  parent = lookup_code (self, parent_guid);
  if (code == NULL || parent == NULL)
    return;
  if (kts_code_is_descendant_of (parent, code))
    {
      toast (self, _ ("A code cannot be moved into one of its own sub-codes"));
      return;
    }
  move_code (self, code, parent);
}

static void
action_move_to_top (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = lookup_code (self, g_variant_get_string (param, NULL));

  if (code != NULL)
    move_code (self, code, NULL);
}

static guint
count_subtree_codings (KtsProject *project, KtsCode *code, guint *n_descendants)
{
  GListModel *children = kts_code_get_children (code);
  guint       n = kts_project_count_visible_codings (project, code);

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      (*n_descendants)++;
      n += count_subtree_codings (project, child, n_descendants);
    }
  return n;
}

static void
delete_response_cb (AdwMessageDialog *dialog, const char *response, KtsCodebookPanel *self)
{
  KtsCode *code = g_object_get_data (G_OBJECT (dialog), "kts-code");

  if (g_strcmp0 (response, "delete") == 0 && self->project != NULL && code != NULL
      && lookup_code (self, kts_item_get_guid (KTS_ITEM (code))) == code)
    kts_project_remove_code (self->project, code);
}

static void
action_delete (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = lookup_code (self, g_variant_get_string (param, NULL));
  guint             n_descendants = 0;
  guint             n_codings;
  GtkWidget        *dialog;
  g_autofree char  *heading = NULL;
  g_autofree char  *body = NULL;

  if (code == NULL)
    return;

  n_codings = count_subtree_codings (self->project, code, &n_descendants);
  if (n_codings == 0 && n_descendants == 0)
    {
      g_autofree char *text = g_strdup_printf (_ ("Deleted “%s”"), kts_code_get_name (code));
      kts_project_remove_code (self->project, code);
      toast (self, text);
      return;
    }

  heading = g_strdup_printf (_ ("Delete “%s”?"), kts_code_get_name (code));
  if (n_descendants == 0)
    body = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Its %u coding will be removed from the transcripts.",
                     "Its %u codings will be removed from the transcripts.", n_codings),
        n_codings);
  else
    {
      g_autofree char *codes_part = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u sub-code", "%u sub-codes", n_descendants),
          n_descendants);
      g_autofree char *codings_part = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings", n_codings), n_codings);
      /* Translators: "Its 3 sub-codes and 12 codings will be removed too." */
      body = g_strdup_printf (_ ("Its %s and %s will be removed too."), codes_part, codings_part);
    }

  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "delete",
                                    _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kts-code", g_object_ref (code), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_response_cb (AdwMessageDialog *dialog, const char *response, KtsCodebookPanel *self)
{
  KtsCode   *source = g_object_get_data (G_OBJECT (dialog), "kts-code");
  GPtrArray *targets = g_object_get_data (G_OBJECT (dialog), "kts-targets");
  GtkWidget *dropdown = adw_message_dialog_get_extra_child (dialog);
  guint      index;
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "merge") != 0 || self->project == NULL)
    return;
  index = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  if (index >= targets->len)
    return;
  if (!kts_project_merge_codes (self->project, source, g_ptr_array_index (targets, index), &error))
    toast (self, error->message);
}

static void
action_merge (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = lookup_code (self, g_variant_get_string (param, NULL));
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GtkStringList) names = NULL;
  GPtrArray       *targets;
  GtkWidget       *dialog;
  GtkWidget       *dropdown;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint            n;

  if (code == NULL)
    return;

  codes = kts_codebook_list_codes (kts_project_get_codebook (self->project));
  names = gtk_string_list_new (NULL);
  targets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode         *c = g_ptr_array_index (codes, i);
      g_autofree char *indent = NULL;
      g_autofree char *label = NULL;

      if (kts_code_is_descendant_of (c, code))
        continue;
      indent = g_strnfill (kts_code_get_depth (c) * 3, ' ');
      label = g_strconcat (indent, kts_code_get_name (c), NULL);
      gtk_string_list_append (names, label);
      g_ptr_array_add (targets, g_object_ref (c));
    }
  if (targets->len == 0)
    {
      g_ptr_array_unref (targets);
      toast (self, _ ("There is no other code to merge into"));
      return;
    }

  n = kts_project_count_visible_codings (self->project, code);
  heading = g_strdup_printf (_ ("Merge “%s” Into…"), kts_code_get_name (code));
  body = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "Its %u coding and its sub-codes move to the chosen code, and “%s” is removed.",
                   "Its %u codings and its sub-codes move to the chosen code, and “%s” is removed.",
                   n),
      n, kts_code_get_name (code));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Code to merge into"), -1);

  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "merge",
                                    _ ("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kts-code", g_object_ref (code), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "kts-targets", targets,
                          (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_next_coding (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_activate_action_variant (
      widget,
      g_str_equal (name, "codebook.next-coding") ? "win.next-coding-of" : "win.previous-coding-of",
      param);
}

static void
selected_action (KtsCodebookPanel *self, const char *action)
{
  KtsCode *code = kts_codebook_panel_get_selected_code (self);

  if (code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "s",
                                kts_item_get_guid (KTS_ITEM (code)));
}

static void
action_selected_delete (GtkWidget *widget, const char *name, GVariant *param)
{
  selected_action (KTS_CODEBOOK_PANEL (widget), "codebook.delete");
}

static void
action_selected_edit (GtkWidget *widget, const char *name, GVariant *param)
{
  selected_action (KTS_CODEBOOK_PANEL (widget), "codebook.edit");
}

static void
action_selected_menu (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (widget);
  KtsCode          *code = kts_codebook_panel_get_selected_code (self);
  GtkWidget        *row = code != NULL ? g_hash_table_lookup (self->rows, code) : NULL;

  if (row != NULL)
    kts_code_row_popup_menu (KTS_CODE_ROW (row));
}

/* ---- GObject ------------------------------------------------------------ */

static void
kts_codebook_panel_dispose (GObject *object)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->codebook_signals);
  g_clear_object (&self->project_signals);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_CODEBOOK_PANEL);

  G_OBJECT_CLASS (kts_codebook_panel_parent_class)->dispose (object);
}

static void
kts_codebook_panel_finalize (GObject *object)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (object);

  g_free (self->structure);
  g_hash_table_unref (self->rows);
  g_strfreev (self->layers);
  G_OBJECT_CLASS (kts_codebook_panel_parent_class)->finalize (object);
}

static void
kts_codebook_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SELECTED_CODE:
      g_value_set_object (value, kts_codebook_panel_get_selected_code (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_codebook_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KtsCodebookPanel *self = KTS_CODEBOOK_PANEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      kts_codebook_panel_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_codebook_panel_class_init (KtsCodebookPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_codebook_panel_dispose;
  object_class->finalize = kts_codebook_panel_finalize;
  object_class->get_property = kts_codebook_panel_get_property;
  object_class->set_property = kts_codebook_panel_set_property;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_CODE] = g_param_spec_object ("selected-code", NULL, NULL, KTS_TYPE_CODE,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-codebook-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookPanel, box);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookPanel, layers_label);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookPanel, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookPanel, details_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_in_codebook_cb);

  gtk_widget_class_install_action (widget_class, "codebook.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "codebook.new-child", "s", action_new_child);
  gtk_widget_class_install_action (widget_class, "codebook.edit", "s", action_edit);
  gtk_widget_class_install_action (widget_class, "codebook.apply", "s", action_apply);
  gtk_widget_class_install_action (widget_class, "codebook.click", "s", action_click);
  gtk_widget_class_install_action (widget_class, "codebook.recolor", "(ss)", action_recolor);
  gtk_widget_class_install_action (widget_class, "codebook.set-shortcut", "(si)",
                                   action_set_shortcut);
  gtk_widget_class_install_action (widget_class, "codebook.merge", "s", action_merge);
  gtk_widget_class_install_action (widget_class, "codebook.move-into", "(ss)", action_move_into);
  gtk_widget_class_install_action (widget_class, "codebook.move-to-top", "s", action_move_to_top);
  gtk_widget_class_install_action (widget_class, "codebook.delete", "s", action_delete);
  gtk_widget_class_install_action (widget_class, "codebook.next-coding", "s", action_next_coding);
  gtk_widget_class_install_action (widget_class, "codebook.previous-coding", "s",
                                   action_next_coding);
  gtk_widget_class_install_action (widget_class, "codebook.delete-selected", NULL,
                                   action_selected_delete);
  gtk_widget_class_install_action (widget_class, "codebook.edit-selected", NULL,
                                   action_selected_edit);
  gtk_widget_class_install_action (widget_class, "codebook.menu-selected", NULL,
                                   action_selected_menu);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "codebook.delete-selected",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "codebook.edit-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "codebook.menu-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "codebook.menu-selected",
                                       NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codebookpanel");
}

static void
kts_codebook_panel_init (KtsCodebookPanel *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget      *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new (NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  g_object_unref (factory);

  drop = gtk_drop_target_new (KTS_TYPE_CODE, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (list_drop_cb), self);
  gtk_widget_add_controller (self->list_view, GTK_EVENT_CONTROLLER (drop));

  self->codebook_signals = g_signal_group_new (KTS_TYPE_CODEBOOK);
  g_signal_group_connect_swapped (self->codebook_signals, "changed",
                                  G_CALLBACK (codebook_changed_cb), self);
  self->project_signals = g_signal_group_new (KTS_TYPE_PROJECT);
  g_signal_group_connect_swapped (self->project_signals, "notify::theory-locked",
                                  G_CALLBACK (lock_changed_cb), self);

  update_stack (self);
}

GtkWidget *
kts_codebook_panel_new (void)
{
  return g_object_new (KTS_TYPE_CODEBOOK_PANEL, NULL);
}

KtsProject *
kts_codebook_panel_get_project (KtsCodebookPanel *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK_PANEL (self), NULL);
  return self->project;
}

void
kts_codebook_panel_set_project (KtsCodebookPanel *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_CODEBOOK_PANEL (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;

  g_signal_group_set_target (self->codebook_signals,
                             project != NULL ? kts_project_get_codebook (project) : NULL);
  g_signal_group_set_target (self->project_signals, project);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rebuild (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.new", project != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

KtsCode *
kts_codebook_panel_get_selected_code (KtsCodebookPanel *self)
{
  g_autoptr (GObject) item = NULL;
  g_autoptr (KtsCode) code = NULL;

  g_return_val_if_fail (KTS_IS_CODEBOOK_PANEL (self), NULL);

  if (self->selection == NULL)
    return NULL;
  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL)
    return NULL;
  g_object_ref (item);
  code = item_get_code (item);
  /* The codebook keeps the code alive. */
  return code;
}

void
kts_codebook_panel_select_code (KtsCodebookPanel *self, KtsCode *code)
{
  GListModel *model;
  guint       n;

  g_return_if_fail (KTS_IS_CODEBOOK_PANEL (self));
  g_return_if_fail (code == NULL || KTS_IS_CODE (code));

  if (self->selection == NULL)
    return;
  if (code == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autoptr (KtsCode) c = item_get_code (item);

      if (c == code)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", i);
          return;
        }
    }
}

void
kts_codebook_panel_set_layers (KtsCodebookPanel *self, const char *const *layers)
{
  g_return_if_fail (KTS_IS_CODEBOOK_PANEL (self));

  if (layers != NULL && layers[0] == NULL)
    layers = NULL;
  if (self->layers == NULL && layers == NULL)
    return;
  if (self->layers != NULL && layers != NULL
      && g_strv_equal ((const char *const *)self->layers, layers))
    return;
  g_strfreev (self->layers);
  self->layers = g_strdupv ((char **)layers);
  if (self->layers != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", self->layers);
      g_autofree char *text
          = g_strdup_printf (_ ("Practice: only the %s codes are offered"), joined);

      gtk_label_set_text (GTK_LABEL (self->layers_label), text);
    }
  gtk_widget_set_visible (self->layers_label, self->layers != NULL);
  rebuild (self, TRUE);
}

const char *const *
kts_codebook_panel_get_layers (KtsCodebookPanel *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK_PANEL (self), NULL);
  return (const char *const *)self->layers;
}

void
kts_codebook_panel_focus_search (KtsCodebookPanel *self)
{
  g_return_if_fail (KTS_IS_CODEBOOK_PANEL (self));
  gtk_widget_grab_focus (self->search_entry);
}

const char *
kts_codebook_panel_get_layers_note (KtsCodebookPanel *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK_PANEL (self), NULL);
  if (!gtk_widget_get_visible (self->layers_label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->layers_label));
}
