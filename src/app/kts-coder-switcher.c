/* kts-coder-switcher.c: the coder switcher of the Transcripts view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-coder-switcher"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-coder-switcher.h"
#include "kts-window.h"

struct _KtsCoderSwitcher
{
  GtkWidget parent_instance;

  GtkWidget *button;
  GtkWidget *button_label;
  GtkWidget *popover;
  GtkWidget *grid;
  GtkWidget *show_all;
  GtkWidget *only_mine;
  GtkWidget *new_entry;

  KtsWindow         *window; /* weak */
  KtsTranscriptView *view;
  KtsProject        *project;
  gulong             coders_changed_id;
  gulong             project_changed_id;
  gulong             visible_id;
  gboolean           syncing;
  char              *label;
};

G_DEFINE_FINAL_TYPE (KtsCoderSwitcher, kts_coder_switcher, GTK_TYPE_WIDGET)

static void rebuild (KtsCoderSwitcher *self);

static GListModel *
coders_model (KtsCoderSwitcher *self)
{
  return self->project != NULL ? kts_project_get_coders (self->project) : NULL;
}

static KtsCoder *
current_coder (KtsCoderSwitcher *self)
{
  return self->window != NULL ? kts_window_get_coder (self->window) : NULL;
}

static void
add_toast (KtsCoderSwitcher *self, const char *message)
{
  if (self->window != NULL)
    kts_window_add_toast (self->window, adw_toast_new (message));
}

/* ---- what is shown -------------------------------------------------------- */

/* Everyone's codings once every coder is chosen, so that coders added later
 * and codings without a coder show too. */
static void
set_visible (KtsCoderSwitcher *self, GPtrArray *coders)
{
  GListModel *model = coders_model (self);
  guint       n = model != NULL ? g_list_model_get_n_items (model) : 0;
  gboolean    all = coders != NULL;

  for (guint i = 0; all && i < n; i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (model, i);

      all = g_ptr_array_find (coders, coder, NULL);
    }
  kts_transcript_view_set_visible_coders (self->view, all ? NULL : coders);
}

static void
set_coder_visible (KtsCoderSwitcher *self, KtsCoder *coder, gboolean visible)
{
  g_autoptr (GPtrArray) shown = kts_transcript_view_dup_visible_coders (self->view);
  GListModel *model = coders_model (self);

  if (model == NULL || kts_transcript_view_get_coder_visible (self->view, coder) == visible)
    return;
  if (shown == NULL)
    {
      shown = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (shown, g_list_model_get_item (model, i));
    }
  if (visible)
    g_ptr_array_add (shown, g_object_ref (coder));
  else
    g_ptr_array_remove (shown, coder);
  set_visible (self, shown);
}

/* ---- the button ---------------------------------------------------------- */

static void
update_label (KtsCoderSwitcher *self)
{
  KtsCoder   *coder = current_coder (self);
  GListModel *model = coders_model (self);
  g_autoptr (GPtrArray) shown = kts_transcript_view_dup_visible_coders (self->view);
  g_autofree char *tooltip = NULL;
  const char *name = coder != NULL ? kts_coder_get_name (coder) : kts_window_get_user_coder_name ();

  g_free (self->label);
  /* Translators: the coder switcher's button; %s is a coder's name */
  self->label = g_strdup_printf (_ ("Coding as: %s"), name);
  if (shown != NULL && model != NULL)
    {
      g_autofree char *full = g_strdup_printf (
          /* Translators: "Coding as: Anna · showing 2 of 3" coders' codings */
          _ ("%s · showing %u of %u"), self->label, shown->len, g_list_model_get_n_items (model));
      g_free (self->label);
      self->label = g_steal_pointer (&full);
    }
  gtk_label_set_text (GTK_LABEL (self->button_label), self->label);
  /* Room for "Coding as: NAME" before ellipsizing the rest. */
  gtk_label_set_width_chars (GTK_LABEL (self->button_label),
                             (int)MIN (g_utf8_strlen (self->label, -1), 24));

  tooltip = g_strdup_printf (_ ("Coders: who you code as, and whose codings show (%s)"),
                             "Ctrl+Shift+K");
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->label, -1);
}

/* Radio buttons, checks and names as the model and the view say, without
 * rebuilding (which would end an edit in progress). */
static void
sync_rows (KtsCoderSwitcher *self)
{
  KtsCoder *current = current_coder (self);

  self->syncing = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (self->grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *role = g_object_get_data (G_OBJECT (child), "kts-role");
      KtsCoder   *coder = g_object_get_data (G_OBJECT (child), "kts-coder");

      if (role == NULL)
        continue;
      if (g_str_equal (role, "code-as"))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child), coder == current);
      else if (g_str_equal (role, "show"))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                     kts_transcript_view_get_coder_visible (self->view, coder));
      else if (g_str_equal (role, "name")
               && !gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (child))
               && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (child)),
                             kts_coder_get_name (coder))
                      != 0)
        gtk_editable_set_text (GTK_EDITABLE (child), kts_coder_get_name (coder));
    }
  gtk_widget_set_sensitive (self->only_mine, current != NULL);
  gtk_widget_set_sensitive (self->show_all,
                            kts_transcript_view_get_coder_visible (self->view, NULL) == FALSE);
  self->syncing = FALSE;
  update_label (self);
}

/* ---- rows ----------------------------------------------------------------- */

static void
code_as_toggled_cb (GtkCheckButton *radio, KtsCoderSwitcher *self)
{
  if (self->syncing || !gtk_check_button_get_active (radio) || self->window == NULL)
    return;
  /* NULL: the user's own coder, made with their first coding. */
  kts_window_set_coder (self->window, g_object_get_data (G_OBJECT (radio), "kts-coder"));
}

static void
show_toggled_cb (GtkCheckButton *check, KtsCoderSwitcher *self)
{
  if (self->syncing)
    return;
  set_coder_visible (self, g_object_get_data (G_OBJECT (check), "kts-coder"),
                     gtk_check_button_get_active (check));
}

static void
name_editing_cb (GtkEditableLabel *label, GParamSpec *pspec, KtsCoderSwitcher *self)
{
  KtsCoder        *coder = g_object_get_data (G_OBJECT (label), "kts-coder");
  g_autofree char *name = NULL;
  KtsCoder        *other;

  if (gtk_editable_label_get_editing (label) || self->project == NULL || self->syncing)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (label))));
  if (g_strcmp0 (name, kts_coder_get_name (coder)) == 0)
    return;
  other = *name != '\0' ? kts_project_find_coder (self->project, name) : NULL;
  if (*name == '\0' || (other != NULL && other != coder))
    {
      g_autofree char *msg
          = *name == '\0' ? g_strdup (_ ("A coder needs a name"))
                          : g_strdup_printf (_ ("There is already a coder called “%s”"), name);

      add_toast (self, msg);
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (label), kts_coder_get_name (coder));
      self->syncing = FALSE;
      return;
    }
  kts_project_set_string (self->project, coder, "name", name);
}

static GtkWidget *
column_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
tag (GtkWidget *widget, const char *role, KtsCoder *coder)
{
  g_object_set_data (G_OBJECT (widget), "kts-role", (gpointer)role);
  g_object_set_data (G_OBJECT (widget), "kts-coder", coder);
}

static void
rebuild (KtsCoderSwitcher *self)
{
  GListModel *model = coders_model (self);
  KtsCoder   *current = current_coder (self);
  GtkWidget  *group = NULL;
  GtkWidget  *child;
  guint       n = model != NULL ? g_list_model_get_n_items (model) : 0;
  int         row = 1;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);

  gtk_grid_attach (GTK_GRID (self->grid), column_heading (_ ("Code As")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), column_heading (_ ("Show")), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->grid), column_heading (_ ("Coder")), 2, 0, 1, 1);

  self->syncing = TRUE;
  for (guint i = 0; i < n; i++, row++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (model, i);
      const char      *name = kts_coder_get_name (coder);
      GtkWidget       *radio = gtk_check_button_new ();
      GtkWidget       *check = gtk_check_button_new ();
      GtkWidget       *label = gtk_editable_label_new (name != NULL ? name : "");
      g_autofree char *as = g_strdup_printf (_ ("Code as %s"), name);
      g_autofree char *show = g_strdup_printf (_ ("Show the codings of %s"), name);
      g_autofree char *rename = g_strdup_printf (_ ("Name of %s (click to rename)"), name);

      gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), GTK_CHECK_BUTTON (group));
      if (group == NULL)
        group = radio;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (radio), coder == current);
      gtk_widget_set_halign (radio, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (radio, as);
      gtk_accessible_update_property (GTK_ACCESSIBLE (radio), GTK_ACCESSIBLE_PROPERTY_LABEL, as,
                                      -1);
      tag (radio, "code-as", coder);
      g_signal_connect (radio, "toggled", G_CALLBACK (code_as_toggled_cb), self);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   kts_transcript_view_get_coder_visible (self->view, coder));
      gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, show);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, show,
                                      -1);
      tag (check, "show", coder);
      g_signal_connect (check, "toggled", G_CALLBACK (show_toggled_cb), self);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (label), 16);
      gtk_widget_set_tooltip_text (label, rename);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, rename,
                                      -1);
      tag (label, "name", coder);
      g_signal_connect (label, "notify::editing", G_CALLBACK (name_editing_cb), self);

      gtk_grid_attach (GTK_GRID (self->grid), radio, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), check, 1, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), label, 2, row, 1, 1);
    }

  /* The user's own coder before their first coding makes it. */
  if (current == NULL && self->window != NULL)
    {
      GtkWidget       *radio = gtk_check_button_new ();
      g_autofree char *text = g_strdup_printf (_ ("%s (new)"), kts_window_get_user_coder_name ());
      GtkWidget       *label = gtk_label_new (text);

      gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), GTK_CHECK_BUTTON (group));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (radio), TRUE);
      gtk_widget_set_halign (radio, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (radio), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
      tag (radio, "code-as", NULL);
      g_signal_connect (radio, "toggled", G_CALLBACK (code_as_toggled_cb), self);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_tooltip_text (label, _ ("Made with your first coding"));
      gtk_grid_attach (GTK_GRID (self->grid), radio, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), label, 2, row, 1, 1);
    }
  self->syncing = FALSE;
  sync_rows (self);
}

/* ---- buttons below ----------------------------------------------------------------- */

static void
show_all_clicked_cb (GtkButton *button, KtsCoderSwitcher *self)
{
  kts_transcript_view_set_visible_coders (self->view, NULL);
}

static void
only_mine_clicked_cb (GtkButton *button, KtsCoderSwitcher *self)
{
  KtsCoder *coder = current_coder (self);

  if (coder != NULL)
    kts_transcript_view_set_visible_coder (self->view, coder);
}

static void
new_coder (KtsCoderSwitcher *self)
{
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_entry))));
  KtsCoder *coder;

  if (self->project == NULL || *name == '\0' || self->window == NULL)
    return;
  coder = kts_project_find_coder (self->project, name);
  if (coder == NULL)
    {
      g_autoptr (KtsCoder) created = kts_coder_new (NULL, name);
      g_autoptr (GError) error = NULL;

      if (!kts_project_add_coder (self->project, created, &error))
        {
          add_toast (self, error->message);
          return;
        }
      coder = created;
    }
  kts_window_set_coder (self->window, coder);
  set_coder_visible (self, coder, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->new_entry), "");
  sync_rows (self);
}

static void
new_entry_activate_cb (GtkEntry *entry, KtsCoderSwitcher *self)
{
  new_coder (self);
}

static void
new_entry_icon_cb (GtkEntry *entry, GtkEntryIconPosition position, KtsCoderSwitcher *self)
{
  new_coder (self);
}

/* ---- model signals ----------------------------------------------------------------- */

static void
coders_changed_cb (
    GListModel *model, guint position, guint removed, guint added, KtsCoderSwitcher *self)
{
  rebuild (self);
}

static void
project_changed_cb (KtsProject *project, KtsCoderSwitcher *self)
{
  /* Renames (also by undo), and the user's coder made by a first coding. */
  sync_rows (self);
}

static void
visible_coders_cb (KtsTranscriptView *view, GParamSpec *pspec, KtsCoderSwitcher *self)
{
  sync_rows (self);
}

static void
popover_show_cb (GtkPopover *popover, KtsCoderSwitcher *self)
{
  rebuild (self);
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
disconnect_project (KtsCoderSwitcher *self)
{
  if (self->project == NULL)
    return;
  g_clear_signal_handler (&self->coders_changed_id, kts_project_get_coders (self->project));
  g_clear_signal_handler (&self->project_changed_id, self->project);
  g_clear_object (&self->project);
}

static void
kts_coder_switcher_dispose (GObject *object)
{
  KtsCoderSwitcher *self = KTS_CODER_SWITCHER (object);

  disconnect_project (self);
  if (self->view != NULL)
    g_clear_signal_handler (&self->visible_id, self->view);
  g_clear_object (&self->view);
  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  G_OBJECT_CLASS (kts_coder_switcher_parent_class)->dispose (object);
}

static void
kts_coder_switcher_finalize (GObject *object)
{
  KtsCoderSwitcher *self = KTS_CODER_SWITCHER (object);

  g_free (self->label);
  G_OBJECT_CLASS (kts_coder_switcher_parent_class)->finalize (object);
}

static void
kts_coder_switcher_class_init (KtsCoderSwitcherClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_coder_switcher_dispose;
  object_class->finalize = kts_coder_switcher_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ktscoderswitcher");
}

static void
kts_coder_switcher_init (KtsCoderSwitcher *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *shortcuts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->button = gtk_menu_button_new ();
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("system-users-symbolic"));
  self->button_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->button_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->button_label), 36);
  gtk_box_append (GTK_BOX (box), self->button_label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), box);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_box_append (GTK_BOX (content), self->grid);

  self->show_all = gtk_button_new_with_mnemonic (_ ("Show _All"));
  gtk_widget_set_tooltip_text (self->show_all, _ ("Show everyone’s codings"));
  g_signal_connect (self->show_all, "clicked", G_CALLBACK (show_all_clicked_cb), self);
  self->only_mine = gtk_button_new_with_mnemonic (_ ("Only _Mine"));
  gtk_widget_set_tooltip_text (self->only_mine,
                               _ ("Show only the codings of the coder you code as"));
  g_signal_connect (self->only_mine, "clicked", G_CALLBACK (only_mine_clicked_cb), self);
  gtk_widget_set_hexpand (self->show_all, TRUE);
  gtk_widget_set_hexpand (self->only_mine, TRUE);
  gtk_box_set_homogeneous (GTK_BOX (shortcuts), TRUE);
  gtk_box_append (GTK_BOX (shortcuts), self->show_all);
  gtk_box_append (GTK_BOX (shortcuts), self->only_mine);
  gtk_box_append (GTK_BOX (content), shortcuts);

  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->new_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->new_entry), _ ("New Coder…"));
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->new_entry), GTK_ENTRY_ICON_SECONDARY,
                                     "list-add-symbolic");
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (self->new_entry), GTK_ENTRY_ICON_SECONDARY,
                                   _ ("Add the Coder and Code as Them"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Name of a new coder"), -1);
  g_signal_connect (self->new_entry, "activate", G_CALLBACK (new_entry_activate_cb), self);
  g_signal_connect (self->new_entry, "icon-release", G_CALLBACK (new_entry_icon_cb), self);
  gtk_box_append (GTK_BOX (content), self->new_entry);

  gtk_widget_set_margin_start (content, 6);
  gtk_widget_set_margin_end (content, 6);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 6);
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), content);
  gtk_widget_add_css_class (self->popover, "coder-switcher");
  g_signal_connect (self->popover, "show", G_CALLBACK (popover_show_cb), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
}

GtkWidget *
kts_coder_switcher_new (KtsWindow *window, KtsTranscriptView *view)
{
  KtsCoderSwitcher *self;

  g_return_val_if_fail (KTS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (KTS_IS_TRANSCRIPT_VIEW (view), NULL);

  self = g_object_new (KTS_TYPE_CODER_SWITCHER, NULL);
  g_set_weak_pointer (&self->window, window);
  self->view = g_object_ref (view);
  self->visible_id
      = g_signal_connect (view, "notify::visible-coders", G_CALLBACK (visible_coders_cb), self);
  update_label (self);
  return GTK_WIDGET (self);
}

void
kts_coder_switcher_set_project (KtsCoderSwitcher *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_CODER_SWITCHER (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;
  disconnect_project (self);
  if (project != NULL)
    {
      self->project = g_object_ref (project);
      self->coders_changed_id = g_signal_connect (kts_project_get_coders (project), "items-changed",
                                                  G_CALLBACK (coders_changed_cb), self);
      self->project_changed_id
          = g_signal_connect (project, "changed", G_CALLBACK (project_changed_cb), self);
    }
  rebuild (self);
}

void
kts_coder_switcher_update (KtsCoderSwitcher *self)
{
  g_return_if_fail (KTS_IS_CODER_SWITCHER (self));
  sync_rows (self);
}

void
kts_coder_switcher_popup (KtsCoderSwitcher *self)
{
  g_return_if_fail (KTS_IS_CODER_SWITCHER (self));
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

const char *
kts_coder_switcher_get_label (KtsCoderSwitcher *self)
{
  g_return_val_if_fail (KTS_IS_CODER_SWITCHER (self), NULL);
  return self->label;
}
