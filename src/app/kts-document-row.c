/* kts-document-row.c: one transcript in the documents sidebar.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-document-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-document-row.h"

struct _KtsDocumentRow
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *menu;
  GtkWidget *rename_popover;
  GtkWidget *rename_entry;

  KtsDocument  *document;
  GSignalGroup *project_signals;
  GSignalGroup *document_signals;
  GSignalGroup *codings_signals;
};

G_DEFINE_FINAL_TYPE (KtsDocumentRow, kts_document_row, GTK_TYPE_WIDGET)

static void
update (KtsDocumentRow *self)
{
  guint            n_turns, n_codings;
  g_autofree char *turns = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr (KtsProject) project = NULL;

  if (self->document == NULL)
    return;

  gtk_label_set_text (GTK_LABEL (self->title_label), kts_document_get_title (self->document));
  n_turns = kts_document_get_n_turns (self->document);
  project
      = self->project_signals != NULL ? g_signal_group_dup_target (self->project_signals) : NULL;
  /* Not the reference codings an open practice set hides. */
  n_codings = project != NULL
                  ? kts_project_count_visible_document_codings (project, self->document)
                  : g_list_model_get_n_items (kts_document_get_codings (self->document));
  turns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u turn", "%u turns", n_turns), n_turns);
  codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings", n_codings),
                             n_codings);
  /* Translators: "42 turns · 7 codings" */
  subtitle = g_strdup_printf (_ ("%s · %s"), turns, codings);
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), kts_document_get_source_name (self->document));
}

static GMenuModel *
build_menu (KtsDocumentRow *self)
{
  const char *guid = kts_item_get_guid (KTS_ITEM (self->document));
  GMenu      *menu = g_menu_new ();
  GMenu      *section = g_menu_new ();
  struct
  {
    const char *label;
    const char *action;
  } items[] = {
    { N_ ("_Rename…"), "documents.rename" },
    { N_ ("Move _Up"), "documents.move-up" },
    { N_ ("Move _Down"), "documents.move-down" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GMenuItem *item = g_menu_item_new (_ (items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (guid));
      g_menu_append_item (section, item);
      g_object_unref (item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  {
    GMenuItem *item = g_menu_item_new (_ ("_Delete…"), NULL);
    g_menu_item_set_action_and_target_value (item, "documents.delete", g_variant_new_string (guid));
    g_menu_append_item (section, item);
    g_object_unref (item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  return G_MENU_MODEL (menu);
}

void
kts_document_row_popup_menu (KtsDocumentRow *self)
{
  g_autoptr (GMenuModel) model = NULL;

  g_return_if_fail (KTS_IS_DOCUMENT_ROW (self));

  if (self->document == NULL)
    return;
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  model = build_menu (self);
  self->menu = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
rename_activate_cb (KtsDocumentRow *self)
{
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry)));

  g_strstrip (title);
  if (*title != '\0' && self->document != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "documents.set-title", "(ss)",
                                kts_item_get_guid (KTS_ITEM (self->document)), title);
  gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
}

void
kts_document_row_start_rename (KtsDocumentRow *self)
{
  GtkWidget *box, *label, *button;

  g_return_if_fail (KTS_IS_DOCUMENT_ROW (self));

  if (self->document == NULL)
    return;
  if (self->rename_popover == NULL)
    {
      self->rename_popover = gtk_popover_new ();
      gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      label = gtk_label_new (_ ("Transcript Title"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      {
        GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        self->rename_entry = gtk_entry_new ();
        gtk_widget_set_size_request (self->rename_entry, 220, -1);
        gtk_accessible_update_relation (GTK_ACCESSIBLE (self->rename_entry),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
        g_signal_connect_swapped (self->rename_entry, "activate", G_CALLBACK (rename_activate_cb),
                                  self);
        button = gtk_button_new_with_mnemonic (_ ("_Rename"));
        gtk_widget_add_css_class (button, "suggested-action");
        g_signal_connect_swapped (button, "clicked", G_CALLBACK (rename_activate_cb), self);
        gtk_box_append (GTK_BOX (hbox), self->rename_entry);
        gtk_box_append (GTK_BOX (hbox), button);
        gtk_box_append (GTK_BOX (box), hbox);
      }
      gtk_popover_set_child (GTK_POPOVER (self->rename_popover), box);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry),
                         kts_document_get_title (self->document));
  gtk_popover_popup (GTK_POPOVER (self->rename_popover));
  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static void
click_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, KtsDocumentRow *self)
{
  kts_document_row_popup_menu (self);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, KtsDocumentRow *self)
{
  if (self->document == NULL)
    return NULL;
  return gdk_content_provider_new_typed (KTS_TYPE_DOCUMENT, self->document);
}

static void
drag_begin_cb (GtkDragSource *source, GdkDrag *drag, KtsDocumentRow *self)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (self->box);
  gtk_drag_source_set_icon (source, paintable, 0, 0);
  g_object_unref (paintable);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, KtsDocumentRow *self)
{
  KtsDocument *moved = g_value_get_object (value);

  if (moved == NULL || self->document == NULL || moved == self->document)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "documents.move", "(ss)",
                              kts_item_get_guid (KTS_ITEM (moved)),
                              kts_item_get_guid (KTS_ITEM (self->document)));
  return TRUE;
}

static void
kts_document_row_dispose (GObject *object)
{
  KtsDocumentRow *self = KTS_DOCUMENT_ROW (object);

  kts_document_row_unbind (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->rename_popover, gtk_widget_unparent);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->codings_signals);
  g_clear_object (&self->project_signals);

  G_OBJECT_CLASS (kts_document_row_parent_class)->dispose (object);
}

static void
kts_document_row_class_init (KtsDocumentRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_document_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentrow");
}

static void
kts_document_row_init (KtsDocumentRow *self)
{
  GtkGesture    *click;
  GtkDragSource *drag;
  GtkDropTarget *drop;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (self->box), self->title_label);

  self->subtitle_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->subtitle_label, "caption");
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->subtitle_label);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (KTS_TYPE_DOCUMENT, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->project_signals = g_signal_group_new (KTS_TYPE_PROJECT);
  g_signal_group_connect_swapped (self->project_signals, "changed", G_CALLBACK (update), self);
  self->document_signals = g_signal_group_new (KTS_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "notify::title", G_CALLBACK (update),
                                  self);
  self->codings_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->codings_signals, "items-changed", G_CALLBACK (update),
                                  self);
}

GtkWidget *
kts_document_row_new (void)
{
  return g_object_new (KTS_TYPE_DOCUMENT_ROW, NULL);
}

void
kts_document_row_bind (KtsDocumentRow *self, KtsDocument *document)
{
  g_return_if_fail (KTS_IS_DOCUMENT_ROW (self));
  g_return_if_fail (KTS_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->codings_signals, kts_document_get_codings (document));
  update (self);
}

void
kts_document_row_unbind (KtsDocumentRow *self)
{
  g_return_if_fail (KTS_IS_DOCUMENT_ROW (self));

  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->codings_signals != NULL)
    g_signal_group_set_target (self->codings_signals, NULL);
  g_clear_object (&self->document);
}

void
kts_document_row_set_project (KtsDocumentRow *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_DOCUMENT_ROW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  g_signal_group_set_target (self->project_signals, project);
  update (self);
}

KtsDocument *
kts_document_row_get_document (KtsDocumentRow *self)
{
  g_return_val_if_fail (KTS_IS_DOCUMENT_ROW (self), NULL);
  return self->document;
}
