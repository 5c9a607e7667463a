/* kts-code-chooser.c: a button that picks one code (or any code) by typing, for filters.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-code-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-code-chooser.h"
#include "kts-color-swatch.h"
#include "kts-fuzzy.h"

struct _KtsCodeChooser
{
  GtkWidget parent_instance;

  GtkWidget *button;
  GtkWidget *swatch;
  GtkWidget *label;
  GtkWidget *popover;
  GtkWidget *search_entry;
  GtkWidget *list_box;

  KtsProject *project;
  KtsCode    *code;
};

G_DEFINE_FINAL_TYPE (KtsCodeChooser, kts_code_chooser, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  KtsCode *code;
  int      score;
  guint    order;
} Ranked;

static int
ranked_compare (gconstpointer a, gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->score != rb->score)
    return rb->score - ra->score;
  return (int)ra->order - (int)rb->order;
}

static GtkWidget *
make_row (KtsCode *code, gboolean indent)
{
  GtkWidget  *row = gtk_list_box_row_new ();
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget  *name;
  const char *key = code != NULL ? kts_code_get_key (code) : NULL;

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  if (code == NULL)
    {
      name = gtk_label_new (_ ("Any code"));
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("edit-clear-symbolic"));
    }
  else
    {
      name = gtk_label_new (kts_code_get_name (code));
      if (indent)
        gtk_widget_set_margin_start (box, 14 * (int)kts_code_get_depth (code));
      gtk_box_append (GTK_BOX (box), kts_color_swatch_new (kts_code_get_color (code)));
      if (!kts_code_get_codable (code))
        gtk_widget_add_css_class (name, "heading");
      gtk_widget_set_tooltip_text (row, kts_code_get_definition (code));
      g_object_set_data_full (G_OBJECT (row), "kts-code", g_object_ref (code), g_object_unref);
    }
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  if (key != NULL)
    {
      GtkWidget *label = gtk_label_new (key);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "code-key");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
refill (KtsCodeChooser *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);
  if (self->project == NULL)
    return;

  if (*query == '\0')
    gtk_list_box_append (GTK_LIST_BOX (self->list_box), make_row (NULL, FALSE));
  codes = kts_codebook_list_codes (kts_project_get_codebook (self->project));
  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);
      Ranked   r = { code, 0, i };

      r.score = MAX (kts_fuzzy_score (query, kts_code_get_name (code)),
                     kts_fuzzy_score (query, kts_code_get_key (code)));
      if (r.score >= 0)
        g_array_append_val (ranked, r);
    }
  /* Nothing typed: the codebook's own order, as a tree. */
  if (*query != '\0')
    g_array_sort (ranked, ranked_compare);
  for (guint i = 0; i < ranked->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list_box),
                         make_row (g_array_index (ranked, Ranked, i).code, *query == '\0'));
  gtk_list_box_select_row (GTK_LIST_BOX (self->list_box),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), 0));
}

static void
update_button (KtsCodeChooser *self)
{
  g_autofree char *tooltip = NULL;

  if (self->code == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->label), _ ("Any code"));
      gtk_widget_set_visible (self->swatch, FALSE);
      tooltip = g_strdup (_ ("Code (with its sub-codes)"));
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->label), kts_code_get_name (self->code));
      kts_color_swatch_set_color (KTS_COLOR_SWATCH (self->swatch), kts_code_get_color (self->code));
      gtk_widget_set_visible (self->swatch, TRUE);
      /* Translators: tooltip of the code filter, "Code: Silence (RUP.W.silence) and its sub-codes"
       */
      tooltip
          = g_strdup_printf (_ ("Code: %s (%s) and its sub-codes"), kts_code_get_name (self->code),
                             kts_code_get_display_key (self->code));
    }
  gtk_widget_set_tooltip_text (self->button, tooltip);
}

static void
row_activated_cb (GtkListBox *box, GtkListBoxRow *row, KtsCodeChooser *self)
{
  kts_code_chooser_set_code (self, g_object_get_data (G_OBJECT (row), "kts-code"));
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
search_changed_cb (KtsCodeChooser *self)
{
  refill (self);
}

static void
search_activate_cb (KtsCodeChooser *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list_box));

  if (row != NULL)
    row_activated_cb (GTK_LIST_BOX (self->list_box), row, self);
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       KtsCodeChooser        *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list_box));
      if (row == NULL)
        row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), 0);
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      return TRUE;
    }
  return FALSE;
}

static void
popover_show_cb (KtsCodeChooser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refill (self);
  gtk_widget_grab_focus (self->search_entry);
}

static void
kts_code_chooser_dispose (GObject *object)
{
  KtsCodeChooser *self = KTS_CODE_CHOOSER (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->project);
  g_clear_object (&self->code);
  G_OBJECT_CLASS (kts_code_chooser_parent_class)->dispose (object);
}

static void
kts_code_chooser_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCodeChooser *self = KTS_CODE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_object (value, self->code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_code_chooser_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KtsCodeChooser *self = KTS_CODE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CODE:
      kts_code_chooser_set_code (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_code_chooser_class_init (KtsCodeChooserClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_code_chooser_dispose;
  object_class->get_property = kts_code_chooser_get_property;
  object_class->set_property = kts_code_chooser_set_property;

  properties[PROP_CODE]
      = g_param_spec_object ("code", NULL, NULL, KTS_TYPE_CODE,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codechooser");
}

static void
kts_code_chooser_init (KtsCodeChooser *self)
{
  GtkWidget          *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget          *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget          *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->swatch = kts_color_swatch_new (NULL);
  self->label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 22);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_box_append (GTK_BOX (content), self->swatch);
  gtk_box_append (GTK_BOX (content), self->label);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("pan-down-symbolic"));

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _ ("Search codes"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (self->search_entry, keys);

  self->list_box = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list_box, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Codes"), -1);
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_set_size_request (scrolled, 340, -1);

  gtk_box_append (GTK_BOX (box), self->search_entry);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_show_cb), self);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Code"), -1);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  update_button (self);
}

GtkWidget *
kts_code_chooser_new (void)
{
  return g_object_new (KTS_TYPE_CODE_CHOOSER, NULL);
}

void
kts_code_chooser_set_project (KtsCodeChooser *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_CODE_CHOOSER (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (g_set_object (&self->project, project))
    kts_code_chooser_set_code (self, NULL);
}

KtsCode *
kts_code_chooser_get_code (KtsCodeChooser *self)
{
  g_return_val_if_fail (KTS_IS_CODE_CHOOSER (self), NULL);
  return self->code;
}

void
kts_code_chooser_set_code (KtsCodeChooser *self, KtsCode *code)
{
  g_return_if_fail (KTS_IS_CODE_CHOOSER (self));
  g_return_if_fail (code == NULL || KTS_IS_CODE (code));

  if (!g_set_object (&self->code, code))
    return;
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}
