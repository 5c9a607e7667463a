/* kts-code-row.c: one row of the codebook panel: swatch, name, key, digit, count.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-code-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-code-row.h"
#include "kts-color-palette.h"
#include "kts-color-swatch.h"

struct _KtsCodeRow
{
  GtkWidget parent_instance;

  GtkWidget *expander;
  GtkWidget *content;
  GtkWidget *swatch;
  GtkWidget *name_label;
  GtkWidget *path_label;
  GtkWidget *key_label;
  GtkWidget *shortcut_label;
  GtkWidget *count_label;
  GtkWidget *menu;

  KtsProject   *project;
  KtsCode      *code;
  GSignalGroup *code_signals;
  GSignalGroup *project_signals;
};

G_DEFINE_FINAL_TYPE (KtsCodeRow, kts_code_row, GTK_TYPE_WIDGET)

static char *
escape_or_null (const char *text)
{
  return text != NULL ? g_markup_escape_text (text, -1) : NULL;
}

char *
kts_code_describe_markup (KtsCode *code)
{
  GString         *s = g_string_new (NULL);
  g_autofree char *name = escape_or_null (kts_code_get_name (code));
  g_autofree char *key = escape_or_null (kts_code_get_key (code));
  struct
  {
    const char *label;
    const char *text;
  } fields[] = {
    { _ ("Definition"), kts_code_get_definition (code) },
    { _ ("Example"), kts_code_get_example (code) },
    { _ ("Use when"), kts_code_get_include (code) },
    { _ ("Not when"), kts_code_get_exclude (code) },
  };

  g_string_append_printf (s, "<b>%s</b>", name);
  if (key != NULL)
    g_string_append_printf (s, "  <tt>%s</tt>", key);
  if (!kts_code_get_codable (code))
    g_string_append_printf (s, "\n<i>%s</i>", _ ("A category: apply one of its sub-codes."));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = NULL;

      if (fields[i].text == NULL || *fields[i].text == '\0')
        continue;
      text = g_markup_escape_text (fields[i].text, -1);
      g_string_append_printf (s, "\n\n<b>%s</b>\n%s", fields[i].label, text);
    }

  return g_string_free (s, FALSE);
}

static void
update_count (KtsCodeRow *self)
{
  g_autofree char *text = NULL;
  guint            n;

  if (self->code == NULL || self->project == NULL)
    return;
  n = kts_project_count_visible_codings (self->project, self->code);
  text = g_strdup_printf ("%u", n);
  gtk_label_set_text (GTK_LABEL (self->count_label), text);
  gtk_widget_set_visible (self->count_label, kts_code_get_codable (self->code) || n > 0);
  {
    g_autofree char *a11y
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings", n), n);
    gtk_widget_set_tooltip_text (self->count_label, a11y);
  }
}

static void
update_code (KtsCodeRow *self)
{
  KtsCode    *code = self->code;
  const char *key;
  int         digit;

  if (code == NULL)
    return;

  kts_color_swatch_set_color (KTS_COLOR_SWATCH (self->swatch), kts_code_get_color (code));
  gtk_label_set_text (GTK_LABEL (self->name_label), kts_code_get_name (code));
  key = kts_code_get_key (code);
  gtk_label_set_text (GTK_LABEL (self->key_label), key != NULL ? key : "");
  gtk_widget_set_visible (self->key_label, key != NULL && *key != '\0');

  digit = kts_code_get_shortcut (code);
  if (digit > 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", digit);
      g_autofree char *tip = g_strdup_printf (_ ("Press %d to apply"), digit);
      gtk_label_set_text (GTK_LABEL (self->shortcut_label), text);
      gtk_widget_set_tooltip_text (self->shortcut_label, tip);
    }
  gtk_widget_set_visible (self->shortcut_label, digit > 0);

  if (kts_code_get_codable (code))
    gtk_widget_remove_css_class (GTK_WIDGET (self), "category");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "category");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kts_code_get_name (code), -1);
  update_count (self);
}

static void
code_notify_cb (KtsCodeRow *self)
{
  update_code (self);
}

static void
project_changed_cb (KtsCodeRow *self)
{
  update_count (self);
}

static gboolean
query_tooltip_cb (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, KtsCodeRow *self)
{
  g_autofree char *markup = NULL;

  if (self->code == NULL)
    return FALSE;
  markup = kts_code_describe_markup (self->code);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
activate_with_guid (KtsCodeRow *self, const char *action)
{
  if (self->code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "s",
                                kts_item_get_guid (KTS_ITEM (self->code)));
}

static void
click_released_cb (GtkGestureClick *gesture, int n_press, double x, double y, KtsCodeRow *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == GDK_BUTTON_SECONDARY)
    {
      kts_code_row_popup_menu (self);
      return;
    }
  if (n_press == 1)
    activate_with_guid (self, "codebook.click");
}

static void
long_press_cb (GtkGestureLongPress *gesture, double x, double y, KtsCodeRow *self)
{
  kts_code_row_popup_menu (self);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, KtsCodeRow *self)
{
  if (self->code == NULL)
    return NULL;
  return gdk_content_provider_new_typed (KTS_TYPE_CODE, self->code);
}

static void
drag_begin_cb (GtkDragSource *source, GdkDrag *drag, KtsCodeRow *self)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (self->content);
  gtk_drag_source_set_icon (source, paintable, 0, 0);
  g_object_unref (paintable);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, KtsCodeRow *self)
{
  if (self->code == NULL)
    return FALSE;

  if (G_VALUE_HOLDS (value, KTS_TYPE_CODE))
    {
      KtsCode *moved = g_value_get_object (value);

      if (moved == NULL || moved == self->code)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "codebook.move-into", "(ss)",
                                  kts_item_get_guid (KTS_ITEM (moved)),
                                  kts_item_get_guid (KTS_ITEM (self->code)));
      return TRUE;
    }

  /* A range dragged out of the transcript view: "kintsugi-range:DOC:START:END". */
  if (G_VALUE_HOLDS_STRING (value)
      && g_str_has_prefix (g_value_get_string (value), "kintsugi-range:"))
    {
      g_auto (GStrv) parts = g_strsplit (g_value_get_string (value), ":", 4);
      guint64 start, end;

      if (g_strv_length (parts) != 4
          || !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXUINT, &start, NULL)
          || !g_ascii_string_to_unsigned (parts[3], 10, 0, G_MAXUINT, &end, NULL))
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.apply-code-range", "(ssuu)",
                                  kts_item_get_guid (KTS_ITEM (self->code)), parts[1], (guint)start,
                                  (guint)end);
      return TRUE;
    }

  /* Other text: apply the code to the transcript's selection. */
  activate_with_guid (self, "codebook.apply");
  return TRUE;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target, double x, double y, KtsCodeRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "drop-hover");
  return GDK_ACTION_COPY | GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target, KtsCodeRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-hover");
}

static void
palette_color_cb (KtsColorPalette *palette, const char *color, KtsCodeRow *self)
{
  if (self->code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "codebook.recolor", "(ss)",
                                kts_item_get_guid (KTS_ITEM (self->code)), color);
  if (self->menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->menu));
}

static GMenuModel *
build_menu (KtsCodeRow *self)
{
  const char *guid = kts_item_get_guid (KTS_ITEM (self->code));
  GMenu      *menu = g_menu_new ();
  GMenu      *section;
  GMenu      *shortcuts;
  GMenuItem  *item;

  section = g_menu_new ();
  item = g_menu_item_new (_ ("_Apply to Selection"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.apply", g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);

  item = g_menu_item_new (_ ("Go to _Next Coding"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.next-coding",
                                           g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);
  item = g_menu_item_new (_ ("Go to _Previous Coding"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.previous-coding",
                                           g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);
  item = g_menu_item_new (_ ("Show in _Codebook"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.show-code", g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (NULL, NULL);
  g_menu_item_set_attribute (item, "custom", "s", "palette");
  g_menu_append_item (section, item);
  g_object_unref (item);
  g_menu_append_section (menu, _ ("Colour"), G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (_ ("_Edit…"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.edit", g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);
  item = g_menu_item_new (_ ("New _Sub-code…"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.new-child", g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);

  shortcuts = g_menu_new ();
  for (int digit = 1; digit <= 9; digit++)
    {
      g_autofree char *label = g_strdup_printf (_ ("Key %d"), digit);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "codebook.set-shortcut",
                                               g_variant_new ("(si)", guid, digit));
      g_menu_append_item (shortcuts, item);
      g_object_unref (item);
    }
  item = g_menu_item_new (_ ("No Key"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.set-shortcut",
                                           g_variant_new ("(si)", guid, 0));
  g_menu_append_item (shortcuts, item);
  g_object_unref (item);
  g_menu_append_submenu (section, _ ("Keyboard _Shortcut"), G_MENU_MODEL (shortcuts));
  g_object_unref (shortcuts);

  item = g_menu_item_new (_ ("_Merge Into…"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.merge", g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);
  item = g_menu_item_new (_ ("Move to _Top Level"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.move-to-top",
                                           g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (_ ("_Delete…"), NULL);
  g_menu_item_set_action_and_target_value (item, "codebook.delete", g_variant_new_string (guid));
  g_menu_append_item (section, item);
  g_object_unref (item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  return G_MENU_MODEL (menu);
}

void
kts_code_row_popup_menu (KtsCodeRow *self)
{
  g_autoptr (GMenuModel) model = NULL;
  GtkWidget *palette;

  g_return_if_fail (KTS_IS_CODE_ROW (self));

  if (self->code == NULL)
    return;

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  model = build_menu (self);
  self->menu = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), TRUE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);

  palette = kts_color_palette_new (
      self->project != NULL ? kts_project_get_codebook (self->project) : NULL, 6);
  kts_color_palette_set_color (KTS_COLOR_PALETTE (palette), kts_code_get_color (self->code));
  gtk_widget_set_margin_start (palette, 6);
  gtk_widget_set_margin_end (palette, 6);
  g_signal_connect (palette, "color-activated", G_CALLBACK (palette_color_cb), self);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (self->menu), palette, "palette");

  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
kts_code_row_dispose (GObject *object)
{
  KtsCodeRow *self = KTS_CODE_ROW (object);

  kts_code_row_unbind (self);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->expander, gtk_widget_unparent);
  g_clear_object (&self->code_signals);
  g_clear_object (&self->project_signals);

  G_OBJECT_CLASS (kts_code_row_parent_class)->dispose (object);
}

static void
kts_code_row_class_init (KtsCodeRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_code_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "coderow");
}

static GtkWidget *
dim_label (const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css);
  return label;
}

static void
kts_code_row_init (KtsCodeRow *self)
{
  GtkWidget     *text_box;
  GtkGesture    *click;
  GtkGesture    *long_press;
  GtkDragSource *drag;
  GtkDropTarget *drop;
  GType          drop_types[] = { KTS_TYPE_CODE, G_TYPE_STRING };

  self->expander = gtk_tree_expander_new ();
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));

  self->content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (self->content, "code-row-content");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (self->expander), self->content);

  self->swatch = kts_color_swatch_new (NULL);
  gtk_box_append (GTK_BOX (self->content), self->swatch);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->content), text_box);

  self->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->name_label, "code-name");
  gtk_box_append (GTK_BOX (text_box), self->name_label);

  self->key_label = dim_label ("code-key");
  gtk_label_set_xalign (GTK_LABEL (self->key_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->key_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->key_label, "dim-label");
  gtk_box_append (GTK_BOX (text_box), self->key_label);

  self->path_label = dim_label ("caption");
  gtk_label_set_xalign (GTK_LABEL (self->path_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->path_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (self->path_label, "dim-label");
  gtk_widget_set_visible (self->path_label, FALSE);
  gtk_box_append (GTK_BOX (text_box), self->path_label);

  self->shortcut_label = dim_label ("keycap");
  gtk_widget_set_valign (self->shortcut_label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->shortcut_label, FALSE);
  gtk_box_append (GTK_BOX (self->content), self->shortcut_label);

  self->count_label = dim_label ("numeric");
  gtk_widget_add_css_class (self->count_label, "code-count");
  gtk_widget_set_valign (self->count_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->content), self->count_label);

  gtk_widget_set_has_tooltip (self->content, TRUE);
  g_signal_connect (self->content, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (self->content, GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (long_press_cb), self);
  gtk_widget_add_controller (self->content, GTK_EVENT_CONTROLLER (long_press));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (drop, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (drop, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->code_signals = g_signal_group_new (KTS_TYPE_CODE);
  g_signal_group_connect_swapped (self->code_signals, "notify", G_CALLBACK (code_notify_cb), self);
  self->project_signals = g_signal_group_new (KTS_TYPE_PROJECT);
  g_signal_group_connect_swapped (self->project_signals, "changed", G_CALLBACK (project_changed_cb),
                                  self);
}

GtkWidget *
kts_code_row_new (void)
{
  return g_object_new (KTS_TYPE_CODE_ROW, NULL);
}

void
kts_code_row_bind (KtsCodeRow     *self,
                   KtsProject     *project,
                   GtkTreeListRow *tree_row,
                   KtsCode        *code,
                   gboolean        show_path)
{
  g_return_if_fail (KTS_IS_CODE_ROW (self));
  g_return_if_fail (KTS_IS_PROJECT (project));
  g_return_if_fail (KTS_IS_CODE (code));

  g_set_object (&self->project, project);
  g_set_object (&self->code, code);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), tree_row);
  g_signal_group_set_target (self->code_signals, code);
  g_signal_group_set_target (self->project_signals, project);

  if (show_path && kts_code_get_parent (code) != NULL)
    {
      GString *path = g_string_new (NULL);

      for (KtsCode *p = kts_code_get_parent (code); p != NULL; p = kts_code_get_parent (p))
        {
          if (path->len > 0)
            g_string_prepend (path, " › ");
          g_string_prepend (path, kts_code_get_name (p));
        }
      gtk_label_set_text (GTK_LABEL (self->path_label), path->str);
      g_string_free (path, TRUE);
      gtk_widget_set_visible (self->path_label, TRUE);
    }
  else
    gtk_widget_set_visible (self->path_label, FALSE);

  update_code (self);
}

void
kts_code_row_unbind (KtsCodeRow *self)
{
  g_return_if_fail (KTS_IS_CODE_ROW (self));

  if (self->code_signals != NULL)
    g_signal_group_set_target (self->code_signals, NULL);
  if (self->project_signals != NULL)
    g_signal_group_set_target (self->project_signals, NULL);
  if (self->expander != NULL)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), NULL);
  g_clear_object (&self->code);
  g_clear_object (&self->project);
}

KtsCode *
kts_code_row_get_code (KtsCodeRow *self)
{
  g_return_val_if_fail (KTS_IS_CODE_ROW (self), NULL);
  return self->code;
}
