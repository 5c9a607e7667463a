/* kts-document-list.c: the documents sidebar.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-document-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-document-list.h"
#include "kts-document-row.h"

struct _KtsDocumentList
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *stack;
  GtkWidget *list_view;

  KtsProject         *project;
  GtkSingleSelection *selection;
  GHashTable         *rows; /* KtsDocument → KtsDocumentRow */
};

G_DEFINE_FINAL_TYPE (KtsDocumentList, kts_document_list, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SELECTED_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static KtsDocument *
lookup_document (KtsDocumentList *self, const char *guid, guint *position)
{
  GListModel *documents;

  if (self->project == NULL)
    return NULL;
  documents = kts_project_get_documents (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) doc = g_list_model_get_item (documents, i);
      if (g_str_equal (kts_item_get_guid (KTS_ITEM (doc)), guid))
        {
          if (position != NULL)
            *position = i;
          return doc; /* the project keeps it alive */
        }
    }
  return NULL;
}

static GtkWindow *
get_window (KtsDocumentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_stack (KtsDocumentList *self)
{
  gboolean empty = self->project == NULL
                   || g_list_model_get_n_items (kts_project_get_documents (self->project)) == 0;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), empty ? "empty" : "list");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsDocumentList *self)
{
  gtk_list_item_set_child (item, kts_document_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsDocumentList *self)
{
  GtkWidget   *row = gtk_list_item_get_child (item);
  KtsDocument *doc = gtk_list_item_get_item (item);

  kts_document_row_set_project (KTS_DOCUMENT_ROW (row), self->project);
  kts_document_row_bind (KTS_DOCUMENT_ROW (row), doc);
  g_hash_table_insert (self->rows, doc, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsDocumentList *self)
{
  GtkWidget   *row = gtk_list_item_get_child (item);
  KtsDocument *doc = kts_document_row_get_document (KTS_DOCUMENT_ROW (row));

  if (doc != NULL && g_hash_table_lookup (self->rows, doc) == row)
    g_hash_table_remove (self->rows, doc);
  kts_document_row_unbind (KTS_DOCUMENT_ROW (row));
}

static void
selection_changed_cb (KtsDocumentList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_DOCUMENT]);
}

static void
documents_changed_cb (KtsDocumentList *self)
{
  update_stack (self);
}

/* ---- actions ------------------------------------------------------------ */

static void
action_rename (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (widget);
  KtsDocument     *doc = lookup_document (self, g_variant_get_string (param, NULL), NULL);
  GtkWidget       *row = doc != NULL ? g_hash_table_lookup (self->rows, doc) : NULL;

  if (row != NULL)
    kts_document_row_start_rename (KTS_DOCUMENT_ROW (row));
}

static void
action_set_title (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (widget);
  const char      *guid, *title;
  KtsDocument     *doc;

  g_variant_get (param, "(&s&s)", &guid, &title);
  doc = lookup_document (self, guid, NULL);
  if (doc != NULL && *title != '\0' && g_strcmp0 (kts_document_get_title (doc), title) != 0)
    kts_project_set_string (self->project, doc, "title", title);
}

static void
move_to (KtsDocumentList *self, KtsDocument *doc, guint position)
{
  gboolean was_selected = kts_document_list_get_selected_document (self) == doc;

  kts_project_move_document (self->project, doc, position);
  if (was_selected)
    kts_document_list_set_selected_document (self, doc);
}

static void
action_move_step (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (widget);
  guint            position = 0;
  KtsDocument     *doc = lookup_document (self, g_variant_get_string (param, NULL), &position);
  guint            n;

  if (doc == NULL)
    return;
  n = g_list_model_get_n_items (kts_project_get_documents (self->project));
  if (g_str_equal (name, "documents.move-up") && position > 0)
    move_to (self, doc, position - 1);
  else if (g_str_equal (name, "documents.move-down") && position + 1 < n)
    move_to (self, doc, position + 1);
}

static void
action_move (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (widget);
  const char      *guid, *target_guid;
  guint            target_position = 0;
  KtsDocument     *doc, *target;

  g_variant_get (param, "(&s&s)", &guid, &target_guid);
  doc = lookup_document (self, guid, NULL);
  target = lookup_document (self, target_guid, &target_position);
  if (doc != NULL && target != NULL && doc != target)
    move_to (self, doc, target_position);
}

static void
delete_response_cb (AdwMessageDialog *dialog, const char *response, KtsDocumentList *self)
{
  KtsDocument *doc = g_object_get_data (G_OBJECT (dialog), "kts-document");

  if (g_strcmp0 (response, "delete") == 0 && self->project != NULL
      && lookup_document (self, kts_item_get_guid (KTS_ITEM (doc)), NULL) == doc)
    kts_project_remove_document (self->project, doc);
}

static void
action_delete (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (widget);
  KtsDocument     *doc = lookup_document (self, g_variant_get_string (param, NULL), NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget       *dialog;
  guint            n;

  if (doc == NULL)
    return;

  n = kts_project_count_visible_document_codings (self->project, doc);
  heading = g_strdup_printf (_ ("Delete “%s”?"), kts_document_get_title (doc));
  if (n > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The transcript and its %u coding are removed from the "
                                         "project. You can undo this.",
                                         "The transcript and its %u codings are removed from the "
                                         "project. You can undo this.",
                                         n),
                            n);
  else
    body = g_strdup (_ ("The transcript is removed from the project. You can undo this."));

  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "delete",
                                    _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kts-document", g_object_ref (doc), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
selected_action (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (widget);
  KtsDocument     *doc = kts_document_list_get_selected_document (self);
  const char      *target = NULL;

  if (doc == NULL)
    return;
  if (g_str_equal (name, "documents.selected-rename"))
    target = "documents.rename";
  else if (g_str_equal (name, "documents.selected-delete"))
    target = "documents.delete";
  else if (g_str_equal (name, "documents.selected-up"))
    target = "documents.move-up";
  else if (g_str_equal (name, "documents.selected-down"))
    target = "documents.move-down";
  else if (g_str_equal (name, "documents.selected-menu"))
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, doc);
      if (row != NULL)
        kts_document_row_popup_menu (KTS_DOCUMENT_ROW (row));
      return;
    }
  if (target != NULL)
    gtk_widget_activate_action (widget, target, "s", kts_item_get_guid (KTS_ITEM (doc)));
}

/* ---- GObject ------------------------------------------------------------ */

static void
kts_document_list_dispose (GObject *object)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (object);

  kts_document_list_set_project (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_DOCUMENT_LIST);
  G_OBJECT_CLASS (kts_document_list_parent_class)->dispose (object);
}

static void
kts_document_list_finalize (GObject *object)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (object);

  g_hash_table_unref (self->rows);
  G_OBJECT_CLASS (kts_document_list_parent_class)->finalize (object);
}

static void
kts_document_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SELECTED_DOCUMENT:
      g_value_set_object (value, kts_document_list_get_selected_document (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_document_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KtsDocumentList *self = KTS_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      kts_document_list_set_project (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_DOCUMENT:
      kts_document_list_set_selected_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_document_list_class_init (KtsDocumentListClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_document_list_dispose;
  object_class->finalize = kts_document_list_finalize;
  object_class->get_property = kts_document_list_get_property;
  object_class->set_property = kts_document_list_set_property;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_DOCUMENT]
      = g_param_spec_object ("selected-document", NULL, NULL, KTS_TYPE_DOCUMENT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsDocumentList, box);
  gtk_widget_class_bind_template_child (widget_class, KtsDocumentList, heading);
  gtk_widget_class_bind_template_child (widget_class, KtsDocumentList, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsDocumentList, list_view);

  gtk_widget_class_install_action (widget_class, "documents.rename", "s", action_rename);
  gtk_widget_class_install_action (widget_class, "documents.set-title", "(ss)", action_set_title);
  gtk_widget_class_install_action (widget_class, "documents.move-up", "s", action_move_step);
  gtk_widget_class_install_action (widget_class, "documents.move-down", "s", action_move_step);
  gtk_widget_class_install_action (widget_class, "documents.move", "(ss)", action_move);
  gtk_widget_class_install_action (widget_class, "documents.delete", "s", action_delete);
  gtk_widget_class_install_action (widget_class, "documents.selected-rename", NULL,
                                   selected_action);
  gtk_widget_class_install_action (widget_class, "documents.selected-delete", NULL,
                                   selected_action);
  gtk_widget_class_install_action (widget_class, "documents.selected-up", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "documents.selected-down", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "documents.selected-menu", NULL, selected_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "documents.selected-rename",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "documents.selected-delete",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "documents.selected-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "documents.selected-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "documents.selected-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "documents.selected-menu",
                                       NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentlist");
}

static void
kts_document_list_init (KtsDocumentList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new (NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  g_object_unref (factory);

  update_stack (self);
}

GtkWidget *
kts_document_list_new (void)
{
  return g_object_new (KTS_TYPE_DOCUMENT_LIST, NULL);
}

void
kts_document_list_set_project (KtsDocumentList *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_DOCUMENT_LIST (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (kts_project_get_documents (self->project),
                                          documents_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  g_clear_object (&self->selection);
  g_set_object (&self->project, project);

  if (project != NULL)
    {
      GListModel *documents = kts_project_get_documents (project);

      g_signal_connect_object (documents, "items-changed", G_CALLBACK (documents_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->selection = gtk_single_selection_new (g_object_ref (documents));
      gtk_single_selection_set_autoselect (self->selection, TRUE);
      g_signal_connect_swapped (self->selection, "notify::selected-item",
                                G_CALLBACK (selection_changed_cb), self);
      gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view),
                               GTK_SELECTION_MODEL (self->selection));
    }

  if (self->stack != NULL)
    update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_DOCUMENT]);
}

KtsDocument *
kts_document_list_get_selected_document (KtsDocumentList *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT_LIST (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

void
kts_document_list_set_selected_document (KtsDocumentList *self, KtsDocument *document)
{
  GListModel *model;

  g_return_if_fail (KTS_IS_DOCUMENT_LIST (self));

  if (self->selection == NULL || document == NULL)
    return;
  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsDocument) doc = g_list_model_get_item (model, i);
      if (doc == document)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}
