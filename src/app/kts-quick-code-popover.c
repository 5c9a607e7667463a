/* kts-quick-code-popover.c: the Ctrl+K popover that finds a code by typing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-quick-code-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-color-swatch.h"
#include "kts-fuzzy.h"
#include "kts-quick-code-popover.h"

#define MAX_RESULTS 60

struct _KtsQuickCodePopover
{
  GtkPopover parent_instance;

  GtkWidget *heading;
  GtkWidget *search_entry;
  GtkWidget *list_box;
  GtkWidget *empty_label;

  KtsProject *project;
};

G_DEFINE_FINAL_TYPE (KtsQuickCodePopover, kts_quick_code_popover, GTK_TYPE_POPOVER)

enum
{
  CODE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

GPtrArray *
kts_quick_code_popover_rank (KtsProject *project, const char *query)
{
  g_autoptr (GPtrArray) codes = NULL;
  g_autoptr (GArray) ranked = NULL;
  GPtrArray *result;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);

  codes = kts_codebook_list_codes (kts_project_get_codebook (project));
  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  if (query == NULL)
    query = "";

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);
      Ranked   r = { code, -1, i };

      if (!kts_code_get_codable (code) || kts_project_hides_code (project, code))
        continue;
      r.score = MAX (kts_fuzzy_score (query, kts_code_get_name (code)),
                     kts_fuzzy_score (query, kts_code_get_key (code)));
      /* With nothing typed, codes with a digit come first. */
      if (*query == '\0' && kts_code_get_shortcut (code) > 0)
        r.score = 100 - kts_code_get_shortcut (code);
      if (r.score >= 0)
        g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, ranked_compare);

  result = g_ptr_array_new ();
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (result, g_array_index (ranked, Ranked, i).code);
  return result;
}

static GtkWidget *
make_row (KtsCode *code)
{
  GtkWidget  *row = gtk_list_box_row_new ();
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget  *name = gtk_label_new (kts_code_get_name (code));
  const char *key = kts_code_get_key (code);
  int         digit = kts_code_get_shortcut (code);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), kts_color_swatch_new (kts_code_get_color (code)));
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
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (digit > 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", digit);
      GtkWidget       *label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "keycap");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, kts_code_get_definition (code));
  g_object_set_data_full (G_OBJECT (row), "kts-code", g_object_ref (code), g_object_unref);
  return row;
}

static void
refill (KtsQuickCodePopover *self)
{
  g_autoptr (GPtrArray) ranked = NULL;
  GtkWidget     *child;
  GtkListBoxRow *first;

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);

  if (self->project == NULL)
    return;

  ranked = kts_quick_code_popover_rank (self->project,
                                        gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  for (guint i = 0; i < ranked->len && i < MAX_RESULTS; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list_box), make_row (g_ptr_array_index (ranked, i)));

  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), 0);
  gtk_list_box_select_row (GTK_LIST_BOX (self->list_box), first);
  gtk_widget_set_visible (self->empty_label, first == NULL);
}

static void
search_changed_cb (KtsQuickCodePopover *self)
{
  refill (self);
}

static void
choose_row (KtsQuickCodePopover *self, GtkListBoxRow *row)
{
  KtsCode *code;

  if (row == NULL)
    return;
  code = g_object_get_data (G_OBJECT (row), "kts-code");
  g_object_ref (code);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CODE_CHOSEN], 0, code);
  g_object_unref (code);
}

static void
search_activate_cb (KtsQuickCodePopover *self)
{
  choose_row (self, gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list_box)));
}

static void
row_activated_cb (KtsQuickCodePopover *self, GtkListBoxRow *row)
{
  choose_row (self, row);
}

static void
stop_search_cb (KtsQuickCodePopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
move_selection (KtsQuickCodePopover *self, int delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list_box));
  int            index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;
  GtkListBoxRow *next;

  if (index < 0)
    return;
  next = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), index);
  if (next != NULL)
    {
      gtk_list_box_select_row (GTK_LIST_BOX (self->list_box), next);
      /* Keep the row in view without taking focus from the entry. */
      {
        GtkWidget     *sw = gtk_widget_get_ancestor (self->list_box, GTK_TYPE_SCROLLED_WINDOW);
        GtkAdjustment *adj
            = sw != NULL ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw)) : NULL;
        graphene_rect_t bounds;
        if (adj != NULL && gtk_widget_compute_bounds (GTK_WIDGET (next), self->list_box, &bounds))
          gtk_adjustment_clamp_page (adj, bounds.origin.y, bounds.origin.y + bounds.size.height);
      }
    }
}

static void
next_match_cb (KtsQuickCodePopover *self)
{
  move_selection (self, 1);
}

static void
previous_match_cb (KtsQuickCodePopover *self)
{
  move_selection (self, -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KtsQuickCodePopover   *self)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
kts_quick_code_popover_show (GtkWidget *widget)
{
  KtsQuickCodePopover *self = KTS_QUICK_CODE_POPOVER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refill (self);
  GTK_WIDGET_CLASS (kts_quick_code_popover_parent_class)->show (widget);
  gtk_widget_grab_focus (self->search_entry);
}

static void
kts_quick_code_popover_dispose (GObject *object)
{
  KtsQuickCodePopover *self = KTS_QUICK_CODE_POPOVER (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_QUICK_CODE_POPOVER);
  G_OBJECT_CLASS (kts_quick_code_popover_parent_class)->dispose (object);
}

static void
kts_quick_code_popover_class_init (KtsQuickCodePopoverClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_quick_code_popover_dispose;
  widget_class->show = kts_quick_code_popover_show;

  signals[CODE_CHOSEN] = g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, KTS_TYPE_CODE);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-quick-code-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsQuickCodePopover, heading);
  gtk_widget_class_bind_template_child (widget_class, KtsQuickCodePopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KtsQuickCodePopover, list_box);
  gtk_widget_class_bind_template_child (widget_class, KtsQuickCodePopover, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_match_cb);
}

static void
kts_quick_code_popover_init (KtsQuickCodePopover *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->search_entry, keys);
}

GtkWidget *
kts_quick_code_popover_new (void)
{
  return g_object_new (KTS_TYPE_QUICK_CODE_POPOVER, NULL);
}

void
kts_quick_code_popover_set_project (KtsQuickCodePopover *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_QUICK_CODE_POPOVER (self));
  g_set_object (&self->project, project);
}

void
kts_quick_code_popover_set_heading (KtsQuickCodePopover *self, const char *heading)
{
  g_return_if_fail (KTS_IS_QUICK_CODE_POPOVER (self));
  gtk_label_set_text (GTK_LABEL (self->heading), heading);
}
